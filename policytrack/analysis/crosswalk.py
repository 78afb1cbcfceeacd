"""A crosswalk from a codebook to Freedom on the Net's categories and Key Internet Controls.

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

import enum
import functools
import importlib.resources
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pendulum

from policytrack.analysis.defaults import own_codebook
from policytrack.analysis.timeline import applies_in, timeline
from policytrack.errors import DataError, NotFoundError, Problem
from policytrack.model.arguments import Jurisdiction, Year, checked, legacy_codebook
from policytrack.model.codebook import Codebook
from policytrack.model.dataset import Dataset
from policytrack.model.dates import UncertainDate
from policytrack.model.jurisdictions import within
from policytrack.model.records import (
    Evidence,
    Metric,
    Outcome,
    Platform,
    PlatformKind,
    PolicyKind,
    PolicyStatus,
)
from policytrack.storage.converter import converter
from policytrack.storage.loader import _problems
from policytrack.vocab import Series

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


class FotnCategory(enum.StrEnum):
    """One of Freedom on the Net's three scored categories."""

    OBSTACLES_TO_ACCESS = "A"
    LIMITS_ON_CONTENT = "B"
    VIOLATIONS_OF_USER_RIGHTS = "C"

    @property
    def label(self) -> str:
        """The category's name as FOTN writes it ("A. Obstacles to access")."""
        return f"{self.value}. {self.name.replace('_', ' ').capitalize()}"


class KicBasis(enum.StrEnum):
    """What evidences a Key Internet Control in a period."""

    IN_FORCE = "in_force"
    """A measure at a mapped level in force at some time in the period."""
    PASSED = "passed"
    """A binding instrument with a measure at a mapped level, announced in the period."""
    REPORTED = "reported"
    """Only an outcome reported in the period: no level of a rule shows the event happened."""


class Certainty(enum.StrEnum):
    """How strongly a record evidences a Key Internet Control."""

    CERTAIN = "certain"
    POSSIBLE = "possible"


class Coverage(enum.StrEnum):
    """Which twelve months a year names."""

    CALENDAR = "calendar"
    """1 January to 31 December."""
    FOTN = "fotn"
    """FOTN's coverage period for the edition of that year: 1 June of the year before to 31 May."""


def _known_ids(crosswalk: Crosswalk) -> set[str]:
    return {k.id for k in crosswalk.kics}


@attrs.frozen
class KeyInternetControl:
    """One of FOTN's Key Internet Controls.

    Attributes:
        id: Short identifier (``users-arrested``).
        label: FOTN's wording.
        basis: What evidences it in a period.
    """

    id: str = attrs.field(validator=attrs.validators.instance_of(str))
    label: str = attrs.field(validator=attrs.validators.instance_of(str))
    basis: KicBasis = attrs.field(validator=attrs.validators.instance_of(KicBasis))


@attrs.frozen
class LevelMapping:
    """What a measure at one level of a dimension evidences.

    Attributes:
        value: The level.
        rationale: Why it maps as it does.
        kics: KICs a measure at this level evidences outright.
        possible_kics: KICs it only possibly evidences: the level also covers cases FOTN would
            not count.
        category: The FOTN category of this level, when it differs from its dimension's.
    """

    value: int = attrs.field(validator=[attrs.validators.instance_of(int), attrs.validators.ge(0)])
    rationale: str = attrs.field(validator=attrs.validators.instance_of(str))
    kics: tuple[str, ...] = ()
    possible_kics: tuple[str, ...] = ()
    category: FotnCategory | None = None


def _check_level_values(
    instance: DimensionMapping, attribute: attrs.Attribute[object], value: object
) -> None:
    values = [level.value for level in instance.levels]
    if values != list(range(len(values))):
        msg = f"'levels' must run 0, 1, ... N without gaps (got {values})"
        raise ValueError(msg)


@attrs.frozen
class DimensionMapping:
    """Where one codebook dimension sits in FOTN's categories, level by level.

    Attributes:
        id: The codebook dimension's id.
        category: The FOTN category its measures fall in.
        rationale: Why.
        levels: One mapping per level, 0..N.
    """

    id: str = attrs.field(validator=attrs.validators.instance_of(str))
    category: FotnCategory = attrs.field(validator=attrs.validators.instance_of(FotnCategory))
    rationale: str = attrs.field(validator=attrs.validators.instance_of(str))
    levels: tuple[LevelMapping, ...] = attrs.field(validator=_check_level_values)

    def level(self, value: int) -> LevelMapping:
        """The mapping of level *value*.

        Raises:
            NotFoundError: The dimension has no such level.
        """
        if 0 <= value < len(self.levels):
            return self.levels[value]
        msg = f"crosswalk dimension {self.id!r} has levels 0-{len(self.levels) - 1} (got {value})"
        raise NotFoundError(msg)


@attrs.frozen
class MetricMapping:
    """What an outcome of one metric evidences.

    Attributes:
        metric: The outcome metric.
        rationale: Why.
        kics: KICs an outcome of this metric evidences outright.
        possible_kics: KICs it only possibly evidences.
        platform_kinds: When given, only outcomes naming a platform of one of these kinds count.
    """

    metric: Metric = attrs.field(validator=attrs.validators.instance_of(Metric))
    rationale: str = attrs.field(validator=attrs.validators.instance_of(str))
    kics: tuple[str, ...] = ()
    possible_kics: tuple[str, ...] = ()
    platform_kinds: tuple[PlatformKind, ...] = ()


