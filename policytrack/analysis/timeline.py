"""The level in force on each dimension of a codebook, as step functions of time.

``policytrack.analysis.timeline`` (``policytrack._timeline`` before release 0.2) places each
policy in time; the values it shares with the sweeps are in :mod:`policytrack.analysis.spans`,
and :mod:`policytrack.analysis.sweep` turns the spans into steps.

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
import itertools
from collections.abc import Iterator, Sequence

import attrs
import pendulum

from policytrack.analysis.defaults import own_codebook
from policytrack.analysis.derived import columns, derived
from policytrack.analysis.placement import Placement, measure_facts
from policytrack.analysis.spans import (
    FOREVER,
    MeasureRef,
    Spans,
    Step,
    date_or_none,
    day_of,
    measure_ref,
)
from policytrack.analysis.sweep import sweeps
from policytrack.model.arguments import Jurisdiction, checked, legacy_codebook
from policytrack.model.codebook import Codebook
from policytrack.model.columns import NO_DATE, Columns
from policytrack.model.dataset import Dataset
from policytrack.model.dates import UncertainDate
from policytrack.model.edges import Edges
from policytrack.model.jurisdictions import country_of, within
from policytrack.model.records import PolicyStatus, Scope
from policytrack.vocab import Series, StartRule

__all__ = [
    "DimensionSeries",
    "MeasureRef",
    "Series",
    "StartRule",
    "Step",
    "Timeline",
    "applies_in",
    "measure_bounds",
    "step_on",
    "timeline",
]


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
class Timeline(Edges):
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
        group: The population group whose measures took precedence, or None for everyone.
    """

    jurisdiction: str
    codebook: str
    start_rule: StartRule
    subdivisions: bool
    dimensions: tuple[DimensionSeries, ...]
    measures: tuple[MeasureRef, ...]
    undated: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    group: str | None = None

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

    def __repr__(self) -> str:
        return (
            f"<Timeline {self.jurisdiction} on {self.codebook}: {len(self.dimensions)} "
            f"dimensions, {len(self.measures)} measures, {len(self.undated)} undated, "
            f"{len(self.excluded)} excluded>"
        )


@checked
def applies_in(policy_jurisdiction: str, jurisdiction: str, *, subdivisions: bool) -> bool:
    """Whether a policy of *policy_jurisdiction* counts in *jurisdiction*'s timeline."""
    if within(jurisdiction, policy_jurisdiction):
        return True  # the jurisdiction itself or a policy of a country it belongs to
    return subdivisions and within(policy_jurisdiction, jurisdiction)


_PROPOSED = PolicyStatus.PROPOSED.value


def by_code(dataset: Dataset) -> dict[str, list[int]]:
    """The positions of *dataset*'s policies, by jurisdiction code, in dataset order."""

    def group() -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        for position, code in enumerate(columns(dataset).policy_jurisdiction):
            positions = found.get(code)
            if positions is None:
                found[code] = [position]
            else:
                positions.append(position)
        return found

    return derived(dataset, "policies by code", group)


def applying(
    dataset: Dataset, jurisdiction: str, *, subdivisions: bool, totals: bool = False
) -> list[int]:
    """The positions of the policies that count in *jurisdiction*, in dataset order.

    With *totals* (a dataset of each jurisdiction's total, as OxCGRT's ``TOTAL`` series), only
    the jurisdiction's own policies count.
    """
    codes = by_code(dataset)
    if totals:
        return codes.get(jurisdiction, [])
    # Only codes of the jurisdiction's own country can count there: the rest are not asked.
    country = country_of(jurisdiction)
    groups = [
        positions
        for code, positions in codes.items()
        if country_of(code) == country and applies_in(code, jurisdiction, subdivisions=subdivisions)
    ]
    if len(groups) == 1:
        return groups[0]
    return sorted(itertools.chain.from_iterable(groups))


