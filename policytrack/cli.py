"""The ``policytrack`` command: a thin layer that parses options, calls one library function
and renders its result. No analysis happens here."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from policytrack.errors import DataError, PolicytrackError

__all__ = ["app", "main"]

app = typer.Typer(
    name="policytrack",
    help="Track state policies, the agencies behind them and what they did, with evidence.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
)


def _version(value: bool) -> None:
    if value:
        from policytrack import __version__

        typer.echo(f"policytrack {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    data: Annotated[
        Path | None,
        typer.Option("--data", help="Dataset directory or file (default: the bundled dataset)."),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Track state policies, the agencies behind them and what they did, with evidence."""
    ctx.obj = {"data": data}


def _fail(message: str) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(1)


@app.command()
def validate(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(help="Dataset directory, .json or .ndjson file (default: --data or bundled)."),
    ] = None,
    sources: Annotated[
        Path | None,
        typer.Option(
            "--sources",
            help="Directory of source texts: verify every quote and hash against them.",
        ),
    ] = None,
) -> None:
    """Check a dataset: fields, references, dates, levels and, with --sources, every quote.

    Prints one line per problem and exits 1, or a one-line summary and exits 0.
    """
    from policytrack.storage import bundled_path, load

    target = path or (ctx.obj or {}).get("data") or bundled_path()
    try:
        dataset = load(target, sources=sources)
    except DataError as exc:
        for problem in exc.problems:
            typer.echo(str(problem))
        _fail(f"{target}: {len(exc.problems)} problem(s)")
    counts = ", ".join(f"{len(getattr(dataset, n))} {n}" for n in _collections())
    checked = f"; quotes verified against {sources}" if sources else ""
    typer.echo(f"{target}: ok ({counts}){checked}")


def _collections() -> Any:
    from policytrack.dataset import COLLECTIONS

    return COLLECTIONS


def main() -> None:
    """Run the command line; a policytrack error becomes one line on stderr and exit 1."""
    try:
        app()
    except PolicytrackError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except Exception as exc:  # a bug: say so in one line, unless asked for the traceback
        if os.environ.get("POLICYTRACK_DEBUG"):
            raise
        typer.echo(
            f"internal error: {type(exc).__name__}: {exc} (set POLICYTRACK_DEBUG=1 for details)",
            err=True,
        )
        sys.exit(70)


if __name__ == "__main__":
    main()
