"""The level in force on each dimension of a codebook, as step functions of time.

For a jurisdiction, every measure of every policy that applies there is in force over a span
of days: from the policy's start (its effective date, or its announcement; see
:class:`StartRule`) until it ends (its ``ended`` date, or the start of a policy that supersedes
or ends it). On each day a dimension takes the highest level in force, general if any measure at
that level is general. Policies of a jurisdiction's subdivisions count in the jurisdiction's own
timeline as *targeted* (geographically, as OxCGRT codes sub-national measures), and national
policies count in every subdivision.

Dates are uncertain, so every timeline has two series:

* **earliest**: every measure starts as early and ends as late as its dates allow (the most
  that may have been in force);
* **latest**: every measure starts as late and ends as early as its dates allow (the least
  that was certainly in force).

The days on which they differ are the uncertain ones. Before the first measure on a dimension
takes effect, the dimension is *unknown* (``level`` is ``None``), not zero.

The computation sweeps sorted start and end events on day ordinals; it never loops over days.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence

import attrs
import pendulum

from policytrack.analysis.defaults import own_codebook
from policytrack.model.arguments import Jurisdiction, checked, legacy_codebook
from policytrack.model.codebook import Codebook
from policytrack.model.dataset import Dataset
from policytrack.model.dates import MIN_DAY, UncertainDate, _parse
from policytrack.model.jurisdictions import within
from policytrack.model.records import LinkKind, Measure, Policy, PolicyStatus, Scope
from policytrack.vocab import Series, StartRule

__all__ = [
    "DimensionSeries",
    "MeasureRef",
    "Series",
    "StartRule",
    "Step",
    "Timeline",
    "applies_in",
    "step_on",
    "timeline",
]


@attrs.frozen
class MeasureRef:
    """A measure of a policy, placed in time: enough to find its evidence and explain a level.

    Attributes:
        policy: The policy's id.
        index: The measure's position in the policy's ``measures``.
        dimension: The dimension scored.
        level: The level.
        scope: General or targeted, as counted in this jurisdiction.
        start: The date it counts from.
        end: The date it stops, or None when no date for its end is reported.
        earliest: Its first day in force and first day out of force (None: never out) in the
            earliest series.
        latest: The same in the latest series, or None when it is certainly in force on no day.
    """

    policy: str
    index: int
    dimension: str
    level: int
    scope: Scope
    start: UncertainDate
    end: UncertainDate | None
    earliest: tuple[pendulum.Date, pendulum.Date | None]
    latest: tuple[pendulum.Date, pendulum.Date | None] | None


@attrs.frozen
class Step:
    """A change point: from *day* on, the dimension is at *level* until the next step.

    Attributes:
        day: The first day at this level.
        level: The highest level in force, or None while the dimension is unknown.
        scope: General if any measure at that level is general; None when level is None.
        measures: The measures in force at that level and scope (what the level rests on).
    """

    day: pendulum.Date
    level: int | None
    scope: Scope | None
    measures: tuple[MeasureRef, ...] = ()


@attrs.frozen
class DimensionSeries:
    """One dimension's two step functions.

    Attributes:
        dimension: The dimension's id.
        earliest: Steps of the earliest series, in day order.
        latest: Steps of the latest series, in day order.
    """

    dimension: str
    earliest: tuple[Step, ...]
    latest: tuple[Step, ...]
    _days: tuple[tuple[pendulum.Date, ...], tuple[pendulum.Date, ...]] = attrs.field(
        init=False, repr=False, eq=False
    )

    def __attrs_post_init__(self) -> None:
        days = (tuple(s.day for s in self.earliest), tuple(s.day for s in self.latest))
        object.__setattr__(self, "_days", days)

    def steps(self, series: Series = Series.EARLIEST) -> tuple[Step, ...]:
        """The steps of *series*."""
        return self.earliest if series is Series.EARLIEST else self.latest

    def on(self, day: pendulum.Date, series: Series = Series.EARLIEST) -> Step | None:
        """The step in force on *day*, or None before the first one (unknown)."""
        earliest = series is Series.EARLIEST
        at = bisect.bisect_right(self._days[0 if earliest else 1], day) - 1
        steps = self.earliest if earliest else self.latest
        return steps[at] if at >= 0 else None

    def uncertain_spans(self) -> tuple[tuple[pendulum.Date, pendulum.Date | None], ...]:
        """Spans ``[first, last]`` of days on which the two series differ (last None: open)."""
        spans: list[tuple[pendulum.Date, pendulum.Date | None]] = []
        start: pendulum.Date | None = None
        for day, a, b in _zip_steps(self.earliest, self.latest):
            differ = _key(a) != _key(b)
            if differ and start is None:
                start = day
            elif not differ and start is not None:
                spans.append((start, day.subtract(days=1)))
                start = None
        if start is not None:
            spans.append((start, None))
        return tuple(spans)


def _key(step: Step | None) -> tuple[int | None, Scope | None]:
    return (None, None) if step is None else (step.level, step.scope)


@checked
def step_on(steps: Sequence[Step], day: pendulum.Date) -> Step | None:
    """The step of *steps* in force on *day*, or None before the first."""
    days = [s.day for s in steps]
    at = bisect.bisect_right(days, day) - 1
    return steps[at] if at >= 0 else None


def _zip_steps(
    a: Sequence[Step], b: Sequence[Step]
) -> Iterator[tuple[pendulum.Date, Step | None, Step | None]]:
    """Each day either sequence changes, with both sequences' steps in force that day."""
    days = sorted({s.day for s in a} | {s.day for s in b})
    i = j = -1
    for day in days:
        while i + 1 < len(a) and a[i + 1].day <= day:
            i += 1
        while j + 1 < len(b) and b[j + 1].day <= day:
            j += 1
        yield day, a[i] if i >= 0 else None, b[j] if j >= 0 else None


