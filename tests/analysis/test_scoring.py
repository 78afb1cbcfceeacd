"""The Scoring value and the records its filters leave in."""

from __future__ import annotations

import warnings

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policytrack import (
    Confidence,
    Dataset,
    Scoring,
    UnknownRule,
    bundled_codebook,
    index,
    load_bundled,
    select,
)
from policytrack.testing import strategies as pts

CODEBOOK = bundled_codebook()


def _by_hand(dataset: Dataset, least: Confidence) -> Dataset:
    """The dataset without measures and links below *least*, and without emptied policies."""
    policies = []
    for policy in dataset.policies:
        kept = tuple(m for m in policy.measures if m.confidence.at_least(least))
        # With no filter (every confidence kept) the dataset comes back whole, policies with no
        # measures (coding rule 3.6) included; any filter leaves them out.
        if kept or (not policy.measures and least is Confidence.POSSIBLE):
            policies.append(attrs.evolve(policy, measures=kept))
    ids = {p.id for p in policies}
    links = tuple(
        k
        for k in dataset.links
        if k.confidence.at_least(least) and k.from_policy in ids and k.to_policy in ids
    )
    return attrs.evolve(dataset, policies=tuple(policies), links=links)


@given(pts.datasets(max_policies=4), st.sampled_from(Confidence), st.sampled_from(["CN", "US"]))
@settings(max_examples=60, deadline=None)
def test_leaving_out_low_confidence_equals_filtering_by_hand(
    dataset: Dataset, least: Confidence, jurisdiction: str
) -> None:
    """Gives the index of the dataset filtered by hand when measures below a level are left out."""
    scored = index(dataset, jurisdiction, scoring=Scoring(min_confidence=least), codebook=CODEBOOK)
    by_hand = index(_by_hand(dataset, least), jurisdiction, scoring=Scoring(), codebook=CODEBOOK)
    assert [(p.day, p.composite) for p in scored.points] == [
        (p.day, p.composite) for p in by_hand.points
    ]
    assert select(dataset, Scoring(min_confidence=least)).policies == (
        _by_hand(dataset, least).policies
    )


@given(pts.datasets(max_policies=3))
@settings(max_examples=40, deadline=None)
def test_leaving_out_a_source_leaves_no_quote_from_it(dataset: Dataset) -> None:
    """Leaves no quote from a source left out, by id or by kind, in any record kept."""
    for source in dataset.sources:
        for scoring in (
            Scoring(leave_out={source.id}),
            Scoring(source_kinds={k for k in type(source.reliability) if k != source.reliability}),
        ):
            kept = select(dataset, scoring)
            quoted = {
                e.source
                for record in kept.records()
                if not hasattr(record, "sha256")
                for e in (
                    *getattr(record, "evidence", ()),
                    *(e for m in getattr(record, "measures", ()) for e in m.evidence),
                )
                if type(record).__name__ not in ("Agency", "Platform")
            }
            assert source.id not in quoted


def test_the_old_keyword_arguments_still_work_with_a_warning() -> None:
    """Accepts ``unknown=`` as before, warning that a Scoring is the way now."""
    seeds = load_bundled()
    with pytest.warns(DeprecationWarning, match="scoring=Scoring") as caught:
        old = index(seeds, "CN", unknown=UnknownRule.SKIP, codebook=CODEBOOK)
    assert caught[0].filename == __file__  # the caller's line, past the argument checks
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        new = index(seeds, "CN", scoring=Scoring(unknown=UnknownRule.SKIP), codebook=CODEBOOK)
    assert old.points == new.points


def test_a_scoring_is_a_hashable_value_that_names_its_choices() -> None:
    """Freezes weights given as a mapping, and says what differs from the defaults."""
    scoring = Scoring(weights={"identity": 2}, unknown=UnknownRule.SKIP)
    assert hash(scoring) == hash(Scoring(weights={"identity": 2.0}, unknown=UnknownRule.SKIP))
    assert scoring.describe() == "weights identity=2; unknown skip"
    assert Scoring().describe() == "defaults"
