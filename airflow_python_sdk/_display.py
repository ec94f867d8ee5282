"""How models show in a notebook: an HTML table (Jupyter calls ``_repr_html_``)."""
from __future__ import annotations

import html
from typing import Any, List

MAX_ROWS = 50
MAX_COLUMNS = 16


def model_html(model: Any) -> str:
    from airflow_python_sdk._model import ListOf, Model

    cls = type(model)
    for field, value in model._items():
        if isinstance(field.kind, ListOf) and isinstance(value, list) and value and all(
                isinstance(item, Model) for item in value):
            return _collection(cls.__name__, field.wire, value, model["total_entries"])
    rows = "".join(f"<tr><th style='text-align:left'>{html.escape(key)}</th><td>{_cell(value)}</td></tr>"
                   for key, value in _visible(model).items())
    return f"<table><caption>{html.escape(cls.__name__)}</caption>{rows}</table>"


def _visible(model: Any) -> dict:
    out = {}
    for field, value in model._items():
        out[field.wire] = "***" if field.secret else value
    out.update(model._extra or {})
    return out


def _collection(name: str, field: str, items: List[Any], total: Any) -> str:
    columns: List[str] = []
    for item in items[:MAX_ROWS]:
        for key in _visible(item):
            if key not in columns and len(columns) < MAX_COLUMNS:
                columns.append(key)
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = ""
    for item in items[:MAX_ROWS]:
        values = _visible(item)
        body += "<tr>" + "".join(f"<td>{_cell(values.get(c))}</td>" for c in columns) + "</tr>"
    shown = min(len(items), MAX_ROWS)
    caption = f"{name}.{field}: {shown} of {len(items)} shown"
    if isinstance(total, int):
        caption += f" ({total} on the server)"
    return f"<table><caption>{html.escape(caption)}</caption><tr>{head}</tr>{body}</table>"


def _cell(value: Any) -> str:
    from airflow_python_sdk._model import to_plain

    text = repr(to_plain(value)) if not isinstance(value, str) else value
    if len(text) > 120:
        text = text[:117] + "..."
    return html.escape(text)
