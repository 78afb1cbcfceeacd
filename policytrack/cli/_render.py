"""One renderer for every command: a table on a terminal, or JSON, CSV or NDJSON for scripts.

``--format json`` prints the library's result object exactly, unstructured by the converter;
``csv`` and ``ndjson`` print the rows the table shows. When standard output is not a terminal,
tables are drawn without box characters, and colour follows ``NO_COLOR``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import typer

from policytrack.cli._context import state
from policytrack.cli._plain import PlainConsole, is_terminal, printable, tidy
from policytrack.vocab import OutputFormat

if TYPE_CHECKING:
    from rich.console import Console

Row = Mapping[str, Any]


def console() -> Console | PlainConsole:
    """A console for standard output (no colour or boxes when it is not a terminal).

    rich is imported only to draw for a terminal: a pipe or a file gets the same text from
    :class:`~policytrack.cli._plain.PlainConsole`. Either shows control characters in the data
    escaped: data from a file never reaches the terminal raw.
    """
    if not is_terminal():
        return PlainConsole()
    from rich.console import Console

    class _Clean(Console):
        def print(self, *objects: Any, **kwargs: Any) -> None:
            markup = kwargs.get("markup", True)
            cleaned = (tidy(o, markup=markup) if isinstance(o, str) else o for o in objects)
            super().print(*cleaned, **kwargs)

    out = _Clean(highlight=False, soft_wrap=False)
    if not out.is_terminal:  # pragma: no cover - is_terminal() counts every case rich does
        # A pipe or a file: never wrap a cell, so that each row stays one line.
        out = _Clean(highlight=False, soft_wrap=True, width=100_000)
    return out


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, tuple | list):
        return ", ".join(_cell(v) for v in value)
    return printable(str(value))


def _plain(value: Any) -> Any:
    """A value for CSV and NDJSON: numbers stay numbers, everything else becomes text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return str(value)


def table(rows: Sequence[Row], columns: Sequence[str], title: str | None = None) -> None:
    """Print *rows* as a table with *columns*."""
    out = console()
    if isinstance(out, PlainConsole):
        shown = None if title is None else printable(title)
        out.table([[_cell(row.get(c)) for c in columns] for row in rows], columns, shown)
        return
    from rich import box
    from rich.markup import escape
    from rich.table import Table

    grid = Table(
        title=None if title is None else escape(printable(title)),
        box=box.SIMPLE_HEAD if out.is_terminal else None,
        show_edge=False,
        title_justify="left",
        pad_edge=False,
    )
    for i, name in enumerate(columns):
        grid.add_column(name, overflow="fold", no_wrap=i == 0 or not out.is_terminal)
    for row in rows:
        # Cells are data, never markup: "[Source]" must print as written.
        grid.add_row(*(escape(_cell(row.get(c))) for c in columns))
    out.print(grid)


def emit(
    ctx: typer.Context,
    result: Any,
    rows: Sequence[Row],
    columns: Sequence[str],
    *,
    title: str | None = None,
    text: Callable[[], None] | None = None,
) -> None:
    """Print a command's *result* in the chosen format.

    Args:
        ctx: The command's context (for the global ``--format``).
        result: The library's result object: what ``--format json`` prints.
        rows: The rows a table, CSV or NDJSON shows.
        columns: The columns, in order.
        title: A title for the table.
        text: A custom human rendering to use instead of the plain table.
    """
    # json and csv are imported for the formats that use them: a table needs neither.
    fmt = state(ctx).format
    if fmt is OutputFormat.JSON:
        import json

        from policytrack.storage.converter import converter

        json.dump(converter.unstructure(result), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    elif fmt is OutputFormat.NDJSON:
        import json

        for row in rows:
            line = {c: _plain(row.get(c)) for c in columns}
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
    elif fmt is OutputFormat.CSV:
        import csv

        from policytrack.render.export import csv_cell

        writer = csv.writer(sys.stdout, lineterminator="\r\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(
                [
                    csv_cell("; ".join(map(str, v)) if isinstance(v, tuple | list) else v)
                    for v in (row.get(c) for c in columns)
                ]
            )
    elif text is not None:
        text()
    else:
        table(rows, columns, title)
