"""Drafts: writing candidate records and accepting them (policytrack.coding.drafts)."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from policytrack import (
    DataError,
    DraftError,
    Gazetteer,
    Reliability,
    UncertainDate,
    accept_draft,
    bundled_gazetteer,
    extract_candidates,
    load,
    register_source,
    write_draft,
)
from policytrack.coding.drafts import CANDIDATES_FILE, DRAFT_FILE, PLACEHOLDER
from tests._curated import write

ARTICLE = (
    "Shanghai police said on Friday they had shut down 460 illegal accounts.\n"
    "The Cyberspace Administration of China (CAC) also acted.\n"
)
SOURCE = "wire-2023-shanghai"
OUTCOME = f"{SOURCE}-figure-01"


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    root = write(tmp_path / "data", {})
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, "utf-8")
    register_source(
        root,
        article,
        title="Shanghai police close accounts",
        outlet="Example Wire",
        published=UncertainDate.stated("2023-07-21"),
        reliability=Reliability.FOREIGN_MEDIA,
        source_id=SOURCE,
    )
    return root


@pytest.fixture
def draft(dataset: Path, tmp_path: Path) -> Path:
    data = load(dataset)
    source = data.get(SOURCE)
    names = Gazetteer.from_dataset(data).merged(bundled_gazetteer())
    result = extract_candidates(ARTICLE, SOURCE, published=source.published, gazetteer=names)  # type: ignore[union-attr]
    target = tmp_path / "draft"
    write_draft(result, data, target, sha256=source.sha256)  # type: ignore[union-attr]
    return target


def fill(draft: Path) -> None:
    """Do the coder's part: replace every placeholder of the proposed outcome."""
    path = draft / "outcomes" / f"{OUTCOME}.toml"
    text = path.read_text("utf-8")
    text = text.replace(
        f'description = "{PLACEHOLDER}: a sentence on what the figure is"',
        'description = "Accounts the Shanghai police said they had closed."',
    )
    path.write_text(text, "utf-8")


def test_a_draft_proposes_what_the_dataset_lacks(draft: Path) -> None:
    """Proposes new agencies and an outcome per figure, with the coder's notes beside them."""
    assert sorted(p.name for p in (draft / "agencies").iterdir()) == [
        "cac.toml",
        "shanghai-police.toml",
    ]
    outcome = tomllib.loads((draft / "outcomes" / f"{OUTCOME}.toml").read_text("utf-8"))
    assert outcome["metric"] == "accounts_closed"
    assert outcome["quantity"] == {
        "kind": "exact",
        "low": 460,
        "high": 460,
        "text": "460 illegal accounts",
    }
    assert outcome["agencies"] == ["shanghai-police"]
    assert outcome["reported_by"] == "Shanghai police"
    assert outcome["description"].startswith(PLACEHOLDER)
    assert outcome["period"]["edtf"] == "2023-07-21"
    assert outcome["evidence"][0]["exact"] == (
        "Shanghai police said on Friday they had shut down 460 illegal accounts"
    )
    assert tomllib.loads((draft / DRAFT_FILE).read_text("utf-8"))["source"] == SOURCE
    candidates = (draft / CANDIDATES_FILE).read_text("utf-8")
    assert "## Sentence 0" in candidates and "460 illegal accounts" in candidates


def test_an_existing_draft_is_not_overwritten_unless_asked(dataset: Path, draft: Path) -> None:
    """Refuses to write over a draft, unless told to."""
    data = load(dataset)
    result = extract_candidates(ARTICLE, SOURCE)
    with pytest.raises(DraftError, match="already there"):
        write_draft(result, data, draft, sha256="0" * 64)
    written = write_draft(result, data, draft, sha256="0" * 64, overwrite=True)
    assert written.records["agencies"] == ("shanghai-police", "cac")


def test_placeholders_are_refused_with_their_location(dataset: Path, draft: Path) -> None:
    """Refuses a draft while a TODO is left, naming the file, record and field."""
    with pytest.raises(DataError) as caught:
        accept_draft(dataset, draft)
    (problem,) = caught.value.problems
    assert problem.file == str(draft / "outcomes" / f"{OUTCOME}.toml")
    assert (problem.record, problem.field) == (OUTCOME, "description")
    assert "placeholder" in problem.message
    assert OUTCOME not in load(dataset)


def test_an_edited_draft_is_accepted_into_the_dataset(dataset: Path, draft: Path) -> None:
    """Adds the draft's records, which then load with the dataset, quotes verified."""
    fill(draft)
    result = accept_draft(dataset, draft)
    assert set(result.added) == {"cac", "shanghai-police", OUTCOME}
    data = load(dataset)
    assert data.get(OUTCOME).quantity.low == 460  # type: ignore[union-attr]
    assert (dataset / "outcomes" / f"{OUTCOME}.toml").is_file()
    again = accept_draft(dataset, draft, check_only=True, replace=True)
    assert set(again.replaced) == set(result.added) and not again.written


