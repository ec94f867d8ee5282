"""How models were built by code written for airflow-python-sdk 1.0.1 and the official 2.x client.

- required fields given positionally, in declared order: ``Error("about:blank", "Bad", 400)``;
- ``_check_type=False`` to skip the checks of the values;
- ``_spec_property_naming`` and ``_configuration``: accepted silently (fields match by their
  Python and JSON names anyway; models depend on no configuration);
- generator plumbing passed through (``_path_to_item``, ``_visited_composed_classes``):
  accepted, no effect (warned once).
"""
from __future__ import annotations

from typing import Any, Dict, Tuple

from airflow_python_sdk._runtime.errors import ApiTypeError
from airflow_python_sdk.compat.notices import no_effect

NO_EFFECT = {
    "_path_to_item": "errors name the field themselves",
    "_visited_composed_classes": "one-of schemas pick their variant by themselves",
}
SILENT = frozenset({"_spec_property_naming", "_configuration"})
KEYWORDS = frozenset(NO_EFFECT) | SILENT | {"_check_type"}


def legacy_arguments(cls: Any, args: Tuple[Any, ...], kwargs: Dict[str, Any]) -> Tuple[Dict[str, Any], bool]:
    """Keyword arguments with the old forms taken out, and whether to check the values."""
    check = True
    if kwargs.keys() & KEYWORDS:
        kwargs = dict(kwargs)
        check = bool(kwargs.pop("_check_type", True))
        for name in SILENT:
            kwargs.pop(name, None)
        for name in NO_EFFECT:
            if name in kwargs:
                kwargs.pop(name)
                no_effect(name, NO_EFFECT[name])
    if args:
        required = cls._sdk_required
        if len(args) > len(required):
            raise ApiTypeError(f"{cls.__name__}() takes {len(required)} positional argument(s) "
                               f"but {len(args)} were given")
        kwargs = dict(kwargs)
        for field, value in zip(required, args):
            if field.attr in kwargs or field.wire in kwargs:
                raise ApiTypeError(f"{cls.__name__}() got multiple values for {field.attr!r}")
            kwargs[field.attr] = value
    return kwargs, check
