"""Writing SVG by hand (policytrack.render.svg)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from policytrack.render import svg


@given(st.text(), st.text())
def test_any_text_makes_well_formed_xml(text: str, value: str) -> None:
    """Gives a well-formed element for any text and attribute value, forbidden characters too."""
    element = svg.tag("g", {"data-x": value}, svg.text_at(1.0, 2.0, text))
    parsed = ET.fromstring(element)
    assert parsed.attrib["data-x"] == svg.clean(value)
    # An XML parser reads a carriage return in text as a line feed.
    expected = svg.clean(text).replace("\r\n", "\n").replace("\r", "\n")
    assert (parsed[0].text or "") == expected


@given(st.floats(-1e6, 1e6, allow_nan=False))
def test_numbers_have_one_decimal_and_no_negative_zero(value: float) -> None:
    """Writes a number with one decimal, and zero never as -0.0."""
    written = svg.num(value)
    assert written != "-0.0"
    assert abs(float(written) - value) <= 0.05 + 1e-9


def test_an_unset_attribute_is_left_out() -> None:
    """Leaves out attributes whose value is None and writes them in the order given."""
    assert svg.tag("rect", {"x": 1.0, "y": None, "fill": "red"}) == '<rect x="1.0" fill="red"/>'


def test_a_long_label_is_cut_with_an_ellipsis() -> None:
    """Cuts text that would run past its width, and leaves short text alone."""
    assert svg.fit("short", 100, 10) == "short"
    cut = svg.fit("a rather long label for a small panel", 60, 10)
    assert cut.endswith("\u2026")
    assert len(cut) <= 60 / (10 * svg.CHAR_WIDTH)
