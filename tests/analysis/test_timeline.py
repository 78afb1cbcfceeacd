"""Properties of timelines: the fast sweep against a naive per-day reference, and the band."""

from __future__ import annotations

import random
from typing import Any

import attrs
import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st

from policytrack import (
    Dataset,
    Scope,
    Series,
    StartRule,
    bundled_codebook,
    timeline,
)
from policytrack.testing.strategies import datasets
from tests import _reference as ref

CODEBOOK = bundled_codebook()
JURISDICTIONS = st.sampled_from(["CN", "CN-SH", "CN-SC", "US"])


def _probe_days(dataset: Dataset) -> list[pendulum.Date]:
    """Every day a level can change, and the days either side of it."""
    days = {pendulum.Date(2000, 1, 1)}
    for p in dataset.policies:
        for d in (p.announced, p.effective, p.ended):
            if d is None:
                continue
            for bound in (d.earliest, d.latest):
                for shift in (-1, 0, 1, 2):
                    ordinal = bound.toordinal() + shift
                    if 1 <= ordinal <= pendulum.Date(9999, 12, 31).toordinal():
                        days.add(pendulum.Date.fromordinal(ordinal))
    return sorted(days)


def _zero_scope(level: tuple[int, Scope | None] | None) -> tuple[int, Scope | None] | None:
    """At level 0 the scope carries no meaning."""
    return (0, None) if level is not None and level[0] == 0 else level


@given(
    datasets(max_policies=5),
    JURISDICTIONS,
    st.sampled_from(StartRule),
    st.booleans(),
    st.sampled_from([None, "vaccinated", "non_vaccinated"]),
)
@settings(deadline=None)
def test_sweep_equals_naive_reference(
    dataset: Dataset, jurisdiction: str, rule: StartRule, subdivisions: bool, group: str | None
) -> None:
    """Gives the level and scope a per-day loop gives, for everyone or a group over everyone.

    Every day a level can change is probed.
    """
    tl = timeline(
        dataset,
        jurisdiction,
        codebook=CODEBOOK,
        start_rule=rule,
        subdivisions=subdivisions,
        group=group,
    )
    for day in _probe_days(dataset):
        for series in Series:
            expected = ref.levels_on(
                dataset,
                CODEBOOK,
                jurisdiction,
                day,
                series is Series.LATEST,
                start_rule=rule,
                subdivisions=subdivisions,
                group=group,
            )
            for dim in tl.dimensions:
                step = dim.on(day, series)
                got = None if step is None or step.level is None else (step.level, step.scope)
                assert _zero_scope(got) == _zero_scope(expected[dim.dimension]), (
                    day,
                    series,
                    dim.dimension,
                )


@given(datasets(max_policies=5), JURISDICTIONS)
@settings(deadline=None)
def test_earliest_series_is_at_least_latest(dataset: Dataset, jurisdiction: str) -> None:
    """Puts the earliest series at or above the latest series on every day."""
    tl = timeline(dataset, jurisdiction, codebook=CODEBOOK)
    for day in _probe_days(dataset):
        for dim in tl.dimensions:
            high, low = dim.on(day, Series.EARLIEST), dim.on(day, Series.LATEST)
            high_level = -1 if high is None or high.level is None else high.level
            low_level = -1 if low is None or low.level is None else low.level
            assert high_level >= low_level


@given(datasets(max_policies=5), JURISDICTIONS, st.randoms(use_true_random=False))
@settings(deadline=None)
def test_result_does_not_depend_on_record_order(
    dataset: Dataset, jurisdiction: str, rnd: random.Random
) -> None:
    """Gives the same levels whatever order the policies and links are in."""
    policies, links = list(dataset.policies), list(dataset.links)
    rnd.shuffle(policies)
    rnd.shuffle(links)
    shuffled = Dataset(
        dataset.info,
        sources=dataset.sources,
        agencies=dataset.agencies,
        platforms=dataset.platforms,
        policies=tuple(policies),
        links=tuple(links),
        outcomes=dataset.outcomes,
        claims=dataset.claims,
    )
    a = timeline(dataset, jurisdiction, codebook=CODEBOOK)
    b = timeline(shuffled, jurisdiction, codebook=CODEBOOK)
    for da, db in zip(a.dimensions, b.dimensions, strict=True):
        for series in Series:
            assert [(s.day, s.level, s.scope) for s in da.steps(series)] == [
                (s.day, s.level, s.scope) for s in db.steps(series)
            ]
            assert sorted(
                (m.policy, m.index) for s in da.steps(series) for m in s.measures
            ) == sorted((m.policy, m.index) for s in db.steps(series) for m in s.measures)


@given(datasets(max_policies=5), JURISDICTIONS)
@settings(deadline=None)
def test_uncertain_spans_are_where_series_differ(dataset: Dataset, jurisdiction: str) -> None:
    """Marks a day uncertain exactly when the two series disagree on it."""
    tl = timeline(dataset, jurisdiction, codebook=CODEBOOK)
    for dim in tl.dimensions:
        spans = dim.uncertain_spans()
        for day in _probe_days(dataset):
            a, b = dim.on(day, Series.EARLIEST), dim.on(day, Series.LATEST)
            differ = (a and (a.level, a.scope)) != (b and (b.level, b.scope))
            inside = any(lo <= day and (hi is None or day <= hi) for lo, hi in spans)
            assert differ == inside, (dim.dimension, day)


