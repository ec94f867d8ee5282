"""The misbehaving server itself, checked with standard-library clients only.

Timing checks use generous bounds: a lower bound where the fault must cost time, and only
loose upper bounds (the suite shares a small machine).
"""
from __future__ import annotations

import http.client
import json
import socket
import ssl
import time
import tracemalloc
import urllib.error
import urllib.request
from typing import Any, Callable, List, Tuple

import pytest

from .misbehaving import (
    LOGIN_PAGE,
    MALFORMED_JSON,
    Close,
    Forward,
    Misbehaving,
    Raw,
    Redirect,
    Reply,
    Reset,
    Stall,
    Trickle,
    client_context,
    deep_json,
    huge_html,
    huge_json,
)

GET_CLOSE = b"GET /x HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
CUT_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"


def talk(server: Misbehaving, data: bytes = GET_CLOSE, timeout: float = 5.0,
         ) -> Tuple[bytes, str, List[Tuple[float, int]]]:
    """Send raw bytes, read until the connection ends: (bytes, "eof"|"reset"|"timeout",
    [(seconds since send, size) per recv])."""
    with socket.create_connection((server.host, server.port), timeout=timeout) as sock:
        sock.sendall(data)
        start = time.monotonic()
        got = b""
        reads: List[Any] = []
        try:
            while True:
                piece = sock.recv(65536)
                if not piece:
                    return got, "eof", reads
                reads.append((time.monotonic() - start, len(piece)))
                got += piece
        except ConnectionResetError:
            return got, "reset", reads
        except socket.timeout:
            return got, "timeout", reads


def http_conn(server: Misbehaving, timeout: float = 5.0) -> http.client.HTTPConnection:
    if server.tls:
        return http.client.HTTPSConnection(server.host, server.port, timeout=timeout,
                                           context=client_context())
    return http.client.HTTPConnection(server.host, server.port, timeout=timeout)


def get(server: Misbehaving, path: str = "/", method: str = "GET", timeout: float = 5.0,
        **kwargs: Any) -> Tuple[http.client.HTTPResponse, bytes]:
    conn = http_conn(server, timeout)
    try:
        conn.request(method, path, **kwargs)
        response = conn.getresponse()
        return response, response.read()
    finally:
        conn.close()


def opener(*handlers: Any) -> urllib.request.OpenerDirector:
    """urllib without environment proxies, trusting the test CA."""
    return urllib.request.build_opener(urllib.request.ProxyHandler({}),
                                       urllib.request.HTTPSHandler(context=client_context()),
                                       *handlers)


# ---------------------------------------------------------------- answers and recording

def test_requests_are_recorded_as_received(server: Misbehaving) -> None:
    server.script(Reply(201, json={"name": "p"}), Reply(204))
    conn = http_conn(server)
    conn.putrequest("POST", "/api/v1/pools?x=1&x=2&y=%2F", skip_accept_encoding=True)
    conn.putheader("X-Dup", "a")
    conn.putheader("X-Dup", "b")
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Content-Length", "11")
    conn.endheaders(b'{"slots":3}')
    response = conn.getresponse()
    assert (response.status, response.reason) == (201, "Created")
    assert response.getheader("Content-Type") == "application/json"
    assert json.loads(response.read()) == {"name": "p"}
    conn.request("DELETE", "/api/v1/pools/p")
    assert conn.getresponse().status == 204
    conn.close()

    first, second = server.wait_for(2)
    assert (first.method, first.target, first.version) == ("POST", "/api/v1/pools?x=1&x=2&y=%2F",
                                                           "HTTP/1.1")
    assert (first.path, first.query) == ("/api/v1/pools", "x=1&x=2&y=%2F")
    assert first.header_all("x-dup") == ["a", "b"]
    assert ("X-Dup", "a") in first.headers and first.header("Host") == server.netloc
    assert first.body == b'{"slots":3}' and first.json() == {"slots": 3}
    assert first.raw_head.startswith(b"POST /api/v1/pools?x=1&x=2&y=%2F HTTP/1.1\r\n")
    assert (second.method, second.body, second.index) == ("DELETE", b"", 1)
    assert first.conn == second.conn == 0 and len(server.connections) == 1
    assert first.started <= first.finished <= second.started
    assert server.connections[0].requests == 2


