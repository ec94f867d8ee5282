"""Pools, variables, connections, roles, users, permissions, config, monitoring; server errors;
pagination past the server's page cap."""
from __future__ import annotations

from typing import Any

import pytest

import airflow_python_sdk as sdk
from airflow_python_sdk import apis, models

from .conftest import many_variables


def test_pool_crud(admin: Any) -> None:
    api = apis.PoolApi(admin)
    created = api.post_pool(models.Pool(name="sdk pool 1", slots=3, description="made by tests"))
    assert (created.name, created.slots, created.open_slots) == ("sdk pool 1", 3, 3)
    assert api.get_pool("sdk pool 1") == created
    patched = api.patch_pool("sdk pool 1", models.Pool(name="sdk pool 1", slots=7, description="ignored"),
                             update_mask=["slots"])
    assert patched.slots == 7 and patched.description == "made by tests"
    # read-only fields of a fetched pool are left out when it is sent back
    fetched = api.get_pool("sdk pool 1")
    fetched.slots = 8
    assert api.patch_pool("sdk pool 1", fetched).slots == 8
    names = [p.name for p in api.get_pools(limit=100).pools]
    assert "sdk pool 1" in names and "default_pool" in names
    assert api.delete_pool("sdk pool 1") is None  # type: ignore[func-returns-value]
    with pytest.raises(sdk.NotFoundException) as info:
        api.get_pool("sdk pool 1")
    assert "sdk pool 1" in info.value.problem.detail


def test_variable_crud_with_slash_and_unicode(admin: Any) -> None:
    api = apis.VariableApi(admin)
    key = "sdk/тест ü"
    created = api.post_variables(models.Variable(key=key, value='{"n": 1}', description="d"))
    assert created.key == key
    got = api.get_variable(key)
    assert (got.key, got.value, got.description) == (key, '{"n": 1}', "d")
    # Airflow 2.11.2 loads `value` under the name `val`, so update_mask=["value"] answers 400;
    # without a mask every field is updated.
    patched = api.patch_variable(key, models.Variable(key=key, value="v2", description="d"))
    assert patched.value == "v2"
    described = api.patch_variable(key, models.Variable(key=key, value="ignored", description="d2"),
                                   update_mask=["description"])
    assert (described.value, described.description) == ("v2", "d2")
    listed = {v.key: v for v in api.get_variables(limit=100).variables}
    assert key in listed
    assert api.delete_variable(key) is None  # type: ignore[func-returns-value]
    with pytest.raises(sdk.NotFoundException):
        api.get_variable(key)


def test_connection_crud_and_test(admin: Any, airflow_major: int) -> None:
    api = apis.ConnectionApi(admin)
    conn = models.Connection(connection_id="sdk_conn", conn_type="sqlite", host="/tmp/sdk.db",
                             login="me", password="pw-123", port=1, extra='{"a": 1}')
    created = api.post_connection(conn)
    assert created.connection_id == "sdk_conn" and created.host == "/tmp/sdk.db"
    assert created.password is None  # write-only: never sent back
    got = api.get_connection("sdk_conn")
    assert (got.login, got.port) == ("me", 1)
    patched = api.patch_connection("sdk_conn", models.Connection(connection_id="sdk_conn",
                                                                 conn_type="sqlite", port=2),
                                   update_mask=["port"])
    assert patched.port == 2 and patched.login == "me"
    ids = [c.connection_id for c in api.get_connections(limit=100).connections]
    assert "sdk_conn" in ids
    result = api.test_connection(probe_connection(airflow_major))
    assert result.status is True, result.message
    assert api.delete_connection("sdk_conn") is None  # type: ignore[func-returns-value]
    with pytest.raises(sdk.NotFoundException):
        api.get_connection("sdk_conn")