def test_levels_rest_on_the_measures_in_force() -> None:
    """Names, for each step, the measures at the level and scope in force."""
    dataset = _example()
    tl = timeline(dataset, "CN", codebook=CODEBOOK)
    identity = tl.dimension("identity")
    assert [(str(s.day), s.level) for s in identity.earliest] == [
        ("2012-12-28", 2),
        ("2013-09-01", 3),
        ("2014-12-31", 2),
    ]
    assert [m.policy for m in identity.earliest[1].measures] == ["b"]
    assert identity.uncertain_spans() == (
        (pendulum.Date(2013, 9, 1), pendulum.Date(2013, 9, 29)),
        (pendulum.Date(2014, 1, 1), pendulum.Date(2014, 12, 30)),
    )


def test_subdivision_policies_count_as_targeted() -> None:
    """Counts a Shanghai policy in China's timeline as targeted, and in Shanghai's as general."""
    dataset = _example()
    national = timeline(dataset, "CN", codebook=CODEBOOK).dimension("user_sanctions")
    local = timeline(dataset, "CN-SH", codebook=CODEBOOK).dimension("user_sanctions")
    assert national.earliest[0].scope is Scope.TARGETED
    assert local.earliest[0].scope is Scope.GENERAL
    without = timeline(dataset, "CN", subdivisions=False, codebook=CODEBOOK).dimension(
        "user_sanctions"
    )
    assert without.earliest == ()


def test_proposed_and_undated_policies_are_reported() -> None:
    """Leaves out drafts and undated policies, and says which."""
    from policytrack import PolicyKind, PolicyStatus

    dataset = _example(
        _policy("draft", "CN", [("blocking", 3)], eff="2021-10", status=PolicyStatus.PROPOSED),
        _policy("undated", "CN", [("blocking", 2)], kind=PolicyKind.STANDING_PRACTICE),
    )
    tl = timeline(dataset, "CN", codebook=CODEBOOK)
    assert tl.excluded == ("draft",)
    assert tl.undated == ("undated",)
    assert tl.dimension("blocking").earliest == ()


# Examples ---------------------------------------------------------------------------------

from policytrack import (  # noqa: E402
    DatasetInfo,
    Evidence,
    Measure,
    Policy,
    PolicyKind,
    PolicyStatus,
    Reliability,
    Source,
    UncertainDate,
)

_EVIDENCE = (Evidence("s", "x", 0, 1),)


def _policy(
    pid: str,
    jurisdiction: str,
    measures: list[tuple[str, int]],
    *,
    eff: str | None = None,
    ended: str | None = None,
    kind: PolicyKind = PolicyKind.LAW,
    status: PolicyStatus = PolicyStatus.IN_FORCE,
) -> Policy:
    return Policy(
        pid,
        pid,
        jurisdiction,
        kind,
        status,
        tuple(Measure(d, lvl, "r", _EVIDENCE) for d, lvl in measures),
        _EVIDENCE,
        effective=UncertainDate(eff) if eff else None,
        ended=UncertainDate(ended) if ended else None,
    )


def _example(*extra: Policy) -> Dataset:
    source = Source("s", "t", "o", UncertainDate("2020"), Reliability.NGO, "0" * 64, 10)
    return Dataset(
        DatasetInfo("t", "t"),
        sources=(source,),
        policies=(
            _policy("a", "CN", [("identity", 2), ("content", 2)], eff="2012-12-28"),
            _policy("b", "CN", [("identity", 3)], eff="2013-09", ended="2014"),
            _policy("c", "CN-SH", [("user_sanctions", 3)], eff="2023-07-15/2023-07-16"),
            *extra,
        ),
    )


def _contains(outer: tuple[Any, Any] | None, inner: tuple[Any, Any] | None) -> bool:
    """Whether the half-open span *inner* lies inside *outer* (an end of None: never out)."""
    if inner is None or (inner[1] is not None and inner[1] <= inner[0]):
        return True  # in force on no day
    if outer is None:
        return False
    starts_inside = inner[0] >= outer[0]
    ends_inside = outer[1] is None or (inner[1] is not None and inner[1] <= outer[1])
    return starts_inside and ends_inside


@given(datasets(max_policies=5), JURISDICTIONS, st.sampled_from(StartRule))
@settings(max_examples=60)
def test_measure_dates_never_move_a_measure_outside_its_policy(
    dataset: Dataset, jurisdiction: str, start_rule: StartRule
) -> None:
    """Places a measure with its own dates inside the span its policy gives it, in both series."""
    undated = dataset.with_records(
        *(
            attrs.evolve(
                p, measures=tuple(attrs.evolve(m, effective=None, ended=None) for m in p.measures)
            )
            for p in dataset.policies
        )
    )
    own = timeline(dataset, jurisdiction, start_rule=start_rule, codebook=CODEBOOK)
    policy_span = {
        (m.policy, m.index): m
        for m in timeline(undated, jurisdiction, start_rule=start_rule, codebook=CODEBOOK).measures
    }
    for measure in own.measures:
        outer = policy_span[measure.policy, measure.index]
        assert _contains(outer.earliest, measure.earliest)
        assert _contains(outer.latest, measure.latest)


def test_a_measure_dated_later_counts_from_its_own_date() -> None:
    """Counts a measure from its own date, not its policy's: the WeChat clean-up of March 2014.

    "In March, the social media crackdown spread to Tencent's messaging service WeChat, which
    saw dozens of popular accounts deleted or suspended" (cdt-2014-wechat-crackdown).
    """
    from policytrack import load_bundled

    found = {
        m.dimension: (m.earliest[0].isoformat(), str(m.start))
        for m in timeline(load_bundled(), "CN", codebook=CODEBOOK).measures
        if m.policy == "cn-2013-social-media-crackdown"
    }
    assert found["content"] == ("2014-03-01", "2014-03")
    # Bloggers "interrogated or detained", one of them "detained in August": the policy's date.
    assert found["user_sanctions"] == ("2013-08-01", "2013-08")
