"""Reading and writing datasets and codebooks: the curated TOML tree and the machine formats.

Curated format (for people and diffs): a directory holding ``dataset.toml`` and one directory per
collection (``sources/``, ``agencies/``, ``platforms/``, ``policies/``, ``links/``,
``outcomes/``, ``claims/``), each record in ``<collection>/<id>.toml``.

Machine formats (for size): one JSON object (``*.json``) whose keys are ``info`` and the
collections, or NDJSON (``*.ndjson``) whose first line is ``{"info": {...}}`` and whose every
other line is ``{"<collection>": {record}}``.

Every file goes through the one converter in :mod:`policytrack.storage.converter`; every
problem found is
collected and raised together as a :class:`~policytrack.errors.DataError`.
"""

from __future__ import annotations

import contextlib
import difflib
import gc
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs

from policytrack.errors import DataError, NotFoundError, Problem, WriteError
from policytrack.files import FileRefused, irregular, open_regular, read_regular
from policytrack.model.arguments import checked
from policytrack.model.checks import check
from policytrack.model.codebook import Codebook
from policytrack.model.dataset import COLLECTIONS, Dataset, DatasetInfo
from policytrack.model.provenance import _inside, read_texts, sha256_text, verify_evidence
from policytrack.model.records import Source
from policytrack.storage import build as _fastload
from policytrack.storage import tomlwriter as _toml
from policytrack.storage.atomic import replace_dir, write_atomic, write_error
from policytrack.storage.build import Builder, DuplicateKeyError, unique_pairs
from policytrack.storage.lock import dataset_lock

if TYPE_CHECKING:
    import cattrs

__all__ = [
    "BUNDLED_CODEBOOK",
    "Format",
    "bundled_codebook",
    "bundled_path",
    "dump",
    "dumps",
    "load",
    "load_bundled",
    "load_codebook",
    "loads",
    "loads_codebook",
]

Format = Literal["toml", "json", "ndjson"]
"""A dataset file format: the curated TOML tree, one JSON object, or NDJSON."""

# The package's folder (what importlib.resources.files gives for it, without importing
# importlib.resources, which every command would pay for).
_PACKAGE = Path(__file__).parents[1]

BUNDLED_CODEBOOK = "internet-controls"
"""The id of the codebook that ships with policytrack."""

_INFO_FILE = "dataset.toml"


@checked
def bundled_path() -> Path:
    """The directory of the bundled dataset coded from the seed articles."""
    inside = _PACKAGE / "_seeds"
    if inside.is_dir():
        return inside
    # A source checkout or an editable install keeps the dataset beside the package.
    return Path(__file__).resolve().parents[2] / "seeds"


def _packed() -> Path:
    """Where an installed wheel keeps the bundled tree packed into one JSON file.

    Built by hatch_build.py: it loads in an eighth of the tree's time, which every command on
    the bundled dataset pays. A source checkout or an editable install has none.
    """
    return _PACKAGE / "_seeds.json"


@checked
def load_bundled(*, codebook: Codebook | None = None, sources: str | Path | None = None) -> Dataset:
    """The bundled dataset, checked; with *sources*, its quotes verified against the texts.

    Args:
        codebook: As for :func:`load`; by default the bundled codebook.
        sources: As for :func:`load`.
    """
    packed = _packed()
    return load(packed if packed.is_file() else bundled_path(), codebook=codebook, sources=sources)


def _converter() -> cattrs.Converter:
    """The converter, imported on first use.

    The fast path of loading needs neither it nor cattrs, and every command of the command line
    pays for what it imports.
    """
    from policytrack.storage.converter import converter  # noqa: PLC0415  (see above)

    return converter


def _format_exception(exc: BaseException, type_: Any) -> str:
    import cattrs  # noqa: PLC0415  (only when there is an error to report)

    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return _unknown_fields(sorted(exc.extra_fields), exc.cl)
    if isinstance(exc, (TypeError, ValueError)) and exc.args and isinstance(exc.args[0], str):
        return exc.args[0]
    return cattrs.v.format_exception(exc, type_)


def _unknown_fields(extra: list[str], cls: type) -> str:
    known = [f.name for f in attrs.fields(cls)] if attrs.has(cls) else []
    names = []
    for name in extra:
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        names.append(f"{name!r} (did you mean {close[0]!r}?)" if close else repr(name))
    if len(names) == 1:
        return f"unknown field {names[0]}"
    return f"unknown fields {', '.join(names[:-1])} and {names[-1]}"


