"""Commands that write files: export, chart, report. Every file is written atomically."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from policytrack.cli._context import OldFormat, file_format, parse_range, state
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
from policytrack.cli._scoring import LeaveOut, MinConfidence, SourceKind
from policytrack.vocab import (
    ChartFormat,
    Confidence,
    ExportFormat,
    PanelPartition,
    Series,
    StartRule,
    UnknownRule,
)


def register(app: typer.Typer) -> None:
    """Add this module's commands to *app*."""
    app.command("export")(export)
    app.command("chart")(chart)
    app.command("report")(report)


def export(
    ctx: typer.Context,
    as_: Annotated[
        ExportFormat | None,
        typer.Option("--as", help="The file format to write (required)."),
    ] = None,
    old_format: OldFormat = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File (json, ndjson, sqlite) or directory (csv, parquet); json and ndjson "
            "go to standard output without it.",
        ),
    ] = None,
    panel: Annotated[
        bool,
        typer.Option(
            "--panel",
            help="Write the jurisdiction x day panel instead of the records (with --as parquet: "
            "partitioned hive style, see --partition-by).",
        ),
    ] = False,
    group: Annotated[
        str | None,
        typer.Option("--group", help="With --panel: a population group's values where recorded."),
    ] = None,
    partition_by: Annotated[
        PanelPartition,
        typer.Option(
            "--partition-by",
            help="With --panel: a folder per jurisdiction and year (the default), per year "
            "(few, larger files: the fastest to read whole), or per jurisdiction, hive style.",
        ),
    ] = PanelPartition.JURISDICTION_YEAR,
) -> None:
    """Export the dataset: JSON, NDJSON, CSV with a Frictionless data package, SQLite, Parquet.

    SQLite comes with NAME.metadata.json for datasette; Parquet has date32 days and list columns.

    Python: policytrack.dumps(), policytrack.render.export.write_csv_package(), write_sqlite(),
    write_parquet(); with --panel, policytrack.render.panelfile.write_panel_parquet().
    """
    from policytrack.render import export as exports
    from policytrack.storage.atomic import write_atomic
    from policytrack.storage.dumper import dumps

    fmt = file_format(ExportFormat, as_, old_format)
    st = state(ctx)
    dataset = st.dataset()
    if panel:
        if fmt is not ExportFormat.PARQUET or output is None:
            msg = "--panel is written as --as parquet to a directory given with --output"
            raise typer.BadParameter(msg, param_hint="--panel")
        from policytrack.analysis.panel import panel as compute
        from policytrack.render.panelfile import write_panel_parquet

        result = compute(dataset, group=group, codebook=st.codebook())
        files = write_panel_parquet(result, output, partition_by=partition_by)
        typer.echo(
            f"wrote {output}: {len(result):,} rows in {len(files)} partitions by "
            f"{partition_by.value}",
            err=True,
        )
        return
    if fmt in (ExportFormat.JSON, ExportFormat.NDJSON):
        text = dumps(dataset, "json" if fmt is ExportFormat.JSON else "ndjson")
        if output is None:
            sys.stdout.write(text)
            return
        write_atomic(output, text)
    elif output is None:
        raise typer.BadParameter(f"--as {fmt.value} needs a path", param_hint="--output")
    elif fmt is ExportFormat.CSV:
        output = exports.write_csv_package(dataset, output)
    elif fmt is ExportFormat.SQLITE:
        exports.write_sqlite(dataset, output)
        meta = exports.write_datasette_metadata(dataset, output)
        typer.echo(f"wrote {output} and {meta} (datasette {output} -m {meta})", err=True)
        return
    else:
        exports.write_parquet(dataset, output)
    typer.echo(f"wrote {output}", err=True)


Output = Annotated[Path, typer.Option("--output", "-o", help="The file to write.")]


_CHART_SUFFIXES = {".svg": ChartFormat.SVG, ".json": ChartFormat.VEGA_LITE}


def _chart_format(output: Path, chosen: ChartFormat | None) -> ChartFormat:
    """The chart's format: *chosen*, else from *output*'s suffix; a mismatch is an error.

    Raises:
        typer.BadParameter: The suffix names another format (``-o chart.png``).
    """
    suffix = output.suffix.lower()
    implied = _CHART_SUFFIXES.get(suffix)
    if suffix and implied is None:
        msg = (
            f"{output.name} names a {suffix[1:].upper()} file, but a chart is written as SVG "
            "(.svg) or as a Vega-Lite JSON spec (.json)"
        )
        raise typer.BadParameter(msg, param_hint="--output")
    if chosen is not None and implied is not None and chosen is not implied:
        msg = f"--as {chosen.value} does not match {output.name}"
        raise typer.BadParameter(msg, param_hint="--output")
    return chosen or implied or ChartFormat.SVG


def chart(
    ctx: typer.Context,
    output: Output,
    as_: Annotated[
        ChartFormat | None,
        typer.Option(
            "--as", help="svg, or vega-lite for a Vega-Lite JSON spec (default: from --output)."
        ),
    ] = None,
    jurisdiction: Jurisdiction = "CN",
    start: From = None,
    end: To = None,
    series: SeriesOption = Series.EARLIEST,
    weight: Weights = None,
    unknown: Unknown = UnknownRule.ZERO,
    count_from: Rule = StartRule.EFFECTIVE,
    subdivisions: Subdivisions = True,
    min_confidence: MinConfidence = Confidence.POSSIBLE,
    source_kind: SourceKind = None,
    leave_out: LeaveOut = None,
) -> None:
    """Draw the composite and sub-indices over time as SVG, uncertainty shaded, steps marked.

    With --as vega-lite (or an output ending .json), write the same as a Vega-Lite spec.
    Python: policytrack.chart_svg(), policytrack.chart_vegalite().
    """
    import json

    from policytrack.render.chart import chart_svg
    from policytrack.render.vegalite import chart_vegalite
    from policytrack.storage.atomic import write_atomic

    fmt = _chart_format(output, as_)
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
        min_confidence=min_confidence,
        source_kind=source_kind,
        leave_out=leave_out,
    )
    first, last = parse_range(start, end)
    book = state(ctx).codebook()
    if fmt is ChartFormat.SVG:
        text = chart_svg(result.index, book, escalation=result, start=first, end=last)
    else:
        spec = chart_vegalite(result.index, book, escalation=result, start=first, end=last)
        text = json.dumps(spec, indent=2, ensure_ascii=False) + "\n"
    write_atomic(output, text)
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
    min_confidence: MinConfidence = Confidence.POSSIBLE,
    source_kind: SourceKind = None,
    leave_out: LeaveOut = None,
) -> None:
    """Write one self-contained HTML page: chart, escalation steps with quotes, policy table.

    Python: policytrack.render.report.report_html().
    """
    from policytrack.render.report import report_html
    from policytrack.storage.atomic import write_atomic

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
        min_confidence=min_confidence,
        source_kind=source_kind,
        leave_out=leave_out,
    )
    st = state(ctx)
    write_atomic(output, report_html(st.dataset(), result, codebook=st.codebook()))
    typer.echo(f"wrote {output}", err=True)
