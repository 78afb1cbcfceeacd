"""Freedom on the Net's Key Internet Controls, and a codebook's mapping onto FOTN (the crosswalk).

``policytrack.model.fotn`` holds the crosswalk as data, the way
:mod:`policytrack.model.codebook` holds a codebook: for each dimension and level of a codebook,
the FOTN category and the KICs a measure at that level evidences, with a rationale; for each
outcome metric, the KICs an outcome evidences. The values check themselves (levels without gaps,
unique ids, known KICs); reading a dataset through a crosswalk is
:mod:`policytrack.analysis.crosswalk`.
"""

from __future__ import annotations

from typing import Any

import attrs

from policytrack.errors import NotFoundError, Problem
from policytrack.model.codebook import Codebook
from policytrack.model.records import (
    Metric,
    PlatformKind,
    PolicyKind,
)
from policytrack.vocab import FotnCategory, KicBasis

__all__ = [
    "Crosswalk",
    "DimensionMapping",
    "KeyInternetControl",
    "LevelMapping",
    "MetricMapping",
    "known_kic_ids",
]


def known_kic_ids(crosswalk: Crosswalk) -> set[str]:
    """The ids of the KICs *crosswalk* defines."""
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
    known = known_kic_ids(instance)
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
