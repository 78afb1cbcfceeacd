"""The relational schema every export and DataFrame is built from: :data:`TABLES`.

``policytrack.render.export_schema`` holds one table per collection, one for measures, one for
evidence, and join tables for the lists of references, each column with its type and keys, and
each table with the function that gives its rows from a dataset. A date appears as its EDTF
notation with its earliest and latest days, which bound is open if any, its basis and its
reason, so any tool can filter on dates without knowing EDTF. The writers are in
:mod:`policytrack.render.export`, the DataFrames in :mod:`policytrack.render.frames`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Final

import attrs
import pendulum

from policytrack.model.dataset import Dataset
from policytrack.model.dates import MAX_DAY, MIN_DAY, OPEN_BOUNDS, UncertainDate
from policytrack.model.provenance import evidence_of
from policytrack.model.records import Source

__all__ = ["TABLES", "Column", "Table", "rows", "typed_rows"]


@attrs.frozen
class Column:
    """A column of the relational schema.

    Attributes:
        name: The column's name.
        type: Its Frictionless type: ``string``, ``integer`` or ``date``.
        required: Whether it may not be empty.
        references: The table and column it references, if any.
        many: Whether it holds a list of text: a list column in Parquet and DataFrames, the
            items joined with ``"; "`` in CSV and SQLite.
    """

    name: str
    type: str = "string"
    required: bool = False
    references: tuple[str, str] | None = None
    many: bool = False


@attrs.frozen
class Table:
    """A table of the relational schema: its columns, primary key and row source."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    rows: Callable[[Dataset], Iterator[tuple[Any, ...]]] = attrs.field(repr=False)
    description: str = ""


def _date_columns(name: str) -> tuple[Column, ...]:
    return (
        Column(name),
        Column(f"{name}_earliest", "date"),
        Column(f"{name}_latest", "date"),
        Column(f"{name}_open"),
        Column(f"{name}_basis"),
        Column(f"{name}_reason"),
    )


def _open(date: UncertainDate) -> str | None:
    """Which bound of *date* is open: ``earliest``, ``latest``, ``both`` or None."""
    first, last = date.earliest == MIN_DAY, date.latest == MAX_DAY
    if first and last:
        return "both"
    return "earliest" if first else "latest" if last else None


def _date_values(date: UncertainDate | None) -> tuple[Any, ...]:
    if date is None:
        return (None, None, None, None, None, None)
    return (date.edtf, date.earliest, date.latest, _open(date), date.basis.value, date.reason)


def _joined(values: tuple[str, ...]) -> tuple[str, ...]:
    return values


def _sources(d: Dataset) -> Iterator[tuple[Any, ...]]:
    for s in d.sources:
        yield (
            s.id,
            s.title,
            s.outlet,
            s.author,
            s.url,
            *_date_values(s.published),
            s.reliability.value,
            s.language,
            s.sha256,
            s.length,
            s.notes,
        )


def _agencies(d: Dataset) -> Iterator[tuple[Any, ...]]:
    for a in d.agencies:
        yield (a.id, a.name, a.kind.value, a.jurisdiction, a.parent, _joined(a.aliases), a.notes)


def _platforms(d: Dataset) -> Iterator[tuple[Any, ...]]:
    for p in d.platforms:
        yield (
            p.id,
            p.name,
            p.kind.value,
            p.owner,
            p.home_country,
            _joined(p.aliases),
            p.notes,
        )


def _policies(d: Dataset) -> Iterator[tuple[Any, ...]]:
    for p in d.policies:
        yield (
            p.id,
            p.title,
            p.jurisdiction,
            p.kind.value,
            p.status.value,
            *_date_values(p.announced),
            *_date_values(p.effective),
            *_date_values(p.ended),
            _joined(p.targets),
            p.summary,
            p.notes,
        )


def _measures(d: Dataset) -> Iterator[tuple[Any, ...]]:
    for p in d.policies:
        for i, m in enumerate(p.measures):
            yield (p.id, i, m.dimension, m.level, m.scope.value, m.reason)


def _policy_agencies(d: Dataset) -> Iterator[tuple[Any, ...]]:
    for p in d.policies:
        for role, ids in (("issuer", p.issuers), ("enforcer", p.enforcers)):
            for agency in dict.fromkeys(ids):
                yield (p.id, agency, role)


