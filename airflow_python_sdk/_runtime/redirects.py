"""Following redirects: the layer between auth and retries.

Up to ``follow_redirects`` hops (0: never). Credentials never follow a request to another
origin: every header the auth layer marked as a credential, and ``Authorization``,
``Cookie`` and ``Proxy-Authorization``, are dropped when scheme, host or port change. A
redirect from https to http is not followed (the next hop would be sent in clear text);
the 3xx answer is returned as it is and reads as an error. 303, and 301/302 after a POST,
turn into a GET without a body, as browsers do.
"""
from __future__ import annotations

from typing import Any, Callable
from urllib.parse import urljoin, urlsplit

from airflow_python_sdk._runtime.request import Request
from airflow_python_sdk._runtime.transport import Response

REDIRECTS = frozenset({301, 302, 303, 307, 308})
CREDENTIAL_HEADERS = frozenset({"authorization", "cookie", "proxy-authorization"})


class RedirectLayer:
    """Sends through ``next`` and follows the redirects it answers."""

    def __init__(self, next_layer: Any, max_hops: Callable[[], int]) -> None:
        self.next = next_layer
        self.max_hops = max_hops

    def send(self, request: Request) -> Response:
        hops = self.max_hops()
        while True:
            response: Response = self.next.send(request)
            if response.status not in REDIRECTS or hops <= 0:
                return response
            location = response.headers.get("Location")
            if not location:
                return response
            following = redirected(request, response.status, location)
            if following is None:
                return response
            response.release_conn()
            request = following
            hops -= 1


def redirected(request: Request, status: int, location: str) -> Any:
    """The request to send after a redirect to ``location``, or None when it must not be
    followed (a downgrade from https to http, or a scheme other than http(s))."""
    target = urljoin(request.url, location)
    old, new = urlsplit(request.url), urlsplit(target)
    if new.scheme not in ("http", "https") or (old.scheme == "https" and new.scheme == "http"):
        return None
    headers = dict(request.headers)
    credentials, sent_as = request.credentials, request.sent_as
    if (new.scheme, new.netloc) != (old.scheme, old.netloc):
        dropped = CREDENTIAL_HEADERS | {name.lower() for name in credentials}
        headers = {k: v for k, v in headers.items() if k.lower() not in dropped}
        credentials, sent_as = (), ""
    method, body = request.method, request.body
    if status == 303 or (status in (301, 302) and method == "POST"):
        method, body = "GET", None
        headers = {k: v for k, v in headers.items() if k.lower() != "content-type"}
    return request.replace(method=method, url=target, headers=headers, body=body,
                           credentials=credentials, sent_as=sent_as)
