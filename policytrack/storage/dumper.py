"""Writing datasets canonically: the curated TOML tree, one JSON object, or NDJSON.

Every record goes through the one converter (:mod:`policytrack.storage.converter`), which
leaves default values out, so files stay short and a dump of a loaded canonical dataset
changes nothing. The converter (and cattrs) is imported on first use, not with this module.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policytrack.errors import WriteError
from policytrack.model.arguments import checked
from policytrack.model.dataset import COLLECTIONS, Dataset
from policytrack.storage import tomlwriter
from policytrack.storage.atomic import replace_dir, write_atomic, write_error
from policytrack.storage.loader import INFO_FILE, Format, format_of
from policytrack.storage.lock import dataset_lock

if TYPE_CHECKING:
    import cattrs

__all__ = ["Stamp", "dump", "dumps", "tree_state", "write_tree"]


def _converter() -> cattrs.Converter:
    from policytrack.storage.converter import converter  # noqa: PLC0415  (see the docstring)

    return converter


def _unstructured(dataset: Dataset) -> Iterator[tuple[str, dict[str, Any]]]:
    converter = _converter()
    for name in COLLECTIONS:
        for record in getattr(dataset, name):
            yield name, converter.unstructure(record)


@checked
def dumps(dataset: Dataset, format: Format = "json") -> str:
    """*dataset* as canonical machine-format text (``json`` or ``ndjson``)."""
    converter = _converter()
    info = converter.unstructure(dataset.info)
    if format == "json":
        data: dict[str, Any] = {"info": info}
        for name in COLLECTIONS:
            data[name] = [converter.unstructure(r) for r in getattr(dataset, name)]
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if format == "ndjson":
        lines = [json.dumps({"info": info}, ensure_ascii=False)]
        lines += [json.dumps({n: d}, ensure_ascii=False) for n, d in _unstructured(dataset)]
        return "\n".join(lines) + "\n"
    msg = "the curated TOML format is a directory: use dump()"
    raise ValueError(msg)


@checked
def dump(dataset: Dataset, path: str | Path, *, format: Format | None = None) -> None:
    """Write *dataset* canonically to *path*: as a whole, never part old and part new.

    A directory (the default for a path without a ``.json``/``.ndjson`` suffix) gets the curated
    TOML tree: files whose bytes would not change are left alone and record files of records
    no longer in the dataset are removed, so dumping a loaded canonical dataset changes nothing.
    The tree is written beside *path* under the dataset's lock and swapped in whole; files
    that are not the dataset's (``texts/``, notes) are kept.

    Raises:
        WriteError: A file could not be written, or the folder that would hold *path* is missing.
        LockError: Another process kept the dataset locked for too long.
    """
    path = Path(path)
    fmt = format or format_of(path)
    if fmt != "toml":
        write_atomic(path, dumps(dataset, fmt))
        return
    if path.is_dir():
        with dataset_lock(path):
            write_tree(dataset, path, seen=tree_state(path))
    else:
        write_tree(dataset, path, seen={})


Stamp = tuple[int, int, int]
"""What identifies one version of a file: (inode, size, modification time in ns)."""


def _stamp(path: Path) -> Stamp | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns


def tree_state(root: Path) -> dict[str, Stamp]:
    """Each record file of the tree at *root* (``policies/x.toml``), with its stamp.

    A writer takes this when it reads the dataset, under the lock: it may later remove only
    files listed here and unchanged since.
    """
    state: dict[str, Stamp] = {}
    for name in COLLECTIONS:
        folder = root / name
        if folder.is_dir():
            for file in folder.glob("*.toml"):
                stamp = _stamp(file)
                if stamp is not None:
                    state[f"{name}/{file.name}"] = stamp
    return state


def write_tree(dataset: Dataset, root: Path, *, seen: dict[str, Stamp]) -> None:
    """Write *dataset* as the curated tree at *root*, swapped in whole.

    The caller holds the dataset's lock when *root* exists. A record file of a record not in
    *dataset* is removed only when *seen* lists it unchanged: a file the writer did not read,
    or that changed since, is kept.

    Raises:
        WriteError: A file could not be written; *root* is left as it was.
    """
    converter = _converter()
    with replace_dir(root, seed=True) as new:
        info = tomlwriter.dumps(converter.unstructure(dataset.info))
        _write_if_changed(new / INFO_FILE, info)
        for name in COLLECTIONS:
            folder = new / name
            records = getattr(dataset, name)
            if folder.exists() and not folder.is_dir():
                msg = f"{root / name}: cannot write (a file is there where a folder belongs)"
                raise WriteError(msg)
            if records:
                _make_dir(folder)
            keep = set()
            for record in records:
                keep.add(f"{record.id}.toml")
                text = tomlwriter.dumps(converter.unstructure(record))
                _write_if_changed(folder / f"{record.id}.toml", text)
            if folder.is_dir():
                for stale in folder.glob("*.toml"):
                    key = f"{name}/{stale.name}"
                    if stale.name not in keep and seen.get(key) == _stamp(root / key):
                        _remove(stale)


def _make_dir(path: Path) -> None:
    try:
        path.mkdir(exist_ok=True)
    except OSError as exc:
        raise write_error(path, exc, "create") from None


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)  # another writer may have removed it already
    except OSError as exc:
        msg = f"{path}: cannot remove ({exc.strerror or exc})"
        raise WriteError(msg) from None


def _write_if_changed(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    try:
        if path.is_file() and not path.is_symlink() and path.read_bytes() == data:
            return
    except OSError:
        pass
    write_atomic(path, data, clean=False)  # a fresh folder: no run left temporaries in it
