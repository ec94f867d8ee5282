"""Misbehaving: a scriptable loopback HTTP/1.1 server (and forward proxy) for fault tests.

Standard library only.  A server listens on 127.0.0.1:<free port>, runs an accept thread and
one thread per connection, reads each request completely (head and body), records it, then
performs the next *action* of its script on that connection.

    with Misbehaving() as srv:
        srv.script(Reply(200, json={"ok": True}),                # 1st request
                   Reset(after_body_bytes=10),                  # 2nd: RST mid-body
                   then=Reply(503, headers={"Retry-After": "1"}))  # all later ones
        ...point the client at srv.url("/api/v1")...
        assert srv.requests[0].method == "GET"

Script
    srv.script(*actions, then=None)  append actions, one per request in arrival order; ``then``
                                     replaces the action used once they are used up (initially
                                     Reply(599, "misbehaving: script exhausted")).
    srv.handle(action)               same as srv.script(then=action).
    An action may be a callable ``f(request) -> action`` (routing, loops, counting).
    srv.pending                      scripted actions not used yet.

Actions
    Reply(status=200, body=b"", *, headers=(), reason=None, json=..., content_type=None,
          content_length=AUTO, chunked=False, trickle=None, close=False)
        body: bytes, str, an iterable of bytes (sent lazily; an iterator serves one answer
        only, a list or a Stream any number) or a Stream (lazy, with a known length).
        headers: dict or list of (name, value) pairs, sent in order, duplicates kept (a bytes
        value is sent verbatim).  content_length: AUTO = the real length when known, None = no
        header (the body then ends when the server closes), an int = that number, true or not.
        chunked=True sends each piece of the body as one chunk.  Only these are added, and only
        when ``headers`` does not already name them: Content-Type (from content_type/json),
        Content-Length or Transfer-Encoding, and Connection: close when the server is going to
        close (close=True, the request asked for it, or the body is close-delimited).  A HEAD
        request gets no body.  The connection is also closed when the body sent does not match
        the Content-Length declared.
    Trickle(nbytes=1, every=1.0, headers=True, body=True)
        as ``Reply(trickle=...)``: send the status line + headers and/or the body ``nbytes`` at a
        time, waiting ``every`` seconds between pieces.
    Redirect(location, status=302, **reply_options)   a Reply with Location (and by default an
                                 empty body).
    Raw(data, close=True)        send exactly these bytes (broken status lines, garbage...).
    Reset(reply=None, *, after_bytes=N | after_status=True | after_header_bytes=N |
          after_body_bytes=N)    send that much of ``reply`` (all cut points count bytes on the
                                 wire; body bytes include chunk framing), then close with RST
                                 (SO_LINGER 0).  No cut point: nothing is sent.  Default reply:
                                 200, JSON, Content-Length: 1000.
    Close(...)                   the same, but a normal close (FIN; on TLS without close_notify).
    Stall(seconds=None, then=None)  answer nothing for ``seconds`` (None: until the client
                                 leaves or the server stops), then perform ``then`` (default:
                                 close with FIN).
    Forward(upstream=None)       act as a forward proxy (in misbehaving_io.py): absolute-form
                                 targets are forwarded, CONNECT opens a tunnel; with
                                 upstream="http://host:port" origin-form requests go there.

Server
    Misbehaving(tls=False, handshake=None, strict=True)
        tls=True: HTTPS with test/unit/tls/server.pem (trust CA_FILE, see client_context()).
        handshake=Stall(seconds) or Trickle(nbytes, every): delay or trickle the server's TLS
        handshake bytes (the TCP connection is accepted at once).
        strict: leaving the ``with`` block raises AssertionError if a server thread failed
        (e.g. a handler raised) or did not stop.
    srv.host, srv.port, srv.netloc ("127.0.0.1:port"), srv.origin, srv.url(path="/")
    srv.requests      [Request]: method, target (raw request target), version, headers (list of
                      (name, value) as received), body (bytes, de-chunked), conn (connection id),
                      index, started/finished (time.monotonic()), raw_head; header(name),
                      header_all(name), path, query, json().
    srv.connections   [Connection]: id, peer, opened, closed, requests, error.
    srv.wait_for(n, timeout=5.0)        wait until n requests were received, return them.
    srv.wait_until(predicate, timeout=5.0)   wait until predicate(srv) is true.
    srv.errors        unexpected exceptions raised in server threads.

Lazy bodies
    huge_json(nbytes), huge_html(nbytes): valid JSON / HTML of exactly nbytes, made 64 KiB at a
    time; deep_json(depth, kind="array"|"object") -> Stream; MALFORMED_JSON, LOGIN_PAGE (bytes).

Fixtures (conftest.py): ``server``, ``tls_server``, ``make_server(**options)`` (stopped after
the test; server failures fail it), and an autouse watchdog failing any test after 60 s.

Linux loopback notes
    * RST really is RST: before SO_LINGER 0 the server waits (<= 1 s) until what it sent was
      acknowledged, so a client reads exactly the bytes sent, then gets ECONNRESET.  Sockets
      have TCP_NODELAY, so every trickled piece leaves at once.
    * Python's ssl reports a TCP reset under TLS as an EOF (SSLEOFError, or b"" with
      suppress_ragged_eofs), and an ssl socket's timeout bounds the whole handshake, not
      each read of it.
"""
from __future__ import annotations

