"""Exports: CSV packages that validate, SQLite with keys, Parquet, and spreadsheet safety."""

from __future__ import annotations

import csv
import json
import multiprocessing
import os
import signal
import sqlite3
import tempfile
import time
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import policytrack
from policytrack import Dataset
from policytrack.render.export import (
    TABLES,
    csv_cell,
    rows,
    write_csv_package,
    write_datasette_metadata,
    write_parquet,
    write_sqlite,
)
from policytrack.testing.strategies import datasets

SLOW = settings(deadline=None, max_examples=20, suppress_health_check=[HealthCheck.too_slow])


@given(st.text())
def test_csv_cells_never_start_a_formula(text: str) -> None:
    """Prefixes any text a spreadsheet would run as a formula, and only such text."""
    cell = csv_cell(text)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert cell == text or cell == "'" + text


@given(st.integers() | st.floats(allow_nan=False))
def test_csv_numbers_stay_numbers(number: float) -> None:
    """Leaves numbers as numbers, negative ones included."""
    assert csv_cell(number) == number


@given(datasets(max_policies=4))
@SLOW
def test_sqlite_holds_every_row_with_keys(dataset: Dataset) -> None:
    """Writes every row of every table, with primary and foreign keys that hold."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "d.sqlite"
        write_sqlite(dataset, path)
        connection = sqlite3.connect(path)
        try:
            assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
            for table in TABLES:
                count = connection.execute(f'SELECT count(*) FROM "{table.name}"').fetchone()[0]
                assert count == len(rows(dataset, table))
        finally:
            connection.close()


@given(datasets(max_policies=4))
@SLOW
def test_csv_package_round_trips_every_cell(dataset: Dataset) -> None:
    """Writes every row to CSV, readable back cell for cell (formulas neutralised)."""
    with tempfile.TemporaryDirectory() as folder:
        write_csv_package(dataset, folder)
        for table in TABLES:
            with (Path(folder) / f"{table.name}.csv").open(encoding="utf-8", newline="") as f:
                read = list(csv.reader(f))
            assert read[0] == [c.name for c in table.columns]
            expected = [[str(csv_cell(v)) for v in row] for row in rows(dataset, table)]
            assert read[1:] == expected


def test_csv_package_passes_frictionless(tmp_path: Path) -> None:
    """Writes a data package of the bundled dataset that frictionless validates."""
    frictionless = pytest.importorskip("frictionless", reason="frictionless is not installed")
    descriptor = write_csv_package(policytrack.load_bundled(), tmp_path)
    report = frictionless.validate(str(descriptor))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_sqlite_refuses_to_clobber_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Leaves an existing database whole when writing the new one fails."""
    path = tmp_path / "d.sqlite"
    path.write_bytes(b"old")

    def fail(*_: object) -> None:
        raise OSError(5, "I/O error")

    monkeypatch.setattr("policytrack.storage.atomic.os.replace", fail)
    with pytest.raises(policytrack.WriteError):
        write_sqlite(policytrack.load_bundled(), path)
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.sqlite"]


def test_parquet_tables_hold_every_row(tmp_path: Path) -> None:
    """Writes one Parquet file per table with every row (needs the parquet extra)."""
    parquet = pytest.importorskip("pyarrow.parquet", reason="the parquet extra is not installed")
    dataset = policytrack.load_bundled()
    written = write_parquet(dataset, tmp_path)
    assert len(written) == len(TABLES)
    for table, path in zip(TABLES, written, strict=True):
        assert parquet.read_table(path).num_rows == len(rows(dataset, table))