@attrs.frozen
class Timeline:
    """Every dimension's level in force over time in one jurisdiction.

    Attributes:
        jurisdiction: The ISO 3166 code.
        codebook: The codebook's id.
        start_rule: Which date policies count from.
        subdivisions: Whether policies of the jurisdiction's subdivisions were counted.
        dimensions: One series per codebook dimension, in codebook order.
        measures: Every measure counted, placed in time.
        undated: Ids of policies that apply but have no date to count from.
        excluded: Ids of policies that apply but were left out because they are only proposed.
    """

    jurisdiction: str
    codebook: str
    start_rule: StartRule
    subdivisions: bool
    dimensions: tuple[DimensionSeries, ...]
    measures: tuple[MeasureRef, ...]
    undated: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()

    def dimension(self, dimension_id: str) -> DimensionSeries:
        """The series of *dimension_id*.

        Raises:
            KeyError: The codebook has no such dimension.
        """
        for series in self.dimensions:
            if series.dimension == dimension_id:
                return series
        raise KeyError(dimension_id)

    def change_days(self) -> tuple[pendulum.Date, ...]:
        """Every day on which any dimension changes in either series, in order."""
        days = {s.day for d in self.dimensions for s in d.earliest + d.latest}
        return tuple(sorted(days))


@checked
def applies_in(policy_jurisdiction: str, jurisdiction: str, *, subdivisions: bool) -> bool:
    """Whether a policy of *policy_jurisdiction* counts in *jurisdiction*'s timeline."""
    if within(jurisdiction, policy_jurisdiction):
        return True  # the jurisdiction itself or a policy of a country it belongs to
    return subdivisions and within(policy_jurisdiction, jurisdiction)


_FOREVER = pendulum.Date(9999, 12, 31).toordinal() + 1


@functools.lru_cache(maxsize=1 << 16)
def _day_of(ordinal: int) -> pendulum.Date:
    """The pendulum Date of a day ordinal (dates are immutable: one object serves every use)."""
    return pendulum.Date.fromordinal(ordinal)


def _ordinals(date: UncertainDate) -> tuple[int, int]:
    """The first and last day of a date, as day ordinals."""
    parsed = _parse(date.edtf)
    return parsed.earliest.toordinal(), parsed.latest.toordinal()


