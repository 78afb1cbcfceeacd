"""Checking a public function's arguments, in one place, so every call fails the same way.

:func:`checked` holds each argument to the function's own annotation: a value of a type the
function does not take raises :class:`~policytrack.errors.ArgumentTypeError` (a ``TypeError``);
``Annotated`` markers (:data:`Jurisdiction`, :class:`AtLeast`) and a string that is not one of an
enum's values raise :class:`~policytrack.errors.ArgumentValueError` (a ``ValueError``). Both
name the argument. Dates arrive in the forms people type (:func:`start_day`, :func:`end_day`),
and a range is checked by :func:`ordered`.
"""

from __future__ import annotations

import datetime
import enum
import functools
import inspect
import types
import typing
import warnings
from collections import abc
from collections.abc import Callable
from typing import Annotated, Any, ParamSpec, TypeVar

import pendulum

from policytrack.errors import ArgumentTypeError, ArgumentValueError, DateError, printable
from policytrack.model.dates import UncertainDate
from policytrack.model.jurisdictions import is_known
from policytrack.model.records import is_id

__all__ = [
    "AtLeast",
    "AtMost",
    "Between",
    "Count",
    "DateLike",
    "Jurisdiction",
    "NonEmpty",
    "RecordId",
    "Year",
    "checked",
    "end_day",
    "fits",
    "legacy_codebook",
    "ordered",
    "start_day",
    "window",
]

P = ParamSpec("P")
R = TypeVar("R")

DateLike = pendulum.Date | datetime.date | str
"""A day as people give it: a ``pendulum.Date``, a ``datetime.date``, or EDTF/ISO text."""


class _Marker:
    """An ``Annotated`` marker: a frozen value, equal to another of its class with its values.

    A plain class: every command that checks an argument imports these, and attrs would
    compile each one's methods at every start.
    """

    __slots__: tuple[str, ...] = ()
    FIELDS: tuple[str, ...] = ()
    """Its values' names, in the order the constructor takes them."""

    def __init__(self, *values: Any) -> None:
        for name, value in zip(self.FIELDS, values, strict=True):
            object.__setattr__(self, name, value)

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.FIELDS)

    def __setattr__(self, name: str, value: Any) -> None:
        msg = f"{type(self).__name__} is frozen"
        raise AttributeError(msg)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, _Marker)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self), self._values()))

    def __repr__(self) -> str:
        values = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.FIELDS)
        return f"{type(self).__name__}({values})"

    def problem(self, value: Any) -> str | None:
        """Why *value* breaks the rule, or None."""
        raise NotImplementedError


class AtLeast(_Marker):
    """An ``Annotated`` marker: the number is at least *minimum*."""

    __slots__ = FIELDS = ("minimum",)
    minimum: int

    def __init__(self, minimum: int) -> None:
        super().__init__(minimum)

    def problem(self, value: Any) -> str | None:
        """Why *value* breaks the rule, or None."""
        if isinstance(value, int | float) and value < self.minimum:
            return f"must be at least {self.minimum} (got {value!r})"
        return None


class _Code(_Marker):
    """An ``Annotated`` marker: an ISO 3166 code policytrack knows."""

    __slots__ = ()

    def problem(self, value: Any) -> str | None:
        """Why *value* is not a known code, or None."""
        if isinstance(value, str) and not is_known(value):
            return f"unknown jurisdiction {value!r}: expected an ISO 3166 code such as 'CN'"
        return None


class AtMost(_Marker):
    """An ``Annotated`` marker: the number is at most *maximum*."""

    __slots__ = FIELDS = ("maximum",)
    maximum: int

    def __init__(self, maximum: int) -> None:
        super().__init__(maximum)

    def problem(self, value: Any) -> str | None:
        """Why *value* breaks the rule, or None."""
        if isinstance(value, int | float) and value > self.maximum:
            return f"must be at most {self.maximum} (got {value!r})"
        return None


