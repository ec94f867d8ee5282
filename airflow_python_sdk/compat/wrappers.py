"""The one-of wrappers of apache-airflow-client 3.3.2 (``ActionsInner``, ``Value``,
``ResponseClearDagRun``, ...).

3.3.2 wraps each inline union in a class whose ``actual_instance`` holds the value. This SDK
decodes a union field to the value itself (typed as the ``Union``), and every model answers
``.actual_instance`` with itself, so code reading ``result.actual_instance`` runs unchanged.
The wrapper classes exist for code that builds them: a wrapper given as a field or body value
stands for its ``actual_instance``.
"""
from __future__ import annotations

import json
from typing import Any, ClassVar, Dict, Optional, Union

from airflow_python_sdk._runtime.declare import ValueWrapper
from airflow_python_sdk._runtime.decoding import decode
from airflow_python_sdk._runtime.encoding import dumps, to_plain
from airflow_python_sdk._runtime.errors import ApiTypeError
from airflow_python_sdk._runtime.kinds import annotation_kind


class OneOfWrapper(ValueWrapper):
    """A value of one of ``candidates`` (a ``Union[...]`` annotation), as 3.3.2 wraps it."""

    candidates: ClassVar[str] = "Any"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if len(args) > 1 or (args and kwargs) or set(kwargs) - {"actual_instance"}:
            raise ApiTypeError(f"{type(self).__name__}() takes one value (or actual_instance=)")
        self.actual_instance: Any = args[0] if args else kwargs.get("actual_instance")

    @classmethod
    def from_dict(cls, obj: Any) -> "OneOfWrapper":
        kind, _ = annotation_kind(cls.candidates, cls)
        return cls(decode(kind, json.loads(json.dumps(obj))))

    @classmethod
    def from_json(cls, json_str: Union[str, bytes]) -> "OneOfWrapper":
        kind, _ = annotation_kind(cls.candidates, cls)
        return cls(decode(kind, json.loads(json_str)))

    def to_dict(self) -> Optional[Union[Dict[str, Any], Any]]:
        return to_plain(self.actual_instance)

    def to_json(self) -> str:
        return dumps(self.actual_instance, allow_naive=True)

    def to_str(self) -> str:
        import pprint

        return pprint.pformat(self.to_dict())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, OneOfWrapper):
            return bool(self.actual_instance == other.actual_instance)
        return NotImplemented

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.actual_instance!r})"
