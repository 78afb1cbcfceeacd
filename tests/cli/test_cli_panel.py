"""The import, panel and export --panel commands, run as a new user would."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policytrack.cli import app

runner = CliRunner()


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_two_commands_give_oxcgrts_published_index(oxcgrt_sample: Path, tmp_path: Path) -> None:
    """Imports OxCGRT's file and prints, as CSV, its published index for every day of it."""
    out = tmp_path / "ds"
    _run("import", "oxcgrt", str(oxcgrt_sample), "-o", str(out))
    text = _run("--data", str(out), "--codebook", "oxcgrt-stringency", "--format", "csv", "panel")
    got = {(r["jurisdiction"], r["date"]): r for r in csv.DictReader(io.StringIO(text))}
    with oxcgrt_sample.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    codes = {"": "GB", "UK_WAL": "GB-WLS"}
    for row in rows:
        day = f"{row['Date'][:4]}-{row['Date'][4:6]}-{row['Date'][6:]}"
        printed = float(got[(codes[row["RegionCode"]], day)]["composite_earliest"])
        assert printed == pytest.approx(float(row["StringencyIndex_NonVaccinated"]), abs=0.01)
    assert len(got) == len(rows)
    _run("--data", str(out), "validate", "--sources", str(out / "texts"))


@pytest.mark.parametrize("code", ["GB-WLS", "IN-JK", "US-CA", "RU-MOW"])
def test_subdivisions_everywhere_are_accepted(code: str) -> None:
    """Accepts ISO 3166-2 codes beyond China's."""
    _run("escalation", "-j", code)


def test_compare_jurisdictions_takes_many() -> None:
    """Compares three jurisdictions on every dimension, both series."""
    text = _run("--format", "csv", "compare", "jurisdictions", "CN", "CN-SH", "CN-SC")
    header = next(csv.reader(io.StringIO(text)))
    assert header[:4] == ["from", "jurisdiction", "composite_earliest", "composite_latest"]
    assert "identity_latest" in header
    assert {r["jurisdiction"] for r in csv.DictReader(io.StringIO(text))} == {
        "CN",
        "CN-SH",
        "CN-SC",
    }


def test_export_panel_writes_partitions_duckdb_reads(tmp_path: Path) -> None:
    """Writes the panel as Parquet partitioned by jurisdiction and year, dates typed."""
    duckdb = pytest.importorskip("duckdb", reason="DuckDB reads the partitions back")
    pytest.importorskip("pyarrow", reason="the parquet extra writes them")
    out = tmp_path / "panel"
    _run("export", "--format", "parquet", "--panel", "-o", str(out))
    assert (out / "jurisdiction=CN" / "year=2013" / "part-0.parquet").is_file()
    query = (
        f"SELECT jurisdiction, typeof(date), count(*) FROM read_parquet('{out}/**/*.parquet', "
        "hive_partitioning = true) WHERE year = 2013 GROUP BY ALL ORDER BY 1"
    )
    rows = duckdb.sql(query).fetchall()
    assert ("CN", "DATE", 365) in rows


def test_export_panel_needs_parquet() -> None:
    """Refuses --panel in any format but Parquet, as a usage error."""
    result = runner.invoke(app, ["export", "--format", "json", "--panel"])
    assert result.exit_code == 2
