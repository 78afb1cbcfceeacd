"""Every command of the CLI: help, docs, formats, error paths, and JSON equal to the library."""

from __future__ import annotations

import csv
import importlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import typing
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import HealthCheck, given, settings
from typer.testing import CliRunner

import policytrack
from policytrack import Dataset, bundled_codebook, converter, dumps
from policytrack.cli import app
from policytrack.testing.strategies import datasets

DOCS = Path(__file__).parents[2] / "docs" / "cli.md"
runner = CliRunner()

NPCSC = "cn-2012-npcsc-real-name-decision"
XI = "cn-2023-xi-security-barrier-directive"


def _commands() -> list[str]:
    """Every command's full name ("compare policies")."""
    root = typer.main.get_command(app)
    names = []

    def walk(group: object, prefix: str) -> None:
        for name, command in sorted(group.commands.items()):  # type: ignore[attr-defined]
            if hasattr(command, "commands"):
                walk(command, f"{prefix}{name} ")
            else:
                names.append(f"{prefix}{name}")

    walk(root, "")
    return names


def invoke(*args: str, input: str | None = None) -> object:
    return runner.invoke(app, list(args), input=input)


@pytest.mark.parametrize("name", _commands())
def test_every_command_has_help_and_a_docs_section(name: str) -> None:
    """Gives every command help text and a section in docs/cli.md."""
    result = invoke(*name.split(), "--help")
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.stdout
    command = typer.main.get_command(app)
    for part in name.split():
        command = command.commands[part]  # type: ignore[attr-defined]
    assert (command.help or "").strip()
    assert f"## `policytrack {name}`" in DOCS.read_text("utf-8")


def test_root_help_lists_every_command_without_building_any() -> None:
    """Lists each command with the help line it has built, and builds none to list them."""
    root = typer.main.get_command(app)
    with pytest.raises(SystemExit) as exited:
        root.main(["--help"], prog_name="policytrack")
    assert exited.value.code == 0
    assert not root.commands.built  # type: ignore[attr-defined]
    listed = invoke("--help").stdout.split("Commands:")[1]
    lines = {line.split()[0]: " ".join(line.split()[1:]) for line in listed.splitlines() if line}
    assert list(lines) == list(root.commands)
    width = 80 - 6 - max(map(len, lines))  # CliRunner's terminal is 80 columns wide
    for name, line in lines.items():
        assert line == root.commands[name].get_short_help_str(width), name
    assert len(root.commands.built) == len(lines)  # type: ignore[attr-defined]


ANSWERS = [
    ("list", "policies"),
    ("list", "outcomes", "--from", "2023-07", "--to", "2023-07"),
    ("list", "policies", "--agency", "npcsc"),
    ("list", "agencies", "--search", "police"),
    ("list", "agencies", "--sort", "enforces"),
    ("show", NPCSC),
    ("codebook",),
    ("timeline", "-j", "CN"),
    ("index", "-j", "CN", "--from", "2012", "--to", "2023", "-w", "ideology=0"),
    ("escalation", "--from", "2012", "--to", "2023"),
    ("compare", "policies", NPCSC, XI),
    ("compare", "periods", "2013", "2014"),
    ("compare", "jurisdictions", "CN", "CN-SH"),
    (
        "compare",
        "jurisdictions",
        "CN",
        "CN-SH",
        "--align-on",
        "2012-12-28",
        "--align-on",
        "2023-07-15",
    ),
    ("platform", "linkedin"),
    ("outcomes",),
    ("outcomes", "--by", "place"),
    ("sensitivity", "rose", "--from", "2013-01-01", "--to", "2014-12-31"),
    ("sensitivity", "stricter", NPCSC, XI),
    ("coverage", "-j", "CN", "--from", "2012", "--to", "2023"),
    ("outcomes", "--role", "context", "--source-kind", "foreign_media"),
    # Every recoded measure is probable (coding rule 6), so "certain" would leave nothing.
    ("escalation", "--from", "2012", "--to", "2023", "--min-confidence", "probable"),
]


def test_coverage_names_the_gap_in_reporting() -> None:
    """Names the years no bundled article speaks to, in words, on the command line."""
    result = invoke("coverage", "-j", "CN", "--from", "2012", "--to", "2023")
    assert result.exit_code == 0, result.output
    assert "No source covers 2014-07 to 2017-12: a gap in reporting" in result.stdout


def test_sensitivity_reports_the_range_across_rules_and_series() -> None:
    """Reports how many specifications support the 2012-2023 rise, and the range of the change."""
    result = invoke("sensitivity", "rose", "-j", "CN", "--from", "2012", "--to", "2023")
    assert result.exit_code == 0, result.output
    # Every recoded measure is probable, so keeping only certain ones leaves none: the one flip.
    assert "rose in 54 of 55 specifications; change +0.0 to +76.2" in result.stdout
    assert "flipped by min_confidence=certain" in result.stdout
    assert "unknown skip" in result.stdout


