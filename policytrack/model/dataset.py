"""A dataset: frozen collections of records with indexes for lookups.

``policytrack.model.dataset`` (``policytrack.dataset`` before release 0.2).

A :class:`Dataset` is a value: build a changed one with :meth:`Dataset.with_records` or
:func:`attrs.evolve`. Its indexes are built once, on construction; integrity (references,
date orders, levels) is checked by :func:`policytrack.check`, which the loader runs.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final

import attrs

from policytrack.errors import NotFoundError
from policytrack.model.edges import Edges
from policytrack.model.jurisdictions import within
from policytrack.model.records import Agency, Claim, Link, Outcome, Platform, Policy, Record, Source

__all__ = ["COLLECTIONS", "Dataset", "DatasetInfo"]

COLLECTIONS: Final[Mapping[str, type[Any]]] = {
    "sources": Source,
    "agencies": Agency,
    "platforms": Platform,
    "policies": Policy,
    "links": Link,
    "outcomes": Outcome,
    "claims": Claim,
}
"""Each collection's name (also its directory in the curated format) and record type."""


@attrs.frozen
class DatasetInfo:
    """What a dataset is, for citing it and for loading it with the right codebook.

    Attributes:
        id: Short identifier.
        title: Human title.
        version: Version string.
        codebook: The codebook measures are scored on: a bundled codebook's id (which names its
            first version), its id and version (``internet-controls@2.0``), or a path to a TOML
            file relative to the dataset.
        description: What the dataset covers.
        license: SPDX licence identifier of the dataset.
        totals: Whether each jurisdiction's policies are the total in force there, whoever
            set them (OxCGRT's ``NAT_TOTAL`` and ``STATE_TOTAL`` series, as imported): a
            jurisdiction's timeline then counts its own policies only, neither its country's
            nor its subdivisions'. False for coded datasets, where a country's policies count
            in its subdivisions and theirs count in it (as targeted).
    """

    id: str
    title: str
    version: str = "0"
    codebook: str = "internet-controls"
    description: str | None = None
    license: str | None = None
    totals: bool = False


def _index(records: Iterable[Any], key: str) -> dict[str, tuple[str, ...]]:
    index: defaultdict[str, list[str]] = defaultdict(list)
    for record in records:
        for value in getattr(record, key):
            index[value].append(record.id)
    return {k: tuple(v) for k, v in index.items()}


