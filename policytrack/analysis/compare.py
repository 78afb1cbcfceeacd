"""Comparisons: policy with policy, period with period, jurisdiction with jurisdiction.

``policytrack.analysis.compare`` (``policytrack.compare`` before release 0.2).

Also a platform's history: every policy, outcome and exit that touched it, in order.

Every comparison is symmetric: comparing B with A gives the mirror image of comparing A with B.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

import attrs
import pendulum

from policytrack.analysis.coverage import SourceCoverage, coverage
from policytrack.analysis.defaults import own_codebook
from policytrack.analysis.index import (
    Band,
    IndexSeries,
    UnknownRule,
    composite,
    index,
    resolve_weights,
)
from policytrack.analysis.index import subindex as _subindex
from policytrack.analysis.scoring import Scoring, legacy_scoring
from policytrack.analysis.timeline import Series, StartRule
from policytrack.errors import NotFoundError
from policytrack.model.arguments import (
    DateLike,
    Jurisdiction,
    checked,
    legacy_codebook,
    start_day,
)
from policytrack.model.arguments import window as period_days
from policytrack.model.codebook import Codebook
from policytrack.model.dataset import Dataset
from policytrack.model.dates import UncertainDate
from policytrack.model.edges import Edges
from policytrack.model.records import Metric, Outcome, Platform, Policy, Scope
from policytrack.vocab import EventKind, Stricter

__all__ = [
    "DimensionComparison",
    "EventKind",
    "JurisdictionComparison",
    "PeriodComparison",
    "PlatformEvent",
    "PlatformTimeline",
    "PolicyComparison",
    "Stricter",
    "comparable",
    "compare_jurisdictions",
    "compare_periods",
    "compare_policies",
    "platform_timeline",
    "policy_score",
]


def _stricter(a: float | None, b: float | None) -> Stricter:
    if a is None and b is None:
        return Stricter.UNKNOWN
    a_value, b_value = a or 0.0, b or 0.0
    if a_value > b_value:
        return Stricter.FIRST
    if b_value > a_value:
        return Stricter.SECOND
    return Stricter.EQUAL


@attrs.frozen
class DimensionComparison:
    """Two sides on one dimension.

    Attributes:
        dimension: The dimension's id.
        first_level: The first side's level (None: no measure / unknown).
        first_scope: Its scope.
        second_level: The second side's level.
        second_scope: Its scope.
        first: The first side's sub-index.
        second: The second side's sub-index.
        stricter: Which side is stricter on this dimension.
    """

    dimension: str
    first_level: int | None
    first_scope: Scope | None
    second_level: int | None
    second_scope: Scope | None
    first: float | None
    second: float | None
    stricter: Stricter


@attrs.frozen
class PolicyComparison(Edges):
    """Two policies side by side.

    Attributes:
        first: The first policy's id.
        second: The second policy's id.
        dimensions: Level, scope and sub-index per dimension, in codebook order.
        first_score: The first policy's composite score (its measures alone, unknown as 0).
        second_score: The second's.
        stricter: Which is stricter overall, by composite score.
        shared_agencies: Agencies (issuing or enforcing) both involve.
        first_only_agencies: Agencies only the first involves.
        second_only_agencies: Agencies only the second involves.
        shared_platforms, first_only_platforms, second_only_platforms: Platforms targeted.
        shared_targets, first_only_targets, second_only_targets: Other targets, in words.
    """

    first: str
    second: str
    dimensions: tuple[DimensionComparison, ...]
    first_score: float
    second_score: float
    stricter: Stricter
    shared_agencies: tuple[str, ...]
    first_only_agencies: tuple[str, ...]
    second_only_agencies: tuple[str, ...]
    shared_platforms: tuple[str, ...]
    first_only_platforms: tuple[str, ...]
    second_only_platforms: tuple[str, ...]
    shared_targets: tuple[str, ...]
    first_only_targets: tuple[str, ...]
    second_only_targets: tuple[str, ...]

    @property
    def stricter_on(self) -> dict[Stricter, tuple[str, ...]]:
        """The dimensions on which each side is stricter."""
        result: dict[Stricter, list[str]] = {s: [] for s in Stricter}
        for d in self.dimensions:
            result[d.stricter].append(d.dimension)
        return {k: tuple(v) for k, v in result.items()}

    def __repr__(self) -> str:
        v = self.stricter.value
        return (
            f"<PolicyComparison {self.first} vs {self.second}: "
            f"{self.first_score:.1f} vs {self.second_score:.1f}, stricter: "
            f"{ {'first': self.first, 'second': self.second}.get(v, v) }>"
        )


def _split(a: Sequence[str], b: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    set_a, set_b = set(a), set(b)
    return (
        tuple(sorted(set_a & set_b)),
        tuple(sorted(set_a - set_b)),
        tuple(sorted(set_b - set_a)),
    )


def _levels(policy: Policy) -> dict[str, tuple[int, Scope]]:
    return {m.dimension: (m.level, m.scope) for m in policy.measures}


@checked
def policy_score(
    policy: Policy, codebook: Codebook, weights: Mapping[str, float] | None = None
) -> float:
    """The composite score of *policy*'s measures alone (dimensions it does not touch as 0)."""
    resolved = resolve_weights(codebook, weights)
    levels = _levels(policy)
    values = {
        d.id: _subindex(levels[d.id][0], levels[d.id][1], d) if d.id in levels else None
        for d in codebook.dimensions
    }
    return composite(values, resolved, UnknownRule.ZERO) or 0.0


