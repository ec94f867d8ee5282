"""The per-call options of airflow-python-sdk 1.0.1 and the official 2.x client.

Code written for them passes these keywords to any Api method of the v1 surface; they work
at run time as they did. The typed way to get what the first three change is a separate
method (``*_with_http_info``, ``*_without_preload_content``) or ``ApiClient.submit``; a type
checker refuses them with a value that changes the return type (``Literal`` types below).

- ``async_req=True``: run in the client's thread pool; returns an ``ApplyResult``.
- ``_return_http_data_only=False``: returns ``(value, status, headers)``.
- ``_preload_content=False``: returns the answer unread (the SDK's ``Response``).
- ``_check_input_type=False``: the arguments are sent unchecked.
- ``_check_return_type`` and ``_spec_property_naming``: accepted silently, what they ask for is
  how the SDK always works (answers are never rejected for their shape; fields match by their
  Python and their JSON names), so code that passes them (``_check_return_type=False`` is the
  usual 2.x workaround) runs without a warning.
- ``_request_auths``: no effect (warned once): credentials come from the Configuration.
"""
from __future__ import annotations

import sys
from typing import Any, Dict, List, Mapping, Optional

from airflow_python_sdk._runtime.errors import ApiTypeError
from airflow_python_sdk._runtime.operation import Operation
from airflow_python_sdk._runtime.request import CallOptions
from airflow_python_sdk.compat.notices import no_effect

if sys.version_info >= (3, 8):
    from typing import Literal, TypedDict
else:  # pragma: no cover
    from typing_extensions import Literal, TypedDict


class LegacyOptions(TypedDict, total=False):
    """The keywords of ``**legacy`` on v1 methods."""

    async_req: Literal[False]
    _return_http_data_only: Literal[True]
    _preload_content: Literal[True]
    _check_input_type: bool
    _check_return_type: bool
    _spec_property_naming: bool
    _request_auths: Optional[List[Dict[str, Any]]]


NO_EFFECT = {
    "_request_auths": "credentials come from the Configuration",
}
KNOWN = frozenset(LegacyOptions.__annotations__)


def call(client: Any, op: Operation[Any], values: Mapping[str, Any], options: CallOptions,
         legacy: Mapping[str, Any]) -> Any:
    """Run ``op`` the way the legacy options ask."""
    unknown = [name for name in legacy if name not in KNOWN]
    if unknown:
        from airflow_python_sdk._runtime.model import did_you_mean

        known = [p.name for p in op.params] + sorted(KNOWN)
        raise ApiTypeError(f"{op.operation_id}() got an unexpected keyword argument "
                           f"{unknown[0]!r}{did_you_mean(unknown[0], known)}")
    for name, why in NO_EFFECT.items():
        if name in legacy:
            no_effect(name, why, stacklevel=6)  # past the runtime and the generated method
    if legacy.get("_check_input_type") is False:
        options.check_input = False
    data_only = legacy.get("_return_http_data_only", True)
    preload = legacy.get("_preload_content", True)

    def run() -> Any:
        if not preload:
            return client.call_unread(op, values, options)
        if not data_only:
            answer = client.call_with_http_info(op, values, options)
            return answer.data, answer.status_code, answer.headers
        return client.call(op, values, options)

    if legacy.get("async_req"):
        request = client.build_request(op, values, options)  # bad input fails here, not later
        del request
        return client.pool.apply_async(run)
    return run()
