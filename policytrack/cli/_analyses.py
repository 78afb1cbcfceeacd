"""Commands over the analyses, each calling one library function and rendering its result.

timeline, index, escalation, compare, platform, outcomes and sensitivity.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from policytrack.cli._context import (
    check_jurisdiction,
    parse_date,
    parse_end,
    parse_weights,
    parse_window,
    state,
)
from policytrack.cli._options import (
    From,
    Jurisdiction,
    Rule,
    SeriesOption,
    Subdivisions,
    To,
    Unknown,
    Weights,
    run_escalation,
)
from policytrack.cli._render import console, emit, table
from policytrack.vocab import GroupBy, OutcomeRole, Series, StartRule, UnknownRule

if TYPE_CHECKING:
    from policytrack.analysis.escalation import Escalation

compare_app = typer.Typer(help="Compare two policies, two periods or two jurisdictions.")
sensitivity_app = typer.Typer(help="Test whether a conclusion survives other weightings.")


def register(app: typer.Typer) -> None:
    """Add this module's commands to *app*."""
    app.command("timeline")(timeline)
    app.command("index")(index)
    app.command("escalation")(escalation)
    app.add_typer(compare_app, name="compare")
    app.command("platform")(platform)
    app.command("outcomes")(outcomes)
    app.add_typer(sensitivity_app, name="sensitivity")


def _fmt(value: float | None) -> str:
    return "unknown" if value is None else f"{value:.1f}"


def timeline(
    ctx: typer.Context,
    jurisdiction: Jurisdiction = "CN",
    count_from: Rule = StartRule.EFFECTIVE,
    subdivisions: Subdivisions = True,
) -> None:
    """The level in force on each dimension over time, in both series.

    Python: policytrack.timeline().
    """
    from policytrack.analysis.timeline import timeline as compute

    st = state(ctx)
    result = compute(
        st.dataset(),
        check_jurisdiction(jurisdiction),
        start_rule=count_from,
        subdivisions=subdivisions,
        codebook=st.codebook(),
    )
    rows = []
    for dim in result.dimensions:
        for series in Series:
            for step in dim.steps(series):
                rows.append(
                    {
                        "dimension": dim.dimension,
                        "series": series.value,
                        "from": step.day.isoformat(),
                        "level": step.level,
                        "scope": step.scope.value if step.scope else None,
                        "policies": tuple(dict.fromkeys(m.policy for m in step.measures)),
                    }
                )
    emit(
        ctx,
        result,
        rows,
        ["dimension", "series", "from", "level", "scope", "policies"],
        title=f"Levels in force in {jurisdiction}",
    )


def index(
    ctx: typer.Context,
    jurisdiction: Jurisdiction = "CN",
    weight: Weights = None,
    unknown: Unknown = UnknownRule.ZERO,
    count_from: Rule = StartRule.EFFECTIVE,
    subdivisions: Subdivisions = True,
    start: From = None,
    end: To = None,
) -> None:
    """The composite index and sub-indices at every change, with the uncertainty band.

    Python: policytrack.index().
    """
    from policytrack.analysis.index import index as compute

    st = state(ctx)
    book = st.codebook()
    result = compute(
        st.dataset(),
        check_jurisdiction(jurisdiction),
        weights=parse_weights(weight, book),
        unknown=unknown,
        start_rule=count_from,
        subdivisions=subdivisions,
        codebook=book,
    )
    first, last = parse_date(start, "--from"), parse_end(end, "--to")
    in_force = result.on(first) if first else None
    rows = []
    for point in result.points:
        # The point in force on --from is shown too: it is the value the window starts with.
        if (first and point.day < first and point is not in_force) or (last and point.day > last):
            continue
        row: dict[str, Any] = {
            "from": point.day.isoformat(),
            "composite": point.composite.earliest,
            "latest": point.composite.latest,
            "uncertain": "yes" if point.composite.uncertain else "",
        }
        row |= {k: b.earliest for k, b in point.subindices.items()}
        rows.append(row)
    columns = ["from", "composite", "latest", "uncertain", *(d.id for d in book.dimensions)]
    emit(ctx, result, rows, columns, title=f"Index for {jurisdiction} (earliest series; latest)")


