"""Drop-in for airflow-python-sdk 1.0.1: its names, call forms and per-call options.

The tables below were read from the 1.0.1 wheel (import paths, class names, method
signatures); code written against 1.0.1 must find all of them here.
"""
from __future__ import annotations

import datetime as dt
import importlib
import inspect
import subprocess
import sys
import textwrap
from typing import Any, Dict

import pytest

import airflow_python_sdk
from airflow_python_sdk import apis, models

LEGACY_CLASSES = [
    ("model.class_reference", "ClassReference"), ("model.clear_task_instance", "ClearTaskInstance"),
    ("model.collection_info", "CollectionInfo"), ("model.color", "Color"), ("model.config", "Config"),
    ("model.config_option", "ConfigOption"), ("model.config_section", "ConfigSection"),
    ("model.connection", "Connection"), ("model.connection_all_of", "ConnectionAllOf"),
    ("model.connection_collection", "ConnectionCollection"),
    ("model.connection_collection_all_of", "ConnectionCollectionAllOf"),
    ("model.connection_collection_item", "ConnectionCollectionItem"),
    ("model.cron_expression", "CronExpression"), ("model.dag", "DAG"),
    ("model.dag_collection", "DAGCollection"), ("model.dag_collection_all_of", "DAGCollectionAllOf"),
    ("model.dag_detail", "DAGDetail"), ("model.dag_detail_all_of", "DAGDetailAllOf"),
    ("model.dag_run", "DAGRun"), ("model.dag_run_collection", "DAGRunCollection"),
    ("model.dag_run_collection_all_of", "DAGRunCollectionAllOf"), ("model.dag_state", "DagState"),
    ("model.dag_structure", "DagStructure"), ("model.dag_structure", "DAGStructure"),
    ("model.dag_structure_collection", "DagStructureCollection"),
    ("model.dag_structure_collection", "DAGStructureCollection"), ("model.error", "Error"),
    ("model.event_log", "EventLog"), ("model.event_log_collection", "EventLogCollection"),
    ("model.event_log_collection_all_of", "EventLogCollectionAllOf"), ("model.extra_link", "ExtraLink"),
    ("model.extra_link_collection", "ExtraLinkCollection"), ("model.health_info", "HealthInfo"),
    ("model.health_status", "HealthStatus"), ("model.import_error", "ImportError"),
    ("model.import_error_collection", "ImportErrorCollection"),
    ("model.import_error_collection_all_of", "ImportErrorCollectionAllOf"),
    ("model.inline_response200", "InlineResponse200"), ("model.inline_response2001", "InlineResponse2001"),
    ("model.list_dag_runs_form", "ListDagRunsForm"), ("model.list_task_instance_form", "ListTaskInstanceForm"),
    ("model.metadatabase_status", "MetadatabaseStatus"), ("model.pool", "Pool"),
    ("model.pool_collection", "PoolCollection"), ("model.pool_collection_all_of", "PoolCollectionAllOf"),
    ("model.relative_delta", "RelativeDelta"), ("model.schedule_interval", "ScheduleInterval"),
    ("model.scheduler_status", "SchedulerStatus"), ("model.sla_miss", "SLAMiss"),
    ("model.sla_miss_collection", "SLAMissCollection"), ("model.tag", "Tag"), ("model.task", "Task"),
    ("model.task_collection", "TaskCollection"), ("model.task_collection_all_of", "TaskCollectionAllOf"),
    ("model.task_extra_links", "TaskExtraLinks"), ("model.task_fail", "TaskFail"),
    ("model.task_instance", "TaskInstance"), ("model.task_instance_collection", "TaskInstanceCollection"),
    ("model.task_instance_collection_all_of", "TaskInstanceCollectionAllOf"),
    ("model.task_instance_reference", "TaskInstanceReference"),
    ("model.task_instance_reference_collection", "TaskInstanceReferenceCollection"),
    ("model.task_state", "TaskState"), ("model.time_delta", "TimeDelta"),
    ("model.trigger_rule", "TriggerRule"), ("model.update_task_instances_state", "UpdateTaskInstancesState"),
    ("model.variable", "Variable"), ("model.variable_all_of", "VariableAllOf"),
    ("model.variable_collection", "VariableCollection"),
    ("model.variable_collection_all_of", "VariableCollectionAllOf"),
    ("model.variable_collection_item", "VariableCollectionItem"), ("model.version_info", "VersionInfo"),
    ("model.weight_rule", "WeightRule"), ("model.x_com", "XCom"), ("model.x_com_all_of", "XComAllOf"),
    ("model.x_com_collection", "XComCollection"), ("model.x_com_collection_all_of", "XComCollectionAllOf"),
    ("model.x_com_collection_item", "XComCollectionItem"),
    ("api.config_api", "ConfigApi"), ("api.connection_api", "ConnectionApi"), ("api.dag_api", "DAGApi"),
    ("api.dag_run_api", "DAGRunApi"), ("api.event_log_api", "EventLogApi"),
    ("api.import_error_api", "ImportErrorApi"), ("api.monitoring_api", "MonitoringApi"),
    ("api.pool_api", "PoolApi"), ("api.task_instance_api", "TaskInstanceApi"),
    ("api.variable_api", "VariableApi"), ("api.x_com_api", "XComApi"),
    ("api_client", "ApiClient"), ("api_client", "Endpoint"), ("configuration", "Configuration"),
    ("rest", "RESTClientObject"), ("rest", "RESTResponse"),
    ("exceptions", "OpenApiException"), ("exceptions", "ApiTypeError"), ("exceptions", "ApiValueError"),
    ("exceptions", "ApiAttributeError"), ("exceptions", "ApiKeyError"), ("exceptions", "ApiException"),
    ("exceptions", "NotFoundException"), ("exceptions", "UnauthorizedException"),
    ("exceptions", "ForbiddenException"), ("exceptions", "ServiceException"),
    ("model_utils", "ModelNormal"), ("model_utils", "ModelSimple"), ("model_utils", "ModelComposed"),
    ("model_utils", "OpenApiModel"), ("model_utils", "none_type"), ("model_utils", "file_type"),
]

