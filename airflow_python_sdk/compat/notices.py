"""One warning per setting that is accepted for old code but has no effect."""
from __future__ import annotations

import threading
import warnings
from typing import Set

_WARNED: Set[str] = set()
_LOCK = threading.Lock()


def no_effect(name: str, why: str, stacklevel: int = 4) -> None:
    """Warn once per process (``DeprecationWarning``) that ``name`` does nothing here;
    ``stacklevel`` points the warning at the caller's line."""
    with _LOCK:
        if name in _WARNED:
            return
        _WARNED.add(name)
    warnings.warn(f"{name} is accepted for code written for older clients and has no effect: {why}",
                  DeprecationWarning, stacklevel=stacklevel)
