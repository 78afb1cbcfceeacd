"""SVG charts of an index over time: the composite, its uncertainty band and every sub-index.

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

import math
import re
import types
from collections.abc import Callable, Mapping, Sequence
from xml.sax.saxutils import escape, quoteattr

import attrs
import pendulum

from policytrack.analysis.escalation import Escalation, EscalationStep
from policytrack.analysis.index import Band, IndexPoint, IndexSeries
from policytrack.model.codebook import Codebook

__all__ = ["PALETTE", "chart_svg"]

PALETTE: Mapping[str, str] = types.MappingProxyType(
    {
        "line": "#0072B2",
        "band": "#56B4E9",
        "rise": "#D55E00",
        "fall": "#009E73",
        "text": "#1a1a1a",
        "muted": "#5c5c5c",
        "grid": "#dedede",
        "panel": "#f7f7f7",
    }
)
"""The colours used, from the Okabe-Ito palette, which stays distinct under colour blindness.

Rises and falls also differ in shape (triangles pointing up or down), so no meaning rests on
colour alone.
"""

_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
_MIN_SIZE = 200
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TICK_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)
_UNKNOWN = Band(None, None)
_LABELS_MAX = 5
_DASH = "\u2013"
_GE = "\u2265"
_CELL_MIN = (110.0, 60.0)
"""The smallest width and height of a sub-index panel worth drawing."""
_INSET_TOP = 4.0
_INSET_BOTTOM = 6.0
_CHAR_WIDTH = 0.6
"""An average glyph's width as a share of the font size, to estimate how long a label is."""


def _clean(value: object) -> str:
    """*value* as text with the characters XML 1.0 forbids replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", str(value))


def _text(value: object) -> str:
    return escape(_clean(value))


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def _tag(name: str, attributes: Mapping[str, object], *children: str) -> str:
    """An element with *attributes* in the order given (None values left out)."""
    written = "".join(
        f" {key}={quoteattr(_clean(_num(v) if isinstance(v, float) else v))}"
        for key, v in attributes.items()
        if v is not None
    )
    if not children:
        return f"<{name}{written}/>"
    return f"<{name}{written}>{''.join(children)}</{name}>"


def _label(
    x: float, y: float, text: str, *, size: float = 11, anchor: str = "start", **extra: object
) -> str:
    attributes: dict[str, object] = {"x": x, "y": y, "font-size": size}
    if anchor != "start":
        attributes["text-anchor"] = anchor
    attributes.update({k.replace("_", "-"): v for k, v in extra.items()})
    return _tag("text", attributes, _text(text))


def _fit(text: str, width: float, size: float) -> str:
    """*text* cut with an ellipsis to about *width* pixels at font *size*."""
    room = max(int(width / (size * _CHAR_WIDTH)), 1)
    return text if len(text) <= room else text[: max(room - 1, 0)].rstrip() + "\u2026"


def _signed(value: float) -> str:
    text = f"{value:+.1f}"
    return "0.0" if text in ("+0.0", "-0.0") else text


@attrs.frozen
class _Frame:
    """A plot area and its scales: day ordinals *lo* (inclusive) to *hi* (exclusive) on x."""

    left: float
    top: float
    width: float
    height: float
    lo: int
    hi: int

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height

    def x(self, ordinal: int) -> float:
        ordinal = min(max(ordinal, self.lo), self.hi)
        return self.left + self.width * (ordinal - self.lo) / (self.hi - self.lo)

    def y(self, value: float) -> float:
        # Inset so a line at 100 clears the border and a line at 0 clears the uncertain ticks.
        span = self.height - _INSET_TOP - _INSET_BOTTOM
        return self.top + _INSET_TOP + span * (1 - min(max(value, 0.0), 100.0) / 100)


_Segment = tuple[int, int, IndexPoint]
"""Days ``[first, past)`` as ordinals over which a point's values hold."""


def _segments(series: IndexSeries, lo: int, hi: int) -> list[_Segment]:
    points = series.points
    segments = []
    for i, point in enumerate(points):
        first = point.day.toordinal()
        past = points[i + 1].day.toordinal() if i + 1 < len(points) else hi
        first, past = max(first, lo), min(past, hi)
        if first < past:
            segments.append((first, past, point))
    return segments


