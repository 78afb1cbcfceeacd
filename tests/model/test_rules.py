"""The field rules: one table, from which the validators and the fast builder both come.

For every rule in the table (each distinct rule of a field of a record class), a probe class
with one field under that rule is built both ways: through the converter, which runs the rule
as the field's attrs validator, and through the builder generated from the same rule. Over
values drawn to break each kind of rule, the two must accept and reject exactly the same ones;
and where the data already is the field's Python value, the validator alone must agree too.
The relations between fields (an evidence's span, a quantity's bounds, a date's reason) are
tried the same way on their own record classes.
"""

from __future__ import annotations

import functools
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from policytrack import Evidence, Quantity, UncertainDate, converter
from policytrack.model.jurisdictions import known_codes
from policytrack.model.rules import ID_PATTERN, Kind, Rule, relations_of, rules_of
from policytrack.storage import build, builders, buildgen
from policytrack.storage.buildbase import is_unicode
from policytrack.testing.synth import synthesize
from policytrack.vocab import Basis, QuantityKind


def _table() -> dict[str, Rule]:
    """Each distinct rule of the table, named by a field that has it; relations left out."""
    found: dict[Rule, str] = {}
    for cls in builders.BINDERS:
        for name, rule in rules_of(cls).items():
            found.setdefault(attrs.evolve(rule, relation=None), f"{cls.__name__}.{name}")
    return {name: rule for rule, name in found.items()}


TABLE = _table()


def _python_type(rule: Rule) -> Any:
    """The annotation a field under *rule* has, for the converter to structure it by."""
    if rule.kind in (Kind.NATURAL, Kind.INT):
        item: Any = int
    elif rule.kind in (Kind.ENUM, Kind.NESTED):
        item = rule.of
    else:
        item = str
    if rule.many:
        item = tuple[item, ...]  # type: ignore[valid-type]
    return item | None if rule.optional else item


@functools.cache
def _probe(name: str) -> type[Any]:
    """A record class with one field, ``x``, under the rule *name*."""
    rule = TABLE[name]
    field = attrs.field(validator=rule, type=_python_type(rule))
    return attrs.make_class("Probe", {"x": field}, frozen=True, slots=True)


@functools.cache
def _example(cls: type[Any]) -> Any:
    """Valid data of the nested record class *cls*, as a file holds it."""
    dataset = synthesize(policies=5, outcomes=5, seed=1)
    policy, outcome = dataset.policies[0], dataset.outcomes[0]
    value = {
        Evidence: policy.evidence[0],
        Quantity: outcome.quantity,
        UncertainDate: dataset.sources[0].published,
    }.get(cls) or policy.measures[0]
    return converter.unstructure(value)


_ODD_TEXT = ["", " ", "\t\n", "\u3000", "\u2028", "\ud800", "a\udfff", "x", "caf\u00e9", "A-1"]


def _values(rule: Rule) -> st.SearchStrategy[Any]:
    """Values for a field under *rule*: valid ones, and ones that break the rule's kind."""
    anything = st.none() | st.booleans() | st.floats(allow_nan=False) | st.text(max_size=4)
    if rule.kind is Kind.ID:
        item = st.from_regex(ID_PATTERN, fullmatch=True) | st.sampled_from(
            ["-a", "a_b", "A", "a\n", "\u00e9", "a--", "0"]
        )
    elif rule.kind is Kind.CODE:
        item = st.sampled_from(sorted(known_codes())) | st.sampled_from(
            ["cn", "XX", "CN-XX", "CN-", " CN"]
        )
    elif rule.kind in (Kind.TEXT, Kind.STRING):
        item = st.sampled_from(_ODD_TEXT) | st.text(max_size=4)
    elif rule.kind in (Kind.NATURAL, Kind.INT):
        item = st.integers(-3, 3) | st.integers() | st.sampled_from([True, False, 1.0, -0.0])
    elif rule.kind is Kind.ENUM:
        assert rule.of is not None
        values = [member.value for member in rule.of]
        item = st.sampled_from(values) | st.sampled_from([v.upper() for v in values])
    elif rule.kind is Kind.PATTERN:
        assert rule.pattern is not None
        item = st.from_regex(rule.pattern, fullmatch=True) | st.sampled_from(_ODD_TEXT)
    else:
        assert rule.of is not None
        example = _example(rule.of)
        broken = {**example, "unexpected": 1}
        item = st.sampled_from([example, broken, {}, [example]])
    if rule.test is not None:  # an EDTF notation: near misses of the notation
        item = item | st.sampled_from(["2012", "2012-13", "2013-02-30", "2012/..", "../..", "1"])
    item = item | anything
    if rule.many:
        return st.lists(item, max_size=3) | st.lists(item, max_size=2).map(tuple) | anything
    return item


