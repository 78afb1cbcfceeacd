"""What every harness allows: success, or a PolicytrackError that says where and what."""

from __future__ import annotations

from collections.abc import Callable

from policytrack.errors import DataError, PolicytrackError


def allow_only_policytrack_errors(call: Callable[[], object]) -> PolicytrackError | None:
    """Run *call*: None when it succeeds, the PolicytrackError it raised otherwise.

    Raises:
        AssertionError: A problem names no file, says nothing, or does not fit on one line.
        Exception: Anything *call* raised that is not a PolicytrackError: a bug to report.
    """
    try:
        call()
    except DataError as error:
        for problem in error.problems:
            line = str(problem)
            if not problem.file or not problem.message.strip() or not line.isprintable():
                msg = f"badly located problem: {problem!r}"
                raise AssertionError(msg) from None
        return error
    except PolicytrackError as error:
        if not str(error).strip():
            msg = f"{type(error).__name__} without a message"
            raise AssertionError(msg) from None
        return error
    return None
