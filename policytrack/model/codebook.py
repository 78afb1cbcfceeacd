"""Codebooks: the dimensions measures are scored on, their ordinal levels and default weights.

``policytrack.model.codebook`` (``policytrack.codebook`` before release 0.2).

A codebook is data, not code. The bundled ``internet-controls`` codebook ships with the package;
any other (OxCGRT's stringency indicators, say) loads from a TOML file of the same shape.
"""

from __future__ import annotations

import re

import attrs

from policytrack.errors import NotFoundError

__all__ = ["Codebook", "Dimension", "Level"]

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def _check_id(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or _ID.fullmatch(value) is None:
        msg = f"'{attribute.name}' must be letters, digits, '_', '.' or '-' (got {value!r})"
        raise ValueError(msg)


@attrs.frozen
class Level:
    """One ordinal level of a dimension.

    Attributes:
        value: The level's number; a dimension's levels run 0, 1, ... N without gaps.
        label: A short name ("Back-end real-name registration").
        definition: What a measure must do to score this level, precise enough that two
            coders agree.
    """

    value: int = attrs.field(validator=[attrs.validators.instance_of(int), attrs.validators.ge(0)])
    label: str = attrs.field(validator=attrs.validators.instance_of(str))
    definition: str = attrs.field(validator=attrs.validators.instance_of(str))


def _check_levels(instance: Dimension, attribute: attrs.Attribute[object], value: object) -> None:
    values = [level.value for level in instance.levels]
    if values != list(range(len(values))) or len(values) < 2:
        msg = f"'levels' must run 0, 1, ... N without gaps, N >= 1 (got {values})"
        raise ValueError(msg)


@attrs.frozen
class Dimension:
    """One dimension of a codebook, scored by ordinal levels.

    Attributes:
        id: Short identifier used by measures (``identity``, ``C1``).
        name: Human name.
        description: What the dimension covers.
        levels: Levels 0..N in order; N is the dimension's maximum.
        flag: Whether measures carry a scope flag (general or targeted), as OxCGRT's do.
        weight: Default weight in the composite index (>= 0).
        flag_definition: What "general" means on this dimension, when it carries a flag.
    """

    id: str = attrs.field(validator=_check_id)
    name: str = attrs.field(validator=attrs.validators.instance_of(str))
    description: str = attrs.field(validator=attrs.validators.instance_of(str))
    levels: tuple[Level, ...] = attrs.field(validator=_check_levels)
    flag: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))
    weight: float = attrs.field(
        default=1.0, validator=[attrs.validators.instance_of(float), attrs.validators.ge(0.0)]
    )
    flag_definition: str | None = None

    @property
    def max_level(self) -> int:
        """N, the highest level."""
        return len(self.levels) - 1

    def level(self, value: int) -> Level:
        """The level numbered *value*.

        Raises:
            NotFoundError: The dimension has no such level.
        """
        if 0 <= value < len(self.levels):
            return self.levels[value]
        msg = f"dimension {self.id!r} has levels 0-{self.max_level} (got {value})"
        raise NotFoundError(msg)


def _check_dimensions(
    instance: Codebook, attribute: attrs.Attribute[object], value: object
) -> None:
    ids = [d.id for d in instance.dimensions]
    if not ids:
        raise ValueError("'dimensions' must not be empty")
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        msg = f"'dimensions' must have unique ids (repeated: {', '.join(repeated)})"
        raise ValueError(msg)


@attrs.frozen
class Codebook:
    """A set of dimensions to score measures on.

    Attributes:
        id: The codebook's identifier (``internet-controls``).
        title: Human title.
        version: Version string; cite it with results.
        description: What the codebook measures and how to use it.
        dimensions: The dimensions, in display order.
    """

    id: str = attrs.field(validator=_check_id)
    title: str = attrs.field(validator=attrs.validators.instance_of(str))
    version: str = attrs.field(validator=attrs.validators.instance_of(str))
    description: str = attrs.field(validator=attrs.validators.instance_of(str))
    dimensions: tuple[Dimension, ...] = attrs.field(validator=_check_dimensions)

    def dimension(self, dimension_id: str) -> Dimension:
        """The dimension called *dimension_id*.

        Raises:
            NotFoundError: No dimension has that id; the message lists those that exist.
        """
        for dim in self.dimensions:
            if dim.id == dimension_id:
                return dim
        known = ", ".join(d.id for d in self.dimensions)
        msg = f"codebook {self.id!r} has no dimension {dimension_id!r} (known: {known})"
        raise NotFoundError(msg)

    @property
    def weights(self) -> dict[str, float]:
        """The default weight of each dimension."""
        return {d.id: d.weight for d in self.dimensions}