class Between(_Marker):
    """An ``Annotated`` marker: the number lies strictly between *low* and *high*."""

    __slots__ = ("high", "low")
    FIELDS = ("low", "high")
    low: float
    high: float

    def __init__(self, low: float, high: float) -> None:
        super().__init__(low, high)

    def problem(self, value: Any) -> str | None:
        """Why *value* breaks the rule, or None."""
        if isinstance(value, int | float) and not self.low < value < self.high:
            return f"must be between {self.low:g} and {self.high:g} (got {value!r})"
        return None


class _RecordId(_Marker):
    """An ``Annotated`` marker: a record id (lower-case letters, digits and '-')."""

    __slots__ = ()

    def problem(self, value: Any) -> str | None:
        """Why *value* is not an id, or None."""
        if isinstance(value, str) and not is_id(value):
            return f"must be lower-case letters, digits and '-' (got {_short(value)})"
        return None


class _NonEmpty(_Marker):
    """An ``Annotated`` marker: text that is not empty."""

    __slots__ = ()

    def problem(self, value: Any) -> str | None:
        """Why *value* is empty, or None."""
        if isinstance(value, str) and not value:
            return "must not be empty"
        return None


Jurisdiction = Annotated[str, _Code()]
"""A jurisdiction: an ISO 3166-1 alpha-2 or known ISO 3166-2 code (``CN``, ``CN-SH``)."""

RecordId = Annotated[str, _RecordId()]
"""The id of a record: lower-case letters, digits and '-'."""

NonEmpty = Annotated[str, _NonEmpty()]
"""Text that is not empty."""

Count = Annotated[int, AtLeast(0)]
"""A number of things, or a position: zero or more."""

Year = Annotated[int, AtLeast(2), AtMost(9998)]
"""A year whose neighbours are years too (a coverage period may start in the year before)."""


def _short(value: Any) -> str:
    text = repr(value)
    return printable(text if len(text) <= 60 else text[:57] + "...")


def _describe(hint: Any) -> str:
    origin = typing.get_origin(hint)
    if origin is Annotated:
        return _describe(typing.get_args(hint)[0])
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_describe(h) for h in typing.get_args(hint))
    if origin is typing.Literal:
        return " or ".join(repr(v) for v in typing.get_args(hint))
    if hint is type(None):
        return "None"
    if origin is not None:
        return getattr(origin, "__name__", str(origin))
    return getattr(hint, "__qualname__", str(hint))


class _Mismatch(Exception):  # noqa: N818  (a signal inside the check, never raised out)
    """A value of the right type but a wrong value (raised inside the check, caught by it)."""


def _matches(value: Any, hint: Any) -> bool:
    """Whether *value* is of the type *hint*; raises :class:`_Mismatch` for a wrong value."""
    if hint is Any or isinstance(hint, TypeVar):
        return True
    if hint is None or hint is type(None):
        return value is None
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is Annotated:
        if not _matches(value, args[0]):
            return False
        for marker in args[1:]:
            why = marker.problem(value) if hasattr(marker, "problem") else None
            if why is not None:
                raise _Mismatch(why)
        return True
    if origin in (typing.Union, types.UnionType):
        mismatch = None
        for option in args:
            try:
                if _matches(value, option):
                    return True
            except _Mismatch as exc:
                mismatch = exc
        if mismatch is not None:
            raise mismatch
        return False
    if origin is typing.Literal:
        if value in args and any(type(value) is type(a) for a in args):
            return True
        if any(isinstance(value, type(a)) for a in args):
            raise _Mismatch(f"must be one of {', '.join(map(repr, args))} (got {_short(value)})")
        return False
    if origin is not None:
        return _matches_generic(value, origin, args)
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        if isinstance(value, hint):
            return True
        if isinstance(value, str) and issubclass(hint, str):
            choices = ", ".join(repr(m.value) for m in hint)
            raise _Mismatch(f"must be one of {choices} (got {_short(value)})")
        return False
    if isinstance(hint, type):
        try:
            return isinstance(value, hint)
        except TypeError:  # a Protocol that cannot be checked at run time: its users check it
            return True
    return True  # a hint this check does not read (a Protocol, a forward alias): trust it


