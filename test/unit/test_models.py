"""The model runtime: building, checking, reading, comparing, showing, encoding."""
from __future__ import annotations

import copy
import datetime as dt
import json
import pickle

import pytest

import airflow_python_sdk as sdk
from airflow_python_sdk import models
from airflow_python_sdk._runtime.encoding import to_wire

UTC = dt.timezone.utc


def test_build_by_keyword_and_read_every_way() -> None:
    pool = models.Pool(name="p", slots=2)
    assert pool.name == "p" and pool["slots"] == 2 and pool.get("slots") == 2
    assert "name" in pool and "description" not in pool
    assert pool.description is None  # declared, not set: reads as None ...
    assert pool.to_dict() == {"name": "p", "slots": 2}  # ... and is not written out
    assert pool == models.Pool(name="p", slots=2)
    assert pool != models.Pool(name="p", slots=3)
    assert repr(pool) == str(pool) == "{'name': 'p', 'slots': 2}"  # to_dict(), as 1.0.1 prints
    assert pool.compact_repr() == "Pool(name='p', slots=2)"


def test_required_fields_positional_or_keyword() -> None:
    err = models.Error("about:blank", "Bad", 400)  # type: ignore[call-arg]
    assert (err.type, err.title, err.status) == ("about:blank", "Bad", 400)
    with pytest.raises(sdk.ApiTypeError, match="missing required argument 'status'"):
        models.Error(type="t", title="x")  # type: ignore[call-arg]
    with pytest.raises(sdk.ApiTypeError, match="takes 3 positional"):
        models.Error("a", "b", 1, 2)  # type: ignore[arg-type, call-arg]


def test_wrong_type_and_unknown_keyword_name_the_field() -> None:
    with pytest.raises(sdk.ApiTypeError, match=r"Pool\.slots must be int, got str"):
        models.Pool(name="p", slots="2")  # type: ignore[arg-type]
    with pytest.raises(sdk.ApiTypeError, match=r"Pool\.slots must be int, got bool"):
        models.Pool(slots=True)
    with pytest.raises(sdk.ApiTypeError, match=r"unexpected keyword argument 'slot'; did you mean 'slots'"):
        models.Pool(name="p", slot=2)  # type: ignore[call-arg]
    with pytest.raises(sdk.ApiValueError, match="Pool.name may not be None"):
        models.Pool(name=None)  # type: ignore[arg-type]
    with pytest.raises(sdk.ApiValueError, match=r"not one of \['success', 'failed', 'skipped'\]"):
        models.UpdateTaskInstancesState(new_state="succes")  # type: ignore[arg-type]
    assert models.Pool(name="p", slots="2", _check_type=False).slots == "2"  # type: ignore[arg-type, call-arg, comparison-overlap]


def test_nested_values_are_checked_and_dicts_become_models() -> None:
    role = models.Role(name="r", actions=[{"action": {"name": "can_read"}, "resource": {"name": "DAGs"}}])  # type: ignore[list-item]
    assert isinstance(role.actions[0], models.ActionResource)  # type: ignore[index]
    assert role.actions[0].action.name == "can_read"  # type: ignore[index]
    with pytest.raises(sdk.ApiTypeError, match=r"Role\.actions\.0 must be ActionResource"):
        models.Role(name="r", actions=["can_read"])  # type: ignore[list-item]


def test_datetimes_accept_aware_values_and_rfc3339_text() -> None:
    run = models.DAGRun(logical_date="2024-05-01T10:00:00+02:00")  # type: ignore[arg-type]
    assert run.logical_date == dt.datetime(2024, 5, 1, 8, tzinfo=UTC)
    with pytest.raises(sdk.ApiValueError, match="not an RFC 3339 timestamp"):
        models.DAGRun(logical_date="yesterday")  # type: ignore[arg-type]


def test_naive_datetime_rule() -> None:
    naive = models.DAGRun(dag_run_id="r", logical_date=dt.datetime(2024, 5, 1, 10))
    with pytest.raises(sdk.ApiValueError, match=r"dag_run\.logical_date: naive datetime"):
        to_wire(naive, "dag_run", None, for_request=True)
    berlin = dt.timezone(dt.timedelta(hours=1))
    wire = to_wire(naive, "dag_run", berlin, for_request=True)
    assert wire["logical_date"] == "2024-05-01T10:00:00+01:00"


