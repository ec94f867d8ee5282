"""v2 answers reshaped into v1's, and v1 arguments into v2's: the pieces rules share.

Each reshaper changes a parsed v2 object in place and returns it. What v1 named differently
is added under the v1 name and the v2 name stays (``execution_date`` and ``logical_date``
both; ``is_active`` beside ``is_stale``), so code of either generation finds its field.
"""
from __future__ import annotations

import re
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence

V1_PAGE_SIZE = 100  # v1's default ``limit``; v2's is 50, so it is sent explicitly

#: v1 names of fields v2 renamed, as a v1 ``order_by`` may name them
ORDER_RENAMES = {"execution_date": "logical_date", "dataset_id": "asset_id",
                 "dataset_uri": "uri"}

_CRON = re.compile(r"^(@\w+|(\S+\s+){4,5}\S+)$")


def paging(args: Mapping[str, Any], *, order_renames: Optional[Mapping[str, str]] = None) -> Dict[str, Any]:
    """v2's ``limit``/``offset``/``order_by`` for a v1 list call: v1's page size sent
    explicitly, ``order_by`` as the list v2 takes, v1 field names in it renamed."""
    out: Dict[str, Any] = {"limit": args.get("limit", V1_PAGE_SIZE)}
    if "offset" in args:
        out["offset"] = args["offset"]
    order = args.get("order_by")
    if order:
        out["order_by"] = order_list(order, order_renames)
    return out


def order_list(order: Any, renames: Optional[Mapping[str, str]] = None) -> List[str]:
    """A v1 ``order_by`` (``"-execution_date"``, or ``"a,b"``) as v2's list of keys."""
    names = renames if renames is not None else ORDER_RENAMES
    keys = order if isinstance(order, (list, tuple)) else str(order).split(",")
    out = []
    for key in keys:
        key = str(key).strip()
        desc = key.startswith("-")
        bare = key[1:] if desc else key
        out.append(("-" if desc else "") + names.get(bare, bare))
    return out


def renamed(args: Mapping[str, Any], names: Mapping[str, str]) -> Dict[str, Any]:
    """``args`` with keys renamed by ``names`` (others kept)."""
    return {names.get(k, k): v for k, v in args.items()}


def pick(args: Mapping[str, Any], names: Iterable[str]) -> Dict[str, Any]:
    """The entries of ``args`` named in ``names`` that were given."""
    return {k: args[k] for k in names if k in args}


def each(answer: Any, key: str, reshape: Callable[[Dict[str, Any]], Any],
         fields: Optional[Sequence[str]] = None) -> Any:
    """Reshape every item of the collection ``answer[key]``, then cut each to v1's ``fields``
    when the caller asked for some (``project``)."""
    if isinstance(answer, dict) and isinstance(answer.get(key), list):
        for item in answer[key]:
            if isinstance(item, dict):
                reshape(item)
        if fields:
            answer[key] = [project(item, fields) for item in answer[key]]
    return answer


def also(item: Dict[str, Any], v1_name: str, v2_name: str) -> None:
    """Put v2's ``v2_name`` under v1's ``v1_name`` too (when v1's is not there already)."""
    if v2_name in item and v1_name not in item:
        item[v1_name] = item[v2_name]


def with_execution_date(item: Dict[str, Any]) -> Dict[str, Any]:
    """``execution_date`` beside ``logical_date`` (v1 code reads the first, v2 the second).
    What belongs to a run triggered without a logical date (Airflow 3 allows it) has its
    ``run_after`` as ``execution_date``: the moment a 2.x server would have given it
    (``logical_date`` stays null, as the server said)."""
    if item.get("logical_date") is None and "execution_date" not in item and item.get("run_after"):
        item["execution_date"] = item["run_after"]
    also(item, "execution_date", "logical_date")
    return item


def project(item: Any, fields: Optional[Sequence[str]]) -> Any:
    """v1's ``fields``: only these keys of each object (v2 answers them all, so the client
    keeps the ones asked for, exactly as a 2.x server would)."""
    if not fields or not isinstance(item, dict):
        return item
    wanted = set(fields)
    return {k: v for k, v in item.items() if k in wanted}


