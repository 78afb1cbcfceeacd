"""Reading a file policytrack was pointed at: regular files only, and never without a limit.

A FIFO would block the reader forever, a device (``/dev/zero``) never ends, and a socket cannot
be read: each is refused at once, directly or through a symbolic link. A file larger than its
limit is refused with the limit and the environment variable that raises it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Literal

from policytrack.errors import PolicytrackError

__all__ = [
    "LIMITS",
    "FileRefused",
    "irregular",
    "limit",
    "open_regular",
    "read_regular",
]

Kind = Literal["record", "dataset"]

LIMITS: dict[str, tuple[str, int]] = {
    # A record file, a codebook, a source text: what a person writes by hand or pastes.
    "record": ("POLICYTRACK_MAX_RECORD_BYTES", 64 * 2**20),
    # A whole dataset in one .json or .ndjson file.
    "dataset": ("POLICYTRACK_MAX_DATASET_BYTES", 4 * 2**30),
}
"""For each kind of file: the environment variable that sets its limit, and the default."""

_UNITS = {"": 1, "K": 2**10, "M": 2**20, "G": 2**30}


class FileRefused(PolicytrackError, ValueError):  # noqa: N818  (a refusal, not a crash)
    """A file that is not a regular file, or larger than its limit; says which and why."""


def limit(kind: Kind) -> int:
    """The size limit in bytes for a file of *kind*, from its environment variable or default.

    The variable takes bytes, or a number with ``K``, ``M`` or ``G`` (``512M``).
    """
    variable, default = LIMITS[kind]
    raw = os.environ.get(variable, "").strip().upper().removesuffix("B")
    if not raw:
        return default
    number, unit = (raw[:-1], raw[-1]) if raw[-1] in _UNITS else (raw, "")
    try:
        return max(int(number) * _UNITS[unit], 0)
    except ValueError:
        msg = f"{variable}={os.environ[variable]!r} is not a size (bytes, or e.g. 512M or 2G)"
        raise FileRefused(msg) from None


def _size(n: int) -> str:
    for unit, factor in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if n >= factor and n % factor == 0:
            return f"{n // factor} {unit}"
    return f"{n} bytes"


def irregular(mode: int) -> str | None:
    """What a file of *mode* is when it is not a regular file (``"a FIFO"``), else None."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def open_regular(path: Path, kind: Kind = "record") -> int:
    """A file descriptor open for reading on *path*, once it is known to be a regular file.

    The file is opened without blocking (a FIFO would otherwise wait for a writer) and checked
    after opening, so a file swapped for a device in between is refused too.

    Raises:
        FileRefused: *path* is a FIFO, socket, device or folder (also through a link), or
            larger than the limit for *kind*.
        OSError: *path* cannot be opened (missing, no permission).
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        mode = stat.S_IFREG  # let open() say what is wrong
    what = irregular(mode)
    if what is None:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        info = os.fstat(fd)
        what = irregular(info.st_mode)
        if what is None:
            os.set_blocking(fd, True)
            most = limit(kind)
            if info.st_size <= most:
                return fd
            os.close(fd)
            variable = LIMITS[kind][0]
            msg = (
                f"{_size(info.st_size)}, more than the limit of {_size(most)} for a {kind} "
                f"file (set {variable} to raise it, e.g. {variable}={_size_hint(info.st_size)})"
            )
            raise FileRefused(msg)
        os.close(fd)
    link = " (through a link)" if path.is_symlink() else ""
    msg = f"{what}{link}, not a regular file: only regular files are read"
    raise FileRefused(msg)


def _size_hint(size: int) -> str:
    mib = -(-size // 2**20)
    return f"{mib}M"


def read_regular(path: Path, kind: Kind = "record") -> bytes:
    """The bytes of *path*, a regular file no larger than the limit for *kind*.

    A file that grows past its limit while it is read is refused as well.

    Raises:
        FileRefused: As for :func:`open_regular`.
        OSError: *path* cannot be read.
    """
    fd = open_regular(path, kind)
    most = limit(kind)
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(most + 1)
    if len(data) > most:
        variable = LIMITS[kind][0]
        msg = f"more than the limit of {_size(most)} for a {kind} file (set {variable} to raise it)"
        raise FileRefused(msg)
    return data
