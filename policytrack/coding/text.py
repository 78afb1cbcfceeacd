"""Tokens and sentences of a text, each found in one linear pass.

``policytrack.coding.text`` (``policytrack._text`` before release 0.2).

A token is a run of letters (any script) or a number (a digit followed by digits, dots and
commas); everything between tokens is a *gap*. Extraction works on tokens and inspects gaps for
punctuation, so no pattern ever has to backtrack over the text: every regular expression here
is a single character class repeated, and the loops look at a bounded number of tokens.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple

__all__ = ["Token", "clause", "gap", "gap_before", "sentence_of", "sentences", "tokenize"]

_TOKEN = re.compile(r"\d[\d.,]*|[^\W\d_]+")
_BREAK = re.compile("[.!?]+[\"'\u201d\u2019)\\]\u00bb]*|\n")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "jr",
        "sr",
        "gen",
        "col",
        "lt",
        "sgt",
        "rep",
        "sen",
        "gov",
        "pres",
        "corp",
        "inc",
        "ltd",
        "co",
        "no",
        "vs",
        "etc",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "approx",
        "dept",
        "univ",
        "est",
        "fig",
        "al",
    ]
)
_CLAUSE_BREAK = re.compile("[,;:()\\[\\]{}\u2014\u2013\u2022]| - ")
_CONJUNCTIONS = frozenset({"and", "but"})
_SUBORDINATORS = frozenset(
    {"which", "who", "whom", "whose", "while", "whereas", "because", "although", "though", "if"}
)
MAX_CLAUSE_TOKENS = 30
"""How far a clause reaches either side of its centre, in tokens (keeps every scan bounded)."""


class Token(NamedTuple):
    """A word or number of the text, with its offsets (0-based, end-exclusive, code points)."""

    start: int
    end: int
    text: str
    lower: str
    """The token in lower case."""
    is_number: bool
    """Whether the token is a number (starts with a digit)."""


def tokenize(text: str) -> list[Token]:
    """Every token of *text*, in order; a number's trailing dots and commas are left out."""
    tokens = []
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        word = match.group()
        number = word[0].isdigit()
        if number:
            trimmed = word.rstrip(".,")
            end -= len(word) - len(trimmed)
            word = trimmed
        tokens.append(Token(start, end, word, word.lower(), number))
    return tokens


def gap(text: str, tokens: Sequence[Token], index: int) -> str:
    """The text between token *index* and the next (or the end of *text*)."""
    end = tokens[index + 1].start if index + 1 < len(tokens) else len(text)
    return text[tokens[index].end : end]


def gap_before(text: str, tokens: Sequence[Token], index: int) -> str:
    """The text between the previous token (or the start of *text*) and token *index*."""
    start = tokens[index - 1].end if index > 0 else 0
    return text[start : tokens[index].start]


def _is_abbreviation(text: str, at: int) -> bool:
    """Whether the full stop at *at* ends an abbreviation ("Corp.", "U.S.", "Jan.")."""
    start = at
    while start > 0 and at - start < 12 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:at]
    if not word:
        return False
    if "." in word or len(word) == 1:  # initials: "U.S", "J"
        return word.replace(".", "").isupper() or len(word) == 1
    return word.lower() in _ABBREVIATIONS


def sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of *text* as (start, end) offsets, surrounding whitespace left out.

    A sentence ends at a line break, or at ``.``, ``!`` or ``?`` (with any closing quotes or
    brackets) followed by white space, unless the full stop ends an abbreviation ("Corp.",
    "U.S.").
    """
    spans = []
    start = 0
    for match in _BREAK.finditer(text):
        end = match.end()
        if match.group() != "\n":
            if end < len(text) and not text[end].isspace():
                continue
            if match.group()[0] == "." and _is_abbreviation(text, match.start()):
                continue
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    trimmed = []
    for first, last in spans:
        a, b = first, last
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            trimmed.append((a, b))
    return trimmed


def sentence_of(spans: Sequence[tuple[int, int]], offset: int) -> int:
    """The index of the sentence in *spans* that holds *offset* (or the one before it)."""
    return max(0, bisect_right([s for s, _ in spans], offset) - 1)


def _breaks_clause(between: str) -> bool:
    if between == " ":
        return False
    return _CLAUSE_BREAK.search(between) is not None


def clause(
    text: str, tokens: Sequence[Token], first: int, last: int, low: int, high: int
) -> tuple[int, int]:
    """The clause around tokens *first*..*last*, as token indexes within *low*..*high*.

    *low* and *high* are the first and last tokens of the sentence. A clause stops at clause
    punctuation (commas, semicolons, colons, brackets, dashes), at a relative or subordinating
    word, and at "and" or "but" unless a number follows them ("five individuals and 52 cases"
    is one clause; "targeted 258 people and shut down 460 accounts" is two). It reaches at most
    :data:`MAX_CLAUSE_TOKENS` tokens either side.
    """
    start = first
    while start > low and first - start < MAX_CLAUSE_TOKENS:
        if _breaks_clause(gap_before(text, tokens, start)):
            break
        word = tokens[start - 1].lower
        if word in _SUBORDINATORS:
            break
        if word in _CONJUNCTIONS and not _starts_number(tokens[start]):
            break
        start -= 1
    end = last
    while end < high and end - last < MAX_CLAUSE_TOKENS:
        if _breaks_clause(gap(text, tokens, end)):
            break
        word = tokens[end + 1].lower
        if word in _SUBORDINATORS:
            break
        if word in _CONJUNCTIONS and (end + 2 > high or not _starts_number(tokens[end + 2])):
            break
        end += 1
    return start, end


_NUMBER_WORDS = frozenset(
    [
        "a",
        "an",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "million",
        "millions",
        "billion",
        "billions",
        "dozen",
        "dozens",
        "several",
        "some",
        "more",
        "over",
        "about",
        "around",
        "nearly",
        "almost",
        "at",
        "least",
    ]
)


def _starts_number(token: Token) -> bool:
    return token.is_number or token.lower in _NUMBER_WORDS
