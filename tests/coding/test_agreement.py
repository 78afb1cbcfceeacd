"""Intercoder reliability (policytrack.coding.agreement)."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from policytrack import (
    AlphaMetric,
    Dataset,
    MissingRule,
    Scope,
    bootstrap_alpha,
    bundled_codebook,
    intercoder_agreement,
    krippendorff_alpha,
    load,
    load_bundled,
)
from tests._settings import FEWER

SECOND = Path(__file__).parents[2] / "examples" / "second-coding"

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers,
# 12 units, values missing. Published: nominal 0.743, ordinal 0.815, interval 0.849.
A = [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None]
B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3]
C = [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None]
D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None]
EXAMPLE = [list(unit) for unit in zip(A, B, C, D, strict=True)]


@pytest.mark.parametrize(
    ("metric", "published"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849)],
)
def test_alpha_reproduces_krippendorffs_worked_example(metric: str, published: float) -> None:
    """Gives the published alpha of Krippendorff's (2011) worked example for each metric."""
    alpha = krippendorff_alpha(EXAMPLE, metric)
    assert alpha.value is not None and round(alpha.value, 3) == published
    assert alpha.pairable == 40  # unit 12 has one value only and is not pairable


def test_alpha_is_one_for_perfect_agreement_and_undefined_without_variation() -> None:
    """Gives 1 when coders agree on varied values, and None when every value is the same."""
    assert krippendorff_alpha([[1, 1], [2, 2], [3, 3]]).value == 1.0
    assert krippendorff_alpha([[2, 2], [2, 2]]).value is None
    assert krippendorff_alpha([[1, None], [None, 2]]).value is None  # nothing pairable


@given(
    st.lists(
        st.lists(st.one_of(st.none(), st.integers(0, 4)), min_size=2, max_size=4),
        min_size=1,
        max_size=20,
    ),
    st.sampled_from(list(AlphaMetric)),
)
def test_alpha_ignores_the_order_of_coders_and_units(
    units: list[list[int | None]], metric: AlphaMetric
) -> None:
    """Gives the same alpha whatever order the coders and the units come in."""
    if metric is AlphaMetric.RATIO:
        units = [[None if v is None else v + 1 for v in unit] for unit in units]
    forward = krippendorff_alpha(units, metric).value
    backward = krippendorff_alpha([list(reversed(u)) for u in reversed(units)], metric).value
    assert (forward is None) == (backward is None)
    if forward is not None and backward is not None:
        assert forward == pytest.approx(backward)
        assert forward <= 1.0 + 1e-9


@given(
    st.lists(st.integers(0, 4), min_size=1, max_size=30),
    st.integers(2, 4),
    st.sampled_from(list(AlphaMetric)),
)
def test_alpha_is_one_when_every_coder_agrees(
    values: list[int], coders: int, metric: AlphaMetric
) -> None:
    """Gives 1 for identical codings, or None when they hold a single value throughout."""
    units = [[value + 1] * coders for value in values]
    alpha = krippendorff_alpha(units, metric)
    assert alpha.observed == 0
    assert alpha.value == (None if len(set(values)) == 1 else 1.0)


