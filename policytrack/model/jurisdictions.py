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


@functools.cache
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


class _Codes(dict[str, str]):
    """The codes looked up so far, each mapped to itself; another is looked up in the table.

    A command checks a few codes (its ``--jurisdiction``, the dataset's places), each found in
    the table's text in microseconds, where reading every code takes 1 to 2 ms. After
    :data:`_SEARCHES` lookups, the table's codes are all read at once.
    """

    __slots__ = ("complete", "searches")

    def __init__(self) -> None:
        super().__init__()
        self.searches = 0
        self.complete = False

    def __missing__(self, code: object) -> str:
        if self.complete or not isinstance(code, str) or "\t" in code or "\n" in code:
            raise KeyError(code)
        if self.searches < _SEARCHES:
            self.searches += 1
            # A line of the table starts with its code and a tab; a comment has no tab.
            if not code or f"\n{code}\t" not in _text():
                raise KeyError(code)
            key = str(code)  # a str subclass (an enum's member) is looked up as its text
            self[key] = key
            return key
        self.complete = True
        lines = re.findall(r"^([^#\t\n][^\t\n]*)\t", _text(), re.MULTILINE)
        self.update((line, line) for line in lines)
        return self[code]


_SEARCHES = 32
"""How many codes are looked up in the table's text before all its codes are read."""

_CODES = _Codes()


def codes() -> Mapping[str, str]:
    """The ISO 3166-1 alpha-2 and ISO 3166-2 codes, each mapped to itself, as they are asked for.

    A code is looked up in the table only when first asked for, so iterating gives only the
    codes found so far (:func:`known_codes` has them all): checking a code, which every load
    and most commands do, needs no more. A loader interns the codes it reads through it.
    """
    return _CODES


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
    try:
        _CODES[code]
    except KeyError:
        return False
    return True


def jurisdiction_name(code: str) -> str:
    """The ISO name of *code*, or the code itself when it is unknown."""
    return _table().names.get(code, code)


def country_of(code: str) -> str:
    """The ISO 3166-1 country a code belongs to: ``country_of("CN-SC") == "CN"``."""
    return code.split("-", 1)[0]


def within(code: str, jurisdiction: str) -> bool:
    """Whether *code* is *jurisdiction* itself or one of its subdivisions."""
    return code == jurisdiction or ("-" not in jurisdiction and code.startswith(jurisdiction + "-"))
