"""The one cattrs converter every file, export and JSON rendering goes through.

Structuring is strict: unknown keys are errors, and no value is coerced into another type
(the string ``"5"`` is not the level ``5``; ``true`` is not ``1``).
"""

from __future__ import annotations

import enum
from typing import Any

import attrs
import cattrs
import pendulum
from cattrs.gen import make_dict_unstructure_fn

__all__ = ["configure_converter", "converter", "make_converter"]


def _strict(kind: type, name: str) -> Any:
    def structure(value: Any, _: type) -> Any:
        if type(value) is not kind:
            msg = f"expected {name}, got {_describe(value)}"
            raise TypeError(msg)
        return value

    return structure


def _structure_float(value: Any, _: type) -> float:
    if type(value) not in (int, float):
        msg = f"expected a number, got {_describe(value)}"
        raise TypeError(msg)
    return float(value)


def _describe(value: Any) -> str:
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{type(value).__name__} {text}"


def _structure_enum(cls: type[enum.Enum]) -> Any:
    allowed = ", ".join(repr(member.value) for member in cls)

    def structure(value: Any, _: type) -> enum.Enum:
        try:
            return cls(value)
        except ValueError:
            msg = f"expected one of {allowed}, got {_describe(value)}"
            raise ValueError(msg) from None

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
    # Predicates rather than singledispatch: a StrEnum is a str, and must not match str's hook.
    for kind, name in ((str, "a string"), (int, "an integer"), (bool, "true or false")):
        converter.register_structure_hook_func(lambda t, k=kind: t is k, _strict(kind, name))
    converter.register_structure_hook_func(lambda t: t is float, _structure_float)
    converter.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _structure_enum
    )
    # Registered on StrEnum itself so that it wins over str's pass-through in the MRO.
    converter.register_unstructure_hook(enum.StrEnum, lambda member: member.value)
    converter.register_unstructure_hook(enum.Enum, lambda member: member.value)
    converter.register_structure_hook(pendulum.Date, _structure_date)
    converter.register_unstructure_hook(pendulum.Date, lambda d: d.isoformat())
    converter.register_unstructure_hook_factory(
        attrs.has,
        lambda cls: make_dict_unstructure_fn(cls, converter, _cattrs_omit_if_default=True),
    )


def make_converter() -> cattrs.Converter:
    """A new converter configured for policytrack's records and results."""
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    configure_converter(converter)
    return converter


converter = make_converter()
"""The shared converter; use it rather than cattrs' global one."""
