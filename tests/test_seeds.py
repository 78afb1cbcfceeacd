"""The bundled dataset: every quote where it says it is, and answers a reader can check."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest

import policytrack
from policytrack import Dataset, Metric, QuantityKind, Series, bundled_codebook, load_bundled

# The bundled dataset names codebook 2.0 in its dataset.toml.
CODEBOOK = bundled_codebook("2.0")


@pytest.fixture(scope="module")
def seeds() -> Dataset:
    return load_bundled()


def test_every_quote_and_hash_matches_the_texts(seed_texts: Path) -> None:
    """Finds every quote at its offsets, with its prefix and suffix, in texts whose hashes match."""
    dataset = load_bundled(sources=seed_texts)
    texts = policytrack.read_texts(seed_texts, dataset)
    assert sorted(texts) == sorted(s.id for s in dataset.sources)
    assert policytrack.verify_evidence(dataset, texts) == []


def test_no_record_is_an_orphan(seeds: Dataset) -> None:
    """Cites every source, and refers to every agency and platform from some other record."""
    from policytrack.model.query import references_to

    for record in (*seeds.sources, *seeds.agencies, *seeds.platforms):
        assert references_to(seeds, record.id), record.id


def test_every_policy_has_measures_with_reasons_and_quotes(seeds: Dataset) -> None:
    """Gives every measure a reason and a quote, and says why a policy without one has none.

    Coding rule 3.6 keeps a policy the text only names, or reports only through claims, with no
    measure; its notes must then say so. Seven policies are such (e.g. the Heroes and Martyrs
    law: "the Heroes and Martyrs Protection Law implemented in 2018", a name in a list).
    """
    bare = set()
    for policy in seeds.policies:
        assert policy.evidence
        if not policy.measures:
            bare.add(policy.id)
            assert policy.notes and "measure" in policy.notes, policy.id
        for measure in policy.measures:
            assert measure.reason.strip() and measure.evidence
    assert len(bare) == 7 and "cn-2018-heroes-martyrs-protection-law" in bare


def test_december_2012_real_name_decision(seeds: Dataset) -> None:
    """Dates the NPC Standing Committee's real-name decision to Friday 28 December 2012."""
    decision = seeds.policy("cn-2012-npcsc-real-name-decision")
    assert decision.announced is not None and decision.effective is not None
    assert decision.announced.edtf == "2012-12-28"
    assert "npcsc" in decision.issuers
    levels = {m.dimension: m.level for m in decision.measures}
    assert levels["identity"] == 2  # real names to providers, pseudonyms still allowed


def _outcome(seeds: Dataset, outcome_id: str) -> tuple[int | None, int | None, QuantityKind]:
    outcome = seeds.get(outcome_id)
    assert isinstance(outcome, policytrack.Outcome)
    return outcome.quantity.low, outcome.quantity.high, outcome.quantity.kind


def test_cac_cleaned_up_54_3_million_items_in_2022(seeds: Dataset) -> None:
    """Records the CAC's 54.3 million pieces of information cleaned up in 2022, as its claim.

    "said it cleaned up 54.3 million pieces of information it deemed undesirable in 2022 alone"
    (register-2023-security-barrier): the agency's own figure, set aside from totals of
    controls unless claims are asked for.
    """
    assert _outcome(seeds, "out-2022-cac-information-cleaned-up") == (
        54_300_000,
        54_300_000,
        QuantityKind.EXACT,
    )
    window = {"start": pendulum.Date(2022, 1, 1), "end": pendulum.Date(2022, 12, 31)}
    totals = policytrack.outcome_totals(seeds, metric=Metric.CONTENT_REMOVED, **window)
    assert totals.totals == ()
    assert totals.set_aside == ("out-2022-cac-information-cleaned-up",)
    claims = policytrack.outcome_totals(
        seeds, metric=Metric.CONTENT_REMOVED, roles=(policytrack.OutcomeRole.CLAIM,), **window
    )
    assert [(t.low, t.high) for t in claims.totals] == [(54_300_000, 54_300_000)]


