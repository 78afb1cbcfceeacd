"""Reading and writing datasets and codebooks in the curated TOML tree, JSON and NDJSON."""

from __future__ import annotations

import gc
import importlib.util
import json
import os
import tempfile
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from policytrack import (
    BUNDLED_CODEBOOK,
    Codebook,
    DataError,
    Dataset,
    DatasetInfo,
    NotFoundError,
    WriteError,
    bundled_codebook,
    bundled_crosswalk,
    bundled_path,
    check,
    collector,
    converter,
    dump,
    dumps,
    load,
    load_bundled,
    load_codebook,
    loads,
)
from policytrack.model.dataset import COLLECTIONS
from policytrack.storage import dumper, resources
from policytrack.storage import loader as storage
from policytrack.storage.loader import Format
from policytrack.storage.tomlwriter import dumps as toml_dumps
from policytrack.testing import strategies as pts
from policytrack.testing.synth import synthesize
from tests._everything import CODEBOOK
from tests._settings import FEWER


@pytest.fixture(autouse=True, scope="module")
def _no_fsync() -> Iterator[None]:
    """Skip fsync here: it only matters after a crash, and these tests write thousands of files.

    tests/storage/test_atomic.py tests the atomic writes themselves, fsync included.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "fsync", lambda fd: None)
        yield


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def _by_id(dataset: Dataset) -> dict[str, list[object]]:
    return {n: sorted(getattr(dataset, n), key=lambda r: r.id) for n in COLLECTIONS}


@given(pts.datasets())
def test_curated_tree_is_byte_stable(dataset: Dataset) -> None:
    """Writes the same bytes when a dumped tree is loaded and dumped again, and loses nothing.

    Dumping the loaded dataset over its own tree leaves every file alone.
    """
    with tempfile.TemporaryDirectory() as tmp:
        first, second = Path(tmp, "first"), Path(tmp, "second")
        dump(dataset, first)
        loaded = load(first)
        dump(loaded, second)
        assert _tree(second) == _tree(first)
        assert loaded.info == dataset.info
        # The tree has one file per record, read back in file-name order.
        assert _by_id(loaded) == _by_id(dataset)
        inodes = {p: p.stat().st_ino for p in first.rglob("*.toml")}
        dump(loaded, first)
        assert {p: p.stat().st_ino for p in first.rglob("*.toml")} == inodes


@FEWER
@given(pts.datasets(min_policies=1), st.data())
def test_dumping_removes_files_of_records_no_longer_there(
    dataset: Dataset, data: st.DataObject
) -> None:
    """Removes the file of a record that was dropped, and only that file."""
    gone = data.draw(st.sampled_from(dataset.policies)).id
    smaller = dataset.without(gone)
    links = tuple(k for k in smaller.links if gone not in (k.from_policy, k.to_policy))
    smaller = attrs.evolve(smaller, links=links)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp, "data")
        dump(dataset, root)
        before = set(_tree(root))
        dump(smaller, root)
        after = set(_tree(root))
        removed = {f"links/{k.id}.toml" for k in dataset.links if k not in links}
        assert before - after == {f"policies/{gone}.toml"} | removed


@given(pts.datasets())
def test_machine_formats_round_trip_exactly(dataset: Dataset) -> None:
    """Reads back an equal dataset, in order, and writes the same bytes again, file or text."""
    formats: tuple[Format, ...] = ("json", "ndjson")
    for fmt in formats:
        text = dumps(dataset, fmt)
        loaded = loads(text, fmt)
        assert loaded == dataset
        assert dumps(loaded, fmt) == text
        with tempfile.TemporaryDirectory() as tmp:
            first, second = Path(tmp, f"a.{fmt}"), Path(tmp, f"b.{fmt}")
            dump(dataset, first)
            assert first.read_bytes() == text.encode("utf-8")
            dump(load(first), second)
            assert second.read_bytes() == first.read_bytes()


@FEWER
@given(pts.codebooks())
def test_a_dataset_scored_on_its_own_codebook_loads(codebook: Codebook) -> None:
    """Loads a dataset whose info names a codebook file beside it, and checks against it."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp, "data")
        dataset = Dataset(DatasetInfo(id="mine", title="Mine", codebook="book.toml"))
        dump(dataset, root)
        (root / "book.toml").write_text(toml_dumps(converter.unstructure(codebook)), "utf-8")
        assert load(root) == dataset


@FEWER
@given(st.data())
def test_generated_datasets_on_a_generated_codebook_load(data: st.DataObject) -> None:
    """Loads a dataset drawn on any codebook when given that codebook."""
    codebook = data.draw(pts.codebooks())
    dataset = data.draw(pts.datasets(min_policies=1, max_policies=2, codebook=codebook))
    assert loads(dumps(dataset), codebook=codebook) == dataset


