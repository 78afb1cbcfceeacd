"""A dataset's facts as flat columns: what timelines, the index and coverage read.

``policytrack.model.columns`` holds the narrow form of a dataset the analyses of time need:
which policy applies where, from when to when, with which measures at which levels, and which
sources quote each dated record. Every column is a plain list of strings, numbers or tuples of
strings, so the whole is cheap to build from records (:func:`columns_of`, a group of columns
at a time, when one of them is first read: a timeline reads no outcome), cheap to write and
read back (:meth:`Columns.plain`, :meth:`Columns.from_plain`; the compiled cache keeps it in
:mod:`marshal` form) and needs no record object at all.

Dates are kept in one table (:class:`Dates`): a column holds a date's position in it, or
:data:`NO_DATE`. The table keeps each date's first and last day as day ordinals, so placing a
policy in time parses no notation; the :class:`~policytrack.model.dates.UncertainDate` itself
is made only when a result shows it. Columns made from records hold each date object once (a
loaded dataset shares one object among equal dates); their plain form, each distinct date once.

Enumerations are kept as their values (``"proposed"``, ``"targeted"``).
"""

from __future__ import annotations

import itertools
import operator
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from policytrack.model.dates import Basis, UncertainDate, parse_notation

if TYPE_CHECKING:
    from policytrack.model.dataset import Dataset

__all__ = ["FORMAT", "NO_DATE", "Columns", "Dates", "Ragged", "columns_of"]

NO_DATE = -1
"""A date column's value for no date."""

FORMAT = 3
"""The version of the plain form: a change to the columns changes it."""


class Dates:
    """The dates of a dataset, each with its bounds as day ordinals.

    A table read back from its plain form holds each distinct date once; one made from records
    (:func:`columns_of`) holds each date object once, and its notations, bases and reasons are
    read from the objects when first asked for (the plain form holds each distinct date once).

    Attributes:
        lo: Each date's first day, as a day ordinal.
        hi: Each date's last day, as a day ordinal.
    """

    __slots__ = ("_described", "_lock", "_made", "hi", "lo")

    def __init__(
        self,
        edtf: list[str],
        basis: list[str],
        reason: list[str | None],
        lo: list[int],
        hi: list[int],
        made: list[UncertainDate | None] | None = None,
    ) -> None:
        self.lo, self.hi = lo, hi
        self._described = (edtf, basis, reason)
        self._made: list[UncertainDate | None] = made if made is not None else [None] * len(edtf)
        self._lock = threading.Lock()

    @classmethod
    def growing(cls) -> Dates:
        """An empty table, to which :meth:`add` adds date objects."""
        return cls([], [], [], [], [], [])

    def add(self, dates: list[Any], lo: list[int], hi: list[int]) -> None:
        """Add *dates* (objects with ``edtf``, ``basis`` and ``reason``), first and last days."""
        self.lo.extend(lo)
        self.hi.extend(hi)
        self._made.extend(dates)

    @property
    def edtf(self) -> list[str]:
        """Each date's EDTF notation."""
        return self._describe()[0]

    @property
    def basis(self) -> list[str]:
        """Each date's basis (its value)."""
        return self._describe()[1]

    @property
    def reason(self) -> list[str | None]:
        """Each date's reason, or None."""
        return self._describe()[2]

    def _describe(self) -> tuple[list[str], list[str], list[str | None]]:
        edtf, basis, reason = self._described
        if len(edtf) < len(self._made):
            with self._lock:  # two readers must not both add the same dates
                added = self._made[len(edtf) :]
                edtf.extend(map(_EDTF, added))
                basis.extend(_values(list(map(_BASIS, added))))
                reason.extend(map(_REASON, added))
        return self._described

    def date(self, at: int) -> UncertainDate | None:
        """The date at position *at* (None for :data:`NO_DATE`), made once."""
        if at < 0:
            return None
        made = self._made[at]
        if made is None:
            edtf, basis, reason = self._described
            made = self._made[at] = _unchecked(edtf[at], basis[at], reason[at])
        return made


_BASES = {b.value: b for b in Basis}


def _unchecked(edtf: str, basis: str, reason: str | None) -> UncertainDate:
    """A date from values that were checked when they were first read (never from a user)."""
    date = object.__new__(UncertainDate)
    object.__setattr__(date, "edtf", edtf)
    object.__setattr__(date, "basis", _BASES[basis])
    object.__setattr__(date, "reason", reason)
    return date


