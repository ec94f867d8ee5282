"""The suite calls every operation of the v2 spec at least once (runs last, whole suite only)."""
from __future__ import annotations

import os
import sys

from .conftest import CALLED

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tools"))


def test_every_v2_operation_was_called() -> None:
    import generate

    spec = generate.load_spec(generate.find_spec_file("v2"))
    operation_ids = {op["operationId"] for item in spec["paths"].values()
                     for method, op in item.items() if method in generate.HTTP_METHODS}
    assert len(operation_ids) == 128
    assert sorted(operation_ids - CALLED) == []
