"""Atomic file writes: a reader sees the old file or the new one, never half of either."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from policytrack.errors import WriteError

__all__ = ["write_atomic"]

_UMASK = os.umask(0o022)
os.umask(_UMASK)


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write *data* to *path* through a temporary file in the same directory and a rename.

    Concurrent writers each rename a complete file into place, so the last one wins whole.

    Raises:
        WriteError: The directory is missing or unwritable; *path* is left as it was.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    directory = path.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        msg = f"{path}: cannot write ({exc.strerror or exc})"
        raise WriteError(msg) from None
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
            msg = f"{path}: cannot write ({exc.strerror or exc})"
            raise WriteError(msg) from None
        raise
