"""DAGs and what the server knows about them: listing, details, tasks, tags, favorites, pausing
(one DAG and by pattern), sources, versions, re-parsing, stats, warnings, import errors."""
from __future__ import annotations

import datetime as dt
import os
from typing import Dict

import pytest

import airflow_python_sdk.v2 as v2
from airflow_python_sdk.v2 import models as m
from airflow_python_sdk.v2.api.dag_api import DAGApi
from airflow_python_sdk.v2.api.dag_parsing_api import DAGParsingApi
from airflow_python_sdk.v2.api.dag_run_api import DagRunApi
from airflow_python_sdk.v2.api.dag_source_api import DagSourceApi
from airflow_python_sdk.v2.api.dag_stats_api import DagStatsApi
from airflow_python_sdk.v2.api.dag_version_api import DagVersionApi
from airflow_python_sdk.v2.api.dag_warning_api import DagWarningApi
from airflow_python_sdk.v2.api.import_error_api import ImportErrorApi
from airflow_python_sdk.v2.api.task_api import TaskApi

from .conftest import DAGS_DIR, OUR_DAGS, TrackingApiClient, wait_for_run

UTC = dt.timezone.utc


def test_list_and_read_dags(admin: TrackingApiClient) -> None:
    api = DAGApi(admin)
    ours = api.get_dags(tags=["sdk-test"], order_by=["dag_id"], limit=100)
    ids = [d.dag_id for d in ours.dags]
    assert ids == sorted(ids) and set(OUR_DAGS) <= set(ids) and ours.total_entries == len(ids)
    quick = api.get_dag("sdk_quick")
    assert quick.dag_id == "sdk_quick" and {t.name for t in quick.tags} == {"sdk-test", "demo"}
    assert quick.fileloc == os.path.join(DAGS_DIR, "sdk_quick.py") and quick.relative_fileloc == "sdk_quick.py"
    details = api.get_dag_details("sdk_quick")
    assert details.dag_id == "sdk_quick" and details.catchup is False
    assert details.start_date == dt.datetime(2024, 1, 1, tzinfo=UTC) and details.timezone
    assert details.file_token == quick.file_token
    by_prefix = api.get_dags(dag_id_prefix_pattern="sdk_dataset_", order_by=["-dag_id"])
    assert [d.dag_id for d in by_prefix.dags] == ["sdk_dataset_waiter", "sdk_dataset_producer",
                                                  "sdk_dataset_consumer"]
    tags = api.get_dag_tags(tag_name_pattern="sdk", order_by=["name"])
    assert {"sdk-test", "sdk-bench"} <= set(tags.tags) and all("sdk" in t for t in tags.tags)


def test_tasks_of_a_dag(admin: TrackingApiClient) -> None:
    api = TaskApi(admin)
    tasks = api.get_tasks("sdk_quick", order_by="task_id")
    assert [t.task_id for t in tasks.tasks] == ["finish", "greet"] and tasks.total_entries == 2
    greet = api.get_task("sdk_quick", "greet")
    assert greet.task_id == "greet" and greet.downstream_task_ids == ["finish"]
    assert greet.retry_delay is not None and greet.retry_delay.seconds == 300
    assert greet.trigger_rule == "all_success"
    grouped = api.get_tasks("sdk_backfill")
    assert sorted(str(t.task_id) for t in grouped.tasks) == ["section.first", "section.second"]


def test_pause_one_dag_and_many_by_pattern(admin: TrackingApiClient) -> None:
    api = DAGApi(admin)
    unpaused = api.patch_dag("sdk_disposable", m.DAGPatchBody(is_paused=False), update_mask=["is_paused"])
    assert unpaused.dag_id == "sdk_disposable" and unpaused.is_paused is False
    assert api.get_dag("sdk_disposable").is_paused is False
    paused = api.patch_dags(m.DAGPatchBody(is_paused=True), dag_id_pattern="sdk_disp%",
                            update_mask=["is_paused"])
    assert [(d.dag_id, d.is_paused) for d in paused.dags] == [("sdk_disposable", True)]
    assert paused.total_entries == 1
    assert "sdk_disposable" in {d.dag_id for d in api.get_dags(paused=True, dag_id_pattern="sdk_%",
                                                               limit=100).dags}


