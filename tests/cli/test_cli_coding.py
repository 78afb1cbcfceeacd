"""The coding commands: source add, extract, accept, agreement, extraction-quality."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policytrack import bundled_path, load
from policytrack.cli import app

runner = CliRunner()
ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "examples" / "coding-a-new-article"
SECOND = ROOT / "examples" / "second-coding"
SOURCE = "example-2022-russia-instagram"


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    target = tmp_path / "dataset"
    shutil.copytree(bundled_path(), target)
    return target


def add_article(dataset: Path, *extra: str) -> object:
    return runner.invoke(
        app,
        [
            "--data",
            str(dataset),
            "source",
            "add",
            str(EXAMPLE / "article.txt"),
            "--id",
            SOURCE,
            "--title",
            "Russia restricts Instagram",
            "--outlet",
            "policytrack example",
            "--published",
            "2022-03-15",
            "--reliability",
            "independent_media",
            *extra,
        ],
    )


def test_source_add_registers_the_text(dataset: Path) -> None:
    """Stores the text in DATASET/texts and adds the source record."""
    result = add_article(dataset)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert SOURCE in result.stdout  # type: ignore[attr-defined]
    assert (dataset / "texts" / f"{SOURCE}.txt").is_file()
    assert load(dataset).get(SOURCE).title == "Russia restricts Instagram"  # type: ignore[union-attr]


def test_source_add_refuses_a_registered_text(dataset: Path) -> None:
    """Exits 1 naming the source that already has the text."""
    add_article(dataset)
    result = add_article(dataset)
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert f"already registered as source '{SOURCE}'" in result.stderr  # type: ignore[attr-defined]
    assert "Traceback" not in result.output  # type: ignore[attr-defined]


def test_source_add_needs_a_dataset_directory(tmp_path: Path) -> None:
    """Exits 2 naming --data when no dataset directory is given."""
    result = runner.invoke(
        app,
        [
            "source",
            "add",
            str(EXAMPLE / "article.txt"),
            "--title",
            "t",
            "--outlet",
            "o",
            "--published",
            "2022",
            "--reliability",
            "ngo",
        ],
    )
    assert result.exit_code == 2
    assert "--data" in result.stderr


def test_source_add_checks_the_date(dataset: Path) -> None:
    """Exits 2 on a bad date, and on an inferred date without a reason."""
    result = add_article(dataset, "--published", "2022-13-01")
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert "--published" in result.stderr  # type: ignore[attr-defined]
    result = add_article(dataset, "--published-basis", "inferred")
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert "reason" in result.stderr  # type: ignore[attr-defined]


def test_extract_prints_candidates_and_writes_a_draft(dataset: Path, tmp_path: Path) -> None:
    """Lists candidates by sentence and writes a draft with -o."""
    add_article(dataset)
    draft = tmp_path / "draft"
    result = runner.invoke(app, ["--data", str(dataset), "extract", SOURCE, "-o", str(draft)])
    assert result.exit_code == 0, result.output
    assert "Roskomnadzor" in result.stdout and "2022-03-14 inferred" in result.stdout
    assert (draft / "agencies" / "roskomnadzor.toml").is_file()
    assert "wrote draft" in result.stderr
    assert SOURCE not in {r.id for r in load(dataset).outcomes}


def test_extract_json_is_the_library_result(dataset: Path) -> None:
    """Prints the extraction itself with --format json."""
    add_article(dataset)
    result = runner.invoke(app, ["--data", str(dataset), "--format", "json", "extract", SOURCE])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["source"] == SOURCE and data["sentences"]


def test_extract_needs_a_source_with_a_text(dataset: Path) -> None:
    """Exits 1 for a record that is not a source, and for a source without a text."""
    result = runner.invoke(app, ["--data", str(dataset), "extract", "cac"])
    assert result.exit_code == 1 and "not a source" in result.stderr
    result = runner.invoke(app, ["--data", str(dataset), "extract", "care2-2012-real-name"])
    assert result.exit_code == 1 and "--texts" in result.stderr
    add_article(dataset)  # now DATASET/texts exists, without the Care2 text
    result = runner.invoke(app, ["--data", str(dataset), "extract", "care2-2012-real-name"])
    assert result.exit_code == 1 and "no text of 'care2-2012-real-name'" in result.stderr


def test_accept_reports_problems_one_per_line(dataset: Path, tmp_path: Path) -> None:
    """Exits 1 with each placeholder located, and adds nothing."""
    add_article(dataset)
    draft = tmp_path / "draft"
    runner.invoke(app, ["--data", str(dataset), "extract", SOURCE, "-o", str(draft)])
    result = runner.invoke(app, ["--data", str(dataset), "accept", str(draft)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines and all(str(draft) in line and "placeholder" in line for line in lines)
    assert "nothing was added" in result.stderr


def test_accept_adds_a_finished_draft(dataset: Path, tmp_path: Path) -> None:
    """Adds the coder's records, and --check writes nothing."""
    add_article(dataset)
    draft = tmp_path / "draft"
    runner.invoke(app, ["--data", str(dataset), "extract", SOURCE, "-o", str(draft)])
    for proposal in (draft / "outcomes").glob("*.toml"):
        proposal.unlink()
    shutil.copytree(EXAMPLE / "coded" / "policies", draft / "policies")
    check = runner.invoke(app, ["--data", str(dataset), "accept", str(draft), "--check"])
    assert check.exit_code == 0, check.output
    assert "would add" in check.stderr
    assert "ru-2022-instagram-restriction" not in load(dataset)
    result = runner.invoke(app, ["--data", str(dataset), "accept", str(draft)])
    assert result.exit_code == 0, result.output
    assert "ru-2022-instagram-restriction" in load(dataset)


