"""Pools, variables and connections: lifecycles, bulk operations with their per-action results,
connection tests (on the local server's ``[core] test_connection = Enabled``), and paging past
the server's page cap."""
from __future__ import annotations

import datetime
import json
import time
from typing import List

import pytest

import airflow_python_sdk.v2 as v2
from airflow_python_sdk import paginate
from airflow_python_sdk.v2 import models as m
from airflow_python_sdk.v2.api.connection_api import ConnectionApi
from airflow_python_sdk.v2.api.dag_api import DAGApi
from airflow_python_sdk.v2.api.dag_run_api import DagRunApi
from airflow_python_sdk.v2.api.pool_api import PoolApi
from airflow_python_sdk.v2.api.variable_api import VariableApi

from .conftest import OUR_DAGS, SUFFIX, TrackingApiClient

# --------------------------------------------------------------------------- pools


def test_pool_lifecycle(admin: TrackingApiClient) -> None:
    api = PoolApi(admin)
    name = f"sdk_pool_{SUFFIX}"
    created = api.post_pool(m.PoolBody(name=name, slots=3, description="made by the v2 tests",
                                       include_deferred=False))
    assert (created.name, created.slots, created.open_slots, created.description) == (
        name, 3, 3, "made by the v2 tests")
    assert api.get_pool(name) == created
    # The server validates the whole body even with a mask (pool and include_deferred are
    # required); only the masked field changes.
    patched = api.patch_pool(name, m.PoolPatchBody(pool=name, slots=7, include_deferred=False,
                                                   description="not applied"),
                             update_mask=["slots"])
    assert (patched.slots, patched.open_slots, patched.description) == (7, 7, "made by the v2 tests")
    listed = api.get_pools(pool_name_pattern=name, order_by=["name"])
    assert [p.name for p in listed.pools] == [name] and listed.total_entries == 1
    assert {"default_pool", name} <= {p.name for p in api.get_pools(limit=100).pools}
    assert api.delete_pool(name) is None  # type: ignore[func-returns-value]
    with pytest.raises(v2.NotFoundException):
        api.get_pool(name)


def test_bulk_pools_report_each_action(admin: TrackingApiClient) -> None:
    api = PoolApi(admin)
    a, b, c = (f"sdk_bulk_{SUFFIX}_{x}" for x in "abc")
    api.post_pool(m.PoolBody(name=c, slots=1, include_deferred=False))
    first = api.bulk_pools(m.BulkBodyPoolBody(actions=[
        m.BulkCreateActionPoolBody(action="create", entities=[
            m.PoolBody(name=a, slots=2, include_deferred=False),
            m.PoolBody(name=b, slots=3, include_deferred=False)],
            action_on_existence=m.BulkActionOnExistence.FAIL),
    ]))
    assert first.create is not None and sorted(first.create.success or []) == [a, b]
    assert first.create.errors == [] and first.update is None and first.delete is None
    second = api.bulk_pools(m.BulkBodyPoolBody(actions=[
        m.BulkCreateActionPoolBody(action="create", entities=[
            m.PoolBody(name=c, slots=9, include_deferred=False)],
            action_on_existence=m.BulkActionOnExistence.FAIL),
        m.BulkUpdateActionPoolBody(action="update", entities=[
            m.PoolBody(name=a, slots=5, include_deferred=False)], update_mask=["slots"]),
        m.BulkDeleteActionPoolBody(action="delete", entities=[b, f"sdk_bulk_{SUFFIX}_missing"],
                                   action_on_non_existence=m.BulkActionNotOnExistence.SKIP),
    ]))
    assert second.create is not None and second.create.success == []
    errors = second.create.errors or []
    assert [e["status_code"] for e in errors] == [409] and c in errors[0]["error"]
    assert second.update is not None and second.update.success == [a] and second.update.errors == []
    assert second.delete is not None and second.delete.success == [b]
    now = {p.name: p.slots for p in api.get_pools(pool_name_prefix_pattern=f"sdk_bulk_{SUFFIX}_").pools}
    assert now == {a: 5, c: 1}
    third = api.bulk_pools({"actions": [{"action": "delete", "entities": [a, c]}]})
    assert third.delete is not None and sorted(third.delete.success or []) == [a, c]


def test_bulk_pool_update_with_the_schema_default_for_include_deferred(admin: TrackingApiClient) -> None:
    """``PoolBody.include_deferred`` defaults to false in the spec (apache-airflow-client 3.3.2
    sends it); the server requires it in a bulk update, whatever the mask."""
    api = PoolApi(admin)
    name = f"sdk_bulk_default_{SUFFIX}"
    api.post_pool(m.PoolBody(name=name, slots=1))
    try:
        result = api.bulk_pools(m.BulkBodyPoolBody(actions=[
            m.BulkUpdateActionPoolBody(action="update", entities=[m.PoolBody(name=name, slots=4)],
                                       update_mask=["slots"])]))
        assert result.update is not None and result.update.success == [name]
        assert api.get_pool(name).slots == 4
    finally:
        api.delete_pool(name)


# --------------------------------------------------------------------------- variables

