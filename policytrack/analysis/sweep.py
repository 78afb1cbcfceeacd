"""Sweeping spans into steps: the pure sweep, the NumPy sweep and the one chooser between them.

``policytrack.analysis.sweep`` turns the measures of a jurisdiction
(:class:`~policytrack.analysis.spans.Spans`) into each dimension's earliest and latest steps.
:func:`pure_sweeps` is the reference: it sorts a dimension's start and end events and walks
them once. :func:`numpy_sweeps` computes the same step function with arrays: the number of
measures in force at each level and scope on every event day is a cumulative sum of +1 (start)
and -1 (end) counts; the level in force is the highest level with a measure in force, general
when a general measure is among them; a step is every event day on which that (level, scope)
changes. Only the measures behind each step are then picked out, one vectorised test per step.
``tests/test_fast_paths.py`` checks one against the other.

:func:`sweeps` chooses. NumPy's import alone costs about as much as the pure sweep of tens of
thousands of measures, so NumPy is imported only for a large input, and used from a smaller
size once something else has imported it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

from policytrack.analysis.spans import FOREVER, MeasureRef, Spans, Step, day_of
from policytrack.model.records import Scope

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["numpy_sweeps", "pure_sweeps", "sweeps", "uses_numpy"]

FAST_MIN_MEASURES = 2000
"""From how many measures a timeline is swept with NumPy (when it is installed)."""
FAST_MIN_MEASURES_LOADED = 200
"""The same, once NumPy is imported anyway: then only the per-call overhead is weighed."""

_SHIFT = FOREVER + 1
"""Above every day ordinal: ``dimension * _SHIFT + day`` orders events by dimension, then day."""


def sweeps(spans: Spans, tops: list[int]) -> list[tuple[tuple[Step, ...], tuple[Step, ...]]]:
    """The earliest and latest steps of every dimension, in codebook order.

    Args:
        spans: The measures of one jurisdiction.
        tops: Each dimension's highest level (a measure's level is capped at it).
    """
    if uses_numpy(len(spans.refs)):
        return numpy_sweeps(spans, tops)
    return pure_sweeps(spans, tops)


def uses_numpy(measures: int) -> bool:
    """Whether *measures* measures are swept with NumPy: when it is installed and pays."""
    threshold = FAST_MIN_MEASURES_LOADED if "numpy" in sys.modules else FAST_MIN_MEASURES
    if measures < threshold:
        return False
    try:
        import numpy  # noqa: F401, PLC0415  (NumPy: only when it pays)
    except ImportError:  # not installed: the pure sweep gives the same steps
        return False
    return True


def pure_sweeps(spans: Spans, tops: list[int]) -> list[tuple[tuple[Step, ...], tuple[Step, ...]]]:
    """The earliest and latest steps of every dimension, swept in pure Python (the reference)."""
    chosen: list[list[int]] = [[] for _ in tops]
    for i, dimension in enumerate(spans.dimensions):
        chosen[dimension].append(i)
    b, refs = spans.bounds, spans.refs
    return [
        (
            _pure_sweep(((b[4 * i], b[4 * i + 3], refs[i]) for i in measures), top),
            _pure_sweep(((b[4 * i + 1], b[4 * i + 2], refs[i]) for i in measures), top),
        )
        for measures, top in zip(chosen, tops, strict=True)
    ]


def _pure_sweep(intervals: Iterable[tuple[int, int, MeasureRef]], top: int) -> tuple[Step, ...]:
    """Steps of the highest level in force, from half-open day-ordinal intervals."""
    events: list[tuple[int, int, int, MeasureRef]] = []
    for seq, (lo, hi, ref) in enumerate(intervals):
        if hi <= lo:
            continue
        events.append((lo, 1, seq, ref))
        if hi < FOREVER:
            events.append((hi, -1, seq, ref))
    if not events:
        return ()
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    # active[level][general] holds the measures in force at that level and scope.
    active: list[list[dict[int, MeasureRef]]] = [[{}, {}] for _ in range(top + 1)]
    steps: list[Step] = []
    previous: tuple[int, Scope] | None = None
    i = 0
    while i < len(events):
        day = events[i][0]
        while i < len(events) and events[i][0] == day:
            _, change, seq, ref = events[i]
            bucket = active[min(ref.level, top)][ref.scope is Scope.GENERAL]
            if change > 0:
                bucket[seq] = ref
            else:
                bucket.pop(seq, None)
            i += 1
        level, general = 0, False
        for value in range(top, -1, -1):
            if active[value][1] or active[value][0]:
                level, general = value, bool(active[value][1])
                break
        current = (level, Scope.GENERAL if general else Scope.TARGETED)
        if current != previous:
            holders = active[level][1] if general else active[level][0]
            steps.append(
                Step(
                    day_of(day),
                    level,
                    current[1],
                    tuple(holders[k] for k in sorted(holders)),
                )
            )
            previous = current
    return tuple(steps)


def numpy_sweeps(spans: Spans, tops: list[int]) -> list[tuple[tuple[Step, ...], tuple[Step, ...]]]:
    """The same steps as :func:`pure_sweeps`, computed with NumPy arrays."""
    import numpy as np  # noqa: PLC0415  (NumPy: only when it pays)

    if not spans.refs:
        return [((), ()) for _ in tops]
    dimensions = np.array(spans.dimensions, dtype=np.int64)
    # The measures grouped by dimension, in policy order within each (a stable sort).
    order = np.argsort(dimensions, kind="stable")
    dimensions = dimensions[order]
    buckets = np.array(spans.buckets, dtype=np.int64)[order]
    # Four columns: start_lo, start_hi, end_lo, end_hi.
    bounds = np.array(spans.bounds, dtype=np.int64).reshape(-1, 4)[order]
    refs = spans.refs
    earliest = _numpy_sweep(bounds[:, 0], bounds[:, 3], dimensions, buckets, order, refs, tops)
    latest = _numpy_sweep(bounds[:, 1], bounds[:, 2], dimensions, buckets, order, refs, tops)
    return list(zip(earliest, latest, strict=True))


def _numpy_sweep(
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
    import numpy as np  # noqa: PLC0415  (NumPy: only when it pays)

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
    ending = hi < FOREVER
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
                day_of(day),
                at,
                Scope.GENERAL if bucket & 1 else Scope.TARGETED,
                tuple([refs[i] for i in holders.tolist()]),
            )
        )
    return [tuple(s) for s in steps]
