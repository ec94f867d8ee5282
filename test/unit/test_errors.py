"""Error mapping: each status family, each content type a server or a proxy may answer with."""
from __future__ import annotations

import json
from typing import Any, Type

import pytest

import airflow_python_sdk as sdk
from airflow_python_sdk.api.pool_api import PoolApi
from airflow_python_sdk.models import Error

STATUS_CLASSES = [
    (400, sdk.BadRequestException), (401, sdk.UnauthorizedException),
    (403, sdk.ForbiddenException), (404, sdk.NotFoundException),
    (405, sdk.MethodNotAllowedException), (406, sdk.NotAcceptableException),
    (409, sdk.ConflictException), (500, sdk.ServiceException), (502, sdk.ServiceException),
    (503, sdk.ServiceException), (418, sdk.ApiException), (422, sdk.UnprocessableEntityException),
]


@pytest.mark.parametrize("ctype", ["application/problem+json", "application/json"])
@pytest.mark.parametrize("status,cls", STATUS_CLASSES)
def test_problem_json_maps_to_class(server: Any, client: Any, status: int, cls: Type[sdk.ApiException],
                                    ctype: str) -> None:
    problem = {"type": "https://airflow.apache.org/docs/stable-rest-api-ref.html#section/Errors/X",
               "title": "Something failed", "status": status, "detail": "Pool `p` was not found",
               "instance": "/api/v1/pools/p", "extra_member": {"n": 1}}
    server.reply(problem, status=status, content_type=ctype)
    with pytest.raises(cls) as info:
        PoolApi(client).get_pool("p")
    err = info.value
    assert type(err) is cls
    assert err.status == status
    assert isinstance(err.problem, Error)
    assert err.problem.title == "Something failed"
    assert err.problem.detail == "Pool `p` was not found"
    assert err.problem.instance == "/api/v1/pools/p"
    assert err.problem.additional_properties == {"extra_member": {"n": 1}}
    assert err.problem["extra_member"] == {"n": 1}
    assert err.body is not None and json.loads(err.body) == problem
    assert err.headers["Content-Type"] == ctype
    assert str(err).splitlines()[0] == f"({status}) Something failed: Pool `p` was not found"


def test_html_from_a_proxy(server: Any, client: Any) -> None:
    page = b"<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1>" \
           b"<p>upstream   unreachable</p></body></html>"
    server.reply(raw=page, status=502, content_type="text/html")
    with pytest.raises(sdk.ServiceException) as info:
        PoolApi(client).get_pools()
    err = info.value
    assert err.problem.title == "502 Bad Gateway"
    assert "upstream unreachable" in err.problem.detail
    assert err.body == page.decode()  # text, as the older clients decode an operation's error
    assert str(err).startswith("(502) 502 Bad Gateway: ")
    assert "<html>" not in str(err)


def test_plain_text_and_empty_bodies(server: Any, client: Any) -> None:
    server.reply(raw=b"denied by policy", status=403, content_type="text/plain")
    with pytest.raises(sdk.ForbiddenException) as info:
        PoolApi(client).get_pools()
    assert info.value.problem.detail == "denied by policy"
    server.reply(raw=b"", status=404)
    with pytest.raises(sdk.NotFoundException) as info2:
        PoolApi(client).get_pool("x")
    assert info2.value.status == 404
    assert str(info2.value).startswith("(404) NOT FOUND")


def test_json_error_that_is_not_a_problem(server: Any, client: Any) -> None:
    server.reply({"message": "rate limited"}, status=429)
    with pytest.raises(sdk.ApiException) as info:
        PoolApi(client).get_pools()
    assert info.value.status == 429
    assert "rate limited" in info.value.problem.detail


def test_credentials_never_in_exception_text(server: Any, client: Any) -> None:
    server.reply({"title": "Unauthorized", "status": 401, "type": "about:blank"}, status=401,
                 headers={"Set-Cookie": "session=abc"})
    with pytest.raises(sdk.UnauthorizedException) as info:
        PoolApi(client).get_pools()
    text = str(info.value) + repr(info.value)
    assert "s3cr3t-pw" not in text
    assert "session=abc" not in text
    assert server.last.headers["Authorization"] not in text


def test_connection_refused_is_an_api_connection_error() -> None:
    config = sdk.Configuration(host="http://127.0.0.1:9/api/v1", username="u", password="pw-xyz")
    with sdk.ApiClient(config) as client:
        with pytest.raises(sdk.ApiConnectionError) as info:
            PoolApi(client).get_pools(_request_timeout=2)
    assert "127.0.0.1:9" in str(info.value)
    assert "pw-xyz" not in str(info.value)


def test_non_json_success_body_is_an_error(server: Any, client: Any) -> None:
    server.reply(raw=b"<html>login page</html>", status=200, content_type="application/json")
    with pytest.raises(sdk.ApiException) as info:
        PoolApi(client).get_pools()
    assert info.value.status == 200
    assert info.value.body == "<html>login page</html>"  # an operation's error body is text
