"""The fast builder: records structured from parsed data without the converter.

A :class:`Builder` returns exactly the record the converter
(:mod:`policytrack.storage.converter`) would build from the same data, or raises an exception
(:class:`Refused`, or whatever a lookup in a table of valid values raises) on anything it does
not vouch for: a missing or unknown key, a value of the wrong type, a value a validator would
reject. The loader then structures that record through the converter, whose detailed
validation locates every problem, so every message stays the converter's own. Refusing is
always safe; accepting what the converter would reject is a bug (the differential tests in
``tests/storage/test_build.py`` look for one).

Each record class's builder is generated from the class's field rules
(:mod:`policytrack.model.rules`), the rules its attrs validators are, the way attrs generates
``__init__`` from a class's fields: nothing here restates a rule. Two things make it fast. A
record is built without running its validators, because the generated code has just made every
check they make, written out inline on plain values; and values that repeat across records
(ids, codes, dates, the texts a rule marks as repeating) are checked once per load and shared,
which also keeps memory down.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from policytrack.model.codebook import Codebook, Dimension, Level
from policytrack.model.dataset import COLLECTIONS, DatasetInfo
from policytrack.model.jurisdictions import known_codes
from policytrack.model.rules import ID_PATTERN, Kind, Rule, relations_of, rules_of

__all__ = ["Builder", "Refused", "codebook", "info"]


class Refused(Exception):  # noqa: N818  (a signal to the loader, never raised to a user)
    """The fast builder does not vouch for a record: structure it through the converter."""


_ID = re.compile(ID_PATTERN).fullmatch


def _refuse() -> Any:
    raise Refused


def _unicode(value: str) -> bool:
    """Whether a string holds no lone surrogate (half a pair, escaped in JSON), as converted."""
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# The generated builders -------------------------------------------------------------------------

# What each kind of rule checks, on a value {x}, written as Python source: an expression true
# when {x} breaks the rule, or one whose value is {x} checked (and shared), raising when {x}
# breaks the rule. The names they use are bound in the generated code's scope.
_BAD: dict[Kind, str] = {
    Kind.ID: "type({x}) is not str or match_id({x}) is None",
    Kind.TEXT: (
        "type({x}) is not str or not {x} or {x}.isspace() or not ({x}.isascii() or unicode({x}))"
    ),
    Kind.STRING: "type({x}) is not str or not ({x}.isascii() or unicode({x}))",
    Kind.NATURAL: "type({x}) is not int or {x} < 0",
    Kind.INT: "type({x}) is not int",
    Kind.PATTERN: (
        "type({x}) is not str or match_{f}({x}) is None or not ({x}.isascii() or unicode({x}))"
    ),
}
_CHECKED: dict[Kind, str] = {
    Kind.CODE: "codes[{x}]",
    Kind.ENUM: "members_{f}[{x}]",
    Kind.NESTED: "build_{f}({x})",
}
# Values shared across the records of a load: a value seen before is taken as it was checked.
# An id or a shared text is never empty, so a miss is the only false lookup.
_SHARED_IN: dict[Kind, str] = {Kind.ID: "ids", Kind.TEXT: "texts", Kind.STRING: "strings"}
_SHARED = "({seen}.get({x}) or (refuse() if {bad} else {seen}.setdefault({x}, {x})))"
_CACHEABLE = frozenset({Kind.ID, Kind.CODE, Kind.TEXT, Kind.STRING, Kind.PATTERN, Kind.ENUM})
"""Kinds whose valid values are strings: equal keys are then equal values of the same type."""


def _checked(rule: Rule) -> str | None:
    """The expression of a value checked by *rule*'s kind, or None when the kind only tests."""
    if rule.kind is Kind.ID or (rule.repeats and rule.kind in _SHARED_IN):
        # The check goes in as it is, its {x} and {f} to be filled in with the others.
        return _SHARED.format(seen=_SHARED_IN[rule.kind], bad=_BAD[rule.kind], x="{x}")
    return _CHECKED.get(rule.kind)