def _measure_spans(
    dataset: Dataset,
    codebook: Codebook,
    jurisdiction: str,
    *,
    start_rule: StartRule = StartRule.EFFECTIVE,
    subdivisions: bool = True,
    group: str | None = None,
) -> tuple[Spans, list[str], list[str]]:
    """Every measure that applies in *jurisdiction* with its start and end bounds (ordinals).

    Only measures for *group* count (None: measures for everyone). The dataset is read through
    its columns: no record is built.

    Returns:
        The measures, the ids of undated policies and the ids of policies left out as proposed.
    """
    # Per dimension id: its position, twice its highest level, and whether it carries a flag.
    known = {d.id: (i, 2 * d.max_level, d.flag) for i, d in enumerate(codebook.dimensions)}
    cols = columns(dataset)
    placement = derived(dataset, ("timeline", start_rule), lambda: Placement(cols, start_rule))
    m_scopes, own_dated = derived(dataset, "measures placed", lambda: measure_facts(cols))
    spans = Spans()
    # Bound once: this loop runs for every measure of every policy that applies.
    add_ref, add_dimension, add_bounds, add_bucket = (
        spans.refs.append,
        spans.dimensions.append,
        spans.bounds.extend,
        spans.buckets.append,
    )
    undated: list[str] = []
    excluded: list[str] = []
    ids, codes, statuses = cols.ids["policies"], cols.policy_jurisdiction, cols.policy_status
    first = cols.policy_measures
    m_dimension, m_level, m_group = cols.measure_dimension, cols.measure_level, cols.measure_group
    m_effective, m_ended = cols.measure_effective, cols.measure_ended
    general, targeted = Scope.GENERAL, Scope.TARGETED
    positions = applying(
        dataset, jurisdiction, subdivisions=subdivisions, totals=dataset.info.totals
    )
    for at, (start, end, bounds, earliest, latest) in zip(
        positions, placement.places(positions), strict=True
    ):
        if start is None:
            (excluded if statuses[at] == _PROPOSED else undated).append(ids[at])
            continue
        pid, code = ids[at], codes[at]
        local = code != jurisdiction and within(code, jurisdiction)
        a = first[at]
        for m in range(a, first[at + 1]):
            if m_group[m] != group:
                continue
            dimension = m_dimension[m]
            found = known.get(dimension)
            if found is None:
                continue
            position_in_codebook, top2, flag = found
            level = m_level[m]
            scope = targeted if local and flag else m_scopes[m]
            if m in own_dated:
                ref, own = _own_dates(
                    cols, pid, m - a, (dimension, level), (m_effective[m], m_ended[m]), scope,
                    (start, end), bounds,
                )  # fmt: skip
                add_bounds(own)
            else:
                ref = measure_ref(pid, m - a, dimension, level, scope, start, end, earliest, latest)
                add_bounds(bounds)
            add_ref(ref)
            add_dimension(position_in_codebook)
            bucket = 2 * level
            add_bucket((top2 if bucket > top2 else bucket) + (scope is general))
    return spans, undated, excluded


@checked
def measure_bounds(
    dataset: Dataset,
    jurisdiction: str,
    *,
    codebook: Codebook,
    start_rule: StartRule = StartRule.EFFECTIVE,
    subdivisions: bool = True,
    group: str | None = None,
) -> Spans:
    """The measures :func:`timeline` counts in *jurisdiction*, before they are swept.

    The same measures, dimensions, bounds and buckets the timeline sweeps: for computations of
    levels alone, such as the panel's, over many jurisdictions. Only measures for *group*
    count (None: everyone's).
    """
    spans, _, _ = _measure_spans(
        dataset,
        codebook,
        jurisdiction,
        start_rule=start_rule,
        subdivisions=subdivisions,
        group=group,
    )
    return spans


def _own_dates(
    cols: Columns,
    policy: str,
    index: int,
    measure: tuple[str, int],
    own: tuple[int, int],
    scope: Scope,
    dates: tuple[UncertainDate, UncertainDate | None],
    bounds: tuple[int, int, int, int],
) -> tuple[MeasureRef, tuple[int, int, int, int]]:
    """A measure with its own dates, placed inside its policy's span (never outside it).

    Its bounds are the policy's narrowed by its own: it starts no earlier and ends no later
    than its policy in either series, so its own dates can only shorten its time in force.
    *measure* is its dimension and level, *own* its own effective and end dates (positions
    in the date table), *dates* its policy's start and end.
    """
    start_lo, start_hi, end_lo, end_hi = bounds
    start, end = dates
    lo, hi, date = cols.dates.lo, cols.dates.hi, cols.dates.date
    effective, ended = own
    if effective != NO_DATE:
        start_lo, start_hi = max(start_lo, lo[effective]), max(start_hi, hi[effective])
        start = date(effective)  # type: ignore[assignment]
    if ended != NO_DATE:
        end_lo, end_hi = min(end_lo, lo[ended]), min(end_hi, hi[ended])
        end = date(ended)
    earliest = (day_of(start_lo), date_or_none(end_hi))
    latest = (day_of(start_hi), date_or_none(end_lo)) if start_hi < end_lo else None
    dimension, level = measure
    ref = MeasureRef(policy, index, dimension, level, scope, start, end, earliest, latest)
    return ref, (start_lo, start_hi, end_lo, end_hi)


