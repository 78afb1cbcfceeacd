"""Comparisons mirror when their sides are swapped, and a platform's events are in order."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policytrack import (
    Dataset,
    NotFoundError,
    Stricter,
    bundled_codebook,
    compare_jurisdictions,
    compare_periods,
    compare_policies,
)
from policytrack.testing.strategies import datasets
from tests.analysis.test_timeline import _example

CODEBOOK = bundled_codebook()
MIRROR = {Stricter.FIRST: Stricter.SECOND, Stricter.SECOND: Stricter.FIRST}


@given(datasets(min_policies=1, max_policies=4), st.data())
@settings(deadline=None)
def test_comparing_policies_mirrors(dataset: Dataset, data: st.DataObject) -> None:
    """Gives the mirror image when the two policies are swapped."""
    ids = [p.id for p in dataset.policies]
    a, b = data.draw(st.sampled_from(ids)), data.draw(st.sampled_from(ids))
    ab = compare_policies(dataset, a, b, codebook=CODEBOOK)
    ba = compare_policies(dataset, b, a, codebook=CODEBOOK)
    assert ab.first_score == ba.second_score
    assert ab.stricter == MIRROR.get(ba.stricter, ba.stricter)
    for x, y in zip(ab.dimensions, ba.dimensions, strict=True):
        assert (x.first_level, x.first_scope, x.first) == (y.second_level, y.second_scope, y.second)
        assert x.stricter == MIRROR.get(y.stricter, y.stricter)
    assert ab.shared_agencies == ba.shared_agencies
    assert ab.first_only_agencies == ba.second_only_agencies
    assert ab.first_only_platforms == ba.second_only_platforms


@given(datasets(max_policies=4), st.integers(1995, 2030), st.integers(1995, 2030))
@settings(deadline=None)
def test_comparing_periods_mirrors(dataset: Dataset, y1: int, y2: int) -> None:
    """Gives the opposite difference, and swapped entering and leaving policies, when swapped."""
    a, b = pendulum.Date(y1, 6, 1), pendulum.Date(y2, 6, 1)
    ab = compare_periods(dataset, "CN", a, b, codebook=CODEBOOK)
    ba = compare_periods(dataset, "CN", b, a, codebook=CODEBOOK)
    assert ab.difference() == pytest.approx(-ba.difference())
    assert (ab.entered, ab.left) == (ba.left, ba.entered)


@given(datasets(max_policies=4))
@settings(deadline=None)
def test_comparing_jurisdictions_mirrors(dataset: Dataset) -> None:
    """Gives the same rows with the columns swapped when the jurisdictions are swapped."""
    ab = compare_jurisdictions(dataset, "CN", "CN-SH", codebook=CODEBOOK)
    ba = compare_jurisdictions(dataset, "CN-SH", "CN", codebook=CODEBOOK)
    assert [(k, x, y) for k, x, y in ab.rows] == [(k, y, x) for k, x, y in ba.rows]


def test_window_means_weigh_days() -> None:
    """Averages a window day by day: a level in force for a third of it counts a third."""
    dataset = _example()
    year = compare_periods(
        dataset,
        "CN",
        (pendulum.Date(2012, 1, 1), pendulum.Date(2012, 12, 31)),
        pendulum.Date(2013, 1, 1),
        codebook=CODEBOOK,
    )
    # Known only from 28 December: the mean is over the four known days.
    assert year.first_composite.earliest == pytest.approx(year.second_composite.earliest)


def test_jurisdictions_align_on_reference_days() -> None:
    """Aligns two series by days since a reference day each."""
    result = compare_jurisdictions(
        _example(),
        "CN",
        "CN-SH",
        references=(pendulum.Date(2012, 12, 28), pendulum.Date(2012, 12, 28)),
        codebook=CODEBOOK,
    )
    assert result.rows[0][0] == 0


def test_compare_policies_names_unknown_ids() -> None:
    """Refuses an id that is not a policy, suggesting close ones."""
    with pytest.raises(NotFoundError, match="did you mean"):
        compare_policies(_example(), "a", "bb", codebook=CODEBOOK)
