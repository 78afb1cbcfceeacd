"""Where each policy stands in time under one start rule, worked out once per dataset.

``policytrack.analysis.placement`` is what :mod:`policytrack.analysis.timeline` reads of a
dataset's columns before it sweeps: each policy's start and end as day ordinals and dates
(:class:`Placement`), and what it reads of each measure (:func:`measure_facts`). Both depend
on the dataset alone (and the start rule), so the analyses keep them while the dataset lives.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterator

import pendulum

from policytrack.analysis.spans import FOREVER, date_or_none
from policytrack.model.columns import NO_DATE, Columns
from policytrack.model.dates import MIN_DAY, UncertainDate
from policytrack.model.records import LinkKind, PolicyStatus, Scope
from policytrack.vocab import StartRule

__all__ = ["Days", "Placed", "Placement", "measure_facts"]

Placed = tuple[
    UncertainDate | None,
    UncertainDate | None,
    tuple[int, int, int, int],
    tuple[pendulum.Date, pendulum.Date | None],
    tuple[pendulum.Date, pendulum.Date | None] | None,
]
"""A policy placed in time under one start rule (the same in every jurisdiction).

``(start, end, bounds, earliest, latest)``: the date it counts from (None: undated, or left
out as proposed); the date behind its end, when one is reported or implied by a link (or
None); ``(start_lo, start_hi, end_lo, end_hi)`` as day ordinals, ends exclusive (FOREVER: in
force indefinitely); its first day in force and first day out of force in the earliest
series; the same in the latest series, or None when it is certainly in force on no day.
"""

_UNDATED = (0, 0, 0, 0)
_PROPOSED = PolicyStatus.PROPOSED.value
_ENDED = frozenset({PolicyStatus.ENDED.value, PolicyStatus.SUPERSEDED.value})
_ENDING = frozenset({LinkKind.SUPERSEDES.value, LinkKind.ENDS.value})
_SCOPES = {s.value: s for s in Scope}


class Days(dict[int, "pendulum.Date | None"]):
    """Dates by day ordinal, each made once (None from FOREVER on: no day)."""

    def __missing__(self, ordinal: int) -> pendulum.Date | None:
        day = self[ordinal] = date_or_none(ordinal)
        return day


class Placement:
    """Where each policy stands in time under one start rule, worked out once per policy.

    Which policies apply in a jurisdiction is found by their codes, and only those are placed:
    a query on one jurisdiction of a large dataset places a small share of its policies.
    """

    def __init__(self, cols: Columns, start_rule: StartRule) -> None:
        first, second = (
            (cols.policy_effective, cols.policy_announced)
            if start_rule is StartRule.EFFECTIVE
            else (cols.policy_announced, cols.policy_effective)
        )
        self.ids, self.statuses, self.ended = (
            cols.ids["policies"],
            cols.policy_status,
            cols.policy_ended,
        )
        self.lo, self.hi, self.date = cols.dates.lo, cols.dates.hi, cols.dates.date
        self.dated = [a if a != NO_DATE else b for a, b in zip(first, second, strict=True)]
        ending = {
            source
            for kind, source in zip(cols.link_kind, cols.link_from, strict=True)
            if kind in _ENDING
        }
        starts = (
            {
                pid: at
                for pid, at in zip(self.ids, self.dated, strict=True)
                if pid in ending and at != NO_DATE
            }
            if ending
            else {}
        )
        self.enders: dict[str, list[int]] = {}
        for kind, source, target in zip(cols.link_kind, cols.link_from, cols.link_to, strict=True):
            if kind in _ENDING and source in starts:
                self.enders.setdefault(target, []).append(starts[source])
        self.placed: dict[int, Placed] = {}
        # Days repeat across policies: each is made once.
        self.days = Days()

    def places(self, positions: list[int]) -> list[Placed]:
        """The placements of the policies at *positions*, each worked out on first use."""
        placed = self.placed
        missing = [at for at in positions if at not in placed]
        if missing:
            placed.update(zip(missing, self._place(missing), strict=True))
        return list(map(placed.__getitem__, positions))

    def _place(self, positions: list[int]) -> Iterator[Placed]:
        # One loop with everything bound once: a large query places every policy.
        dated, statuses, ended, ids = self.dated, self.statuses, self.ended, self.ids
        lo, hi, enders, days, date = self.lo, self.hi, self.enders, self.days, self.date
        for position in positions:
            start, status = dated[position], statuses[position]
            if start == NO_DATE or status == _PROPOSED:
                yield (None, None, _UNDATED, (MIN_DAY, None), None)
                continue
            start_lo, start_hi = lo[start], hi[start]
            end = ended[position]
            # FOREVER for an end not known: in force indefinitely (its day is None).
            if end != NO_DATE:
                end_lo, end_hi = lo[end], hi[end]
            elif (ends := enders.get(ids[position])) is not None:
                end = min(ends, key=lambda d: (lo[d], hi[d]))
                end_lo = min(lo[d] for d in ends)
                end_hi = min(hi[d] for d in ends)
            elif status in _ENDED:
                # Ended on a day nobody reported: certainly in force on its start day only.
                end_lo, end_hi = start_hi + 1, FOREVER
            else:
                end_lo = end_hi = FOREVER
            # A start's day is never None: only an end's can be.
            yield (  # type: ignore[misc]
                date(start),
                date(end),
                (start_lo, start_hi, end_lo, end_hi),
                (days[start_lo], days[end_hi]),
                (days[start_hi], days[end_lo]) if start_hi < end_lo else None,
            )


def measure_facts(cols: Columns) -> tuple[list[Scope], set[int]]:
    """Each measure's scope, and the measures with a date of their own (their positions)."""
    scopes = list(map(_SCOPES.__getitem__, cols.measure_scope))
    own: set[int] = set()
    for column in (cols.measure_effective, cols.measure_ended):
        own.update(
            itertools.compress(
                range(len(column)), map(operator.ne, column, itertools.repeat(NO_DATE))
            )
        )
    return scopes, own
