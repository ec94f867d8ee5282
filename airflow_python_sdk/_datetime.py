"""Timestamps on the wire: parsing what servers send, formatting what we send.

Airflow sends RFC 3339 timestamps with an offset (``2024-05-01T10:00:00.123456+00:00``).
``datetime.fromisoformat`` reads those in C, so it is the fast path; dateutil is
only imported when a server sends something fromisoformat cannot read.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Optional

from airflow_python_sdk.exceptions import ApiValueError

_fromisoformat = _dt.datetime.fromisoformat


def parse_datetime(value: str) -> Any:
    """Parse a server timestamp; a value that is not a timestamp is returned unchanged.

    Never raises: a response must decode whatever the server put in it.
    """
    try:
        return _fromisoformat(value)
    except (ValueError, TypeError):
        pass
    try:
        from dateutil import parser  # imported lazily: rare path

        return parser.isoparse(value)
    except (ValueError, TypeError, OverflowError):
        return value


def parse_date(value: str) -> Any:
    try:
        return _dt.date.fromisoformat(value)
    except (ValueError, TypeError):
        return value


def format_datetime(value: _dt.datetime, where: str, assume_tz: Optional[_dt.tzinfo] = None) -> str:
    """RFC 3339 text for a datetime we are about to send.

    A naive datetime is ambiguous (the server would read it in its own zone or
    reject it), so it is an error unless the configuration names a zone to assume.
    """
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        if assume_tz is None:
            raise ApiValueError(
                f"{where}: naive datetime {value.isoformat()!r}; pass a timezone-aware datetime "
                "(e.g. datetime.now(timezone.utc)) or set Configuration.assume_timezone"
            )
        value = value.replace(tzinfo=assume_tz)
    return value.isoformat()