_binders: dict[type[Any], Any] = {}


def _fast(cls: type[Any], data: Any) -> Any:
    """What the builder generated for *cls* builds from *data*, or None when it refuses."""
    if cls not in _binders:
        _binders[cls] = buildgen.constructor(cls)
    try:
        return _binders[cls](build.Builder())(data)
    except Exception:
        return None


def _reference(cls: type[Any], data: Any) -> Any:
    """What the converter (and so the validators) builds from *data*, or None."""
    try:
        return converter.structure(data, cls)
    except Exception:
        return None


def _lone_surrogate(value: Any) -> bool:
    """Whether *value* holds half a surrogate pair, which the converter refuses before any rule."""
    items = value if isinstance(value, tuple) else (value,)
    return any(isinstance(item, str) and not is_unicode(item) for item in items)


def _plain(rule: Rule, value: Any) -> bool:
    """Whether *value*, as data, already is a value of the field's Python type."""
    if rule.optional and value is None:
        return True
    if rule.many:
        return type(value) is tuple and all(
            _plain(attrs.evolve(rule, many=False), v) for v in value
        )
    if rule.kind in (Kind.NATURAL, Kind.INT):
        return type(value) is int
    return rule.kind not in (Kind.ENUM, Kind.NESTED) and type(value) is str


def test_every_field_of_every_record_is_in_the_table() -> None:
    """Reads a rule for every field of every record class the builder builds."""
    assert {cls.__name__ for cls in builders.BINDERS} >= {"Evidence", "Policy", "UncertainDate"}
    kinds = {rule.kind for rule in TABLE.values()}
    assert kinds == set(Kind)


@pytest.mark.parametrize("name", sorted(TABLE))
@given(data=st.data())
def test_the_builder_and_the_validator_reject_the_same_values(
    name: str, data: st.DataObject
) -> None:
    """Rejects a value in the generated builder exactly when the rule's validator rejects it."""
    rule = TABLE[name]
    probe = _probe(name)
    value = data.draw(_values(rule), label="value")
    fast = _fast(probe, {"x": value})
    reference = _reference(probe, {"x": value})
    assert (fast is None) == (reference is None), (
        f"{name}: builder {fast!r}, converter {reference!r}"
    )
    if fast is not None:
        assert fast == reference and type(fast.x) is type(reference.x)
    if _plain(rule, value):
        try:
            probe(value)
        except (TypeError, ValueError):
            accepted = False
        else:
            accepted = True
        if not _lone_surrogate(value):
            assert accepted == (fast is not None), f"{name}: the validator disagrees on {value!r}"


_RELATED: dict[type[Any], st.SearchStrategy[dict[str, Any]]] = {
    Evidence: st.fixed_dictionaries(
        {
            "source": st.just("src"),
            "exact": st.sampled_from(["a", "abc", "caf\u00e9"]),
            "start": st.integers(-1, 3),
            "end": st.integers(-1, 7),
        }
    ),
    Quantity: st.fixed_dictionaries(
        {"kind": st.sampled_from([k.value for k in QuantityKind])},
        optional={"low": st.none() | st.integers(0, 3), "high": st.none() | st.integers(0, 3)},
    ),
    UncertainDate: st.fixed_dictionaries(
        {"edtf": st.just("2013-09")},
        optional={
            "basis": st.sampled_from([b.value for b in Basis]),
            "reason": st.none() | st.sampled_from(["", " ", "from the dateline"]),
        },
    ),
}


@pytest.mark.parametrize("cls", list(_RELATED), ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_the_builder_and_the_validators_agree_on_relations(
    cls: type[Any], data: st.DataObject
) -> None:
    """Rejects a record breaking a relation between its fields exactly when the validators do."""
    assert relations_of(cls)
    record = data.draw(_RELATED[cls], label="record")
    fast, reference = _fast(cls, record), _reference(cls, record)
    assert (fast is None) == (reference is None), f"builder {fast!r}, converter {reference!r}"
    assert fast == reference
