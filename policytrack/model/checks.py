"""Integrity checks across records: ids, references, date orders, levels and cycles.

``policytrack.model.checks`` (``policytrack.checks`` before release 0.2).

Each record is checked field by field as it is built; these checks need the whole dataset and
its codebook. Every problem is collected, none stops the others.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping

from policytrack.errors import Problem
from policytrack.model.arguments import checked
from policytrack.model.codebook import Codebook, Dimension
from policytrack.model.dataset import Dataset
from policytrack.model.dates import UncertainDate
from policytrack.model.provenance import evidence_of
from policytrack.model.records import (
    Agency,
    Claim,
    LinkKind,
    Measure,
    Outcome,
    Policy,
    Record,
    Scope,
)

__all__ = ["check"]

_Report = Callable[[Record, str, str], None]


@checked
def check(
    dataset: Dataset,
    codebook: Codebook,
    *,
    origins: Mapping[str, str] | None = None,
    unreadable: Collection[str] = (),
) -> list[Problem]:
    """Every integrity problem in *dataset* scored on *codebook*, in record order.

    Args:
        dataset: The records to check.
        codebook: The codebook the measures must fit.
        origins: The file each record id came from, for locating problems.
        unreadable: Ids of records that exist but could not be read (their own problems are
            reported where they were read); references to them are not reported again.

    Returns:
        The problems found; an empty list when the dataset is sound.
    """
    origins = origins or {}
    problems: list[Problem] = []

    def report(record: Record, field: str, message: str) -> None:
        problems.append(Problem(origins.get(record.id, ""), record.id, field, message))

    every_id = [record.id for record in dataset.records()]
    if len(set(every_id)) < len(every_id):  # some id is used twice: say by what
        kinds: defaultdict[str, list[str]] = defaultdict(list)
        for record in dataset.records():
            kinds[record.id].append(type(record).__name__.lower())
        reported: set[str] = set()
        for record in dataset.records():
            found = kinds[record.id]
            if len(found) > 1 and record.id not in reported:
                # Reported once, on the first record: origins locate ids, and that is its file.
                others = [f"another {k}" if k == found[0] else _a(k) for k in found[1:]]
                report(record, "id", f"the id is also used by {_and(others)}")
                reported.add(record.id)

    ids = {
        "source": {s.id for s in dataset.sources},
        "agency": {a.id for a in dataset.agencies},
        "platform": {p.id for p in dataset.platforms},
        "policy": {p.id for p in dataset.policies},
        "outcome": {o.id for o in dataset.outcomes},
    }

    def refs(record: Record, field: str, kind: str, values: Iterable[str | None]) -> None:
        for i, value in enumerate(values):
            if value is not None and value not in ids[kind] and value not in unreadable:
                path = field if isinstance(getattr(record, field, None), str) else f"{field}[{i}]"
                report(record, path, f"no {kind} has id {value!r}")

    # Most datasets are sound: a verdict on every reference comes from set operations first,
    # and only when some id is missing are the records walked again to say where.
    known = {kind: ids[kind] | set(unreadable) for kind in ids}
    dangling = any(not used <= known[kind] for kind, used in _references(dataset).items())
    dimensions = {d.id: d for d in codebook.dimensions}
    for record in dataset.records():
        if dangling:
            for path, item in evidence_of(record):
                if item.source not in known["source"]:
                    report(record, f"{path}.source", f"no source has id {item.source!r}")
        if isinstance(record, Policy):
            if dangling:
                refs(record, "issuers", "agency", record.issuers)
                refs(record, "enforcers", "agency", record.enforcers)
                refs(record, "platforms", "platform", record.platforms)
            _check_policy(record, codebook, dimensions, report)
        elif isinstance(record, Outcome):
            if dangling:
                refs(record, "agencies", "agency", record.agencies)
                refs(record, "platforms", "platform", record.platforms)
                refs(record, "policies", "policy", record.policies)
                refs(record, "reporter", "agency", [record.reporter])
                refs(record, "same_as", "outcome", [record.same_as])
                refs(record, "includes", "outcome", record.includes)
            if record.same_as == record.id:
                report(record, "same_as", "an outcome cannot be the same as itself")
            if record.id in record.includes:
                report(record, "includes", "an outcome cannot include itself")
        elif dangling and isinstance(record, Agency):
            refs(record, "parent", "agency", [record.parent])
        elif dangling and isinstance(record, Claim):
            refs(record, "speaker_agency", "agency", [record.speaker_agency])
            refs(record, "policies", "policy", record.policies)
            refs(record, "agencies", "agency", record.agencies)
            refs(record, "platforms", "platform", record.platforms)
    for link in dataset.links:
        refs(link, "from_policy", "policy", [link.from_policy])
        refs(link, "to_policy", "policy", [link.to_policy])
        if link.from_policy == link.to_policy:
            report(link, "to_policy", "a link cannot join a policy to itself")

    for kind in LinkKind:
        graph: dict[str, list[str]] = {}
        for k in dataset.links:
            if k.kind is kind and k.from_policy != k.to_policy:  # a loop is reported above
                graph.setdefault(k.from_policy, []).append(k.to_policy)
        for cycle in _graph_cycles(graph):
            link = next(
                k
                for k in dataset.links
                if k.kind is kind and k.from_policy == cycle[0] and k.to_policy == cycle[1]
            )
            chain = " -> ".join(cycle)
            report(link, "", f"{kind.value.replace('_', '-')} links form a cycle: {chain}")
    for cycle in _include_cycles(dataset.outcomes):
        report(dataset.get(cycle[0]), "includes", f"includes form a cycle: {' -> '.join(cycle)}")
    parents = {a.id: a.parent for a in dataset.agencies if a.parent is not None}
    for cycle_start in _cycles(parents):
        chain = _chain(parents, cycle_start)
        report(dataset.get(cycle_start), "parent", f"parents form a cycle: {chain}")
    return problems


def _references(dataset: Dataset) -> dict[str, set[str]]:
    """Every id the records refer to, by the kind of record it must name."""
    records = list(dataset.records())
    policies, outcomes, claims = dataset.policies, dataset.outcomes, dataset.claims
    found: dict[str, set[str]] = {
        "source": {e.source for r in records for e in getattr(r, "evidence", ())},
        "agency": {a.parent for a in dataset.agencies if a.parent is not None},
        "platform": set(),
        "policy": {k.from_policy for k in dataset.links} | {k.to_policy for k in dataset.links},
        "outcome": {o.same_as for o in outcomes if o.same_as is not None},
    }
    found["outcome"].update(*(o.includes for o in outcomes))
    found["source"].update(e.source for p in policies for m in p.measures for e in m.evidence)
    for group in (policies, outcomes, claims):
        found["platform"].update(*(r.platforms for r in group))
    found["agency"].update(*(p.issuers for p in policies), *(p.enforcers for p in policies))
    found["agency"].update(*(o.agencies for o in outcomes), *(c.agencies for c in claims))
    found["agency"].update(o.reporter for o in outcomes if o.reporter is not None)
    found["agency"].update(c.speaker_agency for c in claims if c.speaker_agency is not None)
    found["policy"].update(*(o.policies for o in outcomes), *(c.policies for c in claims))
    return found


def _a(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _chain(edges: Mapping[str, str], start: str) -> str:
    """The cycle through *start*, written ``a -> b -> a``."""
    chain = [start]
    node = edges[start]
    while node != start:
        chain.append(node)
        node = edges[node]
    return " -> ".join([*chain, start])


def _check_policy(
    policy: Policy, codebook: Codebook, dims: Mapping[str, Dimension], report: _Report
) -> None:
    seen: set[tuple[str, str | None]] = set()
    for i, measure in enumerate(policy.measures):
        dim = dims.get(measure.dimension)
        if dim is None:
            known = ", ".join(dims)
            report(
                policy,
                f"measures[{i}].dimension",
                f"codebook {codebook.id!r} has no dimension {measure.dimension!r} (known: {known})",
            )
            continue
        key = (measure.dimension, measure.group)
        if key in seen:
            whom = "" if measure.group is None else f" for group {measure.group!r}"
            report(policy, f"measures[{i}].dimension", f"a second measure on {dim.id!r}{whom}")
        seen.add(key)
        if measure.level > dim.max_level:
            report(
                policy,
                f"measures[{i}].level",
                f"{dim.id!r} has levels 0-{dim.max_level} (got {measure.level})",
            )
        if measure.scope is Scope.TARGETED and not dim.flag:
            report(
                policy,
                f"measures[{i}].scope",
                f"{dim.id!r} carries no scope flag, so a measure cannot be 'targeted'",
            )
    order = [
        ("announced", policy.announced),
        ("effective", policy.effective),
        ("ended", policy.ended),
    ]
    for i, measure in enumerate(policy.measures):
        _check_measure_dates(policy, i, measure, report)
    for a, (name_a, date_a) in enumerate(order):
        for name_b, date_b in order[a + 1 :]:
            if _before(date_b, date_a):
                report(
                    policy,
                    name_b,
                    f"{name_b} {date_b} cannot be before {name_a} {date_a}",
                )
    start = policy.effective or policy.announced
    if (
        policy.ended is not None
        and start is not None
        and not _before(policy.ended, start)
        and policy.ended.latest <= start.earliest
    ):
        report(
            policy,
            "ended",
            f"ended {policy.ended} is the first day out of force, so a policy from {start} "
            f"would be in force on no day (a policy in force on {start.earliest} alone ends "
            f"{start.earliest.add(days=1)})",
        )


def _check_measure_dates(policy: Policy, i: int, measure: Measure, report: _Report) -> None:
    """Reports a measure dated certainly outside its policy, or ending before it starts."""
    if measure.effective is None and measure.ended is None:
        return
    # The earliest the policy can count from under either start rule.
    start = policy.announced or policy.effective
    field = f"measures[{i}]"
    for name, date in (("effective", measure.effective), ("ended", measure.ended)):
        if _before(date, start):
            report(
                policy, f"{field}.{name}", f"{name} {date} is before its policy starts ({start})"
            )
    if measure.effective is not None and _before(policy.ended, measure.effective):
        report(
            policy,
            f"{field}.effective",
            f"effective {measure.effective} is after its policy ended ({policy.ended})",
        )
    if _before(policy.ended, measure.ended):
        report(
            policy,
            f"{field}.ended",
            f"ended {measure.ended} is after its policy ended ({policy.ended})",
        )
    if _before(measure.ended, measure.effective):
        report(
            policy,
            f"{field}.ended",
            f"ended {measure.ended} cannot be before effective {measure.effective}",
        )


def _include_cycles(outcomes: Iterable[Outcome]) -> list[list[str]]:
    """A cycle of ``includes`` for each way back into a path (depth first, ids sorted)."""
    edges = {o.id: sorted(o.includes) for o in outcomes if o.includes}
    done: set[str] = set()
    cycles: list[list[str]] = []
    for start in sorted(edges):
        if start in done:
            continue
        path: list[str] = [start]
        stack = [iter(edges[start])]
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                done.add(path.pop())
                stack.pop()
            elif nxt in path:
                cycles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in done and nxt in edges:
                path.append(nxt)
                stack.append(iter(edges[nxt]))
    return cycles


def _before(later: UncertainDate | None, earlier: UncertainDate | None) -> bool:
    return later is not None and earlier is not None and later.latest < earlier.earliest


def _graph_cycles(graph: Mapping[str, list[str]]) -> list[list[str]]:
    """One cycle of *graph* per edge that closes one, each ``[a, b, ..., a]`` from its least id.

    Every link kind orders policies (the later amends, implements or supersedes the earlier;
    the part lies inside the whole), so no kind may loop back on itself.
    """
    found: dict[tuple[str, ...], list[str]] = {}
    state: dict[str, int] = {}  # 1: on the path being walked, 2: done
    for root in sorted(graph):
        if root in state:
            continue
        path: list[str] = [root]
        state[root] = 1
        stack = [iter(sorted(graph.get(root, ())))]
        while stack:
            node = next(stack[-1], None)
            if node is None:
                stack.pop()
                state[path.pop()] = 2
            elif state.get(node) == 1:
                loop = path[path.index(node) :]
                least = loop.index(min(loop))
                loop = loop[least:] + loop[:least]
                found.setdefault(tuple(loop), [*loop, loop[0]])
            elif node not in state:
                state[node] = 1
                path.append(node)
                stack.append(iter(sorted(graph.get(node, ()))))
    return [found[key] for key in sorted(found)]


def _cycles(edges: Mapping[str, str]) -> list[str]:
    """The smallest id on each cycle of a functional graph."""
    found: set[str] = set()
    done: set[str] = set()
    for start in edges:
        path: list[str] = []
        node: str | None = start
        while node is not None and node not in done and node not in path:
            path.append(node)
            node = edges.get(node)
        if node is not None and node in path:
            found.add(min(path[path.index(node) :]))
        done.update(path)
    return sorted(found)
