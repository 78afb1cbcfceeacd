"""What the generated constructors share: the lone-surrogate test and a field's data default."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from policytrack.storage.buildbase import data_default, is_unicode
from policytrack.vocab import Confidence


@given(st.lists(st.characters() | st.sampled_from(["\ud800", "\udfff"])).map("".join))
def test_a_string_is_unicode_when_it_encodes_as_utf8(text: str) -> None:
    """Says a string holds no lone surrogate exactly when UTF-8 can encode it."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        encodes = False
    else:
        encodes = True
    assert is_unicode(text) is encodes


def test_a_default_is_given_as_data() -> None:
    """Gives an enum default as its value, as a file writes it, and refuses a factory."""

    @attrs.frozen
    class Example:
        confidence: Confidence = Confidence.POSSIBLE
        notes: tuple[str, ...] = attrs.field(factory=tuple)

    confidence, notes = attrs.fields(Example)
    assert data_default(confidence) == Confidence.POSSIBLE.value
    with pytest.raises(TypeError, match="factories"):
        data_default(notes)