def _check(name: str, rule: Rule, var: str, scope: dict[str, Any]) -> list[str]:
    """Statements that check the value in *var* against *rule* and leave it built in *var*."""
    if rule.kind is Kind.ENUM:
        assert rule.of is not None
        scope[f"members_{name}"] = {member.value: member for member in rule.of}
    elif rule.kind is Kind.PATTERN:
        assert rule.pattern is not None
        scope[f"match_{name}"] = re.compile(rule.pattern).fullmatch
    if rule.test is not None:
        assert not rule.many, "a rule's test takes one value"
        scope[f"test_{name}"] = rule.test
    expression = _checked(rule)
    bad = _BAD.get(rule.kind, "")
    if rule.many:
        lines = [
            f"if type({var}) is not list and type({var}) is not tuple:",
            "    raise Refused",
        ]
        if rule.nonempty:
            lines += [f"if not {var}:", "    raise Refused"]
        if expression is not None:
            lines += [
                f"if len({var}) == 1:",
                f"    {var} = ({expression.format(x=f'{var}[0]', f=name)},)",
                "else:",
                f"    {var} = tuple([{expression.format(x='item', f=name)} for item in {var}])",
            ]
        else:
            lines += [
                f"for item in {var}:",
                f"    if {bad.format(x='item', f=name)}:",
                "        raise Refused",
                f"{var} = tuple({var})",
            ]
        return lines
    if expression is not None:
        lines = [f"{var} = {expression.format(x=var, f=name)}"]
    else:
        lines = [f"if {bad.format(x=var, f=name)}:", "    raise Refused"]
    if rule.test is not None:
        lines.append(f"test_{name}({var})")
    if rule.optional:
        lines = [f"if {var} is not None:", *("    " + line for line in lines)]
    return lines


def _data_default(attribute: attrs.Attribute[Any]) -> Any:
    """A field's default as data: what a file leaves out when the field has it."""
    default = attribute.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        msg = f"{attribute.name}: the fast builder takes plain defaults, not factories"
        raise TypeError(msg)
    return default.value if isinstance(default, enum.Enum) else default


def _nested(cls: type[Any]) -> Iterator[type[Any]]:
    """The record classes *cls*'s fields hold."""
    for rule in rules_of(cls).values():
        if rule.kind is Kind.NESTED:
            assert rule.of is not None
            yield rule.of


def _cached(cls: type[Any]) -> bool:
    """Whether the builder of *cls* shares equal values: a rule says they repeat."""
    return any(
        rule.repeats and rule.of is cls
        for owner in _classes()
        for rule in rules_of(owner).values()
        if rule.kind is Kind.NESTED
    )


def _shareable(cls: type[Any]) -> None:
    """Raise TypeError unless equal data of *cls* always builds equal values of the same types."""
    rules = rules_of(cls).values()
    if not all(r.kind in _CACHEABLE and not r.many for r in rules) or any(
        r.kind is Kind.ENUM and not all(isinstance(m.value, str) for m in r.of or ()) for r in rules
    ):
        msg = f"{cls.__name__}: only records of strings are shared by value"
        raise TypeError(msg)


def _bare(cls: type[Any], required: list[str], scope: dict[str, Any]) -> list[str]:
    """Statements building a record whose data gives its required fields alone, else nothing.

    Most nested records (evidence, measures) leave every optional field out: their defaults
    are then the values, checked once here by their rules and relations instead of once per
    record. A relation over defaults alone is decided here too; no branch is generated when a
    default breaks its rule.
    """
    rules = rules_of(cls)
    given = {name: f"v_{name}" for name in required}
    for field in attrs.fields(cls):
        if field.name not in given:
            try:  # the field's own check, without its relation (checked below, on values)
                attrs.evolve(rules[field.name], relation=None)(None, field, field.default)
            except (TypeError, ValueError):
                return []
            scope[f"bare_{field.name}"] = field.default
    value = {name: given.get(name, f"bare_{name}") for name in rules}
    lines = [f"if len(data) == {len(required)}:"]
    lines += [f"    {given[name]} = data[{name!r}]" for name in required]
    for name in required:
        lines += ["    " + line for line in _check(name, rules[name], given[name], scope)]
    for number, relation in enumerate(relations_of(cls)):
        if not any(name in given for name in relation.fields):
            defaults = [scope[f"bare_{name}"] for name in relation.fields]
            if relation.test(*defaults) is not None:
                return []  # the defaults together break the relation: checked as given
            continue
        related = ", ".join(value[name] for name in relation.fields)
        lines += [f"    if relation_{number}({related}) is not None:", "        raise Refused"]
    lines.append("    self = new(cls)")
    lines += [f"    set_{name}(self, {value[name]})" for name in rules]
    lines.append("    return self")
    return lines


