"""Tests of importing a panel through a mapping: run-building, rows and errors."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policytrack import DataError, Scope, check, load, load_codebook
from policytrack.analysis.timeline import timeline
from policytrack.importers.mapping import load_mapping, loads_mapping
from policytrack.importers.panel import import_panel, write_imported
from policytrack.model.provenance import verify_evidence

CODEBOOK = load_codebook("oxcgrt-stringency")

MAPPING_TEXT = """
id = "toy"
title = "A toy tracker"
outlet = "A research group"
codebook = "oxcgrt-stringency"

[date]
column = "day"
format = "%Y-%m-%d"

[jurisdiction]
country = "country"
region = "region"

[[indicators]]
dimension = "C1"
notes = "notes"

[[indicators.variants]]
value = "c1"
flag = "c1_flag"

[[indicators.variants]]
value = "c1_v"
flag = "c1_v_flag"
group = "vaccinated"

[[indicators]]
dimension = "C8"

[[indicators.variants]]
value = "c8"
"""
MAPPING = loads_mapping(MAPPING_TEXT, name="toy.toml")

HEADER = ["country", "region", "day", "c1", "c1_flag", "c1_v", "c1_v_flag", "c8", "notes"]
START = pendulum.Date(2021, 3, 1)

_CELL = st.tuples(st.none() | st.integers(0, 3), st.booleans())
_CODES = st.sampled_from([("GB", ""), ("GBR", "GB-WLS"), ("US", "US-CA"), ("IN", "IN-JK")])


def _write(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")


@given(
    st.lists(_CODES, min_size=1, max_size=2, unique=True),
    st.lists(st.tuples(_CELL, _CELL, st.integers(0, 4)), min_size=1, max_size=12),
)
@settings(max_examples=40, deadline=None)
def test_a_random_panel_comes_back_exactly(
    tmp_path_factory: pytest.TempPathFactory,
    places: list[tuple[str, str]],
    days: list[tuple[tuple[int | None, bool], tuple[int | None, bool], int]],
) -> None:
    """Recomputes, on every day and for every group, the level and flag each row records."""
    path = tmp_path_factory.mktemp("panel") / "panel.csv"
    rows = []
    for country, region in places:
        for offset, ((c1, f1), (v1, fv), c8) in enumerate(days):
            day = START.add(days=offset).isoformat()
            rows.append(
                [
                    country,
                    region,
                    day,
                    "" if c1 is None else f"{c1}.00",
                    "" if c1 is None or c1 == 0 else str(int(f1)),
                    "" if v1 is None else str(v1),
                    "" if v1 is None or v1 == 0 else str(int(fv)),
                    str(c8),
                    "a note, with a comma" if offset % 3 == 0 else "",
                ]
            )
    _write(path, rows)
    mapping_file = path.with_name("toy.toml")
    mapping_file.write_text(MAPPING_TEXT, encoding="utf-8")
    assert load_mapping(mapping_file) == loads_mapping(MAPPING_TEXT)
    imported = import_panel([path], load_mapping(mapping_file))
    assert check(imported.dataset, CODEBOOK) == []
    assert verify_evidence(imported.dataset, imported.texts) == []
    texts = write_imported(imported, path.with_name("ds.json"))
    assert load(path.with_name("ds.json"), sources=texts) == imported.dataset
    for country, region in places:
        code = region or country
        everyone = timeline(imported.dataset, code, codebook=CODEBOOK)
        vaccinated = timeline(imported.dataset, code, group="vaccinated", codebook=CODEBOOK)
        for offset, ((c1, f1), (v1, fv), c8) in enumerate(days):
            day = START.add(days=offset)
            assert everyone.dimension("C8").on(day).level == c8  # type: ignore[union-attr]
            if c1 is not None:
                step = everyone.dimension("C1").on(day)
                assert step is not None
                assert step.level == c1
                if c1 > 0:
                    assert step.scope is (Scope.GENERAL if f1 else Scope.TARGETED)
            want = (v1, fv) if v1 is not None else (c1, f1)
            if want[0] is not None:
                step = vaccinated.dimension("C1").on(day)
                assert step is not None
                assert step.level == want[0]
                if want[0] > 0:
                    assert step.scope is (Scope.GENERAL if want[1] else Scope.TARGETED)


def _one(tmp_path: Path, **changes: str) -> Path:
    row = dict.fromkeys(HEADER, "")
    row.update(country="GB", day="2021-03-01", c1="1", c1_flag="1", c8="0")
    row.update(changes)
    path = tmp_path / "one.csv"
    _write(path, [[row[c] for c in HEADER]])
    return path


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"c1": "1.5"}, "c1", "whole number"),
        ({"c1": "high"}, "c1", "whole number"),
        ({"day": "1 March"}, "day", "not a date"),
        ({"country": "XX"}, "country", "no ISO 3166 code"),
        ({"region": "GB_XYZ"}, "region", "no ISO 3166-2 code"),
    ],
)
def test_bad_cells_are_located_by_row_and_column(
    tmp_path: Path, changes: dict[str, str], field: str, words: str
) -> None:
    """Names the file, the row (as RFC 7111 counts it) and the column of a bad cell."""
    with pytest.raises(DataError) as raised:
        import_panel([_one(tmp_path, **changes)], MAPPING)
    (problem,) = raised.value.problems
    assert (problem.record, problem.field) == ("row=2", field)
    assert words in problem.message


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    """Reports a column the mapping needs and the file lacks, on the header row."""
    path = tmp_path / "short.csv"
    path.write_text("country,region,c1\r\nGB,,1\r\n", encoding="utf-8")
    with pytest.raises(DataError) as raised:
        import_panel([path], MAPPING)
    assert raised.value.problems[0].field == "day"


def test_a_bad_mapping_lists_every_problem() -> None:
    """Reports each missing or mistyped field of a mapping."""
    with pytest.raises(DataError) as raised:
        loads_mapping('id = "x"\ntitle = 3\nextra = 1\n', name="m.toml")
    fields = {p.field for p in raised.value.problems}
    assert {"title", "extra", "outlet", "codebook", "date", "indicators"} <= fields


@given(
    st.lists(_CODES, min_size=1, max_size=2, unique=True),
    st.dictionaries(st.integers(0, 8), st.tuples(_CELL, st.integers(0, 1)), min_size=1),
    st.sampled_from(["sorted", "reversed", "a day twice", "two files", "split"]),
)
@settings(max_examples=80, deadline=None)
def test_runs_read_compactly_are_the_runs_of_every_reading(
    tmp_path_factory: pytest.TempPathFactory,
    places: list[tuple[str, str]],
    cells: dict[int, tuple[tuple[int | None, bool], int]],
    order: str,
) -> None:
    """Gives the dataset (or the error) of keeping every reading, whatever the rows' order.

    The import keeps each series' runs as it reads while its days come in order, and reads the
    files again keeping every reading when they do not (a day out of order or read twice).
    """
    from policytrack.importers import panel as module

    folder = tmp_path_factory.mktemp("compact")
    rows = [
        [country, region, START.add(days=day).isoformat(), *_c1(c1), "", "", str(c8), ""]
        for country, region in places
        for day, (c1, c8) in sorted(cells.items())
    ]
    if order == "reversed":
        rows.reverse()
    if order == "a day twice":
        rows.append(rows[-1])
    paths = [folder / "a.csv"]
    half = len(rows) // 2
    _write(paths[0], rows[:half] if order == "split" else rows)
    if order in ("two files", "split"):
        paths.append(folder / "b.csv")
        _write(paths[1], rows[half:])

    def outcome() -> object:
        try:
            return import_panel(paths, MAPPING)
        except DataError as error:
            return str(error)

    compact = outcome()
    with pytest.MonkeyPatch.context() as patch:
        # The reader's own switch (a private default): every reading kept, as before.
        init = module._Reader.__init__
        patch.setattr(
            module._Reader,
            "__init__",
            lambda self, mapping, series, compact=True: init(self, mapping, series, False),
        )
        every = outcome()
    assert compact == every


def _c1(cell: tuple[int | None, bool]) -> list[str]:
    level, flag = cell
    if level is None:
        return ["", ""]
    return [str(level), "" if level == 0 else str(int(flag))]


def test_a_run_does_not_cross_files(tmp_path: Path) -> None:
    """Starts a new run where a second file continues a series: each run quotes one file."""
    rows = [["GB", "", f"2021-03-0{day}", "1", "1", "", "", "1", ""] for day in range(1, 5)]
    _write(tmp_path / "a.csv", rows[:2])
    _write(tmp_path / "b.csv", rows[2:])
    imported = import_panel([tmp_path / "a.csv", tmp_path / "b.csv"], MAPPING)
    starts = sorted((p.measures[0].dimension, p.effective.edtf) for p in imported.dataset.policies)
    assert starts == [
        ("C1", "2021-03-01"),
        ("C1", "2021-03-03"),
        ("C8", "2021-03-01"),
        ("C8", "2021-03-03"),
    ]
    assert {p.evidence[0].source for p in imported.dataset.policies} == {"a", "b"}
