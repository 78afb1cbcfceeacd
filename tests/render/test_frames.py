"""DataFrames: one frame per table with the CSV's columns, typed; one frame per result."""

from __future__ import annotations

import builtins
import datetime
import sys
from typing import Any

import pendulum
import pytest
from hypothesis import given, settings

import policytrack
from policytrack import (
    Dataset,
    PolicytrackError,
    bundled_codebook,
    compare_policies,
    escalation,
    index,
    outcome_totals,
    timeline,
    to_arrow,
    to_pandas,
    to_polars,
)
from policytrack.render.export_schema import TABLES, rows, typed_rows
from policytrack.testing.strategies import datasets

CODEBOOK = bundled_codebook()
NPCSC = "cn-2012-npcsc-real-name-decision"
XI = "cn-2023-xi-security-barrier-directive"

pa = pytest.importorskip("pyarrow", reason="the arrow extra is not installed")


@given(datasets(max_policies=4))
@settings(deadline=None)
def test_to_arrow_has_the_csv_columns_typed(dataset: Dataset) -> None:
    """Gives each table the CSV's columns and rows: days date32, open bounds null, lists lists."""
    tables = to_arrow(dataset)
    assert list(tables) == [t.name for t in TABLES]
    for table in TABLES:
        arrow = tables[table.name]
        assert arrow.column_names == [c.name for c in table.columns]
        flat = rows(dataset, table)
        assert arrow.num_rows == len(flat)
        for column in table.columns:
            field = arrow.schema.field(column.name)
            if column.type == "date":
                assert field.type == pa.date32()
            if column.many:
                assert field.type == pa.list_(pa.string())
        for got, csv_row in zip(arrow.to_pylist(), flat, strict=True):
            for column, text in zip(table.columns, csv_row, strict=True):
                value = got[column.name]
                if column.type == "date":
                    open_bound = text in ("0001-01-01", "9999-12-31")
                    assert (
                        value is None if open_bound or text is None else value.isoformat() == text
                    )
                elif column.many:
                    assert "; ".join(value) == (text or "")
                else:
                    assert value == text


@given(datasets(max_policies=4))
@settings(deadline=None)
def test_to_pandas_and_to_polars_match_to_arrow(dataset: Dataset) -> None:
    """Gives the same columns and rows in pandas and Polars as in Arrow."""
    pd_frames = to_pandas(dataset) if _has("pandas") else None
    pl_frames = to_polars(dataset) if _has("polars") else None
    for name, arrow in to_arrow(dataset).items():
        if pd_frames is not None:
            assert list(pd_frames[name].columns) == arrow.column_names
            assert len(pd_frames[name]) == arrow.num_rows
        if pl_frames is not None:
            assert pl_frames[name].columns == arrow.column_names
            assert pl_frames[name].to_arrow().cast(arrow.schema).equals(arrow)


def _has(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def test_open_bounds_make_no_year_one_bucket() -> None:
    """Groups policies by the year they took effect without a year-1 or year-9999 bucket."""
    pd = pytest.importorskip("pandas", reason="pandas is not installed")
    policies = policytrack.load_bundled().to_pandas()["policies"]
    assert isinstance(policies, pd.DataFrame)
    years = set(policies["effective_earliest"].dt.year.dropna().astype(int))
    assert years
    assert not years & {1, 9999}
    opened = policies[policies["effective_open"].isin(["earliest", "both"])]
    assert opened["effective_earliest"].isna().all()


def _results() -> list[Any]:
    data = policytrack.load_bundled()
    day = pendulum.Date
    rose = policytrack.CompositeRose("CN", day(2013, 1, 1), day(2014, 12, 31))
    return [
        index(data, "CN", codebook=CODEBOOK),
        timeline(data, "CN", codebook=CODEBOOK),
        escalation(data, "CN", codebook=CODEBOOK),
        compare_policies(data, NPCSC, XI, codebook=CODEBOOK),
        policytrack.compare_periods(
            data, "CN", day(2013, 1, 1), day(2023, 1, 1), codebook=CODEBOOK
        ),
        policytrack.compare_jurisdictions(data, "CN", "CN-SH", codebook=CODEBOOK),
        policytrack.platform_timeline(data, "weibo"),
        outcome_totals(data),
        policytrack.sensitivity(data, rose, codebook=CODEBOOK),
    ]


@pytest.mark.parametrize("result", _results(), ids=lambda r: type(r).__name__)
def test_every_result_has_the_three_frames(result: Any) -> None:
    """Gives an analysis result as one Arrow table, pandas and Polars frame, with one schema."""
    arrow = result.to_arrow()
    assert arrow.num_rows > 0
    if _has("pandas"):
        assert list(result.to_pandas().columns) == arrow.column_names
    if _has("polars"):
        assert result.to_polars().columns == arrow.column_names


def test_escalation_frame_holds_every_step() -> None:
    """Holds the composite steps then the dimension steps, days as dates."""
    result = escalation(policytrack.load_bundled(), "CN", codebook=CODEBOOK)
    table = result.to_arrow().to_pylist()
    assert len(table) == len(result.composite_steps) + len(result.dimension_steps)
    assert table[0]["dimension"] == "composite"
    assert isinstance(table[0]["day"], datetime.date)
    assert table[0]["day"] == result.composite_steps[0].day


def test_a_missing_library_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """Says which extra to install when pandas cannot be imported."""
    real = builtins.__import__

    def refuse(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.partition(".")[0] == "pandas":
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "pandas", raising=False)
    monkeypatch.setattr(builtins, "__import__", refuse)
    monkeypatch.setattr("importlib.import_module", refuse)
    with pytest.raises(PolicytrackError, match=r"pip install 'policytrack\[pandas\]'"):
        to_pandas(policytrack.load_bundled())


def test_a_value_without_a_table_is_an_error() -> None:
    """Refuses a value that is neither a dataset nor an analysis result, naming what works."""
    with pytest.raises(PolicytrackError, match="no table for a str"):
        to_arrow("policies")


def test_typed_rows_and_rows_agree_on_everything_but_types() -> None:
    """Holds the same cells in the typed and the flat rows."""
    data = policytrack.load_bundled()
    for table in TABLES:
        assert len(typed_rows(data, table)) == len(rows(data, table))
