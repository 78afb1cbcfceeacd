"""The fast builder's constructors, generated as Python source from the field rules.

Each record class's constructor is generated from the class's field rules
(:mod:`policytrack.model.rules`), the rules its attrs validators are, the way attrs generates
``__init__`` from a class's fields: nothing here restates a rule. The generated source of every
record class a dataset holds is committed as :mod:`policytrack.storage.builders`, so that no
program compiles it when it starts; ``tests/storage/test_buildgen.py`` generates it again and
compares it byte for byte (``POLICYTRACK_REGENERATE=1`` rewrites it). :func:`constructor`
generates and runs the same source for any record class, for the tests of the rules.

Two things make a constructor fast. A record is built without running its validators, because
the generated code has just made every check they make, written out inline on plain values;
and values that repeat across records (ids, codes, dates, the texts a rule marks as
repeating) are checked once per load and shared, which also keeps memory down.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from policytrack.model.dataset import COLLECTIONS
from policytrack.model.rules import Kind, Rule, relations_of, rules_of
from policytrack.storage import buildbase
from policytrack.storage.buildbase import Binder, data_default

__all__ = ["classes", "constructor", "module_source", "source"]

# What each kind of rule checks, on a value {x}, written as Python source: an expression true
# when {x} breaks the rule, or one whose value is {x} checked (and shared), raising when {x}
# breaks the rule. The names they use are bound in the generated module or the class's binder.
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

_HEADER = '''\
# Generated from the field rules (policytrack.model.rules) by policytrack.storage.buildgen;
# do not edit. Regenerate: POLICYTRACK_REGENERATE=1 pytest tests/storage/test_buildgen.py
"""The fast builder's constructors, one per record class, generated from the field rules.

Each ``_name()`` reads the values its checks use from the class's rules and fields and returns
the class's binder: a function that binds the constructor to one load's ``Builder``. See
:mod:`policytrack.storage.buildgen`, which writes this module.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

{imports}
from policytrack.model.rules import relations_of, rules_of
from policytrack.storage.buildbase import (
    Binder,
    Refused,
    data_default,
    is_unicode as unicode,
    match_id,
    matcher,
    members,
    refuse,
    setter,
    test_of,
)

