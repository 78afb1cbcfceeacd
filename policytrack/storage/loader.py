"""Loading datasets: one pipeline, read -> build -> check, for every format.

Curated format (for people and diffs): a directory holding ``dataset.toml`` and one directory per
collection (``sources/``, ``agencies/``, ``platforms/``, ``policies/``, ``links/``,
``outcomes/``, ``claims/``), each record in ``<collection>/<id>.toml``.

Machine formats (for size): one JSON object (``*.json``) whose keys are ``info`` and the
collections, or NDJSON (``*.ndjson``) whose first line is ``{"info": {...}}`` and whose every
other line is ``{"<collection>": {record}}``.

Every load runs the same three steps:

1. **read**: the files yield their records' data one at a time, with where each stands
   (:mod:`policytrack.storage.jsonstream` for the machine formats, a file at a time for the
   tree). A JSON file is scanned a record at a time; only one whose layout is irregular (bad
   JSON, an unknown key) is read again whole, which says what is wrong and where.
2. **build**: each record's data goes to the fast builder (:mod:`policytrack.storage.build`);
   a record it refuses goes to the converter, whose detailed validation locates each problem.
3. **check**: references, codebook levels, dates and, with texts, every quote
   (:func:`~policytrack.model.checks.check`).

Every problem found is collected and raised together as a :class:`~policytrack.errors.DataError`.

The cyclic garbage collector is paused while records are built, and after a large load what is
alive is frozen (:func:`gc.freeze`) rather than walked by every later collection: cyclic
garbage left uncollected at that moment is then kept until the process ends.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Literal

import attrs

from policytrack.collector import collector_paused
from policytrack.errors import DataError, NotFoundError, Problem
from policytrack.files import FileRefused, irregular, open_regular, read_regular
from policytrack.model.arguments import checked
from policytrack.model.checks import check
from policytrack.model.codebook import Codebook
from policytrack.model.dataset import COLLECTIONS, Dataset, DatasetInfo
from policytrack.model.provenance import is_inside, read_texts, sha256_text, verify_evidence
from policytrack.model.records import Source
from policytrack.storage import build, jsonstream
from policytrack.storage.jsonstream import Entry
from policytrack.storage.problems import record_id, structure
from policytrack.storage.resources import (
    PACKAGE,
    BomError,
    load_codebook,
    read_text_file,
    read_toml,
)

__all__ = [
    "INFO_FILE",
    "Format",
    "bundled_path",
    "format_of",
    "load",
    "load_bundled",
    "loads",
]

Format = Literal["toml", "json", "ndjson"]
"""A dataset file format: the curated TOML tree, one JSON object, or NDJSON."""

INFO_FILE = "dataset.toml"
"""The file of a curated dataset's info, at the root of its directory."""

_NAMES = frozenset(COLLECTIONS)


@checked
def bundled_path() -> Path:
    """The directory of the bundled dataset coded from the seed articles."""
    inside = PACKAGE / "_seeds"
    if inside.is_dir():
        return inside
    # A source checkout or an editable install keeps the dataset beside the package.
    return Path(__file__).resolve().parents[2] / "seeds"


def _packed() -> Path:
    """Where an installed wheel keeps the bundled tree packed into one JSON file.

    Built by hatch_build.py: it loads in an eighth of the tree's time, which every command on
    the bundled dataset pays. A source checkout or an editable install has none.
    """
    return PACKAGE / "_seeds.json"


@checked
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


# 1. Read --------------------------------------------------------------------------------------


def _read_tree(root: Path, problems: list[Problem], unreadable: set[str]) -> Iterator[Entry]:
    """The curated tree's info and records, a file at a time."""
    info_path = root / INFO_FILE
    if info_path.is_dir():
        problems.append(Problem(str(info_path), "", "", "a folder where the info file belongs"))
    elif info_path.exists() or info_path.is_symlink():
        info = read_toml(info_path, problems)
        if info is not None:
            yield "info", str(info_path), 0, info
    else:
        problems.append(Problem(str(info_path), "", "", "missing: a dataset directory needs it"))
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
            data = read_toml(path, problems)
            if data is None:
                unreadable.add(path.stem)
                continue
            if data.get("id") != path.stem:
                why = f"must match the file name {path.stem!r} (got {data.get('id')!r})"
                problems.append(Problem(str(path), record_id(data, path.stem), "id", why))
            yield name, str(path), path.stem, data