def probe_connection(airflow_major: int) -> Any:
    """A connection the server can test: 2.11.2 has the sqlite provider; the 3.3.2 of
    scripts/airflow-local has only the standard, fab, smtp and common providers, so a
    filesystem connection to a directory that exists."""
    if airflow_major == 2:
        return models.Connection(connection_id="probe", conn_type="sqlite", host=":memory:")
    return models.Connection(connection_id="probe", conn_type="fs", extra='{"path": "/tmp"}')


def test_role_crud_and_permissions(admin: Any) -> None:
    perms = apis.PermissionApi(admin).get_permissions(limit=100)
    action_names = {a.name for a in perms.actions}
    assert {"can_read", "can_edit"} <= action_names and perms.total_entries == len(perms.actions)
    api = apis.RoleApi(admin)
    read_dags = models.ActionResource(action=models.Action(name="can_read"),
                                      resource=models.Resource(name="DAGs"))
    created = api.post_role(models.Role(name="sdk_role", actions=[read_dags]))
    assert isinstance(created, models.Role)  # Airflow 2.11.2 answers {} here; read it back
    assert api.get_role("sdk_role").actions[0].action.name == "can_read"  # type: ignore[index]
    edit = models.ActionResource(action=models.Action(name="can_edit"),
                                 resource=models.Resource(name="DAGs"))
    patched = api.patch_role("sdk_role", models.Role(name="sdk_role", actions=[read_dags, edit]),
                             update_mask=["actions"])
    assert {a.action.name for a in patched.actions} == {"can_read", "can_edit"}  # type: ignore[union-attr]
    assert "sdk_role" in [r.name for r in api.get_roles(limit=100).roles]
    assert api.delete_role("sdk_role") is None  # type: ignore[func-returns-value]
    with pytest.raises(sdk.NotFoundException):
        api.get_role("sdk_role")


def test_user_crud(admin: Any) -> None:
    api = apis.UserApi(admin)
    created = api.post_user(models.User(username="sdk_user", email="sdk@example.com", first_name="S",
                                        last_name="D", password="pw-sdk", roles=[{"name": "Viewer"}]))  # type: ignore[list-item]
    assert created.username == "sdk_user" and created.roles[0].name == "Viewer"
    got = api.get_user("sdk_user")
    assert got.email == "sdk@example.com" and got.active is True
    # The server validates the whole body even with a mask: send the user, change one field.
    patched = api.patch_user("sdk_user", models.User(username="sdk_user", email="sdk@example.com",
                                                     first_name="Changed", last_name="D"),
                             update_mask=["first_name"])
    assert patched.first_name == "Changed" and patched.email == "sdk@example.com"
    users = api.get_users(limit=100)
    assert {"admin", "viewer", "sdk_user"} <= {u.username for u in users.users}
    assert api.delete_user("sdk_user") is None  # type: ignore[func-returns-value]
    with pytest.raises(sdk.NotFoundException):
        api.get_user("sdk_user")


def test_config_monitoring_plugins_providers(admin: Any, airflow_major: int) -> None:
    config = apis.ConfigApi(admin)
    full = config.get_config(section="core")
    options = {o.key: o.value for o in full.sections[0].options}
    # what scripts/airflow-local configures: 3.3.2 runs its tasks with the LocalExecutor
    executor = {2: "SequentialExecutor", 3: "LocalExecutor"}[airflow_major]
    assert full.sections[0].name == "core" and options["executor"] == executor
    text = config.get_config(section="api", _headers={"Accept": "text/plain"})
    assert isinstance(text, str) and "[api]" in text
    # Airflow 3 moved expose_config from [webserver] to [api]
    section = {2: "webserver", 3: "api"}[airflow_major]
    value = config.get_value(section, "expose_config")
    assert (value.sections[0].name, value.sections[0].options[0].value) == (section, "True")
    health = apis.MonitoringApi(admin).get_health()
    assert health.metadatabase.status == models.HealthStatus.HEALTHY
    assert health.scheduler.status == "healthy"
    assert apis.MonitoringApi(admin).get_version().version == {2: "2.11.2", 3: "3.3.2"}[airflow_major]
    plugins = apis.PluginApi(admin).get_plugins()
    assert plugins.total_entries == len(plugins.plugins)
    providers = apis.ProviderApi(admin).get_providers()
    # providers installed with each: 2.11.2 brings http; 3.3.2 (core split out) brings standard
    provider = {2: "apache-airflow-providers-http", 3: "apache-airflow-providers-standard"}[airflow_major]
    assert provider in {p.package_name for p in providers.providers}


