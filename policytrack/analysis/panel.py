"""The panel: jurisdiction x day in long form, the shape other trackers publish.

One row per jurisdiction and day: the composite index in the earliest and latest series and
every dimension's sub-index in both. The rows come from each jurisdiction's
:class:`~policytrack.analysis.index.IndexSeries`, which holds change points; the panel only
spreads them over the days asked for. A value is None on a day nothing is known.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import attrs
import pendulum

from policytrack.analysis.defaults import own_codebook
from policytrack.analysis.index import Band, IndexPoint, index
from policytrack.analysis.scoring import Scoring
from policytrack.errors import NotFoundError
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
from policytrack.model.jurisdictions import is_known
from policytrack.vocab import StartRule, UnknownRule

__all__ = ["Panel", "PanelRow", "panel", "panel_span"]


@attrs.frozen
class PanelRow:
    """One jurisdiction on one day.

    Attributes:
        jurisdiction: The ISO 3166 code.
        day: The day.
        composite: The composite index in both series.
        subindices: Each dimension's sub-index in both series, in codebook order.
    """

    jurisdiction: str
    day: pendulum.Date
    composite: Band
    subindices: Mapping[str, Band]


@attrs.frozen
class Panel:
    """Jurisdictions x days, in long form.

    Attributes:
        codebook: The codebook's id.
        dimensions: Its dimensions' ids, in order: the sub-index columns.
        group: The population group whose measures took precedence (None: everyone's).
        weights: The weights of the composite.
        unknown: How unknown dimensions entered the composite.
        start: The first day.
        end: The last day.
        rows: Jurisdiction by jurisdiction, day by day.
    """

    codebook: str
    dimensions: tuple[str, ...]
    group: str | None
    weights: Mapping[str, float]
    unknown: UnknownRule
    start: pendulum.Date | None
    end: pendulum.Date | None
    rows: tuple[PanelRow, ...]

    def columns(self) -> list[str]:
        """The flat columns of :meth:`records`, in order."""
        columns = ["jurisdiction", "date", "composite_earliest", "composite_latest"]
        for dimension in self.dimensions:
            columns += [f"{dimension}_earliest", f"{dimension}_latest"]
        return columns

    def records(self) -> Iterator[dict[str, Any]]:
        """Each row as a flat mapping of :meth:`columns` (the date as an ISO string)."""
        dimensions = self.dimensions
        for row in self.rows:
            record: dict[str, Any] = {
                "jurisdiction": row.jurisdiction,
                "date": row.day.isoformat(),
                "composite_earliest": row.composite.earliest,
                "composite_latest": row.composite.latest,
            }
            subs = row.subindices
            for dimension in dimensions:
                band = subs.get(dimension)
                record[f"{dimension}_earliest"] = None if band is None else band.earliest
                record[f"{dimension}_latest"] = None if band is None else band.latest
            yield record


@checked
def panel_span(dataset: Dataset) -> tuple[pendulum.Date, pendulum.Date] | None:
    """The days a dataset's policies speak to (None when none is dated).

    From the first day any policy counts from to the last day any is known in force: the day
    before its ``ended``, or its start.
    """
    first: pendulum.Date | None = None
    last: pendulum.Date | None = None
    for policy in dataset.policies:
        start = policy.effective or policy.announced
        if start is None:
            continue
        if first is None or start.earliest < first:
            first = start.earliest
        end = start.latest
        if policy.ended is not None and policy.ended.earliest > end:
            end = policy.ended.earliest.subtract(days=1)
        if last is None or end > last:
            last = end
    if first is None or last is None:
        return None
    return first, last


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
) -> Panel:
    """The jurisdiction x day panel of the composite and every sub-index, both series.

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

    Raises:
        NotFoundError: A jurisdiction is not an ISO 3166 code.
        WeightError: The weights are not valid for the codebook.
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
    span = panel_span(dataset)
    first = start or (span[0] if span else None)
    last = end or (span[1] if span else None)
    rows: list[PanelRow] = []
    resolved: Mapping[str, float] = {}
    for code in codes:
        series = index(
            dataset,
            code,
            codebook=codebook,
            scoring=scoring,
            group=group,
        )
        resolved = series.weights
        if first is not None and last is not None:
            rows.extend(_days(code, series.points, first, last))
    if not codes:
        resolved = dict(codebook.weights)
    return Panel(
        codebook=codebook.id,
        dimensions=tuple(d.id for d in codebook.dimensions),
        group=group,
        weights=resolved,
        unknown=unknown,
        start=first,
        end=last,
        rows=tuple(rows),
    )


_EMPTY = Band(None, None)


def _days(
    code: str, points: Sequence[IndexPoint], first: pendulum.Date, last: pendulum.Date
) -> Iterator[PanelRow]:
    """One row per day from *first* to *last*, each with the point in force that day."""
    at = -1
    composite: Band = _EMPTY
    subs: Mapping[str, Band] = {}
    for ordinal in range(first.toordinal(), last.toordinal() + 1):
        day = pendulum.Date.fromordinal(ordinal)
        while at + 1 < len(points) and points[at + 1].day <= day:
            at += 1
            composite, subs = points[at].composite, points[at].subindices
        yield PanelRow(code, day, composite, subs)
