"""When to try a request again, and how long to wait first.

On by default (``Configuration.retries = RetryPolicy()``); ``Configuration(retries=None)``
turns it off. Retried:

- a connection that failed before the request was sent (refused, DNS, connect timeout):
  any method, since the server never saw it;
- a connection lost or a read timeout after sending, and the statuses 429, 502, 503, 504:
  idempotent methods only (GET, HEAD, PUT, DELETE, OPTIONS), unless ``retry_non_idempotent``
  says POST and PATCH may be repeated too.

Never retried: any other 4xx (409 included) and 500. Waits grow exponentially
(``backoff_factor * 2**(attempt-1)``, at most ``backoff_max``) with random jitter; a
``Retry-After`` header (seconds or an HTTP date) is honoured up to ``retry_after_max``.
"""
from __future__ import annotations

import email.utils
import random
import time
from typing import Any, Callable, Collection, Optional

IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})


class RetryPolicy:
    """How many times to retry which failures, and the waits between attempts."""

    def __init__(self, total: int = 3, *, backoff_factor: float = 0.5, backoff_max: float = 30.0,
                 statuses: Collection[int] = (429, 502, 503, 504),
                 retry_non_idempotent: bool = False, respect_retry_after: bool = True,
                 retry_after_max: float = 120.0, jitter: float = 0.25,
                 sleep: Callable[[float], Any] = time.sleep) -> None:
        self.total = total
        self.backoff_factor = backoff_factor
        self.backoff_max = backoff_max
        self.statuses = frozenset(statuses)
        self.retry_non_idempotent = retry_non_idempotent
        self.respect_retry_after = respect_retry_after
        self.retry_after_max = retry_after_max
        self.jitter = jitter
        self.sleep = sleep

    def __repr__(self) -> str:
        return (f"RetryPolicy(total={self.total}, backoff_factor={self.backoff_factor}, "
                f"statuses={sorted(self.statuses)}, retry_non_idempotent={self.retry_non_idempotent})")

    def _may_repeat(self, method: str) -> bool:
        return method.upper() in IDEMPOTENT or self.retry_non_idempotent

    def retry_on_error(self, method: str, error: Any, attempt: int) -> bool:
        """After connection error ``error`` on attempt ``attempt`` (1-based): try again?"""
        if attempt > self.total:
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
        base = min(self.backoff_factor * (2 ** (attempt - 1)), self.backoff_max)
        return base * (1 + random.uniform(-self.jitter, self.jitter)) if self.jitter else base


def parse_retry_after(value: str) -> Optional[float]:
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
