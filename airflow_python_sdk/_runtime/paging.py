"""Every item of a list operation, without writing the offset loop.

    from airflow_python_sdk import paginate

    for dag in paginate(dag_api.get_dags, tags=["etl"]):
        ...
    for run in paginate(dag_run_api.get_dag_runs_batch, ListDagRunsForm(dag_ids=["a", "b"])):
        ...

Works for every operation that takes ``limit``/``offset`` query parameters, for those that
also offer a cursor (Airflow 3's ``cursor``/``next_cursor``: used then, it does not shift when
items are added), and for the batch operations that page through their body
(``page_limit``/``page_offset``).

How it stays correct:
- the next offset is the previous one plus the number of items *received*, so a server that
  silently caps ``limit`` (Airflow's ``[api] maximum_page_limit``) loses nothing;
- it stops on an empty page, once ``total_entries`` items have been passed, on a page that
  repeats the previous one (a server that ignores ``offset``), and after ``max_pages``;
- items added or removed while paging shift the offsets of the items after them (this is
  offset paging): an item can be seen twice or missed. Sort by a stable key (``order_by``)
  and, where it matters, filter on a time window that is closed when you start.
"""
from __future__ import annotations

import time
from typing import Any, Callable, Iterator, List, Optional, TypeVar

from airflow_python_sdk._runtime.deadlines import check_deadline, scope_until
from airflow_python_sdk._runtime.errors import ApiTypeError, ApiValueError
from airflow_python_sdk._runtime.kinds import resolve
from airflow_python_sdk._runtime.model import ListModel, Model
from airflow_python_sdk._runtime.operation import Operation

T = TypeVar("T")
MAX_PAGES = 10_000


def operation_of(method: Callable[..., Any]) -> Operation[Any]:
    """The operation record behind a bound Api method (``dag_api.get_dags``)."""
    api = getattr(method, "__self__", None)
    table = getattr(type(api), "_operations", None) if api is not None else None
    op = table.get(getattr(method, "__name__", "")) if table is not None else None
    if not isinstance(op, Operation):
        raise ApiTypeError(f"paginate() takes a bound Api method such as dag_api.get_dags, "
                           f"got {method!r}")
    return op


def paginate(method: Callable[..., ListModel[T]], *args: Any, page_size: int = 100,
             max_items: Optional[int] = None, max_pages: int = MAX_PAGES,
             deadline: Optional[float] = None, **kwargs: Any) -> Iterator[T]:
    """Yield every item of ``method``'s list, fetching pages of ``page_size`` as needed.
    ``deadline``: seconds from the first page the fetching may take (each page's call gets
    what is left; past it a call raises ``ApiTimeoutError``)."""
    op = operation_of(method)
    seconds = check_deadline(deadline, "paginate(deadline=...)")
    if not isinstance(max_pages, int) or isinstance(max_pages, bool) or max_pages < 1:
        raise ApiValueError(f"max_pages must be an int of at least 1, got {max_pages!r}")
    until: Optional[float] = None
    collection = resolve(op.response, op.surface) if isinstance(op.response, str) else None
    if not (isinstance(collection, type) and issubclass(collection, ListModel)):
        raise ApiTypeError(f"{op.operation_id} does not answer a list")
    by_query = op.param("limit") is not None and op.param("offset") is not None
    body = op.body
    form_cls = resolve(body.kind, op.surface) if body is not None else None
    by_body = form_cls is not None and "page_offset" in getattr(form_cls, "_sdk_fields", {})
    if not by_query and not by_body:
        raise ApiTypeError(f"{op.operation_id} cannot be paged (no limit/offset)")
    if not isinstance(page_size, int) or isinstance(page_size, bool) or page_size < 1:
        raise ApiValueError(f"page_size must be an int of at least 1, got {page_size!r}")
    offset = int(kwargs.pop("offset", 0) or 0)
    if by_query:
        page_size = int(kwargs.pop("limit", page_size))
    form: Any = None
    if by_body:
        assert body is not None and form_cls is not None
        # the body is passed by name or in its place among the positional arguments (v2's batch
        # operations take the path's "~" first: get_task_instances_batch("~", "~", "~", body))
        where = _positional_index(method, body.name)
        if body.name in kwargs or where is None or where >= len(args):
            given = kwargs.pop(body.name, None)
        else:
            given, args = args[where], args[:where] + args[where + 1:]
        form = form_cls.from_dict(dict(given.to_dict() if isinstance(given, Model) else given or {}))
        offset = form.page_offset or offset
        page_size = form.page_limit or page_size
    by_cursor = by_query and op.param("cursor") is not None and "next_cursor" in collection._sdk_fields
    cursor = kwargs.pop("cursor", None) if by_cursor else None
    if by_cursor and cursor is None:
        cursor = ""  # Airflow pages by cursor only when the request names one: "" is the start
    seen = 0
    previous: Optional[List[Any]] = None
    for _ in range(max_pages):
        if until is None and seconds is not None:
            until = time.monotonic() + seconds  # counted from the first page, not the call
        with scope_until(until):  # each page's call within what the deadline leaves
            if by_cursor:
                page = method(*args, limit=page_size, cursor=cursor, **kwargs)
            elif by_query:
                page = method(*args, limit=page_size, offset=offset, **kwargs)
            else:
                form.page_offset = offset
                form.page_limit = page_size
                assert body is not None  # by_body
                page = method(*args, **{body.name: form}, **kwargs)
        if not isinstance(page, ListModel):
            raise ApiTypeError(f"{op.operation_id} answered {type(page).__name__}, not a page of items")
        items = list(page)
        if not items or (previous is not None and _same_page(items, previous)):
            return
        for item in items:
            yield item
            seen += 1
            if max_items is not None and seen >= max_items:
                return
        previous = items
        offset += len(items)
        total = page["total_entries"] if "total_entries" in type(page)._sdk_by_wire else None
        if by_cursor:
            cursor = page["next_cursor"]
            if cursor:
                continue
            if isinstance(total, int) and offset < total:
                by_cursor = False  # a server that pages by offset only: go on from here that way
                continue
            return
        if isinstance(total, int) and offset >= total:
            return


def _positional_index(method: Callable[..., Any], name: str) -> Optional[int]:
    """Where parameter ``name`` stands among ``method``'s positional parameters (None: keyword
    only, or not there)."""
    import inspect

    positional = [p.name for p in inspect.signature(method).parameters.values()
                  if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return positional.index(name) if name in positional else None


def _same_page(items: List[Any], previous: List[Any]) -> bool:
    """Whether a page repeats the one before it (a server that ignores ``offset``)."""
    return len(items) == len(previous) and all(a == b for a, b in zip(items, previous))


__all__ = ["paginate", "operation_of"]