import collections
import http
import json as _json
import os
import select
import socket
import ssl
import threading
import time
from typing import Any, Callable, Iterable, Iterator, List, Optional, Set, Tuple, Union

from .misbehaving_io import MAX_HEAD, Connection, Forward, Gone, Request, Trickle, _BadRequest, _Conn

TLS_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "unit", "tls")
CA_FILE = os.path.join(TLS_DIR, "ca.pem")
CERT_FILE = os.path.join(TLS_DIR, "server.pem")
KEY_FILE = os.path.join(TLS_DIR, "server.key")


def client_context() -> ssl.SSLContext:
    """A client SSLContext that verifies certificates against the test CA."""
    return ssl.create_default_context(cafile=CA_FILE)


class _Auto:
    def __repr__(self) -> str:
        return "AUTO"


AUTO: Any = _Auto()
_UNSET: Any = object()


# ---------------------------------------------------------------- actions

class Stream:
    """A body made lazily: ``factory()`` returns a fresh iterator of bytes for every send."""

    def __init__(self, factory: Callable[[], Iterable[bytes]], length: Optional[int] = None) -> None:
        self.factory, self.length = factory, length

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.factory())

    def __len__(self) -> int:
        if self.length is None:
            raise TypeError("this Stream has no known length")
        return self.length


def _enc(value: Union[str, bytes, int]) -> bytes:
    if isinstance(value, bytes):
        return value
    return str(value).encode("latin-1")


class Reply:
    def __init__(self, status: int = 200, body: Any = b"", *, headers: Any = (),
                 reason: Optional[str] = None, json: Any = _UNSET,
                 content_type: Optional[str] = None, content_length: Any = AUTO,
                 chunked: bool = False, trickle: Optional[Trickle] = None,
                 close: bool = False) -> None:
        if json is not _UNSET:
            body = _json.dumps(json).encode()
            content_type = content_type or "application/json"
        self.status, self.reason = status, reason
        self.body = body.encode() if isinstance(body, str) else body
        self.headers = list(headers.items() if isinstance(headers, dict) else headers)
        self.content_type, self.content_length = content_type, content_length
        self.chunked, self.trickle, self.close = chunked, trickle, close

    def _length(self) -> Optional[int]:
        if isinstance(self.body, (bytes, bytearray)):
            return len(self.body)
        return self.body.length if isinstance(self.body, Stream) else None

    def _has_body(self, req: Request) -> bool:
        return req.method != "HEAD" and not (100 <= self.status < 200 or self.status in (204, 304))

    def _head(self, req: Request, may_announce_close: bool) -> Tuple[bytes, Optional[int], bool, bool]:
        """(status line + header block, declared length, chunked?, closing after?)"""
        headers = list(self.headers)
        names = {n.lower() for n, _ in headers}

        def add(name: str, value: Any) -> None:
            if name.lower() not in names:
                headers.append((name, value))
                names.add(name.lower())

        if self.content_type:
            add("Content-Type", self.content_type)
        if self.chunked:
            add("Transfer-Encoding", "chunked")
        elif self.content_length is AUTO:
            if self._length() is not None:
                add("Content-Length", self._length())
        elif self.content_length is not None:
            add("Content-Length", self.content_length)
        lengths = [v for n, v in headers if n.lower() == "content-length"]
        try:
            declared = int(lengths[0]) if lengths else None
        except ValueError:
            declared = None
        chunked = any(b"chunked" in _enc(v).lower() for n, v in headers
                      if n.lower() == "transfer-encoding")
        closing = self.close or req.wants_close or (
            self._has_body(req) and not chunked and declared is None)
        if closing and may_announce_close:
            add("Connection", "close")
        reason = self.reason
        if reason is None:
            try:
                reason = http.HTTPStatus(self.status).phrase
            except ValueError:
                reason = "Whatever"
        head = b"HTTP/1.1 %d %s\r\n" % (self.status, _enc(reason))
        head += b"".join(_enc(n) + b": " + _enc(v) + b"\r\n" for n, v in headers) + b"\r\n"
        return head, declared, chunked, closing

    def _body(self, req: Request) -> Iterator[bytes]:
        if req.method == "HEAD":
            return
        pieces = [self.body] if isinstance(self.body, (bytes, bytearray)) else self.body
        for piece in pieces:
            if self.chunked and piece:
                yield b"%x\r\n" % len(piece) + bytes(piece) + b"\r\n"
            elif not self.chunked:
                yield bytes(piece)
        if self.chunked:
            yield b"0\r\n\r\n"

    def perform(self, conn: "_Conn", req: Request) -> bool:
        head, declared, chunked, closing = self._head(req, True)
        sent = conn.emit(head, self._body(req), self.trickle)
        if self._has_body(req) and not chunked and declared is not None and sent != declared:
            closing = True
        return not closing