def test_the_second_coding_gives_the_figures_of_the_coding_notes() -> None:
    """Reproduces 23 units, 82.6% level agreement and alpha 0.626 on all five articles.

    The coding notes' figures after resolution. Of the five level disagreements, four are one
    coder scoring what the other left unscored, e.g. the MPS campaign's accounts "shut down",
    known only from the police's own reports, which the first coding does not score (rule 3.3);
    the fifth is the scope of the data law "one of the world's toughest on personal data
    security", which says nothing of its reach (targeted against general).
    """
    result = intercoder_agreement(load_bundled(), load(SECOND), bundled_codebook("2.0"))
    assert result.sources == (
        "bloomberg-2014-kerry-bloggers",
        "care2-2012-real-name",
        "cdt-2014-wechat-crackdown",
        "register-2023-security-barrier",
        "scmp-2021-civilised-internet",
    )
    overall = result.overall
    assert (overall.units, overall.level_agreements) == (23, 19)
    assert (overall.scope_units, overall.scope_agreements, overall.full_agreements) == (17, 16, 18)
    assert result.alpha is not None and round(result.alpha, 3) == 0.626
    assert round(overall.alpha.observed, 3) == 92.804
    assert round(overall.alpha.expected, 3) == 248.422
    assert result.scope_alpha.value is not None and round(result.scope_alpha.value, 3) == 0.853
    pairs = {(m.first, m.second) for m in result.matches}
    assert ("cn-great-firewall", "cn-great-firewall") in pairs
    assert ("cn-2023-mps-anti-rumour-campaign", "cn-2023-mps-anti-rumour-campaign") in pairs
    assert ("cn-2018-heroes-martyrs-protection-law", None) in pairs
    assert [(u.first_policy, u.dimension) for u in result.disagreements] == [
        ("cn-2013-social-media-crackdown", "content"),
        ("cn-2014-wechat-month-long-campaign", "user_sanctions"),
        ("cn-2021-fan-club-regulations", "content"),
        ("cn-2021-personal-information-protection-law", "platform_obligations"),
        ("cn-2023-mps-anti-rumour-campaign", "user_sanctions"),
    ]
    pipl = result.disagreements[3]
    assert (pipl.first_scope, pipl.second_scope) == (Scope.TARGETED, Scope.GENERAL)
    assert pipl.first_evidence and pipl.second_evidence
    level = next(v for v in result.variables if v.variable == "level")
    assert (level.units, level.agreements) == (23, 19)
    assert level.interval.low is not None and level.interval.high is not None
    assert (round(level.interval.low, 3), round(level.interval.high, 3)) == (-0.03, 0.999)
    role = next(v for v in result.variables if v.variable == "role")
    assert (role.units, role.agreements) == (25, 22)


def test_leaving_out_one_sided_dimensions_changes_the_units() -> None:
    """Compares only dimensions both coders scored with missing="skip": all 19 then agree."""
    result = intercoder_agreement(
        load_bundled(), load(SECOND), bundled_codebook("2.0"), missing=MissingRule.SKIP
    )
    assert (result.overall.units, result.overall.level_agreements) == (19, 19)


def test_only_the_sources_asked_for_are_compared() -> None:
    """Restricts the comparison to the sources given."""
    result = intercoder_agreement(
        load_bundled(),
        load(SECOND),
        bundled_codebook(),
        sources=["bloomberg-2014-kerry-bloggers"],
    )
    assert result.sources == ("bloomberg-2014-kerry-bloggers",)
    # Only the two policies both codings quote from Bloomberg give units: the plenum's "new
    # limits on critics" has no measure, and the second coding quotes the Great Firewall from
    # other articles only.
    assert {u.first_policy for u in result.units} == {
        "cn-2013-online-rumour-rule",
        "cn-2013-social-media-crackdown",
    }


def test_sources_are_matched_by_hash_not_id() -> None:
    """Compares the same texts even when the second coding gives them other ids."""
    second = load(SECOND)
    renamed = _rename_source(second, "register-2023-security-barrier", "the-register")
    result = intercoder_agreement(load_bundled(), renamed, bundled_codebook())
    assert (result.overall.units, result.overall.level_agreements) == (23, 19)


def _rename_source(dataset: Dataset, old: str, new: str) -> Dataset:
    def fix(record: object) -> object:
        changes: dict[str, object] = {}
        if getattr(record, "id", None) == old:
            changes["id"] = new
        for name in ("evidence",):
            if hasattr(record, name):
                changes[name] = tuple(
                    attrs.evolve(e, source=new) if e.source == old else e
                    for e in getattr(record, name)
                )
        if hasattr(record, "measures"):
            changes["measures"] = tuple(fix(m) for m in record.measures)  # type: ignore[attr-defined]
        return attrs.evolve(record, **changes) if changes else record  # type: ignore[misc]

    return Dataset(
        dataset.info,
        **{
            name: tuple(fix(r) for r in getattr(dataset, name))  # type: ignore[misc]
            for name in (
                "sources",
                "agencies",
                "platforms",
                "policies",
                "links",
                "outcomes",
                "claims",
            )
        },
    )


