"""docs/compatibility.md's table of the v1 operations on 2.x and 3.x is what the bridge's rules
say: one row per v1 operation, regenerated and compared."""
from __future__ import annotations

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))

import compat_table  # noqa: E402


def test_the_committed_table_is_what_the_rules_say() -> None:
    with open(compat_table.DOC, encoding="utf-8") as handle:
        text = handle.read()
    assert compat_table.rewrite(text, compat_table.table()) == text, \
        "docs/compatibility.md is stale: run python tools/compat_table.py"


def test_one_row_per_v1_operation_each_with_a_3x_column() -> None:
    rows = [line for line in compat_table.table().splitlines() if line[:2] == "| " and line[2:3].isdigit()]
    assert len(rows) == 89
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split(" | ")]
        assert cells[2] == "native"
        assert cells[3].startswith(("native: ", "translated: ")) and len(cells[3]) > 15, row
        assert cells[4], row  # what serves it on 3.x