def _read_text(
    text: str,
    file: str,
    fmt: Format,
    problems: list[Problem],
    unreadable: set[str] | None = None,
) -> Iterator[Entry]:
    """A machine-format text's info and records, a record at a time.

    The id of a record whose NDJSON line repeats a key goes to *unreadable*.
    """
    if fmt == "ndjson":
        # Only "\n" ends a line: splitlines() would also split inside a string holding U+2028
        # or U+0085, which JSON writes unescaped.
        lines = text.split("\n")
        return jsonstream.ndjson_records(lines, file, _NAMES, problems, unreadable)
    return jsonstream.json_records(jsonstream.Window(text), file, _NAMES)


# 2. Build -------------------------------------------------------------------------------------


@attrs.frozen
class _Built:
    """A dataset built from records, with where each record came from."""

    dataset: Dataset
    info_file: str
    origins: dict[str, str]
    unreadable: set[str]
    problems: list[Problem]


def _refuse(data: Any) -> Any:
    raise build.Refused


def _build(
    entries: Iterable[Entry],
    info_file: str,
    problems: list[Problem],
    unreadable: set[str],
    *,
    reference: bool = False,
) -> _Built:
    """Every record of *entries* built, fast where the builder vouches for it.

    *problems* and *unreadable* are the reader's: complete once *entries* is exhausted. The
    problems come out in the order of the steps: reading, the info, then the records. With
    *reference*, every record goes through the converter (the differential tests' reference).
    """
    fast = build.Builder().structurers if not reference else dict.fromkeys(COLLECTIONS, _refuse)
    collections: dict[str, list[Any]] = {name: [] for name in COLLECTIONS}
    origins: dict[str, str] = {}
    refused: list[Problem] = []
    info_data: Any = None
    for name, file, where, data in entries:
        if name == "info":
            info_data, info_file = data, file  # the last one, as json.loads keeps it
            continue
        try:
            record = fast[name](data)
        except Exception:  # refused, or data too odd to check fast: the converter locates it
            fallback = where if isinstance(where, str) else f"{name}[{where}]"
            rid = record_id(data, fallback)
            record = structure(data, COLLECTIONS[name], file, rid, refused)
            if record is None:
                unreadable.add(rid)
                continue
        collections[name].append(record)
        origins.setdefault(record.id, file)
    info_problems: list[Problem] = []
    info = None
    if info_data is not None:
        try:
            info = _refuse(info_data) if reference else build.info(info_data)
        except Exception:  # the converter locates the problem
            info = structure(info_data, DatasetInfo, info_file, "", info_problems)
    info = info or DatasetInfo(id="unknown", title="unknown")
    dataset = Dataset(info, **{n: tuple(v) for n, v in collections.items()})
    found = [*problems, *info_problems, *refused]
    return _Built(dataset, info_file, origins, unreadable, found)


def _build_text(text: str, file: str, fmt: Format) -> _Built:
    """Build a machine-format text; an irregular JSON layout is read again whole."""
    problems: list[Problem] = []
    unreadable: set[str] = set()
    try:
        entries = _read_text(text, file, fmt, problems, unreadable)
        return _build(entries, file, problems, unreadable)
    except jsonstream.Irregular:
        problems = []
        entries = jsonstream.json_whole(text, file, COLLECTIONS, problems)
        return _build(entries, file, problems, set())


def _build_file(path: Path, fmt: Format) -> _Built:
    """Build a machine-format file read a megabyte at a time, never held whole.

    A file that cannot be read as UTF-8, or whose JSON layout is irregular, is read again
    whole, which says what is wrong.
    """
    file = str(path)
    problems: list[Problem] = []
    unreadable: set[str] = set()
    try:
        fd = open_regular(path, "dataset")  # a size over the limit: say so at once
    except FileRefused as exc:
        raise DataError([Problem(file, "", "", str(exc))]) from None
    except OSError:
        pass  # read whole, below, which says why it cannot be read
    else:
        try:
            # newline="": no line ending is translated, as when the whole file is decoded at
            # once. A BOM is not JSON: the scan stops at it and the whole read says so.
            with open(fd, encoding="utf-8", newline="") as stream:
                if fmt == "ndjson":
                    lines = jsonstream.lines(stream)
                    entries = jsonstream.ndjson_records(lines, file, _NAMES, problems, unreadable)
                else:
                    entries = jsonstream.json_records(jsonstream.Window("", stream), file, _NAMES)
                return _build(entries, file, problems, unreadable)
        except (jsonstream.Irregular, OSError, UnicodeDecodeError):
            pass
    try:
        text = read_text_file(path, "dataset")
    except UnicodeDecodeError as exc:
        problem = Problem(file, "", "", f"not UTF-8 text (byte {exc.start})")
        raise DataError([problem]) from None
    except (FileRefused, BomError) as exc:
        raise DataError([Problem(file, "", "", str(exc))]) from None
    except OSError as exc:
        problem = Problem(file, "", "", f"cannot read: {exc.strerror or exc}")
        raise DataError([problem]) from None
    return _build_text(text, file, fmt)


