"""Waiting for DAG runs and reading task logs on Airflow 3 (v2 surface).

    from airflow_python_sdk.v2.waiting import trigger_and_wait, log_lines, follow_log

    run = trigger_and_wait(client, "etl", conf={"day": "2024-05-01"}, timeout=600)
    for line in log_lines(client, "etl", run.dag_run_id, "extract"):
        print(line)

Waiting reads the server's ``/wait`` stream (one status line every ``poll_interval`` seconds
until the run ends) and falls back to polling the run where the server has no such stream.
Logs come as records (``StructuredLogMessage``); ``log_lines`` gives them as text lines.
"""
from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterator, List, Optional, Union

from airflow_python_sdk._runtime.client import ApiClient
from airflow_python_sdk._runtime.deadlines import scope_until
from airflow_python_sdk._runtime.errors import ApiConnectionError, ApiException, OpenApiException
from airflow_python_sdk._runtime.wrapper import OneOfWrapper

if TYPE_CHECKING:
    from airflow_python_sdk.v2.models.dag_run_response import DAGRunResponse
    from airflow_python_sdk.v2.models.structured_log_message import StructuredLogMessage

DAG_RUN_TERMINAL = frozenset({"success", "failed"})
# seconds a poll may run past the wait's timeout: the last poll, made at the deadline, is answered
LAST_POLL_GRACE = 10.0
TASK_TERMINAL = frozenset({"success", "failed", "skipped", "upstream_failed", "removed"})


class WaitTimeoutError(OpenApiException, TimeoutError):
    """A run did not finish in time; ``last`` is the last state (or ``DAGRunResponse``) read."""

    def __init__(self, message: str, last: Any = None) -> None:
        super().__init__(message)
        self.last = last


def wait_for_dag_run(client: ApiClient, dag_id: str, dag_run_id: str, *, timeout: float = 3600,
                     poll_interval: float = 5, on_poll: Optional[Callable[[str], None]] = None,
                     stream: bool = True, sleep: Callable[[float], Any] = time.sleep) -> "DAGRunResponse":
    """Wait until the run is ``success`` or ``failed``; return its final ``DAGRunResponse``.

    ``on_poll`` gets each state read. Raises ``WaitTimeoutError`` after ``timeout`` seconds.
    """
    from airflow_python_sdk.v2.api.dag_run_api import DagRunApi

    api = DagRunApi(client)
    deadline = time.monotonic() + timeout
    if stream:
        try:
            state = _wait_on_stream(api, dag_id, dag_run_id, deadline, poll_interval, on_poll)
        except (ApiException, ApiConnectionError) as exc:
            if isinstance(exc, ApiException) and exc.status not in (404, 405):
                raise
            state = None  # no /wait here (or the stream broke): poll instead
        if state in DAG_RUN_TERMINAL:
            return api.get_dag_run(dag_id, dag_run_id)
    while True:
        with scope_until(deadline + LAST_POLL_GRACE):  # a poll never outlives the wait by more
            run = api.get_dag_run(dag_id, dag_run_id)
        if on_poll is not None:
            on_poll(run.state)
        if run.state in DAG_RUN_TERMINAL:
            return run
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise WaitTimeoutError(f"{dag_id} run {dag_run_id} is still {run.state} after {timeout:g}s",
                                   run)
        sleep(min(poll_interval, remaining))


def _wait_on_stream(api: Any, dag_id: str, dag_run_id: str, deadline: float, interval: float,
                    on_poll: Optional[Callable[[str], None]]) -> Optional[str]:
    state: Any = None
    lines = api.wait_dag_run_until_finished_stream(dag_id, dag_run_id, interval,
                                                   _request_timeout=(10.0, interval * 3 + 30))
    try:
        for line in lines:
            state = line.get("state") if isinstance(line, dict) else None
            if on_poll is not None and state is not None:
                on_poll(state)
            if state in DAG_RUN_TERMINAL:
                return str(state)
            if time.monotonic() > deadline:
                raise WaitTimeoutError(f"{dag_id} run {dag_run_id} is still {state} at the deadline",
                                       state)
    finally:
        close = getattr(lines, "close", None)
        if close is not None:
            close()  # stops reading the stream and gives the connection back
    return None if state is None else str(state)


