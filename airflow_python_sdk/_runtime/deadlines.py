"""Deadlines: a bound on the whole of a call, retries, redirects and waits included.

``Configuration.deadline`` (seconds, None: no bound) gives every call one; ``paginate`` and
the waiting helpers give the calls they make the time their own bound leaves
(``deadline_scope``). A request carries its deadline as a ``time.monotonic()`` instant:
the retry layer does not wait past it, the transport shortens each attempt's timeouts to it
and cuts off an answer still arriving when it passes (a server that trickles).
"""
from __future__ import annotations

import contextlib
import contextvars
import math
import time
from typing import Any, Iterator, Optional

from airflow_python_sdk._runtime.errors import ApiTypeError, ApiValueError

_SCOPE: contextvars.ContextVar[Optional[float]] = contextvars.ContextVar("airflow_sdk_deadline",
                                                                         default=None)


def check_deadline(value: Any, name: str) -> Optional[float]:
    """A deadline setting in seconds (None: none); a clear error naming ``name`` otherwise."""
    if value is None:
        return None
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise ApiTypeError(f"{name} must be seconds (a number) or None, got {type(value).__name__}")
    if not math.isfinite(value) or value <= 0:
        raise ApiValueError(f"{name} must be a positive number of seconds, got {value!r}")
    return float(value)


def call_deadline(seconds: Optional[float]) -> Optional[float]:
    """The instant a call starting now must end by: ``seconds`` from now, or sooner when a
    scope around it (a paginate, a wait) ends sooner."""
    scope = _SCOPE.get()
    own = None if seconds is None else time.monotonic() + seconds
    if scope is None:
        return own
    return scope if own is None else min(own, scope)


@contextlib.contextmanager
def deadline_scope(seconds: Optional[float]) -> Iterator[Optional[float]]:
    """Calls made inside end within ``seconds`` from now (None: no bound added)."""
    until = call_deadline(seconds)
    token = _SCOPE.set(until)
    try:
        yield until
    finally:
        _SCOPE.reset(token)


def scope_until(until: Optional[float]) -> "contextlib.AbstractContextManager[Optional[float]]":
    """A scope ending at the ``time.monotonic()`` instant ``until`` (None: no bound)."""
    return deadline_scope(None if until is None else max(until - time.monotonic(), 1e-3))
