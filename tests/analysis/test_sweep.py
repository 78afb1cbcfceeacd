"""The choice between the pure and the NumPy sweep (policytrack.analysis.sweep)."""

from __future__ import annotations

import sys

import pytest

from policytrack.analysis import sweep
from policytrack.analysis.spans import Spans


def test_a_small_timeline_is_swept_in_pure_python() -> None:
    """Keeps to the pure sweep below the smaller threshold, NumPy imported or not."""
    assert not sweep.uses_numpy(0)
    assert not sweep.uses_numpy(sweep.FAST_MIN_MEASURES_LOADED - 1)


def test_a_large_timeline_is_swept_with_numpy_when_installed() -> None:
    """Chooses NumPy from the larger threshold on, when NumPy is installed."""
    pytest.importorskip("numpy")
    assert sweep.uses_numpy(sweep.FAST_MIN_MEASURES)


def test_without_numpy_every_timeline_is_swept_in_pure_python(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Falls back to the pure sweep, whatever the size, when NumPy cannot be imported."""
    monkeypatch.setitem(sys.modules, "numpy", None)  # makes `import numpy` raise ImportError
    assert not sweep.uses_numpy(10 * sweep.FAST_MIN_MEASURES)


def test_no_measures_give_no_steps() -> None:
    """Gives every dimension no steps when there are no measures, in either sweep."""
    assert sweep.sweeps(Spans(), [3, 1]) == [((), ()), ((), ())]
    assert sweep.pure_sweeps(Spans(), [3, 1]) == [((), ()), ((), ())]
