"""Reading the machine formats a record at a time: JSON and NDJSON, from a text or a file.

Each reader yields entries ``(collection, file, where, data)``: ``"info"`` and the dataset's
info, or a collection's name and one record's data as parsed, with where it stands in the file
(a line number for NDJSON, an index into its collection for JSON). The loader builds each
record as it arrives, so the parsed data of the whole file is never held at once.

* :func:`ndjson_records` reads a line at a time and reports a line it cannot read as a located
  problem, the same whether the text is whole or read from a file in chunks.
* :func:`json_records` scans one JSON object ``{"info": ..., "<collection>": [...], ...}``
  with the json module's own scanner, a record at a time, from a text or from a file read a
  megabyte at a time. It raises :class:`Irregular` on anything but that regular layout (bad
  JSON, an unknown or repeated key...): the loader then reads the text whole with
  :func:`json_whole`, which says what is wrong where ``json.loads`` says it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO

from policytrack.errors import Problem

__all__ = [
    "DuplicateKeyError",
    "Entry",
    "Irregular",
    "Window",
    "json_records",
    "json_whole",
    "lines",
    "ndjson_records",
    "parse_error",
    "unique_pairs",
]

Entry = tuple[str, str, "str | int", Any]
"""``(collection or "info", file, where, data)``: *where* says where the record stands in its
file, as text (``line 3``) or as its index in its collection of a JSON object."""


class Irregular(Exception):  # noqa: N818  (a signal to the loader, never raised to a user)
    """The JSON text is not laid out as the scanner reads it: read it whole."""


def unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object's pairs as a dict; a key given twice is an error naming it.

    JSON parsers keep the last of two equal keys, so a second ``"level"`` would silently win.
    """
    found = dict(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise DuplicateKeyError(key)
            seen.add(key)
    return found


class DuplicateKeyError(ValueError):
    """A JSON object that gives one key twice."""

    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(f"duplicate key {key!r} (JSON would keep only the last; remove one)")


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


_LOADS = json.JSONDecoder(object_pairs_hook=unique_pairs).decode
"""``json.loads`` with duplicate keys refused."""

# JSON's whitespace, as the json module skips it. The pattern matches everywhere (if only the
# empty string), so a match is never None.
_WHITESPACE: Callable[[str, int], re.Match[str]] = re.compile(r"[ \t\n\r]*").match  # type: ignore[assignment]
# The json module's own C scanner and string reader, as json.loads uses them, with duplicate
# keys refused.
_SCAN: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder(  # type: ignore[attr-defined]
    object_pairs_hook=unique_pairs
).scan_once
_STRING: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]

_CHUNK = 1 << 20
"""How many characters of a file are read at a time."""


def lines(file: TextIO) -> Iterator[str]:
    """The lines of a file, split at line feeds only, as a whole text is split."""
    pending = ""
    while chunk := file.read(_CHUNK):
        *done, pending = (pending + chunk).split("\n")
        yield from done
    yield pending


def ndjson_records(
    text_lines: Iterable[str],
    file: str,
    collections: frozenset[str],
    problems: list[Problem],
    unreadable: set[str] | None = None,
) -> Iterator[Entry]:
    """``{"info": ...}`` once, then ``{"<collection>": record}`` a line; problems by line.

    The id of a record whose line repeats a key goes to *unreadable*: what refers to it is
    not a second problem.
    """
    seen_info = False
    loads = _LOADS
    for number, line in enumerate(text_lines, start=1):
        if not line or line.isspace():
            continue
        try:
            entry = loads(line)
        except (ValueError, RecursionError) as exc:  # also nesting or numbers too large
            problems.append(Problem(file, "", f"line {number}", parse_error(exc, "JSON")))
            if isinstance(exc, DuplicateKeyError) and unreadable is not None:
                unreadable.add(_line_id(line))
            continue
        if type(entry) is not dict or len(entry) != 1:
            why = "expected one object {collection: record}"
            problems.append(Problem(file, "", f"line {number}", why))
            continue
        ((name, item),) = entry.items()
        if name == "info":
            seen_info = True
            yield name, file, f"line {number}", item
        elif name in collections:
            yield name, file, f"line {number}", item
        else:
            problems.append(Problem(file, "", f"line {number}", f"unknown collection {name!r}"))
    if not seen_info:
        problems.append(Problem(file, "", "", 'no {"info": ...} line'))


