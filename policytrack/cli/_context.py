"""What every command shares: global options, loading, and parsing option values.

The dataset and codebook are loaded once, on first use; dates, weights and jurisdictions given
as options become library types here, or a ``typer.BadParameter`` naming the option.
"""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from policytrack.vocab import OutputFormat

if TYPE_CHECKING:
    import pendulum

    from policytrack.model.codebook import Codebook
    from policytrack.model.dataset import Dataset


class State:
    """The global options of one invocation, and what they load (loaded once, on first use)."""

    # A plain class: attrs would be imported for it alone on `--help`.
    __slots__ = ("_codebook", "_dataset", "cache", "codebook_path", "data", "format")

    def __init__(
        self,
        data: str | None = None,
        codebook_path: str | None = None,
        format: OutputFormat = OutputFormat.TABLE,
        cache: bool = True,
    ) -> None:
        self.data, self.codebook_path, self.format = data, codebook_path, format
        self.cache = cache
        self._dataset: Dataset | None = None
        self._codebook: Codebook | None = None

    def dataset(self) -> Dataset:
        """The dataset named by ``--data`` (``-``: standard input), or the bundled one.

        A dataset named by a path is read through the compiled cache unless ``--no-cache``
        (or ``POLICYTRACK_CACHE=0``) says not to; the bundled one loads as it always has.
        """
        if self._dataset is None:
            from policytrack.storage.loader import load, load_bundled, loads

            codebook = self.codebook() if self.codebook_path else None
            if self.data is None:
                self._dataset = load_bundled(codebook=codebook)
            elif self.data == "-":
                text = read_stdin()
                self._dataset = loads(text, sniff_format(text), name="<stdin>", codebook=codebook)
            else:
                self._dataset = load(self.data, codebook=codebook, cache=self.cache)
            # The dataset lives as long as the command: frozen, its objects are not scanned
            # again by each collection the analysis sets off (as main() does for the imports).
            # The start is over: a collector held off for it (policytrack.__main__) runs again.
            from policytrack.collector import started

            started()
        return self._dataset

    def codebook(self) -> Codebook:
        """The codebook named by ``--codebook`` (``-``: standard input), or the dataset's own."""
        if self._codebook is None:
            from policytrack.storage.resources import load_codebook, loads_codebook

            if self.codebook_path == "-":
                self._codebook = loads_codebook(read_stdin(), name="<stdin>")
            elif self.codebook_path is not None:
                self._codebook = load_codebook(self.codebook_path)
            else:
                dataset = self.dataset()
                base = None if self.data in (None, "-") else Path(str(self.data))
                if base is not None and not base.is_dir():
                    base = base.parent
                self._codebook = load_codebook(dataset.info.codebook, base=base)
        return self._codebook


def read_stdin() -> str:
    """Standard input as UTF-8 text, whatever the locale's encoding and error handler.

    Raises:
        DataError: It is not UTF-8 text.
    """
    from policytrack.errors import DataError, Problem

    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # already text, e.g. replaced by a caller
        return sys.stdin.read()
    data = stream.read()
    try:
        return str(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        problem = Problem("<stdin>", "", "", f"not UTF-8 text (byte {exc.start})")
        raise DataError([problem]) from None


def sniff_format(text: str) -> Any:
    """``json`` for one JSON object, ``ndjson`` for one object a line.

    A single line is JSON: compact JSON (``{"info": ..., "policies": [...]}``) is one line, and
    NDJSON of one line holds only the info, which reads the same either way.
    """
    first_line, newline, _ = text.strip().partition("\n")
    starts = first_line.rstrip().endswith("}") and '"info"' in first_line[:12]
    return "ndjson" if newline and starts else "json"


def state(ctx: typer.Context) -> State:
    """The invocation's state, set up by the root callback."""
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj


_DAY_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"


def _check_form(value: str, option: str) -> None:
    """Reject anything but a year, a month or a day (an EDTF interval, an uncertain date)."""
    import re

    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value.strip()):
        msg = f"expected {_DAY_FORMS} (got {value!r})"
        raise typer.BadParameter(msg, param_hint=option)


def parse_date(value: str | None, option: str) -> pendulum.Date | None:
    """A day from ``YYYY-MM-DD`` (or a ``YYYY``/``YYYY-MM`` taken at its first day).

    Raises:
        typer.BadParameter: The value is not such a date.
    """
    if value is None:
        return None
    _check_form(value, option)
    from policytrack.errors import DateError
    from policytrack.model.dates import UncertainDate

    try:
        return UncertainDate(value).earliest
    except DateError as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from None


