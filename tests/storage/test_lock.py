"""The dataset lock: concurrent writers lose nothing; a held lock names its holder."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import policytrack
from policytrack.cli import main
from policytrack.errors import LockError
from policytrack.storage.lock import LOCK_FILE, dataset_lock

WRITERS = 16
ROUNDS = 2

INFO = 'id = "race"\ntitle = "Concurrent writers"\ncodebook = "internet-controls"\n'


def _dataset(tmp_path: Path) -> Path:
    root = tmp_path / "race"
    root.mkdir()
    (root / "dataset.toml").write_text(INFO, "utf-8")
    return root


def _command(args: list[str], errors: Path) -> None:
    """Run the command line in this (forked) process, its errors going to *errors*."""
    fd = os.open(errors, os.O_WRONLY | os.O_CREAT, 0o600)
    os.dup2(fd, 2)
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    sys.argv = ["policytrack", *args]
    try:
        main()
    except SystemExit as exc:
        os._exit(exc.code if isinstance(exc.code, int) else 1)
    os._exit(0)


def _run_all(commands: list[list[str]], tmp_path: Path) -> list[tuple[int, str]]:
    """Run every command at once, each in its own process; their exit codes and errors.

    The processes are forked from this one, so they start at once (a new interpreter each
    would take longer than the race they are in).
    """
    context = multiprocessing.get_context("fork")
    started = []
    for n, command in enumerate(commands):
        errors = tmp_path / f"stderr-{n}-{time.monotonic_ns()}"
        process = context.Process(target=_command, args=(command, errors))
        process.start()
        started.append((process, errors))
    results = []
    for process, errors in started:
        process.join(timeout=120)
        results.append((process.exitcode or 0, errors.read_text("utf-8")))
    return results


def test_concurrent_source_adds_keep_every_source(tmp_path: Path) -> None:
    """Keeps every source that 16 concurrent `source add` processes report added, each round."""
    root = _dataset(tmp_path)
    added: set[str] = set()
    for round_ in range(ROUNDS):
        commands = []
        for n in range(WRITERS):
            text = tmp_path / f"article-{round_}-{n}.txt"
            text.write_text(f"Article {round_}-{n}: the regulator acted.\n", "utf-8")
            source_id = f"article-{round_}-{n}"
            commands.append(
                [
                    *("--data", str(root), "source", "add", str(text), "--title", source_id),
                    *("--outlet", "Wire", "--published", "2020-01-02"),
                    *("--reliability", "independent_media", "--id", source_id),
                ]
            )
        for (code, errors), command in zip(_run_all(commands, tmp_path), commands, strict=True):
            assert code == 0, errors
            added.add(command[command.index("--id") + 1])
        loaded = policytrack.load(root)
        assert {s.id for s in loaded.sources} == added
        assert {p.stem for p in (root / "texts").glob("*.txt")} == added
    assert len(added) == WRITERS * ROUNDS


ARTICLE = "Every platform was named by the regulator on Monday.\n"


def _quoted_dataset(tmp_path: Path) -> tuple[Path, str]:
    """A dataset with one source, and the evidence (TOML) a draft record can quote from it."""
    root = _dataset(tmp_path)
    text = tmp_path / "article.txt"
    text.write_text(ARTICLE, "utf-8")
    policytrack.register_source(
        root,
        text,
        title="Named",
        outlet="Wire",
        published=policytrack.UncertainDate.stated("2020-01-02"),
        reliability=policytrack.Reliability.INDEPENDENT_MEDIA,
        source_id="article",
    )
    exact = "named by the regulator"
    start = ARTICLE.index(exact)
    evidence = (
        f'\n[[evidence]]\nsource = "article"\nexact = "{exact}"\n'
        f"start = {start}\nend = {start + len(exact)}\n"
    )
    return root, evidence


def test_concurrent_accepts_keep_every_record(tmp_path: Path) -> None:
    """Keeps every record that 16 concurrent `accept` processes report added, each round."""
    root, evidence = _quoted_dataset(tmp_path)
    added: set[str] = set()
    for round_ in range(ROUNDS):
        commands = []
        for n in range(WRITERS):
            draft = tmp_path / f"draft-{round_}-{n}"
            (draft / "platforms").mkdir(parents=True)
            platform_id = f"platform-{round_}-{n}"
            (draft / "platforms" / f"{platform_id}.toml").write_text(
                f'id = "{platform_id}"\nname = "Platform {round_} {n}"\nkind = "social_media"\n'
                + evidence,
                "utf-8",
            )
            commands.append(["--data", str(root), "accept", str(draft)])
        for (code, errors), n in zip(_run_all(commands, tmp_path), range(WRITERS), strict=True):
            assert code == 0, errors
            added.add(f"platform-{round_}-{n}")
        assert {p.id for p in policytrack.load(root).platforms} == added
    assert len(added) == WRITERS * ROUNDS


def test_a_held_lock_names_its_holder(tmp_path: Path) -> None:
    """Gives up after the timeout with a message naming the process that holds the lock."""
    root = _dataset(tmp_path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time, pathlib\n"
            "from policytrack.storage.lock import dataset_lock\n"
            "with dataset_lock(pathlib.Path(sys.argv[1])):\n"
            "    print('held', flush=True)\n"
            "    time.sleep(30)\n",
            str(root),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "held\n"
        # The holder keeps the lock for 30 s: a wait that ignored its 0.3 s would get the lock
        # in the end and raise nothing.
        with pytest.raises(LockError) as caught, dataset_lock(root, wait=0.3):
            pass
        message = str(caught.value)
        assert f"pid {holder.pid}" in message
        assert "host " in message
        assert "POLICYTRACK_LOCK_TIMEOUT" in message
        assert isinstance(caught.value, policytrack.PolicytrackError)
    finally:
        holder.kill()
        holder.wait()
    with dataset_lock(root, wait=5):  # released when its holder died
        assert (root / LOCK_FILE).read_text("utf-8").startswith(f"pid {os.getpid()}")


def test_the_lock_is_reentrant_in_one_thread(tmp_path: Path) -> None:
    """Lets a writer that holds the lock call another writer that takes it."""
    root = _dataset(tmp_path)
    with dataset_lock(root, wait=0), dataset_lock(root, wait=0):
        policytrack.dump(policytrack.load(root), root)
    assert (root / "dataset.toml").read_text("utf-8").startswith('id = "race"')
