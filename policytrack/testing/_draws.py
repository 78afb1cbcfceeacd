"""What every strategy draws with: the alphabet, ids, optional values, short tuples, size checks.

``policytrack.testing._draws`` holds the building blocks of :mod:`policytrack.testing.strategies`
(import the strategies from there: it registers them with Hypothesis). Text is drawn from a
small alphabet that still holds what breaks serialisers: quotes, backslashes, newlines and other
control characters, a line separator, non-Latin letters and a character outside the Basic
Multilingual Plane. Strategies are built once here and drawn from many times: building one
inside a draw costs far more than drawing from it.
"""

from __future__ import annotations

import functools
from typing import TypeVar

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import SearchStrategy

from policytrack.model.codebook import Codebook

T = TypeVar("T")

FIRST = "abZ"
CHARS = FIRST + ' "\\\n\r\t\x01\x7fé中😀\u2028'
ID_FIRST = "ab0"
ID_CHARS = ID_FIRST + "-"
CODEBOOK_ID_CHARS = ID_FIRST + "_.-"
JURISDICTIONS = ("CN", "CN-SH", "CN-SC", "CN-BJ", "US", "GB")
COUNTRIES = ("CN", "US", "GB", "DE")
LANGUAGES = ("en", "zh", "zh-Hans", "fr")
QUALIFIERS = ("", "?", "~", "%")
COUNT = 10**12
"""The largest figure drawn for a quantity."""

RAW_TEXT = st.text(alphabet=CHARS, min_size=1, max_size=6)
"""Text for :func:`draw_text`, which gives blank text a visible first character."""
ANY_TEXT = st.text(alphabet=CHARS, max_size=6)
CONTEXT = st.text(alphabet=CHARS, max_size=3)
ID = st.text(alphabet=ID_CHARS, min_size=1, max_size=6).map(
    lambda text: ID_FIRST[0] + text if text.startswith("-") else text
)
CODEBOOK_ID = st.text(alphabet=CODEBOOK_ID_CHARS, min_size=1, max_size=5).map(
    lambda text: text if text[0].isalnum() else ID_FIRST[0] + text
)
JURISDICTION = st.sampled_from(JURISDICTIONS)
BOOLEAN = st.booleans()
FEW = st.integers(0, 2)
ONE_OR_TWO = st.integers(1, 2)
OFFSET = st.integers(0, 100_000)


def draw_text(draw: st.DrawFn) -> str:
    """Non-blank text, drawn without the extra layer a mapped strategy costs."""
    text = draw(RAW_TEXT)
    return text if text.strip() else FIRST[0] + text


def draw_maybe_text(draw: st.DrawFn) -> str | None:
    return draw_text(draw) if draw(BOOLEAN) else None


def draw_texts(draw: st.DrawFn) -> tuple[str, ...]:
    return tuple(draw_text(draw) for _ in range(draw(FEW)))


def draw_maybe(draw: st.DrawFn, strategy: SearchStrategy[T]) -> T | None:
    """None (the simpler) or a value of *strategy*; None too when *strategy* has no values."""
    if strategy.is_empty or not draw(BOOLEAN):
        return None
    return draw(strategy)


def draw_some(
    draw: st.DrawFn, strategy: SearchStrategy[T], *, unique: bool = False
) -> tuple[T, ...]:
    """Up to two values of *strategy*; none when it has no values."""
    if strategy.is_empty:
        return ()
    values = [draw(strategy) for _ in range(draw(FEW))]
    return tuple(dict.fromkeys(values)) if unique else tuple(values)


def check_size(name_min: str, min_value: int, name_max: str, max_value: int) -> None:
    if min_value < 0:
        msg = f"{name_min}={min_value} must be at least 0"
        raise InvalidArgument(msg)
    if max_value < min_value:
        msg = f"{name_max}={max_value} must be at least {name_min}={min_value}"
        raise InvalidArgument(msg)


@functools.cache
def bundled_codebook_once() -> Codebook:
    from policytrack.storage.resources import bundled_codebook  # noqa: PLC0415 (storage imports much)

    return bundled_codebook()
