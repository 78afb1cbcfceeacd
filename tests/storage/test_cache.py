"""The compiled cache: never stale, safe to share, a damaged entry a miss, every answer the same."""

from __future__ import annotations

import concurrent.futures
import hashlib
import multiprocessing
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import attrs
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import policytrack as pt
from policytrack.model.compiled import CompiledDataset
from policytrack.storage import cache
from policytrack.testing import strategies as pts

CODEBOOK = pt.bundled_codebook()
JURISDICTIONS = ("CN", "CN-SH", "US")
WINDOW = (pendulum.Date(1990, 1, 1), pendulum.Date(2030, 12, 31))


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private cache folder for the test."""
    where = tmp_path / "cache"
    monkeypatch.setenv("POLICYTRACK_CACHE_DIR", str(where))
    monkeypatch.delenv("POLICYTRACK_CACHE", raising=False)
    return where


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A small synthetic dataset written as one JSON file, old enough for its stat to vouch."""
    path = tmp_path / "data.json"
    path.write_text(pt.dumps(pt.synthesize(policies=40, outcomes=20, seed=3), "json"), "utf-8")
    _age(path)
    return path


def _age(path: Path, seconds: int = 60) -> None:
    """Date *path* back, as a file not touched for a while (its change time stays now)."""
    past = pendulum.now().subtract(seconds=seconds).timestamp()
    os.utime(path, (past, past))


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*" + cache.SUFFIX))


def _answers(dataset: pt.Dataset) -> list[object]:
    """What the analyses of time say on *dataset*: index, timeline, coverage and totals."""
    found: list[object] = []
    for code in JURISDICTIONS:
        series = pt.index(dataset, code, codebook=CODEBOOK, window=WINDOW)
        found += [series, series.timeline, series.coverage]
        found.append(
            pt.timeline(dataset, code, codebook=CODEBOOK, start_rule=pt.StartRule.ANNOUNCED)
        )
        found.append(pt.coverage(dataset, code, *WINDOW, scoring=pt.Scoring(subdivisions=False)))
        surer = pt.Scoring(min_confidence=pt.Confidence.PROBABLE)  # filtered: built from records
        found.append(pt.index(dataset, code, codebook=CODEBOOK, scoring=surer, window=WINDOW))
    found.append(pt.outcome_totals(dataset))
    return found


def test_a_second_load_reads_the_entry_and_equals_the_first(folder: Path, data: Path) -> None:
    """Writes an entry on the first load and reads it on the second, equal in every record."""
    first = pt.load(data, cache=True)
    assert not isinstance(first, CompiledDataset)
    assert len(_entries(folder)) == 1
    second = pt.load(data, cache=True)
    assert isinstance(second, CompiledDataset)
    assert repr(second) == repr(first) and len(second) == len(first)
    policy = first.policies[3]
    assert second.get(policy.id) == policy and policy.id in second
    assert second == first and first == second
    assert second.policies == first.policies and second.outcomes == first.outcomes


def test_a_load_without_the_switch_neither_reads_nor_writes(folder: Path, data: Path) -> None:
    """Leaves the cache alone by default in Python, and when the environment turns it off."""
    pt.load(data)
    assert not folder.exists()
    os.environ["POLICYTRACK_CACHE"] = "off"
    try:
        pt.load(data, cache=True)
    finally:
        del os.environ["POLICYTRACK_CACHE"]
    assert not folder.exists()


def test_the_folder_follows_the_platform(monkeypatch: pytest.MonkeyPatch) -> None:
    """Uses POLICYTRACK_CACHE_DIR, else XDG_CACHE_HOME, else ~/.cache on Linux."""
    monkeypatch.setenv("POLICYTRACK_CACHE_DIR", "/somewhere/else")
    assert cache.directory() == Path("/somewhere/else")
    monkeypatch.delenv("POLICYTRACK_CACHE_DIR")
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", "/xdg")
    assert cache.directory() == Path("/xdg/policytrack")
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache.directory() == Path.home() / ".cache" / "policytrack"
    monkeypatch.setattr("sys.platform", "darwin")
    assert cache.directory() == Path.home() / "Library" / "Caches" / "policytrack"
    monkeypatch.setattr("sys.platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", "C:/Users/me/AppData/Local")
    assert cache.directory() == Path("C:/Users/me/AppData/Local/policytrack/Cache")


# Never stale ----------------------------------------------------------------------------------


def test_a_changed_file_of_the_same_size_and_time_is_a_miss(folder: Path, data: Path) -> None:
    """Reloads a file changed in place whose size and modification time were put back."""
    pt.load(data, cache=True)
    text = data.read_text("utf-8")
    before = data.stat()
    changed = text.replace("policy-0000007", "policy-0000x07", 1).replace(
        "policy-0000007", "policy-0000x07"
    )
    assert len(changed) == len(text)
    data.write_text(changed, "utf-8")
    os.utime(data, ns=(before.st_atime_ns, before.st_mtime_ns))
    again = pt.load(data, cache=True)
    assert "policy-0000x07" in again and "policy-0000007" not in again