# 1.0.1 method -> (required positional parameters, optional keyword parameters)
LEGACY_METHODS = {
    "ConfigApi.get_config": ([], []),
    "ConnectionApi.delete_connection": (["connection_id"], []),
    "ConnectionApi.get_connection": (["connection_id"], []),
    "ConnectionApi.get_connections": ([], ["limit", "offset"]),
    "ConnectionApi.patch_connection": (["connection_id", "connection"], ["update_mask"]),
    "ConnectionApi.post_connection": (["connection"], []),
    "DAGApi.get_dag": (["dag_id"], []),
    "DAGApi.get_dag_details": (["dag_id"], []),
    "DAGApi.get_dag_source": (["file_token"], []),
    "DAGApi.get_dags": ([], ["limit", "offset"]),
    "DAGApi.get_task": (["dag_id", "task_id"], []),
    "DAGApi.get_tasks": (["dag_id"], []),
    "DAGApi.patch_dag": (["dag_id", "dag"], ["update_mask"]),
    "DAGApi.post_clear_task_instances": (["dag_id", "clear_task_instance"], []),
    "DAGApi.post_set_task_instances_state": (["dag_id", "update_task_instances_state"], []),
    "DAGRunApi.delete_dag_run": (["dag_id", "dag_run_id"], []),
    "DAGRunApi.get_dag_run": (["dag_id", "dag_run_id"], []),
    "DAGRunApi.get_dag_runs": (["dag_id"], ["limit", "offset", "execution_date_gte", "execution_date_lte",
                                            "start_date_gte", "start_date_lte", "end_date_gte",
                                            "end_date_lte"]),
    "DAGRunApi.get_dag_runs_batch": (["list_dag_runs_form"], []),
    "DAGRunApi.post_dag_run": (["dag_id", "dag_run"], []),
    "EventLogApi.get_event_log": (["event_log_id"], []),
    "EventLogApi.get_event_logs": ([], ["limit", "offset"]),
    "ImportErrorApi.get_import_error": (["import_error_id"], []),
    "ImportErrorApi.get_import_errors": ([], ["limit", "offset"]),
    "MonitoringApi.get_health": ([], []),
    "MonitoringApi.get_version": ([], []),
    "PoolApi.delete_pool": (["pool_name"], []),
    "PoolApi.get_pool": (["pool_name"], []),
    "PoolApi.get_pools": ([], ["limit", "offset"]),
    "PoolApi.patch_pool": (["pool_name", "pool"], ["update_mask"]),
    "PoolApi.post_pool": (["pool"], []),
    "TaskInstanceApi.get_extra_links": (["dag_id", "dag_run_id", "task_id"], []),
    "TaskInstanceApi.get_log": (["dag_id", "dag_run_id", "task_id", "task_try_number"],
                                ["full_content", "token"]),
    "TaskInstanceApi.get_task_instance": (["dag_id", "dag_run_id", "task_id"], []),
    "TaskInstanceApi.get_task_instances": (["dag_id", "dag_run_id"], [
        "execution_date_gte", "execution_date_lte", "start_date_gte", "start_date_lte", "end_date_gte",
        "end_date_lte", "duration_gte", "duration_lte", "state", "pool", "queue", "limit", "offset"]),
    "TaskInstanceApi.get_task_instances_batch": (["list_task_instance_form"], []),
    "VariableApi.delete_variable": (["variable_key"], []),
    "VariableApi.get_variable": (["variable_key"], []),
    "VariableApi.get_variables": ([], ["limit", "offset"]),
    "VariableApi.patch_variable": (["variable_key", "variable"], ["update_mask"]),
    "VariableApi.post_variables": (["variable"], []),
    "XComApi.get_xcom_entries": (["dag_id", "dag_run_id", "task_id"], ["limit", "offset"]),
    "XComApi.get_xcom_entry": (["dag_id", "dag_run_id", "task_id", "xcom_key"], []),
}


