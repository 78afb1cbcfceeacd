"""Figures in running text: the number, how precisely it is given, its unit and what it counts.

``policytrack.coding.numbers`` (``policytrack._figures`` before release 0.2). The words it reads
numbers with are in :mod:`policytrack.coding.number_words`; the guess at what a figure counts
is :func:`policytrack.coding.metrics.guess_metric` (re-exported here).

The quantities follow the dataset's coding conventions (see ``docs/coding-notes.md``):

* a plain figure is ``exact`` as reported ("54.3 million" is 54,300,000);
* "about N" is ``approximate``, N give or take 5% ("about 1 billion" is 950,000,000 to
  1,050,000,000);
* "more than N" and "over N" are ``at_least`` N+1; "at least N" is ``at_least`` N;
* "fewer than N" and "under N" are ``at_most`` N-1; "up to N" is ``at_most`` N;
* "dozens" is a ``range`` of 24 to 99, "hundreds" 200 to 999, "thousands" 2,000 to 9,999
  (a plural of a unit is at least two of it and fewer than ten), "tens of thousands" 20,000
  to 99,999, "hundreds of thousands" 200,000 to 999,999;
* "thousands and thousands" is ``at_least`` 2,000;
* "between N and M", "N to M" and "N-M" are a ``range``.

Numbers that are dates, times, ordinals ("25th"), parts of names ("G20") or of compound
adjectives ("18-year-old", "40-minute") are not figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, InvalidOperation
from typing import NamedTuple

from policytrack.coding.metrics import guess_metric
from policytrack.coding.number_words import (
    ATTACHED_SCALES,
    MODIFIERS,
    NUMBER_WORDS,
    ONES,
    ORDINALS,
    PLURALS,
    SCALES,
    STOPWORDS,
    SYMBOLS,
    TENS,
)
from policytrack.coding.text import Token, gap, gap_before
from policytrack.model.records import Quantity, QuantityKind

__all__ = ["Figure", "find_figures", "guess_metric", "parse_number"]

MAX_DIGITS = 30
"""Longer digit strings are identifiers or noise, not figures."""


class Figure(NamedTuple):
    """A figure found in the text."""

    first: int
    """Index of the phrase's first token (a modifier such as "more than" included)."""
    last: int
    """Index of the number's last token."""
    unit_last: int
    """Index of the unit's last token (``last`` when there is no unit)."""
    quantity: Quantity
    unit: str | None


def parse_number(token: str) -> Decimal | None:
    """A number token ("25,136,189", "54.3", "1,2") as a Decimal, or None."""
    if len(token) > MAX_DIGITS or not token.isascii():
        return None
    if "," in token:
        parts = token.split(",")
        head, *groups = parts
        tail = groups[-1].split(".", 1)[0]
        grouped = 1 <= len(head) <= 3 and all(len(g) == 3 for g in [*groups[:-1], tail])
        if grouped:
            token = token.replace(",", "")
        elif len(parts) == 2 and "." not in token:
            token = token.replace(",", ".")  # a decimal comma: "54,3"
        else:
            token = head
    if token.count(".") > 1:
        return None
    try:
        return Decimal(token)
    except InvalidOperation:
        return None


class _Core(NamedTuple):
    first: int
    last: int
    low: Decimal
    high: Decimal
    kind: QuantityKind
    factor: int
    """The scale the number was given in (1,000,000 for "54.3 million"; 1 when none)."""

    @property
    def scaled(self) -> bool:
        """Whether the number ends in a scale or plural word ("million", "dozens")."""
        return self.factor > 1