def _source(cls: type[Any], scope: dict[str, Any]) -> str:
    """The source of ``bind(builder)`` for *cls*, binding in *scope* the names it uses."""
    fields = attrs.fields(cls)
    rules = rules_of(cls)
    var = {name: f"v_{name}" for name in rules}
    values = ", ".join(var.values())
    required = [f.name for f in fields if f.default is attrs.NOTHING]
    scope.update(Refused=Refused, refuse=_refuse, match_id=_ID, unicode=_unicode)
    scope.update(new=object.__new__, cls=cls, KEYS=frozenset(rules))
    lines = [
        "def bind(builder):",
        "    ids, texts, strings = builder.ids, builder.texts, builder.strings",
        "    codes = builder.codes",
    ]
    for name, rule in rules.items():
        if rule.kind is Kind.NESTED:
            scope[f"class_{name}"] = rule.of
            lines.append(f"    build_{name} = builder.built[class_{name}]")
    body = ["if type(data) is not dict:", "    raise Refused"]
    # A value shared by value: the same data, the same (frozen) object, checked once a load.
    shared = _cached(cls)
    alone = shared and len(required) == 1  # the common case: only the required field given
    if shared:
        _shareable(cls)
        lines.append("    cache, alone = {}, {}")
    if alone:
        body += ["if len(data) == 1:", f"    hit = alone.get(data[{required[0]!r}])"]
        body += ["    if hit is not None:", "        return hit"]
    if not shared:
        body += _bare(cls, required, scope)
    # The data of the required fields alone cannot hold an unknown key.
    body += [f"if len(data) != {len(required)} and not data.keys() <= KEYS:", "    raise Refused"]
    for field in fields:
        if field.default is attrs.NOTHING:
            body.append(f"{var[field.name]} = data[{field.name!r}]")
        else:
            scope[f"default_{field.name}"] = _data_default(field)
            body.append(f"{var[field.name]} = data.get({field.name!r}, default_{field.name})")
    if shared:
        body += [f"key = ({values},)", "hit = cache.get(key)", "if hit is not None:"]
        body += ["    return hit"]
    for name, rule in rules.items():
        body += _check(name, rule, var[name], scope)
    for number, relation in enumerate(relations_of(cls)):
        scope[f"relation_{number}"] = relation.test
        related = ", ".join(var[name] for name in relation.fields)
        body += [f"if relation_{number}({related}) is not None:", "    raise Refused"]
    body.append("self = new(cls)")
    for name in rules:
        # Each slot's own descriptor sets it: object.__setattr__ would look the name up first.
        scope[f"set_{name}"] = getattr(cls, name).__set__
        body.append(f"set_{name}(self, {var[name]})")
    if shared:
        body.append("cache[key] = self")
    if alone:
        body += ["if len(data) == 1:", f"    alone[{var[required[0]]}] = self"]
    body.append("return self")
    lines.append("    def build(data):")
    lines += ["        " + line for line in body]
    lines.append("    return build")
    return "\n".join(lines)


def _constructor(cls: type[Any]) -> Callable[[Builder], Callable[[Any], Any]]:
    """Generate the builder of *cls* from its field rules: a function binding it to one load.

    The generated function checks every field of a record's data as the field's rule does, then
    sets the fields on a new instance, without running the validators (whose every check it
    has just made), as ``cls(*values)`` would.
    """
    fields = attrs.fields(cls)
    hooks = ("__attrs_pre_init__", "__attrs_post_init__")
    if any(f.converter or f.on_setattr or not f.init for f in fields) or any(
        hasattr(cls, hook) for hook in hooks
    ):
        # attrs would do more than set the fields: the generated code would not be equivalent.
        msg = f"{cls.__name__} needs more than its fields set; the fast builder cannot build it"
        raise TypeError(msg)
    scope: dict[str, Any] = {}
    exec(_source(cls, scope), scope)
    bind: Callable[[Builder], Callable[[Any], Any]] = scope["bind"]
    return bind


