"""OxCGRT-style sub-indices and a weighted composite over a timeline.

``policytrack.analysis.index`` (``policytrack._index`` before release 0.2).

For dimension *j* on a day, with ordinal level *v*, maximum level *N*, *F* = 1 when the dimension
carries a scope flag and *f* = 1 when the level in force is general (0 when targeted)::

    I_j = 100 * (v - 0.5 * (F - f)) / N        (I_j = 0 when v = 0)

The composite is the weighted mean of the sub-indices. A dimension with no information yet is
*unknown*, not zero; how the composite treats it is :class:`UnknownRule`. The default, ``zero``,
is OxCGRT's own rule for missing indicators, so a codebook of OxCGRT's indicators reproduces its
published Stringency Index.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterator, Mapping

import attrs
import pendulum

from policytrack.analysis.coverage import SourceCoverage, coverage
from policytrack.analysis.defaults import own_codebook
from policytrack.analysis.scoring import Scoring, legacy_scoring, select
from policytrack.analysis.timeline import Series, StartRule, Step, Timeline, timeline
from policytrack.errors import PolicytrackError
from policytrack.model.arguments import DateLike, Jurisdiction, checked, legacy_codebook
from policytrack.model.arguments import window as window_days
from policytrack.model.codebook import Codebook, Dimension
from policytrack.model.dataset import Dataset
from policytrack.model.edges import ChartEdges
from policytrack.model.records import Scope
from policytrack.vocab import UnknownRule

__all__ = [
    "Band",
    "IndexPoint",
    "IndexSeries",
    "UnknownRule",
    "WeightError",
    "composite",
    "index",
    "index_of",
    "resolve_weights",
    "subindex",
]


class WeightError(PolicytrackError, ValueError):
    """Weights that name an unknown dimension, are negative, or are all zero."""


@checked
def subindex(level: int | None, scope: Scope | None, dimension: Dimension) -> float | None:
    """The sub-index 0..100 of *level* (and *scope*) on *dimension*; None when unknown."""
    return _subindex(level, scope, dimension)


def _subindex(level: int | None, scope: Scope | None, dimension: Dimension) -> float | None:
    # Unchecked: index_of calls it for every dimension at every change point.
    if level is None:
        return None
    if level <= 0:
        return 0.0
    # F - f is 1 only for a targeted level on a dimension that carries a flag.
    penalty = 0.5 if dimension.flag and scope is Scope.TARGETED else 0.0
    return 100.0 * (min(level, dimension.max_level) - penalty) / dimension.max_level


@checked
def resolve_weights(codebook: Codebook, weights: Mapping[str, float] | None) -> dict[str, float]:
    """The codebook's default weights with *weights* laid over them.

    Raises:
        WeightError: A weight names no dimension of the codebook, is negative or not finite,
            or every weight is zero.
    """
    resolved = codebook.weights
    for name, value in (weights or {}).items():
        if name not in resolved:
            known = ", ".join(resolved)
            msg = f"weight for unknown dimension {name!r} (known: {known})"
            raise WeightError(msg)
        if not (isinstance(value, int | float) and math.isfinite(value) and value >= 0):
            msg = f"weight of {name!r} must be a finite number >= 0 (got {value!r})"
            raise WeightError(msg)
        resolved[name] = float(value)
    if not any(resolved.values()):
        msg = "at least one weight must be above zero"
        raise WeightError(msg)
    return resolved


@checked
def composite(
    values: Mapping[str, float | None],
    weights: Mapping[str, float],
    unknown: UnknownRule = UnknownRule.ZERO,
) -> float | None:
    """The weighted mean of sub-index *values* under *weights* and the *unknown* rule.

    Dimensions missing from *values* count as unknown. Returns None when nothing is known
    (or, under ``strict``, when anything weighted is unknown).
    """
    return _composite(values, weights, unknown)


def _composite(
    values: Mapping[str, float | None], weights: Mapping[str, float], unknown: UnknownRule
) -> float | None:
    # Unchecked: index_of calls it twice at every change point.
    total = weight_sum = 0.0
    known_any = False
    for name, weight in weights.items():
        if weight == 0:
            continue
        value = values.get(name)
        if value is None:
            if unknown is UnknownRule.STRICT:
                return None
            if unknown is UnknownRule.SKIP:
                continue
            value = 0.0
        else:
            known_any = True
        total += weight * value
        weight_sum += weight
    if not known_any or weight_sum == 0:
        return None
    return total / weight_sum


@attrs.frozen
class Band:
    """A value in the two series; either is None when unknown.

    Attributes:
        earliest: The value in the earliest series (the most that may have been in force).
        latest: The value in the latest series (the least that certainly was).
    """

    earliest: float | None
    latest: float | None

    @property
    def uncertain(self) -> bool:
        """Whether the two series differ."""
        return self.earliest != self.latest


@attrs.frozen
class IndexPoint:
    """The index from *day* until the next point.

    Attributes:
        day: The first day these values hold.
        composite: The composite index in both series.
        subindices: Each dimension's sub-index in both series, in codebook order.
    """

    day: pendulum.Date
    composite: Band
    subindices: Mapping[str, Band]


@attrs.frozen
class IndexSeries(ChartEdges):
    """A composite index and its sub-indices over time in one jurisdiction (a step function).

    Attributes:
        jurisdiction: The ISO 3166 code.
        codebook: The codebook's id.
        weights: The weights used, one per dimension.
        unknown: How unknown dimensions entered the composite.
        points: Change points in day order; values hold until the next point.
        timeline: The levels the index was computed from.
        coverage: Which sources speak to the jurisdiction over the window asked for, when
            one was (``index(..., window=(start, end))``).
    """

    jurisdiction: str
    codebook: str
    weights: Mapping[str, float]
    unknown: UnknownRule
    points: tuple[IndexPoint, ...]
    timeline: Timeline
    coverage: SourceCoverage | None = None
    _days: tuple[pendulum.Date, ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_days", tuple(p.day for p in self.points))

    def on(self, day: pendulum.Date) -> IndexPoint | None:
        """The values in force on *day*, or None before the first point."""
        at = bisect.bisect_right(self._days, day) - 1
        return self.points[at] if at >= 0 else None

    def value(
        self, day: pendulum.Date, series: Series = Series.EARLIEST, dimension: str | None = None
    ) -> float | None:
        """The composite (or *dimension*'s sub-index) on *day* in *series*; None if unknown."""
        point = self.on(day)
        if point is None:
            return None
        band = point.composite if dimension is None else point.subindices[dimension]
        return band.earliest if series is Series.EARLIEST else band.latest

    def daily(self, start: pendulum.Date, end: pendulum.Date) -> Iterator[IndexPoint]:
        """One point per day from *start* to *end* inclusive (materialised on request)."""
        empty = IndexPoint(start, Band(None, None), {})
        for ordinal in range(start.toordinal(), end.toordinal() + 1):
            day = pendulum.Date.fromordinal(ordinal)
            point = self.on(day) or empty
            yield attrs.evolve(point, day=day)

    def __repr__(self) -> str:
        days = [p.day for p in self.points if 1 < p.day.year < 9999]
        known = [v for p in self.points for v in (p.composite.earliest, p.composite.latest)]
        values = [v for v in known if v is not None]
        span = f"{min(days)}..{max(days)}" if days else "no dated change"
        rng = f"composite {min(values):.1f}-{max(values):.1f}" if values else "composite unknown"
        return (
            f"<IndexSeries {self.jurisdiction} on {self.codebook}: {len(self.points)} points, "
            f"{span}, {rng}; unknown counted as {self.unknown.value}>"
        )


@checked
def index_of(
    tl: Timeline,
    codebook: Codebook,
    *,
    weights: Mapping[str, float] | None = None,
    unknown: UnknownRule = UnknownRule.ZERO,
) -> IndexSeries:
    """The index over an existing timeline *tl* (computed with the same *codebook*)."""
    resolved = resolve_weights(codebook, weights)
    dims = {d.id: d for d in codebook.dimensions}
    points: list[IndexPoint] = []
    previous: tuple[object, ...] | None = None
    # One pointer per dimension and series walks forward with the days: no search per day.
    walkers = [(dims[s.dimension], _Walker(s.earliest), _Walker(s.latest)) for s in tl.dimensions]
    for day in tl.change_days():
        subs: dict[str, Band] = {}
        for dim, early, late in walkers:
            subs[dim.id] = Band(_value(early.at(day), dim), _value(late.at(day), dim))
        band = Band(
            _composite({k: b.earliest for k, b in subs.items()}, resolved, unknown),
            _composite({k: b.latest for k, b in subs.items()}, resolved, unknown),
        )
        key = (band, tuple(subs.values()))
        if key != previous:
            points.append(IndexPoint(day, band, subs))
            previous = key
    return IndexSeries(tl.jurisdiction, codebook.id, resolved, unknown, tuple(points), tl)


class _Walker:
    """The step in force on non-decreasing days, found by moving forward."""

    def __init__(self, steps: tuple[Step, ...]) -> None:
        self.steps = steps
        self.next = 0

    def at(self, day: pendulum.Date) -> Step | None:
        while self.next < len(self.steps) and self.steps[self.next].day <= day:
            self.next += 1
        return self.steps[self.next - 1] if self.next else None


def _value(step: Step | None, dim: Dimension) -> float | None:
    return None if step is None else _subindex(step.level, step.scope, dim)


@legacy_codebook
@checked
def index(
    dataset: Dataset,
    jurisdiction: Jurisdiction,
    *,
    codebook: Codebook | None = None,
    scoring: Scoring | None = None,
    window: tuple[DateLike, DateLike] | None = None,
    weights: Mapping[str, float] | None = None,
    unknown: UnknownRule | None = None,
    start_rule: StartRule | None = None,
    subdivisions: bool | None = None,
    group: str | None = None,
) -> IndexSeries:
    """The composite index and sub-indices of *jurisdiction* over time.

    The index measures what the coded sources report, not a census of policy: see
    :func:`policytrack.coverage` for which days any source speaks to.

    Args:
        dataset: The records.
        codebook: The dimensions, their levels and default weights; by default the one the
            dataset names.
        jurisdiction: ISO 3166 code.
        scoring: The choices the index rests on: weights, the unknown rule, the start and
            subdivision rules, and which records count (confidence, sources).
        window: Days ``(start, end)`` whose coverage the result carries (none by default);
            each a date or EDTF text, ``"2012"`` as start meaning 2012-01-01.
        weights: Deprecated: pass *scoring*.
        unknown: Deprecated: pass *scoring*.
        start_rule: Deprecated: pass *scoring*.
        subdivisions: Deprecated: pass *scoring*.
        group: A population group whose measures take precedence where recorded
            (:func:`~policytrack.analysis.timeline.timeline`); None: everyone's.

    Raises:
        WeightError: The weights are not valid for the codebook.
    """
    codebook = own_codebook(dataset, codebook)
    days = None if window is None else window_days(window, "window")
    scoring = legacy_scoring(
        scoring,
        "index()",
        weights=None if weights is None else dict(weights),
        unknown=unknown,
        start_rule=start_rule,
        subdivisions=subdivisions,
    )
    tl = timeline(
        select(dataset, scoring),
        jurisdiction,
        codebook=codebook,
        start_rule=scoring.start_rule,
        subdivisions=scoring.subdivisions,
        group=group,
    )
    result = index_of(tl, codebook, weights=scoring.weight_map, unknown=scoring.unknown)
    if days is None:
        return result
    return attrs.evolve(result, coverage=coverage(dataset, jurisdiction, *days, scoring=scoring))
