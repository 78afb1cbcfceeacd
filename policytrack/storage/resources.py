"""TOML resources: codebooks, and the files the analyses and the coding tools read.

One loader reads every TOML resource, bundled (``policytrack/codebooks``, ``policytrack/data``)
or a user's own file: :func:`load_toml`, :func:`loads_toml` and :func:`bundled_toml` structure
a file into the class the caller names (a :class:`~policytrack.model.codebook.Codebook`, the
crosswalk to Freedom on the Net, the gazetteer's rows), and report every problem with its file
and field. The classes stay with the code that uses them; only the reading lives here.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any, Literal, TypeVar

from policytrack.errors import DataError, NotFoundError, Problem
from policytrack.files import FileRefused, read_regular
from policytrack.model.arguments import checked
from policytrack.model.codebook import Codebook
from policytrack.storage import build
from policytrack.storage.jsonstream import parse_error
from policytrack.storage.problems import record_id, structure

__all__ = [
    "BUNDLED_CODEBOOK",
    "PACKAGE",
    "bundled_codebook",
    "bundled_codebooks",
    "bundled_toml",
    "load_codebook",
    "load_toml",
    "loads_codebook",
    "loads_toml",
    "read_text_file",
    "read_toml",
]

T = TypeVar("T")

PACKAGE = Path(__file__).parents[1]
"""The package's folder: what ``importlib.resources.files("policytrack")`` gives for it, without
importing importlib.resources, which every command would pay for."""

BUNDLED_CODEBOOK = "internet-controls"
# The version the bundled dataset is coded on (its info names it; a test holds them equal).
BUNDLED_CODEBOOK_VERSION = "2.0"
"""The id of the codebook that ships with policytrack."""


_BOM = "\ufeff"
_BOM_WHY = "starts with a byte-order mark (BOM): save it as UTF-8 without BOM"


class BomError(ValueError):
    """A text that starts with a UTF-8 byte-order mark."""


def read_text_file(path: Path, kind: Literal["record", "dataset"] = "record") -> str:
    """The UTF-8 text of *path*: a regular file under its size limit, without a BOM.

    Raises:
        FileRefused: Not a regular file, or too large.
        UnicodeDecodeError: Not UTF-8.
        BomError: The text starts with a byte-order mark.
        OSError: The file cannot be read.
    """
    text = read_regular(path, kind).decode("utf-8")
    if text.startswith(_BOM):
        raise BomError(_BOM_WHY)
    return text


def read_toml(path: Path, problems: list[Problem]) -> Any:
    """The data of the TOML file *path*, or None with the reason added to *problems*."""
    try:
        text = read_text_file(path)
    except UnicodeDecodeError as exc:
        problems.append(Problem(str(path), "", "", f"not UTF-8 text (byte {exc.start})"))
        return None
    except (FileRefused, BomError) as exc:
        problems.append(Problem(str(path), "", "", str(exc)))
        return None
    except OSError as exc:
        problems.append(Problem(str(path), "", "", f"cannot read: {exc.strerror or exc}"))
        return None
    return _parse(text, str(path), problems)


def _parse(text: str, name: str, problems: list[Problem]) -> Any:
    import tomllib  # noqa: PLC0415  (a command on packed JSON data may read no TOML)

    if text.startswith(_BOM):
        problems.append(Problem(name, "", "", _BOM_WHY))
        return None
    try:
        return tomllib.loads(text)
    except (ValueError, RecursionError) as exc:  # also nesting or numbers too large to read
        problems.append(Problem(name, "", "", parse_error(exc, "TOML")))
        return None


def _structured(data: Any, cls: type[T], name: str, problems: list[Problem]) -> T:
    result = None if data is None else structure(data, cls, name, record_id(data, ""), problems)
    if problems or result is None:
        raise DataError(problems)
    return result  # type: ignore[no-any-return]


def loads_toml(text: str, cls: type[T], *, name: str = "<text>") -> T:
    """TOML *text* structured as *cls*; *name* says where it came from in problems.

    Raises:
        DataError: The text is not valid TOML or not a valid *cls*; every problem is listed.
    """
    problems: list[Problem] = []
    return _structured(_parse(text, name, problems), cls, name, problems)


def load_toml(path: str | Path, cls: type[T], *, what: str) -> T:
    """The TOML file *path* structured as *cls*; *what* names the kind of file in errors.

    Raises:
        NotFoundError: There is no such file.
        DataError: The file cannot be read or is not a valid *cls*; every problem is listed.
    """
    path = Path(path)
    if not _is_file(path):
        msg = f"{path}: no such {what} file"
        raise NotFoundError(msg)
    problems: list[Problem] = []
    return _structured(read_toml(path, problems), cls, str(path), problems)


def bundled_toml(name: str, cls: type[T]) -> T:
    """The bundled file ``policytrack/data/<name>`` structured as *cls*."""
    text = (PACKAGE / "data" / name).read_text("utf-8")
    return loads_toml(text, cls, name=name)


def _is_file(path: Path) -> bool:
    """Whether *path* is a file; False too when it cannot be looked at (name too long)."""
    try:
        return path.is_file()
    except OSError:
        return False


# Codebooks ------------------------------------------------------------------------------------


def _codebook_dir() -> Path:
    return PACKAGE / "codebooks"


@checked
def bundled_codebook(version: str | None = None) -> Codebook:
    """The ``internet-controls`` codebook that ships with policytrack.

    Args:
        version: Which version ("1.0", "2.0"). By default the one the bundled dataset is
            coded on (2.0): scoring that dataset on another version reads its levels with the
            wrong meanings. ``load_codebook("internet-controls")`` still names 1.0, so that
            analyses of datasets coded on 1.0 rerun unchanged.
    """
    return load_codebook(f"{BUNDLED_CODEBOOK}@{version or BUNDLED_CODEBOOK_VERSION}")


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


def _version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """A version string's order: numbers as numbers, anything else after them as text."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in version.split("."))


@checked
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


@checked
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
    if not isinstance(data, dict) and bundled is not None:
        # The package's own file: the size limit is for files a user points at.
        data = _parse(path.read_text("utf-8"), str(path), problems)
    elif not isinstance(data, dict):
        data = read_toml(path, problems)
    return _codebook(data, str(path), problems)


def _packed_codebooks() -> Path:
    """Where an installed wheel keeps the bundled codebooks' TOML parsed into one JSON file.

    Built by hatch_build.py, as ``_seeds.json`` is: a command then reads no TOML at all.
    """
    return PACKAGE / "_codebooks.json"


def _packed_codebook_files() -> dict[str, Any] | None:
    """The bundled codebooks as packed in the wheel, by file name, or None where none are."""
    try:
        packed = json.loads(_packed_codebooks().read_bytes())
    except (OSError, ValueError):  # none (a source checkout, an editable install) or unreadable
        return None
    return packed if isinstance(packed, dict) else None


@checked
def loads_codebook(text: str, *, name: str = "<text>") -> Codebook:
    """A codebook from TOML *text*; *name* says where it came from in problems.

    Raises:
        DataError: The text is not a valid codebook; every problem is listed.
    """
    problems: list[Problem] = []
    return _codebook(_parse(text, name, problems), name, problems)


def _codebook(data: Any, name: str, problems: list[Problem]) -> Codebook:
    if data is not None and not problems:
        try:
            return build.codebook(data)
        except Exception:  # the converter locates every problem
            pass
    return _structured(data, Codebook, name, problems)
