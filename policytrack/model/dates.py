"""Uncertain dates as articles report them, written in EDTF notation.

``policytrack.model.dates`` (``policytrack.dates`` before release 0.2).

Articles rarely give a day: they say "on Friday", "late February", "in September", "over the
weekend". :class:`UncertainDate` keeps what was reported in the Library of Congress Extended
Date/Time Format (EDTF), level 0 and the level 1 features below, together with the inclusive
bounds every analysis works from and the basis on which the date was established.

Supported notation:

* ``2012``, ``2012-12``, ``2012-12-28`` (level 0);
* a qualifier at the end: ``?`` uncertain, ``~`` approximate, ``%`` both (``2012-12~``);
* unspecified digits: ``201X``, ``19XX``, ``2012-XX``, ``2012-12-XX``, ``2012-XX-XX``;
* seasons ``21`` spring (March-May), ``22`` summer (June-August), ``23`` autumn
  (September-November) and ``24`` winter, which runs from December of the year given to the end
  of the following February (``2013-24`` is 2013-12-01 to 2014-02-28);
* intervals ``A/B`` where either side may be open (``..``) or unknown (empty):
  ``2023-07-15/2023-07-16``, ``../2012-12`` (on or before December 2012), ``2013-09/..``.

An interval here means "the event happened on some day in this span", which is how reported
dates are used; bounds of open sides are the first and last days pendulum can represent.
Qualifiers are recorded but never widen the bounds: a coder who wants a wider span writes one.
Year 0000 and negative years are outside the subset.
"""

from __future__ import annotations

import calendar
import functools
import re

import attrs
import pendulum

from policytrack.errors import DateError
from policytrack.model.rules import OPTIONAL_STRING, Kind, Relation, Rule, one_of
from policytrack.vocab import Basis, Precision

__all__ = [
    "MAX_DAY",
    "MIN_DAY",
    "OPEN_BOUNDS",
    "Basis",
    "ParsedDate",
    "Precision",
    "UncertainDate",
    "parse_notation",
]

MIN_DAY = pendulum.Date(1, 1, 1)
"""The earliest bound of an interval open at its start."""
MAX_DAY = pendulum.Date(9999, 12, 31)
"""The latest bound of an interval open at its end."""
OPEN_BOUNDS = frozenset({MIN_DAY, MAX_DAY})
"""The days an open bound stands for: no day at all (a window, a span or an export skips them)."""


_SINGLE = re.compile(
    r"(?P<y>[0-9]{4}|[0-9]{3}X|[0-9]{2}XX)"
    r"(?:-(?P<m>[0-9]{2}|XX)(?:-(?P<d>[0-9]{2}|XX))?)?"
    r"(?P<q>[?~%])?"
)
_SEASONS = {21: (3, 5), 22: (6, 8), 23: (9, 11)}


@attrs.frozen
class ParsedDate:
    """What an EDTF notation says: its inclusive bounds, its precision and its qualifiers."""

    earliest: pendulum.Date
    latest: pendulum.Date
    precision: Precision
    uncertain: bool
    approximate: bool


def _fail(notation: str, why: str) -> DateError:
    return DateError(f"invalid EDTF date {notation!r}: {why}")


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _parse_single(text: str, notation: str) -> ParsedDate:
    match = _SINGLE.fullmatch(text)
    if match is None:
        msg = "expected YYYY, YYYY-MM or YYYY-MM-DD, optionally with X digits and ?, ~ or %"
        raise _fail(notation, msg)
    y, m, d, q = match.group("y", "m", "d", "q")
    uncertain, approximate = q in ("?", "%"), q in ("~", "%")
    if "X" in y:
        if m is not None:
            raise _fail(notation, "a year with unspecified digits cannot have a month")
        width = y.count("X")
        lo_year = max(int(y.replace("X", "0")), 1)
        hi_year = int(y.replace("X", "9"))
        precision = Precision.DECADE if width == 1 else Precision.CENTURY
        return ParsedDate(
            pendulum.Date(lo_year, 1, 1),
            pendulum.Date(hi_year, 12, 31),
            precision,
            uncertain,
            approximate,
        )
    year = int(y)
    if year == 0:
        raise _fail(notation, "year 0000 is outside the supported range 0001-9999")
    if m is None or m == "XX":
        if d is not None and d != "XX":
            raise _fail(notation, "a day needs a known month")
        return ParsedDate(
            pendulum.Date(year, 1, 1),
            pendulum.Date(year, 12, 31),
            Precision.YEAR,
            uncertain,
            approximate,
        )
    month = int(m)
    if 21 <= month <= 24:
        if d is not None:
            raise _fail(notation, "a season cannot have a day")
        if month == 24:
            if year == 9999:
                raise _fail(notation, "winter 9999 ends after 9999-12-31")
            start = pendulum.Date(year, 12, 1)
            end = pendulum.Date(year + 1, 2, _last_day(year + 1, 2))
        else:
            first, last = _SEASONS[month]
            start = pendulum.Date(year, first, 1)
            end = pendulum.Date(year, last, _last_day(year, last))
        return ParsedDate(start, end, Precision.SEASON, uncertain, approximate)
    if not 1 <= month <= 12:
        raise _fail(notation, f"month {m} is not 01-12 (or a season 21-24)")
    if d is None or d == "XX":
        return ParsedDate(
            pendulum.Date(year, month, 1),
            pendulum.Date(year, month, _last_day(year, month)),
            Precision.MONTH,
            uncertain,
            approximate,
        )
    day = int(d)
    if not 1 <= day <= _last_day(year, month):
        raise _fail(notation, f"{year:04d}-{month:02d} has no day {d}")
    exact = pendulum.Date(year, month, day)
    return ParsedDate(exact, exact, Precision.DAY, uncertain, approximate)


