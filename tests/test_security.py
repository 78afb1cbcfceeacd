"""Security: data never executes, texts stay in their directory, outputs escape what they show.

* No module can deserialise code (pickle, marshal, YAML objects), and loading hostile files
  calls nothing that runs code.
* Source texts are read only from files directly inside their directory: a link out of it, or
  a link loop, is ignored, and a source id cannot name a path.
* Every string from the data reaches SQLite only as a bound parameter, a spreadsheet only
  neutralised, and HTML and SVG only escaped.
* Every regular expression in the package, and the EDTF parser, stay linear on 1 MB of
  adversarial text.
"""

from __future__ import annotations

import ast
import builtins
import csv
import json
import os
import pickle
import re
import sqlite3
import subprocess
import tempfile
import time
import typing
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from itertools import cycle, islice
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import policytrack
from policytrack import (
    Codebook,
    DataError,
    Dataset,
    DateError,
    Evidence,
    PolicytrackError,
    Source,
    UncertainDate,
    bundled_codebook,
    escalation,
    load,
    load_codebook,
    loads,
    read_texts,
)
from policytrack.cli import app
from policytrack.model.dataset import COLLECTIONS
from policytrack.render.chart import chart_svg
from policytrack.render.export import TABLES, rows, write_csv_package, write_sqlite
from policytrack.render.report import report_html
from policytrack.storage.resources import loads_codebook
from policytrack.testing import strategies as pts
from tests._curated import TEXT, write

PACKAGE = Path(policytrack.__file__).parent
CODEBOOK = bundled_codebook()
runner = CliRunner()


def _modules() -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path, ast.parse(path.read_text("utf-8"))


# Data never executes -----------------------------------------------------------------------

_DESERIALISERS = {
    *("pickle", "cPickle", "_pickle", "marshal", "shelve", "dill", "cloudpickle", "jsonpickle"),
    *("yaml", "ruamel", "joblib"),
}
_RUNS_CODE = {"eval", "exec", "compile", "__import__"}
_READS_ITS_OWN = {("cache.py", "marshal")}
"""The compiled cache reads its own entries with marshal, which builds plain values and runs no
code, and only from a folder and a file the user owns that nobody else may write to
(``policytrack/storage/cache.py``): as trusted as the user's own data files."""
_GENERATED = {("buildgen.py", "constructor")}
"""Where code is generated, as attrs does, from the fields of policytrack's own classes only."""


def test_no_module_can_deserialise_or_run_code() -> None:
    """Imports no pickle or YAML, marshal only in the cache, and generates code only from fields."""
    imported, running = [], []
    for path, tree in _modules():
        functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                names = []
            imported += [
                f"{path.name}: {n}"
                for n in names
                if n.split(".")[0] in _DESERIALISERS and (path.name, n) not in _READS_ITS_OWN
            ]
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in _RUNS_CODE
            ):
                owner = next(
                    (f.name for f in functions if f.lineno <= node.lineno <= (f.end_lineno or 0)),
                    "",
                )
                if (path.name, owner) not in _GENERATED:
                    running.append(f"{path.name}:{node.lineno}: {node.func.id}() in {owner}")
    assert imported == []
    assert running == []


class Executed(Exception):  # noqa: N818 (what the test looks for, not an error)
    """Raised by anything that would run code or start a process."""


_PAYLOADS = [
    "__import__('os').system('touch PWNED')",
    "!!python/object/apply:os.system ['touch PWNED']",
    pickle.dumps(Executed).decode("latin-1"),
    "cos\nsystem\n(S'touch PWNED'\ntR.",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "${jndi:ldap://x/a}",
]


