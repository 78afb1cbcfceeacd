"""Outcome totals: reported figures added up per metric, with their bounds carried through.

``policytrack.analysis.outcomes`` (``policytrack.outcomes`` before release 0.2).

Each figure is an interval: an exact or approximate figure is ``[v, v]``, "at least v" is
``[v, ∞)``, "at most v" is ``[0, v]``, a range is ``[low, high]`` and an unknown figure is
``[0, ∞)``. A total is the sum of the intervals, so it contains every exact total consistent
with the reports. Figures are only added up when they share a metric and a unit: 60 million
daily users of one service and a billion internet users are both ``users``, but no total of the
two means anything.

**What counts as the same figure.** An outcome is counted once, however many sources report
it. Two outcomes are the same figure when one names the other in ``same_as`` (followed to the
end of the chain), or when they agree on metric, unit, place and quantity, their periods overlap
(or neither has one), and their evidence comes from different sources. The first in dataset
order is counted; the others are listed as duplicates.

**What a total counts.** By default only figures of controls (role ``enforcement``): a
population, a follower count or an unrelated death toll (role ``context``) and an agency's own
claim of its results (role ``claim``) are set aside and listed, not added in. An outcome that
another counted in the same total ``includes`` (LinkedIn among the four companies named
together) is not counted again: its figure is already inside the other's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import attrs
import pendulum

from policytrack.model.arguments import DateLike, checked, end_day, ordered, start_day
from policytrack.model.dataset import Dataset
from policytrack.model.edges import Edges
from policytrack.model.records import Metric, Outcome, QuantityKind
from policytrack.vocab import GroupBy, OutcomeRole

__all__ = ["GroupBy", "OutcomeTotals", "Total", "duplicates_of", "figure_bounds", "outcome_totals"]


@checked
def figure_bounds(outcome: Outcome) -> tuple[int, int | None]:
    """The interval of values consistent with *outcome*'s figure (high None: unbounded)."""
    q = outcome.quantity
    if q.kind is QuantityKind.AT_MOST:
        return 0, q.high
    if q.kind is QuantityKind.UNKNOWN:
        return 0, None
    return q.low or 0, q.high


@attrs.frozen
class Total:
    """The total of one metric, in one unit, in one group.

    Attributes:
        metric: What is counted.
        unit: The unit the figures share.
        group: The group's key (a place code, an agency id, a year...), or None when the
            outcomes have none, or when totals are by metric only.
        low: The smallest total consistent with the reports.
        high: The largest (None: unbounded).
        exact: Whether every figure counted was reported exactly.
        outcomes: Ids of the outcomes counted.
        duplicates: Ids of outcomes left out as the same figure as one counted.
        included: Ids of outcomes left out because an outcome counted includes them.
    """

    metric: Metric
    unit: str
    group: str | None
    low: int
    high: int | None
    exact: bool
    outcomes: tuple[str, ...]
    duplicates: tuple[str, ...] = ()
    included: tuple[str, ...] = ()


@attrs.frozen
class OutcomeTotals(Edges):
    """Totals per metric, unit (and group), in that order.

    Attributes:
        by: What the totals are grouped by besides metric.
        start: The first day of the window outcomes had to fall within, if any.
        end: The last day, if any.
        totals: The totals.
        roles: The roles of the outcomes counted.
        set_aside: Ids of outcomes (of the chosen metric and window) whose role is not
            counted, so a reader knows what else exists.
    """

    by: GroupBy
    start: pendulum.Date | None
    end: pendulum.Date | None
    totals: tuple[Total, ...]
    roles: tuple[OutcomeRole, ...] = (OutcomeRole.ENFORCEMENT,)
    set_aside: tuple[str, ...] = ()

    def __repr__(self) -> str:
        window = f", {self.start or '..'} to {self.end or '..'}" if self.start or self.end else ""
        return f"<OutcomeTotals by {self.by.value}{window}: {len(self.totals)} totals>"


def _sources(outcome: Outcome) -> frozenset[str]:
    return frozenset(e.source for e in outcome.evidence)


def _overlap(a: Outcome, b: Outcome) -> bool:
    if a.period is None or b.period is None:
        return a.period is None and b.period is None
    return a.period.earliest <= b.period.latest and b.period.earliest <= a.period.latest


def _same_figure(a: Outcome, b: Outcome) -> bool:
    return (
        a.metric is b.metric
        and a.unit == b.unit
        and a.place == b.place
        and (a.quantity.kind, a.quantity.low, a.quantity.high)
        == (b.quantity.kind, b.quantity.low, b.quantity.high)
        and _overlap(a, b)
        and not (_sources(a) & _sources(b))
    )


_Entry = tuple[int, int, int, Outcome, frozenset[str]]
"""An outcome counted: (order, first day, last day, outcome, sources)."""


