"""The synth command: a deterministic synthetic dataset, for benchmarks and trials at scale."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from policytrack.cli._context import state
from policytrack.vocab import DatasetFormat


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
    fmt: Annotated[
        DatasetFormat | None,
        typer.Option(
            "--format", "-f", help="toml (a directory), json or ndjson (default: from --output)."
        ),
    ] = None,
) -> None:
    """Write a deterministic synthetic dataset: policies, agencies, platforms, links, outcomes.

    The records are valid and varied (every precision of date, every kind of figure) but not
    real: for benchmarks and for trying policytrack at scale. The codebook is --codebook's, or
    the bundled one.
    Python: policytrack.synthesize(policies=..., seed=...).
    """
    from policytrack.model.dataset import COLLECTIONS
    from policytrack.storage.loader import dump
    from policytrack.testing.synth import synthesize

    st = state(ctx)
    dataset = synthesize(
        policies=policies,
        outcomes=outcomes,
        seed=seed,
        jurisdictions=jurisdictions,
        codebook=st.codebook() if st.codebook_path else None,
    )
    dump(dataset, output, format=fmt.value if fmt else None)
    counts = ", ".join(f"{len(getattr(dataset, n))} {n}" for n in COLLECTIONS)
    typer.echo(f"wrote {output} ({counts})", err=True)