def test_chunked_request_body_is_decoded(server: Misbehaving) -> None:
    server.handle(Reply(200))
    response, _ = get(server, "/upload", "POST", body=iter([b"ab", b"cd", b"e"]),
                      encode_chunked=True, headers={"Transfer-Encoding": "chunked"})
    assert response.status == 200
    (request,) = server.requests
    assert request.body == b"abcde" and request.header("Transfer-Encoding") == "chunked"


def test_script_runs_in_order_then_falls_back(server: Misbehaving) -> None:
    server.script(Reply(201), Reply(202))
    assert server.pending == 2
    statuses = [get(server)[0].status for _ in range(3)]
    assert statuses == [201, 202, 599]  # 599: script exhausted
    server.script(Reply(203), then=Reply(418))
    assert [get(server)[0].status for _ in range(3)] == [203, 418, 418]
    assert server.pending == 0


def test_handler_callables_route_and_count(server: Misbehaving) -> None:
    seen: List[str] = []

    def route(request: Any) -> Any:
        seen.append(request.path)
        if request.path == "/health":
            return Reply(200, json={"healthy": True})
        return lambda again: Reply(404, f"no {again.path}")  # callables may return callables

    server.handle(route)
    assert json.loads(get(server, "/health")[1]) == {"healthy": True}
    response, body = get(server, "/nope")
    assert (response.status, body) == (404, b"no /nope")
    assert seen == ["/health", "/nope"]


def test_a_failing_handler_fails_the_test() -> None:
    def broken(request: Any) -> Any:
        raise ValueError("boom")

    with pytest.raises(AssertionError, match="boom"):
        with Misbehaving() as server:
            server.handle(broken)
            with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError)):
                get(server)
            server.wait_until(lambda s: s.connections[0].closed is not None)
    assert "boom" in (server.connections[0].error or "")


def test_reply_headers_are_sent_in_order_with_duplicates(server: Misbehaving) -> None:
    server.handle(Reply(200, b"{}", headers=[("Set-Cookie", "a=1"), ("Set-Cookie", "b=2"),
                                               ("X-Raw", b"\xff\xfe")],
                        content_type="application/json; charset=bogus-8", reason="Fine"))
    got, end, _ = talk(server)
    assert end == "eof"
    assert got == (b"HTTP/1.1 200 Fine\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nX-Raw: \xff\xfe\r\n"
                   b"Content-Type: application/json; charset=bogus-8\r\nContent-Length: 2\r\n"
                   b"Connection: close\r\n\r\n{}")
    response, body = get(server)
    assert response.getheader("Content-Type") == "application/json; charset=bogus-8"
    assert body == b"{}"


def test_chunked_reply(server: Misbehaving) -> None:
    server.handle(Reply(200, [b"ab", b"", b"cde"], chunked=True))  # a list: reusable
    got, end, _ = talk(server)
    assert end == "eof"
    head, _, body = got.partition(b"\r\n\r\n")
    assert b"Transfer-Encoding: chunked" in head and b"Content-Length" not in head
    assert body == b"2\r\nab\r\n3\r\ncde\r\n0\r\n\r\n"
    assert get(server)[1] == b"abcde"


def test_body_without_length_ends_at_close(server: Misbehaving) -> None:
    server.handle(Reply(200, iter([b"abc", b"def"])))  # an iterator: good for one answer
    conn = http_conn(server)
    conn.request("GET", "/")
    response = conn.getresponse()
    assert response.getheader("Content-Length") is None
    assert response.getheader("Connection") == "close"
    assert response.read() == b"abcdef"
    conn.close()
    assert len(server.connections) == 1


def test_lying_content_length_gives_a_short_body(server: Misbehaving) -> None:
    server.handle(Reply(200, b"abc", content_length=10))
    with pytest.raises(http.client.IncompleteRead) as caught:
        get(server)
    assert caught.value.partial == b"abc"


