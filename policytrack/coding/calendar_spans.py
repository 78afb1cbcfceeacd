"""The calendar behind date phrases: month, weekday and season words, and the days they span.

``policytrack.coding.calendar_spans`` is the vocabulary and arithmetic that
:mod:`policytrack.coding.datephrases` reads dates with: the words for months, weekdays, seasons
and parts of a month; the first and last day of a month, a season, a week or a part of a month;
the weekday on or before a day; and :func:`edtf_of`, the EDTF notation of a span of days.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable

import pendulum

from policytrack.coding.number_words import ONES

__all__ = [
    "FULL_MONTHS",
    "MONTHS",
    "MONTH_CONTEXT",
    "ORDINALS",
    "PARTS",
    "SEASONS",
    "SMALL_NUMBERS",
    "TIMES_OF_DAY",
    "UNITS",
    "WEEKDAYS",
    "YEAR_CONTEXT",
    "Day",
    "Rule",
    "day_on_or_before",
    "edtf_of",
    "month_span",
    "on_or_before",
    "part_span",
    "season_code",
    "season_span",
    "shift",
    "span_of",
    "week_of",
    "weekday_after",
    "year_of_month",
]


Day = pendulum.Date


Rule = Callable[[Day], tuple[Day, Day]]


MONTHS = {
    name: number
    for number, names in enumerate(
        [
            (),
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}


FULL_MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)


WEEKDAYS = {
    name: number
    for number, name in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}


SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}


ORDINALS = {"st", "nd", "rd", "th"}


YEAR_CONTEXT = {
    "in",
    "since",
    "by",
    "during",
    "until",
    "till",
    "before",
    "after",
    "of",
    "from",
    "through",
    "throughout",
    "around",
    "circa",
    "early",
    "late",
    "mid",
    "year",
    "the",
    "and",
    "to",
}


MONTH_CONTEXT = YEAR_CONTEXT | {"a", "an", "last", "next", "this", "on", "that", "each"}


PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}


SMALL_NUMBERS = {"a": 1, "an": 1, **{word: n for word, n in ONES.items() if n <= 12}}
"""The counts a relative phrase gives in words ("two weeks ago", "the past three months")."""


UNITS = {
    "day": "days",
    "days": "days",
    "week": "weeks",
    "weeks": "weeks",
    "month": "months",
    "months": "months",
    "year": "years",
    "years": "years",
}


TIMES_OF_DAY = {"morning", "afternoon", "evening", "night"}


def edtf_of(earliest: Day, latest: Day) -> str:
    """The shortest EDTF notation for the days *earliest* to *latest*, inclusive."""
    if earliest == latest:
        return earliest.isoformat()
    first_of_month = earliest.day == 1
    end_of_month = latest.day == calendar.monthrange(latest.year, latest.month)[1]
    if first_of_month and end_of_month:
        if (earliest.year, earliest.month) == (latest.year, latest.month):
            return f"{earliest.year:04d}-{earliest.month:02d}"
        if (earliest.month, latest.month) == (1, 12):
            if earliest.year == latest.year:
                return f"{earliest.year:04d}"
            return f"{earliest.year:04d}/{latest.year:04d}"
        season = season_code(earliest, latest)
        if season:
            return season
        return f"{earliest.year:04d}-{earliest.month:02d}/{latest.year:04d}-{latest.month:02d}"
    return f"{earliest.isoformat()}/{latest.isoformat()}"


def season_code(earliest: Day, latest: Day) -> str | None:
    """The EDTF season code (``2014-21``) of a span that is exactly a season, else None."""
    for code, (first, last) in {21: (3, 5), 22: (6, 8), 23: (9, 11)}.items():
        if earliest.month == first and latest.month == last and earliest.year == latest.year:
            return f"{earliest.year:04d}-{code}"
    if (earliest.month, latest.month) == (12, 2) and latest.year == earliest.year + 1:
        return f"{earliest.year:04d}-24"
    return None


def month_span(year: int, month: int) -> tuple[Day, Day]:
    """The first and last day of a month."""
    return Day(year, month, 1), Day(year, month, calendar.monthrange(year, month)[1])


def season_span(year: int, code: int) -> tuple[Day, Day]:
    """The first and last day of a season by its EDTF code (21 spring to 24 winter)."""
    if code == 24:
        return Day(year, 12, 1), Day(year + 1, 2, calendar.monthrange(year + 1, 2)[1])
    first = {21: 3, 22: 6, 23: 9}[code]
    return Day(year, first, 1), month_span(year, first + 2)[1]


def part_span(year: int, month: int, part: str) -> tuple[Day, Day]:
    """The days of the early, mid or late part of a month."""
    low, high = PARTS[part]
    high = min(high, calendar.monthrange(year, month)[1])
    return Day(year, month, low), Day(year, month, high)


def on_or_before(day: Day, weekday: int) -> Day:
    """The last *weekday* (0 Monday) on or before *day*."""
    return day.subtract(days=(day.weekday() - weekday) % 7)


def weekday_after(day: Day, weekday: int) -> Day:
    """The first *weekday* (0 Monday) after *day*."""
    return day.add(days=(weekday - day.weekday() - 1) % 7 + 1)


def year_of_month(day: Day, month: int) -> int:
    """The year of the last *month* that began on or before *day*."""
    return day.year if month <= day.month else day.year - 1


def day_on_or_before(day: Day, month: int, dom: int) -> Day:
    """The last date with this month and day of the month on or before *day*."""
    for year in range(day.year, day.year - 9, -1):
        try:
            candidate = Day(year, month, dom)
        except ValueError:
            continue
        if candidate <= day:
            return candidate
    msg = f"no {month}-{dom} before {day}"
    raise ValueError(msg)


def week_of(day: Day) -> tuple[Day, Day]:
    """The Monday and Sunday of *day*'s week."""
    monday = day.subtract(days=day.weekday())
    return monday, monday.add(days=6)


def shift(day: Day, unit: str, amount: int) -> Day:
    """*day* moved by *amount* *unit* (``days``, ``weeks``, ``months``, ``years``)."""
    return day.add(**{unit: amount})


def span_of(day: Day, unit: str) -> tuple[Day, Day]:
    """The week, month or year *day* falls in (for days: *day* itself)."""
    if unit == "weeks":
        return week_of(day)
    if unit == "months":
        return month_span(day.year, day.month)
    if unit == "years":
        return Day(day.year, 1, 1), Day(day.year, 12, 31)
    return day, day
