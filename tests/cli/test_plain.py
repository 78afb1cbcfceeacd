"""The plain console writes to a pipe exactly what rich writes there, and imports no rich."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from policytrack.cli._plain import PlainConsole, is_terminal, tidy

# Text rich treats specially comes up often: tags, escapes, emoji codes, control characters,
# wide characters.
_MARKED = ["[bold]", "[/bold]", "[Source]", "\\[bold]", "\\", ":", ":smile:", "\t", "\r", "\n"]
_PLAIN = [" ", "a", "Z", "1", "\u201c", "\u4e2d", "-", "->", "(", ")", "[", "]", "=", "12:30:00"]
_PIECES = st.sampled_from([*_MARKED, *_PLAIN])
_TEXTS = st.lists(st.one_of(_PIECES, st.text(max_size=4)), max_size=8).map("".join)


def _rich() -> tuple[io.StringIO, Console]:
    out = io.StringIO()
    return out, Console(file=out, highlight=False, soft_wrap=True, width=100_000)


def _valid_markup(text: str) -> bool:
    from rich.errors import MarkupError
    from rich.markup import render

    try:
        render(text)
    except MarkupError:
        return False
    return True


@given(st.lists(st.tuples(_TEXTS, st.booleans()), max_size=4))
def test_prints_what_rich_prints(lines: list[tuple[str, bool]]) -> None:
    """Prints each line as a rich console writing to a file does, markup or not.

    Control characters are shown escaped first (the data never reaches a terminal raw); rich
    is given the same escaped text.
    """
    ours, theirs = io.StringIO(), _rich()
    plain = PlainConsole(ours)
    for text, markup in lines:
        if markup and not _valid_markup(text):
            continue  # rich raises on it; the commands never print such markup
        plain.print(text, markup=markup)
        theirs[1].print(tidy(text, markup=markup), markup=markup)
    assert ours.getvalue() == theirs[0].getvalue()


@given(
    st.integers(1, 4).flatmap(
        lambda n: st.tuples(
            st.lists(st.text("abcdefghij_", min_size=1, max_size=8), min_size=n, max_size=n),
            st.lists(st.lists(_TEXTS, min_size=n, max_size=n), max_size=4),
            st.none() | _TEXTS,
        )
    )
)
def test_draws_the_tables_rich_draws(table: tuple[list[str], list[list[str]], str | None]) -> None:
    """Draws a table as rich does on a file: no box, no outer padding, no wrapping."""
    columns, rows, title = table
    ours, (theirs, console) = io.StringIO(), _rich()
    PlainConsole(ours).table(rows, columns, title)
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
    console.print(grid)
    assert ours.getvalue() == theirs.getvalue()


def test_a_pipe_is_no_terminal(monkeypatch: object) -> None:
    """Takes a stream that is not a TTY for no terminal, unless the environment forces one."""
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        monkeypatch.delenv(name, raising=False)
    assert not is_terminal(io.StringIO())
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert is_terminal(io.StringIO())
