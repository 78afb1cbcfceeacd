"""The fast builder: records structured from parsed data without the converter.

A :class:`Builder` returns exactly the record the converter
(:mod:`policytrack.storage.converter`) would build from the same data, or raises an exception
(:class:`Refused`, or whatever a lookup in a table of valid values raises) on anything it does
not vouch for: a missing or unknown key, a value of the wrong type, a value a validator would
reject. The loader then structures that record through the converter, whose detailed
validation locates every problem, so every message stays the converter's own. Refusing is
always safe; accepting what the converter would reject is a bug (the differential tests in
``tests/storage/test_build.py`` look for one).

Each record class's constructor is generated from the class's field rules
(:mod:`policytrack.model.rules`) by :mod:`policytrack.storage.buildgen`, the way attrs
generates ``__init__`` from a class's fields: nothing here restates a rule. The generated
source is committed (:mod:`policytrack.storage.builders`), so that no program compiles it when
it starts; a test generates it again and compares.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs

from policytrack.model.codebook import Codebook, Dimension, Level
from policytrack.model.dataset import COLLECTIONS, DatasetInfo
from policytrack.model.jurisdictions import codes
from policytrack.storage.buildbase import Refused, is_unicode
from policytrack.storage.builders import BINDERS

__all__ = ["Builder", "Refused", "codebook", "info"]


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
        self.codes: Mapping[str, str] = codes()
        self.texts: dict[str, str] = {}
        self.strings: dict[str, str] = {}
        self.built: dict[type[Any], Callable[[Any], Any]] = {}
        for cls, bind in BINDERS.items():
            self.built[cls] = bind(self)
        self.structurers: dict[str, Callable[[Any], Any]] = {
            name: self.built[cls] for name, cls in COLLECTIONS.items()
        }


# The dataset's info and codebooks ---------------------------------------------------------------
# Their values are checked for type here and built through the ordinary constructors, so their
# own validators run as they do on the converter's path.


def _string(value: Any) -> str:
    if type(value) is not str or not is_unicode(value):
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
