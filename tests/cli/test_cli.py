"""The command line: validate and --version, as a user runs them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import policytrack
from policytrack import DataError, load
from policytrack.cli import app
from tests._curated import PLATFORM, POLICY, TEXT, write

runner = CliRunner()


def test_version() -> None:
    """Prints the version and exits 0."""
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"policytrack {policytrack.__version__}\n"


def test_validate_a_sound_dataset(tmp_path: Path) -> None:
    """Exits 0 with a one-line summary counting every collection."""
    root = write(tmp_path, {})
    result = runner.invoke(app, ["validate", "--data", str(root)])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"{root}: ok (1 sources, 1 agencies, 1 platforms, 1 policies, 0 links, "
        "0 outcomes, 0 claims)\n"
    )


def test_validate_a_bad_dataset(tmp_path: Path) -> None:
    """Exits 1, printing one line per problem and no traceback."""
    files = {
        "policies/decision.toml": POLICY.replace("level = 2", "level = 9").replace(
            'issuers = ["npcsc"]', 'issuers = ["cac"]'
        ),
        "platforms/weibo.toml": PLATFORM.replace('kind = "microblog"', 'kind = "blog"'),
    }
    root = write(tmp_path, files)
    with pytest.raises(DataError) as caught:
        load(root)
    expected = [str(problem) for problem in caught.value.problems]
    assert len(expected) == 3

    result = runner.invoke(app, ["validate", "--data", str(root)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == expected
    assert "3 problem(s)" in result.stderr
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_validate_with_sources(tmp_path: Path) -> None:
    """Verifies quotes against a directory of texts with --texts, and says so."""
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "article.txt").write_text(TEXT, "utf-8")
    root = write(tmp_path / "data", {})
    result = runner.invoke(app, ["validate", "--data", str(root), "--texts", str(texts)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{root}: ok (")
    assert str(texts) in result.stdout


def test_validate_with_sources_catches_a_moved_quote(tmp_path: Path) -> None:
    """Exits 1 when a quote is not where it says it is in its text."""
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "article.txt").write_text(TEXT, "utf-8")
    moved = PLATFORM.replace("start = 39\nend = 44", "start = 40\nend = 45")
    root = write(tmp_path / "data", {"platforms/weibo.toml": moved})
    result = runner.invoke(app, ["validate", "--data", str(root), "--texts", str(texts)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{root}/platforms/weibo.toml: weibo: evidence[0]: "
        "quote 'users' is not at 40-45 (found 'sers '); it is at 39-44"
    ]
    assert "Traceback" not in result.output


def test_validate_the_bundled_dataset() -> None:
    """Validates the bundled dataset when given no path."""
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.output
    assert ": ok (" in result.stdout


def test_validate_the_bundled_dataset_against_its_texts(seed_texts: Path) -> None:
    """Verifies every bundled quote against the seed articles."""
    result = runner.invoke(app, ["validate", "--texts", str(seed_texts)])
    assert result.exit_code == 0, result.output
    assert str(seed_texts) in result.stdout


def test_a_missing_dataset_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    """Reports a dataset path that does not exist in one line on stderr, exit status 1."""
    missing = tmp_path / "nothing"
    result = subprocess.run(
        [sys.executable, "-m", "policytrack", "validate", "--data", str(missing)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr == f"error: {missing}: no such dataset directory or file\n"
    assert "Traceback" not in result.stdout + result.stderr


# Terminal output and interruption ----------------------------------------------------------

_SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _hostile_dataset(tmp_path: Path) -> Path:
    """The bundled tree with a platform whose name holds a terminal escape and a newline."""
    import shutil

    root = tmp_path / "data"
    shutil.copytree(_SEEDS, root)
    path = root / "platforms" / "google.toml"
    text = path.read_text("utf-8").replace('name = "Google"', 'name = "Goo\\u001b[31mgle\\nRED"')
    path.write_text(text, "utf-8")
    return root


@pytest.mark.parametrize(
    "command", [["list", "platforms"], ["show", "google"], ["list", "platforms", "--search", "Goo"]]
)
def test_tables_show_control_characters_escaped(tmp_path: Path, command: list[str]) -> None:
    r"""Prints a name holding ESC[31m and a newline as \x1b[31m and \n, never raw."""
    root = _hostile_dataset(tmp_path)
    result = runner.invoke(app, ["--data", str(root), *command])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout
    assert "Goo\\x1b[31mgle\\nRED" in result.stdout


def test_json_keeps_control_characters_verbatim(tmp_path: Path) -> None:
    """Keeps the name exactly in JSON output: only terminal renderings are escaped."""
    import json

    root = _hostile_dataset(tmp_path)
    result = runner.invoke(app, ["--data", str(root), "--format", "json", "list", "platforms"])
    assert result.exit_code == 0, result.output
    names = [row["name"] for row in json.loads(result.stdout)]
    assert "Goo\x1b[31mgle\nRED" in names


def test_ctrl_c_says_nothing_was_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """Exits 130 with 'interrupted; nothing was written' when interrupted mid-command."""
    from policytrack.cli import _records

    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(_records, "load", interrupt, raising=False)
    monkeypatch.setattr("policytrack.storage.loader.load", interrupt)
    result = runner.invoke(app, ["--data", str(_SEEDS), "validate"])
    assert result.exit_code == 130
    assert result.stderr.strip() == "interrupted; nothing was written"


def test_ctrl_c_in_a_real_process_exits_130() -> None:
    """Prints the one line and exits 130 when a running command gets SIGINT."""
    import signal
    import time

    process = subprocess.Popen(
        [sys.executable, "-m", "policytrack", "--data", "-", "validate"],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    time.sleep(1.0)  # waiting on standard input, which never ends
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=20)
    assert process.returncode == 130
    assert err.strip().endswith("interrupted; nothing was written")
    assert "Traceback" not in err
