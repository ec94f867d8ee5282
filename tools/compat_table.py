"""Write the table of every v1 operation on Airflow 2.x and 3.x into docs/compatibility.md.

    python tools/compat_table.py          rewrite the table between its markers
    python tools/compat_table.py --check  exit 1 when the committed table is not what the rules say

The rows come from the bridge's rules (``airflow_python_sdk.bridge``), so the table says what the
code does; test/unit/test_compat_table.py runs the check.
"""
from __future__ import annotations

import os
import sys
from typing import Any, Dict, List, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOC = os.path.join(ROOT, "docs", "compatibility.md")
BEGIN = "<!-- v1 operations on 2.x and 3.x: written by tools/compat_table.py from the bridge's rules -->"
END = "<!-- end of the v1 operations table -->"


def v1_operations() -> List[Tuple[str, str, Any]]:
    """(Api class, method, operation record) of every v1 operation, in the Api classes' order."""
    sys.path.insert(0, ROOT)
    from airflow_python_sdk import apis

    out = []
    seen: Dict[str, str] = {}  # one operation may be a method of two classes (tags)
    for class_name in sorted(apis.__all__):
        cls = getattr(apis, class_name)
        for method, op in cls._operations.items():
            if op.operation_id in seen:
                continue
            seen[op.operation_id] = class_name
            out.append((class_name, method, op))
    return out


def v2_method(operation_id: str) -> str:
    """Where a v2 operation lives for a caller: ``v2.<Class>.<method>``."""
    from airflow_python_sdk.bridge.engine import v2_operation
    from airflow_python_sdk.v2 import api as v2_api

    op = v2_operation(operation_id)
    for class_name in v2_api.API_MODULES:
        cls = getattr(v2_api, class_name)
        if cls._operations.get(operation_id) is op:
            return f"`v2.{class_name}.{operation_id}`"
    return f"`{operation_id}`"


def table() -> str:
    from airflow_python_sdk.bridge import rules

    found: Dict[str, Any] = dict(rules())
    counts = {"native": 0, "translated": 0}
    rows = ["| # | v1 operation | Airflow 2.x | Airflow 3.x | served through |",
            "|---|---|---|---|---|"]
    for number, (class_name, method, op) in enumerate(v1_operations(), 1):
        rule = found.get(op.operation_id)
        if rule is None:
            three, through = "not served: no translation", ""
        else:
            counts[rule.kind] += 1
            three = f"{rule.kind}: {rule.how}"
            if rule.not_served:
                three += f"; **not served** {rule.not_served} (`ApiNotSupportedError`)"
            through = ", ".join(
                f"FAB `{t[4:]}` (`/auth/fab/v1`)" if t.startswith("fab:") else v2_method(t)
                for t in rule.v2)
        path = op.path.replace("|", "\\|")
        rows.append(f"| {number} | `{class_name}.{method}` `{op.method} {path}` | native | "
                    f"{three} | {through} |")
    conditional = sum(1 for rule in found.values() if rule.not_served)
    head = (f"{len(rows) - 2} v1 operations: on Airflow 3.3.2, {counts['native']} native (the same "
            f"path, parameters and fields under `/api/v2`: only the prefix and the token differ) "
            f"and {counts['translated']} translated; {conditional} of them are not served on some "
            "servers (they say which), where they raise `ApiNotSupportedError` before anything "
            "is sent.")
    return "\n".join([BEGIN, "", head, ""] + rows + ["", END])


def rewrite(text: str, new_table: str) -> str:
    if BEGIN in text and END in text:
        before, rest = text.split(BEGIN, 1)
        after = rest.split(END, 1)[1]
        return before + new_table + after
    return text.rstrip("\n") + "\n\n" + new_table + "\n"


def main(argv: List[str]) -> int:
    with open(DOC, encoding="utf-8") as handle:
        text = handle.read()
    wanted = rewrite(text, table())
    if "--check" in argv:
        if wanted != text:
            print("docs/compatibility.md: the v1 operations table is stale; run python "
                  "tools/compat_table.py", file=sys.stderr)
            return 1
        return 0
    with open(DOC, "w", encoding="utf-8") as handle:
        handle.write(wanted)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
