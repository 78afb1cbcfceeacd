"""The crosswalk to Freedom on the Net: its data, its checks, and KICs read from a dataset."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import policytrack as pt
from policytrack.analysis.crosswalk import (
    Certainty,
    Coverage,
    FotnCategory,
    KicBasis,
    bundled_crosswalk,
    coverage_period,
    fotn_category,
    key_internet_controls,
    load_crosswalk,
)
from policytrack.testing.strategies import codebooks, datasets
from tests._settings import FEWER

DATA = Path(pt.__file__).parent / "data" / "fotn-crosswalk.toml"
CODEBOOK = pt.bundled_codebook()
BUNDLED = pt.load_bundled()


def _kics(year: int, coverage: Coverage = Coverage.CALENDAR) -> pt.KicReport:
    return key_internet_controls(BUNDLED, "CN", year, coverage=coverage, codebook=CODEBOOK)


# The data --------------------------------------------------------------------------------------


def test_lists_fotns_nine_key_internet_controls_in_order() -> None:
    """Names FOTN's nine Key Internet Controls in FOTN's wording and order."""
    assert [k.label for k in bundled_crosswalk().kics] == [
        "Social media or communications apps blocked",
        "Political, social, or religious content blocked",
        "Localized or nationwide ICT shutdown",
        "Pro-government commentators manipulate online discussions",
        "New law or directive increasing censorship or punishment passed",
        "New law or directive increasing surveillance or restricting anonymity passed",
        "Blogger or ICT user arrested, imprisoned, or in prolonged detention for political or "
        "social content",
        "Blogger or ICT user physically attacked or killed",
        "Technical attacks against government critics or human rights organizations",
    ]


def test_covers_every_dimension_and_level_of_the_bundled_codebook() -> None:
    """Maps every dimension and every level of internet-controls, and nothing else."""
    crosswalk = bundled_crosswalk()
    assert crosswalk.problems(CODEBOOK) == ()
    assert crosswalk.codebook == CODEBOOK.id
    for dim in CODEBOOK.dimensions:
        levels = crosswalk.dimension(dim.id).levels
        assert [level.value for level in levels] == [level.value for level in dim.levels]
        assert all(level.rationale.strip() for level in levels)


def test_in_force_controls_never_fall_as_a_level_rises() -> None:
    """Evidences, at each level, every in-force KIC the level below evidences."""
    crosswalk = bundled_crosswalk()
    in_force = {k.id for k in crosswalk.kics if k.basis is KicBasis.IN_FORCE}
    for dim in crosswalk.dimensions:
        for lower, upper in zip(dim.levels, dim.levels[1:], strict=False):
            below = set(lower.kics + lower.possible_kics) & in_force
            assert below <= set(upper.kics + upper.possible_kics), (dim.id, upper.value)


@pytest.mark.parametrize(
    ("dimension", "level", "category"),
    [
        ("identity", None, FotnCategory.VIOLATIONS_OF_USER_RIGHTS),
        ("content", None, FotnCategory.LIMITS_ON_CONTENT),
        ("blocking", None, FotnCategory.LIMITS_ON_CONTENT),
        ("blocking", 2, FotnCategory.LIMITS_ON_CONTENT),
        ("blocking", 4, FotnCategory.OBSTACLES_TO_ACCESS),
        ("surveillance", None, FotnCategory.VIOLATIONS_OF_USER_RIGHTS),
        ("user_sanctions", 3, FotnCategory.VIOLATIONS_OF_USER_RIGHTS),
        ("platform_obligations", None, FotnCategory.LIMITS_ON_CONTENT),
        ("ideology", None, FotnCategory.LIMITS_ON_CONTENT),
    ],
)
def test_places_each_dimension_in_a_fotn_category(
    dimension: str, level: int | None, category: FotnCategory
) -> None:
    """Places each dimension, and a shutdown level on its own, in a FOTN category."""
    assert fotn_category(dimension, level) is category


def test_names_categories_as_fotn_does() -> None:
    """Labels the three categories as FOTN does."""
    assert [c.label for c in FotnCategory] == [
        "A. Obstacles to access",
        "B. Limits on content",
        "C. Violations of user rights",
    ]


def test_an_unknown_dimension_or_level_is_not_found() -> None:
    """Raises a NotFoundError, a LookupError, naming the dimensions that exist."""
    with pytest.raises(pt.NotFoundError, match="known: identity, content"):
        fotn_category("speech")
    with pytest.raises(LookupError, match="levels 0-4"):
        fotn_category("blocking", 5)


def test_loads_the_bundled_file_from_a_path(tmp_path: Path) -> None:
    """Loads the same crosswalk from a copy of the file, and reports a missing file."""
    copy = tmp_path / "crosswalk.toml"
    copy.write_text(DATA.read_text("utf-8"), "utf-8")
    assert load_crosswalk(copy) == bundled_crosswalk()
    with pytest.raises(pt.NotFoundError, match="no such crosswalk file"):
        load_crosswalk(tmp_path / "missing.toml")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('kics = ["surveillance-law"]', 'kics = ["surveilance-law"]', "unknown KIC"),
        ('kics = ["surveillance-law"]', 'kics = ["users-arrested"]', "only an outcome"),
        ('category = "C"', 'category = "D"', r"dimensions\[0\]\.category: expected one of"),
        ('basis = "passed"', 'basis = "passed"\nweight = 1', "weight"),
    ],
)
def test_a_bad_crosswalk_file_is_a_located_data_error(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    """Rejects unknown KICs, impossible mappings, bad values and extra keys, saying where."""
    bad = tmp_path / "bad.toml"
    bad.write_text(DATA.read_text("utf-8").replace(old, new, 1), "utf-8")
    with pytest.raises(pt.DataError, match=message) as raised:
        load_crosswalk(bad)
    assert all(p.file == str(bad) for p in raised.value.problems)


@given(codebooks())
def test_a_codebook_that_differs_is_refused(codebook: pt.Codebook) -> None:
    """Refuses to read a dataset through a crosswalk made for another codebook."""
    problems = bundled_crosswalk().problems(codebook)
    assert problems, "a drawn codebook never has internet-controls' seven dimensions"
    with pytest.raises(pt.DataError):
        key_internet_controls(pt.Dataset(pt.DatasetInfo("x", "x")), "CN", 2020, codebook=codebook)


# Coverage periods ------------------------------------------------------------------------------


@given(st.integers(1995, 2100), st.sampled_from(Coverage))
def test_a_year_covers_twelve_months(year: int, coverage: Coverage) -> None:
    """Covers twelve whole months, ending in the year named."""
    start, end = coverage_period(year, coverage)
    assert end.year == year
    assert start.add(years=1).subtract(days=1) == end
    assert (start.month, start.day) == ((1, 1) if coverage is Coverage.CALENDAR else (6, 1))


# Reading the bundled dataset -------------------------------------------------------------------


def test_in_2023_arrests_are_only_possible_from_the_anti_rumour_campaign() -> None:
    """Finds the 2023 campaign's people 'targeted' and 'dealt with', which need not be arrests."""
    report = _kics(2023)
    arrests = report.finding("users-arrested")
    assert arrests is not None and arrests.certainty is Certainty.POSSIBLE
    assert {e.record for e in arrests.evidence} == {
        "out-2023-shanghai-people-targeted",
        "out-2023-sichuan-people-dealt-with",
    }
    for item in arrests.evidence:
        outcome = BUNDLED.get(item.record)
        assert isinstance(outcome, pt.Outcome)
        assert outcome.policies == ("cn-2023-mps-anti-rumour-campaign",)
        assert outcome.metric is pt.Metric.PEOPLE_TARGETED
        assert item.quotes == outcome.evidence
        # Both are the police's own figures: in Sichuan they "dealt with five individuals".
        assert outcome.role is pt.OutcomeRole.CLAIM
        assert "the enforcing agency's own claim" in item.reason


