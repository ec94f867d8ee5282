"""How models show: ``repr()`` and ``str()``, the compact form, and an HTML table in notebooks
(Jupyter calls ``_repr_html_``).

A surface says how its models print (``Surface.repr_style``): ``"dict"`` (v1) is all of
``to_dict()`` pretty-printed, as airflow-python-sdk 1.0.1 and the 2.x client print a model;
``"fields"`` (v2) is ``Pool(name='p', slots=2)``. ``compact_repr`` (``model.compact_repr()``)
is the short form for any model. Secrets are masked (``***``) in every form.
"""
from __future__ import annotations

from typing import Any, Dict, List

from airflow_python_sdk._runtime.declare import ModelBase, set_fields
from airflow_python_sdk._runtime.encoding import MASK, to_plain
from airflow_python_sdk._runtime.kinds import ListOf, field_kind
from airflow_python_sdk._runtime.surface import surface_of

REPR_VALUE_MAX = 200
HTML_ROWS = 50
HTML_COLUMNS = 16
HTML_CELL = 120


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= REPR_VALUE_MAX else text[:REPR_VALUE_MAX - 3] + "..."


def model_repr(model: ModelBase) -> str:
    """What ``repr()`` and ``str()`` give: the style of the model's surface."""
    cls = type(model)
    style = cls.__dict__.get("_sdk_repr_style")
    if style is None:
        surface = surface_of(cls)
        style = surface.repr_style if surface is not None else "fields"
        type.__setattr__(cls, "_sdk_repr_style", style)
    if style == "dict":
        return full_repr(model)
    return compact_repr(model)


def full_repr(model: ModelBase) -> str:
    """``{'name': 'p', 'slots': 2}``: all of ``to_dict()``, pretty-printed, secrets masked."""
    import pprint

    return pprint.pformat(to_plain(model, masked=True))


def compact_repr(model: ModelBase) -> str:
    """``Pool(name='p', slots=2)``: the set fields and the extras, secrets masked, long
    values cut."""
    parts = [f"{f.attr}={MASK if f.secret else _short(v)}" for f, v in set_fields(model)]
    if model._extra:
        parts += [f"{k}={_short(v)}" for k, v in model._extra.items()]
    return f"{type(model).__name__}({', '.join(parts)})"


def visible(model: ModelBase) -> Dict[str, Any]:
    """A model's values by wire name as the SDK shows them: secrets masked, extras kept."""
    out = {f.wire: MASK if f.secret else v for f, v in set_fields(model)}
    out.update(model._extra or {})
    return out


def _escape(text: str) -> str:
    import html  # notebooks only: html.entities alone costs ~2 ms at start-up

    return html.escape(text)


def model_html(model: ModelBase) -> str:
    cls = type(model)
    for field, value in set_fields(model):
        if isinstance(field_kind(field), ListOf) and isinstance(value, list) and value and all(
                isinstance(item, ModelBase) for item in value):
            total = model["total_entries"] if "total_entries" in cls._sdk_by_wire else None  # type: ignore[index]
            return _collection(cls.__name__, field.wire, value, total)
    rows = "".join(f"<tr><th style='text-align:left'>{_escape(key)}</th><td>{_cell(value)}</td></tr>"
                   for key, value in visible(model).items())
    return f"<table><caption>{_escape(cls.__name__)}</caption>{rows}</table>"


def _collection(name: str, field: str, items: List[Any], total: Any) -> str:
    columns: List[str] = []
    for item in items[:HTML_ROWS]:
        for key in visible(item):
            if key not in columns and len(columns) < HTML_COLUMNS:
                columns.append(key)
    head = "".join(f"<th>{_escape(c)}</th>" for c in columns)
    body = ""
    for item in items[:HTML_ROWS]:
        values = visible(item)
        body += "<tr>" + "".join(f"<td>{_cell(values.get(c))}</td>" for c in columns) + "</tr>"
    shown = min(len(items), HTML_ROWS)
    caption = f"{name}.{field}: {shown} of {len(items)} shown"
    if isinstance(total, int):
        caption += f" ({total} on the server)"
    return f"<table><caption>{_escape(caption)}</caption><tr>{head}</tr>{body}</table>"


def _cell(value: Any) -> str:
    text = value if isinstance(value, str) else repr(to_plain(value))
    if len(text) > HTML_CELL:
        text = text[:HTML_CELL - 3] + "..."
    return _escape(text)
