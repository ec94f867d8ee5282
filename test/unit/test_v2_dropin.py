"""Drop-in for apache-airflow-client 3.3.2: renaming ``airflow_client.client`` to
``airflow_python_sdk.v2`` must be the only change code written for 3.3.2 needs.

The first half is driven by ``data/apache_airflow_client_3_3_2.json`` (facts read from the
3.3.2 wheel): modules and their public names, Api classes and method signatures, models
(fields, JSON names, enum members, one-of wrappers), exceptions and the status mapping,
``Configuration``, ``ApiClient`` and ``ApiResponse``. The second half uses the client the way
published 3.3.2 code does, over a ``MockTransport`` (no network, no Airflow).
"""
from __future__ import annotations

import ast
import datetime as dt
import importlib
import inspect
import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple
from urllib.parse import urlsplit

import pytest

import airflow_python_sdk.v2 as v2
from airflow_python_sdk.transport import Headers, MockTransport, Request, Response
from airflow_python_sdk.v2 import ApiClient, Configuration

FACTS: Dict[str, Any] = json.loads(
    (Path(__file__).parent / "data" / "apache_airflow_client_3_3_2.json").read_text(encoding="utf-8"))
OLD_ROOT = "airflow_client.client"
NEW_ROOT = "airflow_python_sdk.v2"
HOST = "http://af:8080"
UTC = dt.timezone.utc
P = inspect.Parameter


def ours(module: str) -> str:
    """The module of this SDK that stands for a 3.3.2 module."""
    assert module == OLD_ROOT or module.startswith(OLD_ROOT + "."), module
    return NEW_ROOT + module[len(OLD_ROOT):]


def our_class(module: str, name: str) -> Any:
    return getattr(importlib.import_module(ours(module)), name)


# --------------------------------------------------------------------------- a mock server

class Recorder:
    """Answers every request with ``answer(request)`` and keeps what was sent."""

    def __init__(self, answer: Callable[[Request], Response]) -> None:
        self.answer = answer
        self.requests: List[Request] = []

    def __call__(self, request: Request) -> Response:
        self.requests.append(request)
        return self.answer(request)

    @property
    def last(self) -> Request:
        assert self.requests, "nothing was sent"
        return self.requests[-1]


def client_for(answer: Callable[[Request], Response], **settings: Any) -> Tuple[ApiClient, Recorder]:
    recorder = Recorder(answer)
    config = Configuration(host=HOST, access_token="t", **settings)
    return ApiClient(config, transport=MockTransport(recorder)), recorder


def json_answer(body: Any, status: int = 200, reason: str = "OK") -> Callable[[Request], Response]:
    return lambda request: Response.json(status, body, reason=reason)


def sent_json(request: Request) -> Any:
    assert request.body, "no body was sent"
    return json.loads(request.body)


def query_of(request: Request) -> str:
    return urlsplit(request.url).query


def path_of(request: Request) -> str:
    return urlsplit(request.url).path


RUN: Dict[str, Any] = {
    "dag_run_id": "manual__2026-01-02T03:04:05+00:00", "dag_id": "etl", "dag_display_name": "etl",
    "logical_date": "2026-01-02T03:04:05Z", "queued_at": "2026-01-02T03:04:05.123456Z",
    "start_date": "2026-01-02T03:04:06+00:00", "end_date": None, "duration": None,
    "data_interval_start": None, "data_interval_end": None, "run_after": "2026-01-02T03:04:05Z",
    "last_scheduling_decision": None, "run_type": "manual", "state": "success",
    "triggered_by": "rest_api", "triggering_user_name": "admin", "conf": {"k": 1}, "note": None,
    "dag_versions": [], "bundle_version": None, "partition_key": None,
}
TI: Dict[str, Any] = {
    "id": "0195d3a4-8f4b-7bd2-9d6c-9b6a2f2f2b6e", "task_id": "t", "dag_id": "etl",
    "dag_run_id": "r1", "map_index": -1, "logical_date": None, "run_after": "2026-01-02T03:04:05Z",
    "start_date": None, "end_date": None, "duration": None, "state": "success", "try_number": 1,
    "max_tries": 0, "task_display_name": "t", "dag_display_name": "etl", "hostname": None,
    "unixname": None, "pool": "default_pool", "pool_slots": 1, "queue": None,
    "priority_weight": None, "operator": None, "operator_name": None, "queued_when": None,
    "scheduled_when": None, "pid": None, "executor": None, "executor_config": "{}", "note": None,
    "rendered_map_index": None, "rendered_fields": {}, "trigger": None, "triggerer_job": None,
    "dag_version": None,
}
POOL: Dict[str, Any] = {"name": "p1", "slots": 4, "description": None, "include_deferred": False,
                        "occupied_slots": 0, "running_slots": 0, "queued_slots": 0,
                        "scheduled_slots": 0, "open_slots": 4, "deferred_slots": 0,
                        "team_name": None}


# =========================================================================== modules and names

MODULES = sorted(FACTS["packages"])


@pytest.mark.parametrize("module", MODULES)
def test_every_3_3_2_module_imports(module: str) -> None:
    importlib.import_module(ours(module))


def _missing(module: str, names: List[str]) -> List[str]:
    loaded = importlib.import_module(ours(module))
    return sorted(name for name in set(names) if not hasattr(loaded, name))


@pytest.mark.parametrize("module", [m for m in MODULES if FACTS["packages"][m].get("defined")
                                    or FACTS["packages"][m].get("__all__")])
