"""Uncertain dates: bounds, notation, seasons, agreement with the edtf package, and errors."""

from __future__ import annotations

import calendar
import re

import edtf
import pendulum
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from policytrack import Basis, DateError, PolicytrackError, Precision, UncertainDate, converter
from policytrack.model.dates import MAX_DAY, MIN_DAY
from policytrack.testing.strategies import edtf_strings, uncertain_dates

YEARS = st.integers(1, 9999)
WINTER = re.compile(r"(^|/)[0-9]{4}-24($|[/?~%])")


def _days(date: UncertainDate) -> list[pendulum.Date]:
    count = (date.latest - date.earliest).in_days() + 1
    return [date.earliest.add(days=i) for i in range(count)]


def _ymd(day: pendulum.Date) -> tuple[int, int, int]:
    return (day.year, day.month, day.day)


@given(uncertain_dates())
def test_earliest_is_never_after_latest(date: UncertainDate) -> None:
    """Gives every date an earliest day on or before its latest day, both pendulum Dates."""
    assert date.earliest <= date.latest
    assert type(date.earliest) is pendulum.Date
    assert type(date.latest) is pendulum.Date
    assert date.earliest >= MIN_DAY
    assert date.latest <= MAX_DAY


@given(edtf_strings())
def test_notation_round_trips(notation: str) -> None:
    """Keeps the notation exactly as written, and as the string of the date."""
    date = UncertainDate(notation)
    assert date.edtf == notation
    assert str(date) == notation
    assert UncertainDate(str(date)) == date


@given(uncertain_dates())
def test_round_trips_through_the_converter(date: UncertainDate) -> None:
    """Structures back into an equal UncertainDate with a Basis, not into a string."""
    back = converter.structure(converter.unstructure(date), UncertainDate)
    assert back == date
    assert type(back) is UncertainDate
    assert type(back.basis) is Basis


@given(YEARS, st.integers(1, 12), st.sampled_from(["", "?", "~", "%", "-XX"]))
def test_every_day_of_a_month_date_is_in_that_month(year: int, month: int, suffix: str) -> None:
    """Bounds a month-precision date by the first and last day of that month, and no other."""
    date = UncertainDate(f"{year:04d}-{month:02d}{suffix}")
    assert date.precision is Precision.MONTH
    days = _days(date)
    assert all((d.year, d.month) == (year, month) for d in days)
    assert len(days) == calendar.monthrange(year, month)[1]
    if (year, month) != (1, 1):
        assert not date.contains(date.earliest.subtract(days=1))
    if (year, month) != (9999, 12):
        assert not date.contains(date.latest.add(days=1))


@given(st.integers(1, 9998))
@example(2011)  # the winter that ends in a leap February
def test_winter_runs_from_december_to_the_end_of_next_february(year: int) -> None:
    """Spans a winter (season 24) from 1 December to the last day of the next February."""
    winter = UncertainDate(f"{year:04d}-24")
    assert winter.precision is Precision.SEASON
    assert winter.earliest == pendulum.Date(year, 12, 1)
    assert winter.latest == pendulum.Date(year + 1, 2, calendar.monthrange(year + 1, 2)[1])
    assert {(d.year, d.month) for d in _days(winter)} == {
        (year, 12),
        (year + 1, 1),
        (year + 1, 2),
    }


@pytest.mark.parametrize(
    ("season", "first", "last"),
    [(21, (3, 1), (5, 31)), (22, (6, 1), (8, 31)), (23, (9, 1), (11, 30))],
)
def test_spring_summer_and_autumn_are_three_months(
    season: int, first: tuple[int, int], last: tuple[int, int]
) -> None:
    """Spans spring, summer and autumn over their three months of the year given."""
    date = UncertainDate(f"2013-{season}")
    assert date.earliest == pendulum.Date(2013, *first)
    assert date.latest == pendulum.Date(2013, *last)


def test_winter_of_the_last_year_is_rejected() -> None:
    """Rejects a winter of 9999, which would end after the last representable day."""
    with pytest.raises(DateError, match=re.escape("'9999-24'")):
        UncertainDate("9999-24")


# The edtf package supports less of level 1 than policytrack does: it cannot parse qualified
# seasons or qualified dates with X digits, and fails on intervals with X digits at an end. Those
# forms are left out here, and so are years before 100: '000X' and '00XX' reach year 0 in EDTF,
# which policytrack clamps to 0001 by design.
LEVEL_1 = st.one_of(
    edtf_strings(min_year=100, allow_qualifiers=False, allow_intervals=False, allow_open=False),
    edtf_strings(min_year=100, allow_unspecified=False, allow_seasons=False, allow_open=False),
)


@given(LEVEL_1.filter(lambda s: not WINTER.search(s)))
@example("2012-12-28")
@example("2012-12~/2013-01?")
@example("201X")
@example("2013-21")
def test_bounds_agree_with_the_edtf_package(notation: str) -> None:
    """Agrees with edtf's strict bounds on level 0 and 1 dates, winter excepted.

    edtf treats season 24 (winter) as December alone, while policytrack's winter runs to the
    end of February as a reported "winter 2013" does, so season 24 is left out on purpose.
    """
    parsed = edtf.parse_edtf(notation)
    date = UncertainDate(notation)
    assert _ymd(date.earliest) == tuple(parsed.lower_strict()[:3])
    assert _ymd(date.latest) == tuple(parsed.upper_strict()[:3])


