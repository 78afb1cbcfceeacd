"""Commands for panels: importing other trackers' files, and the jurisdiction x day table.

import oxcgrt, import panel and panel.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from policytrack.cli._context import check_jurisdiction, parse_range, parse_weights, state
from policytrack.cli._options import From, Rule, Subdivisions, To, Unknown, Weights
from policytrack.cli._render import emit
from policytrack.vocab import StartRule, UnknownRule

import_app = typer.Typer(help="Import another tracker's published data as a dataset.")

Out = Annotated[
    Path,
    typer.Option(
        "--output",
        "-o",
        help="The dataset to write: a directory (the curated TOML tree), or a .json or .ndjson "
        "file; the source files' texts go to texts/ in or beside it.",
    ),
]
Group = Annotated[
    str | None,
    typer.Option(
        "--group",
        help="A population group (OxCGRT: non_vaccinated, vaccinated): its values where "
        "recorded, everyone's otherwise.",
    ),
]


def register(app: typer.Typer) -> None:
    """Add this module's commands to *app*."""
    app.add_typer(import_app, name="import")
    app.command("panel")(panel)


def _written(imported: object, output: Path) -> None:
    from policytrack.importers.panel import Imported, write_imported

    assert isinstance(imported, Imported)
    texts = write_imported(imported, output)
    data = imported.dataset
    typer.echo(
        f"wrote {output}: {len(data.policies)} policies from {len(data.sources)} file(s); "
        f"texts in {texts} (check with: policytrack --data {output} validate --texts {texts})",
        err=True,
    )


@import_app.command("oxcgrt")
def import_oxcgrt(
    files: Annotated[
        list[Path], typer.Argument(help="OxCGRT CSV files (compact, fullwithnotes or raw).")
    ],
    output: Out,
    series: Annotated[
        str,
        typer.Option(
            "--series",
            help="own: each jurisdiction's total (NAT_TOTAL, STATE_TOTAL); government: only "
            "what each government set (NAT_GOV, STATE_GOV, STATE_WIDE).",
        ),
    ] = "own",
) -> None:
    """Import OxCGRT's CSVs: each run of days an indicator keeps its value becomes a policy.

    Python: policytrack.importers.oxcgrt.import_oxcgrt().
    """
    from policytrack.importers.oxcgrt import import_oxcgrt as compute

    if series not in ("own", "government"):
        raise typer.BadParameter("must be 'own' or 'government'", param_hint="--series")
    _written(compute(files, series=series), output)  # type: ignore[arg-type]


@import_app.command("panel")
def import_panel(
    files: Annotated[
        list[Path], typer.Argument(help="CSV files: jurisdiction x date x indicator.")
    ],
    mapping: Annotated[
        Path, typer.Option("--mapping", help="The TOML file naming the columns and dimensions.")
    ],
    output: Out,
    series: Annotated[
        str | None, typer.Option("--series", help="Which of the mapping's series of rows to read.")
    ] = None,
) -> None:
    """Import any tracker's panel file through a mapping of its columns.

    Python: policytrack.importers.panel.import_panel().
    """
    from policytrack.importers.mapping import load_mapping
    from policytrack.importers.panel import import_panel as compute

    _written(compute(files, load_mapping(mapping), series=series), output)


def panel(
    ctx: typer.Context,
    jurisdiction: Annotated[
        list[str] | None,
        typer.Option(
            "--jurisdiction", "-j", help="ISO 3166 code (repeatable); by default every one."
        ),
    ] = None,
    start: From = None,
    end: To = None,
    group: Group = None,
    weight: Weights = None,
    unknown: Unknown = UnknownRule.ZERO,
    count_from: Rule = StartRule.EFFECTIVE,
    subdivisions: Subdivisions = True,
) -> None:
    """The jurisdiction x day panel: the composite and every sub-index, both series.

    Python: policytrack.panel().
    """
    from policytrack.analysis.panel import panel as compute

    st = state(ctx)
    book = st.codebook()
    codes = [check_jurisdiction(code) for code in jurisdiction or ()] or None
    first, last = parse_range(start, end)
    result = compute(
        st.dataset(),
        jurisdictions=codes,
        start=first,
        end=last,
        group=group,
        weights=parse_weights(weight, book),
        unknown=unknown,
        start_rule=count_from,
        subdivisions=subdivisions,
        codebook=book,
    )
    who = "" if group is None else f", group {group}"
    records = list(result.records())
    # --format json: what the numbers rest on, then the rows (unknown values as null).
    about = {
        "codebook": result.codebook,
        "dimensions": list(result.dimensions),
        "group": result.group,
        "weights": dict(result.weights),
        "unknown": result.unknown.value,
        "start": None if result.start is None else result.start.isoformat(),
        "end": None if result.end is None else result.end.isoformat(),
        "jurisdictions": list(result.jurisdictions),
        "columns": result.columns(),
        "rows": records,
    }
    emit(
        ctx,
        about,
        records,
        result.columns(),
        title=f"Panel on {result.codebook}{who} (earliest and latest series)",
    )
