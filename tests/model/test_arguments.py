"""The library's boundary: every public function checks its arguments, naming the one at fault.

A wrong type raises an error that is both a PolicytrackError and a TypeError; a wrong value
(unknown jurisdiction, reversed range, negative count, impossible date) one that is both a
PolicytrackError and a ValueError. Nothing else escapes: no bare TypeError or AttributeError.
"""

from __future__ import annotations

import datetime
import functools
import inspect
import typing
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import policytrack as pt
from policytrack.errors import ArgumentTypeError, ArgumentValueError, PolicytrackError
from policytrack.importers.oxcgrt import oxcgrt_mapping
from policytrack.model import arguments

# A valid call of every public function: (positional arguments, keyword arguments).


@functools.cache
def _fixtures() -> dict[str, Any]:
    data = pt.load_bundled()
    book = pt.bundled_codebook()
    policy = data.policies[0]
    evidence = next(item for _, item in pt.evidence_of(policy))
    timeline = pt.timeline(data, "CN")
    outcome = data.outcomes[0]
    return {
        "data": data,
        "book": book,
        "policy": policy,
        "evidence": evidence,
        "timeline": timeline,
        "outcome": outcome,
        "text": pt.dumps(data),
        "extraction": pt.extract_candidates("On 1 March 2012 the CAC closed 300 accounts."),
        "index": pt.index(data, "CN"),
        "coverage": pt.coverage(data, "CN", "2013", "2014"),
        "mapping": oxcgrt_mapping(),
    }


def _calls(tmp: Path) -> dict[str, tuple[tuple[Any, ...], dict[str, Any]]]:
    f = _fixtures()
    data, book, policy = f["data"], f["book"], f["policy"]
    dimension = book.dimensions[0]
    return {
        "accept_draft": ((tmp / "none", tmp / "none"), {"check_only": True}),
        "applies_in": (("CN-SH", "CN"), {"subdivisions": True}),
        "bootstrap_alpha": (([[1, 2], [1, 2]],), {"resamples": 20}),
        "bundled_codebook": ((), {}),
        "bundled_path": ((), {}),
        "bundled_codebooks": ((), {}),
        "chart_vegalite": ((f["index"], book), {}),
        "comparable": ((f["coverage"], f["coverage"]), {}),
        "compare_many": ((data, ["CN", "CN-SH"]), {}),
        "conventional": ((data.sources[0].published,), {}),
        "coverage": ((data, "CN", "2013", "2014"), {}),
        "import_oxcgrt": (([tmp / "none.csv"],), {}),
        "import_panel": (([tmp / "none.csv"], f["mapping"]), {}),
        "load_mapping": ((tmp / "none.toml",), {}),
        "loads_mapping": (("x = 1",), {}),
        "multiverse": ((data, "CN", "2013", "2014"), {}),
        "panel": ((data,), {"jurisdictions": ["CN"], "start": "2013-01", "end": "2013-01"}),
        "panel_span": ((data,), {}),
        "row_spans": (("a,b\n1,2\n",), {}),
        "select": ((data, pt.Scoring()), {}),
        "to_arrow": ((data,), {}),
        "to_pandas": ((data,), {}),
        "to_polars": ((data,), {}),
        "write_imported": ((pt.Imported(data, {}), tmp / "imported"), {}),
        "check": ((data, book), {}),
        "compare_jurisdictions": ((data, "CN", "CN-SH"), {}),
        "compare_periods": ((data, "CN", "2013", "2020"), {}),
        "compare_policies": ((data, policy.id, data.policies[1].id), {}),
        "composite": (({dimension.id: 50.0}, {dimension.id: 1.0}), {}),
        "coverage_period": ((2020,), {}),
        "dump": ((data, tmp / "out.json"), {}),
        "dumps": ((data,), {}),
        "duplicates_of": ((data.outcomes,), {}),
        "enforcement_lags": ((data,), {}),
        "escalation": ((data, "CN", "2012", "2023"), {}),
        "evidence_of": ((policy,), {}),
        "extract_candidates": (("In 2012 the CAC closed 300 accounts.",), {}),
        "extraction_quality": ((data, {}), {}),
        "figure_bounds": ((f["outcome"],), {}),
        "fotn_category": ((dimension.id,), {}),
        "index": ((data, "CN"), {}),
        "index_of": ((f["timeline"], book), {}),
        "intercoder_agreement": ((data, data, book), {}),
        "key_internet_controls": ((data, "CN", 2020), {}),
        "krippendorff_alpha": (([[1, 2], [1, 2]],), {}),
        "load": ((pt.bundled_path(),), {}),
        "load_bundled": ((), {}),
        "load_codebook": (("internet-controls",), {}),
        "load_crosswalk": ((tmp / "none.toml",), {}),
        "load_gazetteer": ((tmp / "none.toml",), {}),
        "loads": ((f["text"],), {}),
        "make_converter": ((), {}),
        "normalise_text": (("text",), {}),
        "outcome_totals": ((data,), {"start": "2012", "end": "2023"}),
        "platform_timeline": ((data, data.platforms[0].id), {}),
        "policy_score": ((policy, book), {}),
        "quote": (("s", "the quick fox", "quick"), {}),
        "read_texts": ((tmp, data), {}),
        "reanchor": ((f["evidence"], "no such text"), {}),
        "register_source": (
            (tmp / "none", tmp / "none.txt"),
            {
                "title": "t",
                "outlet": "o",
                "published": "2020",
                "reliability": pt.Reliability.NGO,
            },
        ),
        "resolve_weights": ((book, None), {}),
        "sensitivity": (
            (data, pt.CompositeRose("CN", pendulum.Date(2012, 1, 1), pendulum.Date(2023, 1, 1))),
            {},
        ),
        "sha256_text": (("text",), {}),
        "step_on": ((f["timeline"].dimensions[0].earliest, pendulum.Date(2015, 1, 1)), {}),
        "subindex": ((1, None, dimension), {}),
        "synthesize": ((), {"policies": 2, "jurisdictions": 2}),
        "timeline": ((data, "CN"), {}),
        "verify_evidence": ((data, {}), {}),
        "write_draft": ((f["extraction"], data, tmp / "draft"), {"sha256": "0" * 64}),
    }


