"""The NumPy sweep against the pure sweep it stands in for: the same steps, measure for measure.

The pure sweep in ``policytrack.analysis.sweep`` is the reference (and is itself checked
against the naive per-day reference in ``tests/analysis/test_timeline.py``); the NumPy one is
used for large inputs
when NumPy is installed. Here both run on the same inputs and must agree exactly, types
included (a level is an ``int``, never a NumPy integer).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from policytrack import Dataset, Scope, StartRule, bundled_codebook, timeline
from policytrack.analysis import sweep
from policytrack.analysis import timeline as tl
from policytrack.analysis.spans import FOREVER, MeasureRef, Spans
from policytrack.testing import strategies as pts
from policytrack.testing.synth import synthesize, synthetic_jurisdictions
from tests._settings import FEWER

np = pytest.importorskip("numpy")

_DAY0 = pendulum.Date(2012, 1, 1).toordinal()


def _same(a: Any, b: Any) -> bool:
    """Equal, with the same types all the way down."""
    if type(a) is not type(b):
        return False
    if isinstance(a, tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if hasattr(type(a), "__attrs_attrs__"):
        return all(_same(getattr(a, f.name), getattr(b, f.name)) for f in a.__attrs_attrs__)
    return bool(a == b)


@contextlib.contextmanager
def _sweeping(fast: bool) -> Iterator[None]:
    """Sweep every timeline with NumPy (whatever its size), or every one in pure Python."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sweep, "uses_numpy", lambda measures: fast)
        yield


def _ref(i: int, level: int, scope: Scope) -> MeasureRef:
    day = pendulum.Date.fromordinal(_DAY0)
    return MeasureRef(f"p{i}", 0, "d", level, scope, None, None, (day, None), None)  # type: ignore[arg-type]


_TOPS = [3, 1, 4]

_INTERVALS = st.lists(
    st.tuples(
        st.integers(0, 2),  # dimension
        st.integers(0, 40),  # start offset
        st.one_of(st.integers(-3, 40), st.none()),  # length (None: in force indefinitely)
        st.integers(0, 5),  # level (above the dimension's top: capped)
        st.sampled_from(Scope),
        st.integers(0, 3),  # how much later the latest series starts
    ),
    max_size=40,
)


@given(_INTERVALS)
def test_sweeps_the_same_steps_as_the_pure_sweep(intervals: list[Any]) -> None:
    """Gives the pure sweep's steps for any intervals: empty, reversed, open, overlapping."""
    spans = Spans()
    for i, (dimension, start, length, level, scope, later) in enumerate(intervals):
        lo = _DAY0 + start
        hi = FOREVER if length is None else lo + length
        spans.refs.append(_ref(i, level, scope))
        spans.dimensions.append(dimension)
        spans.bounds.extend((lo, lo + later, hi - later if length is not None else hi, hi))
        top = _TOPS[dimension]
        spans.buckets.append(2 * min(level, top) + (scope is Scope.GENERAL))
    assert _same(tuple(sweep.numpy_sweeps(spans, _TOPS)), tuple(sweep.pure_sweeps(spans, _TOPS)))


def _timelines(dataset: Dataset, codebook: Any, jurisdictions: list[str]) -> list[tl.Timeline]:
    return [
        timeline(dataset, j, start_rule=rule, subdivisions=subdivisions, codebook=codebook)
        for j in jurisdictions
        for rule in StartRule
        for subdivisions in (True, False)
    ]


@FEWER
@given(pts.datasets(max_policies=6), st.sampled_from(["CN", "CN-SH", "US"]))
def test_a_generated_dataset_has_the_same_timelines(dataset: Dataset, jurisdiction: str) -> None:
    """Gives the same timelines, with NumPy or without, on generated datasets."""
    book = bundled_codebook()
    with _sweeping(fast=False):
        pure = _timelines(dataset, book, [jurisdiction])
    with _sweeping(fast=True):
        fast = _timelines(dataset, book, [jurisdiction])
    assert _same(tuple(fast), tuple(pure))


def test_a_synthetic_dataset_has_the_same_timelines() -> None:
    """Gives the same timelines on a synthetic dataset with every kind of date and link."""
    dataset = synthesize(policies=1500, outcomes=0, seed=5, jurisdictions=12)
    book = bundled_codebook()
    places = synthetic_jurisdictions(12)
    with _sweeping(fast=False):
        pure = _timelines(dataset, book, places)
    with _sweeping(fast=True):
        fast = _timelines(dataset, book, places)
    assert sum(len(t.measures) for t in pure) > 1000
    assert _same(tuple(fast), tuple(pure))