@given(pts.codebooks())
def test_codebooks_load_from_a_file(codebook: Codebook) -> None:
    """Loads a codebook file back into an equal codebook."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "book.toml")
        path.write_text(toml_dumps(converter.unstructure(codebook)), "utf-8")
        assert load_codebook(path) == codebook
        assert load_codebook("book.toml", base=Path(tmp)) == codebook


def test_the_bundled_codebook_loads_by_id() -> None:
    """Loads the bundled codebook by its id, with levels and weights for every dimension."""
    book = load_codebook(BUNDLED_CODEBOOK)
    assert book == bundled_codebook("1.0")
    assert book.id == BUNDLED_CODEBOOK
    assert all(d.max_level >= 1 and d.weight >= 0 for d in book.dimensions)


def test_the_default_bundled_codebook_is_the_one_the_bundled_dataset_names() -> None:
    """Gives by default the codebook version the bundled dataset is coded on."""
    book = bundled_codebook()
    assert f"{book.id}@{book.version}" == load_bundled().info.codebook


def test_each_bundled_version_loads_by_id_and_version() -> None:
    """Loads 1.0 by the bare id and by id@1.0, and 2.0 by id@2.0 and by its file's name."""
    old, new = bundled_codebook("1.0"), bundled_codebook("2.0")
    assert (old.version, new.version) == ("1.0", "2.0")
    assert load_codebook(BUNDLED_CODEBOOK) == old == load_codebook(f"{BUNDLED_CODEBOOK}@1.0")
    assert bundled_codebook() == new
    assert (
        load_codebook(f"{BUNDLED_CODEBOOK}@2.0") == new == load_codebook(f"{BUNDLED_CODEBOOK}-2.0")
    )
    assert old.id == new.id == BUNDLED_CODEBOOK


def test_the_versions_share_dimensions_levels_flags_and_weights() -> None:
    """Keeps 2.0's dimension ids, level ranges, flags and weights those of 1.0.

    So analyses, the crosswalk and datasets coded on either version work with the other.
    """
    old, new = bundled_codebook("1.0"), bundled_codebook("2.0")
    shape = [(d.id, d.max_level, d.flag, d.weight) for d in old.dimensions]
    assert [(d.id, d.max_level, d.flag, d.weight) for d in new.dimensions] == shape
    assert not bundled_crosswalk().problems(new)
    assert not check(load_bundled(), new)


def test_every_2_0_level_has_an_example_and_level_0_means_no_measure() -> None:
    """Gives every 2.0 level an outside example, and labels every level 0 "No measure"."""
    for dim in bundled_codebook("2.0").dimensions:
        assert dim.levels[0].label == "No measure", dim.id
        for level in dim.levels:
            assert "Example" in level.definition, f"{dim.id} {level.value}"


def test_an_unknown_version_is_not_found_and_lists_the_bundled_ones() -> None:
    """Says which bundled codebooks and versions exist when asked for one that does not."""
    with pytest.raises(NotFoundError, match=r"internet-controls@1\.0, internet-controls@2\.0"):
        bundled_codebook("9.9")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("weight", "heavy", "dimensions[0].weight: expected a number, got str 'heavy'"),
        (
            "levels",
            [{"value": v, "label": "l", "definition": "d"} for v in (0, 2)],
            "dimensions[0].levels: must run 0, 1, ... N without gaps, N >= 1 (got [0, 2])",
        ),
        ("flag", "yes", "dimensions[0].flag: expected true or false, got str 'yes'"),
    ],
)
def test_a_bad_codebook_is_an_error_naming_file_and_field(
    tmp_path: Path, field: str, value: object, message: str
) -> None:
    """Rejects a bad codebook file with one line naming the file, codebook and field."""
    data = converter.unstructure(CODEBOOK)
    data["dimensions"][0][field] = value
    path = tmp_path / "bad.toml"
    path.write_text(toml_dumps(data), "utf-8")
    with pytest.raises(DataError) as caught:
        load_codebook(path)
    assert [str(p) for p in caught.value.problems] == [f"{path}: tiny: {message}"]


def test_an_unknown_codebook_is_not_found() -> None:
    """Says which bundled codebooks exist when asked for one that does not."""
    with pytest.raises(
        NotFoundError,
        match=r"no codebook 'nope': not a file, nor a bundled codebook \(.*internet-controls",
    ):
        load_codebook("nope")


def test_the_bundled_dataset_loads() -> None:
    """Loads the bundled dataset, which passes its own checks (whatever its size)."""
    dataset = load_bundled()
    assert isinstance(dataset, Dataset)
    assert check(dataset, load_codebook(dataset.info.codebook, base=bundled_path())) == []
    assert loads(dumps(dataset)) == dataset


