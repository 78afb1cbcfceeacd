"""Synthetic files shaped as OxCGRT's published CSVs, with the index OxCGRT's rule gives.

For tests and benchmarks of the importer at scale: the real files are large and live outside
the repository. Each country's nine Stringency Index indicators move as random walks that hold
a value for weeks at a time, as real policies do; the ``StringencyIndex_NonVaccinated`` column
is computed with OxCGRT's formula, so an import can be checked against it.
"""

from __future__ import annotations

import csv
import datetime
import io
import random
from pathlib import Path

from policytrack.model.jurisdictions import alpha3_of, known_codes
from policytrack.storage.atomic import write_atomic

__all__ = ["OXCGRT_INDICATORS", "synthetic_oxcgrt"]

OXCGRT_INDICATORS: tuple[tuple[str, str, int, bool], ...] = (
    ("C1", "School closing", 3, True),
    ("C2", "Workplace closing", 3, True),
    ("C3", "Cancel public events", 2, True),
    ("C4", "Restrictions on gatherings", 4, True),
    ("C5", "Close public transport", 2, True),
    ("C6", "Stay at home requirements", 3, True),
    ("C7", "Restrictions on internal movement", 2, True),
    ("C8", "International travel controls", 4, False),
    ("H1", "Public information campaigns", 2, True),
)
"""The Stringency Index indicators: id, name, highest level, whether it carries a flag."""


def _columns(code: str, name: str, flagged: bool) -> list[str]:
    if code == "H1":
        return [f"{code}_{name}", f"{code}_Flag", f"{code}_Notes"]
    value = f"{code}E_{name}"
    return [value, f"{code}E_Flag", f"{code}_Notes"] if flagged else [value, f"{code}_Notes"]


def synthetic_oxcgrt(
    path: str | Path,
    *,
    countries: int = 185,
    days: int = 1096,
    seed: int = 0,
    start: datetime.date = datetime.date(2020, 1, 1),
    hold: int = 30,
) -> int:
    """Write an OxCGRT-shaped CSV (NAT_TOTAL rows) of *countries* x *days* to *path*.

    Args:
        path: The file to write.
        countries: How many countries (the first in ISO 3166-1 order).
        days: How many days from *start*.
        seed: The random seed: the same arguments give the same bytes.
        start: The first day.
        hold: The mean number of days an indicator holds a value.

    Returns:
        The number of data rows written.
    """
    rng = random.Random(seed)
    alpha3 = _alpha3()
    codes = sorted(alpha3)[:countries]
    header = ["CountryName", "CountryCode", "RegionName", "RegionCode", "Jurisdiction", "Date"]
    for code, name, _, flagged in OXCGRT_INDICATORS:
        header += _columns(code, name, flagged)
    header.append("StringencyIndex_NonVaccinated")
    rows = 0
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for country in codes:
        state = {code: (0, 1) for code, *_ in OXCGRT_INDICATORS}
        for offset in range(days):
            day = start + datetime.timedelta(days=offset)
            row = [known_codes()[country], alpha3[country], "", "", "NAT_TOTAL"]
            row.append(day.strftime("%Y%m%d"))
            total = 0.0
            for code, _, top, flagged in OXCGRT_INDICATORS:
                level, flag = state[code]
                note = ""
                if rng.random() < 1 / hold:
                    level = rng.randint(0, top)
                    flag = rng.randint(0, 1)
                    note = f"Changed to {level} on {day.isoformat()}, per the government."
                    state[code] = (level, flag)
                if level:
                    total += 100 * (level - (0.5 * (1 - flag) if flagged else 0)) / top
                cells = [f"{level}.00"]
                if flagged:
                    cells.append(str(flag) if level else "")
                row += [*cells, note]
            row.append(f"{total / len(OXCGRT_INDICATORS):.2f}")
            writer.writerow(row)
            rows += 1
    write_atomic(Path(path), buffer.getvalue().encode("utf-8"))
    return rows


def _alpha3() -> dict[str, str]:
    """Each country's alpha-3 code, by alpha-2, from the ISO table."""
    found = {}
    for code in known_codes():
        if "-" not in code:
            three = alpha3_of(code)
            if three is not None:
                found[code] = three
    return found
