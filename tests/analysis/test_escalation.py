"""Properties of escalation steps: they telescope and name their causes."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policytrack import Change, Dataset, Scoring, Series, bundled_codebook, escalation
from policytrack.testing.strategies import datasets
from tests.analysis.test_timeline import _example

CODEBOOK = bundled_codebook()
DAYS = st.dates(min_value=pendulum.Date(1990, 1, 1), max_value=pendulum.Date(2030, 12, 31)).map(
    lambda d: pendulum.Date(d.year, d.month, d.day)
)


@given(
    datasets(max_policies=5), st.sampled_from(["CN", "CN-SH"]), DAYS, DAYS, st.sampled_from(Series)
)
@settings(deadline=None)
def test_steps_telescope(
    dataset: Dataset, jurisdiction: str, a: pendulum.Date, b: pendulum.Date, series: Series
) -> None:
    """Adds the steps up to the change between the two days, composite and each dimension."""
    start, end = min(a, b), max(a, b)
    result = escalation(
        dataset, jurisdiction, start, end, scoring=Scoring(series=series), codebook=CODEBOOK
    )
    total = sum(s.delta for s in result.composite_steps)
    assert total == pytest.approx(result.change, abs=1e-9)
    for dim in CODEBOOK.dimensions:
        steps = [s.delta for s in result.dimension_steps if s.dimension == dim.id]
        before = result.index.value(start, series, dim.id) or 0.0
        after = result.index.value(end, series, dim.id) or 0.0
        assert sum(steps) == pytest.approx(after - before, abs=1e-9)
    for step in result.composite_steps + result.dimension_steps:
        assert start < step.day <= end
        assert step.earliest <= step.day
        assert step.latest is None or step.day <= step.latest


@given(datasets(max_policies=5))
@settings(deadline=None)
def test_every_rise_names_a_cause(dataset: Dataset) -> None:
    """Names, for every rise of a sub-index, a measure that started that day at the new level."""
    result = escalation(dataset, "CN", codebook=CODEBOOK)
    for step in result.dimension_steps:
        if step.delta > 0:
            assert step.causes
            assert all(c.change is Change.STARTS and c.evidence for c in step.causes)


def test_summary_of_an_example() -> None:
    """Lists the largest steps first, with their dates' bounds and the dimension totals."""
    result = escalation(
        _example(), "CN", pendulum.Date(2012, 1, 1), pendulum.Date(2023, 12, 31), codebook=CODEBOOK
    )
    assert [str(s.day) for s in result.composite_steps] == [
        "2012-12-28",
        "2013-09-01",
        "2014-12-31",
        "2023-07-15",
    ]
    largest = result.largest[0]
    assert str(largest.day) == "2012-12-28"
    step = result.composite_steps[1]
    assert (str(step.earliest), str(step.latest)) == ("2013-09-01", "2013-09-30")
    assert [c.policy for c in step.causes] == ["b"]
    identity = next(c for c in result.by_dimension if c.dimension == "identity")
    assert identity.rise == pytest.approx(100.0)
    assert identity.fall == pytest.approx(-100 / 3)