new = object.__new__
'''


def _checked(rule: Rule) -> str | None:
    """The expression of a value checked by *rule*'s kind, or None when the kind only tests."""
    if rule.kind is Kind.ID or (rule.repeats and rule.kind in _SHARED_IN):
        # The check goes in as it is, its {x} and {f} to be filled in with the others.
        return _SHARED.format(seen=_SHARED_IN[rule.kind], bad=_BAD[rule.kind], x="{x}")
    return _CHECKED.get(rule.kind)


def _check(name: str, rule: Rule, var: str, scope: dict[str, str]) -> list[str]:
    """Statements that check the value in *var* against *rule* and leave it built in *var*.

    *scope* gets the binder's names they use, each with the expression of its value.
    """
    if rule.kind is Kind.ENUM:
        scope[f"members_{name}"] = f"members(rules[{name!r}])"
    elif rule.kind is Kind.PATTERN:
        scope[f"match_{name}"] = f"matcher(rules[{name!r}])"
    if rule.test is not None:
        assert not rule.many, "a rule's test takes one value"
        scope[f"test_{name}"] = f"test_of(rules[{name!r}])"
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
        for owner in classes()
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


def _bare(cls: type[Any], required: list[str], scope: dict[str, str]) -> list[str]:
    """Statements building a record whose data gives its required fields alone, else nothing.

    Most nested records (evidence, measures) leave every optional field out: their defaults
    are then the values, checked once here by their rules and relations instead of once per
    record. A relation over defaults alone is decided here too; no branch is generated when a
    default breaks its rule.
    """
    rules = rules_of(cls)
    fields = attrs.fields_dict(cls)
    given = {name: f"v_{name}" for name in required}
    for field in fields.values():
        if field.name not in given:
            try:  # the field's own check, without its relation (checked below, on values)
                attrs.evolve(rules[field.name], relation=None)(None, field, field.default)
            except (TypeError, ValueError):
                return []
            scope[f"bare_{field.name}"] = f"fields[{field.name!r}].default"
    value = {name: given.get(name, f"bare_{name}") for name in rules}
    lines = [f"if len(data) == {len(required)}:"]
    lines += [f"    {given[name]} = data[{name!r}]" for name in required]
    for name in required:
        lines += ["    " + line for line in _check(name, rules[name], given[name], scope)]
    for number, relation in enumerate(relations_of(cls)):
        if not any(name in given for name in relation.fields):
            defaults = [fields[name].default for name in relation.fields]
            if relation.test(*defaults) is not None:
                return []  # the defaults together break the relation: checked as given
            continue
        related = ", ".join(value[name] for name in relation.fields)
        lines += [f"    if relation_{number}({related}) is not None:", "        raise Refused"]
    lines.append("    self = new(cls)")
    lines += [f"    set_{name}(self, {value[name]})" for name in rules]
    lines.append("    return self")
    return lines


def _binder_name(cls: type[Any]) -> str:
    """The name of *cls*'s binder here (``UncertainDate``: ``_uncertain_date``)."""
    return "_" + re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()


def source(cls: type[Any]) -> str:
    """The source of the function returning *cls*'s binder, named as :func:`_binder_name` says.

    The generated constructor checks every field of a record's data as the field's rule does,
    then sets the fields on a new instance, without running the validators (whose every check
    it has just made), as ``cls(*values)`` would.

    Raises:
        TypeError: attrs would do more than set the fields of *cls*, or a value it shares by
            value could be built unequal from equal data.
    """
    fields = attrs.fields(cls)
    hooks = ("__attrs_pre_init__", "__attrs_post_init__")
    if any(f.converter or f.on_setattr or not f.init for f in fields) or any(
        hasattr(cls, hook) for hook in hooks
    ):
        # attrs would do more than set the fields: the generated code would not be equivalent.
        msg = f"{cls.__name__} needs more than its fields set; the fast builder cannot build it"
        raise TypeError(msg)
    rules = rules_of(cls)
    var = {name: f"v_{name}" for name in rules}
    values = ", ".join(var.values())
    required = [f.name for f in fields if f.default is attrs.NOTHING]
    scope: dict[str, str] = {}
    lines = [
        "    def bind(builder: Any) -> Callable[[Any], Any]:",
        "        ids, texts, strings = builder.ids, builder.texts, builder.strings",
        "        codes = builder.codes",
    ]
    for name, rule in rules.items():
        if rule.kind is Kind.NESTED:
            scope[f"class_{name}"] = f"rules[{name!r}].of"
            lines.append(f"        build_{name} = builder.built[class_{name}]")
    body = ["if type(data) is not dict:", "    raise Refused"]
    # A value shared by value: the same data, the same (frozen) object, checked once a load.
    shared = _cached(cls)
    alone = shared and len(required) == 1  # the common case: only the required field given
    if shared:
        _shareable(cls)
        lines += ["        cache: dict[Any, Any] = {}", "        alone: dict[Any, Any] = {}"]
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
            data_default(field)  # a factory is refused here, not when the module is imported
            scope[f"default_{field.name}"] = f"data_default(fields[{field.name!r}])"
            body.append(f"{var[field.name]} = data.get({field.name!r}, default_{field.name})")
    if shared:
        body += [f"key = ({values},)", "hit = cache.get(key)", "if hit is not None:"]
        body += ["    return hit"]
    for name, rule in rules.items():
        body += _check(name, rule, var[name], scope)
    for number, relation in enumerate(relations_of(cls)):
        scope[f"relation_{number}"] = f"relations[{number}].test"
        related = ", ".join(var[name] for name in relation.fields)
        body += [f"if relation_{number}({related}) is not None:", "    raise Refused"]
    body.append("self = new(cls)")
    for name in rules:
        scope[f"set_{name}"] = f"setter(cls, {name!r})"
        body.append(f"set_{name}(self, {var[name]})")
    if shared:
        body.append("cache[key] = self")
    if alone:
        body += ["if len(data) == 1:", f"    alone[{var[required[0]]}] = self"]
    body.append("return self")
    lines += ["", "        def build(data: Any) -> Any:"]
    lines += ["            " + line for line in body]
    lines.append("        return build")
    head = [
        f"def {_binder_name(cls)}() -> Binder:",
        f"    cls = {cls.__name__}",
        "    rules = rules_of(cls)",
        "    relations = relations_of(cls)",
        "    fields = attrs.fields_dict(cls)",
        "    KEYS = frozenset(rules)",
        *(f"    {name} = {expression}" for name, expression in scope.items()),
        "",
    ]
    return "\n".join([*head, *lines, "    return bind", ""])


def classes() -> list[type[Any]]:
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


def _header(imported: list[type[Any]]) -> str:
    """The generated module's docstring and imports, the record classes from their modules."""
    by_module: dict[str, list[str]] = {}
    for cls in imported:
        by_module.setdefault(cls.__module__, []).append(cls.__name__)
    imports = []
    for module, names in sorted(by_module.items()):
        if len(names) == 1:
            imports.append(f"from {module} import {names[0]}")
        else:
            listed = "".join(f"    {name},\n" for name in sorted(names))
            imports.append(f"from {module} import (\n{listed})")
    return _HEADER.format(imports="\n".join(imports))


def module_source() -> str:
    """The source of :mod:`policytrack.storage.builders`: every record class's binder.

    ``BINDERS`` lists them in :func:`classes`'s order, each after the classes its fields hold,
    which a ``Builder`` binds first.
    """
    order = classes()
    parts = [_header(order), *("\n" + source(cls) for cls in order)]
    entries = "".join(f"    {cls.__name__}: {_binder_name(cls)}(),\n" for cls in order)
    parts.append(f"\nBINDERS: dict[type[Any], Binder] = {{\n{entries}}}\n")
    return "\n".join(parts)


def constructor(cls: type[Any]) -> Binder:
    """Generate and run the binder of *cls*, which need not be a dataset's record class.

    The tests of the rules build classes of their own with it; a dataset's record classes
    are built by the committed :mod:`policytrack.storage.builders`.
    """
    scope: dict[str, Any] = {
        name: getattr(buildbase, name) for name in buildbase.__all__ if name != "is_unicode"
    }
    scope.update(
        unicode=buildbase.is_unicode,
        new=object.__new__,
        attrs=attrs,
        rules_of=rules_of,
        relations_of=relations_of,
        Any=Any,
        Callable=Callable,
    )
    scope[cls.__name__] = cls
    exec(source(cls), scope)
    bind: Binder = scope[_binder_name(cls)]()
    return bind
