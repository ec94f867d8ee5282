"""1.0.1's and the 2.x client's ``model_utils`` names (see ``airflow_python_sdk.compat.model_utils``)."""
from airflow_python_sdk.compat.model_utils import (
    UNSET,
    ApiAttributeError,
    ApiEnum,
    ApiKeyError,
    ApiTypeError,
    ApiValueError,
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
    validate_and_convert_types,
)

__all__ = ["OpenApiModel", "ModelNormal", "ModelComposed", "ModelSimple", "none_type",
           "file_type", "date", "datetime", "UNSET", "Model", "ApiEnum", "OneOf", "StringAlias",
           "model_to_dict", "validate_and_convert_types", "ApiAttributeError", "ApiKeyError",
           "ApiTypeError", "ApiValueError"]
