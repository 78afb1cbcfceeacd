"""Outcome totals carry bounds through and count each figure once."""

from __future__ import annotations

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from policytrack import (
    Dataset,
    Evidence,
    GroupBy,
    Metric,
    Outcome,
    Quantity,
    QuantityKind,
    UncertainDate,
    duplicates_of,
    figure_bounds,
    outcome_totals,
    synthesize,
)
from policytrack.testing.strategies import datasets
from tests import _reference


@given(datasets(max_policies=2), st.sampled_from(GroupBy), st.data())
@settings(deadline=None)
def test_bounds_contain_every_consistent_total(
    dataset: Dataset, by: GroupBy, data: st.DataObject
) -> None:
    """Contains, in each total's bounds, every exact total consistent with the figures."""
    result = outcome_totals(dataset, by=by)
    values = {}
    for outcome in dataset.outcomes:
        low, high = figure_bounds(outcome)
        values[outcome.id] = data.draw(st.integers(low, high if high is not None else low + 10**9))
    for total in result.totals:
        exact = sum(values[i] for i in total.outcomes)
        assert total.low <= exact
        assert total.high is None or exact <= total.high


@given(datasets(max_policies=2))
@settings(deadline=None)
def test_each_outcome_is_counted_or_named_a_duplicate(dataset: Dataset) -> None:
    """Counts every outcome once per group it belongs to, or lists it as a duplicate."""
    result = outcome_totals(dataset)
    counted = [i for t in result.totals for i in t.outcomes]
    dupes = [i for t in result.totals for i in t.duplicates]
    assert sorted(counted + dupes) == sorted(o.id for o in dataset.outcomes)
    assert set(dupes) <= set(duplicates_of(dataset.outcomes))


@given(datasets(max_policies=2).filter(lambda d: len(d.outcomes) > 0))
@settings(deadline=None)
def test_the_same_figure_from_two_sources_counts_once(dataset: Dataset) -> None:
    """Counts a figure reported again by another source, with nothing else different, once."""
    first = dataset.outcomes[0]
    other_sources = [
        s.id for s in dataset.sources if s.id not in {e.source for e in first.evidence}
    ]
    if not other_sources:
        return
    copy = attrs.evolve(
        first,
        id="zz-copy",
        same_as=None,
        evidence=tuple(attrs.evolve(e, source=other_sources[0]) for e in first.evidence),
    )
    grown = dataset.with_records(copy)
    assert duplicates_of(grown.outcomes).get("zz-copy") is not None
    before = {(t.metric, t.unit): (t.low, t.high) for t in outcome_totals(dataset).totals}
    after = {(t.metric, t.unit): (t.low, t.high) for t in outcome_totals(grown).totals}
    assert before == after


_PERIODS = st.sampled_from(
    [
        None,
        "2013",
        "2013-09",
        "2013-09-05",
        "2013-09-05/2013-09-09",
        "2014-21",
        "201X",
        "../2013-10",
    ]
)


@st.composite
def _colliding_outcomes(draw: st.DrawFn) -> list[Outcome]:
    """Outcomes drawn from few values, so that many are candidates to be the same figure."""
    outcomes = []
    for i in range(draw(st.integers(0, 40))):
        period = draw(_PERIODS)
        sources = draw(st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, max_size=2))
        outcomes.append(
            Outcome(
                f"o{i}",
                draw(st.sampled_from([Metric.ACCOUNTS_CLOSED, Metric.PEOPLE_DETAINED])),
                draw(st.sampled_from([Quantity(QuantityKind.UNKNOWN), Quantity.exact(5)])),
                "items",
                "An outcome",
                "Someone",
                tuple(Evidence(s, "a quote", 0, 7) for s in sources),
                period=None if period is None else UncertainDate(period),
                place=draw(st.sampled_from([None, "CN"])),
                same_as=f"o{draw(st.integers(0, i - 1))}" if i and draw(st.booleans()) else None,
            )
        )
    return outcomes


@given(_colliding_outcomes())
def test_duplicates_follow_the_rule(outcomes: list[Outcome]) -> None:
    """Finds the duplicates the documented rule finds, checked naively one by one."""
    assert duplicates_of(outcomes) == _reference.duplicates(outcomes)


def test_duplicates_of_many_synthetic_outcomes_follow_the_rule() -> None:
    """Finds the rule's duplicates among thousands of outcomes with every kind of period."""
    outcomes = list(synthesize(policies=100, outcomes=3000, seed=4).outcomes)
    expected = _reference.duplicates(outcomes)
    assert len(expected) > 30
    assert duplicates_of(outcomes) == expected
