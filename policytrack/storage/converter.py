"""The one cattrs converter every file, export and JSON rendering goes through.

Structuring is strict: unknown keys are errors, and no value is coerced into another type
(the string ``"5"`` is not the level ``5``; ``true`` is not ``1``).
"""

from __future__ import annotations

import enum
from typing import Any, get_origin

import attrs
import cattrs
import pendulum
from cattrs.cols import homogenous_tuple_structure_factory, list_structure_factory
from cattrs.gen import make_dict_unstructure_fn

from policytrack.model.arguments import checked

__all__ = ["configure_converter", "converter", "make_converter"]


def _strict(kind: type, name: str) -> Any:
    def structure(value: Any, _: type) -> Any:
        if type(value) is not kind:
            msg = f"expected {name}, got {_describe(value)}"
            raise TypeError(msg)
        return value

    return structure


def _structure_str(value: Any, _: type) -> str:
    if type(value) is not str:
        msg = f"expected a string, got {_describe(value)}"
        raise TypeError(msg)
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            # JSON can escape half of a surrogate pair ("\ud800"): no file can hold it.
            msg = f"expected Unicode text, got a lone surrogate {value[exc.start]!r} at {exc.start}"
            raise ValueError(msg) from None
    return value


def _structure_float(value: Any, _: type) -> float:
    if type(value) not in (int, float):
        msg = f"expected a number, got {_describe(value)}"
        raise TypeError(msg)
    try:
        number = float(value)
    except OverflowError:
        number = float("nan")
    if number != value:
        # An integer a float cannot hold exactly would be silently rounded.
        msg = f"expected a number a float holds exactly, got {_describe(value)}"
        raise TypeError(msg)
    return number


def _describe(value: Any) -> str:
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{type(value).__name__} {text}"


def _structure_enum(value: Any, cls: type[enum.Enum]) -> enum.Enum:
    try:
        return cls(value)
    except ValueError:
        allowed = ", ".join(repr(member.value) for member in cls)
        msg = f"expected one of {allowed}, got {_describe(value)}"
        raise ValueError(msg) from None


def _is_sequence(type_: Any) -> bool:
    """``list[X]`` and ``tuple[X, ...]``: the sequences records are made of."""
    args: tuple[Any, ...] = getattr(type_, "__args__", ())
    origin = get_origin(type_)
    return origin is list or (origin is tuple and len(args) == 2 and args[1] is Ellipsis)


def _structure_sequence(type_: Any, converter: cattrs.Converter) -> Any:
    """The list and tuple hooks of cattrs, refusing anything but an array (a string iterates)."""
    if get_origin(type_) is list:
        inner = list_structure_factory(type_, converter)
    else:
        inner = homogenous_tuple_structure_factory(type_, converter)

    def structure(value: Any, cls: Any) -> Any:
        if not isinstance(value, (list, tuple)):
            msg = f"expected a list, got {_describe(value)}"
            raise TypeError(msg)
        return inner(value, cls)

    return structure


def _structure_date(value: Any, _: type) -> pendulum.Date:
    if not isinstance(value, str):
        msg = f"expected an ISO date string, got {_describe(value)}"
        raise TypeError(msg)
    parsed = pendulum.parse(value, exact=True)
    if not isinstance(parsed, pendulum.Date) or isinstance(parsed, pendulum.DateTime):
        msg = f"expected a date YYYY-MM-DD, got {value!r}"
        raise ValueError(msg)
    return parsed


def configure_converter(converter: cattrs.Converter) -> None:
    """Install policytrack's hooks on *converter*: strict scalars, enums, pendulum dates.

    Records unstructure with default values left out, so files stay short and canonical.
    """
    # cattrs looks up exact classes before predicates, so these are registered by class. A
    # StrEnum is a str: the enum bases are registered too, so that they win over str in the MRO.
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _strict(int, "an integer"))
    converter.register_structure_hook(bool, _strict(bool, "true or false"))
    converter.register_structure_hook(float, _structure_float)
    for base in (enum.Enum, enum.StrEnum, enum.IntEnum):
        converter.register_structure_hook(base, _structure_enum)
    converter.register_structure_hook_factory(_is_sequence, _structure_sequence)
    # Registered on StrEnum itself so that it wins over str's pass-through in the MRO.
    converter.register_unstructure_hook(enum.StrEnum, lambda member: member.value)
    converter.register_unstructure_hook(enum.Enum, lambda member: member.value)
    converter.register_structure_hook(pendulum.Date, _structure_date)
    converter.register_unstructure_hook(pendulum.Date, lambda d: d.isoformat())
    converter.register_unstructure_hook_factory(
        attrs.has,
        lambda cls: make_dict_unstructure_fn(cls, converter, _cattrs_omit_if_default=True),
    )


@checked
def make_converter() -> cattrs.Converter:
    """A new converter configured for policytrack's records and results."""
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    configure_converter(converter)
    return converter


converter = make_converter()
"""The shared converter; use it rather than cattrs' global one."""
