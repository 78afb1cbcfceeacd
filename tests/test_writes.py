"""Data safety: every file policytrack writes is written whole or not at all, even when it fails.

``tests/storage/test_atomic.py`` tests the atomic write itself; here every writer goes through it: a
failure injected part-way through leaves each file old or new (never half written, no debris),
and writers running at once never leave a file that does not load.
"""

from __future__ import annotations

import ast
import errno
import json
import os
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import policytrack
from policytrack import Dataset, WriteError, dump, dumps, load
from policytrack.cli import app
from policytrack.model.dataset import COLLECTIONS
from policytrack.render.export import TABLES, rows, write_csv_package, write_parquet, write_sqlite
from policytrack.storage.lock import LOCK_FILE
from policytrack.testing import strategies as pts
from tests._settings import FEWER

PACKAGE = Path(policytrack.__file__).parent
runner = CliRunner()


@pytest.fixture(autouse=True, scope="module")
def _no_fsync() -> Iterator[None]:
    """Skip fsync: it only matters after a crash (tests/storage/test_atomic.py tests it)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "fsync", lambda fd: None)
        yield


def _files(root: Path) -> dict[str, bytes]:
    """Every file under *root* by relative path, temporary files included (not the lock file)."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != LOCK_FILE
    }


def _renoted(dataset: Dataset, note: str) -> Dataset:
    """*dataset* with every record's notes and the title changed: the same ids and references."""
    changes: dict[str, Any] = {
        name: tuple(attrs.evolve(r, notes=note) for r in getattr(dataset, name))
        for name in COLLECTIONS
    }
    return attrs.evolve(dataset, info=attrs.evolve(dataset.info, title=note), **changes)


class _FailOn:
    """Stands in for ``os.replace`` and fails on its *n*-th call (counting from 0)."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.calls = 0
        self.replace = os.replace

    def __call__(self, src: Any, dst: Any) -> None:
        self.calls += 1
        if self.calls - 1 == self.n:
            raise OSError(errno.ENOSPC, "No space left on device")
        self.replace(src, dst)


def _replacing_fails(monkeypatch: pytest.MonkeyPatch, n: int = 0) -> _FailOn:
    fail = _FailOn(n)
    monkeypatch.setattr("policytrack.storage.atomic.os.replace", fail)
    return fail


# Every write is atomic ---------------------------------------------------------------------

_WRITES = {"write_text", "write_bytes"}
_MODES = set("wax+")


def _writes_outside_atomic() -> list[str]:
    """Every call in the package that writes a file other than through ``write_atomic``."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "_atomic.py":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            # open(path, mode) or path.open(mode), or mode= either way
            positional = node.args[0:1] if isinstance(func, ast.Attribute) else node.args[1:2]
            mode = next(
                (
                    a.value
                    for a in [*positional, *(k.value for k in node.keywords if k.arg == "mode")]
                    if isinstance(a, ast.Constant) and isinstance(a.value, str)
                ),
                "",
            )
            opens = name == "open" and bool(_MODES & set(mode))
            if name in _WRITES or opens or (name == "fdopen" and "w" in mode):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {name}")
    return found


def test_every_file_is_written_through_write_atomic() -> None:
    """Writes no file but through write_atomic: no open() for writing, write_text, write_bytes."""
    assert _writes_outside_atomic() == []


# A failure part-way leaves the old file ----------------------------------------------------

OLD = b"the previous contents\n"


def _dump_json(dataset: Dataset, target: Path) -> None:
    dump(dataset, target / "d.json")


def _dump_ndjson(dataset: Dataset, target: Path) -> None:
    dump(dataset, target / "d.ndjson")


def _cli(*args: str) -> Callable[[Dataset, Path], None]:
    def run(dataset: Dataset, target: Path) -> None:
        text = dumps(dataset)
        command = [a.replace("TARGET", str(target)) for a in args]
        result = runner.invoke(app, ["--data", "-", *command], input=text)
        assert result.exit_code == 1, result.output
        assert "no space left on device" in result.stderr
        assert "Traceback" not in result.output
        raise WriteError(result.stderr)

    return run


