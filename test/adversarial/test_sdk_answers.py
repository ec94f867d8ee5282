"""The SDK against answers that lie or hurt: every one gives a value or an ``ApiException``
subclass that says what came back, never a raw Python error (issue 15, items 1 to 4)."""
from __future__ import annotations

from typing import Any

import pytest

import airflow_python_sdk as sdk
from airflow_python_sdk import apis, v2
from airflow_python_sdk.exceptions import UnexpectedAnswerException

from .misbehaving import LOGIN_PAGE, MALFORMED_JSON, Misbehaving, Reply


def client_for(server: Misbehaving, **settings: Any) -> sdk.ApiClient:
    settings.setdefault("retries", None)
    config = sdk.Configuration(host=server.url("/api/v1"), username="admin", password="admin",
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
    assert error.body == LOGIN_PAGE


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
