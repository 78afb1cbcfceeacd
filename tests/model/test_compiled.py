"""A compiled dataset: columns at once, records built when first read, equal to its source."""

from __future__ import annotations

import marshal
from typing import Any

import attrs
from hypothesis import given

import policytrack as pt
from policytrack.model.columns import Columns, columns_of
from policytrack.model.compiled import CompiledDataset
from policytrack.model.query import Filters, select
from policytrack.testing import strategies as pts


def _compiled(dataset: pt.Dataset, calls: list[Any]) -> CompiledDataset:
    """*dataset* compiled, its columns through their plain form, its fetches logged in *calls*."""
    columns = Columns.from_plain(marshal.loads(marshal.dumps(columns_of(dataset).plain())))

    def fetch(name: str) -> tuple[Any, ...]:
        calls.append(name)
        return tuple(getattr(dataset, name))

    def fetch_one(name: str, at: int) -> Any:
        calls.append((name, at))
        return getattr(dataset, name)[at]

    return CompiledDataset.compiled(dataset.info, columns, fetch, fetch_one)


def test_counts_and_finds_records_without_building_them() -> None:
    """Answers len, repr, membership and get without building a collection."""
    dataset = pt.synthesize(policies=12, seed=4)
    calls: list[Any] = []
    compiled = _compiled(dataset, calls)
    assert len(compiled) == len(dataset) and repr(compiled) == repr(dataset)
    policy = dataset.policies[5]
    assert policy.id in compiled and "nothing-here" not in compiled
    assert compiled.get(policy.id) == policy
    assert calls == [("policies", 5)]
    assert compiled.policies == dataset.policies and calls[-1] == "policies"
    assert compiled.policies is compiled.policies  # built once


def test_builds_its_lookups_when_first_asked() -> None:
    """Builds the lookups by agency and platform from its records on first use."""
    dataset = pt.synthesize(policies=12, seed=4)
    compiled = _compiled(dataset, [])
    agency = dataset.policies[0].issuers[0]
    assert compiled.policies_issued_by(agency) == dataset.policies_issued_by(agency)


@given(pts.datasets(max_policies=4))
def test_equals_its_source_and_changes_like_it(dataset: pt.Dataset) -> None:
    """Equals the dataset it was compiled from, both ways, and evolves into an equal one."""
    compiled = _compiled(dataset, [])
    assert compiled == dataset and dataset == compiled
    assert not (compiled != dataset) and not (dataset != compiled)  # noqa: SIM202
    assert hash(compiled) == hash(dataset)
    assert attrs.evolve(compiled) == dataset
    assert compiled.without(*(p.id for p in dataset.policies)) == dataset.without(
        *(p.id for p in dataset.policies)
    )
    assert attrs.evolve(compiled).compiled_columns() is None  # its columns came from records


@given(pts.datasets(max_policies=4))
def test_columns_survive_their_plain_form(dataset: pt.Dataset) -> None:
    """Gives the same columns and dates after marshal as before."""
    columns = columns_of(dataset)
    plain = columns.plain()
    again = Columns.from_plain(marshal.loads(marshal.dumps(plain)))
    assert again.plain() == plain
    for name in ("policy_announced", "policy_effective", "policy_ended", "outcome_period"):
        assert [again.dates.date(at) for at in getattr(again, name)] == [
            columns.dates.date(at) for at in getattr(columns, name)
        ]


def test_filters_by_place_build_only_the_records_placed_there() -> None:
    """Lists a jurisdiction's policies and outcomes by building only theirs, the same records."""
    dataset = pt.synthesize(policies=60, outcomes=30, seed=7)
    for code in ("CN", "CN-SH", "US"):
        for name in ("policies", "outcomes", "agencies"):
            calls: list[Any] = []
            compiled = _compiled(dataset, calls)
            found = select(compiled, name, Filters(jurisdiction=code))
            assert found == select(dataset, name, Filters(jurisdiction=code))
            if name != "agencies":
                assert name not in calls and len(calls) == len(found)