class Ragged:
    """Rows of strings of any length, kept as one flat list and where each row starts.

    One list of strings instead of a tuple a row: reading it back makes two lists, not a
    container for every record for the cyclic GC to scan.

    Attributes:
        values: Every row's strings, row after row.
        starts: Where each row starts in *values*, and one more entry: where the last ends.
    """

    __slots__ = ("starts", "values")

    def __init__(self, values: list[str], starts: list[int]) -> None:
        self.values, self.starts = values, starts

    @classmethod
    def of(cls, rows: Iterable[Iterable[str]]) -> Ragged:
        """The rows *rows*, in order."""
        values: list[str] = []
        starts = [0]
        for row in rows:
            values.extend(row)
            starts.append(len(values))
        return cls(values, starts)

    def __getitem__(self, row: int) -> list[str]:
        return self.values[self.starts[row] : self.starts[row + 1]]

    def __len__(self) -> int:
        return len(self.starts) - 1

    def __iter__(self) -> Iterator[list[str]]:
        values, starts = self.values, self.starts
        for row in range(len(starts) - 1):
            yield values[starts[row] : starts[row + 1]]


def _evidence_sources(records: Sequence[Any]) -> Ragged:
    """The sources each of *records* quotes, as rows (one flat pass, no list per record)."""
    evidence = list(map(_EVIDENCE, records))
    values = list(map(_SOURCE, itertools.chain.from_iterable(evidence)))
    return Ragged(values, list(itertools.accumulate(map(len, evidence), initial=0)))


_GROUPS: dict[str, tuple[str, ...]] = {
    "ids": ("ids",),
    "sources": ("source_reliability", "source_published", "source_covers"),
    "policies": (
        "policy_jurisdiction",
        "policy_status",
        "policy_announced",
        "policy_effective",
        "policy_ended",
        "policy_measures",
    ),
    "policy_evidence": ("policy_evidence",),
    "measures": (
        "measure_dimension",
        "measure_level",
        "measure_scope",
        "measure_effective",
        "measure_ended",
        "measure_group",
    ),
    "measure_evidence": ("measure_evidence",),
    "links": ("link_kind", "link_from", "link_to"),
    "outcomes": ("outcome_place", "outcome_period"),
    "outcome_evidence": ("outcome_evidence",),
    "claims": ("claim_policies", "claim_date", "claim_evidence"),
}
"""The columns made together from records, each group when one of its columns is first read.

A timeline reads the policies, measures and links, not the sources each record quotes nor the
outcomes and claims: it does not pay for them.
"""

_GROUP_OF = {name: group for group, names in _GROUPS.items() for name in names}
# "dates" is no group's: it is the one table every group's dates go into as each is made.
_NAMES = ("ids", "dates", *(name for names in _GROUPS.values() for name in names if name != "ids"))
"""Every column, in the order of the plain form."""
_DATE_COLUMNS = (
    "source_published",
    "source_covers",
    "policy_announced",
    "policy_effective",
    "policy_ended",
    "measure_effective",
    "measure_ended",
    "outcome_period",
    "claim_date",
)
"""The columns that hold positions in the date table."""
_RAGGED = frozenset(
    {"policy_evidence", "measure_evidence", "outcome_evidence", "claim_policies", "claim_evidence"}
)


