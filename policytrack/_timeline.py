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
from collections.abc import Iterable, Iterator, Sequence

import attrs
import pendulum

from policytrack.codebook import Codebook
from policytrack.dataset import Dataset
from policytrack.dates import UncertainDate
from policytrack.jurisdictions import within
from policytrack.models import LinkKind, Policy, PolicyStatus, Scope
from policytrack.options import Series, StartRule

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


def applies_in(policy_jurisdiction: str, jurisdiction: str, *, subdivisions: bool) -> bool:
    """Whether a policy of *policy_jurisdiction* counts in *jurisdiction*'s timeline."""
    if within(jurisdiction, policy_jurisdiction):
        return True  # the jurisdiction itself or a policy of a country it belongs to
    return subdivisions and within(policy_jurisdiction, jurisdiction)


def _start_of(policy: Policy, rule: StartRule) -> UncertainDate | None:
    if rule is StartRule.EFFECTIVE:
        return policy.effective or policy.announced
    return policy.announced or policy.effective


@attrs.frozen
class _Span:
    ref: MeasureRef
    start_lo: int
    start_hi: int
    end_lo: int | None  # exclusive; None: in force indefinitely
    end_hi: int | None


_FOREVER = pendulum.Date(9999, 12, 31).toordinal() + 1


def _measure_spans(
    dataset: Dataset,
    codebook: Codebook,
    jurisdiction: str,
    *,
    start_rule: StartRule = StartRule.EFFECTIVE,
    subdivisions: bool = True,
) -> tuple[list[_Span], list[str], list[str]]:
    """Every measure that applies in *jurisdiction* with its start and end bounds (ordinals).

    Returns:
        The spans, the ids of undated policies and the ids of policies left out as proposed.
    """
    flagged = {d.id for d in codebook.dimensions if d.flag}
    known = {d.id for d in codebook.dimensions}
    starts: dict[str, UncertainDate] = {}
    for policy in dataset.policies:
        start = _start_of(policy, start_rule)
        if start is not None:
            starts[policy.id] = start
    enders: dict[str, list[UncertainDate]] = {}
    for link in dataset.links:
        if link.kind in (LinkKind.SUPERSEDES, LinkKind.ENDS) and link.from_policy in starts:
            enders.setdefault(link.to_policy, []).append(starts[link.from_policy])

    spans: list[_Span] = []
    undated: list[str] = []
    excluded: list[str] = []
    for policy in dataset.policies:
        if not applies_in(policy.jurisdiction, jurisdiction, subdivisions=subdivisions):
            continue
        if policy.status is PolicyStatus.PROPOSED:
            excluded.append(policy.id)
            continue
        start = starts.get(policy.id)
        if start is None:
            undated.append(policy.id)
            continue
        start_lo, start_hi = start.earliest.toordinal(), start.latest.toordinal()
        end = policy.ended
        end_lo: int | None
        end_hi: int | None
        if end is not None:
            end_lo, end_hi = end.earliest.toordinal(), end.latest.toordinal()
        elif policy.id in enders:
            end = min(enders[policy.id], key=lambda d: (d.earliest, d.latest))
            end_lo = min(d.earliest.toordinal() for d in enders[policy.id])
            end_hi = min(d.latest.toordinal() for d in enders[policy.id])
        elif policy.status in (PolicyStatus.ENDED, PolicyStatus.SUPERSEDED):
            # Ended on a day nobody reported: certainly in force on its start day only.
            end_lo, end_hi = start_hi + 1, None
        else:
            end_lo = end_hi = None
        local = policy.jurisdiction != jurisdiction and within(policy.jurisdiction, jurisdiction)
        for index, measure in enumerate(policy.measures):
            if measure.dimension not in known:
                continue
            scope = measure.scope
            if local and measure.dimension in flagged:
                scope = Scope.TARGETED
            certain = end_lo is None or start_hi < end_lo
            ref = MeasureRef(
                policy.id,
                index,
                measure.dimension,
                measure.level,
                scope,
                start,
                end,
                (pendulum.Date.fromordinal(start_lo), _day(end_hi)),
                (pendulum.Date.fromordinal(start_hi), _day(end_lo)) if certain else None,
            )
            spans.append(_Span(ref, start_lo, start_hi, end_lo, end_hi))
    return spans, undated, excluded


def _day(ordinal: int | None) -> pendulum.Date | None:
    if ordinal is None or ordinal >= _FOREVER:
        return None
    return pendulum.Date.fromordinal(ordinal)


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


def timeline(
    dataset: Dataset,
    codebook: Codebook,
    jurisdiction: str,
    *,
    start_rule: StartRule = StartRule.EFFECTIVE,
    subdivisions: bool = True,
) -> Timeline:
    """The level in force on every dimension of *codebook* in *jurisdiction*, over time.

    Args:
        dataset: The records.
        codebook: The dimensions and their levels.
        jurisdiction: ISO 3166 code (``CN``, ``CN-SH``).
        start_rule: Whether policies count from their effective date or their announcement.
        subdivisions: Whether policies of the jurisdiction's subdivisions count (as targeted).

    Returns:
        Two series per dimension (earliest and latest) with the measures behind each level.
    """
    spans, undated, excluded = _measure_spans(
        dataset, codebook, jurisdiction, start_rule=start_rule, subdivisions=subdivisions
    )
    by_dimension: dict[str, list[_Span]] = {d.id: [] for d in codebook.dimensions}
    for span in spans:
        by_dimension[span.ref.dimension].append(span)
    series = []
    for dim in codebook.dimensions:
        items = by_dimension[dim.id]
        earliest = _sweep(
            ((s.start_lo, _FOREVER if s.end_hi is None else s.end_hi, s.ref) for s in items),
            dim.max_level,
        )
        latest = _sweep(
            ((s.start_hi, _FOREVER if s.end_lo is None else s.end_lo, s.ref) for s in items),
            dim.max_level,
        )
        series.append(DimensionSeries(dim.id, earliest, latest))
    return Timeline(
        jurisdiction=jurisdiction,
        codebook=codebook.id,
        start_rule=start_rule,
        subdivisions=subdivisions,
        dimensions=tuple(series),
        measures=tuple(s.ref for s in spans),
        undated=tuple(undated),
        excluded=tuple(excluded),
    )