def trigger_and_wait(client: ApiClient, dag_id: str, *, conf: Optional[Dict[str, Any]] = None,
                     dag_run_id: Optional[str] = None, logical_date: Any = None,
                     note: Optional[str] = None, unpause: bool = False, timeout: float = 3600,
                     poll_interval: float = 5, on_poll: Optional[Callable[[str], None]] = None,
                     sleep: Callable[[float], Any] = time.sleep) -> "DAGRunResponse":
    """Trigger a run of ``dag_id`` (unpausing the DAG first if asked) and wait for its end."""
    from airflow_python_sdk.v2.api.dag_api import DAGApi
    from airflow_python_sdk.v2.api.dag_run_api import DagRunApi
    from airflow_python_sdk.v2.models.dag_patch_body import DAGPatchBody
    from airflow_python_sdk.v2.models.trigger_dag_run_post_body import TriggerDAGRunPostBody

    if unpause:
        DAGApi(client).patch_dag(dag_id, DAGPatchBody(is_paused=False), update_mask=["is_paused"])
    body = TriggerDAGRunPostBody(conf=conf or {}, logical_date=logical_date)
    if dag_run_id is not None:
        body.dag_run_id = dag_run_id
    if note is not None:
        body.note = note
    run = DagRunApi(client).trigger_dag_run(dag_id, body)
    return wait_for_dag_run(client, dag_id, run.dag_run_id, timeout=timeout,
                            poll_interval=poll_interval, on_poll=on_poll, sleep=sleep)


LogRecord = Union["StructuredLogMessage", str]


def log_records(client: ApiClient, dag_id: str, dag_run_id: str, task_id: str, *,
                try_number: Optional[int] = None, map_index: Optional[int] = None) -> List[LogRecord]:
    """Every record of a task's log (the task instance's current try unless ``try_number``)."""
    records: List[LogRecord] = _log_page(client, dag_id, dag_run_id, task_id, try_number, map_index,
                                         None, True)[0]
    return records


def log_lines(client: ApiClient, dag_id: str, dag_run_id: str, task_id: str, *,
              try_number: Optional[int] = None, map_index: Optional[int] = None) -> List[str]:
    """A task's log as text lines, in one call."""
    return [record_line(r) for r in log_records(client, dag_id, dag_run_id, task_id,
                                                try_number=try_number, map_index=map_index)]


def record_line(record: LogRecord) -> str:
    """One log record as a line of text: ``[timestamp] LEVEL logger - event``."""
    if isinstance(record, str):
        return record
    parts = []
    if record.timestamp is not None:
        parts.append(f"[{record.timestamp.isoformat()}]")
    level = record.additional_properties.get("level")
    if level:
        parts.append(str(level).upper())
    logger = record.additional_properties.get("logger")
    if logger:
        parts.append(str(logger))
    head = " ".join(parts)
    return f"{head} - {record.event}" if head else str(record.event)


def follow_log(client: ApiClient, dag_id: str, dag_run_id: str, task_id: str, *,
               try_number: Optional[int] = None, map_index: Optional[int] = None,
               poll_interval: float = 2, timeout: Optional[float] = None,
               sleep: Callable[[float], Any] = time.sleep) -> Iterator[str]:
    """Yield a task's log lines as they come, until the task has finished and all is read."""
    from airflow_python_sdk.v2.api.task_instance_api import TaskInstanceApi

    api = TaskInstanceApi(client)
    deadline = None if timeout is None else time.monotonic() + timeout
    token: Optional[str] = None
    reading: Optional[int] = None  # the try whose log is being read
    while True:
        ti = (api.get_task_instance(dag_id, dag_run_id, task_id) if map_index is None
              else api.get_mapped_task_instance(dag_id, dag_run_id, task_id, map_index))
        finished = ti.state in TASK_TERMINAL
        current = try_number or ti.try_number or 1  # 0 before the first try has started
        if current != reading:  # a new try (the task was retried): its log from the start
            reading, token = current, None
        records, token = _log_page(client, dag_id, dag_run_id, task_id, current, map_index, token,
                                   False)
        for record in records:
            yield record_line(record)
        if finished:
            return  # read once more after the end was seen: nothing is left behind
        if deadline is not None and time.monotonic() > deadline:
            raise WaitTimeoutError(f"{dag_id}.{task_id} log still growing after {timeout:g}s")
        sleep(poll_interval)


def _log_page(client: ApiClient, dag_id: str, dag_run_id: str, task_id: str, try_number: Optional[int],
              map_index: Optional[int], token: Optional[str], full: bool) -> Any:
    from airflow_python_sdk.v2.api.task_instance_api import TaskInstanceApi

    api = TaskInstanceApi(client)
    if try_number is None:
        ti = (api.get_task_instance(dag_id, dag_run_id, task_id) if map_index is None
              else api.get_mapped_task_instance(dag_id, dag_run_id, task_id, map_index))
        try_number = ti.try_number or 1
    page = api.get_log(dag_id, dag_run_id, task_id, try_number, full_content=full or None,
                       map_index=map_index, token=token)
    content: Any = page.content
    if isinstance(content, OneOfWrapper):  # 3.3.2's ``Content``: records, or lines of text
        content = content.actual_instance
    records: List[LogRecord] = list(content) if isinstance(content, list) else []
    return records, page.continuation_token or token
