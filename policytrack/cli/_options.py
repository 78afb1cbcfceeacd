"""The analysis options several commands share, and the one helper that runs an escalation.

``policytrack.cli._options``: the jurisdiction, the date range, the series, the weights, the
unknown rule, the start rule and the subdivisions, as Typer option types; ``escalation``,
``chart`` and ``report`` all read an escalation through :func:`run_escalation`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from policytrack.cli._context import (
    check_jurisdiction,
    parse_range,
    state,
)
from policytrack.cli._scoring import build_scoring
from policytrack.vocab import Confidence, Reliability, Series, StartRule, UnknownRule

if TYPE_CHECKING:
    from policytrack.analysis.escalation import Escalation

Jurisdiction = Annotated[
    str, typer.Option("--jurisdiction", "-j", help="ISO 3166 code (CN, CN-SH).")
]
Rule = Annotated[
    StartRule,
    typer.Option(
        "--count-from", help="Count policies from their effective date or their announcement."
    ),
]
Subdivisions = Annotated[
    bool,
    typer.Option(
        "--subdivisions/--no-subdivisions",
        help="Count policies of the jurisdiction's subdivisions (as targeted).",
    ),
]
Weights = Annotated[
    list[str] | None,
    typer.Option("--weight", "-w", help="Override a weight: DIMENSION=WEIGHT (repeatable)."),
]
Unknown = Annotated[
    UnknownRule,
    typer.Option("--unknown", help="How a dimension with no information enters the composite."),
]
From = Annotated[
    str | None, typer.Option("--from", help="First day (YYYY, YYYY-MM or YYYY-MM-DD).")
]
To = Annotated[str | None, typer.Option("--to", help="Last day (YYYY, YYYY-MM or YYYY-MM-DD).")]
SeriesOption = Annotated[
    Series, typer.Option("--series", help="Read the earliest or the latest series.")
]


def run_escalation(
    ctx: typer.Context,
    jurisdiction: str,
    start: str | None,
    end: str | None,
    series: Series,
    weight: list[str] | None,
    unknown: UnknownRule,
    count_from: StartRule,
    subdivisions: bool,
    top: int = 5,
    *,
    min_confidence: Confidence = Confidence.POSSIBLE,
    source_kind: list[Reliability] | None = None,
    leave_out: list[str] | None = None,
) -> Escalation:
    """Parse the escalation options shared by several commands and run the analysis."""
    from policytrack.analysis.escalation import escalation as compute

    code = check_jurisdiction(jurisdiction)
    first, last = parse_range(start, end)
    st = state(ctx)
    book = st.codebook()
    scoring = build_scoring(
        book,
        weight=weight,
        unknown=unknown,
        count_from=count_from,
        subdivisions=subdivisions,
        series=series,
        min_confidence=min_confidence,
        source_kind=source_kind,
        leave_out=leave_out,
    )
    return compute(
        st.dataset(),
        code,
        first,
        last,
        codebook=book,
        scoring=scoring,
        top=top,
    )
