"""The rules a record's fields obey, written once for the validators and the fast builder.

Each field of a record class is declared with a :class:`Rule` as its validator,
``title: str = attrs.field(validator=TEXT)``: what kind of value it holds (an id, an ISO 3166
code, non-empty text, an integer >= 0, an enum member, a nested record...), whether it may be
None, whether it is a tuple of such values. A rule over several fields of one record (an
evidence's end is its start plus the quote's length) is a :class:`Relation`, attached to the
rule of the last of its fields with :meth:`Rule.related`.

The fields' rules are the table (:func:`rules_of`). From it come two things: the attrs
validator each rule is (run whenever a record is constructed), and the fast builder of
:mod:`policytrack.storage.build`, which generates one constructor per record class from the
same rules, the way attrs generates ``__init__`` from a class's fields.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from typing import Any, Final

import attrs
from attrs import validators as v

from policytrack.model.jurisdictions import is_known

__all__ = [
    "CODE",
    "ID",
    "IDS",
    "ID_PATTERN",
    "INT",
    "NATURAL",
    "OPTIONAL_CODE",
    "OPTIONAL_ID",
    "OPTIONAL_INT",
    "OPTIONAL_STRING",
    "OPTIONAL_TEXT",
    "STRING",
    "TEXT",
    "TEXTS",
    "Kind",
    "Relation",
    "Rule",
    "matching",
    "nested",
    "one_of",
    "relations_of",
    "rules_of",
]

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


class Kind(enum.Enum):
    """What kind of value a field holds."""

    ID = "id"
    """An id: lower-case ASCII letters, digits and ``-``, not starting with ``-``."""
    CODE = "code"
    """An ISO 3166-1 code or a known ISO 3166-2 code (``CN``, ``CN-SH``)."""
    TEXT = "text"
    """A string with something besides whitespace."""
    STRING = "string"
    """Any string."""
    NATURAL = "natural"
    """An integer >= 0."""
    INT = "int"
    """Any integer."""
    ENUM = "enum"
    """A member of the rule's enum (:attr:`Rule.of`)."""
    PATTERN = "pattern"
    """A string the rule's pattern matches whole (:attr:`Rule.pattern`)."""
    NESTED = "nested"
    """An instance of the rule's record class (:attr:`Rule.of`), itself built by its rules."""


ID_PATTERN: Final = r"[a-z0-9][a-z0-9-]*"
"""What an id looks like."""
_ID = re.compile(ID_PATTERN)


@attrs.frozen
class Relation:
    """A rule over several fields of one record, checked after each field's own rule.

    Attributes:
        fields: The fields it reads, in the order *test* takes them.
        test: What is wrong with those values, in one line, or None when nothing is.
    """

    fields: tuple[str, ...]
    test: Callable[..., str | None]


