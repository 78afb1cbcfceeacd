"""Importing an OxCGRT-shaped file and computing its panel, against csv.reader and NumPy.

    python benchmarks/oxcgrt.py             # 185 countries x 1,096 days (about a minute)
    python benchmarks/oxcgrt.py --quick     # 5 countries x 60 days: a smoke test
    python benchmarks/oxcgrt.py --markdown  # the rows of docs/performance.md's table

The file is written by ``policytrack.testing.oxcgrt.synthetic_oxcgrt`` (seed 0): the nine
Stringency Index indicators of each country move as random walks holding a value for about 30
days, with a note on each change, as OxCGRT's files do. Three baselines, each measured in the
same process as the figure it divides (CPU time, best of *runs*):

* ``csv.reader`` reading the file into rows: the floor of any importer in Python;
* NumPy computing the same panel from those rows (levels and flags to arrays, every sub-index,
  their mean): what a script written for this one file would do;
* the same NumPy panel written with pyarrow as Parquet partitioned by year, against
  ``panel()`` + ``write_panel_parquet()``;
* the two together, against import + panel end to end.

``panel()`` runs on a fresh copy of the imported dataset each time, so nothing it derived on an
earlier run (the policies placed in time) is reused: the figure is a first computation. It is
measured both ways, with NumPy (``fast=True``, the default at this size) and in pure Python
(``fast=False``, the reference). The values are checked to agree (the panel's composite and
sub-indices against NumPy's, within 1e-9; the two paths exactly).
"""

from __future__ import annotations

import argparse
import csv
import gc
import io
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

CPU = time.process_time


def _best(fn: Callable[[], Any], runs: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        gc.collect()
        start = CPU()
        result = fn()
        times.append(CPU() - start)
    return min(times), result


def _timed(fn: Callable[[Any], Any], dataset: Any, runs: int) -> tuple[float, Any]:
    """The best CPU time of *fn* on a fresh copy of *dataset* each run (made untimed)."""
    times, result = [], None
    for _ in range(runs):
        fresh = _fresh(dataset)
        gc.collect()
        start = CPU()
        result = fn(fresh)
        times.append(CPU() - start)
    return min(times), result


def _read(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _numpy_panel(rows: list[list[str]]) -> dict[str, Any]:
    """The composite and every sub-index of every row, computed with NumPy from the rows."""
    import numpy as np

    from policytrack.testing.oxcgrt import OXCGRT_INDICATORS

    header = rows[0]
    body = rows[1:]
    total = np.zeros(len(body))
    columns: dict[str, Any] = {}
    for code, name, top, flagged in OXCGRT_INDICATORS:
        value_at = header.index(f"{code}_{name}" if code == "H1" else f"{code}E_{name}")
        levels = np.array([float(r[value_at] or 0) for r in body])
        if flagged:
            flag_at = header.index(f"{code}_Flag" if code == "H1" else f"{code}E_Flag")
            flags = np.array([1.0 if r[flag_at] == "1" else 0.0 for r in body])
            sub = 100 * (levels - 0.5 * (1 - flags)) / top
        else:
            sub = 100 * levels / top
        sub = np.where(levels > 0, sub, 0.0)
        columns[code] = sub
        total += sub
    columns["composite"] = total / len(OXCGRT_INDICATORS)
    return columns


def _numpy_write(rows: list[list[str]], columns: dict[str, Any], folder: Path) -> None:
    """The NumPy panel written as Parquet partitioned by year, hive style, with pyarrow."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.dataset as ds

    header = rows[0]
    body = rows[1:]
    country, date = header.index("CountryCode"), header.index("Date")
    iso = [f"{r[date][:4]}-{r[date][4:6]}-{r[date][6:]}" for r in body]  # 20200131 as read
    days = np.array(iso, dtype="datetime64[D]")
    table = pa.table(
        {
            "jurisdiction": pa.array([r[country] for r in body]).dictionary_encode(),
            "date": pa.array(days),
            **{name: pa.array(values) for name, values in columns.items()},
            "year": pa.array(days.astype("datetime64[Y]").astype(int) + 1970),
        }
    )
    ds.write_dataset(
        table,
        folder,
        format="parquet",
        partitioning=["year"],
        partitioning_flavor="hive",
        existing_data_behavior="delete_matching",
    )


def _fresh(dataset: Any) -> Any:
    """A copy of *dataset* that shares no derived value with it (a new object)."""
    import attrs

    return attrs.evolve(dataset)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 countries x 60 days")
    parser.add_argument("--markdown", action="store_true", help="print table rows")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    countries, days = (5, 60) if args.quick else (185, 1096)

    import numpy as np

    import policytrack as pt
    from policytrack.render.panelfile import write_panel_parquet
    from policytrack.testing.oxcgrt import synthetic_oxcgrt

    book = pt.load_codebook("oxcgrt-stringency")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "oxcgrt.csv"
        n = synthetic_oxcgrt(path, countries=countries, days=days, seed=0)
        text = path.read_text("utf-8")
        size = f"{countries} countries x {days} days ({n:,} rows, {len(text) / 1e6:.0f} MB)"
        floor, rows = _best(lambda: _read(text), args.runs)
        numpy_time, expected = _best(lambda: _numpy_panel(rows), args.runs)
        numpy_write, _ = _best(
            lambda: _numpy_write(rows, expected, Path(tmp) / "numpy-panel"), args.runs
        )
        import_time, imported = _best(lambda: pt.import_oxcgrt([path]), args.runs)
        data = imported.dataset
        panel_time, result = _timed(
            lambda d: pt.panel(d, codebook=book, fast=True), data, args.runs
        )
        reference_time, reference = _timed(
            lambda d: pt.panel(d, codebook=book, fast=False), data, 1
        )
        write_time, files = _best(
            lambda: write_panel_parquet(result, Path(tmp) / "panel"), args.runs
        )
    agree = reference == result
    for name, values in expected.items():
        column = "composite_earliest" if name == "composite" else f"{name}_earliest"
        got = np.array([np.nan if v is None else v for v in result.column(column)])
        agree = agree and bool(np.allclose(got, values, atol=1e-9, rtol=0))
    policies = len(data.policies)
    numpy_both = numpy_time + numpy_write
    ours = panel_time + write_time
    figures = [
        ("import_oxcgrt() vs csv.reader", import_time / floor,
         f"{import_time:.2f} s vs {floor:.2f} s; {policies:,} policies"),
        ("panel() vs NumPy (rows to arrays to index)", panel_time / numpy_time,
         f"{panel_time:.2f} s vs {numpy_time:.2f} s; values agree: {agree}"),
        ("panel(fast=False), the pure-Python reference, vs NumPy", reference_time / numpy_time,
         f"{reference_time:.2f} s vs {numpy_time:.2f} s"),
        ("panel() + write_panel_parquet() vs NumPy + pyarrow", ours / numpy_both,
         f"{ours:.2f} s vs {numpy_both:.2f} s; {len(files)} partitions by year"),
        ("panel() + write_panel_parquet() vs NumPy alone", ours / numpy_time,
         f"{ours:.2f} s vs {numpy_time:.2f} s"),
        ("import + panel vs csv.reader + NumPy", (import_time + panel_time) / (floor + numpy_time),
         f"{import_time + panel_time:.2f} s vs {floor + numpy_time:.2f} s"),
    ]  # fmt: skip
    for figure, ratio, measured in figures:
        if args.markdown:
            print(f"| oxcgrt | {figure} | {size} | {ratio:.2f}x | - | - | {measured} |")
        else:
            print(f"{figure:55} {ratio:6.2f}x   {measured}")
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
