"""The NumPy panel against the pure-Python reference: the same columns, value for value.

The reference (``fast=False``) walks each jurisdiction's index day by day; the NumPy path
(``fast=True``) computes every jurisdiction's levels at once. Both must give equal panels: every
composite and sub-index in both series (unknown where the other is unknown), and the coverage
columns, under every unknown rule, weights, start and subdivision rule, population group and
window, on drawn datasets, drawn codebooks and a synthetic tracker-sized one.
"""

from __future__ import annotations

import math

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policytrack import (
    Dataset,
    Panel,
    StartRule,
    UnknownRule,
    bundled_codebook,
    coverage,
    panel,
    panel_span,
)
from policytrack.model.codebook import Codebook
from policytrack.testing.strategies import codebooks, datasets
from policytrack.testing.synth import synthesize
from tests._settings import FEWER

pytest.importorskip("numpy", reason="the fast extra computes the NumPy panel")

CODEBOOK = bundled_codebook()

_WINDOWS = st.one_of(
    st.none(),
    st.tuples(
        st.dates(pendulum.Date(2010, 1, 1), pendulum.Date(2024, 12, 31)),
        st.integers(0, 200),
    ),
)


def _window(drawn: tuple[object, int] | None) -> tuple[pendulum.Date | None, pendulum.Date | None]:
    if drawn is None:
        return None, None
    day, length = drawn
    first = pendulum.Date(day.year, day.month, day.day)  # type: ignore[attr-defined]
    return first, first.add(days=length)


def _same(fast: Panel, slow: Panel) -> None:
    """Asserts two panels are equal, naming the first column that differs."""
    for name in slow.columns():
        assert fast.column(name) == slow.column(name), f"column {name} differs"
    assert fast == slow


@given(
    datasets(max_policies=6),
    st.sampled_from([None, "vaccinated", "non_vaccinated"]),
    st.sampled_from(list(UnknownRule)),
    st.sampled_from(list(StartRule)),
    st.booleans(),
    _WINDOWS,
)
@settings(deadline=None)
def test_numpy_panel_equals_the_reference(
    dataset: Dataset,
    group: str | None,
    unknown: UnknownRule,
    start_rule: StartRule,
    subdivisions: bool,
    window: tuple[object, int] | None,
) -> None:
    """Gives the reference's panel, coverage included, under every rule and group."""
    start, end = _window(window)
    if start is None:
        # Drawn dates may span centuries: keep the reference's walk over days short.
        span = panel_span(dataset)
        if span is not None:
            start, end = span[0], min(span[1], span[0].add(days=800))
    options = {
        "group": group,
        "unknown": unknown,
        "start_rule": start_rule,
        "subdivisions": subdivisions,
        "start": start,
        "end": end,
    }
    slow = panel(dataset, codebook=CODEBOOK, fast=False, **options)  # type: ignore[arg-type]
    fast = panel(dataset, codebook=CODEBOOK, fast=True, **options)  # type: ignore[arg-type]
    _same(fast, slow)


@st.composite
def _books_and_data(draw: st.DrawFn) -> tuple[Codebook, Dataset, dict[str, float]]:
    book = draw(codebooks(max_dimensions=3, max_levels=5))
    data = draw(datasets(max_policies=6, codebook=book))
    weights = {
        d.id: draw(st.floats(0.0, 5.0, allow_nan=False))
        for d in book.dimensions
        if draw(st.booleans())
    }
    if (
        weights
        and not any(weights.values())
        and not any(d.weight for d in book.dimensions if d.id not in weights)
    ):
        weights[book.dimensions[0].id] = 1.0
    return book, data, weights


