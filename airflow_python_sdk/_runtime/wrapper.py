"""One-of wrappers: a value of one of several kinds, held in ``actual_instance``.

Airflow 3.3.2's spec has inline unions (a config option's value is a string or a pair, a
task log's content is a list of records or a list of lines). The 3.3.2 client wraps each in a
class (``Value``, ``Content``, ``ActionsInner3``...) and code written for it reads
``option.value.actual_instance``. The v2 surface declares the same classes; a field whose
union has a variant that is not a model (a string, a list) holds such a wrapper, decoded like
any other kind (``decoding``, ``fast_decoding``). A union of models only is decoded to the
model itself, whose ``actual_instance`` is itself, so both ways of reading work there.

Wherever the SDK takes a value (a field, a body), a wrapper stands for the value it holds.
For code that uses the value directly, a wrapper compares equal to it and iterates, indexes
and measures like it.
"""
from __future__ import annotations

import json
from typing import Any, ClassVar, Dict, Iterator, Optional, Union

from airflow_python_sdk._runtime.declare import ValueWrapper
from airflow_python_sdk._runtime.errors import ApiTypeError, ApiValueError


class OneOfWrapper(ValueWrapper):
    """A value of one of ``candidates`` (a ``Union[...]`` annotation, read by ``kinds``)."""

    __slots__ = ("actual_instance",)
    candidates: ClassVar[Optional[str]] = "Any"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if len(args) > 1 or (args and kwargs) or set(kwargs) - {"actual_instance"}:
            raise ApiTypeError(f"{type(self).__name__}() takes one value (or actual_instance=)")
        value = args[0] if args else kwargs.get("actual_instance")
        if isinstance(value, ValueWrapper):
            value = value.actual_instance
        if value is not None:
            from airflow_python_sdk._runtime.checking import check_value
            from airflow_python_sdk._runtime.kinds import wrapped_kind

            checked = check_value(wrapped_kind(type(self)), value, (type(self).__name__,))
            if checked.__class__ is not value.__class__ or checked != value:
                value = checked  # converted (a dict to its model): else the caller's own value
        self.actual_instance: Any = value

    # -- as 3.3.2's wrappers convert
    @classmethod
    def from_dict(cls, obj: Any) -> "OneOfWrapper":
        """The wrapper of ``obj`` (plain data, as ``to_dict()`` gives: it is copied first)."""
        return cls.from_json(json.dumps(obj))

    @classmethod
    def from_json(cls, json_str: Union[str, bytes]) -> "OneOfWrapper":
        """The wrapper of the value in JSON text, decoded as an answer would be."""
        from airflow_python_sdk._runtime.fast_decoding import decoder_for

        try:
            data = json.loads(json_str)
        except ValueError as exc:
            raise ApiValueError(f"{cls.__name__}.from_json(): not JSON ({exc})") from None
        return decoder_for(cls)(data)  # type: ignore[no-any-return]

    def to_dict(self) -> Optional[Union[Dict[str, Any], Any]]:
        from airflow_python_sdk._runtime.encoding import to_plain

        return to_plain(self.actual_instance)

    def to_json(self) -> str:
        from airflow_python_sdk._runtime.encoding import dumps

        return dumps(self.actual_instance, allow_naive=True)

    def to_str(self) -> str:
        import pprint  # only for showing: pprint costs imports (dataclasses, inspect) at start-up

        return pprint.pformat(self.to_dict())

    # -- standing for the value
    def __eq__(self, other: object) -> bool:
        if isinstance(other, ValueWrapper):
            other = other.actual_instance
        return bool(self.actual_instance == other)

    __hash__: ClassVar[None] = None  # type: ignore[assignment]  # mutable, as the value it holds may be

    def __iter__(self) -> Iterator[Any]:
        return iter(self.actual_instance)

    def __len__(self) -> int:
        return len(self.actual_instance)

    def __getitem__(self, key: Any) -> Any:
        return self.actual_instance[key]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.actual_instance!r})"

    def __str__(self) -> str:
        return self.to_str()

    def __reduce__(self) -> Any:
        return (_rebuild, (type(self), self.actual_instance))


def _rebuild(cls: Any, value: Any) -> OneOfWrapper:
    wrapper: OneOfWrapper = object.__new__(cls)
    wrapper.actual_instance = value
    return wrapper
