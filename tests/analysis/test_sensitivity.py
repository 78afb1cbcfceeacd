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
    result = sensitivity(dataset, CompositeRose("CN", a, b), codebook=CODEBOOK)
    change = escalation(dataset, "CN", a, b, codebook=CODEBOOK).change
    assert result.baseline.margin == pytest.approx(change)
    assert len(result.neighbourhood) == 3 * len(CODEBOOK.dimensions)
    assert result.robust == (result.baseline.holds and all(v.holds for v in result.neighbourhood))


@given(datasets(min_policies=2, max_policies=4))
@settings(deadline=None)
def test_stricter_margin_mirrors(dataset: Dataset) -> None:
    """Gives opposite margins for "A stricter than B" and "B stricter than A"."""
    a, b = dataset.policies[0].id, dataset.policies[1].id
    ab = sensitivity(dataset, PolicyStricter(a, b), codebook=CODEBOOK)
    ba = sensitivity(dataset, PolicyStricter(b, a), codebook=CODEBOOK)
    assert ab.baseline.margin == pytest.approx(-ba.baseline.margin)
    comparison = compare_policies(dataset, a, b, codebook=CODEBOOK)
    assert ab.baseline.margin == pytest.approx(comparison.first_score - comparison.second_score)


def test_names_the_weightings_that_flip_a_conclusion() -> None:
    """Names the weightings under which a conclusion stops holding."""
    result = sensitivity(_example(), PolicyStricter("a", "b"), codebook=CODEBOOK)
    assert result.baseline.holds
    assert not result.robust
    assert "identity x2" in [v.name for v in result.flips]
    assert "only identity" in [v.name for v in result.flips]