_Placed = tuple[
    int,
    Policy,
    UncertainDate | None,
    UncertainDate | None,
    tuple[int, int, int, int],
    tuple[pendulum.Date, pendulum.Date | None],
    tuple[pendulum.Date, pendulum.Date | None] | None,
]
"""A policy placed in time under one start rule (the same in every jurisdiction).

``(position, policy, start, end, bounds, earliest, latest)``: its position in the dataset; the
policy; the date it counts from (None: undated); the date behind its end, when one is reported
or implied by a link; ``(start_lo, start_hi, end_lo, end_hi)`` as day ordinals, ends exclusive
(_FOREVER: in force indefinitely); its first day in force and first day out of force in the
earliest series; the same in the latest series, or None when it is certainly in force on no day.
"""

_UNDATED = (0, 0, 0, 0)


def _prepare(dataset: Dataset, start_rule: StartRule) -> dict[str, list[_Placed]]:
    """Every policy placed in time, by jurisdiction code, in dataset order (computed once)."""
    effective_first = start_rule is StartRule.EFFECTIVE
    starts: dict[str, UncertainDate] = {}
    for policy in dataset.policies:
        if effective_first:
            start = policy.effective or policy.announced
        else:
            start = policy.announced or policy.effective
        if start is not None:
            starts[policy.id] = start
    enders: dict[str, list[UncertainDate]] = {}
    for link in dataset.links:
        if link.kind in (LinkKind.SUPERSEDES, LinkKind.ENDS) and link.from_policy in starts:
            enders.setdefault(link.to_policy, []).append(starts[link.from_policy])
    # Dates repeat across policies: their ordinals and days are worked out once each.
    ordinals: dict[str, tuple[int, int]] = {}
    days: dict[int | None, pendulum.Date | None] = {None: None}
    proposed, ended = PolicyStatus.PROPOSED, (PolicyStatus.ENDED, PolicyStatus.SUPERSEDED)
    by_code: dict[str, list[_Placed]] = {}
    for position, policy in enumerate(dataset.policies):
        start = starts.get(policy.id)
        if start is None or policy.status is proposed:
            placed: _Placed = (position, policy, start, None, _UNDATED, (MIN_DAY, None), None)
        else:
            span = ordinals.get(start.edtf) or ordinals.setdefault(start.edtf, _ordinals(start))
            start_lo, start_hi = span
            end = policy.ended
            end_lo: int | None
            end_hi: int | None
            if end is not None:
                end_lo, end_hi = ordinals.get(end.edtf) or ordinals.setdefault(
                    end.edtf, _ordinals(end)
                )
            elif policy.id in enders:
                ends = enders[policy.id]
                end = min(ends, key=lambda d: (d.earliest, d.latest))
                end_lo = min(_ordinals(d)[0] for d in ends)
                end_hi = min(_ordinals(d)[1] for d in ends)
            elif policy.status in ended:
                # Ended on a day nobody reported: certainly in force on its start day only.
                end_lo, end_hi = start_hi + 1, None
            else:
                end_lo = end_hi = None
            for ordinal in (start_lo, start_hi, end_lo, end_hi):
                if ordinal not in days:
                    days[ordinal] = _day(ordinal)
            certain = end_lo is None or start_hi < end_lo
            # A start's day is never None: only an end's can be.
            placed = (  # type: ignore[assignment]
                position,
                policy,
                start,
                end,
                (
                    start_lo,
                    start_hi,
                    _FOREVER if end_lo is None else end_lo,
                    _FOREVER if end_hi is None else end_hi,
                ),
                (days[start_lo], days[end_hi]),
                (days[start_hi], days[end_lo]) if certain else None,
            )
        found = by_code.get(policy.jurisdiction)
        if found is None:
            by_code[policy.jurisdiction] = [placed]
        else:
            found.append(placed)
    return by_code


def _applying(
    by_code: dict[str, list[_Placed]], jurisdiction: str, subdivisions: bool
) -> list[_Placed]:
    """The policies that count in *jurisdiction*, in dataset order."""
    groups = [
        placed
        for code, placed in by_code.items()
        if applies_in(code, jurisdiction, subdivisions=subdivisions)
    ]
    if len(groups) == 1:
        return groups[0]
    return sorted(itertools.chain.from_iterable(groups))