def test_variable_lifecycle_with_a_slash_and_unicode_in_the_key(admin: TrackingApiClient) -> None:
    api = VariableApi(admin)
    key = f"sdk/v2 тест ü {SUFFIX}"
    created = api.post_variable(m.VariableBody(key=key, value="plain text", description="d"))
    assert (created.key, created.value, created.description) == (key, "plain text", "d")
    got = api.get_variable(key)
    assert (got.key, got.value, got.description) == (key, "plain text", "d")
    patched = api.patch_variable(key, m.VariableBody(key=key, value="second", description="not applied"),
                                 update_mask=["value"])
    assert (patched.value, patched.description) == ("second", "d")
    listed = api.get_variables(variable_key_pattern=SUFFIX, order_by=["key"])
    assert key in [v.key for v in listed.variables]
    assert api.delete_variable(key) is None  # type: ignore[func-returns-value]
    with pytest.raises(v2.NotFoundException):
        api.get_variable(key)


def test_a_json_variable_value_is_stored_as_json_text(admin: TrackingApiClient) -> None:
    api = VariableApi(admin)
    key = f"sdk_json_{SUFFIX}"
    value = {"n": [1, None, "ü"], "ok": True}
    api.post_variable(m.VariableBody(key=key, value=value))
    try:
        stored = api.get_variable(key).value
        assert isinstance(stored, str) and json.loads(stored) == value
    finally:
        api.delete_variable(key)


def test_bulk_variables_create_update_delete(admin: TrackingApiClient) -> None:
    api = VariableApi(admin)
    one, two = f"sdk_bv_{SUFFIX}_1", f"sdk_bv_{SUFFIX}_2"
    result = api.bulk_variables(m.BulkBodyVariableBody(actions=[
        m.BulkCreateActionVariableBody(action="create", entities=[
            m.VariableBody(key=one, value="1"), m.VariableBody(key=two, value="2")]),
        m.BulkUpdateActionVariableBody(action="update", entities=[
            m.VariableBody(key=one, value="one", description="updated")]),
        m.BulkDeleteActionVariableBody(action="delete", entities=[two]),
    ]))
    assert result.create is not None and sorted(result.create.success or []) == [one, two]
    assert result.update is not None and result.update.success == [one]
    assert result.delete is not None and result.delete.success == [two]
    got = api.get_variable(one)
    assert (got.value, got.description) == ("one", "updated")
    with pytest.raises(v2.NotFoundException):
        api.get_variable(two)
    failing = api.bulk_variables({"actions": [{"action": "delete", "entities": [one, two],
                                               "action_on_non_existence": "fail"}]})
    assert failing.delete is not None and failing.delete.success == []
    assert [e["status_code"] for e in failing.delete.errors or []] == [404]
    done = api.bulk_variables({"actions": [{"action": "delete", "entities": [one]}]})
    assert done.delete is not None and done.delete.success == [one]


def test_paginate_past_the_page_cap(admin: TrackingApiClient) -> None:
    api = VariableApi(admin)
    prefix = f"sdk_page_{SUFFIX}_"
    keys = [f"{prefix}{i:03d}" for i in range(125)]
    made = api.bulk_variables(m.BulkBodyVariableBody(actions=[m.BulkCreateActionVariableBody(
        action="create", entities=[m.VariableBody(key=k, value=str(i)) for i, k in enumerate(keys)])]))
    assert made.create is not None and sorted(made.create.success or []) == keys
    try:
        first = api.get_variables(limit=500, order_by=["key"], variable_key_prefix_pattern=prefix)
        assert len(first.variables) == 100  # the server caps a page silently
        assert first.total_entries == len(keys)
        found = [v.key for v in paginate(api.get_variables, page_size=500, order_by=["key"],
                                         variable_key_prefix_pattern=prefix)]
        assert found == keys
        every = [v.key for v in paginate(api.get_variables, order_by=["key"])]
        assert [k for k in every if k.startswith(prefix)] == keys and len(every) == len(set(every))
    finally:
        gone = api.bulk_variables(m.BulkBodyVariableBody(actions=[
            m.BulkDeleteActionVariableBody(action="delete", entities=list(keys))]))
        assert gone.delete is not None and sorted(gone.delete.success or []) == keys


def test_paginate_over_more_than_a_page_of_dags(admin: TrackingApiClient) -> None:
    """With the example DAGs the server has more than 100 (some may still be parsed meanwhile)."""
    api = DAGApi(admin)
    before = api.get_dags(limit=1).total_entries
    ids = [d.dag_id for d in paginate(api.get_dags, order_by=["dag_id"], page_size=500)]
    after = api.get_dags(limit=1).total_entries
    assert before <= len(ids) <= after and ids == sorted(set(ids))
    assert set(OUR_DAGS) <= set(ids)


