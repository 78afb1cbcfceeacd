"""ISO 3166 codes for jurisdictions and places, checked against an embedded table.

``policytrack.model.jurisdictions`` (``policytrack.jurisdictions`` before release 0.2).

The table holds every ISO 3166-1 alpha-2 code and the ISO 3166-2 subdivisions policytrack has
needed so far (China's provinces, autonomous regions and municipalities). A subdivision's
country is the part before the hyphen: ``CN-SH`` (Shanghai) lies in ``CN``.
"""

from __future__ import annotations

import functools
from pathlib import Path

__all__ = ["country_of", "is_known", "jurisdiction_name", "known_codes", "within"]


@functools.cache
def known_codes() -> dict[str, str]:
    """Every code in the embedded table, mapped to its English name."""
    # A path beside the package, as importlib.resources would give: importing that costs
    # every command several milliseconds.
    text = (Path(__file__).parents[1] / "data" / "iso3166.tsv").read_text("utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, name = line.split("\t")
            table[code] = name
    return table


def is_known(code: str) -> bool:
    """Whether *code* is an ISO 3166-1 alpha-2 or a known ISO 3166-2 code."""
    return code in known_codes()


def jurisdiction_name(code: str) -> str:
    """The English name of *code*, or the code itself when it is unknown."""
    return known_codes().get(code, code)


def country_of(code: str) -> str:
    """The ISO 3166-1 country a code belongs to: ``country_of("CN-SC") == "CN"``."""
    return code.split("-", 1)[0]


def within(code: str, jurisdiction: str) -> bool:
    """Whether *code* is *jurisdiction* itself or one of its subdivisions."""
    return code == jurisdiction or ("-" not in jurisdiction and code.startswith(jurisdiction + "-"))
