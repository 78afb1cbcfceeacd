"""Properties of comparing many jurisdictions: each side is its own index, order is kept."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policytrack import (
    Dataset,
    NotFoundError,
    bundled_codebook,
    compare_jurisdictions,
    compare_many,
    index,
)
from policytrack.testing.strategies import datasets

CODEBOOK = bundled_codebook()
CODES = st.lists(st.sampled_from(["CN", "CN-SH", "CN-SC", "US"]), min_size=1, max_size=3)


@given(datasets(max_policies=4), CODES)
@settings(deadline=None)
def test_each_row_is_that_jurisdictions_index(dataset: Dataset, codes: list[str]) -> None:
    """Gives, on every change day, each jurisdiction's own composite and sub-indices."""
    result = compare_many(dataset, codes, codebook=CODEBOOK)
    unique = list(dict.fromkeys(codes))
    assert result.jurisdictions == tuple(unique)
    series = {code: index(dataset, code, codebook=CODEBOOK) for code in unique}
    days = sorted({p.day for s in series.values() for p in s.points})
    assert len(result.rows) == len(days) * len(unique)
    for row in result.rows:
        assert isinstance(row.key, pendulum.Date)
        point = series[row.jurisdiction].on(row.key)
        assert row.composite == (point.composite if point else row.composite)
        if point is not None:
            assert dict(row.subindices) == dict(point.subindices)
    assert [list(r) for r in result.records()[:1]] in ([], [result.columns()])


@given(datasets(max_policies=4))
@settings(deadline=None)
def test_two_agree_with_compare_jurisdictions(dataset: Dataset) -> None:
    """Gives the composites compare_jurisdictions gives for the same two, day by day."""
    pair = compare_jurisdictions(dataset, "CN", "CN-SH", codebook=CODEBOOK)
    many = compare_many(dataset, ["CN", "CN-SH"], codebook=CODEBOOK)
    got = [(r.key, r.composite) for r in many.rows]
    want = [(k, band) for k, a, b in pair.rows for band in (a, b)]
    assert got == want


def test_references_must_match_the_jurisdictions() -> None:
    """Refuses reference days that do not pair one for one with the jurisdictions."""
    with pytest.raises(NotFoundError, match="one reference day per jurisdiction"):
        compare_many(Dataset.__new__(Dataset), ["CN", "US"], references=[], codebook=CODEBOOK)
