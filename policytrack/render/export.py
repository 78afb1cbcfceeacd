"""The export writers: CSV with a Frictionless data package, SQLite and Parquet.

``policytrack.render.export`` writes a dataset for other tools. Every export is built from one
relational schema, :data:`TABLES` (defined in :mod:`policytrack.render.export_schema` and
re-exported here). SQLite files have primary and foreign keys; Parquet needs the ``parquet``
extra. Every file is written atomically.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from policytrack.errors import PolicytrackError, WriteError
from policytrack.model.dataset import Dataset
from policytrack.render.export_schema import TABLES, Column, Table, rows
from policytrack.storage.atomic import write_atomic

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
    Each file is written atomically.

    Returns:
        The path of ``datapackage.json``.

    Raises:
        WriteError: The directory cannot be created or written to.
    """
    folder = Path(directory)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        msg = f"{folder}: cannot create ({exc.strerror or exc})"
        raise WriteError(msg) from None
    for table in TABLES:
        write_atomic(folder / f"{table.name}.csv", _csv_text(dataset, table))
    descriptor = folder / "datapackage.json"
    write_atomic(descriptor, json.dumps(_descriptor(dataset), indent=2, ensure_ascii=False) + "\n")
    return descriptor


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
    try:
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        msg = f"{target}: cannot write ({exc.strerror or exc})"
        raise WriteError(msg) from None
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
        write_atomic(target, tmp.read_bytes())
    except sqlite3.Error as exc:
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
        import pyarrow.parquet as pq  # noqa: PLC0415
    except ImportError:
        msg = "Parquet export needs pyarrow: pip install 'policytrack[parquet]'"
        raise PolicytrackError(msg) from None
    folder = Path(directory)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        msg = f"{folder}: cannot create ({exc.strerror or exc})"
        raise WriteError(msg) from None
    types = {"string": pa.string(), "integer": pa.int64(), "date": pa.string()}
    written = []
    for table in TABLES:
        data = list(zip(*table.rows(dataset), strict=True)) or [() for _ in table.columns]
        arrays = [
            pa.array(list(values), type=types[c.type])
            for c, values in zip(table.columns, data, strict=True)
        ]
        arrow = pa.Table.from_arrays(arrays, names=[c.name for c in table.columns])
        sink = pa.BufferOutputStream()
        pq.write_table(arrow, sink)
        out = folder / f"{table.name}.parquet"
        write_atomic(out, sink.getvalue().to_pybytes())
        written.append(out)
    return written
