"""Coverage: which sources speak to a jurisdiction on each day, and with how much evidence.

An index measures what the coded sources report, not a census of policy. Where no source
reports anything, the index stays flat because nobody looked, not because nothing happened: a
gap in reporting is not evidence of stability. Every answer carries its coverage so that a
reader can tell the two apart.

**What a source covers.** A source may declare the period it speaks to (``Source.covers``, an
EDTF date or interval); that period is what it covers. Otherwise it covers the days its
reports are dated on: the bounds of each date of a record it is quoted for (a policy's
announcement, effective and end dates, a measure's own dates, an outcome's period, a claim's
date), and its own publication window. A date open at one end (``../2014-02-17``) adds only
its known end; a date spanning more than a year (``1994-04/2013-01-03``) says nothing about
any one day in it and adds nothing. The *evidence* on a day is the number of quotes from the
sources covering it on records dated on that day (their publication windows count none).

Records count in a jurisdiction as in the timeline: policies that apply there (a subdivision's
when *subdivisions* is true), outcomes placed there, claims about those policies.
"""

from __future__ import annotations

import bisect
import calendar
from collections import defaultdict
from collections.abc import Iterable, Sequence

import attrs
import pendulum

from policytrack.analysis.derived import columns, derived
from policytrack.analysis.scoring import Scoring, select
from policytrack.analysis.spans import day_of
from policytrack.analysis.timeline import applies_in, applying
from policytrack.model.arguments import DateLike, Jurisdiction, checked, end_day, ordered, start_day
from policytrack.model.columns import NO_DATE
from policytrack.model.dataset import Dataset
from policytrack.model.dates import MAX_DAY, MIN_DAY
from policytrack.model.records import Reliability

__all__ = [
    "Interval",
    "SourceCoverage",
    "SourcePeriod",
    "Stretch",
    "coverage",
    "coverage_intervals",
    "gap_sentence",
    "month_span",
]

_LONGEST = 366
"""The most days a date may span and still say something about each day in it."""

_NAMED_GAP = 28
"""The fewest days an uncovered stretch has before the sentences name it."""


@attrs.frozen
class Stretch:
    """Consecutive days with the same sources.

    Attributes:
        start: The first day.
        end: The last day (inclusive).
        sources: Ids of the sources that cover these days (none: uncovered).
        evidence: Quotes from them on records dated on these days.
    """

    start: pendulum.Date
    end: pendulum.Date
    sources: tuple[str, ...]
    evidence: int

    @property
    def covered(self) -> bool:
        """Whether any source covers these days."""
        return bool(self.sources)

    @property
    def days(self) -> int:
        """How many days the stretch has."""
        return self.end.toordinal() - self.start.toordinal() + 1


@attrs.frozen
class SourcePeriod:
    """What one source covers in a jurisdiction.

    Attributes:
        source: The source's id.
        reliability: Its kind.
        spans: The inclusive spans of days it covers, in order, merged.
        declared: Whether the source declares its period (``Source.covers``).
        evidence: Quotes from it on records that count in the jurisdiction.
    """

    source: str
    reliability: Reliability
    spans: tuple[tuple[pendulum.Date, pendulum.Date], ...]
    declared: bool
    evidence: int


@attrs.frozen
class SourceCoverage:
    """Which sources speak to a jurisdiction on each day of a window.

    Attributes:
        jurisdiction: The ISO 3166 code.
        start: The window's first day.
        end: The window's last day.
        stretches: The window cut into stretches of the same sources, in day order.
        sources: What each source that speaks to the jurisdiction covers, in dataset order.
    """

    jurisdiction: str
    start: pendulum.Date
    end: pendulum.Date
    stretches: tuple[Stretch, ...]
    sources: tuple[SourcePeriod, ...]

    @property
    def gaps(self) -> tuple[Stretch, ...]:
        """The stretches no source covers."""
        return tuple(s for s in self.stretches if not s.covered)

    @property
    def covered_days(self) -> int:
        """How many days of the window some source covers."""
        return sum(s.days for s in self.stretches if s.covered)

    @property
    def share(self) -> float:
        """The share of the window's days some source covers (0 to 1)."""
        total = self.end.toordinal() - self.start.toordinal() + 1
        return self.covered_days / total if total > 0 else 0.0

    @property
    def source_ids(self) -> tuple[str, ...]:
        """The sources that cover some day of the window."""
        return tuple(dict.fromkeys(s for stretch in self.stretches for s in stretch.sources))

    def on(self, day: pendulum.Date) -> Stretch | None:
        """The stretch holding *day*, or None outside the window."""
        for stretch in self.stretches:
            if stretch.start <= day <= stretch.end:
                return stretch
        return None

    def covers(self, day: pendulum.Date) -> bool:
        """Whether some source covers *day*."""
        stretch = self.on(day)
        return stretch is not None and stretch.covered

    def sentences(self, *, shortest: int = _NAMED_GAP) -> tuple[str, ...]:
        """Each uncovered stretch of at least *shortest* days, named in words."""
        return tuple(gap_sentence(g.start, g.end) for g in self.gaps if g.days >= shortest)

    def summary(self) -> str:
        """One line: how much of the window is covered, by how many sources."""
        count = len(self.source_ids)
        return (
            f"{self.jurisdiction} {self.start} to {self.end}: {count} "
            f"source{'s' if count != 1 else ''} cover {self.share:.0%} of the days"
        )


