"""Fuzzed loaders and ``policytrack validate``: only policytrack's own errors escape, located.

Every input here is hostile: random text and bytes, valid files truncated and mutated, deep
nesting, huge strings, bytes that are not UTF-8, and a wrong type in every field. A loader may
accept its input or raise a :class:`~policytrack.PolicytrackError`; any other exception fails
the test, and every problem of a :class:`~policytrack.DataError` names its file and says what is
wrong in one line. The coverage-guided harness in ``fuzz/`` runs the same loaders for longer.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import tempfile
import types
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from policytrack import (
    Codebook,
    DataError,
    Dataset,
    DatasetInfo,
    Evidence,
    Measure,
    NotFoundError,
    PolicytrackError,
    Quantity,
    UncertainDate,
    converter,
    dumps,
    load,
    load_codebook,
    loads,
)
from policytrack.cli import app
from policytrack.model.dataset import COLLECTIONS, collection_of
from policytrack.storage.loader import Format
from policytrack.storage.resources import loads_codebook
from policytrack.storage.tomlwriter import dumps as toml_dumps
from policytrack.testing import strategies as pts
from tests._curated import FILES, write
from tests._everything import AGENCY, CLAIM, CODEBOOK, INFO, LINK, OUTCOME, PLATFORM, POLICY, SOURCE
from tests._settings import FEWER

runner = CliRunner()
FORMATS: tuple[Format, ...] = ("json", "ndjson")
BUNDLED_CODEBOOK = (
    Path(__file__).parents[1] / "policytrack" / "codebooks" / "internet-controls.toml"
).read_bytes()
MB = 1_000_000
DEEP = 10_000

# Strategies -------------------------------------------------------------------------------

_KEYS = sorted(
    {"info", *COLLECTIONS}
    | {
        f.name
        for cls in (*COLLECTIONS.values(), DatasetInfo, Evidence, Measure, Quantity, UncertainDate)
        for f in attrs.fields(cls)
    }
)
"""Every key a dataset file may hold, so random documents often reach the converter."""

_JSONISH = '{}[]:," \\\n\t0123456789.-+eEnulltruefalsNaIfiy' + "".join(_KEYS[:8])
_TEXTS = st.one_of(
    st.text(),
    st.text(alphabet=_JSONISH),
    st.binary().map(lambda data: data.decode("utf-8", "surrogateescape")),
)
"""Any text: arbitrary, shaped like JSON, or bytes that are not UTF-8 decoded to surrogates."""

_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=12),
    st.sampled_from(["2012-12-28", "2012", "..", "a" * 64, "CN", "general", "stated"]),
)
_JSON = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(_KEYS) | st.text(max_size=6), inner, max_size=6)
    ),
    max_leaves=40,
)
"""JSON values whose objects are keyed mostly by real field and collection names."""

_FRAGMENTS = [
    b'"',
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b":",
    b"=",
    b"\n",
    b"\r",
    b"null",
    b"true",
    b"-1",
    b"1e999",
    b"9" * 5000,
    b'"\\ud800"',
    b"\\u0000",
    b"\xff",
    b"\xc3",
    b"\xed\xa0\x80",
    b'"""',
    b"[[",
    b"]]",
    b"#",
    b"nan",
    b"inf",
    b"1979-05-27T07:32:00Z",
    b'"info"',
    b'"policies"',
    b'{"info": {}}',
    b"[" * 200,
]
_PIECES = st.sampled_from(_FRAGMENTS) | st.binary(min_size=1, max_size=8)


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """*original* truncated, cut, spliced, overwritten, repeated or replaced by random bytes."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(data)))
        operation = draw(
            st.sampled_from(["truncate", "delete", "insert", "overwrite", "repeat", "random"])
        )
        if operation == "truncate":
            del data[at:]
        elif operation == "delete":
            del data[at : at + draw(st.integers(1, 32))]
        elif operation == "insert":
            data[at:at] = draw(_PIECES)
        elif operation == "overwrite":
            piece = draw(_PIECES)
            data[at : at + len(piece)] = piece
        elif operation == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 64))]
        else:
            data = bytearray(draw(st.binary(max_size=256)))
    return bytes(data)


# Checks -----------------------------------------------------------------------------------


def _assert_located(error: DataError) -> None:
    assert error.problems
    for problem in error.problems:
        assert problem.file, problem
        assert problem.message.strip(), problem
        line = str(problem)
        assert "\n" not in line and line.isprintable(), line


def attempt(call: Callable[[], object]) -> PolicytrackError | None:
    """Run *call*: None when it succeeds, the PolicytrackError it raised (checked) otherwise.

    Any other exception propagates and fails the test.
    """
    try:
        call()
    except DataError as error:
        _assert_located(error)
        return error
    except PolicytrackError as error:
        assert str(error).strip()
        return error
    return None


def _as_text(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def _validate(*args: str, input: bytes | str | None = None) -> Any:
    """Run ``policytrack validate``; check it exits 0 or 1 with no traceback and no crash."""
    result = runner.invoke(app, ["validate", "--data", *args], input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    return result


@pytest.fixture(scope="module")
def tree() -> Iterator[Path]:
    """A directory for curated trees, shared by the examples of a module."""
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(tmp)


# Random and mutated input -----------------------------------------------------------------


@given(_TEXTS, st.sampled_from(FORMATS))
def test_any_text_loads_or_raises_a_located_error(text: str, fmt: Format) -> None:
    """Accepts or rejects any text with a located DataError, never another exception."""
    attempt(lambda: loads(text, fmt))


@given(st.lists(_JSON, min_size=1, max_size=4), st.sampled_from(FORMATS))
def test_any_json_document_loads_or_raises_a_located_error(values: list[Any], fmt: Format) -> None:
    """Rejects JSON of any shape with located problems: NaN, huge numbers, wrong nesting."""
    text = json.dumps(values[0]) if fmt == "json" else "\n".join(json.dumps(v) for v in values)
    attempt(lambda: loads(text, fmt))


@given(pts.datasets(max_policies=1), st.sampled_from(FORMATS), st.data())
def test_a_mutated_dump_is_rejected_or_round_trips(
    dataset: Any, fmt: Format, data: st.DataObject
) -> None:
    """Rejects a truncated or mutated file with located problems; what it accepts round-trips."""
    text = _as_text(data.draw(mutated(dumps(dataset, fmt).encode("utf-8"))))
    loaded = None

    def load_it() -> None:
        nonlocal loaded
        loaded = loads(text, fmt)

    if attempt(load_it) is None:
        assert loads(dumps(loaded, fmt), fmt) == loaded  # type: ignore[arg-type]


@FEWER
@given(st.sampled_from(sorted(FILES)), st.data())
def test_a_mutated_curated_file_is_reported_in_that_file(
    tree: Path, name: str, data: st.DataObject
) -> None:
    """Names the broken file among the problems, and validate prints exactly those problems."""
    with tempfile.TemporaryDirectory(dir=tree) as tmp:
        root = write(Path(tmp), {})
        path = root / name
        path.write_bytes(data.draw(mutated(FILES[name].encode("utf-8")), label="contents"))
        error = attempt(lambda: load(root))
        result = _validate(str(root))
        if error is None:
            assert result.exit_code == 0
            return
        assert isinstance(error, DataError)
        assert any(p.file == str(path) for p in error.problems), error
        assert result.exit_code == 1
        assert result.stdout == "".join(f"{p}\n" for p in error.problems)


@given(st.data())
def test_a_mutated_codebook_is_rejected_with_located_problems(data: st.DataObject) -> None:
    """Rejects a broken codebook, from text or from a file, naming where it came from."""
    broken = data.draw(mutated(BUNDLED_CODEBOOK))
    error = attempt(lambda: loads_codebook(_as_text(broken), name="book.toml"))
    if isinstance(error, DataError):
        assert {p.file for p in error.problems} == {"book.toml"}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "book.toml")
        path.write_bytes(broken)
        error = attempt(lambda: load_codebook(path))
        if isinstance(error, DataError):
            assert {p.file for p in error.problems} == {str(path)}


@FEWER
@given(
    st.one_of(
        st.binary(max_size=512),
        pts.datasets(max_policies=1).flatmap(lambda d: mutated(dumps(d, "ndjson").encode("utf-8"))),
        pts.datasets(max_policies=1).flatmap(lambda d: mutated(dumps(d).encode("utf-8"))),
    )
)
def test_validate_reads_any_bytes_from_standard_input(data: bytes) -> None:
    """Validates any bytes on standard input with exit 0 or 1, one line per problem."""
    result = _validate("-", input=data)
    if result.exit_code == 1:
        assert result.stderr.endswith("problem(s)\n")
        assert all(line.startswith("<stdin>") for line in result.stdout.splitlines())


# Deep nesting, huge strings, bytes that are not UTF-8 ------------------------------------


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("json", "[" * DEEP + "]" * DEEP),
        ("json", '{"info": ' + '{"a": ' * DEEP + "1" + "}" * (DEEP + 1)),
        ("ndjson", '{"info": ' + "[" * DEEP + "]" * DEEP + "}"),
        ("ndjson", '{"info": {"id": "x", "title": "t"}}\n{"sources": ' + "[" * DEEP),
    ],
)
def test_deep_nesting_is_a_data_error(fmt: Format, text: str) -> None:
    """Turns nesting deeper than Python can recurse into a DataError, not a RecursionError."""
    with pytest.raises(DataError) as caught:
        loads(text, fmt, name="deep")
    _assert_located(caught.value)
    assert any("nested too deeply" in p.message for p in caught.value.problems)


def test_deep_nesting_in_toml_is_a_data_error(tmp_path: Path) -> None:
    """Reports deeply nested TOML in a record file or a codebook as that file's problem."""
    nested = "title = " + "[" * DEEP + "]" * DEEP + "\n"
    root = write(tmp_path / "data", {"platforms/weibo.toml": nested})
    with pytest.raises(DataError) as caught:
        load(root)
    assert [p.file for p in caught.value.problems] == [str(root / "platforms" / "weibo.toml")]
    with pytest.raises(DataError, match="not valid TOML"):
        loads_codebook(nested)
    assert _validate(str(root)).exit_code == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_numbers_too_long_to_read_are_a_data_error(fmt: Format, tmp_path: Path) -> None:
    """Reports an integer with more digits than Python converts as a problem of its file."""
    huge = "9" * 5000
    text = dumps(attrs.evolve(_one_of_each(), info=INFO), fmt).replace('"1.2"', huge, 1)
    with pytest.raises(DataError, match="not valid JSON") as caught:
        loads(text, fmt, name="huge")
    _assert_located(caught.value)
    root = write(tmp_path / "data", {"dataset.toml": f'id = "tiny"\ntitle = "t"\nv = {huge}\n'})
    with pytest.raises(DataError, match="not valid TOML"):
        load(root)
    with pytest.raises(DataError, match="not valid TOML"):
        loads_codebook(f"id = {huge}")


