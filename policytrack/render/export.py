"""Exports for other tools: CSV with a Frictionless data package, SQLite and Parquet.

SQLite files have primary and foreign keys; Parquet needs the ``parquet`` extra.

Every export is built from one relational schema, :data:`TABLES`: a table per collection, one
for measures, one for evidence, and join tables for the lists of references. Dates appear as
their EDTF notation together with their earliest and latest days, so any tool can filter on
them without knowing EDTF.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Final

import attrs

from policytrack.errors import PolicytrackError
from policytrack.model.dataset import Dataset
from policytrack.model.dates import UncertainDate
from policytrack.model.provenance import evidence_of
from policytrack.model.records import Source
from policytrack.storage.atomic import (
    check_parent,
    clean_temporaries,
    replace_dir,
    temporary_prefix,
    write_atomic,
    write_error,
)

__all__ = [
    "TABLES",
    "Column",
    "Table",
    "csv_cell",
    "rows",
    "write_csv_package",
    "write_parquet",
    "write_sqlite",
]


@attrs.frozen
class Column:
    """A column of the relational schema.

    Attributes:
        name: The column's name.
        type: Its Frictionless type: ``string``, ``integer`` or ``date``.
        required: Whether it may not be empty.
        references: The table and column it references, if any.
    """

    name: str
    type: str = "string"
    required: bool = False
    references: tuple[str, str] | None = None


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
        Column(f"{name}_basis"),
        Column(f"{name}_reason"),
    )


def _date_values(date: UncertainDate | None) -> tuple[Any, ...]:
    if date is None:
        return (None, None, None, None, None)
    return (
        date.edtf,
        date.earliest.isoformat(),
        date.latest.isoformat(),
        date.basis.value,
        date.reason,
    )


def _joined(values: tuple[str, ...]) -> str | None:
    return "; ".join(values) if values else None


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
            Column("aliases"),
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
            Column("aliases"),
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
            Column("targets"),
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
            Column("via"),
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


def rows(dataset: Dataset, table: Table) -> list[tuple[Any, ...]]:
    """The rows of *table* for *dataset*."""
    return list(table.rows(dataset))


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A value made safe for spreadsheets.

    Text a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or
    carriage return) gets a leading ``'``; numbers stay numbers and None becomes an empty cell.
    """
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv_text(dataset: Dataset, table: Table) -> str:
    buffer = io.StringIO()
    # RFC 4180 line ends: a cell holding a carriage return or a newline is then quoted.
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.name for c in table.columns])
    for row in table.rows(dataset):
        writer.writerow([csv_cell(v) for v in row])
    return buffer.getvalue()


def _descriptor(dataset: Dataset) -> dict[str, Any]:
    resources = []
    for table in TABLES:
        schema: dict[str, Any] = {
            "fields": [
                {
                    "name": c.name,
                    "type": c.type,
                    **({"constraints": {"required": True}} if c.required else {}),
                }
                for c in table.columns
            ],
            "primaryKey": list(table.key),
            "missingValues": [""],
        }
        foreign = [
            {
                "fields": c.name,
                "reference": {"resource": c.references[0], "fields": c.references[1]},
            }
            for c in table.columns
            if c.references is not None
        ]
        if foreign:
            schema["foreignKeys"] = foreign
        resources.append(
            {
                "name": table.name,
                "path": f"{table.name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": table.description,
                "schema": schema,
            }
        )
    info = dataset.info
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": info.id,
        "title": info.title,
        "version": info.version,
        "resources": resources,
    }
    if info.description:
        package["description"] = info.description
    if info.license:
        package["licenses"] = [{"name": info.license}]
    return package


def write_csv_package(dataset: Dataset, directory: str | Path) -> Path:
    """Write one CSV file per table and a Frictionless ``datapackage.json`` into *directory*.

    Text cells that a spreadsheet would run as formulas are neutralised (see :func:`csv_cell`).
    The package is written beside *directory* and swapped in whole: a crash or a full disk
    leaves the old package or the new one, never a mix. Other files in *directory* are kept.

    Returns:
        The path of ``datapackage.json``.

    Raises:
        WriteError: The folder that would hold *directory* is missing, or a write failed.
    """
    folder = Path(directory).absolute()
    with replace_dir(folder, seed=True) as new:
        for table in TABLES:
            write_atomic(new / f"{table.name}.csv", _csv_text(dataset, table), clean=False)
        text = json.dumps(_descriptor(dataset), indent=2, ensure_ascii=False) + "\n"
        write_atomic(new / "datapackage.json", text, clean=False)
    return folder / "datapackage.json"


_SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "date": "TEXT", "number": "REAL"}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _create(table: Table) -> str:
    lines = [
        f"{_quote(c.name)} {_SQL_TYPES[c.type]}{' NOT NULL' if c.required else ''}"
        for c in table.columns
    ]
    lines.append(f"PRIMARY KEY ({', '.join(_quote(k) for k in table.key)})")
    lines += [
        f"FOREIGN KEY ({_quote(c.name)}) REFERENCES {_quote(c.references[0])}"
        f" ({_quote(c.references[1])}) DEFERRABLE INITIALLY DEFERRED"
        for c in table.columns
        if c.references is not None
    ]
    return f"CREATE TABLE {_quote(table.name)} (\n  " + ",\n  ".join(lines) + "\n)"


def write_sqlite(dataset: Dataset, path: str | Path) -> None:
    """Write *dataset* as a SQLite database with primary and foreign keys.

    The database is built in a temporary file and renamed into place, so *path* is either the
    old file or the complete new one. Values are always bound as parameters.

    Raises:
        WriteError: The file cannot be written.
    """
    target = Path(path)
    check_parent(target)
    clean_temporaries(target)
    try:
        fd, name = tempfile.mkstemp(
            dir=target.parent, prefix=temporary_prefix(target), suffix=".tmp"
        )
    except OSError as exc:
        raise write_error(target, exc) from None
    os.close(fd)
    tmp = Path(name)
    try:
        connection = sqlite3.connect(tmp)
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            with connection:
                for table in TABLES:
                    connection.execute(_create(table))
                for table in TABLES:
                    marks = ", ".join("?" for _ in table.columns)
                    connection.executemany(
                        f"INSERT INTO {_quote(table.name)} VALUES ({marks})", table.rows(dataset)
                    )
        finally:
            connection.close()
        write_atomic(target, tmp.read_bytes(), clean=False)
    except sqlite3.Error as exc:
        if isinstance(exc, sqlite3.OperationalError) and "full" in str(exc):
            raise write_error(target, OSError(errno.ENOSPC, "disk full")) from None
        msg = f"{target}: the dataset does not fit the schema ({exc})"
        raise PolicytrackError(msg) from None
    finally:
        tmp.unlink(missing_ok=True)


def write_parquet(dataset: Dataset, directory: str | Path) -> list[Path]:
    """Write one Parquet file per table into *directory* (needs the ``parquet`` extra).

    Raises:
        PolicytrackError: pyarrow is not installed.
        WriteError: A file cannot be written.
    """
    try:
        import pyarrow as pa  # noqa: PLC0415 - optional, heavy: imported only when asked for
    except ImportError:
        msg = "Parquet export needs pyarrow: pip install 'policytrack[parquet]'"
        raise PolicytrackError(msg) from None
    folder = Path(directory).absolute()
    types = {"string": pa.string(), "integer": pa.int64(), "date": pa.string()}
    written: list[Path] = []
    with replace_dir(folder, seed=True) as new:
        _write_parquet_tables(dataset, new, types, written, folder)
    return written


def _write_parquet_tables(
    dataset: Dataset, new: Path, types: dict[str, Any], written: list[Path], folder: Path
) -> None:
    import pyarrow as pa  # noqa: PLC0415 - optional, heavy: imported only when asked for
    import pyarrow.parquet as pq  # noqa: PLC0415

    for table in TABLES:
        data = list(zip(*table.rows(dataset), strict=True)) or [() for _ in table.columns]
        arrays = [
            pa.array(list(values), type=types[c.type])
            for c, values in zip(table.columns, data, strict=True)
        ]
        arrow = pa.Table.from_arrays(arrays, names=[c.name for c in table.columns])
        sink = pa.BufferOutputStream()
        pq.write_table(arrow, sink)
        write_atomic(new / f"{table.name}.parquet", sink.getvalue().to_pybytes(), clean=False)
        written.append(folder / f"{table.name}.parquet")
