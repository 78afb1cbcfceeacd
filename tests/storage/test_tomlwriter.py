"""The canonical TOML writer: whatever it writes, the standard library reads back unchanged."""

from __future__ import annotations

import math
import tomllib
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from policytrack.storage.tomlwriter import dumps

# Every code point but surrogates (which UTF-8 cannot encode), the controls most of all.
TEXT = st.text(
    alphabet=st.one_of(
        st.characters(max_codepoint=0x7F),
        st.characters(codec="utf-8"),
    ),
    max_size=8,
)
KEYS = st.one_of(st.text(alphabet="abc_-1", min_size=1, max_size=4), TEXT)
SCALARS = st.one_of(
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False),
    TEXT,
)
ARRAYS = st.recursive(
    st.lists(SCALARS, max_size=3), lambda inner: st.lists(inner, max_size=3), max_leaves=6
)
VALUES = st.one_of(SCALARS, ARRAYS)
TABLES: st.SearchStrategy[dict[str, Any]] = st.recursive(
    st.dictionaries(KEYS, VALUES, max_size=4),
    lambda tables: st.dictionaries(
        KEYS,
        st.one_of(VALUES, tables, st.lists(tables, min_size=1, max_size=3)),
        max_size=4,
    ),
    max_leaves=12,
)


@given(TABLES)
@example({"quote": 'He said "no" \\ left\nnext line\r\x00\x1f\x7f\t中文 😀'})
@example({"a.b": {"": [{"x": 1}, {}]}, "c d": [[1, "two"], []]})
@example({"big": 2**63 - 1, "small": -(2**63), "tiny": 5e-324, "huge": 1e308, "neg": -0.0})
@example({"inf": math.inf, "ninf": -math.inf})
def test_what_is_written_reads_back_equal(data: dict[str, Any]) -> None:
    """Reads back with tomllib exactly what it wrote: strings, numbers, arrays and tables."""
    text = dumps(data)
    assert tomllib.loads(text) == data


@given(TABLES)
def test_writing_is_canonical(data: dict[str, Any]) -> None:
    """Writes the same bytes for data read back from its own output, ending in one newline."""
    text = dumps(data)
    assert dumps(tomllib.loads(text)) == text
    assert text.endswith("\n")
    assert not text.endswith("\n\n") or text == "\n"


def test_nan_is_written_as_nan() -> None:
    """Writes NaN as TOML's nan."""
    assert math.isnan(tomllib.loads(dumps({"x": math.nan}))["x"])


def test_none_values_are_left_out() -> None:
    """Leaves out keys whose value is None (TOML has no null)."""
    assert tomllib.loads(dumps({"a": None, "b": 1})) == {"b": 1}


def test_scalars_come_before_tables() -> None:
    """Writes a table's scalars before its sub-tables, whatever order they were given in."""
    assert dumps({"t": {"x": 1}, "a": 1}) == "a = 1\n\n[t]\nx = 1\n"


@pytest.mark.parametrize("value", [[1, {"b": 2}], object(), [None]])
def test_refuses_what_it_cannot_write(value: object) -> None:
    """Refuses a value outside the subset (an inline table, None in an array) with a TypeError."""
    with pytest.raises(TypeError, match=r"cannot write .* as a TOML value"):
        dumps({"a": value})
