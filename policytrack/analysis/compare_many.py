"""Many jurisdictions side by side: the composite and every sub-index, both series.

Where :func:`~policytrack.analysis.compare.compare_jurisdictions` sets two composites side by
side, :func:`compare_many` takes any number of jurisdictions and keeps every dimension and both
series, in long form: one row per change day (or offset from each one's reference day) and
jurisdiction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs
import pendulum

from policytrack.analysis.defaults import own_codebook
from policytrack.analysis.index import Band, IndexSeries, index
from policytrack.analysis.scoring import Scoring
from policytrack.errors import NotFoundError
from policytrack.model.arguments import (
    DateLike,
    checked,
    legacy_codebook,
    start_day,
)
from policytrack.model.codebook import Codebook
from policytrack.model.dataset import Dataset
from policytrack.vocab import StartRule, UnknownRule

__all__ = ["JurisdictionsComparison", "ManyRow", "compare_many"]


@attrs.frozen
class ManyRow:
    """One jurisdiction at one day (or offset).

    Attributes:
        key: The day, or the days since the jurisdiction's reference day.
        jurisdiction: The ISO 3166 code.
        composite: The composite in both series (None: nothing known yet).
        subindices: Each dimension's sub-index in both series, in codebook order.
    """

    key: pendulum.Date | int
    jurisdiction: str
    composite: Band
    subindices: Mapping[str, Band]


@attrs.frozen
class JurisdictionsComparison:
    """Jurisdictions' indices aligned by calendar or by days since a reference day each.

    Attributes:
        jurisdictions: The codes, in the order given.
        references: Each one's reference day, or None for calendar alignment.
        dimensions: The codebook's dimensions, in order.
        group: The population group whose measures took precedence (None: everyone's).
        rows: Every day (or offset) any of them changes, each jurisdiction in turn.
    """

    jurisdictions: tuple[str, ...]
    references: tuple[pendulum.Date, ...] | None
    dimensions: tuple[str, ...]
    group: str | None
    rows: tuple[ManyRow, ...]

    def records(self) -> list[dict[str, object]]:
        """The rows as flat mappings: key, jurisdiction, the composite and each dimension."""
        found = []
        name = "days since reference" if self.references else "from"
        for row in self.rows:
            record: dict[str, object] = {
                name: row.key if isinstance(row.key, int) else row.key.isoformat(),
                "jurisdiction": row.jurisdiction,
                "composite_earliest": row.composite.earliest,
                "composite_latest": row.composite.latest,
            }
            for dimension in self.dimensions:
                band = row.subindices.get(dimension, _EMPTY)
                record[f"{dimension}_earliest"] = band.earliest
                record[f"{dimension}_latest"] = band.latest
            found.append(record)
        return found

    def columns(self) -> list[str]:
        """The columns of :meth:`records`, in order."""
        name = "days since reference" if self.references else "from"
        columns = [name, "jurisdiction", "composite_earliest", "composite_latest"]
        for dimension in self.dimensions:
            columns += [f"{dimension}_earliest", f"{dimension}_latest"]
        return columns


_EMPTY = Band(None, None)


@legacy_codebook
@checked
def compare_many(
    dataset: Dataset,
    jurisdictions: Sequence[str],
    *,
    codebook: Codebook | None = None,
    references: Sequence[DateLike] | None = None,
    group: str | None = None,
    weights: Mapping[str, float] | None = None,
    unknown: UnknownRule = UnknownRule.ZERO,
    start_rule: StartRule = StartRule.EFFECTIVE,
    subdivisions: bool = True,
) -> JurisdictionsComparison:
    """Jurisdictions' composites and sub-indices side by side, in both series.

    Args:
        dataset: The records.
        codebook: The codebook; by default the one the dataset names.
        jurisdictions: ISO 3166 codes, at least one.
        references: A reference day for each (a comparable event), to align by days since it;
            by default the series are aligned by calendar.
        group: A population group whose measures take precedence where recorded.
        weights: Weights to use instead of the codebook's.
        unknown: How unknown dimensions enter the composite.
        start_rule: Whether policies count from their effective date or announcement.
        subdivisions: Whether policies of subdivisions count (as targeted).

    Raises:
        NotFoundError: No jurisdiction is given, or the references do not match them one for
            one.
    """
    codebook = own_codebook(dataset, codebook)
    scoring = Scoring(
        weights=weights, unknown=unknown, start_rule=start_rule, subdivisions=subdivisions
    )
    days = (
        None
        if references is None
        else [start_day(day, f"references[{i}]") for i, day in enumerate(references)]
    )
    codes = tuple(dict.fromkeys(jurisdictions))
    if not codes:
        raise NotFoundError("compare at least one jurisdiction")
    if days is not None and len(days) != len(codes):
        msg = f"give one reference day per jurisdiction ({len(codes)}), not {len(days)}"
        raise NotFoundError(msg)
    series: list[IndexSeries] = [
        index(
            dataset,
            code,
            codebook=codebook,
            scoring=scoring,
            group=group,
        )
        for code in codes
    ]
    refs: Sequence[pendulum.Date | None] = days or [None] * len(codes)

    def key_of(day: pendulum.Date, ref: pendulum.Date | None) -> pendulum.Date | int:
        return day if ref is None else day.toordinal() - ref.toordinal()

    def day_of(key: pendulum.Date | int, ref: pendulum.Date | None) -> pendulum.Date:
        if isinstance(key, int):
            assert ref is not None
            return pendulum.Date.fromordinal(ref.toordinal() + key)
        return key

    keys = sorted(
        {key_of(p.day, ref) for s, ref in zip(series, refs, strict=True) for p in s.points}
    )
    rows = []
    for key in keys:
        for code, s, ref in zip(codes, series, refs, strict=True):
            point = s.on(day_of(key, ref))
            if point is None:
                rows.append(ManyRow(key, code, _EMPTY, {}))
            else:
                rows.append(ManyRow(key, code, point.composite, point.subindices))
    return JurisdictionsComparison(
        jurisdictions=codes,
        references=None if days is None else tuple(days),
        dimensions=tuple(d.id for d in codebook.dimensions),
        group=group,
        rows=tuple(rows),
    )
