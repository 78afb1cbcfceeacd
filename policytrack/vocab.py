"""The option vocabularies of the analyses, in a module light enough for the command line.

Each enum is also importable from the module of the analysis it belongs to.
"""

from __future__ import annotations

import enum

__all__ = ["GroupBy", "Series", "StartRule", "UnknownRule"]


class StartRule(enum.StrEnum):
    """Which date a policy counts from."""

    EFFECTIVE = "effective"
    """Its effective date, or its announcement when no effective date is known (the default:
    OxCGRT codes implementation, not announcement)."""
    ANNOUNCED = "announced"
    """Its announcement, or its effective date when no announcement is known."""


class Series(enum.StrEnum):
    """Which of a timeline's two series to read."""

    EARLIEST = "earliest"
    """Measures in force as early and as long as their dates allow."""
    LATEST = "latest"
    """Measures in force as late and as briefly as their dates allow."""


class UnknownRule(enum.StrEnum):
    """How the composite treats a dimension whose level is unknown."""

    ZERO = "zero"
    """Counts it as 0, OxCGRT's rule: the composite only rises as information is added."""
    SKIP = "skip"
    """Leaves it out and renormalises the weights of the known dimensions."""
    STRICT = "strict"
    """Makes the composite itself unknown until every weighted dimension is known."""


class GroupBy(enum.StrEnum):
    """What to total outcomes by, besides their metric."""

    METRIC = "metric"
    PLACE = "place"
    AGENCY = "agency"
    PLATFORM = "platform"
    POLICY = "policy"
    YEAR = "year"
    REPORTER = "reporter"
