"""The cache commands: what the compiled cache holds, and emptying it."""

from __future__ import annotations

import typer

from policytrack.cli._render import emit

cache_app = typer.Typer(
    help="The compiled cache that makes a second query on the same dataset fast."
)


def register(app: typer.Typer) -> None:
    """Add this module's commands to *app*."""
    cache_app.command("info")(info)
    cache_app.command("clear")(clear)
    app.add_typer(cache_app, name="cache")


def info(ctx: typer.Context) -> None:
    """Where the compiled cache is, whether it is on, and how much it holds.

    Python: policytrack.storage.cache.info().
    """
    from policytrack.storage import cache

    result = cache.info()
    rows = [
        {"setting": "directory", "value": result.directory},
        {"setting": "enabled", "value": "yes" if result.enabled else "no (POLICYTRACK_CACHE)"},
        {"setting": "entries", "value": f"{result.entries} (at most {result.max_entries})"},
        {
            "setting": "size",
            "value": f"{result.bytes / 1e6:.1f} MB (at most {result.max_bytes / 1e9:.1f} GB)",
        },
    ]
    emit(ctx, result, rows, ["setting", "value"], title="Compiled cache")


def clear(ctx: typer.Context) -> None:
    """Remove every entry of the compiled cache (each is rebuilt on the next load).

    Python: policytrack.storage.cache.clear().
    """
    from policytrack.storage import cache

    removed = cache.clear()
    typer.echo(
        f"removed {removed} cache entr{'y' if removed == 1 else 'ies'} from {cache.directory()}"
    )
