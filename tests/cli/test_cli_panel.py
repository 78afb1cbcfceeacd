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


@pytest.mark.parametrize(
    ("option", "part"),
    [
        ([], "year=2013"),
        (["--partition-by", "jurisdiction"], "jurisdiction=CN"),
        (["--partition-by", "jurisdiction-year"], "jurisdiction=CN/year=2013"),
    ],
)
def test_export_panel_writes_partitions_duckdb_reads(
    tmp_path: Path, option: list[str], part: str
) -> None:
    """Writes the panel as hive-style Parquet partitions (by year by default), dates typed."""
    duckdb = pytest.importorskip("duckdb", reason="DuckDB reads the partitions back")
    pytest.importorskip("pyarrow", reason="the parquet extra writes them")
    out = tmp_path / "panel"
    _run("export", "--as", "parquet", "--panel", *option, "-o", str(out))
    assert (out / part / "part-0.parquet").is_file()
    query = (
        f"SELECT jurisdiction, typeof(date), count(*), max(sources) FROM read_parquet("
        f"'{out}/**/*.parquet', hive_partitioning = true) WHERE year(date) = 2013 "
        "GROUP BY ALL ORDER BY 1"
    )
    (code, kind, days, most), *_ = duckdb.sql(query).fetchall()
    assert (code, kind, days) == ("CN", "DATE", 365)
    assert most >= 1  # some source covers some day of 2013 in China


def test_export_panel_needs_parquet() -> None:
    """Refuses --panel in any format but Parquet, as a usage error."""
    result = runner.invoke(app, ["export", "--format", "json", "--panel"])
    assert result.exit_code == 2


def test_panel_as_json_names_what_it_rests_on_and_its_rows() -> None:
    """Prints strict JSON: the codebook, weights and rule, then each row with its coverage."""
    import json

    text = _run(
        "--format", "json", "panel", "-j", "CN", "--from", "2013-01-01", "--to", "2013-01-02"
    )
    about = json.loads(text, parse_constant=lambda name: pytest.fail(f"{name} is not JSON"))
    assert about["codebook"] == "internet-controls"
    assert about["unknown"] == "zero"
    assert [r["date"] for r in about["rows"]] == ["2013-01-01", "2013-01-02"]
    assert list(about["rows"][0]) == about["columns"]
    assert about["rows"][0]["sources"] >= 1
