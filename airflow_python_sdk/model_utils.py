"""1.0.1's ``model_utils`` names (see ``airflow_python_sdk.compat.model_utils``)."""
from airflow_python_sdk.compat.model_utils import (
    UNSET,
    ApiEnum,
    Model,
    ModelComposed,
    ModelNormal,
    ModelSimple,
    OneOf,
    OpenApiModel,
    StringAlias,
    date,
    datetime,
    file_type,
    model_to_dict,
    none_type,
)

__all__ = ["OpenApiModel", "ModelNormal", "ModelComposed", "ModelSimple", "none_type",
           "file_type", "date", "datetime", "UNSET", "Model", "ApiEnum", "OneOf", "StringAlias",
           "model_to_dict"]