@legacy_codebook
@checked
def timeline(
    dataset: Dataset,
    jurisdiction: Jurisdiction,
    *,
    codebook: Codebook | None = None,
    start_rule: StartRule = StartRule.EFFECTIVE,
    subdivisions: bool = True,
    group: str | None = None,
) -> Timeline:
    """The level in force on every dimension of *codebook* in *jurisdiction*, over time.

    Args:
        dataset: The records.
        codebook: The dimensions and their levels; by default the one the dataset names.
        jurisdiction: ISO 3166 code (``CN``, ``CN-SH``).
        start_rule: Whether policies count from their effective date or their announcement.
        subdivisions: Whether policies of the jurisdiction's subdivisions count (as targeted).
        group: A population group (OxCGRT's ``non_vaccinated``): on each dimension, the
            group's measures where any is in force, everyone's otherwise (OxCGRT's rule for
            its vaccine-differentiated indices). None: everyone's measures only.

    Returns:
        Two series per dimension (earliest and latest) with the measures behind each level.
    """
    codebook = own_codebook(dataset, codebook)
    spans, undated, excluded = _measure_spans(
        dataset, codebook, jurisdiction, start_rule=start_rule, subdivisions=subdivisions
    )
    tops = [d.max_level for d in codebook.dimensions]
    steps = sweeps(spans, tops)
    if group is not None:
        own, _, _ = _measure_spans(
            dataset,
            codebook,
            jurisdiction,
            start_rule=start_rule,
            subdivisions=subdivisions,
            group=group,
        )
        steps = [
            (
                _overlay(g_early, early, _held(own, position, latest=False)),
                _overlay(g_late, late, _held(own, position, latest=True)),
            )
            for position, ((g_early, g_late), (early, late)) in enumerate(
                zip(sweeps(own, tops), steps, strict=True)
            )
        ]
        spans.refs.extend(own.refs)
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
        group=group,
    )


def _held(spans: Spans, dimension: int, latest: bool) -> list[tuple[int, int]]:
    """The day-ordinal spans (end exclusive) on which a measure of *spans* is in force.

    For the measures on *dimension*, in one series, merged and in order.
    """
    b = spans.bounds
    found = sorted(
        (b[4 * i + 1], b[4 * i + 2]) if latest else (b[4 * i], b[4 * i + 3])
        for i, d in enumerate(spans.dimensions)
        if d == dimension
    )
    merged: list[tuple[int, int]] = []
    for lo, hi in found:
        if hi <= lo:
            continue
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def _overlay(
    top: tuple[Step, ...], base: tuple[Step, ...], held: list[tuple[int, int]]
) -> tuple[Step, ...]:
    """*top*'s steps on the days in *held* (a group's measures in force), *base*'s elsewhere."""
    if not held:
        return base
    edges = {lo for lo, _ in held} | {hi for _, hi in held if hi < FOREVER}
    days = sorted({s.day for s in top} | {s.day for s in base} | {day_of(o) for o in edges})
    steps: list[Step] = []
    i = j = -1
    at = 0
    for day in days:
        while i + 1 < len(top) and top[i + 1].day <= day:
            i += 1
        while j + 1 < len(base) and base[j + 1].day <= day:
            j += 1
        ordinal = day.toordinal()
        while at < len(held) and held[at][1] <= ordinal:
            at += 1
        inside = at < len(held) and held[at][0] <= ordinal
        chosen = (top[i] if i >= 0 else None) if inside else (base[j] if j >= 0 else None)
        if chosen is None:
            chosen = Step(day, None, None)
        if not steps or _key(steps[-1]) != _key(chosen):
            steps.append(attrs.evolve(chosen, day=day) if chosen.day != day else chosen)
    return tuple(steps)
