"""The compiled cache: a checked dataset kept so that the next query neither parses nor checks.

After a dataset is loaded and checked, :func:`through` writes what it was built from and what
it holds to one file in the user's cache folder (:func:`directory`). The next load of the same
files with the same codebook reads that file instead: its columns
(:class:`~policytrack.model.columns.Columns`) at once, which is all the timeline, the index and
coverage read, and each record only when something asks for it
(:class:`~policytrack.model.compiled.CompiledDataset`).

**Never stale.** An entry records, for every file the dataset was read from, its size, times,
inode and SHA-256, and besides them the codebook's content, the package's version, the cache
format and the stat of the modules that build and check records. Any difference is a miss. A
file whose size and times are unchanged is trusted without hashing only when those times lie
more than :data:`RACY_NS` before the moment it was hashed: a file changed after it was hashed
(even within the file system's clock tick) then shows a later change time (the ``racy git``
rule). Otherwise it is hashed again. A file written just before its first load is hashed once
more when the load is done, if it has settled by then, so that later loads need not hash it.

**Safe.** An entry is written to a temporary file in the cache folder and renamed into place,
so a reader sees an old entry or a new one, whole; a reader keeps the entry it opened open, so a
writer replacing it does not disturb it. An entry whose bytes do not check out (truncated,
damaged, another format) is a miss, and rebuilt. An entry is read only from a folder the user
owns and nobody else can write to, and only if the user owns it: it is :mod:`marshal` data (no
code runs when it is read), as trusted as the user's own files.

**Bounded.** At most :data:`MAX_ENTRIES` entries and :data:`MAX_BYTES` bytes are kept; the
least recently used go first.

Environment: ``POLICYTRACK_CACHE=0`` (or ``off``, ``false``, ``no``) turns the cache off;
``POLICYTRACK_CACHE_DIR`` moves it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import marshal
import os
import struct
import sys
import tempfile
import threading
import time
import weakref
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from stat import S_ISREG
from typing import Any

import attrs

from policytrack.collector import collector_paused
from policytrack.errors import ArgumentValueError, NotFoundError, PolicytrackError
from policytrack.model.codebook import Codebook
from policytrack.model.columns import Columns, columns_of
from policytrack.model.compiled import CompiledDataset
from policytrack.model.dataset import COLLECTIONS, Dataset, DatasetInfo
from policytrack.storage import build

__all__ = [
    "MAX_BYTES",
    "MAX_ENTRIES",
    "CacheInfo",
    "clear",
    "directory",
    "disabled_by_environment",
    "info",
    "through",
]

FORMAT = 3
"""The entry format's version: part of every entry's key."""

MAGIC = b"PTCACHE\x00"
SUFFIX = ".ptc"

MAX_ENTRIES = 8
"""The most entries kept; the least recently used go first."""
MAX_BYTES = 4 * 1024**3
"""The most bytes the entries take together; the least recently used go first."""

RACY_NS = 2_000_000_000
"""How long before its hashing a file must have last changed for its stat alone to vouch for it
(two seconds: more than any file system's clock tick, FAT's included)."""

_OFF = frozenset({"0", "off", "false", "no"})
_ON = frozenset({"", "1", "on", "true", "yes"})
_HEAD = struct.Struct("<8sQI")
"""The magic bytes, the header's length and its CRC-32: no damaged byte reaches marshal."""

_CODE = (
    "model/records.py",
    "model/dates.py",
    "model/rules.py",
    "model/checks.py",
    "model/columns.py",
    "model/codebook.py",
    "model/dataset.py",
    "storage/build.py",
    "storage/buildbase.py",
    "storage/builders.py",
    "storage/converter.py",
    "storage/loader.py",
    "storage/cache.py",
)
"""The modules whose code decides what a load builds and accepts."""


def disabled_by_environment() -> bool:
    """Whether ``POLICYTRACK_CACHE`` turns the cache off (raises ArgumentValueError on a typo)."""
    raw = os.environ.get("POLICYTRACK_CACHE", "").strip().lower()
    if raw not in _OFF | _ON:
        given = os.environ["POLICYTRACK_CACHE"]
        msg = f"POLICYTRACK_CACHE={given!r}: expected 0, off, false or no, or 1, on, true or yes"
        raise ArgumentValueError(msg)
    return raw in _OFF


def directory() -> Path:
    r"""Where entries are kept: ``POLICYTRACK_CACHE_DIR``, else the platform's cache folder.

    ``$XDG_CACHE_HOME/policytrack`` (``~/.cache/policytrack``) on Linux and other Unix,
    ``~/Library/Caches/policytrack`` on macOS, ``%LOCALAPPDATA%\policytrack\Cache`` on Windows.
    """
    moved = os.environ.get("POLICYTRACK_CACHE_DIR")
    if moved:
        return Path(moved).expanduser()
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "policytrack" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "policytrack"
    xdg = os.environ.get("XDG_CACHE_HOME")
    base_dir = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base_dir / "policytrack"