def test_a_context_figure_evidences_no_control() -> None:
    """Leaves Xu Zhiyong's sentence, coded as context to the 2014 crackdown, out of the KICs.

    The arrests KIC of 2014 rests on the bloggers detained and interrogated instead.
    """
    sentence = BUNDLED.get("out-2014-xu-zhiyong-sentence")
    assert isinstance(sentence, pt.Outcome) and sentence.role is pt.OutcomeRole.CONTEXT
    arrests = _kics(2014).finding("users-arrested")
    assert arrests is not None
    assert {e.record for e in arrests.evidence} == {
        "out-2013-microbloggers-arrested",
        "out-2014-bloggers-interrogated-or-detained",
    }


def test_in_2023_china_certainly_blocks_apps_and_content() -> None:
    """Shows the Great Firewall's blocking as certain and Xi's directive as possible censorship."""
    report = _kics(2023)
    assert report.certain() == ("apps-blocked", "content-blocked")
    law = report.finding("censorship-law")
    assert law is not None and law.certainty is Certainty.POSSIBLE
    assert [e.record for e in law.evidence] == ["cn-2023-xi-security-barrier-directive"]
    assert report.start == pendulum.Date(2023, 1, 1) and report.end == pendulum.Date(2023, 12, 31)


def test_in_2013_a_blogger_was_certainly_detained() -> None:
    """Counts Charles Xue's detention in August 2013 as certain evidence of the arrests KIC."""
    report = _kics(2013)
    arrests = report.finding("users-arrested")
    assert arrests is not None and arrests.certainty is Certainty.CERTAIN
    assert arrests.evidence[0].record == "out-2013-charles-xue-detained"
    assert arrests.evidence[0].certainty is Certainty.CERTAIN
    law = report.finding("censorship-law")
    assert law is not None
    # The plenum's "new limits on critics" says not what they are, so under codebook 2.0 it
    # has no measure and evidences nothing; the "September rule" making rumours "a criminal
    # offense punishable by jail" remains.
    assert {e.record for e in law.evidence if e.certainty is Certainty.CERTAIN} == {
        "cn-2013-online-rumour-rule",
    }


