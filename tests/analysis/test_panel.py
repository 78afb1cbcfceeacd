"""Properties of the panel: the index spread over days, jurisdiction by jurisdiction."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policytrack import (
    Dataset,
    NotFoundError,
    bundled_codebook,
    index,
    panel,
    panel_span,
    synthesize,
)
from policytrack.model.dates import MAX_DAY, MIN_DAY
from policytrack.testing.strategies import datasets

CODEBOOK = bundled_codebook()


@given(datasets(max_policies=5), st.sampled_from([None, "vaccinated"]))
@settings(deadline=None, max_examples=50)
def test_panel_rows_are_the_index_on_each_day(dataset: Dataset, group: str | None) -> None:
    """Gives, for every jurisdiction and day, the composite and sub-indices the index gives."""
    span = panel_span(dataset)
    if span is not None and span[1].toordinal() - span[0].toordinal() > 400:
        span = (span[0], span[0].add(days=400))
    start, end = span if span else (None, None)
    result = panel(dataset, start=start, end=end, group=group, codebook=CODEBOOK)
    codes = sorted({p.jurisdiction for p in dataset.policies})
    if span is None:
        assert result.rows == ()
        return
    days = span[1].toordinal() - span[0].toordinal() + 1
    assert len(result.rows) == len(codes) * days
    series = {code: index(dataset, code, group=group, codebook=CODEBOOK) for code in codes}
    for row in result.rows[:: max(1, len(result.rows) // 200)]:
        point = series[row.jurisdiction].on(row.day)
        if point is None:
            assert row.composite.earliest is None and row.composite.latest is None
        else:
            assert row.composite == point.composite
            assert dict(row.subindices) == dict(point.subindices)
    records = list(result.records())
    assert len(records) == len(result.rows)
    assert all(list(r) == result.columns() for r in records[:5])


@given(datasets(max_policies=5))
@settings(deadline=None)
def test_panel_span_holds_every_day_a_policy_is_known_in_force(dataset: Dataset) -> None:
    """Starts on the first day any policy counts from and ends no earlier than any start.

    Only days count: an open bound (year 1 or 9999) stands for none.
    """
    span = panel_span(dataset)
    starts = [p.effective or p.announced for p in dataset.policies]
    bounds = [
        [d for d in (s.earliest, s.latest) if d not in (MIN_DAY, MAX_DAY)]
        for s in starts
        if s is not None
    ]
    if not any(bounds):
        assert span is None or all(s is None for s in starts)
        return
    assert span is not None
    assert span[0] <= min(min(b) for b in bounds if b)
    assert all(max(b) <= span[1] for b in bounds if b)


def test_unknown_jurisdictions_are_refused() -> None:
    """Refuses a code that is not ISO 3166, naming it."""
    with pytest.raises(NotFoundError, match="XX-YY"):
        panel(Dataset.__new__(Dataset), jurisdictions=["XX-YY"], codebook=CODEBOOK)


def test_panel_of_the_bundled_dataset_covers_china() -> None:
    """Lays China's index over every day the bundled policies speak to."""
    from policytrack import load_bundled

    data = load_bundled()
    result = panel(data, jurisdictions=["CN"], end=pendulum.Date(2013, 1, 31), codebook=CODEBOOK)
    assert result.rows[0].jurisdiction == "CN"
    assert result.rows[-1].day == pendulum.Date(2013, 1, 31)


@given(datasets(max_policies=6))
def test_the_default_span_never_rests_on_an_open_bound(dataset: Dataset) -> None:
    """Keeps the default span off year 1 and 9999: an open bound names no day."""
    span = panel_span(dataset)
    if span is None:
        return
    assert span[0] != MIN_DAY and span[1] != MAX_DAY
    finite = {
        day
        for p in dataset.policies
        for date in (p.effective or p.announced, p.ended)
        if date is not None
        for day in (date.earliest, date.latest)
        if day not in (MIN_DAY, MAX_DAY)
    }
    assert span[0] >= min(finite).subtract(days=1)
    assert span[1] <= max(finite)


def test_an_open_ended_start_does_not_run_the_panel_to_year_9999() -> None:
    """Spans a synthetic dataset's years, though some policies start "2008-09/.." (open after)."""
    data = synthesize(policies=50, jurisdictions=3, seed=1)
    assert any(p.announced is not None and p.announced.latest == MAX_DAY for p in data.policies)
    span = panel_span(data)
    assert span is not None
    assert span[0].year >= 1999 and span[1].year <= 2025
    # The synthetic data puts no date beyond the years it is made for.
    for policy in data.policies:
        for date in (policy.announced, policy.effective, policy.ended):
            if date is not None and date.latest != MAX_DAY:
                assert date.latest.year <= 2025, (policy.id, date.edtf)
