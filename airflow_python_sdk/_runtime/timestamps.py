"""Timestamps on the wire: the one way the SDK reads what a server sends and writes what it sends.

Airflow sends RFC 3339 timestamps with an offset (``2024-05-01T10:00:00.123456+00:00``).
``datetime.fromisoformat`` reads those in C, so it is the usual path; dateutil is imported
only when a server sends something ``fromisoformat`` cannot read. Parsed values are kept
in a bounded table: within one answer the same timestamp comes many times (every task
instance of a run carries the run's logical date), and a dict lookup costs less than a
parse. ``datetime`` objects are immutable, so sharing one between models is safe.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Callable, Dict, Optional

from airflow_python_sdk._runtime.errors import ApiValueError

_fromisoformat = _dt.datetime.fromisoformat
_PARSED: Dict[str, _dt.datetime] = {}
PARSED_MAX = 4096

#: ``seen(text)``: the datetime parsed earlier from ``text``, or None (the compiled decoder
#: inlines ``seen(v) or parse_timestamp(v)`` to skip a call for repeats).
seen: Callable[[str], Optional[_dt.datetime]] = _PARSED.get


def parse_timestamp(value: Any) -> Any:
    """A timestamp a server sent, as a ``datetime``; anything that is not one comes back as it
    was sent. Never raises: an answer must decode whatever the server put in it."""
    if value.__class__ is not str:
        return value
    try:
        parsed = _fromisoformat(value)
    except ValueError:
        unusual = _parse_unusual(value)
        if unusual is None:
            return value
        parsed = unusual
    if len(_PARSED) >= PARSED_MAX:
        _PARSED.clear()
    _PARSED[value] = parsed
    return parsed


def _parse_unusual(text: str) -> Optional[_dt.datetime]:
    from dateutil import parser  # imported on the rare path only

    try:
        return parser.isoparse(text)
    except (ValueError, OverflowError):
        return None


def parse_date(value: Any) -> Any:
    """A calendar date a server sent (``2024-05-01``); anything else comes back as sent."""
    if value.__class__ is not str:
        return value
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        return value


def is_naive(value: _dt.datetime) -> bool:
    return value.tzinfo is None or value.tzinfo.utcoffset(value) is None


def format_timestamp(value: _dt.datetime, where: str, assume_tz: Optional[_dt.tzinfo]) -> str:
    """RFC 3339 text for a datetime about to be sent.

    A naive datetime is ambiguous (the server would read it in its own zone, or refuse it),
    so it is an error naming ``where`` unless the configuration names a zone to assume.
    """
    if is_naive(value):
        if assume_tz is None:
            raise ApiValueError(
                f"{where}: naive datetime {value.isoformat()!r}; pass a timezone-aware datetime "
                "(e.g. datetime.now(timezone.utc)) or set Configuration.assume_timezone")
        value = value.replace(tzinfo=assume_tz)
    return value.isoformat()


def parse_input_timestamp(value: str, where: str) -> _dt.datetime:
    """A timestamp the caller wrote as text (``"2024-05-01T10:00:00+02:00"``)."""
    parsed = parse_timestamp(value)
    if not isinstance(parsed, _dt.datetime):
        raise ApiValueError(f"{where}: {value!r} is not an RFC 3339 timestamp")
    return parsed