class _Finder:
    def __init__(self, text: str, tokens: Sequence[Token], skip: set[int]) -> None:
        self.text = text
        self.tokens = tokens
        self.skip = skip

    def word(self, i: int) -> str:
        return self.tokens[i].lower if 0 <= i < len(self.tokens) else ""

    def after(self, i: int) -> str:
        return gap(self.text, self.tokens, i) if 0 <= i < len(self.tokens) else ""

    def before(self, i: int) -> str:
        return gap_before(self.text, self.tokens, i) if 0 <= i < len(self.tokens) else ""

    def spaced(self, i: int) -> bool:
        """Whether a little white space on one line separates token *i* from the next."""
        between = self.after(i)
        return bool(between) and between.isspace() and len(between) < 4 and "\n" not in between

    def usable(self, i: int) -> bool:
        return 0 <= i < len(self.tokens) and i not in self.skip

    # -- numbers -------------------------------------------------------------------------

    def core(self, i: int) -> _Core | None:
        if self.tokens[i].is_number:
            return self.digits(i)
        return self.words(i)

    def scale(self, i: int, value: Decimal, factor: int) -> _Core:
        """The number *value* at token *i*, times any scale words that follow it."""
        last = i
        while self.spaced(last) and self.word(last + 1) in SCALES and self.usable(last + 1):
            factor *= SCALES[self.word(last + 1)]
            last += 1
        value *= factor
        return _Core(i, last, value, value, QuantityKind.EXACT, factor)

    def digits(self, i: int) -> _Core | None:
        value = parse_number(self.tokens[i].text)
        if value is None:
            return None
        following = self.word(i + 1)
        if self.after(i) == "" and following in ATTACHED_SCALES:
            factor = ATTACHED_SCALES[following]
            value *= factor
            return _Core(i, i + 1, value, value, QuantityKind.EXACT, factor)
        return self.scale(i, value, 1)

    def words(self, i: int) -> _Core | None:
        word = self.word(i)
        following = self.word(i + 1)
        if word in ("a", "an"):
            if not self.spaced(i) or not self.usable(i + 1):
                return None
            if following == "dozen":
                return _Core(i, i + 1, Decimal(12), Decimal(12), QuantityKind.EXACT, 12)
            if following in SCALES:
                core = self.scale(i + 1, Decimal(1), SCALES[following])
                return core._replace(first=i)
            return None
        if word == "dozens":
            return _Core(i, i, Decimal(24), Decimal(99), QuantityKind.RANGE, 12)
        if word in PLURALS:
            return self.plural(i)
        if word == "tens" and following == "of" and self.word(i + 2) in PLURALS:
            unit = PLURALS[self.word(i + 2)]
            low, high = Decimal(20 * unit), Decimal(100 * unit - 1)
            return _Core(i, i + 2, low, high, QuantityKind.RANGE, unit)
        if word in ONES or word in TENS:
            return self.spelled(i)
        return None

    def plural(self, i: int) -> _Core:
        """A plural of a unit: "hundreds", "thousands and thousands", "hundreds of thousands"."""
        word = self.word(i)
        unit = PLURALS[word]
        if self.word(i + 1) == "and" and self.word(i + 2) == word:
            value = Decimal(2 * unit)
            return _Core(i, i + 2, value, value, QuantityKind.AT_LEAST, unit)
        if self.word(i + 1) == "of" and self.word(i + 2) in PLURALS:
            unit *= PLURALS[self.word(i + 2)]
            return _Core(
                i, i + 2, Decimal(2 * unit), Decimal(10 * unit - 1), QuantityKind.RANGE, unit
            )
        return _Core(i, i, Decimal(2 * unit), Decimal(10 * unit - 1), QuantityKind.RANGE, unit)

    def spelled(self, i: int) -> _Core:
        """A number in words: "four", "twenty-five", "two hundred and fifty", "three million"."""
        total = current = 0
        factor = 1
        j = i
        while True:
            word = self.word(j)
            if word in ONES:
                current += ONES[word]
            elif word in TENS:
                current += TENS[word]
            elif word == "dozen":
                current *= 12
            elif word == "hundred":
                current = (current or 1) * 100
                factor = max(factor, 100)
            else:
                total += (current or 1) * SCALES[word]
                current = 0
                factor = max(factor, SCALES[word])
            if not (self.spaced(j) or self.after(j) == "-"):
                break
            nxt = j + 1
            if self.word(nxt) == "and" and word in SCALES and self.spaced(nxt):
                nxt += 1
            if not self.usable(nxt) or self.word(nxt) not in NUMBER_WORDS:
                break
            if self.word(nxt) == "dozen" and j > i:
                break
            j = nxt
        value = Decimal(total + current)
        return _Core(i, j, value, value, QuantityKind.EXACT, factor)

    # -- a whole figure ------------------------------------------------------------------

    def modifier(self, first: int) -> tuple[int, str | None]:
        """The start of a modifier ("more than") just before token *first*, and its kind."""
        for words, kind in MODIFIERS.get(self.word(first - 1), ()):
            start = first - len(words)
            if start < 0:
                continue
            spelled = all(self.word(start + k) == w for k, w in enumerate(words))
            if spelled and all(self.spaced(start + k) for k in range(len(words))):
                return start, kind
        return first, None

    def figure(self, i: int) -> tuple[Figure | None, int]:
        """The figure starting at token *i*, and the index of the last token looked at."""
        core = self.core(i)
        if core is None:
            return None, i
        if not self.plausible(core):
            return None, core.last
        first, modifier = self.modifier(core.first)
        opener = self.word(first - 1) if first > 0 and self.spaced(first - 1) else ""
        if modifier is None:
            ranged = self.range_end(core, between=opener == "between")
            if ranged is not None:
                start = first - 1 if opener in ("between", "from") else first
                return self.finish(start, ranged, None), ranged.last
        return self.finish(first, core, modifier), core.last

    def plausible(self, core: _Core) -> bool:
        word = self.word(core.first)
        previous = self.tokens[core.first - 1] if core.first > 0 else None
        before = self.before(core.first)
        after = self.after(core.last)
        following = self.word(core.last + 1)
        if core.last in self.skip:
            return False
        if following in ORDINALS and after == "":
            return False  # "25th"
        if after == "-" and following.isalpha() and following not in NUMBER_WORDS:
            return False  # "18-year-old", "one-party"
        if previous is not None and before in ("", "-") and not previous.is_number:
            return False  # "G20", "COVID-19"
        if after == "" and following:
            return False  # "4G", "59AM"
        if before.endswith("(") and after.startswith(")") and not core.scaled:
            return False  # "(700)"
        if word == "one":
            neighbours = {self.word(core.first - 1), following}
            if following in ("of", "another") or neighbours & {"no", "any", "every", "each"}:
                return False
        return True

    def range_end(self, core: _Core, *, between: bool) -> _Core | None:
        """The end of a range: "10 to 20", "10-20", "between 10 and 20", "2 to 3 million"."""
        if core.kind is not QuantityKind.EXACT:
            return None
        joiner = self.after(core.last)
        nxt = core.last + 1
        if joiner in ("-", "\u2013") and self.usable(nxt) and self.tokens[nxt].is_number:
            other = self.core(nxt)
        elif (
            self.spaced(core.last)
            and self.word(nxt) in (("and",) if between else ("to",))
            and self.spaced(nxt)
            and self.usable(nxt + 1)
        ):
            other = self.core(nxt + 1)
        else:
            return None
        if other is None or other.kind is not QuantityKind.EXACT:
            return None
        low, high = core.low, other.high
        if core.factor == 1 and other.factor > 1:
            low *= other.factor  # "2 to 3 million"
        if high <= low:
            return None
        return _Core(core.first, other.last, low, high, QuantityKind.RANGE, other.factor)

    def finish(self, first: int, core: _Core, modifier: str | None) -> Figure | None:
        quantity_kind = core.kind
        low: Decimal | None = core.low
        high: Decimal | None = None if core.kind is QuantityKind.AT_LEAST else core.high
        if modifier and core.kind is QuantityKind.EXACT:
            value = core.low
            if modifier == "more":
                quantity_kind, low, high = QuantityKind.AT_LEAST, Decimal(_floor(value) + 1), None
            elif modifier == "least":
                quantity_kind, low, high = QuantityKind.AT_LEAST, value, None
            elif modifier == "less":
                quantity_kind, low, high = QuantityKind.AT_MOST, None, Decimal(_ceil(value) - 1)
            elif modifier == "most":
                quantity_kind, low, high = QuantityKind.AT_MOST, None, value
            else:
                quantity_kind = QuantityKind.APPROXIMATE
                low, high = value * Decimal("0.95"), value * Decimal("1.05")
        lo = None if low is None else _ceil(low)
        hi = None if high is None else _floor(high)
        if quantity_kind is QuantityKind.EXACT and core.low != core.low.to_integral_value():
            quantity_kind = QuantityKind.APPROXIMATE  # a fraction: "3.5"
            lo, hi = _floor(core.low), _ceil(core.low)
        if (lo is not None and lo < 0) or (lo is not None and hi is not None and lo > hi):
            return None
        unit, unit_last = self.unit(core)
        words = self.text[self.tokens[first].start : self.tokens[unit_last].end]
        quantity = Quantity(quantity_kind, lo, hi, words)
        return Figure(first, core.last, unit_last, quantity, unit)

    def unit(self, core: _Core) -> tuple[str | None, int]:
        before = self.before(core.first).rstrip()
        after = self.after(core.last)
        if after.startswith("%"):
            return "per cent", core.last
        symbol = before[-1:] if before else ""
        if symbol in SYMBOLS:
            return SYMBOLS[symbol], core.last
        j = core.last + 1
        if core.scaled and self.word(j) == "of" and self.spaced(core.last) and self.spaced(j):
            j += 1
        elif not self.spaced(core.last):
            return None, core.last
        words: list[int] = []
        used_of = False
        while self.usable(j) and len(words) < 5:
            token = self.tokens[j]
            word = token.lower
            if token.is_number:
                break
            if word == "of" and words and not used_of and self.spaced(j):
                if self.word(j + 1) in STOPWORDS or not self.usable(j + 1):
                    break
                used_of = True
                words.append(j)
                j += 1
                continue
            if word in STOPWORDS:
                break
            if word.endswith("ed") and (self.word(j + 1) in STOPWORDS or not self.spaced(j)):
                break  # a verb: "22 died in", "deleted or suspended"
            words.append(j)
            if not self.spaced(j):
                break
            j += 1
        while words and self.word(words[-1]) == "of":
            words.pop()
        if not words:
            return None, core.last
        start, end = self.tokens[words[0]].start, self.tokens[words[-1]].end
        return self.text[start:end], words[-1]

    def all(self) -> list[Figure]:
        figures: list[Figure] = []
        i = 0
        while i < len(self.tokens):
            if i in self.skip:
                i += 1
                continue
            found, last = self.figure(i)
            if found is not None and found.unit is None and self.after_capital(found.first):
                found = None  # "Article 5", "Force 47"
            if found is not None:
                figures.append(found)
            i = max(last, i) + 1
        return figures

    def after_capital(self, first: int) -> bool:
        if first == 0:
            return False
        previous = self.tokens[first - 1]
        between = self.before(first)
        return previous.text[:1].isupper() and between.isspace() and "\n" not in between


def _floor(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_FLOOR))


def _ceil(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_CEILING))


def find_figures(text: str, tokens: Sequence[Token], skip: set[int]) -> list[Figure]:
    """Every figure in *text*, in text order, leaving out the tokens in *skip* (dates, names)."""
    return _Finder(text, tokens, skip).all()
