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
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs

from policytrack.errors import DataError, NotFoundError, Problem, WriteError
from policytrack.model.checks import check
from policytrack.model.codebook import Codebook
from policytrack.model.dataset import COLLECTIONS, Dataset, DatasetInfo
from policytrack.model.provenance import _inside, read_texts, sha256_text, verify_evidence
from policytrack.model.records import Source
from policytrack.storage import build as _fastload
from policytrack.storage import tomlwriter as _toml
from policytrack.storage.atomic import write_atomic
from policytrack.storage.build import Builder

if TYPE_CHECKING:
    import cattrs

__all__ = [
    "BUNDLED_CODEBOOK",
    "Format",
    "bundled_codebook",
    "bundled_codebooks",
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


def load_bundled(
    *,
    codebook: Codebook | None = None,
    sources: str | Path | Sequence[str | Path] | None = None,
) -> Dataset:
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


def _read_toml(path: Path, problems: list[Problem]) -> Any:
    import tomllib  # noqa: PLC0415  (a command on packed JSON data may read no TOML)

    try:
        return tomllib.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as exc:
        problems.append(Problem(str(path), "", "", f"not UTF-8 text (byte {exc.start})"))
    except (ValueError, RecursionError) as exc:  # also nesting or numbers too large to read
        problems.append(Problem(str(path), "", "", f"not valid TOML: {exc}"))
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
    info = _read_toml(info_path, problems) if info_path.is_file() else None
    if info is None and not info_path.is_file():
        problems.append(Problem(str(info_path), "", "", "missing: a dataset directory needs it"))
    records = []
    unreadable = set()
    for name in COLLECTIONS:
        folder = root / name
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
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
    if fmt == "json":
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as exc:  # also nesting or numbers too large
            problems.append(_bad_line(file, "", f"not valid JSON: {exc}"))
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
    # Only "\n" ends a line: splitlines() would also split inside a string holding U+2028 or
    # U+0085, which JSON writes unescaped.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"line {number}"
        try:
            entry = json.loads(line)
        except (ValueError, RecursionError) as exc:  # also nesting or numbers too large
            problems.append(_bad_line(file, where, f"not valid JSON: {exc}"))
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
    return _Raw(info, file, records)


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
    sources: tuple[Path, ...],
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
    if sources:
        texts: dict[str, str] = {}
        for directory in sources:  # the first directory holding a source's text wins
            for key, text in read_texts(directory, dataset).items():
                texts.setdefault(key, text)
        for source in dataset.sources:
            if source.id not in texts:
                why = "; ".join(_no_text(source, directory) for directory in sources)
                problems.append(Problem(origins.get(source.id, ""), source.id, "sha256", why))
        problems.extend(verify_evidence(dataset, texts, origins))
    if problems:
        raise DataError(problems)
    return dataset


def _directories(sources: str | Path | Sequence[str | Path] | None) -> tuple[Path, ...]:
    """*sources* as a tuple of directories (none, one, or several)."""
    if sources is None:
        return ()
    if isinstance(sources, str | Path):
        return (Path(sources),)
    return tuple(Path(s) for s in sources)


def _no_text(source: Source, directory: Path) -> str:
    """Why no text in *directory* matched *source*, naming its own file when there is one."""
    named = directory / f"{source.id}.txt"
    if not _inside(named, directory.resolve()):  # never read through a link out of it
        return f"no text in {directory} has this SHA-256"
    try:
        actual = sha256_text(named.read_bytes().decode("utf-8"))
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


def load(
    path: str | Path,
    *,
    codebook: Codebook | None = None,
    sources: str | Path | Sequence[str | Path] | None = None,
) -> Dataset:
    """Load and check a dataset: a curated directory, a ``.json`` or an ``.ndjson`` file.

    Args:
        path: The dataset directory or file.
        codebook: The codebook to check measures against; by default the one the dataset names.
        sources: A directory of source texts, or several (the first holding a source's text
            wins); when given, every quote is verified against them.

    Returns:
        The dataset.

    Raises:
        DataError: Every problem found, each naming file, record, field and what was expected.
        NotFoundError: *path* does not exist.
    """
    path = Path(path)
    problems: list[Problem] = []
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
        # The fast path reads the file a record at a time; the reference path, below, reads it
        # whole and reports whatever made the fast path give up.
        with _gc_paused():
            fast = _read_fast_file(path, fmt)
        if fast is not None:
            return _finish(fast, problems, codebook, path.parent, _directories(sources))
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            problem = Problem(str(path), "", "", f"not UTF-8 text (byte {exc.start})")
            raise DataError([problem]) from None
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
    return _finish(built, problems, codebook, path, _directories(sources))


def loads(
    text: str,
    format: Format = "json",
    *,
    name: str = "<text>",
    codebook: Codebook | None = None,
    sources: str | Path | Sequence[str | Path] | None = None,
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
    return _finish(built, problems, codebook, base, _directories(sources))


def _unstructured(dataset: Dataset) -> Iterator[tuple[str, dict[str, Any]]]:
    for name in COLLECTIONS:
        for record in getattr(dataset, name):
            yield name, _converter().unstructure(record)


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
    fmt = format or _format_of(path)
    if fmt != "toml":
        write_atomic(path, dumps(dataset, fmt))
        return
    _make_dir(path)
    converter = _converter()
    _write_if_changed(path / _INFO_FILE, _toml.dumps(converter.unstructure(dataset.info)))
    for name in COLLECTIONS:
        folder = path / name
        records = getattr(dataset, name)
        if records:
            _make_dir(folder)
        keep = set()
        for record in records:
            keep.add(f"{record.id}.toml")
            text = _toml.dumps(converter.unstructure(record))
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


def _codebook_dir() -> Path:
    return _PACKAGE / "codebooks"


def _version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """A version string's order: numbers as numbers, anything else after them as text."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in version.split("."))


def bundled_codebooks() -> dict[str, Path]:
    """Every codebook shipped in ``policytrack/codebooks/``, as ``id@version`` -> file.

    Read from the files themselves (their ``id`` and ``version``), so a codebook added to the
    folder is found by its id whatever the file is called.
    """
    return {key: path for key, path in _bundled_codebooks().items() if "@" in key}


def _bundled(name: str) -> Path | None:
    """The bundled codebook *name*: ``id@version``, or a bare id.

    A bare id names the file of that name where there is one (``internet-controls`` is 1.0,
    the version the bundled dataset is coded on), and otherwise the id's latest version.
    """
    by_file = _codebook_dir() / f"{name}.toml"
    if _is_file(by_file):  # the common case, found without reading every codebook's head
        return by_file
    books = _bundled_codebooks()
    if name in books:
        return books[name]
    versions = [key for key in books if "@" in key and key.partition("@")[0] == name]
    if versions:
        return books[max(versions, key=lambda key: _version_key(key.partition("@")[2]))]
    return None


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


def load_codebook(name_or_path: str | Path, *, base: Path | None = None) -> Codebook:
    """A codebook: a bundled one by id, or a TOML file by path (relative to *base*).

    A bundled codebook is named by its id (``internet-controls``, which names version 1.0;
    ``oxcgrt-stringency``) or by its id and version (``internet-controls@2.0``): any codebook
    file in ``policytrack/codebooks/`` is found by the id and version it declares.

    Raises:
        NotFoundError: No bundled codebook has that id and version and no file has that path.
        DataError: The file is not a valid codebook; every problem is listed.
    """
    candidate = Path(name_or_path)
    bundled = None
    if isinstance(name_or_path, str) and "/" not in name_or_path and "\\" not in name_or_path:
        bundled = _bundled(name_or_path)
    if bundled is not None:
        path = bundled
    elif _is_file(candidate):
        path = candidate
    elif base is not None and _is_file(base / candidate):
        path = base / candidate
    else:
        known = ", ".join(sorted(bundled_codebooks()))
        msg = f"no codebook {str(name_or_path)!r}: not a file, nor a bundled codebook ({known})"
        raise NotFoundError(msg)
    problems: list[Problem] = []
    data = None
    if bundled is not None:
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
        data = tomllib.loads(text)
    except (ValueError, RecursionError) as exc:  # also nesting or numbers too large to read
        problems.append(Problem(name, "", "", f"not valid TOML: {exc}"))
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
