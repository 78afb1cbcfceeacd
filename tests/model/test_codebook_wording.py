"""The 2.0 codebook and its coding rules are written apart from the articles they are used on.

A codebook whose level definitions paraphrase the texts it then scores guarantees its result.
These tests hold every word a coder reads in ``internet-controls`` 2.0 (titles, descriptions,
scope-flag definitions, level labels and definitions) and in the coding rules against the seed
articles: no run of five words may appear in both, ignoring case and punctuation.
"""

from __future__ import annotations

import re
from pathlib import Path

from policytrack import Codebook, bundled_codebook

ROOT = Path(__file__).parents[2]
PAGES = (ROOT / "docs" / "coding-rules.md", ROOT / "docs" / "codebook-changelog.md")
N = 5


def words(text: str) -> list[str]:
    """The words of *text*, lower case, with apostrophes dropped and other punctuation as spaces."""
    text = re.sub(r"['\u2019\u2018]", "", text.lower())
    return re.findall(r"[^\W_]+", text)


def shingles(text: str, n: int = N) -> set[tuple[str, ...]]:
    """Every run of *n* consecutive words of *text*."""
    ws = words(text)
    return {tuple(ws[i : i + n]) for i in range(len(ws) - n + 1)}


def codebook_texts(book: Codebook) -> dict[str, str]:
    """Every piece of wording in *book*, by where it is."""
    texts = {"title": book.title, "description": book.description}
    for dim in book.dimensions:
        texts[f"{dim.id}.name"] = dim.name
        texts[f"{dim.id}.description"] = dim.description
        if dim.flag_definition:
            texts[f"{dim.id}.flag_definition"] = dim.flag_definition
        for level in dim.levels:
            texts[f"{dim.id}.{level.value}.label"] = level.label
            texts[f"{dim.id}.{level.value}.definition"] = level.definition
    return texts


def shared_runs(texts: dict[str, str], seeds: Path) -> list[str]:
    """Each run of five words a text in *texts* shares with a seed article, with both places."""
    articles = {p.name: shingles(p.read_text("utf-8")) for p in sorted(seeds.glob("*.txt"))}
    assert articles, f"no seed texts in {seeds}"
    found = []
    for where, text in texts.items():
        for run in sorted(shingles(text)):
            found += [
                f"{where}: {' '.join(run)!r} ({name})" for name, a in articles.items() if run in a
            ]
    return found


def test_words_ignore_case_and_punctuation() -> None:
    """Reads 'Don't-stop, NOW' as the words dont, stop, now."""
    assert words("Don\u2019t-stop, NOW") == ["dont", "stop", "now"]


def test_a_shared_run_is_found() -> None:
    """Finds a five-word run shared across case and punctuation, and none in four words."""
    assert shingles("The Quick, brown fox jumps!") & shingles("the quick brown fox jumps over")
    assert not shingles("the quick brown fox")


def test_the_2_0_codebook_shares_no_five_words_with_the_seeds(seed_texts: Path) -> None:
    """No title, description, flag definition, label or level definition of 2.0 echoes a seed."""
    book = bundled_codebook("2.0")
    assert book.version == "2.0"
    shared = shared_runs(codebook_texts(book), seed_texts)
    assert not shared, "2.0 wording shares five-word runs with the seeds:\n" + "\n".join(shared)


def test_the_coding_rules_share_no_five_words_with_the_seeds(seed_texts: Path) -> None:
    """The coding rules coders work from, and the codebook's changelog, echo no seed either."""
    shared = shared_runs({p.name: p.read_text("utf-8") for p in PAGES}, seed_texts)
    assert not shared, "the coding pages share five-word runs with the seeds:\n" + "\n".join(shared)
