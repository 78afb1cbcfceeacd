"""SVG charts of an index over time: the composite, its uncertainty band and every sub-index.

``policytrack.render.chart`` (``policytrack.chart`` before release 0.2) draws the panels and
puts the document together; :mod:`policytrack.render.chart_geometry` places the marks,
:mod:`policytrack.render.chart_marks` draws the step markers and the legend, and
:mod:`policytrack.render.svg` writes the elements.

:func:`chart_svg` draws an :class:`~policytrack.IndexSeries` as one self-contained SVG document
(no fonts, scripts or images from elsewhere): a main panel with the composite index as a step
line, the band between its earliest and latest series shaded, and the largest escalation steps
marked; beside or below it, one small panel per dimension of the codebook with its sub-index.

Both series of the index are drawn: the *earliest* series (solid) counts every measure as early
and as long as its dates allow, the *latest* (dashed) as late and as briefly; the shaded band
between them covers the days whose level depends on how the uncertain dates fall, and short ticks
on the axis mark those days when the band is too narrow to see. An unknown value leaves a gap in
the line, never a zero.

The output depends only on the arguments (and, for the default x range, on the current year),
and every string taken from the data is XML-escaped.
"""

from __future__ import annotations

from collections.abc import Sequence

import pendulum

from policytrack.analysis.coverage import SourceCoverage, gap_sentence
from policytrack.analysis.escalation import Escalation
from policytrack.analysis.index import Band, IndexPoint, IndexSeries
from policytrack.model.codebook import Codebook
from policytrack.render.chart_geometry import (
    Box,
    Frame,
    band_polygons,
    day_range,
    layout,
    line_path,
    segments_of,
    uncertain_spans,
    year_ticks,
)
from policytrack.render.chart_marks import PALETTE, legend_marks, step_markers
from policytrack.render.svg import CHAR_WIDTH, escape_text, fit, num, tag, text_at

__all__ = ["PALETTE", "chart_svg"]


_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
_MIN_SIZE = 200
_UNKNOWN = Band(None, None)


def _drawn_composite(point: IndexPoint) -> Band:
    """The composite as drawn: a gap where a series lacks a dimension the other series knows.

    There the composite would rest on a dimension counted as unknown only because of how the
    dates fall (the latest series before a measure's latest possible start); counted as 0 it
    would be drawn as a dive that is only the dates' uncertainty, so it is left as a gap.
    """
    bands = point.subindices.values()
    earliest_gap = any(b.earliest is None and b.latest is not None for b in bands)
    latest_gap = any(b.latest is None and b.earliest is not None for b in bands)
    if not earliest_gap and not latest_gap:
        return point.composite
    return Band(
        None if earliest_gap else point.composite.earliest,
        None if latest_gap else point.composite.latest,
    )


def _panel_title(name: str, width: float) -> tuple[float, list[str]]:
    """A panel's title, whole, never cut.

    The largest size from 11 down to 8 that fits *width* on one line, else two lines at the
    size the longer line fits.
    """
    size = 11.0
    while size > 8.0 and len(name) * size * CHAR_WIDTH > width:
        size -= 0.5
    if len(name) * size * CHAR_WIDTH <= width:
        return size, [name]
    words = name.split()
    best = [name]
    for i in range(1, len(words)):
        lines = [" ".join(words[:i]), " ".join(words[i:])]
        if len(best) == 1 or max(map(len, lines)) < max(map(len, best)):
            best = lines
    longest = max(map(len, best))
    size = 11.0
    while size > 6.0 and longest * size * CHAR_WIDTH > width:
        size -= 0.5
    return size, best