def parse_end(value: str | None, option: str) -> pendulum.Date | None:
    """Like :func:`parse_date`, but a month or year is taken at its last day."""
    if value is None:
        return None
    _check_form(value, option)
    from policytrack.errors import DateError
    from policytrack.model.dates import UncertainDate

    try:
        return UncertainDate(value).latest
    except DateError as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from None


def parse_window(value: str, option: str) -> Any:
    """A day (``2013-06-01``) or a window ``START..END`` (each end a date, month or year)."""
    if ".." in value:
        start, _, end = value.partition("..")
        first, last = parse_date(start, option), parse_end(end, option)
        assert first is not None and last is not None
        if first > last:
            msg = f"{value}: {first.isoformat()} is after {last.isoformat()}: give START..END"
            raise typer.BadParameter(msg, param_hint=option)
        return (first, last)
    day = parse_date(value, option)
    assert day is not None
    if len(value) < 10:  # a month or a year: the whole of it
        last = parse_end(value, option)
        assert last is not None
        return (day, last)
    return day


def parse_weights(values: list[str] | None, codebook: Codebook) -> dict[str, float] | None:
    """Weights from ``DIMENSION=WEIGHT`` options, checked against *codebook*.

    Raises:
        typer.BadParameter: A value is malformed or names no dimension of the codebook.
    """
    if not values:
        return None
    from policytrack.analysis.index import WeightError, resolve_weights

    weights: dict[str, float] = {}
    for item in values:
        name, sep, number = item.partition("=")
        try:
            weights[name.strip()] = float(number)
        except ValueError:
            sep = ""
        if not sep:
            msg = f"expected DIMENSION=WEIGHT, got {item!r}"
            raise typer.BadParameter(msg, param_hint="--weight")
    try:
        resolve_weights(codebook, weights)
    except WeightError as exc:
        raise typer.BadParameter(str(exc), param_hint="--weight") from None
    return weights


def check_jurisdiction(code: str, option: str = "--jurisdiction") -> str:
    """*code*, if it is a known ISO 3166 code.

    Raises:
        typer.BadParameter: It is not.
    """
    from policytrack.model.jurisdictions import is_known

    if not is_known(code):
        msg = f"{code!r} is not an ISO 3166-1 or known ISO 3166-2 code (e.g. CN, CN-SH)"
        raise typer.BadParameter(msg, param_hint=option)
    return code


def deprecated(old: str, new: str) -> None:
    """Say on standard error that option *old* is deprecated in favour of *new*."""
    typer.echo(
        f"warning: {old} is deprecated and will be removed in the next release; use {new}",
        err=True,
    )


def parse_range(
    start: str | None, end: str | None, options: tuple[str, str] = ("--from", "--to")
) -> tuple[pendulum.Date | None, pendulum.Date | None]:
    """The days of *start* and *end* (a month or year: its first and its last day), checked.

    Raises:
        typer.BadParameter: A value is not a date, or the range is reversed.
    """
    first, last = parse_date(start, options[0]), parse_end(end, options[1])
    check_range(first, last, options)
    return first, last


def check_range(
    first: pendulum.Date | None,
    last: pendulum.Date | None,
    options: tuple[str, str] = ("--from", "--to"),
) -> None:
    """Reject a range whose first day comes after its last.

    Raises:
        typer.BadParameter: *first* is after *last* (exit 2, naming both options).
    """
    if first is not None and last is not None and first > last:
        msg = (
            f"{options[0]} {first.isoformat()} is after {options[1]} {last.isoformat()}: "
            "give the earlier day first"
        )
        raise typer.BadParameter(msg, param_hint=f"{options[0]}/{options[1]}")


F = TypeVar("F", bound=enum.StrEnum)


OldFormat = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        hidden=True,
        help="Deprecated spelling of --as (--format is the output format elsewhere).",
    ),
]
"""The file format's old option name, still read by :func:`file_format` for a release."""


def file_format(kind: type[F], chosen: F | None, old: str | None, *, default: F | None = None) -> F:
    """The file format from ``--as``, or from the deprecated ``-f/--format`` spelling.

    Raises:
        typer.BadParameter: Neither is given (and there is no *default*), or the old spelling
            names no file format.
    """
    if old is not None:
        known = ", ".join(k.value for k in kind)
        if chosen is None and old in {k.value for k in kind}:
            deprecated("-f/--format for the file format", "--as")
            chosen = kind(old)
        elif old not in {f.value for f in OutputFormat}:
            msg = f"{old!r} is not a file format ({known}); the file format is given with --as"
            raise typer.BadParameter(msg, param_hint="--as")
    if chosen is None:
        if default is not None:
            return default
        known = ", ".join(k.value for k in kind)
        raise typer.BadParameter(f"say which file format to write ({known})", param_hint="--as")
    return chosen