@attrs.define
class _Spans:
    """The measures counted in a jurisdiction, with what the sweeps need of each.

    Attributes:
        refs: The measures, in policy order.
        dimensions: Each measure's dimension, as its position in the codebook.
        bounds: Each measure's ``start_lo, start_hi, end_lo, end_hi`` in turn, as day ordinals,
            ends exclusive (_FOREVER: in force indefinitely): four numbers a measure.
        buckets: Each measure's ``2 * level + general``, its level capped at the dimension's.
    """

    refs: list[MeasureRef] = attrs.Factory(list)
    dimensions: list[int] = attrs.Factory(list)
    bounds: list[int] = attrs.Factory(list)
    buckets: list[int] = attrs.Factory(list)


def _measure_spans(
    dataset: Dataset,
    codebook: Codebook,
    jurisdiction: str,
    *,
    start_rule: StartRule = StartRule.EFFECTIVE,
    subdivisions: bool = True,
) -> tuple[_Spans, list[str], list[str]]:
    """Every measure that applies in *jurisdiction* with its start and end bounds (ordinals).

    Returns:
        The measures, the ids of undated policies and the ids of policies left out as proposed.
    """
    # Per dimension id: its position, twice its highest level, and whether it carries a flag.
    known = {d.id: (i, 2 * d.max_level, d.flag) for i, d in enumerate(codebook.dimensions)}
    by_code = dataset._derive(("timeline", start_rule), lambda: _prepare(dataset, start_rule))
    spans = _Spans()
    refs, dimensions, bounds_of, buckets = (
        spans.refs,
        spans.dimensions,
        spans.bounds.extend,
        spans.buckets,
    )
    undated: list[str] = []
    excluded: list[str] = []
    proposed, general, targeted = PolicyStatus.PROPOSED, Scope.GENERAL, Scope.TARGETED
    for _, policy, start, end, bounds, earliest, latest in _applying(
        by_code, jurisdiction, subdivisions
    ):
        if policy.status is proposed:
            excluded.append(policy.id)
            continue
        if start is None:
            undated.append(policy.id)
            continue
        local = policy.jurisdiction != jurisdiction and within(policy.jurisdiction, jurisdiction)
        for index, measure in enumerate(policy.measures):
            dimension = measure.dimension
            found = known.get(dimension)
            if found is None:
                continue
            position, top2, flag = found
            level = measure.level
            scope = targeted if local and flag else measure.scope
            if measure.effective is None and measure.ended is None:
                ref = MeasureRef(
                    policy.id, index, dimension, level, scope, start, end, earliest, latest
                )
                bounds_of(bounds)
            else:
                ref, own = _own_dates(policy.id, index, measure, scope, start, end, bounds)
                bounds_of(own)
            refs.append(ref)
            dimensions.append(position)
            buckets.append(min(2 * level, top2) + (scope is general))
    return spans, undated, excluded


def _own_dates(
    policy: str,
    index: int,
    measure: Measure,
    scope: Scope,
    start: UncertainDate,
    end: UncertainDate | None,
    bounds: tuple[int, int, int, int],
) -> tuple[MeasureRef, tuple[int, int, int, int]]:
    """A measure with its own dates, placed inside its policy's span (never outside it).

    Its bounds are the policy's narrowed by its own: it starts no earlier and ends no later
    than its policy in either series, so its own dates can only shorten its time in force.
    """
    start_lo, start_hi, end_lo, end_hi = bounds
    if measure.effective is not None:
        own_lo, own_hi = _ordinals(measure.effective)
        start_lo, start_hi = max(start_lo, own_lo), max(start_hi, own_hi)
        start = measure.effective
    if measure.ended is not None:
        own_lo, own_hi = _ordinals(measure.ended)
        end_lo, end_hi = min(end_lo, own_lo), min(end_hi, own_hi)
        end = measure.ended
    earliest = (_day_of(start_lo), _day(end_hi))
    latest = (_day_of(start_hi), _day(end_lo)) if start_hi < end_lo else None
    ref = MeasureRef(
        policy, index, measure.dimension, measure.level, scope, start, end, earliest, latest
    )
    return ref, (start_lo, start_hi, end_lo, end_hi)


def _day(ordinal: int | None) -> pendulum.Date | None:
    if ordinal is None or ordinal >= _FOREVER:
        return None
    return _day_of(ordinal)


