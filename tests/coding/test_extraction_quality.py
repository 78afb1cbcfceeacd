"""Extraction measured against the bundled dataset (policytrack.coding.extraction_quality)."""

from __future__ import annotations

from pathlib import Path

import pytest

from policytrack import (
    CategoryQuality,
    Quantity,
    extraction_quality,
    load_bundled,
    read_texts,
)
from policytrack.coding.extraction_quality import CATEGORIES, is_figure

# Recall and precision on the five seed articles, each measured with its own records hidden
# (see docs/coding-a-new-article.md for the table and the command that prints it). These are
# floors: raise them when extraction improves, never lower them.
FLOOR = {
    "agencies": (0.781, 0.961),
    "platforms": (0.937, 0.681),
    "figures": (1.000, 0.612),
    "dates": (0.615, 0.484),
}


@pytest.mark.parametrize("category", CATEGORIES)
def test_recall_and_precision_on_the_seeds_stay_above_the_floor(
    seed_texts: Path, category: str
) -> None:
    """Finds at least the floor's share of what the coders coded, per category."""
    dataset = load_bundled()
    result = extraction_quality(dataset, read_texts(seed_texts, dataset))
    total = result.total(category)
    recall_floor, precision_floor = FLOOR[category]
    assert total.recall is not None and total.recall >= recall_floor, total.missed
    assert total.precision is not None and total.precision >= precision_floor


def test_every_seed_article_is_measured(seed_texts: Path) -> None:
    """Measures each of the five articles, in every category."""
    dataset = load_bundled()
    result = extraction_quality(dataset, read_texts(seed_texts, dataset))
    assert [s.source for s in result.sources] == [s.id for s in dataset.sources]
    assert all(tuple(c.category for c in s.categories) == CATEGORIES for s in result.sources)
    for category in CATEGORIES:
        total = result.total(category)
        assert total.expected == sum(
            c.expected for s in result.sources for c in s.categories if c.category == category
        )
        assert total.found + len(total.missed) == total.expected


def test_knowing_every_name_finds_at_least_as_many(seed_texts: Path) -> None:
    """Finds no fewer agencies and platforms when each article's own records are known."""
    dataset = load_bundled()
    texts = read_texts(seed_texts, dataset)
    hidden = extraction_quality(dataset, texts)
    known = extraction_quality(dataset, texts, leave_one_out=False)
    assert not known.leave_one_out
    for category in ("agencies", "platforms"):
        assert known.total(category).found >= hidden.total(category).found


def test_sources_without_a_text_are_skipped() -> None:
    """Measures nothing for sources whose text is not given."""
    result = extraction_quality(load_bundled(), {})
    assert result.sources == ()
    assert all(t.expected == 0 and t.recall is None and t.precision is None for t in result.totals)


def test_ratios_are_none_when_there_is_nothing_to_count() -> None:
    """Gives no recall without expected items and no precision without candidates."""
    empty = CategoryQuality("dates", expected=0, found=0, candidates=0, correct=0)
    assert empty.recall is None and empty.precision is None
    some = CategoryQuality("dates", expected=4, found=3, candidates=6, correct=3)
    assert (some.recall, some.precision) == (0.75, 0.5)


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("460 illegal accounts", True),
        ("four years in prison", True),
        ("dozens of popular accounts", True),
        ("more than a hundred cases", True),
        ("Some microbloggers", False),
        ("he was quickly dismissed", False),
        ("Twitter itself is banned in China", False),
    ],
)
def test_figures_are_outcomes_reported_in_numbers(text: str, figure: bool) -> None:
    """Counts an outcome as a figure when its words hold a number or a number word."""
    assert is_figure(Quantity.at_least(2, text)) is figure
