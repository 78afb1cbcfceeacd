"""The panel computed with NumPy: every jurisdiction's levels on every day at once.

``policytrack.analysis.panel_numpy`` gives the same columns as the pure-Python reference in
:mod:`policytrack.analysis.panel`, which walks each jurisdiction's index day by day. Here the
measures of every jurisdiction are read once (:func:`~policytrack.analysis.timeline.measure_bounds`:
the same measures, bounds and buckets the timeline sweeps) into flat arrays; each (jurisdiction,
dimension) pair is a *group*. For each series:

1. Each measure's start and end are cut to the panel's days: a start before the first day
   counts from the first day, an end after the last day at the day after it. Every measure so
   has its +1 and its -1 inside its group, so one cumulative sum over all groups' events counts
   the measures in force at each level and scope, and returns to zero between groups.
2. The state after each event is the highest ``2 * level + general`` with a measure in force
   (0 when none is: level 0), as the sweep's steps are; a group is unknown before its first event.
3. Each day takes the state of the last event on or before it (a running maximum of event
   numbers along the days), and each state its sub-index from a table worked out with
   :func:`~policytrack.analysis.index.subindex` itself.

The composite adds the sub-indices in the weights' order with the same float operations as
:func:`~policytrack.analysis.index.composite`, so the two paths agree exactly, not just within a
tolerance. NumPy is imported only when a function here is called (the ``fast`` extra).
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from policytrack.analysis.coverage import Interval
from policytrack.analysis.index import subindex
from policytrack.analysis.scoring import Scoring, select
from policytrack.analysis.timeline import measure_bounds
from policytrack.model.codebook import Codebook
from policytrack.model.dataset import Dataset
from policytrack.model.records import Scope
from policytrack.vocab import UnknownRule

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["numpy_coverage", "numpy_values"]


def numpy_values(
    dataset: Dataset,
    codebook: Codebook,
    codes: Sequence[str],
    window: tuple[int, int],
    *,
    group: str | None,
    weights: Mapping[str, float],
    scoring: Scoring,
) -> tuple[Sequence[float], ...]:
    """The panel's index columns, computed with NumPy (the same as the reference's).

    Args:
        dataset: The records.
        codebook: The codebook.
        codes: The jurisdictions, in row order.
        window: The first and last day, as day ordinals.
        group: The population group whose measures take precedence (None: everyone's).
        weights: The resolved weights of the composite
            (:func:`~policytrack.analysis.index.resolve_weights`).
        scoring: The unknown rule, start rule and subdivision rule.

    Returns:
        The columns of :meth:`~policytrack.analysis.panel.Panel.value_columns`, NaN where
        nothing is known.
    """
    import numpy as np  # noqa: PLC0415  (NumPy: only when asked for)

    data = select(dataset, scoring)
    width = window[1] - window[0] + 1
    dims = codebook.dimensions
    groups = len(codes) * len(dims)
    base = _measures(np, data, codebook, codes, scoring, None)
    own = None if group is None else _measures(np, data, codebook, codes, scoring, group)
    # The sub-index of each state (column: 2 * level + general), NaN (the last column) unknown.
    top = max((d.max_level for d in dims), default=0)
    table = np.full((len(dims), 2 * top + 3), np.nan)
    for position, dim in enumerate(dims):
        for state in range(2 * top + 2):
            scope = Scope.GENERAL if state & 1 else Scope.TARGETED
            table[position, state] = subindex(state >> 1, scope, dim)
    dimension_of = np.tile(np.arange(len(dims)), len(codes))[:, None]
    series = []
    for starts, ends in ((0, 3), (1, 2)):
        states, _ = _states(np, base, starts, ends, groups, window)
        if own is not None:
            theirs, held = _states(np, own, starts, ends, groups, window)
            states = np.where(held, theirs, states)
        subs = table[dimension_of, states].reshape(len(codes), len(dims), width)
        series.append(subs)
    columns = [_composite(np, subs, dims, weights, scoring.unknown) for subs in series]
    for position in range(len(dims)):
        columns += [series[0][:, position, :], series[1][:, position, :]]
    return tuple(_array(np, column, "d") for column in columns)


def _array(np: Any, values: NDArray[Any], code: str) -> Any:
    """A stdlib array of *values* (flattened row by row)."""
    dtype = np.float64 if code == "d" else np.int64
    return array(code, np.ascontiguousarray(values, dtype=dtype).tobytes())


def _measures(
    np: Any,
    data: Dataset,
    codebook: Codebook,
    codes: Sequence[str],
    scoring: Scoring,
    group: str | None,
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    """Every jurisdiction's measures: their groups, buckets and bounds (one row of four each)."""
    count = len(codebook.dimensions)
    groups: list[int] = []
    buckets: list[int] = []
    bounds: list[int] = []
    for at, code in enumerate(codes):
        spans = measure_bounds(
            data,
            code,
            codebook=codebook,
            start_rule=scoring.start_rule,
            subdivisions=scoring.subdivisions,
            group=group,
        )
        offset = at * count
        groups.extend([offset + d for d in spans.dimensions])
        buckets.extend(spans.buckets)
        bounds.extend(spans.bounds)
    return (
        np.array(groups, dtype=np.int64),
        np.array(buckets, dtype=np.int64),
        np.array(bounds, dtype=np.int64).reshape(-1, 4),
    )


def _states(
    np: Any,
    measures: tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]],
    starts: int,
    ends: int,
    groups: int,
    window: tuple[int, int],
) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """Each group's state on each day (-1: unknown), and whether any measure is in force.

    *starts* and *ends* pick the series' columns of the bounds (ends exclusive).
    """
    first, last = window
    width = last - first + 1
    group_of, bucket_of, bounds = measures
    lo, hi = bounds[:, starts], bounds[:, ends]
    kept = hi > lo  # as in the sweep: a measure in force on no day makes no event
    group_of, bucket_of = group_of[kept], bucket_of[kept]
    # Days as offsets from the first day, cut to [0, width]: width is the day after the last.
    lo = np.clip(lo[kept], first, last + 1) - first
    hi = np.clip(hi[kept], first, last + 1) - first
    states = np.full((groups, width), -1, dtype=np.int64)
    held = np.zeros((groups, width), dtype=bool)
    if not group_of.size:
        return states, held
    span = width + 1
    start_keys, end_keys = group_of * span + lo, group_of * span + hi
    keys = np.unique(np.concatenate((start_keys, end_keys)))
    levels = int(bucket_of.max()) + 1
    size = keys.size * levels
    delta = np.bincount(
        np.searchsorted(keys, start_keys) * levels + bucket_of, minlength=size
    ) - np.bincount(np.searchsorted(keys, end_keys) * levels + bucket_of, minlength=size)
    # Every measure starts and ends inside its group: the running count is zero between groups.
    in_force = delta.reshape(keys.size, levels).cumsum(axis=0) > 0
    any_in_force = in_force.any(axis=1)
    state = np.where(any_in_force, levels - 1 - np.argmax(in_force[:, ::-1], axis=1), 0)
    key_group, key_day = keys // span, keys % span
    inside = key_day < width
    slots = np.full(groups * width, -1, dtype=np.int64)
    slots[key_group[inside] * width + key_day[inside]] = np.flatnonzero(inside)
    # Each day takes the last event on or before it: event numbers rise along a group's days.
    last_event = np.maximum.accumulate(slots.reshape(groups, width), axis=1)
    known = last_event >= 0
    states[known] = state[last_event[known]]
    held[known] = any_in_force[last_event[known]]
    return states, held