def _problems(exc: Exception, file: str, record: str, prefix: str = "") -> list[Problem]:
    import cattrs  # noqa: PLC0415  (only when there is an error to report)

    if not isinstance(exc, cattrs.BaseValidationError):
        return [Problem(file, record, prefix, str(exc))]
    problems = []
    for line in cattrs.transform_error(exc, path="$", format_exception=_format_exception):
        message, _, path = line.rpartition(" @ ")
        path = path.removeprefix("$").removeprefix(".")
        if message.startswith("'") and "' must" in message:
            # attrs validators name the field: move the name into the path.
            name = message[1 : message.index("' must")]
            path = f"{path}.{name}" if path else name
            message = message[len(name) + 3 :]
        if prefix:
            path = f"{prefix}.{path}" if path and not path.startswith("[") else prefix + path
        problems.append(Problem(file, record, path, message))
    return problems


def _structure(
    data: Any, cls: type[Any], file: str, record: str, problems: list[Problem], *, prefix: str = ""
) -> Any:
    if not isinstance(data, dict):
        problems.append(
            Problem(file, record, prefix, f"expected a table of fields, got {type(data).__name__}")
        )
        return None
    try:
        return _converter().structure(data, cls)
    except Exception as exc:  # every structuring failure becomes a located problem
        problems.extend(_problems(exc, file, record, prefix))
        return None


def _record_id(data: Any, fallback: str) -> str:
    if isinstance(data, dict) and isinstance(data.get("id"), str):
        return str(data["id"])
    return fallback


_BOM = "\ufeff"


def parse_error(exc: BaseException, language: str) -> str:
    """What a TOML or JSON parser's *exc* means, in the terms of the file's author."""
    text = str(exc)
    if "int_max_str_digits" in text or "integer string conversion" in text:
        return (
            f"not valid {language}: a number longer than 4300 digits; no field holds one "
            "(perhaps a run of digits lost its quotes)"
        )
    if isinstance(exc, RecursionError):
        return f"not valid {language}: nested too deeply"
    if isinstance(exc, DuplicateKeyError):
        return text
    if "BOM" in text:
        return "starts with a byte-order mark (BOM): save it as UTF-8 without BOM"
    return f"not valid {language}: {text}"


def read_text_file(path: Path, kind: Literal["record", "dataset"] = "record") -> str:
    """The UTF-8 text of *path*: a regular file under its size limit, without a BOM.

    Raises:
        FileRefused: Not a regular file, or too large.
        UnicodeDecodeError: Not UTF-8.
        ValueError: The text starts with a byte-order mark.
        OSError: The file cannot be read.
    """
    text = read_regular(path, kind).decode("utf-8")
    if text.startswith(_BOM):
        msg = "starts with a byte-order mark (BOM): save it as UTF-8 without BOM"
        raise _BomError(msg)
    return text


class _BomError(ValueError):
    """A text that starts with a UTF-8 byte-order mark."""


def _read_toml(path: Path, problems: list[Problem]) -> Any:
    import tomllib  # noqa: PLC0415  (a command on packed JSON data may read no TOML)

    try:
        return tomllib.loads(read_text_file(path))
    except UnicodeDecodeError as exc:
        problems.append(Problem(str(path), "", "", f"not UTF-8 text (byte {exc.start})"))
    except (FileRefused, _BomError) as exc:
        problems.append(Problem(str(path), "", "", str(exc)))
    except (ValueError, RecursionError) as exc:  # also nesting or numbers too large to read
        problems.append(Problem(str(path), "", "", parse_error(exc, "TOML")))
    except OSError as exc:
        problems.append(Problem(str(path), "", "", f"cannot read: {exc.strerror or exc}"))
    return None


@attrs.frozen
class _Raw:
    """Records as parsed from files, before structuring: (collection, file, fallback id, data)."""

    info: Any
    info_file: str
    records: list[tuple[str, str, str, Any]]
    unreadable: set[str] = attrs.field(factory=set)
    """Ids (from file names) of record files that could not be parsed."""