@pytest.mark.parametrize("module,name", LEGACY_CLASSES)
def test_legacy_import_paths(module: str, name: str) -> None:
    mod = importlib.import_module(f"airflow_python_sdk.{module}")
    assert getattr(mod, name) is not None


def test_legacy_names_reexported() -> None:
    for module, name in LEGACY_CLASSES:
        if module.startswith("model."):
            assert getattr(models, name) is getattr(
                importlib.import_module(f"airflow_python_sdk.{module}"), name)
        if module.startswith("api."):
            assert getattr(apis, name).__name__ == name


@pytest.mark.parametrize("qualname", sorted(LEGACY_METHODS))
def test_legacy_method_signatures(qualname: str) -> None:
    cls_name, method = qualname.split(".")
    params = inspect.signature(getattr(getattr(apis, cls_name), method)).parameters
    required, optional = LEGACY_METHODS[qualname]
    positional = [p for p in params.values() if p.kind == p.POSITIONAL_OR_KEYWORD and p.name != "self"]
    if qualname == "DAGApi.post_clear_task_instances":
        assert [p.name for p in positional] == ["dag_id", "clear_task_instances"]  # + 1.0.1 alias
    else:
        assert [p.name for p in positional] == required
    for name in optional:
        assert params[name].kind == params[name].KEYWORD_ONLY


def test_legacy_body_name_and_model_still_work(server: Any, client: Any) -> None:
    server.reply({"task_instances": []}).reply({"task_instances": []})
    api = apis.DAGApi(client)
    api.post_clear_task_instances("etl", clear_task_instance=models.ClearTaskInstance(dry_run=True))
    assert server.last.json() == {"dry_run": True}
    api.post_clear_task_instances("etl", models.ClearTaskInstance(dry_run=True, only_failed=True))
    assert server.last.json() == {"dry_run": True, "only_failed": True}


def test_call_forms(server: Any, client: Any) -> None:
    server.reply({"dag_runs": [], "total_entries": 0}).reply({"dag_id": "x", "is_paused": True})
    runs = apis.DAGRunApi(client).get_dag_runs(dag_id="x", limit=5)
    assert runs.total_entries == 0 and server.last.raw_query == "limit=5"
    dag = apis.DAGApi(client).patch_dag("x", models.DAG(is_paused=True), update_mask=["is_paused"])
    assert dag.is_paused is True and server.last.raw_query == "update_mask=is_paused"


