"""The panel's partitioned Parquet, read back by pandas, pyarrow and DuckDB.

Each reader must find every row with its partition key recovered from the folder names, dates
typed as dates, unknown values as nulls and the coverage columns as written; the layouts differ
only in their folders.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pendulum
import pytest

from policytrack import bundled_codebook, panel
from policytrack.analysis.panel import Panel
from policytrack.testing.synth import synthesize
from policytrack.vocab import PanelPartition

pytest.importorskip("pyarrow", reason="the parquet extra writes the partitions")

from policytrack.render.panelfile import PART, panel_table, write_panel_parquet

CODEBOOK = bundled_codebook()
# Starts before any policy of the seed's China, so the first days are unknown (null).
START, END = pendulum.Date(1998, 12, 1), pendulum.Date(2000, 1, 31)


@pytest.fixture(scope="module")
def result() -> Panel:
    """Four synthetic jurisdictions over 14 months, across three calendar years."""
    return panel(
        synthesize(policies=120, seed=5, jurisdictions=4), codebook=CODEBOOK, start=START, end=END
    )


def _expected(result: Panel) -> dict[tuple[str, str], tuple[object, ...]]:
    """Each row's values, by jurisdiction and ISO date, None for unknown."""
    names = [c for c in result.columns() if c not in ("jurisdiction", "date")]
    columns = [result.column("jurisdiction"), result.column("date"), *map(result.column, names)]
    cells = list(zip(*columns, strict=True))
    return {(code, day): tuple(rest) for code, day, *rest in cells}


def _same(value: object, wanted: object) -> bool:
    if wanted is None:
        return value is None or (isinstance(value, float) and math.isnan(value))
    return value == wanted


@pytest.mark.parametrize("layout", list(PanelPartition))
def test_duckdb_reads_every_row_back(tmp_path: Path, result: Panel, layout: PanelPartition) -> None:
    """Gives DuckDB every row, with typed dates, nulls for unknown and the coverage columns."""
    duckdb = pytest.importorskip("duckdb", reason="DuckDB reads the partitions back")
    write_panel_parquet(result, tmp_path, partition_by=layout)
    names = [c for c in result.columns() if c not in ("jurisdiction", "date")]
    relation = duckdb.sql(
        f"SELECT jurisdiction, strftime(date, '%Y-%m-%d') AS day, {', '.join(names)}, "
        f"typeof(date) FROM read_parquet('{tmp_path}/**/*.parquet', hive_partitioning = true)"
    )
    rows = relation.fetchall()
    expected = _expected(result)
    assert len(rows) == len(expected) == len(result)
    for code, day, *values, kind in rows:
        assert kind == "DATE"
        assert all(_same(v, w) for v, w in zip(values, expected[code, day], strict=True))
    assert any(v is None for row in rows for v in row[2:4])  # unknown days stay unknown


@pytest.mark.parametrize("layout", list(PanelPartition))
def test_pyarrow_dataset_reads_the_partition_keys(
    tmp_path: Path, result: Panel, layout: PanelPartition
) -> None:
    """Recovers the partition keys as columns and filters on them, as pyarrow.dataset reads."""
    ds = pytest.importorskip("pyarrow.dataset", reason="pyarrow reads the partitions back")
    pc = pytest.importorskip("pyarrow.compute")
    write_panel_parquet(result, tmp_path, partition_by=layout)
    dataset = ds.dataset(tmp_path, format="parquet", partitioning="hive")
    table = dataset.to_table()
    assert table.num_rows == len(result)
    code = result.jurisdictions[1]
    one = dataset.to_table(filter=pc.field("jurisdiction") == code)
    assert one.num_rows == result.days
    assert (
        sorted(str(d) for d in one.column("date").to_pylist())
        == result.column("date")[: result.days]
    )
    if "year" in table.column_names:
        year = dataset.to_table(filter=pc.field("year") == 1999)
        assert year.num_rows == 365 * len(result.jurisdictions)


def test_pandas_reads_the_folder(tmp_path: Path, result: Panel) -> None:
    """Reads the folder into one DataFrame whose values and coverage are the panel's."""
    pd = pytest.importorskip("pandas", reason="pandas reads the partitions back")
    write_panel_parquet(result, tmp_path)
    frame = pd.read_parquet(tmp_path)
    assert len(frame) == len(result)
    frame["day"] = frame["date"].map(str)
    frame = frame.sort_values(["jurisdiction", "day"]).reset_index(drop=True)
    assert frame["jurisdiction"].astype(str).tolist() == result.column("jurisdiction")
    assert frame["day"].tolist() == result.column("date")
    assert frame["sources"].tolist() == result.column("sources")
    got = frame["composite_latest"].tolist()
    for value, wanted in zip(got, result.column("composite_latest"), strict=True):
        assert _same(value, wanted)
    assert sorted(frame["year"].astype(int).unique().tolist()) == [1998, 1999, 2000]


def test_files_name_what_the_numbers_rest_on(tmp_path: Path, result: Panel) -> None:
    """Keeps the codebook, weights, unknown rule and window in each file's metadata."""
    pq = pytest.importorskip("pyarrow.parquet")
    files = write_panel_parquet(result, tmp_path)
    assert [f.relative_to(tmp_path).as_posix() for f in files] == [
        f"year={year}/{PART}" for year in (1998, 1999, 2000)
    ]
    about = json.loads(pq.read_schema(files[0]).metadata[b"policytrack.panel"])
    assert about["codebook"] == CODEBOOK.id
    assert about["unknown"] == "zero"
    assert about["start"] == START.isoformat()
    assert set(about["weights"]) == set(result.dimensions)


def test_another_layout_replaces_the_old_files(tmp_path: Path, result: Panel) -> None:
    """Leaves only the new layout's files when a folder is written again another way."""
    write_panel_parquet(result, tmp_path, partition_by=PanelPartition.JURISDICTION_YEAR)
    written = write_panel_parquet(result, tmp_path)
    assert sorted(tmp_path.rglob("*.parquet")) == sorted(written)
    assert not list(tmp_path.glob("jurisdiction=*"))


def test_an_empty_panel_writes_no_file(tmp_path: Path) -> None:
    """Writes nothing for a panel without rows, and its table has the columns."""
    empty = panel(
        synthesize(policies=5, seed=1, jurisdictions=1), codebook=CODEBOOK, jurisdictions=[]
    )
    assert write_panel_parquet(empty, tmp_path) == []
    assert panel_table(empty).column_names == empty.columns()


def test_a_folder_that_cannot_be_made_is_a_write_error(tmp_path: Path, result: Panel) -> None:
    """Says which folder cannot be created when the target is a file."""
    from policytrack.errors import WriteError

    blocker = tmp_path / "taken"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(WriteError, match="taken"):
        write_panel_parquet(result, blocker)