@pytest.fixture
def _nothing_runs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Make eval, exec, unpickling and processes raise Executed, once the loaders are warm.

    Warm: every loader has run once, so that the imports and the converter's generated hooks
    (code from policytrack's own classes) are in place before anything is refused.
    """
    _load_everything("warm", tmp_path / "warm")

    def refuse(*args: object, **kwargs: object) -> None:
        raise Executed(args)

    for module, name in [
        (builtins, "eval"),
        (builtins, "exec"),
        (pickle, "loads"),
        (pickle, "load"),
        (os, "system"),
        (subprocess, "Popen"),
    ]:
        monkeypatch.setattr(module, name, refuse)
    yield


@pytest.mark.usefixtures("_nothing_runs")
@pytest.mark.parametrize("payload", _PAYLOADS)
def test_loading_hostile_data_runs_nothing(payload: str, tmp_path: Path) -> None:
    """Loads code, pickles and YAML tags as plain strings, in every format, running nothing."""
    _load_everything(payload, tmp_path)
    assert not list(tmp_path.rglob("PWNED")) and not Path("PWNED").exists()


def _load_everything(payload: str, tmp_path: Path) -> None:
    """Load *payload* as every kind of file, and inside every kind of file."""
    info = {"id": "x", "title": payload, "description": payload}
    for text, fmt in [
        (json.dumps({"info": info}), "json"),
        (json.dumps({"info": info}) + "\n" + json.dumps({"sources": {"id": payload}}), "ndjson"),
        (payload, "json"),
        (payload, "ndjson"),
    ]:
        try:
            dataset = loads(text, fmt)  # type: ignore[arg-type]
        except PolicytrackError:
            continue
        assert dataset.info.title == payload
    root = write(tmp_path / "data", {"dataset.toml": f"id = 'x'\ntitle = {json.dumps(payload)}\n"})
    assert load(root).info.title == payload
    with pytest.raises(DataError):
        loads_codebook(payload)
    (tmp_path / "book.toml").write_bytes(payload.encode("utf-8", "surrogateescape"))
    with pytest.raises(DataError):
        load_codebook(tmp_path / "book.toml")


# Texts stay in their directory ---------------------------------------------------------------


@pytest.fixture
def texts(tmp_path: Path) -> Path:
    """A texts directory whose only copy of the source's text is reached through a link out."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "article.txt").write_text(TEXT, "utf-8")
    (outside / "folder.txt").mkdir()
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "src.txt").symlink_to(outside / "article.txt")
    (folder / "relative.txt").symlink_to(Path("..") / "outside" / "article.txt")
    (folder / "folder.txt").symlink_to(outside / "folder.txt")
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "dangling.txt").symlink_to(outside / "missing.txt")
    return folder


def test_read_texts_ignores_links_out_of_the_directory(texts: Path, tmp_path: Path) -> None:
    """Ignores links that lead out, link loops and dangling links; follows a link inside."""
    dataset = load(write(tmp_path / "data", {}))
    assert read_texts(texts, dataset) == {}
    (texts / "src.txt").unlink()
    (texts / "kept").write_text(TEXT, "utf-8")
    (texts / "src.txt").symlink_to("kept")
    assert read_texts(texts, dataset) == {"src": TEXT}