PUBLIC = sorted(n for n in pt.__all__ if inspect.isfunction(getattr(pt, n)))

# Functions that read or write files given as arguments: their paths are not fuzzed with
# arbitrary text (that could name a real file), only with values of the wrong type.
WRITERS = {
    "accept_draft",
    "dump",
    "import_oxcgrt",
    "import_panel",
    "load_mapping",
    "register_source",
    "write_draft",
    "write_imported",
}
# Functions whose work grows with a number argument: only wrong types are tried, not sizes.
SIZED = {"bootstrap_alpha", "synthesize"}


def test_every_public_function_has_a_valid_call() -> None:
    """Lists a valid call for every public function, so none escapes the tests below."""
    assert set(_calls(Path("/nonexistent"))) == set(PUBLIC)


def test_every_public_function_is_checked() -> None:
    """Wraps every public function in the one argument check."""
    unchecked = [n for n in PUBLIC if not hasattr(getattr(pt, n), "__wrapped__")]
    assert unchecked == []


def _allowed(exc: BaseException) -> bool:
    """Whether *exc* is one a public function may raise for a bad argument."""
    return isinstance(exc, PolicytrackError) and isinstance(
        exc, TypeError | ValueError | LookupError | OSError
    )


def _hints(name: str) -> dict[str, Any]:
    func = inspect.unwrap(getattr(pt, name))
    return typing.get_type_hints(func, include_extras=True)


WRONG = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=8),
    st.binary(max_size=4),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.just(object()),
    st.just(pendulum.Date(2020, 1, 1)),
)


def _parameters(name: str) -> list[str]:
    return [
        p.name
        for p in inspect.signature(getattr(pt, name)).parameters.values()
        if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]


CASES = [(name, parameter) for name in PUBLIC for parameter in _parameters(name)]


def _call(name: str, tmp: Path, parameter: str, value: Any) -> Any:
    args, kwargs = _calls(tmp)[name]
    signature = inspect.signature(getattr(pt, name))
    bound = signature.bind_partial(*args, **kwargs)
    bound.arguments[parameter] = value
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return getattr(pt, name)(*bound.args, **bound.kwargs)


def _try(name: str, parameter: str, value: Any, tmp: Path) -> None:
    """Call *name* with *value* for *parameter*: only an allowed error may escape."""
    hint = _hints(name).get(parameter)
    fits = hint is None or arguments.fits(value, hint)
    if name in WRITERS | SIZED and fits:
        return  # a path or size of the right type: not fuzzed (see WRITERS and SIZED)
    try:
        _call(name, tmp, parameter, value)
    except BaseException as exc:
        assert _allowed(exc), f"{name}({parameter}={value!r}) raised {exc!r}"
        if not fits:
            assert isinstance(exc, ArgumentTypeError), exc
            assert repr(parameter) in str(exc), exc
    else:
        assert fits, f"{name}({parameter}={value!r}) accepted a value of the wrong type"


