"""Sensitivity: the baseline matches the analyses, and the neighbourhood is the stated one."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policytrack import (
    CompositeRose,
    Dataset,
    PolicyStricter,
    bundled_codebook,
    compare_policies,
    escalation,
    sensitivity,
)
from policytrack.testing.strategies import datasets
from tests.analysis.test_timeline import _example

CODEBOOK = bundled_codebook()


@given(datasets(min_policies=1, max_policies=4), st.integers(1995, 2030), st.integers(1995, 2030))
@settings(deadline=None)
def test_baseline_margin_is_the_escalation_change(dataset: Dataset, y1: int, y2: int) -> None:
    """Gives as the baseline margin the change escalation reports between the same days."""
    a, b = pendulum.Date(min(y1, y2), 1, 1), pendulum.Date(max(y1, y2), 1, 1)
    result = sensitivity(dataset, CODEBOOK, CompositeRose("CN", a, b))
    change = escalation(dataset, CODEBOOK, "CN", a, b).change
    assert result.baseline.margin == pytest.approx(change)
    assert len(result.neighbourhood) == 3 * len(CODEBOOK.dimensions)
    assert result.robust == (result.baseline.holds and all(v.holds for v in result.neighbourhood))


@given(datasets(min_policies=2, max_policies=4))
@settings(deadline=None)
def test_stricter_margin_mirrors(dataset: Dataset) -> None:
    """Gives opposite margins for "A stricter than B" and "B stricter than A"."""
    a, b = dataset.policies[0].id, dataset.policies[1].id
    ab = sensitivity(dataset, CODEBOOK, PolicyStricter(a, b))
    ba = sensitivity(dataset, CODEBOOK, PolicyStricter(b, a))
    assert ab.baseline.margin == pytest.approx(-ba.baseline.margin)
    comparison = compare_policies(dataset, CODEBOOK, a, b)
    assert ab.baseline.margin == pytest.approx(comparison.first_score - comparison.second_score)


def test_names_the_weightings_that_flip_a_conclusion() -> None:
    """Names the weightings under which a conclusion stops holding."""
    result = sensitivity(_example(), CODEBOOK, PolicyStricter("a", "b"))
    assert result.baseline.holds
    assert not result.robust
    assert "identity x2" in [v.name for v in result.flips]
    assert "only identity" in [v.name for v in result.flips]
