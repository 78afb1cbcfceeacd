"""Text for a pipe or a file, written as rich writes it there, without importing rich.

rich's console costs about as much to import as the rest of a command's start-up. When standard
output is not a terminal, rich prints no colour, no boxes and never wraps (see ``_render``), so
what it writes is the text with its markup tags removed, and a table is its cells padded to the
widest in each column. This module writes exactly that for the text the commands print. Text
that rich would change in some other way (an emoji code such as ``:smile:``, an escaped tag, a
control character, a tab, a cell that is not ASCII or spans lines) is handed to rich, so that the
output never depends on which of the two wrote it; ``tests/cli/test_plain.py`` compares them.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from typing import Any, TextIO

# rich.markup's pattern for a tag (rich's also takes the backslashes before it, which takes
# quadratic time on a run of them; a tag after a backslash is left to rich here).
_TAGS = re.compile(r"\[([a-z#/@][^[]*?)]")
_SIMPLE_TAGS = frozenset({"bold", "/bold"})
# rich replaces an emoji code (``:name:``) found by this pattern; such text goes to rich.
_EMOJI = re.compile(r":\S*?:")
# Control characters rich removes or expands (rich.control, and tabs).
_CONTROL = re.compile(r"[\x07\x08\x0b\x0c\r\t]")
_TABLE_CELL = re.compile(r"[^\x20-\x7e]|\\")
"""What rich draws its own way in a table: non-ASCII, and backslashes (markup escapes)."""


def is_terminal(stream: TextIO | None = None) -> bool:
    """Whether rich would draw for a terminal on *stream* (standard output by default).

    Any setting that can make rich treat a stream as a terminal counts as one, and so do
    notebooks and IDLE, which rich detects itself.
    """
    stream = sys.stdout if stream is None else stream
    if any(os.environ.get(name) for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")):
        return True
    if "IPython" in sys.modules or "idlelib" in sys.modules:
        return True
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if isatty is not None else False
    except ValueError:  # a closed stream, as rich treats it
        return False


def _unmarked(text: str) -> str | None:
    """*text* with its markup tags removed, or None when rich must render it."""
    if "\\" in text:
        return None  # a backslash may escape a bracket: rich decides what it means
    parts = []
    position = 0
    for match in _TAGS.finditer(text):
        escaped = match.start() > 0 and text[match.start() - 1] == "\\"
        if escaped or match.group(1) not in _SIMPLE_TAGS:
            return None
        parts.append(text[position : match.start()])
        position = match.end()
    parts.append(text[position:])
    return "".join(parts)


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


def one_line(text: str) -> str:
    """*text* as one line, but for the blank lines that lead it (they space the output)."""
    body = text.lstrip("\n")
    return "\n" * (len(text) - len(body)) + printable(body)


def tidy(text: str, *, markup: bool) -> str:
    """*text* as printed: control characters escaped, and a line of data (no markup) one line."""
    return clean(text) if markup else one_line(text)


class PlainConsole:
    """Writes lines to a pipe or a file as a non-terminal rich console would, rich unimported."""

    is_terminal = False

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = sys.stdout if stream is None else stream
        self._rich: Any = None

    def rich(self) -> Any:
        """The rich console this one stands for, made on first need."""
        if self._rich is None:
            from rich.console import Console

            self._rich = Console(file=self.stream, highlight=False, soft_wrap=True, width=100_000)
        return self._rich

    def print(self, text: str = "", *, markup: bool = True, soft_wrap: bool = True) -> None:
        """Print *text* (rich markup unless *markup* is false) and a newline.

        Nothing written to a pipe is wrapped: *soft_wrap* is taken for rich's signature.
        Control characters in the text are shown escaped (:func:`tidy`).
        """
        text = tidy(text, markup=markup)
        plain = _unmarked(text) if markup else text
        if plain is None or _EMOJI.search(plain) or _CONTROL.search(plain):
            self.rich().print(text, markup=markup)
        else:
            self.stream.write(plain + "\n")

    def table(
        self, rows: Sequence[Sequence[str]], columns: Sequence[str], title: str | None
    ) -> None:
        """Print a table as rich does with no box, no outer padding and no wrapping.

        Each column is as wide as its widest cell; cells are left aligned and separated by two
        spaces; the title, if any, is the line above, as long as it is.
        """
        cells = [list(columns), *(list(row) for row in rows)]
        texts = [c for row in cells for c in row] + ([title] if title is not None else [])
        widths = [max(len(row[i]) for row in cells) for i in range(len(columns))]
        if not columns or any(_TABLE_CELL.search(t) or _EMOJI.search(t) for t in texts):
            self._rich_table(rows, columns, title)
            return
        lines = [title] if title else []
        for row in cells:
            lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
        self.stream.write("".join(line + "\n" for line in lines))

    def _rich_table(
        self, rows: Sequence[Sequence[str]], columns: Sequence[str], title: str | None
    ) -> None:
        from rich.markup import escape
        from rich.table import Table

        grid = Table(
            title=None if title is None else escape(title),
            box=None,
            show_edge=False,
            title_justify="left",
            pad_edge=False,
        )
        for name in columns:
            grid.add_column(name, overflow="fold", no_wrap=True)
        for row in rows:
            grid.add_row(*(escape(c) for c in row))
        self.rich().print(grid)