@legacy_codebook
@checked
def compare_policies(
    dataset: Dataset,
    first: str,
    second: str,
    *,
    codebook: Codebook | None = None,
    weights: Mapping[str, float] | None = None,
) -> PolicyComparison:
    """Compare two policies by dimension, and by the agencies, platforms and targets they involve.

    Raises:
        NotFoundError: Either id is not a policy.
    """
    codebook = own_codebook(dataset, codebook)
    a, b = dataset.policy(first), dataset.policy(second)
    levels_a, levels_b = _levels(a), _levels(b)
    dims = []
    for dim in codebook.dimensions:
        la, lb = levels_a.get(dim.id), levels_b.get(dim.id)
        va = None if la is None else _subindex(la[0], la[1], dim)
        vb = None if lb is None else _subindex(lb[0], lb[1], dim)
        dims.append(
            DimensionComparison(
                dim.id,
                None if la is None else la[0],
                None if la is None else la[1],
                None if lb is None else lb[0],
                None if lb is None else lb[1],
                va,
                vb,
                _stricter(va, vb),
            )
        )
    score_a = policy_score(a, codebook, weights)
    score_b = policy_score(b, codebook, weights)
    agencies = _split(a.issuers + a.enforcers, b.issuers + b.enforcers)
    platforms = _split(a.platforms, b.platforms)
    targets = _split(a.targets, b.targets)
    return PolicyComparison(
        first,
        second,
        tuple(dims),
        score_a,
        score_b,
        _stricter(score_a, score_b),
        *agencies,
        *platforms,
        *targets,
    )


@attrs.frozen
class PeriodComparison(Edges):
    """One jurisdiction's index at two days, or averaged over two windows.

    Attributes:
        jurisdiction: The ISO 3166 code.
        first: The first day or window ``(start, end)``, inclusive.
        second: The second.
        first_composite: The composite in the first period, both series.
        second_composite: The composite in the second period.
        first_subindices: Each dimension's sub-index in the first period.
        second_subindices: The same in the second.
        entered: Policies in force (certainly, in the latest series) in the second period's last
            day but not in the first period's last day: what accounts for a rise.
        left: Policies in force at the end of the first period but not the second.
        first_coverage: Which sources speak to the first period.
        second_coverage: Which sources speak to the second.
    """

    jurisdiction: str
    first: tuple[pendulum.Date, pendulum.Date]
    second: tuple[pendulum.Date, pendulum.Date]
    first_composite: Band
    second_composite: Band
    first_subindices: Mapping[str, Band]
    second_subindices: Mapping[str, Band]
    entered: tuple[str, ...]
    left: tuple[str, ...]
    first_coverage: SourceCoverage | None = None
    second_coverage: SourceCoverage | None = None

    def difference(self, dimension: str | None = None, series: Series = Series.EARLIEST) -> float:
        """Second minus first, for the composite or *dimension* (unknown as 0)."""
        if dimension is None:
            first, second = self.first_composite, self.second_composite
        else:
            first, second = self.first_subindices[dimension], self.second_subindices[dimension]
        if series is Series.EARLIEST:
            return (second.earliest or 0.0) - (first.earliest or 0.0)
        return (second.latest or 0.0) - (first.latest or 0.0)

    def __repr__(self) -> str:
        def fmt(value: float | None) -> str:
            return "unknown" if value is None else f"{value:.1f}"

        (a, b), (c, d) = self.first, self.second
        return (
            f"<PeriodComparison {self.jurisdiction} {a}..{b} vs {c}..{d}: composite "
            f"{fmt(self.first_composite.earliest)} -> {fmt(self.second_composite.earliest)}, "
            f"{len(self.entered)} policies entering, {len(self.left)} leaving>"
        )