def _matches_generic(value: Any, origin: Any, args: tuple[Any, ...]) -> bool:
    if origin is type:
        return isinstance(value, type)
    if origin is abc.Callable:
        return callable(value)
    if origin is tuple:
        if not isinstance(value, tuple):
            return False
        if len(args) == 2 and args[1] is Ellipsis:
            return all(_matches(v, args[0]) for v in value)
        return len(value) == len(args) and all(map(_matches, value, args))
    if isinstance(origin, type) and issubclass(origin, abc.Mapping):
        if not isinstance(value, abc.Mapping):
            return False
        key, item = args if len(args) == 2 else (Any, Any)
        return all(_matches(k, key) and _matches(v, item) for k, v in value.items())
    if isinstance(origin, type) and issubclass(origin, abc.Iterable):
        if isinstance(value, str | bytes) or not isinstance(value, origin):
            return False
        if args and isinstance(value, abc.Collection) and not isinstance(value, abc.Iterator):
            return all(_matches(v, args[0]) for v in value)
        return True
    return isinstance(value, origin) if isinstance(origin, type) else True


def _coerced(value: Any, hint: Any) -> Any:
    """An enum's value given as its text, made the member; anything else as it is."""
    if isinstance(hint, type) and issubclass(hint, enum.Enum) and not isinstance(value, hint):
        try:
            return hint(value)
        except ValueError:
            return value
    return value


def _enum_hint(hint: Any) -> Any:
    """The enum class in *hint* (``Series`` or ``Series | None``), or None."""
    options = (
        typing.get_args(hint)
        if typing.get_origin(hint) in (typing.Union, types.UnionType)
        else (hint,)
    )
    for option in options:
        if isinstance(option, type) and issubclass(option, enum.Enum):
            return option
    return None


def checked(func: Callable[P, R]) -> Callable[P, R]:
    """Check every argument of *func* against its annotation, on every call.

    An enum's value given as text (``"latest"``) is passed on as the member.

    Raises (from the wrapped function):
        ArgumentTypeError: An argument of a type the annotation does not allow, or a call that
            does not fit the signature.
        ArgumentValueError: An argument that breaks a marker of its annotation.
    """
    signature = inspect.signature(func)
    name = func.__qualname__

    @functools.cache
    def hints() -> dict[str, Any]:
        return typing.get_type_hints(func, include_extras=True)

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            bound = signature.bind(*args, **kwargs)
        except TypeError as exc:
            raise ArgumentTypeError(f"{name}(): {exc}") from None
        changed = False
        for arg, given in bound.arguments.items():
            value = given
            hint = hints().get(arg)
            if hint is None or signature.parameters[arg].kind in (
                inspect.Parameter.VAR_POSITIONAL,
                inspect.Parameter.VAR_KEYWORD,
            ):
                continue
            enum_hint = _enum_hint(hint)
            if enum_hint is not None and isinstance(value, str):
                coerced = _coerced(value, enum_hint)
                if coerced is not value:
                    bound.arguments[arg] = value = coerced
                    changed = True
            try:
                ok = _matches(value, hint)
            except _Mismatch as exc:
                raise ArgumentValueError(f"{name}(): {arg!r} {exc}") from None
            if not ok:
                got = f"{type(value).__name__} {_short(value)}"
                msg = f"{name}(): {arg!r} must be {_describe(hint)} (got {got})"
                raise ArgumentTypeError(msg)
        if changed:
            return func(*bound.args, **bound.kwargs)
        return func(*args, **kwargs)

    wrapper.__signature__ = signature  # type: ignore[attr-defined]
    return wrapper


