"""Human-in-the-loop (Airflow 3.3): the question sdk_hitl asks, answered through the API."""
from __future__ import annotations

from typing import Dict

import pytest

import airflow_python_sdk.v2 as v2
from airflow_python_sdk.v2 import models as m
from airflow_python_sdk.v2.api.task_instance_api import TaskInstanceApi

from .conftest import RUN_CONF, TrackingApiClient, wait_for_run, wait_for_task_state


def test_a_question_answered_through_the_api(admin: TrackingApiClient, runs: Dict[str, str]) -> None:
    run_id = runs["sdk_hitl"]
    wait_for_task_state(admin, "sdk_hitl", run_id, "approve", "awaiting_input")
    api = TaskInstanceApi(admin)
    subject = f"Ship release {RUN_CONF['sdk_hitl']['release']}?"  # rendered from the run's conf
    listed = api.get_hitl_details("sdk_hitl", run_id)
    assert [(d.subject, d.options, d.response_received) for d in listed.hitl_details] == [
        (subject, ["ship", "hold"], False)]
    assert listed.total_entries == 1
    detail = api.get_hitl_detail("sdk_hitl", run_id, "approve", -1)
    assert (detail.subject, detail.body, detail.chosen_options) == (subject, "Answer through the REST API.", None)
    assert (detail.task_instance.task_id, detail.task_instance.dag_run_id) == ("approve", run_id)
    assert detail.params is not None and "reason" in detail.params
    history = api.get_hitl_detail_try_detail("sdk_hitl", run_id, "approve", -1, 1)
    assert (history.subject, history.task_instance.try_number) == (subject, 1)
    answer = api.update_hitl_detail("sdk_hitl", run_id, "approve", -1, m.UpdateHITLDetailPayload(
        chosen_options=["ship"], params_input={"reason": "tested by the SDK"}))
    assert answer.chosen_options == ["ship"] and answer.params_input == {"reason": "tested by the SDK"}
    assert answer.responded_by.name == "admin" and answer.responded_at is not None
    with pytest.raises(v2.ConflictException):  # one answer only
        api.update_hitl_detail("sdk_hitl", run_id, "approve", -1, m.UpdateHITLDetailPayload(
            chosen_options=["hold"], params_input={}))
    assert wait_for_run(admin, "sdk_hitl", run_id).state == "success"
    states = {t.task_id: t.state for t in api.get_task_instances("sdk_hitl", run_id).task_instances}
    assert states == {"approve": "success", "after": "success"}
    answered = api.get_hitl_detail("sdk_hitl", run_id, "approve", -1)
    assert (answered.response_received, answered.chosen_options) == (True, ["ship"])
    assert answered.responded_by_user is not None and answered.responded_by_user.name == "admin"
    received = api.get_hitl_details("sdk_hitl", run_id, response_received=True)
    assert [d.chosen_options for d in received.hitl_details] == [["ship"]]