def test_huge_strings_load_and_round_trip() -> None:
    """Loads a record with a 1 MB title and writes it back unchanged."""
    dataset = attrs.evolve(SMALL, sources=(attrs.evolve(SOURCE, title="中" * MB),))
    for fmt in FORMATS:
        text = dumps(dataset, fmt)
        assert dumps(loads(text, fmt), fmt) == text


@pytest.mark.parametrize(
    "text",
    [
        json.dumps({"info": {"id": "x", "title": "t", "x" * MB: 1}}),
        json.dumps({"info": {"id": "x", "title": "t"}, "sources": [{"id": "A" * MB}]}),
        json.dumps({"info": {"id": "x", "title": "t", "codebook": "c" * MB}}),
        '{"info": "' + "\\" * MB,
        "x" * MB,
    ],
    ids=["key", "id", "codebook", "escapes", "garbage"],
)
def test_huge_strings_are_rejected_in_one_problem_each(text: str) -> None:
    """Rejects a 1 MB key, id, codebook name or garbage with a located DataError."""
    error = attempt(lambda: loads(text, name="huge.json"))
    assert isinstance(error, DataError)
    assert _validate("-", input=text).exit_code == 1


def test_bytes_that_are_not_utf8_name_their_offset(tmp_path: Path) -> None:
    """Reports a file that is not UTF-8 with the offset of its first bad byte, in every format."""
    good = dumps(_one_of_each()).encode("utf-8")
    broken = good[:100] + b"\xff" + good[100:]
    path = tmp_path / "d.json"
    path.write_bytes(broken)
    with pytest.raises(DataError) as caught:
        load(path)
    assert [str(p) for p in caught.value.problems] == [f"{path}: not UTF-8 text (byte 100)"]
    root = write(tmp_path / "data", {})
    (root / "policies" / "decision.toml").write_bytes(b'id = "decision"\ntitle = "\xc3("\n')
    with pytest.raises(DataError) as caught:
        load(root)
    assert [str(p) for p in caught.value.problems] == [
        f"{root}/policies/decision.toml: not UTF-8 text (byte 25)"
    ]
    book = tmp_path / "book.toml"
    book.write_bytes(BUNDLED_CODEBOOK.replace(b"identity", b"ident\xe9ty", 1))
    with pytest.raises(DataError, match="not UTF-8 text"):
        load_codebook(book)


