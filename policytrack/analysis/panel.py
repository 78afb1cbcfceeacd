"""The panel: jurisdiction x day in long form, the shape other trackers publish.

One row per jurisdiction and day: the composite index in the earliest and latest series, every
dimension's sub-index in both, and the day's coverage (how many sources speak to that
jurisdiction on that day, and with how many quotes, as :func:`~policytrack.coverage` counts
them). A value is None on a day nothing is known.

The panel is held as columns (one :class:`array.array` per column, jurisdiction by jurisdiction,
day by day), not as a row object per day: a panel of 185 jurisdictions over three years has
about 200,000 rows. Two computations give the same columns: the reference walks each
jurisdiction's :class:`~policytrack.analysis.index.IndexSeries` day by day in pure Python; the
fast one (:mod:`policytrack.analysis.panel_numpy`, with the ``fast`` extra) computes every
jurisdiction's levels at once with NumPy arrays. ``tests/analysis/test_panel_numpy.py`` checks
one against the other.
"""

from __future__ import annotations

import math
import sys
from array import array
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import attrs
import pendulum

from policytrack.analysis.coverage import coverage_intervals
from policytrack.analysis.defaults import own_codebook
from policytrack.analysis.index import Band, index, resolve_weights
from policytrack.analysis.scoring import Scoring
from policytrack.collector import collector_paused
from policytrack.errors import NotFoundError, PolicytrackError
from policytrack.model.arguments import (
    DateLike,
    checked,
    end_day,
    legacy_codebook,
    ordered,
    start_day,
)
from policytrack.model.codebook import Codebook
from policytrack.model.dataset import Dataset
from policytrack.model.dates import OPEN_BOUNDS
from policytrack.model.jurisdictions import is_known
from policytrack.vocab import StartRule, UnknownRule

__all__ = ["Panel", "PanelRow", "panel", "panel_span"]

FAST_MIN_ROWS = 20_000
"""From how many rows the panel is computed with NumPy by default (when it is installed)."""


@attrs.frozen
class PanelRow:
    """One jurisdiction on one day.

    Attributes:
        jurisdiction: The ISO 3166 code.
        day: The day.
        composite: The composite index in both series.
        subindices: Each dimension's sub-index in both series, in codebook order.
        sources: How many sources cover the jurisdiction on the day (0: a gap in reporting).
        evidence: Quotes from those sources on records dated on the day.
    """

    jurisdiction: str
    day: pendulum.Date
    composite: Band
    subindices: Mapping[str, Band]
    sources: int = 0
    evidence: int = 0


def _known(value: float) -> float | None:
    return None if math.isnan(value) else value


def _comparable(columns: tuple[Sequence[float], ...]) -> tuple[tuple[float | None, ...], ...]:
    """The value columns with None for unknown: NaN never equals NaN, None equals None."""
    return tuple(tuple(_known(v) for v in column) for column in columns)


