"""Coverage: which sources speak to a jurisdiction on each day, and the gaps named in words."""

from __future__ import annotations

import attrs
import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st

from policytrack import (
    Dataset,
    Scoring,
    UncertainDate,
    coverage,
    escalation,
    load_bundled,
)
from policytrack.analysis.coverage import gap_sentence
from policytrack.testing import strategies as pts

CN = "CN"
WINDOW = (pendulum.Date(1990, 1, 1), pendulum.Date(2030, 12, 31))
NOTATIONS = pts.edtf_strings(min_year=1991, max_year=2029, allow_open=False)


def _days(result: object) -> set[int]:
    """The ordinals of the covered days of a coverage result."""
    return {
        d
        for s in result.stretches  # type: ignore[attr-defined]
        if s.covered
        for d in range(s.start.toordinal(), s.end.toordinal() + 1)
    }


@given(pts.datasets(min_policies=1, jurisdictions=st.just(CN)), NOTATIONS)
@settings(max_examples=40, deadline=None)
def test_one_source_is_covered_exactly_over_its_period(dataset: Dataset, notation: str) -> None:
    """Covers exactly the period a lone source declares, and no day outside it."""
    source = attrs.evolve(dataset.sources[0], covers=UncertainDate(notation))
    alone = attrs.evolve(
        dataset,
        sources=(source,),
        policies=tuple(
            attrs.evolve(
                p,
                evidence=tuple(attrs.evolve(e, source=source.id) for e in p.evidence),
                measures=tuple(
                    attrs.evolve(
                        m, evidence=tuple(attrs.evolve(e, source=source.id) for e in m.evidence)
                    )
                    for m in p.measures
                ),
            )
            for p in dataset.policies
        ),
    )
    result = coverage(alone, CN, *WINDOW)
    period = source.covers
    assert period is not None
    expected = set(
        range(
            max(period.earliest, WINDOW[0]).toordinal(),
            min(period.latest, WINDOW[1]).toordinal() + 1,
        )
    )
    assert _days(result) == expected
    assert all(s.sources in ((), (source.id,)) for s in result.stretches)


@given(pts.datasets(min_policies=1, max_policies=3, jurisdictions=st.just(CN)), pts.sources())
@settings(max_examples=40, deadline=None)
def test_adding_a_source_never_shrinks_coverage(dataset: Dataset, extra: object) -> None:
    """Keeps every covered day covered when another source and a record quoting it are added."""
    before = coverage(dataset, CN, *WINDOW)
    if extra.id in dataset:  # type: ignore[attr-defined]
        return
    policy = dataset.policies[0]
    quoted = attrs.evolve(
        policy.evidence[0],
        source=extra.id,  # type: ignore[attr-defined]
    )
    grown = attrs.evolve(
        dataset,
        sources=(*dataset.sources, extra),
        policies=(attrs.evolve(policy, evidence=(*policy.evidence, quoted)), *dataset.policies[1:]),
    )
    assert _days(before) <= _days(coverage(grown, CN, *WINDOW))


@given(pts.datasets(max_policies=3))
@settings(max_examples=40, deadline=None)
def test_stretches_tile_the_window(dataset: Dataset) -> None:
    """Cuts the window into stretches that follow one another with no day missed."""
    result = coverage(dataset, CN, *WINDOW)
    assert result.stretches[0].start == WINDOW[0]
    assert result.stretches[-1].end == WINDOW[1]
    for a, b in zip(result.stretches, result.stretches[1:], strict=False):
        assert a.end.add(days=1) == b.start
    assert all(s.evidence == 0 for s in result.gaps)


def test_the_bundled_data_names_the_gap_between_2014_and_2021() -> None:
    """Names the years no article speaks to: nothing is coded between mid-2014 and 2018.

    The last dated report of 2014 is the month-long WeChat campaign (cdt-2014-wechat-crackdown,
    ending by 30 June 2014); the next is the heroes and martyrs law of 2018, from
    scmp-2021-civilised-internet.
    """
    result = coverage(load_bundled(), CN, pendulum.Date(2012, 1, 1), pendulum.Date(2023, 12, 31))
    assert gap_sentence(pendulum.Date(2014, 7, 1), pendulum.Date(2017, 12, 31)) in (
        result.sentences()
    )
    assert "no source covers 2014-07 to 2017-12" in result.sentences()[3]
    assert len(result.source_ids) == 5


def test_the_escalation_carries_its_coverage() -> None:
    """Carries the coverage of its window, so the report can name the gap."""
    seeds = load_bundled()
    from policytrack import bundled_codebook

    result = escalation(
        seeds,
        CN,
        pendulum.Date(2012, 1, 1),
        pendulum.Date(2023, 12, 31),
        scoring=Scoring(),
        codebook=bundled_codebook(),
    )
    assert result.coverage is not None
    assert any("2014-07 to 2017-12" in s for s in result.coverage.sentences())


@given(st.dates(), st.dates())
def test_a_gap_is_named_by_month_or_day_at_any_date(first: object, second: object) -> None:
    """Names a gap by month when it runs from a month's first day to its last, even in 9999."""
    start = pendulum.Date(first.year, first.month, first.day)  # type: ignore[attr-defined]
    end = pendulum.Date(second.year, second.month, second.day)  # type: ignore[attr-defined]
    start, end = min(start, end), max(start, end)
    sentence = gap_sentence(start, end)
    assert sentence.startswith("no source covers ")
    whole = start.day == 1 and end == end.end_of("month")
    assert (f"{start.year:04d}-{start.month:02d}" in sentence) or not whole
    assert gap_sentence(pendulum.Date(9999, 12, 1), pendulum.Date(9999, 12, 31)) == (
        "no source covers 9999-12: a gap in reporting, not evidence of stability"
    )