def _window_mean(
    idx: IndexSeries, start: pendulum.Date, end: pendulum.Date, key: str | None
) -> Band:
    """Day-weighted mean over ``[start, end]`` without looping over days: None days excluded."""
    out = []
    for series in (Series.EARLIEST, Series.LATEST):
        total = days = 0.0
        bounds = [start.toordinal()]
        bounds += [p.day.toordinal() for p in idx.points if start < p.day <= end]
        bounds.append(end.toordinal() + 1)
        for lo, hi in itertools.pairwise(bounds):
            value = idx.value(pendulum.Date.fromordinal(lo), series, key)
            if value is not None:
                span = hi - lo
                total += value * span
                days += span
        out.append(total / days if days else None)
    return Band(out[0], out[1])


def _in_force(idx: IndexSeries, day: pendulum.Date) -> set[str]:
    policies = set()
    for ref in idx.timeline.measures:
        span = ref.latest
        if span is not None and span[0] <= day and (span[1] is None or day < span[1]):
            policies.add(ref.policy)
    return policies


@legacy_codebook
@checked
def compare_periods(
    dataset: Dataset,
    jurisdiction: Jurisdiction,
    first: DateLike | tuple[DateLike, DateLike],
    second: DateLike | tuple[DateLike, DateLike],
    *,
    codebook: Codebook | None = None,
    scoring: Scoring | None = None,
    weights: Mapping[str, float] | None = None,
    unknown: UnknownRule | None = None,
    start_rule: StartRule | None = None,
    subdivisions: bool | None = None,
    group: str | None = None,
) -> PeriodComparison:
    """The index of *jurisdiction* at two days or over two windows, and what changed between.

    The policies that account for the difference are those in force at one end and not the
    other. A window ``(start, end)`` is averaged day by day over the days the value is known.
    With *group*, the group's measures take precedence where recorded.
    Each period carries its coverage: a period no source speaks to is not comparable.
    *weights*, *unknown*, *start_rule* and *subdivisions* are deprecated: pass *scoring*.
    """
    codebook = own_codebook(dataset, codebook)
    scoring = legacy_scoring(
        scoring,
        "compare_periods()",
        weights=None if weights is None else dict(weights),
        unknown=unknown,
        start_rule=start_rule,
        subdivisions=subdivisions,
    )
    idx = index(dataset, jurisdiction, codebook=codebook, scoring=scoring, group=group)
    windows = [period_days(first, "first"), period_days(second, "second")]
    subs = [
        {d.id: _window_mean(idx, w[0], w[1], d.id) for d in codebook.dimensions} for w in windows
    ]
    before, after = _in_force(idx, windows[0][1]), _in_force(idx, windows[1][1])
    return PeriodComparison(
        jurisdiction,
        windows[0],
        windows[1],
        _window_mean(idx, windows[0][0], windows[0][1], None),
        _window_mean(idx, windows[1][0], windows[1][1], None),
        subs[0],
        subs[1],
        tuple(sorted(after - before)),
        tuple(sorted(before - after)),
        coverage(dataset, jurisdiction, *windows[0], scoring=scoring),
        coverage(dataset, jurisdiction, *windows[1], scoring=scoring),
    )


