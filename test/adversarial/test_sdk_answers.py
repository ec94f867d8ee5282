"""The SDK against answers that lie or hurt: every one gives a value or an ``ApiException``
subclass that says what came back, never a raw Python error (issue 15, items 1 to 4)."""
from __future__ import annotations

import time
import tracemalloc
from typing import Any

import pytest

import airflow_python_sdk as sdk
from airflow_python_sdk import apis, v2
from airflow_python_sdk._runtime.errors import ERROR_BODY_MAX, SHOWN_MAX, parse_problem
from airflow_python_sdk.exceptions import UnexpectedAnswerException
from airflow_python_sdk.transport import MockTransport, Response

from .misbehaving import (
    LOGIN_PAGE,
    MALFORMED_JSON,
    Misbehaving,
    Reply,
    Stream,
    deep_json,
    huge_html,
    huge_json,
)


def client_for(server: Misbehaving, **settings: Any) -> sdk.ApiClient:
    settings.setdefault("retries", None)
    config = sdk.Configuration(server_api="v1", host=server.url("/api/v1"), username="admin", password="admin",
                               **settings)
    return sdk.ApiClient(config)


# -- 1. a 2xx that is not what the operation declares

@pytest.mark.parametrize("content_type", ["text/html; charset=utf-8", "text/html", None,
                                          "application/xhtml+xml"])
def test_a_login_page_answered_200_raises_saying_what_it_is(server: Misbehaving,
                                                            content_type: Any) -> None:
    server.handle(Reply(200, LOGIN_PAGE, content_type=content_type))
    with client_for(server) as client, pytest.raises(UnexpectedAnswerException) as info:
        apis.PoolApi(client).get_pool("p")
    error = info.value
    assert isinstance(error, sdk.ApiException) and error.status == 200
    text = str(error)
    assert "get_pool answered" in text and "<!DOCTYPE html>" in text
    assert "login page" in text
    assert error.body == LOGIN_PAGE.decode("utf-8")  # an operation's error body is text


def test_a_login_page_for_an_operation_that_answers_text(server: Misbehaving) -> None:
    server.handle(Reply(200, LOGIN_PAGE, content_type="text/html"))
    with client_for(server) as client, pytest.raises(UnexpectedAnswerException, match="text/html"):
        apis.TaskInstanceApi(client).get_log("d", "r", "t", 1)


def test_text_where_the_operation_declares_it_is_still_a_value(server: Misbehaving) -> None:
    server.handle(Reply(200, b"log line\n", content_type="text/plain; charset=utf-8"))
    with client_for(server) as client:
        assert apis.TaskInstanceApi(client).get_log("d", "r", "t", 1) == "log line\n"


@pytest.mark.parametrize("body,content_type", [
    (b"\x00\x01binary", "application/octet-stream"),
    (b"just text", "text/plain"),
    (MALFORMED_JSON, "application/json"),
    (b"<?xml version='1.0'?><pool/>", "application/xml"),
])
def test_undeclared_or_broken_2xx_bodies(server: Misbehaving, body: bytes, content_type: str) -> None:
    server.handle(Reply(200, body, content_type=content_type))
    with client_for(server) as client, pytest.raises(UnexpectedAnswerException) as info:
        apis.PoolApi(client).get_pool("p")
    assert content_type in str(info.value)


def test_v2_raises_its_own_family(server: Misbehaving) -> None:
    server.handle(Reply(200, LOGIN_PAGE, content_type="text/html"))
    config = v2.Configuration(host=server.origin, access_token="t", retries=None)
    with v2.ApiClient(config) as client, pytest.raises(v2.exceptions.UnexpectedAnswerException) as info:
        v2.PoolApi(client).get_pool("p")
    assert isinstance(info.value, v2.ApiException) and isinstance(info.value, UnexpectedAnswerException)
    assert isinstance(info.value.body, str)  # v2's family has the body as text


# -- 4. answers that break parsers

DEEP = 200_000  # far past Python's recursion limit


@pytest.mark.parametrize("status", [200, 400, 404, 500])
@pytest.mark.parametrize("kind", ["array", "object"])
def test_deeply_nested_json_gives_an_api_exception(server: Misbehaving, status: int, kind: str) -> None:
    server.handle(Reply(status, deep_json(DEEP, kind), content_type="application/json"))
    with client_for(server) as client, pytest.raises(sdk.ApiException) as info:
        apis.PoolApi(client).get_pool("p")
    assert info.value.status == status


def test_deeply_nested_detail_of_a_problem(server: Misbehaving) -> None:
    body = b'{"title": "t", "detail": ' + b"[" * DEEP + b"]" * DEEP + b"}"
    server.handle(Reply(400, body, content_type="application/problem+json"))
    with client_for(server) as client, pytest.raises(sdk.BadRequestException):
        apis.PoolApi(client).get_pool("p")


