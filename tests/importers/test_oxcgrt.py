"""Tests of the OxCGRT importer on OxCGRT's own published rows.

The sample is 364 rows cut from OxCGRT's final release (Oxford COVID-19 Government Response
Tracker, Blavatnik School of Government, University of Oxford; CC BY 4.0; Hale et al. 2021):
the United Kingdom's NAT_TOTAL and Wales's STATE_TOTAL rows, January to June 2020.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policytrack import PolicyKind, Reliability, load, load_codebook
from policytrack.analysis.panel import panel
from policytrack.importers.oxcgrt import import_oxcgrt, oxcgrt_mapping
from policytrack.importers.panel import write_imported
from policytrack.model.provenance import row_spans, verify_evidence
from policytrack.model.records import fragment_rows
from policytrack.storage.lock import LOCK_FILE
from policytrack.testing.oxcgrt import synthetic_oxcgrt

CODES = {"": "GB", "UK_WAL": "GB-WLS"}


def _published(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(
    ("group", "column"),
    [
        (None, "StringencyIndex_NonVaccinated"),
        ("non_vaccinated", "StringencyIndex_NonVaccinated"),
        ("vaccinated", "StringencyIndex_Vaccinated"),
    ],
)
def test_panel_reproduces_the_published_stringency_index(
    oxcgrt_sample: Path, group: str | None, column: str
) -> None:
    """Gives OxCGRT's published index on every row of the sample, within 0.01.

    For the UK and for Wales, in both series (every date is exact).
    """
    imported = import_oxcgrt([oxcgrt_sample])
    result = panel(imported.dataset, group=group, codebook=load_codebook("oxcgrt-stringency"))
    got = {(r["jurisdiction"], r["date"]): r for r in result.records()}
    rows = _published(oxcgrt_sample)
    assert {CODES[r["RegionCode"]] for r in rows} == {"GB", "GB-WLS"}
    for row in rows:
        day = f"{row['Date'][:4]}-{row['Date'][4:6]}-{row['Date'][6:]}"
        record = got[(CODES[row["RegionCode"]], day)]
        want = float(row[column])
        assert record["composite_earliest"] == pytest.approx(want, abs=0.01), day
        assert record["composite_latest"] == pytest.approx(want, abs=0.01), day
    assert len(got) == len(rows)


def test_every_value_points_back_to_its_rows(oxcgrt_sample: Path) -> None:
    """Anchors each measure in the rows of its run, and each note of the run as stored.

    The cell read on the run's first row is the quote; the row verification finds nothing.
    """
    imported = import_oxcgrt([oxcgrt_sample])
    (source,) = imported.dataset.sources
    text = imported.texts[source.id]
    assert source.sha256 == hashlib.sha256(oxcgrt_sample.read_bytes()).hexdigest()
    assert source.reliability is Reliability.RESEARCH_DATASET
    spans = row_spans(text)
    header = next(csv.reader([text[slice(*spans[0])]]))
    rows = {i + 1: next(csv.reader([text[a:b]])) for i, (a, b) in enumerate(spans)}
    mapping = {v.value: v for ind in oxcgrt_mapping().indicators for v in ind.variants}
    notes = 0
    for policy in imported.dataset.policies:
        assert policy.kind is PolicyKind.INDICATOR_READING
        (measure,) = policy.measures
        first, *noted = measure.evidence
        assert first.fragment is not None
        lo, hi = fragment_rows(first.fragment)
        column = header[[a <= first.start < b for a, b in _cells(spans[lo - 1], text)].index(True)]
        assert mapping[column].group == measure.group
        for row in range(lo, hi + 1):
            if policy.jurisdiction == CODES[rows[row][header.index("RegionCode")]]:
                assert float(rows[row][header.index(column)]) == measure.level
        for item in noted:
            assert item.fragment is not None
            (row,) = set(fragment_rows(item.fragment))
            assert lo <= row <= hi
            assert item.exact.replace('""', '"') in rows[row]
            notes += 1
    assert notes > 0
    assert verify_evidence(imported.dataset, imported.texts) == []


def _cells(span: tuple[int, int], text: str) -> list[tuple[int, int]]:
    """Each field's offsets, found by re-reading the row field by field."""
    start, end = span
    found = []
    at = start
    for field in next(csv.reader([text[start:end]])):
        raw = field.replace('"', '""')
        if text.startswith('"', at):
            found.append((at + 1, at + 1 + len(raw)))
            at += len(raw) + 3
        else:
            found.append((at, at + len(raw)))
            at += len(raw) + 1
    return found