def test_module_has_the_names_it_defines_in_3_3_2(module: str) -> None:
    info = FACTS["packages"][module]
    missing = _missing(module, list(info.get("defined", [])) + list(info.get("__all__", [])))
    assert missing == [], f"{ours(module)} lacks {missing}"


@pytest.mark.parametrize("module", [m for m in MODULES if FACTS["packages"][m].get("reexported")])
def test_module_has_the_names_it_reexports_in_3_3_2(module: str) -> None:
    """``from airflow_client.client.api.dag_run_api import TriggerDAGRunPostBody`` and
    ``from airflow_client.client.rest import ApiException`` work on 3.3.2."""
    missing = _missing(module, list(FACTS["packages"][module]["reexported"]))
    assert missing == [], f"{ours(module)} lacks {missing}"


def test_packages_have_their_submodules_as_attributes_after_a_plain_import() -> None:
    """``import airflow_client.client as c; c.models.DAGRunResponse`` works on 3.3.2: importing a
    package makes its submodules attributes of it. Checked in a fresh interpreter."""
    packages = {ours(m): info["submodules"] for m, info in FACTS["packages"].items()
                if info.get("submodules")}
    script = textwrap.dedent(f"""
        import importlib, json
        packages = {json.dumps(packages)}
        missing = {{}}
        for package in sorted(packages, key=len):
            loaded = importlib.import_module(package)
            gone = [name for name in packages[package] if not hasattr(loaded, name)]
            if gone:
                missing[package] = gone
        print(json.dumps(missing))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, check=True)
    missing = json.loads(done.stdout)
    assert missing == {}, f"submodules missing as attributes: {missing}"


# =========================================================================== Api classes

API_METHODS = [(cls, method) for cls, info in sorted(FACTS["apis"].items())
               for method in info["methods"]]


def _api_class(cls: str) -> Any:
    where = {v["class"]: v["module"] for v in FACTS["naming"]["tag_to_api"].values()}
    return our_class(where[cls], cls)


@pytest.mark.parametrize("cls", sorted(FACTS["apis"]))
def test_api_class_at_3_3_2_module_takes_api_client(cls: str) -> None:
    klass = _api_class(cls)
    assert getattr(v2, cls) is klass and getattr(importlib.import_module(f"{NEW_ROOT}.api"), cls) is klass
    params = [p for p in inspect.signature(klass.__init__).parameters.values() if p.name != "self"]
    theirs = FACTS["apis"][cls]["init_params"]
    assert [p.name for p in params[:len(theirs)]] == [p["name"] for p in theirs]
    assert all(p.default is None for p in params[:len(theirs)])


@pytest.mark.parametrize("cls,method", API_METHODS,
                         ids=[f"{c}.{m['name']}" for c, m in API_METHODS])
def test_api_method_signature_matches_3_3_2(cls: str, method: Dict[str, Any]) -> None:
    func = getattr(_api_class(cls), method["name"], None)
    assert func is not None, f"{cls}.{method['name']} is missing"
    sig = inspect.signature(func)
    params = [p for p in sig.parameters.values() if p.name != "self"]
    positional = [p for p in params if p.kind in (P.POSITIONAL_ONLY, P.POSITIONAL_OR_KEYWORD)]
    theirs = [p for p in method["params"] if not p["name"].startswith("_")]
    assert [p.name for p in positional[:len(theirs)]] == [p["name"] for p in theirs], (
        f"positional order: ours {[p.name for p in positional]}, 3.3.2 {[p['name'] for p in theirs]}")
    for extra in positional[len(theirs):]:
        assert extra.default is not P.empty, f"extra positional parameter {extra.name} is required"
    for mine, their in zip(positional, theirs):
        if their["has_default"]:
            assert mine.default is not P.empty, f"{mine.name} has a default in 3.3.2, none here"
    by_keyword = any(p.kind == P.VAR_KEYWORD for p in params)
    for option in (p["name"] for p in method["params"] if p["name"].startswith("_")):
        found = sig.parameters.get(option)
        assert by_keyword or (found is not None and found.kind in (P.POSITIONAL_OR_KEYWORD, P.KEYWORD_ONLY)), (
            f"{option} is not accepted by keyword")


def test_per_call_options_of_3_3_2_are_accepted_by_keyword() -> None:
    client, server = client_for(json_answer(POOL))
    pool = v2.PoolApi(client).get_pool("p1", _request_timeout=(2, 20), _request_auth=None,
                                       _content_type=None, _headers={"X-Trace": "1"}, _host_index=0)
    assert pool.name == "p1"
    assert server.last.headers["X-Trace"] == "1" and server.last.timeout == (2.0, 20.0)


# =========================================================================== models

MODEL_NAMES = sorted(FACTS["models"])


def _model(name: str) -> Any:
    return our_class(FACTS["models"][name]["module"], name)


def _wire_names(cls: Any) -> Dict[str, str]:
    """Python attribute -> JSON name, from the model's field table."""
    return {attr: f.wire for attr, f in getattr(cls, "_sdk_fields", {}).items()}


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_model_class_at_3_3_2_module_with_its_methods(name: str) -> None:
    cls = _model(name)
    assert getattr(importlib.import_module(f"{NEW_ROOT}.models"), name) is cls
    assert getattr(v2, name) is cls
    if FACTS["models"][name]["kind"] != "enum":
        for method in ("from_json", "from_dict", "to_json", "to_dict", "to_str"):
            assert callable(getattr(cls, method, None)), f"{name}.{method} is missing"


PLAIN_MODELS = [n for n in MODEL_NAMES if FACTS["models"][n]["kind"] == "model"]


@pytest.mark.parametrize("name", PLAIN_MODELS)
def test_model_fields_have_3_3_2_python_and_json_names(name: str) -> None:
    cls = _model(name)
    wire = _wire_names(cls)
    problems = []
    for f in FACTS["models"][name]["fields"]:
        if f["name"] == "additional_properties":  # 3.3.2's holder of unknown fields
            instance = cls.from_dict({})
            if not isinstance(getattr(instance, "additional_properties", None), dict):
                problems.append("additional_properties is not a dict")
            continue
        if not hasattr(cls, f["name"]) or f["name"] not in wire:
            problems.append(f"no field {f['name']}")
        elif wire[f["name"]] != f["json_name"]:
            problems.append(f"{f['name']} is sent as {wire[f['name']]!r}, 3.3.2: {f['json_name']!r}")
    assert problems == []


def test_python_names_differ_from_json_names_like_3_3_2() -> None:
    body = v2.ConnectionBody(connection_id="c", conn_type="postgres", var_schema="db")
    assert body.to_dict() == {"connection_id": "c", "conn_type": "postgres", "schema": "db"}
    answer = v2.ConnectionResponse.from_dict({"connection_id": "c", "conn_type": "postgres", "schema": "db"})
    assert answer.var_schema == "db"
    assert v2.ConnectionResponse.from_json(answer.to_json()) == answer


ENUMS = [n for n in MODEL_NAMES if FACTS["models"][n]["kind"] == "enum"]


@pytest.mark.parametrize("name", ENUMS)
def test_enum_has_3_3_2_member_names_and_values(name: str) -> None:
    cls = _model(name)
    problems = []
    for member in FACTS["models"][name]["members"]:
        found = getattr(cls, member["name"], None)
        if found is None:
            problems.append(f"{name}.{member['name']} is missing")
        elif found.value != member["value"] or cls(member["value"]) is not found:
            problems.append(f"{name}.{member['name']} is {found.value!r}, 3.3.2: {member['value']!r}")
    assert problems == []
    assert {m.value for m in cls} == {m["value"] for m in FACTS["models"][name]["members"]}


WRAPPERS = [n for n in MODEL_NAMES if FACTS["models"][n]["kind"] in ("one_of_wrapper", "any_of_wrapper")]


def _sample(candidate: str) -> Any:
    if candidate == "str":
        return "text"
    if candidate == "int":
        return 3
    if candidate == "datetime":
        return dt.datetime(2026, 1, 2, tzinfo=UTC)
    if candidate == "List[str]":
        return ["a", "b"]
    if candidate == "List[StructuredLogMessage]":
        return [_model("StructuredLogMessage").from_dict({"event": "x"})]
    if candidate.startswith("List["):
        return ["a", 1]
    if candidate.startswith("Dict["):
        return {"a": 1}
    return _model(candidate).from_dict({})


@pytest.mark.parametrize("name", WRAPPERS)
def test_one_of_wrapper_takes_one_value_and_holds_it_in_actual_instance(name: str) -> None:
    cls = _model(name)
    literals = _literal_strings(cls)
    for candidate in FACTS["models"][name]["candidates"]:
        value = literals[0] if candidate == "str" and literals else _sample(candidate)
        assert cls(value).actual_instance is value
        assert cls(actual_instance=value).actual_instance is value
    with pytest.raises((TypeError, ValueError)):
        cls("a", "b")


def _literal_strings(cls: Any) -> List[str]:
    """The strings a wrapper takes when the spec allows only some (3.3.2 types them ``str``)."""
    from airflow_python_sdk._runtime.kinds import LiteralOf, UnionOf, wrapped_kind

    kind = wrapped_kind(cls)
    options = kind.options if isinstance(kind, UnionOf) else (kind,)
    return [v for o in options if isinstance(o, LiteralOf) for v in o.values if isinstance(v, str)]


def test_a_wrapper_refuses_a_string_the_spec_does_not_allow() -> None:
    """3.3.2 takes any ``str`` for ``ExpiresAt``; the spec allows only ``"default"`` (or a
    datetime), so another string is refused before anything is sent, naming what is allowed."""
    with pytest.raises(v2.ApiTypeError, match="'default'"):
        v2.ExpiresAt("tomorrow")
    assert v2.ExpiresAt("default").actual_instance == "default"


def _sample_json(candidate: str) -> Tuple[Any, Callable[[Any], bool]]:
    """JSON for one candidate of a wrapper, and a check of what it decodes to."""
    simple: Dict[str, Tuple[Any, Any]] = {
        "str": ("text", "text"), "int": (3, 3), "List[object]": (["a", 1], ["a", 1]),
        "List[str]": (["a", "b"], ["a", "b"]), "Dict[str, object]": ({"a": 1}, {"a": 1}),
        "datetime": ("2026-01-02T00:00:00Z", dt.datetime(2026, 1, 2, tzinfo=UTC)),
    }
    if candidate in simple:
        text, expected = simple[candidate]
        return text, lambda got: bool(got == expected)
    if candidate == "List[StructuredLogMessage]":
        return [{"event": "x"}], lambda got: bool(got[0].event == "x")
    cls = _model(candidate)
    return cls.from_dict({}).to_dict(), lambda got: got is not None and hasattr(got, "to_dict")


@pytest.mark.parametrize("name", WRAPPERS)
def test_one_of_wrapper_from_json_and_from_dict(name: str) -> None:
    cls = _model(name)
    for candidate in FACTS["models"][name]["candidates"]:
        text, check = _sample_json(candidate)
        assert check(cls.from_json(json.dumps(text)).actual_instance), candidate
        assert check(cls.from_dict(text).actual_instance), candidate


def test_one_of_wrapper_json_round_trip() -> None:
    value = v2.Value.from_json('"/opt/dags"')
    assert value.actual_instance == "/opt/dags" and value.to_json() == '"/opt/dags"'
    assert value.to_dict() == "/opt/dags" and "/opt/dags" in value.to_str()
    from_dict: Any = v2.Value.from_dict  # 3.3.2 takes any JSON value here
    pair = from_dict(["a", "b"])
    assert pair.actual_instance == ["a", "b"]
    entry = v2.ResponseGetXcomEntry.from_json(json.dumps(
        {"key": "k", "timestamp": "2026-01-02T00:00:00Z", "logical_date": None, "map_index": -1,
         "task_id": "t", "dag_id": "d", "run_id": "r", "dag_display_name": "d",
         "task_display_name": "t", "run_after": "2026-01-02T00:00:00Z", "value": [1, 2]}))
    assert isinstance(entry.actual_instance, (v2.XComResponseNative, v2.XComResponseString))
    assert entry.actual_instance.value == [1, 2] and entry.to_dict()["value"] == [1, 2]  # type: ignore[index]


# =========================================================================== exceptions

EXCEPTIONS: Dict[str, Any] = FACTS["exceptions"]["classes"]


@pytest.mark.parametrize("name", sorted(EXCEPTIONS))
def test_exception_class_and_bases_match_3_3_2(name: str) -> None:
    module = importlib.import_module(f"{NEW_ROOT}.exceptions")
    cls = getattr(module, name)
    for base in EXCEPTIONS[name]["bases"]:
        expected = getattr(module, base, None) or getattr(__import__("builtins"), base)
        assert issubclass(cls, expected), f"{name} is not a {base}"
    for method in EXCEPTIONS[name]["methods"]:
        found = getattr(cls, method["name"], None)
        assert found is not None, f"{name}.{method['name']} is missing"
        sig = inspect.signature(found)
        missing = [p["name"] for p in method["params"] if p["name"] not in sig.parameters
                   and not any(q.kind == P.VAR_KEYWORD for q in sig.parameters.values())]
        assert missing == [], f"{name}.{method['name']} does not take {missing}"


def _statuses() -> Iterator[Tuple[int, str]]:
    for entry in FACTS["exceptions"]["from_response_status_map"]:
        for status in sorted({entry["from"], entry["to"], (entry["from"] + entry["to"]) // 2}):
            if status >= 400:
                yield status, entry["class"]


SPECIFIC = {"BadRequestException", "UnauthorizedException", "ForbiddenException",
            "NotFoundException", "ConflictException", "UnprocessableEntityException",
            "ServiceException"}


@pytest.mark.parametrize("status,name", list(_statuses()))
def test_status_raises_the_3_3_2_exception_class(status: int, name: str) -> None:
    from airflow_python_sdk.v2 import exceptions

    client, _ = client_for(json_answer({"detail": "no"}, status=status, reason="R"), retries=None)
    with pytest.raises(exceptions.ApiException) as info:
        v2.VersionApi(client).get_version()
    assert isinstance(info.value, getattr(exceptions, name))
    others = [n for n in SPECIFIC - {name} if isinstance(info.value, getattr(exceptions, n))]
    assert others == [] and info.value.status == status


def test_api_exception_from_http_resp_reads_status_reason_headers() -> None:
    from airflow_python_sdk.v2.exceptions import ApiException

    fact = FACTS["exceptions"]["ApiException_from_http_resp"]
    resp = Response(fact["status"], fact["reason"], Headers(fact["headers"]), fact["body"].encode())
    exc = ApiException(http_resp=resp)
    assert (exc.status, exc.reason) == (fact["status"], fact["reason"])
    assert exc.headers is not None and exc.headers["X"] == "1"


def test_api_exception_body_is_text_like_3_3_2() -> None:
    """3.3.2 decodes the body (``"already exists" in e.body`` works there)."""
    from airflow_python_sdk.v2.exceptions import ApiException

    fact = FACTS["exceptions"]["ApiException_from_http_resp"]
    resp = Response(fact["status"], fact["reason"], Headers(fact["headers"]), fact["body"].encode())
    assert ApiException(http_resp=resp).body == fact["body"]
    client, _ = client_for(json_answer({"detail": "Pool already exists"}, status=409, reason="Conflict"))
    with pytest.raises(ApiException) as info:
        v2.PoolApi(client).post_pool(v2.PoolBody(name="p1", slots=1))
    assert isinstance(info.value.body, str) and "already exists" in info.value.body


def test_api_exception_has_the_instance_attributes_of_3_3_2() -> None:
    from airflow_python_sdk.v2.exceptions import ApiException

    client, _ = client_for(json_answer({"detail": "gone"}, status=404, reason="Not Found"))
    with pytest.raises(ApiException) as info:
        v2.PoolApi(client).get_pool("p1")
    missing = [a for a in FACTS["exceptions"]["ApiException_instance_attributes"]
               if not hasattr(info.value, a)]
    assert missing == []


def test_raised_exception_data_is_the_error_model_like_3_3_2() -> None:
    from airflow_python_sdk.v2.exceptions import NotFoundException

    client, _ = client_for(json_answer({"detail": "The Pool with name: `p1` was not found"},
                                       status=404, reason="Not Found"))
    with pytest.raises(NotFoundException) as info:
        v2.PoolApi(client).get_pool("p1")
    data = getattr(info.value, "data", None)
    assert isinstance(data, v2.HTTPExceptionResponse)


def test_api_exception_built_by_hand_like_3_3_2() -> None:
    """``raise ApiException(status=404, reason="Not Found", body="x")`` (3.3.2's keywords, a
    ``str`` body) and its ``str()``: status, reason and body all shown."""
    from airflow_python_sdk.v2.exceptions import ApiException

    make: Any = ApiException  # 3.3.2's annotations: body: Optional[str], data: Optional[Any]
    exc = make(status=404, reason="Not Found", body="x")
    text = str(exc)
    assert text.startswith("(404)") and "Not Found" in text and "x" in text
    exc2 = make(status=500, reason="boom", body="{}", data=None)
    assert exc2.status == 500


def test_api_exception_from_response_raises_the_status_class() -> None:
    from airflow_python_sdk.v2 import exceptions

    from_response = getattr(exceptions.ApiException, "from_response", None)
    assert from_response is not None, "ApiException.from_response is missing"
    resp = Response(404, "Not Found", Headers({"Content-Type": "application/json"}), b"{}")
    with pytest.raises(exceptions.NotFoundException):
        from_response(http_resp=resp, body="{}", data=None)


def test_render_path_like_3_3_2() -> None:
    from airflow_python_sdk.v2.exceptions import render_path

    assert render_path(["a", 0, "b"]) == "['a'][0]['b']"


# =========================================================================== Configuration

CONFIG_PARAMS: List[Dict[str, Any]] = FACTS["configuration"]["init_params"]


def _default(param: Dict[str, Any]) -> Any:
    return ast.literal_eval(param["default"]) if param.get("has_default") else None


@pytest.mark.parametrize("param", CONFIG_PARAMS, ids=[p["name"] for p in CONFIG_PARAMS])
def test_configuration_accepts_3_3_2_parameter_by_keyword(param: Dict[str, Any]) -> None:
    kwargs: Dict[str, Any] = {"host": HOST} if param["name"] != "host" else {}
    kwargs[param["name"]] = _default(param) if param["name"] != "host" else HOST
    Configuration(**kwargs)


def test_configuration_positional_order_matches_3_3_2() -> None:
    """3.3.2: ``Configuration(host, api_key, api_key_prefix, username, password, access_token)``."""
    config = Configuration(HOST, None, None, "u", "p")
    assert (config.username, config.password) == ("u", "p")


@pytest.mark.parametrize("attr", sorted(FACTS["configuration"]["instance_attributes"]))
def test_configuration_has_3_3_2_instance_attribute(attr: str) -> None:
    assert hasattr(Configuration(host=HOST), attr)


@pytest.mark.parametrize("method", sorted({m["name"] for m in FACTS["configuration"]["methods"]}))
def test_configuration_has_3_3_2_method_or_property(method: str) -> None:
    assert hasattr(Configuration(host=HOST), method)


@pytest.mark.parametrize("prop", sorted(FACTS["configuration"]["properties"]))
def test_configuration_property_is_settable(prop: str) -> None:
    config = Configuration(host=HOST)
    value = getattr(config, prop)
    setattr(config, prop, value)
    assert getattr(config, prop) == value


def test_configuration_basic_auth_token_like_3_3_2() -> None:
    config = Configuration(host=HOST, username="u", password="p")
    assert config.get_basic_auth_token() == FACTS["configuration"]["get_basic_auth_token_example"]


def test_configuration_auth_settings_names_like_3_3_2() -> None:
    settings = Configuration(host=HOST, access_token="t").auth_settings()
    for name, fact in FACTS["configuration"]["auth_settings_with_token_and_basic"].items():
        assert name in settings, f"auth_settings() has no {name!r}: {sorted(settings)}"
        assert {k: settings[name][k] for k in fact} == fact


def test_configuration_default_copy() -> None:
    Configuration.set_default(Configuration(host=HOST, access_token="x"))
    try:
        copy = Configuration.get_default_copy()
        assert copy.host == HOST and copy is not Configuration.get_default_copy()
    finally:
        Configuration.set_default(None)


# =========================================================================== ApiClient, ApiResponse

CLIENT_METHODS: List[Dict[str, Any]] = FACTS["api_client"]["ApiClient"]["methods"]


@pytest.mark.parametrize("method", CLIENT_METHODS, ids=[m["name"] for m in CLIENT_METHODS])
def test_api_client_has_3_3_2_method(method: Dict[str, Any]) -> None:
    found = getattr(ApiClient, method["name"], None)
    assert found is not None, f"ApiClient.{method['name']} is missing"
    if method["kind"] == "property":
        return
    sig = inspect.signature(found)
    params = [p for p in sig.parameters.values() if p.name != "self"]
    positional = [p.name for p in params if p.kind in (P.POSITIONAL_ONLY, P.POSITIONAL_OR_KEYWORD)]
    theirs = [p["name"] for p in method["params"]]
    assert positional[:len(theirs)] == theirs, f"ours {positional}, 3.3.2 {theirs}"


@pytest.mark.parametrize("attr", sorted(FACTS["api_client"]["ApiClient"]["instance_attributes"]))
def test_api_client_has_3_3_2_instance_attribute(attr: str) -> None:
    assert hasattr(ApiClient(Configuration(host=HOST)), attr)


def test_api_client_header_and_cookie_arguments_are_sent() -> None:
    server = Recorder(json_answer({"version": "3.3.2", "git_version": None}))
    client = ApiClient(Configuration(host=HOST, access_token="t"), "X-Team", "blue", "session=1",
                       transport=MockTransport(server))
    client.set_default_header("X-Other", "2")
    client.user_agent = "my-tool/1.0"
    v2.VersionApi(client).get_version()
    headers = server.last.headers
    assert headers["X-Team"] == "blue" and headers["X-Other"] == "2"
    assert headers["Cookie"] == "session=1" and headers["User-Agent"] == "my-tool/1.0"
    assert client.user_agent == "my-tool/1.0" and client.configuration.host == HOST


def test_api_client_default_instance() -> None:
    try:
        mine = ApiClient(Configuration(host=HOST))
        ApiClient.set_default(mine)
        assert ApiClient.get_default() is mine
    finally:
        ApiClient.set_default(None)


def test_api_client_sanitize_for_serialization() -> None:
    client = ApiClient(Configuration(host=HOST))
    body = v2.TriggerDAGRunPostBody(logical_date=dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
                                    conf={"state": v2.DagRunState.SUCCESS})
    plain = client.sanitize_for_serialization(body)
    assert dt.datetime.fromisoformat(plain["logical_date"]) == dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert plain["conf"] == {"state": "success"} and json.dumps(plain)


def test_api_client_deserialize_takes_text_type_name_and_content_type() -> None:
    """3.3.2: ``deserialize(response_text, response_type, content_type)``."""
    client: Any = ApiClient(Configuration(host=HOST))
    pool = client.deserialize(json.dumps(POOL), "PoolResponse", "application/json")
    assert isinstance(pool, v2.PoolResponse) and pool.slots == 4


def test_api_client_call_api_answers_a_rest_response() -> None:
    client, server = client_for(json_answer(POOL))
    answer = client.call_api("GET", f"{HOST}/api/v2/pools/p1", {"X-A": "1"}, _request_timeout=5)
    answer.read()
    assert answer.status == 200 and json.loads(answer.data)["name"] == "p1"
    assert server.last.headers["Authorization"] == "Bearer t" and server.last.headers["X-A"] == "1"


def test_api_response_of_with_http_info() -> None:
    from airflow_python_sdk.v2.api_response import ApiResponse

    client, _ = client_for(lambda r: Response.json(200, POOL, headers={"X-Req": "7"}))
    answer = v2.PoolApi(client).get_pool_with_http_info("p1")
    assert isinstance(answer, ApiResponse) and isinstance(answer, v2.ApiResponse)
    for attr in FACTS["api_client"]["ApiResponse"]["field_order"]:
        assert hasattr(answer, attr)
    assert answer.status_code == 200 and answer.headers is not None and answer.headers["X-Req"] == "7"
    assert isinstance(answer.data, v2.PoolResponse) and json.loads(answer.raw_data) == POOL
    built = ApiResponse(status_code=201, headers={}, data=None, raw_data=b"")
    assert built.status_code == 201


def test_without_preload_content_answers_the_raw_response() -> None:
    client, _ = client_for(json_answer({"pools": [POOL], "total_entries": 1}))
    raw = v2.PoolApi(client).get_pools_without_preload_content(limit=1)
    assert raw.status == 200 and json.loads(raw.read())["total_entries"] == 1


def test_rest_module_classes() -> None:
    from airflow_python_sdk.v2.rest import RESTClientObject, RESTResponse

    assert inspect.isclass(RESTClientObject) and inspect.isclass(RESTResponse)


# =========================================================================== usage, as published code has it

def test_imports_from_every_level() -> None:
    from airflow_python_sdk.v2 import ApiClient as A1
    from airflow_python_sdk.v2 import Configuration as C1
    from airflow_python_sdk.v2 import DagRunApi as D1
    from airflow_python_sdk.v2 import TriggerDAGRunPostBody as T1
    from airflow_python_sdk.v2.api import DagRunApi as D2
    from airflow_python_sdk.v2.api.dag_run_api import DagRunApi as D3
    from airflow_python_sdk.v2.api_client import ApiClient as A2
    from airflow_python_sdk.v2.configuration import Configuration as C2
    from airflow_python_sdk.v2.exceptions import ApiException, NotFoundException
    from airflow_python_sdk.v2.models import TriggerDAGRunPostBody as T2
    from airflow_python_sdk.v2.models.dag_run_response import DAGRunResponse
    from airflow_python_sdk.v2.models.trigger_dag_run_post_body import TriggerDAGRunPostBody as T3

    assert D1 is D2 is D3 and A1 is A2 and C1 is C2 and T1 is T2 is T3
    assert issubclass(NotFoundException, ApiException) and DAGRunResponse.__name__ == "DAGRunResponse"


def test_names_renamed_between_3_x_releases_are_kept_as_aliases() -> None:
    """``DAGRunPatchStates`` (3.0-3.2) is ``DagRunMutableStates`` in 3.3."""
    models = importlib.import_module(f"{NEW_ROOT}.models")
    assert getattr(models, "DAGRunPatchStates", None) is v2.DagRunMutableStates


def test_access_token_set_after_construction_is_sent_and_read_back() -> None:
    server = Recorder(json_answer({"version": "3.3.2", "git_version": None}))
    configuration = Configuration(host=HOST)
    configuration.access_token = "jwt-1"
    with ApiClient(configuration, transport=MockTransport(server)) as api_client:
        assert isinstance(api_client, ApiClient)
        api = v2.VersionApi(api_client)
        api.get_version()
        assert server.last.headers["Authorization"] == "Bearer jwt-1"
        assert configuration.access_token == "jwt-1"
        configuration.access_token = "jwt-2"  # a script renewing its token
        api.get_version()
        assert server.last.headers["Authorization"] == "Bearer jwt-2"
        assert api_client.configuration.access_token == "jwt-2"
    assert path_of(server.last) == "/api/v2/version"


def test_api_client_is_a_context_manager_returning_itself() -> None:
    client = ApiClient(Configuration(host=HOST))
    with client as entered:
        assert entered is client


def test_trigger_with_a_plain_dict_body_and_iso_strings() -> None:
    client, server = client_for(json_answer(RUN))
    run = v2.DagRunApi(client).trigger_dag_run(
        "etl", {"logical_date": "2026-01-02T03:04:05Z", "conf": {"state": v2.DagRunState.FAILED}})
    body = sent_json(server.last)
    assert dt.datetime.fromisoformat(body["logical_date"]) == dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert body["conf"] == {"state": "failed"}
    assert server.last.method == "POST" and path_of(server.last) == "/api/v2/dags/etl/dagRuns"
    assert isinstance(run, v2.DAGRunResponse) and run.dag_run_id == RUN["dag_run_id"]


def test_trigger_with_a_dict_body_without_logical_date_sends_null() -> None:
    """3.3.2 turns the dict into ``TriggerDAGRunPostBody``, whose ``to_dict`` adds
    ``"logical_date": null`` (3.3 answers 422 without the key)."""
    client, server = client_for(json_answer(RUN))
    v2.DagRunApi(client).trigger_dag_run("etl", {"conf": {}})
    assert sent_json(server.last) == {"conf": {}, "logical_date": None}


def test_trigger_with_an_empty_body_model_sends_logical_date_null() -> None:
    client, server = client_for(json_answer(RUN))
    v2.DagRunApi(client).trigger_dag_run("etl", v2.TriggerDAGRunPostBody())
    assert sent_json(server.last) == {"logical_date": None}
    assert v2.TriggerDAGRunPostBody().to_dict() == {"logical_date": None}


def test_trigger_with_a_positional_model_with_datetimes_and_enum_conf() -> None:
    client, server = client_for(json_answer(RUN))
    when = dt.datetime(2026, 1, 2, 5, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    v2.DagRunApi(client).trigger_dag_run(
        "etl", v2.TriggerDAGRunPostBody(dag_run_id="r1", logical_date=when,
                                        conf={"wanted": [v2.DagRunState.SUCCESS, v2.TaskInstanceState.SKIPPED]}))
    body = sent_json(server.last)
    assert body["dag_run_id"] == "r1" and dt.datetime.fromisoformat(body["logical_date"]) == when
    assert body["conf"] == {"wanted": ["success", "skipped"]}


def test_enums_are_strings_and_enums_at_once() -> None:
    client, _ = client_for(json_answer(RUN))
    run = v2.DagRunApi(client).get_dag_run("etl", "r1")
    state = run.state
    assert state == "success" and "success" == state and state == v2.DagRunState.SUCCESS
    assert state.value == "success" and str(state) == "success" and isinstance(state, str)
    assert hash(state) == hash("success") and {"success": 1}[state] == 1
    by_state: Dict[str, int] = {state: 1}
    assert state in {"success", "failed"} and by_state["success"] == 1
    assert json.dumps({"s": state}) == '{"s": "success"}'
    match state:
        case v2.DagRunState.FAILED:
            outcome = "failed"
        case v2.DagRunState.SUCCESS:
            outcome = "ok"
        case _:
            outcome = "other"
    assert outcome == "ok"
    assert v2.DagRunState("success") is v2.DagRunState.SUCCESS
    assert run.run_type == v2.DagRunType.MANUAL and run.triggered_by == "rest_api"


def test_actual_instance_on_get_xcom_entry_answer() -> None:
    entry = {"key": "return_value", "timestamp": "2026-01-02T00:00:00Z", "logical_date": None,
             "map_index": -1, "task_id": "t", "dag_id": "etl", "run_id": "r1",
             "dag_display_name": "etl", "task_display_name": "t",
             "run_after": "2026-01-02T00:00:00Z", "value": {"rows": [1, 2]}}
    client, _ = client_for(json_answer(entry))
    answer = v2.XComApi(client).get_xcom_entry("etl", "t", "r1", "return_value")
    inner = answer.actual_instance
    assert isinstance(inner, v2.XComResponseNative) and inner.value == {"rows": [1, 2]}


def test_actual_instance_on_clear_dag_run_answers() -> None:
    client, _ = client_for(json_answer({"task_instances": [TI], "total_entries": 1}))
    api = v2.DagRunApi(client)
    dry = api.clear_dag_run("etl", "r1", v2.DAGRunClearBody(dry_run=True)).actual_instance
    assert isinstance(dry, v2.ClearTaskInstanceCollectionResponse)
    assert dry.task_instances[0].actual_instance.task_id == "t"
    client2, _ = client_for(json_answer(RUN))
    done = v2.DagRunApi(client2).clear_dag_run("etl", "r1", {"dry_run": False}).actual_instance
    assert isinstance(done, v2.DAGRunResponse) and done.state == "success"


def test_actual_instance_on_union_fields_of_answers_like_3_3_2() -> None:
    """3.3.2 wraps union fields too: ``option.value.actual_instance`` (``Value``) and
    ``log.content.actual_instance`` (``Content``)."""
    client, _ = client_for(json_answer({"sections": [{"name": "core", "options": [
        {"key": "dags_folder", "value": "/opt/dags"}]}]}))
    option = v2.ConfigApi(client).get_config(section="core").sections[0].options[0]
    assert option.value.actual_instance == "/opt/dags"
    client2, _ = client_for(json_answer({"content": [{"event": "hello", "timestamp": None}],
                                         "continuation_token": None}))
    log = v2.TaskInstanceApi(client2).get_log("etl", "r1", "t", 1)
    entries = log.content.actual_instance
    assert isinstance(entries, list) and isinstance(entries[0], v2.StructuredLogMessage)
    assert entries[0].event == "hello"


def test_log_content_as_a_list_in_to_dict() -> None:
    client, _ = client_for(json_answer({"content": [{"event": "hello", "timestamp": "2026-01-02T00:00:00Z",
                                                     "level": "info"}], "continuation_token": "c"}))
    log = v2.TaskInstanceApi(client).get_log("etl", "r1", "t", 1)
    assert log.to_dict()["content"][0]["event"] == "hello" and log.continuation_token == "c"


def test_request_timeout_as_connect_read_pair() -> None:
    client, server = client_for(json_answer({"dags": [], "total_entries": 0}))
    v2.DAGApi(client).get_dags(limit=1, _request_timeout=(3.05, 27))
    assert server.last.timeout == (3.05, 27.0)
    v2.DAGApi(client).get_dags(_request_timeout=10)
    timeout: Any = server.last.timeout
    assert timeout == 10.0


def test_order_by_and_update_mask_lists_are_repeated_keys() -> None:
    client, server = client_for(json_answer({"dag_runs": [], "total_entries": 0}))
    v2.DagRunApi(client).get_dag_runs("~", order_by=["-run_after", "dag_run_id"], limit=5)
    assert query_of(server.last) == "limit=5&order_by=-run_after&order_by=dag_run_id"
    client2, server2 = client_for(json_answer(RUN))
    v2.DagRunApi(client2).patch_dag_run("etl", "r1", {"state": "failed"}, update_mask=["state"])
    assert server2.last.method == "PATCH" and query_of(server2.last) == "update_mask=state"
    assert sent_json(server2.last) == {"state": "failed"}


def test_api_exception_status_reason_body() -> None:
    from airflow_python_sdk.v2.exceptions import ApiException, NotFoundException

    client, _ = client_for(json_answer({"detail": "DAG with dag_id: 'nope' not found"},
                                       status=404, reason="Not Found"))
    try:
        v2.DAGApi(client).get_dag("nope")
    except ApiException as e:
        assert isinstance(e, NotFoundException)
        assert e.status == 404 and e.reason == "Not Found"
        assert json.loads(e.body or "{}")["detail"] == "DAG with dag_id: 'nope' not found"
    else:
        pytest.fail("no exception")


def test_422_message_names_the_field() -> None:
    from airflow_python_sdk.v2.exceptions import UnprocessableEntityException

    detail = [{"type": "missing", "loc": ["body", "logical_date"], "msg": "Field required",
               "input": {"conf": {}}}]
    client, _ = client_for(json_answer({"detail": detail}, status=422, reason="Unprocessable Entity"))
    with pytest.raises(UnprocessableEntityException) as info:
        v2.DagRunApi(client).trigger_dag_run("etl", {"conf": {}, "logical_date": None})
    assert "logical_date" in str(info.value) and "Field required" in str(info.value)
    assert info.value.status == 422


def test_datetimes_in_answers_are_aware_and_comparable_with_now() -> None:
    client, _ = client_for(json_answer(RUN))
    run = v2.DagRunApi(client).get_dag_run("etl", "r1")
    now = dt.datetime.now(UTC)
    for value in (run.logical_date, run.queued_at, run.start_date, run.run_after):
        assert isinstance(value, dt.datetime) and value.tzinfo is not None and value < now
    assert run.queued_at is not None and run.queued_at.microsecond == 123456
    assert run.start_date is not None and run.logical_date is not None
    assert (run.start_date - run.logical_date).total_seconds() == 1.0
    assert run.end_date is None


def test_unknown_fields_are_kept() -> None:
    client, _ = client_for(json_answer(dict(RUN, field_from_3_4={"a": 1})))
    run = v2.DagRunApi(client).get_dag_run("etl", "r1")
    assert run.to_dict()["field_from_3_4"] == {"a": 1}
    assert run.additional_properties == {"field_from_3_4": {"a": 1}}


def test_unknown_enum_members_and_nulls_are_readable() -> None:
    """Where 3.3.2 raises a ValidationError: a state it does not list, a null in a field
    declared non-nullable (``AssetResponse.consuming_tasks``)."""
    client, _ = client_for(json_answer(dict(RUN, state="paused_by_3_4", run_type="brand_new")))
    run = v2.DagRunApi(client).get_dag_run("etl", "r1")
    assert run.state == "paused_by_3_4" and run.state.value == "paused_by_3_4"
    assert isinstance(run.state, v2.DagRunState) and run.run_type == "brand_new"
    assert run.state != v2.DagRunState.SUCCESS
    asset = {"id": 1, "name": "a", "uri": "s3://b/a", "group": "asset", "extra": None,
             "created_at": "2026-01-02T00:00:00Z", "updated_at": "2026-01-02T00:00:00Z",
             "scheduled_dags": [], "producing_tasks": [], "consuming_tasks": None, "aliases": [],
             "watchers": [], "last_asset_event": None}
    client2, _ = client_for(json_answer(asset))
    got = v2.AssetApi(client2).get_asset(1)
    assert got.consuming_tasks is None and got.uri == "s3://b/a"


def test_dag_warning_type_member_name_of_3_3_2() -> None:
    """3.3.2 names the member for ``"non-existent pool"`` ``NON_MINUS_EXISTENT_POOL``."""
    member: Optional[Any] = getattr(v2.DagWarningType, "NON_MINUS_EXISTENT_POOL", None)
    assert member is not None and member == "non-existent pool"