def test_the_bundled_dataset_verifies_against_its_texts(seed_texts: Path) -> None:
    """Verifies every quote of the bundled dataset against the seed articles."""
    assert load_bundled(sources=seed_texts) == load_bundled()


def test_a_missing_dataset_is_not_found(tmp_path: Path) -> None:
    """Raises NotFoundError for a path that is neither a directory nor a file."""
    with pytest.raises(NotFoundError, match="no such dataset directory or file"):
        load(tmp_path / "nothing")


def test_ndjson_lines_end_only_at_newlines() -> None:
    """Reads NDJSON with Windows line ends, and strings holding U+2028 or U+0085 whole."""
    info = '{"info": {"id": "x", "title": "line\u2028separated\x85title"}}'
    dataset = loads(info + "\r\n", "ndjson")
    assert dataset.info.title == "line\u2028separated\x85title"
    assert loads(dumps(dataset, "ndjson"), "ndjson") == dataset


def _hatch_build() -> Any:
    """The wheel's build hook module (hatch_build.py, beside the package)."""
    path = Path(__file__).parents[2] / "hatch_build.py"
    spec = importlib.util.spec_from_file_location("hatch_build", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_wheels_packed_dataset_loads_as_the_tree_it_is_built_from() -> None:
    """Packs the bundled tree into the JSON file a wheel ships, which loads to the same dataset."""
    hatch_build = _hatch_build()
    assert tuple(COLLECTIONS) == hatch_build.COLLECTIONS
    tree = load(bundled_path())
    assert loads(hatch_build.pack(bundled_path()), "json") == tree


def test_load_bundled_reads_the_packed_file_when_the_package_has_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reads ``_seeds.json`` from the installed package in place of the tree, checked alike."""
    packed = synthesize(policies=3, outcomes=2, seed=4)
    (tmp_path / "_seeds.json").write_text(dumps(packed, "json"), "utf-8")
    monkeypatch.setattr(storage, "_packed", lambda: tmp_path / "_seeds.json")
    assert load_bundled() == packed
    (tmp_path / "_seeds.json").write_text('{"info": {}}', "utf-8")
    with pytest.raises(DataError) as caught:
        load_bundled()
    assert str(tmp_path / "_seeds.json") in str(caught.value)


def test_the_wheels_packed_codebooks_load_as_their_toml() -> None:
    """Packs the bundled codebooks into the JSON file a wheel ships; each loads as its TOML."""
    packed = json.loads(_hatch_build().pack_codebooks(resources._codebook_dir()))
    assert set(packed) == {path.stem for path in resources._codebook_dir().glob("*.toml")}
    assert "internet-controls" in packed
    for name, data in packed.items():
        path = resources._codebook_dir() / f"{name}.toml"
        assert resources._codebook(data, str(path), []) == load_codebook(path)


def test_load_codebook_reads_the_packed_file_when_the_package_has_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reads a bundled codebook from ``_codebooks.json`` when there is one; a bad one is no file."""
    monkeypatch.setattr(resources, "_packed_codebooks", lambda: tmp_path / "_codebooks.json")
    book = tomllib.loads((resources._codebook_dir() / "internet-controls.toml").read_text("utf-8"))
    book["title"] = "Packed"
    (tmp_path / "_codebooks.json").write_text(json.dumps({"internet-controls": book}), "utf-8")
    assert load_codebook("internet-controls").title == "Packed"
    (tmp_path / "_codebooks.json").write_text("{not json", "utf-8")
    assert load_codebook("internet-controls").title != "Packed"


@pytest.mark.parametrize("name", ["dataset.toml", "policies.csv", "notes.txt"])
def test_a_file_that_is_no_dataset_format_is_a_located_error(tmp_path: Path, name: str) -> None:
    """Names the file and the forms a dataset takes, pointing a dataset.toml to its directory."""
    path = tmp_path / name
    path.write_text('id = "x"\n', "utf-8")
    with pytest.raises(DataError) as caught:
        load(path)
    expected = (
        f"{path}: not a dataset file: give a curated dataset's directory, or a .json or "
        ".ndjson file"
    )
    if name == "dataset.toml":
        expected += f" (here, perhaps {tmp_path})"
    assert str(caught.value) == expected


# The fault campaign's bad inputs: each one located line, each failing before this release --

_SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _copy(tmp_path: Path) -> Path:
    import shutil

    root = tmp_path / "data"
    shutil.copytree(_SEEDS, root)
    return root


def _problem_lines(path: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load(path)
    return [str(p) for p in caught.value.problems]


def test_a_file_where_the_links_folder_belongs(tmp_path: Path) -> None:
    """Reports a plain file where a collection's folder belongs, rather than 0 links."""
    root = _copy(tmp_path)
    import shutil

    shutil.rmtree(root / "links")
    (root / "links").write_text("", "utf-8")
    lines = _problem_lines(root)
    assert lines[0] == (
        f"{root / 'links'}: a file where a folder belongs (the links collection's .toml files)"
    )


def test_a_folder_where_a_file_belongs(tmp_path: Path) -> None:
    """Reports a folder where a record file or the info file belongs."""
    root = _copy(tmp_path)
    (root / "platforms" / "odd.toml").mkdir()
    assert _problem_lines(root) == [
        f"{root / 'platforms' / 'odd.toml'}: odd: a folder where a record file belongs"
    ]
    (root / "platforms" / "odd.toml").rmdir()
    (root / "dataset.toml").unlink()
    (root / "dataset.toml").mkdir()
    assert f"{root / 'dataset.toml'}: a folder where the info file belongs" in _problem_lines(root)


@pytest.mark.parametrize("fmt", ["json", "ndjson"])
def test_duplicate_json_keys_are_named(tmp_path: Path, fmt: Format) -> None:
    """Refuses a JSON object with a key twice (the last would silently win), naming the key."""
    text = dumps(load_bundled(), fmt)
    doubled = text.replace('"level": 2,', '"level": 2, "level": 3,', 1)
    assert doubled != text
    path = tmp_path / f"data.{fmt}"
    path.write_text(doubled, "utf-8")
    (line,) = _problem_lines(path)
    assert line.startswith(str(path))
    assert "duplicate key 'level'" in line
    with pytest.raises(DataError, match="duplicate key 'level'"):
        loads(doubled, fmt)


def test_a_bom_in_toml_is_named(tmp_path: Path) -> None:
    """Says a TOML file starts with a byte-order mark, not 'Invalid statement'."""
    root = _copy(tmp_path)
    path = root / "platforms" / "google.toml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert _problem_lines(root) == [
        f"{path}: starts with a byte-order mark (BOM): save it as UTF-8 without BOM"
    ]


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_a_very_long_number_is_explained(tmp_path: Path, fmt: str) -> None:
    """Explains a 5,000-digit number without pointing at sys.set_int_max_str_digits()."""
    digits = "7" * 5000
    if fmt == "toml":
        root = _copy(tmp_path)
        path = root / "platforms" / "google.toml"
        path.write_text(path.read_text("utf-8") + f"\nsize = {digits}\n", "utf-8")
        target = root
    else:
        path = target = tmp_path / "data.json"
        path.write_text(dumps(load_bundled()).replace('"level": 2', f'"level": {digits}', 1))
    (line,) = _problem_lines(target)
    assert line.startswith(f"{path}: not valid {fmt.upper()}: a number longer than 4300 digits")
    assert "set_int_max_str_digits" not in line


def test_a_dump_into_a_missing_folder_is_refused(tmp_path: Path) -> None:
    """Refuses to write a dataset into a folder whose parent is missing, creating nothing."""
    with pytest.raises(WriteError, match=r"no folder .*missing; create it first"):
        dump(load_bundled(), tmp_path / "missing" / "tree")
    assert os.listdir(tmp_path) == []


def test_a_dump_keeps_files_that_are_not_the_datasets(tmp_path: Path) -> None:
    """Keeps texts and notes beside the records when the tree is swapped in whole."""
    root = _copy(tmp_path)
    (root / "texts").mkdir()
    (root / "texts" / "a.txt").write_text("text", "utf-8")
    (root / "NOTES.md").write_text("notes", "utf-8")
    dump(load(root), root)
    assert (root / "texts" / "a.txt").read_text("utf-8") == "text"
    assert (root / "NOTES.md").read_text("utf-8") == "notes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_a_dump_never_removes_a_file_it_did_not_read(tmp_path: Path) -> None:
    """Keeps a record file that appeared after the writer read the tree."""
    root = _copy(tmp_path)
    seen = dumper.tree_state(root)
    dataset = load(root)
    late = root / "platforms" / "late.toml"
    late.write_text((root / "platforms" / "google.toml").read_text("utf-8"), "utf-8")
    dumper.write_tree(dataset, root, seen=seen)
    assert late.exists()
    dumper.write_tree(dataset, root, seen=dumper.tree_state(root))
    assert not late.exists()


def test_a_large_load_freezes_its_records_out_of_the_collectors_sight(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Freezes what a load leaves once it built many objects with the GC on; not a small load."""
    text = dumps(synthesize(policies=100, outcomes=100, seed=1))
    was_enabled = gc.isenabled()
    gc.enable()
    try:
        gc.collect()
        before = gc.get_freeze_count()
        small = loads(text)
        assert gc.get_freeze_count() == before, "a small load froze objects"
        monkeypatch.setattr(collector, "FREEZE_AFTER", 1000)  # this load counts as large
        large = loads(text)
        assert gc.get_freeze_count() > before
        assert large == small
    finally:
        gc.unfreeze()
        if not was_enabled:
            gc.disable()