def test_a_check_writes_nothing(dataset: Path, draft: Path) -> None:
    """Validates with check_only but leaves the dataset as it was."""
    fill(draft)
    before = sorted(p.name for p in dataset.rglob("*.toml"))
    result = accept_draft(dataset, draft, check_only=True)
    assert not result.written and OUTCOME in result.added
    assert sorted(p.name for p in dataset.rglob("*.toml")) == before


def test_a_badly_edited_draft_gets_the_errors_of_any_dataset_file(
    dataset: Path, draft: Path, tmp_path: Path
) -> None:
    """Reports the same problems, by record and field, as loading a dataset holding the file."""
    fill(draft)
    path = draft / "outcomes" / f"{OUTCOME}.toml"
    text = path.read_text("utf-8")
    text = text.replace('metric = "accounts_closed"', 'metric = "accounts_shut"')
    text = text.replace("unit = ", "unti = ")
    text = text.replace("start = 0", "start = 3", 1)
    path.write_text(text, "utf-8")
    with pytest.raises(DataError) as caught:
        accept_draft(dataset, draft)
    from_draft = {(p.record, p.field, p.message) for p in caught.value.problems}
    assert all(p.file == str(path) for p in caught.value.problems)

    plain = tmp_path / "plain"
    shutil.copytree(dataset, plain)
    for folder in ("agencies", "outcomes"):
        for file in (draft / folder).glob("*.toml"):
            (plain / folder).mkdir(exist_ok=True)
            shutil.copy(file, plain / folder / file.name)
    with pytest.raises(DataError) as loaded:
        load(plain)
    assert from_draft == {(p.record, p.field, p.message) for p in loaded.value.problems}
    fields = {field for _, field, _ in from_draft}
    assert {"metric", "unit", "evidence[0].end"} <= fields
    assert any("unti" in message for _, _, message in from_draft)


def test_invalid_toml_is_located(dataset: Path, draft: Path) -> None:
    """Names the draft file that is not valid TOML."""
    path = draft / "agencies" / "cac.toml"
    path.write_text('id = "cac\n', "utf-8")
    with pytest.raises(DataError) as caught:
        accept_draft(dataset, draft)
    assert any(p.file == str(path) and "not valid TOML" in p.message for p in caught.value.problems)


def test_an_id_already_in_the_dataset_is_refused(dataset: Path, draft: Path) -> None:
    """Refuses a record whose id the dataset already uses, unless replacing is allowed."""
    fill(draft)
    (draft / "agencies" / "cac.toml").rename(draft / "agencies" / "npcsc.toml")
    cac = (
        (draft / "agencies" / "npcsc.toml").read_text("utf-8").replace('id = "cac"', 'id = "npcsc"')
    )
    (draft / "agencies" / "npcsc.toml").write_text(cac, "utf-8")
    with pytest.raises(DataError) as caught:
        accept_draft(dataset, draft)
    (problem,) = caught.value.problems
    assert (problem.record, problem.field) == ("npcsc", "id")
    assert "already used in the dataset" in problem.message
    result = accept_draft(dataset, draft, replace=True)
    assert "npcsc" in result.replaced
    assert load(dataset).get("npcsc").name == "Cyberspace Administration of China"  # type: ignore[union-attr]


def test_a_quote_that_is_not_in_the_text_is_refused(dataset: Path, draft: Path) -> None:
    """Verifies the draft's quotes against the stored text."""
    fill(draft)
    path = draft / "agencies" / "cac.toml"
    data = path.read_text("utf-8")
    moved = data.replace(
        'exact = "Cyberspace Administration of China', 'exact = "Cyberspace Administration of Chine'
    )
    path.write_text(moved, "utf-8")
    with pytest.raises(DataError) as caught:
        accept_draft(dataset, draft)
    assert any(
        p.file == str(path) and p.field == "evidence[0]" and "is not at" in p.message
        for p in caught.value.problems
    )


def test_quotes_need_their_text(dataset: Path, draft: Path, tmp_path: Path) -> None:
    """Refuses quotes whose source text is not in the texts directory."""
    fill(draft)
    with pytest.raises(DataError) as caught:
        accept_draft(dataset, draft, texts=tmp_path / "no-texts")
    assert any("cannot be checked" in p.message for p in caught.value.problems)


def test_a_misnamed_collection_directory_is_reported(dataset: Path, draft: Path) -> None:
    """Says which directory is not a collection, and what it may have meant."""
    fill(draft)
    (draft / "outcomes").rename(draft / "outcome")
    with pytest.raises(DataError) as caught:
        accept_draft(dataset, draft)
    (problem,) = caught.value.problems
    assert "did you mean 'outcomes'" in problem.message


def test_an_empty_draft_is_refused(dataset: Path, tmp_path: Path) -> None:
    """Refuses a draft with no record files."""
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(DraftError, match="holds no record files"):
        accept_draft(dataset, empty)
