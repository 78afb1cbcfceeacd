"""Quotes against source texts: anchoring, re-anchoring, verification and finding texts."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from policytrack import (
    Dataset,
    DatasetInfo,
    Evidence,
    NotFoundError,
    Platform,
    PlatformKind,
    Problem,
    Reliability,
    Source,
    UncertainDate,
    evidence_of,
    load_bundled,
    quote,
    read_texts,
    reanchor,
    row_spans,
    sha256_text,
    verify_evidence,
)
from tests._everything import POLICY

# A small alphabet makes repeated words, and so ambiguous quotes, common.
TEXTS = st.text(alphabet="ab \n中😀", min_size=1, max_size=40)


@st.composite
def quoted(draw: st.DrawFn) -> tuple[str, str, int]:
    """A text, a non-empty span of it, and which occurrence of that span the span is."""
    text = draw(TEXTS)
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    exact = text[start:end]
    occurrence = sum(text.startswith(exact, i) for i in range(start))
    assume(exact.strip())
    return text, exact, occurrence


def _source(text: str, source_id: str = "src") -> Source:
    return Source(
        id=source_id,
        title="T",
        outlet="O",
        published=UncertainDate("2012"),
        reliability=Reliability.NGO,
        sha256=sha256_text(text),
        length=len(text),
    )


def _dataset(text: str, *quotes: Evidence) -> Dataset:
    platform = Platform(id="p", name="P", kind=PlatformKind.OTHER, evidence=quotes)
    return Dataset(DatasetInfo(id="d", title="D"), sources=(_source(text),), platforms=(platform,))


@given(quoted(), st.integers(0, 30))
def test_quote_anchors_the_words_where_they_occur(case: tuple[str, str, int], context: int) -> None:
    """Anchors a quote at the requested occurrence, with prefix and suffix from the text."""
    text, exact, occurrence = case
    item = quote("src", text, exact, occurrence=occurrence, context=context)
    assert text[item.start : item.end] == exact
    assert sum(text.startswith(exact, i) for i in range(item.start)) == occurrence
    assert item.prefix == text[max(0, item.start - context) : item.start]
    assert item.suffix == text[item.end : item.end + context]
    assert verify_evidence(_dataset(text, item), {"src": text}) == []


@given(quoted())
def test_quote_refuses_words_that_do_not_occur_that_often(case: tuple[str, str, int]) -> None:
    """Refuses to anchor an occurrence beyond the last one."""
    text, exact, _ = case
    count = sum(text.startswith(exact, i) for i in range(len(text)))
    with pytest.raises(NotFoundError, match=f"does not occur {count + 1} time\\(s\\) in 'src'"):
        quote("src", text, exact, occurrence=count)


@given(quoted(), TEXTS, st.booleans(), st.data())
def test_reanchor_finds_a_quote_after_text_is_inserted(
    case: tuple[str, str, int], inserted: str, before: bool, data: st.DataObject
) -> None:
    """Re-anchors a quote after text is inserted before or after it, context intact."""
    text, exact, occurrence = case
    item = quote("src", text, exact, occurrence=occurrence, context=6)
    if before:
        at = data.draw(st.integers(0, item.start - len(item.prefix)), label="insert at")
        new_start = item.start + len(inserted)
    else:
        at = data.draw(st.integers(item.end + len(item.suffix), len(text)), label="insert at")
        new_start = item.start
    changed = text[:at] + inserted + text[at:]
    moved = reanchor(item, changed, context=6)
    assert changed[moved.start : moved.end] == exact
    # The shifted quote keeps its context, so the one chosen must keep it too ...
    assert changed[: moved.start].endswith(item.prefix)
    assert changed[moved.end :].startswith(item.suffix)
    # ... and among those, it is the nearest the old offset (the shifted one, if unique).
    assert abs(moved.start - item.start) <= abs(new_start - item.start)
    occurrences = [i for i in range(len(changed)) if changed.startswith(exact, i)]
    assert new_start in occurrences
    if len(occurrences) == 1:
        assert moved.start == new_start
    assert verify_evidence(_dataset(changed, moved), {"src": changed}) == []


def test_reanchor_prefers_the_occurrence_with_the_same_context() -> None:
    """Picks the occurrence whose surroundings match, not merely the first or nearest."""
    text = "Police said X. Later the ministry said X. Officials said Y."
    item = quote("src", text, "said", occurrence=1, context=12)
    changed = "Earlier. " + text.replace("Officials said Y.", "Officials said X too.")
    moved = reanchor(item, changed, context=12)
    assert moved.start == item.start + len("Earlier. ")
    assert changed[: moved.start].endswith("the ministry ")


def test_reanchor_refuses_a_quote_that_is_gone() -> None:
    """Refuses to re-anchor a quote that no longer occurs in the text."""
    item = quote("src", "Weibo closed accounts.", "closed")
    with pytest.raises(NotFoundError, match="quote 'closed' is nowhere in the text of 'src'"):
        reanchor(item, "Weibo shut accounts.")


@given(quoted(), st.text(alphabet="xyz", min_size=1, max_size=5))
def test_verify_catches_a_moved_quote(case: tuple[str, str, int], inserted: str) -> None:
    """Reports a quote whose text moved, naming its record, path and where it now is."""
    text, exact, occurrence = case
    item = quote("src", text, exact, occurrence=occurrence)
    changed = inserted + text
    problems = verify_evidence(_dataset(changed, item), {"src": changed}, {"p": "p.toml"})
    messages = [p for p in problems if p.field != "length"]
    mismatch = changed[item.start : item.end] != exact
    prefix_broken = not changed[: item.start].endswith(item.prefix)
    suffix_broken = not changed[item.end :].startswith(item.suffix)
    assert bool(messages) == (mismatch or prefix_broken or suffix_broken)
    for problem in messages:
        assert (problem.file, problem.record, problem.field) == ("p.toml", "p", "evidence[0]")
    if mismatch:
        (problem,) = messages
        assert problem.message.startswith(f"quote {exact!r} is not at {item.start}-{item.end}")
        at = changed.find(exact)
        assert problem.message.endswith(f"; it is at {at}-{at + len(exact)}")


def test_verify_reports_wrong_prefix_suffix_and_length() -> None:
    """Reports a prefix or suffix that does not surround the quote, and a wrong length."""
    text = "Users must register with real names."
    item = quote("src", text, "register", context=5)
    dataset = _dataset(text, attrs.evolve(item, prefix="may "), attrs.evolve(item, suffix=" by"))
    dataset = attrs.evolve(dataset, sources=(attrs.evolve(dataset.sources[0], length=5),))
    assert verify_evidence(dataset, {"src": text}) == [
        Problem("", "src", "length", f"the text has {len(text)} code points (got 5)"),
        Problem("", "p", "evidence[0]", "prefix 'may ' does not precede the quote (found 'ust ')"),
        Problem("", "p", "evidence[1]", "suffix ' by' does not follow the quote (found ' wi')"),
    ]


def test_verify_skips_sources_without_a_text() -> None:
    """Checks nothing for a source whose text is not available."""
    item = Evidence(source="src", exact="x", start=99, end=100)
    assert verify_evidence(_dataset("text", item), {}) == []


def test_offsets_count_code_points_not_bytes_or_utf16_units() -> None:
    """Counts offsets in code points, so a quote after an emoji is found where Python finds it."""
    text = "😀 中文 real names"
    item = quote("src", text, "real names")
    assert (item.start, item.end) == (5, 15)
    assert verify_evidence(_dataset(text, item), {"src": text}) == []


def test_evidence_of_walks_measures_too() -> None:
    """Lists a policy's own evidence and its measures' evidence, with their paths."""
    paths = [path for path, _ in evidence_of(POLICY)]
    assert paths == ["evidence[0]", "measures[0].evidence[0]", "measures[1].evidence[0]"]


def test_sha256_text_hashes_utf8() -> None:
    """Hashes the UTF-8 bytes of a text."""
    assert sha256_text("") == hashlib.sha256(b"").hexdigest()
    assert sha256_text("中") == hashlib.sha256("中".encode()).hexdigest()


@given(st.lists(TEXTS, min_size=1, max_size=3, unique=True))
def test_read_texts_matches_by_hash_whatever_the_file_name(texts: list[str]) -> None:
    """Finds each source's text by SHA-256 whatever its file is called, ignoring others."""
    dataset = Dataset(
        DatasetInfo(id="d", title="D"),
        sources=tuple(_source(t, f"s{i}") for i, t in enumerate(texts)),
    )
    with tempfile.TemporaryDirectory() as tmp:
        for i, text in enumerate(texts):
            Path(tmp, f"file-{i}.txt").write_text(text, "utf-8")
        Path(tmp, "s0.txt").write_text(texts[0] + "changed", "utf-8")
        Path(tmp, "notes.md").write_text(texts[0], "utf-8")
        Path(tmp, "latin1.txt").write_bytes(b"\xff\xfe")
        assert read_texts(Path(tmp), dataset) == {f"s{i}": t for i, t in enumerate(texts)}