def test_paginate_an_operation_that_offers_a_cursor(admin: TrackingApiClient) -> None:
    """get_dag_runs takes ``cursor`` and answers ``next_cursor``: every item, pages of two."""
    api = DagRunApi(admin)
    until = datetime.datetime.now(datetime.timezone.utc)
    listed = api.get_dag_runs("~", run_after_lte=until, order_by=["id"], limit=100)
    assert listed.total_entries is not None and 2 < listed.total_entries <= 100
    paged = [(r.dag_id, r.dag_run_id) for r in paginate(api.get_dag_runs, "~", page_size=2,
                                                        run_after_lte=until, order_by=["id"])]
    assert paged == [(r.dag_id, r.dag_run_id) for r in listed.dag_runs]


# --------------------------------------------------------------------------- connections

def test_connection_lifecycle(admin: TrackingApiClient) -> None:
    api = ConnectionApi(admin)
    cid = f"sdk_conn_{SUFFIX}"
    created = api.post_connection(m.ConnectionBody(
        connection_id=cid, conn_type="fs", host="files.example", login="me", password="pw-v2-secret",
        port=1, extra='{"path": "/tmp"}', description="made by the v2 tests"))
    assert (created.connection_id, created.conn_type, created.host, created.login, created.port) == (
        cid, "fs", "files.example", "me", 1)
    assert created.password != "pw-v2-secret"  # the server masks it
    got = api.get_connection(cid)
    assert (got.extra, got.description) == ('{"path": "/tmp"}', "made by the v2 tests")
    patched = api.patch_connection(cid, m.ConnectionBody(connection_id=cid, conn_type="fs", port=2),
                                   update_mask=["port"])
    assert (patched.port, patched.login, patched.host) == (2, "me", "files.example")
    listed = api.get_connections(connection_id_pattern=cid, order_by=["connection_id"])
    assert [c.connection_id for c in listed.connections] == [cid]
    assert api.delete_connection(cid) is None  # type: ignore[func-returns-value]
    with pytest.raises(v2.NotFoundException):
        api.get_connection(cid)


def test_connection_tests_now_and_queued(admin: TrackingApiClient) -> None:
    api = ConnectionApi(admin)
    ok = api.test_connection(m.ConnectionBody(connection_id="sdk_probe", conn_type="fs",
                                              extra='{"path": "/tmp"}'))
    assert ok.status is True and "/tmp" in ok.message
    missing = f"/sdk/no/such/dir/{SUFFIX}"
    bad = api.test_connection(m.ConnectionBody(connection_id="sdk_probe", conn_type="fs",
                                               extra=json.dumps({"path": missing})))
    assert bad.status is False and missing in bad.message
    cid = f"sdk_probe_async_{SUFFIX}"
    queued = api.enqueue_connection_test(m.ConnectionTestRequestBody(
        connection_id=cid, conn_type="fs", extra='{"path": "/tmp"}'))
    assert queued.connection_id == cid and queued.token and queued.state == "pending"
    deadline = time.monotonic() + 90
    result = api.get_connection_test(queued.token)
    while result.state in ("pending", "queued", "running") and time.monotonic() < deadline:
        time.sleep(1)
        result = api.get_connection_test(queued.token)
    assert (result.token, result.connection_id, result.state) == (queued.token, cid, "success")
    assert result.result_message is not None and "/tmp" in result.result_message
    with pytest.raises(v2.NotFoundException):  # an enqueued test does not make the connection
        api.get_connection(cid)


def test_bulk_connections_report_each_action(admin: TrackingApiClient) -> None:
    api = ConnectionApi(admin)
    one, two = f"sdk_bc_{SUFFIX}_1", f"sdk_bc_{SUFFIX}_2"
    made = api.bulk_connections(m.BulkBodyConnectionBody(actions=[m.BulkCreateActionConnectionBody(
        action="create", entities=[m.ConnectionBody(connection_id=one, conn_type="fs"),
                                   m.ConnectionBody(connection_id=two, conn_type="fs")])]))
    assert made.create is not None and sorted(made.create.success or []) == [one, two]
    changed = api.bulk_connections(m.BulkBodyConnectionBody(actions=[
        m.BulkUpdateActionConnectionBody(action="update", entities=[
            m.ConnectionBody(connection_id=one, conn_type="fs", description="updated")],
            update_mask=["description"]),
        m.BulkDeleteActionConnectionBody(action="delete", entities=[two, f"sdk_bc_{SUFFIX}_missing"],
                                         action_on_non_existence=m.BulkActionNotOnExistence.SKIP),
    ]))
    assert changed.update is not None and changed.update.success == [one] and changed.update.errors == []
    assert changed.delete is not None and changed.delete.success == [two]
    assert api.get_connection(one).description == "updated"
    remaining: List[str] = [c.connection_id for c in
                            api.get_connections(connection_id_prefix_pattern=f"sdk_bc_{SUFFIX}_").connections]
    assert remaining == [one]
    gone = api.bulk_connections({"actions": [{"action": "delete", "entities": [one]}]})
    assert gone.delete is not None and gone.delete.success == [one]


def test_default_connections(admin: TrackingApiClient) -> None:
    api = ConnectionApi(admin)
    assert api.create_default_connections() is None  # type: ignore[func-returns-value]
    ids = {c.connection_id for c in paginate(api.get_connections)}
    assert {"airflow_db", "fs_default", "http_default"} <= ids
    assert api.get_connection("fs_default").conn_type == "fs"
