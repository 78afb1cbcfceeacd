"""Tests of the SVG chart: well-formed XML for any series, escaping, gaps, bands, axis range."""

from __future__ import annotations

import html
import re
import shutil
import struct
import subprocess
import tempfile
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import policytrack
from policytrack import (
    Band,
    Codebook,
    Dataset,
    DatasetInfo,
    Evidence,
    IndexPoint,
    IndexSeries,
    Measure,
    Policy,
    PolicyKind,
    PolicyStatus,
    Reliability,
    Scope,
    Source,
    StartRule,
    Timeline,
    UncertainDate,
    UnknownRule,
    bundled_codebook,
    escalation,
    index,
)
from policytrack.render.chart import chart_svg
from policytrack.testing.strategies import codebooks, datasets

SVG = "{http://www.w3.org/2000/svg}"
CODEBOOK = bundled_codebook()
NASTY = "<script>&\"'"
JURISDICTIONS = st.sampled_from(["CN", "CN-SH", "US"])


# Data --------------------------------------------------------------------------------------


def policy(
    policy_id: str,
    jurisdiction: str,
    measures: list[tuple[str, int, Scope]],
    effective: str,
    *,
    ended: str | None = None,
    title: str | None = None,
) -> Policy:
    """A policy with one quote per fact from the source ``s``."""
    quote = (Evidence("s", "x", 0, 1),)
    return Policy(
        policy_id,
        title or f"Policy {policy_id}",
        jurisdiction,
        PolicyKind.LAW,
        PolicyStatus.IN_FORCE,
        tuple(Measure(d, level, "why", quote, scope) for d, level, scope in measures),
        quote,
        effective=UncertainDate(effective),
        ended=None if ended is None else UncertainDate(ended),
    )


def toy_dataset(*policies: Policy) -> Dataset:
    """A dataset of *policies* (by default a few with uncertain dates) and one source."""
    source = Source("s", "A source", "Outlet", UncertainDate("2020"), Reliability.NGO, "0" * 64, 1)
    if not policies:
        policies = (
            policy(
                "a",
                "CN",
                [("identity", 2, Scope.GENERAL), ("content", 2, Scope.GENERAL)],
                "2012-12-28",
            ),
            policy("b", "CN", [("identity", 3, Scope.GENERAL)], "2013-09", ended="2014"),
            policy("c", "CN-SH", [("user_sanctions", 3, Scope.GENERAL)], "2023-07-15/2023-07-16"),
            policy("d", "CN", [("blocking", 2, Scope.GENERAL)], "2015-23"),
        )
    return Dataset(DatasetInfo("toy", "Toy"), sources=(source,), policies=policies)


def series_of(
    points: list[tuple[pendulum.Date, Band]], codebook: Codebook = CODEBOOK
) -> IndexSeries:
    """A hand-made series whose composite and every sub-index take the given bands."""
    made = tuple(
        IndexPoint(day, band, {d.id: band for d in codebook.dimensions}) for day, band in points
    )
    timeline = Timeline("CN", codebook.id, StartRule.EFFECTIVE, True, (), ())
    return IndexSeries("CN", codebook.id, codebook.weights, UnknownRule.ZERO, made, timeline)


def parse(svg: str) -> ET.Element:
    """The SVG's root element, checking it is an SVG document."""
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def by_class(root: ET.Element, tag: str, css: str) -> list[ET.Element]:
    """Elements *tag* of class *css*."""
    return [e for e in root.iter(f"{SVG}{tag}") if e.get("class") == css]


def texts(root: ET.Element) -> list[str]:
    """The text of every <text> element."""
    return ["".join(e.itertext()) for e in root.iter(f"{SVG}text")]


def years_on_axis(root: ET.Element) -> list[int]:
    """The year labels of the x axes."""
    return sorted({int(t) for t in texts(root) if re.fullmatch(r"[0-9]{4}", t)})


D = pendulum.Date
TOY_START, TOY_END = D(2011, 1, 1), D(2024, 12, 31)


# Hypothesis strategies ---------------------------------------------------------------------

