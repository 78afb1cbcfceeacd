"""Properties of the index, and OxCGRT's published Stringency Index reproduced."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policytrack import (
    Codebook,
    Dataset,
    DatasetInfo,
    Dimension,
    Evidence,
    Level,
    Measure,
    Policy,
    PolicyKind,
    PolicyStatus,
    Reliability,
    Scope,
    Scoring,
    Series,
    Source,
    UncertainDate,
    UnknownRule,
    WeightError,
    bundled_codebook,
    composite,
    index,
    subindex,
)
from policytrack.testing.strategies import datasets, policies
from tests import _reference as ref
from tests.analysis.test_timeline import _probe_days

CODEBOOK = bundled_codebook()
JURISDICTIONS = st.sampled_from(["CN", "CN-SH", "US"])
OXCGRT = Path(__file__).parents[2].parent / "shared" / "oxcgrt" / "rows.json"


@given(datasets(max_policies=5), JURISDICTIONS, st.sampled_from(UnknownRule))
@settings(deadline=None)
def test_every_value_is_within_0_and_100(
    dataset: Dataset, jurisdiction: str, unknown: UnknownRule
) -> None:
    """Keeps every sub-index and composite, in both series, within 0..100."""
    idx = index(dataset, jurisdiction, scoring=Scoring(unknown=unknown), codebook=CODEBOOK)
    for point in idx.points:
        for band in (point.composite, *point.subindices.values()):
            for value in (band.earliest, band.latest):
                assert value is None or 0.0 <= value <= 100.0


@given(datasets(max_policies=5), JURISDICTIONS)
@settings(deadline=None)
def test_earliest_composite_is_at_least_latest(dataset: Dataset, jurisdiction: str) -> None:
    """Puts the earliest series' composite at or above the latest's on every change day."""
    idx = index(dataset, jurisdiction, codebook=CODEBOOK)
    for point in idx.points:
        assert (point.composite.earliest or 0.0) >= (point.composite.latest or 0.0) - 1e-9
        for band in point.subindices.values():
            assert (band.earliest or 0.0) >= (band.latest or 0.0) - 1e-9


@given(datasets(max_policies=4), JURISDICTIONS, st.data())
@settings(deadline=None)
def test_adding_a_measure_never_lowers_a_subindex(
    dataset: Dataset, jurisdiction: str, data: st.DataObject
) -> None:
    """Never lowers any sub-index on any day when a policy is added."""
    extra = data.draw(
        policies(
            codebook=CODEBOOK,
            ids=st.just("zz-added"),
            jurisdictions=st.sampled_from(["CN", "CN-SH", "US"]),
            source_ids=st.sampled_from([s.id for s in dataset.sources])
            if dataset.sources
            else st.just("zz-source"),
        )
    )
    sources = dataset.sources or (
        Source("zz-source", "t", "o", UncertainDate("2020"), Reliability.NGO, "0" * 64, 1),
    )
    before = index(dataset, jurisdiction, codebook=CODEBOOK)
    grown = Dataset(
        dataset.info,
        sources=sources,
        agencies=dataset.agencies,
        platforms=dataset.platforms,
        policies=(*dataset.policies, _without_refs(extra)),
        links=dataset.links,
        outcomes=dataset.outcomes,
        claims=dataset.claims,
    )
    after = index(grown, jurisdiction, codebook=CODEBOOK)
    for day in _probe_days(grown):
        for series in Series:
            for dim in CODEBOOK.dimensions:
                old = before.value(day, series, dim.id)
                new = after.value(day, series, dim.id)
                assert (new if new is not None else -1.0) >= (old if old is not None else -1.0)


def _without_refs(policy: Policy) -> Policy:
    import attrs

    return attrs.evolve(policy, issuers=(), enforcers=(), platforms=())


@given(datasets(max_policies=5), JURISDICTIONS)
@settings(deadline=None)
def test_composite_equals_naive_reference(dataset: Dataset, jurisdiction: str) -> None:
    """Gives the composite a per-day computation gives, on every day it can change."""
    idx = index(dataset, jurisdiction, codebook=CODEBOOK)
    for day in _probe_days(dataset):
        for series in Series:
            want = ref.composite_on(dataset, CODEBOOK, jurisdiction, day, series is Series.LATEST)
            got = idx.value(day, series)
            assert (got is None) == (want is None), day
            if got is not None and want is not None:
                assert got == pytest.approx(want)


def test_subindex_follows_the_oxcgrt_formula() -> None:
    """Computes 100 * (v - 0.5 * (F - f)) / N, and 0 for level 0."""
    flagged = CODEBOOK.dimension("identity")
    unflagged = CODEBOOK.dimension("ideology")
    assert subindex(2, Scope.GENERAL, flagged) == pytest.approx(100 * 2 / 3)
    assert subindex(2, Scope.TARGETED, flagged) == pytest.approx(100 * 1.5 / 3)
    assert subindex(2, Scope.TARGETED, unflagged) == pytest.approx(100 * 2 / 3)
    assert subindex(0, Scope.TARGETED, flagged) == 0.0
    assert subindex(None, None, flagged) is None


def test_unknown_rules_differ_as_documented() -> None:
    """Counts unknown as zero, skips it, or makes the composite unknown, as asked."""
    weights = {"a": 1.0, "b": 1.0}
    values: dict[str, float | None] = {"a": 60.0, "b": None}
    assert composite(values, weights, UnknownRule.ZERO) == 30.0
    assert composite(values, weights, UnknownRule.SKIP) == 60.0
    assert composite(values, weights, UnknownRule.STRICT) is None
    assert composite({"a": None, "b": None}, weights) is None


def test_rejects_weights_for_unknown_dimensions() -> None:
    """Refuses a weight for a dimension the codebook lacks, naming the known ones."""
    with pytest.raises(WeightError, match="unknown dimension 'nope'"):
        index(
            Dataset(DatasetInfo("x", "x")),
            "CN",
            scoring=Scoring(weights={"nope": 1.0}),
            codebook=CODEBOOK,
        )
    with pytest.raises(WeightError, match="must be a finite number"):
        index(
            Dataset(DatasetInfo("x", "x")),
            "CN",
            scoring=Scoring(weights={"identity": -1.0}),
            codebook=CODEBOOK,
        )


def test_daily_values_match_the_step_function() -> None:
    """Materialises one point per day on request, each equal to the step in force."""
    from tests.analysis.test_timeline import _example

    idx = index(_example(), "CN", codebook=CODEBOOK)
    days = list(idx.daily(pendulum.Date(2013, 8, 30), pendulum.Date(2013, 9, 2)))
    assert [p.day.day for p in days] == [30, 31, 1, 2]
    assert days[0].composite == idx.on(pendulum.Date(2013, 8, 30)).composite  # type: ignore[union-attr]
    assert days[2].composite.earliest != days[1].composite.earliest


# OxCGRT --------------------------------------------------------------------------------------


def _oxcgrt() -> dict[str, Any]:
    if not OXCGRT.is_file():
        pytest.skip("OxCGRT reference rows not available at ../shared/oxcgrt/rows.json")
    data: dict[str, Any] = json.loads(OXCGRT.read_text("utf-8"))
    return data


def _oxcgrt_codebook(indicators: dict[str, Any]) -> Codebook:
    return Codebook(
        "oxcgrt-stringency",
        "OxCGRT Stringency Index indicators",
        "3.6",
        "C1-C8 and H1",
        tuple(
            Dimension(
                name,
                name,
                name,
                tuple(Level(v, str(v), str(v)) for v in range(spec["N"] + 1)),
                flag=spec["has_flag"],
            )
            for name, spec in indicators.items()
        ),
    )


def _day_dataset(day: pendulum.Date, values: dict[str, tuple[int | None, int | None]]) -> Dataset:
    """A dataset whose policies put each indicator at its value on *day*."""
    source = Source(
        "oxcgrt", "OxCGRT", "OxCGRT", UncertainDate("2023-06"), Reliability.NGO, "0" * 64, 1
    )
    evidence = (Evidence("oxcgrt", "x", 0, 1),)
    policies = []
    for name, (value, flag) in values.items():
        if value is None:
            continue  # no data: the dimension stays unknown
        scope = Scope.TARGETED if flag == 0 or (flag is None and value > 0) else Scope.GENERAL
        policies.append(
            Policy(
                f"p-{name.lower()}",
                name,
                "GB",
                PolicyKind.REGULATION,
                PolicyStatus.IN_FORCE,
                (Measure(name, value, "published value", evidence, scope),),
                evidence,
                effective=UncertainDate(day.isoformat()),
            )
        )
    return Dataset(DatasetInfo("oxcgrt", "OxCGRT"), sources=(source,), policies=tuple(policies))


def test_reproduces_oxcgrt_published_stringency_index() -> None:
    """Reproduces both published Stringency Indices on all 64 reference rows to within 0.01."""
    data = _oxcgrt()
    book = _oxcgrt_codebook(data["method"]["stringency_indicators"])
    checked = 0
    for row in data["rows"]:
        day = pendulum.Date(int(row["Date"][:4]), int(row["Date"][4:6]), int(row["Date"][6:]))
        for which, column in (
            ("NonVaccinated", "StringencyIndex_NonVaccinated"),
            ("Vaccinated", "StringencyIndex_Vaccinated"),
        ):
            values = {k: (v["value"], v["flag"]) for k, v in row["inputs"][which].items()}
            idx = index(_day_dataset(day, values), "GB", codebook=book)
            got = idx.value(day)
            published = row["published"][column]
            assert got is not None and abs(got - published) <= 0.01, (row["Date"], which)
            checked += 1
    assert checked == 2 * len(data["rows"]) == 128


def test_reproduces_oxcgrt_worked_example() -> None:
    """Reproduces the methodology's worked example (43.98), a missing indicator counting 0."""
    data = _oxcgrt()
    example = data["worked_example"]
    indicators = {k: example["indicators"][k] for k in data["method"]["stringency_indicators"]}
    book = _oxcgrt_codebook(data["method"]["stringency_indicators"])
    day = pendulum.Date(2020, 6, 1)
    values = {k: (v["v"], v["f"]) for k, v in indicators.items()}
    idx = index(_day_dataset(day, values), "GB", codebook=book)
    assert idx.value(day) == pytest.approx(43.98, abs=0.01)
