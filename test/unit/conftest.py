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

    def _handle(self, request: Request) -> Response:
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


@pytest.fixture
def config(server: Server) -> airflow_python_sdk.Configuration:
    # Retries off here: these tests look at single exchanges; test_retries covers retrying.
    return airflow_python_sdk.Configuration(host=server.base_url, username="admin",
                                            password="s3cr3t-pw", retries=None)


@pytest.fixture
def client(config: airflow_python_sdk.Configuration) -> Any:
    with airflow_python_sdk.ApiClient(config) as api_client:
        yield api_client