def _read_tree(root: Path, problems: list[Problem]) -> _Raw:
    info_path = root / _INFO_FILE
    info = None
    if info_path.is_dir():
        problems.append(Problem(str(info_path), "", "", "a folder where the info file belongs"))
    elif info_path.exists() or info_path.is_symlink():
        info = _read_toml(info_path, problems)
    else:
        problems.append(Problem(str(info_path), "", "", "missing: a dataset directory needs it"))
    records = []
    unreadable = set()
    for name in COLLECTIONS:
        folder = root / name
        if not folder.is_dir():
            if folder.exists() or folder.is_symlink():
                why = f"a file where a folder belongs (the {name} collection's .toml files)"
                problems.append(Problem(str(folder), "", "", why))
            continue
        for path in sorted(folder.glob("*.toml")):
            if path.is_dir():
                why = "a folder where a record file belongs"
                problems.append(Problem(str(path), path.stem, "", why))
                unreadable.add(path.stem)
                continue
            data = _read_toml(path, problems)
            if data is None:
                unreadable.add(path.stem)
            else:
                records.append((name, str(path), path.stem, data))
                if data.get("id") != path.stem:
                    problems.append(
                        Problem(
                            str(path),
                            _record_id(data, path.stem),
                            "id",
                            f"must match the file name {path.stem!r} (got {data.get('id')!r})",
                        )
                    )
    return _Raw(info, str(info_path), records, unreadable)


def _bad_line(file: str, where: str, why: str) -> Problem:
    return Problem(file, "", where, why)


def _read_machine(text: str, file: str, fmt: Format, problems: list[Problem]) -> _Raw:
    records: list[tuple[str, str, str, Any]] = []
    loads = json.JSONDecoder(object_pairs_hook=unique_pairs).decode
    if fmt == "json":
        try:
            data = loads(text)
        except (ValueError, RecursionError) as exc:  # also nesting or numbers too large
            problems.append(_bad_line(file, "", parse_error(exc, "JSON")))
            return _Raw(None, file, records)
        if not isinstance(data, dict):
            why = "expected a JSON object with 'info' and collections"
            problems.append(_bad_line(file, "", why))
            return _Raw(None, file, records)
        for key in data:
            if key != "info" and key not in COLLECTIONS:
                problems.append(_bad_line(file, key, f"unknown collection {key!r}"))
        for name in COLLECTIONS:
            items = data.get(name, [])
            if not isinstance(items, list):
                problems.append(_bad_line(file, name, "expected a list of records"))
                continue
            records.extend((name, file, f"{name}[{i}]", item) for i, item in enumerate(items))
        return _Raw(data.get("info"), file, records)
    info = None
    unreadable: set[str] = set()
    # Only "\n" ends a line: splitlines() would also split inside a string holding U+2028 or
    # U+0085, which JSON writes unescaped.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"line {number}"
        try:
            entry = loads(line)
        except (ValueError, RecursionError) as exc:  # also nesting or numbers too large
            problems.append(_bad_line(file, where, parse_error(exc, "JSON")))
            if isinstance(exc, DuplicateKeyError):
                unreadable.add(_line_id(line))  # what refers to it is not a second problem
            continue
        if not isinstance(entry, dict) or len(entry) != 1:
            problems.append(_bad_line(file, where, "expected one object {collection: record}"))
            continue
        ((name, item),) = entry.items()
        if name == "info":
            info = item
        elif name in COLLECTIONS:
            records.append((name, file, where, item))
        else:
            problems.append(_bad_line(file, where, f"unknown collection {name!r}"))
    if info is None:
        problems.append(_bad_line(file, "", 'no {"info": ...} line'))
    return _Raw(info, file, records, unreadable)


def _line_id(line: str) -> str:
    """The id of the record on an NDJSON *line* that is valid JSON but for a repeated key."""
    entry = json.loads(line)
    if isinstance(entry, dict) and len(entry) == 1:
        (item,) = entry.values()
        return _record_id(item, "")
    return ""


