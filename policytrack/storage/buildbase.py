"""What the fast builder's generated constructors share: the refusal and the values they check by.

The constructors (:mod:`policytrack.storage.builders`) are generated from the field rules by
:mod:`policytrack.storage.buildgen`; each reads the values it checks by (an enum's members, a
pattern, a field's default) from its class's rules and fields through the functions here, when
the module is imported.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from typing import Any

import attrs

from policytrack.model.rules import ID_PATTERN, Rule

__all__ = [
    "Binder",
    "Refused",
    "data_default",
    "is_unicode",
    "match_id",
    "matcher",
    "members",
    "refuse",
    "setter",
    "test_of",
]

Binder = Callable[[Any], Callable[[Any], Any]]
"""A record class's constructor, bound to one load's :class:`~policytrack.storage.build.Builder`."""


class Refused(Exception):  # noqa: N818  (a signal to the loader, never raised to a user)
    """The fast builder does not vouch for a record: structure it through the converter."""


def refuse() -> Any:
    """Raise :class:`Refused` (for use inside an expression)."""
    raise Refused


match_id = re.compile(ID_PATTERN).fullmatch
"""Whether a string is an id, as the ``ID`` rule checks."""


def is_unicode(value: str) -> bool:
    """Whether a string holds no lone surrogate (half a pair, escaped in JSON), as converted."""
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def members(rule: Rule) -> dict[Any, enum.Enum]:
    """An ``ENUM`` rule's members by value."""
    assert rule.of is not None
    return {member.value: member for member in rule.of}


def matcher(rule: Rule) -> Callable[[str], re.Match[str] | None]:
    """A ``PATTERN`` rule's whole-string match."""
    assert rule.pattern is not None
    return re.compile(rule.pattern).fullmatch


def test_of(rule: Rule) -> Callable[[Any], object]:
    """A rule's one more check of a value (an EDTF notation must parse)."""
    assert rule.test is not None
    return rule.test


def setter(cls: type[Any], name: str) -> Callable[[Any, Any], None]:
    """What sets the field *name* on an instance of *cls*: the slot's own descriptor.

    ``object.__setattr__`` would look the name up first, and a frozen class refuses it.
    """
    set_: Callable[[Any, Any], None] = getattr(cls, name).__set__
    return set_


def data_default(attribute: attrs.Attribute[Any]) -> Any:
    """A field's default as data: what a file leaves out when the field has it."""
    default = attribute.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        msg = f"{attribute.name}: the fast builder takes plain defaults, not factories"
        raise TypeError(msg)
    return default.value if isinstance(default, enum.Enum) else default
