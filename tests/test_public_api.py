"""Every public function has at least one property, and the properties of the small ones.

The larger functions have their properties beside their modules (``test_index.py``,
``test_storage.py``...). This module holds those of the small public helpers, and a test that
no public function is left without a property.
"""

from __future__ import annotations

import ast
import hashlib
import importlib
import inspect
import os
import re
import sys
from pathlib import Path

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import policytrack
from policytrack import (
    Codebook,
    Dataset,
    OutcomeRole,
    Scope,
    Scoring,
    UnknownRule,
    WeightError,
    applies_in,
    bundled_codebook,
    converter,
    enforcement_lags,
    evidence_of,
    index,
    index_of,
    make_converter,
    platform_timeline,
    policy_score,
    resolve_weights,
    sha256_text,
    step_on,
    subindex,
    timeline,
)
from policytrack._moved import MOVED
from policytrack.analysis.escalation import ENFORCEMENT_METRICS
from policytrack.model.dataset import COLLECTIONS
from policytrack.testing import strategies as pts
from tests import _reference as ref
from tests._settings import FEWER

TESTS = Path(__file__).parent
CODEBOOK = bundled_codebook()
JURISDICTIONS = st.sampled_from(["CN", "CN-SH", "CN-BJ", "US", "GB"])

AWAITING = {
    "accept_draft",
    "extraction_quality",
    "fotn_category",
    "load_crosswalk",
    "load_gazetteer",
    "register_source",
    "synthesize",
    "write_draft",
}
"""Public functions of the coding and extraction modules, tested by example so far."""
CONSTANT = {"bundled_path", "bundled_codebooks", "oxcgrt_mapping"}
"""Functions of no argument whose one answer is tested by example."""


