"""Loopback fixtures: a real HTTP server (pytest-httpserver) and clients pointed at it."""
from __future__ import annotations

import json
import re
from typing import Any, Dict, List, Optional

import pytest
from werkzeug.wrappers import Request, Response

import airflow_python_sdk


class Recorded:
    """One request as the server saw it, raw path and query included."""

    def __init__(self, request: Request) -> None:
        self.method = request.method
        raw = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI") or request.full_path
        self.raw_uri: str = raw
        self.raw_path: str
        self.raw_query: str
        self.raw_path, _, self.raw_query = raw.partition("?")
        self.headers = dict(request.headers)
        self.body = request.get_data()

    def json(self) -> Any:
        return json.loads(self.body)


class Server:
    """Answers every request with the next queued response and records what it received."""

    def __init__(self, httpserver: Any) -> None:
        self.httpserver = httpserver
        self.requests: List[Recorded] = []
        self.responses: List[Response] = []
        httpserver.expect_request(re.compile(".*")).respond_with_handler(self._handle)

    #: what GET /api/v2/version answers (the probe a client sends once to learn which API the
    #: server serves): 404, as on Airflow 2, unless a test makes this an Airflow 3 stand-in
    #: (then it is {"version": ...}); the probe is not recorded among ``requests``
    airflow_version: Optional[str] = None
    #: tokens POST /auth/token gave out (an Airflow 3 stand-in answers it; not recorded either)
    tokens_issued = 0

    def _handle(self, request: Request) -> Response:
        if request.path.endswith("/api/v2/version") and request.method == "GET":
            if self.airflow_version is None:
                return Response("<h1>Not Found</h1>", status=404, content_type="text/html")
            return Response(json.dumps({"version": self.airflow_version, "git_version": None}),
                            status=200, content_type="application/json")
        if self.airflow_version is not None and request.path.endswith("/auth/token"):
            self.tokens_issued += 1
            return Response(json.dumps({"access_token": unsigned_jwt(3600)}), status=201,
                            content_type="application/json")
        self.requests.append(Recorded(request))
        if not self.responses:
            return Response("no response queued", status=599)
        return self.responses.pop(0)

    def reply(self, body: Any = None, status: int = 200, content_type: str = "application/json",
              headers: Optional[Dict[str, str]] = None, raw: Optional[bytes] = None) -> "Server":
        if raw is None:
            raw = b"" if body is None else json.dumps(body).encode()
        self.responses.append(Response(raw, status=status, content_type=content_type,
                                       headers=headers))
        return self

    @property
    def last(self) -> Recorded:
        assert self.requests, "the server received no request"
        return self.requests[-1]

    @property
    def base_url(self) -> str:
        return str(self.httpserver.url_for("/api/v1"))


@pytest.fixture
def server(httpserver: Any) -> Server:
    return Server(httpserver)


def unsigned_jwt(lifetime: float) -> str:
    """A token shaped like Airflow 3's (header.payload.signature) that expires in ``lifetime``
    seconds; the signature is not checked by the client."""
    import base64
    import time

    def part(data: Dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return ".".join([part({"alg": "HS512", "typ": "JWT"}),
                     part({"sub": "1", "exp": int(time.time() + lifetime)}), "c2ln"])


@pytest.fixture
def v3_server(httpserver: Any) -> Server:
    """An Airflow 3.3.2 stand-in: answers the client's probe with its version and
    POST /auth/token with a JWT (neither recorded); every other request gets the queued answers."""
    stand_in = Server(httpserver)
    stand_in.airflow_version = "3.3.2"
    return stand_in


@pytest.fixture
def v3_client(v3_server: Server) -> Any:
    """A v1 client as a v1 script makes it (host .../api/v1, username and password), in front
    of ``v3_server``: it detects Airflow 3 and serves v1 calls through /api/v2."""
    config = airflow_python_sdk.Configuration(host=v3_server.base_url, username="admin",
                                              password="s3cr3t-pw", retries=None)
    with airflow_python_sdk.ApiClient(config) as api_client:
        yield api_client


@pytest.fixture
def config(server: Server) -> airflow_python_sdk.Configuration:
    # Retries off here: these tests look at single exchanges; test_retries covers retrying.
    return airflow_python_sdk.Configuration(host=server.base_url, username="admin",
                                            password="s3cr3t-pw", retries=None)


@pytest.fixture
def client(config: airflow_python_sdk.Configuration) -> Any:
    with airflow_python_sdk.ApiClient(config) as api_client:
        yield api_client
