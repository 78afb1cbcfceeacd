"""The fast path of loading against the converter: the same records, or a refusal.

The fast path may refuse anything (the loader then asks the converter); what it accepts it must
build exactly as the converter would, exact types included, and it must never accept what the
converter rejects. Records are drawn whole, then mutated one field at a time.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from policytrack import DataError, Dataset, converter, dumps, loads
from policytrack import load as pt_load
from policytrack.errors import Problem
from policytrack.model.dataset import COLLECTIONS
from policytrack.model.rules import Kind, rules_of
from policytrack.storage import build as fast
from policytrack.storage import jsonstream
from policytrack.storage import loader as storage
from policytrack.testing import strategies as pts
from policytrack.testing.synth import synthesize
from tests._settings import FEWER

_JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.integers()
    | st.floats(allow_nan=False)
    | st.sampled_from(
        [
            "",
            " ",
            "x",
            "src-a",
            "CN",
            "CN-SH",
            "XX",
            "general",
            "targeted",
            "stated",
            "inferred",
            "2013-09",
            "2013-02-30",
            "\ud800",
            "caf\u00e9",
            "a\u2028b",
            "Upper",
        ]
    )
    | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=5,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside *value* (keys of dicts, indexes of lists)."""
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _paths(item, (*prefix, i))
    return found


def _mutate(data: Any, path: tuple[Any, ...], action: str, value: Any) -> Any:
    """A copy of *data* with the value at *path* replaced, deleted, or given a new sibling key."""
    data = json.loads(json.dumps(data))
    *parents, last = path
    holder = data
    for key in parents:
        holder = holder[key]
    if action == "replace":
        holder[last] = value
    elif action == "delete":
        del holder[last]
    elif isinstance(holder, dict):
        holder["unexpected"] = value
    return data


def _reference(data: Any, cls: type[Any]) -> Any:
    """What the converter builds, or None when it rejects the data."""
    try:
        return converter.structure(data, cls)
    except Exception:
        return None


def _same(a: Any, b: Any) -> bool:
    """Equal, with the same types all the way down (a stdlib date is not a pendulum Date)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if hasattr(type(a), "__attrs_attrs__"):
        return all(_same(getattr(a, f.name), getattr(b, f.name)) for f in a.__attrs_attrs__)
    return bool(a == b)


def _records(dataset: Dataset) -> list[tuple[str, dict[str, Any]]]:
    return [
        (name, converter.unstructure(record))
        for name in COLLECTIONS
        for record in getattr(dataset, name)
    ]


@given(pts.datasets(max_policies=4))
def test_builds_every_record_as_the_converter_does(dataset: Dataset) -> None:
    """Builds each record of a valid dataset equal to the converter's, with the same types."""
    builder = fast.Builder()
    for name, data in _records(dataset):
        built = builder.structurers[name](data)
        assert _same(built, converter.structure(data, COLLECTIONS[name]))


@FEWER
@given(pts.datasets(min_policies=1, max_policies=3), st.data())
def test_never_accepts_what_the_converter_rejects(dataset: Dataset, data: st.DataObject) -> None:
    """Refuses a mutated record the converter rejects, and builds the converter's otherwise."""
    records = _records(dataset)
    name, record = data.draw(st.sampled_from(records), label="record")
    path = data.draw(st.sampled_from(_paths(record)), label="path")
    action = data.draw(st.sampled_from(["replace", "delete", "add"]), label="action")
    value = data.draw(_JSON_VALUES, label="value")
    mutated = _mutate(record, path, action, value)
    expected = _reference(mutated, COLLECTIONS[name])
    try:
        built = fast.Builder().structurers[name](mutated)
    except Exception:
        return  # refusing is always allowed
    assert expected is not None, f"accepted what the converter rejects: {mutated!r}"
    assert _same(built, expected)


def _reference_load(text: str, fmt: storage.Format) -> tuple[Dataset, list[Problem]]:
    """The text read whole and every record structured by the converter, with the problems."""
    problems: list[Problem] = []
    if fmt == "json":
        entries = jsonstream.json_whole(text, "<text>", COLLECTIONS, problems)
    else:
        entries = jsonstream.ndjson_records(
            text.split("\n"), "<text>", frozenset(COLLECTIONS), problems
        )
    built = storage._build(entries, "<text>", problems, set(), reference=True)
    return built.dataset, built.problems


def _fast_only(entries: Any, problems: list[Problem]) -> Dataset | None:
    """What the fast path alone builds from *entries*: None when it refuses anything."""
    structurers = fast.Builder().structurers
    records: dict[str, list[Any]] = {name: [] for name in COLLECTIONS}
    info = None
    try:
        for name, _, _, data in entries:
            if name == "info":
                info = fast.info(data)
            else:
                records[name].append(structurers[name](data))
    except Exception:
        return None
    if problems or info is None:
        return None
    return Dataset(info, **{name: tuple(items) for name, items in records.items()})


