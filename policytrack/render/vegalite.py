"""The index chart as a Vega-Lite spec: a plain dict, written without any Vega library.

The spec draws what :func:`policytrack.render.chart.chart_svg` draws: the composite in both
series as step lines (a gap where a value is unknown), the composite's escalation steps as
points, and one small panel per dimension. Notebook front ends (JupyterLab, VS Code) and
``altair.Chart.from_dict`` render it; ``json.dumps`` writes it to a ``.json`` file.
"""

from __future__ import annotations

from typing import Any

import pendulum

from policytrack.analysis.escalation import Escalation
from policytrack.analysis.index import Band, IndexSeries
from policytrack.model.arguments import checked
from policytrack.model.codebook import Codebook
from policytrack.vocab import Series

__all__ = ["SCHEMA", "chart_vegalite"]

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
"""The Vega-Lite version the spec is written for."""


def _range(
    series: IndexSeries, start: pendulum.Date | None, end: pendulum.Date | None
) -> tuple[pendulum.Date, pendulum.Date]:
    # Year 1 and year 9999 are the bounds of open intervals, not days to draw.
    days = [p.day for p in series.points if 1 < p.day.year < 9999]
    today = pendulum.Date.today()
    first = start or (pendulum.Date(min(days).year - 1, 1, 1) if days else today)
    last = end or (pendulum.Date(max(days).year + 1, 12, 31) if days else today)
    return (first, last) if first <= last else (last, first)


def _values(band: Band) -> dict[str, float | None]:
    return {Series.EARLIEST.value: band.earliest, Series.LATEST.value: band.latest}


def _rows(
    series: IndexSeries, codebook: Codebook, first: pendulum.Date, last: pendulum.Date
) -> list[dict[str, Any]]:
    """One row per day a value changes, measure and series; the last day closes each line."""
    names = {d.id: d.name for d in codebook.dimensions}
    rows: list[dict[str, Any]] = []
    shown = [p for p in series.points if first <= p.day <= last]
    before = series.on(first)
    if before is not None and (not shown or shown[0].day > first):
        shown.insert(0, before)
    for i, point in enumerate(shown):
        day = max(point.day, first).isoformat()
        measures = [("composite", "Composite", point.composite)]
        measures += [(k, names.get(k, k), b) for k, b in point.subindices.items()]
        for measure, name, band in measures:
            for which, value in _values(band).items():
                rows.append(
                    {"day": day, "measure": measure, "name": name, "series": which, "value": value}
                )
        if i == len(shown) - 1:  # hold the last values to the right edge
            for row in rows[-2 * len(measures) :]:
                rows.append({**row, "day": last.isoformat()})
    return rows


def _steps(escalation: Escalation | None, first: pendulum.Date, last: pendulum.Date) -> list[Any]:
    if escalation is None:
        return []
    return [
        {
            "day": s.day.isoformat(),
            "value": s.after,
            "delta": round(s.delta, 1),
            "policies": ", ".join(dict.fromkeys(c.policy for c in s.causes)),
        }
        for s in escalation.composite_steps
        if first <= s.day <= last and s.after is not None
    ]


@checked
def chart_vegalite(
    series: IndexSeries,
    codebook: Codebook,
    *,
    escalation: Escalation | None = None,
    start: pendulum.Date | None = None,
    end: pendulum.Date | None = None,
    title: str | None = None,
) -> dict[str, Any]:
    """A Vega-Lite v5 spec of *series*: the composite and each sub-index, in both series.

    Args:
        series: The index to draw.
        codebook: The codebook *series* was computed with; names and orders the panels.
        escalation: Composite steps to mark, usually computed from the same data.
        start: The first day drawn (default: 1 January of the year before the first change).
        end: The last day drawn (default: 31 December of the year after the last change).
        title: The heading (default: the jurisdiction and the codebook's title).

    Returns:
        The spec as a JSON-ready dict. Unknown values are ``null``, which Vega-Lite draws as
        a gap in the line.
    """
    first, last = _range(series, start, end)
    heading = title if title is not None else f"{series.jurisdiction}: {codebook.title}"
    x = {"field": "day", "type": "temporal", "title": None}
    y = {"field": "value", "type": "quantitative", "scale": {"domain": [0, 100]}}
    color = {
        "field": "series",
        "type": "nominal",
        "title": "series",
        "scale": {"domain": ["earliest", "latest"], "range": ["#1f4e79", "#c0504d"]},
    }
    line = {"type": "line", "interpolate": "step-after", "strokeWidth": 1.5}
    tooltip = [
        {"field": "day", "type": "temporal"},
        {"field": "name", "type": "nominal", "title": "measure"},
        {"field": "series", "type": "nominal"},
        {"field": "value", "type": "quantitative", "format": ".1f"},
    ]
    composite: dict[str, Any] = {
        "width": 720,
        "height": 240,
        "layer": [
            {
                "transform": [{"filter": "datum.measure === 'composite'"}],
                "mark": line,
                "encoding": {
                    "x": x,
                    "y": {**y, "title": "composite (0-100)"},
                    "color": color,
                    "tooltip": tooltip,
                },
            }
        ],
    }
    steps = _steps(escalation, first, last)
    if steps:
        composite["layer"].append(
            {
                "data": {"values": steps},
                "mark": {"type": "point", "filled": True, "color": "#000000", "size": 40},
                "encoding": {
                    "x": x,
                    "y": {"field": "value", "type": "quantitative"},
                    "tooltip": [
                        {"field": "day", "type": "temporal", "title": "step"},
                        {"field": "delta", "type": "quantitative", "title": "change"},
                        {"field": "policies", "type": "nominal"},
                    ],
                },
            }
        )
    panels = {
        "transform": [{"filter": "datum.measure !== 'composite'"}],
        "facet": {
            "field": "name",
            "type": "nominal",
            "title": None,
            "sort": [d.name for d in codebook.dimensions],
        },
        "columns": 4,
        "spec": {
            "width": 160,
            "height": 90,
            "mark": line,
            "encoding": {"x": x, "y": {**y, "title": None}, "color": color, "tooltip": tooltip},
        },
    }
    return {
        "$schema": SCHEMA,
        "title": {
            "text": heading,
            "subtitle": f"{first.isoformat()} to {last.isoformat()}; a gap is an unknown value",
        },
        "description": f"Index of {series.jurisdiction} on the codebook {series.codebook}.",
        "data": {"values": _rows(series, codebook, first, last)},
        "vconcat": [composite, panels],
        "usermeta": {
            "policytrack": {
                "jurisdiction": series.jurisdiction,
                "codebook": series.codebook,
                "unknown": series.unknown.value,
            }
        },
    }