@attrs.frozen
class Panel:
    """Jurisdictions x days, in long form, held as columns.

    Rows run jurisdiction by jurisdiction (in :attr:`jurisdictions` order), day by day from
    :attr:`start` to :attr:`end`. :meth:`columns` names the flat columns and :meth:`column`
    gives one as a list; :meth:`records` gives each row as a mapping; :attr:`rows` gives each
    as a :class:`PanelRow`.

    Attributes:
        codebook: The codebook's id.
        dimensions: Its dimensions' ids, in order: the sub-index columns.
        group: The population group whose measures took precedence (None: everyone's).
        weights: The weights of the composite.
        unknown: How unknown dimensions entered the composite.
        start: The first day (None: no policy is dated, and the panel has no rows).
        end: The last day.
        jurisdictions: The jurisdictions, in row order.
        values: The index columns in :meth:`value_columns` order, a float per row; NaN where
            nothing is known (None in :meth:`column`, :meth:`records` and :attr:`rows`).
        sources: Per row: how many sources cover the jurisdiction on the day
            (:func:`~policytrack.coverage`; 0: a gap in reporting, not a period of calm).
        evidence: Per row: quotes from those sources on records dated on the day.
    """

    codebook: str
    dimensions: tuple[str, ...]
    group: str | None
    weights: Mapping[str, float]
    unknown: UnknownRule
    start: pendulum.Date | None
    end: pendulum.Date | None
    jurisdictions: tuple[str, ...] = ()
    values: tuple[Sequence[float], ...] = attrs.field(default=(), eq=_comparable, repr=False)
    sources: Sequence[int] = attrs.field(factory=lambda: array("q"), repr=False)
    evidence: Sequence[int] = attrs.field(factory=lambda: array("q"), repr=False)

    @property
    def days(self) -> int:
        """How many days each jurisdiction has (0 when the panel has no span)."""
        if self.start is None or self.end is None:
            return 0
        return max(0, self.end.toordinal() - self.start.toordinal() + 1)

    def __len__(self) -> int:
        return len(self.jurisdictions) * self.days

    def value_columns(self) -> list[str]:
        """The index columns, in order: the composite, then each dimension, both series."""
        columns = ["composite_earliest", "composite_latest"]
        for dimension in self.dimensions:
            columns += [f"{dimension}_earliest", f"{dimension}_latest"]
        return columns

    def columns(self) -> list[str]:
        """The flat columns of :meth:`records`, in order."""
        return ["jurisdiction", "date", *self.value_columns(), "sources", "evidence"]

    def column(self, name: str) -> list[Any]:
        """One column of :meth:`columns`, a value per row (None where nothing is known).

        Raises:
            KeyError: The panel has no such column.
        """
        if name == "jurisdiction":
            return [code for code in self.jurisdictions for _ in range(self.days)]
        if name == "date":
            if self.start is None:
                return []
            days = [d.isoformat() for d in self._dates()]
            return days * len(self.jurisdictions)
        if name == "sources":
            return list(self.sources)
        if name == "evidence":
            return list(self.evidence)
        names = self.value_columns()
        if name not in names:
            raise KeyError(name)
        return [_known(v) for v in self.values[names.index(name)]]

    def _dates(self) -> list[pendulum.Date]:
        if self.start is None:
            return []
        first = self.start.toordinal()
        return [pendulum.Date.fromordinal(first + i) for i in range(self.days)]

    def records(self) -> Iterator[dict[str, Any]]:
        """Each row as a flat mapping of :meth:`columns` (the date as an ISO string)."""
        names = self.columns()
        dates = [d.isoformat() for d in self._dates()]
        values = [list(column) for column in self.values]
        sources, evidence = list(self.sources), list(self.evidence)
        at = 0
        for code in self.jurisdictions:
            for day in dates:
                cells = [code, day, *(_known(column[at]) for column in values)]
                cells += [sources[at], evidence[at]]
                yield dict(zip(names, cells, strict=True))
                at += 1

    @property
    def rows(self) -> tuple[PanelRow, ...]:
        """Each row as a :class:`PanelRow` (built on each call: prefer :meth:`column`)."""
        dates = self._dates()
        dimensions = self.dimensions
        values = [[_known(v) for v in column] for column in self.values]
        found: list[PanelRow] = []
        at = 0
        for code in self.jurisdictions:
            for day in dates:
                subs = {
                    dimension: Band(values[2 + 2 * i][at], values[3 + 2 * i][at])
                    for i, dimension in enumerate(dimensions)
                }
                composite = Band(values[0][at], values[1][at])
                found.append(
                    PanelRow(code, day, composite, subs, self.sources[at], self.evidence[at])
                )
                at += 1
        return tuple(found)


@checked
def panel_span(dataset: Dataset) -> tuple[pendulum.Date, pendulum.Date] | None:
    """The days a dataset's policies speak to (None when none is dated).

    From the first day any policy counts from to the last day any is known in force: the day
    before its ``ended``, or its start. An open bound (``../2005-11``, ``2008-09/..``) names no
    day, so the span rests on the other bound: a panel never runs to year 1 or 9999 by default.
    """
    first: int | None = None
    last: int | None = None
    for policy in dataset.policies:
        start = policy.effective or policy.announced
        if start is None:
            continue
        days = [d.toordinal() for d in (start.earliest, start.latest) if d not in OPEN_BOUNDS]
        if policy.ended is not None and policy.ended.earliest not in OPEN_BOUNDS:
            days.append(policy.ended.earliest.toordinal() - 1)
        if not days:
            continue
        lo, end = min(days), max(days)
        if first is None or lo < first:
            first = lo
        if last is None or end > last:
            last = end
    if first is None or last is None:
        return None
    return pendulum.Date.fromordinal(first), pendulum.Date.fromordinal(last)


