"""Airflow 3's token flow (v2 surface) over a MockTransport: a token on first use, one token
request however many threads ask, renewal before ``exp`` and after ``Token Expired``, a clear
error for a refused login, and credentials nowhere they could leak."""
from __future__ import annotations

import base64
import json
import pickle
import threading
import time
from typing import Any, Dict, List, Set

import pytest

from airflow_python_sdk.transport import MockTransport, Request, Response
from airflow_python_sdk.v2 import ApiClient, Configuration, DAGApi, VersionApi
from airflow_python_sdk.v2.exceptions import ForbiddenException, UnauthorizedException

SECRET = "s3cr3t-pw"


def jwt(exp: float, sub: str = "admin") -> str:
    def part(data: Dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")
    return f"{part({'alg': 'HS512'})}.{part({'sub': sub, 'exp': exp})}.c2lnbmF0dXJl"


class Server:
    """Answers /auth/token with fresh tokens and the API with 200 while the token is valid."""

    def __init__(self, lifetime: float = 3600, password: str = SECRET) -> None:
        self.lifetime = lifetime
        self.password = password
        self.tokens: List[str] = []
        self.api_calls: List[str] = []
        self.expired: Set[str] = set()
        self.lock = threading.Lock()

    def __call__(self, request: Request) -> Response:
        if request.url.endswith("/auth/token"):
            time.sleep(0.05)  # long enough for waiting threads to pile up
            body = json.loads(request.body or b"{}")
            if body.get("password") != self.password:
                return Response.json(401, {"detail": "Invalid credentials"})
            with self.lock:
                token = jwt(time.time() + self.lifetime, body["username"]) + str(len(self.tokens))
                self.tokens.append(token)
            return Response.json(201, {"access_token": token})
        auth = request.headers.get("Authorization", "")
        self.api_calls.append(auth)
        token = auth[len("Bearer "):]
        if token not in self.tokens:
            return Response.json(403, {"detail": "Invalid JWT token"})
        if token in self.expired:
            return Response.json(401, {"detail": "Token Expired"})
        return Response.json(200, {"version": "3.3.2", "git_version": None})


def client(server: Server) -> ApiClient:
    config = Configuration(host="http://airflow.test:8080", username="admin", password=SECRET,
                           retries=None)
    return ApiClient(config, transport=MockTransport(server))


def test_first_call_fetches_a_token_and_sends_it_as_bearer() -> None:
    server = Server()
    api = VersionApi(client(server))
    assert api.get_version().version == "3.3.2"
    assert api.get_version().version == "3.3.2"
    assert len(server.tokens) == 1
    assert server.api_calls == [f"Bearer {server.tokens[0]}"] * 2


def test_eight_threads_cause_one_token_request() -> None:
    server = Server()
    api = VersionApi(client(server))
    errors: List[BaseException] = []

    def call() -> None:
        try:
            api.get_version()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=call) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(server.tokens) == 1 and len(server.api_calls) == 8


def test_a_token_is_renewed_before_its_exp() -> None:
    server = Server(lifetime=2)  # renewed a fifth of its lifetime early
    api = VersionApi(client(server))
    api.get_version()
    time.sleep(1.7)
    api.get_version()
    assert len(server.tokens) == 2


def test_a_revoked_token_is_renewed_and_the_request_sent_again() -> None:
    """After a logout (or a server restart with a new key) the token answers 403 ``Invalid JWT
    token``: a client with a username and password logs in again and resends, once."""
    server = Server()
    api = VersionApi(client(server))
    api.get_version()
    revoked = server.tokens.pop()  # the server no longer knows it
    assert api.get_version().version == "3.3.2"
    assert len(server.tokens) == 1 and server.api_calls[-2:] == [
        f"Bearer {revoked}", f"Bearer {server.tokens[0]}"]


def test_a_403_for_lack_of_permission_is_not_retried() -> None:
    server = Server()
    forbidden = {"calls": 0}

    def answer(request: Request) -> Response:
        if request.url.endswith("/auth/token"):
            return server(request)
        forbidden["calls"] += 1
        return Response.json(403, {"detail": "Forbidden"})

    config = Configuration(host="http://airflow.test:8080", username="viewer", password=SECRET,
                           retries=None)
    with pytest.raises(ForbiddenException):
        VersionApi(ApiClient(config, transport=MockTransport(answer))).get_version()
    assert forbidden["calls"] == 1 and len(server.tokens) == 1


def test_token_expired_renews_and_retries_the_request_once() -> None:
    server = Server()
    api = VersionApi(client(server))
    api.get_version()
    server.expired.add(server.tokens[0])
    assert api.get_version().version == "3.3.2"
    assert len(server.tokens) == 2 and server.api_calls[-2:] == [
        f"Bearer {server.tokens[0]}", f"Bearer {server.tokens[1]}"]
    server.expired.add(server.tokens[1])
    server.lifetime = -1  # every new token comes back expired too: one retry, then the 401
    server.expired.update(server.tokens)
    original = server.__call__

    def always_expired(request: Request) -> Response:
        answer = original(request)
        if request.url.endswith("/auth/token"):
            server.expired.add(json.loads(answer.data)["access_token"])
        return answer

    api2 = VersionApi(ApiClient(Configuration(host="http://airflow.test:8080", username="admin",
                                              password=SECRET, retries=None),
                                transport=MockTransport(always_expired)))
    with pytest.raises(UnauthorizedException, match="Token Expired"):
        api2.get_version()


def test_a_refused_login_says_the_token_endpoint_refused_it() -> None:
    server = Server(password="other")
    with pytest.raises(UnauthorizedException) as info:
        DAGApi(client(server)).get_dags()
    text = str(info.value)
    assert "token endpoint http://airflow.test:8080/auth/token refused the credentials of user 'admin'" in text
    assert SECRET not in text and SECRET not in repr(info.value)
    assert server.api_calls == []  # nothing was sent to the API itself


def test_static_token_and_token_provider_need_no_login() -> None:
    server = Server()
    server.tokens.append("static-token")
    static = ApiClient(Configuration(host="http://airflow.test:8080", access_token="static-token"),
                       transport=MockTransport(server))
    assert VersionApi(static).get_version().version == "3.3.2"
    provided = ApiClient(Configuration(host="http://airflow.test:8080",
                                       token_provider=lambda: "static-token\n"),
                         transport=MockTransport(server))
    assert VersionApi(provided).get_version().version == "3.3.2"
    assert server.api_calls == ["Bearer static-token"] * 2 and server.tokens == ["static-token"]


def test_credentials_stay_out_of_reprs_and_pickles() -> None:
    server = Server()
    c = client(server)
    VersionApi(c).get_version()
    auth = c.auth_for(Request("GET", "http://airflow.test:8080/api/v2/version",
                              surface=VersionApi._operations["get_version"].surface))
    for text in (repr(auth), repr(c.configuration), auth.describe()):
        assert SECRET not in text and server.tokens[0] not in text
    with pytest.raises(TypeError):
        pickle.dumps(auth)
