"""Deliberately naive reference implementations the fast analyses are checked against.

They follow the documented rules directly, day by day, sharing no code with the library's
sweeps.
"""

from __future__ import annotations

import pendulum

from policytrack import (
    Codebook,
    Dataset,
    LinkKind,
    Outcome,
    PolicyStatus,
    Scope,
    StartRule,
)
from policytrack.analysis.index import composite, subindex

_MAX = pendulum.Date(9999, 12, 31).toordinal()


def _applies(policy_jurisdiction: str, jurisdiction: str, subdivisions: bool) -> bool:
    if policy_jurisdiction == jurisdiction:
        return True
    if "-" in jurisdiction and policy_jurisdiction == jurisdiction.split("-", maxsplit=1)[0]:
        return True
    return (
        subdivisions
        and "-" not in jurisdiction
        and policy_jurisdiction.startswith(jurisdiction + "-")
    )


def intervals(
    dataset: Dataset,
    codebook: Codebook,
    jurisdiction: str,
    latest: bool,
    *,
    start_rule: StartRule = StartRule.EFFECTIVE,
    subdivisions: bool = True,
    group: str | None = None,
) -> list[tuple[pendulum.Date, pendulum.Date | None, str, int, Scope]]:
    """(first day, first day out or None, dimension, level, scope) of every measure counted.

    Only measures for *group* count (None: for everyone); in a dataset of totals, only the
    jurisdiction's own policies.
    """

    def start_of(p):
        if start_rule is StartRule.EFFECTIVE:
            return p.effective or p.announced
        return p.announced or p.effective

    flagged = {d.id for d in codebook.dimensions if d.flag}
    dims = {d.id for d in codebook.dimensions}
    found = []
    for p in dataset.policies:
        if dataset.info.totals:
            if p.jurisdiction != jurisdiction:
                continue
        elif not _applies(p.jurisdiction, jurisdiction, subdivisions):
            continue
        if p.status is PolicyStatus.PROPOSED:
            continue
        start = start_of(p)
        if start is None:
            continue
        first = start.latest if latest else start.earliest
        if p.ended is not None:
            stop = p.ended.earliest if latest else p.ended.latest
        else:
            enders = [
                start_of(dataset.policy(k.from_policy))
                for k in dataset.links
                if k.to_policy == p.id
                and k.kind in (LinkKind.SUPERSEDES, LinkKind.ENDS)
                and start_of(dataset.policy(k.from_policy)) is not None
            ]
            if enders:
                stop = min(e.earliest if latest else e.latest for e in enders)
            elif p.status in (PolicyStatus.ENDED, PolicyStatus.SUPERSEDED):
                last = start.latest.toordinal() + 1
                stop = pendulum.Date.fromordinal(last) if latest and last <= _MAX else None
            else:
                stop = None
        if stop is not None and stop <= first:
            continue
        local = p.jurisdiction != jurisdiction and p.jurisdiction.startswith(jurisdiction + "-")
        for m in p.measures:
            if m.dimension not in dims or m.group != group:
                continue
            scope = Scope.TARGETED if local and m.dimension in flagged else m.scope
            # A measure's own dates narrow its policy's span, never widen it.
            m_first, m_stop = first, stop
            if m.effective is not None:
                m_first = max(first, m.effective.latest if latest else m.effective.earliest)
            if m.ended is not None:
                own = m.ended.earliest if latest else m.ended.latest
                m_stop = own if stop is None else min(stop, own)
            if m_stop is not None and m_stop <= m_first:
                continue
            found.append((m_first, m_stop, m.dimension, m.level, scope))
    return found


def levels_on(
    dataset: Dataset,
    codebook: Codebook,
    jurisdiction: str,
    day: pendulum.Date,
    latest: bool,
    **options: object,
) -> dict[str, tuple[int, Scope] | None]:
    """Each dimension's (highest level, scope) on *day*; None while unknown.

    A dimension is unknown until the first day a measure on it is in force. With a ``group``
    option, a dimension on which a measure for the group is in force takes the group's level.
    """
    group = options.pop("group", None)
    spans = intervals(dataset, codebook, jurisdiction, latest, **options)  # type: ignore[arg-type]
    if group is not None:
        own = intervals(dataset, codebook, jurisdiction, latest, group=group, **options)  # type: ignore[arg-type]
        held = {
            dim for first, stop, dim, _, _ in own if first <= day and (stop is None or day < stop)
        }
        spans = [s for s in spans if s[2] not in held] + [s for s in own if s[2] in held]
    result: dict[str, tuple[int, Scope] | None] = {}
    for dim in codebook.dimensions:
        mine = [s for s in spans if s[2] == dim.id]
        if not any(first <= day for first, *_ in mine):
            result[dim.id] = None
            continue
        items = [
            (lvl, sc)
            for first, stop, _, lvl, sc in mine
            if first <= day and (stop is None or day < stop)
        ]
        if not items:
            result[dim.id] = (0, Scope.TARGETED)
            continue
        top = max(level for level, _ in items)
        general = any(level == top and s is Scope.GENERAL for level, s in items)
        result[dim.id] = (top, Scope.GENERAL if general else Scope.TARGETED)
    return result


def composite_on(
    dataset: Dataset,
    codebook: Codebook,
    jurisdiction: str,
    day: pendulum.Date,
    latest: bool,
    **options: object,
) -> float | None:
    """The composite on *day* with the codebook's weights and unknown counted as 0."""
    levels = levels_on(dataset, codebook, jurisdiction, day, latest, **options)
    values = {
        d.id: None if levels[d.id] is None else subindex(*levels[d.id], d)  # type: ignore[misc]
        for d in codebook.dimensions
    }
    return composite(values, codebook.weights)


def duplicates(outcomes: list[Outcome]) -> dict[str, str]:
    """Each duplicate's id and the id counted in its place, by the documented rule, naively.

    A ``same_as`` chain is followed to its end; otherwise an outcome is the same figure as the
    first earlier counted one with the same metric, unit, place and quantity, an overlapping
    period (or neither with one) and no source in common.
    """
    ids = {o.id: o for o in outcomes}
    result: dict[str, str] = {}
    for outcome in outcomes:
        root, seen = outcome, {outcome.id}
        while root.same_as is not None and root.same_as in ids and root.same_as not in seen:
            root = ids[root.same_as]
            seen.add(root.id)
        if root is not outcome:
            result[outcome.id] = root.id
    counted: list[Outcome] = []
    for outcome in outcomes:
        if outcome.id in result:
            continue
        for earlier in counted:
            if _same_figure(earlier, outcome):
                result[outcome.id] = earlier.id
                break
        else:
            counted.append(outcome)
    return result


def _same_figure(a: Outcome, b: Outcome) -> bool:
    if a.period is None or b.period is None:
        overlap = a.period is None and b.period is None
    else:
        overlap = a.period.earliest <= b.period.latest and b.period.earliest <= a.period.latest
    return (
        (a.metric, a.unit, a.place) == (b.metric, b.unit, b.place)
        and (a.quantity.kind, a.quantity.low, a.quantity.high)
        == (b.quantity.kind, b.quantity.low, b.quantity.high)
        and overlap
        and not {e.source for e in a.evidence} & {e.source for e in b.evidence}
    )
