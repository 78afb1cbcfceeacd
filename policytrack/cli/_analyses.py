"""Commands over the analyses, each calling one library function and rendering its result.

timeline, index, escalation, compare, platform, outcomes and sensitivity.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from policytrack.cli import _robustness as robustness
from policytrack.cli._context import (
    check_jurisdiction,
    parse_range,
    parse_weights,
    state,
)
from policytrack.cli._coverage import print_coverage
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
from policytrack.cli._scoring import LeaveOut, MinConfidence, SourceKind, build_scoring
from policytrack.vocab import (
    Confidence,
    GroupBy,
    OutcomeRole,
    Series,
    StartRule,
    UnknownRule,
)

if TYPE_CHECKING:
    from policytrack.analysis.escalation import Escalation

sensitivity_app = typer.Typer(
    help="Test whether a conclusion survives the choices that matter (weights, rules, sources)."
)


def register(app: typer.Typer) -> None:
    """Add this module's commands to *app*."""
    app.command("timeline")(timeline)
    app.command("index")(index)
    app.command("escalation")(escalation)
    from policytrack.cli._compare import compare_app

    app.add_typer(compare_app, name="compare")
    app.command("platform")(platform)
    app.command("outcomes")(outcomes)
    robustness.register(sensitivity_app)
    app.add_typer(sensitivity_app, name="sensitivity")


def _fmt(value: float | None) -> str:
    return "unknown" if value is None else f"{value:.1f}"


def timeline(
    ctx: typer.Context,
    jurisdiction: Jurisdiction = "CN",
    count_from: Rule = StartRule.EFFECTIVE,
    subdivisions: Subdivisions = True,
    start: From = None,
    end: To = None,
) -> None:
    """The level in force on each dimension over time, in both series.

    With --from/--to, the steps in that window, and the level in force on its first day.
    Python: policytrack.timeline().
    """
    from policytrack.analysis.timeline import timeline as compute

    first, last = parse_range(start, end)
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
            steps = dim.steps(series)
            for i, step in enumerate(steps):
                following = steps[i + 1].day if i + 1 < len(steps) else None
                # A step before --from still shows when it is the one in force on --from.
                if first is not None and following is not None and following <= first:
                    continue
                if last is not None and step.day > last:
                    continue
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
    min_confidence: MinConfidence = Confidence.POSSIBLE,
    source_kind: SourceKind = None,
    leave_out: LeaveOut = None,
) -> None:
    """The composite index and sub-indices at every change, with the uncertainty band.

    The index measures what the coded sources report, not a census of policy; the answer
    names the days in the window no source covers. Python: policytrack.index().
    """
    from policytrack.analysis.index import index as compute

    first, last = parse_range(start, end)
    st = state(ctx)
    book = st.codebook()
    result = compute(
        st.dataset(),
        check_jurisdiction(jurisdiction),
        codebook=book,
        scoring=build_scoring(
            book,
            weight=weight,
            unknown=unknown,
            count_from=count_from,
            subdivisions=subdivisions,
            min_confidence=min_confidence,
            source_kind=source_kind,
            leave_out=leave_out,
        ),
        window=(first, last) if first is not None and last is not None else None,
    )
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
    title = f"Index for {jurisdiction} (earliest series; latest)"

    def text() -> None:
        from policytrack.analysis.coverage import coverage

        table(rows, columns, title)
        cover, days = result.coverage, [p.day for p in result.points]
        if cover is None and days:
            window = (first or days[0], last or days[-1])
            cover = coverage(st.dataset(), result.jurisdiction, *window)
        if cover is not None:
            print_coverage(cover)

    emit(ctx, result, rows, columns, text=text)


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
    top: Annotated[
        int | None,
        typer.Option(
            min=1, help="List only this many of the largest steps, in date order (default: all)."
        ),
    ] = None,
    min_confidence: MinConfidence = Confidence.POSSIBLE,
    source_kind: SourceKind = None,
    leave_out: LeaveOut = None,
) -> None:
    """How controls escalated: each step of the composite, what caused it, and the quotes.

    The answer says which days no source covers, and marks a step whose day is only a
    publication bound or a conventional date's bound. Python: policytrack.escalation().
    """
    result = run_escalation(
        ctx,
        jurisdiction,
        start,
        end,
        series,
        weight,
        unknown,
        count_from,
        subdivisions,
        top or 5,
        min_confidence=min_confidence,
        source_kind=source_kind,
        leave_out=leave_out,
    )
    shown = _listed(result, top)
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
            "covered": _covered(result, s.day),
            "notes": s.notes,
        }
        for s in shown
    ]
    columns = [
        "day",
        "earliest",
        "latest",
        "before",
        "after",
        "delta",
        "policies",
        "dimensions",
        "covered",
        "notes",
    ]
    emit(ctx, result, rows, columns, text=lambda: _escalation_text(result, shown))


