"""ISO 3166 codes for jurisdictions and places, checked against an embedded table.

``policytrack.model.jurisdictions`` (``policytrack.jurisdictions`` before release 0.2).

The table (``policytrack/data/iso3166.tsv``) holds every ISO 3166-1 country and every ISO
3166-2 subdivision with its ISO name, generated at development time from pycountry by
``tools/iso3166.py``; nothing here imports pycountry. A subdivision's country is the part
before the hyphen: ``CN-SH`` (Shanghai) lies in ``CN``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from pathlib import Path

__all__ = [
    "alpha2_of",
    "alpha3_of",
    "codes",
    "common_names",
    "country_of",
    "is_known",
    "jurisdiction_name",
    "known_codes",
    "within",
]


class _Table:
    """The table's columns: ISO names, alpha-3 codes and common names.

    A plain class: the command line checks codes before it imports attrs.
    """

    __slots__ = ("alpha3", "common", "names")

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.alpha3: dict[str, str] = {}
        self.common: dict[str, str] = {}


def _text() -> str:
    # A path beside the package, as importlib.resources would give: importing that costs
    # every command several milliseconds.
    return (Path(__file__).parents[1] / "data" / "iso3166.tsv").read_text("utf-8")


@functools.cache
def _table() -> _Table:
    text = _text()
    table = _Table()
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, name, alpha3, common = line.split("\t")
            table.names[code] = name
            if alpha3:
                table.alpha3[alpha3] = code
            if common:
                table.common[code] = common
    return table


@functools.cache
def codes() -> Mapping[str, str]:
    """Every ISO 3166-1 alpha-2 and ISO 3166-2 code, each mapped to itself.

    Read without the names, in a third of the table's time: checking a code, which every load
    and most commands do, needs no more. A loader interns the codes it reads through it.
    """
    return {code: code for code in re.findall(r"^([A-Z0-9-]+)\t", _text(), re.MULTILINE)}


def known_codes() -> dict[str, str]:
    """Every ISO 3166-1 alpha-2 and ISO 3166-2 code, mapped to its ISO name."""
    return _table().names


def common_names() -> dict[str, str]:
    """The common English names of the places agencies are named after ("Shanghai")."""
    return _table().common


def alpha2_of(alpha3: str) -> str | None:
    """The alpha-2 code of the country whose ISO 3166-1 alpha-3 code is *alpha3*, or None."""
    return _table().alpha3.get(alpha3)


def alpha3_of(alpha2: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of the country *alpha2*, or None."""
    for three, two in _table().alpha3.items():
        if two == alpha2:
            return three
    return None


def is_known(code: str) -> bool:
    """Whether *code* is an ISO 3166-1 alpha-2 or an ISO 3166-2 code."""
    return code in codes()


def jurisdiction_name(code: str) -> str:
    """The ISO name of *code*, or the code itself when it is unknown."""
    return _table().names.get(code, code)


def country_of(code: str) -> str:
    """The ISO 3166-1 country a code belongs to: ``country_of("CN-SC") == "CN"``."""
    return code.split("-", 1)[0]


def within(code: str, jurisdiction: str) -> bool:
    """Whether *code* is *jurisdiction* itself or one of its subdivisions."""
    return code == jurisdiction or ("-" not in jurisdiction and code.startswith(jurisdiction + "-"))
