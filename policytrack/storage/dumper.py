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
from policytrack.model.dataset import COLLECTIONS, Dataset
from policytrack.storage import tomlwriter
from policytrack.storage.atomic import write_atomic
from policytrack.storage.loader import INFO_FILE, Format, format_of

if TYPE_CHECKING:
    import cattrs

__all__ = ["dump", "dumps"]


def _converter() -> cattrs.Converter:
    from policytrack.storage.converter import converter  # noqa: PLC0415  (see the docstring)

    return converter


def _unstructured(dataset: Dataset) -> Iterator[tuple[str, dict[str, Any]]]:
    converter = _converter()
    for name in COLLECTIONS:
        for record in getattr(dataset, name):
            yield name, converter.unstructure(record)


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


def dump(dataset: Dataset, path: str | Path, *, format: Format | None = None) -> None:
    """Write *dataset* canonically to *path*; every file is written atomically.

    A directory (the default for a path without a ``.json``/``.ndjson`` suffix) gets the curated
    TOML tree: files whose bytes would not change are left alone and record files of records
    no longer in the dataset are removed, so dumping a loaded canonical dataset changes nothing.

    Raises:
        WriteError: A file could not be written.
    """
    path = Path(path)
    fmt = format or format_of(path)
    if fmt != "toml":
        write_atomic(path, dumps(dataset, fmt))
        return
    _make_dir(path)
    converter = _converter()
    _write_if_changed(path / INFO_FILE, tomlwriter.dumps(converter.unstructure(dataset.info)))
    for name in COLLECTIONS:
        folder = path / name
        records = getattr(dataset, name)
        if records:
            _make_dir(folder)
        keep = set()
        for record in records:
            keep.add(f"{record.id}.toml")
            text = tomlwriter.dumps(converter.unstructure(record))
            _write_if_changed(folder / f"{record.id}.toml", text)
        if folder.is_dir():
            for stale in folder.glob("*.toml"):
                if stale.name not in keep:
                    _remove(stale)


def _make_dir(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        msg = f"{path}: cannot create ({exc.strerror or exc})"
        raise WriteError(msg) from None


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)  # another writer may have removed it already
    except OSError as exc:
        msg = f"{path}: cannot remove ({exc.strerror or exc})"
        raise WriteError(msg) from None


def _write_if_changed(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    write_atomic(path, data)
