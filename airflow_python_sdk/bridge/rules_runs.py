"""Rules for DAG runs and task instances: triggering, listing, states, notes, clearing, tries,
logs, extra links and XComs. v2 renamed ``execution_date`` to ``logical_date`` (answers get
both names), turned every ``setNote`` into a PATCH of the note, moved dry runs to their own
``/dry_run`` operations and answers a patch with a collection where v1 answered one object."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Dict, List, Optional

import airflow_python_sdk.bridge.shapes as shapes
from airflow_python_sdk._runtime.errors import ConflictException
from airflow_python_sdk._runtime.timestamps import format_timestamp
from airflow_python_sdk.bridge.engine import TRANSLATED, Args, Context, rule
from airflow_python_sdk.bridge.rules_resources import body_of, served_as

#: v1 argument and body names v2 spells otherwise
LOGICAL = {"execution_date_gte": "logical_date_gte", "execution_date_lte": "logical_date_lte"}
TI_PATH = ("dag_id", "dag_run_id", "task_id")
MAPPED_PATH = TI_PATH + ("map_index",)
INCLUDES = ("include_upstream", "include_downstream", "include_future", "include_past")


def first(answer: Any) -> Dict[str, Any]:
    """The first task instance of a v2 collection (a patch answers the TIs it touched)."""
    items = answer.get("task_instances") if isinstance(answer, dict) else None
    return dict(items[0]) if items and isinstance(items[0], dict) else {}


def dag_runs(answer: Any, fields: Optional[List[str]] = None) -> Any:
    """A v2 DAG run collection in v1's shape, each run cut to ``fields`` when asked."""
    return shapes.each(answer, "dag_runs", shapes.dag_run, fields)


def task_instances(answer: Any) -> Any:
    """A v2 task instance collection in v1's shape."""
    return shapes.each(answer, "task_instances", shapes.task_instance)


# -- DAG runs
@rule("post_dag_run", v2=["trigger_dag_run"],
      how="the body's `execution_date` (or `logical_date`) sent as `logical_date`, the time of "
          "the trigger when neither is given (as 2.x chose it; v2 would leave the run without "
          "one); fields v2 does not take are left out; v2's 201 answered as v1's 200")
def post_dag_run(ctx: Context, args: Args) -> Any:
    sent = body_of(args, "dag_run")
    logical = sent.pop("logical_date", None)
    execution = sent.pop("execution_date", None)
    if logical is not None and execution is not None and logical != execution:
        raise ctx.refused(400, f"logical_date conflicts with execution_date: {logical!r} != {execution!r}")
    chosen = logical if logical is not None else execution
    if chosen is None:
        # v1 gave a run without a date the time of the trigger; v2 would leave it without one
        # (and a DAG's templates without `ds`), so the trigger's time is sent
        chosen = format_timestamp(datetime.now(timezone.utc), "logical_date", None)
    sent["logical_date"] = chosen
    return shapes.dag_run(ctx.call("trigger_dag_run", {"dag_id": args["dag_id"]}, body=sent))


@rule("get_dag_runs", v2=["get_dag_runs"],
      how="`execution_date_gte`/`_lte` sent as `logical_date_gte`/`_lte`; v1's page size (100) "
          "sent as `limit`, `order_by` as a list; `fields` applied by the client; each run gets "
          "`execution_date` and `external_trigger`")
def get_dag_runs(ctx: Context, args: Args) -> Any:
    values = shapes.renamed({k: v for k, v in args.items() if k != "fields"}, LOGICAL)
    values.update(shapes.paging(args))
    return dag_runs(ctx.call("get_dag_runs", values), args.get("fields"))


@rule("get_dag_runs_batch", v2=["get_list_dag_runs_batch"],
      how="`POST /dags/~/dagRuns/list`; the body's `execution_date_gte`/`_lte` sent as "
          "`logical_date_gte`/`_lte` and `execution_date` in `order_by` as `logical_date`; each "
          "run gets `execution_date` and `external_trigger`")
def get_dag_runs_batch(ctx: Context, args: Args) -> Any:
    body = shapes.renamed(body_of(args, "list_dag_runs_form"), LOGICAL)
    if body.get("order_by"):
        body["order_by"] = ",".join(shapes.order_list(body["order_by"]))
    return dag_runs(ctx.call("get_list_dag_runs_batch", {"dag_id": "~"}, body=body))


@rule("get_dag_run", v2=["get_dag_run"],
      how="same path; the run gets `execution_date` and `external_trigger`; `fields` applied "
          "by the client")
