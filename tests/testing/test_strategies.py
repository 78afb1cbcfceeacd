"""The public strategies: what they promise about the data they draw."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from policytrack import (
    Agency,
    Basis,
    Claim,
    Codebook,
    Dataset,
    Evidence,
    Link,
    Measure,
    Outcome,
    Platform,
    Policy,
    Quantity,
    Scope,
    Source,
    UncertainDate,
    bundled_codebook,
    check,
    evidence_of,
)
from policytrack.testing import strategies as pts
from tests._settings import FEWER

BOOK = bundled_codebook()


def _assert_consistent(dataset: Dataset, codebook: Codebook) -> None:
    ids = [r.id for r in dataset.records()]
    assert len(ids) == len(set(ids))
    sources = {s.id for s in dataset.sources}
    agencies = {a.id for a in dataset.agencies}
    platforms = {p.id for p in dataset.platforms}
    policies = {p.id for p in dataset.policies}
    outcomes = {o.id for o in dataset.outcomes}
    for record in dataset.records():
        assert all(item.source in sources for _, item in evidence_of(record))
        assert all(item.end - item.start == len(item.exact) for _, item in evidence_of(record))
    for agency in dataset.agencies:
        assert agency.parent is None or agency.parent in agencies
    dimensions = {d.id: d for d in codebook.dimensions}
    for policy in dataset.policies:
        assert set(policy.issuers + policy.enforcers) <= agencies
        assert set(policy.platforms) <= platforms
        names = [m.dimension for m in policy.measures]
        assert len(names) == len(set(names))
        for measure in policy.measures:
            dimension = dimensions[measure.dimension]
            assert 0 <= measure.level <= dimension.max_level
            assert measure.scope is Scope.GENERAL or dimension.flag
        dates = [d for d in (policy.announced, policy.effective, policy.ended) if d is not None]
        for i, earlier in enumerate(dates):
            for later in dates[i + 1 :]:
                assert later.latest >= earlier.earliest
    for link in dataset.links:
        assert {link.from_policy, link.to_policy} <= policies
        assert link.from_policy != link.to_policy
    for outcome in dataset.outcomes:
        assert set(outcome.agencies) <= agencies
        assert outcome.reporter is None or outcome.reporter in agencies
        assert set(outcome.platforms) <= platforms
        assert set(outcome.policies) <= policies
        assert outcome.same_as is None or outcome.same_as in outcomes - {outcome.id}
    for claim in dataset.claims:
        assert claim.speaker_agency is None or claim.speaker_agency in agencies
        assert set(claim.policies) <= policies
    assert check(dataset, codebook) == []


@given(pts.datasets())
def test_datasets_are_consistent(dataset: Dataset) -> None:
    """Draws datasets whose ids are unique, references resolve and measures fit the codebook."""
    _assert_consistent(dataset, BOOK)
    assert dataset.info.codebook == BOOK.id


@FEWER
@given(st.data())
def test_datasets_fit_any_codebook(data: st.DataObject) -> None:
    """Draws datasets consistent with a codebook it is given, whatever the codebook."""
    codebook = data.draw(pts.codebooks())
    dataset = data.draw(pts.datasets(min_policies=1, max_policies=2, codebook=codebook))
    _assert_consistent(dataset, codebook)
    assert dataset.info.codebook == codebook.id


@FEWER
@given(
    st.integers(0, 3).flatmap(lambda low: st.tuples(st.just(low), st.integers(low, 4))),
    st.data(),
)
def test_datasets_respect_the_bounds_and_jurisdictions(
    bounds: tuple[int, int], data: st.DataObject
) -> None:
    """Draws between min_policies and max_policies policies, in the jurisdictions given."""
    low, high = bounds
    places = st.sampled_from(["CN-SH", "CN-SC"])
    dataset = data.draw(pts.datasets(min_policies=low, max_policies=high, jurisdictions=places))
    assert low <= len(dataset.policies) <= high
    assert {p.jurisdiction for p in dataset.policies} <= {"CN-SH", "CN-SC"}
    assert {a.jurisdiction for a in dataset.agencies} <= {"CN-SH", "CN-SC"}


@pytest.mark.parametrize(
    "make",
    [
        lambda: pts.datasets(min_policies=3, max_policies=2),
        lambda: pts.datasets(min_policies=-1),
        lambda: pts.edtf_strings(min_year=0),
        lambda: pts.edtf_strings(min_year=2000, max_year=1999),
        lambda: pts.policies(max_measures=0),
        lambda: pts.codebooks(min_dimensions=0),
        lambda: pts.codebooks(max_levels=1),
    ],
)
def test_bad_arguments_are_invalid(make: Any) -> None:
    """Raises InvalidArgument for bounds that cannot be met, before drawing anything."""
    with pytest.raises(InvalidArgument):
        make()


@given(pts.edtf_strings(allow_intervals=False, allow_open=False, allow_qualifiers=False))
def test_edtf_strings_leave_out_what_is_not_allowed(notation: str) -> None:
    """Draws no intervals or qualifiers when they are not allowed."""
    assert "/" not in notation
    assert not set("?~%") & set(notation)


@given(pts.edtf_strings(min_year=1990, max_year=2000, allow_unspecified=False))
def test_edtf_strings_stay_within_the_years(notation: str) -> None:
    """Draws dates whose written years lie between min_year and max_year."""
    years = [int(part[:4]) for part in notation.split("/") if part not in ("", "..")]
    assert all(1990 <= year <= 2000 for year in years)
    assert "X" not in notation


@given(pts.uncertain_dates(bases=st.sampled_from([Basis.INFERRED, Basis.EXTERNAL])))
def test_uncertain_dates_give_reasons_where_needed(date: UncertainDate) -> None:
    """Gives every inferred or external date a reason."""
    assert date.reason
    assert date.reason.strip()


@given(pts.policies(agency_ids=st.nothing(), platform_ids=st.nothing(), max_measures=1))
def test_nothing_leaves_references_out(policy: Policy) -> None:
    """Leaves reference lists empty when given a strategy with no ids."""
    assert policy.issuers == policy.enforcers == policy.platforms == ()
    assert len(policy.measures) <= 1


@given(pts.links(policy_ids=st.sampled_from(["a", "b"])))
def test_links_join_two_different_policies(link: Link) -> None:
    """Draws links between two different policies."""
    assert {link.from_policy, link.to_policy} == {"a", "b"}


TYPES = [
    UncertainDate,
    Evidence,
    Source,
    Agency,
    Platform,
    Measure,
    Policy,
    Quantity,
    Link,
    Outcome,
    Claim,
    Codebook,
    Dataset,
]


@pytest.mark.parametrize("kind", TYPES, ids=lambda k: k.__name__)
@FEWER
@given(data=st.data())
def test_register_serves_from_type(kind: type, data: st.DataObject) -> None:
    """Draws every registered type through from_type, after registering again."""
    pts.register()
    assert type(data.draw(st.from_type(kind))) is kind


def test_the_entry_point_names_the_hook() -> None:
    """Declares the hook Hypothesis calls on import, and the hook registers the strategies."""
    hooks = [
        e for e in importlib.metadata.entry_points(group="hypothesis") if e.module == pts.__name__
    ]
    assert [e.value for e in hooks] == ["policytrack.testing.strategies:_hypothesis_setup_hook"]
    assert hooks[0].load() is pts._hypothesis_setup_hook
    pts._hypothesis_setup_hook()


@pytest.mark.parametrize(
    "first",
    [
        "import policytrack.testing.strategies",
        "import hypothesis",
        "from policytrack.testing import strategies",
    ],
)
def test_either_import_order_registers_the_strategies(first: str) -> None:
    """Registers the strategies whichever of Hypothesis or the strategies is imported first."""
    code = (
        f"{first}\n"
        "from hypothesis import strategies as st\n"
        "from hypothesis.strategies._internal.types import _global_type_lookup\n"
        "import policytrack\n"
        "assert policytrack.Dataset in _global_type_lookup\n"
        "assert policytrack.UncertainDate in _global_type_lookup\n"
    )
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_importing_the_strategies_without_hypothesis_says_what_to_install() -> None:
    """Fails with a message naming the hypothesis extra, not a bare ModuleNotFoundError."""
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['hypothesis'] = None\n"
        "try:\n    import policytrack.testing.strategies\n"
        "except ModuleNotFoundError as e:\n    print(e.name, '|', e)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("hypothesis | policytrack.testing.strategies needs Hypothesis")
    assert "pip install 'policytrack[hypothesis]'" in result.stdout
