"""Rules for users, roles and permissions: on Airflow 3 the FAB auth manager serves them.

With the FAB auth manager, ``apache-airflow-providers-fab`` serves v1's user, role and
permission operations at ``{root}/auth/fab/v1/...``: v1's paths, parameters and shapes (its
users carry ``fail_login_count`` where v1 said ``failed_login_count``), a JWT for auth. Each
operation runs as a copy of its v1 record on a surface rooted there. Another auth manager
(the simple one, Keycloak's...) keeps users elsewhere: the bridge asks the server once per
client which one it runs, and raises ``ApiNotSupportedError`` before sending anything else.
"""
from __future__ import annotations

from typing import Any, Dict, List

import airflow_python_sdk.bridge.shapes as shapes
from airflow_python_sdk._runtime.operation import Operation
from airflow_python_sdk._runtime.request import CallOptions
from airflow_python_sdk._runtime.surface import Surface
from airflow_python_sdk.bridge.engine import Args, Context, rule
from airflow_python_sdk.model import SURFACE as V1

#: where the FAB provider serves v1's operations on Airflow 3 (not registered: its models are
#: v1's, and the v1 surface stays the one they belong to)
FAB = Surface("fab", package=V1.package, models=V1.models, path_prefix="/auth/fab/v1",
              problem_model="Error", error_models=V1.error_models, exceptions=V1.exceptions,
              auth="jwt", register=False)

#: ``ctx.memo`` key: whether the server runs the FAB auth manager (asked once)
IS_FAB = "fab_auth_manager"

_CLONES: Dict[str, Operation[Any]] = {}


def on_fab(op: Operation[Any]) -> Operation[Any]:
    """The v1 operation ``op`` as served under ``/auth/fab/v1`` (same path, params, answer)."""
    found = _CLONES.get(op.operation_id)
    if found is None:
        found = _CLONES[op.operation_id] = Operation(
            FAB, op.operation_id, op.method, op.path, op.params, op.response, text=op.text,
            stream=op.stream, summary=op.summary)
    return found


def runs_fab(ctx: Context) -> bool:
    """Whether the server runs the FAB auth manager: its ``/auth/fab/v1/users`` answers JSON
    (a list, or a 401/403 problem); under another auth manager that path is the UI's HTML page
    (or a 404). Asked once per client; an answer that tells neither (a 5xx) is not remembered
    and taken as FAB, so the operation's own answer says what is wrong."""
    known = ctx.memo.get(IS_FAB)
    if known is not None:
        return bool(known)
    from airflow_python_sdk.api.user_api import GET_USERS

    probe_op = on_fab(GET_USERS)
    client = ctx.client
    options = CallOptions(ctx.options.request_timeout, {"Accept": "application/json"},
                          check_input=False)
    request = client.build_request_at(client.base_url(probe_op), probe_op, {"limit": 1}, options)
    response = client.send(request)
    ctype = (response.headers.get("Content-Type") or "").lower()
    if response.status == 404 or "html" in ctype:
        ctx.memo[IS_FAB] = False
    elif "json" in ctype and response.status < 500:
        ctx.memo[IS_FAB] = True
    else:
        return True
    return bool(ctx.memo[IS_FAB])


def check_fab(ctx: Context) -> None:
    """Raise ``ApiNotSupportedError`` unless the server runs the FAB auth manager."""
    if not runs_fab(ctx):
        raise ctx.not_served(
            "the server's auth manager is not FAB's, and Airflow 3 serves users, roles and "
            "permissions through an API only with the FAB auth manager "
            "(apache-airflow-providers-fab)",
            instead="the auth manager's own settings (the simple auth manager's: `[core] "
                    "simple_auth_manager_users`), or run the FAB auth manager")


#: the table's words for when these operations are not served
NOT_FAB = ("under another auth manager (the simple one, the default): Airflow 3 has no API for "
           "its users; manage them with its settings (`[core] simple_auth_manager_users`)")


def served_on_fab(v1: str, *, how: str, reshape: Any = None) -> None:
    """Register the rule of a v1 operation the FAB provider serves as v1 defines it."""

    def serve(ctx: Context, args: Args) -> Any:
        check_fab(ctx)
        op = on_fab(ctx.op)
        values = {k: v for k, v in args.items() if op.body is None or k != op.body.name}
        body = args.get(op.body.name) if op.body is not None else None
        answer = ctx.call(v1, values, body=body, op=op)
        return reshape(answer) if reshape is not None else answer

    rule(v1, v2=[f"fab:{v1}"], how=how, not_served=NOT_FAB)(serve)


def user(item: Any) -> Any:
    """A FAB user with v1's ``failed_login_count`` (FAB's ``fail_login_count``)."""
    if isinstance(item, dict):
        shapes.also(item, "failed_login_count", "fail_login_count")
    return item


def users(answer: Any) -> Any:
    return shapes.each(answer, "users", user)


FAB_PATH = "`/auth/fab/v1{}` (FAB auth manager only)"

served_on_fab("get_users", reshape=users, how=FAB_PATH.format("/users") +
              "; `failed_login_count` beside `fail_login_count`")
served_on_fab("get_user", reshape=user, how=FAB_PATH.format("/users/{username}") +
              "; `failed_login_count` beside `fail_login_count`")
served_on_fab("post_user", reshape=user, how=FAB_PATH.format("/users"))
served_on_fab("patch_user", reshape=user, how=FAB_PATH.format("/users/{username}"))
served_on_fab("delete_user", how=FAB_PATH.format("/users/{username}"))
served_on_fab("get_roles", how=FAB_PATH.format("/roles"))
served_on_fab("get_role", how=FAB_PATH.format("/roles/{name}"))
served_on_fab("post_role", how=FAB_PATH.format("/roles"))
served_on_fab("patch_role", how=FAB_PATH.format("/roles/{name}"))
served_on_fab("delete_role", how=FAB_PATH.format("/roles/{name}") + "; its 200 answered as v1's 204")


@rule("get_permissions", v2=["fab:get_permissions"], not_served=NOT_FAB,
      how=FAB_PATH.format("/permissions") + ", which lists action-resource pairs: every page "
          "is read and v1's actions (the distinct permission names) are paged by the client")
def get_permissions(ctx: Context, args: Args) -> Any:
    check_fab(ctx)
    op = on_fab(ctx.op)
    names: List[str] = []
    for pair in ctx.every("get_permissions", "actions", op=op):
        name = (pair.get("action") or {}).get("name")
        if isinstance(name, str) and name not in names:
            names.append(name)
    start = int(args.get("offset") or 0)
    wanted = names[start:start + int(args.get("limit", shapes.V1_PAGE_SIZE))]
    return {"actions": [{"name": name} for name in wanted], "total_entries": len(names)}