class _Counted:
    """The outcomes counted so far that share a metric, unit, place and quantity.

    :meth:`match` finds what scanning them in order would: the first whose period overlaps and
    whose sources are not shared (:func:`_same_figure`). Few are scanned in order; once there
    are many, only those whose period can overlap are looked at, so that the search does not
    grow with every outcome counted: a period of *s* days sits at level ``s.bit_length()``, in
    the cell of its first day's ordinal shifted right by that level, and a query looks only at
    the cells its own period can reach.
    """

    __slots__ = ("by_level", "cells", "dated", "undated")

    _SCAN = 16
    """Up to how many dated outcomes a scan in order is cheaper than the cells."""

    def __init__(self) -> None:
        # Most figures are counted alone: the index is built only once it pays.
        self.undated: list[tuple[Outcome, frozenset[str]]] = []
        self.dated: list[_Entry] = []
        self.by_level: dict[int, list[_Entry]] | None = None
        self.cells: dict[tuple[int, int], list[_Entry]] | None = None

    def match(self, span: tuple[int, int] | None, sources: frozenset[str]) -> Outcome | None:
        if span is None:
            return next((o for o, kept in self.undated if not kept & sources), None)
        lo, hi = span
        if len(self.dated) <= self._SCAN:
            found = self.dated
        else:
            assert self.by_level is not None and self.cells is not None
            found = []
            for level, entries in self.by_level.items():
                first, last = (lo - (1 << level)) >> level, hi >> level
                if last - first + 1 > len(entries):
                    found += [e for e in entries if e[1] <= hi and e[2] >= lo]
                else:
                    for cell in range(first, last + 1):
                        found += [
                            e
                            for e in self.cells.get((level, cell), ())
                            if e[1] <= hi and e[2] >= lo
                        ]
            found.sort(key=lambda e: e[0])
        return next((e[3] for e in found if e[1] <= hi and e[2] >= lo and not e[4] & sources), None)

    def add(
        self, order: int, outcome: Outcome, span: tuple[int, int] | None, sources: frozenset[str]
    ) -> None:
        if span is None:
            self.undated.append((outcome, sources))
            return
        entry = (order, span[0], span[1], outcome, sources)
        self.dated.append(entry)
        if len(self.dated) > self._SCAN + 1:
            self._index(entry)
        elif len(self.dated) == self._SCAN + 1:
            self.by_level, self.cells = {}, {}
            for each in self.dated:
                self._index(each)

    def _index(self, entry: _Entry) -> None:
        assert self.by_level is not None and self.cells is not None
        _, lo, hi, _, _ = entry
        level = (hi - lo).bit_length()
        self.by_level.setdefault(level, []).append(entry)
        self.cells.setdefault((level, lo >> level), []).append(entry)


@checked
def duplicates_of(outcomes: Iterable[Outcome]) -> dict[str, str]:
    """Map each duplicate outcome's id to the id of the outcome counted in its place."""
    items = list(outcomes)
    ids = {o.id: o for o in items}
    canonical: dict[str, str] = {}
    for outcome in items:
        root, seen = outcome, {outcome.id}
        while root.same_as is not None and root.same_as in ids and root.same_as not in seen:
            root = ids[root.same_as]
            seen.add(root.id)
        if root is not outcome:
            canonical[outcome.id] = root.id
    # Only outcomes that agree on metric, unit, place and quantity can be the same figure; of
    # those counted, the first whose period overlaps and whose sources differ is the one.
    counted: dict[tuple[object, ...], _Counted] = {}
    spans: dict[str, tuple[int, int]] = {}
    for order, outcome in enumerate(items):
        if outcome.id in canonical:
            continue
        q = outcome.quantity
        key = (outcome.metric, outcome.unit, outcome.place, q.kind, q.low, q.high)
        kept = counted.get(key)
        period = outcome.period
        span = None
        if period is not None:
            span = spans.get(period.edtf)
            if span is None:
                span = spans[period.edtf] = (
                    period.earliest.toordinal(),
                    period.latest.toordinal(),
                )
        sources = frozenset([e.source for e in outcome.evidence])
        if kept is None:  # the first with its figure: nothing to compare it with
            kept = counted[key] = _Counted()
            kept.add(order, outcome, span, sources)
            continue
        match = kept.match(span, sources)
        if match is not None:
            canonical[outcome.id] = match.id
        else:
            kept.add(order, outcome, span, sources)
    return canonical


def _keys(outcome: Outcome, by: GroupBy) -> tuple[str | None, ...]:
    if by is GroupBy.METRIC:
        return (None,)
    if by is GroupBy.PLACE:
        return (outcome.place,)
    if by is GroupBy.REPORTER:
        return (outcome.reporter or outcome.reported_by,)
    if by is GroupBy.YEAR:
        if outcome.period is None:
            return (None,)
        first, last = outcome.period.earliest.year, outcome.period.latest.year
        return (str(first) if first == last else f"{first}-{last}",)
    values = {
        GroupBy.AGENCY: outcome.agencies,
        GroupBy.PLATFORM: outcome.platforms,
        GroupBy.POLICY: outcome.policies,
    }[by]
    return tuple(values) or (None,)


