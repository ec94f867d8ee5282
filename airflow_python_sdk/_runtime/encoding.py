"""Encoding: models and values as plain data, as JSON, and as request bodies.

One step does the work for every output: ``model_items`` turns one model into a dict of its
set fields by wire name (extras included, read-only fields left out of requests). ``to_plain``
applies it all the way down (``to_dict()``); ``dumps`` hands it to json's C encoder as its
``default`` hook, so JSON text costs about what ``json.dumps`` of the same dict costs. Only
when that hook meets a value it cannot settle (a naive datetime, a NaN) does the slower walk
``to_wire`` run, to raise an error that names the exact place of the value.
"""
from __future__ import annotations

import datetime as _dt
import enum
import json
import math
from typing import Any, Dict, Optional

from airflow_python_sdk._runtime.declare import ModelBase, ValueWrapper, set_fields
from airflow_python_sdk._runtime.errors import ApiTypeError, ApiValueError, OpenApiException
from airflow_python_sdk._runtime.timestamps import format_timestamp, is_naive

MASK = "***"


def model_items(obj: ModelBase, for_request: bool = False, masked: bool = False) -> Dict[str, Any]:
    """One model as a dict by wire name: its set fields, then its extras (``masked``: secret
    fields shown as ``***``)."""
    out = {f.wire: MASK if masked and f.secret else v
           for f, v in set_fields(obj) if not (for_request and f.read_only)}
    if obj._extra:
        out.update(obj._extra)
    return out


def to_plain(value: Any, masked: bool = False) -> Any:
    """Models (nested too) as dicts by wire name, enums as their value; the rest as it is
    (datetimes stay datetimes: this is ``to_dict()``, not JSON). ``masked``: secrets as
    ``***`` (what ``repr`` shows)."""
    if isinstance(value, ModelBase):
        return {k: to_plain(v, masked) for k, v in model_items(value, masked=masked).items()}
    if isinstance(value, ValueWrapper):
        return to_plain(value.actual_instance, masked)
    if isinstance(value, list):
        return [to_plain(x, masked) for x in value]
    if isinstance(value, dict):
        return {k: to_plain(x, masked) for k, x in value.items()}
    if isinstance(value, enum.Enum):
        return value.value
    return value


class _NeedsWalk(Exception):
    """The fast path met a value whose error must name its place: ``to_wire`` takes over."""


def dumps(value: Any, *, for_request: bool = False, assume_tz: Optional[_dt.tzinfo] = None,
          allow_naive: bool = False, where: str = "value", **options: Any) -> str:
    """JSON text of ``value`` (models, enums, datetimes anywhere inside)."""
    def hook(obj: Any) -> Any:
        if isinstance(obj, ModelBase):
            return model_items(obj, for_request)
        if isinstance(obj, ValueWrapper):
            return obj.actual_instance
        if isinstance(obj, _dt.datetime):
            if is_naive(obj):
                if allow_naive:
                    return obj.isoformat()
                if assume_tz is None:
                    raise _NeedsWalk()
                obj = obj.replace(tzinfo=assume_tz)
            return obj.isoformat()
        if isinstance(obj, _dt.date):
            return obj.isoformat()
        if isinstance(obj, enum.Enum):
            return obj.value
        raise _NeedsWalk()

    options.setdefault("ensure_ascii", False)
    try:
        try:
            return json.dumps(value, default=hook, allow_nan=False, **options)
        except (_NeedsWalk, ValueError):
            data = to_wire(value, where, assume_tz, for_request=for_request, allow_naive=allow_naive)
            return json.dumps(data, allow_nan=False, **options)
    except OpenApiException:
        raise
    except (TypeError, ValueError, RecursionError) as exc:  # dict keys of odd types, cycles
        raise ApiTypeError(f"{where}: cannot be sent as JSON ({exc})") from None


def to_wire(value: Any, where: str, assume_tz: Optional[_dt.tzinfo], *, for_request: bool = False,
            allow_naive: bool = False) -> Any:
    """JSON-ready data, walking every value; errors name the place (``dag_run.conf.when``)."""
    if isinstance(value, ValueWrapper):
        return to_wire(value.actual_instance, where, assume_tz, for_request=for_request,
                       allow_naive=allow_naive)
    if isinstance(value, ModelBase):
        return {key: to_wire(item, f"{where}.{key}", assume_tz, for_request=for_request,
                             allow_naive=allow_naive)
                for key, item in model_items(value, for_request).items()}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, _dt.datetime):
        if allow_naive and is_naive(value):
            return value.isoformat()
        return format_timestamp(value, where, assume_tz)
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        raise ApiValueError(f"{where}: {value!r} cannot be sent as JSON")
    if isinstance(value, (list, tuple)):
        return [to_wire(x, f"{where}[{i}]", assume_tz, for_request=for_request,
                        allow_naive=allow_naive) for i, x in enumerate(value)]
    if isinstance(value, dict):
        return {k: to_wire(x, f"{where}.{k}", assume_tz, for_request=for_request,
                           allow_naive=allow_naive) for k, x in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise ApiValueError(f"{where}: a {type(value).__name__} cannot be sent as JSON")
