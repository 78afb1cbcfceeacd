"""Atomic writes: a reader sees the old file or the new one, never a part, and no debris."""

from __future__ import annotations

import os
import stat
import tempfile
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policytrack import WriteError
from policytrack.storage.atomic import write_atomic

OLD = b"old contents\n"


@given(st.one_of(st.binary(max_size=2000), st.text(max_size=500)))
def test_writes_exactly_the_data(data: bytes | str) -> None:
    """Writes bytes as given and text as UTF-8, leaving only the file behind."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "file.toml")
        path.write_bytes(OLD)
        write_atomic(path, data)
        expected = data.encode("utf-8") if isinstance(data, str) else data
        assert path.read_bytes() == expected
        assert os.listdir(tmp) == ["file.toml"]


@pytest.mark.parametrize("failing", ["replace", "fsync", "fdopen"])
def test_a_failure_mid_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    """Leaves the previous file intact and no temporary file when a write step fails."""
    path = tmp_path / "record.toml"
    path.write_bytes(OLD)

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, fail)
    with pytest.raises(WriteError) as caught:
        write_atomic(path, b"new contents\n" * 1000)
    assert str(caught.value) == f"no space left on device writing {path}; nothing was written"
    assert isinstance(caught.value, OSError)
    assert path.read_bytes() == OLD
    assert os.listdir(tmp_path) == ["record.toml"]


@pytest.mark.parametrize("failing", ["fchmod", "fdopen"])
def test_a_failure_before_writing_closes_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    """Closes the temporary file's descriptor when a step before writing fails."""
    opened: list[int] = []
    mkstemp = tempfile.mkstemp

    def recording_mkstemp(*args: object, **kwargs: object) -> tuple[int, str]:
        fd, name = mkstemp(*args, **kwargs)  # type: ignore[call-overload]
        opened.append(fd)
        return fd, name

    def fail(*args: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(tempfile, "mkstemp", recording_mkstemp)
    monkeypatch.setattr(os, failing, fail)
    with pytest.raises(WriteError, match="Input/output error"):
        write_atomic(tmp_path / "record.toml", b"x")
    monkeypatch.undo()
    (fd,) = opened
    with pytest.raises(OSError, match="Bad file descriptor"):
        os.fstat(fd)
    assert os.listdir(tmp_path) == []


def test_an_interrupted_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cleans up and re-raises when interrupted between writing and renaming."""
    path = tmp_path / "record.toml"
    path.write_bytes(OLD)

    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, b"new")
    assert path.read_bytes() == OLD
    assert os.listdir(tmp_path) == ["record.toml"]


def test_a_missing_directory_is_a_write_error(tmp_path: Path) -> None:
    """Raises a WriteError naming the missing folder, and creates nothing."""
    path = tmp_path / "missing" / "record.toml"
    with pytest.raises(
        WriteError, match=r"record\.toml: cannot write \(no folder .*missing; create"
    ):
        write_atomic(path, b"x")
    assert os.listdir(tmp_path) == []


def test_new_files_get_the_usual_permissions(tmp_path: Path) -> None:
    """Gives the written file the permissions the umask allows, not the temporary file's 0600."""
    umask = os.umask(0o022)
    os.umask(umask)
    path = tmp_path / "record.toml"
    write_atomic(path, b"x")
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask


def test_concurrent_writers_leave_one_complete_version(tmp_path: Path) -> None:
    """Leaves one writer's whole file when two threads write the same path at once."""
    path = tmp_path / "record.toml"
    versions = [b"a" * 200_000, b"b" * 300_000]
    path.write_bytes(versions[0])
    seen: list[bytes] = []
    errors: list[BaseException] = []
    done = threading.Event()

    def writer(data: bytes) -> None:
        try:
            for _ in range(30):
                write_atomic(path, data)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    def reader() -> None:
        while not done.is_set():
            seen.append(path.read_bytes())

    threads = [threading.Thread(target=writer, args=(v,)) for v in versions]
    watcher = threading.Thread(target=reader)
    watcher.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    done.set()
    watcher.join()

    assert errors == []
    assert path.read_bytes() in versions
    assert seen
    assert all(contents in versions for contents in seen)
    assert os.listdir(tmp_path) == ["record.toml"]


def test_a_file_where_a_package_goes_is_named_once(tmp_path: Path) -> None:
    """Says the target is a file, once, and leaves no half-written folder beside it."""
    from policytrack.storage.atomic import replace_dir

    target = tmp_path / "panel.csv"
    target.write_text("kept", "utf-8")
    with pytest.raises(WriteError) as caught, replace_dir(target) as new:
        (new / "part.csv").write_text("new", "utf-8")
    assert str(caught.value) == f"{target}: cannot write (a file is there, not a folder)"
    assert target.read_text("utf-8") == "kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["panel.csv"]
