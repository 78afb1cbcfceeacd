"""The export writers: CSV with a Frictionless data package, SQLite and Parquet.

``policytrack.render.export`` writes a dataset for other tools. Every export is built from one
relational schema, :data:`TABLES` (defined in :mod:`policytrack.render.export_schema` and
re-exported here). SQLite files have primary and foreign keys; Parquet needs the ``parquet``
extra. Every file is written atomically.
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
