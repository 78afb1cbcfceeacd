"""The errors policytrack raises: one root, each subclass also the stdlib error it means."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "ArgumentTypeError",
    "ArgumentValueError",
    "DataError",
    "DateError",
    "LockError",
    "NotFoundError",
    "PolicytrackError",
    "Problem",
    "WriteError",
    "printable",
]


class PolicytrackError(Exception):
    """The root of every error policytrack raises on purpose."""


class DateError(PolicytrackError, ValueError):
    """An uncertain date that cannot be parsed or does not exist."""


class NotFoundError(PolicytrackError, LookupError):
    """An id, dimension or file that is not there."""


class WriteError(PolicytrackError, OSError):
    """A file that could not be written; the previous file is left as it was."""


class LockError(PolicytrackError, TimeoutError):
    """A dataset another process is writing: its lock was not released in time."""


class ArgumentTypeError(PolicytrackError, TypeError):
    """An argument of a public function that is not of a type it takes; names the argument."""


class ArgumentValueError(PolicytrackError, ValueError):
    """An argument of the right type whose value cannot be meant; names the argument.

    An unknown jurisdiction, a reversed range, a negative count, a day that does not exist.
    """


@attrs.frozen
class Problem:
    """One thing wrong with a dataset, located as precisely as it can be.

    Attributes:
        file: The file the record came from (or the dataset path).
        record: The record's id, or ``""`` when the problem is not in one record.
        field: The field path inside the record (``measures[0].level``), or ``""``.
        message: What was expected and what was found.
    """

    file: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        where = ": ".join(part for part in (self.file, self.record, self.field) if part)
        return printable(f"{where}: {self.message}" if where else self.message)


def printable(text: str) -> str:
    r"""*text* as one line a terminal prints as it is: controls shown as ``\x1b``.

    What a terminal would act on or cannot print (newlines, escape sequences, lone surrogates
    from a hostile file) is written as a Python escape.
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class DataError(PolicytrackError, ValueError):
    """A dataset, codebook or record file with one or more problems.

    Attributes:
        problems: Every problem found, in file order; never empty.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: Sequence[Problem] = tuple(problems)
        super().__init__(self._summary())

    def _summary(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        lines = [f"{len(self.problems)} problems:"]
        lines += [f"  {p}" for p in self.problems]
        return "\n".join(lines)