@attrs.frozen
class JurisdictionComparison(Edges):
    """Two jurisdictions' indices, aligned by calendar or by time since a reference day each.

    Attributes:
        first: The first jurisdiction's code.
        second: The second's.
        first_reference: The day the first's offsets count from (None: calendar alignment).
        second_reference: The day the second's offsets count from.
        rows: ``(offset or day, first composite, second composite)`` at every day either
            changes, in order; offsets are days since the reference.
        first_index: The first jurisdiction's full index.
        second_index: The second's.
        first_coverage: Which sources speak to the first over the compared span.
        second_coverage: The same for the second.
        comparability: Says plainly whether the sides rest on comparable reporting.
    """

    first: str
    second: str
    first_reference: pendulum.Date | None
    second_reference: pendulum.Date | None
    rows: tuple[tuple[pendulum.Date | int, Band, Band], ...]
    first_index: IndexSeries = attrs.field(repr=False)
    second_index: IndexSeries = attrs.field(repr=False)
    first_coverage: SourceCoverage | None = None
    second_coverage: SourceCoverage | None = None
    comparability: str = ""

    @property
    def comparable(self) -> bool:
        """Whether both sides rest on comparable reporting (see :func:`comparable`)."""
        if self.first_coverage is None or self.second_coverage is None:
            return True
        return comparable(self.first_coverage, self.second_coverage)[0]

    def __repr__(self) -> str:
        aligned = "aligned on references" if self.first_reference else "by calendar"
        return (
            f"<JurisdictionComparison {self.first} vs {self.second} ({aligned}): "
            f"{len(self.rows)} rows>"
        )


_FAR_FEWER = 0.5
"""A side with less than this share of the other's sources or covered days is not comparable."""


@checked
def comparable(first: SourceCoverage, second: SourceCoverage) -> tuple[bool, str]:
    """Whether two sides' coverage is comparable, and why, in a sentence.

    A side is not comparable when no source speaks to it in the window, or when it has far
    fewer sources or covered days than the other (less than half).
    """
    sides = ((first, second), (second, first))
    for one, _ in sides:
        if not one.source_ids:
            return False, (
                f"{one.jurisdiction} is not comparable: no source covers it from "
                f"{one.start} to {one.end}"
            )
    for one, other in sides:
        few = len(one.source_ids) < _FAR_FEWER * len(other.source_ids)
        short = one.covered_days < _FAR_FEWER * other.covered_days
        if few or short:
            return False, (
                f"{one.jurisdiction} is not comparable with {other.jurisdiction}: it rests on "
                f"{len(one.source_ids)} source(s) covering {one.share:.0%} of the days, "
                f"against {len(other.source_ids)} covering {other.share:.0%}"
            )
    return True, (
        f"comparable coverage: {first.jurisdiction} {len(first.source_ids)} source(s), "
        f"{first.share:.0%} of days; {second.jurisdiction} {len(second.source_ids)}, "
        f"{second.share:.0%}"
    )


