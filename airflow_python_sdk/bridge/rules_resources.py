"""Rules for the resources v2 kept under their v1 paths: pools, variables, connections,
config, health, version, plugins, providers, import errors, DAG warnings, DAG stats, event
logs. Most differ only in paging (v1's page size sent as ``limit``, ``order_by`` as a list)
and the body model's name."""
from __future__ import annotations

from typing import Any, Callable, Dict, Optional, Sequence

import airflow_python_sdk.bridge.shapes as shapes
from airflow_python_sdk.bridge.engine import NATIVE, TRANSLATED, Args, Context, rule

Reshape = Callable[[Any], Any]


def body_of(args: Args, name: str) -> Dict[str, Any]:
    """The v1 body (plain JSON data) under its v1 parameter name."""
    body = args.get(name)
    return dict(body) if isinstance(body, dict) else {}


def served_as(v1: str, v2: Optional[str] = None, *, how: str, kind: str = NATIVE,
              listing: bool = False, body: Optional[str] = None, reshape: Optional[Reshape] = None,
              renames: Optional[Dict[str, str]] = None, lists: Sequence[str] = (),
              text: bool = False, anonymous: bool = False) -> None:
    """Register the rule of an operation v2 serves with the same arguments: ``listing`` (v1
    paging), ``body`` (the v1 body parameter, sent as v2's), ``renames`` (v1 argument names
    v2 spells otherwise), ``lists`` (v1 comma-separated strings v2 takes as lists),
    ``reshape`` (the answer into v1's shape), ``text`` (v2 answers ``text/plain`` too: a caller
    asking for it gets it), ``anonymous`` (v1 served it without credentials: so does this)."""
    target = v2 or v1

    def serve(ctx: Context, args: Args) -> Any:
        values = {k: v for k, v in args.items() if k != body}
        for name in lists:
            if isinstance(values.get(name), str):
                values[name] = [part for part in values[name].split(",") if part]
        if listing:
            values.update(shapes.paging(args))
        values = shapes.renamed(values, renames or {})
        accept = "text/plain" if text and ctx.wants_text else "application/json"
        answer = ctx.call(target, values, body=body_of(args, body) if body else None,
                          accept=accept, anonymous=anonymous)
        if isinstance(answer, str):
            return answer
        return reshape(answer) if reshape is not None else answer

    rule(v1, v2=[target], how=how, kind=kind)(serve)


PAGED = "v1's page size (100) sent as `limit`; `order_by` sent as a list"

# -- pools
served_as("get_pools", how=PAGED, listing=True)
served_as("get_pool", how="same path")
served_as("post_pool", body="pool", how="v1's read-only fields left out of the body (v2 refuses "
          "them); v2's 201 answered as v1's 200")
served_as("delete_pool", how="same path")


@rule("patch_pool", v2=["patch_pool"], kind=TRANSLATED,
      how="the body gets `pool` (its name) and `include_deferred`, and v1's read-only fields "
          "are left out: v2 wants both even when `update_mask` names one field, and refuses "
          "unknown fields")
def patch_pool(ctx: Context, args: Args) -> Any:
    sent = body_of(args, "pool")
    body = {k: v for k, v in sent.items() if k in ("slots", "description", "include_deferred")}
    body["pool"] = sent.get("name", args["pool_name"])
    # v2 wants it even when the mask leaves it alone (the server then ignores it); without a
    # mask v1 replaced the pool, and its schema's default is False
    body.setdefault("include_deferred", False)
    return ctx.call("patch_pool", {"pool_name": args["pool_name"],
                                   "update_mask": args.get("update_mask")}, body=body)


# -- variables
served_as("get_variables", how=PAGED, listing=True)
served_as("get_variable", how="same path")
served_as("post_variables", "post_variable", body="variable",
          how="v2's `post_variable`; its 201 answered as v1's 200")
served_as("patch_variable", body="variable", how="same path")
served_as("delete_variable", how="same path")

# -- connections
def without_password(connection: Any) -> Any:
    """A connection as v1 answers it: v1 never sends a password back (v2 sends it masked,
    ``***``, which v1 code would take for the password)."""
    if isinstance(connection, dict):
        connection.pop("password", None)
    return connection


NO_PASSWORD = "; the masked `password` v2 answers is left out, as v1 never answered one"
served_as("get_connections", how=PAGED + NO_PASSWORD, listing=True, kind=TRANSLATED,
          reshape=lambda answer: shapes.each(answer, "connections", without_password))
served_as("get_connection", how="same path" + NO_PASSWORD, kind=TRANSLATED, reshape=without_password)
served_as("post_connection", body="connection", kind=TRANSLATED, reshape=without_password,
          how="same path; v2's 201 answered as v1's 200" + NO_PASSWORD)
served_as("patch_connection", body="connection", kind=TRANSLATED, reshape=without_password,
          how="same path" + NO_PASSWORD)
served_as("delete_connection", how="same path")
served_as("test_connection", body="connection",
          how="same path (Airflow 3 refuses it with 403 unless `[core] test_connection` is enabled, "
              "as 2.x does)")

# -- config, health, version, plugins, providers
served_as("get_config", text=True,
          how="same path, as JSON or as text (403 unless `[api] expose_config`, as on 2.x)")
served_as("get_value", "get_config_value", text=True,
          how="same path (v2 calls it `get_config_value`), as JSON or as text")
served_as("get_health", kind=TRANSLATED, anonymous=True,
          how="`/monitor/health`, without credentials as on 2.x; v2's `dag_processor` component kept")
served_as("get_version", anonymous=True, how="same path, without credentials as on 2.x")
served_as("get_plugins", how="v1's page size (100) sent as `limit`", listing=True)


@rule("get_providers", v2=["get_providers"], kind=TRANSLATED,
      how="same path; v2 answers it in pages (50 by default) where v1 answered all, so every "
          "page is read")
def get_providers(ctx: Context, args: Args) -> Any:
    providers = list(ctx.every("get_providers", "providers"))
    return {"providers": providers, "total_entries": len(providers)}


# -- import errors, DAG warnings, DAG stats
served_as("get_import_errors", how=PAGED, listing=True)
served_as("get_import_error", how="same path")
served_as("get_dag_warnings", "list_dag_warnings", how="v2's `list_dag_warnings`; " + PAGED,
          listing=True)
served_as("get_dag_stats", how="same path; v1's comma-separated `dag_ids` sent as a list",
          lists=("dag_ids",))

# -- event logs
served_as("get_event_logs", listing=True, kind=TRANSLATED,
          lists=("included_events", "excluded_events"),
          reshape=lambda answer: shapes.each(answer, "event_logs", shapes.with_execution_date),
          how=PAGED + "; `execution_date` beside `logical_date` in each entry; comma-separated "
              "`included_events`/`excluded_events` sent as lists")
served_as("get_event_log", kind=TRANSLATED, reshape=shapes.with_execution_date,
          how="same path; `execution_date` beside `logical_date`")
