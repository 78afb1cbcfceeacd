"""The multiverse: a rise under every specification that matters."""

from __future__ import annotations

import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st

from policytrack import (
    Dataset,
    Scoring,
    Series,
    UnknownRule,
    bundled_codebook,
    comparable,
    conventional,
    coverage,
    index,
    load_bundled,
    multiverse,
)
from policytrack.testing import strategies as pts

CODEBOOK = bundled_codebook()
DAYS = st.dates(min_value=pendulum.Date(1990, 1, 1), max_value=pendulum.Date(2030, 12, 31)).map(
    lambda d: pendulum.Date(d.year, d.month, d.day)
)


@given(
    pts.datasets(max_policies=3),
    DAYS,
    DAYS,
    st.sampled_from(UnknownRule),
    st.sampled_from(Series),
)
@settings(max_examples=30, deadline=None)
def test_the_default_specification_is_among_the_multiverse(
    dataset: Dataset,
    first: pendulum.Date,
    second: pendulum.Date,
    unknown: UnknownRule,
    series: Series,
) -> None:
    """Counts the default's own answer, the one index() gives, among the specifications."""
    start, end = min(first, second), max(first, second)
    scoring = Scoring(unknown=unknown, series=series)
    result = multiverse(dataset, "CN", start, end, scoring=scoring, codebook=CODEBOOK)
    idx = index(dataset, "CN", scoring=scoring, codebook=CODEBOOK)
    direct = (idx.value(end, series) or 0.0) - (idx.value(start, series) or 0.0)
    assert result.default.change == direct
    assert result.default in result.specifications
    assert result.low <= direct <= result.high
    assert 0 <= result.supporting <= len(result.specifications)


@given(pts.datasets(max_policies=3), pts.datasets(max_policies=3))
@settings(max_examples=30, deadline=None)
def test_a_side_with_no_source_is_never_comparable(first: Dataset, second: Dataset) -> None:
    """Says a side is not comparable when no source speaks to it in the window."""
    window = (pendulum.Date(1990, 1, 1), pendulum.Date(2030, 12, 31))
    a, b = coverage(first, "CN", *window), coverage(second, "US", *window)
    verdict, sentence = comparable(a, b)
    if not a.source_ids or not b.source_ids:
        assert not verdict
        assert "not comparable" in sentence
    assert comparable(a, a)[0] == bool(a.source_ids)


@given(pts.uncertain_dates())
def test_a_date_open_or_wider_than_a_year_is_conventional(date: object) -> None:
    """Treats a date open at an end, or spanning more than a year, as a convention."""
    earliest, latest = date.earliest, date.latest  # type: ignore[attr-defined]
    wide = latest.toordinal() - earliest.toordinal() >= 366
    open_end = earliest == pendulum.Date(1, 1, 1) or latest == pendulum.Date(9999, 12, 31)
    assert conventional(date) == (wide or open_end)  # type: ignore[arg-type]


def test_the_2012_to_2023_rise_holds_across_rules_and_series() -> None:
    """Reports the rise's range across the rules and series, each a specification.

    +28.6 by default (47.6 -> 76.2), +9.5 with unknown dimensions skipped, +76.2 in the latest
    series, where nothing is certainly in force on 1 January 2012.
    """
    result = multiverse(
        load_bundled(),
        "CN",
        pendulum.Date(2012, 1, 1),
        pendulum.Date(2023, 12, 31),
        codebook=CODEBOOK,
    )
    changes = {s.name: round(s.change, 1) for s in result.specifications}
    assert changes["defaults"] == 28.6
    assert changes["unknown skip"] == 9.5
    assert changes["series latest"] == 76.2
    assert round(result.high, 1) == changes["series latest"]
    assert result.summary().startswith(f"rose in {result.supporting} of")
