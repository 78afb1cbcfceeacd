"""Strategies for uncertain dates and their EDTF notation.

``policytrack.testing._date_strategies`` draws the dates records carry: days, months, years
and seasons, with the qualifiers ``?``, ``~`` and ``%``, and intervals between two of them
(open at either end). Import them from :mod:`policytrack.testing.strategies`.
"""

from __future__ import annotations

import calendar

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import SearchStrategy

from policytrack.model.dates import Basis, UncertainDate
from policytrack.testing._draws import (
    QUALIFIERS,
    draw_maybe_text,
    draw_text,
)


@st.composite
def _single_dates(
    draw: st.DrawFn,
    min_year: int,
    max_year: int,
    forms: tuple[str, ...],
    allow_qualifiers: bool,
) -> str:
    year = draw(st.integers(min_year, max_year))
    form = draw(st.sampled_from(forms))
    if form == "year":
        text = f"{year:04d}"
    elif form == "month":
        text = f"{year:04d}-{draw(st.integers(1, 12)):02d}"
    elif form == "day":
        month = draw(st.integers(1, 12))
        day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
        text = f"{year:04d}-{month:02d}-{day:02d}"
    elif form == "season":
        # Winter runs into the next year, which does not exist after 9999.
        seasons = (21, 22, 23) if year == 9999 else (21, 22, 23, 24)
        text = f"{year:04d}-{draw(st.sampled_from(seasons))}"
    elif form == "decade":
        text = f"{year // 10:03d}X"
    elif form == "century":
        text = f"{year // 100:02d}XX"
    elif form == "unspecified month":
        text = f"{year:04d}-XX"
    elif form == "unspecified day":
        text = f"{year:04d}-{draw(st.integers(1, 12)):02d}-XX"
    else:
        text = f"{year:04d}-XX-XX"
    if allow_qualifiers:
        text += draw(st.sampled_from(QUALIFIERS))
    return text


def edtf_strings(
    *,
    min_year: int = 1,
    max_year: int = 9999,
    allow_qualifiers: bool = True,
    allow_unspecified: bool = True,
    allow_seasons: bool = True,
    allow_intervals: bool = True,
    allow_open: bool = True,
) -> SearchStrategy[str]:
    """Valid EDTF notations in the subset :class:`~policytrack.UncertainDate` accepts.

    Single dates shrink towards a plain year, then months, days and seasons, then dates with
    unspecified digits (``201X``, ``2012-XX``); intervals come after single dates, and open
    intervals last.

    Args:
        min_year: The smallest year written (at least 1). A decade or century written with
            ``X`` digits may begin before it.
        max_year: The largest year written (at most 9999). A decade, a century or a winter
            may end after it.
        allow_qualifiers: Whether dates may end in ``?``, ``~`` or ``%``.
        allow_unspecified: Whether to write ``X`` digits (``201X``, ``19XX``, ``2012-XX``).
        allow_seasons: Whether to write seasons (``2013-21`` to ``2013-24``).
        allow_intervals: Whether to write closed intervals (``2012-12-28/2013-01``).
        allow_open: Whether to write intervals with an open (``..``) or unknown (empty) end.
    """
    if not 1 <= min_year <= max_year <= 9999:
        msg = f"need 1 <= min_year <= max_year <= 9999 (got {min_year} and {max_year})"
        raise InvalidArgument(msg)
    forms: tuple[str, ...] = ("year", "month", "day")
    if allow_seasons:
        forms += ("season",)
    if allow_unspecified:
        forms += ("decade", "century", "unspecified month", "unspecified day", "month and day")
    singles = _single_dates(min_year, max_year, forms, allow_qualifiers)
    strategies = [singles]
    if allow_intervals:
        strategies.append(st.tuples(singles, singles).map(_interval))
    if allow_open:
        ends = st.sampled_from(("..", ""))
        strategies.append(st.builds("{}/{}".format, ends, singles))
        strategies.append(st.builds("{}/{}".format, singles, ends))
    return st.one_of(strategies)


def _interval(pair: tuple[str, str]) -> str:
    start, end = pair
    if UncertainDate(end).latest < UncertainDate(start).earliest:
        start, end = end, start
    return f"{start}/{end}"


def uncertain_dates(
    *,
    notations: SearchStrategy[str] | None = None,
    bases: SearchStrategy[Basis] | None = None,
) -> SearchStrategy[UncertainDate]:
    """Uncertain dates: a notation, a basis and, unless the basis is ``stated``, a reason.

    Stated dates come first and carry a reason only sometimes.

    Args:
        notations: EDTF notations to use; by default :func:`edtf_strings`.
        bases: The bases to use; by default any, ``stated`` first.
    """
    return _uncertain_dates(
        edtf_strings() if notations is None else notations,
        st.sampled_from(Basis) if bases is None else bases,
    )


@st.composite
def _uncertain_dates(
    draw: st.DrawFn, notations: SearchStrategy[str], bases: SearchStrategy[Basis]
) -> UncertainDate:
    notation = draw(notations)
    basis = draw(bases)
    reason = draw_maybe_text(draw) if basis is Basis.STATED else draw_text(draw)
    return UncertainDate(notation, basis, reason)


DATE = uncertain_dates()
