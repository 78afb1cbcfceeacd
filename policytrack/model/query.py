"""Queries: records selected by filters, and everything that refers to a record.

``policytrack.model.query`` (``policytrack.query`` before release 0.2).

Filters cover jurisdiction, agency, platform, dimension, kind, date and text.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs
import pendulum

from policytrack.errors import NotFoundError
from policytrack.model.compiled import CompiledDataset
from policytrack.model.dataset import COLLECTIONS, Dataset
from policytrack.model.dates import UncertainDate
from policytrack.model.jurisdictions import within
from policytrack.model.records import Agency, Claim, Link, Outcome, Platform, Policy, Record, Source

__all__ = ["Filters", "RecordView", "Reference", "dates_of", "describe", "references_to", "select"]


@attrs.frozen
class Filters:
    """What records to keep; every filter given must match.

    Attributes:
        jurisdiction: Records of this ISO 3166 code or its subdivisions.
        agency: Records that involve this agency id.
        platform: Records that involve this platform id.
        dimension: Policies with a measure on this dimension (other records never match).
        kind: The record's ``kind`` or, for outcomes, ``metric``.
        start: Records with a date that may fall on or after this day.
        end: Records with a date that may fall on or before this day.
        text: Case-insensitive text in any of the record's words (titles, names, notes, quotes).
    """

    jurisdiction: str | None = None
    agency: str | None = None
    platform: str | None = None
    dimension: str | None = None
    kind: str | None = None
    start: pendulum.Date | None = None
    end: pendulum.Date | None = None
    text: str | None = None


def dates_of(record: Record) -> tuple[UncertainDate, ...]:
    """Every date a record carries (publication, announcement, effect, end, period)."""
    names = ("published", "announced", "effective", "ended", "period", "date")
    return tuple(d for n in names if isinstance(d := getattr(record, n, None), UncertainDate))


def _place(record: Record) -> str | None:
    if isinstance(record, Agency | Policy):
        return record.jurisdiction
    if isinstance(record, Outcome):
        return record.place
    return None


def _agencies(record: Record) -> tuple[str, ...]:
    if isinstance(record, Policy):
        return record.issuers + record.enforcers
    if isinstance(record, Outcome):
        return record.agencies + ((record.reporter,) if record.reporter else ())
    if isinstance(record, Claim):
        return (record.speaker_agency,) if record.speaker_agency else ()
    if isinstance(record, Agency):
        return (record.id,) + ((record.parent,) if record.parent else ())
    return ()


def _platforms(record: Record) -> tuple[str, ...]:
    if isinstance(record, Policy | Outcome):
        return record.platforms
    if isinstance(record, Platform):
        return (record.id,)
    return ()


def _words(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _words(item)
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):  # type: ignore[arg-type]
            yield from _words(getattr(value, field.name))


def _kind(record: Record) -> str | None:
    value = getattr(record, "metric", None) or getattr(record, "kind", None)
    return None if value is None else str(value)


def _matches(record: Record, f: Filters) -> bool:
    if f.jurisdiction is not None:
        place = _place(record)
        if place is None or not within(place, f.jurisdiction):
            return False
    if f.agency is not None and f.agency not in _agencies(record):
        return False
    if f.platform is not None and f.platform not in _platforms(record):
        return False
    if f.dimension is not None and not (
        isinstance(record, Policy) and any(m.dimension == f.dimension for m in record.measures)
    ):
        return False
    if f.kind is not None and _kind(record) != f.kind:
        return False
    if f.start is not None or f.end is not None:
        dates = dates_of(record)
        if not any(
            (f.start is None or d.latest >= f.start) and (f.end is None or d.earliest <= f.end)
            for d in dates
        ):
            return False
    if f.text:
        needle = f.text.casefold()
        if not any(needle in w.casefold() for w in _words(record)):
            return False
    return True


def select(dataset: Dataset, collection: str, filters: Filters | None = None) -> tuple[Record, ...]:
    """The records of *collection* that match every filter in *filters*, in dataset order.

    Raises:
        NotFoundError: *collection* is not one of :data:`~policytrack.COLLECTIONS`.
    """
    if collection not in COLLECTIONS:
        msg = f"no collection {collection!r} (known: {', '.join(COLLECTIONS)})"
        raise NotFoundError(msg)
    chosen = filters or Filters()
    records: tuple[Record, ...] | None = None
    place = chosen.jurisdiction
    if place is not None and isinstance(dataset, CompiledDataset):
        # Read from the cache: only the records placed there are built.
        records = dataset.placed(collection, lambda code: within(code, place))
    if records is None:
        records = getattr(dataset, collection)
    return tuple(r for r in records if _matches(r, chosen))


@attrs.frozen
class Reference:
    """A record that refers to another, and the field it refers from.

    Attributes:
        record: The referring record's id.
        collection: Its collection.
        field: The field that holds the reference (``issuers``, ``evidence[0].source``).
    """

    record: str
    collection: str
    field: str


def _refs(record: Record) -> Iterator[tuple[str, str]]:
    for name in ("issuers", "enforcers", "platforms", "agencies", "policies"):
        for value in getattr(record, name, ()):
            yield name, value
    for name in ("parent", "reporter", "speaker_agency", "same_as", "from_policy", "to_policy"):
        value = getattr(record, name, None)
        if isinstance(value, str):
            yield name, value
    if isinstance(record, Agency | Platform | Policy | Link | Outcome | Claim):
        sources = {e.source for e in record.evidence}
        if isinstance(record, Policy):
            sources |= {e.source for m in record.measures for e in m.evidence}
        for source in sorted(sources):
            yield "evidence", source


def references_to(dataset: Dataset, record_id: str) -> tuple[Reference, ...]:
    """Every record that refers to *record_id*, in dataset order.

    Raises:
        NotFoundError: No record has that id (the message suggests close ids).
    """
    target = dataset.get(record_id)
    found = []
    for name in COLLECTIONS:
        for record in getattr(dataset, name):
            if record is target or isinstance(record, Source):
                continue
            for field, value in _refs(record):
                if value == record_id:
                    found.append(Reference(record.id, name, field))
    return tuple(found)


@attrs.frozen
class RecordView:
    """One record with everything around it.

    Attributes:
        collection: The record's collection.
        record: The record.
        referenced_by: Every record that refers to it.
        links: Links from or to it, when it is a policy.
        outcomes: Outcomes that name it as an agency, platform or policy involved.
    """

    collection: str
    record: Record
    referenced_by: tuple[Reference, ...]
    links: tuple[Link, ...]
    outcomes: tuple[Outcome, ...]


def describe(dataset: Dataset, record_id: str) -> RecordView:
    """The record called *record_id* with its references, links and outcomes.

    Raises:
        NotFoundError: No record has that id (the message suggests close ids).
    """
    record = dataset.get(record_id)
    collection = next(n for n, t in COLLECTIONS.items() if isinstance(record, t))
    return RecordView(
        collection,
        record,
        references_to(dataset, record_id),
        dataset.links_of(record_id) if isinstance(record, Policy) else (),
        dataset.outcomes_of(record_id),
    )