def escalation(
    ctx: typer.Context,
    jurisdiction: Jurisdiction = "CN",
    start: From = None,
    end: To = None,
    series: SeriesOption = Series.EARLIEST,
    weight: Weights = None,
    unknown: Unknown = UnknownRule.ZERO,
    count_from: Rule = StartRule.EFFECTIVE,
    subdivisions: Subdivisions = True,
    top: Annotated[int, typer.Option(min=0, help="How many of the largest steps to list.")] = 5,
) -> None:
    """How controls escalated: each step of the composite, what caused it, and the quotes.

    Python: policytrack.escalation().
    """
    result = run_escalation(
        ctx, jurisdiction, start, end, series, weight, unknown, count_from, subdivisions, top
    )
    rows = [
        {
            "day": s.day.isoformat(),
            "earliest": s.earliest.isoformat(),
            "latest": s.latest.isoformat() if s.latest else "open",
            "before": s.before,
            "after": s.after,
            "delta": s.delta,
            "policies": tuple(dict.fromkeys(c.policy for c in s.causes)),
            "dimensions": tuple(dict.fromkeys(c.dimension for c in s.causes)),
        }
        for s in result.composite_steps
    ]
    columns = ["day", "earliest", "latest", "before", "after", "delta", "policies", "dimensions"]
    emit(ctx, result, rows, columns, text=lambda: _escalation_text(result))


