"""Rules for DAGs, their details, tasks and sources, and reparsing a DAG file.

v2 kept these under v1's paths; what changed is in the answers (``is_stale`` for
``is_active``, no ``schedule_interval``: ``shapes.dag`` adds v1's fields back), a few
parameters (``only_active`` is v2's ``exclude_stale``; ``fields`` is gone, so the client keeps
the fields asked for), and how a DAG's source is addressed: by a DAG id, not a file token.
"""
from __future__ import annotations

import base64
import json
import zlib
from typing import Any, Dict, Optional, Union

import airflow_python_sdk.bridge.shapes as shapes
from airflow_python_sdk.bridge.engine import NATIVE, Args, Context, rule
from airflow_python_sdk.bridge.rules_resources import body_of

#: ``ctx.memo`` key: the DAG id of each file token seen in an answer (a DAG's source is asked
#: by a token v1 took from a DAG; v2 asks it by DAG id)
DAG_BY_TOKEN = "dag_id_by_file_token"


def remember(ctx: Context, dag: Any) -> Any:
    """Note the file token of a DAG answer (``get_dag_source`` may be asked for it later)."""
    if isinstance(dag, dict) and dag.get("file_token") and dag.get("dag_id"):
        ctx.memo.setdefault(DAG_BY_TOKEN, {})[dag["file_token"]] = dag["dag_id"]
    return dag


def v1_dag(ctx: Context, item: Dict[str, Any]) -> Dict[str, Any]:
    """A v2 DAG (or DAG details) with v1's fields, its file token remembered."""
    remember(ctx, item)
    if "asset_expression" in item and "dataset_expression" not in item:
        item["dataset_expression"] = shapes.dataset_expression(item["asset_expression"])
    return shapes.dag(item)


def v1_dags(ctx: Context, answer: Any, fields: Any = None) -> Any:
    """A v2 DAG collection as v1's, each DAG cut to ``fields`` when v1 asked for some."""
    return shapes.each(answer, "dags", lambda item: v1_dag(ctx, item), fields)


def dag_filters(args: Args) -> Dict[str, Any]:
    """v2's filters for v1's ``tags``, ``dag_id_pattern``, ``paused`` and ``only_active``
    (v1's default True: only DAGs still in a DAG file; v2's ``exclude_stale``)."""
    values = shapes.pick(args, ("tags", "dag_id_pattern", "paused"))
    values["exclude_stale"] = bool(args.get("only_active", True))
    return values


@rule("get_dags", v2=["get_dags"],
      how="same path; `only_active` sent as `exclude_stale`, v1's page size (100) as `limit`, "
          "`order_by` as a list; `fields` kept by the client; each DAG gets `is_active`, "
          "`schedule_interval`, `next_dagrun` and the other v1 fields")
def get_dags(ctx: Context, args: Args) -> Any:
    values = {**dag_filters(args), **shapes.paging(args)}
    return v1_dags(ctx, ctx.call("get_dags", values), args.get("fields"))


@rule("patch_dags", v2=["patch_dags"],
      how="same path; `only_active` sent as `exclude_stale`, v1's page size (100) as `limit`; "
          "each DAG answered with v1's fields")
def patch_dags(ctx: Context, args: Args) -> Any:
    values = {**dag_filters(args), **shapes.paging(args),
              "update_mask": args.get("update_mask")}
    answer = ctx.call("patch_dags", values, body=body_of(args, "dag"))
    return v1_dags(ctx, answer)


@rule("get_dag", v2=["get_dag"],
      how="same path; `fields` kept by the client; v1's fields added (`is_active` from "
          "`is_stale`, `schedule_interval` from `timetable_summary`, ...)")
def get_dag(ctx: Context, args: Args) -> Any:
    dag = v1_dag(ctx, ctx.call("get_dag", {"dag_id": args["dag_id"]}))
    return shapes.project(dag, args.get("fields"))


@rule("patch_dag", v2=["patch_dag"],
      how="same path (only `is_paused` can change, as on 2.x); the DAG answered with v1's fields")
def patch_dag(ctx: Context, args: Args) -> Any:
    answer = ctx.call("patch_dag", {"dag_id": args["dag_id"],
                                    "update_mask": args.get("update_mask")},
                      body=body_of(args, "dag"))
    return v1_dag(ctx, answer)