def _check_references(instance: Crosswalk, attribute: attrs.Attribute[Any], value: Any) -> None:
    known = _known_ids(instance)
    ids = [k.id for k in instance.kics]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        msg = f"'kics' must have unique ids (repeated: {', '.join(repeated)})"
        raise ValueError(msg)
    dims = [d.id for d in instance.dimensions]
    repeated = sorted({i for i in dims if dims.count(i) > 1})
    if repeated:
        msg = f"'dimensions' must have unique ids (repeated: {', '.join(repeated)})"
        raise ValueError(msg)
    for dim in instance.dimensions:
        for level in dim.levels:
            for kic in (*level.kics, *level.possible_kics):
                where = f"dimensions.{dim.id}.levels[{level.value}]"
                if kic not in known:
                    msg = f"'{where}' names an unknown KIC (got {kic!r})"
                    raise ValueError(msg)
                if instance.kic(kic).basis is KicBasis.REPORTED:
                    msg = f"'{where}' maps a level to a KIC only an outcome can evidence ({kic!r})"
                    raise ValueError(msg)
    for mapping in instance.metrics:
        for kic in (*mapping.kics, *mapping.possible_kics):
            if kic not in known:
                msg = f"'metrics.{mapping.metric.value}' names an unknown KIC (got {kic!r})"
                raise ValueError(msg)


@attrs.frozen
class Crosswalk:
    """A codebook's dimensions, levels and outcome metrics mapped to FOTN.

    Attributes:
        id: The crosswalk's identifier.
        title: Human title.
        version: Version string; cite it with results.
        codebook: The id of the codebook it maps.
        description: What it maps and how to read it.
        instrument_kinds: Policy kinds that count as a law or directive "passed".
        kics: FOTN's Key Internet Controls, in FOTN's order.
        dimensions: One mapping per codebook dimension.
        metrics: Outcome metrics that evidence a KIC.
    """

    id: str = attrs.field(validator=attrs.validators.instance_of(str))
    title: str = attrs.field(validator=attrs.validators.instance_of(str))
    version: str = attrs.field(validator=attrs.validators.instance_of(str))
    codebook: str = attrs.field(validator=attrs.validators.instance_of(str))
    description: str = attrs.field(validator=attrs.validators.instance_of(str))
    instrument_kinds: tuple[PolicyKind, ...]
    kics: tuple[KeyInternetControl, ...]
    dimensions: tuple[DimensionMapping, ...]
    metrics: tuple[MetricMapping, ...] = attrs.field(default=(), validator=_check_references)

    def kic(self, kic_id: str) -> KeyInternetControl:
        """The KIC called *kic_id*.

        Raises:
            NotFoundError: No KIC has that id; the message lists those that exist.
        """
        for kic in self.kics:
            if kic.id == kic_id:
                return kic
        known = ", ".join(k.id for k in self.kics)
        msg = f"crosswalk {self.id!r} has no KIC {kic_id!r} (known: {known})"
        raise NotFoundError(msg)

    def dimension(self, dimension_id: str) -> DimensionMapping:
        """The mapping of *dimension_id*.

        Raises:
            NotFoundError: The crosswalk does not map that dimension.
        """
        for dim in self.dimensions:
            if dim.id == dimension_id:
                return dim
        known = ", ".join(d.id for d in self.dimensions)
        msg = f"crosswalk {self.id!r} has no dimension {dimension_id!r} (known: {known})"
        raise NotFoundError(msg)

    def category(self, dimension_id: str, level: int | None = None) -> FotnCategory:
        """The FOTN category of *dimension_id*, or of one of its levels.

        Raises:
            NotFoundError: The crosswalk does not map that dimension or level.
        """
        dim = self.dimension(dimension_id)
        if level is None:
            return dim.category
        return dim.level(level).category or dim.category

    def problems(self, codebook: Codebook) -> tuple[Problem, ...]:
        """Where the crosswalk and *codebook* disagree: dimensions or levels one lacks."""
        found: list[Problem] = []
        mapped = {d.id: d for d in self.dimensions}
        for dim in codebook.dimensions:
            mapping = mapped.pop(dim.id, None)
            if mapping is None:
                found.append(Problem(self.id, dim.id, "", "dimension is not in the crosswalk"))
            elif len(mapping.levels) != len(dim.levels):
                top = len(mapping.levels) - 1
                why = f"crosswalk maps levels 0-{top}, codebook has 0-{dim.max_level}"
                found.append(Problem(self.id, dim.id, "levels", why))
        found += [
            Problem(self.id, d, "", f"dimension is not in codebook {codebook.id!r}") for d in mapped
        ]
        return tuple(found)


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
            for kic, meant in _kics_of(mapping.kics, mapping.possible_kics, _known_ids(crosswalk)):
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
                yield (
                    kic,
                    KicEvidence(
                        outcome.id,
                        _weaker(_weaker(dated, meant), linked),
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


def _parse(text: str, name: str) -> Crosswalk:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError([Problem(name, "", "", f"not valid TOML: {exc}")]) from None
    try:
        return converter.structure(data, Crosswalk)
    except Exception as exc:  # every structuring failure becomes a located problem
        raise DataError(_problems(exc, name, "")) from None


@checked
def load_crosswalk(path: str | Path) -> Crosswalk:
    """A crosswalk from a TOML file laid out like the bundled one.

    Raises:
        NotFoundError: There is no such file.
        DataError: The file is not a valid crosswalk; every problem names its field.
    """
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        msg = f"{path}: no such crosswalk file"
        raise NotFoundError(msg) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError([Problem(str(path), "", "", f"cannot read: {exc}")]) from None
    return _parse(text, str(path))


@functools.cache
def bundled_crosswalk() -> Crosswalk:
    """The crosswalk from ``internet-controls`` to FOTN (``data/fotn-crosswalk.toml``)."""
    resource = importlib.resources.files("policytrack.data").joinpath("fotn-crosswalk.toml")
    return _parse(resource.read_text("utf-8"), "fotn-crosswalk.toml")
