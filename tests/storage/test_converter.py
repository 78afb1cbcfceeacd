"""The converter: exact-type round-trips, canonical output and strict structuring."""

from __future__ import annotations

import enum
import json
from typing import Any

import attrs
import cattrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from policytrack import (
    Agency,
    Claim,
    Codebook,
    Dimension,
    Evidence,
    Link,
    Measure,
    Outcome,
    Platform,
    Policy,
    Quantity,
    Source,
    UncertainDate,
    converter,
    make_converter,
)
from policytrack.testing import strategies as pts
from tests._everything import EVERYTHING, POLICY, QUOTE, assert_exactly_equal
from tests._settings import FEWER


def _round_trip(value: Any) -> Any:
    return converter.structure(converter.unstructure(value), type(value))


def _plain(data: Any, path: str = "$") -> None:
    """Assert *data* holds only JSON's own types: no enums, tuples or dates."""
    if isinstance(data, dict):
        for key, value in data.items():
            assert type(key) is str, path
            _plain(value, f"{path}.{key}")
    elif isinstance(data, list):
        for i, value in enumerate(data):
            _plain(value, f"{path}[{i}]")
    else:
        assert type(data) in (str, int, float, bool), f"{path}: {type(data).__name__}"


@pytest.mark.parametrize("value", EVERYTHING, ids=lambda v: type(v).__name__)
def test_everything_round_trips_with_exact_types(value: Any) -> None:
    """Structures every field back to its exact type: enums, UncertainDate, tuples, ints."""
    assert_exactly_equal(_round_trip(value), value)


@pytest.mark.parametrize("value", EVERYTHING, ids=lambda v: type(v).__name__)
def test_everything_unstructures_to_plain_data_with_every_field(value: Any) -> None:
    """Unstructures to JSON-native values only, keeping every field that is not a default."""
    data = converter.unstructure(value)
    _plain(data)
    assert json.loads(json.dumps(data)) == data
    assert set(data) == {f.name for f in attrs.fields(type(value)) if f.init}


def test_exact_types_are_kept_deep_inside_a_policy() -> None:
    """Gives back enum members, UncertainDates and tuples, not the strings and lists read."""
    back = _round_trip(POLICY)
    assert type(back.kind).__name__ == "PolicyKind"
    assert type(back.measures) is tuple
    assert type(back.measures[0].scope).__name__ == "Scope"
    assert type(back.effective) is UncertainDate
    assert type(back.effective.basis).__name__ == "Basis"
    assert type(back.enforcers) is tuple


def test_defaults_are_left_out() -> None:
    """Leaves default values out of the unstructured record, so files stay short."""
    data = converter.unstructure(Evidence(source="s", exact="words", start=0, end=5))
    assert data == {"source": "s", "exact": "words", "start": 0, "end": 5}
    assert converter.unstructure(UncertainDate("2012")) == {"edtf": "2012"}


RECORDS = {
    Source: pts.sources(),
    Agency: pts.agencies(),
    Platform: pts.platforms(),
    Policy: pts.policies(),
    Link: pts.links(),
    Outcome: pts.outcomes(),
    Claim: pts.claims(),
    Measure: pts.measures(),
    Evidence: pts.evidence(),
    Quantity: pts.quantities(),
    UncertainDate: pts.uncertain_dates(),
    Codebook: pts.codebooks(),
}


@pytest.mark.parametrize("kind", list(RECORDS), ids=lambda k: k.__name__)
@given(data=st.data())
def test_every_record_type_round_trips(kind: type, data: st.DataObject) -> None:
    """Round-trips any generated record of each type exactly, through JSON text too."""
    value = data.draw(RECORDS[kind])
    assert type(value) is kind
    assert_exactly_equal(_round_trip(value), value)
    text = json.dumps(converter.unstructure(value), ensure_ascii=False)
    assert_exactly_equal(converter.structure(json.loads(text), kind), value)


@FEWER
@given(st.from_type(Policy))
def test_registered_strategies_serve_from_type(policy: Policy) -> None:
    """Draws records for from_type through the strategies the entry point registers."""
    assert_exactly_equal(_round_trip(policy), policy)


def _messages(exc: BaseException) -> list[str]:
    def message(error: BaseException, type_: Any) -> str:
        if isinstance(error, (TypeError, ValueError)) and not isinstance(
            error, cattrs.BaseValidationError
        ):
            return str(error)
        return cattrs.v.format_exception(error, type_)

    return cattrs.transform_error(exc, format_exception=message)


def _evidence(**changes: Any) -> dict[str, Any]:
    return {"source": "s", "exact": "words", "start": 0, "end": 5} | changes


def _measure(**changes: Any) -> dict[str, Any]:
    return {"dimension": "identity", "level": 2, "reason": "r", "evidence": [_evidence()]} | changes


def _dimension(**changes: Any) -> dict[str, Any]:
    levels = [{"value": i, "label": "l", "definition": "d"} for i in range(2)]
    return {"id": "d", "name": "n", "description": "d", "levels": levels} | changes


