"""A crosswalk from a codebook to Freedom on the Net's categories and Key Internet Controls.

``policytrack.analysis.crosswalk`` (``policytrack.crosswalk`` before release 0.2).

Freedom House's *Freedom on the Net* (FOTN) scores each country every year in three categories,
A. Obstacles to access, B. Limits on content and C. Violations of user rights, and reports which
of nine **Key Internet Controls** (KICs) the country used in the year ("Social media or
communications apps blocked", "Blogger or ICT user arrested, imprisoned, or in prolonged
detention for political or social content", ...). The crosswalk is data
(``policytrack/data/fotn-crosswalk.toml``): for each dimension and level of a codebook, the FOTN
category and the KICs a measure at that level evidences, with a rationale; and for each outcome
metric, the KICs an outcome evidences.

:func:`key_internet_controls` reads a dataset through it: which KICs the dataset evidences in a
jurisdiction over a year, with the measures and outcomes behind each. Evidence is *certain* or
only *possible*, as the timeline's two series are: possible when a record's dates allow it to
fall in the year without making it certain, or when the level's or metric's meaning covers
cases FOTN would not count.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import attrs
import pendulum

from policytrack.analysis.defaults import own_codebook
from policytrack.analysis.timeline import applies_in, timeline
from policytrack.errors import DataError
from policytrack.model.arguments import Jurisdiction, Year, checked, legacy_codebook
from policytrack.model.codebook import Codebook
from policytrack.model.dataset import Dataset
from policytrack.model.dates import UncertainDate
from policytrack.model.fotn import (
    Crosswalk,
    DimensionMapping,
    KeyInternetControl,
    LevelMapping,
    MetricMapping,
    known_kic_ids,
)
from policytrack.model.jurisdictions import within
from policytrack.model.records import (
    Evidence,
    Outcome,
    Platform,
    PlatformKind,
    PolicyStatus,
)
from policytrack.storage.resources import bundled_toml, load_toml
from policytrack.vocab import Certainty, Coverage, FotnCategory, KicBasis, OutcomeRole, Series

__all__ = [
    "Certainty",
    "Coverage",
    "Crosswalk",
    "DimensionMapping",
    "FotnCategory",
    "KeyInternetControl",
    "KicBasis",
    "KicEvidence",
    "KicFinding",
    "KicReport",
    "LevelMapping",
    "MetricMapping",
    "bundled_crosswalk",
    "coverage_period",
    "fotn_category",
    "key_internet_controls",
    "load_crosswalk",
]


# Reading a dataset through a crosswalk ---------------------------------------------------------


@attrs.frozen
class KicEvidence:
    """One measure or outcome that evidences a KIC.

    Attributes:
        record: The policy's or outcome's id.
        certainty: Certain, or only possible (see *reason*).
        reason: Why it counts, in one line.
        dimension: The dimension of the measure (None for an outcome).
        level: The level of the measure (None for an outcome).
        quotes: The quotes the measure or outcome rests on.
    """

    record: str
    certainty: Certainty
    reason: str
    dimension: str | None = None
    level: int | None = None
    quotes: tuple[Evidence, ...] = ()


@attrs.frozen
class KicFinding:
    """A KIC the dataset evidences in the period, with everything behind it.

    Attributes:
        kic: The control.
        evidence: The measures and outcomes, certain ones first.
    """

    kic: KeyInternetControl
    evidence: tuple[KicEvidence, ...]

    @property
    def certainty(self) -> Certainty:
        """Certain when any evidence is certain; otherwise possible."""
        if any(e.certainty is Certainty.CERTAIN for e in self.evidence):
            return Certainty.CERTAIN
        return Certainty.POSSIBLE


@attrs.frozen
class KicReport:
    """Which KICs a dataset evidences in a jurisdiction over a period.

    Attributes:
        jurisdiction: The ISO 3166 code.
        start: The first day of the period.
        end: The last day of the period.
        crosswalk: The crosswalk's id and version (``internet-controls-to-fotn 1.0``).
        findings: The KICs evidenced, in FOTN's order.
        not_evidenced: The KICs nothing in the dataset evidences in the period.
    """

    jurisdiction: str
    start: pendulum.Date
    end: pendulum.Date
    crosswalk: str
    findings: tuple[KicFinding, ...]
    not_evidenced: tuple[KeyInternetControl, ...]

    def finding(self, kic_id: str) -> KicFinding | None:
        """The finding for *kic_id*, or None when the dataset does not evidence it."""
        for found in self.findings:
            if found.kic.id == kic_id:
                return found
        return None

    def certain(self) -> tuple[str, ...]:
        """The ids of the KICs evidenced with certainty."""
        return tuple(f.kic.id for f in self.findings if f.certainty is Certainty.CERTAIN)


@checked
def coverage_period(
    year: Year, coverage: Coverage = Coverage.CALENDAR
) -> tuple[pendulum.Date, pendulum.Date]:
    """The first and last day a *year* names under *coverage*.

    ``coverage_period(2023, Coverage.FOTN)`` is 1 June 2022 to 31 May 2023, the period FOTN's
    2023 edition scores.
    """
    if coverage is Coverage.FOTN:
        return pendulum.Date(year - 1, 6, 1), pendulum.Date(year, 5, 31)
    return pendulum.Date(year, 1, 1), pendulum.Date(year, 12, 31)


def _placed(date: UncertainDate, start: pendulum.Date, end: pendulum.Date) -> Certainty | None:
    """Certain when every day *date* allows is in the period; possible when only some are."""
    if date.latest < start or date.earliest > end:
        return None
    if start <= date.earliest and date.latest <= end:
        return Certainty.CERTAIN
    return Certainty.POSSIBLE


def _weaker(a: Certainty, b: Certainty) -> Certainty:
    return Certainty.CERTAIN if a is b is Certainty.CERTAIN else Certainty.POSSIBLE


def _in_force(
    dataset: Dataset,
    codebook: Codebook,
    crosswalk: Crosswalk,
    jurisdiction: str,
    start: pendulum.Date,
    end: pendulum.Date,
) -> Iterator[tuple[str, KicEvidence]]:
    kinds = {k.id for k in crosswalk.kics if k.basis is KicBasis.IN_FORCE}
    for series in timeline(dataset, jurisdiction, codebook=codebook).dimensions:
        mapping = crosswalk.dimension(series.dimension)
        for which in (Series.LATEST, Series.EARLIEST):
            steps = series.steps(which)
            for i, step in enumerate(steps):
                last = steps[i + 1].day.subtract(days=1) if i + 1 < len(steps) else None
                if step.level is None or step.day > end or (last is not None and last < start):
                    continue
                level = mapping.level(step.level)
                dated = Certainty.CERTAIN if which is Series.LATEST else Certainty.POSSIBLE
                for kic, meant in _kics_of(level.kics, level.possible_kics, kinds):
                    certainty = _weaker(dated, meant)
                    for ref in step.measures:
                        policy = dataset.policy(ref.policy)
                        reason = f"{ref.dimension} level {ref.level} in force"
                        if dated is Certainty.POSSIBLE:
                            reason += " only if its dates fall early (earliest series)"
                        if meant is Certainty.POSSIBLE:
                            reason += "; the level only possibly evidences this control"
                        yield (
                            kic,
                            KicEvidence(
                                ref.policy,
                                certainty,
                                reason,
                                ref.dimension,
                                ref.level,
                                policy.measures[ref.index].evidence,
                            ),
                        )


def _kics_of(
    kics: tuple[str, ...], possible: tuple[str, ...], allowed: set[str]
) -> Iterator[tuple[str, Certainty]]:
    for kic in kics:
        if kic in allowed:
            yield kic, Certainty.CERTAIN
    for kic in possible:
        if kic in allowed and kic not in kics:
            yield kic, Certainty.POSSIBLE


def _passed(
    dataset: Dataset,
    crosswalk: Crosswalk,
    jurisdiction: str,
    start: pendulum.Date,
    end: pendulum.Date,
) -> Iterator[tuple[str, KicEvidence]]:
    kinds = {k.id for k in crosswalk.kics if k.basis is KicBasis.PASSED}
    for policy in dataset.policies:
        date = policy.announced or policy.effective
        if (
            date is None
            or policy.kind not in crosswalk.instrument_kinds
            or policy.status is PolicyStatus.PROPOSED
            or not applies_in(policy.jurisdiction, jurisdiction, subdivisions=True)
        ):
            continue
        dated = _placed(date, start, end)
        if dated is None:
            continue
        for measure in policy.measures:
            level = crosswalk.dimension(measure.dimension).level(measure.level)
            for kic, meant in _kics_of(level.kics, level.possible_kics, kinds):
                reason = (
                    f"{policy.kind.value.replace('_', ' ')} dated {date.edtf} "
                    f"with {measure.dimension} level {measure.level}"
                )
                if dated is Certainty.POSSIBLE:
                    reason += "; its date may fall outside the period"
                if meant is Certainty.POSSIBLE:
                    reason += "; the level only possibly evidences this control"
                yield (
                    kic,
                    KicEvidence(
                        policy.id,
                        _weaker(dated, meant),
                        reason,
                        measure.dimension,
                        measure.level,
                        measure.evidence,
                    ),
                )


def _applies(outcome: Outcome, dataset: Dataset, jurisdiction: str) -> bool:
    if outcome.place is not None:
        return within(outcome.place, jurisdiction)
    return any(
        p in dataset and applies_in(dataset.policy(p).jurisdiction, jurisdiction, subdivisions=True)
        for p in outcome.policies
    )


def _platform_kinds(outcome: Outcome, dataset: Dataset) -> set[PlatformKind]:
    kinds = set()
    for platform_id in outcome.platforms:
        if platform_id in dataset:
            record = dataset.get(platform_id)
            if isinstance(record, Platform):
                kinds.add(record.kind)
    return kinds


def _reported(
    dataset: Dataset,
    crosswalk: Crosswalk,
    jurisdiction: str,
    start: pendulum.Date,
    end: pendulum.Date,
) -> Iterator[tuple[str, KicEvidence]]:
    for outcome in dataset.outcomes:
        # A context figure (a user count, a market share) evidences no control.
        if outcome.role is OutcomeRole.CONTEXT:
            continue
        if outcome.period is None or not _applies(outcome, dataset, jurisdiction):
            continue
        dated = _placed(outcome.period, start, end)
        if dated is None:
            continue
        for mapping in crosswalk.metrics:
            if mapping.metric is not outcome.metric:
                continue
            if mapping.platform_kinds and not (
                _platform_kinds(outcome, dataset) & set(mapping.platform_kinds)
            ):
                continue
            linked = Certainty.CERTAIN if outcome.policies else Certainty.POSSIBLE
            # An agency's own count of its results is what it says it did, not a report of it.
            claimed = Certainty.POSSIBLE if outcome.role is OutcomeRole.CLAIM else Certainty.CERTAIN
            for kic, meant in _kics_of(
                mapping.kics, mapping.possible_kics, known_kic_ids(crosswalk)
            ):
                words = outcome.quantity.text or outcome.description
                reason = f"{outcome.metric.value} ({words}) dated {outcome.period.edtf}"
                if dated is Certainty.POSSIBLE:
                    reason += "; its date may fall outside the period"
                if meant is Certainty.POSSIBLE:
                    reason += (
                        f"; the metric only possibly evidences this control: {mapping.rationale}"
                    )
                if linked is Certainty.POSSIBLE:
                    reason += "; linked to no policy of the dataset"
                if claimed is Certainty.POSSIBLE:
                    reason += "; the enforcing agency's own claim, not an independent report"
                yield (
                    kic,
                    KicEvidence(
                        outcome.id,
                        _weaker(_weaker(_weaker(dated, meant), linked), claimed),
                        reason,
                        None,
                        None,
                        outcome.evidence,
                    ),
                )


@legacy_codebook
@checked
def key_internet_controls(
    dataset: Dataset,
    jurisdiction: Jurisdiction,
    year: Year,
    *,
    codebook: Codebook | None = None,
    coverage: Coverage = Coverage.CALENDAR,
    crosswalk: Crosswalk | None = None,
) -> KicReport:
    """Which of FOTN's Key Internet Controls *dataset* evidences in *jurisdiction* in *year*.

    A KIC whose basis is ``in_force`` is evidenced by a measure at a mapped level in force at
    some time in the year (certain when the timeline's latest series has it, possible when only
    the earliest does); ``passed`` by a binding instrument (a kind in the crosswalk's
    ``instrument_kinds``, not a draft) with a measure at a mapped level, announced (or, failing
    that, effective) in the year; any KIC by an outcome of a mapped metric dated in the year in
    the jurisdiction. Policies and outcomes of the jurisdiction's subdivisions count.

    Args:
        dataset: The records.
        codebook: The codebook the crosswalk maps (its dimensions and levels must match); by
            default the one the dataset names.
        jurisdiction: ISO 3166 code (``CN``).
        year: The year.
        coverage: Calendar year, or FOTN's coverage period for that year's edition (June of the
            year before to May).
        crosswalk: The crosswalk; by default the bundled one.

    Returns:
        The KICs evidenced, each with its measures and outcomes, and those not evidenced.

    Raises:
        DataError: The crosswalk does not match the codebook; every problem is listed.
    """
    codebook = own_codebook(dataset, codebook)
    crosswalk = bundled_crosswalk() if crosswalk is None else crosswalk
    problems = crosswalk.problems(codebook)
    if problems:
        raise DataError(list(problems))
    start, end = coverage_period(year, coverage)
    found: dict[str, dict[tuple[str, str | None, int | None], KicEvidence]] = {}
    for source in (
        _in_force(dataset, codebook, crosswalk, jurisdiction, start, end),
        _passed(dataset, crosswalk, jurisdiction, start, end),
        _reported(dataset, crosswalk, jurisdiction, start, end),
    ):
        for kic, item in source:
            key = (item.record, item.dimension, item.level)
            known = found.setdefault(kic, {}).get(key)
            if known is None or (
                known.certainty is Certainty.POSSIBLE and item.certainty is Certainty.CERTAIN
            ):
                found[kic][key] = item
    findings = []
    for control in crosswalk.kics:
        if control.id in found:
            items = sorted(
                found[control.id].values(), key=lambda e: e.certainty is not Certainty.CERTAIN
            )
            findings.append(KicFinding(control, tuple(items)))
    return KicReport(
        jurisdiction,
        start,
        end,
        f"{crosswalk.id} {crosswalk.version}",
        tuple(findings),
        tuple(k for k in crosswalk.kics if k.id not in found),
    )


@checked
def fotn_category(
    dimension: str, level: int | None = None, *, crosswalk: Crosswalk | None = None
) -> FotnCategory:
    """The FOTN category of a codebook *dimension*, or of one of its levels.

    ``fotn_category("blocking")`` is ``B`` (limits on content); ``fotn_category("blocking", 4)``
    is ``A``: a shutdown is an obstacle to access.

    Raises:
        NotFoundError: The crosswalk (by default the bundled one) does not map it.
    """
    crosswalk = bundled_crosswalk() if crosswalk is None else crosswalk
    return crosswalk.category(dimension, level)


# Loading ------------------------------------------------------------------------------------


@checked
def load_crosswalk(path: str | Path) -> Crosswalk:
    """A crosswalk from a TOML file laid out like the bundled one.

    Raises:
        NotFoundError: There is no such file.
        DataError: The file is not a valid crosswalk; every problem names its field.
    """
    return load_toml(path, Crosswalk, what="crosswalk")


@functools.cache
def bundled_crosswalk() -> Crosswalk:
    """The crosswalk from ``internet-controls`` to FOTN (``data/fotn-crosswalk.toml``)."""
    return bundled_toml("fotn-crosswalk.toml", Crosswalk)
