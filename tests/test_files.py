"""Only regular files are read: FIFOs, devices and sockets are refused at once; sizes are capped."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import policytrack
from policytrack import DataError
from policytrack.files import FileRefused, limit, read_regular

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _tree(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(SEEDS, root)
    return root


def _cli(*args: str, timeout: float = 20) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "policytrack", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.mark.parametrize("command", [("validate",), ("list", "policies"), ("index", "-j", "CN")])
@pytest.mark.parametrize("where", ["record", "dataset file", "info"])
def test_a_fifo_is_refused_without_waiting_for_a_writer(
    tmp_path: Path, where: str, command: tuple[str, ...]
) -> None:
    """Refuses a FIFO in a dataset (no writer ever comes) with one located line, exit 1.

    The queries go through the compiled cache (on in the tests, in a folder of their own),
    which must not open the FIFO to hash it either.
    """
    root = _tree(tmp_path)
    if where == "record":
        fifo = root / "policies" / "waiting.toml"
    elif where == "info":
        fifo = root / "dataset.toml"
        fifo.unlink()
    else:
        fifo = tmp_path / "data.json"
    os.mkfifo(fifo)
    target = fifo if where == "dataset file" else root
    # A hang would outlast the timeout and fail the test; no finer timing is asserted.
    result = _cli("--data", str(target), *command, timeout=20)
    assert result.returncode == 1, result.stderr
    lines = (result.stdout + result.stderr).strip().splitlines()
    assert any(
        f"{fifo}: " in line and "FIFO" in line and "not a regular file" in line for line in lines
    )
    assert "Traceback" not in result.stderr


def test_a_link_to_a_device_is_refused(tmp_path: Path) -> None:
    """Refuses a record file that links to /dev/zero at once, saying it goes through a link."""
    root = _tree(tmp_path)
    (root / "policies" / "endless.toml").symlink_to("/dev/zero")
    with pytest.raises(DataError) as caught:
        policytrack.load(root)
    assert f"{root / 'policies' / 'endless.toml'}: a device (through a link), not a regular" in str(
        caught.value
    )


def test_a_dataset_file_linking_to_a_device_is_refused(tmp_path: Path) -> None:
    """Refuses a .json dataset that is a link to /dev/zero, by its kind, before reading it."""
    path = tmp_path / "data.json"
    path.symlink_to("/dev/zero")
    with pytest.raises(DataError, match=r"data\.json: a device \(through a link\)"):
        policytrack.load(path)


def test_a_socket_is_refused(tmp_path: Path) -> None:
    """Refuses a socket where a record file belongs."""
    root = _tree(tmp_path)
    path = root / "links" / "socket.toml"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        with pytest.raises(DataError, match=r"socket\.toml: a socket, not a regular file"):
            policytrack.load(root)
    finally:
        server.close()


def test_a_record_file_over_the_limit_says_how_to_raise_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Refuses a record file over the size limit, giving the limit and its variable."""
    root = _tree(tmp_path)
    monkeypatch.setenv("POLICYTRACK_MAX_RECORD_BYTES", "16K")
    big = root / "platforms" / "google.toml"
    big.write_text(big.read_text("utf-8") + "# " + "x" * 20_000 + "\n", "utf-8")
    with pytest.raises(DataError) as caught:
        policytrack.load(root)
    (problem,) = caught.value.problems
    assert problem.file == str(big)
    assert "more than the limit of 16 KiB for a record file" in problem.message
    assert "POLICYTRACK_MAX_RECORD_BYTES" in problem.message
    monkeypatch.setenv("POLICYTRACK_MAX_RECORD_BYTES", "1M")
    assert policytrack.load(root).get("google") is not None


def test_a_dataset_file_over_the_limit_says_how_to_raise_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Refuses a .json dataset over its limit before reading it."""
    path = tmp_path / "data.json"
    path.write_text(policytrack.dumps(policytrack.load_bundled()), "utf-8")
    monkeypatch.setenv("POLICYTRACK_MAX_DATASET_BYTES", "10K")
    with pytest.raises(DataError, match="POLICYTRACK_MAX_DATASET_BYTES"):
        policytrack.load(path)


def test_the_limit_reads_units(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reads the limit in bytes or with K, M or G; refuses a value that is not a size."""
    for raw, expected in (("512", 512), ("2K", 2048), ("3M", 3 * 2**20), ("1G", 2**30)):
        monkeypatch.setenv("POLICYTRACK_MAX_RECORD_BYTES", raw)
        assert limit("record") == expected
    monkeypatch.setenv("POLICYTRACK_MAX_RECORD_BYTES", "lots")
    with pytest.raises(FileRefused, match="not a size"):
        limit("record")


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    """Reads a regular file's bytes as they are, also through a link."""
    path = tmp_path / "a.txt"
    path.write_bytes(b"\x00abc\n")
    (tmp_path / "b.txt").symlink_to(path)
    assert read_regular(path) == read_regular(tmp_path / "b.txt") == b"\x00abc\n"