WRITERS: dict[str, tuple[Callable[[Dataset, Path], object], list[str]]] = {
    "dump json": (_dump_json, ["d.json"]),
    "dump ndjson": (_dump_ndjson, ["d.ndjson"]),
    "write_sqlite": (lambda d, t: write_sqlite(d, t / "d.sqlite"), ["d.sqlite"]),
    "write_csv_package": (
        write_csv_package,
        [f"{table.name}.csv" for table in TABLES] + ["datapackage.json"],
    ),
    "write_parquet": (
        write_parquet,
        [f"{table.name}.parquet" for table in TABLES],
    ),
    "cli export json": (_cli("export", "--as", "json", "-o", "TARGET/d.json"), ["d.json"]),
    "cli export sqlite": (_cli("export", "--as", "sqlite", "-o", "TARGET/d.sqlite"), ["d.sqlite"]),
    "cli report": (_cli("report", "-j", "CN", "-o", "TARGET/r.html"), ["r.html"]),
    "cli chart": (_cli("chart", "-j", "CN", "-o", "TARGET/c.svg"), ["c.svg"]),
}


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_failure_mid_write_leaves_every_file_as_it_was(
    writer: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Raises WriteError and leaves each existing file whole, with no temporary file behind."""
    if writer == "write_parquet":
        pytest.importorskip("pyarrow", reason="the parquet extra is not installed")
    write, names = WRITERS[writer]
    for name in names:
        (tmp_path / name).write_bytes(OLD)
    before = _files(tmp_path)
    _replacing_fails(monkeypatch, 0)
    with pytest.raises(WriteError):
        write(policytrack.load_bundled(), tmp_path)
    assert _files(tmp_path) == before


@pytest.mark.parametrize("writer", ["write_csv_package", "write_parquet"])
def test_a_failure_between_files_leaves_each_file_old_or_new(
    writer: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Leaves every file of a many-file export old or new when a later file fails."""
    if writer == "write_parquet":
        pytest.importorskip("pyarrow", reason="the parquet extra is not installed")
    write, names = WRITERS[writer]
    old, new = tmp_path / "old", tmp_path / "new"
    dataset = policytrack.load_bundled()
    write(_renoted(dataset, "old"), old)
    write(dataset, new)
    versions = (_files(old), _files(new))
    for n in range(len(names)):
        target = tmp_path / f"target-{n}"
        write(_renoted(dataset, "old"), target)
        with monkeypatch.context() as patch:
            _replacing_fails(patch, n)
            with pytest.raises(WriteError):
                write(dataset, target)
        files = _files(target)
        assert set(files) == set(names)
        assert all(files[f] in (versions[0][f], versions[1][f]) for f in names)
        assert sum(files[f] == versions[1][f] != versions[0][f] for f in names) <= n


@FEWER
@given(pts.datasets(), st.data())
def test_a_curated_dump_that_fails_midway_leaves_the_old_tree_whole(
    dataset: Dataset, data: st.DataObject
) -> None:
    """Leaves the whole old tree, and nothing beside it, when a write fails; it still loads."""
    old, new = _renoted(dataset, "before"), _renoted(dataset, "after")
    with tempfile.TemporaryDirectory() as tmp:
        versions = []
        for version in (old, new):
            path = Path(tmp, f"v-{len(versions)}")
            dump(version, path)
            versions.append(_files(path))
        root = Path(tmp, "tree")
        dump(old, root)
        n = data.draw(st.integers(0, len(versions[0]) - 1), label="failing write")
        with pytest.MonkeyPatch.context() as patch:
            _replacing_fails(patch, n)
            with pytest.raises(WriteError, match="no space left on device"):
                dump(new, root)
        files = _files(root)
        assert files == versions[0]  # the tree is swapped in whole: here, not at all
        assert sorted(os.listdir(tmp)) == ["tree", "v-0", "v-1"]
        loaded = load(root)
        for name in COLLECTIONS:
            for record in getattr(loaded, name):
                assert record in (old.get(record.id), new.get(record.id))
        dump(new, root)
        assert _files(root) == versions[1]


# Writers at once ---------------------------------------------------------------------------


def _race(
    *writers: Callable[[], object], reader: Callable[[], object] | None = None, times: int = 8
) -> None:
    """Run *writers* at once, each *times* times, with *reader* reading all the while."""
    errors: list[BaseException] = []
    done = threading.Event()

    def repeat(write: Callable[[], object]) -> None:
        try:
            for _ in range(times):
                write()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    def watch() -> None:
        try:
            while not done.is_set():
                reader()  # type: ignore[misc]
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=repeat, args=(w,)) for w in writers]
    watcher = threading.Thread(target=watch) if reader else None
    for thread in [*threads, *([watcher] if watcher else [])]:
        thread.start()
    for thread in threads:
        thread.join()
    done.set()
    if watcher:
        watcher.join()
    assert errors == []


def _pair() -> tuple[Dataset, Dataset]:
    dataset = policytrack.load_bundled()
    return _renoted(dataset, "first writer"), _renoted(dataset, "second writer")


