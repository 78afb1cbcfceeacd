"""The coverage command: which sources speak to a jurisdiction on each day of a window."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from policytrack.cli._context import check_jurisdiction, parse_range, state
from policytrack.cli._render import console, emit, table
from policytrack.cli._scoring import LeaveOut, MinConfidence, SourceKind, build_scoring
from policytrack.vocab import Confidence

if TYPE_CHECKING:
    from policytrack.analysis.coverage import SourceCoverage


def register(app: typer.Typer) -> None:
    """Add this module's commands to *app*."""
    app.command("coverage")(coverage)


def print_coverage(result: SourceCoverage, *, shortest: int = 28) -> None:
    """The coverage summary and each gap in words, for a human reader."""
    out = console()
    out.print(f"Coverage: {result.summary()}.", markup=False, soft_wrap=True)
    for sentence in result.sentences(shortest=shortest):
        out.print(f"  {sentence[0].upper()}{sentence[1:]}.", markup=False, soft_wrap=True)


def coverage(
    ctx: typer.Context,
    jurisdiction: Annotated[
        str, typer.Option("--jurisdiction", "-j", help="ISO 3166 code (CN, CN-SH).")
    ] = "CN",
    start: Annotated[
        str | None, typer.Option("--from", help="First day (YYYY, YYYY-MM or YYYY-MM-DD).")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", help="Last day (YYYY, YYYY-MM or YYYY-MM-DD).")
    ] = None,
    subdivisions: Annotated[
        bool,
        typer.Option(
            "--subdivisions/--no-subdivisions",
            help="Count records of the jurisdiction's subdivisions.",
        ),
    ] = True,
    min_confidence: MinConfidence = Confidence.POSSIBLE,
    source_kind: SourceKind = None,
    leave_out: LeaveOut = None,
) -> None:
    """Covered and uncovered stretches of a window, with the sources and evidence behind each.

    A day no source speaks to is a gap in reporting, not evidence of stability. Python:
    policytrack.coverage().
    """
    import pendulum

    from policytrack.analysis.coverage import coverage as compute

    st = state(ctx)
    first, last = parse_range(start, end)
    first = first or pendulum.Date(2000, 1, 1)
    last = last or pendulum.Date.today()
    scoring = build_scoring(
        st.codebook(),
        subdivisions=subdivisions,
        min_confidence=min_confidence,
        source_kind=source_kind,
        leave_out=leave_out,
    )
    result = compute(st.dataset(), check_jurisdiction(jurisdiction), first, last, scoring=scoring)
    rows = [
        {
            "from": s.start.isoformat(),
            "to": s.end.isoformat(),
            "days": s.days,
            "covered": "yes" if s.covered else "no",
            "sources": s.sources,
            "evidence": s.evidence,
        }
        for s in result.stretches
    ]
    columns = ["from", "to", "days", "covered", "sources", "evidence"]

    def text() -> None:
        table(rows, columns, title=f"Coverage of {result.jurisdiction}")
        print_coverage(result, shortest=1)

    emit(ctx, result, rows, columns, text=text)