@attrs.frozen(repr=False)
class Dataset(Edges):
    """Every record of a dataset, in file order, with lookups by id and by reference.

    Attributes:
        info: What the dataset is.
        sources, agencies, platforms, policies, links, outcomes, claims: The records.
    """

    info: DatasetInfo
    sources: tuple[Source, ...] = ()
    agencies: tuple[Agency, ...] = ()
    platforms: tuple[Platform, ...] = ()
    policies: tuple[Policy, ...] = ()
    links: tuple[Link, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    claims: tuple[Claim, ...] = ()
    _by_id: dict[str, Record] = attrs.field(init=False, repr=False, eq=False)
    _by_issuer: dict[str, tuple[str, ...]] = attrs.field(init=False, repr=False, eq=False)
    _by_enforcer: dict[str, tuple[str, ...]] = attrs.field(init=False, repr=False, eq=False)
    _by_platform: dict[str, tuple[str, ...]] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        records = list(self.records())
        by_id: dict[str, Record] = dict(zip([r.id for r in records], records, strict=True))
        if len(by_id) != len(records):
            # A repeated id (check() reports it): the first record with it is the one found.
            by_id = {}
            for record in records:
                by_id.setdefault(record.id, record)
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_by_issuer", _index(self.policies, "issuers"))
        object.__setattr__(self, "_by_enforcer", _index(self.policies, "enforcers"))
        object.__setattr__(self, "_by_platform", _index(self.policies, "platforms"))

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(getattr(self, n))} {n}" for n in COLLECTIONS)
        return f"<Dataset {self.info.id!r} v{self.info.version}: {counts}>"

    def records(self) -> Iterator[Record]:
        """Every record, collection by collection in :data:`COLLECTIONS` order."""
        for name in COLLECTIONS:
            yield from getattr(self, name)

    def __len__(self) -> int:
        return sum(len(getattr(self, name)) for name in COLLECTIONS)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._by_id

    def get(self, record_id: str) -> Record:
        """The record with id *record_id*, whatever its collection.

        Raises:
            NotFoundError: No record has that id; the message suggests the closest ids.
        """
        try:
            return self._by_id[record_id]
        except KeyError:
            pass
        close = difflib.get_close_matches(record_id, list(self._by_id), n=3, cutoff=0.5)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        msg = f"no record with id {record_id!r}{hint}"
        raise NotFoundError(msg) from None

    def policy(self, policy_id: str) -> Policy:
        """The policy with id *policy_id*.

        Raises:
            NotFoundError: No policy has that id.
        """
        record = self.get(policy_id)
        if not isinstance(record, Policy):
            msg = f"{policy_id!r} is a {type(record).__name__.lower()}, not a policy"
            raise NotFoundError(msg)
        return record

    def policies_issued_by(self, agency_id: str) -> tuple[Policy, ...]:
        """Policies *agency_id* issued."""
        return self._policies(self._by_issuer.get(agency_id, ()))

    def policies_enforced_by(self, agency_id: str) -> tuple[Policy, ...]:
        """Policies *agency_id* enforces."""
        return self._policies(self._by_enforcer.get(agency_id, ()))

    def policies_targeting(self, platform_id: str) -> tuple[Policy, ...]:
        """Policies that name *platform_id* among their targets."""
        return self._policies(self._by_platform.get(platform_id, ()))

    def policies_in(self, jurisdiction: str, *, subdivisions: bool = True) -> tuple[Policy, ...]:
        """Policies of *jurisdiction*, and of its subdivisions unless *subdivisions* is false."""
        if subdivisions:
            return tuple(p for p in self.policies if within(p.jurisdiction, jurisdiction))
        return tuple(p for p in self.policies if p.jurisdiction == jurisdiction)

    def policies_on(self, dimension: str) -> tuple[Policy, ...]:
        """Policies with a measure on *dimension*."""
        return tuple(p for p in self.policies if any(m.dimension == dimension for m in p.measures))

    def outcomes_of(self, record_id: str) -> tuple[Outcome, ...]:
        """Outcomes that name *record_id* as an agency, platform or policy involved."""
        return tuple(
            o
            for o in self.outcomes
            if record_id in o.agencies or record_id in o.platforms or record_id in o.policies
        )

    def links_of(self, policy_id: str) -> tuple[Link, ...]:
        """Links from or to *policy_id*."""
        return tuple(k for k in self.links if policy_id in (k.from_policy, k.to_policy))

    def _policies(self, ids: Iterable[str]) -> tuple[Policy, ...]:
        return tuple(self.policy(i) for i in ids)

    def with_records(self, *records: Record) -> Dataset:
        """A dataset with *records* added, each to its collection.

        A record replaces the record with the same id in that collection.
        """
        collections: dict[str, list[Any]] = {n: list(getattr(self, n)) for n in COLLECTIONS}
        for record in records:
            name = collection_of(record)
            items = collections[name]
            for i, existing in enumerate(items):
                if existing.id == record.id:
                    items[i] = record
                    break
            else:
                items.append(record)
        changes: dict[str, Any] = {n: tuple(v) for n, v in collections.items()}
        return attrs.evolve(self, **changes)

    def without(self, *record_ids: str) -> Dataset:
        """A dataset with the records called *record_ids* removed.

        References are not touched: :func:`policytrack.check` reports any left dangling.
        """
        drop = set(record_ids)
        changes: dict[str, Any] = {
            n: tuple(r for r in getattr(self, n) if r.id not in drop) for n in COLLECTIONS
        }
        return attrs.evolve(self, **changes)


def collection_of(record: Record) -> str:
    """The collection a record belongs in (``"policies"`` for a :class:`Policy`)."""
    for name, kind in COLLECTIONS.items():
        if type(record) is kind:
            return name
    msg = f"not a policytrack record: {type(record).__name__}"
    raise TypeError(msg)
