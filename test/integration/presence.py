"""What real answers carry: every model instance the integration suite decodes is looked at,
and the fields the generator types as present (``tools/v1_facts.PRESENT``) are checked.

A claim says a real server always sends the field, non-null, in that schema (and in schemas
that extend it). ``VIOLATIONS`` collects every instance that broke a claim; ``SEEN`` counts,
per schema and field, how many instances had it set and non-null (with
``SDK_PRESENCE_REPORT=path`` the counts are written there at the end, to find new claims).
"""
from __future__ import annotations

import json
import os
import sys
from collections import defaultdict
from typing import Any, DefaultDict, Dict, List, Set, Tuple

from airflow_python_sdk._runtime.declare import ModelBase, set_fields

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tools"))

import v1_facts  # noqa: E402

CLAIMS: Dict[str, Tuple[str, ...]] = {k: tuple(v) for k, v in v1_facts.PRESENT.items()}
VIOLATIONS: List[str] = []
CHECKED: Set[str] = set()  # schemas whose claims met at least one real instance
SEEN: DefaultDict[str, DefaultDict[str, List[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
INSTANCES: DefaultDict[str, int] = defaultdict(int)


def observe(value: Any, where: str) -> None:
    """Look at every model instance inside a decoded answer."""
    if isinstance(value, ModelBase):
        cls = type(value)
        INSTANCES[cls.__name__] += 1
        set_attrs = {f.attr for f, _ in set_fields(value)}
        present = {f.attr for f, v in set_fields(value) if v is not None}
        for f in cls._sdk_fields.values():
            counts = SEEN[cls.__name__][f.attr]
            counts[0] += 1
            counts[1] += f.attr in present
        for klass in cls.__mro__:
            for attr in CLAIMS.get(klass.__name__, ()):
                CHECKED.add(klass.__name__)
                if attr not in present:
                    VIOLATIONS.append(f"{where}: {cls.__name__}.{attr} (claimed for {klass.__name__}) "
                                      f"was {'sent as null' if attr in set_attrs else 'not sent'}")
        for _, v in set_fields(value):
            observe(v, where)
    elif isinstance(value, (list, tuple)):
        for item in value:
            observe(item, where)
    elif isinstance(value, dict):
        for item in value.values():
            observe(item, where)


def write_report() -> None:
    path = os.environ.get("SDK_PRESENCE_REPORT")
    if not path:
        return
    report = {cls: {"instances": INSTANCES[cls],
                    "always": sorted(a for a, (n, p) in fields.items() if n and n == p),
                    "sometimes": {a: f"{p}/{n}" for a, (n, p) in fields.items() if 0 < p < n}}
              for cls, fields in sorted(SEEN.items())}
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(report, handle, indent=1, sort_keys=True)
