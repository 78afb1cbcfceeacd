"""Commands that write files: export, chart, report. Every file is written atomically."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from policytrack.cli._context import parse_date, parse_end, state
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
from policytrack.vocab import ExportFormat, Series, StartRule, UnknownRule


def register(app: typer.Typer) -> None:
    """Add this module's commands to *app*."""
    app.command("export")(export)
    app.command("chart")(chart)
    app.command("report")(report)


def export(
    ctx: typer.Context,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="What to write.")],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File (json, ndjson, sqlite) or directory (csv, parquet); json and ndjson "
            "go to standard output without it.",
        ),
    ] = None,
) -> None:
    """Export the dataset: JSON, NDJSON, CSV with a Frictionless data package, SQLite, Parquet.

    Python: policytrack.dumps(), policytrack.render.export.write_csv_package(), write_sqlite(),
    write_parquet().
    """
    from policytrack.render import export as exports
    from policytrack.storage.atomic import write_atomic
    from policytrack.storage.loader import dumps

    dataset = state(ctx).dataset()
    if fmt in (ExportFormat.JSON, ExportFormat.NDJSON):
        text = dumps(dataset, "json" if fmt is ExportFormat.JSON else "ndjson")
        if output is None:
            sys.stdout.write(text)
            return
        write_atomic(output, text)
    elif output is None:
        raise typer.BadParameter(f"--format {fmt.value} needs a path", param_hint="--output")
    elif fmt is ExportFormat.CSV:
        output = exports.write_csv_package(dataset, output)
    elif fmt is ExportFormat.SQLITE:
        exports.write_sqlite(dataset, output)
    else:
        exports.write_parquet(dataset, output)
    typer.echo(f"wrote {output}", err=True)


Output = Annotated[Path, typer.Option("--output", "-o", help="The file to write.")]


def chart(
    ctx: typer.Context,
    output: Output,
    jurisdiction: Jurisdiction = "CN",
    start: From = None,
    end: To = None,
    series: SeriesOption = Series.EARLIEST,
    weight: Weights = None,
    unknown: Unknown = UnknownRule.ZERO,
    count_from: Rule = StartRule.EFFECTIVE,
    subdivisions: Subdivisions = True,
) -> None:
    """Draw the composite and sub-indices over time as SVG, uncertainty shaded, steps marked.

    Python: policytrack.render.chart.chart_svg().
    """
    from policytrack.render.chart import chart_svg
    from policytrack.storage.atomic import write_atomic

    result = run_escalation(
        ctx, jurisdiction, start, end, series, weight, unknown, count_from, subdivisions
    )
    svg = chart_svg(
        result.index,
        state(ctx).codebook(),
        escalation=result,
        start=parse_date(start, "--from"),
        end=parse_end(end, "--to"),
    )
    write_atomic(output, svg)
    typer.echo(f"wrote {output}", err=True)


def report(
    ctx: typer.Context,
    output: Output,
    jurisdiction: Jurisdiction = "CN",
    start: From = None,
    end: To = None,
    series: SeriesOption = Series.EARLIEST,
    weight: Weights = None,
    unknown: Unknown = UnknownRule.ZERO,
    count_from: Rule = StartRule.EFFECTIVE,
    subdivisions: Subdivisions = True,
) -> None:
    """Write one self-contained HTML page: chart, escalation steps with quotes, policy table.

    Python: policytrack.render.report.report_html().
    """
    from policytrack.render.report import report_html
    from policytrack.storage.atomic import write_atomic

    result = run_escalation(
        ctx, jurisdiction, start, end, series, weight, unknown, count_from, subdivisions
    )
    st = state(ctx)
    write_atomic(output, report_html(st.dataset(), st.codebook(), result))
    typer.echo(f"wrote {output}", err=True)