def month_span(start: pendulum.Date, end: pendulum.Date) -> str:
    """A span in words, by month when it runs from a month's first day to a month's last."""
    whole = start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]
    if whole:
        first, last = f"{start.year:04d}-{start.month:02d}", f"{end.year:04d}-{end.month:02d}"
        return first if first == last else f"{first} to {last}"
    return str(start) if start == end else f"{start} to {end}"


def gap_sentence(start: pendulum.Date, end: pendulum.Date) -> str:
    """The words for an uncovered stretch."""
    return (
        f"no source covers {month_span(start, end)}: a gap in reporting, not evidence of stability"
    )


def _span(lo: int, hi: int) -> tuple[int, int] | None:
    """The days a date of bounds *lo*..*hi* says something about, or None when it says nothing."""
    if lo == _MIN and hi == _MAX:
        return None
    if lo == _MIN:
        return hi, hi
    if hi == _MAX:
        return lo, lo
    if hi - lo + 1 > _LONGEST:
        return None
    return lo, hi


_MIN, _MAX = MIN_DAY.toordinal(), MAX_DAY.toordinal()


def _outcomes_by_place(dataset: Dataset) -> dict[str, list[int]]:
    """The positions of *dataset*'s outcomes that have a place, by place."""

    def group() -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        for position, place in enumerate(columns(dataset).outcome_place):
            if place is not None:
                found.setdefault(place, []).append(position)
        return found

    return derived(dataset, "outcomes by place", group)


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if merged and lo <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


@checked
def coverage(
    dataset: Dataset,
    jurisdiction: Jurisdiction,
    start: DateLike,
    end: DateLike,
    *,
    scoring: Scoring | None = None,
) -> SourceCoverage:
    """Which sources speak to *jurisdiction* on each day from *start* to *end* (inclusive).

    Args:
        dataset: The records.
        jurisdiction: ISO 3166 code.
        start: The window's first day (a date or EDTF text: ``"2012"`` is 2012-01-01).
        end: The window's last day (``"2012"`` is 2012-12-31).
        scoring: Which sources and records count (its filters and subdivision rule).
    """
    scoring = scoring or Scoring()
    start, end = start_day(start, "start"), end_day(end, "end")
    ordered(("start", start), ("end", end))
    data = select(dataset, scoring)
    periods, intervals = _coverage_of(data, jurisdiction, scoring.subdivisions)
    return SourceCoverage(
        jurisdiction,
        start,
        end,
        _stretches(intervals, start.toordinal(), end.toordinal()),
        tuple(periods),
    )


Interval = tuple[int, int, str, int]
"""``(first, last, source, quotes)``: day ordinals (inclusive) a source covers (with no quotes),
or, with no source, quotes on records dated on those days."""


@checked
def coverage_intervals(
    dataset: Dataset, jurisdictions: Sequence[str], *, scoring: Scoring | None = None
) -> dict[str, list[Interval]]:
    """What :func:`coverage` cuts into stretches, for many jurisdictions.

    Each jurisdiction's intervals: ``(first, last, source, 0)`` for each span of days a source
    covers, and ``(first, last, "", quotes)`` for quotes on records dated on those days. On a
    day, the sources of a :class:`Stretch` are those with an interval holding it; its evidence
    is the sum of the quotes of the intervals holding it. The panel spreads them over its rows.

    Args:
        dataset: The records.
        jurisdictions: ISO 3166 codes.
        scoring: Which sources and records count (its filters and subdivision rule).
    """
    scoring = scoring or Scoring()
    data = select(dataset, scoring)
    return {
        code: _coverage_of(data, code, scoring.subdivisions, named=False)[1]
        for code in jurisdictions
    }


