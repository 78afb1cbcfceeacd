"""Notebook display and reprs: short, saying what matters; the chart as SVG and Vega-Lite."""

from __future__ import annotations

import json
from typing import Any

import pendulum
import pytest
from hypothesis import given, settings

import policytrack
from policytrack import (
    Dataset,
    bundled_codebook,
    chart_vegalite,
    compare_jurisdictions,
    compare_periods,
    compare_policies,
    escalation,
    index,
    outcome_totals,
    platform_timeline,
    timeline,
)
from policytrack.render.display import ROWS_SHOWN
from policytrack.testing.strategies import datasets

CODEBOOK = bundled_codebook()
NPCSC = "cn-2012-npcsc-real-name-decision"
XI = "cn-2023-xi-security-barrier-directive"


def _results() -> list[Any]:
    data = policytrack.load_bundled()
    day = pendulum.Date
    return [
        data,
        index(data, "CN", codebook=CODEBOOK),
        timeline(data, "CN", codebook=CODEBOOK),
        escalation(data, "CN", codebook=CODEBOOK),
        compare_policies(data, NPCSC, XI, codebook=CODEBOOK),
        compare_periods(data, "CN", day(2013, 1, 1), day(2023, 1, 1), codebook=CODEBOOK),
        compare_jurisdictions(data, "CN", "CN-SH", codebook=CODEBOOK),
        platform_timeline(data, "weibo"),
        outcome_totals(data),
        policytrack.sensitivity(
            data,
            policytrack.CompositeRose("CN", day(2013, 1, 1), day(2014, 12, 31)),
            codebook=CODEBOOK,
        ),
    ]


@pytest.mark.parametrize("value", _results(), ids=lambda r: type(r).__name__)
def test_reprs_are_short_and_say_what_matters(value: Any) -> None:
    """Keeps every repr under 300 characters, naming its kind."""
    text = repr(value)
    assert len(text) < 300, text
    assert text.startswith(f"<{type(value).__name__} ")


def test_the_escalation_repr_says_where_when_and_how_much() -> None:
    """Gives the jurisdiction, period, series, both composite values and the step count."""
    result = escalation(policytrack.load_bundled(), "CN", codebook=CODEBOOK)
    assert repr(result) == (
        f"<Escalation CN {result.start}..{result.end} (earliest): composite unknown -> 76.2 "
        f"in {len(result.composite_steps)} steps>"
    )


@pytest.mark.parametrize("value", _results(), ids=lambda r: type(r).__name__)
def test_every_result_shows_as_html_in_a_notebook(value: Any) -> None:
    """Shows the repr as a heading and at most a screenful of rows."""
    page = value._repr_html_()
    assert page.startswith("<p><strong>&lt;" + type(value).__name__)
    assert page.count("<tr>") <= ROWS_SHOWN + 1 + 7  # rows, header, a dataset's counts


def test_an_index_shows_its_chart() -> None:
    """Draws an index series as SVG for a notebook, and inside its HTML."""
    series = index(policytrack.load_bundled(), "CN", codebook=CODEBOOK)
    svg = series._repr_svg_()
    assert svg is not None
    assert svg.startswith("<svg")
    assert "<svg" in series._repr_html_()


@given(datasets(max_policies=4))
@settings(deadline=None)
def test_chart_vegalite_is_a_json_spec_of_the_index(dataset: Dataset) -> None:
    """Writes JSON whose values are the index's own, 0-100 or null (a gap), on the x range."""
    series = index(dataset, "CN", codebook=CODEBOOK)
    spec = chart_vegalite(series, CODEBOOK)
    again = json.loads(json.dumps(spec))
    assert again["$schema"].startswith("https://vega.github.io/schema/vega-lite/v5")
    values = again["data"]["values"]
    known = {p.composite.earliest for p in series.points} | {None}
    for row in values:
        assert row["value"] is None or 0 <= row["value"] <= 100
        if row["measure"] == "composite" and row["series"] == "earliest":
            assert row["value"] in known
    panels = again["vconcat"][1]["facet"]["sort"]
    assert panels == [d.name for d in CODEBOOK.dimensions]


def test_an_unknown_value_is_a_gap_in_vega_lite() -> None:
    """Keeps an unknown value as null, which Vega-Lite draws as a break in the line."""
    data = policytrack.load_bundled()
    result = escalation(
        data, "CN", scoring=policytrack.Scoring(series=policytrack.Series.LATEST), codebook=CODEBOOK
    )
    spec = chart_vegalite(result.index, CODEBOOK, escalation=result)
    latest = [
        r for r in spec["data"]["values"] if r["measure"] == "composite" and r["series"] == "latest"
    ]
    assert latest[0]["value"] is None
    assert any(r["value"] is not None for r in latest)
