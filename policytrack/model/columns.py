"""A dataset's facts as flat columns: what timelines, the index and coverage read.

``policytrack.model.columns`` holds the narrow form of a dataset the analyses of time need:
which policy applies where, from when to when, with which measures at which levels, and which
sources quote each dated record. Every column is a plain list of strings, numbers or tuples of
strings, so the whole is cheap to build from records (:func:`columns_of`), cheap to write and
read back (:meth:`Columns.plain`, :meth:`Columns.from_plain`; the compiled cache keeps it in
:mod:`marshal` form) and needs no record object at all.

Dates are interned in one table (:class:`Dates`): a column holds a date's position in it, or
:data:`NO_DATE`. The table keeps each date's first and last day as day ordinals, so placing a
policy in time parses no notation; the :class:`~policytrack.model.dates.UncertainDate` itself
is made only when a result shows it.

Enumerations are kept as their values (``"proposed"``, ``"targeted"``).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from policytrack.model.dates import Basis, UncertainDate, parse_notation

if TYPE_CHECKING:
    from policytrack.model.dataset import Dataset

__all__ = ["FORMAT", "NO_DATE", "Columns", "Dates", "Ragged", "columns_of"]

NO_DATE = -1
"""A date column's value for no date."""

FORMAT = 2
"""The version of the plain form: a change to the columns changes it."""


class Dates:
    """The distinct dates of a dataset, each with its bounds as day ordinals.

    Attributes:
        edtf: Each date's EDTF notation.
        basis: Each date's basis (its value).
        reason: Each date's reason, or None.
        lo: Each date's first day, as a day ordinal.
        hi: Each date's last day, as a day ordinal.
    """

    __slots__ = ("_made", "basis", "edtf", "hi", "lo", "reason")

    def __init__(
        self,
        edtf: list[str],
        basis: list[str],
        reason: list[str | None],
        lo: list[int],
        hi: list[int],
        made: list[UncertainDate | None] | None = None,
    ) -> None:
        self.edtf, self.basis, self.reason, self.lo, self.hi = edtf, basis, reason, lo, hi
        self._made: list[UncertainDate | None] = made if made is not None else [None] * len(edtf)

    def date(self, at: int) -> UncertainDate | None:
        """The date at position *at* (None for :data:`NO_DATE`), made once."""
        if at < 0:
            return None
        made = self._made[at]
        if made is None:
            made = self._made[at] = _unchecked(self.edtf[at], self.basis[at], self.reason[at])
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
    values = [e.source for r in records for e in r.evidence]
    starts = [0, *itertools.accumulate(len(r.evidence) for r in records)]
    return Ragged(values, starts)


@attrs.frozen(eq=False)
class Columns:
    """A dataset's facts as flat columns, one entry per record (or measure) in dataset order.

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

    def plain(self) -> tuple[Any, ...]:
        """The columns as plain values (lists, tuples, strings, numbers), for :mod:`marshal`."""
        values: list[Any] = []
        for field in attrs.fields(Columns):
            value = getattr(self, field.name)
            if isinstance(value, Dates):
                value = (value.edtf, value.basis, value.reason, value.lo, value.hi)
            elif isinstance(value, Ragged):
                value = (value.values, value.starts)
            values.append(value)
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
        values = list(plain[1:])
        for at, name in enumerate(_NAMES):
            if name == "dates":
                values[at] = Dates(*values[at])
            elif name in _RAGGED:
                values[at] = Ragged(*values[at])
        return cls(*values)


_NAMES = tuple(f.name for f in attrs.fields(Columns))
_RAGGED = frozenset(
    {"policy_evidence", "measure_evidence", "outcome_evidence", "claim_policies", "claim_evidence"}
)


def columns_of(dataset: Dataset) -> Columns:
    """The columns of *dataset*'s records."""
    interned: dict[tuple[str, str, str | None], int] = {}
    edtfs: list[str] = []
    bases: list[str] = []
    reasons: list[str | None] = []
    los: list[int] = []
    his: list[int] = []
    made: list[UncertainDate | None] = []

    # A loaded dataset shares one object among equal dates: each object is looked at once.
    # (Every date is held by the dataset while this runs, so no id is reused meanwhile.)
    by_object: dict[int, int] = {}

    def at(date: UncertainDate | None) -> int:
        if date is None:
            return NO_DATE
        found = by_object.get(id(date))
        if found is not None:
            return found
        key = (date.edtf, date.basis.value, date.reason)
        found = interned.get(key)
        if found is None:
            found = interned[key] = len(edtfs)
            parsed = parse_notation(date.edtf)
            edtfs.append(date.edtf)
            bases.append(key[1])
            reasons.append(date.reason)
            los.append(parsed.earliest.toordinal())
            his.append(parsed.latest.toordinal())
            made.append(date)
        by_object[id(date)] = found
        return found

    def ats(dates: Iterable[UncertainDate | None]) -> list[int]:
        # The common case (a date object seen before, or none) without a call per date.
        get, found = by_object.get, list[int]()
        append = found.append
        for date in dates:
            if date is None:
                append(NO_DATE)
            else:
                known = get(id(date))
                append(at(date) if known is None else known)
        return found

    ids = {
        name: [r.id for r in getattr(dataset, name)]
        for name in ("sources", "agencies", "platforms", "policies", "links", "outcomes", "claims")
    }
    sources, policies = dataset.sources, dataset.policies
    measures = [m for p in policies for m in p.measures]
    starts = [0]
    for policy in policies:
        starts.append(starts[-1] + len(policy.measures))
    outcomes, claims, links = dataset.outcomes, dataset.claims, dataset.links
    return Columns(
        ids=ids,
        dates=Dates(edtfs, bases, reasons, los, his, made),
        source_reliability=[s.reliability.value for s in sources],
        source_published=ats(s.published for s in sources),
        source_covers=ats(s.covers for s in sources),
        policy_jurisdiction=[p.jurisdiction for p in policies],
        policy_status=[p.status.value for p in policies],
        policy_announced=ats(p.announced for p in policies),
        policy_effective=ats(p.effective for p in policies),
        policy_ended=ats(p.ended for p in policies),
        policy_evidence=_evidence_sources(policies),
        policy_measures=starts,
        measure_dimension=[m.dimension for m in measures],
        measure_level=[m.level for m in measures],
        measure_scope=[m.scope.value for m in measures],
        measure_effective=ats(m.effective for m in measures),
        measure_ended=ats(m.ended for m in measures),
        measure_group=[m.group for m in measures],
        measure_evidence=_evidence_sources(measures),
        link_kind=[k.kind.value for k in links],
        link_from=[k.from_policy for k in links],
        link_to=[k.to_policy for k in links],
        outcome_place=[o.place for o in outcomes],
        outcome_period=ats(o.period for o in outcomes),
        outcome_evidence=_evidence_sources(outcomes),
        claim_policies=Ragged.of(c.policies for c in claims),
        claim_date=ats(c.date for c in claims),
        claim_evidence=_evidence_sources(claims),
    )
