"""The sensitivity command for a rise: the conclusion under every specification that matters."""

from __future__ import annotations

from typing import Annotated

import typer

from policytrack.cli._context import check_jurisdiction, parse_range, state
from policytrack.cli._render import console, emit, table
from policytrack.cli._scoring import LeaveOut, MinConfidence, SourceKind, build_scoring
from policytrack.vocab import Confidence, Series, StartRule, UnknownRule


def register(app: typer.Typer) -> None:
    """Add the ``rose`` command to the *app* of ``sensitivity``."""
    app.command("rose")(sensitivity_rose)


def sensitivity_rose(
    ctx: typer.Context,
    start: Annotated[str, typer.Option("--from", help="The earlier day.")],
    end: Annotated[str, typer.Option("--to", help="The later day.")],
    jurisdiction: Annotated[
        str, typer.Option("--jurisdiction", "-j", help="ISO 3166 code (CN, CN-SH).")
    ] = "CN",
    series: Annotated[
        Series, typer.Option("--series", help="The default specification's series.")
    ] = Series.EARLIEST,
    weight: Annotated[
        list[str] | None,
        typer.Option("--weight", "-w", help="Override a weight: DIMENSION=WEIGHT (repeatable)."),
    ] = None,
    unknown: Annotated[
        UnknownRule, typer.Option("--unknown", help="The default specification's unknown rule.")
    ] = UnknownRule.ZERO,
    count_from: Annotated[
        StartRule, typer.Option("--count-from", help="The default specification's start rule.")
    ] = StartRule.EFFECTIVE,
    min_confidence: MinConfidence = Confidence.POSSIBLE,
    source_kind: SourceKind = None,
    leave_out: LeaveOut = None,
) -> None:
    """Does "the composite rose from --from to --to" hold in every specification that matters?

    Varies the weights, the unknown rule, the series, the start rule and the subdivision rule,
    and leaves out each source, each kind of source and measures below each confidence (a
    specification curve). Reports how many specifications support the rise, the range of the
    change, and the choices that flip it. Python: policytrack.multiverse().
    """
    from policytrack.analysis.multiverse import multiverse

    st = state(ctx)
    book = st.codebook()
    first, last = parse_range(start, end)
    assert first is not None and last is not None
    scoring = build_scoring(
        book,
        weight=weight,
        unknown=unknown,
        count_from=count_from,
        series=series,
        min_confidence=min_confidence,
        source_kind=source_kind,
        leave_out=leave_out,
    )
    result = multiverse(
        st.dataset(), check_jurisdiction(jurisdiction), first, last, scoring=scoring, codebook=book
    )
    rows = [
        {
            "specification": s.name,
            "before": s.before,
            "after": s.after,
            "change": s.change,
            "rose": "yes" if s.holds else "no",
        }
        for s in result.specifications
    ]
    columns = ["specification", "before", "after", "change", "rose"]

    def text() -> None:
        out = console()
        out.print(
            f"{result.conclusion[0].upper()}{result.conclusion[1:]}? {result.summary()}.",
            markup=False,
            soft_wrap=True,
        )
        table(rows, columns)
        for caveat in result.caveats():
            out.print(f"{caveat[0].upper()}{caveat[1:]}.", markup=False, soft_wrap=True)

    emit(ctx, result, rows, columns, text=text)