def test_per_call_options(server: Any, client: Any) -> None:
    pool = {"name": "p", "slots": 1}
    api = apis.PoolApi(client)
    server.reply(pool)
    data, status, headers = api.get_pool("p", _return_http_data_only=False)  # type: ignore[arg-type, attr-defined]
    assert data.name == "p" and status == 200 and headers["Content-Type"] == "application/json"
    server.reply(pool)
    raw = api.get_pool("p", _preload_content=False)  # type: ignore[arg-type]
    assert raw.status == 200 and b'"slots"' in raw.data
    server.reply(pool)
    thread = api.get_pool("p", async_req=True)  # type: ignore[arg-type]
    assert thread.get(timeout=10).slots == 1  # type: ignore[call-arg]
    server.reply(pool)
    assert api.get_pool("p", _check_return_type=False).slots == 1
    server.reply(pool)
    assert api.get_pool("p", _request_timeout=(3, 5)).name == "p"
    server.reply(pool)
    assert apis.PoolApi(client).get_pools(limit="2", _check_input_type=False) is not None  # type: ignore[arg-type]
    assert server.last.raw_query == "limit=2"


def test_getting_started_example_runs_unchanged(server: Any, tmp_path: Any) -> None:
    """The 1.0.1 PyPI page's Getting Started example, with only its host pointed here."""
    server.reply({"sections": [{"name": "core", "options": [{"key": "k", "value": "v"}]}]})
    script = textwrap.dedent(f'''
        import time
        import airflow_python_sdk
        from pprint import pprint
        from airflow_python_sdk.api import config_api
        from airflow_python_sdk.model.config import Config
        from airflow_python_sdk.model.error import Error
        # Defining the host is optional and defaults to http://localhost/api/v1
        configuration = airflow_python_sdk.Configuration(
            host = "http://localhost/api/v1"
        )
        # Configure HTTP basic authorization: Basic
        configuration = airflow_python_sdk.Configuration(
            host = "{server.base_url}",
            username = 'YOUR_USERNAME',
            password = 'YOUR_PASSWORD'
        )
        # Enter a context with an instance of the API client
        with airflow_python_sdk.ApiClient(configuration) as api_client:
            # Create an instance of the API class
            api_instance = config_api.ConfigApi(api_client)
            try:
                # Get current configuration
                api_response = api_instance.get_config()
                pprint(api_response)
            except airflow_python_sdk.ApiException as e:
                print("Exception when calling ConfigApi->get_config: %s\\n" % e)
    ''')
    path = tmp_path / "getting_started.py"
    path.write_text(script)
    out = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    # printed as 1.0.1 prints it: to_dict(), pretty-printed
    assert out.stdout == "{'sections': [{'name': 'core', 'options': [{'key': 'k', 'value': 'v'}]}]}\n"
    assert server.last.headers["Authorization"] == "Basic WU9VUl9VU0VSTkFNRTpZT1VSX1BBU1NXT1JE"
    assert server.last.raw_path == "/api/v1/config"


def test_enum_call_forms() -> None:
    assert models.TaskState("running").value == "running"
    assert models.DagState(value="queued") is models.DagState.QUEUED  # type: ignore[call-overload]
    assert models.Color("#fff").value == "#fff"


def test_model_utils_names() -> None:
    from airflow_python_sdk.model_utils import ModelNormal

    assert isinstance(models.Pool(name="p"), ModelNormal)
    assert airflow_python_sdk.Configuration().host == "http://localhost/api/v1"
    assert isinstance(dt.datetime.now(), airflow_python_sdk.model_utils.datetime)


def test_star_imports_of_models_and_apis() -> None:
    namespace: Dict[str, Any] = {}
    exec("from airflow_python_sdk.models import *\nfrom airflow_python_sdk.apis import *", namespace)
    assert namespace["Pool"] is models.Pool and namespace["DAGRunApi"] is apis.DAGRunApi
    assert {"TaskInstance", "InlineResponse200", "DAGStructure"} <= set(namespace)
    assert "TaskInstance" in dir(models)
