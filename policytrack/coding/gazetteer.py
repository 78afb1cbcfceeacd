"""Names of agencies and platforms to look for in a text: the bundled gazetteer and a dataset's own.

``policytrack.coding.gazetteer`` (``policytrack.gazetteer`` before release 0.2).

A :class:`Gazetteer` is a list of :class:`Entry` values, each an agency or a platform with its
names, kind and jurisdiction. The bundled one (``data/gazetteer.toml``) covers bodies and
services that matter for internet controls worldwide, plus patterns that name the police and
government of every place in policytrack's ISO 3166 table ("Shanghai police", "police in
Sichuan province"). A dataset's own agencies and platforms make another; merge the two with
:meth:`Gazetteer.merged` so that names already in the dataset resolve to its records.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs
from attrs import validators as v

from policytrack.errors import DataError, Problem
from policytrack.model.arguments import checked
from policytrack.model.jurisdictions import common_names
from policytrack.model.records import AgencyKind, PlatformKind
from policytrack.model.rules import ID, OPTIONAL_CODE, OPTIONAL_ID, TEXT, TEXTS
from policytrack.storage.resources import bundled_toml, load_toml
from policytrack.vocab import EntryKind, Origin

__all__ = [
    "EntryKind",
    "Gazetteer",
    "GazetteerEntry",
    "Origin",
    "bundled_gazetteer",
    "load_gazetteer",
]


@attrs.frozen
class GazetteerEntry:
    """One agency or platform and the names it goes by.

    Attributes:
        id: The id a record for it takes.
        name: Its usual English name.
        kind: Agency or platform.
        category: Its :class:`~policytrack.AgencyKind` or :class:`~policytrack.PlatformKind`
            value ("regulator", "microblog").
        jurisdiction: For an agency, the ISO 3166 code of where it operates; for a platform,
            its owner's home country.
        aliases: Other names and abbreviations.
        parent: For an agency, the id of the body it belongs to.
        owner: For a platform, the company that owns it.
        origin: Where the entry comes from.
    """

    id: str = attrs.field(validator=ID)
    name: str = attrs.field(validator=TEXT)
    kind: EntryKind = attrs.field(validator=v.instance_of(EntryKind))
    category: str = attrs.field(validator=v.instance_of(str))
    jurisdiction: str | None = attrs.field(default=None, validator=OPTIONAL_CODE)
    aliases: tuple[str, ...] = attrs.field(default=(), validator=TEXTS)
    parent: str | None = attrs.field(default=None, validator=OPTIONAL_ID)
    owner: str | None = attrs.field(default=None)
    origin: Origin = attrs.field(default=Origin.GAZETTEER, validator=v.instance_of(Origin))

    @category.validator
    def _check_category(self, attribute: attrs.Attribute[str], value: str) -> None:
        allowed = AgencyKind if self.kind is EntryKind.AGENCY else PlatformKind
        if value not in {member.value for member in allowed}:
            names = ", ".join(repr(member.value) for member in allowed)
            msg = f"'category' of {self.kind.value} must be one of {names} (got {value!r})"
            raise ValueError(msg)

    @property
    def names(self) -> tuple[str, ...]:
        """The name, then the aliases."""
        return (self.name, *self.aliases)


@attrs.frozen(repr=False)
class Gazetteer:
    """Agencies and platforms by name, first entry winning where ids or names collide.

    Attributes:
        entries: The entries, in order of precedence.
    """

    entries: tuple[GazetteerEntry, ...] = ()
    _by_id: dict[str, GazetteerEntry] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        by_id: dict[str, GazetteerEntry] = {}
        for entry in self.entries:
            by_id.setdefault(entry.id, entry)
        object.__setattr__(self, "_by_id", by_id)

    def __repr__(self) -> str:
        return f"<Gazetteer: {len(self.entries)} entries>"

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, entry_id: str) -> GazetteerEntry | None:
        """The entry with id *entry_id*, or None."""
        return self._by_id.get(entry_id)

    def ancestors(self, entry_id: str) -> tuple[str, ...]:
        """The ids of the bodies *entry_id* belongs to, nearest first (cycles are cut)."""
        chain: list[str] = []
        entry = self._by_id.get(entry_id)
        while entry is not None and entry.parent and entry.parent not in chain:
            if entry.parent == entry_id:
                break
            chain.append(entry.parent)
            entry = self._by_id.get(entry.parent)
        return tuple(chain)

    def merged(self, other: Gazetteer) -> Gazetteer:
        """This gazetteer's entries, then *other*'s (which lose where ids collide)."""
        return Gazetteer((*self.entries, *other.entries))

    @classmethod
    def from_dataset(cls, dataset: Any, *, exclude_source: str | None = None) -> Gazetteer:
        """The agencies and platforms of *dataset* as entries.

        Args:
            dataset: A :class:`~policytrack.Dataset`.
            exclude_source: Leave out records whose every quote comes from this source (to
                measure extraction on an article as if it had not been coded yet).
        """
        entries: list[GazetteerEntry] = []
        for agency in dataset.agencies:
            if exclude_source and all(e.source == exclude_source for e in agency.evidence):
                continue
            entries.append(
                GazetteerEntry(
                    id=agency.id,
                    name=agency.name,
                    kind=EntryKind.AGENCY,
                    category=agency.kind.value,
                    jurisdiction=agency.jurisdiction,
                    aliases=agency.aliases,
                    parent=agency.parent,
                    origin=Origin.DATASET,
                )
            )
        for platform in dataset.platforms:
            if exclude_source and all(e.source == exclude_source for e in platform.evidence):
                continue
            entries.append(
                GazetteerEntry(
                    id=platform.id,
                    name=platform.name,
                    kind=EntryKind.PLATFORM,
                    category=platform.kind.value,
                    jurisdiction=platform.home_country,
                    aliases=platform.aliases,
                    owner=platform.owner,
                    origin=Origin.DATASET,
                )
            )
        return cls(tuple(entries))


@attrs.frozen
class _AgencyRow:
    id: str
    name: str
    kind: AgencyKind
    jurisdiction: str
    aliases: tuple[str, ...] = ()
    parent: str | None = None


@attrs.frozen
class _PlatformRow:
    id: str
    name: str
    kind: PlatformKind
    home_country: str | None = None
    owner: str | None = None
    aliases: tuple[str, ...] = ()


@attrs.frozen
class _PatternRow:
    id: str
    kind: AgencyKind
    country_kind: AgencyKind
    names: tuple[str, ...]


@attrs.frozen
class _File:
    agencies: tuple[_AgencyRow, ...] = ()
    platforms: tuple[_PlatformRow, ...] = ()
    patterns: tuple[_PatternRow, ...] = ()
    place_names: dict[str, tuple[str, ...]] = attrs.Factory(dict)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _places(overrides: Mapping[str, tuple[str, ...]]) -> list[tuple[str, str, str]]:
    """(code, first name, name) for every name of every place."""
    places: list[tuple[str, str, str]] = []
    for code, full in common_names().items():
        names = overrides.get(code) or (full.partition(" (")[0].strip(),)
        places.extend((code, names[0], name) for name in names)
    # A name that is both a country and a subdivision (Hong Kong) names the country.
    countries = {name for code, _, name in places if "-" not in code}
    return [(c, f, n) for c, f, n in places if "-" not in c or n not in countries]


def _expand(pattern: _PatternRow, overrides: Mapping[str, tuple[str, ...]]) -> list[GazetteerEntry]:
    entries: dict[str, GazetteerEntry] = {}
    for code, first, place in _places(overrides):
        entry_id = pattern.id.replace("{place}", _slug(first))
        kind = pattern.country_kind if "-" not in code else pattern.kind
        names = tuple(name.replace("{place}", place) for name in pattern.names)
        known = entries.get(entry_id)
        if known is not None:  # another name of the same place
            entries[entry_id] = attrs.evolve(known, aliases=(*known.aliases, *names))
            continue
        entries[entry_id] = GazetteerEntry(
            id=entry_id,
            name=names[0],
            kind=EntryKind.AGENCY,
            category=kind.value,
            jurisdiction=code,
            aliases=names[1:],
            origin=Origin.PATTERN,
        )
    return list(entries.values())


def _entries(data: _File) -> tuple[GazetteerEntry, ...]:
    entries: list[GazetteerEntry] = [
        GazetteerEntry(
            id=row.id,
            name=row.name,
            kind=EntryKind.AGENCY,
            category=row.kind.value,
            jurisdiction=row.jurisdiction,
            aliases=row.aliases,
            parent=row.parent,
        )
        for row in data.agencies
    ]
    entries += [
        GazetteerEntry(
            id=row.id,
            name=row.name,
            kind=EntryKind.PLATFORM,
            category=row.kind.value,
            jurisdiction=row.home_country,
            aliases=row.aliases,
            owner=row.owner,
        )
        for row in data.platforms
    ]
    for pattern in data.patterns:
        entries += _expand(pattern, data.place_names)
    return tuple(entries)


def _gazetteer(data: _File, name: str) -> Gazetteer:
    try:
        return Gazetteer(_entries(data))
    except ValueError as exc:
        raise DataError([Problem(name, "", "", str(exc))]) from None


@checked
def load_gazetteer(path: str | Path) -> Gazetteer:
    """A gazetteer from a TOML file laid out like the bundled one.

    Raises:
        DataError: The file is not valid; every problem names its field.
        NotFoundError: There is no such file.
    """
    return _gazetteer(load_toml(path, _File, what="gazetteer"), str(path))


@functools.cache
def bundled_gazetteer() -> Gazetteer:
    """The gazetteer that ships with policytrack (``policytrack/data/gazetteer.toml``)."""
    return _gazetteer(bundled_toml("gazetteer.toml", _File), "gazetteer.toml")