@legacy_codebook
@checked
def compare_jurisdictions(
    dataset: Dataset,
    first: Jurisdiction,
    second: Jurisdiction,
    *,
    codebook: Codebook | None = None,
    references: tuple[DateLike, DateLike] | None = None,
    scoring: Scoring | None = None,
    window: tuple[DateLike, DateLike] | None = None,
    weights: Mapping[str, float] | None = None,
    unknown: UnknownRule | None = None,
    start_rule: StartRule | None = None,
    subdivisions: bool | None = None,
) -> JurisdictionComparison:
    """Two jurisdictions' composite indices side by side.

    Args:
        dataset: The records.
        codebook: The codebook; by default the one the dataset names.
        first: The first ISO 3166 code.
        second: The second.
        references: A reference day for each (a comparable event), to align by days since it;
            by default the series are aligned by calendar.
        scoring: The choices the indices rest on.
        window: The days whose coverage is compared (default: from the first change of
            either index to the last).
        weights: Deprecated: pass *scoring*.
        unknown: Deprecated: pass *scoring*.
        start_rule: Deprecated: pass *scoring*.
        subdivisions: Deprecated: pass *scoring*.
    """
    codebook = own_codebook(dataset, codebook)
    scoring = legacy_scoring(
        scoring,
        "compare_jurisdictions()",
        weights=None if weights is None else dict(weights),
        unknown=unknown,
        start_rule=start_rule,
        subdivisions=subdivisions,
    )
    days_of = None if window is None else period_days(window, "window")
    a = index(dataset, first, codebook=codebook, scoring=scoring)
    b = index(dataset, second, codebook=codebook, scoring=scoring)
    ref_a, ref_b = (
        (start_day(references[0], "references[0]"), start_day(references[1], "references[1]"))
        if references
        else (None, None)
    )

    def offset(day: pendulum.Date, ref: pendulum.Date | None) -> int | pendulum.Date:
        return day if ref is None else day.toordinal() - ref.toordinal()

    def back(key: int | pendulum.Date, ref: pendulum.Date | None) -> pendulum.Date:
        if isinstance(key, int):
            assert ref is not None
            return pendulum.Date.fromordinal(ref.toordinal() + key)
        return key

    keys = sorted(
        {offset(p.day, ref_a) for p in a.points} | {offset(p.day, ref_b) for p in b.points}
    )
    empty = Band(None, None)
    rows = []
    for key in keys:
        pa, pb = a.on(back(key, ref_a)), b.on(back(key, ref_b))
        rows.append((key, pa.composite if pa else empty, pb.composite if pb else empty))
    if days_of is None:
        days = [p.day for p in (*a.points, *b.points)] or [pendulum.Date.today()]
        days_of = (min(days), max(days))
    cover_a = coverage(dataset, first, *days_of, scoring=scoring)
    cover_b = coverage(dataset, second, *days_of, scoring=scoring)
    return JurisdictionComparison(
        first,
        second,
        ref_a,
        ref_b,
        tuple(rows),
        a,
        b,
        cover_a,
        cover_b,
        comparable(cover_a, cover_b)[1],
    )


@attrs.frozen
class PlatformEvent:
    """Something that touched a platform: a policy aimed at it, an outcome, an exit.

    Attributes:
        kind: What happened.
        record: The policy's or outcome's id.
        date: When (None: undated; listed last).
        description: A line on what happened.
    """

    kind: EventKind
    record: str
    date: UncertainDate | None
    description: str


@attrs.frozen
class PlatformTimeline(Edges):
    """Every policy, outcome and exit that touched a platform, in date order.

    Attributes:
        platform: The platform's id.
        name: Its name.
        events: The events, dated ones by earliest day, then undated ones.
    """

    platform: str
    name: str
    events: tuple[PlatformEvent, ...]

    def __repr__(self) -> str:
        return f"<PlatformTimeline {self.platform} ({self.name}): {len(self.events)} events>"


def _outcome_event(outcome: Outcome) -> PlatformEvent:
    kind = EventKind.EXIT if outcome.metric is Metric.COMPANIES_EXITED else EventKind.OUTCOME
    return PlatformEvent(kind, outcome.id, outcome.period, outcome.description)


@checked
def platform_timeline(dataset: Dataset, platform_id: str) -> PlatformTimeline:
    """The policies, outcomes and exits that touched *platform_id*, in date order.

    Raises:
        NotFoundError: No platform has that id.
    """
    platform = dataset.get(platform_id)
    if not isinstance(platform, Platform):
        msg = f"{platform_id!r} is a {type(platform).__name__.lower()}, not a platform"
        raise NotFoundError(msg)
    events = [
        PlatformEvent(EventKind.POLICY, p.id, p.effective or p.announced, p.summary or p.title)
        for p in dataset.policies_targeting(platform_id)
    ]
    events += [_outcome_event(o) for o in dataset.outcomes if platform_id in o.platforms]

    def order(event: PlatformEvent) -> tuple[int, pendulum.Date, pendulum.Date, str]:
        if event.date is None:
            return (1, pendulum.Date(1, 1, 1), pendulum.Date(1, 1, 1), event.record)
        return (0, event.date.earliest, event.date.latest, event.record)

    return PlatformTimeline(platform_id, platform.name, tuple(sorted(events, key=order)))
