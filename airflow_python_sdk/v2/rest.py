"""``RESTClientObject`` and ``RESTResponse`` at 3.3.2's module path (see ``compat.rest``), and
its proxy helpers."""
from typing import Optional

from airflow_python_sdk._runtime.proxies import SOCKS_SCHEMES, bypasses_proxy, content_type_matches, is_socks
from airflow_python_sdk._runtime.request import Request
from airflow_python_sdk._runtime.transport import Response
from airflow_python_sdk.compat.rest import RESTClientObject as _RESTClientObject
from airflow_python_sdk.compat.rest import RESTResponse
from airflow_python_sdk.v2.exceptions import ApiException, ApiValueError


class RESTClientObject(_RESTClientObject):
    """The transport of ``airflow_python_sdk.v2.ApiClient``: as 3.3.2's, ``request()`` answers
    whatever the status; when a subclass overrides ``request()``, every exchange of the
    pipeline goes through it (with the full URL)."""

    raises_for_status = False

    def handle(self, request: Request) -> Response:
        if "request" not in self.__dict__ and type(self).request is _RESTClientObject.request:
            return self.transport.handle(request)
        answer = self.request(request.method, request.url, headers=request.headers, body=request.body,
                              _preload_content=not request.stream, _request_timeout=request.timeout)
        response = answer if isinstance(answer, Response) else RESTResponse(answer)
        if response.request is None:
            response.request = request
        return response


RESTResponseType = Response  # what *_without_preload_content methods return
SUPPORTED_SOCKS_PROXIES = set(SOCKS_SCHEMES)


def is_socks_proxy_url(url: Optional[str]) -> bool:
    """Whether ``url`` names a SOCKS proxy (``socks5://...``)."""
    return is_socks(url)


def contenttype_matches(contenttype: str, maintype: str, subtype: str) -> bool:
    """Whether a Content-Type is ``maintype/subtype``, parameters and a ``+suffix`` aside."""
    return content_type_matches(contenttype, maintype, subtype)


def should_bypass_proxies(url: str, no_proxy: str) -> bool:
    """Whether ``no_proxy`` (comma-separated hosts, domains, addresses, networks, ``*``) says
    ``url`` goes direct."""
    return bypasses_proxy(url, no_proxy)


__all__ = ["ApiException", "ApiValueError", "RESTClientObject", "RESTResponse", "RESTResponseType",
           "SUPPORTED_SOCKS_PROXIES", "contenttype_matches", "is_socks_proxy_url",
           "should_bypass_proxies"]