def _day_range(
    series: IndexSeries,
    start: pendulum.Date | None,
    end: pendulum.Date | None,
    today: pendulum.Date,
) -> tuple[pendulum.Date, pendulum.Date]:
    # Days in year 1 or 9999 are the bounds of open intervals, not real dates.
    days = [p.day for p in series.points if 1 < p.day.year < 9999]
    cap = pendulum.Date(min(today.year + 1, 9999), 12, 31)
    if start is None:
        start = (
            pendulum.Date(min(days).year - 1, 1, 1) if days else pendulum.Date(today.year - 1, 1, 1)
        )
    if end is None:
        end = min(pendulum.Date(max(days).year + 1, 12, 31), cap) if days else cap
    if end < start:
        start, end = end, start
    return start, end


def _year_ticks(frame: _Frame, min_gap: float) -> list[tuple[int, int]]:
    """Years and their 1 January ordinals inside *frame*, spaced at least *min_gap* apart."""
    first = pendulum.Date.fromordinal(frame.lo).year
    last = pendulum.Date.fromordinal(frame.hi - 1).year
    per_year = frame.width * 365.25 / (frame.hi - frame.lo)
    step = next((s for s in _TICK_STEPS if s * per_year >= min_gap), _TICK_STEPS[-1])
    ticks = []
    for year in range(first, last + 1):
        ordinal = pendulum.Date(year, 1, 1).toordinal()
        if year % step == 0 and frame.lo <= ordinal < frame.hi:
            ticks.append((year, ordinal))
    return ticks


def _line_path(frame: _Frame, runs: Sequence[tuple[int, int, float | None]]) -> str:
    """SVG path data of a step line, broken wherever the value is unknown."""
    parts = []
    reached: int | None = None
    for first, past, value in runs:
        if value is None:
            reached = None
            continue
        y, x1 = _num(frame.y(value)), _num(frame.x(past))
        if reached == first:
            parts.append(f"V{y}H{x1}")
        else:
            parts.append(f"M{_num(frame.x(first))} {y}H{x1}")
        reached = past
    return "".join(parts)


def _band_polygons(frame: _Frame, runs: Sequence[tuple[int, int, Band]]) -> list[str]:
    """Polygon point lists covering the days on which both series are known and differ."""
    groups: list[list[tuple[int, int, float, float]]] = []
    reached: int | None = None
    for first, past, band in runs:
        if band.earliest is None or band.latest is None or band.earliest == band.latest:
            reached = None
            continue
        high, low = max(band.earliest, band.latest), min(band.earliest, band.latest)
        if reached != first:
            groups.append([])
        groups[-1].append((first, past, high, low))
        reached = past
    polygons = []
    for group in groups:
        upper = [(frame.x(a), frame.y(h)) for a, b, h, _ in group for a in (a, b)]
        lower = [(frame.x(b), frame.y(lw)) for a, b, _, lw in reversed(group) for b in (b, a)]
        polygons.append(" ".join(f"{_num(x)},{_num(y)}" for x, y in upper + lower))
    return polygons


def _uncertain_spans(runs: Sequence[tuple[int, int, Band]]) -> list[tuple[int, int]]:
    """Day spans on which the two series differ, known or not."""
    spans: list[tuple[int, int]] = []
    for first, past, band in runs:
        if not band.uncertain:
            continue
        if spans and spans[-1][1] == first:
            spans[-1] = (spans[-1][0], past)
        else:
            spans.append((first, past))
    return spans


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
    while size > 8.0 and len(name) * size * _CHAR_WIDTH > width:
        size -= 0.5
    if len(name) * size * _CHAR_WIDTH <= width:
        return size, [name]
    words = name.split()
    best = [name]
    for i in range(1, len(words)):
        lines = [" ".join(words[:i]), " ".join(words[i:])]
        if len(best) == 1 or max(map(len, lines)) < max(map(len, best)):
            best = lines
    longest = max(map(len, best))
    size = 11.0
    while size > 6.0 and longest * size * _CHAR_WIDTH > width:
        size -= 0.5
    return size, best