def _classes() -> list[type[Any]]:
    """Every record class a dataset holds, each after the classes its fields hold."""
    order: list[type[Any]] = []

    def visit(cls: type[Any]) -> None:
        if cls not in order:
            for inner in _nested(cls):
                visit(inner)
            order.append(cls)

    for cls in COLLECTIONS.values():
        visit(cls)
    return order


_BINDERS: dict[type[Any], Callable[[Builder], Callable[[Any], Any]]] = {
    cls: _constructor(cls) for cls in _classes()
}


class Builder:
    """Structures the records of one load, sharing the values that repeat across them.

    Attributes:
        structurers: For each collection, the function building one record from its data.
        built: For each record class, the function building one from its data.
        ids: The ids checked so far, each kept once.
        texts: The repeating texts checked so far.
        strings: The repeating strings checked so far.
        codes: The ISO 3166 codes a record may name.
    """

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}
        self.codes: dict[str, str] = {code: code for code in known_codes()}
        self.texts: dict[str, str] = {}
        self.strings: dict[str, str] = {}
        self.built: dict[type[Any], Callable[[Any], Any]] = {}
        for cls, bind in _BINDERS.items():
            self.built[cls] = bind(self)
        self.structurers: dict[str, Callable[[Any], Any]] = {
            name: self.built[cls] for name, cls in COLLECTIONS.items()
        }


# The dataset's info and codebooks ---------------------------------------------------------------
# Their values are checked for type here and built through the ordinary constructors, so their
# own validators run as they do on the converter's path.


def _string(value: Any) -> str:
    if type(value) is not str or not _unicode(value):
        raise Refused
    return value


def _optional_string(value: Any) -> str | None:
    return None if value is None else _string(value)


def _number(value: Any) -> float:
    """A float, or an int a float holds exactly (as the converter's float hook)."""
    if type(value) is not int and type(value) is not float:
        raise Refused
    number = float(value)  # an int too large for a float raises: refused
    if number != value:
        raise Refused
    return number


def _boolean(value: Any) -> bool:
    if type(value) is not bool:
        raise Refused
    return value


def _list(value: Any) -> list[Any] | tuple[Any, ...]:
    if type(value) is not list and type(value) is not tuple:
        raise Refused
    return value


def _keys(cls: type[Any]) -> frozenset[str]:
    return frozenset(a.name for a in attrs.fields(cls))


_INFO_KEYS = _keys(DatasetInfo)
_CODEBOOK_KEYS = _keys(Codebook)
_DIMENSION_KEYS = _keys(Dimension)
_LEVEL_KEYS = _keys(Level)


def info(data: Any) -> DatasetInfo:
    """A dataset's :class:`~policytrack.model.dataset.DatasetInfo`, as the converter builds it."""
    if type(data) is not dict or not data.keys() <= _INFO_KEYS:
        raise Refused
    return DatasetInfo(
        _string(data["id"]),
        _string(data["title"]),
        _string(data.get("version", "0")),
        _string(data.get("codebook", "internet-controls")),
        _optional_string(data.get("description")),
        _optional_string(data.get("license")),
        _boolean(data.get("totals", False)),
    )


def codebook(data: Any) -> Codebook:
    """A :class:`~policytrack.model.codebook.Codebook`, as the converter builds it."""
    if type(data) is not dict or not data.keys() <= _CODEBOOK_KEYS:
        raise Refused
    return Codebook(
        _string(data["id"]),
        _string(data["title"]),
        _string(data["version"]),
        _string(data["description"]),
        tuple([_dimension(item) for item in _list(data["dimensions"])]),
    )


def _dimension(data: Any) -> Dimension:
    if type(data) is not dict or not data.keys() <= _DIMENSION_KEYS:
        raise Refused
    flag = data.get("flag", False)
    if type(flag) is not bool:
        raise Refused
    return Dimension(
        _string(data["id"]),
        _string(data["name"]),
        _string(data["description"]),
        tuple([_level(item) for item in _list(data["levels"])]),
        flag,
        _number(data.get("weight", 1.0)),
        _optional_string(data.get("flag_definition")),
    )


def _level(data: Any) -> Level:
    if type(data) is not dict or not data.keys() <= _LEVEL_KEYS:
        raise Refused
    value = data["value"]
    if type(value) is not int:
        raise Refused
    return Level(value, _string(data["label"]), _string(data["definition"]))