@pytest.mark.parametrize(
    "args",
    [
        ("--data", "-", "validate"),
        ("--data", "-", "list", "policies"),
        ("--codebook", "-", "codebook"),
    ],
)
def test_standard_input_that_is_not_utf8_is_one_problem(args: tuple[str, ...]) -> None:
    """Reports standard input that is not UTF-8 with its offset, whatever the locale."""
    result = runner.invoke(app, list(args), input=b'{"info": {"id": "x", "title": "\xff"}}')
    assert result.exit_code == 1
    assert "<stdin>: not UTF-8 text (byte 31)" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_lone_surrogate_escape_is_a_located_problem() -> None:
    """Rejects a JSON escape of half a surrogate pair, which no UTF-8 file can hold."""
    text = '{"info": {"id": "x", "title": "t\\ud800"}}'
    with pytest.raises(DataError) as caught:
        loads(text)
    assert [str(p) for p in caught.value.problems] == [
        "<text>: title: expected Unicode text, got a lone surrogate '\\ud800' at 1"
    ]


def test_a_hostile_record_id_prints_as_one_harmless_line() -> None:
    """Escapes newlines, terminal escape sequences and lone surrogates in a located problem."""
    hostile = "evil\n\x1b[2J\ud800"
    text = json.dumps({"info": {"id": "x", "title": "t"}, "sources": [{"id": hostile}]})
    with pytest.raises(DataError) as caught:
        loads(text)
    _assert_located(caught.value)
    assert str(caught.value.problems[0]).startswith("<text>: evil\\n\\x1b[2J\\ud800: id: ")
    result = _validate("-", input=text)
    assert "\x1b" not in result.output
    assert all(line.startswith("<stdin>: evil\\n") for line in result.stdout.splitlines())