values = st.none() | st.floats(0, 100)
bands = st.builds(Band, values, values)
days = st.dates(min_value=D(1, 1, 1), max_value=D(9999, 12, 31)).map(
    lambda d: D(d.year, d.month, d.day)
)
hand_made = st.lists(st.tuples(days, bands), max_size=8, unique_by=lambda p: p[0]).map(
    lambda ps: series_of(sorted(ps, key=lambda p: p[0]))
)


# Tests -------------------------------------------------------------------------------------


def test_toy_chart_is_svg() -> None:
    """Draws a well-formed SVG document of the size asked for, with a title and description."""
    data = toy_dataset()
    root = parse(chart_svg(index(data, "CN", codebook=CODEBOOK), CODEBOOK, width=800, height=500))
    assert (root.get("width"), root.get("height"), root.get("viewBox")) == (
        "800",
        "500",
        "0 0 800 500",
    )
    assert root.find(f"{SVG}title") is not None
    assert root.find(f"{SVG}desc") is not None


def test_empty_series() -> None:
    """Draws an empty series as empty panels marked unknown, without lines."""
    root = parse(chart_svg(series_of([]), CODEBOOK))
    assert not by_class(root, "path", "earliest")
    assert not by_class(root, "polygon", "band")
    assert texts(root).count("unknown throughout") == 1 + len(CODEBOOK.dimensions)


def test_all_unknown_series() -> None:
    """Draws a series that is unknown throughout with no line at all, not a line at zero."""
    unknown = Band(None, None)
    root = parse(
        chart_svg(series_of([(D(2013, 1, 1), unknown), (D(2015, 6, 1), unknown)]), CODEBOOK)
    )
    assert not by_class(root, "path", "earliest")
    assert not by_class(root, "path", "latest")
    assert texts(root).count("unknown throughout") == 1 + len(CODEBOOK.dimensions)


def test_unknown_leaves_a_gap() -> None:
    """Breaks the line where the value is unknown instead of drawing it at zero."""
    series = series_of(
        [
            (D(2013, 1, 1), Band(50.0, 50.0)),
            (D(2014, 1, 1), Band(None, None)),
            (D(2015, 1, 1), Band(80.0, 80.0)),
        ]
    )
    root = parse(chart_svg(series, CODEBOOK, start=D(2012, 1, 1), end=D(2016, 12, 31)))
    for path in by_class(root, "path", "earliest"):
        d = path.get("d", "")
        assert d.count("M") == 2
        assert "V" not in d  # no vertical jump down to zero and back


def test_title_is_escaped() -> None:
    """Escapes a title with markup and quotes: it never appears raw and parses back intact."""
    data = toy_dataset()
    svg = chart_svg(index(data, "CN", codebook=CODEBOOK), CODEBOOK, title=NASTY)
    assert "<script" not in svg
    assert "&lt;script&gt;&amp;" in svg
    root = parse(svg)
    assert root.findtext(f"{SVG}title") == NASTY
    assert NASTY in texts(root)


def test_data_strings_are_escaped() -> None:
    """Escapes dimension names and policy titles from the data, and drops characters XML forbids."""
    book = Codebook(
        CODEBOOK.id,
        CODEBOOK.title,
        CODEBOOK.version,
        CODEBOOK.description,
        tuple(attrs.evolve(d, name=f"{NASTY}\x01{d.name}") for d in CODEBOOK.dimensions),
    )
    data = toy_dataset(
        policy("a", "CN", [("identity", 2, Scope.GENERAL)], "2013-01-01", title=f"{NASTY} law"),
    )
    esc = escalation(data, "CN", TOY_START, TOY_END, codebook=book)
    svg = chart_svg(esc.index, book, escalation=esc)
    assert "<script" not in svg
    assert "\x01" not in svg
    root = parse(svg)
    names = [e.findtext(f"{SVG}title") or "" for e in by_class(root, "text", "dimension")]
    assert all(n.startswith(NASTY) for n in names)
    notes = [e.findtext(f"{SVG}title") or "" for e in by_class(root, "polygon", "step-rise")]
    assert any(f"{NASTY} law" in n for n in notes)


def test_deterministic() -> None:
    """Draws the same SVG, byte for byte, for the same input."""
    data = toy_dataset()
    esc = escalation(data, "CN", TOY_START, TOY_END, codebook=CODEBOOK)
    first = chart_svg(esc.index, CODEBOOK, escalation=esc, start=TOY_START, end=TOY_END)
    again = chart_svg(
        escalation(toy_dataset(), "CN", TOY_START, TOY_END, codebook=CODEBOOK).index,
        CODEBOOK,
        escalation=escalation(toy_dataset(), "CN", TOY_START, TOY_END, codebook=CODEBOOK),
        start=TOY_START,
        end=TOY_END,
    )
    assert first == again


