"""XComs: the values sdk_xcom_types pushed, read back natively, deserialized and as strings; and
entries made, changed and removed through the API."""
from __future__ import annotations

import ast
import os
import re
from typing import Any, Dict

import pytest

import airflow_python_sdk.v2 as v2
from airflow_python_sdk.v2 import models as m
from airflow_python_sdk.v2.api.x_com_api import XComApi

from .conftest import DAGS_DIR, SUFFIX, TrackingApiClient, wait_for_run


def pushed_values() -> Dict[str, Any]:
    """``VALUES`` of dags/sdk_xcom_types.py, read from the file (it imports Airflow)."""
    with open(os.path.join(DAGS_DIR, "sdk_xcom_types.py"), encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "VALUES" for t in node.targets):
            values: Dict[str, Any] = ast.literal_eval(node.value)
            return values
    raise AssertionError("no VALUES in sdk_xcom_types.py")


def test_xcoms_of_every_json_type(admin: TrackingApiClient, runs: Dict[str, str]) -> None:
    run_id = runs["sdk_xcom_types"]
    wait_for_run(admin, "sdk_xcom_types", run_id)
    values = pushed_values()
    api = XComApi(admin)
    entries = api.get_xcom_entries("sdk_xcom_types", run_id, "push", limit=100)
    assert {e.key for e in entries.xcom_entries} == set(values) and entries.total_entries == len(values)
    assert {(e.dag_id, e.run_id, e.task_id, e.map_index) for e in entries.xcom_entries} == {
        ("sdk_xcom_types", run_id, "push", -1)}
    at = ("sdk_xcom_types", "push", run_id)  # dag_id, task_id, dag_run_id: 3.3.2's order
    for key, value in values.items():
        native = api.get_xcom_entry(*at, key)
        assert native.key == key and native.value == value, key
        assert type(native.value) is type(value), key  # 42 stays an int, 2.5 a float, True a bool
        assert api.get_xcom_entry(*at, key, deserialize=True).value == value, key
        # stringify: the server's str() of the Python value (not JSON)
        text = api.get_xcom_entry(*at, key, stringify=True).value
        assert text == (None if value is None else str(value)), key
    only = api.get_xcom_entries("sdk_xcom_types", run_id, "push", xcom_key="a_dict")
    assert [e.key for e in only.xcom_entries] == ["a_dict"]
    prefixed = api.get_xcom_entries("sdk_xcom_types", run_id, "push", xcom_key_prefix_pattern="a_",
                                    order_by=["key"])
    # the pattern is SQL LIKE: "_" matches any one character, so "a_" is a prefix of "an_int" too
    assert [e.key for e in prefixed.xcom_entries] == sorted(k for k in values if re.match("a.", k))
    across = api.get_xcom_entries("~", "~", "~", xcom_key="an_int", dag_display_name_pattern="sdk_xcom_types",
                                  limit=100)
    assert run_id in {e.run_id for e in across.xcom_entries}


def test_an_xcom_made_changed_and_removed(admin: TrackingApiClient, runs: Dict[str, str]) -> None:
    run_id = runs["sdk_quick"]
    wait_for_run(admin, "sdk_quick", run_id)
    api = XComApi(admin)
    key = f"sdk_note_{SUFFIX}"
    at = ("sdk_quick", "greet", run_id)
    made = api.create_xcom_entry(*at, m.XComCreateBody(key=key, value={"n": [1, 2], "s": "ü"}))
    assert (made.key, made.value, made.task_id, made.run_id) == (key, {"n": [1, 2], "s": "ü"}, "greet", run_id)
    assert api.get_xcom_entry(*at, key).value == {"n": [1, 2], "s": "ü"}
    with pytest.raises(v2.ConflictException):
        api.create_xcom_entry(*at, m.XComCreateBody(key=key, value=1))
    changed = api.update_xcom_entry(*at, key, m.XComUpdateBody(value=[None, 3.5]))
    assert changed.value == [None, 3.5]
    assert api.get_xcom_entry(*at, key).value == [None, 3.5]
    keys = {e.key for e in api.get_xcom_entries("sdk_quick", run_id, "greet").xcom_entries}
    assert {key, "return_value"} <= keys
    assert api.delete_xcom_entry(*at, key) is None  # type: ignore[func-returns-value]
    with pytest.raises(v2.NotFoundException):
        api.get_xcom_entry(*at, key)