@attrs.frozen
class Rule:
    """The check one field's value passes; the rule is the field's attrs validator.

    Attributes:
        kind: The kind of value.
        optional: Whether None is allowed too.
        many: Whether the value is a tuple of values, each of the kind.
        nonempty: With *many*: whether the tuple needs at least one value.
        of: The enum (``ENUM``) or the record class (``NESTED``).
        pattern: The regular expression a ``PATTERN`` value matches whole.
        test: One more check of a value already of the kind, raising ValueError (or a
            subclass) when it fails: an EDTF notation must parse.
        repeats: Not a check but a hint: the same values recur across records, so the fast
            builder checks each once per load and shares it.
        relation: A rule over this field and earlier ones, checked after this field's own.
    """

    kind: Kind
    optional: bool = False
    many: bool = False
    nonempty: bool = False
    of: type[Any] | None = None
    pattern: str | None = None
    test: Callable[[Any], object] | None = None
    repeats: bool = False
    relation: Relation | None = None
    _check: Validator = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_check", _validator(self))

    def __call__(self, instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        """Raise ValueError (or TypeError) naming the field when *value* breaks the rule."""
        self._check(instance, attribute, value)

    def related(self, relation: Relation) -> Rule:
        """This rule, then *relation*."""
        return attrs.evolve(self, relation=relation)


# The validators the rules are -------------------------------------------------------------------


def _check_id(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or _ID.fullmatch(value) is None:
        msg = f"'{attribute.name}' must be lower-case letters, digits and '-' (got {value!r})"
        raise ValueError(msg)


def _check_code(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not is_known(value):
        msg = f"'{attribute.name}' must be an ISO 3166-1 or known ISO 3166-2 code (got {value!r})"
        raise ValueError(msg)


def _check_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        msg = f"'{attribute.name}' must be non-empty text (got {value!r})"
        raise ValueError(msg)


def _nonempty(instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    if not value:
        msg = f"'{attribute.name}' must have at least one entry (got none)"
        raise ValueError(msg)


def _kind_validator(rule: Rule) -> Validator:
    """The check of one value of the rule's kind."""
    if rule.kind is Kind.ID:
        return _check_id
    if rule.kind is Kind.CODE:
        return _check_code
    if rule.kind is Kind.TEXT:
        return _check_text
    if rule.kind is Kind.STRING:
        return v.instance_of(str)
    if rule.kind is Kind.NATURAL:
        return v.and_(v.instance_of(int), v.ge(0))
    if rule.kind is Kind.INT:
        return v.instance_of(int)
    if rule.kind is Kind.PATTERN:
        assert rule.pattern is not None
        return v.matches_re(rule.pattern)
    assert rule.of is not None  # ENUM and NESTED
    return v.instance_of(rule.of)


def _tested(check: Validator, test: Callable[[Any], object]) -> Validator:
    def tested(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        check(instance, attribute, value)
        test(value)

    return tested


def _each(check: Validator) -> Validator:
    def each(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        for item in value:
            check(instance, attribute, item)

    return each


def _validator(rule: Rule) -> Validator:
    """The check of *rule*: each message names the field, what it must be and what it got."""
    check = _kind_validator(rule)
    if rule.test is not None:
        check = _tested(check, rule.test)
    if rule.many:
        # The built-in deep_iterable where it reads the same: Hypothesis infers data from it.
        check = v.deep_iterable(check) if rule.kind is Kind.NESTED else _each(check)
        if rule.nonempty:
            check = v.and_(check, _nonempty)
    if rule.optional:
        check = v.optional(check)
    if rule.relation is not None:
        check = v.and_(check, _related(rule.relation))
    return check


def _related(relation: Relation) -> Validator:
    def related(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        problem = relation.test(*(getattr(instance, name) for name in relation.fields))
        if problem is not None:
            raise ValueError(problem)

    return related


ID = Rule(Kind.ID)
OPTIONAL_ID = Rule(Kind.ID, optional=True)
IDS = Rule(Kind.ID, many=True)
CODE = Rule(Kind.CODE)
OPTIONAL_CODE = Rule(Kind.CODE, optional=True)
TEXT = Rule(Kind.TEXT)
OPTIONAL_TEXT = Rule(Kind.TEXT, optional=True)
TEXTS = Rule(Kind.TEXT, many=True)
STRING = Rule(Kind.STRING)
OPTIONAL_STRING = Rule(Kind.STRING, optional=True)
NATURAL = Rule(Kind.NATURAL)
INT = Rule(Kind.INT)
OPTIONAL_INT = Rule(Kind.INT, optional=True)


def one_of(cls: type[enum.Enum]) -> Rule:
    """A member of the enum *cls*."""
    return Rule(Kind.ENUM, of=cls)


def matching(pattern: str) -> Rule:
    """A string *pattern* matches whole."""
    return Rule(Kind.PATTERN, pattern=pattern)


def nested(
    cls: type[Any],
    *,
    optional: bool = False,
    many: bool = False,
    repeats: bool = False,
    nonempty: bool = True,
) -> Rule:
    """An instance of the record class *cls*; with *many*, a tuple of at least one.

    With ``nonempty=False`` the tuple may be empty (a policy with no measures).
    """
    return Rule(
        Kind.NESTED,
        optional=optional,
        many=many,
        nonempty=many and nonempty,
        of=cls,
        repeats=repeats,
    )


def rules_of(cls: type[Any]) -> dict[str, Rule]:
    """The rule of each field of the record class *cls*, in field order.

    Raises:
        TypeError: A field of *cls* is not declared with a rule.
    """
    found = {}
    for attribute in attrs.fields(cls):
        if not isinstance(attribute.validator, Rule):
            msg = f"{cls.__name__}.{attribute.name} is not declared with a rule"
            raise TypeError(msg)
        found[attribute.name] = attribute.validator
    return found


def relations_of(cls: type[Any]) -> tuple[Relation, ...]:
    """The relations between the fields of the record class *cls*, in field order."""
    return tuple(r.relation for r in rules_of(cls).values() if r.relation is not None)
