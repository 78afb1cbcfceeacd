"""The compare commands: two policies, two periods or two jurisdictions, with their coverage."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from policytrack.cli._analyses import Jurisdiction, Rule, Unknown, Weights
from policytrack.cli._context import (
    check_jurisdiction,
    parse_date,
    parse_weights,
    parse_window,
    state,
)
from policytrack.cli._render import console, emit, table
from policytrack.cli._scoring import LeaveOut, MinConfidence, SourceKind, build_scoring
from policytrack.vocab import Confidence, StartRule, UnknownRule

compare_app = typer.Typer(help="Compare two policies, two periods or two jurisdictions.")


@compare_app.command("policies")
def compare_policies(
    ctx: typer.Context,
    first: Annotated[str, typer.Argument(help="The first policy's id.")],
    second: Annotated[str, typer.Argument(help="The second policy's id.")],
    weight: Weights = None,
) -> None:
    """Two policies dimension by dimension, and their agencies, platforms and targets.

    Python: policytrack.compare_policies().
    """
    from policytrack.analysis.compare import compare_policies as compute

    st = state(ctx)
    book = st.codebook()
    result = compute(st.dataset(), book, first, second, weights=parse_weights(weight, book))
    rows: list[dict[str, Any]] = [
        {
            "dimension": d.dimension,
            first: "" if d.first_level is None else f"{d.first_level} {d.first_scope}",
            second: "" if d.second_level is None else f"{d.second_level} {d.second_scope}",
            "stricter": {"first": first, "second": second}.get(d.stricter.value, d.stricter.value),
        }
        for d in result.dimensions
    ]
    rows.append(
        {
            "dimension": "composite score",
            first: f"{result.first_score:.1f}",
            second: f"{result.second_score:.1f}",
            "stricter": {"first": first, "second": second}.get(
                result.stricter.value, result.stricter.value
            ),
        }
    )
    rows.append(
        {
            "dimension": "agencies",
            first: result.first_only_agencies,
            second: result.second_only_agencies,
            "stricter": "shared: " + ", ".join(result.shared_agencies),
        }
    )
    rows.append(
        {
            "dimension": "platforms",
            first: result.first_only_platforms,
            second: result.second_only_platforms,
            "stricter": "shared: " + ", ".join(result.shared_platforms),
        }
    )
    emit(ctx, result, rows, ["dimension", first, second, "stricter"])


@compare_app.command("periods")
def compare_periods(
    ctx: typer.Context,
    first: Annotated[str, typer.Argument(help="A day, a month, a year, or START..END.")],
    second: Annotated[str, typer.Argument(help="A day, a month, a year, or START..END.")],
    jurisdiction: Jurisdiction = "CN",
    weight: Weights = None,
    unknown: Unknown = UnknownRule.ZERO,
    count_from: Rule = StartRule.EFFECTIVE,
    min_confidence: MinConfidence = Confidence.POSSIBLE,
    source_kind: SourceKind = None,
    leave_out: LeaveOut = None,
) -> None:
    """The index at two days or averaged over two windows, and the policies behind the change.

    Each period's coverage is shown beside its values. Python: policytrack.compare_periods().
    """
    from policytrack.analysis.compare import compare_periods as compute

    st = state(ctx)
    book = st.codebook()
    result = compute(
        st.dataset(),
        book,
        check_jurisdiction(jurisdiction),
        parse_window(first, "FIRST"),
        parse_window(second, "SECOND"),
        scoring=build_scoring(
            book,
            weight=weight,
            unknown=unknown,
            count_from=count_from,
            min_confidence=min_confidence,
            source_kind=source_kind,
            leave_out=leave_out,
        ),
    )
    rows: list[dict[str, Any]] = [
        {
            "measure": "composite",
            "first": result.first_composite.earliest,
            "second": result.second_composite.earliest,
            "change": result.difference(),
        }
    ]
    rows += [
        {
            "measure": d.id,
            "first": result.first_subindices[d.id].earliest,
            "second": result.second_subindices[d.id].earliest,
            "change": result.difference(d.id),
        }
        for d in book.dimensions
    ]
    rows.append({"measure": "policies entering", "change": result.entered})
    rows.append({"measure": "policies leaving", "change": result.left})
    for name, cover in (("first", result.first_coverage), ("second", result.second_coverage)):
        if cover is not None:
            rows.append(
                {
                    "measure": f"coverage of {name}",
                    name: f"{len(cover.source_ids)} source(s), {cover.share:.0%} of days",
                }
            )
    emit(ctx, result, rows, ["measure", "first", "second", "change"])


@compare_app.command("jurisdictions")
def compare_jurisdictions(
    ctx: typer.Context,
    first: Annotated[str, typer.Argument(help="The first ISO 3166 code.")],
    second: Annotated[str, typer.Argument(help="The second ISO 3166 code.")],
    align_on: Annotated[
        tuple[str, str] | None,
        typer.Option(help="A reference day for each, to align by days since it."),
    ] = None,
    weight: Weights = None,
    unknown: Unknown = UnknownRule.ZERO,
    count_from: Rule = StartRule.EFFECTIVE,
    min_confidence: MinConfidence = Confidence.POSSIBLE,
    source_kind: SourceKind = None,
    leave_out: LeaveOut = None,
) -> None:
    """Two jurisdictions' composite indices, aligned by calendar or by a reference event.

    Each side's coverage is shown, and the answer says plainly when one side is not
    comparable (no source in the window, or far fewer). Python:
    policytrack.compare_jurisdictions().
    """
    from policytrack.analysis.compare import compare_jurisdictions as compute

    st = state(ctx)
    book = st.codebook()
    references = None
    if align_on:
        a, b = parse_date(align_on[0], "--align-on"), parse_date(align_on[1], "--align-on")
        assert a is not None and b is not None
        references = (a, b)
    result = compute(
        st.dataset(),
        book,
        check_jurisdiction(first, "FIRST"),
        check_jurisdiction(second, "SECOND"),
        references=references,
        scoring=build_scoring(
            book,
            weight=weight,
            unknown=unknown,
            count_from=count_from,
            min_confidence=min_confidence,
            source_kind=source_kind,
            leave_out=leave_out,
        ),
    )
    key = "days since reference" if references else "from"
    rows = [{key: str(k), first: a.earliest, second: b.earliest} for k, a, b in result.rows]

    def text() -> None:
        table(rows, [key, first, second])
        out = console()
        for cover in (result.first_coverage, result.second_coverage):
            if cover is not None:
                out.print(f"Coverage: {cover.summary()}.", markup=False, soft_wrap=True)
        verdict = result.comparability
        out.print(f"{verdict[0].upper()}{verdict[1:]}.", markup=False, soft_wrap=True)

    emit(ctx, result, rows, [key, first, second], text=text)
