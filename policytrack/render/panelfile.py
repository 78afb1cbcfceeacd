"""The panel as Parquet, partitioned hive-style by jurisdiction and year.

``DIR/jurisdiction=GB/year=2020/part-0.parquet``: each file holds one jurisdiction's days of one
year, with ``date`` typed as a date (Arrow ``date32``) and every index column a double (null
where nothing is known). DuckDB, Polars and Spark read the folder directly and recover
``jurisdiction`` and ``year`` from the paths; each partition is independent, as the index of each
jurisdiction is, so a larger panel is computed and written per jurisdiction on an existing
engine.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from policytrack.analysis.panel import Panel
from policytrack.render.optional import need
from policytrack.storage.atomic import replace_dir, write_atomic

__all__ = ["PART", "write_panel_parquet"]

PART = "part-0.parquet"
"""The name of the one file in each partition."""


def write_panel_parquet(result: Panel, directory: str | Path) -> list[Path]:
    """Write *result* under *directory*, one Parquet file per jurisdiction and year.

    Files of partitions the panel no longer has are removed, so the folder holds this panel
    only. Needs the ``parquet`` extra (pyarrow).

    Returns:
        The files written, in order.

    Raises:
        PolicytrackError: pyarrow is not installed.
        WriteError: The folder that would hold *directory* is missing, or a write failed.
    """
    pa, pq = need("pyarrow", "parquet"), need("pyarrow.parquet", "parquet")
    folder = Path(directory).absolute()
    value_columns = [c for c in result.columns() if c not in ("jurisdiction", "date")]
    schema = pa.schema(
        [pa.field("date", pa.date32()), *(pa.field(c, pa.float64()) for c in value_columns)]
    )
    written: list[Path] = []
    # Written beside *directory* and swapped in whole: a crash leaves the old panel or the new.
    with replace_dir(folder, seed=True) as new:
        for (code, year), rows in itertools.groupby(
            result.rows, key=lambda row: (row.jurisdiction, row.day.year)
        ):
            days = []
            values: list[list[float | None]] = [[] for _ in value_columns]
            for row in rows:
                days.append(row.day)
                cells = [row.composite.earliest, row.composite.latest]
                for dimension in result.dimensions:
                    band = row.subindices.get(dimension)
                    cells += [None, None] if band is None else [band.earliest, band.latest]
                for column, cell in zip(values, cells, strict=True):
                    column.append(cell)
            arrays = [pa.array(days, type=pa.date32())]
            arrays += [pa.array(column, type=pa.float64()) for column in values]
            table = pa.Table.from_arrays(arrays, schema=schema)
            relative = Path(f"jurisdiction={code}") / f"year={year}" / PART
            (new / relative).parent.mkdir(parents=True, exist_ok=True)
            sink = pa.BufferOutputStream()
            pq.write_table(table, sink)
            write_atomic(new / relative, sink.getvalue().to_pybytes(), clean=False)
            written.append(folder / relative)
        keep = {path.relative_to(folder) for path in written}
        for stale in new.glob(f"jurisdiction=*/year=*/{PART}"):
            if stale.relative_to(new) not in keep:
                stale.unlink(missing_ok=True)
    return written