def test_read_texts_needs_a_directory(tmp_path: Path) -> None:
    """Refuses a path that is not a directory."""
    with pytest.raises(NotFoundError, match="not a directory of source texts"):
        read_texts(tmp_path / "missing", Dataset(DatasetInfo(id="d", title="D")))


def test_the_seed_texts_verify_the_bundled_dataset(seed_texts: Path) -> None:
    """Finds a text for every bundled source and every quote where it says it is."""
    dataset = load_bundled()
    texts = read_texts(seed_texts, dataset)
    assert set(texts) == {s.id for s in dataset.sources}
    assert verify_evidence(dataset, texts) == []


@given(
    st.lists(
        st.lists(st.text(alphabet='ab,"\r\n x\u2028', max_size=6), min_size=1, max_size=4),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from(["\r\n", "\n"]),
)
def test_row_spans_find_each_csv_record(rows: list[list[str]], terminator: str) -> None:
    """Finds each record of a CSV text, quoted line breaks and all, as csv.reader reads it."""
    import csv
    import io

    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator=terminator).writerows(rows)
    text = buffer.getvalue()
    spans = row_spans(text)
    expected = list(csv.reader(io.StringIO(text, newline="")))
    assert len(spans) == len(expected)
    for (start, end), record in zip(spans, expected, strict=True):
        assert next(csv.reader(io.StringIO(text[start:end] + "\n", newline=""))) == record
