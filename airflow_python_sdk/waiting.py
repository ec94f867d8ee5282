"""Waiting for DAG runs and following task logs (v1 surface).

    from airflow_python_sdk.waiting import trigger_and_wait, follow_log

    run = trigger_and_wait(client, "etl", conf={"day": "2024-05-01"}, timeout=600)
    for chunk in follow_log(client, "etl", run.dag_run_id, "extract"):
        print(chunk, end="")
"""
from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterator, Optional

from airflow_python_sdk._runtime.client import ApiClient
from airflow_python_sdk._runtime.deadlines import scope_until
from airflow_python_sdk._runtime.errors import OpenApiException

if TYPE_CHECKING:
    from airflow_python_sdk.model.dag_run import DAGRun
    from airflow_python_sdk.model.task_instance import TaskInstance

DAG_RUN_TERMINAL = frozenset({"success", "failed"})
# seconds a poll may run past the wait's timeout: the last poll, made at the deadline, is answered
LAST_POLL_GRACE = 10.0
TASK_TERMINAL = frozenset({"success", "failed", "skipped", "upstream_failed", "removed"})


class WaitTimeoutError(OpenApiException, TimeoutError):
    """A run did not reach a terminal state in time; ``last`` is the last ``DAGRun`` read."""

    def __init__(self, message: str, last: Any = None) -> None:
        super().__init__(message)
        self.last = last


def wait_for_dag_run(client: ApiClient, dag_id: str, dag_run_id: str, *, timeout: float = 3600,
                     poll_interval: float = 5, on_poll: Optional[Callable[["DAGRun"], None]] = None,
                     sleep: Callable[[float], Any] = time.sleep) -> "DAGRun":
    """Poll the run until it is ``success`` or ``failed``; return the final ``DAGRun``.

    Raises ``WaitTimeoutError`` (a ``TimeoutError``) after ``timeout`` seconds. ``on_poll`` is
    called with every ``DAGRun`` read (for progress output).
    """
    from airflow_python_sdk.api.dag_run_api import DAGRunApi

    api = DAGRunApi(client)
    deadline = time.monotonic() + timeout
    while True:
        with scope_until(deadline + LAST_POLL_GRACE):  # a poll never outlives the wait by more
            run = api.get_dag_run(dag_id, dag_run_id)
        if on_poll is not None:
            on_poll(run)
        if run.state in DAG_RUN_TERMINAL:
            return run
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise WaitTimeoutError(f"{dag_id} run {dag_run_id} is still {run.state} after "
                                   f"{timeout:g}s", run)
        sleep(min(poll_interval, remaining))


def trigger_and_wait(client: ApiClient, dag_id: str, *, conf: Optional[Dict[str, Any]] = None,
                     dag_run_id: Optional[str] = None, logical_date: Any = None,
                     note: Optional[str] = None, unpause: bool = False, timeout: float = 3600,
                     poll_interval: float = 5, on_poll: Optional[Callable[["DAGRun"], None]] = None,
                     sleep: Callable[[float], Any] = time.sleep) -> "DAGRun":
    """Trigger a run of ``dag_id`` (unpausing the DAG first if asked) and wait for its end."""
    from airflow_python_sdk.api.dag_api import DAGApi
    from airflow_python_sdk.api.dag_run_api import DAGRunApi
    from airflow_python_sdk.model.dag import DAG
    from airflow_python_sdk.model.dag_run import DAGRun

    if unpause:
        DAGApi(client).patch_dag(dag_id, DAG(is_paused=False), update_mask=["is_paused"])
    fields: Dict[str, Any] = {"conf": conf or {}}
    for key, value in (("dag_run_id", dag_run_id), ("logical_date", logical_date), ("note", note)):
        if value is not None:
            fields[key] = value
    run = DAGRunApi(client).post_dag_run(dag_id, DAGRun(**fields))
    return wait_for_dag_run(client, dag_id, run.dag_run_id, timeout=timeout,
                            poll_interval=poll_interval, on_poll=on_poll, sleep=sleep)


def follow_log(client: ApiClient, dag_id: str, dag_run_id: str, task_id: str, *,
               try_number: Optional[int] = None, map_index: Optional[int] = None,
               poll_interval: float = 2, timeout: Optional[float] = None,
               sleep: Callable[[float], Any] = time.sleep) -> Iterator[str]:
    """Yield a task's log text as it grows, until the task has finished and all is read.

    Uses the server's continuation token, so each chunk is new text. ``try_number`` defaults
    to the task instance's current try.
    """
    from airflow_python_sdk.api.task_instance_api import TaskInstanceApi

    api = TaskInstanceApi(client)

    def instance() -> "TaskInstance":
        if map_index is None:
            return api.get_task_instance(dag_id, dag_run_id, task_id)
        return api.get_mapped_task_instance(dag_id, dag_run_id, task_id, map_index)

    ti = instance()
    number = try_number or ti.try_number or 1
    token: Optional[str] = None
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        current = ti.try_number or 0
        finished = ti.state in TASK_TERMINAL and (try_number is None or number <= current)
        page = api.get_log(dag_id, dag_run_id, task_id, number, token=token, map_index=map_index)
        content = getattr(page, "content", None) if not isinstance(page, str) else page
        if content:
            yield content
        if not isinstance(page, str):
            token = page.continuation_token or token
        if finished:
            return  # read once more after the end was seen: nothing is left behind
        if deadline is not None and time.monotonic() > deadline:
            raise WaitTimeoutError(f"{dag_id}.{task_id} log still growing after {timeout:g}s")
        sleep(poll_interval)
        ti = instance()
