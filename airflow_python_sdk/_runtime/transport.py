"""The bottom of the pipeline: one HTTP exchange, a ``Request`` in, a ``Response`` out.

A transport is anything with ``handle(request) -> Response`` and ``close()``. The SDK's own
is ``Urllib3Transport`` (the only module that imports urllib3); ``MockTransport`` wraps a
plain function for tests of everything above it::

    def handler(request):
        return Response.json(200, {"name": "p", "slots": 1})

    client = ApiClient(config, transport=MockTransport(handler))

A ``Response`` carries its body read (``data``) or, for a call that asked for the unread
answer (``_preload_content=False``), unread: ``read()``, ``stream()``, ``iter_lines()`` and
``release_conn()`` work on it either way.
"""
from __future__ import annotations

import json
from typing import Any, Callable, Iterator, List, Mapping, Optional, Protocol

from airflow_python_sdk._runtime.headers import Headers as Headers  # re-exported: answers carry them
from airflow_python_sdk._runtime.request import Request


class Transport(Protocol):
    """What the pipeline sends through."""

    def handle(self, request: Request) -> "Response":
        """Send ``request`` once; answer the response or raise ``ApiConnectionError``."""
        ...

    def close(self) -> None:
        """Release every connection."""
        ...


class _Body:
    """An unread body over raw bytes (what ``MockTransport`` answers with)."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._pos = 0

    def read(self, amt: Optional[int] = None) -> bytes:
        end = len(self._data) if amt is None else min(len(self._data), self._pos + amt)
        chunk = self._data[self._pos:end]
        self._pos = end
        return chunk

    def release(self) -> None:
        self._pos = len(self._data)


class Response:
    """An HTTP answer: ``status``, ``reason``, ``headers`` (case-insensitive), the body.

    ``source`` is the unread body: anything with ``read(amt=None)``, and optionally
    ``release()`` (give the connection back) and ``close()``.
    """

    __slots__ = ("status", "reason", "headers", "request", "_data", "_source")

    def __init__(self, status: int, reason: str = "", headers: Optional[Mapping[str, str]] = None,
                 data: Optional[bytes] = None, *, source: Any = None,
                 request: Optional[Request] = None) -> None:
        self.status: int = status
        self.reason: str = reason
        self.headers: Mapping[str, str] = headers if headers is not None else Headers()
        self.request: Optional[Request] = request
        self._data = data
        self._source = source if data is None else None
        if data is None and source is None:
            self._data = b""

    @classmethod
    def json(cls, status: int, body: Any, headers: Optional[Mapping[str, str]] = None,
             reason: str = "") -> "Response":
        """An answer with ``body`` as JSON (for tests and mock transports)."""
        merged = Headers({"Content-Type": "application/json", **dict(headers or {})})
        return cls(status, reason, merged, json.dumps(body).encode())

    @classmethod
    def unread(cls, status: int, body: bytes, headers: Optional[Mapping[str, str]] = None,
               reason: str = "") -> "Response":
        """An answer whose body has not been read yet (as a streaming transport gives it)."""
        return cls(status, reason, Headers(headers or {}), source=_Body(body))

    # -- the body
    @property
    def data(self) -> bytes:
        """The whole body (read on first use)."""
        if self._data is None:
            self._data = self._read_all()
        return self._data

    @data.setter
    def data(self, value: bytes) -> None:
        self._data = value
        self._source = None

    @property
    def is_read(self) -> bool:
        return self._data is not None

    def read(self, amt: Optional[int] = None) -> bytes:
        """The next ``amt`` bytes of the body (all that is left when ``amt`` is None)."""
        if self._source is None:
            data = self._data or b""
            if amt is None:
                self._data = b""
                return data
            self._data = data[amt:]
            return data[:amt]
        chunk: bytes = self._source.read(amt)
        if amt is None or not chunk:
            self.release_conn()
        return chunk

    def read1(self, amt: int = 65536) -> bytes:
        """Up to ``amt`` bytes of the body, as soon as some have arrived (``read`` waits for
        ``amt`` bytes or the end): what a stream of lines needs to see each line when sent."""
        source = self._source
        if source is None:
            return self.read(amt)
        read1 = getattr(source, "read1", None)
        chunk: bytes = read1(amt) if read1 is not None else source.read(amt)
        if not chunk:
            self.release_conn()
        return chunk

    def stream(self, chunk_size: int = 65536) -> Iterator[bytes]:
        """The body in chunks, as it arrives."""
        while True:
            chunk = self.read(chunk_size)
            if not chunk:
                return
            yield chunk

    def iter_lines(self, chunk_size: int = 65536) -> Iterator[bytes]:
        """The body line by line (NDJSON streams), each line without its end."""
        pending = b""
        while True:
            chunk = self.read1(chunk_size)
            if not chunk:
                break
            pending += chunk
            lines = pending.split(b"\n")
            pending = lines.pop()
            for line in lines:
                yield line.rstrip(b"\r")
        if pending:
            yield pending

    def _read_all(self) -> bytes:
        parts: List[bytes] = []
        while True:
            chunk = self.read(1 << 20)
            if not chunk:
                break
            parts.append(chunk)
        return b"".join(parts)

    def release_conn(self) -> None:
        """Give the connection back to its pool (the rest of the body is dropped)."""
        source, self._source = self._source, None
        if source is not None:
            release = getattr(source, "release", None)
            if release is not None:
                release()
            if self._data is None:
                self._data = b""

    def close(self) -> None:
        source, self._source = self._source, None
        if source is not None:
            close = getattr(source, "close", None)
            if close is not None:
                close()
        if self._data is None:
            self._data = b""

    # -- the names code written for older clients reads
    def getheaders(self) -> Mapping[str, str]:
        return self.headers

    def getheader(self, name: str, default: Optional[str] = None) -> Optional[str]:
        return self.headers.get(name, default)

    def __repr__(self) -> str:
        return f"<Response {self.status} {self.reason}>"


class MockTransport:
    """A transport that answers every request with ``handler(request)``: for tests."""

    def __init__(self, handler: Callable[[Request], Response]) -> None:
        self.handler = handler
        self.requests: List[Request] = []

    def handle(self, request: Request) -> Response:
        self.requests.append(request)
        response = self.handler(request)
        response.request = request
        if not request.stream and not response.is_read:
            response.data  # noqa: B018 - a preloaded answer is read here, as a real transport does
        return response

    def close(self) -> None:
        pass