def _within(outcome: Outcome, start: pendulum.Date | None, end: pendulum.Date | None) -> bool:
    if start is None and end is None:
        return True
    if outcome.period is None:
        return False
    return (start is None or outcome.period.earliest >= start) and (
        end is None or outcome.period.latest <= end
    )


@checked
def outcome_totals(
    dataset: Dataset,
    *,
    by: GroupBy = GroupBy.METRIC,
    metric: Metric | None = None,
    start: DateLike | None = None,
    end: DateLike | None = None,
    roles: Iterable[OutcomeRole] = (OutcomeRole.ENFORCEMENT,),
) -> OutcomeTotals:
    """Totals of reported figures per metric, optionally per group, counting each figure once.

    Args:
        dataset: The records.
        by: What to group by besides metric. An outcome naming several agencies (platforms,
            policies) counts in each of their groups, so groups are not to be added up.
        metric: Only this metric.
        start: Only outcomes whose period lies entirely on or after this day.
        end: Only outcomes whose period lies entirely on or before this day.
        roles: The roles to count; by default enforcement only. The others are set aside.

    Dates may be given as ``pendulum.Date``, ``datetime.date`` or EDTF text (``"2012"`` starts
    on 2012-01-01 as a *start* and ends on 2012-12-31 as an *end*).

    Raises:
        ArgumentValueError: *end* comes before *start*, or a date does not exist.
    """
    start = None if start is None else start_day(start, "start")
    end = None if end is None else end_day(end, "end")
    ordered(("start", start), ("end", end))
    wanted = tuple(dict.fromkeys(roles))
    window = [
        o
        for o in dataset.outcomes
        if (metric is None or o.metric is metric) and _within(o, start, end)
    ]
    chosen = [o for o in window if o.role in wanted]
    set_aside = tuple(o.id for o in window if o.role not in wanted)
    dupes = duplicates_of(chosen)
    inside = _included(dataset.outcomes)
    groups: defaultdict[tuple[Metric, str, str | None], list[Outcome]] = defaultdict(list)
    for outcome in chosen:
        for key in _keys(outcome, by):
            groups[(outcome.metric, outcome.unit, key)].append(outcome)
    metric_order = {m: i for i, m in enumerate(Metric)}
    totals = []
    for (m, unit, key), members in sorted(
        groups.items(),
        key=lambda kv: (metric_order[kv[0][0]], kv[0][1], kv[0][2] is None, kv[0][2] or ""),
    ):
        present = {o.id for o in members}
        # A duplicate counts in a group its counted twin is not in.
        counted = [o for o in members if dupes.get(o.id) not in present]
        # So does an included outcome: left out only where what includes it is counted.
        holders = {o.id for o in counted}
        included = [o for o in counted if _inside_another(o.id, inside, holders)]
        counted = [o for o in counted if not _inside_another(o.id, inside, holders)]
        low, high = 0, 0
        unbounded = False
        for o in counted:
            lo, hi = figure_bounds(o)
            low += lo
            if hi is None:
                unbounded = True
            else:
                high += hi
        totals.append(
            Total(
                m,
                unit,
                key,
                low,
                None if unbounded else high,
                all(o.quantity.kind is QuantityKind.EXACT for o in counted),
                tuple(o.id for o in counted),
                tuple(o.id for o in members if dupes.get(o.id) in present),
                tuple(o.id for o in included),
            )
        )
    return OutcomeTotals(by, start, end, tuple(totals), wanted, set_aside)


def _inside_another(outcome: str, inside: dict[str, frozenset[str]], counted: set[str]) -> bool:
    """Whether an outcome counted includes *outcome* (and is not, in a cycle, inside it)."""
    holders = inside.get(outcome, frozenset()) & counted
    return any(outcome not in inside.get(h, frozenset()) for h in holders)


def _included(outcomes: Iterable[Outcome]) -> dict[str, frozenset[str]]:
    """For each included outcome, every outcome that includes it, directly or in a chain."""
    direct: defaultdict[str, set[str]] = defaultdict(set)
    for outcome in outcomes:
        for part in outcome.includes:
            direct[part].add(outcome.id)
    found: dict[str, frozenset[str]] = {}
    for part in direct:
        seen: set[str] = set()
        todo = list(direct[part])
        while todo:
            holder = todo.pop()
            if holder not in seen:
                seen.add(holder)
                todo.extend(direct.get(holder, ()))
        found[part] = frozenset(seen - {part})
    return found
