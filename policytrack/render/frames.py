"""DataFrames: a dataset as one frame per table, and each analysis result as one frame.

A dataset's frames have the columns of its CSV export
(:data:`policytrack.render.export_schema.TABLES`), typed: days are dates, with an interval's
open bound null and its ``..._open`` column saying which bound is open; lists are list columns.
An analysis result becomes the frame its ``--format csv`` rows describe, with typed columns.

pandas, Polars and pyarrow are optional (the ``pandas``, ``polars`` and ``arrow`` extras) and
imported only when a frame is asked for; a missing one is a :class:`PolicytrackError` saying
what to install.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from policytrack.analysis.compare import (
    JurisdictionComparison,
    PeriodComparison,
    PlatformTimeline,
    PolicyComparison,
)
from policytrack.analysis.escalation import Escalation
from policytrack.analysis.index import Band, IndexSeries
from policytrack.analysis.outcomes import OutcomeTotals
from policytrack.analysis.sensitivity import Sensitivity
from policytrack.analysis.timeline import Timeline
from policytrack.errors import ArgumentTypeError
from policytrack.model.arguments import checked
from policytrack.model.dataset import Dataset
from policytrack.model.dates import OPEN_BOUNDS
from policytrack.render.export_schema import TABLES, typed_rows
from policytrack.render.optional import need
from policytrack.vocab import Series

__all__ = ["Frame", "frame_of", "to_arrow", "to_pandas", "to_polars"]


@attrs.frozen
class Frame:
    """A table before it is a DataFrame: typed columns and rows of plain Python values.

    Attributes:
        name: What the table holds (``policies``, ``steps``...).
        columns: Each column's name and kind: ``string``, ``integer``, ``number``, ``date``,
            ``boolean`` or ``list`` (a list of text).
        rows: The rows, each a tuple in column order (None for a missing value).
    """

    name: str
    columns: tuple[tuple[str, str], ...]
    rows: tuple[tuple[Any, ...], ...]


def _day(value: Any) -> Any:
    return None if value is None or value in OPEN_BOUNDS else value


def _dataset_frames(dataset: Dataset) -> dict[str, Frame]:
    frames = {}
    for table in TABLES:
        columns = tuple((c.name, "list" if c.many else c.type) for c in table.columns)
        frames[table.name] = Frame(table.name, columns, tuple(typed_rows(dataset, table)))
    return frames


def _policies(causes: Iterable[Any]) -> list[str]:
    return list(dict.fromkeys(c.policy for c in causes))


def _index(result: IndexSeries) -> Frame:
    dims = list(result.weights)
    columns = [("jurisdiction", "string"), ("day", "date")]
    columns += [("composite_earliest", "number"), ("composite_latest", "number")]
    for d in dims:
        columns += [(f"{d}_earliest", "number"), (f"{d}_latest", "number")]
    rows = []
    for p in result.points:
        row: list[Any] = [result.jurisdiction, _day(p.day)]
        row += [p.composite.earliest, p.composite.latest]
        for d in dims:
            band = p.subindices.get(d)
            row += [None, None] if band is None else [band.earliest, band.latest]
        rows.append(tuple(row))
    return Frame("index", tuple(columns), tuple(rows))


def _timeline(result: Timeline) -> Frame:
    columns = (
        ("dimension", "string"),
        ("series", "string"),
        ("from", "date"),
        ("level", "integer"),
        ("scope", "string"),
        ("policies", "list"),
    )
    rows = tuple(
        (
            dim.dimension,
            series.value,
            _day(step.day),
            step.level,
            None if step.scope is None else step.scope.value,
            list(dict.fromkeys(m.policy for m in step.measures)),
        )
        for dim in result.dimensions
        for series in Series
        for step in dim.steps(series)
    )
    return Frame("timeline", columns, rows)


def _escalation(result: Escalation) -> Frame:
    columns = (
        ("day", "date"),
        ("earliest", "date"),
        ("latest", "date"),
        ("dimension", "string"),
        ("before", "number"),
        ("after", "number"),
        ("delta", "number"),
        ("policies", "list"),
    )
    rows = tuple(
        (
            _day(s.day),
            _day(s.earliest),
            _day(s.latest),
            s.dimension or "composite",
            s.before,
            s.after,
            s.delta,
            _policies(s.causes),
        )
        for s in (*result.composite_steps, *result.dimension_steps)
    )
    return Frame("steps", columns, rows)


def _policy_comparison(result: PolicyComparison) -> Frame:
    columns = (
        ("dimension", "string"),
        ("first_level", "integer"),
        ("first_scope", "string"),
        ("second_level", "integer"),
        ("second_scope", "string"),
        ("first_score", "number"),
        ("second_score", "number"),
        ("stricter", "string"),
    )
    rows = [
        (
            d.dimension,
            d.first_level,
            None if d.first_scope is None else d.first_scope.value,
            d.second_level,
            None if d.second_scope is None else d.second_scope.value,
            d.first,
            d.second,
            d.stricter.value,
        )
        for d in result.dimensions
    ]
    scores = (result.first_score, result.second_score, result.stricter.value)
    rows.append(("composite", None, None, None, None, *scores))
    return Frame("dimensions", columns, tuple(rows))


def _period_comparison(result: PeriodComparison) -> Frame:
    columns = (
        ("measure", "string"),
        ("first_earliest", "number"),
        ("first_latest", "number"),
        ("second_earliest", "number"),
        ("second_latest", "number"),
        ("change", "number"),
    )
    bands: list[tuple[str, Band, Band | None, str | None]] = [
        ("composite", result.first_composite, result.second_composite, None)
    ]
    bands += [
        (k, result.first_subindices[k], result.second_subindices.get(k), k)
        for k in result.first_subindices
    ]
    rows = tuple(
        (
            name,
            a.earliest,
            a.latest,
            None if b is None else b.earliest,
            None if b is None else b.latest,
            result.difference(key),
        )
        for name, a, b, key in bands
    )
    return Frame("periods", columns, rows)


def _jurisdiction_comparison(result: JurisdictionComparison) -> Frame:
    aligned = result.first_reference is not None
    key = ("days_since_reference", "integer") if aligned else ("day", "date")
    columns = (
        key,
        (f"{result.first}_earliest", "number"),
        (f"{result.first}_latest", "number"),
        (f"{result.second}_earliest", "number"),
        (f"{result.second}_latest", "number"),
    )
    rows = tuple(
        (k if aligned else _day(k), a.earliest, a.latest, b.earliest, b.latest)
        for k, a, b in result.rows
    )
    return Frame("jurisdictions", columns, rows)


def _platform_timeline(result: PlatformTimeline) -> Frame:
    columns = (
        ("platform", "string"),
        ("date", "string"),
        ("date_earliest", "date"),
        ("date_latest", "date"),
        ("kind", "string"),
        ("record", "string"),
        ("what", "string"),
    )
    rows = tuple(
        (
            result.platform,
            None if e.date is None else e.date.edtf,
            None if e.date is None else _day(e.date.earliest),
            None if e.date is None else _day(e.date.latest),
            e.kind.value,
            e.record,
            e.description,
        )
        for e in result.events
    )
    return Frame("events", columns, rows)


def _totals(result: OutcomeTotals) -> Frame:
    columns = (
        ("metric", "string"),
        ("unit", "string"),
        ("group", "string"),
        ("low", "integer"),
        ("high", "integer"),
        ("exact", "boolean"),
        ("outcomes", "list"),
        ("duplicates", "list"),
        ("included", "list"),
    )
    rows = tuple(
        (
            t.metric.value,
            t.unit,
            t.group,
            t.low,
            t.high,
            t.exact,
            list(t.outcomes),
            list(t.duplicates),
            list(t.included),
        )
        for t in result.totals
    )
    return Frame("totals", columns, rows)


def _sensitivity(result: Sensitivity) -> Frame:
    columns = (("weighting", "string"), ("margin", "number"), ("holds", "boolean"))
    rows = tuple(
        (v.name, v.margin, v.holds)
        for v in (result.baseline, *result.neighbourhood, *result.extremes)
    )
    return Frame("variants", columns, rows)


_RESULTS: Mapping[type, Callable[[Any], Frame]] = {
    IndexSeries: _index,
    Timeline: _timeline,
    Escalation: _escalation,
    PolicyComparison: _policy_comparison,
    PeriodComparison: _period_comparison,
    JurisdictionComparison: _jurisdiction_comparison,
    PlatformTimeline: _platform_timeline,
    OutcomeTotals: _totals,
    Sensitivity: _sensitivity,
}


def frame_of(value: Dataset | object) -> Frame | dict[str, Frame]:
    """*value* as typed tables: a dict of tables for a dataset, one table for a result.

    Raises:
        ArgumentTypeError: *value* is neither a dataset nor an analysis result.
    """
    if isinstance(value, Dataset):
        return _dataset_frames(value)
    make = _RESULTS.get(type(value))
    if make is None:
        known = ", ".join(t.__name__ for t in (Dataset, *_RESULTS))
        msg = f"'value': no table for a {type(value).__name__} (tables are made of: {known})"
        raise ArgumentTypeError(msg)
    return make(value)


def _arrow(frame: Frame) -> Any:
    pa = need("pyarrow", "arrow")
    types = {
        "string": pa.string(),
        "integer": pa.int64(),
        "number": pa.float64(),
        "date": pa.date32(),
        "boolean": pa.bool_(),
        "list": pa.list_(pa.string()),
    }
    columns = list(zip(*frame.rows, strict=True)) or [() for _ in frame.columns]
    arrays = [
        pa.array(list(values), type=types[kind])
        for (_, kind), values in zip(frame.columns, columns, strict=True)
    ]
    return pa.Table.from_arrays(arrays, names=[name for name, _ in frame.columns])


def _pandas(frame: Frame) -> Any:
    pd = need("pandas", "pandas")
    columns = list(zip(*frame.rows, strict=True)) or [() for _ in frame.columns]
    data = {}
    for (name, kind), values in zip(frame.columns, columns, strict=True):
        if kind == "date":
            data[name] = pd.to_datetime(pd.Series(values, dtype=object)).astype("datetime64[s]")
        elif kind == "integer":
            data[name] = pd.Series(values, dtype="Int64")
        elif kind == "number":
            data[name] = pd.Series(values, dtype="Float64")
        elif kind == "boolean":
            data[name] = pd.Series(values, dtype="boolean")
        elif kind == "list":
            data[name] = pd.Series(values, dtype=object)
        else:
            data[name] = pd.Series(values, dtype="string")
    return pd.DataFrame(data, columns=[name for name, _ in frame.columns])


def _polars(frame: Frame) -> Any:
    pl = need("polars", "polars")
    types = {
        "string": pl.Utf8,
        "integer": pl.Int64,
        "number": pl.Float64,
        "date": pl.Date,
        "boolean": pl.Boolean,
        "list": pl.List(pl.Utf8),
    }
    schema = {name: types[kind] for name, kind in frame.columns}
    return pl.DataFrame([dict(zip(schema, row, strict=True)) for row in frame.rows], schema=schema)


def _convert(value: object, make: Callable[[Frame], Any]) -> Any:
    tables = frame_of(value)
    if isinstance(tables, Frame):
        return make(tables)
    return {name: make(frame) for name, frame in tables.items()}


@checked
def to_arrow(value: object) -> Any:
    """A dataset as a dict of ``pyarrow.Table`` (one per table), or a result as one table.

    Days are ``date32``, open bounds null; lists are ``list<string>``. Needs the ``arrow`` extra.

    Raises:
        PolicytrackError: pyarrow is not installed, or *value* has no table.
    """
    return _convert(value, _arrow)


@checked
def to_pandas(value: object) -> Any:
    """A dataset as a dict of ``pandas.DataFrame`` (one per table), or a result as one frame.

    Days are ``datetime64[s]`` (open bounds ``NaT``), numbers nullable, lists Python lists.
    Needs the ``pandas`` extra.

    Raises:
        PolicytrackError: pandas is not installed, or *value* has no table.
    """
    return _convert(value, _pandas)


@checked
def to_polars(value: object) -> Any:
    """A dataset as a dict of ``polars.DataFrame`` (one per table), or a result as one frame.

    Days are ``Date`` (open bounds null), lists ``List(Utf8)``. Needs the ``polars`` extra.

    Raises:
        PolicytrackError: Polars is not installed, or *value* has no table.
    """
    return _convert(value, _polars)
