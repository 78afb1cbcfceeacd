"""Where each field of a CSV record lies in the file's text, for quotes that point into it.

An imported value's evidence quotes the cell it was read from, by its offsets in the text as
stored: :func:`field_spans` finds them in one record, inside any quotes, as ``csv`` reads it.
"""

from __future__ import annotations

import re

__all__ = ["LINE_END", "field_spans"]

LINE_END = re.compile(r"\r\n|\r|\n")
"""A line break as ``csv`` reads one: CRLF, CR or LF."""


def field_spans(text: str, start: int, end: int, upto: int | None = None) -> list[tuple[int, int]]:
    """The offsets of each field's content (inside any quotes) in the record text[start:end].

    With *upto*, fields after that position are not looked for.
    """
    if text.find('"', start, end) < 0:  # no quoted field: split at every comma
        cells = []
        at = start
        for width in map(len, text[start:end].split(",")):
            cells.append((at, at + width))
            at += width + 1
        return cells
    cells = []
    i = start
    while upto is None or len(cells) <= upto:
        if i < end and text[i] == '"':
            j = i + 1
            while True:
                k = text.find('"', j, end)
                if k < 0:
                    k = end
                    break
                if k + 1 < end and text[k + 1] == '"':
                    j = k + 2
                    continue
                break
            cells.append((i + 1, k))
            comma = text.find(",", k, end)
            if comma < 0:
                return cells
            i = comma + 1
        else:
            comma = text.find(",", i, end)
            if comma < 0:
                cells.append((i, end))
                return cells
            cells.append((i, comma))
            i = comma + 1
    return cells