def test_unknown_fields_are_kept_and_reachable() -> None:
    data = {"name": "p", "slots": 1, "brand_new": {"x": [1]}, "team": "a"}
    pool = models.Pool.from_dict(data)
    assert pool.brand_new == {"x": [1]}
    assert pool["team"] == "a"
    assert pool.additional_properties == {"brand_new": {"x": [1]}, "team": "a"}
    assert pool.to_dict() == data
    assert "'brand_new': {'x': [1]}" in repr(pool) and "brand_new=" in pool.compact_repr()
    with pytest.raises(sdk.ApiAttributeError, match="Pool has no field 'nope'"):
        pool.nope
    with pytest.raises(sdk.ApiKeyError):
        pool["nope"]


def test_nulls_and_wrong_shapes_never_raise() -> None:
    ti = models.TaskInstance.from_dict({"task_id": None, "try_number": "3", "sla_miss": "odd",
                                        "start_date": "not a date", "state": 7,
                                        "trigger": {"id": 1, "created_date": None}})
    assert ti.task_id is None and ti.try_number == "3" and ti.sla_miss == "odd"
    assert ti.start_date == "not a date" and ti.state == 7
    assert ti.trigger.id == 1 and ti.trigger.created_date is None


def test_unknown_enum_value_becomes_a_member() -> None:
    ti = models.TaskInstance.from_dict({"state": "paused_forever"})
    assert isinstance(ti.state, models.TaskState)
    assert ti.state == "paused_forever" and ti.state.value == "paused_forever"
    assert models.TaskState("success") is models.TaskState.SUCCESS
    assert f"{models.TaskState.SUCCESS}" == "success"
    assert json.dumps({"s": models.TaskState.SUCCESS}) == '{"s": "success"}'


def test_one_of_schedule_interval() -> None:
    dag = models.DAG.from_dict({"schedule_interval": {"__type": "TimeDelta", "days": 1,
                                                      "seconds": 0, "microseconds": 0}})
    assert isinstance(dag.schedule_interval, models.TimeDelta) and dag.schedule_interval.days == 1
    built = models.ScheduleInterval(type="CronExpression", value="@daily")  # type: ignore[operator]
    assert isinstance(built, models.CronExpression)
    assert built.to_dict() == {"__type": "CronExpression", "value": "@daily"}


def test_small_nested_models_of_every_shape() -> None:
    # Tags and cron/timedelta schedules are built inside the DAG's decoder; any shape the
    # fast path does not expect goes to the nested model's own decoder, never an error.
    odd_tags = [{"name": "a"}, {"name": "b", "color": "red"}, {"label": "c"}, "d", None, {}]
    cases = [
        ({"__type": "CronExpression", "value": "@daily"}, models.CronExpression, {"value": "@daily"}),
        ({"__type": "CronExpression", "value": "@daily", "tz": "UTC"}, models.CronExpression,
         {"value": "@daily", "tz": "UTC"}),
        ({"__type": "CronExpression"}, models.CronExpression, {}),
        ({"__type": "TimeDelta", "days": 1, "seconds": 2, "microseconds": 3}, models.TimeDelta,
         {"days": 1, "seconds": 2}),
        ({"__type": "RelativeDelta", "months": 1}, models.RelativeDelta, {"months": 1}),
        ({"value": "0 * * * *"}, models.CronExpression, {"value": "0 * * * *"}),
        ({"__type": "Custom", "value": 1}, None, {"value": 1}),
        ("@daily", str, {}),
        (None, type(None), {}),
    ]
    for schedule, expected, read in cases:
        data = {"dag_id": "d", "tags": list(odd_tags), "schedule_interval": schedule}
        for dag in (models.DAG.from_dict(data), models.DAGCollection.from_dict({"dags": [data]}).dags[0]):
            if expected is not None:
                assert type(dag.schedule_interval) is expected, schedule
            for key, value in read.items():  # type: ignore[attr-defined]
                assert dag.schedule_interval[key] == value
            tags = dag.tags
            assert [type(t).__name__ for t in tags] == ["Tag", "Tag", "Tag", "str", "NoneType", "Tag"]
            assert (tags[0].name, tags[1].name, tags[1]["color"], tags[2]["label"]) == ("a", "b", "red", "c")
            assert tags[0].to_dict() == {"name": "a"} and tags[5].to_dict() == {}
            assert dag.to_dict()["tags"][:3] == odd_tags[:3]