def get_dag_run(ctx: Context, args: Args) -> Any:
    run = shapes.dag_run(ctx.call("get_dag_run", shapes.pick(args, ("dag_id", "dag_run_id"))))
    return shapes.project(run, args.get("fields"))


served_as("delete_dag_run", how="same path")


@rule("update_dag_run_state", v2=["patch_dag_run"],
      how="same path, with `update_mask=state` so the run's note stays; the run gets "
          "`execution_date` and `external_trigger`")
def update_dag_run_state(ctx: Context, args: Args) -> Any:
    body = {"state": body_of(args, "update_dag_run_state").get("state")}
    values = {**shapes.pick(args, ("dag_id", "dag_run_id")), "update_mask": ["state"]}
    return shapes.dag_run(ctx.call("patch_dag_run", values, body=body))


@rule("set_dag_run_note", v2=["patch_dag_run"],
      how="`PATCH /dags/{dag_id}/dagRuns/{dag_run_id}` with the note and `update_mask=note`; "
          "the run gets `execution_date` and `external_trigger`")
def set_dag_run_note(ctx: Context, args: Args) -> Any:
    body = {"note": body_of(args, "set_dag_run_note").get("note")}
    values = {**shapes.pick(args, ("dag_id", "dag_run_id")), "update_mask": ["note"]}
    return shapes.dag_run(ctx.call("patch_dag_run", values, body=body))


@rule("clear_dag_run", v2=["clear_dag_run"],
      how="same path; v1's default `dry_run=true` and `only_failed=false` sent explicitly; a dry "
          "run answers the task instances (with `execution_date`), a real one the run")
def clear_dag_run(ctx: Context, args: Args) -> Any:
    dry_run = body_of(args, "clear_dag_run").get("dry_run", True)
    answer = ctx.call("clear_dag_run", shapes.pick(args, ("dag_id", "dag_run_id")),
                      body={"dry_run": dry_run, "only_failed": False})
    return task_instances(answer) if dry_run else shapes.dag_run(answer)


# -- task instances
TI_FILTERS = ("`execution_date_gte`/`_lte` sent as `logical_date_gte`/`_lte`; v1's page "
                       "size (100) sent as `limit`; each task instance gets `execution_date`")


@rule("get_task_instances", v2=["get_task_instances"], how=TI_FILTERS)
def get_task_instances(ctx: Context, args: Args) -> Any:
    values = shapes.renamed(args, LOGICAL)
    values.update(shapes.paging(args))
    return task_instances(ctx.call("get_task_instances", values))


@rule("get_mapped_task_instances", v2=["get_mapped_task_instances"],
      how=TI_FILTERS + "; `order_by` sent as a list")
def get_mapped_task_instances(ctx: Context, args: Args) -> Any:
    values = shapes.renamed(args, LOGICAL)
    values.update(shapes.paging(args))
    return task_instances(ctx.call("get_mapped_task_instances", values))


@rule("get_task_instances_batch", v2=["get_task_instances_batch"],
      how="`POST /dags/~/dagRuns/~/taskInstances/list`; the body's `execution_date_gte`/`_lte` "
          "sent as `logical_date_gte`/`_lte`; each task instance gets `execution_date`")
def get_task_instances_batch(ctx: Context, args: Args) -> Any:
    body = shapes.renamed(body_of(args, "list_task_instance_form"), LOGICAL)
    return task_instances(ctx.call("get_task_instances_batch", {"dag_id": "~", "dag_run_id": "~"},
                                   body=body))


served_as("get_task_instance", kind=TRANSLATED, reshape=shapes.task_instance,
          how="same path; `execution_date` beside `logical_date`")
served_as("get_mapped_task_instance", kind=TRANSLATED, reshape=shapes.task_instance,
          how="same path; `execution_date` beside `logical_date`")
served_as("get_task_instance_try_details", how="same path")
served_as("get_mapped_task_instance_try_details", how="same path")
served_as("get_task_instance_dependencies", how="same path")
served_as("get_mapped_task_instance_dependencies", "get_task_instance_dependencies_by_map_index",
          how="same path (v2's `get_task_instance_dependencies_by_map_index`)")


def patched_ti(ctx: Context, args: Args, body: Dict[str, Any], mask: List[str],
               dry_run: bool = False) -> Any:
    """PATCH one task instance (its ``map_index`` from the path, else the unmapped one: v1
    never touched all map indexes at once) and answer v2's collection."""
    mapped = "map_index" in args
    operation = "patch_task_instance_dry_run" if dry_run else "patch_task_instance"
    if mapped:
        operation += "_by_map_index"
    values = {**shapes.pick(args, MAPPED_PATH), "update_mask": mask}
    values.setdefault("map_index", -1)
    return ctx.call(operation, values, body=body)


