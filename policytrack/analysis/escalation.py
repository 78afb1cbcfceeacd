"""Escalation: the days a sub-index or the composite rises or falls, and what caused each step.

``policytrack.analysis.escalation`` (``policytrack._escalation`` before release 0.2).

Between two days, the steps of one series telescope: their deltas add up to the change in the
index between the two days (an unknown value counts as 0 in a delta). Each step names the
measures that started or ended that day at the level that changed, with their policies and
quotes, and the span of days the step may really have happened on given their uncertain dates.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

import attrs
import pendulum

from policytrack.analysis.coverage import SourceCoverage, coverage
from policytrack.analysis.defaults import own_codebook
from policytrack.analysis.index import IndexSeries, UnknownRule, index
from policytrack.analysis.scoring import Scoring, legacy_scoring, select
from policytrack.analysis.timeline import MeasureRef, Series, StartRule, Step
from policytrack.model.arguments import (
    AtLeast,
    DateLike,
    Jurisdiction,
    checked,
    end_day,
    legacy_codebook,
    ordered,
    start_day,
)
from policytrack.model.codebook import Codebook
from policytrack.model.dataset import Dataset
from policytrack.model.dates import MAX_DAY, MIN_DAY, UncertainDate
from policytrack.model.edges import Edges
from policytrack.model.records import Evidence, Metric, Outcome, OutcomeRole, Scope, Source
from policytrack.vocab import Change

__all__ = [
    "ENFORCEMENT_METRICS",
    "Cause",
    "Change",
    "DimensionChange",
    "Escalation",
    "EscalationStep",
    "Lag",
    "conventional",
    "enforcement_lags",
    "escalation",
]

ENFORCEMENT_METRICS = frozenset(
    {
        Metric.ACCOUNTS_CLOSED,
        Metric.ACCOUNTS_SUSPENDED,
        Metric.PEOPLE_TARGETED,
        Metric.PEOPLE_DETAINED,
        Metric.PEOPLE_ARRESTED,
        Metric.PEOPLE_SENTENCED,
        Metric.PEOPLE_PUNISHED,
        Metric.CONTENT_REMOVED,
        Metric.CASES_HANDLED,
        Metric.COMPANIES_EXITED,
        Metric.SERVICES_BLOCKED,
        Metric.OFFICIALS_DISMISSED,
    }
)
"""Metrics that report enforcement (as opposed to scale, such as users or message volumes)."""


@attrs.frozen
class Cause:
    """A measure whose start or end made a step, with the evidence for its level.

    Attributes:
        policy: The policy's id.
        title: The policy's title.
        dimension: The dimension.
        level: The measure's level.
        scope: Its scope as counted.
        change: Whether it started or ended.
        earliest: The first day the change may have happened.
        latest: The last day it may have happened (None: unknown).
        date: The reported date behind the change, when there is one.
        reason: The coder's reason for the level.
        evidence: The quotes the level rests on.
    """

    policy: str
    title: str
    dimension: str
    level: int
    scope: Scope
    change: Change
    earliest: pendulum.Date
    latest: pendulum.Date | None
    date: UncertainDate | None
    reason: str
    evidence: tuple[Evidence, ...]


@attrs.frozen
class EscalationStep:
    """A rise or fall of one sub-index, or of the composite.

    Attributes:
        day: The day of the step in the series analysed.
        earliest: The first day the step may really have happened, given its causes' dates.
        latest: The last such day (None: unknown).
        dimension: The dimension's id, or None for the composite.
        before: The value the day before (None: unknown).
        after: The value from that day (None: unknown).
        causes: The measures that started or ended that day at the level that changed.
        notes: What the step's day rests on when it is not a reported day: only a source's
            publication bound, or the bound of a date set by convention (one open at an end
            or spanning more than a year).
    """

    day: pendulum.Date
    earliest: pendulum.Date
    latest: pendulum.Date | None
    dimension: str | None
    before: float | None
    after: float | None
    causes: tuple[Cause, ...]
    notes: tuple[str, ...] = ()

    @property
    def delta(self) -> float:
        """``after - before``, an unknown value counting as 0."""
        return (self.after or 0.0) - (self.before or 0.0)


@attrs.frozen
class DimensionChange:
    """How much a dimension's sub-index rose and fell over the period.

    Attributes:
        dimension: The dimension's id.
        rise: The sum of its rising steps.
        fall: The sum of its falling steps (zero or negative).
        net: ``rise + fall``: the change over the period.
    """

    dimension: str
    rise: float
    fall: float

    @property
    def net(self) -> float:
        """The change over the period."""
        return self.rise + self.fall


@attrs.frozen
class Lag:
    """Days from a policy's announcement to the first enforcement outcome linked to it.

    Attributes:
        policy: The policy's id.
        outcome: The first enforcement outcome's id.
        announced: The date the lag counts from (announcement, else effective date).
        reported: The outcome's period.
        shortest: The fewest days the lag can be given both dates' bounds (negative when the
            outcome may precede the announcement; None, unknown, when a date is open-ended or
            spans more than a year, a bound set by convention).
        longest: The most days it can be (None: unknown, as for *shortest*).
    """

    policy: str
    outcome: str
    announced: UncertainDate
    reported: UncertainDate
    shortest: int | None
    longest: int | None


@attrs.frozen
class Escalation(Edges):
    """How an index moved between two days, step by step, with causes and a summary.

    Attributes:
        jurisdiction: The ISO 3166 code.
        start: The first day of the period.
        end: The last day of the period.
        series: The series analysed.
        start_value: The composite on *start*.
        end_value: The composite on *end*.
        composite_steps: Steps of the composite after *start* up to *end*, in day order.
        dimension_steps: Steps of each sub-index, in day then codebook order.
        by_dimension: Rise, fall and net change per dimension, in codebook order.
        largest: The composite steps with the largest absolute change, largest first.
        lags: Announcement-to-enforcement lags of the policies that apply.
        index: The index the steps were read from.
        coverage: Which sources speak to the jurisdiction over the period.
        scoring: The choices the index rests on.
    """

    jurisdiction: str
    start: pendulum.Date
    end: pendulum.Date
    series: Series
    start_value: float | None
    end_value: float | None
    composite_steps: tuple[EscalationStep, ...]
    dimension_steps: tuple[EscalationStep, ...]
    by_dimension: tuple[DimensionChange, ...]
    largest: tuple[EscalationStep, ...]
    lags: tuple[Lag, ...]
    index: IndexSeries = attrs.field(repr=False)
    coverage: SourceCoverage | None = None
    scoring: Scoring = attrs.field(factory=Scoring)

    @property
    def change(self) -> float:
        """The change in the composite over the period (unknown counting as 0)."""
        return (self.end_value or 0.0) - (self.start_value or 0.0)

    def __repr__(self) -> str:
        def fmt(value: float | None) -> str:
            return "unknown" if value is None else f"{value:.1f}"

        return (
            f"<Escalation {self.jurisdiction} {self.start}..{self.end} ({self.series.value}): "
            f"composite {fmt(self.start_value)} -> {fmt(self.end_value)} in "
            f"{len(self.composite_steps)} steps>"
        )


_Moves = dict[tuple[str, pendulum.Date], list[MeasureRef]]


def _moves(measures: tuple[MeasureRef, ...], series: Series) -> _Moves:
    """The measures that start or end, by dimension and day, in *series*."""
    moves: _Moves = {}
    for ref in measures:
        span = ref.earliest if series is Series.EARLIEST else ref.latest
        if span is None:
            continue
        for day in span:
            if day is not None:
                moves.setdefault((ref.dimension, day), []).append(ref)
    return moves


def _causes(
    dataset: Dataset,
    moves: _Moves,
    dimension: str,
    day: pendulum.Date,
    series: Series,
    before: Step | None,
    after: Step | None,
) -> tuple[Cause, ...]:
    causes = []
    for ref in moves.get((dimension, day), ()):
        span = ref.earliest if series is Series.EARLIEST else ref.latest
        assert span is not None
        hi: pendulum.Date | None
        date: UncertainDate | None
        key = (ref.level, ref.scope)
        if span[0] == day and after is not None and key == (after.level, after.scope):
            change, date, lo, hi = Change.STARTS, ref.start, ref.start.earliest, ref.start.latest
        elif span[1] == day and before is not None and key == (before.level, before.scope):
            change, date = Change.ENDS, ref.end
            # An end nobody dated may have come any day from this one on.
            lo, hi = (day, None) if date is None else (date.earliest, date.latest)
        else:
            continue
        policy = dataset.policy(ref.policy)
        measure = policy.measures[ref.index]
        causes.append(
            Cause(
                ref.policy,
                policy.title,
                dimension,
                ref.level,
                ref.scope,
                change,
                lo,
                hi,
                date,
                measure.reason,
                measure.evidence,
            )
        )
    return tuple(causes)


def _bounds(
    day: pendulum.Date, causes: tuple[Cause, ...]
) -> tuple[pendulum.Date, pendulum.Date | None]:
    if not causes:
        return day, day
    lows = [c.earliest for c in causes]
    highs = [c.latest for c in causes]
    return min(lows), None if any(h is None for h in highs) else max(h for h in highs if h)


@legacy_codebook
@checked
def escalation(
    dataset: Dataset,
    jurisdiction: Jurisdiction,
    start: DateLike | None = None,
    end: DateLike | None = None,
    *,
    codebook: Codebook | None = None,
    scoring: Scoring | None = None,
    top: Annotated[int, AtLeast(0)] = 5,
    series: Series | None = None,
    weights: Mapping[str, float] | None = None,
    unknown: UnknownRule | None = None,
    start_rule: StartRule | None = None,
    subdivisions: bool | None = None,
) -> Escalation:
    """The steps by which *jurisdiction*'s index rose and fell from *start* to *end*.

    Args:
        dataset: The records.
        codebook: The dimensions, levels and default weights; by default the one the dataset names.
        jurisdiction: ISO 3166 code.
        start: The first day (default: the day before the first change).
        end: The last day (default: the last change).
        scoring: The choices the index rests on (weights, rules, series, filters).
        top: How many of the largest composite steps to list.
        series: Deprecated: pass *scoring*.
        weights: Deprecated: pass *scoring*.
        unknown: Deprecated: pass *scoring*.
        start_rule: Deprecated: pass *scoring*.
        subdivisions: Deprecated: pass *scoring*.

    Dates may be given as ``pendulum.Date``, ``datetime.date`` or EDTF text: ``"2012"`` as
    *start* is 2012-01-01, as *end* 2012-12-31.

    Raises:
        ArgumentTypeError: An argument of the wrong type.
        ArgumentValueError: An unknown jurisdiction, *end* before *start*, a negative *top* or
            a date that does not exist.
    """
    codebook = own_codebook(dataset, codebook)
    start = None if start is None else start_day(start, "start")
    end = None if end is None else end_day(end, "end")
    ordered(("start", start), ("end", end))
    scoring = legacy_scoring(
        scoring,
        "escalation()",
        series=series,
        weights=None if weights is None else dict(weights),
        unknown=unknown,
        start_rule=start_rule,
        subdivisions=subdivisions,
    )
    series = scoring.series
    dataset = select(dataset, scoring)
    idx = index(dataset, jurisdiction, codebook=codebook, scoring=scoring)
    days = [p.day for p in idx.points]
    if start is None:
        # The day before the first change, unless that change is on the first day there is.
        first = days[0].toordinal() if days else pendulum.Date.today().toordinal()
        start = pendulum.Date.fromordinal(max(first - 1, 1))
    if end is None:
        end = days[-1] if days else start
    if end < start:
        start, end = end, start
    tl = idx.timeline
    moves = _moves(tl.measures, series)
    published = {source.id: source for source in dataset.sources}
    dim_steps: list[EscalationStep] = []
    comp_steps: list[EscalationStep] = []
    for day in tl.change_days():
        if not start < day <= end:
            continue
        prev_day = day.subtract(days=1)
        day_causes: list[Cause] = []
        for dim_series in tl.dimensions:
            before, after = dim_series.on(prev_day, series), dim_series.on(day, series)
            old = idx.value(prev_day, series, dim_series.dimension)
            new = idx.value(day, series, dim_series.dimension)
            if old == new:
                continue
            causes = _causes(dataset, moves, dim_series.dimension, day, series, before, after)
            lo, hi = _bounds(day, causes)
            notes = _notes(day, causes, published)
            dim_steps.append(
                EscalationStep(day, lo, hi, dim_series.dimension, old, new, causes, notes)
            )
            day_causes.extend(causes)
        old_c, new_c = idx.value(prev_day, series), idx.value(day, series)
        if old_c != new_c:
            lo, hi = _bounds(day, tuple(day_causes))
            notes = _notes(day, tuple(day_causes), published)
            comp_steps.append(
                EscalationStep(day, lo, hi, None, old_c, new_c, tuple(day_causes), notes)
            )
    by_dimension = []
    for dim in codebook.dimensions:
        deltas = [s.delta for s in dim_steps if s.dimension == dim.id]
        by_dimension.append(
            DimensionChange(
                dim.id, sum(d for d in deltas if d > 0), sum(d for d in deltas if d < 0)
            )
        )
    largest = sorted(comp_steps, key=lambda s: (-abs(s.delta), s.day))[: max(top, 0)]
    applying = {m.policy for m in tl.measures}
    return Escalation(
        jurisdiction=jurisdiction,
        start=start,
        end=end,
        series=series,
        start_value=idx.value(start, series),
        end_value=idx.value(end, series),
        composite_steps=tuple(comp_steps),
        dimension_steps=tuple(dim_steps),
        by_dimension=tuple(by_dimension),
        largest=tuple(largest),
        lags=tuple(lag for lag in enforcement_lags(dataset) if lag.policy in applying),
        index=idx,
        coverage=coverage(dataset, jurisdiction, start, end, scoring=scoring),
        scoring=scoring,
    )


_CONVENTION_DAYS = 366
"""A date spanning more days than this (or open at an end) is a convention, not a report."""


@checked
def conventional(date: UncertainDate) -> bool:
    """Whether *date* is open at an end or spans more than a year: a bound set by convention."""
    lo, hi = date.earliest, date.latest
    return lo == MIN_DAY or hi == MAX_DAY or hi.toordinal() - lo.toordinal() >= _CONVENTION_DAYS


def _notes(
    day: pendulum.Date, causes: tuple[Cause, ...], sources: Mapping[str, Source]
) -> tuple[str, ...]:
    """What a step's day rests on when no cause's date pins it: a bound, not a report."""
    notes: list[str] = []
    for cause in causes:
        date = cause.date
        if date is None or date.is_exact:
            continue
        if day not in (date.earliest, date.latest):
            continue
        quoted = dict.fromkeys(e.source for e in cause.evidence)
        bound = [s for s in quoted if s in sources and day == sources[s].published.latest]
        if bound:
            note = (
                f"{day} is only the publication bound of {', '.join(bound)} "
                f"({cause.policy}, dated {date})"
            )
        elif conventional(date):
            note = f"{day} is only the bound of {cause.policy}'s conventional date {date}"
        else:
            continue
        if note not in notes:
            notes.append(note)
    return tuple(notes)


def _days(
    first: pendulum.Date, second: pendulum.Date, dates: tuple[UncertainDate, ...] = ()
) -> int | None:
    """Days from *first* to *second*; None (unknown) when either rests on a convention.

    That is when either is the bound of an open interval, or one of *dates* is set by
    convention (see :func:`conventional`).
    """
    if {first, second} & {MIN_DAY, MAX_DAY} or any(conventional(d) for d in dates):
        return None
    return second.toordinal() - first.toordinal()


@checked
def enforcement_lags(dataset: Dataset) -> tuple[Lag, ...]:
    """Days from each policy's announcement to the first dated enforcement outcome linked to it.

    Policies without an announcement count from their effective date; the lags are in policy
    order.
    """
    linked_to: dict[str, list[Outcome]] = {}
    for outcome in dataset.outcomes:
        if (
            outcome.metric in ENFORCEMENT_METRICS
            and outcome.role is OutcomeRole.ENFORCEMENT
            and outcome.period is not None
        ):
            for policy_id in dict.fromkeys(outcome.policies):
                linked_to.setdefault(policy_id, []).append(outcome)
    lags = []
    for policy in dataset.policies:
        announced = policy.announced or policy.effective
        linked = linked_to.get(policy.id)
        if announced is None or not linked:
            continue
        dated = [(o.period, o) for o in linked if o.period is not None]
        period, first = min(dated, key=lambda p: (p[0].earliest, p[0].latest, p[1].id))
        lags.append(
            Lag(
                policy.id,
                first.id,
                announced,
                period,
                _days(announced.latest, period.earliest, (announced, period)),
                _days(announced.earliest, period.latest, (announced, period)),
            )
        )
    return tuple(lags)