def test_favorites(admin: TrackingApiClient) -> None:
    api = DAGApi(admin)
    assert api.favorite_dag("sdk_mapped") is None  # type: ignore[func-returns-value]
    assert "sdk_mapped" in {d.dag_id for d in api.get_dags(is_favorite=True, limit=100).dags}
    assert api.unfavorite_dag("sdk_mapped") is None  # type: ignore[func-returns-value]
    assert "sdk_mapped" not in {d.dag_id for d in api.get_dags(is_favorite=True, limit=100).dags}


def test_source_versions_and_reparsing(admin: TrackingApiClient) -> None:
    with open(os.path.join(DAGS_DIR, "sdk_quick.py"), encoding="utf-8") as handle:
        on_disk = handle.read()
    versions = DagVersionApi(admin).get_dag_versions("sdk_quick", order_by=["-version_number"])
    assert versions.total_entries == len(versions.dag_versions) >= 1
    latest = versions.dag_versions[0]
    one = DagVersionApi(admin).get_dag_version("sdk_quick", latest.version_number)
    assert (one.id, one.dag_id, one.bundle_name) == (latest.id, "sdk_quick", "dags-folder")
    source = DagSourceApi(admin).get_dag_source("sdk_quick")
    assert source.content == on_disk and source.dag_id == "sdk_quick"
    assert source.version_number == latest.version_number
    assert DagSourceApi(admin).get_dag_source_text("sdk_quick") == on_disk
    pinned = DagSourceApi(admin).get_dag_source("sdk_quick", version_number=latest.version_number)
    assert pinned.content == on_disk
    token = DAGApi(admin).get_dag("sdk_quick").file_token
    answer = DAGParsingApi(admin).reparse_dag_file_with_http_info(token)
    assert answer.status_code == 201


def test_stats_of_the_runs(admin: TrackingApiClient, runs: Dict[str, str]) -> None:
    wait_for_run(admin, "sdk_quick", runs["sdk_quick"])
    wait_for_run(admin, "sdk_mapped", runs["sdk_mapped"])
    stats = DagStatsApi(admin).get_dag_stats(dag_ids=["sdk_quick", "sdk_mapped"])
    assert sorted(s.dag_id for s in stats.dags) == ["sdk_mapped", "sdk_quick"]
    for entry in stats.dags:
        # enum members as keys, looked up by their plain values
        counts: Dict[str, int] = {s.state: s.count for s in entry.stats}
        for state in ("success", "failed", "queued", "running"):
            listed = DagRunApi(admin).get_dag_runs(entry.dag_id, state=[state], limit=1)
            assert counts[state] == listed.total_entries, (entry.dag_id, state)


def test_dag_warnings(admin: TrackingApiClient) -> None:
    api = DagWarningApi(admin)
    every = api.list_dag_warnings(limit=100)
    assert every.total_entries == len(every.dag_warnings) >= 1
    assert "sdk_warned" in [w.dag_id for w in every.dag_warnings]  # see dags/sdk_warned.py
    first = every.dag_warnings[0]
    only = api.list_dag_warnings(dag_id=first.dag_id, warning_type=first.warning_type)
    expected = [(w.dag_id, w.message) for w in every.dag_warnings
                if w.dag_id == first.dag_id and w.warning_type == first.warning_type]
    assert [(w.dag_id, w.message) for w in only.dag_warnings] == expected


def test_import_errors(admin: TrackingApiClient) -> None:
    api = ImportErrorApi(admin)
    errors = api.get_import_errors(filename_pattern="sdk_broken", limit=100)
    assert [e.filename for e in errors.import_errors] == ["sdk_broken.py"]  # relative to the bundle
    broken = errors.import_errors[0]
    assert broken.bundle_name == "dags-folder"
    assert "NameError" in broken.stack_trace and "this is not python" in broken.stack_trace
    again = api.get_import_error(broken.import_error_id)
    assert (again.filename, again.stack_trace) == (broken.filename, broken.stack_trace)
    with pytest.raises(v2.NotFoundException):
        api.get_import_error(broken.import_error_id + 10_000)
