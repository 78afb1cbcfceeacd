"""The synth command: a deterministic synthetic dataset, for benchmarks and trials at scale."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from policytrack.cli._context import OldFormat, file_format, state
from policytrack.vocab import DatasetFormat

_SUFFIXES = {
    ".json": DatasetFormat.JSON,
    ".ndjson": DatasetFormat.NDJSON,
    ".jsonl": DatasetFormat.NDJSON,
}


def _synth_format(output: Path, chosen: DatasetFormat | None, old: str | None) -> DatasetFormat:
    """The format from ``--as`` (or the deprecated ``-f``), else from *output*'s suffix.

    Raises:
        typer.BadParameter: The format and *output*'s suffix disagree (``-o s.json --as toml``
            would write a directory called ``s.json``).
    """
    implied = _SUFFIXES.get(output.suffix.lower())
    fmt = file_format(DatasetFormat, chosen, old, default=implied or DatasetFormat.TOML)
    if output.suffix and fmt is not (implied or DatasetFormat.TOML):
        where = "a directory" if fmt is DatasetFormat.TOML else f"a .{fmt.value} file"
        msg = f"--as {fmt.value} writes {where}, but {output.name} names a {output.suffix} file"
        raise typer.BadParameter(msg, param_hint="--output")
    return fmt


def register(app: typer.Typer) -> None:
    """Add this module's commands to *app*."""
    app.command("synth")(synth)


def synth(
    ctx: typer.Context,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="A directory (the curated TOML tree), or a .json or .ndjson file.",
        ),
    ],
    policies: Annotated[int, typer.Option("--policies", "-n", min=0, help="How many policies.")] = (
        1000
    ),
    outcomes: Annotated[
        int | None, typer.Option(min=0, help="How many outcomes (default: one per policy).")
    ] = None,
    seed: Annotated[int, typer.Option(help="The seed: the same seed gives the same dataset.")] = 0,
    jurisdictions: Annotated[
        int, typer.Option(min=1, help="How many jurisdictions: CN, five provinces, then others.")
    ] = 50,
    as_: Annotated[
        DatasetFormat | None,
        typer.Option("--as", help="toml (a directory), json or ndjson (default: from --output)."),
    ] = None,
    old_format: OldFormat = None,
) -> None:
    """Write a deterministic synthetic dataset: policies, agencies, platforms, links, outcomes.

    The records are valid and varied (every precision of date, every kind of figure) but not
    real: for benchmarks and for trying policytrack at scale. The codebook is --codebook's, or
    the bundled one.
    Python: policytrack.synthesize(policies=..., seed=...).
    """
    from policytrack.model.dataset import COLLECTIONS
    from policytrack.storage.dumper import dump
    from policytrack.testing.synth import synthesize

    fmt = _synth_format(output, as_, old_format)
    st = state(ctx)
    dataset = synthesize(
        policies=policies,
        outcomes=outcomes,
        seed=seed,
        jurisdictions=jurisdictions,
        codebook=st.codebook() if st.codebook_path else None,
    )
    dump(dataset, output, format=fmt.value)
    counts = ", ".join(f"{len(getattr(dataset, n))} {n}" for n in COLLECTIONS)
    typer.echo(f"wrote {output} ({counts})", err=True)