def test_compact_json_on_standard_input_is_read_as_json() -> None:
    """Reads a one-line JSON dataset from standard input as JSON, not as NDJSON."""
    compact = json.dumps(json.loads(dumps(SMALL)), ensure_ascii=False)
    assert "\n" not in compact
    result = runner.invoke(app, ["--data", "-", "list", "sources"], input=compact)
    assert result.exit_code == 0, result.output
    assert SOURCE.id in result.stdout


def test_names_too_long_for_the_file_system_are_not_found(tmp_path: Path) -> None:
    """Reports a dataset path or codebook name too long to look up as not found."""
    with pytest.raises(NotFoundError):
        load(tmp_path / ("a" * 5000))
    with pytest.raises(NotFoundError):
        load_codebook("a" * 5000)
    with pytest.raises(DataError, match="no codebook"):
        loads(json.dumps({"info": {"id": "x", "title": "t", "codebook": "a" * 5000}}))


def test_the_command_line_never_prints_a_traceback(tmp_path: Path) -> None:
    """Exits 1 with one error line, in a real process, on input that once crashed it."""
    cases: list[tuple[list[str], bytes]] = [
        (["--data", "-", "validate"], b'{"info": {"id": "x", "title": "\xff"}}'),
        (
            ["--data", "-", "validate"],
            b'{"info": {"id": "x", "title": "t", "version": ' + b"9" * 5000,
        ),
        (["validate", "--data", str(tmp_path / ("a" * 5000))], b""),
    ]
    for args, data in cases:
        result = subprocess.run(
            [sys.executable, "-m", "policytrack", *args],
            input=data,
            capture_output=True,
            check=False,
        )
        assert result.returncode == 1, result.stderr
        assert b"Traceback" not in result.stdout + result.stderr
        assert b"internal error" not in result.stderr