def _read_fast(text: str, fmt: storage.Format) -> Dataset | None:
    """A whole text on the fast path alone: the stream and the builder, nothing refused."""
    problems: list[Problem] = []
    return _fast_only(storage._read_text(text, "<text>", fmt, problems), problems)


def _read_fast_file(path: Path, fmt: storage.Format) -> Dataset | None:
    """As :func:`_read_fast`, from a file read in chunks."""
    problems: list[Problem] = []
    with path.open(encoding="utf-8", newline="") as file:
        if fmt == "json":
            entries = jsonstream.json_records(
                jsonstream.Window("", file), str(path), frozenset(COLLECTIONS)
            )
        else:
            lines = jsonstream.lines(file)
            entries = jsonstream.ndjson_records(lines, str(path), frozenset(COLLECTIONS), problems)
        return _fast_only(entries, problems)


@pytest.mark.parametrize("fmt", ["json", "ndjson"])
@given(dataset=pts.datasets(max_policies=4))
def test_reads_a_whole_text_as_the_reference_path_does(
    fmt: storage.Format, dataset: Dataset
) -> None:
    """Reads a dumped dataset on the fast path to the dataset the reference path reads."""
    text = dumps(dataset, fmt)
    built = _read_fast(text, fmt)
    assert built is not None
    expected, problems = _reference_load(text, fmt)
    assert not problems
    assert _same(built, expected)
    assert built == dataset


@FEWER
@pytest.mark.parametrize("fmt", ["json", "ndjson"])
@given(dataset=pts.datasets(min_policies=1, max_policies=3), data=st.data())
def test_leaves_an_irregular_text_to_the_reference_path(
    fmt: storage.Format, dataset: Dataset, data: st.DataObject
) -> None:
    """Reads a mutated text only when the reference path reads it without a problem."""
    text = dumps(dataset, fmt)
    cut = data.draw(st.integers(0, len(text)), label="cut")
    insert = data.draw(
        st.sampled_from(['"', ",", "}", "]", "{", "[", " ", "\n", "x", '"info": {}, ', "\\ud800"]),
        label="insert",
    )
    mutated = text[:cut] + insert + text[cut + data.draw(st.integers(0, 3), label="drop") :]
    built = _read_fast(mutated, fmt)
    if built is None:
        return
    expected, problems = _reference_load(mutated, fmt)
    assert not problems, f"the fast path read a text with problems: {problems}"
    assert _same(built, expected)


def test_loads_a_synthetic_dataset_on_the_fast_path() -> None:
    """Reads a synthetic dataset, every precision of date included, without the converter."""
    dataset = synthesize(policies=300, outcomes=300, seed=3)
    for fmt in ("json", "ndjson"):
        text = dumps(dataset, fmt)  # type: ignore[arg-type]
        built = _read_fast(text, fmt)  # type: ignore[arg-type]
        assert built is not None
        assert _same(built, dataset)
        assert loads(text, fmt) == dataset  # type: ignore[arg-type]


def _required_only(data: Any, cls: type[Any]) -> Any:
    """*data* of a record of *cls* with every field that has a default left out, nested too."""
    if isinstance(data, list):
        return [_required_only(item, cls) for item in data]
    if not isinstance(data, dict) or not hasattr(cls, "__attrs_attrs__"):
        return data
    kept = {}
    for field in cls.__attrs_attrs__:
        if field.name in data and field.default is attrs.NOTHING:
            inner = rules_of(cls)[field.name]
            nested = inner.of if inner.kind is Kind.NESTED else None
            kept[field.name] = _required_only(data[field.name], nested or object)
    return kept


@FEWER
@given(pts.datasets(min_policies=1, max_policies=3), st.data())
def test_builds_a_record_of_required_fields_alone_as_the_converter_does(
    dataset: Dataset, data: st.DataObject
) -> None:
    """Builds records giving only their required fields, mutated or not, as the converter does.

    Such records take the builder's shortcut, where the defaults are checked once for all.
    """
    name, record = data.draw(st.sampled_from(_records(dataset)), label="record")
    bare = _required_only(record, COLLECTIONS[name])
    if data.draw(st.booleans(), label="mutate"):
        path = data.draw(st.sampled_from(_paths(bare)), label="path")
        action = data.draw(st.sampled_from(["replace", "delete", "add"]), label="action")
        bare = _mutate(bare, path, action, data.draw(_JSON_VALUES, label="value"))
    expected = _reference(bare, COLLECTIONS[name])
    try:
        built = fast.Builder().structurers[name](bare)
    except Exception:
        return  # refusing is always allowed
    assert expected is not None, f"accepted what the converter rejects: {bare!r}"
    assert _same(built, expected)