def test_agreement_reports_alpha_for_two_codings() -> None:
    """Prints the matches, the agreement per dimension, alpha and the disagreements."""
    result = runner.invoke(app, ["agreement", str(bundled_path()), str(SECOND)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    # All five articles, after resolution (docs/coding-notes.md): 19 of 23 levels agree.
    assert "82.6% (19/23)" in out and "0.626" in out
    assert "cn-great-firewall <-> cn-great-firewall" in out
    assert "Disagreements" in out and "shut down 460 illegal accounts for violations" in out


@pytest.mark.parametrize("fmt", ["json", "csv", "ndjson"])
def test_agreement_in_script_formats(fmt: str) -> None:
    """Prints JSON with alpha's parts, and CSV or NDJSON rows per dimension."""
    result = runner.invoke(app, ["--format", fmt, "agreement", str(bundled_path()), str(SECOND)])
    assert result.exit_code == 0, result.output
    if fmt == "json":
        data = json.loads(result.stdout)
        assert round(data["overall"]["alpha"]["value"], 3) == 0.626
    elif fmt == "ndjson":
        rows = [json.loads(line) for line in result.stdout.splitlines()]
        assert rows[-1]["dimension"] == "all" and rows[-1]["alpha"] == "0.626"
    else:
        assert result.stdout.splitlines()[-1].startswith("all,23,")


def test_extraction_quality_prints_recall_per_category(seed_texts: Path) -> None:
    """Prints recall and precision of agencies, platforms, figures and dates."""
    result = runner.invoke(app, ["extraction-quality", "--texts", str(seed_texts)])
    assert result.exit_code == 0, result.output
    for category in ("agencies", "platforms", "figures", "dates"):
        assert category in result.stdout
    result = runner.invoke(
        app, ["--format", "json", "extraction-quality", "--texts", str(seed_texts), "--by-source"]
    )
    data = json.loads(result.stdout)
    assert [t["category"] for t in data["totals"]] == ["agencies", "platforms", "figures", "dates"]


def test_the_example_codes_an_article_from_text_to_comparison(tmp_path: Path) -> None:
    """Runs the end-to-end example: register, extract, code, accept, compare with China."""
    done = subprocess.run(
        [sys.executable, str(EXAMPLE / "run.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "added 10 and replaced 0 record(s)" in done.stderr
    assert "ok (6 sources" in done.stdout
    comparison = done.stdout.split("compare jurisdictions CN RU", 1)[1]
    assert "CN" in comparison and "RU" in comparison
    dataset = load(tmp_path / "dataset")
    assert {p.jurisdiction for p in dataset.policies} >= {"CN", "RU"}
    assert load(bundled_path()).get("cac")  # the bundled dataset is untouched
    assert "ru-2022-instagram-restriction" not in load(bundled_path())
