"""Figures in running text (policytrack.coding.numbers)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policytrack import QuantityKind
from policytrack.coding.numbers import find_figures, parse_number
from policytrack.coding.text import tokenize


def figures(text: str) -> list[tuple[str, str, int | None, int | None, str | None]]:
    """(words, kind, low, high, unit) for every figure in *text*."""
    found = find_figures(text, tokenize(text), set())
    return [
        (f.quantity.text or "", f.quantity.kind.value, f.quantity.low, f.quantity.high, f.unit)
        for f in found
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "shut down 460 illegal accounts for violations",
            ("460 illegal accounts", "exact", 460, 460, "illegal accounts"),
        ),
        (
            "cleaned up 54.3 million pieces of information it deemed",
            (
                "54.3 million pieces of information",
                "exact",
                54_300_000,
                54_300_000,
                "pieces of information",
            ),
        ),
        (
            "who has exposed more than a hundred cases of corruption",
            (
                "more than a hundred cases of corruption",
                "at_least",
                101,
                None,
                "cases of corruption",
            ),
        ),
        (
            "which saw dozens of popular accounts deleted",
            ("dozens of popular accounts", "range", 24, 99, "popular accounts"),
        ),
        (
            "grown to about 1 billion users, larger",
            ("about 1 billion users", "approximate", 950_000_000, 1_050_000_000, "users"),
        ),
        (
            "including hundreds of mobile apps as well",
            ("hundreds of mobile apps", "range", 200, 999, "mobile apps"),
        ),
        (
            "thanks to social media that thousands and thousands gathered",
            ("thousands and thousands", "at_least", 2000, None, None),
        ),
        (
            "and over 20 billion instant messages every day",
            (
                "over 20 billion instant messages",
                "at_least",
                20_000_000_001,
                None,
                "instant messages",
            ),
        ),
        ("sentenced him to four years in prison", ("four years", "exact", 4, 4, "years")),
        ("dealt with five individuals and", ("five individuals", "exact", 5, 5, "individuals")),
        ("22 died in a stabbing", ("22", "exact", 22, 22, None)),
        ("fined twenty-five bloggers", ("twenty-five bloggers", "exact", 25, 25, "bloggers")),
        (
            "two hundred and fifty people",
            ("two hundred and fifty people", "exact", 250, 250, "people"),
        ),
        (
            "between 10 and 20 journalists",
            ("between 10 and 20 journalists", "range", 10, 20, "journalists"),
        ),
        ("2 to 3 million users", ("2 to 3 million users", "range", 2_000_000, 3_000_000, "users")),
        ("fewer than 50 sites", ("fewer than 50 sites", "at_most", None, 49, "sites")),
        ("up to 15 years in prison", ("up to 15 years", "at_most", None, 15, "years")),
        (
            "tens of thousands of posts",
            ("tens of thousands of posts", "range", 20_000, 99_999, "posts"),
        ),
        ("a 12% rise", ("12", "exact", 12, 12, "per cent")),
        ("fines of $5 million", ("5 million", "exact", 5_000_000, 5_000_000, "dollars")),
        ("some 3.5 million", ("some 3.5 million", "approximate", 3_325_000, 3_675_000, None)),
    ],
)
def test_figures_follow_the_coding_conventions(
    text: str, expected: tuple[str, str, int | None, int | None, str | None]
) -> None:
    """Reads each figure with the kind and bounds the coding notes prescribe."""
    assert expected in figures(text)


@pytest.mark.parametrize(
    "text",
    [
        "an 18-year-old woman",
        "the 25th anniversary",
        "a 40-minute meeting and a 1.5-day visit",
        "the G20 summit and COVID-19 rules",
        "Tencent Finance (700), a division",
        "no one of them",
        "Article 5 of the law",
        "a 4G network",
    ],
)
def test_numbers_that_are_not_figures_are_left_out(text: str) -> None:
    """Leaves out ages, ordinals, compound adjectives, names, tickers and articles of law."""
    assert figures(text) == []


def test_skipped_tokens_are_not_figures() -> None:
    """Never reads a token it is told to skip (a date, a name) as a figure."""
    text = "in 2022 alone"
    tokens = tokenize(text)
    assert find_figures(text, tokens, {1}) == []


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("25,136,189", Decimal(25136189)),
        ("54.3", Decimal("54.3")),
        ("54,3", Decimal("54.3")),
        ("1,2,3", Decimal(1)),
        ("1.2.3", None),
        ("9" * 40, None),
    ],
)
def test_number_tokens_parse(token: str, value: Decimal | None) -> None:
    """Reads thousands separators, decimal points and decimal commas; refuses noise."""
    assert parse_number(token) == value


@given(st.text())
def test_every_figure_is_a_valid_quantity_over_its_own_words(text: str) -> None:
    """Gives each figure a valid quantity whose words are the text at its tokens."""
    tokens = tokenize(text)
    for figure in find_figures(text, tokens, set()):
        assert figure.first <= figure.last <= figure.unit_last
        words = text[tokens[figure.first].start : tokens[figure.unit_last].end]
        assert figure.quantity.text == words
        if figure.quantity.kind is QuantityKind.EXACT:
            assert figure.quantity.low == figure.quantity.high
