"""Tests of the ISO 3166 table: complete, held to pycountry, read without it."""

from __future__ import annotations

import enum
import importlib.util
import sys
from pathlib import Path

import pytest

from policytrack.model.jurisdictions import (
    alpha2_of,
    codes,
    common_names,
    is_known,
    jurisdiction_name,
    known_codes,
)

TOOLS = Path(__file__).resolve().parents[2] / "tools"


def test_table_is_what_pycountry_generates() -> None:
    """Holds the shipped table to the one tools/iso3166.py generates from pycountry now."""
    pytest.importorskip("pycountry", reason="pycountry (the dev extra) generates the table")
    spec = importlib.util.spec_from_file_location("iso3166_tool", TOOLS / "iso3166.py")
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    shipped = (Path(__file__).resolve().parents[2] / "policytrack/data/iso3166.tsv").read_text(
        "utf-8"
    )
    assert shipped == tool.render(), "run: python tools/iso3166.py"


def test_every_country_and_subdivision_is_known() -> None:
    """Knows every ISO 3166-1 and 3166-2 code pycountry knows, with its ISO name."""
    pycountry = pytest.importorskip(
        "pycountry", reason="pycountry (the dev extra) is the reference"
    )
    for country in pycountry.countries:
        assert jurisdiction_name(country.alpha_2) == country.name
        assert alpha2_of(country.alpha_3) == country.alpha_2
    for subdivision in pycountry.subdivisions:
        assert jurisdiction_name(subdivision.code) == subdivision.name
    assert len(known_codes()) == len(pycountry.countries) + len(pycountry.subdivisions)


@pytest.mark.parametrize("code", ["GB-WLS", "GB-SCT", "IN-JK", "US-CA", "RU-MOW", "BR-SP", "CN-SH"])
def test_subdivisions_beyond_china_are_known(code: str) -> None:
    """Accepts subdivisions of every country, not only China's."""
    assert is_known(code)


def test_common_names_keep_the_gazetteers_places() -> None:
    """Keeps the short names agency names are written with ("Shanghai", not "Shanghai Shi")."""
    assert common_names()["CN-SH"] == "Shanghai"
    assert jurisdiction_name("CN-SH") == "Shanghai Shi"
    assert "US-CA" not in common_names()


def test_the_library_reads_the_table_without_pycountry() -> None:
    """Never imports pycountry at run time: the table is read as text."""
    import subprocess

    code = (
        "import sys; sys.modules['pycountry'] = None\n"
        "from policytrack.model.jurisdictions import is_known\n"
        "assert is_known('GB-WLS')\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_code_is_known_exactly_when_the_table_has_it() -> None:
    """Finds a code in the table's text as the table has it, before and after reading all codes.

    A process's first lookups search the text; past a few dozen, every code is read at once.
    """
    table = known_codes()
    tried = [*list(table)[::97], "CN", "CN-SH", "cn", "XX", "CN-", "", "AD\tAndorra", "#", "C"]
    for code in tried * 3:  # past the searches, so both ways of looking are tried
        assert is_known(code) is (code in table), code
        if code in table:
            assert codes()[code] == code
    assert set(codes()) <= set(table)
    assert is_known(Jurisdictions.CN) and codes()[Jurisdictions.CN].__class__ is str


class Jurisdictions(enum.StrEnum):
    """A str subclass, as a caller may pass for a code."""

    CN = "CN"
