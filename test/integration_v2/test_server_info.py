"""What the server says about itself: version, health, config (exposed on the local server),
plugins, providers, jobs, event logs; and the browser login/logout endpoints."""
from __future__ import annotations

import datetime as dt
import os
import sys
from typing import Dict

import pytest

import airflow_python_sdk.v2 as v2
from airflow_python_sdk.v2.api.config_api import ConfigApi
from airflow_python_sdk.v2.api.event_log_api import EventLogApi
from airflow_python_sdk.v2.api.job_api import JobApi
from airflow_python_sdk.v2.api.login_api import LoginApi
from airflow_python_sdk.v2.api.monitor_api import MonitorApi
from airflow_python_sdk.v2.api.plugin_api import PluginApi
from airflow_python_sdk.v2.api.pool_api import PoolApi
from airflow_python_sdk.v2.api.provider_api import ProviderApi
from airflow_python_sdk.v2.api.version_api import VersionApi

from .conftest import DAGS_DIR, TrackingApiClient, issue_token, recording_client

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tools"))

UTC = dt.timezone.utc


def test_version_and_health_answer_without_credentials(base_url: str) -> None:
    from codegen.surfaces import SURFACES

    client, transport = recording_client(base_url)
    with client:
        version = VersionApi(client).get_version()
        health = MonitorApi(client).get_health()
    assert version.version == SURFACES["v2"]().airflow  # the release this surface was made from
    assert version.git_version
    assert {e.authorization for e in transport.exchanges} == {None}
    for part in (health.metadatabase, health.scheduler, health.triggerer, health.dag_processor):
        assert part is not None and part.status == "healthy"
    assert health.scheduler is not None and health.scheduler.latest_scheduler_heartbeat is not None
    # a string in the spec (and with +00:00, not Z)
    age = dt.datetime.now(UTC) - dt.datetime.fromisoformat(health.scheduler.latest_scheduler_heartbeat)
    assert age < dt.timedelta(seconds=120)


def test_config_sections_and_values(admin: TrackingApiClient) -> None:
    api = ConfigApi(admin)
    core = api.get_config(section="core")
    assert [s.name for s in core.sections] == ["core"]
    options = {o.key: o.value for o in core.sections[0].options}
    folder = options["dags_folder"]
    assert getattr(folder, "actual_instance", folder) == DAGS_DIR
    one = api.get_config_value("core", "dags_folder")
    assert [(s.name, [o.key for o in s.options]) for s in one.sections] == [("core", ["dags_folder"])]
    assert one.sections[0].options[0].value == folder
    assert api.get_config_value_text("core", "dags_folder") == f"[core]\ndags_folder = {DAGS_DIR}\n"
    enabled = api.get_config_value("core", "test_connection").sections[0].options[0].value
    assert getattr(enabled, "actual_instance", enabled) == "Enabled"
    text = api.get_config_text(section="api")
    assert text.startswith("[api]\n") and "\nmaximum_page_limit = 100\n" in text


def test_plugins_providers_and_jobs(admin: TrackingApiClient) -> None:
    plugins = PluginApi(admin).get_plugins(limit=100)
    names = [p.name for p in plugins.plugins]
    assert plugins.total_entries == len(names) == len(set(names))
    errors = PluginApi(admin).import_errors()
    assert errors.total_entries == len(errors.import_errors)
    providers = ProviderApi(admin).get_providers(limit=100)
    packages = {p.package_name: p.version for p in providers.providers}
    assert "apache-airflow-providers-standard" in packages  # the DAGs' EmptyOperator comes from it
    assert providers.total_entries == len(packages)
    jobs = JobApi(admin).get_jobs(is_alive=True, limit=100)
    types = {j.job_type for j in jobs.jobs}
    assert {"SchedulerJob", "TriggererJob", "DagProcessorJob"} <= types  # what `up` started
    schedulers = JobApi(admin).get_jobs(job_type="SchedulerJob", is_alive=True)
    assert [j.state for j in schedulers.jobs] == ["running"] * schedulers.total_entries
    assert schedulers.total_entries >= 1


def test_event_logs_of_the_triggered_runs(admin: TrackingApiClient, runs: Dict[str, str]) -> None:
    api = EventLogApi(admin)
    logs = api.get_event_logs(dag_id="sdk_quick", event="trigger_dag_run", owner="admin", order_by=["-when"],
                              limit=100)
    assert logs.event_logs and logs.total_entries == len(logs.event_logs)
    assert {(e.dag_id, e.event, e.owner) for e in logs.event_logs} == {("sdk_quick", "trigger_dag_run", "admin")}
    whens = [e.when for e in logs.event_logs]
    assert whens == sorted(whens, reverse=True)
    one = api.get_event_log(logs.event_logs[0].event_log_id)
    assert (one.event_log_id, one.when, one.event) == (logs.event_logs[0].event_log_id, whens[0],
                                                       "trigger_dag_run")
    others = api.get_event_logs(dag_id="sdk_quick", excluded_events=["trigger_dag_run"], limit=100)
    assert "trigger_dag_run" not in {e.event for e in others.event_logs}


def test_login_follows_the_redirect_to_the_login_page(base_url: str) -> None:
    """They answer 307 to the UI's login page; followed, that is an HTML page, which is not
    what the operation declares: the SDK says so (``UnexpectedAnswerException``), with the page."""
    client, transport = recording_client(base_url, username="admin", password="admin")
    with client, pytest.raises(v2.ApiException) as html:
        LoginApi(client).login(next="/home")
    assert type(html.value).__name__ == "UnexpectedAnswerException" and html.value.status == 200
    assert "an HTML page" in str(html.value) and "<html" in html.value.body.lower()
    assert [(e.path, e.status) for e in transport.exchanges if e.path != "/auth/token"] == [
        ("/api/v2/auth/login", 307), ("/auth/login", 200)]


def test_login_not_followed_is_a_307_with_its_location(base_url: str) -> None:
    client, _ = recording_client(base_url, username="admin", password="admin", follow_redirects=0)
    with client, pytest.raises(v2.ApiException) as redirect:
        LoginApi(client).login(next="/home")
    assert redirect.value.status == 307 and redirect.value.headers is not None
    assert {k.lower(): v for k, v in redirect.value.headers.items()}["location"] == "/auth/login?next=%2Fhome"
    # header names match in any case, as with apache-airflow-client (urllib3's HTTPHeaderDict)
    assert redirect.value.headers["Location"] == "/auth/login?next=%2Fhome"


def test_logout_revokes_the_token_that_asked(base_url: str) -> None:
    """The server refuses the bearer token that logged out from then on."""
    token = issue_token(base_url)
    static, _ = recording_client(base_url, access_token=token)
    with static:
        assert "default_pool" in {p.name for p in PoolApi(static).get_pools().pools}
        with pytest.raises(v2.ApiException) as html:  # redirected to the UI's page (see above)
            LoginApi(static).logout()
        assert html.value.status == 200 and "<html" in html.value.body.lower()
        with pytest.raises(v2.ForbiddenException) as revoked:
            PoolApi(static).get_pools()
    assert "Invalid JWT token" in str(revoked.value) and token not in str(revoked.value)