def _properties() -> list[str]:
    """The source of every property: each @given test and each state machine."""
    found = []
    for path in sorted(TESTS.rglob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            given = isinstance(node, ast.FunctionDef) and any(
                "given" in ast.unparse(d) for d in node.decorator_list
            )
            machine = isinstance(node, ast.ClassDef) and any(
                "RuleBasedStateMachine" in ast.unparse(b) for b in node.bases
            )
            if given or machine:
                found.append(ast.unparse(node))
    return found


def test_every_public_function_has_a_property() -> None:
    """Names every public function of policytrack in at least one property."""
    properties = _properties()
    functions = [
        name
        for name in policytrack.__all__
        if inspect.isfunction(getattr(policytrack, name)) and name not in AWAITING | CONSTANT
    ]
    missing = [f for f in functions if not any(re.search(rf"\b{f}\b", p) for p in properties)]
    assert missing == []


@given(JURISDICTIONS, JURISDICTIONS, st.booleans())
def test_applies_in_follows_the_documented_rule(policy: str, place: str, subs: bool) -> None:
    """Counts a policy where the reference does: its place, subdivisions, the country."""
    assert applies_in(policy, place, subdivisions=subs) == ref._applies(policy, place, subs)
    assert applies_in(place, place, subdivisions=subs)


@given(st.one_of(pts.policies(), pts.agencies(), pts.platforms(), pts.outcomes(), pts.claims()))
def test_evidence_of_walks_to_every_quote_by_its_path(record: object) -> None:
    """Yields every quote of a record once, each found again by following its path."""
    found = list(evidence_of(record))  # type: ignore[arg-type]
    expected = len(record.evidence)  # type: ignore[attr-defined]
    expected += sum(len(m.evidence) for m in getattr(record, "measures", ()))
    assert len(found) == expected
    for path, item in found:
        value: object = record
        for name, position in re.findall(r"(\w+)\[(\d+)\]", path):
            value = getattr(value, name)[int(position)]
        assert value is item


@FEWER
@given(pts.datasets(max_policies=4), JURISDICTIONS, st.sampled_from(UnknownRule))
def test_index_of_a_timeline_is_the_index(
    dataset: Dataset, jurisdiction: str, unknown: UnknownRule
) -> None:
    """Gives over a timeline already computed exactly the index computed from the dataset."""
    tl = timeline(dataset, jurisdiction, codebook=CODEBOOK)
    by_timeline = index_of(tl, CODEBOOK, unknown=unknown)
    assert (
        by_timeline.points
        == index(dataset, jurisdiction, scoring=Scoring(unknown=unknown), codebook=CODEBOOK).points
    )


@FEWER
@given(pts.datasets(max_policies=4), JURISDICTIONS, st.data())
def test_step_on_is_the_last_step_on_or_before_the_day(
    dataset: Dataset, jurisdiction: str, data: st.DataObject
) -> None:
    """Gives the last step starting on or before a day, and None before the first step."""
    for series in timeline(dataset, jurisdiction, codebook=CODEBOOK).dimensions:
        steps = series.earliest
        day = data.draw(st.dates(pendulum.Date(1, 1, 1), pendulum.Date(9999, 12, 31)))
        day = pendulum.Date(day.year, day.month, day.day)
        before = [s for s in steps if s.day <= day]
        assert step_on(steps, day) == (before[-1] if before else None)
        for step in steps:
            assert step_on(steps, step.day) == step


@FEWER
@given(pts.datasets(), st.data())
def test_a_platform_timeline_holds_what_touched_it_in_date_order(
    dataset: Dataset, data: st.DataObject
) -> None:
    """Lists every policy and outcome naming a platform, dated ones in order, undated last."""
    if not dataset.platforms:
        return
    platform = data.draw(st.sampled_from(dataset.platforms))
    events = platform_timeline(dataset, platform.id).events
    expected = {p.id for p in dataset.policies if platform.id in p.platforms}
    expected |= {o.id for o in dataset.outcomes if platform.id in o.platforms}
    assert sorted(e.record for e in events) == sorted(expected)
    dated = [e.date for e in events if e.date is not None]
    assert [d.earliest for d in dated] == sorted(d.earliest for d in dated)
    assert all(e.date is not None for e in events[: len(dated)])


@given(pts.policies(codebook=CODEBOOK), st.data())
def test_a_policy_score_is_bounded_and_rises_with_a_level(
    policy: policytrack.Policy, data: st.DataObject
) -> None:
    """Scores a policy within 0..100, never lower when one of its measures is raised."""
    score = policy_score(policy, CODEBOOK)
    assert 0.0 <= score <= 100.0
    if not policy.measures:
        # A policy its sources only name has no measure (coding rule 3.6) and scores nothing.
        assert score == 0.0
        return
    at = data.draw(st.integers(0, len(policy.measures) - 1))
    measure = policy.measures[at]
    top = CODEBOOK.dimension(measure.dimension).max_level
    raised = list(policy.measures)
    raised[at] = attrs.evolve(measure, level=data.draw(st.integers(measure.level, top)))
    assert policy_score(attrs.evolve(policy, measures=tuple(raised)), CODEBOOK) >= score - 1e-9


@given(pts.codebooks(), st.data())
def test_resolved_weights_lay_the_given_over_the_defaults(
    codebook: Codebook, data: st.DataObject
) -> None:
    """Gives every dimension a weight, the one given else the codebook's, none all zero."""
    ids = [d.id for d in codebook.dimensions]
    given_weights = data.draw(
        st.dictionaries(st.sampled_from(ids), st.floats(0, 10, allow_nan=False), max_size=3)
    )
    expected = {d.id: given_weights.get(d.id, d.weight) for d in codebook.dimensions}
    if not any(expected.values()):
        with pytest.raises(WeightError, match="at least one weight must be above zero"):
            resolve_weights(codebook, given_weights)
        return
    assert resolve_weights(codebook, given_weights) == expected


@given(pts.codebooks(), st.data())
def test_a_subindex_is_bounded_and_monotone(codebook: Codebook, data: st.DataObject) -> None:
    """Keeps a sub-index within 0..100, rising with the level, general at or above targeted."""
    dim = data.draw(st.sampled_from(codebook.dimensions))
    low, high = sorted(data.draw(st.integers(0, dim.max_level)) for _ in range(2))
    assert subindex(None, None, dim) is None
    assert subindex(0, Scope.GENERAL, dim) == 0.0
    for scope in Scope:
        lower, upper = subindex(low, scope, dim), subindex(high, scope, dim)
        assert lower is not None and upper is not None
        assert 0.0 <= lower <= upper <= 100.0
    general, targeted = subindex(high, Scope.GENERAL, dim), subindex(high, Scope.TARGETED, dim)
    assert general is not None and targeted is not None and general >= targeted


@given(st.text())
def test_sha256_text_hashes_the_utf8_bytes(text: str) -> None:
    """Hashes the UTF-8 encoding of the text, in lower-case hex."""
    assert sha256_text(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()


FRESH = make_converter()
"""A converter made apart from the shared one (making one per example costs a second)."""


@FEWER
@given(pts.datasets())
def test_a_new_converter_reads_and_writes_as_the_shared_one(dataset: Dataset) -> None:
    """Reads and writes every record with make_converter's converter as with the shared one."""
    fresh = FRESH
    for name, cls in COLLECTIONS.items():
        for record in getattr(dataset, name):
            raw = fresh.unstructure(record)
            assert raw == converter.unstructure(record)
            assert fresh.structure(raw, cls) == record


@FEWER
@given(pts.datasets(max_policies=4))
def test_each_lag_runs_from_a_policy_to_its_first_enforcement(dataset: Dataset) -> None:
    """Measures from each dated policy to its earliest linked enforcement, its bounds in order."""
    lags = enforcement_lags(dataset)
    assert [lag.policy for lag in lags] == [
        p.id
        for p in dataset.policies
        if (p.announced or p.effective) is not None
        and any(
            p.id in o.policies
            and o.metric in ENFORCEMENT_METRICS
            and o.role is OutcomeRole.ENFORCEMENT
            and o.period is not None
            for o in dataset.outcomes
        )
    ]
    for lag in lags:
        outcome = dataset.get(lag.outcome)
        assert lag.policy in outcome.policies  # type: ignore[attr-defined]
        if lag.shortest is not None and lag.longest is not None:
            assert lag.shortest <= lag.longest


def _stub() -> str:
    """The type stub of ``policytrack/__init__.py``, derived from its one table of names."""
    lines = [
        "# Generated from policytrack._API by tests/test_public_api.py; do not edit.",
        "# Regenerate: POLICYTRACK_REGENERATE=1 pytest tests/test_public_api.py",
        "",
        "from policytrack import _moved as _moved",
        "",
    ]
    for module, names in policytrack._API.items():
        imported = ", ".join(f"{n} as {n}" for n in names)
        lines.append(f"from policytrack.{module} import {imported}")
    lines += ["", "__version__: str", "__all__: list[str]", ""]
    return "\n".join(lines)


def test_the_type_stub_is_derived_from_the_table() -> None:
    """The stub type checkers read names exactly the table's names, from the same modules."""
    path = Path(policytrack.__file__).with_suffix(".pyi")
    if os.environ.get("POLICYTRACK_REGENERATE"):
        path.write_text(_stub(), "utf-8")
    assert path.read_text("utf-8") == _stub()


def test_every_public_name_is_served_from_its_module() -> None:
    """Each name in ``__all__`` is the object of that name in the module the table gives."""
    for module, names in policytrack._API.items():
        loaded = importlib.import_module(f"policytrack.{module}")
        for name in names:
            assert getattr(policytrack, name) is getattr(loaded, name), name
    assert sorted(policytrack.__all__) == sorted(n for ns in policytrack._API.values() for n in ns)


@pytest.mark.parametrize(("old", "new"), sorted(MOVED.items()))
def test_an_old_module_path_still_imports_with_a_warning(old: str, new: str) -> None:
    """Each module path of release 0.1 gives the module at its new path, and says so."""
    sys.modules.pop(old, None)
    with pytest.warns(DeprecationWarning, match=new):
        module = importlib.import_module(old)
    assert module is importlib.import_module(new)


def test_the_old_storage_names_still_import_with_a_warning() -> None:
    """``policytrack.storage.load`` and its neighbours of release 0.1 still resolve."""
    import policytrack.storage

    with pytest.warns(DeprecationWarning, match="policytrack.storage.loader"):
        old = policytrack.storage.load_bundled
    assert old is policytrack.load_bundled
