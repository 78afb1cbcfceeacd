"""Field offsets in a CSV record's text, against what ``csv.reader`` reads from it."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from policytrack.importers.cells import LINE_END, field_spans

_FIELD = st.text(st.sampled_from('ab1,."\n '), max_size=6)


@given(st.lists(_FIELD, min_size=1, max_size=6))
def test_field_spans_find_what_csv_reads(fields: list[str]) -> None:
    """Gives each field's content, inside any quotes, as csv.reader reads the record."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerow(fields)
    text = buffer.getvalue()
    end = len(text) - 2  # the record without its line break
    spans = field_spans(text, 0, end)
    (read,) = list(csv.reader(io.StringIO(text, newline="")))
    assert [text[a:b].replace('""', '"') for a, b in spans] == read


def test_line_end_is_any_break_csv_knows() -> None:
    """Matches CRLF, CR and LF, a CRLF as one break."""
    assert [m.group() for m in LINE_END.finditer("a\r\nb\rc\nd")] == ["\r\n", "\r", "\n"]
