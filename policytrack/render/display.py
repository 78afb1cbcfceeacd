"""Notebook display: short HTML for a dataset and each analysis result, SVG for an index.

Jupyter, VS Code and other notebook front ends call ``_repr_html_`` and ``_repr_svg_``; the
methods (:class:`policytrack.model.edges.Edges`) call these functions. The HTML needs no
library: a heading saying what the value is, what it rests on, and its table's first rows.
"""

from __future__ import annotations

import html
from typing import Any

from policytrack.analysis.escalation import Escalation
from policytrack.analysis.index import IndexSeries
from policytrack.errors import PolicytrackError
from policytrack.model.codebook import Codebook
from policytrack.model.dataset import COLLECTIONS, Dataset
from policytrack.render.chart import chart_svg
from policytrack.render.frames import Frame, frame_of
from policytrack.storage.resources import load_codebook

__all__ = ["ROWS_SHOWN", "html_of", "svg_of"]

ROWS_SHOWN = 20
"""How many rows of a table a notebook shows."""

_STYLE = (
    "border-collapse:collapse;font-size:12px;"
    "font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif"
)
_CELL = "border-bottom:1px solid #ddd;padding:2px 8px;text-align:left;vertical-align:top"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return str(value)


def _table(frame: Frame) -> str:
    head = "".join(f'<th style="{_CELL}">{html.escape(n)}</th>' for n, _ in frame.columns)
    body = "".join(
        "<tr>" + "".join(f'<td style="{_CELL}">{html.escape(_cell(v))}</td>' for v in row) + "</tr>"
        for row in frame.rows[:ROWS_SHOWN]
    )
    more = len(frame.rows) - ROWS_SHOWN
    note = f"<p><small>{more} more rows: use .to_pandas()</small></p>" if more > 0 else ""
    return f'<table style="{_STYLE}"><tr>{head}</tr>{body}</table>{note}'


def _codebook(series: IndexSeries) -> Codebook | None:
    """The codebook *series* names, when it is a bundled one (else no chart is drawn)."""
    try:
        return load_codebook(series.codebook)
    except PolicytrackError:
        return None


def svg_of(series: IndexSeries, escalation: Escalation | None = None) -> str | None:
    """The index chart as SVG, or None when its codebook is not a bundled one."""
    book = _codebook(series)
    if book is None:
        return None
    return chart_svg(series, book, escalation=escalation, width=800, height=450)


def html_of(value: object) -> str:
    """Short HTML for *value*: its repr as a heading, its table's first rows, any chart.

    Raises:
        PolicytrackError: *value* has no table.
    """
    heading = f"<p><strong>{html.escape(repr(value))}</strong></p>"
    if isinstance(value, Dataset):
        counts = "".join(
            f'<tr><td style="{_CELL}">{n}</td><td style="{_CELL}">{len(getattr(value, n))}</td>'
            "</tr>"
            for n in COLLECTIONS
        )
        info = value.info
        about = html.escape(f"{info.title} ({info.license or 'no licence given'})")
        return (
            f'{heading}<p>{about}</p><table style="{_STYLE}">{counts}</table>'
            "<p><small>tables: .to_pandas(), .to_polars(), .to_arrow()</small></p>"
        )
    frame = frame_of(value)
    assert isinstance(frame, Frame)
    chart = ""
    if isinstance(value, Escalation):
        chart = svg_of(value.index, value) or ""
    elif isinstance(value, IndexSeries):
        chart = svg_of(value) or ""
    return f"{heading}{chart}{_table(frame)}"