@pytest.mark.parametrize("suffix", [".json", ".ndjson"])
def test_writers_at_once_leave_one_whole_machine_file(suffix: str, tmp_path: Path) -> None:
    """Leaves one writer's whole file, and a reader always loads one of the two datasets."""
    first, second = _pair()
    path = tmp_path / f"d{suffix}"
    dump(first, path)

    def read() -> None:
        assert load(path) in (first, second)

    _race(lambda: dump(first, path), lambda: dump(second, path), reader=read)
    assert load(path) in (first, second)
    assert _files(tmp_path).keys() == {path.name}


def test_writers_at_once_leave_every_curated_file_whole(tmp_path: Path) -> None:
    """Leaves every file of the tree one writer's, loadable throughout, with no debris."""
    first, second = _pair()
    root = tmp_path / "tree"
    expected = []
    for n, version in enumerate((first, second)):
        dump(version, tmp_path / f"v{n}")
        expected.append(_files(tmp_path / f"v{n}"))
    dump(first, root)

    def read() -> None:
        loaded = load(root)
        assert len(loaded) == len(first)

    _race(lambda: dump(first, root), lambda: dump(second, root), reader=read, times=4)
    files = _files(root)
    assert set(files) == set(expected[0])
    assert all(files[f] in (expected[0][f], expected[1][f]) for f in files)


def test_csv_exports_at_once_leave_every_file_whole(tmp_path: Path) -> None:
    """Leaves every CSV file and the descriptor one writer's, with no debris."""
    first, second = _pair()
    versions = []
    for n, version in enumerate((first, second)):
        write_csv_package(version, tmp_path / f"v{n}")
        versions.append(_files(tmp_path / f"v{n}"))
    target = tmp_path / "csv"
    write_csv_package(first, target)

    def read() -> None:
        for name in versions[0]:
            assert (target / name).read_bytes() in (versions[0][name], versions[1][name]), name

    _race(
        lambda: write_csv_package(first, target),
        lambda: write_csv_package(second, target),
        reader=read,
    )
    files = _files(target)
    assert set(files) == set(versions[0])
    assert all(files[f] in (versions[0][f], versions[1][f]) for f in files)
    json.loads(files["datapackage.json"])


def test_sqlite_exports_at_once_leave_one_whole_database(tmp_path: Path) -> None:
    """Leaves one writer's whole database, which opens, passes its checks and holds every row."""
    first, second = _pair()
    versions = []
    for n, version in enumerate((first, second)):
        write_sqlite(version, tmp_path / f"v{n}.sqlite")
        versions.append((tmp_path / f"v{n}.sqlite").read_bytes())
        (tmp_path / f"v{n}.sqlite").unlink()
    path = tmp_path / "d.sqlite"
    write_sqlite(first, path)

    def read() -> None:
        assert path.read_bytes() in versions

    _race(lambda: write_sqlite(first, path), lambda: write_sqlite(second, path), reader=read)
    assert _files(tmp_path).keys() == {"d.sqlite"}
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        notes = {n for (n,) in connection.execute("SELECT notes FROM policies")}
        assert notes in ({"first writer"}, {"second writer"})
        for table in TABLES:
            count = connection.execute(f'SELECT count(*) FROM "{table.name}"').fetchone()[0]
            assert count == len(rows(first, table))
    finally:
        connection.close()


# Where a write cannot go -------------------------------------------------------------------


def test_writing_below_a_file_is_a_write_error(tmp_path: Path) -> None:
    """Raises WriteError naming the path when a dump or export would need a file as directory."""
    blocker = tmp_path / "file"
    blocker.write_bytes(OLD)
    dataset = policytrack.load_bundled()
    for write in (
        lambda: dump(dataset, blocker),
        lambda: dump(dataset, blocker / "tree"),
        lambda: dump(dataset, blocker / "d.json"),
        lambda: write_csv_package(dataset, blocker / "csv"),
        lambda: write_sqlite(dataset, blocker / "d.sqlite"),
    ):
        with pytest.raises(WriteError, match=str(blocker)):
            write()
    if _has_pyarrow():
        with pytest.raises(WriteError, match="is a file, not a folder"):
            write_parquet(dataset, blocker / "parquet")
    assert blocker.read_bytes() == OLD
    result = runner.invoke(app, ["export", "--as", "parquet", "-o", str(blocker / "p")])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ")
    assert len(result.stderr.splitlines()) == 1


def _has_pyarrow() -> bool:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True
