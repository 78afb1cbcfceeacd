"""The ``policytrack`` command: a thin layer that parses options and renders results.

Each command calls one library function; no analysis happens here. A policytrack error becomes
one line on standard error and exit status 1; a bad option value exits 2 naming the option.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from policytrack.cli import _analyses, _coding, _files, _records, _synth
from policytrack.cli._context import OutputFormat, State
from policytrack.errors import PolicytrackError

__all__ = ["app", "main"]


class _Group(TyperGroup):
    """The root group: a policytrack error anywhere below becomes one line and exit 1."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except PolicytrackError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None


app = typer.Typer(
    name="policytrack",
    cls=_Group,
    help="Track state policies, the agencies behind them and what they did, with evidence.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
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
        str | None,
        typer.Option(
            "--data",
            "-d",
            help="Dataset directory, .json or .ndjson file, or - for standard input "
            "(default: the bundled dataset).",
        ),
    ] = None,
    codebook: Annotated[
        str | None,
        typer.Option(
            "--codebook",
            help="Codebook TOML file, or - for standard input (default: the dataset's own).",
        ),
    ] = None,
    fmt: Annotated[
        OutputFormat,
        typer.Option("--format", help="Output: a table, or json, csv or ndjson for scripts."),
    ] = OutputFormat.TABLE,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Track state policies, the agencies behind them and what they did, with evidence."""
    if data == "-" and codebook == "-":
        raise typer.BadParameter("only one of --data and --codebook can read standard input")
    ctx.obj = State(data=data, codebook_path=codebook, format=fmt)


for _module in (_records, _analyses, _files, _coding, _synth):
    _module.register(app)


def main() -> None:
    """Run the command line; an error becomes one line on stderr, never a traceback."""
    try:
        app()
    except Exception as exc:  # a bug: one line, unless the traceback is asked for
        if os.environ.get("POLICYTRACK_DEBUG"):
            raise
        typer.echo(
            f"internal error: {type(exc).__name__}: {exc} (set POLICYTRACK_DEBUG=1 for details)",
            err=True,
        )
        sys.exit(70)
