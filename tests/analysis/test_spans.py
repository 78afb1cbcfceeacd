"""Measures placed in time: the values the timeline and the sweeps share."""

from __future__ import annotations

from typing import Any

import attrs
import pendulum
from hypothesis import given
from hypothesis import strategies as st

from policytrack.analysis.spans import MeasureRef, measure_ref
from policytrack.model.dates import UncertainDate
from policytrack.model.records import Scope

_DAYS = st.dates().map(lambda d: pendulum.Date(d.year, d.month, d.day))
_SPANS = st.tuples(_DAYS, st.none() | _DAYS)


@given(
    st.tuples(
        st.text(min_size=1),
        st.integers(0, 5),
        st.text(min_size=1),
        st.integers(0, 4),
        st.sampled_from(Scope),
        st.sampled_from([UncertainDate("2012-12-28"), UncertainDate("2013")]),
        st.none() | st.just(UncertainDate("2015-03")),
        _SPANS,
        st.none() | _SPANS,
    )
)
def test_measure_ref_equals_the_class_own_construction(values: tuple[Any, ...]) -> None:
    """Makes the same MeasureRef, field for field and type for type, as the class itself."""
    made = measure_ref(*values)
    expected = MeasureRef(*values)
    assert made == expected and hash(made) == hash(expected)
    assert type(made) is MeasureRef
    for field in attrs.fields(MeasureRef):
        assert getattr(made, field.name) is getattr(expected, field.name)
