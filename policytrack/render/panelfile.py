"""The panel as Parquet, partitioned hive-style (by year by default).

``DIR/year=2020/part-0.parquet`` holds every jurisdiction's days of 2020, sorted by jurisdiction
and date. Each file has ``jurisdiction`` (dictionary-encoded text), ``date`` (Arrow ``date32``),
every index column as a double (null where nothing is known) and the coverage columns
``sources`` and ``evidence`` (int64); the partition key (``year``) lives in the folder names
only, and readers recover it as a column: DuckDB (``read_parquet('DIR/**/*.parquet',
hive_partitioning = true)``), pyarrow (``pyarrow.dataset.dataset(DIR, partitioning="hive")``),
pandas (``pandas.read_parquet(DIR)``), Polars and Spark.

Why by year: a panel is small next to what these readers are built for (185 jurisdictions over
three years is about 200,000 rows and 4 MB of Parquet). A file per year keeps the files few and
large enough to read quickly, a query of one year reads one file, and a query of one
jurisdiction still skips most of the data through the statistics of the sorted rows. A file per
jurisdiction (:attr:`~policytrack.vocab.PanelPartition.JURISDICTION`) or per jurisdiction and
year (:attr:`~policytrack.vocab.PanelPartition.JURISDICTION_YEAR`, hundreds of tiny files)
can be asked for. Each file's schema metadata (``policytrack.panel``, JSON) names the codebook,
group, weights and unknown rule the numbers rest on.
"""

from __future__ import annotations

import json
from array import array
from pathlib import Path
from typing import Any

from policytrack.analysis.panel import Panel
from policytrack.model.arguments import checked
from policytrack.render.optional import need
from policytrack.storage.atomic import replace_dir, write_atomic
from policytrack.vocab import PanelPartition

__all__ = ["PART", "panel_table", "write_panel_parquet"]

PART = "part-0.parquet"
"""The name of the one file in each partition."""

_EPOCH = 719163
"""The day ordinal of 1970-01-01: Arrow's ``date32`` counts days from it."""

_KEYS = {
    PanelPartition.YEAR: ("year",),
    PanelPartition.JURISDICTION: ("jurisdiction",),
    PanelPartition.JURISDICTION_YEAR: ("jurisdiction", "year"),
}


@checked
def panel_table(result: Panel) -> Any:
    """The panel as a ``pyarrow.Table`` of :meth:`Panel.columns`, unknown values as nulls.

    Built from the panel's columns without a Python object per value. Needs the ``parquet``
    extra (pyarrow).

    Raises:
        PolicytrackError: pyarrow is not installed.
    """
    pa, pc = need("pyarrow", "parquet"), need("pyarrow.compute", "parquet")
    rows, days = len(result), result.days
    codes = result.jurisdictions
    positions = array("i")
    for at in range(len(codes)):
        positions.extend(array("i", [at]) * days)
    jurisdiction = pa.DictionaryArray.from_arrays(
        _fixed(pa, pa.int32(), positions, rows), pa.array(codes, type=pa.string())
    )
    first = 0 if result.start is None else result.start.toordinal() - _EPOCH
    dates = array("i", range(first, first + days)) * len(codes)
    arrays = [jurisdiction, _fixed(pa, pa.date32(), dates, rows)]
    for column in result.values:
        values = _fixed(pa, pa.float64(), column, rows)
        arrays.append(pc.if_else(pc.is_nan(values), pa.scalar(None, pa.float64()), values))
    arrays += [
        _fixed(pa, pa.int64(), result.sources, rows),
        _fixed(pa, pa.int64(), result.evidence, rows),
    ]
    about = {
        "codebook": result.codebook,
        "group": result.group,
        "weights": dict(result.weights),
        "unknown": result.unknown.value,
        "start": None if result.start is None else result.start.isoformat(),
        "end": None if result.end is None else result.end.isoformat(),
        "coverage": "sources: how many sources cover the jurisdiction that day; evidence: "
        "their quotes on records dated that day (policytrack.coverage)",
    }
    return pa.Table.from_arrays(
        arrays,
        names=result.columns(),
        metadata={"policytrack.panel": json.dumps(about, sort_keys=True)},
    )


def _fixed(pa: Any, kind: Any, values: Any, rows: int) -> Any:
    """An Arrow array of *kind* over the bytes of *values* (no copy, no nulls)."""
    if not rows:
        return pa.array([], type=kind)
    return pa.Array.from_buffers(kind, rows, [None, pa.py_buffer(values)])


@checked
def write_panel_parquet(
    result: Panel,
    directory: str | Path,
    *,
    partition_by: PanelPartition = PanelPartition.YEAR,
) -> list[Path]:
    """Write *result* under *directory* as hive-style partitions of Parquet files.

    Files of partitions the panel no longer has (in any layout) are removed, so the folder
    holds this panel only. Needs the ``parquet`` extra (pyarrow).

    Args:
        result: The panel.
        directory: The folder to write (created when missing, in a folder that exists).
        partition_by: How the rows are split into folders (by default, a folder per year).

    Returns:
        The files written, in order.

    Raises:
        PolicytrackError: pyarrow is not installed.
        WriteError: The folder that would hold *directory* is missing, or a write failed.
    """
    pa, pc = need("pyarrow", "parquet"), need("pyarrow.compute", "parquet")
    pq = need("pyarrow.parquet", "parquet")
    folder = Path(directory).absolute()
    table = panel_table(result)
    keys = _KEYS[PanelPartition(partition_by)]
    written: list[Path] = []
    # Written beside *directory* and swapped in whole: a crash leaves the old panel or the new.
    with replace_dir(folder, seed=True) as new:
        for values, part in _partitions(pa, pc, table, result, keys):
            relative = Path(*(f"{k}={v}" for k, v in zip(keys, values, strict=True))) / PART
            (new / relative).parent.mkdir(parents=True, exist_ok=True)
            sink = pa.BufferOutputStream()
            pq.write_table(part, sink)
            write_atomic(new / relative, sink.getvalue().to_pybytes(), clean=False)
            written.append(folder / relative)
        keep = {path.relative_to(folder) for path in written}
        for pattern in (
            f"year=*/{PART}",
            f"jurisdiction=*/{PART}",
            f"jurisdiction=*/year=*/{PART}",
        ):
            for stale in new.glob(pattern):
                if stale.relative_to(new) not in keep:
                    stale.unlink(missing_ok=True)
                    _prune(stale.parent, new)
    return written


def _partitions(
    pa: Any, pc: Any, table: Any, result: Panel, keys: tuple[str, ...]
) -> list[tuple[tuple[Any, ...], Any]]:
    """Each partition's key values and rows (without the key columns), in key order."""
    days = result.days
    if not len(table):
        return []
    years = pc.year(table.column("date"))
    found: list[tuple[tuple[Any, ...], Any]] = []
    if keys == ("year",):
        for year in sorted(set(years.unique().to_pylist())):
            rows = table.filter(pc.equal(years, year))
            found.append(((year,), rows))
        return found
    for at, code in enumerate(result.jurisdictions):
        rows = table.slice(at * days, days).drop_columns(["jurisdiction"])
        if keys == ("jurisdiction",):
            found.append(((code,), rows))
            continue
        own = years.slice(at * days, days)
        for year in sorted(set(own.unique().to_pylist())):
            found.append(((code, year), rows.filter(pc.equal(own, year))))
    return found


def _prune(folder: Path, top: Path) -> None:
    """Remove *folder* and its parents up to *top* while they are empty."""
    while folder != top and folder.is_relative_to(top):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
