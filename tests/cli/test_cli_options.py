"""Options where people type them, and each once-silent surprise now an error or what it says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policytrack.cli import app
from tests._curated import TEXT, write

runner = CliRunner()

NPCSC = "cn-2012-npcsc-real-name-decision"
XI = "cn-2023-xi-security-barrier-directive"


def invoke(*args: str, env: dict[str, str] | None = None) -> object:
    return runner.invoke(app, list(args), env=env)


@pytest.mark.parametrize(
    "command",
    [
        ("escalation",),
        ("index",),
        ("timeline",),
        ("list", "policies"),
        ("show", NPCSC),
        ("codebook",),
        ("outcomes",),
        ("platform", "weibo"),
        ("compare", "policies", NPCSC, XI),
        ("compare", "periods", "2013", "2023"),
        ("compare", "jurisdictions", "CN", "CN-SH"),
        ("sensitivity", "rose", "--from", "2013", "--to", "2023"),
    ],
)
def test_format_json_works_after_the_command(command: tuple[str, ...]) -> None:
    """Prints the same JSON with --format json after the command's name as before it."""
    after = invoke(*command, "--format", "json")
    before = invoke("--format", "json", *command)
    assert after.exit_code == 0, after.output
    assert json.loads(after.stdout) == json.loads(before.stdout)