@attrs.frozen
class _Built:
    """A dataset built from records, with where each record came from."""

    dataset: Dataset
    info_file: str
    origins: dict[str, str]
    unreadable: set[str]


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Building many small objects that all live on: the cyclic GC only costs time here."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _build(raw: _Raw, problems: list[Problem]) -> _Built:
    info = None
    if raw.info is not None:
        try:
            info = _fastload.info(raw.info)
        except Exception:  # the converter locates the problem
            info = _structure(raw.info, DatasetInfo, raw.info_file, "", problems)
    info = info or DatasetInfo(id="unknown", title="unknown")
    collections: dict[str, list[Any]] = {name: [] for name in COLLECTIONS}
    origins: dict[str, str] = {}
    unreadable = set(raw.unreadable)
    # Two speeds: the fast path builds every record it can vouch for; anything else is
    # structured again through the converter, whose detailed validation locates each problem.
    fast = Builder().structurers
    for name, file, fallback, data in raw.records:
        try:
            record = fast[name](data)
        except Exception:  # Refused, or data too odd to check on the fast path
            record_id = _record_id(data, fallback)
            record = _structure(data, COLLECTIONS[name], file, record_id, problems)
            if record is None:
                unreadable.add(record_id)
                continue
        collections[name].append(record)
        origins.setdefault(record.id, file)
    dataset = Dataset(info, **{n: tuple(v) for n, v in collections.items()})
    return _Built(dataset, raw.info_file, origins, unreadable)


def _read_fast(text: str, file: str, fmt: Format) -> _Built | None:
    """The dataset in *text* on the fast path, or None when the reference path must decide.

    Only a text with no problem at all is built here: whatever the fast path does not vouch
    for is read again by :func:`_read_machine` and :func:`_build`, which locate every problem.
    """
    return _built_fast(_fastload.read(text, fmt, frozenset(COLLECTIONS)), file)


def _read_fast_file(path: Path, fmt: Format) -> _Built | None:
    """As :func:`_read_fast`, from a file that is never held whole."""
    try:
        found = _fastload.read_file(path, fmt, frozenset(COLLECTIONS))
    except (OSError, UnicodeDecodeError):  # the reference path reports it
        return None
    return _built_fast(found, str(path))


def _built_fast(found: tuple[Any, dict[str, list[Any]]] | None, file: str) -> _Built | None:
    if found is None:
        return None
    info_data, records = found
    try:
        info = _fastload.info(info_data)
    except Exception:  # the reference path reports it
        return None
    dataset = Dataset(info, **{n: tuple(records[n]) for n in COLLECTIONS})
    # Every record came from this one file (the first of a repeated id, as on the other path).
    origins = dict.fromkeys((record.id for record in dataset.records()), file)
    return _Built(dataset, file, origins, set())


def _finish(
    built: _Built,
    problems: list[Problem],
    codebook: Codebook | None,
    base: Path | None,
    sources: Path | None,
) -> Dataset:
    dataset, origins, unreadable = built.dataset, built.origins, built.unreadable
    if codebook is None:
        try:
            codebook = load_codebook(dataset.info.codebook, base=base)
        except DataError as exc:
            problems.extend(exc.problems)
        except NotFoundError as exc:
            problems.append(Problem(built.info_file, "", "codebook", str(exc)))
    if codebook is not None:
        # A reference to a record that could not be read is not a second problem.
        problems.extend(check(dataset, codebook, origins=origins, unreadable=unreadable))
    if sources is not None:
        texts = read_texts(sources, dataset)
        for source in dataset.sources:
            if source.id not in texts:
                why = _no_text(source, sources)
                problems.append(Problem(origins.get(source.id, ""), source.id, "sha256", why))
        problems.extend(verify_evidence(dataset, texts, origins))
    if problems:
        raise DataError(problems)
    return dataset


def _no_text(source: Source, directory: Path) -> str:
    """Why no text in *directory* matched *source*, naming its own file when there is one."""
    named = directory / f"{source.id}.txt"
    if not _inside(named, directory.resolve()):  # never read through a link out of it
        return f"no text in {directory} has this SHA-256"
    try:
        actual = sha256_text(read_regular(named).decode("utf-8"))
    except (OSError, UnicodeDecodeError):
        return f"no text in {directory} has this SHA-256"
    return (
        f"{named} has SHA-256 {actual[:12]}..., not {source.sha256[:12]}...: "
        "it is not the text the quotes were taken from"
    )


def _format_of(path: Path) -> Format:
    if path.suffix == ".json":
        return "json"
    if path.suffix in (".ndjson", ".jsonl"):
        return "ndjson"
    return "toml"


