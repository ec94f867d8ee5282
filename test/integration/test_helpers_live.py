"""The helpers against the real server: wait for a run, follow a log, page past the cap."""
from __future__ import annotations

from typing import Any

from airflow_python_sdk import apis, models, paginate
from airflow_python_sdk.waiting import follow_log, trigger_and_wait

from .conftest import many_variables


def test_trigger_and_wait_then_follow_the_log(admin: Any) -> None:
    seen = []
    run = trigger_and_wait(admin, "sdk_quick", conf={"who": "waiter"}, unpause=True, timeout=240,
                           poll_interval=1, on_poll=lambda r: seen.append(r.state))
    assert run.state == models.DagState.SUCCESS and run.conf == {"who": "waiter"}
    assert seen[-1] == "success"
    text = "".join(follow_log(admin, "sdk_quick", run.dag_run_id, "greet", poll_interval=1,
                              timeout=60))
    assert "hello waiter, line 0" in text and "hello waiter, line 4" in text


def test_paginate_past_the_server_page_cap(admin: Any) -> None:
    api = apis.VariableApi(admin)
    with many_variables(admin, "sdk_paginate_", 120) as keys:
        found = [v.key for v in paginate(api.get_variables, page_size=500, order_by="key")
                 if v.key.startswith("sdk_paginate_")]
        assert found == keys
    runs = list(paginate(apis.DAGRunApi(admin).get_dag_runs_batch,
                         models.ListDagRunsForm(dag_ids=["sdk_quick"]), page_size=1))
    assert len(runs) >= 1 and {r.dag_id for r in runs} == {"sdk_quick"}