def test_data_and_codebook_work_after_the_command(tmp_path: Path) -> None:
    """Reads the dataset and codebook named with -d and --codebook after the command."""
    root = write(tmp_path / "data", {})
    result = invoke("list", "policies", "-d", str(root), "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1].startswith("decision,")
    missing = invoke("codebook", "--codebook", str(tmp_path / "none.toml"))
    assert missing.exit_code == 1
    assert "none.toml" in missing.stderr


def test_the_environment_gives_the_defaults(tmp_path: Path) -> None:
    """Takes --format and --data from POLICYTRACK_FORMAT and POLICYTRACK_DATA; options win."""
    root = write(tmp_path / "data", {})
    env = {"POLICYTRACK_FORMAT": "json", "POLICYTRACK_DATA": str(root)}
    result = invoke("list", "policies", env=env)
    assert result.exit_code == 0, result.output
    assert [r["id"] for r in json.loads(result.stdout)] == ["decision"]
    assert invoke("list", "policies", "--format", "csv", env=env).stdout.startswith("id,")


def test_an_unknown_format_after_the_command_is_a_usage_error() -> None:
    """Exits 2 naming --format and the formats there are."""
    result = invoke("escalation", "--format", "xml")
    assert result.exit_code == 2
    assert "--format" in result.stderr
    assert "table, json, csv, ndjson" in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ("escalation", "--from", "2023", "--to", "2012"),
        ("index", "--from", "2023", "--to", "2012"),
        ("timeline", "--from", "2023", "--to", "2012"),
        ("outcomes", "--from", "2023", "--to", "2012"),
        ("list", "policies", "--from", "2023", "--to", "2012"),
        ("chart", "-o", "chart.svg", "--from", "2023", "--to", "2012"),
        ("report", "-o", "report.html", "--from", "2023", "--to", "2012"),
        ("sensitivity", "rose", "--from", "2023", "--to", "2012"),
        ("panel", "--from", "2023", "--to", "2012"),
        ("coverage", "-j", "CN", "--from", "2023", "--to", "2012"),
    ],
)
def test_a_reversed_range_is_a_usage_error(
    command: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Exits 2 naming --from and --to, instead of swapping them or printing nothing."""
    monkeypatch.chdir(tmp_path)
    result = invoke(*command)
    assert not list(tmp_path.iterdir())
    assert result.exit_code == 2, result.output
    assert "--from 2023-01-01 is after --to 2012-12-31" in result.stderr


def test_a_reversed_window_is_a_usage_error() -> None:
    """Exits 2 on compare periods 2023..2012, naming the argument."""
    result = invoke("compare", "periods", "2023..2012", "2014")
    assert result.exit_code == 2
    assert "FIRST" in result.stderr
    assert "2023-01-01 is after 2012-12-31" in result.stderr


@pytest.mark.parametrize("value", ["2023-01-01/2024", "2012-12~", "../2012", "2012-13", "12"])
def test_a_date_option_takes_only_the_forms_its_help_gives(value: str) -> None:
    """Rejects an EDTF interval or an uncertain date where the help says YYYY[-MM[-DD]]."""
    result = invoke("escalation", "--to", value)
    assert result.exit_code == 2
    assert "--to" in result.stderr


def test_list_rejects_an_unknown_jurisdiction() -> None:
    """Exits 2 on --jurisdiction XX, as escalation does, instead of listing 0 policies."""
    result = invoke("list", "policies", "--jurisdiction", "XX")
    assert result.exit_code == 2
    assert "'XX' is not an ISO 3166-1" in result.stderr


def test_top_chooses_the_steps_listed() -> None:
    """Lists only the --top largest composite steps, in date order, in every format."""
    every = json.loads(invoke("escalation", "--format", "json").stdout)["composite_steps"]
    rows = invoke("escalation", "--top", "2", "--format", "csv").stdout.splitlines()[1:]
    largest = sorted(every, key=lambda s: -abs(s["after"] - (s["before"] or 0.0)))[:2]
    assert [r.split(",")[0] for r in rows] == sorted(s["day"] for s in largest)
    assert len(invoke("escalation", "--format", "csv").stdout.splitlines()) == len(every) + 1
    text = invoke("escalation", "--top", "2").stdout
    assert f"the 2 largest of {len(every)} steps" in text


def test_metric_is_repeatable() -> None:
    """Totals every metric given with --metric, not only the last."""
    result = invoke(
        "outcomes", "--metric", "accounts_closed", "--metric", "people_detained", "--format", "csv"
    )
    assert result.exit_code == 0, result.output
    metrics = {line.split(",")[0] for line in result.stdout.splitlines()[1:]}
    assert metrics == {"accounts_closed", "people_detained"}


def test_chart_refuses_a_file_name_it_cannot_write(tmp_path: Path) -> None:
    """Exits 2 on -o china.png instead of writing SVG into a .png file."""
    out = tmp_path / "china.png"
    result = invoke("chart", "-o", str(out))
    assert result.exit_code == 2
    assert "PNG" in result.stderr
    assert not out.exists()


def test_chart_writes_vega_lite(tmp_path: Path) -> None:
    """Writes a Vega-Lite spec with --as vega-lite, or for an output ending .json."""
    out = tmp_path / "china.json"
    assert invoke("chart", "-o", str(out)).exit_code == 0
    spec = json.loads(out.read_text("utf-8"))
    assert spec["$schema"].endswith("vega-lite/v5.json")
    other = tmp_path / "chart.vl"
    assert invoke("chart", "-o", str(other), "--as", "vega-lite").exit_code == 2
    assert invoke("chart", "-o", str(tmp_path / "c.svg"), "--as", "vega-lite").exit_code == 2


def test_synth_refuses_a_format_its_output_name_contradicts(tmp_path: Path) -> None:
    """Exits 2 on -o s.json --as toml instead of writing a directory called s.json."""
    out = tmp_path / "s.json"
    result = invoke("synth", "-o", str(out), "--as", "toml", "-n", "2")
    assert result.exit_code == 2
    assert "s.json" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("old", ["-f", "--format"])
def test_the_old_file_format_option_still_works_with_a_warning(tmp_path: Path, old: str) -> None:
    """Accepts export's and synth's old -f/--format for a release, saying to use --as."""
    out = tmp_path / "d.json"
    result = invoke("export", old, "json", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "deprecated" in result.stderr
    assert "--as" in result.stderr
    assert json.loads(out.read_text("utf-8"))["info"]
    synth = invoke("synth", old, "ndjson", "-o", str(tmp_path / "s.ndjson"), "-n", "2")
    assert synth.exit_code == 0, synth.output
    assert "deprecated" in synth.stderr
    assert (tmp_path / "s.ndjson").is_file()


def test_show_names_the_record_kind_in_the_singular() -> None:
    """Heads a policy 'policy ...', not 'policie ...'."""
    assert invoke("show", NPCSC).stdout.startswith(f"policy {NPCSC}\n")


def test_compare_policies_says_when_nothing_is_shared_or_touched() -> None:
    """Says 'neither touches it' and 'none shared' instead of 'unknown' and an empty 'shared:'."""
    result = invoke("compare", "policies", NPCSC, XI, "--format", "csv")
    rows = {line.split(",")[0]: line for line in result.stdout.splitlines()}
    assert rows["blocking"].endswith(",neither touches it")
    assert rows["agencies"].endswith(",none shared")
    assert "shared:," not in result.stdout
    assert not result.stdout.rstrip().endswith("shared:")


def test_timeline_takes_a_window() -> None:
    """Keeps the steps within --from/--to and the one in force on --from."""
    every = invoke("timeline", "--format", "csv").stdout.splitlines()[1:]
    window = invoke("timeline", "--from", "2013", "--to", "2014", "--format", "csv")
    rows = window.stdout.splitlines()[1:]
    assert 0 < len(rows) < len(every)
    assert all(row.split(",")[2] <= "2014-12-31" for row in rows)


def test_the_headline_gives_no_change_from_an_unknown_value() -> None:
    """Says there is no value at the start instead of 'composite unknown -> 85.7 (+85.7)'."""
    first = invoke("escalation", "--series", "latest").stdout.splitlines()[0]
    assert "(+" not in first
    assert "no value on" in first


def test_validate_takes_data_and_several_text_folders(tmp_path: Path) -> None:
    """Validates --data against texts spread over two --texts folders."""
    root = write(tmp_path / "data", {})
    empty, texts = tmp_path / "empty", tmp_path / "texts"
    empty.mkdir()
    texts.mkdir()
    (texts / "article.txt").write_text(TEXT, "utf-8")
    result = invoke("validate", "--data", str(root), "--texts", str(empty), "--texts", str(texts))
    assert result.exit_code == 0, result.output
    assert f"verified against {empty} and {texts}" in result.stdout
    alone = invoke("validate", "--data", str(root), "--texts", str(empty))
    assert alone.exit_code == 1


def test_validate_keeps_its_old_spellings_with_warnings(tmp_path: Path) -> None:
    """Accepts the positional dataset and --sources for a release, saying what to use."""
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "article.txt").write_text(TEXT, "utf-8")
    root = write(tmp_path / "data", {})
    result = invoke("validate", str(root), "--sources", str(texts))
    assert result.exit_code == 0, result.output
    assert "use --texts" in result.stderr
    assert "use --data" in result.stderr


def test_extract_looks_in_every_texts_folder(tmp_path: Path) -> None:
    """Finds a source's text in the second of two --texts folders."""
    root = write(tmp_path / "data", {})
    empty, texts = tmp_path / "empty", tmp_path / "texts"
    empty.mkdir()
    texts.mkdir()
    (texts / "article.txt").write_text(TEXT, "utf-8")
    result = invoke("extract", "src", "-d", str(root), "--texts", str(empty), "--texts", str(texts))
    assert result.exit_code == 0, result.output
    alone = invoke("extract", "src", "-d", str(root), "--texts", str(empty))
    assert alone.exit_code == 1
    assert f"no text of 'src' in {empty}" in alone.stderr