def _coverage_of(
    data: Dataset, jurisdiction: str, subdivisions: bool, *, named: bool = True
) -> tuple[list[SourcePeriod], list[Interval]]:
    """What each source covers in *jurisdiction*, and the intervals of its coverage.

    Without *named*, the periods are not built (only the intervals are wanted).
    """
    cols = columns(data)
    lo, hi = cols.dates.lo, cols.dates.hi
    known = set(cols.ids["sources"])
    spans: defaultdict[str, list[tuple[int, int]]] = defaultdict(list)
    weighed: defaultdict[str, list[tuple[int, int, int]]] = defaultdict(list)
    quotes: defaultdict[str, int] = defaultdict(int)

    spans_of: dict[int, tuple[int, int] | None] = {NO_DATE: None}

    def count(dates: Iterable[int], evidence: Iterable[str], *, record: bool = True) -> None:
        """Count *evidence* on each of *dates* (positions in the date table).

        And once for the record, unless it is a measure's (counted with its policy).
        """
        dated = []
        for at in dates:
            if at in spans_of:
                span = spans_of[at]
            else:
                span = spans_of[at] = _span(lo[at], hi[at])
            if span is not None:
                dated.append(span)
        if not dated and not record:
            return
        cited: dict[str, int] = {}
        for source in evidence:
            if source in known:
                cited[source] = cited.get(source, 0) + 1
        if record:
            for source, n in cited.items():
                quotes[source] += n
        for span in dated:
            for source, n in cited.items():
                spans[source].append(span)
                weighed[source].append((*span, n))

    policies: set[str] = set()
    first = cols.policy_measures
    ids = cols.ids["policies"]
    announced, effective, ended = cols.policy_announced, cols.policy_effective, cols.policy_ended
    m_effective, m_ended, m_quotes = (
        cols.measure_effective,
        cols.measure_ended,
        cols.measure_evidence,
    )
    for position in applying(data, jurisdiction, subdivisions=subdivisions):
        policies.add(ids[position])
        a, z = first[position], first[position + 1]
        # The policy's dates rest on all its quotes (its measures' lie together, in order);
        # a measure's own dates on the measure's.
        quoted = cols.policy_evidence[position]
        quoted += m_quotes.values[m_quotes.starts[a] : m_quotes.starts[z]]
        count((announced[position], effective[position], ended[position]), quoted)
        for m in range(a, z):
            if m_effective[m] != NO_DATE or m_ended[m] != NO_DATE:
                count((m_effective[m], m_ended[m]), m_quotes[m], record=False)
    for place, positions in _outcomes_by_place(data).items():
        if applies_in(place, jurisdiction, subdivisions=subdivisions):
            for at in positions:
                count((cols.outcome_period[at],), cols.outcome_evidence[at])
    for about, date, evidence in zip(
        cols.claim_policies, cols.claim_date, cols.claim_evidence, strict=True
    ):
        if policies.intersection(about):
            count((date,), evidence)
    periods: list[SourcePeriod] = []
    intervals: list[tuple[int, int, str, int]] = []
    reliability = {r.value: r for r in Reliability}
    for sid, kind, published_at, covers in zip(
        cols.ids["sources"],
        cols.source_reliability,
        cols.source_published,
        cols.source_covers,
        strict=True,
    ):
        if sid not in quotes:
            continue
        declared = covers != NO_DATE
        if declared:
            own_spans = [(lo[covers], hi[covers])]
        else:
            published = _span(lo[published_at], hi[published_at])
            own_spans = _merge([*spans[sid], *([published] if published else [])])
        if named:
            periods.append(
                SourcePeriod(
                    sid,
                    reliability[kind],
                    tuple((day_of(a), day_of(b)) for a, b in own_spans),
                    declared,
                    quotes[sid],
                )
            )
        intervals.extend((a, b, sid, 0) for a, b in own_spans)
        # Evidence counts on the days its records are dated, inside what the source covers.
        if not declared:
            # Its spans were merged from the very spans its evidence is weighed on: each of
            # those lies whole inside one of them.
            intervals.extend((a0, b0, "", n) for a0, b0, n in weighed[sid])
            continue
        # The spans are in order and apart: those a record's span meets are found by bisection.
        ends = [b for _, b in own_spans]
        for a0, b0, n in weighed[sid]:
            i = bisect.bisect_left(ends, a0)
            while i < len(own_spans) and own_spans[i][0] <= b0:
                a, b = own_spans[i]
                intervals.append((max(a0, a), min(b0, b), "", n))
                i += 1
    return periods, intervals


def _stretches(
    intervals: list[tuple[int, int, str, int]], first: int, last: int
) -> tuple[Stretch, ...]:
    """The window cut where the set of sources or the evidence changes (a sweep, no day loop)."""
    events: defaultdict[int, list[tuple[int, str, int]]] = defaultdict(list)
    for start, stop, source, count in intervals:
        lo, hi = max(start, first), min(stop, last)
        if lo > hi:
            continue
        events[lo].append((1, source, count))
        events[hi + 1].append((-1, source, count))
    events.setdefault(first, [])
    active: defaultdict[str, int] = defaultdict(int)
    evidence = 0
    cuts = sorted(d for d in events if first <= d <= last + 1)
    stretches: list[Stretch] = []
    for i, day in enumerate(cuts):
        for change, source, count in events[day]:
            if source:
                active[source] += change
                if not active[source]:
                    del active[source]  # only the sources covering the day stay
            evidence += change * count
        if day > last:
            break
        stop = (cuts[i + 1] - 1) if i + 1 < len(cuts) else last
        sources = tuple(sorted(active))
        if stretches and stretches[-1].sources == sources and stretches[-1].evidence == evidence:
            stretches[-1] = attrs.evolve(stretches[-1], end=day_of(stop))
        else:
            stretches.append(Stretch(day_of(day), day_of(stop), sources, evidence))
    return tuple(stretches)