def set_note(ctx: Context, args: Args) -> Any:
    body = {"note": body_of(args, "set_task_instance_note").get("note")}
    return shapes.task_instance(first(patched_ti(ctx, args, body, ["note"])))


NOTE_HOW = ("`PATCH` of the task instance with the note and `update_mask=note`; the task "
            "instance it answers (v2: a collection of one) with `execution_date`")
rule("set_task_instance_note", v2=["patch_task_instance"], how=NOTE_HOW)(set_note)
rule("set_mapped_task_instance_note", v2=["patch_task_instance_by_map_index"], how=NOTE_HOW)(set_note)


def patch_state(ctx: Context, args: Args) -> Any:
    sent = body_of(args, "update_task_instance")
    body = {"new_state": sent.get("new_state")}
    dry_run = sent.get("dry_run", True)  # v1's default: a patch without it changes nothing
    try:
        answer = patched_ti(ctx, args, body, ["new_state"], dry_run=dry_run)
    except ConflictException:
        answer = None  # 3.x refuses a task instance already in that state; 2.x answered it
    found = first(answer)
    if not found:  # already in that state: nothing to alter, the task instance answered as is
        getter = "get_mapped_task_instance" if "map_index" in args else "get_task_instance"
        found = ctx.call(getter, shapes.pick(args, MAPPED_PATH))
    return shapes.ti_reference(found)


PATCH_HOW = ("`new_state` sent with `update_mask=new_state`; v1's default `dry_run=true` goes "
             "to v2's `/dry_run` operation; answers the task instance's reference (a task "
             "instance already in that state answered as it is, as 2.x did)")
rule("patch_task_instance", v2=["patch_task_instance", "patch_task_instance_dry_run",
                                "get_task_instance"], how=PATCH_HOW)(patch_state)
rule("patch_mapped_task_instance", v2=["patch_task_instance_by_map_index",
                                       "patch_task_instance_dry_run_by_map_index",
                                       "get_mapped_task_instance"], how=PATCH_HOW)(patch_state)


@rule("post_set_task_instances_state",
      v2=["get_dag_runs", "patch_task_instance_dry_run", "patch_task_instance"],
      how="v2's per-task-instance `PATCH`: a run named by `execution_date` is looked up by its "
          "logical date; the task instances it would change are read from v2's `/dry_run` "
          "(answered for v1's default `dry_run=true`), then changed unless it is a dry run")
def post_set_task_instances_state(ctx: Context, args: Args) -> Any:
    sent = body_of(args, "update_task_instances_state")
    dag_id, task_id = args["dag_id"], sent.get("task_id")
    if not task_id or not sent.get("new_state"):
        raise ctx.refused(400, "task_id and new_state are required")
    date, run_id = sent.get("execution_date"), sent.get("dag_run_id")
    if (date is None) == (run_id is None):
        raise ctx.refused(400, "Exactly one of execution_date or dag_run_id must be provided")
    if run_id is None:
        runs = ctx.call("get_dag_runs", {"dag_id": dag_id, "logical_date_gte": date,
                                         "logical_date_lte": date, "limit": 1})
        found = runs.get("dag_runs") if isinstance(runs, dict) else None
        if not found:
            raise ctx.refused(404, f"Task instance not found for task {task_id!r} on execution_date {date}")
        run_id = found[0]["dag_run_id"]
    body: Dict[str, Any] = {"new_state": sent["new_state"]}
    body.update({name: bool(sent.get(name, False)) for name in INCLUDES})
    path = {"dag_id": dag_id, "dag_run_id": run_id, "task_id": task_id, "map_index": -1}
    # the dry run names every task instance the change reaches (upstream, future...): v1
    # answers those, v2's real PATCH only the one named
    affected = ctx.call("patch_task_instance_dry_run", {**path, "update_mask": ["new_state"]},
                        body=body)
    if not sent.get("dry_run", True) and first(affected):
        ctx.call("patch_task_instance", {**path, "update_mask": ["new_state"]}, body=body)
    return shapes.ti_references(affected)


@rule("post_clear_task_instances", v2=["post_clear_task_instances"],
      how="same path; v1's defaults sent explicitly (`dry_run` and `only_failed` true, "
          "`reset_dag_runs` false: v2's default is true); `include_subdags`/`include_parentdag` "
          "left out (no SubDAGs in 3.x); answers the task instances' references")