def test_a_refused_record_is_reported_by_the_converter() -> None:
    """Reports a bad record exactly as before: the converter's located message."""
    dataset = synthesize(policies=5, outcomes=0, seed=1)
    data = json.loads(dumps(dataset))
    data["policies"][2]["measures"][0]["level"] = "2"
    with pytest.raises(DataError) as caught:
        loads(json.dumps(data))
    (problem,) = caught.value.problems
    assert (problem.record, problem.field) == (dataset.policies[2].id, "measures[0].level")
    assert problem.message == "expected an integer, got str '2'"


def test_every_field_is_known_to_the_fast_path() -> None:
    """Knows every field of every record type: a new field cannot be dropped silently."""
    for name, cls in COLLECTIONS.items():
        data = converter.unstructure(_example(name))
        built = fast.Builder().structurers[name](data)
        assert built == converter.structure(data, cls)
        fields = {f.name for f in cls.__attrs_attrs__}
        assert fields == set(fast._keys(cls))


def _example(name: str) -> Any:
    dataset = synthesize(policies=50, outcomes=50, seed=2)
    records = getattr(dataset, name)
    if not records:
        pytest.skip(f"no synthetic {name}")
    return records[0]


@given(pts.codebooks(), st.data())
def test_structures_a_codebook_as_the_converter_does(codebook: Any, data: st.DataObject) -> None:
    """Builds a codebook, mutated or not, only as the converter would, or refuses it."""
    from policytrack import Codebook

    unstructured = converter.unstructure(codebook)
    assert _same(fast.codebook(unstructured), codebook)
    path = data.draw(st.sampled_from(_paths(unstructured)), label="path")
    action = data.draw(st.sampled_from(["replace", "delete", "add"]), label="action")
    mutated = _mutate(unstructured, path, action, data.draw(_JSON_VALUES, label="value"))
    expected = _reference(mutated, Codebook)
    try:
        built = fast.codebook(mutated)
    except Exception:
        return
    assert expected is not None, f"accepted what the converter rejects: {mutated!r}"
    assert _same(built, expected)


@given(pts.datasets(max_policies=0), st.data())
def test_structures_dataset_info_as_the_converter_does(
    dataset: Dataset, data: st.DataObject
) -> None:
    """Builds a dataset's info, mutated or not, only as the converter would, or refuses it."""
    from policytrack import DatasetInfo

    unstructured = converter.unstructure(dataset.info)
    assert _same(fast.info(unstructured), dataset.info)
    path = data.draw(st.sampled_from(_paths(unstructured)), label="path")
    action = data.draw(st.sampled_from(["replace", "delete", "add"]), label="action")
    mutated = _mutate(unstructured, path, action, data.draw(_JSON_VALUES, label="value"))
    expected = _reference(mutated, DatasetInfo)
    try:
        built = fast.info(mutated)
    except Exception:
        return
    assert expected is not None, f"accepted what the converter rejects: {mutated!r}"
    assert _same(built, expected)


@FEWER
@pytest.mark.parametrize("fmt", ["json", "ndjson"])
@given(dataset=pts.datasets(max_policies=3), chunk=st.integers(1, 97), data=st.data())
def test_reads_a_file_in_chunks_as_the_reference_path_reads_it(
    fmt: storage.Format, dataset: Dataset, chunk: int, data: st.DataObject
) -> None:
    """Reads a file a few characters at a time as it reads the whole text: the reference's."""
    text = dumps(dataset, fmt)
    if data.draw(st.booleans(), label="mutate"):
        cut = data.draw(st.integers(0, len(text)), label="cut")
        insert = data.draw(st.sampled_from(["", "1", "0", " ", ",", "]", "}", '"', "e5"]))
        text = text[:cut] + insert + text[cut + data.draw(st.integers(0, 2), label="drop") :]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"dataset.{fmt}"
        path.write_text(text, "utf-8")
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(jsonstream, "_CHUNK", chunk)
            built = _read_fast_file(path, fmt)
    whole = _read_fast(text, fmt)
    assert (built is None) == (whole is None), "reading in chunks changed the decision"
    if built is None:
        return
    expected, problems = _reference_load(text, fmt)
    assert not problems, f"the fast path read a file with problems: {problems}"
    assert _same(built, expected)


def test_load_reads_a_machine_file_on_the_fast_path(tmp_path: Path) -> None:
    """Loads a JSON or NDJSON file a record at a time to the same dataset, problems located."""
    dataset = synthesize(policies=200, outcomes=200, seed=6)
    for fmt in ("json", "ndjson"):
        path = tmp_path / f"synthetic.{fmt}"
        path.write_text(dumps(dataset, fmt), "utf-8")  # type: ignore[arg-type]
        assert _read_fast_file(path, fmt) is not None  # type: ignore[arg-type]
        assert pt_load(path) == dataset
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"info": {"id": "x", "title": "\xff"}}')
    with pytest.raises(DataError) as caught:
        pt_load(bad)
    assert str(caught.value.problems[0]) == f"{bad}: not UTF-8 text (byte 31)"
