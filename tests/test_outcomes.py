"""Outcome totals carry bounds through and count each figure once."""

from __future__ import annotations

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from policytrack import Dataset, GroupBy, duplicates_of, figure_bounds, outcome_totals
from policytrack.strategies import datasets


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