def test_verifying_never_reads_through_a_link_out(
    texts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reports a source whose text is only outside as missing, without reading that file."""
    root = write(tmp_path / "data", {})
    read: list[Path] = []
    original = Path.read_bytes

    def recording(self: Path) -> bytes:
        read.append(self.resolve())
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", recording)
    with pytest.raises(DataError) as caught:
        load(root, sources=texts)
    assert [str(p) for p in caught.value.problems] == [
        f"{root}/sources/src.toml: src: sha256: no text in {texts} has this SHA-256"
    ]
    assert not [p for p in read if (tmp_path / "outside") in p.parents]
    monkeypatch.undo()
    result = runner.invoke(app, ["validate", "--data", str(root), "--texts", str(texts)])
    assert result.exit_code == 1
    assert "has this SHA-256" in result.stdout
    assert "Traceback" not in result.output


@given(st.text(alphabet="ab0-./\\\x00: A~", max_size=8))
def test_a_source_id_never_names_a_path(source_id: str) -> None:
    """Rejects any source id that could name a file outside its texts directory."""
    try:
        Source(source_id, "t", "o", UncertainDate("2012"), policytrack.Reliability.NGO, "a" * 64, 1)
    except (TypeError, ValueError):
        return
    folder = Path("/texts")
    assert (folder / f"{source_id}.txt").parent == folder
    assert source_id not in (".", "..") and not set(source_id) & set("/\\.\x00")


# Outputs escape every string from the data -----------------------------------------------------

_EVIL = (
    "'); DROP TABLE policies; -- \"; DROP TABLE sources; "
    '<x-evil a="1">&amp;</x-evil> "\' onmouseover=alert(1) x="'
    " ]]><!-- <![CDATA[ {{7*7}} \x1b[31m"
)
_FORMULAS = ("=", "+", "-", "@", "\t", "\r", "")
_NOT_FREE_TEXT = {
    "id",
    "source",
    "jurisdiction",
    "parent",
    "language",
    "sha256",
    "dimension",
    "edtf",
    "group",
    "fragment",
    "from_policy",
    "to_policy",
    "place",
    "reporter",
    "speaker_agency",
    "same_as",
    "includes",
    "home_country",
    "codebook",
    "issuers",
    "enforcers",
    "platforms",
    "agencies",
    "policies",
}
"""Fields that hold ids, codes or notations, which their validators keep to a safe alphabet."""


class _Hostile:
    """Puts a hostile string, each with a different formula start, in every free-text field."""

    def __init__(self) -> None:
        self.count = 0

    def text(self) -> str:
        self.count += 1
        return f"{_FORMULAS[self.count % len(_FORMULAS)]}{_EVIL}{self.count}"

    def value(self, value: Any) -> Any:
        if isinstance(value, Evidence):
            exact = self.text()
            return attrs.evolve(
                value,
                exact=exact,
                end=value.start + len(exact),
                prefix=self.text(),
                suffix=self.text(),
            )
        if not attrs.has(type(value)):
            return value
        hints = typing.get_type_hints(type(value))
        changes: dict[str, Any] = {}
        for field in attrs.fields(type(value)):
            if not field.init:
                continue
            current = getattr(value, field.name)
            kind = str(hints[field.name])
            if field.name in _NOT_FREE_TEXT or kind.startswith("<enum"):
                continue
            if field.name == "url":
                changes["url"] = "javascript:alert(1)//" + self.text()
            elif kind in ("<class 'str'>", "str | None"):
                changes[field.name] = self.text()
            elif kind == "tuple[str, ...]":
                changes[field.name] = (self.text(), self.text())
            elif isinstance(current, tuple):
                changes[field.name] = tuple(self.value(item) for item in current)
            elif attrs.has(type(current)):
                changes[field.name] = self.value(current)
        return attrs.evolve(value, **changes)

    def dataset(self, dataset: Dataset) -> Dataset:
        changes: dict[str, Any] = {
            name: tuple(self.value(r) for r in getattr(dataset, name)) for name in COLLECTIONS
        }
        return attrs.evolve(dataset, info=self.value(dataset.info), **changes)

    def codebook(self, codebook: Codebook) -> Codebook:
        return self.value(codebook)  # type: ignore[no-any-return]


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _assert_nothing_injected(tags: list[tuple[str, dict[str, str | None]]]) -> None:
    for tag, attributes in tags:
        assert tag not in ("x-evil", "script"), tag
        for name, value in attributes.items():
            assert not name.startswith("on"), (tag, name)
            assert name != "a", (tag, name)
            assert not (value or "").lower().startswith("javascript:"), (tag, name, value)


@settings(max_examples=max(5, settings().max_examples // 10))
@given(pts.datasets(min_policies=1, max_policies=3, jurisdictions=st.sampled_from(["CN"])))
def test_every_string_from_the_data_is_escaped_or_bound(dataset: Dataset) -> None:
    """Binds hostile text in SQLite, neutralises it in CSV, and escapes it in HTML and SVG."""
    hostile = _Hostile()
    dataset, codebook = hostile.dataset(dataset), hostile.codebook(CODEBOOK)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "d.sqlite")
        write_sqlite(dataset, path)
        connection = sqlite3.connect(path)
        try:
            names = {n for (n,) in connection.execute("SELECT name FROM sqlite_master")}
            assert {t.name for t in TABLES} <= names
            for table in TABLES:
                got = connection.execute(f'SELECT * FROM "{table.name}"').fetchall()
                assert got == rows(dataset, table)
        finally:
            connection.close()
        write_csv_package(dataset, tmp)
        for table in TABLES:
            with Path(tmp, f"{table.name}.csv").open(encoding="utf-8", newline="") as f:
                for row in csv.reader(f):
                    for cell in row:
                        assert not cell.startswith(_FORMULAS[:-1]) or cell.isdigit(), cell

    result = escalation(dataset, "CN", codebook=codebook)
    page = _Page()
    page.feed(report_html(dataset, result, codebook=codebook))
    _assert_nothing_injected(page.tags)
    assert _EVIL.split("<", maxsplit=1)[0] in "".join(page.text)

    svg = chart_svg(result.index, codebook, escalation=result)
    root = ET.fromstring(svg)
    _assert_nothing_injected(
        [(e.tag.rsplit("}", 1)[-1], dict(e.attrib)) for e in root.iter()]  # type: ignore[misc]
    )


# Linear time on adversarial text -------------------------------------------------------------

_RE_CALLS = {"compile", "search", "match", "fullmatch", "findall", "finditer", "sub", "subn"}
_RE_CALLS |= {"split"}


def _regexes() -> list[tuple[str, re.Pattern[str]]]:
    """Every regular expression written as a literal in the package, with where it first is."""
    found: dict[tuple[str, int], tuple[str, re.Pattern[str]]] = {}
    for path, tree in _modules():
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
                and node.func.attr in _RE_CALLS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                continue
            flags = [k.value for k in node.keywords if k.arg == "flags"]
            if node.func.attr == "compile":
                flags += node.args[1:2]
            value = eval(compile(ast.Expression(flags[0]), "", "eval"), {"re": re}) if flags else 0
            where = f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
            found.setdefault(
                (node.args[0].value, value), (where, re.compile(node.args[0].value, value))
            )
    return list(found.values())


REGEXES = _regexes()
TINY, SMALL, LARGE = 28, 16_384, 1_000_000
"""Text sizes: an exponential pattern shows on TINY, a quadratic one on SMALL."""


def _adversarial(pattern: re.Pattern[str], size: int) -> list[str]:
    """Texts built from the pattern's own characters, each ending in one it cannot match.

    All its characters in turn at every size; below 1 MB also other mixtures and a run of each
    character alone (a pattern that backtracks already shows on those sizes).
    """
    pool = sorted(set(pattern.pattern) | set("a1 .-\n中"))
    runs = [pool]
    if size < LARGE:
        runs += [[c for c in pool if c.isalnum()], pool[::2], pool[1::2], *([c] for c in pool)]
    return ["".join(islice(cycle(run), size)) + "\x00" for run in runs if run]


def _seconds(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def _baseline(size: int) -> float:
    """Splitting *size* characters (at least SMALL) into a list: the linear yardstick."""
    text = " " * max(size, SMALL)
    return min(_seconds(lambda: list(text)) for _ in range(3))


RATIO = 500
"""How many times the yardstick a regex may take. Linear patterns take at most about 70 times
it (one match object for every character or two); a quadratic one takes 15,000 times it on
SMALL and an exponential one as much on TINY, and neither would finish on LARGE."""


def _check_linear(name: str, texts: list[str], run: Callable[[str], object]) -> None:
    """Time *run* on each text against the yardstick measured just before, retrying once."""
    for text in texts:
        for _attempt in range(2):
            repeats = 3 if len(text) <= SMALL + 1 else 1
            took = min(_seconds(lambda t=text: run(t)) for _ in range(repeats))  # type: ignore[misc]
            allowed = RATIO * _baseline(len(text))
            if took <= allowed:
                break
        assert took <= allowed, f"{name} took {took:.3f}s on {len(text)} chars ({text[:20]!r})"


def test_every_regex_is_found() -> None:
    """Finds the package's regular expressions, the EDTF parser's among them."""
    assert any(where.startswith("policytrack/model/dates.py") for where, _ in REGEXES)
    assert len(REGEXES) >= 8


@pytest.mark.parametrize(("where", "pattern"), REGEXES, ids=[w for w, _ in REGEXES])
def test_every_regex_is_linear_on_a_megabyte_of_adversarial_text(
    where: str, pattern: re.Pattern[str]
) -> None:
    """Searches, matches and scans 1 MB built to make it backtrack, in linear time."""

    def run(text: str) -> None:
        pattern.search(text)
        pattern.fullmatch(text)
        pattern.match(text)
        for _ in pattern.finditer(text):
            pass

    # Small sizes first: a pattern that backtracks fails there in a second instead of hanging.
    for size in (TINY, SMALL, LARGE):
        _check_linear(where, _adversarial(pattern, size), run)


def test_the_edtf_parser_is_linear_on_a_megabyte_of_adversarial_text() -> None:
    """Rejects 1 MB notations made of dates, intervals, X digits and qualifiers in linear time."""
    pieces = ["2012-12-28", "201X", "2012-", "/", "..", "~", "?", "%", "-XX", "2013-24", "9"]

    def run(text: str) -> None:
        with pytest.raises(DateError):
            UncertainDate(text)

    for size in (TINY, SMALL, LARGE):
        texts = ["".join(islice(cycle(pieces), size // 3))]
        texts += ["".join(islice(cycle(piece), size)) + "!" for piece in pieces]
        _check_linear("UncertainDate", texts, run)


def test_loading_a_megabyte_of_text_in_a_field_is_linear() -> None:
    """Loads a record whose fields hold 1 MB of text the validators scan, in linear time."""
    for size in (SMALL, LARGE):
        for fill in ("a-" * (size // 2), "a" * size + "!", "2012-" * (size // 5)):
            record = {"id": fill, "title": "t"}
            text = json.dumps({"info": {"id": "x", "title": "t"}, "sources": [record]})
            _check_linear("loads", [text], lambda t: _rejects(lambda: loads(t)))


def _rejects(call: Callable[[], object]) -> None:
    try:
        call()
    except PolicytrackError:
        return
    msg = "expected a PolicytrackError"
    raise AssertionError(msg)