def test_a_file_changed_within_one_clock_tick_is_hashed(
    folder: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hashes a file whose times lie too near its hashing to vouch for it, as on a coarse clock.

    The file system's clock is made to stand still: a change then leaves size and times as
    they were, and only the hash can tell.
    """
    real, now = cache._stat, time.time_ns()
    monkeypatch.setattr(cache, "_stat", lambda path: (real(path)[0], now, now, real(path)[3]))
    pt.load(data, cache=True)
    assert isinstance(pt.load(data, cache=True), CompiledDataset)  # hashed, and the same
    text = data.read_text("utf-8")
    data.write_text(text.replace("policy-0000007", "policy-0000x07"), "utf-8")
    assert "policy-0000x07" in pt.load(data, cache=True)


def test_a_file_settled_by_the_end_of_its_load_is_not_hashed_again(
    folder: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hashes a file written just before its load again after it, so later loads trust its stat.

    The clock reads a tenth of a second after the file's last change when the load begins,
    and ten seconds after once it is done.
    """
    st = data.stat()
    changed = max(st.st_mtime_ns, st.st_ctime_ns)
    readings = iter([changed + 10**8])  # when the load begins; then ten seconds on
    monkeypatch.setattr(cache.time, "time_ns", lambda: next(readings, changed + 10**10))
    pt.load(data, cache=True)
    hashed = []
    real = cache._sha256
    monkeypatch.setattr(cache, "_sha256", lambda path: hashed.append(path) or real(path))
    assert isinstance(pt.load(data, cache=True), CompiledDataset)
    assert hashed == []


def test_a_changed_record_file_in_a_tree_is_a_miss(folder: Path, tmp_path: Path) -> None:
    """Reloads a curated tree when one record file changes, appears or goes."""
    tree = tmp_path / "tree"
    pt.dump(pt.synthesize(policies=8, outcomes=4, seed=2), tree)
    for file in tree.rglob("*.toml"):
        _age(file)
    first = pt.load(tree, cache=True)
    assert isinstance(pt.load(tree, cache=True), CompiledDataset)
    target = tree / "policies" / f"{first.policies[0].id}.toml"
    target.write_text(target.read_text("utf-8").replace("title = ", 'title = "X" #', 1), "utf-8")
    assert pt.load(tree, cache=True).policies[0].title == "X"
    extra = tree / "claims" / "stray.toml"
    extra.parent.mkdir(exist_ok=True)
    extra.write_text('id = "stray"\n', "utf-8")  # a file the tree did not have: a miss
    with pytest.raises(pt.DataError):
        pt.load(tree, cache=True)
    extra.unlink()
    assert isinstance(pt.load(tree, cache=True), pt.Dataset)


def test_a_changed_codebook_is_a_miss(folder: Path, data: Path, tmp_path: Path) -> None:
    """Rechecks the dataset when its own codebook file, or the one given, changes."""
    book = tmp_path / "book.toml"
    source = pt.bundled_path().parent / "policytrack" / "codebooks" / "internet-controls.toml"
    if not source.is_file():
        source = Path(pt.__file__).parent / "codebooks" / "internet-controls.toml"
    book.write_text(source.read_text("utf-8"), "utf-8")
    text = data.read_text("utf-8").replace('"info": {', '"info": {"codebook": "book.toml", ', 1)
    data.write_text(text, "utf-8")
    _age(data)
    pt.load(data, cache=True)
    assert isinstance(pt.load(data, cache=True), CompiledDataset)
    book.write_text(book.read_text("utf-8").replace("weight = 1.0", "weight = 2.0", 1), "utf-8")
    assert not isinstance(pt.load(data, cache=True), CompiledDataset)
    assert isinstance(pt.load(data, cache=True), CompiledDataset)
    other = attrs.evolve(pt.load_codebook(book), version="9")
    assert not isinstance(pt.load(data, cache=True, codebook=other), CompiledDataset)
    assert isinstance(pt.load(data, cache=True, codebook=other), CompiledDataset)


def test_another_package_version_or_format_is_a_miss(
    folder: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ignores an entry written by another version of the package or of the format."""
    pt.load(data, cache=True)
    monkeypatch.setattr(cache, "_version", lambda: "999.0")
    assert not isinstance(pt.load(data, cache=True), CompiledDataset)
    assert isinstance(pt.load(data, cache=True), CompiledDataset)
    monkeypatch.setattr(cache, "FORMAT", cache.FORMAT + 1)
    assert not isinstance(pt.load(data, cache=True), CompiledDataset)
    monkeypatch.setattr(cache, "_code", lambda: [("model/records.py", 1, 2)])
    assert not isinstance(pt.load(data, cache=True), CompiledDataset)


def test_bad_data_keeps_nothing(folder: Path, tmp_path: Path) -> None:
    """Raises for a dataset that does not check, and writes no entry for it."""
    bad = tmp_path / "bad.json"
    bad.write_text('{"info": {"id": "x", "title": "x"}, "policies": [{"id": "p"}]}', "utf-8")
    for _ in range(2):
        with pytest.raises(pt.DataError):
            pt.load(bad, cache=True)
    assert _entries(folder) == []


# Damage ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],
        lambda b: b[:5],
        lambda b: b"",
        lambda b: os.urandom(len(b)),
        lambda b: b[:200] + bytes([b[200] ^ 0xFF]) + b[201:],  # inside the header
        lambda b: b[:-100] + bytes([b[-100] ^ 0xFF]) + b[-99:],  # inside the records
        lambda b: b[: len(b) // 3] + b"\x00" * 64 + b[len(b) // 3 + 64 :],  # the columns
    ],
    ids=["truncated", "five-bytes", "empty", "garbage", "header", "records", "columns"],
)
def test_a_damaged_entry_is_a_miss_and_is_rebuilt(folder: Path, data: Path, damage: object) -> None:
    """Answers from the files when the entry is damaged anywhere, and never differently."""
    truth = pt.load(data)
    pt.load(data, cache=True)
    (entry,) = _entries(folder)
    entry.write_bytes(damage(entry.read_bytes()))  # type: ignore[operator]
    found = pt.load(data, cache=True)
    assert found == truth and found.policies == truth.policies
    assert found.outcomes == truth.outcomes and found.claims == truth.claims
    assert _answers(found) == _answers(truth)
    assert pt.load(data, cache=True) == truth


def test_an_entry_others_may_write_is_not_read(folder: Path, data: Path) -> None:
    """Does not trust an entry in a folder that other users may write to."""
    pt.load(data, cache=True)
    folder.chmod(0o777)
    try:
        assert not isinstance(pt.load(data, cache=True), CompiledDataset)
    finally:
        folder.chmod(0o700)
    assert isinstance(pt.load(data, cache=True), CompiledDataset)


def test_the_cache_keeps_at_most_its_bound(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Evicts the least recently used entries beyond the bound."""
    monkeypatch.setattr(cache, "MAX_ENTRIES", 2)
    for seed in range(4):
        path = tmp_path / f"d{seed}.json"
        path.write_text(pt.dumps(pt.synthesize(policies=3, seed=seed), "json"), "utf-8")
        pt.load(path, cache=True)
    assert len(_entries(folder)) == 2
    assert cache.info().entries == 2 and cache.info().bytes > 0
    assert cache.clear() == 2 and _entries(folder) == []


# Concurrency ----------------------------------------------------------------------------------


def _load_digest(path: str, folder: str, rounds: int) -> list[str]:
    """Load *path* through the cache *rounds* times; each dataset's digest (in a child)."""
    os.environ["POLICYTRACK_CACHE_DIR"] = folder
    os.environ.pop("POLICYTRACK_CACHE", None)
    digests = []
    for i in range(rounds):
        if i % 2:
            cache.clear()  # a writer's rename racing the other readers
        dataset = pt.load(path, cache=True)
        text = pt.dumps(dataset, "json")
        digests.append(hashlib.sha256(text.encode()).hexdigest())
    return digests


def test_several_processes_read_and_write_one_entry_at_once(folder: Path, data: Path) -> None:
    """Gives every process the same dataset while others write, replace and clear the entry."""
    truth = hashlib.sha256(pt.dumps(pt.load(data), "json").encode()).hexdigest()
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(4, mp_context=context) as pool:
        jobs = [pool.submit(_load_digest, str(data), str(folder), 4) for _ in range(4)]
        found = [d for job in jobs for d in job.result(timeout=600)]
    assert found == [truth] * 16
    assert not list(folder.glob(".entry.*.tmp"))


# Every answer the same ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    """A folder for the generated datasets and their cache."""
    with tempfile.TemporaryDirectory() as where:
        yield Path(where)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pts.datasets(max_policies=6), st.sampled_from(["json", "ndjson"]))
def test_cached_answers_equal_uncached_ones(scratch: Path, dataset: pt.Dataset, fmt: str) -> None:
    """Answers the index, timelines, coverage and totals the same from the cache as without."""
    os.environ["POLICYTRACK_CACHE_DIR"] = str(scratch / "cache")
    path = scratch / f"data.{fmt}"
    path.write_text(pt.dumps(dataset, fmt), "utf-8")  # type: ignore[arg-type]
    past = pendulum.now().subtract(minutes=1).timestamp()
    os.utime(path, (past, past))
    cache.clear()
    truth = pt.load(path)
    pt.load(path, cache=True)
    cached = pt.load(path, cache=True)
    assert isinstance(cached, CompiledDataset)
    assert _answers(cached) == _answers(truth)
    assert cached == truth