def _line_id(line: str) -> str:
    """The id of the record on an NDJSON *line* that is valid JSON but for a repeated key."""
    entry = json.loads(line)
    if isinstance(entry, dict) and len(entry) == 1:
        (item,) = entry.values()
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            return str(item["id"])
    return ""


def json_whole(
    text: str, file: str, collections: Iterable[str], problems: list[Problem]
) -> Iterator[Entry]:
    """The records of a JSON text read whole, every problem of its layout reported."""
    try:
        data = _LOADS(text)
    except (ValueError, RecursionError) as exc:  # also nesting or numbers too large
        problems.append(Problem(file, "", "", parse_error(exc, "JSON")))
        return
    if not isinstance(data, dict):
        why = "expected a JSON object with 'info' and collections"
        problems.append(Problem(file, "", "", why))
        return
    for key in data:
        if key != "info" and key not in collections:
            problems.append(Problem(file, "", key, f"unknown collection {key!r}"))
    if "info" in data:
        yield "info", file, 0, data["info"]
    for name in collections:
        items = data.get(name, [])
        if not isinstance(items, list):
            problems.append(Problem(file, "", name, "expected a list of records"))
            continue
        for index, item in enumerate(items):
            yield name, file, index, item


class Window:
    """A text scanned from left to right, whole or read from a file as the scan needs it.

    Only what is not scanned yet is kept, so a file's text is never held whole; a value that
    may run on past the end of what has been read is read again with more.
    """

    __slots__ = ("at", "end", "file", "text")

    def __init__(self, text: str, file: TextIO | None = None) -> None:
        self.text, self.file, self.at = text, file, 0
        self.end = file is None  # whether the text holds everything there is
        self._more()

    def _more(self) -> bool:
        """Read on; False when there is no more."""
        if self.end:
            return False
        assert self.file is not None
        chunk = self.file.read(_CHUNK)
        if not chunk:
            self.end = True
            return False
        self.text, self.at = self.text[self.at :] + chunk, 0
        return True

    def char(self) -> str:
        """The next character after any whitespace (empty at the end), not consumed."""
        while True:
            self.at = _WHITESPACE(self.text, self.at).end()
            if self.at < len(self.text) or not self._more():
                return self.text[self.at : self.at + 1]

    def take(self, char: str) -> None:
        """Consume *char*, which must come next after any whitespace."""
        if self.char() != char:
            raise Irregular
        self.at += 1

    def value(self) -> Any:
        """The next JSON value, consumed (after any whitespace)."""
        self.char()
        while True:
            try:
                value, end = _SCAN(self.text, self.at)
            except (StopIteration, ValueError, RecursionError):
                if self._more():
                    continue  # cut off by the end of what was read: read on and scan again
                raise Irregular from None
            if end == len(self.text) and self._more():
                continue  # a number may go on past what was read
            self.at = end
            return value

    def key(self) -> str:
        """The next object key and its colon, consumed."""
        self.take('"')
        while True:
            try:
                key, end = _STRING(self.text, self.at)
            except ValueError:
                if self._more():
                    continue
                raise Irregular from None
            self.at = end
            self.take(":")
            return key

    def finished(self) -> bool:
        """Whether nothing but whitespace is left."""
        return self.char() == ""


def json_records(window: Window, file: str, collections: frozenset[str]) -> Iterator[Entry]:
    """One JSON object ``{"info": ..., "<collection>": [record, ...], ...}``, a record at a time.

    Raises:
        Irregular: The text is not laid out so; nothing it yielded is to be kept.
    """
    seen: set[str] = set()
    window.take("{")
    while True:
        key = window.key()
        if key in seen or (key != "info" and key not in collections):
            raise Irregular  # a repeated or unknown key: json_whole reports it
        seen.add(key)
        if key == "info":
            yield key, file, 0, window.value()
        else:
            window.take("[")
            if window.char() == "]":
                window.at += 1
            else:
                index = 0
                while True:
                    yield key, file, index, window.value()
                    index += 1
                    following = window.char()
                    window.at += 1
                    if following == "]":
                        break
                    if following != ",":
                        raise Irregular
        following = window.char()
        window.at += 1
        if following == "}":
            break
        if following != ",":
            raise Irregular
    if not window.finished():
        raise Irregular