def Redirect(location: str, status: int = 302, **options: Any) -> Reply:
    """A redirect to ``location`` (relative or absolute) with an empty body."""
    headers = [("Location", location)] + list(options.pop("headers", []))
    return Reply(status, options.pop("body", b""), headers=headers, **options)


class Raw:
    def __init__(self, data: bytes, close: bool = True) -> None:
        self.data, self.close = data, close

    def perform(self, conn: "_Conn", req: Request) -> bool:
        conn.send(self.data)
        return not self.close


_CUT_BODY = b'{"padding": "' + b"x" * 985 + b'"}'  # 1000 bytes


class Reset:
    """Send part of a reply, then close the connection with RST (Close: with FIN)."""
    rst = True

    def __init__(self, reply: Optional[Reply] = None, *, after_bytes: Optional[int] = None,
                 after_status: bool = False, after_header_bytes: Optional[int] = None,
                 after_body_bytes: Optional[int] = None) -> None:
        points = [after_bytes is not None, after_status, after_header_bytes is not None,
                  after_body_bytes is not None]
        if sum(points) > 1:
            raise ValueError("give at most one cut point")
        self.reply = reply or Reply(200, _CUT_BODY, content_type="application/json")
        self.after_bytes, self.after_status = after_bytes, after_status
        self.after_header_bytes, self.after_body_bytes = after_header_bytes, after_body_bytes

    def perform(self, conn: "_Conn", req: Request) -> bool:
        head, _, _, _ = self.reply._head(req, False)
        status_len = head.index(b"\r\n") + 2
        if self.after_bytes is not None:
            limit = self.after_bytes
        elif self.after_status:
            limit = status_len
        elif self.after_header_bytes is not None:
            limit = min(status_len + self.after_header_bytes, len(head))
        elif self.after_body_bytes is not None:
            limit = len(head) + self.after_body_bytes
        else:
            limit = 0
        if limit > 0:
            conn.emit(head, self.reply._body(req), self.reply.trickle, limit=limit)
        conn.close(rst=self.rst, notify=False)  # abrupt: no TLS close_notify either
        return False


class Close(Reset):
    rst = False


class Stall:
    def __init__(self, seconds: Optional[float] = None, then: Any = None) -> None:
        self.seconds, self.then = seconds, then

    def perform(self, conn: "_Conn", req: Request) -> bool:
        conn.wait(self.seconds)
        if self.then is None:
            conn.close()
            return False
        return bool(conn.server._run(self.then, conn, req))


# ---------------------------------------------------------------- lazy and bad bodies