def _package(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _export_forever(target: Path, dataset: Dataset) -> None:
    """In a forked child: export *dataset* to *target* until killed."""
    while True:
        write_csv_package(dataset, target)


def test_kill_9_during_csv_export_leaves_a_whole_package(tmp_path: Path) -> None:
    """Leaves the old package or the new one, never a mix, when the writer is killed at any time.

    A child exports in a loop, alternating two versions; it is killed with SIGKILL at varied
    moments. After each kill the package is one version whole, and the next export leaves no
    temporary folder beside it.
    """
    bundled = policytrack.load_bundled()
    versions = {}
    for note in ("old", "new"):
        dataset = attrs.evolve(bundled, info=attrs.evolve(bundled.info, description=note))
        folder = tmp_path / f"v-{note}"
        write_csv_package(dataset, folder)
        versions[note] = (dataset, _package(folder))
    target = tmp_path / "out" / "package"
    target.parent.mkdir()
    write_csv_package(versions["old"][0], target)
    context = multiprocessing.get_context("fork")
    wholes = {tuple(sorted(v[1].items())) for v in versions.values()}
    for kill in range(24):
        child = context.Process(
            target=_export_forever, args=(target, versions["new" if kill % 2 else "old"][0])
        )
        child.start()
        time.sleep(0.002 + 0.004 * (kill % 12))
        os.kill(child.pid or 0, signal.SIGKILL)
        child.join()
        assert tuple(sorted(_package(target).items())) in wholes
    write_csv_package(versions["new"][0], target)
    assert _package(target) == versions["new"][1]
    assert sorted(p.name for p in target.parent.iterdir()) == ["package"]


def test_a_full_disk_during_sqlite_export_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Says "no space left on device", not "does not fit the schema", and keeps the old file."""
    target = tmp_path / "d.sqlite"
    target.write_bytes(b"old")
    real = sqlite3.connect

    class Full:
        def __init__(self, path: object) -> None:
            self.connection = real(":memory:")

        def execute(self, sql: str, *args: object) -> object:
            if sql.startswith("CREATE"):
                raise sqlite3.OperationalError("database or disk is full")
            return self.connection.execute(sql, *args)

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def close(self) -> None:
            self.connection.close()

    monkeypatch.setattr(sqlite3, "connect", Full)
    with pytest.raises(policytrack.WriteError, match="no space left on device writing"):
        write_sqlite(policytrack.load_bundled(), target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["d.sqlite"]


def test_parquet_days_are_date32_and_lists_are_lists(tmp_path: Path) -> None:
    """Writes days as date32 with open bounds null, and aliases and targets as list columns."""
    parquet = pytest.importorskip("pyarrow.parquet", reason="the parquet extra is not installed")
    pa = pytest.importorskip("pyarrow")
    write_parquet(policytrack.load_bundled(), tmp_path)
    policies = parquet.read_table(tmp_path / "policies.parquet")
    assert policies.schema.field("effective_earliest").type == pa.date32()
    assert policies.schema.field("targets").type == pa.list_(pa.string())
    rows_ = policies.to_pylist()
    years = {r["announced_earliest"].year for r in rows_ if r["announced_earliest"]}
    assert not years & {1, 9999}
    for row in rows_:
        if row["ended_open"] in ("latest", "both"):
            assert row["ended_latest"] is None
    agencies = parquet.read_table(tmp_path / "agencies.parquet")
    assert agencies.schema.field("aliases").type == pa.list_(pa.string())


def test_csv_keeps_open_bounds_as_iso_days_and_says_which() -> None:
    """Writes an open bound as 0001-01-01 or 9999-12-31 in CSV, its _open column naming it."""
    dataset = policytrack.load_bundled()
    table = next(t for t in TABLES if t.name == "policies")
    names = [c.name for c in table.columns]
    for row in rows(dataset, table):
        cells = dict(zip(names, row, strict=True))
        for date in ("announced", "effective", "ended"):
            opened = cells[f"{date}_open"]
            if cells[date] is None:
                assert opened is None
                continue
            assert (cells[f"{date}_earliest"] == "0001-01-01") == (opened in ("earliest", "both"))
            assert (cells[f"{date}_latest"] == "9999-12-31") == (opened in ("latest", "both"))


def test_datasette_metadata_documents_every_table(tmp_path: Path) -> None:
    """Writes NAME.metadata.json beside the database: title, licence, source, each table."""
    dataset = policytrack.load_bundled()
    database = tmp_path / "china.sqlite"
    write_sqlite(dataset, database)
    path = write_datasette_metadata(dataset, database)
    assert path == tmp_path / "china.metadata.json"
    meta = json.loads(path.read_text("utf-8"))
    assert meta["title"] == dataset.info.title
    assert meta["license"] == "CC-BY-4.0"
    assert meta["source"].startswith("5 sources (")
    tables = meta["databases"]["china"]["tables"]
    assert set(tables) == {t.name for t in TABLES}
    assert all(tables[t.name]["description"] == t.description for t in TABLES)
    assert "open" in tables["policies"]["columns"]["effective_earliest"]