# 3. Check -------------------------------------------------------------------------------------


def _check(
    built: _Built, codebook: Codebook | None, base: Path | None, sources: tuple[Path, ...]
) -> Dataset:
    dataset, origins, problems = built.dataset, built.origins, built.problems
    if codebook is None:
        try:
            codebook = load_codebook(dataset.info.codebook, base=base)
        except DataError as exc:
            problems.extend(exc.problems)
        except NotFoundError as exc:
            problems.append(Problem(built.info_file, "", "codebook", str(exc)))
    if codebook is not None:
        # A reference to a record that could not be read is not a second problem.
        problems.extend(check(dataset, codebook, origins=origins, unreadable=built.unreadable))
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
    if not is_inside(named, directory.resolve()):  # never read through a link out of it
        return f"no text in {directory} has this SHA-256"
    try:
        actual = sha256_text(read_regular(named).decode("utf-8"))
    except (OSError, UnicodeDecodeError):
        return f"no text in {directory} has this SHA-256"
    return (
        f"{named} has SHA-256 {actual[:12]}..., not {source.sha256[:12]}...: "
        "it is not the text the quotes were taken from"
    )


# The pipeline ---------------------------------------------------------------------------------


def format_of(path: Path) -> Format:
    """The format a path's suffix names: ``.json``, ``.ndjson`` (or ``.jsonl``), else a tree."""
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
    sources: str | Path | Sequence[str | Path] | None = None,
    cache: bool = False,
) -> Dataset:
    """Load and check a dataset: a curated directory, a ``.json`` or an ``.ndjson`` file.

    Args:
        path: The dataset directory or file.
        codebook: The codebook to check measures against; by default the one the dataset names.
        sources: A directory of source texts, or several (the first holding a source's text
            wins); when given, every quote is verified against them.
        cache: Keep the checked dataset in the compiled cache, and read it from there while
            its files and codebook are unchanged (:mod:`policytrack.storage.cache`; not with
            *sources*, and never when ``POLICYTRACK_CACHE=0``). The command line does this
            by default.

    Returns:
        The dataset.

    Raises:
        DataError: Every problem found, each naming file, record, field and what was expected.
        NotFoundError: *path* does not exist.
    """
    path = Path(path)
    refused = _irregular(path)
    if refused is not None:
        raise DataError([Problem(str(path), "", "", refused)])
    if cache and sources is None and (_is_dir(path) or _is_file(path)):
        from policytrack.storage import cache as compiled  # noqa: PLC0415  (only when asked)

        base = path if _is_dir(path) else path.parent
        return compiled.through(
            path,
            codebook,
            lambda name: load_codebook(name, base=base),
            lambda: load(path, codebook=codebook),
        )
    if _is_dir(path):
        problems: list[Problem] = []
        unreadable: set[str] = set()
        with collector_paused(freeze=True):
            entries = _read_tree(path, problems, unreadable)
            built = _build(entries, str(path / INFO_FILE), problems, unreadable)
        return _check(built, codebook, path, _directories(sources))
    if not _is_file(path):
        msg = f"{path}: no such dataset directory or file"
        raise NotFoundError(msg)
    fmt = format_of(path)
    if fmt == "toml":
        why = "not a dataset file: give a curated dataset's directory, or a .json or .ndjson file"
        if path.name == INFO_FILE:
            why += f" (here, perhaps {path.parent})"
        raise DataError([Problem(str(path), "", "", why)])
    with collector_paused(freeze=True):
        built = _build_file(path, fmt)
    return _check(built, codebook, path.parent, _directories(sources))


@checked
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
    with collector_paused(freeze=True):
        built = _build_text(text, name, format)
    return _check(built, codebook, base, _directories(sources))