def test_comparing_with_an_uncoded_country_says_it_is_not_comparable() -> None:
    """Says plainly that a side no source covers is not comparable."""
    result = invoke("compare", "jurisdictions", "CN", "RU")
    assert result.exit_code == 0, result.output
    assert "RU is not comparable: no source covers it" in result.stdout


@pytest.mark.parametrize("args", ANSWERS, ids=" ".join)
@pytest.mark.parametrize("fmt", ["table", "json", "csv", "ndjson"])
def test_commands_answer_on_the_bundled_dataset(args: tuple[str, ...], fmt: str) -> None:
    """Answers in every output format, JSON that parses and tables without box characters."""
    result = invoke("--format", fmt, *args)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.strip()
    if fmt == "json":
        json.loads(out)
    elif fmt == "ndjson":
        for line in out.splitlines():
            json.loads(line)
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert len({len(r) for r in rows}) == 1
    else:
        assert not set("─│┃━┏┓└┘") & set(out)


def test_escalation_quotes_its_evidence() -> None:
    """Prints each step with the quotes behind it."""
    result = invoke("escalation", "--from", "2012", "--to", "2023")
    assert result.exit_code == 0
    assert "2012-12-28" in result.stdout
    assert "must now give their real names to service providers" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("show", "npcs"), "did you mean npcsc"),
        (("platform", "linkdin"), "did you mean linkedin"),
        (("compare", "policies", NPCSC, "nope"), "no record with id 'nope'"),
        (("--data", "no/such/dir", "list", "policies"), "no such dataset"),
        (("platform", "npcsc"), "not a platform"),
    ],
)
def test_data_errors_are_one_line_and_exit_1(args: tuple[str, ...], message: str) -> None:
    """Turns a data error into one line on standard error and exit status 1."""
    result = invoke(*args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (("escalation", "-j", "XX"), "--jurisdiction"),
        (("escalation", "--from", "2023-02-29"), "--from"),
        (("index", "-w", "nope=1"), "--weight"),
        (("index", "-w", "identity"), "--weight"),
        (("outcomes", "--metric", "nope"), "--metric"),
        (("outcomes", "--by", "nope"), "--by"),
        (("list", "nope"), "'collection'"),
        (("list", "agencies", "--sort", "nope"), "--sort"),
        (("export", "--as", "csv"), "--output"),
    ],
)
def test_bad_option_values_exit_2_naming_the_option(args: tuple[str, ...], option: str) -> None:
    """Exits 2 and names the option when a value is wrong."""
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert option in result.output
    assert "Traceback" not in result.output


def test_reads_a_dataset_from_standard_input() -> None:
    """Reads a machine-format dataset from standard input with --data -."""
    text = dumps(policytrack.load_bundled())
    result = invoke("--data", "-", "list", "sources", input=text)
    assert result.exit_code == 0, result.output
    assert "care2-2012-real-name" in result.stdout
    ndjson = dumps(policytrack.load_bundled(), "ndjson")
    result = invoke("--data", "-", "validate", input=ndjson)
    assert result.exit_code == 0, result.output


def test_reads_a_codebook_from_standard_input() -> None:
    """Reads a codebook from standard input with --codebook -."""
    path = Path(policytrack.__file__).parent / "codebooks" / "internet-controls.toml"
    result = invoke("--codebook", "-", "codebook", input=path.read_text("utf-8"))
    assert result.exit_code == 0, result.output
    assert "identity" in result.stdout


@given(datasets(max_policies=4))
@settings(deadline=None, max_examples=25, suppress_health_check=[HealthCheck.too_slow])
def test_json_output_is_the_library_result(dataset: Dataset) -> None:
    """Prints, with --format json, exactly the library's result unstructured by the converter."""
    text = dumps(dataset)
    codebook = bundled_codebook()
    for args, expected in (
        (("escalation", "-j", "CN"), policytrack.escalation(dataset, "CN", codebook=codebook)),
        (("index", "-j", "CN"), policytrack.index(dataset, "CN", codebook=codebook)),
        (("outcomes",), policytrack.outcome_totals(dataset)),
        (("list", "policies"), dataset.policies),
    ):
        result = invoke("--format", "json", "--data", "-", *args, input=text)
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout) == json.loads(
            json.dumps(converter.unstructure(expected), ensure_ascii=False)
        )


