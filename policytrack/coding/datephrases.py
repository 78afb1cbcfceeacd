"""Dates in running text, absolute ("17/02/2014", "July 16") and relative ("on Friday").

``policytrack.coding.datephrases`` (``policytrack._datephrases`` before release 0.2) finds the
phrases; the calendar words and spans it reads them with are
:mod:`policytrack.coding.calendar_spans`.

Each phrase becomes an :class:`~policytrack.UncertainDate`. A date that gives its own year is
``stated``; anything worked out from the publication date (a weekday, "last month", a month
without a year) is ``inferred``, with the phrase and the rule in its reason. Relative phrases
are read as pointing back from publication unless they say otherwise ("next week"), so a
phrase in a future-tense sentence needs the coder's eye.

When the publication date is itself uncertain (a window of days), a relative phrase is resolved
against the first and the last day of the window and the date spans both answers: every rule
here moves forward with the publication day, so the span holds every possible answer.
"""

from __future__ import annotations

import calendar
import functools
from collections.abc import Sequence
from typing import NamedTuple

from policytrack.coding.calendar_spans import (
    FULL_MONTHS,
    MONTH_CONTEXT,
    MONTHS,
    ORDINALS,
    PARTS,
    SEASONS,
    SMALL_NUMBERS,
    TIMES_OF_DAY,
    UNITS,
    WEEKDAYS,
    YEAR_CONTEXT,
    Day,
    Rule,
    day_on_or_before,
    edtf_of,
    month_span,
    on_or_before,
    part_span,
    season_span,
    shift,
    span_of,
    week_of,
    weekday_after,
    year_of_month,
)
from policytrack.coding.text import Token, gap, gap_before
from policytrack.model.dates import UncertainDate

__all__ = ["DatePhrase", "edtf_of", "find_dates"]


MAX_WINDOW_DAYS = 366
"""A publication window longer than this leaves relative dates unresolved."""


class DatePhrase(NamedTuple):
    """A date found in the text: its tokens, the date, and how it was worked out."""

    first: int
    """Index of its first token."""
    last: int
    """Index of its last token."""
    date: UncertainDate | None
    """The date, or None when it needs a publication date that is missing or too vague."""
    relative: bool
    """Whether the phrase is read against the publication date."""
    note: str
    """The rule applied, or why there is no date."""


@functools.lru_cache(maxsize=4096)
def _stated(edtf: str) -> UncertainDate:
    """The stated date of *edtf*: one frozen value per notation, however often it recurs."""
    return UncertainDate.stated(edtf)


