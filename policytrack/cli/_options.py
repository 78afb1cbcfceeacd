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
    parse_date,
    parse_end,
    parse_weights,
    state,
)
from policytrack.vocab import Series, StartRule, UnknownRule

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
) -> Escalation:
    """Parse the escalation options shared by several commands and run the analysis."""
    from policytrack.analysis.escalation import escalation as compute

    st = state(ctx)
    book = st.codebook()
    return compute(
        st.dataset(),
        check_jurisdiction(jurisdiction),
        parse_date(start, "--from"),
        parse_end(end, "--to"),
        codebook=book,
        series=series,
        weights=parse_weights(weight, book),
        unknown=unknown,
        start_rule=count_from,
        subdivisions=subdivisions,
        top=top,
    )
