"""Names airflow-python-sdk 1.0.1 and the official 2.x client exposed from ``model_utils``,
mapped onto this runtime (imported as ``airflow_python_sdk.model_utils``).

Code that imported these for type checks or ``isinstance`` keeps working; the validation
machinery they named is gone (models check values when built).
"""
from __future__ import annotations

import datetime as _dt
import io
from typing import Any, Type

from airflow_python_sdk._runtime.declare import ApiEnum, StringAlias
from airflow_python_sdk._runtime.fields import UNSET
from airflow_python_sdk._runtime.model import Model, OneOf

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
           "model_to_dict"]


def model_to_dict(model_instance: Any, serialize: bool = True) -> Any:
    """1.0.1's helper: a model as a dict (wire names)."""
    return model_instance.to_dict()