class _Scanner:
    """One pass over the tokens, trying each kind of phrase at each token."""

    def __init__(
        self,
        text: str,
        tokens: Sequence[Token],
        window: tuple[Day, Day] | None,
        published: str | None,
    ) -> None:
        self.text = text
        self.tokens = tokens
        self.window = window
        self.published = published
        self.found: list[DatePhrase] = []
        self.resolved: dict[tuple[str, str], tuple[UncertainDate | None, str]] = {}
        self.too_wide = window is not None and (window[1] - window[0]).in_days() > MAX_WINDOW_DAYS
        self.times: set[int] = set()

    # -- helpers over tokens -------------------------------------------------------------

    def word(self, i: int) -> str:
        return self.tokens[i].lower if 0 <= i < len(self.tokens) else ""

    def raw(self, i: int) -> str:
        return self.tokens[i].text if 0 <= i < len(self.tokens) else ""

    def capital(self, i: int) -> bool:
        return self.raw(i)[:1].isupper()

    def after(self, i: int) -> str:
        return gap(self.text, self.tokens, i) if 0 <= i < len(self.tokens) else ""

    def before(self, i: int) -> str:
        return gap_before(self.text, self.tokens, i) if 0 <= i < len(self.tokens) else ""

    def spaced(self, i: int) -> bool:
        """Whether only white space separates token *i* from the next."""
        between = self.after(i)
        return bool(between) and between.isspace() and len(between) < 4 and "\n" not in between

    def number(self, i: int, digits: tuple[int, ...] = (1, 2)) -> int | None:
        token = self.raw(i)
        if len(token) in digits and token.isdecimal() and token.isascii():
            return int(token)
        return None

    def year(self, i: int) -> int | None:
        value = self.number(i, (4,))
        return value if value is not None and 1000 <= value <= 2999 else None

    def ordinal(self, i: int) -> int:
        """Index of the last token of a day number, counting an ordinal suffix ("15th")."""
        if self.word(i + 1) in ORDINALS and self.after(i) == "":
            return i + 1
        return i

    def month(self, i: int) -> int | None:
        """The month token *i* names; an abbreviation ("Jan") counts only before a number."""
        word = self.word(i)
        if word not in MONTHS or not self.capital(i):
            return None
        if word not in FULL_MONTHS and not self.raw(i + 1)[:1].isdigit():
            return None
        return MONTHS[word]

    # -- adding a phrase -----------------------------------------------------------------

    def stated(self, first: int, last: int, span: tuple[Day, Day]) -> int:
        date = _stated(edtf_of(*span))
        self.found.append(DatePhrase(first, last, date, False, "stated in the text"))
        return last

    def relative(self, first: int, last: int, rule: Rule, description: str) -> int:
        phrase = self.text[self.tokens[first].start : self.tokens[last].end]
        key = (phrase, description)
        if key not in self.resolved:
            self.resolved[key] = self.resolve(phrase, rule, description)
        date, note = self.resolved[key]
        self.found.append(DatePhrase(first, last, date, True, note))
        return last

    def resolve(
        self, phrase: str, rule: Rule, description: str
    ) -> tuple[UncertainDate | None, str]:
        """The date *rule* gives over the publication window, or None and why not."""
        if self.window is None:
            return None, "needs a publication date"
        start, end = self.window
        if self.too_wide:
            return None, "the publication date is too uncertain to resolve it"
        try:
            earliest, latest = rule(start)[0], rule(end)[1]
            notation = edtf_of(earliest, latest)
        except (ValueError, OverflowError):
            return None, "outside the calendar"
        if latest < earliest:
            return None, "no day fits"
        reason = f"{phrase!r} against publication {self.published}: {description}"
        return UncertainDate.inferred(notation, reason), description

    def with_preposition(self, first: int, words: tuple[str, ...]) -> int:
        """*first*, or the token before it when that is one of *words* followed by a space."""
        if first > 0 and self.word(first - 1) in words and self.spaced(first - 1):
            return first - 1
        return first

    # -- the recognisers -----------------------------------------------------------------

    def scan(self) -> None:
        i = 0
        while i < len(self.tokens):
            last = self.at(i)
            i = (last if last is not None else i) + 1

    def at(self, i: int) -> int | None:
        token = self.tokens[i]
        if token.is_number:
            return self.numeric(i)
        word = token.lower
        if word in MONTHS:
            return self.month_phrase(i, i)
        if word in PARTS and self.month(i + 1) is not None and self.after(i) in (" ", "-"):
            return self.month_phrase(i + 1, i, part=word)
        if word in WEEKDAYS and self.capital(i):
            return self.weekday(i)
        if word in {"today", "tonight", "yesterday", "tomorrow"}:
            return self.day_word(i, word)
        if word in {"this", "last", "next", "past", "previous", "coming"}:
            return self.this_last_next(i)
        if word in {"earlier", "later"} and self.word(i + 1) == "this":
            return self.earlier_later(i)
        if word == "the" and self.word(i + 1) == "weekend":
            return self.weekend(self.with_preposition(i, ("over", "at", "during", "on")), i + 1)
        if word in SEASONS and (self.capital(i) or self.word(i - 1) in MONTH_CONTEXT):
            return self.season_with_year(i)
        if word in SMALL_NUMBERS and self.word(i + 1) in UNITS and self.word(i + 2) == "ago":
            return self.ago(i, SMALL_NUMBERS[word])
        return None

    def numeric(self, i: int) -> int | None:
        raw = self.raw(i)
        if raw.count(".") == 2 and raw.replace(".", "").isdecimal() and raw.isascii():
            d, m, y = raw.split(".")
            if len(y) in (2, 4) and len(d) <= 2 and len(m) <= 2:
                return self.day_month_year(i, i, d, m, y)
            return None
        amount = self.number(i, (1, 2, 3))
        if amount and self.word(i + 1) in UNITS and self.word(i + 2) == "ago":
            return self.ago(i, amount)
        if (
            self.number(i) is not None
            and self.after(i) in (":", ".")
            and self.number(i + 1, (2,)) is not None
        ):
            last = i + 1
            if self.word(i + 2) in {"am", "pm"} and len(self.after(i + 1)) <= 1:
                last = i + 2
            self.times.update(range(i, last + 1))
            return last
        separator = self.after(i)
        if separator in ("/", "-") and self.after(i + 1) == separator:
            if self.year(i) is not None and self.number(i + 2) is not None:
                return self.day_month_year(i, i + 2, self.raw(i + 2), self.raw(i + 1), self.raw(i))
            if self.number(i) is not None and self.number(i + 1) is not None:
                digits = self.raw(i + 2)
                if digits.isdecimal() and len(digits) in (2, 4):
                    return self.day_month_year(i, i + 2, self.raw(i), self.raw(i + 1), digits)
        day = self.number(i)
        if day is not None and 1 <= day <= 31:
            last = self.ordinal(i)
            of = last + 1 if self.word(last + 1) == "of" else last
            month = self.month(of + 1)
            if month is not None and self.spaced(last) and (of == last or self.spaced(of)):
                return self.day_and_month(i, of + 1, month, day)
        year = self.year(i)
        if year is not None:
            return self.year_phrase(i, year)
        return None

    def day_month_year(self, first: int, last: int, d: str, m: str, y: str) -> int | None:
        try:
            day, month, year = int(d), int(m), int(y)
        except ValueError:
            return None
        if year < 100:
            year += 2000 if year < 70 else 1900
        orders = []
        if 1 <= month <= 12 and 1 <= day <= 31:
            orders.append((day, month))
        if 1 <= day <= 12 and 1 <= month <= 31 and day != month:
            orders.append((month, day))  # month first, as in the United States
        days = []
        for dd, mm in orders:
            try:
                days.append(Day(year, mm, dd))
            except ValueError:
                continue
        if not days:
            return None
        if len(days) == 1 or len(self.raw(first)) == 4:
            return self.stated(first, last, (days[0], days[0]))
        # 03/04/2014: day first or month first; the date spans both readings.
        low, high = min(days), max(days)
        phrase = self.text[self.tokens[first].start : self.tokens[last].end]
        reason = f"{phrase!r} reads as {low} or {high}: the text does not say which comes first"
        date = UncertainDate.inferred(edtf_of(low, high), reason)
        self.found.append(DatePhrase(first, last, date, False, "day and month order unknown"))
        return last

    def day_and_month(self, first: int, month_at: int, month: int, day: int) -> int:
        """A day number then a month: "16 July 2013", "15th December"."""
        last = month_at
        year = None
        if self.spaced(month_at) or self.after(month_at) in (", ", ". "):
            year = self.year(month_at + 1)
        if year is not None:
            last = month_at + 1
        return self.month_day(first, last, month, day, year)

    def month_day(self, first: int, last: int, month: int, day: int, year: int | None) -> int:
        if year is not None:
            try:
                exact = Day(year, month, day)
            except ValueError:
                return last
            return self.stated(first, last, (exact, exact))
        if day > calendar.monthrange(2024, month)[1]:
            return last

        def rule(published: Day) -> tuple[Day, Day]:
            found = day_on_or_before(published, month, day)
            return found, found

        return self.relative(first, last, rule, "the last such day on or before publication")

    def month_phrase(self, at: int, first: int, part: str | None = None) -> int | None:
        month = self.month(at)
        if month is None:
            return None
        nxt = at + 1
        if part is None:
            day = self.number(nxt)
            if day is not None and 1 <= day <= 31 and self.before(nxt) in (" ", ". ", "\xa0"):
                last = self.ordinal(nxt)
                year = None
                if self.after(last) in (", ", " ", ",\xa0"):
                    year = self.year(last + 1)
                if year is not None:
                    last += 1
                return self.month_day(self.with_preposition(first, ("on",)), last, month, day, year)
        year = None
        if self.before(nxt) in (" ", ", ") or (self.word(nxt) == "of" and self.spaced(nxt)):
            year = self.year(nxt + 1 if self.word(nxt) == "of" else nxt)
        may = self.word(at) == "may" and year is None and part is None
        if may and self.word(first - 1) not in MONTH_CONTEXT:
            return None
        first = self.with_preposition(first, ("in", "since", "by", "until", "during"))
        if year is not None:
            last = nxt + 1 if self.word(nxt) == "of" else nxt
            span = part_span(year, month, part) if part else month_span(year, month)
            return self.stated(first, last, span)

        def rule(published: Day) -> tuple[Day, Day]:
            year = year_of_month(published, month)
            return part_span(year, month, part) if part else month_span(year, month)

        what = f"{part} in " if part else ""
        description = f"{what}the last such month that began on or before publication"
        return self.relative(first, at, rule, description)

    def year_phrase(self, i: int, year: int) -> int | None:
        if self.word(i + 1) == "s" and self.after(i) in ("", "'", "\u2019") and year % 10 == 0:
            decade = f"{str(year)[:3]}X"
            first = self.with_preposition(i, ("in",))
            date = UncertainDate.stated(decade)
            self.found.append(DatePhrase(first, i + 1, date, False, "stated in the text"))
            return i + 1
        separator = self.after(i)
        other = self.year(i + 1)
        if other is not None and separator in ("-", "\u2013", "/", " to ") and other > year:
            return self.stated(i, i + 1, (Day(year, 1, 1), Day(other, 12, 31)))
        previous = self.word(i - 1)
        following = self.raw(i + 1)
        plain_next = not following or not self.spaced(i) or following[:1].isupper()
        if not (previous in YEAR_CONTEXT or plain_next):
            return None
        if self.before(i).rstrip().endswith(("$", "€", "£", "¥", "#")):
            return None
        first = self.with_preposition(i, ("in", "since", "by", "until", "during"))
        return self.stated(first, i, (Day(year, 1, 1), Day(year, 12, 31)))

    def season_with_year(self, i: int) -> int | None:
        code = SEASONS[self.word(i)]
        nxt = i + 1
        if self.word(nxt) == "of" and self.spaced(nxt):
            nxt += 1
        year = self.year(nxt) if self.spaced(nxt - 1) else None
        if year is None:
            return None
        first = self.with_preposition(i, ("in", "the"))
        return self.stated(first, nxt, season_span(year, code))

    def weekday(self, i: int) -> int:
        weekday = WEEKDAYS[self.word(i)]
        previous = self.word(i - 1)
        last = i
        if self.word(i + 1) in TIMES_OF_DAY and self.spaced(i):
            last = i + 1
        if previous in {"last", "next", "this", "coming"} and self.spaced(i - 1):
            return self.named_weekday(i - 1, last, previous, weekday)
        first = self.with_preposition(i, ("on", "since", "by", "until"))

        def rule(published: Day) -> tuple[Day, Day]:
            found = on_or_before(published, weekday)
            return found, found

        return self.relative(first, last, rule, "the last such weekday on or before publication")

    def named_weekday(self, first: int, last: int, which: str, weekday: int) -> int:
        if which == "last":

            def rule(published: Day) -> tuple[Day, Day]:
                found = on_or_before(published.subtract(days=1), weekday)
                return found, found

            description = "the last such weekday before publication"
        elif which == "this":

            def rule(published: Day) -> tuple[Day, Day]:
                found = week_of(published)[0].add(days=weekday)
                return found, found

            description = "that weekday in the week of publication"
        else:

            def rule(published: Day) -> tuple[Day, Day]:
                found = weekday_after(published, weekday)
                return found, found

            description = "the first such weekday after publication"
        return self.relative(first, last, rule, description)

    def day_word(self, i: int, word: str) -> int:
        offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]

        def rule(published: Day) -> tuple[Day, Day]:
            found = published.add(days=offset)
            return found, found

        return self.relative(i, i, rule, f"{word} is {offset:+d} days from publication")

    def this_last_next(self, i: int) -> int | None:
        which = self.word(i)
        if not self.spaced(i):
            return None
        unit = self.word(i + 1)
        if unit in WEEKDAYS and self.capital(i + 1):
            return None  # the weekday itself picks up "last Friday"
        if unit == "weekend":
            return self.weekend(i, i + 1, which)
        if unit in SEASONS:
            return self.relative_season(i, which, SEASONS[unit])
        if unit in MONTHS and self.capital(i + 1):
            return self.relative_month(i, which, MONTHS[unit])
        if which in {"past", "last", "previous"} and (unit in SMALL_NUMBERS or unit.isdecimal()):
            return self.past_period(i)
        if which == "past":
            return None
        if unit not in {"week", "month", "year"}:
            return None
        step = {"this": 0, "coming": 1, "next": 1, "last": -1, "previous": -1}[which]
        units = UNITS[unit]

        def rule(published: Day) -> tuple[Day, Day]:
            return span_of(shift(published, units, step), units)

        return self.relative(i, i + 1, rule, f"{which} {unit} from publication")

    def earlier_later(self, i: int) -> int | None:
        unit = self.word(i + 2)
        if unit not in {"week", "month", "year"}:
            return None
        units = UNITS[unit]
        earlier = self.word(i) == "earlier"

        def rule(published: Day) -> tuple[Day, Day]:
            start, end = span_of(published, units)
            if earlier:
                return start, max(start, published.subtract(days=1))
            return min(end, published.add(days=1)), end

        when = "before" if earlier else "after"
        return self.relative(i, i + 2, rule, f"in the {unit} of publication, {when} it")

    def weekend(self, first: int, at: int, which: str = "the") -> int:
        last = at

        if which == "next":

            def rule(published: Day) -> tuple[Day, Day]:
                saturday = weekday_after(published, 5)
                return saturday, saturday.add(days=1)

            description = "the first weekend after publication"
        else:

            def rule(published: Day) -> tuple[Day, Day]:
                saturday = on_or_before(published.subtract(days=1), 5)
                return saturday, saturday.add(days=1)

            description = "the last weekend that began before publication"
        return self.relative(first, last, rule, description)

    def relative_season(self, i: int, which: str, code: int) -> int:
        def rule(published: Day) -> tuple[Day, Day]:
            year = published.year
            start, end = season_span(year, code)
            if which == "this":
                if start > published and code == 24:
                    return season_span(year - 1, code)
                return start, end
            if which in {"next", "coming"}:
                while start <= published:
                    year += 1
                    start, end = season_span(year, code)
                return start, end
            while end >= published:
                year -= 1
                start, end = season_span(year, code)
            return start, end

        return self.relative(i, i + 1, rule, f"{which} {self.word(i + 1)} from publication")

    def relative_month(self, i: int, which: str, month: int) -> int:
        def rule(published: Day) -> tuple[Day, Day]:
            year = year_of_month(published, month)
            if which == "last" and month == published.month:
                year -= 1
            if which in {"next", "coming"}:
                year = published.year if month > published.month else published.year + 1
            return month_span(year, month)

        return self.relative(i, i + 1, rule, f"{which} {self.raw(i + 1)} from publication")

    def past_period(self, i: int) -> int | None:
        amount_word = self.word(i + 1)
        unit = self.word(i + 2)
        if unit not in UNITS:
            return None
        amount = SMALL_NUMBERS.get(amount_word) or self.number(i + 1, (1, 2, 3))
        if not amount:
            return None
        units = UNITS[unit]
        first = i
        if self.word(i - 1) == "the" and self.spaced(i - 1):
            first = self.with_preposition(i - 1, ("in", "over", "during", "for"))

        def rule(published: Day) -> tuple[Day, Day]:
            return shift(published, units, -amount), published

        return self.relative(first, i + 2, rule, f"the {amount} {units} up to publication")

    def ago(self, i: int, amount: int) -> int:
        units = UNITS[self.word(i + 1)]

        def rule(published: Day) -> tuple[Day, Day]:
            return span_of(shift(published, units, -amount), units)

        return self.relative(i, i + 2, rule, f"{amount} {units} before publication")


def find_dates(
    text: str,
    tokens: Sequence[Token],
    published: UncertainDate | None,
) -> tuple[list[DatePhrase], set[int]]:
    """Every date phrase in *text*, and the indexes of tokens that are times of day.

    Args:
        text: The text.
        tokens: Its tokens (:func:`policytrack.coding.text.tokenize`).
        published: The publication date relative phrases are resolved against.
    """
    window = None
    if published is not None:
        window = (published.earliest, published.latest)
    scanner = _Scanner(text, tokens, window, published.edtf if published else None)
    scanner.scan()
    return scanner.found, scanner.times