def _repeat(prefix: bytes, unit: bytes, suffix: bytes, nbytes: int) -> Stream:
    """prefix + unit * n + spaces + suffix, exactly ``nbytes`` long, made 64 KiB at a time."""
    if nbytes < len(prefix) + len(suffix):
        raise ValueError(f"at least {len(prefix) + len(suffix)} bytes")
    count, pad = divmod(nbytes - len(prefix) - len(suffix), len(unit))

    def pieces() -> Iterator[bytes]:
        block = unit * max(1, 65536 // len(unit))
        per_block = len(block) // len(unit)
        yield prefix
        for _ in range(count // per_block):
            yield block
        yield unit * (count % per_block) + b" " * pad + suffix

    return Stream(pieces, nbytes)


_ITEM = b'{"name": "pool", "slots": 128, "description": "made lazily by misbehaving.py"}'


def huge_json(nbytes: int) -> Stream:
    """A valid JSON array of objects, exactly ``nbytes`` long, never held in memory."""
    return _repeat(b"[" + _ITEM, b", " + _ITEM, b"]", nbytes)


def huge_html(nbytes: int) -> Stream:
    """A valid HTML page exactly ``nbytes`` long, never held in memory."""
    return _repeat(b"<!DOCTYPE html>\n<html><head><title>Huge</title></head><body>\n",
                   b"<p>All work and no play makes Jack a dull boy.</p>\n", b"</body></html>\n", nbytes)


def deep_json(depth: int, kind: str = "array") -> Stream:
    """``[[[...]]]`` (kind="array") or ``{"a": {"a": ... null}}`` (kind="object"), ``depth`` deep."""
    opener, inner, closer = (b"[", b"", b"]") if kind == "array" else (b'{"a": ', b"null", b"}")

    def pieces() -> Iterator[bytes]:
        for char in (opener, closer):
            left = depth
            while left:
                n = min(left, 65536 // len(char))
                yield char * n
                left -= n
            if char is opener:
                yield inner

    return Stream(pieces, depth * (len(opener) + len(closer)) + len(inner))


MALFORMED_JSON = b'{"name": "p", "slots": 3, "description": "cut here'
LOGIN_PAGE = b"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sign In - Airflow</title></head>
<body><h1>Sign In</h1>
<form method="post" action="/login/?next=%2Fapi%2Fv1%2Fpools">
<input type="hidden" name="csrf_token" value="IjQ2ZTc5ZjQ1YjE4ZGQ2NmUi.made-up">
<label>Username <input type="text" name="username"></label>
<label>Password <input type="password" name="password"></label>
<button type="submit">Sign In</button>
</form></body></html>
"""


# ---------------------------------------------------------------- the server

class Misbehaving:
    def __init__(self, tls: bool = False, handshake: Any = None, strict: bool = True) -> None:
        self.tls, self.handshake, self.strict = tls, handshake, strict
        self.host = "127.0.0.1"
        self.port = 0
        self.errors: List[BaseException] = []
        self._cond = threading.Condition()
        self._script: "collections.deque[Any]" = collections.deque()
        self._then: Any = Reply(599, b"misbehaving: script exhausted\n")
        self._requests: List[Request] = []
        self._connections: List[Connection] = []
        self._threads: List[threading.Thread] = []
        self._live: Set[Any] = set()
        self._stopping = threading.Event()
        self._started = False
        self._context: Optional[ssl.SSLContext] = None

    # -- lifecycle
    def start(self) -> "Misbehaving":
        if self._started:
            return self
        if self.tls:
            self._context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self._context.load_cert_chain(CERT_FILE, KEY_FILE)
        self._listener = socket.create_server((self.host, 0), backlog=128)
        self.port = self._listener.getsockname()[1]
        self._wake_r, self._wake_w = socket.socketpair()
        self._accepter = threading.Thread(target=self._accept_loop, daemon=True,
                                          name=f"misbehaving-{self.port}-accept")
        self._accepter.start()
        self._started = True
        return self

    def close(self, timeout: float = 5.0) -> None:
        if not self._started or self._stopping.is_set():
            return
        self._stopping.set()
        self._wake_w.send(b"x")
        deadline = time.monotonic() + timeout
        self._accepter.join(timeout)
        with self._cond:
            for sock in list(self._live):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
            threads = list(self._threads)
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        stuck = [t.name for t in threads + [self._accepter] if t.is_alive()]
        if stuck:
            self.errors.append(RuntimeError(f"threads did not stop: {stuck}"))
        self._listener.close()
        self._wake_r.close()
        self._wake_w.close()

    def __enter__(self) -> "Misbehaving":
        return self.start()

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        self.close()
        if self.strict and self.errors and exc_type is None:
            raise AssertionError(f"misbehaving server {self.netloc} failed: {self.errors!r}")

    # -- addresses
    @property
    def netloc(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def origin(self) -> str:
        return f"{'https' if self.tls else 'http'}://{self.netloc}"

    def url(self, path: str = "/") -> str:
        return self.origin + path

    # -- script
    def script(self, *actions: Any, then: Any = None) -> "Misbehaving":
        with self._cond:
            self._script.extend(actions)
            if then is not None:
                self._then = then
        return self

    def handle(self, action: Any) -> "Misbehaving":
        return self.script(then=action)

    @property
    def pending(self) -> int:
        with self._cond:
            return len(self._script)

    # -- records
    @property
    def requests(self) -> List[Request]:
        with self._cond:
            return list(self._requests)

    @property
    def connections(self) -> List[Connection]:
        with self._cond:
            return list(self._connections)

    def wait_until(self, predicate: Callable[["Misbehaving"], bool], timeout: float = 5.0) -> None:
        deadline = time.monotonic() + timeout
        with self._cond:
            while not predicate(self):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"condition not met within {timeout}s on {self.netloc}")
                self._cond.wait(left)

    def wait_for(self, n: int, timeout: float = 5.0) -> List[Request]:
        self.wait_until(lambda s: len(s._requests) >= n, timeout)
        return self.requests

    # -- internals
    def _track(self, sock: socket.socket) -> None:
        with self._cond:
            if self._stopping.is_set():
                raise Gone()
            self._live.add(sock)

    def _untrack(self, sock: socket.socket) -> None:
        with self._cond:
            self._live.discard(sock)

    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            readable, _, _ = select.select([self._listener, self._wake_r], [], [])
            if self._wake_r in readable:
                return
            try:
                sock, peer = self._listener.accept()
            except OSError:
                continue
            with self._cond:
                if self._stopping.is_set():
                    sock.close()
                    return
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # every piece goes out now
                record = Connection(len(self._connections), peer)
                self._connections.append(record)
                self._live.add(sock)
                thread = threading.Thread(target=self._serve, args=(sock, record), daemon=True,
                                          name=f"misbehaving-{self.port}-conn{record.id}")
                self._threads.append(thread)
                self._cond.notify_all()
            thread.start()

    def _serve(self, sock: socket.socket, record: Connection) -> None:
        conn = _Conn(self, sock, self._context)
        try:
            if self._context is not None:
                conn.handshake(self.handshake)
            while not self._stopping.is_set():
                req = conn.read_request(record.id)
                if req is None:
                    break
                with self._cond:
                    req.index = len(self._requests)
                    self._requests.append(req)
                    record.requests += 1
                    action = self._script.popleft() if self._script else self._then
                    self._cond.notify_all()
                if not self._run(action, conn, req):
                    break
        except _BadRequest as e:
            record.error = f"bad request: {e}"
            try:
                conn.send(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            except OSError:
                pass
        except Gone:
            pass
        except (OSError, ssl.SSLError) as e:
            record.error = f"{type(e).__name__}: {e}"
        except Exception as e:  # a handler or the server itself is broken: tell the test
            record.error = f"{type(e).__name__}: {e}"
            self.errors.append(e)
        finally:
            conn.close()
            with self._cond:
                record.closed = time.monotonic()
                self._cond.notify_all()

    def _run(self, action: Any, conn: _Conn, req: Request) -> bool:
        """Perform ``action`` (resolving handler callables); True keeps the connection."""
        for _ in range(20):
            if hasattr(action, "perform"):
                return bool(action.perform(conn, req))
            if not callable(action):
                break
            action = action(req)
        raise TypeError(f"not an action: {action!r}")


__all__ = ["AUTO", "CA_FILE", "Close", "Connection", "Forward", "LOGIN_PAGE", "MALFORMED_JSON",
           "MAX_HEAD", "Misbehaving", "Raw", "Redirect", "Reply", "Request", "Reset", "Stall",
           "Stream", "Trickle", "client_context", "deep_json", "huge_html", "huge_json"]
