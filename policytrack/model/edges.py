"""Methods that hand a value to the edges: DataFrames and notebook display.

A dataset and every analysis result inherit :class:`Edges`, so ``data.to_pandas()`` and a
notebook's rich display work on them. The work is done in ``policytrack.render`` (a layer
above), imported inside each method only when it is called: the model never imports render
when it loads, and these methods are the one allowance the layer rules make for it
(``tests/test_layers.py``, ``LAZY_EDGES``).
"""

from __future__ import annotations

from typing import Any

__all__ = ["ChartEdges", "Edges"]


class Edges:
    """DataFrame conversions and notebook display, by lazy call into the render layer."""

    __slots__ = ()

    def to_pandas(self) -> Any:
        """A pandas DataFrame (a dict of them for a dataset); needs the ``pandas`` extra.

        See :func:`policytrack.to_pandas`.
        """
        from policytrack.render.frames import to_pandas  # noqa: PLC0415 - a lazy edge

        return to_pandas(self)

    def to_polars(self) -> Any:
        """A Polars DataFrame (a dict of them for a dataset); needs the ``polars`` extra.

        See :func:`policytrack.to_polars`.
        """
        from policytrack.render.frames import to_polars  # noqa: PLC0415 - a lazy edge

        return to_polars(self)

    def to_arrow(self) -> Any:
        """A pyarrow Table (a dict of them for a dataset); needs the ``arrow`` extra.

        See :func:`policytrack.to_arrow`.
        """
        from policytrack.render.frames import to_arrow  # noqa: PLC0415 - a lazy edge

        return to_arrow(self)

    def _repr_html_(self) -> str:
        """What a notebook shows: a heading, what the value rests on, and its first rows."""
        from policytrack.render.display import html_of  # noqa: PLC0415 - a lazy edge

        return html_of(self)


class ChartEdges(Edges):
    """:class:`Edges`, and the chart as SVG for a notebook (an index series)."""

    __slots__ = ()

    def _repr_svg_(self) -> str | None:
        """The chart (None when the series' codebook is not a bundled one)."""
        from policytrack.render.display import svg_of  # noqa: PLC0415 - a lazy edge

        return svg_of(self)  # type: ignore[arg-type]
