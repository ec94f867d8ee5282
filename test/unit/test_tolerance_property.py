"""Property tests over every model of every surface: whatever a server sends decodes, nothing
is lost, and the compiled decoder gives exactly what the reference decoder gives.

Random extra keys, null in every field, unknown enum strings, values of the wrong type:
decoding never raises, every key survives, and decode -> encode gives the input back.
"""
from __future__ import annotations

import copy
import datetime as dt
import enum
import importlib
import json
from typing import Any, Dict, List

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from airflow_python_sdk._runtime import decoding
from airflow_python_sdk._runtime.declare import ApiEnum, ModelBase, StringAlias
from airflow_python_sdk._runtime.fast_decoding import decoder_of
from airflow_python_sdk._runtime.kinds import ANY, ListOf, MapOf, UnionOf, field_kind, is_one_of, variants_of
from airflow_python_sdk._runtime.model import Model
from airflow_python_sdk._runtime.surface import surfaces

SURFACE_PACKAGES = ["airflow_python_sdk.model", "airflow_python_sdk.v2.models"]  # importing one registers its surface
for _package in SURFACE_PACKAGES:
    importlib.import_module(_package)
MODEL_CLASSES: List[Any] = []
for _surface in surfaces():
    for _name in _surface.model_names():
        _cls = _surface.model(_name)
        if isinstance(_cls, type) and issubclass(_cls, Model) and _cls.__name__ == _name:
            MODEL_CLASSES.append(_cls)
IDS = [f"{c.__module__.split('.')[1]}.{c.__name__}" for c in MODEL_CLASSES]

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-2**40, 2**40) | st.floats(allow_nan=False,
                                                                   allow_infinity=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6)
EXTRA_KEYS = st.text(min_size=1, max_size=12).filter(lambda k: not k.startswith("__"))
TIMESTAMPS = st.datetimes(min_value=dt.datetime(1970, 1, 2), max_value=dt.datetime(2200, 1, 1),
                          timezones=st.just(dt.timezone.utc)).map(lambda d: d.isoformat())


def well_typed(kind: Any, depth: int = 0) -> Any:
    """Values of ``kind`` as a server would send them (timestamps in Airflow's spelling)."""
    if kind is str or (isinstance(kind, type) and issubclass(kind, StringAlias)):
        return st.text(max_size=10)
    if kind is int:
        return st.integers(-10**6, 10**6)
    if kind is float:
        return st.floats(allow_nan=False, allow_infinity=False)
    if kind is bool:
        return st.booleans()
    if kind is dt.datetime:
        return TIMESTAMPS
    if kind is dt.date:
        return st.dates().map(lambda d: d.isoformat())
    if kind is dict:
        return st.dictionaries(st.text(max_size=5), JSON, max_size=3)
    if kind in (list, ANY):
        return JSON
    if isinstance(kind, ListOf):
        return st.lists(well_typed(kind.item, depth + 1), max_size=2 if depth < 2 else 0)
    if isinstance(kind, MapOf):
        return st.dictionaries(st.text(max_size=5), well_typed(kind.value, depth + 1), max_size=2)
    if isinstance(kind, UnionOf):
        return st.one_of([well_typed(option, depth + 1) for option in kind.options])
    if isinstance(kind, type) and issubclass(kind, ApiEnum):
        return st.sampled_from(kind.known_values()) | st.text(min_size=1, max_size=8)  # unknown too
    if is_one_of(kind):
        return st.one_of([model_data(v, depth + 1) for v in variants_of(kind)])
    if isinstance(kind, type) and issubclass(kind, Model):
        return model_data(kind, depth + 1) if depth < 3 else st.none()
    return JSON


def model_data(cls: Any, depth: int = 0) -> Any:
    typed = {f.wire: (well_typed(field_kind(f), depth) | st.none()) for f in cls._sdk_fields.values()}
    return st.fixed_dictionaries({}, optional=typed)


def junk_data(cls: Any) -> Any:
    known = {f.wire: JSON | st.text(max_size=8) for f in cls._sdk_fields.values()}
    return st.tuples(st.fixed_dictionaries({}, optional=known),
                     st.dictionaries(EXTRA_KEYS, JSON, max_size=3)).map(
        lambda pair: {**pair[1], **pair[0]})


def snapshot(value: Any) -> Any:
    """Everything a decoded value holds, classes included, in comparable form."""
    if isinstance(value, ModelBase):
        fields = []
        for f in type(value)._sdk_fields.values():
            try:
                fields.append((f.attr, snapshot(f.slot.__get__(value, None))))
            except AttributeError:
                continue
        return (type(value).__name__, tuple(fields), snapshot(value._extra))
    if isinstance(value, enum.Enum):
        return ("enum", type(value).__name__, value.value)
    if isinstance(value, list):
        return [snapshot(v) for v in value]
    if isinstance(value, dict):
        return {k: snapshot(v) for k, v in value.items()}
    if isinstance(value, (dt.datetime, dt.date)):
        return (type(value).__name__, value.isoformat())
    return (type(value).__name__, value)


SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=IDS)
@SETTINGS
@given(data=st.data())
def test_any_shape_decodes_and_keeps_every_key(cls: Any, data: Any) -> None:
    payload: Dict[str, Any] = data.draw(junk_data(cls))
    obj = cls.from_dict(payload)
    out = obj.to_dict()
    assert set(out) == set(payload)
    for key, value in payload.items():
        if key not in cls._sdk_by_wire:
            assert out[key] == value  # unknown fields come back untouched
    assert cls.from_dict(out) == obj
    repr(obj)


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=IDS)
@SETTINGS
@given(data=st.data())
def test_well_typed_payload_round_trips_exactly(cls: Any, data: Any) -> None:
    payload = data.draw(model_data(cls))
    extras = data.draw(st.dictionaries(EXTRA_KEYS.filter(lambda k: k not in cls._sdk_by_wire), JSON,
                                       max_size=2))
    payload = {**extras, **payload}
    obj = cls.from_dict(payload)
    assert json.loads(obj.to_json()) == json.loads(json.dumps(payload))


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=IDS)
@SETTINGS
@given(data=st.data())
def test_compiled_decoder_equals_the_reference_decoder(cls: Any, data: Any) -> None:
    payload = data.draw(model_data(cls) | junk_data(cls))
    reference = decoding.decode(cls, copy.deepcopy(payload))
    compiled = decoder_of(cls)(copy.deepcopy(payload))
    assert snapshot(compiled) == snapshot(reference)


def test_every_model_of_every_surface_is_covered() -> None:
    names = {s.name for s in surfaces()}
    assert {"v1", "v2"} <= names
    assert len(MODEL_CLASSES) > 250
