"""Every example script runs and prints an answer, so none can rot."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
EXAMPLES = sorted((ROOT / "examples").rglob("*.py"))
SHARED = ROOT.parent / "shared"


def test_there_are_examples() -> None:
    """Finds the example scripts, each with a docstring saying the question it answers."""
    assert len(EXAMPLES) >= 6
    for script in EXAMPLES:
        assert script.read_text("utf-8").startswith('"""'), f"{script.name} has no docstring"


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT / "examples")))
def test_example_runs_and_prints_an_answer(script: Path, tmp_path: Path) -> None:
    """Runs the script with this Python from a scratch directory: exit 0 and some output."""
    if "shared" in script.read_text("utf-8") and not SHARED.is_dir():
        pytest.skip(f"{script.name} reads ../shared/, which is not beside the repository")
    result = subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip(), f"{script.name} printed nothing"
