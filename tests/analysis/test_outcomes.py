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
    OutcomeRole,
    Quantity,
    QuantityKind,
    UncertainDate,
    Unit,
    duplicates_of,
    figure_bounds,
    load_bundled,
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
    """Counts every outcome once per group, or names it a duplicate, included, or set aside."""
    result = outcome_totals(dataset, roles=tuple(OutcomeRole))
    counted = [i for t in result.totals for i in t.outcomes]
    dupes = [i for t in result.totals for i in t.duplicates]
    inside = [i for t in result.totals for i in t.included]
    assert sorted(counted + dupes + inside) == sorted(o.id for o in dataset.outcomes)
    assert set(dupes) <= set(duplicates_of(dataset.outcomes))
    default = outcome_totals(dataset)
    listed = [i for t in default.totals for i in (*t.outcomes, *t.duplicates, *t.included)]
    assert sorted(listed + list(default.set_aside)) == sorted(o.id for o in dataset.outcomes)


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
                Unit.ITEMS,
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


@given(datasets(max_policies=2), st.sampled_from(GroupBy))
def test_a_total_never_exceeds_its_parts_nor_counts_an_included_outcome_twice(
    dataset: Dataset, by: GroupBy
) -> None:
    """Counts no outcome beside one that includes it, and adds up no more than its parts."""
    roles = tuple(OutcomeRole)
    result = outcome_totals(dataset, by=by, roles=roles)
    without = outcome_totals(
        dataset.with_records(*(attrs.evolve(o, includes=()) for o in dataset.outcomes)),
        by=by,
        roles=roles,
    )
    plain = {(t.metric, t.unit, t.group): t for t in without.totals}
    ids = {o.id: o for o in dataset.outcomes}
    for total in result.totals:
        counted = set(total.outcomes)
        assert not counted & set(total.included)
        for outcome_id in counted:
            assert not (set(ids[outcome_id].includes) & counted) or any(
                outcome_id in ids[part].includes for part in ids[outcome_id].includes
            )
        parts = plain[total.metric, total.unit, total.group]
        assert counted | set(total.included) == set(parts.outcomes)
        assert total.low <= parts.low
        assert parts.high is None or (total.high is not None and total.high <= parts.high)


def test_companies_exited_counts_linkedin_once() -> None:
    """Counts LinkedIn inside the four companies of "a growing list", not beside them.

    "LinkedIn, Google, Meta and Zoom are all part of a growing list of businesses that have
    turned their backs on Xi's paradise" (register-2023-security-barrier), which includes
    LinkedIn's own exit (out-2021-linkedin-exit); with Yahoo's, five companies at least. All
    three are context ("turned their backs" gives no reason; Yahoo's exit only "coincided"
    with a law), so they add up when context is asked for.
    """
    result = outcome_totals(
        load_bundled(), metric=Metric.COMPANIES_EXITED, roles=(OutcomeRole.CONTEXT,)
    )
    (total,) = result.totals
    assert (total.low, total.high) == (5, None)
    assert total.included == ("out-2021-linkedin-exit",)


def test_context_figures_are_not_totals_of_controls() -> None:
    """Sets aside a population, followers and a death toll, and names them, by default."""
    result = outcome_totals(load_bundled())
    counted = {o for t in result.totals for o in t.outcomes}
    context = {
        "out-2014-population-under-censorship",
        "out-2013-charles-xue-followers",
        "out-2012-school-stabbing-deaths",
    }
    assert not counted & context
    assert context <= set(result.set_aside)
    assert "out-2022-cac-information-cleaned-up" in result.set_aside  # the CAC's own claim
