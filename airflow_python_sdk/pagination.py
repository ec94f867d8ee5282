"""Every item of a list operation, without writing the offset loop.

    from airflow_python_sdk import paginate

    for dag in paginate(dag_api.get_dags, tags=["etl"]):
        ...
    for run in paginate(dag_run_api.get_dag_runs_batch, ListDagRunsForm(dag_ids=["a", "b"])):
        ...

Works for every operation that takes ``limit``/``offset`` query parameters, and for the batch
operations that page through their body (``page_limit``/``page_offset``).

How it stays correct:
- the next offset is the previous one plus the number of items *received*, so a server that
  silently caps ``limit`` (Airflow's ``[api] maximum_page_limit``) loses nothing;
- it stops on an empty page, or once ``total_entries`` items have been passed;
- items added or removed while paging shift the offsets of the items after them (this is
  offset paging): an item can be seen twice or missed. Sort by a stable key (``order_by``)
  and, where it matters, filter on a time window that is closed when you start.
"""
from __future__ import annotations

import sys
from typing import Any, Callable, Iterator, Optional

from airflow_python_sdk._model import ListOf, Model, resolve
from airflow_python_sdk._operation import Operation
from airflow_python_sdk.exceptions import ApiTypeError


def operation_of(method: Callable[..., Any]) -> Operation:
    """The operation record behind a bound Api method (``dag_api.get_dags``)."""
    api = getattr(method, "__self__", None)
    name = getattr(method, "__name__", "")
    module = sys.modules.get(type(api).__module__) if api is not None else None
    op = getattr(module, name.upper(), None) if module is not None else None
    if not isinstance(op, Operation):
        raise ApiTypeError(f"paginate() takes a bound Api method such as dag_api.get_dags, "
                           f"got {method!r}")
    return op


def _items_field(op: Operation) -> str:
    """The name of the list in the operation's response (``dags``, ``task_instances``...)."""
    kind = resolve(op.response) if isinstance(op.response, str) else None
    if not (isinstance(kind, type) and issubclass(kind, Model)):
        raise ApiTypeError(f"{op.operation_id} does not answer a list")
    lists = [f for f in kind._fields.values() if isinstance(f.kind, ListOf)]
    if not lists:
        raise ApiTypeError(f"{op.operation_id} does not answer a list")
    return lists[0].wire  # type: ignore[no-any-return]


def paginate(method: Callable[..., Any], *args: Any, page_size: int = 100,
             max_items: Optional[int] = None, **kwargs: Any) -> Iterator[Any]:
    """Yield every item of ``method``'s list, fetching pages of ``page_size`` as needed."""
    op = operation_of(method)
    field = _items_field(op)
    by_query = op.param("limit") is not None and op.param("offset") is not None
    body = op.body
    if not by_query and not (body is not None and body.location == "body"
                             and "page_offset" in getattr(resolve(body.kind), "_fields", {})):
        raise ApiTypeError(f"{op.operation_id} cannot be paged (no limit/offset)")
    if page_size < 1:
        raise ApiTypeError("page_size must be at least 1")
    offset = int(kwargs.pop("offset", 0) or 0)
    if by_query:
        page_size = int(kwargs.pop("limit", page_size))
    form = None
    if not by_query:
        form = kwargs.pop(body.name, None) if args == () else args[0]  # type: ignore[union-attr]
        args = ()
        form_cls = resolve(body.kind)  # type: ignore[union-attr]
        form = form_cls.from_dict(dict(form.to_dict() if isinstance(form, Model) else form or {}))
        offset = form.page_offset or offset
        page_size = form.page_limit or page_size
    seen = 0
    while True:
        if by_query:
            page = method(*args, limit=page_size, offset=offset, **kwargs)
        else:
            form.page_offset = offset  # type: ignore[union-attr]
            form.page_limit = page_size  # type: ignore[union-attr]
            page = method(form, **kwargs)
        items = page[field] or []
        for item in items:
            yield item
            seen += 1
            if max_items is not None and seen >= max_items:
                return
        if not items:
            return
        offset += len(items)
        total = page["total_entries"]
        if isinstance(total, int) and offset >= total:
            return