def _day(value: DateLike, argument: str, *, latest: bool) -> pendulum.Date:
    if isinstance(value, pendulum.DateTime | datetime.datetime):
        msg = f"{argument!r} must be a day, not a date and time (got {_short(value)})"
        raise ArgumentTypeError(msg)
    if isinstance(value, pendulum.Date):
        return value
    if isinstance(value, datetime.date):
        return pendulum.Date(value.year, value.month, value.day)
    if not isinstance(value, str):
        got = f"{type(value).__name__} {_short(value)}"
        msg = f"{argument!r} must be a date or EDTF text such as '2012' or '2012-03-05' (got {got})"
        raise ArgumentTypeError(msg)
    try:
        parsed = UncertainDate.stated(value.strip())
    except DateError as exc:
        raise ArgumentValueError(f"{argument!r}: {exc}") from None
    return parsed.latest if latest else parsed.earliest


def start_day(value: DateLike, argument: str = "start") -> pendulum.Date:
    """The first day *value* can mean: ``"2012"`` is 2012-01-01.

    Raises:
        ArgumentTypeError: *value* is not a date or text.
        ArgumentValueError: The text is not a date that exists (``"2023-13"``).
    """
    return _day(value, argument, latest=False)


def end_day(value: DateLike, argument: str = "end") -> pendulum.Date:
    """The last day *value* can mean: ``"2012"`` is 2012-12-31, ``"2012-02"`` 2012-02-29.

    Raises:
        ArgumentTypeError: *value* is not a date or text.
        ArgumentValueError: The text is not a date that exists.
    """
    return _day(value, argument, latest=True)


def ordered(first: tuple[str, Any], second: tuple[str, Any]) -> None:
    """Refuse a range whose end comes before its start: ``ordered(("start", a), ("end", b))``.

    Raises:
        ArgumentValueError: Both are given and the second is before the first.
    """
    (first_name, low), (second_name, high) = first, second
    if low is not None and high is not None and high < low:
        msg = f"{second_name!r} ({high}) is before {first_name!r} ({low}): the range is reversed"
        raise ArgumentValueError(msg)


def legacy_codebook(func: Callable[P, R]) -> Callable[P, R]:
    """Accept release 0.1's ``f(dataset, codebook, ...)`` for a release, with a warning.

    The codebook became the keyword-only ``codebook=`` (by default the dataset's own). A
    :class:`~policytrack.Codebook` given second is moved there.
    """
    from policytrack.model.codebook import Codebook  # noqa: PLC0415  (the model's own type)

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if len(args) >= 2 and isinstance(args[1], Codebook):
            if "codebook" in kwargs:
                msg = f"{func.__qualname__}(): the codebook is given twice"
                raise ArgumentTypeError(msg)
            warnings.warn(
                f"{func.__qualname__}(dataset, codebook, ...) is deprecated: pass "
                f"codebook=... (or nothing, for the dataset's own); the old form goes in 0.3",
                DeprecationWarning,
                stacklevel=2,
            )
            kwargs["codebook"] = args[1]
            args = (args[0], *args[2:])  # type: ignore[assignment]
        return func(*args, **kwargs)

    return wrapper


def window(
    value: DateLike | tuple[DateLike, DateLike], argument: str
) -> tuple[pendulum.Date, pendulum.Date]:
    """The days *value* spans: a day, the whole of ``"2012"`` or ``"2012-03"``, or a pair.

    Raises:
        ArgumentTypeError: Not a date, text or a pair of them.
        ArgumentValueError: A date that does not exist, or a pair whose end comes first.
    """
    if isinstance(value, tuple):
        if len(value) != 2:
            msg = f"{argument!r} must be a day or a (start, end) pair (got {_short(value)})"
            raise ArgumentTypeError(msg)
        low, high = start_day(value[0], f"{argument}[0]"), end_day(value[1], f"{argument}[1]")
        ordered((f"{argument}[0]", low), (f"{argument}[1]", high))
        return low, high
    return start_day(value, argument), end_day(value, argument)


def fits(value: Any, hint: Any) -> bool:
    """Whether *value* is of a type *hint* allows (its value may still be refused)."""
    try:
        return _matches(value, hint)
    except _Mismatch:
        return True
