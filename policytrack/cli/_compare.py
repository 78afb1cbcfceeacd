"""The compare commands: two policies, two periods or two jurisdictions, with their coverage."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from policytrack.cli._context import (
    check_jurisdiction,
    parse_date,
    parse_weights,
    parse_window,
    state,
)
from policytrack.cli._options import Jurisdiction, Rule, Subdivisions, Unknown, Weights
from policytrack.cli._render import console, emit, table
from policytrack.cli._scoring import LeaveOut, MinConfidence, SourceKind, build_scoring
from policytrack.vocab import Confidence, Series, StartRule, UnknownRule

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
    result = compute(
        st.dataset(), first, second, weights=parse_weights(weight, book), codebook=book
    )
    rows: list[dict[str, Any]] = [
        {
            "dimension": d.dimension,
            first: "" if d.first_level is None else f"{d.first_level} {d.first_scope}",
            second: "" if d.second_level is None else f"{d.second_level} {d.second_scope}",
            "stricter": "neither touches it"
            if d.first_level is None and d.second_level is None
            else {"first": first, "second": second}.get(d.stricter.value, d.stricter.value),
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
            "stricter": _shared(result.shared_agencies),
        }
    )
    rows.append(
        {
            "dimension": "platforms",
            first: result.first_only_platforms,
            second: result.second_only_platforms,
            "stricter": _shared(result.shared_platforms),
        }
    )
    emit(ctx, result, rows, ["dimension", first, second, "stricter"])


def _shared(ids: tuple[str, ...]) -> str:
    return "shared: " + ", ".join(ids) if ids else "none shared"


@compare_app.command("periods")
def compare_periods(
    ctx: typer.Context,
    first: Annotated[str, typer.Argument(help="A day, a month, a year, or START..END.")],
    second: Annotated[str, typer.Argument(help="A day, a month, a year, or START..END.")],
    jurisdiction: Jurisdiction = "CN",
    group: Annotated[
        str | None,
        typer.Option("--group", help="A population group: its values where recorded."),
    ] = None,
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
        group=group,
        codebook=book,
    )
    bands: list[tuple[str, Any, Any, str | None]] = [
        ("composite", result.first_composite, result.second_composite, None)
    ]
    bands += [
        (d.id, result.first_subindices[d.id], result.second_subindices[d.id], d.id)
        for d in book.dimensions
    ]
    rows: list[dict[str, Any]] = [
        {
            "measure": name,
            "first": a.earliest,
            "second": b.earliest,
            "change": result.difference(dim),
            "first_latest": a.latest,
            "second_latest": b.latest,
            "change_latest": result.difference(dim, Series.LATEST),
        }
        for name, a, b, dim in bands
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
    columns = ["measure", "first", "second", "change", "first_latest", "second_latest"]
    emit(ctx, result, rows, [*columns, "change_latest"])


@compare_app.command("jurisdictions")
def compare_jurisdictions(
    ctx: typer.Context,
    jurisdictions: Annotated[list[str], typer.Argument(help="ISO 3166 codes (CN CN-SH US-CA).")],
    align_on: Annotated[
        list[str] | None,
        typer.Option(
            "--align-on",
            help="A reference day for each jurisdiction, in order (repeat the option), to "
            "align by days since it.",
        ),
    ] = None,
    group: Annotated[
        str | None,
        typer.Option("--group", help="A population group: its values where recorded."),
    ] = None,
    weight: Weights = None,
    unknown: Unknown = UnknownRule.ZERO,
    count_from: Rule = StartRule.EFFECTIVE,
    subdivisions: Subdivisions = True,
) -> None:
    """Jurisdictions side by side: the composite and every sub-index, both series.

    Python: policytrack.compare_many() (two composites: policytrack.compare_jurisdictions()).
    """
    from policytrack.analysis.compare_many import compare_many

    st = state(ctx)
    book = st.codebook()
    days = [j for j in jurisdictions if j[:4].isdigit()]
    if days and align_on:
        # The earlier form, --align-on D1 D2: the second day arrives as an argument.
        import warnings

        align_on = [*align_on, *days]
        jurisdictions = [j for j in jurisdictions if j not in days]
        msg = "'--align-on D1 D2' is deprecated: give --align-on once per jurisdiction"
        warnings.warn(msg, DeprecationWarning, stacklevel=1)
        typer.echo(f"warning: {msg}", err=True)
    codes = [check_jurisdiction(code, "JURISDICTIONS") for code in jurisdictions]
    references = None
    if align_on:
        if len(align_on) != len(codes):
            msg = f"give one day per jurisdiction ({len(codes)}), in order"
            raise typer.BadParameter(msg, param_hint="--align-on")
        references = [parse_date(day, "--align-on") for day in align_on]
    result = compare_many(
        st.dataset(),
        codes,
        references=references,  # type: ignore[arg-type]
        group=group,
        weights=parse_weights(weight, book),
        unknown=unknown,
        start_rule=count_from,
        subdivisions=subdivisions,
        codebook=book,
    )
    records, columns = result.records(), result.columns()
    notes = _comparability(st.dataset(), codes, result)
    emit(ctx, result, records, columns, text=lambda: _many_text(records, columns, notes))


def _comparability(dataset: Any, codes: list[str], result: Any) -> list[str]:
    """Each jurisdiction's coverage against the first's, in a sentence each.

    The span is the calendar span of the rows (the dataset's, with offsets): a side that no
    source covers there, or that rests on far fewer sources or days, is said to be not
    comparable.
    """
    import pendulum

    from policytrack.analysis.compare import comparable
    from policytrack.analysis.coverage import coverage

    days = [row.key for row in result.rows if not isinstance(row.key, int)]
    start = min(days) if days else pendulum.Date(1900, 1, 1)
    end = pendulum.today().date()
    covers = [coverage(dataset, code, start, end) for code in codes]
    notes = []
    for other in covers[1:]:
        _, sentence = comparable(covers[0], other)
        notes.append(sentence)
    return notes


def _many_text(records: list[dict[str, Any]], columns: list[str], notes: list[str]) -> None:
    table(records, columns)
    out = console()
    for note in notes:
        out.print(note, markup=False)
