"""The export writers: CSV with a Frictionless data package, SQLite and Parquet.

``policytrack.render.export`` writes a dataset for other tools. Every export is built from one
relational schema, :data:`TABLES` (defined in :mod:`policytrack.render.export_schema` and
re-exported here). SQLite files have primary and foreign keys; Parquet needs the ``parquet``
extra. Every file is written atomically.
In CSV and SQLite, days are ISO text and the open bound of an interval is the day
``0001-01-01`` or ``9999-12-31``, with a ``..._open`` column saying which bound is open; Parquet
holds ``date32`` days with open bounds null, and lists as list columns.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from policytrack.errors import PolicytrackError
from policytrack.model.dataset import Dataset
from policytrack.render.export_schema import TABLES, Column, Table, rows
from policytrack.render.frames import to_arrow
from policytrack.render.optional import need
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
    "datasette_metadata",
    "rows",
    "write_csv_package",
    "write_datasette_metadata",
    "write_parquet",
    "write_sqlite",
]


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
    for row in rows(dataset, table):
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
                # Declared, so readers need not sniff it: text full of semicolons can make a
                # sniffer take ";" for the delimiter.
                "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
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
                        f"INSERT INTO {_quote(table.name)} VALUES ({marks})", rows(dataset, table)
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


def _column_note(column: Column) -> str:
    """What a column holds, said once for the conventions every table shares."""
    name = column.name
    for suffix, note in (
        ("_earliest", "First day it may be (ISO); 0001-01-01 when the interval is open there."),
        ("_latest", "Last day it may be (ISO); 9999-12-31 when the interval is open there."),
        ("_open", "Which bound of the date is open: earliest, latest, both, or empty."),
        ("_basis", "How the date was established: stated, inferred or external."),
        ("_reason", "Why the date is what it is."),
    ):
        if name.endswith(suffix):
            return note
    if column.many:
        return "A list, its items joined with '; '."
    if column.references is not None:
        return f"References {column.references[0]}.{column.references[1]}."
    return ""


def datasette_metadata(dataset: Dataset, database: str = "dataset") -> dict[str, Any]:
    """Metadata for ``datasette DATABASE.sqlite -m metadata.json``: titles, licence, source.

    Args:
        dataset: The dataset the SQLite export was written from.
        database: The database's name in datasette (the SQLite file's name without suffix).

    Returns:
        The metadata as a JSON-ready dict.
    """
    info = dataset.info
    outlets = ", ".join(dict.fromkeys(s.outlet for s in dataset.sources))
    meta: dict[str, Any] = {
        "title": info.title,
        "description": info.description or info.title,
        "source": f"{len(dataset.sources)} sources ({outlets})" if outlets else info.id,
        "databases": {
            database: {
                "title": info.title,
                "description": f"{info.id} version {info.version}, on the codebook "
                f"{info.codebook}. Days are ISO text; see each table's columns.",
                "tables": {
                    table.name: {
                        "description": table.description,
                        "columns": {
                            c.name: note for c in table.columns if (note := _column_note(c))
                        },
                    }
                    for table in TABLES
                },
            }
        },
    }
    if info.license:
        meta["license"] = info.license
        meta["license_url"] = f"https://spdx.org/licenses/{info.license}.html"
    return meta


def write_datasette_metadata(dataset: Dataset, database: str | Path) -> Path:
    """Write ``NAME.metadata.json`` beside the SQLite file *database*, for datasette.

    Returns:
        The metadata file's path (``dataset.sqlite`` gives ``dataset.metadata.json``).

    Raises:
        WriteError: The file cannot be written.
    """
    path = Path(database)
    out = path.with_name(f"{path.stem}.metadata.json")
    meta = datasette_metadata(dataset, path.stem)
    write_atomic(out, json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
    return out


def write_parquet(dataset: Dataset, directory: str | Path) -> list[Path]:
    """Write one Parquet file per table into *directory* (needs the ``parquet`` extra).

    The columns are the CSV export's, typed: days are ``date32`` with an interval's open bound
    null (its ``..._open`` column says which bound is open), lists are ``list<string>``.

    Raises:
        PolicytrackError: pyarrow is not installed.
        WriteError: A file cannot be written.
    """
    pa, pq = need("pyarrow", "parquet"), need("pyarrow.parquet", "parquet")
    folder = Path(directory).absolute()
    written = []
    with replace_dir(folder, seed=True) as new:
        for name, arrow in to_arrow(dataset).items():
            sink = pa.BufferOutputStream()
            pq.write_table(arrow, sink)
            write_atomic(new / f"{name}.parquet", sink.getvalue().to_pybytes(), clean=False)
            written.append(folder / f"{name}.parquet")
    return written