def _panel(
    frame: Frame,
    runs: Sequence[tuple[int, int, Band]],
    *,
    thick: float,
    grid: Sequence[float],
    y_labels: bool,
    tick_gap: float,
    size: float,
) -> list[str]:
    """A panel's grid, band, uncertain-day ticks, both lines and x-axis labels."""
    out = [
        tag(
            "rect",
            {
                "x": frame.left,
                "y": frame.top,
                "width": frame.width,
                "height": frame.height,
                "fill": PALETTE["panel"],
            },
        )
    ]
    for year, ordinal in year_ticks(frame, tick_gap):
        x = frame.x(ordinal)
        out.append(
            tag(
                "line",
                {"x1": x, "y1": frame.top, "x2": x, "y2": frame.bottom, "stroke": PALETTE["grid"]},
            )
        )
        out.append(
            text_at(
                x,
                frame.bottom + size + 3,
                str(year),
                size=size,
                anchor="middle",
                fill=PALETTE["muted"],
            )
        )
    for value in grid:
        y = frame.y(value)
        out.append(
            tag(
                "line",
                {"x1": frame.left, "y1": y, "x2": frame.right, "y2": y, "stroke": PALETTE["grid"]},
            )
        )
        if y_labels:
            out.append(
                text_at(
                    frame.left - 4,
                    y + size / 3,
                    f"{value:g}",
                    size=size,
                    anchor="end",
                    fill=PALETTE["muted"],
                )
            )
    for points in band_polygons(frame, runs):
        out.append(
            tag(
                "polygon",
                {
                    "class": "band",
                    "points": points,
                    "fill": PALETTE["band"],
                    "fill-opacity": "0.45",
                },
            )
        )
    for first, past in uncertain_spans(runs):
        x0, x1 = frame.x(first), frame.x(past)
        out.append(
            tag(
                "rect",
                {
                    "class": "uncertain",
                    "x": x0,
                    "y": frame.bottom - 4,
                    "width": max(x1 - x0, 1.5),
                    "height": 4.0,
                    "fill": PALETTE["band"],
                },
            )
        )
    latest = line_path(frame, [(a, b, band.latest) for a, b, band in runs])
    earliest = line_path(frame, [(a, b, band.earliest) for a, b, band in runs])
    if latest:
        out.append(
            tag(
                "path",
                {
                    "class": "latest",
                    "d": latest,
                    "fill": "none",
                    "stroke": PALETTE["line"],
                    "stroke-width": thick * 0.6,
                    "stroke-dasharray": "5 3",
                },
            )
        )
    if earliest:
        out.append(
            tag(
                "path",
                {
                    "class": "earliest",
                    "d": earliest,
                    "fill": "none",
                    "stroke": PALETTE["line"],
                    "stroke-width": thick,
                    "stroke-linejoin": "round",
                },
            )
        )
    if not earliest and not latest:
        out.append(
            text_at(
                frame.left + frame.width / 2,
                frame.top + frame.height / 2 + size / 3,
                "unknown throughout",
                size=size,
                anchor="middle",
                fill=PALETTE["muted"],
            )
        )
    out.append(
        tag(
            "rect",
            {
                "x": frame.left,
                "y": frame.top,
                "width": frame.width,
                "height": frame.height,
                "fill": "none",
                "stroke": "#b8b8b8",
            },
        )
    )
    return out


def _gaps(frame: Frame, coverage: SourceCoverage | None) -> list[str]:
    """Grey rectangles over the stretches no source covers, each titled with its sentence."""
    if coverage is None:
        return []
    shapes = []
    for gap in coverage.gaps:
        lo, hi = gap.start.toordinal(), gap.end.toordinal() + 1
        if hi <= frame.lo or lo >= frame.hi:
            continue
        x0, x1 = frame.x(lo), frame.x(hi)
        if x1 - x0 < 0.5:
            continue
        shapes.append(
            tag(
                "rect",
                {
                    "class": "uncovered",
                    "x": x0,
                    "y": frame.top,
                    "width": x1 - x0,
                    "height": frame.height,
                    "fill": PALETTE["uncovered"],
                },
                tag("title", {}, escape_text(gap_sentence(gap.start, gap.end))),
            )
        )
    return shapes