# What an entry is built from ------------------------------------------------------------------


def _inputs(path: Path) -> list[Path]:
    """The files a load of *path* reads, in a fixed order (as the loader finds them)."""
    if not path.is_dir():
        return [path]
    files = [path / "dataset.toml"]
    for name in COLLECTIONS:
        folder = path / name
        if folder.is_dir():
            files.extend(sorted(folder.glob("*.toml")))
    return files


def _stat(path: Path) -> tuple[int, int, int, int]:
    st = path.stat()
    if not S_ISREG(st.st_mode):
        # A FIFO or a device would block or never end when hashed: no entry for it, and the
        # load that follows refuses it with a located line.
        raise OSError(f"{path}: not a regular file")
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _code() -> list[tuple[str, int, int]]:
    """The stat of the modules that decide what a load builds: a changed module is a miss."""
    package = Path(__file__).resolve().parents[1]
    found = []
    for name in _CODE:
        with contextlib.suppress(OSError):
            st = (package / name).stat()
            found.append((name, st.st_size, st.st_mtime_ns))
    return found


def _digest(codebook: Codebook) -> str:
    from policytrack.storage.converter import converter  # noqa: PLC0415  (only with a cache)

    text = json.dumps(converter.unstructure(codebook), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _version() -> str:
    # The package root is loaded before any of its modules: read, not imported (it sits above
    # every layer).
    return str(getattr(sys.modules.get("policytrack"), "__version__", "unknown"))


def _entry(path: Path, codebook: Codebook | None) -> Path:
    """The entry of *path* loaded with *codebook* (None: the dataset's own)."""
    given = "own" if codebook is None else _digest(codebook)
    key = f"{path.resolve()}\x00{given}".encode("utf-8", "surrogatepass")
    return directory() / (hashlib.sha256(key).hexdigest()[:32] + SUFFIX)


# Reading --------------------------------------------------------------------------------------


def _trusted_directory(folder: Path) -> bool:
    """Whether *folder* is the user's own and nobody else may write to it."""
    if not hasattr(os, "getuid"):  # Windows: the profile folder is the user's
        return True
    try:
        st = folder.stat()
    except OSError:
        return False
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


class _Entry:
    """An open entry: its header, and its file kept open for the records it holds."""

    def __init__(self, fd: int, header: dict[str, Any], body: int) -> None:
        self.fd, self.header, self.body = fd, header, body
        self.lock = threading.Lock()

    def read(self, offset: int, size: int) -> bytes:
        with self.lock:
            os.lseek(self.fd, self.body + offset, os.SEEK_SET)
            data = b""
            while len(data) < size:
                chunk = os.read(self.fd, size - len(data))
                if not chunk:
                    raise EOFError
                data += chunk
            return data


def _open(entry: Path) -> _Entry | None:
    """The entry at *entry*, or None when there is none or it cannot be trusted."""
    if not _trusted_directory(entry.parent):
        return None
    try:
        fd = os.open(entry, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if hasattr(os, "getuid") and st.st_uid != os.getuid():
            raise ValueError
        head = os.read(fd, _HEAD.size)
        magic, length, crc = _HEAD.unpack(head)
        if magic != MAGIC or length > st.st_size:
            raise ValueError
        raw = os.read(fd, length)
        if zlib.crc32(raw) != crc:
            raise ValueError
        header = marshal.loads(raw)
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            raise ValueError
        return _Entry(fd, header, _HEAD.size + length)
    except (OSError, ValueError, EOFError, TypeError, struct.error):
        os.close(fd)
        return None


def _fresh(header: dict[str, Any], path: Path, files: list[Path]) -> bool:
    """Whether every file is as it was when the entry was written."""
    recorded = header["files"]
    if len(recorded) != len(files):
        return False
    for (name, stat, sha, hashed_at), file in zip(recorded, files, strict=True):
        if name != _relative(file, path):
            return False
        try:
            now = _stat(file)
        except OSError:
            return False
        if tuple(stat) == now and _settled(now, hashed_at):
            continue
        if now[0] != stat[0]:
            return False
        try:
            if _sha256(file) != sha:
                return False
        except OSError:
            return False
    return True


def _settled(stat: tuple[int, int, int, int], hashed_at: int) -> bool:
    """Whether a file of *stat* changed long enough before *hashed_at* to be vouched for by it.

    A later change, even within the clock's tick, then shows a later change time.
    """
    return max(stat[1], stat[2]) < hashed_at - RACY_NS


def _relative(file: Path, root: Path) -> str:
    return str(file.relative_to(root)) if file != root else ""


def _read(
    path: Path,
    codebook: Codebook | None,
    resolve: Callable[[str], Codebook],
    cold: Callable[[], Dataset],
) -> Dataset | None:
    """The dataset from its entry, or None on a miss."""
    entry = _open(_entry(path, codebook))
    if entry is None:
        return None
    keep = False
    try:
        header = entry.header
        if header["version"] != _version() or header["code"] != _code():
            return None
        if not _fresh(header, path, _inputs(path)):
            return None
        info = build.info(header["info"])
        try:
            used = codebook if codebook is not None else resolve(info.codebook)
        except PolicytrackError:
            return None
        if _digest(used) != header["codebook"]:
            return None
        size = header["columns_size"]
        body = entry.read(0, size)
        if zlib.crc32(body) != header["columns_crc"]:
            return None
        with collector_paused():
            columns = Columns.from_plain(marshal.loads(body))
        dataset = _compiled(entry, info, columns, cold)
        keep = True
        return dataset
    except Exception:  # a damaged or foreign entry is a miss, whatever it breaks
        return None
    finally:
        if not keep:
            os.close(entry.fd)


def _compiled(
    entry: _Entry, info: DatasetInfo, columns: Columns, cold: Callable[[], Dataset]
) -> CompiledDataset:
    """A dataset whose records are read from *entry* when asked for (from *cold* if damaged)."""
    header = entry.header
    sections: dict[str, tuple[int, int, list[int], list[int]]] = {}

    def section(name: str) -> tuple[int, int, list[int], list[int]]:
        """Where *name*'s records lie, read with the first record asked for."""
        if not sections:
            index_body = entry.read(header["columns_size"], header["index_size"])
            if zlib.crc32(index_body) != header["index_crc"]:
                raise ValueError
            for kind, start, ends, crcs in marshal.loads(index_body):
                sections[kind] = (start, ends[-1] if ends else start, ends, crcs)
        return sections[name]

    records_at = header["columns_size"] + header["index_size"]
    structurers: dict[str, Callable[[Any], Any]] = {}
    fallback: list[Dataset] = []

    def rebuilt() -> Dataset:
        if not fallback:
            fallback.append(cold())
        return fallback[0]

    def one(name: str, data: Any) -> Any:
        if not structurers:
            structurers.update(build.Builder().structurers)
        try:
            return structurers[name](data)
        except Exception:  # the builder does not vouch for it: the converter decides
            from policytrack.storage.converter import converter  # noqa: PLC0415

            return converter.structure(data, COLLECTIONS[name])

    def fetch(name: str) -> tuple[Any, ...]:
        try:
            start, stop, ends, crcs = section(name)
            blob = entry.read(records_at + start, stop - start)
            records = []
            at = 0
            with collector_paused():
                for end, crc in zip(ends, crcs, strict=True):
                    piece = blob[at : end - start]
                    if zlib.crc32(piece) != crc:
                        raise ValueError
                    records.append(one(name, marshal.loads(piece)))
                    at = end - start
            return tuple(records)
        except Exception:  # damaged since it was opened: the files themselves answer
            return tuple(getattr(rebuilt(), name))

    def fetch_one(name: str, position: int) -> Any:
        try:
            start, _, ends, crcs = section(name)
            first = ends[position - 1] if position else start
            piece = entry.read(records_at + first, ends[position] - first)
            if zlib.crc32(piece) != crcs[position]:
                raise ValueError
            return one(name, marshal.loads(piece))
        except Exception:  # damaged since it was opened: the files themselves answer
            return getattr(rebuilt(), name)[position]

    dataset = CompiledDataset.compiled(info, columns, fetch, fetch_one)
    weakref.finalize(dataset, os.close, entry.fd)
    return dataset


# Writing --------------------------------------------------------------------------------------


def _write(
    entry: Path,
    dataset: Dataset,
    codebook: Codebook,
    files: list[tuple[str, tuple[int, int, int, int], str, int]],
) -> None:
    """Write *dataset*'s entry through a temporary file and a rename."""
    from policytrack.storage.converter import converter  # noqa: PLC0415  (only with a cache)

    columns = marshal.dumps(columns_of(dataset).plain())
    index = []
    pieces: list[bytes] = []
    offset = 0
    for name in COLLECTIONS:
        start, ends, crcs = offset, [], []
        unstructure = converter.get_unstructure_hook(COLLECTIONS[name])
        for record in getattr(dataset, name):
            piece = marshal.dumps(unstructure(record))
            pieces.append(piece)
            offset += len(piece)
            ends.append(offset)
            crcs.append(zlib.crc32(piece))
        index.append((name, start, ends, crcs))
    index_bytes = marshal.dumps(index)
    header = marshal.dumps(
        {
            "format": FORMAT,
            "version": _version(),
            "code": _code(),
            "files": files,
            "codebook": _digest(codebook),
            "info": converter.unstructure(dataset.info),
            "columns_size": len(columns),
            "columns_crc": zlib.crc32(columns),
            "index_size": len(index_bytes),
            "index_crc": zlib.crc32(index_bytes),
        }
    )
    folder = entry.parent
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(prefix=".entry.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(_HEAD.pack(MAGIC, len(header), zlib.crc32(header)))
            out.write(header)
            out.write(columns)
            out.write(index_bytes)
            for piece in pieces:
                out.write(piece)
        os.replace(tmp, entry)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _evict(folder)


def _entries(folder: Path) -> Iterator[tuple[Path, os.stat_result]]:
    with contextlib.suppress(OSError):
        for path in folder.glob("*" + SUFFIX):
            with contextlib.suppress(OSError):
                yield path, path.stat()


def _evict(folder: Path) -> None:
    """Remove the least recently used entries beyond the bounds, and stray temporary files."""
    found = sorted(_entries(folder), key=lambda e: e[1].st_mtime_ns, reverse=True)
    total = 0
    for kept, (path, st) in enumerate(found):
        total += st.st_size
        if kept >= MAX_ENTRIES or total > MAX_BYTES:
            with contextlib.suppress(OSError):
                path.unlink()
    now = time.time()
    for stray in folder.glob(".entry.*.tmp"):
        with contextlib.suppress(OSError):
            if now - stray.stat().st_mtime > 3600:  # a writer that died long ago
                stray.unlink()


# The one entry point --------------------------------------------------------------------------


def _hashed(file: Path) -> tuple[tuple[int, int, int, int], str, int]:
    """*file*'s stat, its SHA-256, and when the hashing began."""
    hashed_at = time.time_ns()
    return _stat(file), _sha256(file), hashed_at


def _rehashed(
    file: Path, stat: tuple[int, int, int, int], sha: str, hashed_at: int
) -> tuple[tuple[int, int, int, int], str, int]:
    """*file*'s record, hashed again if it had changed just before its hashing and has not since.

    A file written just before its load (``synth`` then a query) would otherwise be hashed
    on every later load; by the end of a long load it has settled, and a second hash that
    agrees with the first vouches for it from then on.
    """
    if _settled(stat, hashed_at) or not _settled(stat, time.time_ns()):
        return stat, sha, hashed_at
    again_stat, again_sha, again_at = _hashed(file)
    if (again_stat, again_sha) == (stat, sha):
        return stat, sha, again_at
    return stat, sha, hashed_at


def through(
    path: Path,
    codebook: Codebook | None,
    resolve: Callable[[str], Codebook],
    load: Callable[[], Dataset],
) -> Dataset:
    """The dataset at *path*: from its entry when it is fresh, else from *load*, then kept.

    Args:
        path: The dataset's directory or file.
        codebook: The codebook given to the load, or None for the dataset's own.
        resolve: Loads the dataset's own codebook from the name its info gives.
        load: Loads and checks the dataset from its files (raising on bad data: nothing is
            kept then).
    """
    if disabled_by_environment():
        return load()
    found = _read(path, codebook, resolve, load)
    if found is not None:
        with contextlib.suppress(OSError):
            os.utime(_entry(path, codebook))  # recently used
        return found
    try:
        files = _inputs(path)
        before = [(f, *_hashed(f)) for f in files]
    except OSError:
        return load()
    dataset = load()
    try:
        if _inputs(path) != files or any(_stat(f) != stat for f, stat, _, _ in before):
            return dataset  # changed while it was read: keep nothing
        used = codebook if codebook is not None else resolve(dataset.info.codebook)
        recorded = [(_relative(f, path), *_rehashed(f, st, sha, at)) for f, st, sha, at in before]
        with collector_paused():
            _write(_entry(path, codebook), dataset, used, recorded)
    except (OSError, PolicytrackError, NotFoundError):  # an unwritable cache is no cache
        pass
    return dataset


# Maintenance ----------------------------------------------------------------------------------


@attrs.frozen
class CacheInfo:
    """What the cache holds.

    Attributes:
        directory: Where it is.
        enabled: Whether the environment leaves it on.
        entries: How many entries it holds.
        bytes: Their total size.
        max_entries: The most entries kept.
        max_bytes: The most bytes kept.
    """

    directory: str
    enabled: bool
    entries: int
    bytes: int
    max_entries: int = MAX_ENTRIES
    max_bytes: int = MAX_BYTES


def info() -> CacheInfo:
    """What the cache holds, and where."""
    found = list(_entries(directory()))
    return CacheInfo(
        str(directory()),
        not disabled_by_environment(),
        len(found),
        sum(st.st_size for _, st in found),
    )


def clear() -> int:
    """Remove every entry; returns how many were removed."""
    removed = 0
    for path, _ in list(_entries(directory())):
        with contextlib.suppress(OSError):
            path.unlink()
            removed += 1
    return removed