def test_police_tallies_of_the_2023_anti_rumour_campaign(seeds: Dataset) -> None:
    """Records the 2023 police tallies as the South China Morning Post relayed them.

    Shanghai: 258 people and 460 accounts; Sichuan: 5 people, 52 cases and 116 accounts. The
    police's own figures ("Shanghai police already reported on Chinese social media website
    Weibo"), so role claim.
    """
    assert _outcome(seeds, "out-2023-shanghai-people-targeted")[:2] == (258, 258)
    assert _outcome(seeds, "out-2023-shanghai-accounts-closed")[:2] == (460, 460)
    assert _outcome(seeds, "out-2023-sichuan-people-dealt-with")[:2] == (5, 5)
    assert _outcome(seeds, "out-2023-sichuan-rumour-cases")[:2] == (52, 52)
    assert _outcome(seeds, "out-2023-sichuan-accounts-closed")[:2] == (116, 116)
    by_place = policytrack.outcome_totals(
        seeds,
        by=policytrack.GroupBy.PLACE,
        metric=Metric.ACCOUNTS_CLOSED,
        start=pendulum.Date(2023, 7, 1),
        end=pendulum.Date(2023, 7, 31),
        roles=(policytrack.OutcomeRole.CLAIM,),
    )
    assert {t.group: t.low for t in by_place.totals} == {"CN-SH": 460, "CN-SC": 116}
    shanghai = seeds.get("out-2023-shanghai-accounts-closed")
    assert isinstance(shanghai, policytrack.Outcome)
    assert shanghai.via == ("Weibo", "South China Morning Post")


def test_xu_zhiyong_sentenced_to_four_years(seeds: Dataset) -> None:
    """Records Xu Zhiyong's four-year sentence, handed down the month before February 2014."""
    outcome = seeds.get("out-2014-xu-zhiyong-sentence")
    assert isinstance(outcome, policytrack.Outcome)
    assert (outcome.quantity.low, outcome.unit, outcome.unit_qualifier) == (
        4,
        policytrack.Unit.YEARS,
        "of imprisonment",
    )
    assert outcome.period is not None and outcome.period.edtf == "2014-01"


def test_controls_in_china_escalated_from_2012_to_2023(seeds: Dataset) -> None:
    """Shows the composite for China rising from 47.6 to 76.2 between 2012 and 2023.

    Five steps: users "must now give their real names to service providers" (2012-12-28), the
    "September rule" making rumours "a criminal offense" (2013-09), WeChat's "dozens of popular
    accounts deleted or suspended" (2014-03), guidelines that "urge" government to bring ideology
    "under control" (2021-08) and Xi's directive Party committees "must work to ensure" is
    implemented (2023-07-15).
    """
    result = policytrack.escalation(
        seeds, "CN", pendulum.Date(2012, 1, 1), pendulum.Date(2023, 12, 31), codebook=CODEBOOK
    )
    assert result.start_value == pytest.approx(47.62, abs=0.01)
    assert result.end_value == pytest.approx(76.19, abs=0.01)
    steps = {str(s.day): [c.policy for c in s.causes] for s in result.composite_steps}
    assert "cn-2012-npcsc-real-name-decision" in steps["2012-12-28"]
    assert "cn-2023-xi-security-barrier-directive" in steps["2023-07-15"]


def test_real_name_decision_is_stricter_than_the_security_barrier(seeds: Dataset) -> None:
    """Finds the 2012 decision stricter overall, the 2023 directive stricter on ideology."""
    result = policytrack.compare_policies(
        seeds,
        "cn-2012-npcsc-real-name-decision",
        "cn-2023-xi-security-barrier-directive",
        codebook=CODEBOOK,
    )
    assert result.stricter is policytrack.Stricter.FIRST
    assert "ideology" in result.stricter_on[policytrack.Stricter.SECOND]


def test_escalation_between_2013_and_2014_holds_in_both_series(seeds: Dataset) -> None:
    """Finds the 2013-14 rise robust in both series, not resting on user sanctions alone.

    Besides the "September rule" (user sanctions), the earliest series has WeChat's "dozens of
    popular accounts deleted or suspended" in March 2014 (content), so leaving out user
    sanctions keeps a rise: margin 7.1 points.
    """
    start, end = pendulum.Date(2013, 1, 1), pendulum.Date(2014, 12, 31)
    latest = policytrack.sensitivity(
        seeds, policytrack.CompositeRose("CN", start, end, series=Series.LATEST), codebook=CODEBOOK
    )
    earliest = policytrack.sensitivity(
        seeds, policytrack.CompositeRose("CN", start, end), codebook=CODEBOOK
    )
    assert latest.robust
    assert earliest.robust
    assert "without user_sanctions" not in [v.name for v in earliest.flips]
    assert earliest.baseline.margin == pytest.approx(7.14, abs=0.01)


def test_what_happened_to_linkedin_and_yahoo(seeds: Dataset) -> None:
    """Lists LinkedIn's and Yahoo's exits from China in 2021."""
    for platform, outcome in (
        ("linkedin", "out-2021-linkedin-exit"),
        ("yahoo", "out-2021-yahoo-exit"),
    ):
        events = policytrack.platform_timeline(seeds, platform).events
        exits = {e.record: e for e in events if e.kind is policytrack.EventKind.EXIT}
        assert outcome in exits
        date = exits[outcome].date
        assert date is not None and date.earliest.year == date.latest.year == 2021
