"""Importing an OxCGRT-shaped file and computing its panel, against csv.reader and NumPy.

    python benchmarks/oxcgrt.py             # 185 countries x 1,096 days (about two minutes)
    python benchmarks/oxcgrt.py --quick     # 5 countries x 60 days: a smoke test
    python benchmarks/oxcgrt.py --markdown  # the rows of docs/performance.md's table

The file is written by ``policytrack.testing.oxcgrt.synthetic_oxcgrt`` (seed 0): the nine
Stringency Index indicators of each country move as random walks holding a value for about 30
days, with a note on each change, as OxCGRT's files do. Three baselines, each measured in the
same process as the figure it divides (CPU time, best of *runs*):

* ``csv.reader`` reading the file into rows: the floor of any importer in Python;
* NumPy computing the same panel from those rows (levels and flags to arrays, sub-indices,
  their mean): what a script written for this one file would do;
* the two together, against import + panel end to end.

The values are checked to agree (the panel's composite against NumPy's, within 1e-9).
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


def _read(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _numpy_panel(rows: list[list[str]]) -> Any:
    """The composite of every row, computed with NumPy from the rows as read."""
    import numpy as np

    from policytrack.testing.oxcgrt import OXCGRT_INDICATORS

    header = rows[0]
    body = rows[1:]
    total = np.zeros(len(body))
    for code, name, top, flagged in OXCGRT_INDICATORS:
        value_at = header.index(f"{code}_{name}" if code == "H1" else f"{code}E_{name}")
        levels = np.array([float(r[value_at] or 0) for r in body])
        if flagged:
            flag_at = header.index(f"{code}_Flag" if code == "H1" else f"{code}E_Flag")
            flags = np.array([1.0 if r[flag_at] == "1" else 0.0 for r in body])
            sub = 100 * (levels - 0.5 * (1 - flags)) / top
        else:
            sub = 100 * levels / top
        total += np.where(levels > 0, sub, 0.0)
    return total / len(OXCGRT_INDICATORS)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 countries x 60 days")
    parser.add_argument("--markdown", action="store_true", help="print table rows")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    countries, days = (5, 60) if args.quick else (185, 1096)

    import numpy as np

    import policytrack as pt
    from policytrack.testing.oxcgrt import synthetic_oxcgrt

    book = pt.load_codebook("oxcgrt-stringency")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "oxcgrt.csv"
        n = synthetic_oxcgrt(path, countries=countries, days=days, seed=0)
        text = path.read_text("utf-8")
        size = f"{countries} countries x {days} days ({n:,} rows, {len(text) / 1e6:.0f} MB)"
        floor, rows = _best(lambda: _read(text), args.runs)
        numpy_time, expected = _best(lambda: _numpy_panel(rows), args.runs)
        import_time, imported = _best(lambda: pt.import_oxcgrt([path]), args.runs)
        panel_time, result = _best(lambda: pt.panel(imported.dataset, codebook=book), args.runs)
    got = np.array([row.composite.earliest for row in result.rows])
    agree = bool(np.allclose(got, expected, atol=1e-9, rtol=0))
    policies = len(imported.dataset.policies)
    figures = [
        ("import_oxcgrt() vs csv.reader", import_time / floor,
         f"{import_time:.2f} s vs {floor:.2f} s; {policies:,} policies"),
        ("panel() vs NumPy (rows to arrays to index)", panel_time / numpy_time,
         f"{panel_time:.2f} s vs {numpy_time:.2f} s; values agree: {agree}"),
        ("import + panel vs csv.reader + NumPy", (import_time + panel_time) / (floor + numpy_time),
         f"{import_time + panel_time:.2f} s vs {floor + numpy_time:.2f} s"),
    ]  # fmt: skip
    for figure, ratio, measured in figures:
        if args.markdown:
            print(f"| oxcgrt | {figure} | {size} | {ratio:.2f}x | - | - | {measured} |")
        else:
            print(f"{figure:45} {ratio:6.2f}x   {measured}")
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
