"""Registering sources (policytrack.coding.register)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policytrack import (
    DuplicateSourceError,
    NotFoundError,
    RegistrationError,
    Reliability,
    UncertainDate,
    load,
    normalise_text,
    register_source,
    sha256_text,
)
from policytrack.coding.register import source_id_for, text_path
from tests._curated import TEXT, write

ARTICLE = "Roskomnadzor restricted access to Instagram on Monday.\nIt had blocked Facebook.\n"


def add(root: Path, file: Path, **changes: object) -> object:
    options: dict[str, object] = {
        "title": "Instagram restricted",
        "outlet": "Example Wire",
        "published": UncertainDate.stated("2022-03-15"),
        "reliability": Reliability.FOREIGN_MEDIA,
    }
    options.update(changes)
    return register_source(root, file, **options)  # type: ignore[arg-type]


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    return write(tmp_path / "data", {})


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, "utf-8")
    return path


def test_registers_the_source_and_stores_its_text(dataset: Path, article: Path) -> None:
    """Adds a source with the text's hash and length and stores the text in DATASET/texts."""
    result = add(dataset, article, url="https://example.org/a", source_id="wire-2022-instagram")
    source = result.source  # type: ignore[attr-defined]
    assert source.sha256 == sha256_text(ARTICLE) and source.length == len(ARTICLE)
    stored = dataset / "texts" / "wire-2022-instagram.txt"
    assert result.path == str(stored)  # type: ignore[attr-defined]
    assert stored.read_text("utf-8") == ARTICLE
    reloaded = load(dataset)
    assert reloaded.get("wire-2022-instagram") == source
    assert (dataset / "sources" / "wire-2022-instagram.toml").is_file()


def test_refuses_a_text_already_registered_and_names_the_source(
    dataset: Path, tmp_path: Path
) -> None:
    """Refuses the text of an existing source, naming it."""
    same = tmp_path / "again.txt"
    same.write_text(TEXT, "utf-8")
    with pytest.raises(DuplicateSourceError, match="already registered as source 'src'") as caught:
        add(dataset, same)
    assert caught.value.existing == "src"


def test_refuses_a_text_that_only_differs_in_line_endings(dataset: Path, article: Path) -> None:
    """Refuses the same text again with Windows line endings (it normalises to the same)."""
    add(dataset, article, source_id="first")
    crlf = article.with_name("crlf.txt")
    crlf.write_bytes(ARTICLE.replace("\n", "\r\n").encode("utf-8"))
    with pytest.raises(DuplicateSourceError, match="'first'"):
        add(dataset, crlf, title="Another title")


def test_the_texts_directory_is_configurable(dataset: Path, article: Path, tmp_path: Path) -> None:
    """Stores the text in the directory given instead of DATASET/texts."""
    elsewhere = tmp_path / "texts-elsewhere"
    result = add(dataset, article, source_id="wire", texts=elsewhere)
    assert result.path == str(elsewhere / "wire.txt")  # type: ignore[attr-defined]
    assert not (dataset / "texts").exists()
    loaded = load(dataset)
    assert loaded.get("wire").sha256 == sha256_text(ARTICLE)  # type: ignore[union-attr]


def test_never_writes_outside_the_texts_directory(
    dataset: Path, article: Path, tmp_path: Path
) -> None:
    """Refuses a text path that is a link leading out of the texts directory."""
    texts = dataset / "texts"
    texts.mkdir()
    outside = tmp_path / "outside.txt"
    os.symlink(outside, texts / "wire.txt")
    with pytest.raises(RegistrationError, match="outside"):
        add(dataset, article, source_id="wire")
    assert not outside.exists()
    with pytest.raises(RegistrationError, match="lower-case"):
        text_path(texts, "../escape")


def test_refuses_text_that_is_not_utf8_or_is_empty(dataset: Path, tmp_path: Path) -> None:
    """Refuses bytes that are not UTF-8, and a text with nothing in it."""
    latin = tmp_path / "latin.txt"
    latin.write_bytes("caf\xe9".encode("latin-1"))
    with pytest.raises(RegistrationError, match="not UTF-8"):
        add(dataset, latin)
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n", "utf-8")
    with pytest.raises(RegistrationError, match="empty"):
        add(dataset, blank)


def test_refuses_a_taken_id_and_bad_fields(dataset: Path, article: Path) -> None:
    """Refuses an id already in the dataset, and an invalid field, naming it."""
    with pytest.raises(RegistrationError, match="'npcsc' is already used"):
        add(dataset, article, source_id="npcsc")
    with pytest.raises(RegistrationError, match="'title' must be non-empty"):
        add(dataset, article, title=" ")
    assert not (dataset / "texts").exists() or not any((dataset / "texts").iterdir())


def test_missing_files_and_directories_are_reported(dataset: Path, tmp_path: Path) -> None:
    """Says which file or dataset directory is missing."""
    with pytest.raises(NotFoundError, match="no such file"):
        add(dataset, tmp_path / "nope.txt")
    with pytest.raises(NotFoundError, match="not a curated dataset directory"):
        add(tmp_path / "no-dataset", tmp_path / "nope.txt")


def test_ids_are_made_from_outlet_year_and_title() -> None:
    """Makes a readable id, numbered when it is taken."""
    published = UncertainDate.stated("2023-07-18")
    made = source_id_for("The Register", published, "Beijing wants a greater Firewall", set())
    assert made == "register-2023-beijing-wants-greater-firewall"
    assert source_id_for("The Register", published, "Beijing wants a greater Firewall", {made}) == (
        made + "-2"
    )
    assert source_id_for("Ще", published, "日本", set()) == "source-2023-text"


def test_normalising_removes_a_bom_and_unifies_line_endings() -> None:
    """Removes a byte-order mark and turns CRLF and CR into LF, and says so."""
    text, done = normalise_text("\ufeffa\r\nb\rc\n")
    assert text == "a\nb\nc\n"
    assert done.byte_order_mark and done.line_endings == 2 and not done.nfc
    assert done.changes() == [
        "removed a byte-order mark",
        "converted 2 CRLF or CR line ending(s) to LF",
    ]


def test_nfc_is_applied_only_when_asked() -> None:
    """Composes characters to NFC only on request."""
    decomposed = "cafe\u0301"
    assert normalise_text(decomposed)[0] == decomposed
    composed, done = normalise_text(decomposed, nfc=True)
    assert composed == "caf\u00e9" and done.nfc


@given(st.text())
def test_normalising_is_idempotent(raw: str) -> None:
    """Changes nothing the second time."""
    once, _ = normalise_text(raw, nfc=True)
    twice, done = normalise_text(once, nfc=True)
    assert once == twice and done.changes() == []