def _panel(
    frame: _Frame,
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
        _tag(
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
    for year, ordinal in _year_ticks(frame, tick_gap):
        x = frame.x(ordinal)
        out.append(
            _tag(
                "line",
                {"x1": x, "y1": frame.top, "x2": x, "y2": frame.bottom, "stroke": PALETTE["grid"]},
            )
        )
        out.append(
            _label(
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
            _tag(
                "line",
                {"x1": frame.left, "y1": y, "x2": frame.right, "y2": y, "stroke": PALETTE["grid"]},
            )
        )
        if y_labels:
            out.append(
                _label(
                    frame.left - 4,
                    y + size / 3,
                    f"{value:g}",
                    size=size,
                    anchor="end",
                    fill=PALETTE["muted"],
                )
            )
    for points in _band_polygons(frame, runs):
        out.append(
            _tag(
                "polygon",
                {
                    "class": "band",
                    "points": points,
                    "fill": PALETTE["band"],
                    "fill-opacity": "0.45",
                },
            )
        )
    for first, past in _uncertain_spans(runs):
        x0, x1 = frame.x(first), frame.x(past)
        out.append(
            _tag(
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
    latest = _line_path(frame, [(a, b, band.latest) for a, b, band in runs])
    earliest = _line_path(frame, [(a, b, band.earliest) for a, b, band in runs])
    if latest:
        out.append(
            _tag(
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
            _tag(
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
            _label(
                frame.left + frame.width / 2,
                frame.top + frame.height / 2 + size / 3,
                "unknown throughout",
                size=size,
                anchor="middle",
                fill=PALETTE["muted"],
            )
        )
    out.append(
        _tag(
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


def _triangle(x: float, y: float, r: float, up: bool) -> str:
    if up:
        corners = ((x, y - r), (x + r, y + r * 0.8), (x - r, y + r * 0.8))
    else:
        corners = ((x, y + r), (x + r, y - r * 0.8), (x - r, y - r * 0.8))
    return " ".join(f"{_num(a)},{_num(b)}" for a, b in corners)


def _when(step: EscalationStep) -> str:
    """The days *step* may have happened on, as briefly as they can be said honestly.

    A span of whole months or years is written as those (``2013-09``, or two years joined by an
    en dash), a span of days as its two ends, and an open span as "at least" its first day.
    """
    first, last = step.earliest, step.latest
    if last is None:
        return f"{_GE} {first.to_date_string()}"
    if first == last:
        return first.to_date_string()
    whole_months = first.day == 1 and last == last.end_of("month")
    if whole_months and first.month == 1 and last.month == 12:
        years = f"{first.year:04d}"
        return years if first.year == last.year else f"{years}{_DASH}{last.year:04d}"
    if whole_months:
        head = f"{first.year:04d}-{first.month:02d}"
        if (first.year, first.month) == (last.year, last.month):
            return head
        if first.year == last.year:
            return f"{head}{_DASH}{last.month:02d}"
        return f"{head}{_DASH}{last.year:04d}-{last.month:02d}"
    if first.year == last.year:
        return f"{first.to_date_string()}{_DASH}{last.month:02d}-{last.day:02d}"
    return f"{first.to_date_string()}{_DASH}{last.to_date_string()}"


def _step_note(step: EscalationStep) -> str:
    """A one-line description of *step* for a tooltip."""
    if step.latest == step.earliest:
        when = step.day.to_date_string()
    elif step.latest is None:
        when = f"{step.day.to_date_string()} (on or after {step.earliest.to_date_string()})"
    else:
        when = (
            f"{step.day.to_date_string()} (between {step.earliest.to_date_string()} "
            f"and {step.latest.to_date_string()})"
        )
    before = "unknown" if step.before is None else f"{step.before:.1f}"
    after = "unknown" if step.after is None else f"{step.after:.1f}"
    causes = "; ".join(dict.fromkeys(c.title for c in step.causes))
    note = f"{when}: {before} \u2192 {after} ({_signed(step.delta)})"
    return f"{note}. {causes}" if causes else note


_Box = tuple[float, float, float, float]


def _markers(
    frame: _Frame, escalation: Escalation, size: float, reserved: Sequence[_Box]
) -> list[str]:
    """Markers for the composite steps in *frame*, with date and change for the largest.

    Labels go where they overlap no marker, no other label and none of the *reserved* boxes;
    a label that finds no room is left out (its marker keeps a tooltip).
    """
    inside = [s for s in escalation.composite_steps if frame.lo <= s.day.toordinal() < frame.hi]
    labelled = set(escalation.largest[:_LABELS_MAX])
    whiskers: list[str] = []
    marks: list[str] = []
    labels: list[str] = []
    placed: list[_Box] = list(reserved)
    spots = []
    for step in inside:
        big = step in labelled
        r = 5.5 if big else 3.5
        x, y = frame.x(step.day.toordinal()), frame.y(step.after or 0.0)
        spots.append((step, x, y, r, big))
        placed.append((x - r, y - r, x + r, y + r))
    for step, x, y, r, _ in spots:
        up = step.delta >= 0
        colour = PALETTE["rise"] if up else PALETTE["fall"]
        if step.earliest != step.latest:
            x0 = frame.x(step.earliest.toordinal())
            x1 = frame.right if step.latest is None else frame.x(step.latest.toordinal() + 1)
            whiskers.append(
                _tag(
                    "path",
                    {
                        "class": "step-span",
                        "d": f"M{_num(x0)} {_num(y - 3)}V{_num(y + 3)}M{_num(x0)} {_num(y)}"
                        f"H{_num(x1)}M{_num(x1)} {_num(y - 3)}V{_num(y + 3)}",
                        "fill": "none",
                        "stroke": colour,
                        "stroke-width": "1.2",
                    },
                )
            )
        marks.append(
            _tag(
                "polygon",
                {
                    "class": "step-rise" if up else "step-fall",
                    "points": _triangle(x, y, r, up),
                    "fill": colour,
                    "stroke": "#ffffff",
                    "stroke-width": "1",
                },
                _tag("title", {}, _text(_step_note(step))),
            )
        )
    for step, x, y, _, big in sorted(spots, key=lambda s: (-abs(s[0].delta), s[0].day)):
        if not big:
            continue
        colour = PALETTE["rise"] if step.delta >= 0 else PALETTE["fall"]
        text = f"{_when(step)} {_signed(step.delta)}"
        width = len(text) * size * _CHAR_WIDTH
        spot = _label_spot(frame, placed, x, y, width, size)
        if spot is None:
            continue
        left, base, offset = spot
        box = (left, base - size, left + width, base + 2)
        placed.append(box)
        if abs(offset) > 20:
            near = y - 7 if offset < 0 else y + 7
            whiskers.append(
                _tag(
                    "line",
                    {
                        "x1": x,
                        "y1": near,
                        "x2": x,
                        "y2": box[3] if offset < 0 else box[1],
                        "stroke": colour,
                        "stroke-width": "0.8",
                    },
                )
            )
        labels.append(
            _tag(
                "text",
                {
                    "class": "step-label",
                    "x": left,
                    "y": base,
                    "font-size": size,
                    "font-weight": "600",
                    "fill": colour,
                    "stroke": "#ffffff",
                    "stroke-width": "3",
                    "paint-order": "stroke",
                },
                _text(text),
            )
        )
    return whiskers + marks + labels


def _label_spot(
    frame: _Frame, placed: Sequence[_Box], x: float, y: float, width: float, size: float
) -> tuple[float, float, float] | None:
    """Where a label of *width* for a marker at (*x*, *y*) fits: left, baseline and offset."""
    for offset in (-10.0, -24.0, -38.0, -52.0, -66.0, 16.0, 30.0, 44.0, 58.0):
        for shift in (0.5, 0.0, 1.0):
            left = min(max(x - width * shift, frame.left + 2), frame.right - width - 2)
            base = y + offset + (0 if offset < 0 else size)
            box = (left, base - size, left + width, base + 2)
            fits = frame.top + 2 <= box[1] and box[3] <= frame.bottom - 6
            if fits and not any(_overlap(box, other) for other in placed):
                return left, base, offset
    return None


def _overlap(a: _Box, b: _Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _legend(left: float, top: float, width: float, with_steps: bool) -> tuple[list[str], float]:
    """The legend's elements, wrapped to *width*, and the y just below it."""
    size = 11.0
    line, band = PALETTE["line"], PALETTE["band"]

    def solid(x: float, y: float) -> str:
        return _tag(
            "line", {"x1": x, "y1": y, "x2": x + 22, "y2": y, "stroke": line, "stroke-width": "2.4"}
        )

    def dashed(x: float, y: float) -> str:
        return _tag(
            "line",
            {
                "x1": x,
                "y1": y,
                "x2": x + 22,
                "y2": y,
                "stroke": line,
                "stroke-width": "1.4",
                "stroke-dasharray": "5 3",
            },
        )

    def shaded(x: float, y: float) -> str:
        return _tag(
            "rect",
            {
                "x": x,
                "y": y - 6,
                "width": 22.0,
                "height": 12.0,
                "fill": band,
                "fill-opacity": "0.45",
            },
        )

    def strip(x: float, y: float) -> str:
        return _tag("rect", {"x": x, "y": y + 2, "width": 22.0, "height": 4.0, "fill": band})

    def rise(x: float, y: float) -> str:
        return _tag("polygon", {"points": _triangle(x + 11, y, 5.5, True), "fill": PALETTE["rise"]})

    def fall(x: float, y: float) -> str:
        return _tag(
            "polygon", {"points": _triangle(x + 11, y, 5.5, False), "fill": PALETTE["fall"]}
        )

    def span(x: float, y: float) -> str:
        return _tag(
            "path",
            {
                "d": f"M{_num(x + 1)} {_num(y - 3)}V{_num(y + 3)}M{_num(x + 1)} {_num(y)}"
                f"H{_num(x + 21)}M{_num(x + 21)} {_num(y - 3)}V{_num(y + 3)}",
                "fill": "none",
                "stroke": PALETTE["rise"],
                "stroke-width": "1.2",
            },
        )

    items: list[tuple[Callable[[float, float], str] | None, str]] = [
        (solid, "earliest series"),
        (dashed, "latest series"),
        (shaded, "band = uncertain dates (earliest vs latest series)"),
        (strip, "bar on the axis = days whose value is uncertain"),
        (None, "no line = unknown in that series (not zero)"),
    ]
    if with_steps:
        items += [
            (rise, "rise (largest labelled: date, change)"),
            (fall, "fall"),
            (span, "days a step may have happened on"),
        ]
    out: list[str] = []
    x, y = left, top + 6
    for swatch, text in items:
        indent = 0 if swatch is None else 28
        need = indent + len(text) * size * _CHAR_WIDTH + 18
        if x > left and x + need > left + width:
            x, y = left, y + 18
        if swatch is not None:
            out.append(swatch(x, y))
        out.append(_label(x + indent, y + size / 3, text, size=size, fill=PALETTE["text"]))
        x += need
    return out, y + 12


def _grid_shape(count: int, width: float, height: float) -> tuple[int, int]:
    """Columns and rows for *count* panels in a *width* by *height* area, cells near 2:1."""
    best = (1, count)
    best_score = math.inf
    for cols in range(1, count + 1):
        rows = math.ceil(count / cols)
        score = abs(math.log((width / cols) / (height / rows) / 2.0))
        if score < best_score - 1e-9:
            best, best_score = (cols, rows), score
    return best


_Rect = tuple[float, float, float, float]


def _layout(
    width: float, height: float, top: float, count: int, pad: float
) -> tuple[_Rect, tuple[_Rect, int, int] | None]:
    """The main plot's rectangle and the small multiples' area, columns and rows.

    The small multiples sit beside the main panel on a wide canvas and below it on a tall
    one; they are left out (None) when a panel would be too small to read.
    """
    if width >= 1.3 * height:
        split = width * 0.53
        main = (pad + 30, top + 18, split - pad - 30, height - top - 18 - 24)
        area = (split + 14, top, width - split - 14 - pad, height - top - 6)
    else:
        main_h = (height - top) * 0.5
        main = (pad + 30, top + 18, width - 2 * pad - 30, main_h - 18 - 24)
        area = (pad, top + main_h + 6, width - 2 * pad, height - top - main_h - 12)
    cols, rows = _grid_shape(count, area[2], area[3])
    if area[2] / cols >= _CELL_MIN[0] and area[3] / rows >= _CELL_MIN[1]:
        return main, (area, cols, rows)
    return (pad + 30, top + 18, width - 2 * pad - 30, height - top - 18 - 24), None


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

    Returns:
        A standalone SVG document as text, without an XML declaration, so it can be saved as a
        ``.svg`` file or inlined in HTML.

    Raises:
        ValueError: *width* or *height* is below 200.
    """
    if width < _MIN_SIZE or height < _MIN_SIZE:
        msg = f"'width' and 'height' must be at least {_MIN_SIZE} (got {width} x {height})"
        raise ValueError(msg)
    first, last = _day_range(series, start, end, pendulum.Date.today())
    lo, hi = first.toordinal(), last.toordinal() + 1
    segments = _segments(series, lo, hi)
    heading = title if title is not None else f"{series.jurisdiction}: {codebook.title}"
    pad = 16.0
    body: list[str] = [
        _tag("rect", {"width": "100%", "height": "100%", "fill": "#ffffff"}),
        _label(pad, 28, _fit(heading, width - 2 * pad, 18), size=18, font_weight="700"),
        _label(
            pad,
            46,
            _fit(
                f"{series.jurisdiction} \u00b7 index 0\u2013100 \u00b7 codebook {codebook.id} "
                f"{codebook.version} \u00b7 {first.to_date_string()} to {last.to_date_string()}",
                width - 2 * pad,
                12,
            ),
            size=12,
            fill=PALETTE["muted"],
        ),
    ]
    legend, below = _legend(pad, 58, width - 2 * pad, escalation is not None)
    body += legend

    main, grid = _layout(width, height, below + 8, len(codebook.dimensions), pad)
    frame = _Frame(main[0], main[1], max(main[2], 10), max(main[3], 10), lo, hi)
    body.append(
        _label(
            frame.left,
            frame.top - 6,
            _fit("Composite index (weighted mean of the sub-indices)", frame.width, 13),
            size=13,
            font_weight="700",
        )
    )
    body += _panel(
        frame,
        [(a, b, _drawn_composite(p)) for a, b, p in segments],
        thick=2.4,
        grid=(0.0, 25.0, 50.0, 75.0, 100.0),
        y_labels=True,
        tick_gap=44,
        size=11,
    )
    reserved: list[_Box] = []
    if segments and segments[-1][2].composite.earliest is not None:
        final = segments[-1][2].composite
        text = _num(final.earliest or 0.0)
        if final.latest is not None and final.latest != final.earliest:
            text += f" / {_num(final.latest)}"
        base = frame.y(final.earliest or 0.0) - 6
        if base - 11 < frame.top:
            base += 20
        reserved.append(
            (frame.right - 4 - len(text) * 11 * _CHAR_WIDTH, base - 11, frame.right, base + 2)
        )
        body.append(
            _label(
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
        body += _markers(frame, escalation, 10.5, reserved)

    dims = codebook.dimensions if grid is not None else ()
    grid_area, cols, rows = grid if grid is not None else ((0.0, 0.0, 0.0, 0.0), 1, 1)
    cell_w, cell_h = grid_area[2] / cols, grid_area[3] / rows
    small = 9.5
    titles = [_panel_title(dim.name or dim.id, cell_w - 8) for dim in dims]
    head = 15.0 + (10.0 if any(len(lines) > 1 for _, lines in titles) else 0.0)
    for i, dim in enumerate(dims):
        col, row = i % cols, i // cols
        x0, y0 = grid_area[0] + col * cell_w, grid_area[1] + row * cell_h
        sub = _Frame(
            x0 + 22, y0 + head, max(cell_w - 22 - 8, 10), max(cell_h - head - 16, 10), lo, hi
        )
        size, lines = titles[i]
        spans = [
            _tag("tspan", {"x": x0 + 2, "dy": 0 if n == 0 else size + 1}, _text(line))
            for n, line in enumerate(lines)
        ]
        body.append(
            _tag(
                "text",
                {
                    "class": "dimension",
                    "x": x0 + 2,
                    "y": y0 + 11,
                    "font-size": size,
                    "font-weight": "600",
                    "fill": PALETTE["text"],
                    "data-width": _num(cell_w - 8),
                },
                _tag("title", {}, _text(f"{dim.name} ({dim.id})")),
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
        _tag(
            "svg",
            root,
            _tag("title", {}, _text(heading)),
            _tag("desc", {}, _text(summary)),
            *body,
        )
        + "\n"
    )