@functools.lru_cache(maxsize=65536)
def parse_notation(notation: str) -> ParsedDate:
    """What the EDTF *notation* says (see the module docstring for the subset).

    Raises:
        DateError: The notation is malformed or names a day that does not exist.
    """
    if notation.count("/") > 1:
        raise _fail(notation, "an interval has exactly one '/'")
    if "/" not in notation:
        return _parse_single(notation, notation)
    left, right = notation.split("/")
    if left in ("", "..") and right in ("", ".."):
        raise _fail(notation, "an interval needs at least one known end")
    start = None if left in ("", "..") else _parse_single(left, notation)
    end = None if right in ("", "..") else _parse_single(right, notation)
    if start is not None and end is not None and end.latest < start.earliest:
        raise _fail(notation, "the interval ends before it starts")
    if start is None:
        precision = Precision.BEFORE
    elif end is None:
        precision = Precision.AFTER
    else:
        precision = Precision.INTERVAL
    return ParsedDate(
        MIN_DAY if start is None else start.earliest,
        MAX_DAY if end is None else end.latest,
        precision,
        any(p is not None and p.uncertain for p in (start, end)),
        any(p is not None and p.approximate for p in (start, end)),
    )


def _explained(basis: Basis, reason: str | None) -> str | None:
    if basis is not Basis.STATED and not (reason and reason.strip()):
        return f"'reason' must explain a date whose basis is {basis.value!r} (got none)"
    return None


@attrs.frozen(order=False)
class UncertainDate:
    """A reported date: its EDTF notation, the basis for it and, unless stated, the reasoning.

    Attributes:
        edtf: The date in EDTF notation (see the module docstring for the subset).
        basis: Whether the text states it, it was inferred from clues, or it comes from
            outside knowledge.
        reason: Why the date is what it is; required unless the basis is ``stated``.

    Raises:
        DateError: The notation is malformed or names a day that does not exist.
        ValueError: A reason is missing for an inferred or external date.
    """

    edtf: str = attrs.field(validator=Rule(Kind.STRING, test=parse_notation))
    basis: Basis = attrs.field(default=Basis.STATED, validator=one_of(Basis))
    reason: str | None = attrs.field(
        default=None, validator=OPTIONAL_STRING.related(Relation(("basis", "reason"), _explained))
    )

    @classmethod
    def stated(cls, edtf: str) -> UncertainDate:
        """A date the text states: ``UncertainDate.stated("2012-12-28")``."""
        return cls(edtf)

    @classmethod
    def inferred(cls, edtf: str, reason: str) -> UncertainDate:
        """A date worked out from clues in the text, with the reasoning."""
        return cls(edtf, Basis.INFERRED, reason)

    @classmethod
    def external(cls, edtf: str, reason: str) -> UncertainDate:
        """A date taken from outside the text, with where it came from."""
        return cls(edtf, Basis.EXTERNAL, reason)

    @property
    def earliest(self) -> pendulum.Date:
        """The first day the date can be (inclusive)."""
        return parse_notation(self.edtf).earliest

    @property
    def latest(self) -> pendulum.Date:
        """The last day the date can be (inclusive)."""
        return parse_notation(self.edtf).latest

    @property
    def precision(self) -> Precision:
        """How finely the date is known."""
        return parse_notation(self.edtf).precision

    @property
    def uncertain(self) -> bool:
        """Whether the notation carries ``?`` or ``%``."""
        return parse_notation(self.edtf).uncertain

    @property
    def approximate(self) -> bool:
        """Whether the notation carries ``~`` or ``%``."""
        return parse_notation(self.edtf).approximate

    @property
    def is_exact(self) -> bool:
        """Whether the bounds are a single day."""
        parsed = parse_notation(self.edtf)
        return parsed.earliest == parsed.latest

    def contains(self, day: pendulum.Date) -> bool:
        """Whether *day* lies within the bounds."""
        parsed = parse_notation(self.edtf)
        return parsed.earliest <= day <= parsed.latest

    def __str__(self) -> str:
        return self.edtf