@given(_books_and_data(), st.sampled_from(list(UnknownRule)), _WINDOWS)
@settings(deadline=None)
def test_numpy_panel_equals_the_reference_on_any_codebook(
    drawn: tuple[Codebook, Dataset, dict[str, float]],
    unknown: UnknownRule,
    window: tuple[object, int] | None,
) -> None:
    """Gives the reference's panel on drawn codebooks (flags, levels) and weights."""
    book, data, weights = drawn
    if not any(weights.get(d.id, d.weight) for d in book.dimensions):
        return  # no weight above zero: refused by both (tested in test_index)
    start, end = _window(window)
    if start is None:
        start, end = pendulum.Date(2012, 1, 1), pendulum.Date(2013, 6, 30)
    options = {"weights": weights, "unknown": unknown, "start": start, "end": end}
    slow = panel(data, codebook=book, fast=False, **options)  # type: ignore[arg-type]
    fast = panel(data, codebook=book, fast=True, **options)  # type: ignore[arg-type]
    _same(fast, slow)


@FEWER
@given(st.integers(0, 2**16), st.sampled_from([None, "vaccinated"]))
def test_numpy_panel_equals_the_reference_at_tracker_size(seed: int, group: str | None) -> None:
    """Agrees on a synthetic tracker's 300 policies across 12 jurisdictions over two years."""
    data = synthesize(policies=300, seed=seed, jurisdictions=12)
    options = {"start": pendulum.Date(2010, 1, 1), "end": pendulum.Date(2011, 12, 31)}
    slow = panel(data, codebook=CODEBOOK, fast=False, group=group, **options)  # type: ignore[arg-type]
    fast = panel(data, codebook=CODEBOOK, fast=True, group=group, **options)  # type: ignore[arg-type]
    _same(fast, slow)
    assert len(fast) == 12 * 730


@given(datasets(max_policies=5), st.booleans(), _WINDOWS)
@settings(deadline=None)
def test_coverage_columns_are_what_coverage_says(
    dataset: Dataset, subdivisions: bool, window: tuple[object, int] | None
) -> None:
    """Counts on each row the sources coverage() finds that day, and their quotes."""
    start, end = _window(window)
    if start is None:
        start, end = pendulum.Date(2012, 1, 1), pendulum.Date(2012, 12, 31)
    assert end is not None
    result = panel(dataset, codebook=CODEBOOK, start=start, end=end, subdivisions=subdivisions)
    codes = result.column("jurisdiction")
    days = result.column("date")
    sources, evidence = result.column("sources"), result.column("evidence")
    from policytrack.analysis.scoring import Scoring

    scoring = Scoring(subdivisions=subdivisions)
    found = {code: coverage(dataset, code, start, end, scoring=scoring) for code in set(codes)}
    for at in range(0, len(codes), max(1, len(codes) // 60)):
        stretch = found[codes[at]].on(pendulum.Date.fromisoformat(days[at]))
        assert stretch is not None
        assert (sources[at], evidence[at]) == (len(stretch.sources), stretch.evidence)


def test_unknown_is_none_in_every_view_and_nan_in_the_columns() -> None:
    """Shows an unknown value as None in rows, records and columns, NaN in the arrays."""
    data = synthesize(policies=40, seed=3, jurisdictions=3)
    result = panel(
        data, codebook=CODEBOOK, start=pendulum.Date(1990, 1, 1), end=pendulum.Date(1990, 1, 3)
    )
    assert all(v is None for v in result.column("composite_earliest"))
    assert all(math.isnan(v) for v in result.values[0])
    assert all(r["composite_latest"] is None for r in result.records())
    assert all(row.composite.earliest is None for row in result.rows)
    assert set(result.column("sources")) == {0}


def test_fast_without_numpy_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refuses fast=True when NumPy cannot be imported, naming the extra."""
    import builtins

    real = builtins.__import__

    def blocked(name: str, *args: object, **kwargs: object) -> object:
        if name == "numpy":
            raise ImportError(name)
        return real(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", blocked)
    data = synthesize(policies=20, seed=1, jurisdictions=2)
    from policytrack.errors import PolicytrackError

    with pytest.raises(PolicytrackError, match=r"policytrack\[fast\]"):
        panel(data, codebook=CODEBOOK, fast=True, start=pendulum.Date(2010, 1, 1))
    assert len(panel(data, codebook=CODEBOOK, fast=None, start=pendulum.Date(2010, 1, 1))) > 0