def test_band_when_series_differ() -> None:
    """Shades a band where the earliest and latest series differ, bounded by both values."""
    series = series_of(
        [
            (D(2013, 1, 1), Band(50.0, 50.0)),
            (D(2013, 6, 1), Band(75.0, 50.0)),
            (D(2014, 1, 1), Band(75.0, 75.0)),
        ]
    )
    root = parse(chart_svg(series, CODEBOOK))
    bands = by_class(root, "polygon", "band")
    assert len(bands) == 1 + len(CODEBOOK.dimensions)
    assert by_class(root, "rect", "uncertain")


def test_no_band_when_series_agree() -> None:
    """Draws no band when every date is exact, so the two series agree."""
    data = toy_dataset(
        policy("a", "CN", [("identity", 2, Scope.GENERAL)], "2013-01-01"),
        policy("b", "CN", [("content", 3, Scope.GENERAL)], "2016-05-04", ended="2018-02-01"),
    )
    root = parse(chart_svg(index(data, "CN", codebook=CODEBOOK), CODEBOOK))
    assert not by_class(root, "polygon", "band")
    assert not by_class(root, "rect", "uncertain")


def test_toy_bands_present() -> None:
    """Shades bands for the toy data's uncertain month, season and two-day interval."""
    root = parse(chart_svg(index(toy_dataset(), "CN", codebook=CODEBOOK), CODEBOOK))
    assert by_class(root, "polygon", "band")


def test_panels_in_codebook_order() -> None:
    """Draws one small panel per dimension, named, in codebook order."""
    root = parse(chart_svg(index(toy_dataset(), "CN", codebook=CODEBOOK), CODEBOOK))
    names = [e.findtext(f"{SVG}title") for e in by_class(root, "text", "dimension")]
    assert names == [f"{d.name} ({d.id})" for d in CODEBOOK.dimensions]


def test_default_range_around_the_data() -> None:
    """Spans from the year before the first change to the year after the last by default."""
    root = parse(chart_svg(index(toy_dataset(), "CN", codebook=CODEBOOK), CODEBOOK))
    years = years_on_axis(root)
    assert years[0] >= 2011
    assert years[-1] <= 2024
    assert "2011-01-01 to 2024-12-31" in " ".join(texts(root))


def test_open_interval_bounds_do_not_stretch_the_axis() -> None:
    """Ignores the year-1 and year-9999 days of open intervals when choosing the range."""
    series = series_of(
        [
            (D(1, 1, 1), Band(25.0, None)),
            (D(2015, 3, 1), Band(50.0, 50.0)),
            (D(9999, 12, 31), Band(50.0, 25.0)),
        ]
    )
    root = parse(chart_svg(series, CODEBOOK))
    assert "2014-01-01 to 2016-12-31" in " ".join(texts(root))
    assert set(years_on_axis(root)) <= {2014, 2015, 2016}


def test_range_never_beyond_next_year() -> None:
    """Ends the default range no later than the end of next year."""
    this_year = pendulum.Date.today().year
    series = series_of(
        [(D(2015, 3, 1), Band(50.0, 50.0)), (D(this_year + 5, 1, 1), Band(60.0, 60.0))]
    )
    root = parse(chart_svg(series, CODEBOOK))
    assert f"to {this_year + 1}-12-31" in " ".join(texts(root))
    assert max(years_on_axis(root)) <= this_year + 1


def test_explicit_range_clamps() -> None:
    """Clamps everything to the range given, swapping it when given backwards."""
    data = toy_dataset()
    esc = escalation(data, "CN", TOY_START, TOY_END, codebook=CODEBOOK)
    svg = chart_svg(esc.index, CODEBOOK, escalation=esc, start=D(2016, 1, 1), end=D(2013, 1, 1))
    root = parse(svg)
    assert "2013-01-01 to 2016-01-01" in " ".join(texts(root))
    assert set(years_on_axis(root)) <= {2013, 2014, 2015, 2016}
    # Only the steps inside the range get markers: 2013-09 (rise), 2014-12-31 (fall), 2015-09.
    assert len(by_class(root, "polygon", "step-rise")) == 2
    assert len(by_class(root, "polygon", "step-fall")) == 1