def _escalation_text(result: Escalation) -> None:
    out = console()
    out.print(
        f"[bold]Escalation in {result.jurisdiction}, {result.start} to {result.end}[/bold] "
        f"({result.series.value} series): composite {_fmt(result.start_value)} -> "
        f"{_fmt(result.end_value)} ({result.change:+.1f})"
    )
    for step in result.composite_steps:
        when = str(step.day)
        if step.latest != step.earliest:
            when += f" (between {step.earliest} and {step.latest or 'an unknown day'})"
        out.print(
            f"\n[bold]{when}[/bold]: composite {_fmt(step.before)} -> {_fmt(step.after)} "
            f"({step.delta:+.1f})"
        )
        for cause in step.causes:
            out.print(
                f"  {cause.change.value}: {cause.policy} ({cause.title}), "
                f"{cause.dimension} level {cause.level} {cause.scope.value}",
                markup=False,
            )
            for quote in cause.evidence[:2]:
                out.print(f"    \u201c{quote.exact}\u201d [{quote.source}]", markup=False)
    out.print("\n[bold]By dimension[/bold] (rise / fall / net):")
    for change in result.by_dimension:
        out.print(
            f"  {change.dimension}: +{change.rise:.1f} / {change.fall:.1f} / {change.net:+.1f}"
        )
    if result.lags:
        out.print("\n[bold]From announcement to first enforcement outcome[/bold]:")
        for lag in result.lags:
            shortest = "?" if lag.shortest is None else lag.shortest
            longest = "?" if lag.longest is None else lag.longest
            out.print(
                f"  {lag.policy} -> {lag.outcome}: {shortest} to {longest} days",
                markup=False,
            )


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
) -> None:
    """The index at two days or averaged over two windows, and the policies behind the change.

    Python: policytrack.compare_periods().
    """
    from policytrack.analysis.compare import compare_periods as compute

    st = state(ctx)
    book = st.codebook()
    result = compute(
        st.dataset(),
        check_jurisdiction(jurisdiction),
        parse_window(first, "FIRST"),
        parse_window(second, "SECOND"),
        weights=parse_weights(weight, book),
        unknown=unknown,
        start_rule=count_from,
        codebook=book,
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
) -> None:
    """Two jurisdictions' composite indices, aligned by calendar or by a reference event.

    Python: policytrack.compare_jurisdictions().
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
        check_jurisdiction(first, "FIRST"),
        check_jurisdiction(second, "SECOND"),
        references=references,
        weights=parse_weights(weight, book),
        unknown=unknown,
        start_rule=count_from,
        codebook=book,
    )
    key = "days since reference" if references else "from"
    rows = [{key: str(k), first: a.earliest, second: b.earliest} for k, a, b in result.rows]
    emit(ctx, result, rows, [key, first, second])


def platform(
    ctx: typer.Context,
    platform_id: Annotated[str, typer.Argument(metavar="ID", help="The platform's id.")],
) -> None:
    """Every policy, outcome and exit that touched a platform, in date order.

    Python: policytrack.platform_timeline().
    """
    from policytrack.analysis.compare import platform_timeline

    result = platform_timeline(state(ctx).dataset(), platform_id)
    rows = [
        {
            "date": e.date.edtf if e.date else "undated",
            "kind": e.kind.value,
            "record": e.record,
            "what": e.description,
        }
        for e in result.events
    ]
    emit(ctx, result, rows, ["date", "kind", "record", "what"], title=result.name)


def outcomes(
    ctx: typer.Context,
    by: Annotated[
        GroupBy, typer.Option(help="Group totals by this, besides metric.")
    ] = GroupBy.METRIC,
    metric: Annotated[str | None, typer.Option(help="Only this metric.")] = None,
    start: From = None,
    end: To = None,
    role: Annotated[
        list[OutcomeRole] | None,
        typer.Option(
            help="Count outcomes of this role (repeat for several); by default enforcement "
            "only: context figures and agencies' own claims are set aside and named."
        ),
    ] = None,
) -> None:
    """Totals of reported figures per metric, with bounds, each figure counted once.

    An outcome that another counted includes is not counted again. Python:
    policytrack.outcome_totals().
    """
    from policytrack.analysis.outcomes import outcome_totals
    from policytrack.model.records import Metric

    chosen = None
    if metric is not None:
        try:
            chosen = Metric(metric)
        except ValueError:
            known = ", ".join(m.value for m in Metric)
            raise typer.BadParameter(
                f"{metric!r} is not one of {known}", param_hint="--metric"
            ) from None
    result = outcome_totals(
        state(ctx).dataset(),
        by=by,
        metric=chosen,
        start=parse_date(start, "--from"),
        end=parse_end(end, "--to"),
        roles=role or (OutcomeRole.ENFORCEMENT,),
    )
    group = [] if by is GroupBy.METRIC else [by.value]
    rows = [
        {
            "metric": t.metric.value,
            "unit": t.unit,
            **({by.value: t.group} if group else {}),
            "low": t.low,
            "high": "unbounded" if t.high is None else t.high,
            "exact": "yes" if t.exact else "no",
            "outcomes": t.outcomes,
            "duplicates": t.duplicates,
            "included": t.included,
        }
        for t in result.totals
    ]
    columns = [
        "metric",
        "unit",
        *group,
        "low",
        "high",
        "exact",
        "outcomes",
        "duplicates",
        "included",
    ]

    def text() -> None:
        table(rows, columns)
        roles = ", ".join(r.value for r in result.roles)
        note = f"Counted: outcomes of role {roles}."
        if result.set_aside:
            note += (
                f" Set aside ({len(result.set_aside)}, other roles; --role to count them): "
                + ", ".join(result.set_aside)
            )
        console().print(note, markup=False, soft_wrap=True)

    emit(ctx, result, rows, columns, text=text)


def _render_sensitivity(ctx: typer.Context, result: Any) -> None:
    rows = [
        {"weighting": v.name, "margin": v.margin, "holds": "yes" if v.holds else "no"}
        for v in (result.baseline, *result.neighbourhood, *result.extremes)
    ]
    verdict = "robust" if result.robust else "not robust"
    emit(
        ctx,
        result,
        rows,
        ["weighting", "margin", "holds"],
        title=f"{result.conclusion}: {verdict} in the neighbourhood",
    )


@sensitivity_app.command("rose")
def sensitivity_rose(
    ctx: typer.Context,
    start: Annotated[str, typer.Option("--from", help="The earlier day.")],
    end: Annotated[str, typer.Option("--to", help="The later day.")],
    jurisdiction: Jurisdiction = "CN",
    series: SeriesOption = Series.EARLIEST,
    weight: Weights = None,
    unknown: Unknown = UnknownRule.ZERO,
) -> None:
    """Does "the composite rose from --from to --to" hold under every nearby weighting?

    Python: policytrack.sensitivity(..., CompositeRose(...)).
    """
    from policytrack.analysis.sensitivity import CompositeRose, sensitivity

    st = state(ctx)
    book = st.codebook()
    first, last = parse_date(start, "--from"), parse_end(end, "--to")
    assert first is not None and last is not None
    conclusion = CompositeRose(check_jurisdiction(jurisdiction), first, last, series, unknown)
    result = sensitivity(
        st.dataset(), conclusion, weights=parse_weights(weight, book), codebook=book
    )
    _render_sensitivity(ctx, result)


@sensitivity_app.command("stricter")
def sensitivity_stricter(
    ctx: typer.Context,
    first: Annotated[str, typer.Argument(help="The policy said to be stricter.")],
    second: Annotated[str, typer.Argument(help="The policy it is compared with.")],
    weight: Weights = None,
) -> None:
    """Does "FIRST is stricter than SECOND" hold under every nearby weighting?

    Python: policytrack.sensitivity(..., PolicyStricter(...)).
    """
    from policytrack.analysis.sensitivity import PolicyStricter, sensitivity

    st = state(ctx)
    book = st.codebook()
    result = sensitivity(
        st.dataset(),
        PolicyStricter(first, second),
        weights=parse_weights(weight, book),
        codebook=book,
    )
    _render_sensitivity(ctx, result)
