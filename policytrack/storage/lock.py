"""The dataset lock: one writer at a time on a curated dataset, across processes.

Every writer of a dataset folder (``source add``, ``accept``, :func:`policytrack.dump`) holds an
advisory ``fcntl`` lock on ``.policytrack.lock`` in the folder while it reads what it must and
writes. The lock file says who holds it (pid, host, command), so a writer that waits too long
can name the holder. The lock is re-entrant within a process: a writer that holds it may call
another that takes it. Readers take no lock: every file is replaced whole, so they see the
old dataset or the new one.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from policytrack.errors import LockError, WriteError

__all__ = ["LOCK_FILE", "dataset_lock", "timeout"]

LOCK_FILE = ".policytrack.lock"
"""The lock file's name inside a dataset folder."""

_TIMEOUT_VARIABLE = "POLICYTRACK_LOCK_TIMEOUT"
_DEFAULT_TIMEOUT = 30.0

_local = threading.local()
"""Per thread, the locks it holds: (device, inode) of the lock file -> how many times taken.

Per thread, so that two threads of one process wait for each other as two processes do.
"""


def _held() -> dict[tuple[int, int], int]:
    held: dict[tuple[int, int], int] | None = getattr(_local, "held", None)
    if held is None:
        held = _local.held = {}
    return held


def timeout() -> float:
    """Seconds a writer waits for the lock: ``POLICYTRACK_LOCK_TIMEOUT``, or 30."""
    raw = os.environ.get(_TIMEOUT_VARIABLE, "")
    try:
        return max(float(raw), 0.0) if raw.strip() else _DEFAULT_TIMEOUT
    except ValueError:
        return _DEFAULT_TIMEOUT


def _holder(path: Path) -> str:
    try:
        text = path.read_text("utf-8", errors="replace").strip()
    except OSError:
        return "another process"
    return text.replace("\n", ", ") or "another process"


def _command() -> str:
    name = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "python"
    return " ".join([name, *sys.argv[1:3]])[:200]


def _open(path: Path) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o666)
    except OSError as exc:
        msg = f"{path}: cannot lock the dataset ({exc.strerror or exc})"
        raise WriteError(msg) from None


def _acquire(path: Path, wait: float) -> int:
    """The descriptor of *path*, locked; the lock file is the one now at *path*."""
    deadline = time.monotonic() + wait
    delay = 0.005
    while True:
        fd = _open(path)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if time.monotonic() >= deadline:
                msg = (
                    f"{path.parent}: the dataset is being written by {_holder(path)}; "
                    f"gave up after {wait:g} s (set {_TIMEOUT_VARIABLE} to wait longer)"
                )
                raise LockError(msg) from None
            time.sleep(delay)
            delay = min(delay * 2, 0.1)
            continue
        # A writer may have swapped the folder while this one waited: the lock only counts
        # on the file that is at the path now.
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except OSError:
            same = False
        if same:
            return fd
        os.close(fd)


@contextlib.contextmanager
def dataset_lock(folder: Path, *, wait: float | None = None) -> Iterator[None]:
    """Hold the lock of the dataset in *folder* for the block.

    Args:
        folder: The dataset folder (it must exist).
        wait: Seconds to wait for another writer; by default :func:`timeout`.

    Raises:
        LockError: Another process held the lock for longer than *wait*; the message names it.
        WriteError: The lock file cannot be made (a read-only folder).
    """
    path = folder / LOCK_FILE
    held = _held()
    try:
        key = _key(path)
    except OSError:
        key = None
    if key is not None and key in held:
        held[key] += 1
        try:
            yield
        finally:
            held[key] -= 1
            if not held[key]:
                del held[key]
        return
    fd = _acquire(path, timeout() if wait is None else wait)
    key = _key_of(fd)
    try:
        os.ftruncate(fd, 0)
        record = f"pid {os.getpid()}\nhost {socket.gethostname()}\ncommand {_command()}\n"
        os.pwrite(fd, record.encode("utf-8", "replace"), 0)
    except OSError:
        pass  # who holds it is a courtesy; the lock itself is held
    held[key] = 1
    try:
        yield
    finally:
        held.pop(key, None)
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        os.close(fd)  # closing releases the lock


def _key(path: Path) -> tuple[int, int]:
    info = os.stat(path)
    return info.st_dev, info.st_ino


def _key_of(fd: int) -> tuple[int, int]:
    info = os.fstat(fd)
    return info.st_dev, info.st_ino