def test_escalation_steps_marked_and_largest_labelled() -> None:
    """Marks every composite step and labels the largest with its date and change."""
    data = toy_dataset()
    esc = escalation(data, "CN", TOY_START, TOY_END, codebook=CODEBOOK)
    root = parse(chart_svg(esc.index, CODEBOOK, escalation=esc))
    marks = by_class(root, "polygon", "step-rise") + by_class(root, "polygon", "step-fall")
    assert len(marks) == len(esc.composite_steps)
    labels = ["".join(e.itertext()) for e in by_class(root, "text", "step-label")]
    assert 1 <= len(labels) <= 5
    assert any(label.startswith("2012-12-28 +") for label in labels)
    # The rise dated only to September 2013 is labelled with its month, not a made-up day.
    assert any(label.startswith("2013-09 +") for label in labels)
    assert by_class(root, "path", "step-span")


def test_largest_steps_matched_by_value() -> None:
    """Labels the largest steps by value, so equal copies (as from JSON) are labelled too."""
    data = toy_dataset()
    esc = escalation(data, "CN", TOY_START, TOY_END, codebook=CODEBOOK)
    copied = attrs.evolve(esc, largest=tuple(attrs.evolve(s) for s in esc.largest))
    assert chart_svg(copied.index, CODEBOOK, escalation=copied) == chart_svg(
        esc.index, CODEBOOK, escalation=esc
    )
    assert by_class(
        parse(chart_svg(copied.index, CODEBOOK, escalation=copied)), "text", "step-label"
    )


def test_rejects_tiny_sizes() -> None:
    """Rejects a canvas too small to read."""
    with pytest.raises(ValueError, match="at least 200"):
        chart_svg(series_of([]), CODEBOOK, width=100)


def test_small_canvas_leaves_out_panels() -> None:
    """Leaves the sub-index panels out when they would be too small to read."""
    root = parse(
        chart_svg(index(toy_dataset(), "CN", codebook=CODEBOOK), CODEBOOK, width=300, height=220)
    )
    assert not by_class(root, "text", "dimension")
    assert "left out" in (root.findtext(f"{SVG}desc") or "")


@given(hand_made)
def test_any_hand_made_series_parses(series: IndexSeries) -> None:
    """Draws well-formed SVG for any points, bands and days from year 1 to 9999."""
    root = parse(chart_svg(series, CODEBOOK))
    assert len(by_class(root, "text", "dimension")) == len(CODEBOOK.dimensions)


@given(datasets(max_policies=4), JURISDICTIONS)
def test_any_dataset_parses(data: Dataset, jurisdiction: str) -> None:
    """Draws well-formed SVG for the index and escalation of any valid dataset."""
    esc = escalation(data, jurisdiction, D(2000, 1, 1), D(2030, 12, 31), codebook=CODEBOOK)
    parse(chart_svg(esc.index, CODEBOOK, escalation=esc, title=data.info.title))


@given(st.data())
def test_any_codebook_parses(data: st.DataObject) -> None:
    """Draws well-formed SVG for any codebook, whatever characters its names hold."""
    book = data.draw(codebooks())
    drawn = data.draw(datasets(max_policies=3, codebook=book))
    series = (
        index(drawn, "CN", codebook=book) if any(book.weights.values()) else series_of([], book)
    )
    root = parse(chart_svg(series, book, title=book.title))
    assert len(by_class(root, "text", "dimension")) == len(book.dimensions)


# Rendering in a browser --------------------------------------------------------------------


