"""A dataset read back from the compiled cache: its columns at once, its records when asked for.

``policytrack.model.compiled``: a :class:`CompiledDataset` is a
:class:`~policytrack.model.dataset.Dataset` whose collections are built on first use. Its
:class:`~policytrack.model.columns.Columns` are there from the start, so the timeline, the
index and coverage answer without a single record; ``dataset.policies`` builds the policies
the first time it is read, and :meth:`CompiledDataset.get` builds only the one record asked
for. Once built, a collection is an ordinary tuple of the same records a load gives, and a
compiled dataset equals the dataset it was compiled from.

Where the records come from is the caller's business (the cache in
:mod:`policytrack.storage.cache`): it passes two functions, one for a whole collection and one
for a single record.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

from policytrack.model.columns import Columns
from policytrack.model.dataset import COLLECTIONS, Dataset, DatasetInfo
from policytrack.model.records import Record

__all__ = ["CompiledDataset"]

Fetch = Callable[[str], tuple[Any, ...]]
"""Builds every record of a collection, by its name."""
FetchOne = Callable[[str, int], Record]
"""Builds one record: a collection's name and the record's position in it."""

_INDEXES = ("_by_id", "_by_issuer", "_by_enforcer", "_by_platform")


class CompiledDataset(Dataset):
    """A dataset whose columns are read and whose records are built when first used.

    Make one with :meth:`compiled`; anything else (``attrs.evolve``, :meth:`with_records`)
    makes one whose records are all there.
    """

    __slots__ = ("_compiled", "_fetch", "_fetch_one", "_lock")
    _compiled: Columns
    _fetch: Fetch
    _fetch_one: FetchOne
    _lock: threading.Lock

    @classmethod
    def compiled(
        cls, info: DatasetInfo, columns: Columns, fetch: Fetch, fetch_one: FetchOne
    ) -> CompiledDataset:
        """A dataset of *info* and *columns*, building records with *fetch* and *fetch_one*."""
        self = object.__new__(cls)
        object.__setattr__(self, "info", info)
        object.__setattr__(self, "_compiled", columns)
        object.__setattr__(self, "_fetch", fetch)
        object.__setattr__(self, "_fetch_one", fetch_one)
        object.__setattr__(self, "_lock", threading.Lock())
        return self

    def compiled_columns(self) -> Columns | None:
        """The columns read with the dataset, or None for one made from records."""
        return getattr(self, "_compiled", None)

    def _ids(self) -> dict[str, list[str]] | None:
        columns = self.compiled_columns()
        return None if columns is None else columns.ids

    def _built(self, name: str) -> bool:
        try:
            _SLOTS[name].__get__(self, Dataset)
        except AttributeError:
            return False
        return True

    def get(self, record_id: str) -> Record:
        """The record with id *record_id*, built alone when no other is built yet.

        Raises:
            NotFoundError: No record has that id; the message suggests the closest ids.
        """
        ids = self._ids()
        if ids is not None and not self._built("_by_id"):
            for name, names in ids.items():
                if self._built(name):
                    continue
                # Ids are unique in a checked dataset: the first is the one.
                try:
                    at = names.index(record_id)
                except ValueError:
                    continue
                return self._fetch_one(name, at)
        return super().get(record_id)

    def placed(self, name: str, keep: Callable[[str], bool]) -> tuple[Record, ...] | None:
        """The records of collection *name* whose place passes *keep*, built alone.

        A policy's place is its jurisdiction, an outcome's its place (an outcome without one
        is left out). None when the columns cannot say: another collection, a dataset made
        from records, or a collection built already (filter that instead).
        """
        columns = self.compiled_columns()
        if columns is None or self._built(name):
            return None
        places: dict[str, Sequence[str | None]] = {
            "policies": columns.policy_jurisdiction,
            "outcomes": columns.outcome_place,
        }
        if name not in places:
            return None
        return tuple(
            self._fetch_one(name, at)
            for at, place in enumerate(places[name])
            if place is not None and keep(place)
        )

    def __contains__(self, record_id: object) -> bool:
        ids = self._ids()
        if ids is None:
            return super().__contains__(record_id)
        return any(record_id in names for names in ids.values())

    def __len__(self) -> int:
        ids = self._ids()
        if ids is None:
            return super().__len__()
        return sum(len(names) for names in ids.values())

    def __repr__(self) -> str:
        ids = self._ids()
        if ids is None:
            return super().__repr__()
        counts = ", ".join(f"{len(ids[n])} {n}" for n in COLLECTIONS)
        return f"<Dataset {self.info.id!r} v{self.info.version}: {counts}>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Dataset):
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in ("info", *COLLECTIONS))

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    __hash__ = Dataset.__hash__


_SLOTS: dict[str, Any] = {name: Dataset.__dict__[name] for name in (*COLLECTIONS, *_INDEXES)}
"""Dataset's own slot for each collection and index: where a built value is kept."""


def _lazy(
    name: str, build: Callable[[CompiledDataset, Any], Any], doc: str | None = None
) -> property:
    """Dataset's slot *name*, filled by *build* (given the dataset and the slot) when empty."""
    slot = _SLOTS[name]

    def read(self: CompiledDataset) -> Any:
        try:
            return slot.__get__(self, Dataset)
        except AttributeError:
            return build(self, slot)

    def write(self: CompiledDataset, value: Any) -> None:
        slot.__set__(self, value)

    return property(read, write, doc=doc)


def _fetched(name: str) -> Callable[[CompiledDataset, Any], Any]:
    def fetch(self: CompiledDataset, slot: Any) -> Any:
        with self._lock:  # two threads asking at once build it once
            try:
                return slot.__get__(self, Dataset)
            except AttributeError:
                records = self._fetch(name)
                slot.__set__(self, records)
                return records

    return fetch


def _indexed(self: CompiledDataset, slot: Any) -> Any:
    # The lookups need every record: the dataset's own code builds them.
    Dataset.__attrs_post_init__(self)
    return slot.__get__(self, Dataset)


for _name in COLLECTIONS:
    setattr(
        CompiledDataset, _name, _lazy(_name, _fetched(_name), f"The {_name}, built on first use.")
    )
for _name in _INDEXES:
    setattr(CompiledDataset, _name, _lazy(_name, _indexed))