def chart_svg(
    series: IndexSeries,
    codebook: Codebook,
    *,
    escalation: Escalation | None = None,
    start: pendulum.Date | None = None,
    end: pendulum.Date | None = None,
    width: int = 960,
    height: int = 540,
    title: str | None = None,
    coverage: SourceCoverage | None = None,
) -> str:
    """An SVG chart of *series*: the composite and each sub-index over time, with their bands.

    The main panel draws the composite as a step line in both series, shades the band between
    them and, given an *escalation*, marks its composite steps (labelling the largest with
    their date and change, and drawing the span of days each may really have happened on).
    Small panels, one per dimension of *codebook* in its order, draw the sub-indices the same
    way. Unknown values leave gaps.

    Args:
        series: The index to draw.
        codebook: The codebook *series* was computed with; names and orders the panels.
        escalation: Steps to mark on the composite, usually computed from the same data.
        start: The first day on the x axis (default: 1 January of the year before the first
            change, ignoring the year-1 and year-9999 bounds of open intervals).
        end: The last day on the x axis (default: 31 December of the year after the last
            change, but no later than the end of next year). A range given backwards is
            swapped.
        width: The SVG's width in pixels (at least 200).
        height: The SVG's height in pixels (at least 200).
        title: The heading (default: the jurisdiction and the codebook's title).
        coverage: Which days any source covers (default: the *escalation*'s). Uncovered
            stretches are shaded grey on the composite panel, each titled in words ("no
            source covers 2014-07 to 2017-12: a gap in reporting, not evidence of
            stability"), and named in the chart's description.

    Returns:
        A standalone SVG document as text, without an XML declaration, so it can be saved as a
        ``.svg`` file or inlined in HTML.

    Raises:
        ValueError: *width* or *height* is below 200.
    """
    if width < _MIN_SIZE or height < _MIN_SIZE:
        msg = f"'width' and 'height' must be at least {_MIN_SIZE} (got {width} x {height})"
        raise ValueError(msg)
    first, last = day_range(series, start, end, pendulum.Date.today())
    lo, hi = first.toordinal(), last.toordinal() + 1
    segments = segments_of(series, lo, hi)
    heading = title if title is not None else f"{series.jurisdiction}: {codebook.title}"
    pad = 16.0
    body: list[str] = [
        tag("rect", {"width": "100%", "height": "100%", "fill": "#ffffff"}),
        text_at(pad, 28, fit(heading, width - 2 * pad, 18), size=18, font_weight="700"),
        text_at(
            pad,
            46,
            fit(
                f"{series.jurisdiction} \u00b7 index 0\u2013100 \u00b7 codebook {codebook.id} "
                f"{codebook.version} \u00b7 {first.to_date_string()} to {last.to_date_string()}",
                width - 2 * pad,
                12,
            ),
            size=12,
            fill=PALETTE["muted"],
        ),
    ]
    legend, below = legend_marks(pad, 58, width - 2 * pad, escalation is not None)
    body += legend

    main, grid = layout(width, height, below + 8, len(codebook.dimensions), pad)
    frame = Frame(main[0], main[1], max(main[2], 10), max(main[3], 10), lo, hi)
    body.append(
        text_at(
            frame.left,
            frame.top - 6,
            fit("Composite index (weighted mean of the sub-indices)", frame.width, 13),
            size=13,
            font_weight="700",
        )
    )
    if coverage is None and escalation is not None:
        coverage = escalation.coverage
    gaps = _gaps(frame, coverage)
    body += gaps
    body += _panel(
        frame,
        [(a, b, _drawn_composite(p)) for a, b, p in segments],
        thick=2.4,
        grid=(0.0, 25.0, 50.0, 75.0, 100.0),
        y_labels=True,
        tick_gap=44,
        size=11,
    )
    reserved: list[Box] = []
    if segments and segments[-1][2].composite.earliest is not None:
        final = segments[-1][2].composite
        text = num(final.earliest or 0.0)
        if final.latest is not None and final.latest != final.earliest:
            text += f" / {num(final.latest)}"
        base = frame.y(final.earliest or 0.0) - 6
        if base - 11 < frame.top:
            base += 20
        reserved.append(
            (frame.right - 4 - len(text) * 11 * CHAR_WIDTH, base - 11, frame.right, base + 2)
        )
        body.append(
            text_at(
                frame.right - 4,
                base,
                text,
                size=11,
                anchor="end",
                font_weight="600",
                fill=PALETTE["line"],
                stroke="#ffffff",
                stroke_width="3",
                paint_order="stroke",
            )
        )
    if escalation is not None:
        body += step_markers(frame, escalation, 10.5, reserved)

    dims = codebook.dimensions if grid is not None else ()
    grid_area, cols, rows = grid if grid is not None else ((0.0, 0.0, 0.0, 0.0), 1, 1)
    cell_w, cell_h = grid_area[2] / cols, grid_area[3] / rows
    small = 9.5
    titles = [_panel_title(dim.name or dim.id, cell_w - 8) for dim in dims]
    head = 15.0 + (10.0 if any(len(lines) > 1 for _, lines in titles) else 0.0)
    for i, dim in enumerate(dims):
        col, row = i % cols, i // cols
        x0, y0 = grid_area[0] + col * cell_w, grid_area[1] + row * cell_h
        sub = Frame(
            x0 + 22, y0 + head, max(cell_w - 22 - 8, 10), max(cell_h - head - 16, 10), lo, hi
        )
        size, lines = titles[i]
        spans = [
            tag("tspan", {"x": x0 + 2, "dy": 0 if n == 0 else size + 1}, escape_text(line))
            for n, line in enumerate(lines)
        ]
        body.append(
            tag(
                "text",
                {
                    "class": "dimension",
                    "x": x0 + 2,
                    "y": y0 + 11,
                    "font-size": size,
                    "font-weight": "600",
                    "fill": PALETTE["text"],
                    "data-width": num(cell_w - 8),
                },
                tag("title", {}, escape_text(f"{dim.name} ({dim.id})")),
                *spans,
            )
        )
        body += _panel(
            sub,
            [(a, b, p.subindices.get(dim.id, _UNKNOWN)) for a, b, p in segments],
            thick=1.6,
            grid=(0.0, 50.0, 100.0),
            y_labels=True,
            tick_gap=40,
            size=small,
        )

    summary = (
        f"Composite index and {len(codebook.dimensions)} sub-indices of {series.jurisdiction} from "
        f"{first.to_date_string()} to {last.to_date_string()}, with {len(series.points)} "
        "change points; shaded bands cover days whose level depends on uncertain dates."
    )
    if grid is None:
        summary += " The sub-index panels are left out at this size."
    if coverage is not None:
        named = [
            g for g in coverage.sentences() if any(g in part for part in gaps)
        ] or coverage.sentences()
        if named:
            summary += " Grey stretches: " + "; ".join(named) + "."
    root = {
        "xmlns": "http://www.w3.org/2000/svg",
        "width": str(width),
        "height": str(height),
        "viewBox": f"0 0 {width} {height}",
        "role": "img",
        "font-family": _FONT,
        "fill": PALETTE["text"],
    }
    return (
        tag(
            "svg",
            root,
            tag("title", {}, escape_text(heading)),
            tag("desc", {}, escape_text(summary)),
            *body,
        )
        + "\n"
    )