@rule("delete_dag", v2=["delete_dag"], kind=NATIVE,
      how="same path; v2's 200 answered as v1's 204")
def delete_dag(ctx: Context, args: Args) -> Any:
    ctx.call("delete_dag", {"dag_id": args["dag_id"]})
    return None


@rule("get_dag_details", v2=["get_dag_details"],
      how="same path; `fields` kept by the client; v1's fields added, `dataset_expression` "
          "from `asset_expression` (assets as their URIs, as 2.x stored them)")
def get_dag_details(ctx: Context, args: Args) -> Any:
    details = v1_dag(ctx, ctx.call("get_dag_details", {"dag_id": args["dag_id"]}))
    return shapes.project(details, args.get("fields"))


@rule("get_tasks", v2=["get_tasks"], kind=NATIVE, how="same path, `order_by` as v1 gives it")
def get_tasks(ctx: Context, args: Args) -> Any:
    return ctx.call("get_tasks", shapes.pick(args, ("dag_id", "order_by")))


@rule("get_task", v2=["get_task"], kind=NATIVE, how="same path")
def get_task(ctx: Context, args: Args) -> Any:
    return ctx.call("get_task", shapes.pick(args, ("dag_id", "task_id")))


@rule("reparse_dag_file", v2=["reparse_dag_file"], kind=NATIVE,
      how="same path, with the file token a DAG answer of the same server gave")
def reparse_dag_file(ctx: Context, args: Args) -> Any:
    ctx.call("reparse_dag_file", {"file_token": args["file_token"]})
    return None


# -- a DAG's source: v1 asks by file token, v2 by DAG id
@rule("get_dag_source", v2=["get_dag_source", "get_dags"],
      how="`/dagSources/{dag_id}` of a DAG defined in the token's file (the DAG whose answer "
          "gave the token, else found by listing DAGs); JSON `{content}` or, asked for "
          "`text/plain`, the text")
def get_dag_source(ctx: Context, args: Args) -> Any:
    token = args["file_token"]
    dag_id = dag_of_token(ctx, token)
    if ctx.wants_text:
        return ctx.call("get_dag_source", {"dag_id": dag_id}, accept="text/plain")
    return ctx.call("get_dag_source", {"dag_id": dag_id})


def dag_of_token(ctx: Context, token: str) -> str:
    """A DAG defined in the file ``token`` names: the one whose answer gave the token, else the
    first DAG whose file matches (any DAG of a file has the file's source)."""
    known = ctx.memo.get(DAG_BY_TOKEN, {}).get(token)
    if known:
        return str(known)
    where = file_of_token(token)
    if where is None:
        raise ctx.not_found("Dag source not found: the file token is not one the server gave",
                        "Dag source not found")
    values: Dict[str, Any] = {"exclude_stale": False}
    if isinstance(where, dict) and where.get("bundle_name"):
        values["bundle_name"] = where["bundle_name"]
    for dag in ctx.every("get_dags", "dags", values):
        remember(ctx, dag)
        if dag.get("file_token") == token or defines(dag, where):
            return str(dag["dag_id"])
    raise ctx.not_found("Dag source not found: no DAG is defined in the token's file",
                    "Dag source not found")


def defines(dag: Dict[str, Any], where: Union[str, Dict[str, Any]]) -> bool:
    """Whether ``dag`` is defined in the file a token names: Airflow 3's tokens name the
    bundle and the file in it, 2.x's the file's full path."""
    if isinstance(where, dict):
        return (dag.get("bundle_name") == where.get("bundle_name")
                and dag.get("relative_fileloc") == where.get("relative_fileloc"))
    return bool(dag.get("fileloc") == where)


def file_of_token(token: str) -> Optional[Union[str, Dict[str, Any]]]:
    """What a file token names, read without the server's secret: it is an itsdangerous
    ``URLSafeSerializer`` value, ``payload.signature``, the payload URL-safe base64 JSON
    (zlib-compressed when the token starts with a dot). None: not such a token."""
    compressed = token.startswith(".")
    payload = (token[1:] if compressed else token).split(".", 1)[0]
    try:
        raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
        if compressed:
            raw = zlib.decompress(raw)
        value = json.loads(raw.decode("utf-8"))
    except (ValueError, zlib.error, UnicodeDecodeError):
        return None
    if isinstance(value, (str, dict)):
        return value
    return None