def find_chromium() -> str | None:
    """The path of a Chromium binary, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def screenshot(page: Path, png: Path, *, size: tuple[int, int] = (1200, 900)) -> bytes:
    """A headless Chromium screenshot of *page*, with a fresh profile and no network chatter."""
    binary = find_chromium()
    if binary is None:
        pytest.skip("no Chromium binary found (chromium, chromium-browser or google-chrome)")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--force-device-scale-factor=1",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                f"--screenshot={png}",
                f"--window-size={size[0]},{size[1]}",
                page.resolve().as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    return png.read_bytes()


def png_pixels(data: bytes) -> tuple[int, int, list[tuple[int, ...]]]:
    """Width, height and RGB(A) pixels of an 8-bit, non-interlaced PNG (stdlib only)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, bytearray()
    width = height = channels = 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and interlace == 0, "only 8-bit non-interlaced PNGs"
            channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
        elif kind == b"IDAT":
            idat += body
    raw = zlib.decompress(bytes(idat))
    stride = width * channels
    previous = bytearray(stride)
    pixels: list[tuple[int, ...]] = []
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        if kind == 1:
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 0xFF
        elif kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, previous, strict=True))
        elif kind == 3:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0
                b = previous[i]
                c = previous[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                near = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + near) & 0xFF
        pixels += [tuple(line[i : i + channels]) for i in range(0, stride, channels)]
        previous = line
    return width, height, pixels


def assert_not_blank(png: bytes, *, min_colours: int = 3, min_ink: float = 0.03) -> None:
    """Asserts a screenshot has several colours and a fair share of non-white pixels."""
    width, height, pixels = png_pixels(png)
    assert (width, height) == (1200, 900)
    colours = {p[:3] for p in pixels}
    ink = sum(1 for p in pixels if p[:3] != (255, 255, 255)) / len(pixels)
    assert len(colours) >= min_colours, f"only {len(colours)} colours"
    assert ink >= min_ink, f"only {ink:.1%} of pixels are not white"


def test_renders_in_chromium(tmp_path: Path) -> None:
    """Renders in headless Chromium as a picture with colour, not a blank page."""
    data = toy_dataset()
    esc = escalation(data, "CN", TOY_START, TOY_END, codebook=CODEBOOK)
    page = tmp_path / "chart.svg"
    page.write_text(chart_svg(esc.index, CODEBOOK, escalation=esc), encoding="utf-8")
    assert_not_blank(screenshot(page, tmp_path / "chart.png"), min_colours=8, min_ink=0.15)


def test_an_unknown_dimension_leaves_a_gap_not_a_dive() -> None:
    """Leaves the latest composite undrawn while it lacks dimensions the earliest series knows."""
    from policytrack.render.chart import _drawn_composite

    data = policytrack.load_bundled()
    series = policytrack.index(data, "CN", codebook=policytrack.bundled_codebook())
    for point in series.points:
        drawn = _drawn_composite(point)
        for which in ("earliest", "latest"):
            other = "latest" if which == "earliest" else "earliest"
            lacking = any(
                getattr(b, which) is None and getattr(b, other) is not None
                for b in point.subindices.values()
            )
            expected = None if lacking else getattr(point.composite, which)
            assert getattr(drawn, which) == expected
    # On 2012-12-27 the latest series knows only identity (50.0: the 28 December real-name
    # decision's own earliest day) while the earliest knows four more dimensions; counting the
    # unknown four as 0 gives 7.1, a dive the chart must not draw.
    dive = series.on(pendulum.Date(2012, 12, 27))
    assert dive is not None
    assert dive.composite.latest is not None and dive.composite.latest < 10
    assert _drawn_composite(dive).latest is None


def test_the_legend_explains_the_bar_on_the_axis_and_the_spans() -> None:
    """Names the uncertain-days bar and a step's span of days in the legend."""
    data = policytrack.load_bundled()
    book = policytrack.bundled_codebook()
    result = policytrack.escalation(data, "CN", codebook=book)
    svg = chart_svg(result.index, book, escalation=result)
    assert "bar on the axis = days whose value is uncertain" in svg
    assert "days a step may have happened on" in svg
    assert "no line = unknown in that series (not zero)" in svg


def test_panel_titles_are_never_cut() -> None:
    """Writes every dimension's whole name, on one or two lines, without an ellipsis."""
    book = policytrack.bundled_codebook()
    series = policytrack.index(policytrack.load_bundled(), "CN", codebook=book)
    svg = chart_svg(series, book)
    titles = re.findall(r'<text class="dimension".*?</text>', svg, re.DOTALL)
    assert len(titles) == len(book.dimensions)
    for title, dim in zip(titles, book.dimensions, strict=True):
        shown = " ".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", title))
        assert html.unescape(shown) == dim.name