def _covered(result: Escalation, day: Any) -> str:
    if result.coverage is None:
        return ""
    stretch = result.coverage.on(day)
    if stretch is None or not stretch.covered:
        return "no source"
    return ", ".join(stretch.sources)


def _listed(result: Escalation, top: int | None) -> tuple[Any, ...]:
    """The composite steps to list: all, or the *top* largest, in date order."""
    if top is None:
        return result.composite_steps
    return tuple(sorted(result.largest, key=lambda s: s.day))


def _headline(result: Escalation) -> str:
    """The composite's move over the period; a change is only given between two known values."""
    if result.start_value is None or result.end_value is None:
        missing = [
            day.isoformat()
            for day, value in ((result.start, result.start_value), (result.end, result.end_value))
            if value is None
        ]
        return (
            f"composite {_fmt(result.start_value)} -> {_fmt(result.end_value)} "
            f"(no change given: the {result.series.value} series has no value on "
            f"{' or '.join(missing)})"
        )
    return (
        f"composite {_fmt(result.start_value)} -> {_fmt(result.end_value)} ({result.change:+.1f})"
    )


def _escalation_text(result: Escalation, steps: tuple[Any, ...]) -> None:
    out = console()
    out.print(
        f"[bold]Escalation in {result.jurisdiction}, {result.start} to {result.end}[/bold] "
        f"({result.series.value} series): {_headline(result)}"
    )
    if len(steps) < len(result.composite_steps):
        out.print(f"the {len(steps)} largest of {len(result.composite_steps)} steps, by date")
    for step in steps:
        when = str(step.day)
        if step.latest != step.earliest:
            when += f" (between {step.earliest} and {step.latest or 'an unknown day'})"
        out.print(
            f"\n[bold]{when}[/bold]: composite {_fmt(step.before)} -> {_fmt(step.after)} "
            f"({step.delta:+.1f})"
        )
        for note in step.notes:
            out.print(f"  note: {note}", markup=False)
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
            if lag.shortest is None or lag.longest is None:
                span = "unknown (a date rests on an open or conventional bound)"
            else:
                span = f"{lag.shortest} to {lag.longest} days"
            out.print(f"  {lag.policy} -> {lag.outcome}: {span}", markup=False)
    if result.coverage is not None:
        out.print()
        print_coverage(result.coverage)


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
    metric: Annotated[
        list[str] | None, typer.Option(help="Only this metric (repeatable: any of them).")
    ] = None,
    start: From = None,
    end: To = None,
    role: Annotated[
        list[OutcomeRole] | None,
        typer.Option(
            help="Count outcomes of this role (repeat for several); by default enforcement "
            "only: context figures and agencies' own claims are set aside and named."
        ),
    ] = None,
    source_kind: SourceKind = None,
    leave_out: LeaveOut = None,
) -> None:
    """Totals of reported figures per metric, with bounds, each figure counted once.

    An outcome that another counted includes is not counted again. Python:
    policytrack.outcome_totals().
    """
    from policytrack.analysis.outcomes import outcome_totals
    from policytrack.model.records import Metric

    chosen: list[Metric] = []
    for name in metric or ():
        try:
            chosen.append(Metric(name))
        except ValueError:
            known = ", ".join(m.value for m in Metric)
            raise typer.BadParameter(
                f"{name!r} is not one of {known}", param_hint="--metric"
            ) from None
    from policytrack.analysis.scoring import select

    first, last = parse_range(start, end)
    st = state(ctx)
    scoring = build_scoring(st.codebook(), source_kind=source_kind, leave_out=leave_out)
    result = outcome_totals(
        select(st.dataset(), scoring),
        by=by,
        metric=chosen[0] if len(chosen) == 1 else None,
        start=first,
        end=last,
        roles=role or (OutcomeRole.ENFORCEMENT,),
    )
    if len(chosen) > 1:
        import attrs

        wanted = set(chosen)
        metrics = {o.id: o.metric for o in state(ctx).dataset().outcomes}
        result = attrs.evolve(
            result,
            totals=tuple(t for t in result.totals if t.metric in wanted),
            set_aside=tuple(i for i in result.set_aside if metrics.get(i) in wanted),
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
