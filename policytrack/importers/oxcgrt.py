"""OxCGRT's published CSVs, read through the mapping that ships with policytrack.

OxCGRT is one :class:`~policytrack.importers.mapping.PanelMapping` (``oxcgrt.toml`` beside this
module): the compact, fullwithnotes and raw files, national and subnational, all read through
it. By default the import keeps the series OxCGRT publishes as each jurisdiction's own
(``NAT_TOTAL`` for a country, ``STATE_TOTAL`` for a state); ``series="government"`` keeps the
government-only rows instead (``NAT_GOV``, ``STATE_GOV``, ``STATE_WIDE``).
"""

from __future__ import annotations

import functools
import importlib.resources
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from policytrack.importers.mapping import PanelMapping, loads_mapping
from policytrack.importers.panel import Imported, import_panel
from policytrack.model.arguments import checked

__all__ = ["OxcgrtSeries", "import_oxcgrt", "oxcgrt_mapping"]

OxcgrtSeries = Literal["own", "government"]
"""Which of OxCGRT's series to import: each jurisdiction's own total, or its government's."""


@functools.cache
def oxcgrt_mapping() -> PanelMapping:
    """The mapping that reads OxCGRT's files (``policytrack/importers/oxcgrt.toml``)."""
    resource = importlib.resources.files("policytrack.importers").joinpath("oxcgrt.toml")
    return loads_mapping(resource.read_text("utf-8"), name="oxcgrt.toml")


@checked
def import_oxcgrt(paths: Sequence[str | Path], *, series: OxcgrtSeries = "own") -> Imported:
    """Read OxCGRT CSV files into a dataset scored on the ``oxcgrt-stringency`` codebook.

    Each run of days on which one of the nine Stringency Index indicators keeps its value and
    flag, for a jurisdiction and a population group, becomes a policy with one measure.

    Args:
        paths: OxCGRT CSV files (compact, fullwithnotes or raw; national or subnational).
        series: ``own`` (each jurisdiction's total, the default) or ``government``.

    Raises:
        DataError: A file cannot be read or is not shaped as OxCGRT's files are.
    """
    return import_panel(paths, oxcgrt_mapping(), series=series)