# -- DAGs
def schedule_interval(summary: Any) -> Any:
    """v1's ``schedule_interval`` from v2's ``timetable_summary``: a cron expression or preset
    becomes v1's ``CronExpression``; anything else (a timetable's own words) None."""
    if isinstance(summary, str) and _CRON.match(summary.strip()) and summary.strip() != "None":
        return {"__type": "CronExpression", "value": summary.strip()}
    return None


def dag(item: Dict[str, Any]) -> Dict[str, Any]:
    """A v2 DAG (or DAG details) with v1's fields: ``is_active`` (not ``is_stale``),
    ``schedule_interval``, ``next_dagrun``, ``next_dagrun_create_after``, the SubDAG-era
    fields at what a 2.x server answered for a DAG without SubDAGs."""
    if "is_stale" in item and "is_active" not in item:
        stale = item["is_stale"]
        item["is_active"] = None if stale is None else not stale
    if "schedule_interval" not in item:
        item["schedule_interval"] = schedule_interval(item.get("timetable_summary"))
    also(item, "next_dagrun", "next_dagrun_logical_date")
    also(item, "next_dagrun_create_after", "next_dagrun_run_after")
    also(item, "dataset_expression", "asset_expression")
    for name, value in (("root_dag_id", None), ("is_subdag", False), ("last_pickled", None),
                        ("pickle_id", None), ("scheduler_lock", None)):
        item.setdefault(name, value)
    return item


def dataset_expression(expression: Any) -> Any:
    """v1's ``dataset_expression`` from v2's ``asset_expression``: an asset as its URI, an
    alias as ``{"alias": name}``, ``all``/``any`` as lists of those (what a 2.x server stored);
    other nodes (an asset reference by name) kept as v2 gives them."""
    if isinstance(expression, list):
        return [dataset_expression(part) for part in expression]
    if not isinstance(expression, dict) or len(expression) != 1:
        return expression
    (key, value), = expression.items()
    if key == "asset" and isinstance(value, dict) and "uri" in value:
        return value["uri"]
    if key == "alias" and isinstance(value, dict) and "name" in value:
        return {"alias": value["name"]}
    if key in ("all", "any"):
        return {key: dataset_expression(value)}
    return expression


# -- runs and task instances
def dag_run(item: Dict[str, Any]) -> Dict[str, Any]:
    """A v2 DAG run with v1's ``execution_date`` (``with_execution_date``), ``external_trigger``
    (True for a run triggered by hand: the API, the CLI or the UI) and v1's name of the run
    type an asset triggers (``dataset_triggered``)."""
    with_execution_date(item)
    if item.get("run_type") == "asset_triggered":  # v1 calls assets datasets
        item["run_type"] = "dataset_triggered"
    if "external_trigger" not in item and "run_type" in item:
        item["external_trigger"] = item["run_type"] == "manual"
    return item


def task_instance(item: Dict[str, Any]) -> Dict[str, Any]:
    """A v2 task instance with v1's ``execution_date`` and ``sla_miss`` (SLAs are gone: None)."""
    with_execution_date(item)
    item.setdefault("sla_miss", None)
    return item


def ti_reference(item: Dict[str, Any]) -> Dict[str, Any]:
    """v1's ``TaskInstanceReference`` from a v2 task instance."""
    with_execution_date(item)
    return {k: item.get(k) for k in ("task_id", "dag_id", "execution_date", "dag_run_id")}


def ti_references(answer: Any) -> Dict[str, Any]:
    """v1's ``TaskInstanceReferenceCollection`` from a v2 task instance collection."""
    items = answer.get("task_instances", []) if isinstance(answer, dict) else []
    return {"task_instances": [ti_reference(t) for t in items if isinstance(t, dict)]}


# -- datasets (assets on Airflow 3)
def dataset(item: Dict[str, Any]) -> Dict[str, Any]:
    """A v2 asset with v1's ``consuming_dags`` (v2's ``scheduled_dags``)."""
    also(item, "consuming_dags", "scheduled_dags")
    return item


def dataset_event(item: Dict[str, Any]) -> Dict[str, Any]:
    """A v2 asset event with v1's ``dataset_id`` and ``dataset_uri``; each created run with
    v1's ``dag_run_id`` beside ``run_id``."""
    also(item, "dataset_id", "asset_id")
    also(item, "dataset_uri", "uri")
    for run in item.get("created_dagruns") or ():
        if isinstance(run, dict):
            also(run, "dag_run_id", "run_id")
    return item