class Columns:
    """A dataset's facts as flat columns, one entry per record (or measure) in dataset order.

    Columns made from records (:func:`columns_of`) are made a group at a time (a collection's
    fields, or the sources its records quote), when one of the group's columns is first read;
    columns read back from their plain form are all there. Either way they do not change.

    Attributes:
        ids: Each collection's record ids, by collection name.
        dates: The dates the date columns point into.
        source_reliability: Each source's reliability.
        source_published: Each source's publication date.
        source_covers: Each source's declared period.
        policy_jurisdiction: Each policy's jurisdiction.
        policy_status: Each policy's status.
        policy_announced: Each policy's announcement date.
        policy_effective: Each policy's effective date.
        policy_ended: Each policy's end date.
        policy_evidence: The sources each policy's own evidence quotes, in order.
        policy_measures: Where each policy's measures start in the measure columns; one more
            entry than policies, so policy *i*'s are ``policy_measures[i]:policy_measures[i+1]``.
        measure_dimension: Each measure's dimension.
        measure_level: Each measure's level.
        measure_scope: Each measure's scope.
        measure_effective: Each measure's own effective date.
        measure_ended: Each measure's own end date.
        measure_group: Each measure's population group, or None.
        measure_evidence: The sources each measure's evidence quotes, in order.
        link_kind: Each link's kind.
        link_from: Each link's ``from_policy``.
        link_to: Each link's ``to_policy``.
        outcome_place: Each outcome's place, or None.
        outcome_period: Each outcome's period.
        outcome_evidence: The sources each outcome's evidence quotes.
        claim_policies: The policies each claim is about.
        claim_date: Each claim's date.
        claim_evidence: The sources each claim's evidence quotes.
    """

    __slots__ = (*_NAMES, "_lock", "_maker")

    ids: dict[str, list[str]]
    dates: Dates
    source_reliability: list[str]
    source_published: list[int]
    source_covers: list[int]
    policy_jurisdiction: list[str]
    policy_status: list[str]
    policy_announced: list[int]
    policy_effective: list[int]
    policy_ended: list[int]
    policy_evidence: Ragged
    policy_measures: list[int]
    measure_dimension: list[str]
    measure_level: list[int]
    measure_scope: list[str]
    measure_effective: list[int]
    measure_ended: list[int]
    measure_group: list[str | None]
    measure_evidence: Ragged
    link_kind: list[str]
    link_from: list[str]
    link_to: list[str]
    outcome_place: list[str | None]
    outcome_period: list[int]
    outcome_evidence: Ragged
    claim_policies: Ragged
    claim_date: list[int]
    claim_evidence: Ragged
    _lock: threading.Lock
    _maker: _Maker | None

    def __init__(self, columns: Mapping[str, Any], maker: _Maker | None = None) -> None:
        """Columns of *columns* (by name, with ``dates``); *maker* makes the others."""
        for name, value in columns.items():
            object.__setattr__(self, name, value)
        object.__setattr__(self, "_maker", maker)
        object.__setattr__(self, "_lock", threading.Lock())

    def __setattr__(self, name: str, value: object) -> None:
        raise attrs.exceptions.FrozenInstanceError

    if not TYPE_CHECKING:  # for mypy, every column is there: a misspelt one stays an error

        def __getattr__(self, name: str) -> Any:
            # Reached only for a column not made yet (a slot not set).
            group = _GROUP_OF.get(name)
            if group is None:
                msg = f"{type(self).__name__!r} object has no attribute {name!r}"
                raise AttributeError(msg)
            with self._lock:
                maker = self._maker
                if maker is not None and group not in maker.made:
                    for column, value in zip(_GROUPS[group], maker.make(group), strict=True):
                        object.__setattr__(self, column, value)
                    if len(maker.made) == len(_GROUPS):
                        object.__setattr__(self, "_maker", None)  # lets go of its records
            return object.__getattribute__(self, name)

    def plain(self) -> tuple[Any, ...]:
        """The columns as plain values (lists, tuples, strings, numbers), for :mod:`marshal`.

        Each distinct date is one entry of the date table, even where records hold equal dates
        in different objects.
        """
        # Every column first: making one may add to the dates.
        columns = {name: getattr(self, name) for name in _NAMES}
        dates = self.dates
        table: list[list[Any]] = [dates.edtf, dates.basis, dates.reason, dates.lo, dates.hi]
        keys = list(zip(*table[:3], strict=True))
        if len(set(keys)) < len(keys):
            table, moved = _compact(table, keys)
            for name in _DATE_COLUMNS:
                columns[name] = [NO_DATE if at == NO_DATE else moved[at] for at in columns[name]]
        values: list[Any] = []
        for name, column in columns.items():
            if name == "dates":
                values.append(tuple(table))
            elif isinstance(column, Ragged):
                values.append((column.values, column.starts))
            else:
                values.append(column)
        return (FORMAT, *values)

    @classmethod
    def from_plain(cls, plain: Any) -> Columns:
        """The columns from :meth:`plain`'s values.

        Raises:
            ValueError: *plain* is not of this format (the cache then counts it a miss).
        """
        if not (isinstance(plain, tuple) and len(plain) == len(_NAMES) + 1 and plain[0] == FORMAT):
            msg = "not columns of this format"
            raise ValueError(msg)
        values = dict(zip(_NAMES, plain[1:], strict=True))
        values["dates"] = Dates(*values["dates"])
        for name in _RAGGED:
            values[name] = Ragged(*values[name])
        return cls(values)


_EVIDENCE = operator.attrgetter("evidence")
_SOURCE = operator.attrgetter("source")
_EDTF = operator.attrgetter("edtf")
_BASIS = operator.attrgetter("basis")
_REASON = operator.attrgetter("reason")
_COLLECTIONS = ("sources", "agencies", "platforms", "policies", "links", "outcomes", "claims")


def _values(members: list[Any]) -> list[Any]:
    """Each of *members*' ``value`` (enumeration members), read once per distinct member."""
    # An enum's value is a Python-level property: a lookup in a dict of the few members is not.
    value = {member: member.value for member in set(members)}
    return list(map(value.__getitem__, members))


def _compact(table: list[list[Any]], keys: list[Any]) -> tuple[list[list[Any]], list[int]]:
    """*table*'s columns with each key's first entry alone, and where each entry went."""
    position: dict[Any, int] = {}
    kept: list[int] = []
    moved: list[int] = []
    for old, key in enumerate(keys):
        new = position.get(key)
        if new is None:
            new = position[key] = len(kept)
            kept.append(old)
        moved.append(new)
    return [[column[at] for at in kept] for column in table], moved


