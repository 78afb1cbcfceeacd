"""The options every analysis command shares for its choices, and the one Scoring built from them.

Each command declares the options it takes with these types and passes what it got to
:func:`build_scoring`, so that a choice is parsed, checked and named in one place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from policytrack.cli._context import parse_weights
from policytrack.vocab import Confidence, Reliability, Series, StartRule, UnknownRule

if TYPE_CHECKING:
    from policytrack.analysis.scoring import Scoring
    from policytrack.model.codebook import Codebook

MinConfidence = Annotated[
    Confidence,
    typer.Option(
        "--min-confidence",
        help="Leave out measures and links less sure than this (certain, probable, possible).",
    ),
]
SourceKind = Annotated[
    list[Reliability] | None,
    typer.Option(
        "--source-kind",
        help="Count only quotes from sources of this kind (repeatable); default: every kind.",
    ),
]
LeaveOut = Annotated[
    list[str] | None,
    typer.Option("--leave-out", help="Leave out every quote from this source id (repeatable)."),
]


def build_scoring(
    codebook: Codebook,
    *,
    weight: list[str] | None = None,
    unknown: UnknownRule = UnknownRule.ZERO,
    count_from: StartRule = StartRule.EFFECTIVE,
    subdivisions: bool = True,
    series: Series = Series.EARLIEST,
    min_confidence: Confidence = Confidence.POSSIBLE,
    source_kind: list[Reliability] | None = None,
    leave_out: list[str] | None = None,
) -> Scoring:
    """The one :class:`~policytrack.analysis.scoring.Scoring` a command's options describe.

    Raises:
        typer.BadParameter: A weight is malformed or names no dimension of *codebook*.
    """
    from policytrack.analysis.scoring import Scoring

    return Scoring(
        weights=parse_weights(weight, codebook),
        unknown=unknown,
        start_rule=count_from,
        subdivisions=subdivisions,
        series=series,
        min_confidence=min_confidence,
        source_kinds=source_kind or None,
        leave_out=leave_out or (),
    )
