"""The v1 users/roles/permissions operations against this suite's Airflow 3.3.2, whose simple auth
manager has no FAB API (/auth/fab/v1): each raises ApiNotSupportedError naming the operation and
the server's version, and sends nothing for the operation itself (the one request the bridge may
make first is its check for the FAB API; after that, nothing at all)."""
from __future__ import annotations

from typing import Any, Callable, List, Tuple

import pytest

import airflow_python_sdk as sdk
from airflow_python_sdk import apis, models

#: the client's own requests on Airflow 3, which every call may start with: the server probe
#: and the token fetch
OWN = ("/api/v2/version", "/auth/token")


class SeeingClient(sdk.ApiClient):
    """A v1 client whose ``request`` override (the 2.x client's seam) notes every request."""

    def __init__(self, configuration: sdk.Configuration) -> None:
        super().__init__(configuration)
        self.seen: List[Tuple[str, str, Any]] = []

    def request(self, method: str, url: str, query_params: Any = None, headers: Any = None,
                post_params: Any = None, body: Any = None, _preload_content: bool = True,
                _request_timeout: Any = None) -> Any:
        self.seen.append((method, url, query_params))
        return super().request(method, url, query_params, headers, post_params, body,
                               _preload_content, _request_timeout)


def _fab_operations() -> List[Tuple[str, Callable[[Any], Any]]]:
    role = models.Role(name="sdk_nope", actions=[models.ActionResource(
        action=models.Action(name="can_read"), resource=models.Resource(name="DAGs"))])
    user = models.User(username="sdk_nope", email="nope@example.com", first_name="N", last_name="O",
                       password="pw-nope", roles=[models.UserCollectionItemRoles(name="Viewer")])
    return [
        ("get_users", lambda c: apis.UserApi(c).get_users(limit=10)),
        ("get_roles", lambda c: apis.RoleApi(c).get_roles()),
        ("get_permissions", lambda c: apis.PermissionApi(c).get_permissions()),
        ("get_user", lambda c: apis.UserApi(c).get_user("admin")),
        ("post_user", lambda c: apis.UserApi(c).post_user(user)),
        ("patch_user", lambda c: apis.UserApi(c).patch_user("sdk_nope", user, update_mask=["first_name"])),
        ("delete_user", lambda c: apis.UserApi(c).delete_user("sdk_nope")),
        ("get_role", lambda c: apis.RoleApi(c).get_role("Viewer")),
        ("post_role", lambda c: apis.RoleApi(c).post_role(role)),
        ("patch_role", lambda c: apis.RoleApi(c).patch_role("sdk_nope", role)),
        ("delete_role", lambda c: apis.RoleApi(c).delete_role("sdk_nope")),
    ]


def test_v1_fab_operations_are_not_served_without_the_fab_auth_manager(base_url: str) -> None:
    root = base_url.rstrip("/")
    config = sdk.Configuration(host=root + "/api/v1", username="admin", password="admin")
    with SeeingClient(config) as client:
        assert apis.PoolApi(client).get_pool("default_pool").name == "default_pool"  # served
        for number, (operation, call) in enumerate(_fab_operations()):
            before = len(client.seen)
            with pytest.raises(sdk.ApiNotSupportedError) as refused:
                call(client)
            error = refused.value
            assert (error.operation_id, error.server_version) == (operation, "3.3.2")
            assert str(error).startswith(f"{operation} is not served by Airflow 3.3.2: ") and error.reason
            sent = [(m, u[len(root):], q) for m, u, q in client.seen[before:]
                    if not u[len(root):].startswith(OWN)]
            if number == 0:  # at most the check for the FAB API (one GET), not the call itself
                assert len(sent) <= 1 and all(m == "GET" for m, _, _ in sent), sent
                assert not [s for s in sent if s[1] == "/auth/fab/v1/users" and ("limit", 10) in (s[2] or [])]
            else:  # what the check learned is kept: nothing is sent any more
                assert sent == [], (operation, sent)
