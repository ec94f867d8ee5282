"""Retrying: when to try a request again, how long to wait first, and the layer that does it.

On by default (``Configuration.retries = RetryPolicy()``); ``retries=None`` turns it off and
an int ``n`` means ``RetryPolicy(total=n)``. Retried:

- a connection that failed before the request was sent (refused, DNS, connect timeout):
  any method, since the server never saw it;
- a connection lost or a read timeout after sending, and the statuses 429, 502, 503, 504:
  idempotent methods only (GET, HEAD, PUT, DELETE, OPTIONS), unless ``retry_non_idempotent``
  says POST and PATCH may be repeated too.

Never retried: any other 4xx (409 included), 500, and a TLS certificate the client refuses
(untrusted, or for another host). Waits grow exponentially
(``backoff_factor * 2**(attempt-1)``) with random jitter, capped at ``backoff_max``; a
``Retry-After`` header (seconds or an HTTP date) is honoured up to ``retry_after_max``.
A wait that would end past the call's deadline (``Configuration.deadline``) is not taken:
the answer or error in hand is the call's.
"""
from __future__ import annotations

import logging
import random
import time
from typing import Any, Callable, Collection, FrozenSet, Optional

from airflow_python_sdk._runtime.errors import ApiConnectionError, ApiTypeError, ApiValueError
from airflow_python_sdk._runtime.request import Request
from airflow_python_sdk._runtime.transport import Response

IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
logger = logging.getLogger("airflow_python_sdk")


class RetryPolicy:
    """How many times to retry which failures, and the waits between attempts."""

    def __init__(self, total: int = 3, *, backoff_factor: float = 0.5, backoff_max: float = 30.0,
                 statuses: Collection[int] = (429, 502, 503, 504),
                 retry_non_idempotent: bool = False, respect_retry_after: bool = True,
                 retry_after_max: float = 120.0, jitter: float = 0.25,
                 sleep: Callable[[float], Any] = time.sleep) -> None:
        if not isinstance(total, int) or isinstance(total, bool) or total < 0:
            raise ApiValueError(f"RetryPolicy(total=...) must be an int >= 0, got {total!r}")
        for name, value in (("backoff_factor", backoff_factor), ("backoff_max", backoff_max),
                            ("retry_after_max", retry_after_max), ("jitter", jitter)):
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not value >= 0:
                raise ApiValueError(f"RetryPolicy({name}=...) must be a number >= 0, got {value!r}")
        self.total = total
        self.backoff_factor: float = float(backoff_factor)
        self.backoff_max: float = float(backoff_max)
        self.statuses: FrozenSet[int] = frozenset(statuses)
        self.retry_non_idempotent = retry_non_idempotent
        self.respect_retry_after = respect_retry_after
        self.retry_after_max: float = float(retry_after_max)
        self.jitter: float = float(jitter)
        self.sleep = sleep

    def __repr__(self) -> str:
        return (f"RetryPolicy(total={self.total}, backoff_factor={self.backoff_factor}, "
                f"statuses={sorted(self.statuses)}, retry_non_idempotent={self.retry_non_idempotent})")

    def _may_repeat(self, method: str) -> bool:
        return method.upper() in IDEMPOTENT or self.retry_non_idempotent

    def retry_on_error(self, method: str, error: Any, attempt: int) -> bool:
        """After connection error ``error`` on attempt ``attempt`` (1-based): try again?"""
        if attempt > self.total or not getattr(error, "retryable", True):
            return False
        if not getattr(error, "request_sent", True):
            return True
        return self._may_repeat(method)

    def retry_on_status(self, method: str, status: int, attempt: int) -> bool:
        return attempt <= self.total and status in self.statuses and self._may_repeat(method)

    def wait(self, attempt: int, retry_after: Optional[str] = None) -> float:
        """Seconds to wait before attempt ``attempt + 1``."""
        if retry_after and self.respect_retry_after:
            seconds = parse_retry_after(retry_after)
            if seconds is not None:
                return min(seconds, self.retry_after_max)
        base = self.backoff_factor * (2.0 ** min(attempt - 1, 64))
        if self.jitter:
            base *= 1 + random.uniform(-self.jitter, self.jitter)
        return min(base, self.backoff_max)  # the cap holds with the jitter in


def as_policy(value: Any) -> Optional[RetryPolicy]:
    """A ``retries`` setting as a policy: None/False off, an int ``n`` that many retries, a
    urllib3 ``Retry`` (what code for the generated clients passes) read into a policy."""
    if value is None or value is False:
        return None
    if isinstance(value, RetryPolicy):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return RetryPolicy(total=value)
    if hasattr(value, "total") and hasattr(value, "backoff_factor") and hasattr(value, "status_forcelist"):
        return _from_urllib3(value)
    raise ApiTypeError(f"retries must be a RetryPolicy, an int, a urllib3 Retry or None, got "
                       f"{type(value).__name__}")


def _from_urllib3(retry: Any) -> RetryPolicy:
    """A urllib3 ``Retry`` as a policy: its total (False or None: no retries), backoff, status
    list and methods. The SDK's rules on what is safe to repeat still apply."""
    total = retry.total if isinstance(retry.total, int) and not isinstance(retry.total, bool) else 0
    methods = getattr(retry, "allowed_methods", None)
    statuses = retry.status_forcelist or (429, 502, 503, 504)
    return RetryPolicy(total=max(total, 0), backoff_factor=float(retry.backoff_factor or 0.0),
                       backoff_max=float(getattr(retry, "backoff_max", None) or 30.0),
                       statuses=statuses,
                       retry_non_idempotent=bool(methods) and bool({"POST", "PATCH"} & set(methods or ())),
                       respect_retry_after=bool(getattr(retry, "respect_retry_after_header", True)))


def parse_retry_after(value: str) -> Optional[float]:
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return max(0.0, seconds) if seconds == seconds else None  # NaN: ignored
    import email.utils  # an HTTP date: rare, and email.utils costs ~10 ms to import

    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - time.time())


class RetryLayer:
    """Sends through ``next`` again while the policy says so."""

    def __init__(self, next_layer: Any, policy: Callable[[], Optional[RetryPolicy]]) -> None:
        self.next = next_layer
        self.policy = policy

    def send(self, request: Request) -> Response:
        policy = self.policy()
        attempt = 1
        while True:
            try:
                response: Response = self.next.send(request)
            except ApiConnectionError as exc:
                exc.attempts = attempt
                if policy is None or not policy.retry_on_error(request.method, exc, attempt):
                    raise
                wait = policy.wait(attempt)
                if _past_deadline(request, wait):
                    raise
                _log_retry(request, type(exc).__name__, attempt, wait)
            else:
                if policy is None or not policy.retry_on_status(request.method, response.status, attempt):
                    return response
                wait = policy.wait(attempt, response.headers.get("Retry-After"))
                if _past_deadline(request, wait):  # a Retry-After: 3600 ends the call now
                    return response
                response.release_conn()
                _log_retry(request, str(response.status), attempt, wait)
            policy.sleep(wait)
            attempt += 1
            request = request.replace(attempt=attempt)


def _past_deadline(request: Request, wait: float) -> bool:
    """Whether waiting ``wait`` seconds would leave no time before the call's deadline (the
    answer or error in hand is then the call's)."""
    return request.deadline is not None and time.monotonic() + wait >= request.deadline


def _log_retry(request: Request, what: str, attempt: int, wait: float) -> None:
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug("%s %s: %s on attempt %d, retrying in %.2f s", request.method,
                     request.shown_url, what, attempt, wait)
