"""Dates in running text, absolute and relative (policytrack.coding.datephrases)."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from policytrack import Basis, UncertainDate
from policytrack.coding.datephrases import edtf_of, find_dates
from policytrack.coding.text import tokenize

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def dates(text: str, published: str | None) -> list[tuple[str, str | None, str | None]]:
    """(phrase, EDTF, basis) for every date phrase in *text*."""
    tokens = tokenize(text)
    found, _ = find_dates(text, tokens, UncertainDate(published) if published else None)
    return [
        (
            text[tokens[p.first].start : tokens[p.last].end],
            p.date.edtf if p.date else None,
            p.date.basis.value if p.date else None,
        )
        for p in found
    ]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("On 17/02/2014 by Site Default", "2014-02-17", ("17/02/2014", "2014-02-17", "stated")),
        ("Xu was detained July 16 in Beijing", "2014-02-17", ("July 16", "2013-07-16", "inferred")),
        (
            "announced on Friday by the NPC",
            "2012-12-28/2013-01-03",
            ("on Friday", "2012-12-28", "inferred"),
        ),
        (
            "Over the weekend Xi gave a directive",
            "2023-07-16/2023-07-21",
            ("Over the weekend", "2023-07-15/2023-07-16", "inferred"),
        ),
        ("sentenced last month to four years", "2014-02-17", ("last month", "2014-01", "inferred")),
        (
            "stopped its services earlier this month",
            "2021-11-19/2021-11-25",
            ("earlier this month", "2021-11-01/2021-11-24", "inferred"),
        ),
        (
            "In late February, the CAC said",
            "2023-07-16/2023-07-21",
            ("In late February", "2023-02-21/2023-02-28", "inferred"),
        ),
        (
            "guidelines issued in September",
            "2021-11-19/2021-11-25",
            ("in September", "2021-09", "inferred"),
        ),
        (
            "before next week's anniversary",
            "2014-05-26/2014-05-31",
            ("next week", "2014-06-02/2014-06-08", "inferred"),
        ),
        ("after a September rule made", "2014-02-17", ("September", "2013-09", "inferred")),
        (
            "22 died in a December 15th school stabbing",
            "2012-12-28/2013-01-03",
            ("December 15th", "2012-12-15", "inferred"),
        ),
        (
            "the daring escape last summer of",
            "2012-12-28/2013-01-03",
            ("last summer", "2012-22", "inferred"),
        ),
        ("the law implemented in 2018 and", "2021-11-19", ("in 2018", "2018", "stated")),
        ("1:59AM PST on Jan 26, 2013", "2013-01-03", ("on Jan 26, 2013", "2013-01-26", "stated")),
        ("the June 4th, 1989 crackdown", "2014-05-26", ("June 4th, 1989", "1989-06-04", "stated")),
        (
            "website reported Monday that",
            "2014-05-26/2014-05-31",
            ("Monday", "2014-05-26", "inferred"),
        ),
        ("the report, published 2014-02-17, said", None, ("2014-02-17", "2014-02-17", "stated")),
        (
            "In the past three years there",
            "2013-01-03",
            ("In the past three years", "2010-01-03/2013-01-03", "inferred"),
        ),
        ("three weeks ago", "2023-07-19", ("three weeks ago", "2023-06-26/2023-07-02", "inferred")),
        (
            "Kerry told reporters yesterday that",
            "2014-02-15",
            ("yesterday", "2014-02-14", "inferred"),
        ),
        ("in the summer of 2012", None, ("the summer of 2012", "2012-22", "stated")),
        ("during the 1990s", None, ("1990s", "199X", "stated")),
        ("between 2012-2023 the index", None, ("2012-2023", "2012/2023", "stated")),
    ],
)
def test_phrases_resolve_as_a_coder_would(
    text: str, published: str | None, expected: tuple[str, str, str]
) -> None:
    """Resolves each phrase to the date the seed coding gives it (or would)."""
    assert expected in dates(text, published)


def test_an_ambiguous_day_and_month_order_spans_both_readings() -> None:
    """Reads 03/04/2014 as 3 April or 4 March, and says so."""
    tokens = tokenize("on 03/04/2014 it")
    found, _ = find_dates("on 03/04/2014 it", tokens, None)
    assert found[0].date == UncertainDate(
        "2014-03-04/2014-04-03",
        Basis.INFERRED,
        found[0].date.reason if found[0].date else None,
    )
    assert found[0].date is not None and "does not say which" in (found[0].date.reason or "")


def test_a_relative_date_keeps_the_phrase_as_its_reason() -> None:
    """Gives an inferred date whose reason quotes the phrase and the publication date."""
    tokens = tokenize("announced on Friday")
    found, _ = find_dates("announced on Friday", tokens, UncertainDate("2021-11-19/2021-11-25"))
    (phrase,) = found
    assert phrase.date is not None and phrase.relative
    assert phrase.date.basis is Basis.INFERRED
    assert "'on Friday'" in (phrase.date.reason or "")
    assert "2021-11-19/2021-11-25" in (phrase.date.reason or "")


def test_without_a_publication_date_relative_phrases_stay_unresolved() -> None:
    """Finds "last month" but gives it no date when there is no publication date."""
    tokens = tokenize("It happened last month.")
    (phrase,), _ = find_dates("It happened last month.", tokens, None)
    assert phrase.date is None and phrase.note == "needs a publication date"


def test_a_very_uncertain_publication_leaves_relative_dates_open() -> None:
    """Refuses to resolve "on Friday" against a publication date known only to the decade."""
    tokens = tokenize("on Friday")
    (phrase,), _ = find_dates("on Friday", tokens, UncertainDate("201X"))
    assert phrase.date is None


def test_may_the_verb_is_not_a_month() -> None:
    """Does not read the modal verb "may" (or "May" without a date context) as a month."""
    assert dates("Officials may act. May they succeed.", "2020-06-01") == []
    assert ("in May", "2020-05", "inferred") in dates("It began in May.", "2020-06-01")


def test_times_are_not_dates_or_figures() -> None:
    """Marks "1:59AM" as a time of day."""
    tokens = tokenize("at 1:59AM today")
    found, times = find_dates("at 1:59AM today", tokens, UncertainDate("2013-01-03"))
    assert {tokens[i].text for i in times} == {"1", "59", "AM"}
    assert [p.date.edtf for p in found if p.date] == ["2013-01-03"]


@given(
    st.dates(min_value=pendulum.Date(1900, 1, 1), max_value=pendulum.Date(2100, 12, 31)),
    st.sampled_from(WEEKDAYS),
)
def test_on_a_weekday_is_that_weekday_within_the_week_before(
    published: pendulum.Date, weekday: str
) -> None:
    """Resolves "on Friday" to a Friday on or before publication, at most six days before it."""
    day = pendulum.Date(published.year, published.month, published.day)
    text = f"It was announced on {weekday}."
    ((_, notation, basis),) = dates(text, day.isoformat())
    assert basis == "inferred" and notation is not None
    found = UncertainDate(notation).earliest
    assert found.weekday() == WEEKDAYS.index(weekday)
    assert 0 <= (day - found).in_days() <= 6


@given(
    st.dates(min_value=pendulum.Date(1900, 1, 1), max_value=pendulum.Date(2100, 12, 31)),
    st.integers(min_value=0, max_value=30),
    st.sampled_from(
        [
            "on Friday",
            "last month",
            "over the weekend",
            "earlier this month",
            "in September",
            "late February",
            "next week",
            "yesterday",
            "this year",
        ]
    ),
)
def test_an_uncertain_publication_widens_the_date_to_cover_every_day(
    published: pendulum.Date, days: int, phrase: str
) -> None:
    """Resolves against a publication window to a date that holds each single day's answer."""
    start = pendulum.Date(published.year, published.month, published.day)
    end = start.add(days=days)
    window = f"{start.isoformat()}/{end.isoformat()}" if days else start.isoformat()
    ((_, notation, _),) = dates(f"It happened {phrase}.", window)
    assert notation is not None
    span = UncertainDate(notation)
    for day in (start, end, start.add(days=days // 2)):
        ((_, single, _),) = dates(f"It happened {phrase}.", day.isoformat())
        assert single is not None
        one = UncertainDate(single)
        assert span.earliest <= one.earliest and one.latest <= span.latest


@given(
    st.dates(min_value=pendulum.Date(1, 1, 1), max_value=pendulum.Date(9999, 12, 31)),
    st.integers(min_value=0, max_value=400),
)
def test_edtf_of_round_trips_its_bounds(day: pendulum.Date, length: int) -> None:
    """Writes notation whose bounds are exactly the days it was given."""
    start = pendulum.Date(day.year, day.month, day.day)
    try:
        end = start.add(days=length)
    except (ValueError, OverflowError):
        return
    if end.year > 9999:
        return
    date = UncertainDate(edtf_of(start, end))
    assert (date.earliest, date.latest) == (start, end)