def _pairs(collection: str, field: str) -> Callable[[Dataset], Iterator[tuple[Any, ...]]]:
    def produce(d: Dataset) -> Iterator[tuple[Any, ...]]:
        for record in getattr(d, collection):
            for value in dict.fromkeys(getattr(record, field)):
                yield (record.id, value)

    return produce


def _links(d: Dataset) -> Iterator[tuple[Any, ...]]:
    for k in d.links:
        yield (k.id, k.kind.value, k.from_policy, k.to_policy, k.notes)


def _outcomes(d: Dataset) -> Iterator[tuple[Any, ...]]:
    for o in d.outcomes:
        q = o.quantity
        yield (
            o.id,
            o.metric.value,
            q.kind.value,
            q.low,
            q.high,
            q.text,
            o.unit,
            o.description,
            *_date_values(o.period),
            o.place,
            o.reported_by,
            o.reporter,
            _joined(o.via),
            o.same_as,
            o.notes,
        )


def _claims(d: Dataset) -> Iterator[tuple[Any, ...]]:
    for c in d.claims:
        yield (
            c.id,
            c.kind.value,
            c.speaker,
            c.speaker_agency,
            c.text,
            *_date_values(c.date),
            c.notes,
        )


def _evidence(d: Dataset) -> Iterator[tuple[Any, ...]]:
    for record in d.records():
        if isinstance(record, Source):
            continue
        for path, e in evidence_of(record):
            yield (record.id, path, e.source, e.exact, e.start, e.end, e.prefix, e.suffix)


def _id(name: str = "id") -> Column:
    return Column(name, required=True)


def _ref(name: str, table: str, required: bool = False) -> Column:
    return Column(name, required=required, references=(table, "id"))


