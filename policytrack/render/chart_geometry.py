"""Where a chart's marks go: the plot frame's scales, the day range, ticks, lines, bands, layout.

``policytrack.render.chart_geometry`` is the arithmetic of :mod:`policytrack.render.chart`,
with no drawing in it: a :class:`Frame` maps day ordinals and index values to the page; the
functions here turn an index's runs of days into step-line paths and band polygons, space the
year ticks, find room for a label and share the canvas between the main panel and the small
multiples.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import attrs
import pendulum

from policytrack.analysis.index import Band, IndexPoint, IndexSeries
from policytrack.render.svg import num

__all__ = [
    "Box",
    "Frame",
    "Rect",
    "Segment",
    "band_polygons",
    "day_range",
    "grid_shape",
    "label_spot",
    "layout",
    "line_path",
    "overlaps",
    "segments_of",
    "uncertain_spans",
    "year_ticks",
]


_TICK_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)


_CELL_MIN = (110.0, 60.0)
"""The smallest width and height of a sub-index panel worth drawing."""


_INSET_TOP = 4.0


_INSET_BOTTOM = 6.0


@attrs.frozen
class Frame:
    """A plot area and its scales: day ordinals *lo* (inclusive) to *hi* (exclusive) on x."""

    left: float
    top: float
    width: float
    height: float
    lo: int
    hi: int

    @property
    def right(self) -> float:
        """The plot area's right edge."""
        return self.left + self.width

    @property
    def bottom(self) -> float:
        """The plot area's bottom edge."""
        return self.top + self.height

    def x(self, ordinal: int) -> float:
        """The x of a day ordinal (clamped to the frame)."""
        ordinal = min(max(ordinal, self.lo), self.hi)
        return self.left + self.width * (ordinal - self.lo) / (self.hi - self.lo)

    def y(self, value: float) -> float:
        """The y of an index value (clamped to 0-100)."""
        # Inset so a line at 100 clears the border and a line at 0 clears the uncertain ticks.
        span = self.height - _INSET_TOP - _INSET_BOTTOM
        return self.top + _INSET_TOP + span * (1 - min(max(value, 0.0), 100.0) / 100)


Segment = tuple[int, int, IndexPoint]
"""Days ``[first, past)`` as ordinals over which a point's values hold."""


def segments_of(series: IndexSeries, lo: int, hi: int) -> list[Segment]:
    """The points of *series* with the days each holds over, cut to ``[lo, hi)``."""
    points = series.points
    segments = []
    for i, point in enumerate(points):
        first = point.day.toordinal()
        past = points[i + 1].day.toordinal() if i + 1 < len(points) else hi
        first, past = max(first, lo), min(past, hi)
        if first < past:
            segments.append((first, past, point))
    return segments


def day_range(
    series: IndexSeries,
    start: pendulum.Date | None,
    end: pendulum.Date | None,
    today: pendulum.Date,
) -> tuple[pendulum.Date, pendulum.Date]:
    """The days the x axis spans: *start* to *end*, or a year either side of the data."""
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


def year_ticks(frame: Frame, min_gap: float) -> list[tuple[int, int]]:
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


def line_path(frame: Frame, runs: Sequence[tuple[int, int, float | None]]) -> str:
    """SVG path data of a step line, broken wherever the value is unknown."""
    parts = []
    reached: int | None = None
    for first, past, value in runs:
        if value is None:
            reached = None
            continue
        y, x1 = num(frame.y(value)), num(frame.x(past))
        if reached == first:
            parts.append(f"V{y}H{x1}")
        else:
            parts.append(f"M{num(frame.x(first))} {y}H{x1}")
        reached = past
    return "".join(parts)


def band_polygons(frame: Frame, runs: Sequence[tuple[int, int, Band]]) -> list[str]:
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
        polygons.append(" ".join(f"{num(x)},{num(y)}" for x, y in upper + lower))
    return polygons


def uncertain_spans(runs: Sequence[tuple[int, int, Band]]) -> list[tuple[int, int]]:
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


Box = tuple[float, float, float, float]


def label_spot(
    frame: Frame, placed: Sequence[Box], x: float, y: float, width: float, size: float
) -> tuple[float, float, float] | None:
    """Where a label of *width* for a marker at (*x*, *y*) fits: left, baseline and offset."""
    for offset in (-10.0, -24.0, -38.0, -52.0, -66.0, 16.0, 30.0, 44.0, 58.0):
        for shift in (0.5, 0.0, 1.0):
            left = min(max(x - width * shift, frame.left + 2), frame.right - width - 2)
            base = y + offset + (0 if offset < 0 else size)
            box = (left, base - size, left + width, base + 2)
            fits = frame.top + 2 <= box[1] and box[3] <= frame.bottom - 6
            if fits and not any(overlaps(box, other) for other in placed):
                return left, base, offset
    return None


def overlaps(a: Box, b: Box) -> bool:
    """Whether two boxes ``(left, top, right, bottom)`` overlap."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def grid_shape(count: int, width: float, height: float) -> tuple[int, int]:
    """Columns and rows for *count* panels in a *width* by *height* area, cells near 2:1."""
    best = (1, count)
    best_score = math.inf
    for cols in range(1, count + 1):
        rows = math.ceil(count / cols)
        score = abs(math.log((width / cols) / (height / rows) / 2.0))
        if score < best_score - 1e-9:
            best, best_score = (cols, rows), score
    return best


Rect = tuple[float, float, float, float]


def layout(
    width: float, height: float, top: float, count: int, pad: float
) -> tuple[Rect, tuple[Rect, int, int] | None]:
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
    cols, rows = grid_shape(count, area[2], area[3])
    if area[2] / cols >= _CELL_MIN[0] and area[3] / rows >= _CELL_MIN[1]:
        return main, (area, cols, rows)
    return (pad + 30, top + 18, width - 2 * pad - 30, height - top - 18 - 24), None