_FAST_MIN_MEASURES = 2000
"""From how many measures a timeline is swept with NumPy (when it is installed)."""
_FAST_MIN_MEASURES_LOADED = 200
"""The same, once NumPy is imported anyway: then only the per-call overhead is weighed."""

_Sweeps = Callable[["_Spans", list[int]], list[tuple[tuple[Step, ...], tuple[Step, ...]]]]
"""Sweeps of every dimension: the spans and each dimension's highest level, in codebook order."""


def _sweeps(spans: _Spans, tops: list[int]) -> list[tuple[tuple[Step, ...], tuple[Step, ...]]]:
    """The earliest and latest steps of every dimension, swept in pure Python (the reference)."""
    chosen: list[list[int]] = [[] for _ in tops]
    for i, dimension in enumerate(spans.dimensions):
        chosen[dimension].append(i)
    b, refs = spans.bounds, spans.refs
    return [
        (
            _sweep(((b[4 * i], b[4 * i + 3], refs[i]) for i in measures), top),
            _sweep(((b[4 * i + 1], b[4 * i + 2], refs[i]) for i in measures), top),
        )
        for measures, top in zip(chosen, tops, strict=True)
    ]


def _fast_sweeps(measures: int) -> _Sweeps | None:
    """The NumPy sweep (:mod:`policytrack.analysis.sweep`) when it pays, else None (the pure one).

    Importing NumPy costs more than the pure sweep of a small timeline, so it is only imported
    for a large one; once imported, it is used from a smaller size.
    """
    threshold = _FAST_MIN_MEASURES_LOADED if "numpy" in sys.modules else _FAST_MIN_MEASURES
    if measures < threshold:
        return None
    try:
        from policytrack.analysis.sweep import sweeps  # noqa: PLC0415  (NumPy: only when it pays)
    except ImportError:  # NumPy is not installed: the pure sweep gives the same steps
        return None
    return sweeps


def _sweep(intervals: Iterable[tuple[int, int, MeasureRef]], top: int) -> tuple[Step, ...]:
    """Steps of the highest level in force, from half-open day-ordinal intervals."""
    events: list[tuple[int, int, int, MeasureRef]] = []
    for seq, (lo, hi, ref) in enumerate(intervals):
        if hi <= lo:
            continue
        events.append((lo, 1, seq, ref))
        if hi < _FOREVER:
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
                    pendulum.Date.fromordinal(day),
                    level,
                    current[1],
                    tuple(holders[k] for k in sorted(holders)),
                )
            )
            previous = current
    return tuple(steps)


@legacy_codebook
@checked
def timeline(
    dataset: Dataset,
    jurisdiction: Jurisdiction,
    *,
    codebook: Codebook | None = None,
    start_rule: StartRule = StartRule.EFFECTIVE,
    subdivisions: bool = True,
) -> Timeline:
    """The level in force on every dimension of *codebook* in *jurisdiction*, over time.

    Args:
        dataset: The records.
        codebook: The dimensions and their levels; by default the one the dataset names.
        jurisdiction: ISO 3166 code (``CN``, ``CN-SH``).
        start_rule: Whether policies count from their effective date or their announcement.
        subdivisions: Whether policies of the jurisdiction's subdivisions count (as targeted).

    Returns:
        Two series per dimension (earliest and latest) with the measures behind each level.
    """
    codebook = own_codebook(dataset, codebook)
    spans, undated, excluded = _measure_spans(
        dataset, codebook, jurisdiction, start_rule=start_rule, subdivisions=subdivisions
    )
    fast = _fast_sweeps(len(spans.refs))
    if fast is not None:
        steps = fast(spans, [d.max_level for d in codebook.dimensions])
    else:
        steps = _sweeps(spans, [d.max_level for d in codebook.dimensions])
    series = tuple(
        DimensionSeries(dim.id, earliest, latest)
        for dim, (earliest, latest) in zip(codebook.dimensions, steps, strict=True)
    )
    return Timeline(
        jurisdiction=jurisdiction,
        codebook=codebook.id,
        start_rule=start_rule,
        subdivisions=subdivisions,
        dimensions=series,
        measures=tuple(spans.refs),
        undated=tuple(undated),
        excluded=tuple(excluded),
    )