def test_kept_connection_closed_silently(server: Misbehaving) -> None:
    server.script(Reply(200, b"ok", close=True, headers={"Connection": "keep-alive"}))
    with socket.create_connection((server.host, server.port), timeout=5) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        got = b""
        while not got.endswith(b"ok"):
            got += sock.recv(1024)
        assert b"Connection: keep-alive" in got
        assert sock.recv(1024) == b""  # FIN right after the answer


def test_head_gets_headers_only_and_http10_closes(server: Misbehaving) -> None:
    server.handle(Reply(200, b"0123456789"))
    got, end, _ = talk(server, b"HEAD / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
    assert end == "eof" and got.endswith(b"Content-Length: 10\r\nConnection: close\r\n\r\n")
    got, end, _ = talk(server, b"GET / HTTP/1.0\r\n\r\n")
    assert end == "eof" and got.endswith(b"\r\n\r\n0123456789")


def test_expect_100_continue(server: Misbehaving) -> None:
    server.handle(Reply(200, b"ok"))
    with socket.create_connection((server.host, server.port), timeout=5) as sock:
        sock.sendall(b"PUT /p HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
        assert sock.recv(1024) == b"HTTP/1.1 100 Continue\r\n\r\n"
        sock.sendall(b"body")
        assert sock.recv(1024).startswith(b"HTTP/1.1 200 OK\r\n")
    assert server.requests[0].body == b"body"


def test_bad_request_gets_400(server: Misbehaving) -> None:
    got, end, _ = talk(server, b"NONSENSE\r\n\r\n")
    assert got.startswith(b"HTTP/1.1 400 ") and end == "eof"
    server.wait_until(lambda s: s.connections[0].closed is not None)
    assert "bad request" in (server.connections[0].error or "")
    assert server.requests == []


def test_raw_bytes_and_broken_status_line(server: Misbehaving) -> None:
    server.script(Raw(b"HTTP/1.1 2OO OK\r\n\r\n"), Raw(b"SSH-2.0-OpenSSH_9.6\r\n"))
    with pytest.raises(http.client.BadStatusLine):
        get(server)
    assert talk(server)[:2] == (b"SSH-2.0-OpenSSH_9.6\r\n", "eof")


def test_retry_after_sequence_on_one_connection(server: Misbehaving) -> None:
    date = "Wed, 21 Oct 2015 07:28:00 GMT"
    server.script(Reply(429, headers={"Retry-After": "1"}),
                  Reply(503, b"busy", headers={"Retry-After": date}),
                  Reply(200, json={"ok": True}))
    conn = http_conn(server)
    seen = []
    for _ in range(3):
        conn.request("GET", "/api/v1/dags")
        response = conn.getresponse()
        seen.append((response.status, response.getheader("Retry-After"), response.read()))
    conn.close()
    assert seen == [(429, "1", b""), (503, date, b"busy"), (200, None, b'{"ok": true}')]
    assert len(server.connections) == 1


# ---------------------------------------------------------------- resets and closes

CUTS = [
    ({}, b""),
    ({"after_bytes": 5}, b"HTTP/"),
    ({"after_status": True}, b"HTTP/1.1 200 OK\r\n"),
    ({"after_header_bytes": 10}, b"HTTP/1.1 200 OK\r\nContent-Ty"),
    ({"after_body_bytes": 10}, CUT_HEAD + b'{"padding"'),
]


@pytest.mark.parametrize("how, ending", [(Reset, "reset"), (Close, "eof")])
@pytest.mark.parametrize("cut, expected", CUTS, ids=lambda v: str(v)[:20])
def test_cut_points(server: Misbehaving, how: Any, ending: str, cut: Any, expected: bytes) -> None:
    server.handle(how(**cut))
    got, end, _ = talk(server)
    assert (got, end) == (expected, ending)
    assert len(server.requests) == 1  # the request was read and recorded first


def test_cut_counts_chunk_framing_as_body(server: Misbehaving) -> None:
    server.handle(Reset(Reply(200, [b"a" * 100], chunked=True), after_body_bytes=6))
    got, end, _ = talk(server)
    assert end == "reset" and got.endswith(b"\r\n\r\n64\r\naa")


@pytest.mark.parametrize("cut, rst_error, fin_error", [
    ({}, ConnectionResetError, http.client.RemoteDisconnected),
    ({"after_status": True}, ConnectionResetError, None),
    ({"after_body_bytes": 10}, ConnectionResetError, http.client.IncompleteRead),
])
def test_http_client_sees_resets_and_closes(server: Misbehaving, cut: Any, rst_error: Any,
                                            fin_error: Any) -> None:
    server.script(Reset(**cut), Close(**cut))
    with pytest.raises(rst_error):
        get(server)
    if fin_error is None:  # http.client takes a status line then FIN as a headerless answer
        response, body = get(server)
        assert (response.status, response.getheaders(), body) == (200, [], b"")
    else:
        with pytest.raises(fin_error):
            get(server)


def test_repeated_non_idempotent_request_is_visible(server: Misbehaving) -> None:
    server.script(Close(), Reply(201))
    for attempt in range(2):  # what a client that retries POST blindly would do
        try:
            response, _ = get(server, "/api/v1/dags/d/dagRuns", "POST", body=b'{"conf": {}}')
        except http.client.RemoteDisconnected:
            continue
    assert response.status == 201
    posts = [r for r in server.requests if r.method == "POST"]
    assert [(r.conn, r.body) for r in posts] == [(0, b'{"conf": {}}'), (1, b'{"conf": {}}')]
    assert len(server.connections) == 2


# ---------------------------------------------------------------- time

def test_trickled_body_beats_a_per_read_timeout(server: Misbehaving) -> None:
    server.handle(Reply(200, b"0123456789", trickle=Trickle(nbytes=1, every=0.1, headers=False)))
    start = time.monotonic()
    got, end, reads = talk(server, timeout=0.5)  # every read is quick; the whole is not
    elapsed = time.monotonic() - start
    assert end == "eof" and got.endswith(b"\r\n\r\n0123456789")
    assert 0.8 <= elapsed < 5
    assert reads[0][1] >= got.index(b"\r\n\r\n") + 4  # the head came at once
    assert len(reads) >= 4  # the body in pieces


def test_trickled_head_through_http_client(server: Misbehaving) -> None:
    server.handle(Reply(200, b"ok", trickle=Trickle(nbytes=4, every=0.05, body=False)))
    conn = http_conn(server, timeout=0.3)
    start = time.monotonic()
    conn.request("GET", "/")
    response = conn.getresponse()  # head: 40 bytes in 10 pieces, 0.45 s > 0.3 s timeout
    elapsed = time.monotonic() - start
    assert response.read() == b"ok"
    conn.close()
    assert 0.35 <= elapsed < 5


def test_stall_without_answer_and_the_thread_ends(server: Misbehaving) -> None:
    server.handle(Stall())
    start = time.monotonic()
    assert talk(server, timeout=0.3)[:2] == (b"", "timeout")
    assert time.monotonic() - start >= 0.25
    server.wait_until(lambda s: s.connections[0].closed is not None, timeout=3)


def test_stall_then_answer(server: Misbehaving) -> None:
    server.handle(Stall(0.4, then=Reply(200, b"late")))
    start = time.monotonic()
    response, body = get(server)
    assert body == b"late" and 0.35 <= time.monotonic() - start < 5


def test_stop_is_prompt_even_when_connections_are_busy() -> None:
    server, upstream = Misbehaving().start(), Misbehaving().start()
    upstream.handle(Stall())
    busy = {"/stall": Stall(), "/trickle": Reply(200, b"x" * 100, trickle=Trickle(every=30)),
            "/unread": Reply(200, huge_json(200_000_000)), "/late": Stall(30, then=Reply(200))}
    server.handle(lambda request: busy.get(request.target, Forward()))
    clients = []
    for target in list(busy) + [upstream.url("/")]:  # the last one: a proxied, stalled request
        client = socket.create_connection((server.host, server.port), timeout=5)
        client.sendall(b"GET %s HTTP/1.1\r\nHost: t\r\n\r\n" % target.encode())
        clients.append(client)  # none of them reads anything
    server.wait_for(5)
    upstream.wait_for(1)
    start = time.monotonic()
    server.close()
    upstream.close()
    assert time.monotonic() - start < 3
    assert server.errors == [] and upstream.errors == []
    assert all(not t.is_alive() for t in server._threads + upstream._threads)
    assert all(c.closed is not None for c in server.connections + upstream.connections)
    for client in clients:
        client.close()


def test_wait_for_has_a_bound(server: Misbehaving) -> None:
    start = time.monotonic()
    with pytest.raises(TimeoutError):
        server.wait_for(1, timeout=0.1)
    assert time.monotonic() - start < 2


# ---------------------------------------------------------------- bodies

def test_huge_body_streams_without_server_memory(server: Misbehaving) -> None:
    size = 50_000_000
    server.handle(Reply(200, huge_json(size), content_type="application/json"))
    started_here = not tracemalloc.is_tracing()
    if started_here:
        tracemalloc.start()
    tracemalloc.reset_peak()
    try:
        conn = http_conn(server)
        conn.request("GET", "/api/v1/dags")
        response = conn.getresponse()
        assert response.getheader("Content-Length") == str(size)
        total, first, last = 0, b"", b""
        while True:
            piece = response.read(1 << 20)
            if not piece:
                break
            first = first or piece[:20]
            last = piece[-20:]
            total += len(piece)
        conn.close()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        if started_here:
            tracemalloc.stop()
    assert total == size and first.startswith(b'[{"name": "pool"') and last.endswith(b"}]")
    assert peak < 10_000_000  # both ends of a 50 MB body stayed streaming


@pytest.mark.parametrize("size", [2 + len(b'{"name": "pool", "slots": 128, "description": '
                                             b'"made lazily by misbehaving.py"}'), 1000, 65537,
                                  300_001])
def test_huge_json_is_valid_and_exact(size: int) -> None:
    body = b"".join(huge_json(size))
    assert len(body) == size == len(huge_json(size))
    items = json.loads(body)
    assert items[0] == {"name": "pool", "slots": 128, "description": "made lazily by misbehaving.py"}
    assert b"".join(huge_json(size)) == body  # a Stream can be sent again


def test_huge_html_and_deep_json() -> None:
    page = b"".join(huge_html(10_001))
    assert len(page) == 10_001 and page.startswith(b"<!DOCTYPE html>") and page.endswith(b"</html>\n")
    assert json.loads(b"".join(deep_json(3))) == [[[]]]
    assert json.loads(b"".join(deep_json(2, kind="object"))) == {"a": {"a": None}}
    deep = b"".join(deep_json(100_000))
    assert deep == b"[" * 100_000 + b"]" * 100_000 and len(deep_json(100_000)) == 200_000
    with pytest.raises(RecursionError):
        json.loads(deep)
    with pytest.raises(json.JSONDecodeError):
        json.loads(MALFORMED_JSON)


def test_deep_json_and_login_page_over_the_wire(server: Misbehaving) -> None:
    server.script(Reply(200, deep_json(100_000), content_type="application/json"),
                  Reply(200, LOGIN_PAGE, content_type="text/html; charset=utf-8"))
    response, body = get(server)
    assert response.getheader("Content-Length") == "200000" and body[:3] == b"[[[" and len(body) == 200_000
    response, body = get(server, "/api/v1/pools")
    assert response.status == 200 and (response.getheader("Content-Type") or "").startswith("text/html")
    assert b"<form" in body and b'name="password"' in body


# ---------------------------------------------------------------- redirects

@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_redirect_statuses(server: Misbehaving, status: int) -> None:
    server.handle(Redirect("/api/v1/next?page=2", status))
    response, body = get(server, "/api/v1/start")
    assert response.status == status and body == b""
    assert response.getheader("Location") == "/api/v1/next?page=2"
    assert response.getheader("Content-Length") == "0"


def test_redirect_chain_relative_then_absolute(server: Misbehaving) -> None:
    routes = {"/a": Redirect("/b"), "/b": Redirect(server.url("/c"), 307), "/c": Reply(200, b"done")}
    server.handle(lambda request: routes[request.path])
    with opener().open(server.url("/a"), timeout=5) as response:
        assert response.read() == b"done" and response.geturl() == server.url("/c")
    assert [r.path for r in server.requests] == ["/a", "/b", "/c"]


def test_redirect_loop(server: Misbehaving) -> None:
    server.handle(Redirect("/loop"))
    with pytest.raises(urllib.error.HTTPError) as caught:
        opener().open(server.url("/loop"), timeout=5)
    assert caught.value.code == 302 and "infinite loop" in caught.value.msg
    assert 2 <= len(server.requests) <= 12
    assert {r.path for r in server.requests} == {"/loop"}


def test_redirect_to_another_origin(make_server: Callable[..., Misbehaving]) -> None:
    first, second = make_server(), make_server()
    assert first.port != second.port
    first.handle(Redirect(second.url("/elsewhere")))
    second.handle(Reply(200, b"other origin"))
    with opener().open(first.url("/start"), timeout=5) as response:
        assert response.read() == b"other origin"
    assert [r.path for r in first.requests] == ["/start"]
    assert [(r.path, r.header("Host")) for r in second.requests] == [("/elsewhere", second.netloc)]


def test_redirect_http_to_https_and_back(make_server: Callable[..., Misbehaving]) -> None:
    plain, secure = make_server(), make_server(tls=True)
    plain.handle(lambda request: Redirect(secure.url("/secure")) if request.path == "/start"
                 else Reply(200, b"back on http"))
    secure.handle(Redirect(plain.url("/end"), 301))
    assert secure.url("/").startswith("https://")
    with opener().open(plain.url("/start"), timeout=5) as response:
        assert response.read() == b"back on http" and response.geturl() == plain.url("/end")
    assert [r.path for r in plain.requests] == ["/start", "/end"]
    assert [r.path for r in secure.requests] == ["/secure"]


# ---------------------------------------------------------------- TLS

@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_tls_verifies_with_the_test_ca(tls_server: Misbehaving, host: str) -> None:
    tls_server.handle(Reply(200, json={"slots": 3}))
    conn = http.client.HTTPSConnection(host, tls_server.port, timeout=5, context=client_context())
    for _ in range(2):  # the kept connection again
        conn.request("GET", "/api/v1/pools/p")
        assert json.loads(conn.getresponse().read()) == {"slots": 3}
    assert conn.sock.version() in ("TLSv1.2", "TLSv1.3")
    conn.close()
    assert len(tls_server.connections) == 1 and len(tls_server.requests) == 2


def test_tls_untrusted_certificate_is_refused_before_any_request(tls_server: Misbehaving) -> None:
    untrusted = ssl.create_default_context()  # the system's roots: not our CA
    conn = http.client.HTTPSConnection(tls_server.host, tls_server.port, timeout=5, context=untrusted)
    with pytest.raises(ssl.SSLCertVerificationError):
        conn.request("GET", "/")
    conn.close()
    tls_server.wait_until(lambda s: bool(s.connections) and s.connections[0].closed is not None)
    assert tls_server.requests == []
    assert "SSL" in (tls_server.connections[0].error or "")


def tls_talk(server: Misbehaving, data: bytes = GET_CLOSE, timeout: float = 5.0,
             ) -> Tuple[bytes, str, List[float]]:
    """Like talk(), over TLS done in memory, so that the TCP-level ending stays visible
    (Python's ssl sockets report an RST as an EOF) and each handshake read is timed (an ssl
    socket's timeout bounds the whole handshake).  -> (plaintext, ending, handshake read times)."""
    incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
    tls = client_context().wrap_bio(incoming, outgoing, server_hostname="127.0.0.1")
    times: List[float] = []
    with socket.create_connection((server.host, server.port), timeout=timeout) as sock:
        start = time.monotonic()
        while True:
            try:
                tls.do_handshake()
                break
            except ssl.SSLWantReadError:
                sock.sendall(outgoing.read())
                incoming.write(sock.recv(65536))
                times.append(time.monotonic() - start)
        tls.write(data)
        sock.sendall(outgoing.read())
        try:
            while True:
                piece = sock.recv(65536)
                if not piece:
                    end = "eof"
                    break
                incoming.write(piece)
        except ConnectionResetError:
            end = "reset"
    plain = b""
    try:
        while True:
            piece = tls.read(65536)  # b"" after the server's close_notify
            if not piece:
                break
            plain += piece
    except (ssl.SSLWantReadError, ssl.SSLZeroReturnError):
        pass  # no (more) complete record: the connection ended without close_notify
    return plain, end, times


def test_tls_faults_work_over_tls(tls_server: Misbehaving) -> None:
    tls_server.script(Reset(after_body_bytes=10), Close(after_body_bytes=10), Reset(),
                      Reset(after_body_bytes=10),
                      Reply(200, b"abcdef", trickle=Trickle(nbytes=2, every=0.05, headers=False)))
    assert tls_talk(tls_server)[:2] == (CUT_HEAD + b'{"padding"', "reset")
    assert tls_talk(tls_server)[:2] == (CUT_HEAD + b'{"padding"', "eof")
    assert tls_talk(tls_server)[:2] == (b"", "reset")
    with pytest.raises(http.client.IncompleteRead) as caught:  # not ConnectionResetError: see
        get(tls_server)                                        # tls_talk()
    assert caught.value.partial == b'{"padding"'
    start = time.monotonic()
    assert get(tls_server, timeout=1)[1] == b"abcdef"
    assert time.monotonic() - start >= 0.08


def test_tls_handshake_stall(make_server: Callable[..., Misbehaving]) -> None:
    server = make_server(tls=True, handshake=Stall(0.6))
    server.handle(Reply(200, b"finally"))
    with socket.create_connection((server.host, server.port), timeout=0.2) as sock:
        with pytest.raises(socket.timeout):
            client_context().wrap_socket(sock, server_hostname="127.0.0.1")  # TCP was accepted
    start = time.monotonic()
    response, body = get(server, timeout=3)
    assert body == b"finally" and 0.5 <= time.monotonic() - start < 5


def test_tls_handshake_trickle(make_server: Callable[..., Misbehaving]) -> None:
    server = make_server(tls=True, handshake=Trickle(nbytes=100, every=0.05))
    server.handle(Reply(200, b"slowly"))
    start = time.monotonic()
    plain, end, times = tls_talk(server, timeout=0.4)  # no single read waits long...
    assert plain.endswith(b"\r\n\r\nslowly") and end == "eof"
    assert time.monotonic() - start >= 0.5 and len(times) >= 8  # ...the handshake does
    with socket.create_connection((server.host, server.port), timeout=0.4) as sock:
        with pytest.raises(socket.timeout, match="handshake"):  # ssl: one deadline in all
            client_context().wrap_socket(sock, server_hostname="127.0.0.1")


# ---------------------------------------------------------------- proxy

def test_forward_proxy_with_absolute_form(make_server: Callable[..., Misbehaving]) -> None:
    proxy, origin = make_server(), make_server()
    proxy.handle(Forward())
    origin.handle(lambda request: Reply(200, json={"got": request.body.decode()}))
    proxy_url = f"http://user:pw@{proxy.netloc}"
    via_proxy = urllib.request.build_opener(urllib.request.ProxyHandler({"http": proxy_url}))
    with via_proxy.open(origin.url("/api/v1/pools?limit=1"), data=b"payload", timeout=5) as response:
        assert json.loads(response.read()) == {"got": "payload"}
    (at_proxy,) = proxy.requests
    (at_origin,) = origin.requests
    assert at_proxy.target == origin.url("/api/v1/pools?limit=1")
    assert at_proxy.header("Proxy-Authorization") == "Basic dXNlcjpwdw=="
    assert at_origin.target == "/api/v1/pools?limit=1" and at_origin.method == "POST"
    assert at_origin.header("Proxy-Authorization") is None and at_origin.body == b"payload"
    assert at_origin.header("Connection") == "close"


def test_connect_tunnel_to_a_tls_origin(make_server: Callable[..., Misbehaving]) -> None:
    proxy, origin = make_server(), make_server(tls=True)
    proxy.handle(Forward())
    origin.handle(Reply(200, b"through the tunnel"))
    conn = http.client.HTTPSConnection(proxy.host, proxy.port, timeout=5, context=client_context())
    conn.set_tunnel("127.0.0.1", origin.port, headers={"Proxy-Authorization": "Basic eDp5"})
    for _ in range(2):
        conn.request("GET", "/api/v1/health")
        assert conn.getresponse().read() == b"through the tunnel"
    conn.close()
    (connect,) = proxy.requests
    assert (connect.method, connect.target) == ("CONNECT", origin.netloc)
    assert connect.header("Proxy-Authorization") == "Basic eDp5"
    assert [r.path for r in origin.requests] == ["/api/v1/health"] * 2
    assert len(origin.connections) == 1


def test_reverse_forward_to_an_upstream(make_server: Callable[..., Misbehaving]) -> None:
    origin = make_server()
    front = make_server()
    front.handle(Forward(upstream=origin.origin))
    origin.handle(Reply(200, b"from origin", chunked=True))
    assert get(front, "/p?q=1")[1] == b"from origin"
    assert origin.requests[0].target == "/p?q=1"


def test_misbehaving_proxy(make_server: Callable[..., Misbehaving]) -> None:
    proxy, origin = make_server(), make_server()
    origin.handle(Reply(200))
    proxy.script(Reply(407, headers={"Proxy-Authenticate": 'Basic realm="proxy"'}), Reset(),
                 Stall(), Forward())
    target = origin.url("/api/v1/pools")
    response, _ = get(proxy, target)
    assert response.status == 407 and response.getheader("Proxy-Authenticate") == 'Basic realm="proxy"'
    with pytest.raises(ConnectionResetError):
        get(proxy, target)
    with pytest.raises(socket.timeout):
        get(proxy, target, timeout=0.2)
    dead = Misbehaving().start()
    dead.close()  # nothing listens there any more
    response, _ = get(proxy, dead.url("/"))
    assert response.status == 502
    assert origin.requests == [] and len(proxy.requests) == 4


def test_proxy_refusing_connect(make_server: Callable[..., Misbehaving]) -> None:
    proxy, origin = make_server(), make_server(tls=True)
    proxy.script(Reply(407, headers={"Proxy-Authenticate": "Basic"}), Reset())
    for expected in ("407", "reset"):
        conn = http.client.HTTPSConnection(proxy.host, proxy.port, timeout=5,
                                           context=client_context())
        conn.set_tunnel(origin.netloc)
        with pytest.raises(OSError) as caught:
            conn.request("GET", "/")
        conn.close()
        assert expected in str(caught.value).lower() or isinstance(caught.value, ConnectionResetError)
    assert [r.method for r in proxy.requests] == ["CONNECT", "CONNECT"]
    assert origin.connections == []


def test_proxy_passes_upstream_faults_on(make_server: Callable[..., Misbehaving]) -> None:
    proxy, origin = make_server(), make_server()
    proxy.handle(Forward())
    origin.script(Reset(after_body_bytes=10), Close(after_body_bytes=10), Reset(after_status=True))
    absolute = b"GET %s HTTP/1.1\r\nHost: %s\r\n\r\n" % (origin.url("/a").encode(),
                                                          origin.netloc.encode())
    assert talk(proxy, absolute)[:2] == (CUT_HEAD + b'{"padding"', "reset")
    assert talk(proxy, absolute)[:2] == (CUT_HEAD + b'{"padding"', "eof")
    tunnelled = b"CONNECT %s HTTP/1.1\r\nHost: %s\r\n\r\n" % ((origin.netloc.encode(),) * 2)
    got, end, _ = talk(proxy, tunnelled + GET_CLOSE)  # the request right behind the CONNECT
    assert (got, end) == (b"HTTP/1.1 200 Connection established\r\n\r\nHTTP/1.1 200 OK\r\n", "reset")
    assert [r.target for r in origin.requests] == ["/a", "/a", "/x"]
