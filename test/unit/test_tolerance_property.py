"""Property tests over every model: whatever a server sends decodes, and nothing is lost.

Random extra keys, null in every field, unknown enum strings, values of the wrong type:
decoding never raises, every key survives, and decode -> encode gives the input back.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any, Dict, List

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from airflow_python_sdk import models
from airflow_python_sdk._model import ANY, ApiEnum, ListOf, MapOf, Model, OneOf, StringAlias, resolve

MODEL_CLASSES: List[Any] = []
for _name in models.MODEL_MODULES:
    _cls = getattr(models, _name)
    if isinstance(_cls, type) and issubclass(_cls, Model) and _cls.__name__ == _name:
        MODEL_CLASSES.append(_cls)

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
    kind = resolve(kind)
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
    if kind is dict:
        return st.dictionaries(st.text(max_size=5), JSON, max_size=3)
    if kind in (list, ANY):
        return JSON
    if isinstance(kind, ListOf):
        return st.lists(well_typed(kind.item, depth + 1), max_size=2 if depth < 2 else 0)
    if isinstance(kind, MapOf):
        return st.dictionaries(st.text(max_size=5), well_typed(kind.value, depth + 1), max_size=2)
    if isinstance(kind, type) and issubclass(kind, ApiEnum):
        return st.sampled_from(kind.known_values()) | st.text(min_size=1, max_size=8)  # unknown too
    if isinstance(kind, type) and issubclass(kind, OneOf):
        return st.one_of([model_data(resolve(v), depth + 1) for v in kind.variants])
    if isinstance(kind, type) and issubclass(kind, Model):
        return model_data(kind, depth + 1) if depth < 3 else st.none()
    return JSON


def model_data(cls: Any, depth: int = 0) -> Any:
    fields = list(cls._fields.values())
    typed = {f.wire: (well_typed(f.kind, depth) | st.none()) for f in fields}
    return st.fixed_dictionaries({}, optional=typed)


def junk_data(cls: Any) -> Any:
    known = {f.wire: JSON | st.text(max_size=8) for f in cls._fields.values()}
    return st.tuples(st.fixed_dictionaries({}, optional=known),
                     st.dictionaries(EXTRA_KEYS, JSON, max_size=3)).map(
        lambda pair: {**pair[1], **pair[0]})


SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=[c.__name__ for c in MODEL_CLASSES])
@SETTINGS
@given(data=st.data())
def test_any_shape_decodes_and_keeps_every_key(cls: Any, data: Any) -> None:
    payload: Dict[str, Any] = data.draw(junk_data(cls))
    obj = cls.from_dict(payload)
    out = obj.to_dict()
    assert set(out) == set(payload)
    for key, value in payload.items():
        if key not in cls._by_wire:
            assert out[key] == value  # unknown fields come back untouched
    assert cls.from_dict(out) == obj
    repr(obj)


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=[c.__name__ for c in MODEL_CLASSES])
@SETTINGS
@given(data=st.data())
def test_well_typed_payload_round_trips_exactly(cls: Any, data: Any) -> None:
    payload = data.draw(model_data(cls))
    extras = data.draw(st.dictionaries(EXTRA_KEYS.filter(lambda k: k not in cls._by_wire), JSON,
                                       max_size=2))
    payload = {**extras, **payload}
    obj = cls.from_dict(payload)
    assert json.loads(obj.to_json()) == json.loads(json.dumps(payload))


def test_every_model_is_covered() -> None:
    assert len(MODEL_CLASSES) > 100
