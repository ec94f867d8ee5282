"""One script, both servers: v1 operations served on Airflow 3 by translation onto /api/v2.

An ``ApiClient`` asks its server once which API it serves (``detect``; or
``Configuration.server_api`` pins it). On an Airflow 3 server every v1 operation
(``airflow_python_sdk.api.*``) runs through its rule here: v1 arguments in, checked as v1
defines them; one or more v2 operations sent with the client's JWT; the answer reshaped into
the v1 model (``execution_date`` and ``logical_date`` both present, ``is_active`` from
``is_stale``, datasets from assets...). A call a 3.x server cannot serve as v1 defines it
raises ``ApiNotSupportedError`` before anything is sent. docs/compatibility.md has the table.

    rules_resources   pools, variables, connections, config, health, version, plugins,
                      providers, import errors, DAG warnings, DAG stats, event logs
    rules_dags        DAGs, their details, tasks and sources, reparsing
    rules_runs        DAG runs, task instances, logs, XComs, clearing, notes, states
    rules_assets      datasets (assets on 3.x), their events and queued events
    rules_fab         users, roles, permissions: the FAB auth manager's /auth/fab/v1
    shapes            v2 answers reshaped into v1's
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping

from airflow_python_sdk._runtime.detection import ServerInfo, detect
from airflow_python_sdk._runtime.errors import ApiNotSupportedError
from airflow_python_sdk.bridge.engine import NATIVE, RULES, TRANSLATED, Rule, run

if TYPE_CHECKING:
    from airflow_python_sdk._runtime.client import ApiClient
    from airflow_python_sdk._runtime.operation import Operation
    from airflow_python_sdk._runtime.request import CallOptions

__all__ = ["ApiNotSupportedError", "NATIVE", "RULES", "Rule", "ServerInfo", "TRANSLATED", "call",
           "detect", "rules"]

_LOADED = False


def rules() -> Mapping[str, Rule]:
    """Every rule, by v1 operation id (the rule modules imported on first use)."""
    global _LOADED
    if not _LOADED:
        from airflow_python_sdk.bridge import (  # noqa: F401  (each registers its rules)
            rules_assets,
            rules_dags,
            rules_fab,
            rules_resources,
            rules_runs,
        )

        _LOADED = True
    return RULES


def call(client: "ApiClient", op: "Operation[Any]", values: Mapping[str, Any],
         options: "CallOptions", mode: str) -> Any:
    """Serve the v1 operation ``op`` on the Airflow 3 server behind ``client``."""
    rules()
    return run(client, op, values, options, mode)