def _composite(
    np: Any,
    subs: NDArray[np.float64],
    dims: Sequence[Any],
    weights: Mapping[str, float],
    unknown: UnknownRule,
) -> NDArray[np.float64]:
    """The composite of each row, with :func:`~policytrack.analysis.index.composite`'s steps."""
    position = {d.id: i for i, d in enumerate(dims)}
    shape = subs.shape[0], subs.shape[2]
    total = np.zeros(shape)
    weight_sum = np.zeros(shape)
    known_any = np.zeros(shape, dtype=bool)
    refused = np.zeros(shape, dtype=bool)
    for name, weight in weights.items():
        if weight == 0:
            continue
        values = subs[:, position[name], :]
        missing = np.isnan(values)
        known_any |= ~missing
        if unknown is UnknownRule.SKIP:
            total = np.where(missing, total, total + weight * np.where(missing, 0.0, values))
            weight_sum = np.where(missing, weight_sum, weight_sum + weight)
            continue
        if unknown is UnknownRule.STRICT:
            refused |= missing
        total = total + weight * np.where(missing, 0.0, values)
        weight_sum = weight_sum + weight
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = total / weight_sum
    result: NDArray[np.float64] = np.where(~known_any | (weight_sum == 0) | refused, np.nan, mean)
    return result


def numpy_coverage(
    intervals: Mapping[str, Sequence[Interval]],
    codes: Sequence[str],
    window: tuple[int, int],
) -> tuple[Sequence[int], Sequence[int]]:
    """Per row: how many sources cover the day, and their quotes on it (as the reference's).

    A source's spans are merged (:func:`~policytrack.analysis.coverage.coverage_intervals`),
    so the sources holding a day are counted by adding one per span holding it.
    """
    import numpy as np  # noqa: PLC0415  (NumPy: only when asked for)

    first, last = window
    width = last - first + 1
    span = width + 1
    rows: list[int] = []
    bounds: list[int] = []
    counts: list[int] = []
    is_source: list[bool] = []
    for at, code in enumerate(codes):
        for since, until, source, count in intervals.get(code, ()):
            rows.append(at)
            bounds += (since, until)
            counts.append(count)
            is_source.append(bool(source))
    sources = np.zeros(len(codes) * width, dtype=np.int64)
    evidence = np.zeros(len(codes) * width, dtype=np.int64)
    if rows:
        row = np.array(rows, dtype=np.int64)
        pairs = np.array(bounds, dtype=np.int64).reshape(-1, 2)
        lo = np.clip(pairs[:, 0], first, last + 1) - first
        hi = np.clip(pairs[:, 1] + 1, first, last + 1) - first
        kept = hi > lo
        flags = np.array(is_source, dtype=bool)
        size = len(codes) * span
        starts, ends = row[kept] * span + lo[kept], row[kept] * span + hi[kept]
        for weights, out in ((flags, sources), (np.array(counts), evidence)):
            w = weights[kept].astype(np.float64)
            delta = np.bincount(starts, weights=w, minlength=size)
            delta -= np.bincount(ends, weights=w, minlength=size)
            running = delta.reshape(len(codes), span).cumsum(axis=1)[:, :width]
            out[:] = np.rint(running).astype(np.int64).ravel()
    return _array(np, sources, "q"), _array(np, evidence, "q")
