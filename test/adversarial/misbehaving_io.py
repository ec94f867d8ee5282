"""The wire side of misbehaving.py: what was received (Request, Connection), one connection's
I/O (plain, or TLS through a MemoryBIO so the server controls the timing of every byte),
request parsing, and the forward proxy action.  Import everything from misbehaving.py."""
from __future__ import annotations

import fcntl
import json as _json
import select
import socket
import ssl
import struct
import termios
import time
from typing import Any, Callable, Iterable, List, Optional, Tuple
from urllib.parse import urlsplit

MAX_HEAD = 1 << 20  # request heads larger than this are refused


class Gone(Exception):
    """The client went away or the server is stopping: the connection's work ends quietly."""


class _BadRequest(Exception):
    pass


# ---------------------------------------------------------------- records

class Request:
    """One request as received."""

    def __init__(self, method: str, target: str, version: str, headers: List[Tuple[str, str]],
                 raw_head: bytes, conn: int, started: float) -> None:
        self.method, self.target, self.version = method, target, version
        self.headers, self.raw_head, self.conn, self.started = headers, raw_head, conn, started
        self.body = b""
        self.index = -1
        self.finished = started

    def header(self, name: str, default: Optional[str] = None) -> Optional[str]:
        values = self.header_all(name)
        return values[0] if values else default

    def header_all(self, name: str) -> List[str]:
        return [v for n, v in self.headers if n.lower() == name.lower()]

    @property
    def path(self) -> str:
        return self.target.partition("?")[0]

    @property
    def query(self) -> str:
        return self.target.partition("?")[2]

    def json(self) -> Any:
        return _json.loads(self.body)

    @property
    def wants_close(self) -> bool:
        tokens = ",".join(self.header_all("Connection")).lower()
        if self.version == "HTTP/1.0":
            return "keep-alive" not in tokens
        return "close" in tokens

    def __repr__(self) -> str:
        return f"<Request #{self.index} conn={self.conn} {self.method} {self.target}>"


class Connection:
    """One accepted TCP connection."""

    def __init__(self, id: int, peer: Tuple[str, int]) -> None:
        self.id, self.peer = id, peer
        self.opened = time.monotonic()
        self.closed: Optional[float] = None
        self.requests = 0
        self.error: Optional[str] = None

    def __repr__(self) -> str:
        return f"<Connection {self.id} requests={self.requests} error={self.error}>"


class Trickle:
    """Pacing: ``nbytes`` at a time, ``every`` seconds apart (the first piece goes at once).
    For a Reply, ``headers``/``body`` choose what is paced; as a server's ``handshake=``,
    the server's TLS handshake bytes are."""

    def __init__(self, nbytes: int = 1, every: float = 1.0, headers: bool = True,
                 body: bool = True) -> None:
        if nbytes < 1 or every < 0:
            raise ValueError("Trickle needs nbytes >= 1 and every >= 0")
        self.nbytes, self.every, self.headers, self.body = nbytes, every, headers, body


# ---------------------------------------------------------------- one connection

