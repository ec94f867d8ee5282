"""Authentication: what proves who the caller is, and the layer that adds it to requests.

An auth is an object with two methods: ``headers(request)`` gives the headers that carry
the credentials (the layer marks them, so a redirect to another origin drops them), and
``retry(request, response)`` says whether a refused answer is worth one more attempt after
the auth renewed itself (a JWT that expired). The configuration picks the auth
(``Configuration.auth``); the layer asks for it on every request, so credentials changed
on a configuration take effect at once.
"""
from __future__ import annotations

import base64
from typing import Any, Callable, Dict, Mapping, Optional, Sequence

from airflow_python_sdk._runtime.errors import ApiTypeError, ApiValueError
from airflow_python_sdk._runtime.request import Request
from airflow_python_sdk._runtime.transport import Response


class Auth:
    """No credentials; the base of every auth."""

    kind = "none"

    def headers(self, request: Request) -> Mapping[str, str]:
        return {}

    def retry(self, request: Request, response: Response) -> bool:
        return False

    def describe(self) -> str:
        """What the credentials are, for messages (never the secret itself)."""
        return "no credentials"


def check_credential(value: Any, name: str) -> str:
    """A credential as it may go in a header: surrounding whitespace (a token read from a
    file ends with a newline) stripped; control characters refused, without echoing it."""
    if not isinstance(value, str):
        raise ApiTypeError(f"{name} must be a str, got {type(value).__name__}")
    text: str = value.strip()
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise ApiValueError(f"{name} contains a control character (a line break inside the "
                            "value?); it cannot be sent in a header")
    return text


class BasicAuth(Auth):
    """HTTP basic auth (Airflow 2.x with the basic_auth backend)."""

    kind = "basic"

    def __init__(self, username: str, password: str) -> None:
        self.username = username
        raw = f"{username}:{password}".encode("utf-8")
        self._header = {"Authorization": "Basic " + base64.b64encode(raw).decode("ascii")}

    def headers(self, request: Request) -> Mapping[str, str]:
        return self._header

    def describe(self) -> str:
        return f"basic auth as user {self.username!r}"

    def __repr__(self) -> str:
        return f"BasicAuth(username={self.username!r}, password=***)"


class BearerAuth(Auth):
    """A bearer token: a static one, or one a callable provides before each request."""

    kind = "token"

    def __init__(self, token: Optional[str] = None,
                 provider: Optional[Callable[[], str]] = None) -> None:
        self._header = {"Authorization": f"Bearer {token}"} if token is not None else None
        self.provider = provider

    def headers(self, request: Request) -> Mapping[str, str]:
        if self.provider is not None:
            token = check_credential(self.provider(), "the token provider's token")
            return {"Authorization": f"Bearer {token}"}
        return self._header or {}

    def describe(self) -> str:
        return "a token from a token provider" if self.provider is not None else "a bearer token"

    def __repr__(self) -> str:
        return "BearerAuth(token=***)"


class HeaderAuth(Auth):
    """Fixed headers (a session cookie), and headers a hook gives before each request."""

    kind = "headers"

    def __init__(self, fixed: Optional[Mapping[str, str]] = None,
                 hook: Optional[Callable[[], Mapping[str, str]]] = None) -> None:
        self.fixed = dict(fixed or {})
        self.hook = hook

    def headers(self, request: Request) -> Mapping[str, str]:
        if self.hook is None:
            return self.fixed
        out = dict(self.fixed)
        for name, value in self.hook().items():
            out[name] = check_credential(value, f"the auth_header_provider's {name} header")
        return out

    def describe(self) -> str:
        names = sorted(self.fixed) + (["headers from auth_header_provider"] if self.hook else [])
        return ", ".join(names) or "no credentials"


class ChainAuth(Auth):
    """Several auths at once, the later ones' headers winning."""

    def __init__(self, parts: Sequence[Auth]) -> None:
        self.parts = list(parts)
        self.kind = "+".join(p.kind for p in self.parts) or "none"

    def headers(self, request: Request) -> Mapping[str, str]:
        out: Dict[str, str] = {}
        for part in self.parts:
            out.update(part.headers(request))
        return out

    def retry(self, request: Request, response: Response) -> bool:
        return any(part.retry(request, response) for part in self.parts)

    def describe(self) -> str:
        return " and ".join(part.describe() for part in self.parts) or "no credentials"


class AuthLayer:
    """Adds the credentials, and retries once when the auth renewed itself after a refusal."""

    def __init__(self, next_layer: Any, auth_for: Callable[[Request], Auth]) -> None:
        self.next = next_layer
        self.auth_for = auth_for

    def send(self, request: Request) -> Response:
        auth = self.auth_for(request)
        self._apply(auth, request)
        response: Response = self.next.send(request)
        if response.status in (401, 403) and auth.retry(request, response):
            response.release_conn()
            retried = request.replace()
            self._apply(auth, retried)
            response = self.next.send(retried)
        return response

    @staticmethod
    def _apply(auth: Auth, request: Request) -> None:
        credentials = auth.headers(request)
        if credentials:
            request.headers.update(credentials)
            request.credentials = tuple(credentials)