@pytest.mark.parametrize(
    ("kind", "data", "lines"),
    [
        (Measure, _measure(level="5"), ["expected an integer, got str '5' @ $.level"]),
        (Evidence, _evidence(start=True), ["expected an integer, got bool True @ $.start"]),
        (Evidence, _evidence(start=0.0), ["expected an integer, got float 0.0 @ $.start"]),
        (Evidence, _evidence(exact=5), ["expected a string, got int 5 @ $.exact"]),
        (Dimension, _dimension(flag=1), ["expected true or false, got int 1 @ $.flag"]),
        (Dimension, _dimension(weight="1.0"), ["expected a number, got str '1.0' @ $.weight"]),
        (Dimension, _dimension(weight=True), ["expected a number, got bool True @ $.weight"]),
        (
            Measure,
            _measure(scope="narrow"),
            ["expected one of 'general', 'targeted', got str 'narrow' @ $.scope"],
        ),
        (Measure, _measure(bogus=1), ["extra fields found (bogus) @ $"]),
        (
            Measure,
            _measure(evidence=_evidence()),
            [
                "expected a list, got dict {'source': 's', 'exact': 'words', 'start': 0, "
                "'end': 5} @ $.evidence"
            ],
        ),
        (
            UncertainDate,
            {"edtf": "2012", "basis": "inferred", "reason": 5},
            ["expected a string, got int 5 @ $.reason"],
        ),
        (
            Quantity,
            {"kind": "exact", "low": True, "high": True},
            [
                "expected an integer, got bool True @ $.low",
                "expected an integer, got bool True @ $.high",
            ],
        ),
    ],
)
def test_structuring_is_strict(kind: type, data: dict[str, Any], lines: list[str]) -> None:
    """Refuses to coerce: '5' is not an int, true is not 1, 1 is not true, unknown keys fail."""
    with pytest.raises(cattrs.ClassValidationError) as caught:
        converter.structure(data, kind)
    assert _messages(caught.value) == lines


@pytest.mark.parametrize("value", ["CAC", {"CAC": 1}, 5])
def test_a_list_field_needs_a_list(value: object) -> None:
    """Refuses a string (or table, or number) where a list belongs, rather than iterating it."""
    data = {
        "id": "cac",
        "name": "CAC",
        "kind": "regulator",
        "jurisdiction": "CN",
        "evidence": [_evidence()],
        "aliases": value,
    }
    with pytest.raises(cattrs.ClassValidationError) as caught:
        converter.structure(data, Agency)
    (line,) = _messages(caught.value)
    assert line.startswith("expected a list, got ")
    assert line.endswith(" @ $.aliases")


@given(
    st.sampled_from([str, int, float, bool]),
    st.one_of(st.text(), st.integers(), st.booleans(), st.floats(allow_nan=False), st.none()),
)
def test_scalars_structure_only_from_their_own_type(kind: type, value: object) -> None:
    """Structures a scalar only from a value of that type (a float also from an exact int)."""
    # Exact: a float holds the integer exactly (every one up to 2**53, some beyond).
    exact = type(value) is int and abs(value) < 2**1024 and float(value) == value  # type: ignore[operator]
    allowed = type(value) is kind or (kind is float and exact)
    if allowed:
        result = converter.structure(value, kind)
        assert type(result) is kind
        assert result == value
    else:
        with pytest.raises(TypeError):
            converter.structure(value, kind)


class Colour(enum.StrEnum):
    """An enum foreign to policytrack, for the converter's generic enum hook."""

    RED = "red"


def test_any_enum_structures_by_value_with_a_helpful_message() -> None:
    """Structures any enum from its value and lists the allowed values when it fails."""
    assert converter.structure("red", Colour) is Colour.RED
    with pytest.raises(ValueError, match=r"expected one of 'red', got str 'blue'"):
        converter.structure("blue", Colour)


def test_pendulum_dates_structure_from_iso_dates_only() -> None:
    """Structures a pendulum Date from YYYY-MM-DD, refusing datetimes and other types."""
    day = converter.structure("2012-12-28", pendulum.Date)
    assert type(day) is pendulum.Date
    assert converter.unstructure(day) == "2012-12-28"
    with pytest.raises(ValueError, match="expected a date YYYY-MM-DD, got '2012-12-28T10:00:00'"):
        converter.structure("2012-12-28T10:00:00", pendulum.Date)
    with pytest.raises(TypeError, match="expected an ISO date string, got int 20121228"):
        converter.structure(20121228, pendulum.Date)


def test_make_converter_gives_an_independent_converter() -> None:
    """Makes a new, equally strict converter that does not share hooks with the shared one."""
    fresh = make_converter()
    assert fresh is not converter
    with pytest.raises(TypeError):
        fresh.structure("5", int)
    assert_exactly_equal(fresh.structure(converter.unstructure(QUOTE), Evidence), QUOTE)