def test_in_2012_the_real_name_decision_is_a_new_surveillance_law() -> None:
    """Evidences both new-law KICs in 2012 from the NPC Standing Committee's decision."""
    report = _kics(2012)
    for kic in ("censorship-law", "surveillance-law"):
        finding = report.finding(kic)
        assert finding is not None and finding.certainty is Certainty.CERTAIN
        assert finding.evidence[0].record == "cn-2012-npcsc-real-name-decision"


def test_fotn_coverage_reads_june_to_may() -> None:
    """Reads FOTN 2014's period, June 2013 to May 2014, which holds the September 2013 rule."""
    report = _kics(2014, Coverage.FOTN)
    assert (report.start, report.end) == (pendulum.Date(2013, 6, 1), pendulum.Date(2014, 5, 31))
    law = report.finding("censorship-law")
    assert law is not None and law.certainty is Certainty.CERTAIN
    assert "cn-2013-online-rumour-rule" in {e.record for e in law.evidence}
    assert _kics(2014).finding("censorship-law") is None


def test_nothing_evidences_the_controls_the_codebook_does_not_cover() -> None:
    """Leaves commentators, attacks and shutdowns unevidenced in every year of the dataset."""
    for year in range(2012, 2024):
        missing = {k.id for k in _kics(year).not_evidenced}
        assert {"commentators", "users-attacked", "technical-attacks", "shutdown"} <= missing


# Properties ------------------------------------------------------------------------------------


@FEWER
@given(datasets(max_policies=4), st.integers(2010, 2024), st.sampled_from(Coverage))
def test_findings_partition_the_kics_and_rest_on_mapped_records(
    data: pt.Dataset, year: int, coverage: Coverage
) -> None:
    """Splits the KICs into found and not found, each found one resting on mapped records."""
    crosswalk = bundled_crosswalk()
    report = key_internet_controls(data, "CN", year, coverage=coverage, codebook=CODEBOOK)
    found = [f.kic for f in report.findings]
    assert sorted([*found, *report.not_evidenced], key=crosswalk.kics.index) == list(crosswalk.kics)
    assert found == sorted(found, key=crosswalk.kics.index)
    for finding in report.findings:
        assert finding.evidence
        certain = [e.certainty is Certainty.CERTAIN for e in finding.evidence]
        assert certain == sorted(certain, reverse=True)
        assert (finding.certainty is Certainty.CERTAIN) == any(certain)
        for item in finding.evidence:
            record = data.get(item.record)
            if item.dimension is None:
                assert isinstance(record, pt.Outcome)
                assert record.role is not pt.OutcomeRole.CONTEXT
                if record.role is pt.OutcomeRole.CLAIM:
                    assert item.certainty is Certainty.POSSIBLE
                continue
            assert isinstance(record, pt.Policy)
            assert item.level is not None
            level = crosswalk.dimension(item.dimension).level(item.level)
            allowed = level.kics if item.certainty is Certainty.CERTAIN else level.possible_kics
            assert finding.kic.id in level.kics or finding.kic.id in allowed


@FEWER
@given(datasets(max_policies=2), st.integers(2010, 2023))
def test_an_outcome_over_by_a_year_end_is_absent_from_the_next_year(
    data: pt.Dataset, year: int
) -> None:
    """Leaves an outcome whose dates end within a year out of the next year's findings."""
    this = key_internet_controls(data, "CN", year, codebook=CODEBOOK)
    following = key_internet_controls(data, "CN", year + 1, codebook=CODEBOOK)
    later = {e.record for f in following.findings for e in f.evidence}
    for finding in this.findings:
        for item in finding.evidence:
            outcome = data.get(item.record)
            ended = isinstance(outcome, pt.Outcome) and outcome.period is not None
            if ended and outcome.period.latest.year == year:  # type: ignore[union-attr]
                assert item.record not in later