def post_clear_task_instances(ctx: Context, args: Args) -> Any:
    sent = body_of(args, "clear_task_instances")
    body: Dict[str, Any] = {"dry_run": True, "only_failed": True, "only_running": False,
                            "reset_dag_runs": False}
    body.update({name: False for name in INCLUDES})
    body.update({k: v for k, v in sent.items() if k not in ("include_subdags", "include_parentdag")})
    return shapes.ti_references(ctx.call("post_clear_task_instances", {"dag_id": args["dag_id"]},
                                         body=body))


# -- tries
def tries(ctx: Context, args: Args) -> Any:
    operation = "get_mapped_task_instance_tries" if "map_index" in args else "get_task_instance_tries"
    answer = ctx.call(operation, shapes.pick(args, MAPPED_PATH))
    items = list(answer.get("task_instances") or []) if isinstance(answer, dict) else []
    for key in reversed(shapes.order_list(args["order_by"]) if args.get("order_by") else []):
        name = key.lstrip("-")
        # None sorts last going up and first going down, as the 2.x database did
        items.sort(key=lambda t: (t.get(name) is None, t.get(name) if t.get(name) is not None else 0),
                   reverse=key.startswith("-"))
    offset = int(args.get("offset") or 0)
    page = items[offset:offset + int(args.get("limit", shapes.V1_PAGE_SIZE))]
    # 2.x answered `task_instances` (the spec says `task_instances_history`): both carry them
    return {"task_instances": page, "task_instances_history": list(page),
            "total_entries": len(items)}


TRIES_HOW = ("same path; v2 answers every try, so v1's `limit` (100), `offset` and `order_by` "
             "are applied by the client")
rule("get_task_instance_tries", v2=["get_task_instance_tries"], how=TRIES_HOW)(tries)
rule("get_mapped_task_instance_tries", v2=["get_mapped_task_instance_tries"], how=TRIES_HOW)(tries)


# -- logs, links, XComs
def log_text(content: Any) -> str:
    """v2's log records (``{timestamp, event, level, logger...}``) or lines as v1's text."""
    from airflow_python_sdk.v2.models.structured_log_message import StructuredLogMessage
    from airflow_python_sdk.v2.waiting import record_line

    if isinstance(content, str):
        return content
    lines = [record_line(StructuredLogMessage.from_dict(r) if isinstance(r, dict) else str(r))
             for r in content or []]
    return "\n".join(lines)


@rule("get_log", v2=["get_log"],
      how="path parameter `task_try_number` sent as `try_number`, always as JSON (v2 refuses "
          "text/plain); v2's log records rendered as text lines (`[time] LEVEL logger - event`) "
          "into `content`, or answered as the text itself when the caller asked text/plain")
def get_log(ctx: Context, args: Args) -> Any:
    values = {**shapes.pick(args, TI_PATH + ("full_content", "map_index", "token")),
              "try_number": args["task_try_number"]}
    answer = ctx.call("get_log", values)
    text = log_text(answer.get("content") if isinstance(answer, dict) else answer)
    if ctx.wants_text:
        return text
    token = answer.get("continuation_token") if isinstance(answer, dict) else None
    return {"continuation_token": token, "content": text}


@rule("get_extra_links", v2=["get_extra_links"],
      how="same path; answers the links' map `{name: url}` as 2.x did")
def get_extra_links(ctx: Context, args: Args) -> Any:
    answer = ctx.call("get_extra_links", shapes.pick(args, TI_PATH + ("map_index",)))
    links = answer.get("extra_links") if isinstance(answer, dict) else None
    return dict(links) if isinstance(links, dict) else {}


served_as("get_xcom_entries", kind=TRANSLATED, listing=True,
          reshape=lambda answer: shapes.each(answer, "xcom_entries", shapes.with_execution_date),
          how="same path; v1's page size (100) sent as `limit`; `execution_date` beside "
              "`logical_date` in each entry")


@rule("get_xcom_entry", v2=["get_xcom_entry"],
      how="same path; v1's defaults `deserialize=false`, `stringify=true` sent explicitly (v2's "
          "`stringify` defaults to false), so `value` is text as on 2.x; `execution_date` beside "
          "`logical_date`")
def get_xcom_entry(ctx: Context, args: Args) -> Any:
    values = {"deserialize": False, "stringify": True, **args}
    return shapes.with_execution_date(ctx.call("get_xcom_entry", values))