TABLES: Final[tuple[Table, ...]] = (
    Table(
        "sources",
        (
            _id(),
            Column("title", required=True),
            Column("outlet", required=True),
            Column("author"),
            Column("url"),
            *_date_columns("published"),
            Column("reliability", required=True),
            Column("language", required=True),
            Column("sha256", required=True),
            Column("length", "integer", required=True),
            Column("notes"),
        ),
        ("id",),
        _sources,
        "Articles and documents the records are coded from.",
    ),
    Table(
        "agencies",
        (
            _id(),
            Column("name", required=True),
            Column("kind", required=True),
            Column("jurisdiction", required=True),
            _ref("parent", "agencies"),
            Column("aliases", many=True),
            Column("notes"),
        ),
        ("id",),
        _agencies,
        "State and party bodies; aliases are separated by '; '.",
    ),
    Table(
        "platforms",
        (
            _id(),
            Column("name", required=True),
            Column("kind", required=True),
            Column("owner"),
            Column("home_country"),
            Column("aliases", many=True),
            Column("notes"),
        ),
        ("id",),
        _platforms,
        "Services and companies that policies hit.",
    ),
    Table(
        "policies",
        (
            _id(),
            Column("title", required=True),
            Column("jurisdiction", required=True),
            Column("kind", required=True),
            Column("status", required=True),
            *_date_columns("announced"),
            *_date_columns("effective"),
            *_date_columns("ended"),
            Column("targets", many=True),
            Column("summary"),
            Column("notes"),
        ),
        ("id",),
        _policies,
        "Laws, regulations, directives, campaigns and standing practices.",
    ),
    Table(
        "measures",
        (
            _ref("policy", "policies", True),
            Column("position", "integer", required=True),
            Column("dimension", required=True),
            Column("level", "integer", required=True),
            Column("scope", required=True),
            Column("reason", required=True),
        ),
        ("policy", "position"),
        _measures,
        "What each policy does on each codebook dimension.",
    ),
    Table(
        "policy_agencies",
        (
            _ref("policy", "policies", True),
            _ref("agency", "agencies", True),
            Column("role", required=True),
        ),
        ("policy", "agency", "role"),
        _policy_agencies,
        "Which agencies issue ('issuer') and enforce ('enforcer') each policy.",
    ),
    Table(
        "policy_platforms",
        (_ref("policy", "policies", True), _ref("platform", "platforms", True)),
        ("policy", "platform"),
        _pairs("policies", "platforms"),
        "Platforms each policy targets by name.",
    ),
    Table(
        "links",
        (
            _id(),
            Column("kind", required=True),
            _ref("from_policy", "policies", True),
            _ref("to_policy", "policies", True),
            Column("notes"),
        ),
        ("id",),
        _links,
        "Typed relations between policies: from_policy KIND to_policy.",
    ),
    Table(
        "outcomes",
        (
            _id(),
            Column("metric", required=True),
            Column("quantity_kind", required=True),
            Column("low", "integer"),
            Column("high", "integer"),
            Column("quantity_text"),
            Column("unit", required=True),
            Column("description", required=True),
            *_date_columns("period"),
            Column("place"),
            Column("reported_by", required=True),
            _ref("reporter", "agencies"),
            Column("via", many=True),
            _ref("same_as", "outcomes"),
            Column("notes"),
        ),
        ("id",),
        _outcomes,
        "Reported figures; low and high bound the value (empty: unbounded).",
    ),
    Table(
        "outcome_agencies",
        (_ref("outcome", "outcomes", True), _ref("agency", "agencies", True)),
        ("outcome", "agency"),
        _pairs("outcomes", "agencies"),
        "Agencies involved in each outcome.",
    ),
    Table(
        "outcome_platforms",
        (_ref("outcome", "outcomes", True), _ref("platform", "platforms", True)),
        ("outcome", "platform"),
        _pairs("outcomes", "platforms"),
        "Platforms involved in each outcome.",
    ),
    Table(
        "outcome_policies",
        (_ref("outcome", "outcomes", True), _ref("policy", "policies", True)),
        ("outcome", "policy"),
        _pairs("outcomes", "policies"),
        "Policies each outcome is attributed to.",
    ),
    Table(
        "claims",
        (
            _id(),
            Column("kind", required=True),
            Column("speaker", required=True),
            _ref("speaker_agency", "agencies"),
            Column("text", required=True),
            *_date_columns("date"),
            Column("notes"),
        ),
        ("id",),
        _claims,
        "Official statements, kept apart from facts.",
    ),
    Table(
        "claim_policies",
        (_ref("claim", "claims", True), _ref("policy", "policies", True)),
        ("claim", "policy"),
        _pairs("claims", "policies"),
        "Policies each claim is about.",
    ),
    Table(
        "claim_agencies",
        (_ref("claim", "claims", True), _ref("agency", "agencies", True)),
        ("claim", "agency"),
        _pairs("claims", "agencies"),
        "Other agencies each claim involves.",
    ),
    Table(
        "claim_platforms",
        (_ref("claim", "claims", True), _ref("platform", "platforms", True)),
        ("claim", "platform"),
        _pairs("claims", "platforms"),
        "Platforms each claim names.",
    ),
    Table(
        "evidence",
        (
            Column("record", required=True),
            Column("field", required=True),
            _ref("source", "sources", True),
            Column("exact", required=True),
            Column("start", "integer", required=True),
            Column("end", "integer", required=True),
            Column("prefix"),
            Column("suffix"),
        ),
        ("record", "field"),
        _evidence,
        "Every quote: the record and field it backs, and its place in the source text "
        "(code points, 0-based, end-exclusive).",
    ),
)
"""The relational schema every tabular export follows."""


def _flat(value: Any) -> Any:
    if isinstance(value, pendulum.Date):
        return value.isoformat()
    if isinstance(value, tuple):
        return "; ".join(value) if value else None
    return value


def rows(dataset: Dataset, table: Table) -> list[tuple[Any, ...]]:
    """The rows of *table* for *dataset* as CSV and SQLite hold them.

    Days are ISO text; the open bound of an interval is the day ``0001-01-01`` (earliest) or
    ``9999-12-31`` (latest), with the ``..._open`` column saying which; lists are joined with
    ``"; "`` (None when empty).
    """
    return [tuple(_flat(v) for v in row) for row in table.rows(dataset)]


def _typed(value: Any) -> Any:
    if isinstance(value, pendulum.Date):
        return None if value in OPEN_BOUNDS else value
    if isinstance(value, tuple):
        return list(value)
    return value


def typed_rows(dataset: Dataset, table: Table) -> list[tuple[Any, ...]]:
    """The rows of *table* as Parquet and DataFrames hold them.

    Days are ``pendulum.Date`` values, an open bound None (the ``..._open`` column says which
    bound is open); lists stay lists.
    """
    return [tuple(_typed(v) for v in row) for row in table.rows(dataset)]
