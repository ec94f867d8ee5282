"""Names airflow-python-sdk 1.0.1 and the official 2.x client exposed from ``model_utils``,
mapped onto this runtime (imported as ``airflow_python_sdk.model_utils``).

Code that imported these for type checks or ``isinstance`` keeps working; the validation
machinery they named is gone (models check values when built). Of the helpers, the ones code
calls itself work: ``model_to_dict(model, serialize=True)`` (JSON names, or Python names
with ``serialize=False``) and ``validate_and_convert_types(data, (Pool,), ...)`` (JSON data as
a model). The exceptions ``model_utils`` re-exported are here too.
"""
from __future__ import annotations

import datetime as _dt
import enum
import io
from typing import Any, Optional, Sequence, Type

from airflow_python_sdk._runtime.declare import ApiEnum, ModelBase, StringAlias, ValueWrapper, set_fields
from airflow_python_sdk._runtime.errors import ApiAttributeError, ApiKeyError, ApiTypeError, ApiValueError
from airflow_python_sdk._runtime.fast_decoding import decoder_for
from airflow_python_sdk._runtime.fields import UNSET
from airflow_python_sdk._runtime.model import Model, OneOf, copy_json

OpenApiModel = Model
ModelNormal = Model
ModelComposed = Model
ModelSimple = ApiEnum
none_type: Type[None] = type(None)
file_type = io.IOBase
date = _dt.date
datetime = _dt.datetime

__all__ = ["OpenApiModel", "ModelNormal", "ModelComposed", "ModelSimple", "none_type",
           "file_type", "date", "datetime", "UNSET", "Model", "ApiEnum", "OneOf", "StringAlias",
           "model_to_dict", "validate_and_convert_types", "ApiAttributeError", "ApiKeyError",
           "ApiTypeError", "ApiValueError"]


def model_to_dict(model_instance: Any, serialize: bool = True) -> Any:
    """1.0.1's and 2.x's helper: a model as a dict, nested models too, enums as their value;
    by JSON name (``serialize=True``, what is sent) or by Python name (``serialize=False``,
    what their ``to_dict()`` gave: ``TimeDelta``'s ``type`` rather than ``__type``)."""
    if serialize:
        return model_instance.to_dict()
    return _by_attr(model_instance)


def _by_attr(value: Any) -> Any:
    if isinstance(value, ModelBase):
        out = {f.attr: _by_attr(v) for f, v in set_fields(value)}
        out.update({k: _by_attr(v) for k, v in (value._extra or {}).items()})
        return out
    if isinstance(value, ValueWrapper):
        return _by_attr(value.actual_instance)
    if isinstance(value, list):
        return [_by_attr(x) for x in value]
    if isinstance(value, dict):
        return {k: _by_attr(x) for k, x in value.items()}
    if isinstance(value, enum.Enum):
        return value.value
    return value


def validate_and_convert_types(input_value: Any, required_types_mixed: Any, path_to_item: Sequence[Any] = (),
                               spec_property_naming: bool = True, _check_type: bool = True,
                               configuration: Optional[Any] = None) -> Any:
    """JSON data as the type ``required_types_mixed`` names, the 2.x way (``(Pool,)``,
    ``([TaskInstance],)``, ``(str, none_type)``): decoded as an answer is, never rejected."""
    from airflow_python_sdk.compat.api_client import response_kind

    kind = response_kind(required_types_mixed)
    return input_value if kind is None else decoder_for(kind)(copy_json(input_value))
