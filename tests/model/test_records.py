"""Records check their own fields on construction, with messages that name the field."""

from __future__ import annotations

import re
from typing import Any

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from policytrack import (
    Agency,
    AgencyKind,
    Evidence,
    Measure,
    Policy,
    Quantity,
    QuantityKind,
    Source,
    UncertainDate,
)
from policytrack.testing import strategies as pts
from tests._everything import AGENCY, POLICY, QUOTE, SOURCE


def _fails(message: str, make: Any, *args: Any, **changes: Any) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        make(*args, **changes)


@given(pts.evidence(), st.integers(-3, 3))
def test_evidence_end_must_be_start_plus_length(item: Evidence, delta: int) -> None:
    """Rejects a quote whose end is not start + len(exact), saying what end should be."""
    assume(delta != 0)
    end = item.end + delta
    message = f"'end' must be start + len(exact) = {item.end} (got {end})"
    _fails(message, attrs.evolve, item, end=end)


def test_evidence_offsets_are_non_negative_integers() -> None:
    """Rejects a negative start and offsets that are not integers."""
    with pytest.raises(ValueError, match="'start' must be >= 0: -1"):
        Evidence(source="s", exact="a", start=-1, end=0)
    with pytest.raises(TypeError, match="'start' must be <class 'int'>"):
        Evidence(source="s", exact="a", start="0", end=1)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["CAC", "cac agency", "-cac", "", "cac_2"])
def test_ids_are_lower_case_letters_digits_and_hyphens(bad: str) -> None:
    """Rejects an id that is not lower-case letters, digits and '-', naming the field."""
    message = f"'id' must be lower-case letters, digits and '-' (got {bad!r})"
    _fails(message, attrs.evolve, AGENCY, id=bad)


def test_references_are_ids_too() -> None:
    """Rejects a malformed id in a list of references, naming the list."""
    message = "'enforcers' must be lower-case letters, digits and '-' (got 'Ministry')"
    _fails(message, attrs.evolve, POLICY, enforcers=("cac", "Ministry"))


@pytest.mark.parametrize("code", ["XX", "cn", "CN-ZZ", "China"])
def test_jurisdictions_are_known_iso_3166_codes(code: str) -> None:
    """Rejects a jurisdiction that is not a known ISO 3166 code."""
    message = f"'jurisdiction' must be an ISO 3166-1 or known ISO 3166-2 code (got {code!r})"
    _fails(message, attrs.evolve, POLICY, jurisdiction=code)


def test_facts_need_evidence() -> None:
    """Rejects a record with no evidence at all."""
    _fails("'evidence' must have at least one entry (got none)", attrs.evolve, AGENCY, evidence=())


def test_a_policy_may_have_no_measure_but_only_measures() -> None:
    """Accepts a policy with no measures (coding rule 3.6) and rejects a non-measure in them."""
    assert attrs.evolve(POLICY, measures=()).measures == ()
    with pytest.raises(TypeError):
        attrs.evolve(POLICY, measures=("identity",))


@pytest.mark.parametrize("blank", ["", "   ", "\n\t"])
def test_text_must_not_be_blank(blank: str) -> None:
    """Rejects blank text in a required or optional text field and in lists of text."""
    _fails(f"'name' must be non-empty text (got {blank!r})", attrs.evolve, AGENCY, name=blank)
    _fails(f"'notes' must be non-empty text (got {blank!r})", attrs.evolve, AGENCY, notes=blank)
    _fails(
        f"'aliases' must be non-empty text (got {blank!r})",
        attrs.evolve,
        AGENCY,
        aliases=("CAC", blank),
    )


def test_source_hash_is_a_lower_case_sha256() -> None:
    """Rejects a SHA-256 that is not 64 lower-case hex digits."""
    with pytest.raises(ValueError, match="'sha256' must match regex"):
        attrs.evolve(SOURCE, sha256="C" * 64)


def test_measure_level_is_a_non_negative_integer() -> None:
    """Rejects a negative level (the codebook's maximum is checked with the dataset)."""
    with pytest.raises(ValueError, match="'level' must be >= 0: -1"):
        Measure("identity", -1, "reason", (QUOTE,))


def test_dates_must_be_uncertain_dates() -> None:
    """Rejects a plain string where an UncertainDate belongs."""
    with pytest.raises(TypeError, match="'announced' must be"):
        attrs.evolve(POLICY, announced="2012-12-28")


@given(pts.quantities())
def test_quantities_have_the_bounds_their_kind_takes(quantity: Quantity) -> None:
    """Gives exact figures equal bounds, bounds only on the side a bound has, and low <= high."""
    kind = quantity.kind
    assert (quantity.low is not None) == (kind not in (QuantityKind.AT_MOST, QuantityKind.UNKNOWN))
    assert (quantity.high is not None) == (
        kind not in (QuantityKind.AT_LEAST, QuantityKind.UNKNOWN)
    )
    if quantity.low is not None and quantity.high is not None:
        assert quantity.low <= quantity.high
    if kind is QuantityKind.EXACT:
        assert quantity.low == quantity.high


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((QuantityKind.EXACT, 5, None), "a quantity of kind 'exact' takes low and high"),
        ((QuantityKind.AT_LEAST, 5, 9), "a quantity of kind 'at_least' takes low"),
        ((QuantityKind.AT_MOST, 5, 9), "a quantity of kind 'at_most' takes high"),
        ((QuantityKind.UNKNOWN, 5, None), "a quantity of kind 'unknown' takes no bounds"),
        ((QuantityKind.EXACT, 5, 6), "an exact quantity has low == high (got 5 and 6)"),
        ((QuantityKind.RANGE, 9, 5), "'low' must not exceed 'high' (got 9 > 5)"),
    ],
)
def test_rejects_bounds_that_do_not_fit_the_kind(args: tuple[Any, ...], message: str) -> None:
    """Rejects a quantity whose bounds do not fit its kind, saying what the kind takes."""
    _fails(message, Quantity, kind=args[0], low=args[1], high=args[2])


def test_quantity_constructors() -> None:
    """Builds exact figures, lower bounds and ranges with the named constructors."""
    assert Quantity.exact(7) == Quantity(QuantityKind.EXACT, 7, 7)
    assert Quantity.at_least(100, "more than a hundred").high is None
    assert Quantity.between(12, 48, "dozens") == Quantity(QuantityKind.RANGE, 12, 48, "dozens")


@given(st.one_of(pts.sources(), pts.agencies(), pts.policies(), pts.outcomes(), pts.claims()))
def test_records_are_frozen_values(record: Any) -> None:
    """Refuses mutation; an evolved copy with the same fields is equal and hashes alike."""
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        record.id = "changed"
    copy = attrs.evolve(record)
    assert copy == record
    assert hash(copy) == hash(record)


def test_agency_kind_and_source_date_types_are_checked() -> None:
    """Rejects a plain string where an enum member or UncertainDate belongs."""
    with pytest.raises(TypeError, match="'kind' must be"):
        Agency(id="a", name="A", kind="police", jurisdiction="CN", evidence=(QUOTE,))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="'published' must be"):
        attrs.evolve(SOURCE, published="2012")
    assert Agency(id="a", name="A", kind=AgencyKind.POLICE, jurisdiction="CN", evidence=(QUOTE,))
    assert isinstance(POLICY.announced, UncertainDate)
    assert isinstance(POLICY, Policy)
    assert isinstance(SOURCE, Source)