@pytest.mark.parametrize(("name", "parameter"), CASES)
def test_every_argument_refuses_a_value_of_no_type_it_takes(
    name: str, parameter: str, tmp_path: Path
) -> None:
    """Refuses an object of no type any argument takes: a TypeError naming the argument."""
    _try(name, parameter, object(), tmp_path)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=st.sampled_from(CASES), value=WRONG)
def test_a_wrong_argument_raises_only_a_policytrack_error(
    case: tuple[str, str], value: Any, tmp_path: Path
) -> None:
    """Lets only a PolicytrackError escape for any value of any argument of any function.

    A wrong type is both a PolicytrackError and a TypeError naming the argument.
    """
    _try(*case, value, tmp_path)


def test_the_campaigns_calls_raise_errors_naming_the_argument() -> None:
    """Raises a located, typed error for each wrong call the fault campaign made."""
    data = pt.load_bundled()
    cases: list[tuple[Callable[[], Any], type[Exception], str]] = [
        (lambda: pt.load(5), ArgumentTypeError, "'path'"),
        (lambda: pt.load(None), ArgumentTypeError, "'path'"),
        (lambda: pt.dumps(None), ArgumentTypeError, "'dataset'"),
        (lambda: pt.synthesize(policies="a"), ArgumentTypeError, "'policies'"),
        (lambda: pt.synthesize(policies=-1), ArgumentValueError, "'policies'"),
        (lambda: pt.escalation(data, 5), ArgumentTypeError, "'jurisdiction'"),
        (lambda: pt.escalation(data, "XX"), ArgumentValueError, "'jurisdiction'"),
        (lambda: pt.escalation("CN", "2012"), ArgumentTypeError, "'dataset'"),
        (lambda: pt.escalation(data, "CN", "2023", "2012"), ArgumentValueError, "'end'"),
        (lambda: pt.escalation(data, "CN", top=-1), ArgumentValueError, "'top'"),
        (lambda: pt.index(data, "XX"), ArgumentValueError, "'jurisdiction'"),
        (lambda: pt.timeline(data, "XX"), ArgumentValueError, "'jurisdiction'"),
        (lambda: pt.outcome_totals(data, start=2010), ArgumentTypeError, "'start'"),
        (lambda: pt.outcome_totals(data, start="2020", end="2010"), ArgumentValueError, "'end'"),
        (lambda: pt.escalation(data, "CN", "2023-13"), ArgumentValueError, "'start'"),
        (
            lambda: pt.compare_periods(data, "CN", ("2020", "2013"), "2021"),
            ArgumentValueError,
            "'first[1]'",
        ),
        (
            lambda: pt.register_source(
                ".", "x", title="t", outlet="o", published="2023-13", reliability="ngo"
            ),
            ArgumentValueError,
            "'published'",
        ),
    ]
    for call, kind, named in cases:
        with pytest.raises(kind) as caught:
            call()
        assert isinstance(caught.value, PolicytrackError)
        assert named in str(caught.value), str(caught.value)
    assert issubclass(ArgumentTypeError, TypeError)
    assert issubclass(ArgumentValueError, ValueError)


@pytest.mark.parametrize(
    "day",
    [pendulum.Date(2012, 1, 1), datetime.date(2012, 1, 1), "2012", "2012-01", "2012-01-01"],
)
def test_dates_are_taken_in_every_form(day: Any) -> None:
    """Takes a pendulum.Date, a datetime.date or EDTF text for the same first day."""
    assert arguments.start_day(day) == pendulum.Date(2012, 1, 1)


def test_an_end_takes_the_latest_day() -> None:
    """Reads '2012' as 2012-12-31 and '2012-02' as 2012-02-29 when it ends a range."""
    assert arguments.end_day("2012") == pendulum.Date(2012, 12, 31)
    assert arguments.end_day("2012-02") == pendulum.Date(2012, 2, 29)
    with pytest.raises(ArgumentTypeError, match="not a date and time"):
        arguments.end_day(pendulum.datetime(2012, 1, 1))


def test_the_codebook_is_the_datasets_own_by_default() -> None:
    """Uses the dataset's codebook unless told, and takes the old positional form with a warning."""
    data, book = pt.load_bundled(), pt.bundled_codebook()
    plain = pt.escalation(data, "CN", "2012", "2023")
    chosen = pt.escalation(data, "CN", "2012", "2023", codebook=book)
    with pytest.warns(DeprecationWarning, match="codebook="):
        old = pt.escalation(data, book, "CN", "2012", "2023")  # type: ignore[arg-type]
    assert plain == chosen == old
    assert plain == pt.escalation(
        data, "CN", pendulum.Date(2012, 1, 1), datetime.date(2023, 12, 31)
    )
