"""The compiled cache on the command line: on by default, --no-cache anywhere, and its commands."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pendulum
import pytest
from typer.testing import CliRunner

import policytrack as pt
from policytrack.cli import app

runner = CliRunner()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A small synthetic dataset in one JSON file, dated back a minute."""
    path = tmp_path / "data.json"
    path.write_text(pt.dumps(pt.synthesize(policies=30, seed=5), "json"), "utf-8")
    past = pendulum.now().subtract(minutes=1).timestamp()
    os.utime(path, (past, past))
    return path


def _run(folder: Path, *args: str, cache: str | None = None) -> str:
    env = {"POLICYTRACK_CACHE_DIR": str(folder)}
    if cache is not None:
        env["POLICYTRACK_CACHE"] = cache
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_command_keeps_an_entry_and_answers_the_same_from_it(tmp_path: Path, data: Path) -> None:
    """Writes an entry on the first query and prints the same answers from it."""
    folder = tmp_path / "cache"
    for command in (("index", "-j", "CN"), ("timeline", "-j", "CN-SH"), ("outcomes",)):
        plain = _run(folder, "--no-cache", "--data", str(data), "--format", "json", *command)
        first = _run(folder, "--data", str(data), "--format", "json", *command)
        again = _run(folder, "--data", str(data), "--format", "json", *command)
        assert json.loads(first) == json.loads(plain) == json.loads(again)
    assert len(list(folder.glob("*.ptc"))) == 1
    policy = pt.load(data).policies[0].id
    shown = _run(folder, "--data", str(data), "--format", "json", "show", policy)
    assert json.loads(shown) == json.loads(
        _run(folder, "--no-cache", "-d", str(data), "--format", "json", "show", policy)
    )


@pytest.mark.parametrize("where", ["before", "after", "environment"])
def test_no_cache_works_before_or_after_the_command_and_from_the_environment(
    tmp_path: Path, data: Path, where: str
) -> None:
    """Neither reads nor writes an entry with --no-cache anywhere, or POLICYTRACK_CACHE=0."""
    folder = tmp_path / "cache"
    if where == "before":
        _run(folder, "--no-cache", "--data", str(data), "index")
    elif where == "after":
        _run(folder, "index", "--data", str(data), "--no-cache")
    else:
        _run(folder, "index", "--data", str(data), cache="0")
    assert not list(folder.glob("*.ptc"))


def test_the_bundled_dataset_is_never_cached(tmp_path: Path) -> None:
    """Loads the bundled dataset as it always has: a cached answer would measure the cache."""
    folder = tmp_path / "cache"
    _run(folder, "escalation")
    assert not list(folder.glob("*.ptc"))


def test_cache_info_and_clear(tmp_path: Path, data: Path) -> None:
    """Says where the cache is and what it holds, and empties it."""
    folder = tmp_path / "cache"
    _run(folder, "--data", str(data), "index")
    info = json.loads(_run(folder, "cache", "info", "--format", "json"))
    assert info["directory"] == str(folder) and info["entries"] == 1 and info["enabled"]
    assert str(folder) in _run(folder, "cache", "info")
    assert "removed 1 cache entry" in _run(folder, "cache", "clear")
    assert json.loads(_run(folder, "cache", "info", "--format", "json"))["entries"] == 0
    assert "no (POLICYTRACK_CACHE)" in _run(folder, "cache", "info", cache="off")


@pytest.mark.parametrize("value", ["garbage", "2", "offf"])
def test_an_unknown_cache_setting_is_a_usage_error_not_a_silent_on(
    tmp_path: Path, data: Path, value: str
) -> None:
    """Refuses a POLICYTRACK_CACHE it cannot read, naming the values it takes; writes nothing."""
    folder = tmp_path / "cache"
    result = runner.invoke(
        app,
        ["--data", str(data), "index", "-j", "CN"],
        env={"POLICYTRACK_CACHE_DIR": str(folder), "POLICYTRACK_CACHE": value},
    )
    assert result.exit_code in (1, 2), result.output
    assert f"POLICYTRACK_CACHE={value!r}" in result.output
    assert "expected 0, off, false or no" in result.output
    assert "Traceback" not in result.output
    assert not list(folder.glob("*.ptc"))