def test_a_coding_agrees_with_itself() -> None:
    """Matches every policy to itself, with full agreement and alpha 1."""
    dataset = load_bundled()
    result = intercoder_agreement(dataset, dataset, bundled_codebook())
    assert all(m.first == m.second and m.overlap == 1.0 for m in result.matches)
    assert result.overall.level_agreements == result.overall.units > 0
    assert result.alpha == 1.0 and result.disagreements == ()


@given(st.data())
@FEWER
def test_agreement_is_symmetric_in_the_two_codings(data: st.DataObject) -> None:
    """Gives the same units, agreement and alpha with the two codings swapped."""
    first = load_bundled()
    policies = []
    for policy in first.policies:
        measures = tuple(
            attrs.evolve(m, level=data.draw(st.integers(0, 3))) if data.draw(st.booleans()) else m
            for m in policy.measures
        )
        policies.append(attrs.evolve(policy, measures=measures))
    second = attrs.evolve(first, policies=tuple(policies))
    book = bundled_codebook()
    forward = intercoder_agreement(first, second, book, resamples=20)
    backward = intercoder_agreement(second, first, book, resamples=20)
    assert [(v.variable, v.units, v.agreements) for v in forward.variables] == [
        (v.variable, v.units, v.agreements) for v in backward.variables
    ]
    assert forward.overall.units == backward.overall.units
    assert forward.overall.level_agreements == backward.overall.level_agreements
    assert forward.alpha == backward.alpha or (
        forward.alpha is not None
        and backward.alpha is not None
        and forward.alpha == pytest.approx(backward.alpha)
    )
    assert {(m.first, m.second) for m in forward.matches} == {
        (m.second, m.first) for m in backward.matches
    }


@given(
    st.lists(
        st.lists(st.one_of(st.none(), st.integers(0, 3)), min_size=2, max_size=2), max_size=30
    ),
    st.integers(0, 2**32 - 1),
)
@FEWER
def test_the_bootstrap_interval_is_ordered_and_reproducible(
    units: list[list[int | None]], seed: int
) -> None:
    """Gives low <= high, the same interval for the same seed, and bounds within alpha's range."""
    first = bootstrap_alpha(units, "ordinal", resamples=50, seed=seed)
    assert first == bootstrap_alpha(units, "ordinal", resamples=50, seed=seed)
    if first.low is None:
        assert first.high is None and first.resamples == 0
    else:
        assert first.high is not None
        assert first.low <= first.high <= 1.0


def test_the_bootstrap_of_perfect_agreement_is_one() -> None:
    """Every resample of units on which coders agree (with variation) has alpha 1."""
    units = [[v, v] for v in (0, 1, 2, 3) * 5]
    interval = bootstrap_alpha(units, "ordinal", resamples=200)
    assert (interval.low, interval.high) == (1.0, 1.0)


@pytest.mark.parametrize("metric", ["nominal", "ordinal", "interval"])
def test_the_bootstrap_interval_holds_the_worked_examples_alpha(metric: str) -> None:
    """On Krippendorff's worked example, the 95% interval holds the published alpha."""
    point = krippendorff_alpha(EXAMPLE, metric).value
    interval = bootstrap_alpha(EXAMPLE, metric)
    assert point is not None and interval.low is not None and interval.high is not None
    assert interval.low < point < interval.high
    assert interval.resamples == 1000


def test_every_variable_agrees_fully_when_a_coding_meets_itself() -> None:
    """Compared with itself, each variable agrees on every unit, with alpha 1 where defined."""
    dataset = load_bundled()
    result = intercoder_agreement(dataset, dataset, bundled_codebook(), resamples=20)
    names = [v.variable for v in result.variables]
    assert names == ["level", "scope", "dimension", "start", "end", "role"]
    for v in result.variables:
        assert v.agreements == v.units, v.variable
        assert v.alpha.value in (1.0, None), v.variable
    matched = sum(1 for m in result.matches if m.first and m.second)
    dimension = result.variables[2]
    assert dimension.units == matched * len(bundled_codebook().dimensions)
    assert len(result.outcome_matches) == len(dataset.outcomes)