def _irregular(path: Path) -> str | None:
    """Why *path* cannot be a dataset when it is a FIFO, socket or device (or links to one)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    what = irregular(mode)
    if what is None or what == "a folder":
        return None
    link = " (through a link)" if path.is_symlink() else ""
    return f"{what}{link}, not a regular file: only regular files are read"


def _is_dir(path: Path) -> bool:
    """Whether *path* is a directory; False too when it cannot be looked at (name too long)."""
    try:
        return path.is_dir()
    except OSError:
        return False


def _is_file(path: Path) -> bool:
    """Whether *path* is a file; False too when it cannot be looked at (name too long)."""
    try:
        return path.is_file()
    except OSError:
        return False


@checked
def load(
    path: str | Path,
    *,
    codebook: Codebook | None = None,
    sources: str | Path | None = None,
) -> Dataset:
    """Load and check a dataset: a curated directory, a ``.json`` or an ``.ndjson`` file.

    Args:
        path: The dataset directory or file.
        codebook: The codebook to check measures against; by default the one the dataset names.
        sources: A directory of source texts; when given, every quote is verified against them.

    Returns:
        The dataset.

    Raises:
        DataError: Every problem found, each naming file, record, field and what was expected.
        NotFoundError: *path* does not exist.
    """
    path = Path(path)
    problems: list[Problem] = []
    refused = _irregular(path)
    if refused is not None:
        raise DataError([Problem(str(path), "", "", refused)])
    if _is_dir(path):
        raw = _read_tree(path, problems)
        with _gc_paused():
            built = _build(raw, problems)
    elif _is_file(path):
        fmt = _format_of(path)
        if fmt == "toml":
            why = (
                "not a dataset file: give a curated dataset's directory, or a .json or .ndjson file"
            )
            if path.name == _INFO_FILE:
                why += f" (here, perhaps {path.parent})"
            raise DataError([Problem(str(path), "", "", why)])
        try:
            os.close(open_regular(path, "dataset"))  # a size over the limit: say so at once
        except FileRefused as exc:
            raise DataError([Problem(str(path), "", "", str(exc))]) from None
        except OSError:
            pass  # the reference path says why it cannot be read
        # The fast path reads the file a record at a time; the reference path, below, reads it
        # whole and reports whatever made the fast path give up.
        with _gc_paused():
            fast = _read_fast_file(path, fmt)
        if fast is not None:
            return _finish(
                fast, problems, codebook, path.parent, Path(sources) if sources else None
            )
        try:
            text = read_text_file(path, "dataset")
        except UnicodeDecodeError as exc:
            problem = Problem(str(path), "", "", f"not UTF-8 text (byte {exc.start})")
            raise DataError([problem]) from None
        except (FileRefused, _BomError) as exc:
            raise DataError([Problem(str(path), "", "", str(exc))]) from None
        except OSError as exc:
            problem = Problem(str(path), "", "", f"cannot read: {exc.strerror or exc}")
            raise DataError([problem]) from None
        return loads(
            text,
            fmt,
            name=str(path),
            codebook=codebook,
            sources=sources,
            base=path.parent,
        )
    else:
        msg = f"{path}: no such dataset directory or file"
        raise NotFoundError(msg)
    return _finish(built, problems, codebook, path, Path(sources) if sources else None)


@checked
def loads(
    text: str,
    format: Format = "json",
    *,
    name: str = "<text>",
    codebook: Codebook | None = None,
    sources: str | Path | None = None,
    base: Path | None = None,
) -> Dataset:
    """Load and check a dataset from machine-format *text* (``json`` or ``ndjson``).

    Args:
        text: The file's text.
        format: ``json`` or ``ndjson``.
        name: What to call the text in problems (a file name, ``<stdin>``).
        codebook: As for :func:`load`.
        sources: As for :func:`load`.
        base: Where a codebook path in the dataset's info is relative to.

    Raises:
        DataError: Every problem found.
    """
    if format == "toml":
        msg = "the curated TOML format is a directory: use load()"
        raise ValueError(msg)
    problems: list[Problem] = []
    with _gc_paused():
        built = _read_fast(text, name, format)
        if built is None:
            built = _build(_read_machine(text, name, format, problems), problems)
    return _finish(built, problems, codebook, base, Path(sources) if sources else None)


def _unstructured(dataset: Dataset) -> Iterator[tuple[str, dict[str, Any]]]:
    for name in COLLECTIONS:
        for record in getattr(dataset, name):
            yield name, _converter().unstructure(record)


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
    fmt = format or _format_of(path)
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
        _write_if_changed(new / _INFO_FILE, _toml.dumps(converter.unstructure(dataset.info)))
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
                text = _toml.dumps(converter.unstructure(record))
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


def _codebook_dir() -> Path:
    return _PACKAGE / "codebooks"


@checked
def bundled_codebook(version: str | None = None) -> Codebook:
    """The ``internet-controls`` codebook that ships with policytrack.

    Args:
        version: Which version ("1.0", "2.0"). By default the one the bare id names: 1.0, the
            version the bundled dataset is coded on, kept so that earlier analyses rerun.
    """
    return load_codebook(BUNDLED_CODEBOOK if version is None else f"{BUNDLED_CODEBOOK}@{version}")


def _bundled_codebooks() -> dict[str, Path]:
    # Each bundled file by its name (the bare id names the first version) and by "id@version".
    # An installed wheel has them parsed already (``_codebooks.json``): no TOML is read.
    packed = _packed_codebook_files() or {}
    found: dict[str, Path] = {}
    for path in sorted(_codebook_dir().glob("*.toml")):
        found[path.stem] = path
        with contextlib.suppress(OSError, ValueError):
            head = packed.get(path.stem)
            if not isinstance(head, dict):
                import tomllib  # noqa: PLC0415  (a command on packed JSON data may read no TOML)

                head = tomllib.loads(path.read_text("utf-8"))
            found.setdefault(f"{head.get('id')}@{head.get('version')}", path)
    return found


@checked
def load_codebook(name_or_path: str | Path, *, base: Path | None = None) -> Codebook:
    """A codebook: a bundled one by id, or a TOML file by path (relative to *base*).

    A bundled codebook is named by its id (``internet-controls``, which names version 1.0) or by
    its id and version (``internet-controls@2.0``).

    Raises:
        NotFoundError: No bundled codebook has that id and version and no file has that path.
        DataError: The file is not a valid codebook; every problem is listed.
    """
    candidate = Path(name_or_path)
    bundled = _bundled_codebooks() if isinstance(name_or_path, str) else {}
    if isinstance(name_or_path, str) and "/" not in name_or_path and name_or_path in bundled:
        path = bundled[name_or_path]
    elif _is_file(candidate):
        path = candidate
    elif base is not None and _is_file(base / candidate):
        path = base / candidate
    else:
        known = ", ".join(sorted(bundled or _bundled_codebooks()))
        msg = f"no codebook {str(name_or_path)!r}: not a file, nor a bundled codebook ({known})"
        raise NotFoundError(msg)
    problems: list[Problem] = []
    data = None
    if path in bundled.values():
        data = (_packed_codebook_files() or {}).get(path.stem)
    if not isinstance(data, dict):
        data = _read_toml(path, problems)
    return _codebook(data, str(path), problems)


def _packed_codebooks() -> Path:
    """Where an installed wheel keeps the bundled codebooks' TOML parsed into one JSON file.

    Built by hatch_build.py, as ``_seeds.json`` is: a command then reads no TOML at all.
    """
    return _PACKAGE / "_codebooks.json"


def _packed_codebook_files() -> dict[str, Any] | None:
    """The bundled codebooks as packed in the wheel, by file name, or None where none are."""
    try:
        packed = json.loads(_packed_codebooks().read_bytes())
    except (OSError, ValueError):  # none (a source checkout, an editable install) or unreadable
        return None
    return packed if isinstance(packed, dict) else None


def loads_codebook(text: str, *, name: str = "<text>") -> Codebook:
    """A codebook from TOML *text*; *name* says where it came from in problems.

    Raises:
        DataError: The text is not a valid codebook; every problem is listed.
    """
    import tomllib  # noqa: PLC0415  (a command on packed JSON data may read no TOML)

    problems: list[Problem] = []
    try:
        if text.startswith(_BOM):
            raise _BomError("starts with a byte-order mark (BOM): save it as UTF-8 without BOM")
        data = tomllib.loads(text)
    except _BomError as exc:
        problems.append(Problem(name, "", "", str(exc)))
        data = None
    except (ValueError, RecursionError) as exc:  # also nesting or numbers too large to read
        problems.append(Problem(name, "", "", parse_error(exc, "TOML")))
        data = None
    return _codebook(data, name, problems)


def _codebook(data: Any, name: str, problems: list[Problem]) -> Codebook:
    book = None
    if data is not None and not problems:
        try:
            return _fastload.codebook(data)
        except Exception:  # the converter locates every problem
            pass
    if data is not None:
        book = _structure(data, Codebook, name, _record_id(data, ""), problems)
    if problems or book is None:
        raise DataError(problems)
    return book  # type: ignore[no-any-return]
