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

from policytrack.cli._context import OutputFormat, state

if TYPE_CHECKING:
    from rich.console import Console

Row = Mapping[str, Any]


def printable(text: str) -> str:
    """:func:`policytrack.errors.printable`, imported when there is something to print.

    ``--help`` never prints data, and need not import what errors are made of.
    """
    from policytrack.errors import printable as escaped

    return escaped(text)


def clean(text: str) -> str:
    r"""*text* safe to print on a terminal: each line's control characters shown escaped.

    A title holding ``ESC[31m`` prints as ``\x1b[31m``, never as a colour change; line breaks
    the renderer itself puts between lines are kept.
    """
    return "\n".join(printable(line) for line in text.split("\n"))


def _one_line(text: str) -> str:
    """*text* as one line, but for the blank lines that lead it (they space the output)."""
    body = text.lstrip("\n")
    return "\n" * (len(text) - len(body)) + printable(body)


def console() -> Console:
    """A console for standard output (no colour or boxes when it is not a terminal).

    Every text it prints is :func:`clean`: data from a file never reaches the terminal raw.
    """
    from rich.console import Console

    class _Clean(Console):
        def print(self, *objects: Any, **kwargs: Any) -> None:
            # A line printed without markup is data: a line break inside it is escaped too.
            tidy = clean if kwargs.get("markup", True) else _one_line
            super().print(*(tidy(o) if isinstance(o, str) else o for o in objects), **kwargs)

    out = _Clean(highlight=False, soft_wrap=False)
    if not out.is_terminal:
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
    from rich import box
    from rich.markup import escape
    from rich.table import Table

    out = console()
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
    # json and csv are imported for the formats that use them: `--help` never needs them.
    import csv
    import json

    fmt = state(ctx).format
    if fmt is OutputFormat.JSON:
        from policytrack.storage.converter import converter

        json.dump(converter.unstructure(result), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    elif fmt is OutputFormat.NDJSON:
        for row in rows:
            line = {c: _plain(row.get(c)) for c in columns}
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
    elif fmt is OutputFormat.CSV:
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
