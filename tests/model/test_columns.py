"""A dataset's columns: what each says about its records, whichever group is made first."""

from __future__ import annotations

import gc
import threading
import types
import weakref
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import policytrack as pt
from policytrack.analysis.derived import columns
from policytrack.model.columns import NO_DATE, Columns, columns_of
from policytrack.model.dates import parse_notation
from policytrack.testing import strategies as pts

_DATE_COLUMNS = {
    "source_published": ("sources", "published"),
    "source_covers": ("sources", "covers"),
    "policy_announced": ("policies", "announced"),
    "policy_effective": ("policies", "effective"),
    "policy_ended": ("policies", "ended"),
    "measure_effective": ("measures", "effective"),
    "measure_ended": ("measures", "ended"),
    "outcome_period": ("outcomes", "period"),
    "claim_date": ("claims", "date"),
}
"""Each date column and the records and field it reads."""

_COLLECTIONS = ("sources", "agencies", "platforms", "policies", "links", "outcomes", "claims")

_ORDERS = st.permutations(
    ["outcome_period", "claim_date", "measure_ended", "policy_ended", "source_covers", "ids"]
)


def _records(dataset: Any, name: str) -> list[Any]:
    if name == "measures":
        return [m for p in dataset.policies for m in p.measures]
    return list(getattr(dataset, name))


def _meaning(cols: Columns) -> dict[str, Any]:
    """What the columns say, with each date position read as the date it stands for."""
    dates = cols.dates
    said: dict[str, Any] = {}
    for name in (*_DATE_COLUMNS, "policy_jurisdiction", "policy_status", "measure_scope"):
        column = getattr(cols, name)
        if name in _DATE_COLUMNS:
            column = [
                None
                if at == NO_DATE
                else (dates.edtf[at], dates.basis[at], dates.reason[at], dates.lo[at], dates.hi[at])
                for at in column
            ]
        said[name] = column
    for name in ("policy_evidence", "measure_evidence", "outcome_evidence", "claim_evidence"):
        said[name] = list(getattr(cols, name))
    said["ids"] = cols.ids
    return said


@given(pts.datasets(max_policies=4))
def test_each_date_column_points_at_its_records_dates(dataset: pt.Dataset) -> None:
    """Points each record's date at an entry with its notation, basis, reason and days."""
    cols = columns_of(dataset)
    for name, (records, field) in _DATE_COLUMNS.items():
        column = getattr(cols, name)
        wanted = [getattr(r, field) for r in _records(dataset, records)]
        assert len(column) == len(wanted)
        for at, date in zip(column, wanted, strict=True):
            assert cols.dates.date(at) == date
            if date is not None:
                parsed = parse_notation(date.edtf)
                assert cols.dates.lo[at] == parsed.earliest.toordinal()
                assert cols.dates.hi[at] == parsed.latest.toordinal()
    assert list(cols.policy_evidence) == [[e.source for e in p.evidence] for p in dataset.policies]
    assert cols.policy_measures[-1] == len(cols.measure_level)


@given(pts.datasets(max_policies=4), _ORDERS)
def test_says_the_same_whichever_group_is_read_first(dataset: pt.Dataset, order: list[str]) -> None:
    """Says the same of every record whichever column is read first, and after its plain form."""
    first = columns_of(dataset)
    expected = _meaning(first)
    lazy = columns_of(dataset)
    for name in order:
        getattr(lazy, name)
    assert _meaning(lazy) == expected
    again = Columns.from_plain(lazy.plain())
    assert _meaning(again) == expected
    # The plain form holds each distinct date once, whatever the order of reading.
    dates = again.dates
    assert len(set(zip(dates.edtf, dates.basis, dates.reason, strict=True))) == len(dates.edtf)


@given(pts.datasets(max_policies=4))
def test_plain_form_holds_equal_dates_once(dataset: pt.Dataset) -> None:
    """Writes equal dates held in different objects as one entry, each column pointing at it."""
    copied = types.SimpleNamespace(
        **{name: _mirror(getattr(dataset, name)) for name in _COLLECTIONS}
    )
    cols = columns_of(copied)  # type: ignore[arg-type]
    expected = _meaning(cols)
    plain = cols.plain()
    again = Columns.from_plain(plain)
    assert _meaning(again) == expected
    assert len(again.dates.edtf) == len({d[:3] for c in _DATE_COLUMNS for d in expected[c] if d})
    assert again.plain() == plain


def _mirror(value: Any) -> Any:
    """*value* as plain objects read by attribute: records and dates, not attrs classes.

    A new object for each use, as a reader that shares no equal dates would make.
    """
    if isinstance(value, tuple):
        return tuple(map(_mirror, value))
    if not attrs.has(type(value)):
        return value  # strings, numbers, None, enum members
    fields = {f.name: _mirror(getattr(value, f.name)) for f in attrs.fields(type(value))}
    return types.SimpleNamespace(**fields)


@given(pts.datasets(max_policies=4))
def test_reads_any_records_with_the_same_fields(dataset: pt.Dataset) -> None:
    """Makes the same plain columns from look-alike objects as from the dataset's records."""
    mirror = types.SimpleNamespace(**{n: _mirror(getattr(dataset, n)) for n in _COLLECTIONS})
    assert columns_of(mirror).plain() == columns_of(dataset).plain()  # type: ignore[arg-type]


def test_makes_a_group_only_when_one_of_its_columns_is_read() -> None:
    """Reads a timeline's columns without touching outcomes, which are read when asked for."""
    dataset = pt.synthesize(policies=6, outcomes=3, seed=2)
    broken = types.SimpleNamespace(
        **{
            name: getattr(dataset, name)
            for name in ("sources", "agencies", "platforms", "policies", "links", "claims")
        },
        outcomes=(object(),),  # a record without fields: reading it fails
    )
    cols = columns_of(broken)  # type: ignore[arg-type]
    assert cols.policy_jurisdiction == [p.jurisdiction for p in dataset.policies]
    assert len(cols.measure_level) == sum(len(p.measures) for p in dataset.policies)
    with pytest.raises(AttributeError, match="place"):
        _ = cols.outcome_place


def test_is_frozen() -> None:
    """Refuses to have a column set or replaced."""
    cols = columns_of(pt.synthesize(policies=2, seed=1))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        cols.policy_status = []
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        cols.measure_level = []
    with pytest.raises(AttributeError, match="no attribute 'policy_color'"):
        _ = cols.policy_color  # type: ignore[attr-defined]


def test_threads_reading_at_once_see_one_set_of_columns() -> None:
    """Gives every thread the same column objects when they first read them at once."""
    dataset = pt.synthesize(policies=300, outcomes=300, seed=3)
    expected = _meaning(columns_of(dataset))
    cols = columns_of(dataset)
    start = threading.Barrier(4)
    seen: list[tuple[int, ...]] = []

    def read() -> None:
        start.wait()
        seen.append(tuple(id(getattr(cols, name)) for name in reversed(_DATE_COLUMNS)))

    threads = [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(seen)) == 1
    assert _meaning(cols) == expected


def test_do_not_keep_their_dataset_alive() -> None:
    """Lets a dataset go while its columns are kept by the analyses' cache."""
    dataset = pt.synthesize(policies=5, seed=4)
    _ = columns(dataset).policy_status  # made, and kept while the dataset lives
    gone = weakref.ref(dataset)
    del dataset
    gc.collect()
    assert gone() is None