class _Conn:
    """A connection's I/O: plain, or TLS through a MemoryBIO so every byte's timing is ours."""

    def __init__(self, server: Any, sock: socket.socket,
                 context: Optional[ssl.SSLContext]) -> None:
        self.server, self.sock = server, sock
        self.buf = bytearray()
        self.closed = False
        self._tls: Optional[ssl.SSLObject] = None
        if context is not None:
            self._in, self._out = ssl.MemoryBIO(), ssl.MemoryBIO()
            self._tls = context.wrap_bio(self._in, self._out, server_side=True)

    # -- waiting and pacing
    def wait(self, seconds: Optional[float]) -> None:
        """Sleep ``seconds`` (None: unbounded); raise Gone if the client leaves or we stop."""
        deadline = None if seconds is None else time.monotonic() + seconds
        watch = [self.sock, self.server._wake_r]
        while True:
            if self.server._stopping.is_set():
                raise Gone()
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                return
            readable, _, _ = select.select(watch, [], [], left)
            if self.sock in readable:
                try:
                    if not self.sock.recv(1, socket.MSG_PEEK):
                        raise Gone()
                except OSError:
                    raise Gone()
                watch = [self.server._wake_r]  # the client sent more: just keep time

    def _paced(self, data: bytes, send: Callable[[bytes], None], trickle: Optional[Trickle],
               state: List[bool]) -> None:
        if not data:
            return
        if trickle is None:
            send(data)
            return
        for i in range(0, len(data), trickle.nbytes):
            if state[0]:
                self.wait(trickle.every)
            state[0] = True
            send(data[i:i + trickle.nbytes])

    # -- TLS
    def handshake(self, pace: Any) -> None:
        assert self._tls is not None
        first = True
        state = [False]
        while True:
            try:
                self._tls.do_handshake()
                done = True
            except ssl.SSLWantReadError:
                done = False
            out = self._out.read()
            if out:
                if first and pace is not None and not isinstance(pace, Trickle):
                    self.wait(pace.seconds)  # a Stall
                first = False
                self._paced(out, self.sock.sendall, pace if isinstance(pace, Trickle) else None, state)
            if done:
                return
            data = self.sock.recv(65536)
            if not data:
                raise Gone()
            self._in.write(data)

    def _flush(self) -> None:
        if self._tls is not None:
            out = self._out.read()
            if out:
                self.sock.sendall(out)

    def pending(self) -> bool:
        return self._tls is not None and (self._tls.pending() > 0 or self._in.pending > 0)

    # -- bytes
    def recv(self) -> bytes:
        if self._tls is None:
            return self.sock.recv(65536)
        while True:
            try:
                return self._tls.read(65536)
            except ssl.SSLWantReadError:
                pass
            except (ssl.SSLZeroReturnError, ssl.SSLEOFError):
                return b""
            self._flush()
            data = self.sock.recv(65536)
            if data:
                self._in.write(data)
            else:
                self._in.write_eof()

    def send(self, data: bytes) -> None:
        if self._tls is None:
            self.sock.sendall(data)
        else:
            self._tls.write(data)
            self._flush()

    def emit(self, head: bytes, body: Iterable[bytes], trickle: Optional[Trickle],
             limit: Optional[int] = None) -> int:
        """Send head then body (paced by trickle, stopping after ``limit`` bytes in all);
        return the number of body bytes sent."""
        state = [False]
        if limit is not None and limit <= len(head):
            self._paced(head[:limit], self.send, trickle if trickle and trickle.headers else None, state)
            return 0
        self._paced(head, self.send, trickle if trickle and trickle.headers else None, state)
        sent = 0
        room = None if limit is None else limit - len(head)
        for piece in body:
            if room is not None and sent + len(piece) >= room:
                self._paced(piece[:room - sent], self.send, trickle if trickle and trickle.body else None, state)
                return room
            self._paced(piece, self.send, trickle if trickle and trickle.body else None, state)
            sent += len(piece)
        return sent

    def _drain(self, timeout: float = 1.0) -> None:
        """Before an RST: wait (boundedly) until the peer has acknowledged what we sent, since
        an RST throws away whatever is still queued (Linux: TIOCOUTQ = bytes not yet acked)."""
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline and not self.server._stopping.is_set():
                queued = struct.unpack("i", fcntl.ioctl(self.sock, termios.TIOCOUTQ, b"\0" * 4))[0]
                if queued <= 0:
                    return
                time.sleep(0.002)
        except (OSError, AttributeError):
            return

    def close(self, rst: bool = False, notify: bool = True) -> None:
        """Close with RST, or with FIN (after a TLS close_notify if ``notify``)."""
        if self.closed:
            return
        self.closed = True
        try:
            if rst:
                self._drain()
                self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            else:
                if self._tls is not None and notify:
                    try:
                        self._tls.unwrap()
                    except ssl.SSLError:
                        pass
                    self._flush()
                self.sock.shutdown(socket.SHUT_WR)
        except (OSError, ValueError):
            pass
        self.server._untrack(self.sock)
        self.sock.close()

    # -- requests
    def _fill(self) -> None:
        data = self.recv()
        if not data:
            raise Gone()
        self.buf += data

    def _line(self) -> bytes:
        while b"\r\n" not in self.buf:
            if len(self.buf) > MAX_HEAD:
                raise _BadRequest("line too long")
            self._fill()
        end = self.buf.find(b"\r\n")
        line = bytes(self.buf[:end])
        del self.buf[:end + 2]
        return line

    def _exact(self, n: int) -> bytes:
        while len(self.buf) < n:
            self._fill()
        data = bytes(self.buf[:n])
        del self.buf[:n]
        return data

    def read_request(self, conn_id: int) -> Optional[Request]:
        started = time.monotonic()
        while True:
            while self.buf[:2] == b"\r\n":
                del self.buf[:2]
            end = self.buf.find(b"\r\n\r\n")
            if end >= 0:
                break
            if len(self.buf) > MAX_HEAD:
                raise _BadRequest("request head too large")
            data = self.recv()
            if not data:
                return None
            if not self.buf:
                started = time.monotonic()
            self.buf += data
        raw_head = bytes(self.buf[:end + 4])
        del self.buf[:end + 4]
        lines = raw_head[:-4].decode("latin-1").split("\r\n")
        parts = lines[0].split(" ")
        if len(parts) != 3:
            raise _BadRequest(f"bad request line {lines[0]!r}")
        headers = []
        for line in lines[1:]:
            name, sep, value = line.partition(":")
            if not sep:
                raise _BadRequest(f"bad header line {line!r}")
            headers.append((name, value.strip()))
        req = Request(parts[0], parts[1], parts[2], headers, raw_head, conn_id, started)
        if "100-continue" in (req.header("Expect") or "").lower():
            self.send(b"HTTP/1.1 100 Continue\r\n\r\n")
        if "chunked" in (req.header("Transfer-Encoding") or "").lower():
            body = bytearray()
            while True:
                try:
                    size = int(self._line().split(b";")[0].strip(), 16)
                except ValueError:
                    raise _BadRequest("bad chunk size")
                if size == 0:
                    break
                body += self._exact(size)
                self._exact(2)
            while self._line():  # trailers
                pass
            req.body = bytes(body)
        elif req.header("Content-Length") is not None:
            try:
                req.body = self._exact(int(req.header("Content-Length") or ""))
            except ValueError:
                raise _BadRequest("bad Content-Length")
        req.finished = time.monotonic()
        return req


