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
            request.sent_as = auth.describe()


class JwtAuth(Auth):
    """Airflow 3's tokens, fetched and renewed by themselves from a username and password.

    The first request that needs one posts the credentials to ``token_url`` (``{root}/auth/token``)
    and keeps the JWT it answers. A token is renewed before its ``exp`` (read from its payload;
    the signature is the server's business) and once more when a request answers 401 ``Token
    Expired`` or 403 ``Invalid JWT token`` (revoked by a logout, or from before the server's key
    changed); that request is then sent again, once. Threads that need a token at the same
    time cause one token request. A refused login raises ``UnauthorizedException`` saying the
    token endpoint refused the credentials; neither the password nor the token is ever shown.
    """

    kind = "jwt"
    RENEW_BEFORE = 30.0  # seconds before exp; a fifth of the lifetime for short-lived tokens

    def __init__(self, username: str, password: str, token_url: str,
                 fetch: Callable[[Request], Response], errors: Any = None) -> None:
        import threading

        from airflow_python_sdk._runtime.errors import ApiException

        self.username = username
        self._password = password
        self.token_url = token_url
        self._fetch = fetch
        self._lock = threading.Lock()
        self._token: Optional[str] = None
        self._renew_at = 0.0
        self.fetched = 0  # how many tokens were fetched (for tests and logs)
        self._errors = errors or ApiException  # the ApiException family of the surface

    def headers(self, request: Request) -> Mapping[str, str]:
        return {"Authorization": f"Bearer {self.token()}"}

    def token(self) -> str:
        import time

        token = self._token
        if token is not None and time.time() < self._renew_at:
            return token
        with self._lock:  # one login, however many threads are waiting for a token
            current = self._token
            if current is None or time.time() >= self._renew_at:
                current, renew_at = self._login()
                self._token = current  # the token first: a reader never pairs an old one with
                self._renew_at = renew_at  # the new renewal time
            return current

    def retry(self, request: Request, response: Response) -> bool:
        # 401 "Token Expired"; or 403 "Invalid JWT token": a token the server no longer takes
        # (revoked by a logout, or signed with a key the restarted server does not have)
        body = (response.data or b"").lower()
        if not ((response.status == 401 and b"expired" in body) or
                (response.status == 403 and b"invalid jwt" in body)):
            return False
        with self._lock:
            sent = request.headers.get("Authorization", "")
            if self._token is not None and sent == f"Bearer {self._token}":
                self._renew_at = 0.0  # the token we sent: renew on the retry
        return True

    def _login(self) -> Any:
        import json
        import time

        body = json.dumps({"username": self.username, "password": self._password}).encode("utf-8")
        request = Request("POST", self.token_url, {"Content-Type": "application/json",
                                                   "Accept": "application/json"}, body)
        response = self._fetch(request)
        if response.status in (400, 401, 403, 422):
            raise self._errors.for_status(401)(
                status=response.status,
                reason=f"the token endpoint {self.token_url} refused the credentials of user "
                       f"{self.username!r}: check the username and password",
                body=response.data, headers=response.headers)
        try:
            token = json.loads(response.data)["access_token"]
        except (ValueError, KeyError, TypeError, RecursionError):
            raise self._errors.for_status(response.status)(
                status=response.status, reason=f"the token endpoint {self.token_url} answered no "
                "access_token", body=response.data, headers=response.headers) from None
        token = check_credential(token, "the access token")
        self.fetched += 1
        now = time.time()
        exp = token_expiry(token)
        if exp is None:
            return token, now + 3600.0  # no exp: renew hourly, and on "Token Expired"
        lifetime = max(exp - now, 0.0)
        return token, now + max(lifetime - min(self.RENEW_BEFORE, lifetime / 5), 0.0)

    def describe(self) -> str:
        return f"tokens from {self.token_url} for user {self.username!r}"

    def __repr__(self) -> str:
        return f"JwtAuth(username={self.username!r}, password=***, token_url={self.token_url!r})"

    def __getstate__(self) -> Any:
        raise TypeError("JwtAuth holds credentials and is not pickled")


def token_expiry(token: str) -> Optional[float]:
    """The ``exp`` of a JWT (seconds since the epoch), read from its payload; None if it has none."""
    import json

    parts = token.split(".")
    if len(parts) != 3:
        return None
    payload = parts[1] + "=" * (-len(parts[1]) % 4)
    try:
        claims = json.loads(base64.urlsafe_b64decode(payload))
    except (ValueError, TypeError, RecursionError):
        return None
    exp = claims.get("exp") if isinstance(claims, dict) else None
    return float(exp) if isinstance(exp, (int, float)) and not isinstance(exp, bool) else None