# A wrong type in every field ---------------------------------------------------------------

_RECORDS = (SOURCE, AGENCY, PLATFORM, POLICY, LINK, OUTCOME, CLAIM)
CODEBOOK_ALL = attrs.evolve(
    CODEBOOK,
    dimensions=(
        *CODEBOOK.dimensions,
        attrs.evolve(CODEBOOK.dimensions[0], id="content", flag=False, flag_definition=None),
    ),
)
"""The tiny codebook with the second dimension the policy is scored on."""
_VALUES: tuple[Any, ...] = (None, True, 7, 1.5, "x", [], {})
"""One value of each JSON type."""


def _one_of_each() -> Dataset:
    """One record of each kind, their references left dangling."""
    return Dataset(INFO, **{collection_of(r): (r,) for r in _RECORDS})  # type: ignore[arg-type]


SMALL = Dataset(DatasetInfo("small", "Small"), sources=(SOURCE,))
"""A sound dataset of one source, scored on the bundled codebook."""


def _json_type(value: Any) -> type:
    """The JSON type of *value*; a float field also takes an integer."""
    return float if type(value) is int else type(value)


def _paths(value: Any, keys: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The key path of every value inside *value*, containers before their contents."""
    if isinstance(value, (dict, list)):
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, inner in items:
            yield (*keys, key)
            yield from _paths(inner, (*keys, key))


def _dotted(keys: tuple[Any, ...]) -> str:
    text = ""
    for key in keys:
        text += f"[{key}]" if isinstance(key, int) else f".{key}" if text else key
    return text


def _optional(cls: type, keys: tuple[Any, ...]) -> bool:
    """Whether the field at *keys* inside *cls* defaults to None, so None is a fair value."""
    field = None
    for key in keys:
        if isinstance(key, int):
            cls = typing.get_args(cls)[0]
            continue
        hints = typing.get_type_hints(cls)
        field = attrs.fields_dict(cls)[key]
        cls = hints[key]
        if typing.get_origin(cls) in (typing.Union, types.UnionType):
            cls = next(a for a in typing.get_args(cls) if a is not type(None))
    return field is not None and field.default is None and not isinstance(keys[-1], int)


def _near(field: str, path: str) -> bool:
    """Whether a problem at *field* locates a change at *path*: the same, inside or around it."""
    return bool(field) and any(
        a == b or a.startswith((b + ".", b + "[")) for a, b in ((field, path), (path, field))
    )


def _wrong_types(value: Any, cls: type) -> Iterator[tuple[str, Any, Any]]:
    """(path, changed copy, new value) for every field of *value* and every other JSON type."""
    raw = converter.unstructure(value)
    for keys in _paths(raw):
        here = raw
        for key in keys:
            here = here[key]
        for new in _VALUES:
            if _json_type(new) is _json_type(here) or (new is None and _optional(cls, keys)):
                continue
            changed = copy.deepcopy(raw)
            inner = changed
            for key in keys[:-1]:
                inner = inner[key]
            inner[keys[-1]] = new
            yield _dotted(keys), changed, new


@pytest.mark.parametrize("record", _RECORDS, ids=lambda r: type(r).__name__)
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_wrong_type_in_any_field_is_located(record: Any, fmt: Format) -> None:
    """Locates a value of the wrong JSON type in any field at its record and field path."""
    name = collection_of(record)
    base = json.loads(dumps(_one_of_each()))
    checked = 0
    for path, changed, new in _wrong_types(record, type(record)):
        document = copy.deepcopy(base)
        document[name] = [changed]
        if fmt == "json":
            text = json.dumps(document)
        else:
            text = "\n".join(
                json.dumps({key: item})
                for key, items in document.items()
                for item in ([items] if key == "info" else items)
            )
        error = attempt(lambda text=text: loads(text, fmt, codebook=CODEBOOK_ALL))  # type: ignore[misc]
        assert isinstance(error, DataError), (path, new)
        if path == "id":
            expected = f"{name}[0]" if fmt == "json" else f"line {list(document).index(name) + 1}"
        else:
            expected = record.id
        located = [p for p in error.problems if p.record == expected and _near(p.field, path)]
        assert located, (path, new, [str(p) for p in error.problems])
        checked += 1
    assert checked >= 20


def test_a_wrong_type_in_any_info_or_codebook_field_is_located() -> None:
    """Locates a wrong type in the dataset's info and in any field of a codebook."""
    for path, changed, new in _wrong_types(INFO, DatasetInfo):
        with pytest.raises(DataError) as caught:
            loads(json.dumps({"info": changed}), codebook=CODEBOOK_ALL)
        assert any(p.record == "" and _near(p.field, path) for p in caught.value.problems), (
            path,
            new,
        )
    for path, changed, new in _wrong_types(CODEBOOK, Codebook):
        record = CODEBOOK.id if path != "id" else ""
        text = _inline_toml(changed)
        error = attempt(lambda text=text: loads_codebook(text, name="book.toml"))  # type: ignore[misc]
        if new is None:
            continue  # TOML has no null: the field is left out, which may be fine
        assert isinstance(error, DataError), (path, new)
        assert any(p.record == record and _near(p.field, path) for p in error.problems), (
            path,
            new,
            [str(p) for p in error.problems],
        )


def _inline_toml(table: dict[str, Any]) -> str:
    """*table* as TOML of one line per key, any value inline; a None value is left out."""

    def value(item: Any) -> str:
        if isinstance(item, dict):
            return "{" + ", ".join(f"{json.dumps(k)} = {value(v)}" for k, v in item.items()) + "}"
        if isinstance(item, list):
            return "[" + ", ".join(value(v) for v in item) + "]"
        return "true" if item is True else "false" if item is False else json.dumps(item)

    return "".join(f"{json.dumps(k)} = {value(v)}\n" for k, v in table.items() if v is not None)


_TOML_ONLY = ("1979-05-27", "07:32:00", "1979-05-27T07:32:00Z", "inf", "nan")
"""TOML values no JSON file can hold: dates, times and non-finite floats."""


@pytest.mark.parametrize("record", _RECORDS, ids=lambda r: type(r).__name__)
def test_a_toml_only_value_in_any_field_is_located(record: Any, tmp_path: Path) -> None:
    """Locates a TOML date, time or non-finite float in any field of a curated record file."""
    name = collection_of(record)
    root = tmp_path / "data"
    (root / name).mkdir(parents=True)
    (root / "dataset.toml").write_text(toml_dumps(converter.unstructure(INFO)), "utf-8")
    path = root / name / f"{record.id}.toml"
    raw = converter.unstructure(record)
    for keys in _paths(raw):
        changed = copy.deepcopy(raw)
        inner = changed
        for key in keys[:-1]:
            inner = inner[key]
        for literal in _TOML_ONLY:
            inner[keys[-1]] = "@@@"
            path.write_text(_inline_toml(changed).replace('"@@@"', literal), "utf-8")
            with pytest.raises(DataError) as caught:
                load(root, codebook=CODEBOOK_ALL)
            where = _dotted(keys)
            expected = record.id if where != "id" else path.stem
            assert any(
                p.file == str(path) and p.record == expected and _near(p.field, where)
                for p in caught.value.problems
            ), (where, literal, [str(p) for p in caught.value.problems])