@legacy_codebook
@checked
def panel(
    dataset: Dataset,
    *,
    codebook: Codebook | None = None,
    jurisdictions: Sequence[str] | None = None,
    start: DateLike | None = None,
    end: DateLike | None = None,
    group: str | None = None,
    weights: Mapping[str, float] | None = None,
    unknown: UnknownRule = UnknownRule.ZERO,
    start_rule: StartRule = StartRule.EFFECTIVE,
    subdivisions: bool = True,
    fast: bool | None = None,
) -> Panel:
    """The jurisdiction x day panel of the composite and every sub-index, with its coverage.

    Args:
        dataset: The records.
        codebook: The dimensions, levels and default weights; by default the one the dataset
            names.
        jurisdictions: ISO 3166 codes; by default every jurisdiction with a policy, in order.
        start: The first day; by default the first day any policy counts from.
        end: The last day; by default the last day any policy is known in force
            (:func:`panel_span`).
        group: A population group whose measures take precedence where recorded (OxCGRT's
            ``non_vaccinated`` or ``vaccinated``); None: everyone's measures.
        weights: Weights to use instead of the codebook's.
        unknown: How unknown dimensions enter the composite.
        start_rule: Whether policies count from their effective date or announcement.
        subdivisions: Whether policies of subdivisions count (as targeted); a dataset of
            totals (:attr:`~policytrack.DatasetInfo.totals`) counts each jurisdiction's own.
        fast: Compute with NumPy (the ``fast`` extra; True: required), in pure Python
            (False), or choose (None: NumPy when installed and the panel has at least
            :data:`FAST_MIN_ROWS` rows). Both give the same panel.

    Raises:
        NotFoundError: A jurisdiction is not an ISO 3166 code.
        WeightError: The weights are not valid for the codebook.
        PolicytrackError: *fast* is True and NumPy is not installed.
    """
    codebook = own_codebook(dataset, codebook)
    scoring = Scoring(
        weights=weights, unknown=unknown, start_rule=start_rule, subdivisions=subdivisions
    )
    start = None if start is None else start_day(start, "start")
    end = None if end is None else end_day(end, "end")
    ordered(("start", start), ("end", end))
    if jurisdictions is None:
        codes = sorted({p.jurisdiction for p in dataset.policies})
    else:
        codes = list(dict.fromkeys(jurisdictions))
        for code in codes:
            if not is_known(code):
                msg = f"{code!r} is not an ISO 3166-1 or ISO 3166-2 code"
                raise NotFoundError(msg)
    resolved = resolve_weights(codebook, weights)
    span = panel_span(dataset) if start is None or end is None else None
    first = start or (span[0] if span else None)
    last = end or (span[1] if span else None)
    dimensions = tuple(d.id for d in codebook.dimensions)
    result = Panel(
        codebook=codebook.id,
        dimensions=dimensions,
        group=group,
        weights=resolved,
        unknown=unknown,
        start=first,
        end=last,
        jurisdictions=tuple(codes),
    )
    if first is None or last is None or last < first or not codes:
        empty = tuple(array("d") for _ in range(2 + 2 * len(dimensions)))
        return attrs.evolve(result, values=empty)
    window = (first.toordinal(), last.toordinal())
    numpy = _uses_numpy(fast, len(codes) * (window[1] - window[0] + 1))
    with collector_paused():
        intervals = coverage_intervals(dataset, codes, scoring=scoring)
        if numpy:
            from policytrack.analysis import panel_numpy  # noqa: PLC0415  (NumPy: when asked)

            values = panel_numpy.numpy_values(
                dataset, codebook, codes, window, group=group, weights=resolved, scoring=scoring
            )
            sources, evidence = panel_numpy.numpy_coverage(intervals, codes, window)
        else:
            values = reference_values(
                dataset, codebook, codes, window, group=group, scoring=scoring
            )
            sources, evidence = reference_coverage(intervals, codes, window)
    return attrs.evolve(result, values=values, sources=sources, evidence=evidence)