def test_from_dict_leaves_the_callers_data_alone() -> None:
    # A decoder fills the lists of the JSON it parsed in place; data a caller hands to
    # from_dict is copied first.
    tags = [{"name": "a"}]
    runs = [{"dag_run_id": "r", "logical_date": "2024-05-01T10:00:00+00:00"}]
    dag_data = {"dag_id": "d", "tags": tags}
    snapshot = json.dumps([dag_data, runs])
    dag = models.DAG.from_dict(dag_data)
    collection = models.DAGRunCollection.from_dict({"dag_runs": runs, "total_entries": 1})
    schedule = models.ScheduleInterval.from_dict({"__type": "CronExpression", "value": "@daily"})  # type: ignore[attr-defined]
    assert json.dumps([dag_data, runs]) == snapshot
    assert dag.tags[0].name == "a" and dag.tags is not tags
    assert collection.dag_runs[0].logical_date == dt.datetime(2024, 5, 1, 10, tzinfo=UTC)
    assert isinstance(schedule, models.CronExpression)
    # tuples and dict subclasses are JSON-shaped too
    from collections import OrderedDict
    dag = models.DAG.from_dict(OrderedDict(dag_id="d", tags=({"name": "x"},)))
    assert dag.tags[0].name == "x" and isinstance(dag.tags, list)


def test_read_only_fields_are_left_out_of_request_bodies() -> None:
    pool = models.Pool.from_dict({"name": "p", "slots": 3, "occupied_slots": 1, "open_slots": 2})
    assert to_wire(pool, "pool", None, for_request=True) == {"name": "p", "slots": 3}
    assert pool.to_dict()["occupied_slots"] == 1


def test_secrets_are_masked_in_repr() -> None:
    conn = models.Connection(connection_id="c", password="hunter2")
    user = models.User(username="u", password="hunter3")
    assert "hunter2" not in repr(conn) and "'password': '***'" in repr(conn)
    assert "hunter2" not in conn.compact_repr() and "password=***" in conn.compact_repr()
    assert "hunter3" not in repr(user) and "hunter3" not in str([user])
    assert conn.password == "hunter2"


def test_to_json_from_json_copy_pickle_round_trip() -> None:
    run = models.DAGRun.from_dict({"dag_run_id": "r", "conf": {"a": [1, None]}, "x_new": 1,
                                   "logical_date": "2024-05-01T10:00:00+00:00", "state": "running"})
    text = run.to_json()
    assert json.loads(text)["logical_date"] == "2024-05-01T10:00:00+00:00"
    assert models.DAGRun.from_json(text) == run
    assert copy.deepcopy(run) == run
    assert pickle.loads(pickle.dumps(run)) == run
    assert models.DAGRun.from_dict(run.to_dict()) == run


def test_set_item_and_attribute() -> None:
    pool = models.Pool(name="p")
    pool["slots"] = 5
    pool.description = "d"
    pool["custom"] = 1
    assert pool.to_dict() == {"name": "p", "slots": 5, "description": "d", "custom": 1}


def test_models_are_not_hashable_and_compare_by_content() -> None:
    with pytest.raises(TypeError):
        hash(models.Pool(name="p"))
    assert models.Pool(name="p") != models.Variable(key="p")


def test_field_with_python_unsafe_wire_name() -> None:
    delta = models.TimeDelta(type="TimeDelta", days=1, seconds=2, microseconds=3)
    assert delta.to_dict()["__type"] == "TimeDelta"
    assert models.TimeDelta.from_dict({"__type": "TimeDelta", "days": 1}).type == "TimeDelta"