def test_edtf_package_and_policytrack_disagree_on_winter() -> None:
    """Ends winter in February, where edtf ends it in December (why winter is excluded above)."""
    assert tuple(edtf.parse_edtf("2013-24").upper_strict()[:3]) == (2013, 12, 31)
    assert UncertainDate("2013-24").latest == pendulum.Date(2014, 2, 28)


@given(st.data(), edtf_strings(allow_intervals=False, allow_open=False))
def test_an_interval_spans_from_its_start_to_its_end(data: st.DataObject, start: str) -> None:
    """Bounds an interval by its start's earliest day and its end's latest day."""
    end = data.draw(
        edtf_strings(allow_intervals=False, allow_open=False).filter(
            lambda e: UncertainDate(e).latest >= UncertainDate(start).earliest
        )
    )
    date = UncertainDate(f"{start}/{end}")
    assert date.earliest == UncertainDate(start).earliest
    assert date.latest == UncertainDate(end).latest


@given(edtf_strings(allow_intervals=False, allow_open=False), st.sampled_from(["..", ""]))
def test_an_open_end_reaches_the_limit_of_the_calendar(single: str, open_end: str) -> None:
    """Bounds '../X' from the first representable day and 'X/..' to the last."""
    before = UncertainDate(f"{open_end}/{single}")
    after = UncertainDate(f"{single}/{open_end}")
    assert (before.earliest, before.latest) == (MIN_DAY, UncertainDate(single).latest)
    assert (after.earliest, after.latest) == (UncertainDate(single).earliest, MAX_DAY)
    assert before.precision is Precision.BEFORE
    assert after.precision is Precision.AFTER


@given(edtf_strings(allow_qualifiers=False, allow_intervals=False, allow_open=False))
def test_qualifiers_never_widen_the_bounds(notation: str) -> None:
    """Keeps the bounds of a date when it is marked uncertain, approximate or both."""
    plain = UncertainDate(notation)
    for mark, uncertain, approximate in (("?", True, False), ("~", False, True), ("%", True, True)):
        qualified = UncertainDate(notation + mark)
        assert (qualified.earliest, qualified.latest) == (plain.earliest, plain.latest)
        assert (qualified.uncertain, qualified.approximate) == (uncertain, approximate)
    assert (plain.uncertain, plain.approximate) == (False, False)


@given(uncertain_dates(), st.integers(-3, 3))
def test_contains_exactly_the_days_within_the_bounds(date: UncertainDate, shift: int) -> None:
    """Contains a day if and only if it lies between the earliest and latest days."""
    for anchor in (date.earliest, date.latest):
        try:
            day = anchor.add(days=shift)
        except (ValueError, OverflowError):  # before year 1 or after year 9999
            continue
        assert date.contains(day) == (date.earliest <= day <= date.latest)
    assert date.is_exact == (date.earliest == date.latest)


@pytest.mark.parametrize(
    ("notation", "message"),
    [
        ("2023-02-29", "invalid EDTF date '2023-02-29': 2023-02 has no day 29"),
        ("2022-13", "invalid EDTF date '2022-13': month 13 is not 01-12 (or a season 21-24)"),
        (
            "2012-06/2012-03",
            "invalid EDTF date '2012-06/2012-03': the interval ends before it starts",
        ),
        ("0000", "invalid EDTF date '0000': year 0000 is outside the supported range 0001-9999"),
        ("../..", "invalid EDTF date '../..': an interval needs at least one known end"),
        ("2012/2013/2014", "invalid EDTF date '2012/2013/2014': an interval has exactly one '/'"),
        (
            "28 December 2012",
            "invalid EDTF date '28 December 2012': expected YYYY, YYYY-MM or YYYY-MM-DD, "
            "optionally with X digits and ?, ~ or %",
        ),
    ],
)
def test_rejects_an_impossible_date_quoting_it(notation: str, message: str) -> None:
    """Rejects a malformed or impossible date with a DateError whose message quotes the input."""
    with pytest.raises(DateError) as caught:
        UncertainDate(notation)
    assert str(caught.value) == message
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, PolicytrackError)


@pytest.mark.parametrize("basis", [Basis.INFERRED, Basis.EXTERNAL])
@pytest.mark.parametrize("reason", [None, "", "  \n"])
def test_requires_a_reason_unless_stated(basis: Basis, reason: str | None) -> None:
    """Refuses an inferred or external date without a reason, naming the basis."""
    with pytest.raises(ValueError, match=re.escape("'reason' must explain a date whose basis is")):
        UncertainDate("2012-12-28", basis, reason)
    with pytest.raises(ValueError, match=f"basis is '{basis.value}' \\(got none\\)"):
        UncertainDate("2012-12-28", basis, reason)


def test_stated_dates_need_no_reason() -> None:
    """Accepts a stated date without a reason, and the named constructors set the basis."""
    assert UncertainDate.stated("2012-12-28").basis is Basis.STATED
    inferred = UncertainDate.inferred("2012-12-28", "'on Friday' before the 3 January issue")
    assert inferred.basis is Basis.INFERRED
    assert UncertainDate.external("2013-09", "the law's own text").basis is Basis.EXTERNAL
