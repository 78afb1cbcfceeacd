"""How well extraction finds what coders coded: recall and precision against a coded dataset.

``policytrack.coding.extraction_quality`` (``policytrack.quality`` before release 0.2).

:func:`extraction_quality` runs :func:`~policytrack.extract_candidates` on each source text of a
dataset and compares the candidates with the dataset's records, leaving one article out at a
time: an article's candidates are found with the gazetteer plus the records coded from the
*other* articles, as when a new article is coded into an existing dataset.

What counts as found, per category:

* **agencies** and **platforms**: a pair (source, record id) for every quote of an agency or
  platform record. It is found when a name candidate in that source resolves to that id.
  Precision counts the distinct (source, id) pairs the candidates name.
* **figures**: every outcome whose quantity is reported in numbers or number words ("460",
  "four", "dozens", "more than a hundred"). It is found when a figure candidate in its source
  overlaps one of its quotes and gives the same quantity (kind and both bounds). Precision
  counts figure candidates.
* **dates**: every distinct (source, earliest, latest) of a date that a record coded from one
  source gives as ``stated`` or ``inferred`` (not ``external``, and not open at one end), and
  each source's own publication date when ``stated`` or ``inferred``. It is found when a date
  candidate in that source has the same bounds. Precision counts the distinct (source,
  bounds) pairs of the candidates.

Dates the coder derived from several clues ("after a September rule and before the story")
count as misses: extraction proposes the pieces, the coder combines them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import attrs

from policytrack.coding.extract import Extraction, NameKind, extract_candidates
from policytrack.coding.gazetteer import Gazetteer, bundled_gazetteer
from policytrack.coding.number_words import NUMBER_WORDS, PLURALS
from policytrack.coding.text import tokenize
from policytrack.model.arguments import checked
from policytrack.model.dataset import Dataset
from policytrack.model.dates import Basis, Precision, UncertainDate
from policytrack.model.provenance import evidence_of
from policytrack.model.records import Agency, Evidence, Outcome, Platform, Quantity, Source

__all__ = ["CATEGORIES", "CategoryQuality", "ExtractionQuality", "extraction_quality"]

CATEGORIES = ("agencies", "platforms", "figures", "dates")
"""The categories measured, in report order."""

_FIGURE_WORDS = frozenset({*NUMBER_WORDS, *PLURALS, "dozens", "tens"})


@attrs.frozen
class CategoryQuality:
    """Recall and precision of one category, in one source or over all of them.

    Attributes:
        category: ``agencies``, ``platforms``, ``figures`` or ``dates``.
        expected: How many coded items there are to find.
        found: How many of them a candidate recovers.
        candidates: How many candidates were proposed.
        correct: How many candidates match a coded item.
        missed: The coded items not found, as ``source: item``.
    """

    category: str
    expected: int
    found: int
    candidates: int
    correct: int
    missed: tuple[str, ...] = ()

    @property
    def recall(self) -> float | None:
        """Found / expected (None when nothing was expected)."""
        return self.found / self.expected if self.expected else None

    @property
    def precision(self) -> float | None:
        """Correct / candidates (None when there were no candidates)."""
        return self.correct / self.candidates if self.candidates else None


@attrs.frozen
class SourceQuality:
    """The four categories measured on one source.

    Attributes:
        source: The source's id.
        categories: One result per category, in :data:`CATEGORIES` order.
    """

    source: str
    categories: tuple[CategoryQuality, ...]


@attrs.frozen
class ExtractionQuality:
    """Extraction measured on a dataset's sources, per category and per source.

    Attributes:
        totals: One result per category over every source, in :data:`CATEGORIES` order.
        sources: The results for each source whose text was available.
        leave_one_out: Whether each source's own records were hidden from the names.
    """

    totals: tuple[CategoryQuality, ...]
    sources: tuple[SourceQuality, ...]
    leave_one_out: bool = True

    def total(self, category: str) -> CategoryQuality:
        """The result over every source for *category*."""
        return next(c for c in self.totals if c.category == category)


def is_figure(quantity: Quantity) -> bool:
    """Whether *quantity* was reported in numbers or number words."""
    words = quantity.text or ""
    return any(t.is_number or t.lower in _FIGURE_WORDS - {"a", "an"} for t in tokenize(words))


def _overlaps(a: Evidence, b: Evidence) -> bool:
    return a.source == b.source and a.start < b.end and b.start < a.end


def _bounds(date: UncertainDate) -> tuple[str, str]:
    return date.earliest.isoformat(), date.latest.isoformat()


def _coded_dates(dataset: Dataset, source: Source) -> set[tuple[str, str]]:
    dates: set[tuple[str, str]] = set()
    published = source.published
    if published.basis is not Basis.EXTERNAL:
        dates.add(_bounds(published))
    for record in dataset.records():
        cited = {item.source for _, item in evidence_of(record)}
        if cited != {source.id}:
            continue
        for name in ("announced", "effective", "ended", "period", "date"):
            date = getattr(record, name, None)
            if date is None or date.basis is Basis.EXTERNAL:
                continue
            if date.precision in (Precision.BEFORE, Precision.AFTER):
                continue
            dates.add(_bounds(date))
    return dates


def _names(
    dataset: Dataset, source: str, extraction: Extraction, kind: type[Agency | Platform]
) -> CategoryQuality:
    wanted = NameKind.AGENCY if kind is Agency else NameKind.PLATFORM
    records = dataset.agencies if kind is Agency else dataset.platforms
    coded = {r.id for r in records if any(e.source == source for e in r.evidence)}
    named = {c.id for c in extraction.names if c.kind is wanted and c.id}
    return CategoryQuality(
        category="agencies" if kind is Agency else "platforms",
        expected=len(coded),
        found=len(coded & named),
        candidates=len(named),
        correct=len(coded & named),
        missed=tuple(f"{source}: {i}" for i in sorted(coded - named)),
    )


def _figures(dataset: Dataset, source: str, extraction: Extraction) -> CategoryQuality:
    coded: list[Outcome] = [
        o
        for o in dataset.outcomes
        if is_figure(o.quantity) and any(e.source == source for e in o.evidence)
    ]

    def same(outcome: Outcome, candidate_quantity: Quantity) -> bool:
        q = outcome.quantity
        return (q.kind, q.low, q.high) == (
            candidate_quantity.kind,
            candidate_quantity.low,
            candidate_quantity.high,
        )

    found = []
    correct = 0
    for candidate in extraction.figures:
        matches = [
            o
            for o in coded
            if same(o, candidate.quantity)
            and any(_overlaps(candidate.evidence, e) for e in o.evidence)
        ]
        correct += bool(matches)
        found += [o.id for o in matches]
    missed = [o.id for o in coded if o.id not in found]
    return CategoryQuality(
        category="figures",
        expected=len(coded),
        found=len(coded) - len(missed),
        candidates=len(extraction.figures),
        correct=correct,
        missed=tuple(f"{source}: {i}" for i in missed),
    )


def _dates(dataset: Dataset, source: Source, extraction: Extraction) -> CategoryQuality:
    coded = _coded_dates(dataset, source)
    proposed = {_bounds(c.date) for c in extraction.dates if c.date is not None}
    return CategoryQuality(
        category="dates",
        expected=len(coded),
        found=len(coded & proposed),
        candidates=len(proposed),
        correct=len(coded & proposed),
        missed=tuple(
            f"{source.id}: {a}/{b}" if a != b else f"{source.id}: {a}"
            for a, b in sorted(coded - proposed)
        ),
    )


def _sum(category: str, parts: Iterable[CategoryQuality]) -> CategoryQuality:
    items = [p for p in parts if p.category == category]
    return CategoryQuality(
        category=category,
        expected=sum(p.expected for p in items),
        found=sum(p.found for p in items),
        candidates=sum(p.candidates for p in items),
        correct=sum(p.correct for p in items),
        missed=tuple(m for p in items for m in p.missed),
    )


@checked
def extraction_quality(
    dataset: Dataset,
    texts: Mapping[str, str],
    *,
    gazetteer: Gazetteer | None = None,
    leave_one_out: bool = True,
) -> ExtractionQuality:
    """Recall and precision of extraction on *dataset*'s sources, per category.

    Args:
        dataset: The coded dataset (the answers).
        texts: Source id -> text, for the sources to measure (see
            :func:`policytrack.read_texts`); sources without a text are skipped.
        gazetteer: The names besides the dataset's own; by default the bundled gazetteer.
        leave_one_out: Hide the records coded only from a source while extracting from it, so
            that its names are found as in a new article. With False, every record's names
            are known, and agencies and platforms are found almost by construction.
    """
    base = gazetteer if gazetteer is not None else bundled_gazetteer()
    results: list[SourceQuality] = []
    for source in dataset.sources:
        text = texts.get(source.id)
        if text is None:
            continue
        exclude = source.id if leave_one_out else None
        names = Gazetteer.from_dataset(dataset, exclude_source=exclude).merged(base)
        extraction = extract_candidates(
            text, source.id, published=source.published, gazetteer=names
        )
        results.append(
            SourceQuality(
                source=source.id,
                categories=(
                    _names(dataset, source.id, extraction, Agency),
                    _names(dataset, source.id, extraction, Platform),
                    _figures(dataset, source.id, extraction),
                    _dates(dataset, source, extraction),
                ),
            )
        )
    parts: Sequence[CategoryQuality] = [c for r in results for c in r.categories]
    totals = tuple(_sum(category, parts) for category in CATEGORIES)
    return ExtractionQuality(totals=totals, sources=tuple(results), leave_one_out=leave_one_out)
