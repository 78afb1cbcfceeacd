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

import calendar
from collections import defaultdict
from collections.abc import Iterable, Iterator

import attrs
import pendulum

from policytrack.analysis.scoring import Scoring, select
from policytrack.analysis.timeline import applies_in
from policytrack.model.arguments import DateLike, Jurisdiction, checked, end_day, ordered, start_day
from policytrack.model.dataset import Dataset
from policytrack.model.dates import MAX_DAY, MIN_DAY, UncertainDate
from policytrack.model.provenance import evidence_of
from policytrack.model.records import (
    Claim,
    Evidence,
    Outcome,
    Policy,
    Record,
    Reliability,
    Source,
)

__all__ = ["SourceCoverage", "SourcePeriod", "Stretch", "coverage", "gap_sentence", "month_span"]

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


def _dates(record: Record) -> Iterator[tuple[UncertainDate, tuple[Evidence, ...]]]:
    """Each date of *record* with the quotes it rests on (a measure's own: its own quotes)."""
    if isinstance(record, Policy):
        quotes = (*record.evidence, *(e for m in record.measures for e in m.evidence))
        for date in (record.announced, record.effective, record.ended):
            if date is not None:
                yield date, quotes
        for measure in record.measures:
            for date in (measure.effective, measure.ended):
                if date is not None:
                    yield date, measure.evidence
    elif isinstance(record, Outcome) and record.period is not None:
        yield record.period, record.evidence
    elif isinstance(record, Claim) and record.date is not None:
        yield record.date, record.evidence


def _span(date: UncertainDate) -> tuple[int, int] | None:
    """The days a date says something about, as ordinals, or None when it says nothing."""
    lo, hi = date.earliest, date.latest
    if lo == MIN_DAY and hi == MAX_DAY:
        return None
    if lo == MIN_DAY:
        return hi.toordinal(), hi.toordinal()
    if hi == MAX_DAY:
        return lo.toordinal(), lo.toordinal()
    if hi.toordinal() - lo.toordinal() + 1 > _LONGEST:
        return None
    return lo.toordinal(), hi.toordinal()


def _counts(record: Record, jurisdiction: str, subdivisions: bool, policies: set[str]) -> bool:
    if isinstance(record, Policy):
        return applies_in(record.jurisdiction, jurisdiction, subdivisions=subdivisions)
    if isinstance(record, Outcome):
        return record.place is not None and applies_in(
            record.place, jurisdiction, subdivisions=subdivisions
        )
    if isinstance(record, Claim):
        return bool(set(record.policies) & policies)
    return False


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
    subdivisions = scoring.subdivisions
    policies = {
        p.id
        for p in data.policies
        if applies_in(p.jurisdiction, jurisdiction, subdivisions=subdivisions)
    }
    by_source: dict[str, Source] = {s.id: s for s in data.sources}
    spans: defaultdict[str, list[tuple[int, int]]] = defaultdict(list)
    weighed: defaultdict[str, list[tuple[int, int, int]]] = defaultdict(list)
    quotes: defaultdict[str, int] = defaultdict(int)
    for record in data.records():
        if not _counts(record, jurisdiction, subdivisions, policies):
            continue
        for _, item in evidence_of(record):
            if item.source in by_source:
                quotes[item.source] += 1
        for date, evidence in _dates(record):
            span = _span(date)
            if span is None:
                continue
            cited: defaultdict[str, int] = defaultdict(int)
            for item in evidence:
                if item.source in by_source:
                    cited[item.source] += 1
            for source, count in cited.items():
                spans[source].append(span)
                weighed[source].append((*span, count))
    periods: list[SourcePeriod] = []
    intervals: list[tuple[int, int, str, int]] = []
    for record in data.sources:
        if record.id not in quotes:
            continue
        declared = record.covers is not None
        if record.covers is not None:
            own = _span_declared(record.covers)
        else:
            published = _span(record.published)
            own = _merge([*spans[record.id], *([published] if published else [])])
        periods.append(
            SourcePeriod(
                record.id,
                record.reliability,
                tuple((_day(lo), _day(hi)) for lo, hi in own),
                declared,
                quotes[record.id],
            )
        )
        intervals.extend((lo, hi, record.id, 0) for lo, hi in own)
        # Evidence counts on the days its records are dated, inside what the source covers.
        for lo, hi, count in weighed[record.id]:
            for a, b in own:
                if lo <= b and a <= hi:
                    intervals.append((max(lo, a), min(hi, b), "", count))
    return SourceCoverage(
        jurisdiction,
        start,
        end,
        _stretches(intervals, start.toordinal(), end.toordinal()),
        tuple(periods),
    )


def _span_declared(date: UncertainDate) -> list[tuple[int, int]]:
    """A declared period: its bounds, open ends cut at the days pendulum can represent."""
    return [(date.earliest.toordinal(), date.latest.toordinal())]


def _day(ordinal: int) -> pendulum.Date:
    return pendulum.Date.fromordinal(ordinal)


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
            evidence += change * count
        if day > last:
            break
        stop = (cuts[i + 1] - 1) if i + 1 < len(cuts) else last
        sources = tuple(sorted(s for s, n in active.items() if n > 0))
        if stretches and stretches[-1].sources == sources and stretches[-1].evidence == evidence:
            stretches[-1] = attrs.evolve(stretches[-1], end=_day(stop))
        else:
            stretches.append(Stretch(_day(day), _day(stop), sources, evidence))
    return tuple(stretches)