def _read(records: Sequence[Any], field: str) -> list[Any]:
    return list(map(operator.attrgetter(field), records))


class _Maker:
    """Makes the groups of columns of one dataset's records, adding their dates as it goes.

    It holds the dataset's collections, not the dataset: the analyses keep a dataset's columns
    while the dataset lives, so the columns must not keep it alive.
    """

    def __init__(self, dataset: Any) -> None:
        self.records: dict[str, Sequence[Any]] = {n: getattr(dataset, n) for n in _COLLECTIONS}
        self.dates = Dates.growing()
        self.made: set[str] = set()
        # Each date object once, by identity: the table holds the objects, so none is collected
        # and no other object takes its identity while this is kept. A loaded dataset shares
        # one object among equal dates; plain() makes one entry of equal dates.
        self.by_object: dict[int, int] = {id(None): NO_DATE}
        self.measure_list: list[Any] | None = None

    def make(self, group: str) -> tuple[Any, ...]:
        """The columns of *group*, in the group's order."""
        made: tuple[Any, ...] = getattr(self, "_" + group)()
        self.made.add(group)
        return made

    def measures(self) -> list[Any]:
        """Every policy's measures, in order."""
        if self.measure_list is None:
            self.measure_list = list(
                itertools.chain.from_iterable(_read(self.records["policies"], "measures"))
            )
        return self.measure_list

    def ats(self, records: Sequence[Any], field: str) -> list[int]:
        """The positions in the date table of each of *records*' *field* (or NO_DATE)."""
        dates = _read(records, field)
        if not any(map(operator.is_not, dates, itertools.repeat(None))):
            return [NO_DATE] * len(dates)  # a column of no date at all, as measures' often are
        ids = list(map(id, dates))
        by_object = self.by_object
        if not by_object.keys() >= set(ids):
            # Each object not seen before, in the order first seen (so the table's order is fixed).
            fresh = [
                d for at, d in dict(zip(ids, dates, strict=True)).items() if at not in by_object
            ]
            start = len(self.dates.lo)
            parsed = list(map(parse_notation, map(_EDTF, fresh)))
            self.dates.add(
                fresh,
                [p.earliest.toordinal() for p in parsed],
                [p.latest.toordinal() for p in parsed],
            )
            by_object.update(zip(map(id, fresh), range(start, start + len(fresh)), strict=True))
        return list(map(by_object.__getitem__, ids))

    def _ids(self) -> tuple[Any, ...]:
        return ({name: _read(records, "id") for name, records in self.records.items()},)

    def _sources(self) -> tuple[Any, ...]:
        sources = self.records["sources"]
        return (
            _values(_read(sources, "reliability")),
            self.ats(sources, "published"),
            self.ats(sources, "covers"),
        )

    def _policies(self) -> tuple[Any, ...]:
        policies = self.records["policies"]
        return (
            _read(policies, "jurisdiction"),
            _values(_read(policies, "status")),
            self.ats(policies, "announced"),
            self.ats(policies, "effective"),
            self.ats(policies, "ended"),
            list(itertools.accumulate(map(len, _read(policies, "measures")), initial=0)),
        )

    def _policy_evidence(self) -> tuple[Any, ...]:
        return (_evidence_sources(self.records["policies"]),)

    def _measures(self) -> tuple[Any, ...]:
        measures = self.measures()
        return (
            _read(measures, "dimension"),
            _read(measures, "level"),
            _values(_read(measures, "scope")),
            self.ats(measures, "effective"),
            self.ats(measures, "ended"),
            _read(measures, "group"),
        )

    def _measure_evidence(self) -> tuple[Any, ...]:
        return (_evidence_sources(self.measures()),)

    def _links(self) -> tuple[Any, ...]:
        links = self.records["links"]
        return (
            _values(_read(links, "kind")),
            _read(links, "from_policy"),
            _read(links, "to_policy"),
        )

    def _outcomes(self) -> tuple[Any, ...]:
        outcomes = self.records["outcomes"]
        return (_read(outcomes, "place"), self.ats(outcomes, "period"))

    def _outcome_evidence(self) -> tuple[Any, ...]:
        return (_evidence_sources(self.records["outcomes"]),)

    def _claims(self) -> tuple[Any, ...]:
        claims = self.records["claims"]
        return (
            Ragged.of(_read(claims, "policies")),
            self.ats(claims, "date"),
            _evidence_sources(claims),
        )


def columns_of(dataset: Dataset) -> Columns:
    """The columns of *dataset*'s records, each group made when one of its columns is first read.

    *dataset* is read by attribute only: any object with the collections of a
    :class:`~policytrack.Dataset` whose records have the same fields will do.
    """
    maker = _Maker(dataset)
    return Columns({"dates": maker.dates}, maker)
