"""Atomic writes: a reader sees the old file or package or the new one, never half of either.

One file is written beside its target and renamed over it (:func:`write_atomic`). A package of
files (a CSV package, a TOML tree, a Parquet folder) is written into a folder beside its target
and swapped in whole (:func:`replace_dir`): a crash, ``kill -9`` or a full disk at any moment
leaves the old package or the new one. Temporaries a killed run left behind are removed by the
next write to the same target.

One rule for a missing parent folder, for every writer: it is an error naming the folder;
nothing creates the folders above the target.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from policytrack.errors import WriteError

__all__ = [
    "check_parent",
    "clean_leftovers",
    "clean_temporaries",
    "replace_dir",
    "temporary_prefix",
    "write_atomic",
    "write_error",
]

_UMASK = os.umask(0o022)
os.umask(_UMASK)

_NEW = ".new-"
_OLD = ".old-"


def write_error(path: Path, exc: OSError, verb: str = "write") -> WriteError:
    """A :class:`WriteError` for *exc*, in the user's terms (a full disk says so)."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        what = "no space left on device" if exc.errno == errno.ENOSPC else "disk quota exceeded"
        return WriteError(f"{what} writing {path}; nothing was written")
    return WriteError(f"{path}: cannot {verb} ({exc.strerror or exc})")


def check_parent(path: Path) -> None:
    """Refuse a target whose folder does not exist: the one rule for a missing parent.

    Raises:
        WriteError: The folder that would hold *path* is missing, or is a file.
    """
    parent = path.parent
    if parent.is_dir():
        return
    if parent.exists():
        msg = f"{path}: cannot write ({parent} is a file, not a folder)"
    else:
        msg = f"{path}: cannot write (no folder {parent}; create it first)"
    raise WriteError(msg)


def write_atomic(path: Path, data: bytes | str, *, clean: bool = True) -> None:
    """Write *data* to *path* through a temporary file in the same directory and a rename.

    Concurrent writers each rename a complete file into place, so the last one wins whole.
    With *clean*, temporaries of *path* that killed runs left behind are removed first (a
    writer filling a fresh folder passes False: there are none, and looking costs a listing).

    Raises:
        WriteError: The directory is missing or unwritable, or the disk is full; *path* is left
            as it was.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    check_parent(path)
    if clean:
        clean_temporaries(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=temporary_prefix(path), suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise write_error(path, exc) from None
    owned = False  # whether a file object has taken over closing fd
    try:
        # mkstemp makes the file private; a written file gets the usual permissions.
        os.fchmod(fd, 0o666 & ~_UMASK)
        with os.fdopen(fd, "wb") as handle:
            owned = True
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        if not owned:
            with contextlib.suppress(OSError):
                os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise write_error(path, exc) from None
        raise


def temporary_prefix(path: Path) -> str:
    """The start of a temporary file's name for *path*: it names the writing process."""
    return f".{path.name}.{os.getpid()}-"


def clean_temporaries(path: Path) -> None:
    """Remove temporary files of *path* left by writers that are no longer running."""
    prefix = f".{path.name}."
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            name = entry.name
            if name.startswith(prefix) and name.endswith(".tmp"):
                pid = name[len(prefix) :].split("-", 1)[0]
                if (
                    pid.isdecimal()
                    and not _alive(int(pid))
                    and entry.is_file(follow_symlinks=False)
                ):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _leftovers(target: Path) -> Iterator[tuple[Path, str, int]]:
    """Folders a run writing *target* left beside it: (path, kind, pid of the run)."""
    prefix = f".{target.name}"
    with contextlib.suppress(OSError):
        for entry in target.parent.iterdir():
            name = entry.name
            for kind in (_NEW, _OLD):
                if name.startswith(prefix + kind):
                    pid = name[len(prefix + kind) :].split("-", 1)[0]
                    if pid.isdecimal():
                        yield entry, kind, int(pid)


def clean_leftovers(target: Path) -> None:
    """Remove what killed runs writing *target* left beside it; restore a lost old package.

    A run killed between moving the old package aside and moving the new one in (only where
    the two cannot be exchanged in one step) leaves no *target*: the old one is put back.
    """
    for path, kind, pid in list(_leftovers(target)):
        if _alive(pid):
            continue  # a run still writing (this process's other threads included)
        if kind == _OLD and not target.exists() and not target.is_symlink():
            with contextlib.suppress(OSError):
                path.rename(target)
                continue
        _remove_tree(path)


def _remove_tree(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2``); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    renameat2.argtypes.append(ctypes.c_uint)
    done = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code))


def _swap_in(new: Path, target: Path, old: Path) -> None:
    """Put *new* at *target*; the previous *target* (if any) ends at *old*."""
    if not target.exists():
        os.rename(new, target)
        return
    if not target.is_dir() or target.is_symlink():
        msg = f"{target}: cannot write (a file is there, not a folder)"
        raise WriteError(msg)
    if _exchange(new, target):
        os.rename(new, old)  # new now holds the old package
        return
    os.rename(target, old)
    os.rename(new, target)


@contextlib.contextmanager
def replace_dir(target: Path, *, seed: bool = False) -> Iterator[Path]:
    """A folder to write a whole package into; on success it replaces *target* in one step.

    The folder is made beside *target* (same file system, so the swap is a rename). When the
    block raises, or the process dies, *target* is left as it was; the next write cleans up.

    Args:
        target: The package folder to replace (or create).
        seed: Start from a copy of *target* (files hard-linked where the system allows), for a
            writer that changes some files of a package and keeps the rest.

    Raises:
        WriteError: The parent folder is missing, *target* is a file, or a write failed.
    """
    check_parent(target)
    clean_leftovers(target)
    token = f"{os.getpid()}-{os.urandom(4).hex()}"
    new = target.parent / f".{target.name}{_NEW}{token}"
    old = target.parent / f".{target.name}{_OLD}{token}"
    try:
        if seed and target.is_dir():
            shutil.copytree(target, new, symlinks=True, copy_function=_link_or_copy)
        else:
            new.mkdir()
        yield new
        _swap_in(new, target, old)
    except WriteError:
        _remove_tree(new)  # already in the user's terms
        raise
    except OSError as exc:
        _remove_tree(new)
        raise write_error(target, exc) from None
    except BaseException:
        _remove_tree(new)
        raise
    _remove_tree(old)


def _link_or_copy(source: str, destination: str) -> None:
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)
