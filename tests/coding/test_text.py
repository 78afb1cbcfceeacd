"""Tokens, sentences and clauses (policytrack.coding.text)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from policytrack.coding.text import clause, sentences, tokenize


def test_tokens_are_words_and_numbers_with_offsets() -> None:
    """Splits words and numbers, keeping each token's offsets into the text."""
    text = "Police shut down 1,186,594 accounts. Über 中国"
    tokens = tokenize(text)
    assert [t.text for t in tokens] == [
        "Police",
        "shut",
        "down",
        "1,186,594",
        "accounts",
        "Über",
        "中国",
    ]
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert tokens[3].is_number and not tokens[4].is_number
    assert tokens[0].lower == "police"


def test_a_number_loses_its_trailing_punctuation() -> None:
    """Leaves a full stop or comma after a number out of the number."""
    assert [t.text for t in tokenize("in 2014. Then 54.3, and 7,")] == [
        "in",
        "2014",
        "Then",
        "54.3",
        "and",
        "7",
    ]


def test_sentences_end_at_stops_and_line_breaks() -> None:
    """Ends a sentence at a full stop, question or exclamation mark, or a line break."""
    text = "Headline\n\nFirst one. Second one? Third!\nFourth"
    assert [text[a:b] for a, b in sentences(text)] == [
        "Headline",
        "First one.",
        "Second one?",
        "Third!",
        "Fourth",
    ]


def test_abbreviations_do_not_end_sentences() -> None:
    """Keeps "U.S." and "Corp." inside their sentence."""
    text = "The U.S. Secretary met Sina Corp. managers. Then he left."
    assert [text[a:b] for a, b in sentences(text)] == [
        "The U.S. Secretary met Sina Corp. managers.",
        "Then he left.",
    ]


def test_a_decimal_point_does_not_end_a_sentence() -> None:
    """Reads "54.3 million" as one sentence."""
    text = "It cleaned up 54.3 million pieces."
    assert sentences(text) == [(0, len(text))]


@given(st.text())
def test_sentences_are_ordered_trimmed_and_inside_the_text(text: str) -> None:
    """Returns ordered, non-overlapping spans that start and end on non-space characters."""
    spans = sentences(text)
    previous = 0
    for start, end in spans:
        assert previous <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous = end


@given(st.text())
def test_tokens_cover_every_letter_and_digit(text: str) -> None:
    """Puts every letter and digit of the text in a token, and tokens never overlap."""
    tokens = tokenize(text)
    covered = set()
    previous = 0
    for token in tokens:
        assert previous <= token.start < token.end
        covered.update(range(token.start, token.end))
        previous = token.end
    for i, char in enumerate(text):
        if re.fullmatch(r"[^\W\d_]|\d", char):
            assert i in covered


def test_a_clause_stops_at_commas_and_at_and_before_a_verb() -> None:
    """Cuts "they have targeted 258 people and shut down 460 accounts" into two clauses."""
    text = "As part of it, they have targeted 258 people and shut down 460 illegal accounts."
    tokens = tokenize(text)
    at = next(i for i, t in enumerate(tokens) if t.text == "460")
    first, last = clause(text, tokens, at, at + 2, 0, len(tokens) - 1)
    assert text[tokens[first].start : tokens[last].end] == "shut down 460 illegal accounts"
    at = next(i for i, t in enumerate(tokens) if t.text == "258")
    first, last = clause(text, tokens, at, at + 1, 0, len(tokens) - 1)
    assert text[tokens[first].start : tokens[last].end] == "they have targeted 258 people"


def test_a_clause_keeps_two_figures_joined_by_and() -> None:
    """Keeps "five individuals and 52 cases" in one clause."""
    text = "Police dealt with five individuals and 52 cases and shut down 116 accounts."
    tokens = tokenize(text)
    at = next(i for i, t in enumerate(tokens) if t.text == "five")
    first, last = clause(text, tokens, at, at + 1, 0, len(tokens) - 1)
    assert text[tokens[first].start : tokens[last].end] == (
        "Police dealt with five individuals and 52 cases"
    )
