"""The errors policytrack raises, and how a problem reads."""

from __future__ import annotations

import pytest

from policytrack import DataError, DateError, NotFoundError, PolicytrackError, Problem, WriteError


@pytest.mark.parametrize(
    ("problem", "line"),
    [
        (
            Problem("a.toml", "p1", "measures[0].level", "too high"),
            "a.toml: p1: measures[0].level: too high",
        ),
        (Problem("a.toml", "p1", "", "bad"), "a.toml: p1: bad"),
        (Problem("a.toml", "", "", "not valid TOML"), "a.toml: not valid TOML"),
        (
            Problem("", "p1", "issuers[0]", "no agency has id 'x'"),
            "p1: issuers[0]: no agency has id 'x'",
        ),
        (Problem("", "", "", "empty"), "empty"),
    ],
)
def test_a_problem_reads_as_one_line(problem: Problem, line: str) -> None:
    """Joins the parts of a problem that are known, with no empty ones and no leading colon."""
    assert str(problem) == line


def test_data_error_lists_every_problem() -> None:
    """Summarises one problem as its line, and several as a count and one line each."""
    one = Problem("a.toml", "a", "id", "bad")
    two = Problem("b.toml", "b", "id", "worse")
    assert str(DataError([one])) == "a.toml: a: id: bad"
    assert str(DataError([one, two])) == "2 problems:\n  a.toml: a: id: bad\n  b.toml: b: id: worse"
    assert DataError([one, two]).problems == (one, two)


@pytest.mark.parametrize(
    ("error", "stdlib"),
    [
        (DataError, ValueError),
        (DateError, ValueError),
        (NotFoundError, LookupError),
        (WriteError, OSError),
    ],
)
def test_every_error_is_also_the_stdlib_error_it_means(error: type, stdlib: type) -> None:
    """Derives every error from PolicytrackError and from the standard error it stands for."""
    assert issubclass(error, PolicytrackError)
    assert issubclass(error, stdlib)