# ---------------------------------------------------------------- forward proxy

_HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "proxy-authorization", "te",
               "trailer", "transfer-encoding", "upgrade", "content-length"}
_BAD_GATEWAY = b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
_NOT_A_PROXY_REQUEST = b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"


class Forward:
    """Behave as a forward proxy for this request.

    An absolute-form target (``GET http://host:port/path``) is sent to that origin in origin
    form, hop-by-hop headers (Proxy-Authorization included) dropped and ``Connection: close``
    added; the answer is relayed byte for byte, then the client connection is closed.
    ``CONNECT host:port`` answers 200 and tunnels bytes both ways until either side closes.
    An upstream that resets the connection gets the client's connection reset too.
    With ``upstream="http://host:port"`` an origin-form request is forwarded there (a
    reverse proxy).  An unreachable origin gets a 502; anything else a 400.
    """

    def __init__(self, upstream: Optional[str] = None) -> None:
        self.upstream = upstream

    def perform(self, conn: _Conn, req: Request) -> bool:
        if req.method == "CONNECT":
            host, _, port = req.target.rpartition(":")
            target: Optional[Tuple[str, str]] = (host.strip("[]"), port)
            path = ""
        elif "://" in req.target:
            parts = urlsplit(req.target)
            target = (parts.hostname or "", str(parts.port or 80)) if parts.scheme == "http" else None
            path = (parts.path or "/") + ("?" + parts.query if parts.query else "")
        elif self.upstream:
            parts = urlsplit(self.upstream)
            target, path = (parts.hostname or "", str(parts.port or 80)), req.target
        else:
            target = None
        if target is None:
            conn.send(_NOT_A_PROXY_REQUEST)
            return False
        try:
            upstream = socket.create_connection((target[0], int(target[1])), timeout=5)
        except (OSError, ValueError):
            conn.send(_BAD_GATEWAY)
            return False
        upstream.settimeout(None)  # the server's stop (shutdown of tracked sockets) ends waits
        reset = False
        try:
            conn.server._track(upstream)
            if req.method == "CONNECT":
                conn.send(b"HTTP/1.1 200 Connection established\r\n\r\n")
                reset = self._tunnel(conn, upstream)
            else:
                lines = [f"{req.method} {path} HTTP/1.1"]
                lines += [f"{n}: {v}" for n, v in req.headers if n.lower() not in _HOP_BY_HOP]
                if req.body or req.header("Content-Length") or req.header("Transfer-Encoding"):
                    lines.append(f"Content-Length: {len(req.body)}")
                lines.append("Connection: close")
                upstream.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + req.body)
                while True:
                    data = _recv(upstream)
                    if not data:
                        reset = data is None
                        break
                    conn.send(data)
        finally:
            conn.server._untrack(upstream)
            upstream.close()
        conn.close(rst=reset)  # an upstream reset is passed on as a reset
        return False

    @staticmethod
    def _tunnel(conn: _Conn, upstream: socket.socket) -> bool:
        """Relay both ways until one side ends; True if the upstream reset the connection."""
        if conn.buf:
            upstream.sendall(bytes(conn.buf))
            conn.buf.clear()
        wake = conn.server._wake_r
        while True:
            if conn.pending():
                ready = [conn.sock]
            else:
                ready, _, _ = select.select([conn.sock, upstream, wake], [], [])
            if wake in ready:
                return False
            if conn.sock in ready:
                data = conn.recv()
                if not data:
                    return False
                upstream.sendall(data)
            if upstream in ready:
                received = _recv(upstream)
                if not received:
                    return received is None
                conn.send(received)


def _recv(sock: socket.socket) -> Optional[bytes]:
    """recv, with None for a connection reset."""
    try:
        return sock.recv(65536)
    except ConnectionResetError:
        return None