def _uses_numpy(fast: bool | None, rows: int) -> bool:
    """Whether the panel is computed with NumPy."""
    if fast is False:
        return False
    if fast is None and rows < FAST_MIN_ROWS and "numpy" not in sys.modules:
        return False
    try:
        import numpy  # noqa: F401, PLC0415  (NumPy: only when it pays)
    except ImportError:
        if fast:
            msg = "fast=True needs NumPy, which is not installed: pip install 'policytrack[fast]'"
            raise PolicytrackError(msg) from None
        return False
    return True


def reference_values(
    dataset: Dataset,
    codebook: Codebook,
    codes: Sequence[str],
    window: tuple[int, int],
    *,
    group: str | None,
    scoring: Scoring,
) -> tuple[Sequence[float], ...]:
    """The panel's index columns, from each jurisdiction's index, in pure Python (the reference).

    Args:
        dataset: The records.
        codebook: The codebook.
        codes: The jurisdictions, in row order.
        window: The first and last day, as day ordinals.
        group: The population group whose measures take precedence (None: everyone's).
        scoring: The weights, unknown rule, start rule and subdivision rule.

    Returns:
        The columns of :meth:`Panel.value_columns`, NaN where nothing is known.
    """
    nan = math.nan
    dimensions = [d.id for d in codebook.dimensions]
    columns: list[list[float]] = [[] for _ in range(2 + 2 * len(dimensions))]
    first, last = window
    for code in codes:
        points = index(dataset, code, codebook=codebook, scoring=scoring, group=group).points
        days = [p.day.toordinal() for p in points]
        cells: list[float] = [nan] * len(columns)
        at = -1
        for ordinal in range(first, last + 1):
            if at + 1 < len(points) and days[at + 1] <= ordinal:
                while at + 1 < len(points) and days[at + 1] <= ordinal:
                    at += 1
                point = points[at]
                bands = [point.composite, *(point.subindices[d] for d in dimensions)]
                cells = [nan if v is None else v for b in bands for v in (b.earliest, b.latest)]
            for column, cell in zip(columns, cells, strict=True):
                column.append(cell)
    return tuple(array("d", column) for column in columns)


def reference_coverage(
    intervals: Mapping[str, Sequence[tuple[int, int, str, int]]],
    codes: Sequence[str],
    window: tuple[int, int],
) -> tuple[Sequence[int], Sequence[int]]:
    """Per row: how many sources cover the day, and their quotes on it, in pure Python.

    Args:
        intervals: Each jurisdiction's coverage intervals
            (:func:`~policytrack.analysis.coverage.coverage_intervals`).
        codes: The jurisdictions, in row order.
        window: The first and last day, as day ordinals.
    """
    first, last = window
    width = last - first + 1
    sources: list[int] = []
    evidence: list[int] = []
    for code in codes:
        active: dict[str, int] = {}
        quotes = [0] * (width + 1)
        starts: dict[int, list[str]] = {}
        stops: dict[int, list[str]] = {}
        for since, until, source, count in intervals.get(code, ()):
            lo, hi = max(since, first), min(until, last)
            if lo > hi:
                continue
            if source:
                starts.setdefault(lo - first, []).append(source)
                stops.setdefault(hi + 1 - first, []).append(source)
            quotes[lo - first] += count
            quotes[hi + 1 - first] -= count
        running = 0
        for offset in range(width):
            for source in stops.get(offset, ()):
                active[source] -= 1
            for source in starts.get(offset, ()):
                active[source] = active.get(source, 0) + 1
            running += quotes[offset]
            sources.append(sum(1 for n in active.values() if n > 0))
            evidence.append(running)
    return array("q", sources), array("q", evidence)
