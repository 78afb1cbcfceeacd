"""What a chart's marks look like: the palette, the escalation steps' markers and the legend.

``policytrack.render.chart_marks`` draws what :mod:`policytrack.render.chart` lays over its
panels: a triangle for each composite step (up for a rise, down for a fall, so no meaning rests
on colour alone), a whisker over the days the step may really have happened on, date-and-change
labels for the largest steps where they fit, and the legend that says what line, dash and band
mean.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Mapping, Sequence

from policytrack.analysis.escalation import Escalation, EscalationStep
from policytrack.render.chart_geometry import (
    Box,
    Frame,
    label_spot,
)
from policytrack.render.svg import CHAR_WIDTH, escape_text, num, signed, tag, text_at

__all__ = ["PALETTE", "legend_marks", "step_markers"]


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
        "uncovered": "#e4e4e4",
    }
)
"""The colours used, from the Okabe-Ito palette, which stays distinct under colour blindness.

Rises and falls also differ in shape (triangles pointing up or down), so no meaning rests on
colour alone.
"""


_LABELS_MAX = 5


_DASH = "\u2013"


_GE = "\u2265"


def _triangle(x: float, y: float, r: float, up: bool) -> str:
    if up:
        corners = ((x, y - r), (x + r, y + r * 0.8), (x - r, y + r * 0.8))
    else:
        corners = ((x, y + r), (x + r, y - r * 0.8), (x - r, y - r * 0.8))
    return " ".join(f"{num(a)},{num(b)}" for a, b in corners)


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
    note = f"{when}: {before} \u2192 {after} ({signed(step.delta)})"
    return f"{note}. {causes}" if causes else note


def step_markers(
    frame: Frame, escalation: Escalation, size: float, reserved: Sequence[Box]
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
    placed: list[Box] = list(reserved)
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
                tag(
                    "path",
                    {
                        "class": "step-span",
                        "d": f"M{num(x0)} {num(y - 3)}V{num(y + 3)}M{num(x0)} {num(y)}"
                        f"H{num(x1)}M{num(x1)} {num(y - 3)}V{num(y + 3)}",
                        "fill": "none",
                        "stroke": colour,
                        "stroke-width": "1.2",
                    },
                )
            )
        marks.append(
            tag(
                "polygon",
                {
                    "class": "step-rise" if up else "step-fall",
                    "points": _triangle(x, y, r, up),
                    "fill": colour,
                    "stroke": "#ffffff",
                    "stroke-width": "1",
                },
                tag("title", {}, escape_text(_step_note(step))),
            )
        )
    for step, x, y, _, big in sorted(spots, key=lambda s: (-abs(s[0].delta), s[0].day)):
        if not big:
            continue
        colour = PALETTE["rise"] if step.delta >= 0 else PALETTE["fall"]
        text = f"{_when(step)} {signed(step.delta)}"
        width = len(text) * size * CHAR_WIDTH
        spot = label_spot(frame, placed, x, y, width, size)
        if spot is None:
            continue
        left, base, offset = spot
        box = (left, base - size, left + width, base + 2)
        placed.append(box)
        if abs(offset) > 20:
            near = y - 7 if offset < 0 else y + 7
            whiskers.append(
                tag(
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
            tag(
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
                escape_text(text),
            )
        )
    return whiskers + marks + labels


def legend_marks(
    left: float, top: float, width: float, with_steps: bool
) -> tuple[list[str], float]:
    """The legend's elements, wrapped to *width*, and the y just below it."""
    size = 11.0
    line, band = PALETTE["line"], PALETTE["band"]

    def solid(x: float, y: float) -> str:
        return tag(
            "line", {"x1": x, "y1": y, "x2": x + 22, "y2": y, "stroke": line, "stroke-width": "2.4"}
        )

    def dashed(x: float, y: float) -> str:
        return tag(
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
        return tag(
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
        return tag("rect", {"x": x, "y": y + 2, "width": 22.0, "height": 4.0, "fill": band})

    def span(x: float, y: float) -> str:
        return tag(
            "path",
            {
                "d": f"M{num(x + 1)} {num(y - 3)}V{num(y + 3)}M{num(x + 1)} {num(y)}"
                f"H{num(x + 21)}M{num(x + 21)} {num(y - 3)}V{num(y + 3)}",
                "fill": "none",
                "stroke": PALETTE["rise"],
                "stroke-width": "1.2",
            },
        )

    def rise(x: float, y: float) -> str:
        return tag("polygon", {"points": _triangle(x + 11, y, 5.5, True), "fill": PALETTE["rise"]})

    def fall(x: float, y: float) -> str:
        return tag("polygon", {"points": _triangle(x + 11, y, 5.5, False), "fill": PALETTE["fall"]})

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
        need = indent + len(text) * size * CHAR_WIDTH + 18
        if x > left and x + need > left + width:
            x, y = left, y + 18
        if swatch is not None:
            out.append(swatch(x, y))
        out.append(text_at(x + indent, y + size / 3, text, size=size, fill=PALETTE["text"]))
        x += need
    return out, y + 12