def test_exports_every_format(tmp_path: Path) -> None:
    """Writes JSON that loads back, CSV with a data package, and SQLite with working keys."""
    out = tmp_path / "d.json"
    assert invoke("export", "--as", "json", "-o", str(out)).exit_code == 0
    assert policytrack.load(out).policies == policytrack.load_bundled().policies
    assert invoke("export", "--as", "csv", "-o", str(tmp_path / "csv")).exit_code == 0
    package = json.loads((tmp_path / "csv" / "datapackage.json").read_text("utf-8"))
    assert {r["name"] for r in package["resources"]} >= {"policies", "measures", "evidence"}
    db = tmp_path / "d.sqlite"
    assert invoke("export", "--as", "sqlite", "-o", str(db)).exit_code == 0
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA foreign_keys = ON")
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    count = connection.execute("SELECT count(*) FROM policies").fetchone()[0]
    assert count == len(policytrack.load_bundled().policies)
    with pytest.raises(sqlite3.IntegrityError), connection:
        connection.execute(
            "INSERT INTO measures VALUES ('no-such-policy', 0, 'x', 1, 'general', 'r')"
        )


def test_chart_and_report_write_files(tmp_path: Path) -> None:
    """Writes the SVG chart and the HTML report where asked."""
    svg, html = tmp_path / "c.svg", tmp_path / "r.html"
    assert invoke("chart", "-o", str(svg)).exit_code == 0
    assert svg.read_text("utf-8").lstrip().startswith("<svg")
    assert invoke("report", "-o", str(html), "--from", "2012", "--to", "2023").exit_code == 0
    assert "<html" in html.read_text("utf-8")


def test_a_failed_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Leaves the previous file whole when writing the new one fails."""
    target = tmp_path / "c.svg"
    target.write_text("old", "utf-8")

    def fail(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("policytrack.storage.atomic.os.replace", fail)
    result = invoke("chart", "-o", str(target))
    assert result.exit_code == 1
    assert "no space left on device" in result.stderr
    assert target.read_text("utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["c.svg"]


def test_version() -> None:
    """Prints the version."""
    result = invoke("--version")
    assert result.exit_code == 0
    assert policytrack.__version__ in result.stdout


def test_a_command_added_to_the_app_runs_beside_the_built_in_ones() -> None:
    """Keeps a command a user adds to ``app`` itself, listed and run like the others."""
    extended = typer.Typer()
    extended.registered_callback = app.registered_callback
    extended.info = app.info
    extended.registered_commands = [*app.registered_commands]

    @extended.command("hello")
    def hello() -> None:
        """Say hello."""
        typer.echo("hello")

    assert runner.invoke(extended, ["hello"]).stdout == "hello\n"
    listed = runner.invoke(extended, ["--help"]).stdout
    assert "hello" in listed
    assert "escalation" in listed


def test_root_help_imports_none_of_the_library() -> None:
    """Answers ``--help`` without importing the model, its dependencies or the renderer.

    A guard on start-up time that measures no time: each of these costs 15 to 40 ms to import
    (docs/performance.md).
    """
    code = (
        "import sys\n"
        "from policytrack.cli import main\n"
        "sys.argv = ['policytrack', '--help']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ['attr', 'pendulum', 'rich', 'cattrs', 'numpy', 'policytrack.model.records']\n"
        "print(' '.join(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "Commands:" in done.stdout
    assert done.stderr.strip() == ""


_IMPORTED = """
import sys
from pathlib import Path

from policytrack.cli import main  # first, as the command's entry point imports it
import policytrack.storage.loader as loader
import policytrack.storage.resources as resources

packed, books = sys.argv[1:3]
if packed:  # as an installed wheel, which reads the bundled data and codebook from JSON
    loader._packed = lambda: Path(packed)
    resources._packed_codebooks = lambda: Path(books)
sys.argv = ["policytrack", *sys.argv[3:]]
try:
    main()
except SystemExit as exc:
    assert not exc.code, exc.code
names = ["rich", "hashlib", "tomllib", "importlib.resources", "numpy"]
print(" ".join(m for m in names if m in sys.modules), file=sys.stderr)
print(" ".join(m for m in ("dateutil.parser",)
               if type(sys.modules.get(m)).__name__ == "module"), file=sys.stderr)
