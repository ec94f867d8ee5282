"""Names: Python spellings of what a spec calls things."""
from __future__ import annotations

import keyword
import re


def snake(name: str) -> str:
    """``DAGRunCollection`` -> ``dag_run_collection``, ``XCom`` -> ``x_com``."""
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    name = re.sub(r"([a-z\d])([A-Z])", r"\1_\2", name)
    return re.sub(r"[\W_]+", "_", name).strip("_").lower()


def camel(name: str) -> str:
    """``get_dag_runs`` -> ``GetDagRuns``."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[_\W]+", name) if part)


def py_name(wire: str) -> str:
    """A Python name for a JSON or parameter name (``__type`` -> ``type``, ``from`` -> ``from_``)."""
    name = re.sub(r"\W", "_", wire.lstrip("_"))
    if not name or name[0].isdigit():
        name = "_" + name
    if keyword.iskeyword(name):
        name += "_"
    return name


def import_key(name: str) -> tuple:
    """How isort (ruff's ``I`` rules) orders names in one ``from`` import: constants, then
    classes, then the rest, each alphabetically ignoring case."""
    if name.isupper() and len(name) > 1:
        group = 0
    elif name[:1].isupper():
        group = 1
    else:
        group = 2
    return (group, name.lower(), name)
