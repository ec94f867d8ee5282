"""Models on real answers: decoding what the server sent and turning it back into a dict gives
the same data, fields the spec does not list included (kept, readable, sent back)."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from typing import Any, Callable, Dict, List, Tuple

import airflow_python_sdk.v2 as v2
from airflow_python_sdk.v2 import models as m
from airflow_python_sdk.v2.api.asset_api import AssetApi
from airflow_python_sdk.v2.api.dag_api import DAGApi
from airflow_python_sdk.v2.api.dag_run_api import DagRunApi
from airflow_python_sdk.v2.api.event_log_api import EventLogApi
from airflow_python_sdk.v2.api.monitor_api import MonitorApi
from airflow_python_sdk.v2.api.pool_api import PoolApi
from airflow_python_sdk.v2.api.task_api import TaskApi
from airflow_python_sdk.v2.api.task_instance_api import TaskInstanceApi

from .conftest import TrackingApiClient, wait_for_run

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tools"))

TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")


def normalized(value: Any) -> Any:
    """JSON-shaped data with every timestamp (text or datetime) as an aware datetime."""
    if isinstance(value, dict):
        return {k: normalized(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [normalized(v) for v in value]
    if isinstance(value, str) and TIMESTAMP.match(value):
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)
    return value


def test_decoding_and_to_dict_give_back_what_the_server_sent(admin: TrackingApiClient,
                                                              runs: Dict[str, str]) -> None:
    run_id = runs["sdk_quick"]
    wait_for_run(admin, "sdk_quick", run_id)
    cases: List[Tuple[str, Callable[[], Any], Any]] = [
        ("get_dag_details", lambda: DAGApi(admin).get_dag_details_without_preload_content("sdk_quick"),
         m.DAGDetailsResponse),
        ("get_dags", lambda: DAGApi(admin).get_dags_without_preload_content(tags=["sdk-test"]),
         m.DAGCollectionResponse),
        ("get_dag_run", lambda: DagRunApi(admin).get_dag_run_without_preload_content("sdk_quick", run_id),
         m.DAGRunResponse),
        ("get_task_instance", lambda: TaskInstanceApi(admin).get_task_instance_without_preload_content(
            "sdk_quick", run_id, "greet"), m.TaskInstanceResponse),
        ("get_task", lambda: TaskApi(admin).get_task_without_preload_content("sdk_quick", "greet"),
         m.TaskResponse),
        ("get_pools", lambda: PoolApi(admin).get_pools_without_preload_content(), m.PoolCollectionResponse),
        ("get_health", lambda: MonitorApi(admin).get_health_without_preload_content(), m.HealthInfoResponse),
        ("get_assets", lambda: AssetApi(admin).get_assets_without_preload_content(uri_pattern="sdk-test"),
         m.AssetCollectionResponse),
        ("get_event_logs", lambda: EventLogApi(admin).get_event_logs_without_preload_content(
            dag_id="sdk_quick", limit=5), m.EventLogCollectionResponse),
        ("get_log", lambda: TaskInstanceApi(admin).get_log_without_preload_content(
            "sdk_quick", run_id, "greet", 1, full_content=True), m.TaskInstancesLogResponse),
    ]
    for name, call, model in cases:
        response = call()
        assert response.status == 200, name
        sent = json.loads(response.read())
        decoded = model.from_dict(sent)
        assert isinstance(decoded, model), name
        assert normalized(decoded.to_dict()) == normalized(sent), name
        assert normalized(json.loads(decoded.to_json())) == normalized(sent), name


def test_with_http_info_carries_the_raw_answer_and_its_value(admin: TrackingApiClient,
                                                             runs: Dict[str, str]) -> None:
    wait_for_run(admin, "sdk_mapped", runs["sdk_mapped"])
    answer = TaskInstanceApi(admin).get_mapped_task_instances_with_http_info("sdk_mapped", runs["sdk_mapped"],
                                                                              "double")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("application/json")
    assert isinstance(answer.data, m.TaskInstanceCollectionResponse)
    assert normalized(answer.data.to_dict()) == normalized(json.loads(answer.raw_data))


def test_fields_the_spec_does_not_list_are_kept(admin: TrackingApiClient, runs: Dict[str, str]) -> None:
    import generate

    spec = generate.load_spec(generate.find_spec_file("v2"))
    listed = set(spec["components"]["schemas"]["StructuredLogMessage"]["properties"])
    run_id = runs["sdk_quick"]
    wait_for_run(admin, "sdk_quick", run_id)
    answer = TaskInstanceApi(admin).get_log_with_http_info("sdk_quick", run_id, "greet", 1, full_content=True)
    sent = json.loads(answer.raw_data)["content"]
    records = answer.data.content.actual_instance or []
    assert len(records) == len(sent)
    extra_seen = 0
    for record, raw in zip(records, sent):
        assert isinstance(record, m.StructuredLogMessage)
        unknown = {k: v for k, v in raw.items() if k not in listed}
        assert record.additional_properties == unknown
        for key, value in unknown.items():
            assert getattr(record, key) == value and record[key] == value
        assert normalized(record.to_dict()) == normalized(raw)
        extra_seen += len(unknown)
    assert extra_seen > 0  # the server sends level, logger, ... beyond timestamp and event
    assert isinstance(answer.data, v2.models.TaskInstancesLogResponse)