"""


def _imported(*args: str, packed: Path | None = None) -> tuple[str, list[str], list[str]]:
    """Run a command in a fresh process writing to a pipe, as an installed wheel if *packed*.

    Returns its output, the listed modules it imported, and whether it executed dateutil's
    parser (rather than leaving it deferred).
    """
    files = ["", ""]
    if packed is not None:
        hatch = importlib.util.spec_from_file_location(
            "hatch_build", Path(__file__).parents[2] / "hatch_build.py"
        )
        assert hatch is not None and hatch.loader is not None
        module = importlib.util.module_from_spec(hatch)
        hatch.loader.exec_module(module)
        seeds, books = packed / "_seeds.json", packed / "_codebooks.json"
        seeds.write_text(module.pack(policytrack.bundled_path()), "utf-8")
        codebooks = Path(policytrack.__file__).parent / "codebooks"
        books.write_text(module.pack_codebooks(codebooks), "utf-8")
        files = [str(seeds), str(books)]
    done = subprocess.run(
        [sys.executable, "-c", _IMPORTED, *files, *args],
        capture_output=True,
        text=True,
        check=True,
        env={k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")},
    )
    imported, executed = [*done.stderr.splitlines(), "", ""][:2]
    return done.stdout, imported.split(), executed.split()


_ESCALATION = ("escalation", "--jurisdiction", "CN", "--from", "2012", "--to", "2023")


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "ndjson"])
def test_escalation_to_a_pipe_imports_no_renderer_nor_what_it_does_not_use(fmt: str) -> None:
    """Answers escalation, in every format, to a pipe without rich, hashing, difflib or NumPy.

    A guard on start-up time that measures no time (docs/performance.md): rich draws only for a
    terminal; quotes are hashed only when verified; dateutil's parser (imported by pendulum)
    is left unexecuted until something uses it.
    """
    out, imported, executed = _imported("--format", fmt, *_ESCALATION)
    assert "2012" in out or "2013" in out
    assert [m for m in imported if m != "tomllib"] == []  # the tree is TOML: see the next test
    assert "dateutil.parser" not in executed


def test_escalation_on_packed_bundled_data_reads_no_toml(tmp_path: Path) -> None:
    """Answers escalation from the packed JSON an installed wheel ships, importing no tomllib."""
    out, imported, _ = _imported(*_ESCALATION, packed=tmp_path)
    tree, _, _ = _imported(*_ESCALATION)
    assert out == tree
    assert imported == []


def test_data_naming_a_file_of_no_dataset_format_is_one_line(tmp_path: Path) -> None:
    """Says in one line, exit 1, that --data must name a directory, a .json or an .ndjson."""
    info = tmp_path / "dataset.toml"
    info.write_text('id = "x"\ntitle = "X"\n', "utf-8")
    result = invoke("--data", str(info), "list", "policies")
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert result.stderr.strip() == (  # type: ignore[attr-defined]
        f"error: {info}: not a dataset file: give a curated dataset's directory, or a .json or "
        f".ndjson file (here, perhaps {tmp_path})"
    )


def _values(choices: Any) -> set[str]:
    """An enum's values, a mapping's keys, or a Literal's arguments, as strings."""
    return {str(getattr(c, "value", c)) for c in typing.get_args(choices) or choices}


@pytest.mark.parametrize(
    ("choice", "library"),
    [
        ("policytrack.cli._records:Collection", "policytrack.model.dataset:COLLECTIONS"),
        ("policytrack.vocab:DatasetFormat", "policytrack.storage.loader:Format"),
    ],
)
def test_an_option_s_choices_are_the_library_s_values(choice: str, library: str) -> None:
    """Offers exactly the values the library takes where a choice mirrors a table or a Literal."""

    def resolve(name: str) -> Any:
        module, _, attribute = name.partition(":")
        return getattr(importlib.import_module(module), attribute)

    assert _values(resolve(choice)) == _values(resolve(library))


_COLLECTIONS = """
import gc
import sys

before = gc.get_threshold()
collections = []
gc.callbacks.append(lambda phase, info: collections.append(phase) if phase == "start" else None)
import policytrack.collector as collector

marks = []
starting, started = collector.starting, collector.started


def paused() -> None:
    starting()
    marks.append(len(collections))


def resumed() -> None:
    marks.append(len(collections))
    started()


collector.starting, collector.started = paused, resumed
sys.argv = ["policytrack", *sys.argv[1:]]
from policytrack.__main__ import main

try:
    main()
except SystemExit as exc:
    assert not exc.code, exc.code
print(marks[1] - marks[0], len(marks), gc.get_threshold() == before, file=sys.stderr)
"""


def test_the_command_starts_with_the_collector_held_off_until_its_dataset_is_loaded() -> None:
    """Runs no cyclic collection from the first import to the loaded dataset, then as before.

    A guard on start-up time that measures no time (docs/performance.md): what a start makes
    lives as long as the process, and walking it is about a twentieth of a start-up.
    """
    done = subprocess.run(
        [sys.executable, "-c", _COLLECTIONS, *_ESCALATION],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "2012" in done.stdout
    assert done.stderr.split() == ["0", "2", "True"]


def test_the_start_generates_no_code_for_the_fast_builder() -> None:
    """Loads the bundled data through the committed constructors, generating and compiling none.

    The generator (``storage/buildgen.py``) is for the tests and for regenerating the module.
    """
    out, _, _ = _imported(*_ESCALATION)
    code = (
        "import sys\n"
        "from policytrack.cli import main\n"
        f"sys.argv = ['policytrack', *{list(_ESCALATION)!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('policytrack.storage.buildgen' in sys.modules, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == out
    assert done.stderr.strip() == "False"