def test_server_errors_are_typed(base_url: str, admin: Any, viewer: Any, airflow_major: int) -> None:
    with sdk.ApiClient(sdk.Configuration(host=base_url, username="admin", password="not-the-pw-7q")) as bad:
        # Airflow 2.11.2 with the FAB auth manager answers a wrong password with 403 (an
        # unauthenticated request is refused by the permission check); 401 where a
        # deployment's auth backend reports it.
        with pytest.raises((sdk.UnauthorizedException, sdk.ForbiddenException)) as unauth:
            apis.PoolApi(bad).get_pools()
    # (on 3.x the token endpoint refuses it: 401, raised as v1's own class)
    assert unauth.value.status == {sdk.UnauthorizedException: 401,
                                   sdk.ForbiddenException: 403}[type(unauth.value)]
    assert "not-the-pw-7q" not in str(unauth.value) and unauth.value.problem.title
    assert "user 'admin'" in str(unauth.value)  # which credentials were sent, never the secret
    with pytest.raises(sdk.ForbiddenException) as forbidden:
        apis.PoolApi(viewer).post_pool(models.Pool(name="sdk_forbidden", slots=1))
    assert forbidden.value.problem.title == "Forbidden"
    with pytest.raises(sdk.NotFoundException) as missing:
        apis.DAGApi(admin).get_dag("no_such_dag")
    assert "no_such_dag" in missing.value.problem.detail
    apis.PoolApi(admin).post_pool(models.Pool(name="sdk_dup", slots=1))
    try:
        with pytest.raises(sdk.ConflictException) as conflict:
            apis.PoolApi(admin).post_pool(models.Pool(name="sdk_dup", slots=1))
        if airflow_major == 2:
            assert "sdk_dup" in conflict.value.problem.detail
        else:  # 3.3.2 answers a duplicate with the database's words, not the pool's name
            assert "Unique constraint violation" in conflict.value.problem.detail
    finally:
        apis.PoolApi(admin).delete_pool("sdk_dup")
    with pytest.raises(sdk.BadRequestException) as bad_body:
        apis.PoolApi(admin).post_pool({"slots": 1})  # no name: the server says why
    if airflow_major == 2:
        assert bad_body.value.status == 400 and bad_body.value.problem.detail
        assert str(bad_body.value).startswith("(400) Bad Request: ")
    else:  # 3.3.2 refuses it with 422, raised as a BadRequestException that says so
        assert isinstance(bad_body.value, sdk.UnprocessableEntityException)
        assert bad_body.value.status == 422 and bad_body.value.problem.detail
        assert str(bad_body.value) == "(422) Unprocessable Entity: body.name: Field required"


def test_pagination_beyond_the_page_cap(admin: Any) -> None:
    api = apis.VariableApi(admin)
    with many_variables(admin, "sdk_page_", 130) as keys:
        first = api.get_variables(limit=500, order_by="key")
        assert len(first.variables) == 100  # the server caps the page silently
        assert first.total_entries >= 130  # type: ignore[operator]
        seen = []
        offset = 0
        while True:
            page = api.get_variables(limit=100, offset=offset, order_by="key")
            if not page.variables:
                break
            seen += [v.key for v in page.variables]
            offset += len(page.variables)
        assert [k for k in seen if k.startswith("sdk_page_")] == keys