def test_deeply_nested_line_of_an_ndjson_stream(server: Misbehaving) -> None:
    server.handle(Reply(200, b'{"a": 1}\n' + b"[" * DEEP + b"]" * DEEP + b"\n",
                        content_type="application/x-ndjson"))
    config = v2.Configuration(host=server.origin, access_token="t", retries=None)
    with v2.ApiClient(config) as client, pytest.raises(v2.ApiException, match="NDJSON"):
        v2.DagRunApi(client).wait_dag_run_until_finished("d", "r", 1.0)


@pytest.mark.parametrize("content_type", ["application/json; charset=no-such-charset",
                                          "application/json; charset=", 'application/json; charset="\x00"',
                                          "text/plain; charset=no-such-charset"])
def test_a_bogus_charset_is_read_as_utf8(server: Misbehaving, content_type: str) -> None:
    server.handle(Reply(200, b'{"name": "p", "slots": 1}', content_type=content_type))
    with client_for(server) as client:
        log = apis.TaskInstanceApi(client).get_log("d", "r", "t", 1)
    assert log is not None


@pytest.mark.parametrize("marker", [["TimeDelta"], {"x": 1}, 3, None, "Unknown"])
def test_a_one_of_whose_type_marker_is_not_a_name(server: Misbehaving, marker: Any) -> None:
    dag = {"dag_id": "d", "schedule_interval": {"__type": marker, "days": 1, "seconds": 0}}
    server.handle(Reply(200, json=dag))
    with client_for(server) as client:
        got = apis.DAGApi(client).get_dag("d")
    assert got.dag_id == "d"
    assert got.schedule_interval is not None


# -- 2. error bodies: what is read, kept and shown is bounded

def _huge_detail(nbytes: int) -> Stream:
    def pieces() -> Any:
        yield b'{"title": "Bad", "status": 400, "detail": "'
        for _ in range(nbytes // 65536):
            yield b"x" * 65536
        yield b'"}'
    return Stream(pieces)


@pytest.mark.parametrize("body,content_type", [
    (huge_json(50 << 20), "application/json"),
    (huge_html(50 << 20), "text/html"),
    (_huge_detail(50 << 20), "application/problem+json"),
])
def test_a_50_mb_error_costs_little_memory(server: Misbehaving, body: Any, content_type: str) -> None:
    server.handle(Reply(500, body, content_type=content_type, chunked=True))
    with client_for(server) as client:
        tracemalloc.start()
        try:
            with pytest.raises(sdk.ServiceException) as info:
                apis.PoolApi(client).get_pool("p")
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 16 * ERROR_BODY_MAX  # about 1 MiB read, not 50
        assert len(info.value.body) <= ERROR_BODY_MAX
        assert len(str(info.value)) < SHOWN_MAX * 2 + 200
        # the connection that carried the unread rest is not reused: the next call works
        server.handle(Reply(200, json={"name": "p", "slots": 1}))
        assert apis.PoolApi(client).get_pool("p").name == "p"


def test_a_5_mb_detail_is_cut_in_the_message_and_kept_bounded() -> None:
    detail = "y" * (5 << 20)
    config = sdk.Configuration(server_api="v1", host="http://127.0.0.1:1/api/v1", retries=None)
    client = sdk.ApiClient(config, transport=MockTransport(
        lambda request: Response.json(400, {"title": "Bad", "detail": detail})))
    with client, pytest.raises(sdk.BadRequestException) as info:
        apis.PoolApi(client).get_pool("p")
    text = str(info.value)
    assert len(text) < SHOWN_MAX + 200 and "more characters" in text
    assert len(info.value.body) <= ERROR_BODY_MAX


# -- 3. reading an HTML error page is linear

@pytest.mark.parametrize("page", [
    b"<" * 140_000,
    b"<title" * 25_000,
    b"<html><title>" + b"a" * 140_000,
    b"<div class='x' " * 10_000,
    b"<!DOCTYPE html><html>" + b"<p>" * 50_000,
])
def test_broken_html_error_pages_are_read_in_linear_time(page: bytes) -> None:
    start = time.monotonic()
    for _ in range(5):
        parse_problem(502, "Bad Gateway", page, {"Content-Type": "text/html"})
    assert time.monotonic() - start < 2.0  # seconds each before; milliseconds now


def test_an_html_error_page_gives_its_title_and_text(server: Misbehaving) -> None:
    page = b"<html><head><title>502 Bad Gateway</title></head><body><h1>nginx</h1></body></html>"
    server.handle(Reply(502, page, content_type="text/html"))
    with client_for(server) as client, pytest.raises(sdk.ServiceException) as info:
        apis.PoolApi(client).get_pool("p")
    assert info.value.problem.title == "502 Bad Gateway"
    assert "nginx" in info.value.problem.detail
