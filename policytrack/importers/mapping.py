"""Mappings: how a tracker's panel file (jurisdiction x date x indicator) reads as policies.

A mapping is a small TOML file naming the columns: where the jurisdiction and the date are,
which rows to keep, and for each indicator the codebook dimension it scores, its value, flag
and notes columns, and the population group each value column speaks for. The next tracker is
a mapping, not code; OxCGRT's ships with policytrack (``policytrack/importers/oxcgrt.toml``).

    id = "mytracker"
    title = "My tracker"
    outlet = "My research group"
    codebook = "oxcgrt-stringency"

    [date]
    column = "date"
    format = "%Y-%m-%d"

    [jurisdiction]
    country = "iso"            # an ISO 3166-1 alpha-2 or alpha-3 code, or an ISO 3166-2 code
    region = "region"          # optional: blank (or one of `national`) means the country

    [[indicators]]
    dimension = "C1"
    notes = "C1_notes"         # optional
    [[indicators.variants]]
    value = "C1"
    flag = "C1_flag"           # optional; 1 general, 0 targeted
    group = "vaccinated"       # optional; none: everyone
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping as MappingType
from pathlib import Path
from typing import Any

import attrs

from policytrack.errors import DataError, Problem
from policytrack.model.arguments import checked

__all__ = ["Indicator", "PanelMapping", "Rows", "Variant", "load_mapping", "loads_mapping"]


@attrs.frozen
class Variant:
    """One value column of an indicator, and whom it speaks for.

    Attributes:
        value: The column of ordinal levels (``"3.00"``, ``"3"``; blank: not recorded).
        flag: The column of its scope flag (1 general, 0 targeted), if it has one.
        group: The population group it applies to; None for everyone.
    """

    value: str
    flag: str | None = None
    group: str | None = None


@attrs.frozen
class Indicator:
    """One indicator of the tracker, scored on a codebook dimension.

    Attributes:
        dimension: The codebook dimension's id.
        name: What the tracker calls it ("School closing").
        variants: Its value columns, one per population group; those the file has are read.
        fallback: Value columns read only when the file has none of *variants* (OxCGRT's
            compact files publish only the majority summary).
        notes: The column of coders' notes with their sources, if any.
    """

    dimension: str
    name: str
    variants: tuple[Variant, ...]
    fallback: tuple[Variant, ...] = ()
    notes: str | None = None


@attrs.frozen
class Rows:
    """Which rows to read: those whose *column* holds one of *keep*.

    Attributes:
        column: The column that tells the series apart (OxCGRT's ``Jurisdiction``).
        keep: The values kept.
        totals: Whether each jurisdiction's rows are the total in force there (OxCGRT's
            ``TOTAL`` series), so that its timeline counts its own policies only.
    """

    column: str
    keep: tuple[str, ...]
    totals: bool = False


@attrs.frozen
class PanelMapping:
    """How one tracker's panel file reads as a policytrack dataset.

    Attributes:
        id: The dataset id the import gets.
        title: The tracker's name.
        outlet: Who publishes it.
        codebook: The codebook its dimensions belong to (a bundled name or a path).
        date_column: The column of days.
        date_format: Their ``strptime`` format (``%Y%m%d``).
        country: The column of country codes (alpha-2, alpha-3 or ISO 3166-2).
        indicators: The indicators read.
        region: The column of subdivision codes, blank for the country itself.
        national: Values of *region* that also mean the country itself.
        codes: The tracker's own subdivision codes that are not ``<country>_<ISO suffix>``,
            mapped to ISO 3166-2 (OxCGRT's ``UK_SCO`` is ``GB-SCT``).
        series: Named sets of rows to read; the first is the default.
        license: The data's SPDX licence.
        credit: How the tracker asks to be credited; kept with every import.
        url: Where the tracker publishes its data.
    """

    id: str
    title: str
    outlet: str
    codebook: str
    date_column: str
    date_format: str
    country: str
    indicators: tuple[Indicator, ...]
    region: str | None = None
    national: tuple[str, ...] = ()
    codes: MappingType[str, str] = attrs.field(factory=dict)
    series: MappingType[str, Rows] = attrs.field(factory=dict)
    license: str | None = None
    credit: str | None = None
    url: str | None = None


def _get(data: Any, key: str, kind: type, where: str, problems: list[Problem], **kw: Any) -> Any:
    if not isinstance(data, dict):
        problems.append(Problem(kw.get("file", ""), "", where, "must be a table"))
        return None
    if key not in data:
        if "default" in kw:
            return kw["default"]
        problems.append(Problem(kw.get("file", ""), "", f"{where}{key}", "required field missing"))
        return None
    value = data[key]
    if not isinstance(value, kind):
        problems.append(
            Problem(kw.get("file", ""), "", f"{where}{key}", f"must be {kind.__name__}")
        )
        return None
    return value


def _variant(data: Any, where: str, file: str, problems: list[Problem]) -> Variant:
    value = _get(data, "value", str, where, problems, file=file)
    flag = _get(data, "flag", str, where, problems, file=file, default=None)
    group = _get(data, "group", str, where, problems, file=file, default=None)
    return Variant(value or "", flag, group)


def _indicator(data: Any, where: str, file: str, problems: list[Problem]) -> Indicator:
    dimension = _get(data, "dimension", str, where, problems, file=file) or ""
    name = _get(data, "name", str, where, problems, file=file, default=dimension)
    notes = _get(data, "notes", str, where, problems, file=file, default=None)
    lists = {}
    for key in ("variants", "fallback"):
        items = _get(data, key, list, where, problems, file=file, default=[])
        lists[key] = tuple(
            _variant(item, f"{where}{key}[{i}].", file, problems)
            for i, item in enumerate(items or [])
        )
    if not lists["variants"] and not problems:
        problems.append(Problem(file, "", f"{where}variants", "must name at least one column"))
    return Indicator(dimension, name, lists["variants"], lists["fallback"], notes)


def _mapping(data: Any, file: str, problems: list[Problem]) -> PanelMapping:
    def get(table: Any, key: str, kind: type, where: str = "", **kw: Any) -> Any:
        return _get(table, key, kind, where, problems, file=file, **kw)

    known = {
        "id", "title", "outlet", "codebook", "date", "jurisdiction", "indicators", "series",
        "license", "credit", "url",
    }  # fmt: skip
    for key in sorted(set(data) - known if isinstance(data, dict) else ()):
        problems.append(
            Problem(file, "", key, f"unknown field (known: {', '.join(sorted(known))})")
        )
    date = get(data, "date", dict) or {}
    place = get(data, "jurisdiction", dict) or {}
    series_data = get(data, "series", dict, default={}) or {}
    series = {}
    for name, rows in series_data.items():
        where = f"series.{name}."
        keep = get(rows, "keep", list, where) or []
        if not all(isinstance(k, str) for k in keep):
            problems.append(Problem(file, "", f"{where}keep", "must be a list of strings"))
        series[name] = Rows(
            get(rows, "column", str, where) or "",
            tuple(str(k) for k in keep),
            bool(get(rows, "totals", bool, where, default=False)),
        )
    codes = get(place, "codes", dict, "jurisdiction.", default={}) or {}
    national = get(place, "national", list, "jurisdiction.", default=[]) or []
    indicators = tuple(
        _indicator(item, f"indicators[{i}].", file, problems)
        for i, item in enumerate(get(data, "indicators", list) or [])
    )
    return PanelMapping(
        id=get(data, "id", str) or "",
        title=get(data, "title", str) or "",
        outlet=get(data, "outlet", str) or "",
        codebook=get(data, "codebook", str) or "",
        date_column=get(date, "column", str, "date.") or "",
        date_format=get(date, "format", str, "date.", default="%Y-%m-%d") or "",
        country=get(place, "country", str, "jurisdiction.") or "",
        region=get(place, "region", str, "jurisdiction.", default=None),
        national=tuple(str(n) for n in national),
        codes={str(k): str(v) for k, v in codes.items()},
        indicators=indicators,
        series=series,
        license=get(data, "license", str, default=None),
        credit=get(data, "credit", str, default=None),
        url=get(data, "url", str, default=None),
    )


@checked
def loads_mapping(text: str, *, name: str = "<text>") -> PanelMapping:
    """A mapping from TOML *text*; *name* says where it came from in problems.

    Raises:
        DataError: The text is not a valid mapping; every problem is listed.
    """
    try:
        data = tomllib.loads(text)
    except (ValueError, RecursionError) as exc:
        raise DataError([Problem(name, "", "", f"not valid TOML: {exc}")]) from None
    problems: list[Problem] = []
    mapping = _mapping(data, name, problems)
    if problems:
        raise DataError(problems)
    return mapping


@checked
def load_mapping(path: str | Path) -> PanelMapping:
    """The mapping in the TOML file at *path*.

    Raises:
        DataError: The file cannot be read or is not a valid mapping.
    """
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        why = getattr(exc, "strerror", None) or str(exc)
        raise DataError([Problem(str(path), "", "", f"cannot read the mapping: {why}")]) from None
    return loads_mapping(text, name=str(path))
