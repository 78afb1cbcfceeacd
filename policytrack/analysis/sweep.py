"""The timeline sweep with NumPy: the same steps as the pure sweep, for large inputs.

:func:`policytrack.analysis.timeline._sweep` is the reference: it sorts the start and end
events of a
dimension's measures and walks them once. This module computes the same step function with
arrays: the number of measures in force at each level and scope on every event day is a
cumulative sum of +1 (start) and -1 (end) counts; the level in force is the highest level with a
measure in force, general when a general measure is among them; a step is every event day on
which that (level, scope) changes. Only the measures behind each step are then picked out, one
vectorised test per step. ``tests/test_fast_paths.py`` checks it against the reference.

NumPy is imported here only: the timeline module loads this one when the input is large enough
for the import to pay (NumPy's import alone costs about as much as the pure sweep of tens of
thousands of measures).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from policytrack.analysis.timeline import _FOREVER, Step, _day_of
from policytrack.model.records import Scope

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from policytrack.analysis.timeline import MeasureRef, _Spans

__all__ = ["sweeps"]

_SHIFT = _FOREVER + 1
"""Above every day ordinal: ``dimension * _SHIFT + day`` orders events by dimension, then day."""


def sweeps(spans: _Spans, tops: list[int]) -> list[tuple[tuple[Step, ...], tuple[Step, ...]]]:
    """The earliest and latest steps of every dimension (levels capped at each one's top)."""
    if not spans.refs:
        return [((), ()) for _ in tops]
    dimensions = np.array(spans.dimensions, dtype=np.int64)
    # The measures grouped by dimension, in policy order within each (a stable sort).
    order = np.argsort(dimensions, kind="stable")
    dimensions = dimensions[order]
    buckets = np.array(spans.buckets, dtype=np.int64)[order]
    # Four columns: start_lo, start_hi, end_lo, end_hi.
    bounds = np.array(spans.bounds, dtype=np.int64).reshape(-1, 4)[order]
    earliest = _sweep(bounds[:, 0], bounds[:, 3], dimensions, buckets, order, spans.refs, tops)
    latest = _sweep(bounds[:, 1], bounds[:, 2], dimensions, buckets, order, spans.refs, tops)
    return list(zip(earliest, latest, strict=True))


def _sweep(
    lo: NDArray[np.int64],
    hi: NDArray[np.int64],
    dimensions: NDArray[np.int64],
    buckets: NDArray[np.int64],
    order: NDArray[np.intp],
    refs: list[MeasureRef],
    tops: list[int],
) -> list[tuple[Step, ...]]:
    """Steps of the highest level in force per dimension, from intervals ``[lo, hi)``.

    The arrays are grouped by dimension; *order* gives each measure's position in *refs*.
    """
    steps: list[list[Step]] = [[] for _ in tops]
    kept = np.flatnonzero(hi > lo)
    if not kept.size:
        return [() for _ in tops]
    lo, hi, dimensions, buckets, order = (
        lo[kept],
        hi[kept],
        dimensions[kept],
        buckets[kept],
        order[kept],
    )
    ending = hi < _FOREVER
    start_keys = dimensions * _SHIFT + lo
    end_keys = dimensions[ending] * _SHIFT + hi[ending]
    keys = np.unique(np.concatenate((start_keys, end_keys)))  # event days, by dimension
    top = max(tops)
    width = (top + 1) * 2
    size = keys.size * width
    delta = np.bincount(
        np.searchsorted(keys, start_keys) * width + buckets, minlength=size
    ) - np.bincount(np.searchsorted(keys, end_keys) * width + buckets[ending], minlength=size)
    running = delta.reshape(keys.size, width).cumsum(axis=0)
    # Each dimension counts from zero: take off what the dimensions before it left running.
    key_dimensions = keys // _SHIFT
    new = np.concatenate(([True], key_dimensions[1:] != key_dimensions[:-1]))
    firsts = np.flatnonzero(new)
    carried = np.zeros((firsts.size, width), dtype=running.dtype)
    carried[1:] = running[firsts[1:] - 1]
    # in_force[k, level, general]: measures in force from event k until the next one.
    in_force = (running - carried[np.cumsum(new) - 1]).reshape(keys.size, top + 1, 2)
    any_at = in_force.sum(axis=2) > 0
    level = np.where(any_at.any(axis=1), top - np.argmax(any_at[:, ::-1], axis=1), 0)
    general = in_force[np.arange(keys.size), level, 1] > 0
    state = level * 2 + general
    changes = np.flatnonzero(new | np.concatenate(([True], state[1:] != state[:-1])))
    segments = np.searchsorted(dimensions, np.arange(len(tops) + 1)).tolist()
    days = (keys - key_dimensions * _SHIFT).tolist()
    for k, dimension, at, bucket in zip(
        changes.tolist(),
        key_dimensions[changes].tolist(),
        level[changes].tolist(),
        state[changes].tolist(),
        strict=True,
    ):
        day = days[k]
        a, z = segments[dimension], segments[dimension + 1]
        holders = order[a:z][(lo[a:z] <= day) & (hi[a:z] > day) & (buckets[a:z] == bucket)]
        steps[dimension].append(
            Step(
                _day_of(day),
                at,
                Scope.GENERAL if bucket & 1 else Scope.TARGETED,
                tuple([refs[i] for i in holders.tolist()]),
            )
        )
    return [tuple(s) for s in steps]