def test_reimporting_is_byte_stable(oxcgrt_sample: Path, tmp_path: Path) -> None:
    """Writes the same bytes, and touches no file, when the same file is imported again.

    The dataset's lock file, which the second write takes, is not the dataset's data.
    """
    out = tmp_path / "ds"

    def files() -> dict[Path, tuple[bytes, int]]:
        return {
            p: (p.read_bytes(), p.stat().st_mtime_ns)
            for p in out.rglob("*")
            if p.is_file() and p.name != LOCK_FILE
        }

    write_imported(import_oxcgrt([oxcgrt_sample]), out)
    before = files()
    write_imported(import_oxcgrt([oxcgrt_sample]), out)
    after = files()
    assert after == before
    loaded = load(out, sources=out / "texts")
    assert loaded == import_oxcgrt([oxcgrt_sample]).dataset


def test_ended_is_the_first_day_out_of_force(oxcgrt_sample: Path) -> None:
    """Ends each run on the day after its last row, and leaves the last run open after it."""
    imported = import_oxcgrt([oxcgrt_sample])
    by_start = {p.id: p for p in imported.dataset.policies}
    first = by_start["gb-c1-20200101"]
    assert first.ended is not None and str(first.ended) == "2020-03-18"
    last = [p for p in imported.dataset.policies if p.jurisdiction == "GB-WLS"][-1]
    assert last.ended is not None and last.ended.edtf == "2020-07-01/.."


def test_government_series_reads_other_rows(oxcgrt_sample: Path) -> None:
    """Reads none of the sample's TOTAL rows when the government-only series is asked for."""
    imported = import_oxcgrt([oxcgrt_sample], series="government")
    assert imported.dataset.policies == ()
    assert not imported.dataset.info.totals
    assert import_oxcgrt([oxcgrt_sample]).dataset.info.totals


@given(st.integers(1, 3), st.integers(1, 60), st.integers(0, 2**16), st.integers(2, 20))
@settings(max_examples=15, deadline=None)
def test_a_synthetic_oxcgrt_file_gives_back_its_index(
    tmp_path_factory: pytest.TempPathFactory, countries: int, days: int, seed: int, hold: int
) -> None:
    """Recomputes the index an OxCGRT-shaped file publishes, on every row, within 0.01."""
    path = tmp_path_factory.mktemp("ox") / "synthetic.csv"
    synthetic_oxcgrt(path, countries=countries, days=days, seed=seed, hold=hold)
    imported = import_oxcgrt([path])
    result = panel(imported.dataset, codebook=load_codebook("oxcgrt-stringency"))
    published = _published(path)
    assert len(result.rows) == len(published) == countries * days
    for row, want in zip(result.rows, published, strict=True):
        assert row.composite.earliest == pytest.approx(
            float(want["StringencyIndex_NonVaccinated"]), abs=0.01
        )


@given(st.integers(1, 3), st.integers(1, 40), st.integers(0, 2**16))
@settings(max_examples=10, deadline=None)
def test_an_imported_file_covers_every_day_it_records(
    tmp_path_factory: pytest.TempPathFactory, countries: int, days: int, seed: int
) -> None:
    """Declares the file's first to last day as what it covers, so no recorded day is a gap."""
    path = tmp_path_factory.mktemp("ox") / "synthetic.csv"
    synthetic_oxcgrt(path, countries=countries, days=days, seed=seed)
    imported = import_oxcgrt([path])
    (source,) = imported.dataset.sources
    assert source.covers is not None
    last = datetime.date(2020, 1, 1) + datetime.timedelta(days=days - 1)
    assert source.covers.edtf == f"2020-01-01/{last.isoformat()}"
    result = panel(imported.dataset, codebook=load_codebook("oxcgrt-stringency"))
    assert set(result.column("sources")) == {1}
    # Each run's first day holds the quotes of the policy starting that day.
    assert sum(result.column("evidence")) > 0
