"""Intercoder reliability: two codings of the same sources, matched and compared.

``policytrack.coding.agreement`` (``policytrack.agreement`` before release 0.2).

Two coders code the same articles into two datasets. :func:`intercoder_agreement` finds the
sources both coded (the same text, by SHA-256, whatever its id), matches each policy of one
coding to the policy of the other whose quotes cover the most of the same words, and compares
the matched policies dimension by dimension.

**Units.** For each matched pair, every dimension of the codebook that either coder scored
with a quote from a compared source is one unit. A measure whose every quote comes from a
source only one coder coded is left out: the other coder never read it. A dimension scored by
one coder only counts as that coder's level against level 0 (``missing="zero"``, the usual
reading: not scoring a dimension says the policy does nothing on it), or is left out of the
agreement and unpaired in alpha (``missing="skip"``). Policies without a match are listed
but form no units.

**Figures.** Percent agreement on levels and, for units both coders scored on a flagged
dimension, on scope; and Krippendorff's alpha with the ordinal metric over the levels
(:func:`krippendorff_alpha`, after Krippendorff 2011, "Computing Krippendorff's
Alpha-Reliability").
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

import attrs

from policytrack.coding.alpha import Alpha, AlphaMetric, krippendorff_alpha
from policytrack.coding.variables import VariableAgreement, date_units, variable
from policytrack.model.arguments import checked
from policytrack.model.codebook import Codebook
from policytrack.model.dataset import Dataset
from policytrack.model.provenance import evidence_of
from policytrack.model.records import Evidence, Measure, Outcome, Policy, Scope
from policytrack.vocab import MissingRule

_R = TypeVar("_R", Policy, Outcome)

__all__ = [
    "Agreement",
    "AgreementUnit",
    "Alpha",
    "AlphaMetric",
    "DimensionAgreement",
    "MissingRule",
    "PolicyMatch",
    "intercoder_agreement",
    "krippendorff_alpha",
]


@attrs.frozen
class PolicyMatch:
    """A policy of the first coding and its counterpart in the second (None when unmatched).

    Attributes:
        first: The policy's id in the first coding.
        second: The policy's id in the second coding.
        overlap: The share of quoted characters the two have in common in the compared
            sources (characters quoted by both / characters quoted by either).
        first_title: The first coding's title.
        second_title: The second coding's title.
    """

    first: str | None
    second: str | None
    overlap: float = 0.0
    first_title: str | None = None
    second_title: str | None = None


@attrs.frozen
class AgreementUnit:
    """One dimension of one matched pair of policies, as each coder scored it.

    Attributes:
        first_policy: The policy's id in the first coding.
        second_policy: Its id in the second coding.
        dimension: The codebook dimension.
        first_level: The first coder's level (None when not scored).
        second_level: The second coder's level (None when not scored).
        first_scope: The first coder's scope on a flagged dimension.
        second_scope: The second coder's scope on a flagged dimension.
        first_evidence: The first coder's quotes for the level.
        second_evidence: The second coder's quotes for the level.
        first_reason: The first coder's reason.
        second_reason: The second coder's reason.
    """

    first_policy: str
    second_policy: str
    dimension: str
    first_level: int | None
    second_level: int | None
    first_scope: Scope | None = None
    second_scope: Scope | None = None
    first_evidence: tuple[Evidence, ...] = ()
    second_evidence: tuple[Evidence, ...] = ()
    first_reason: str | None = None
    second_reason: str | None = None

    def levels(self, missing: MissingRule) -> tuple[int | None, int | None]:
        """Both levels, a missing one as 0 under ``missing="zero"``."""
        if missing is MissingRule.ZERO:
            return (self.first_level or 0, self.second_level or 0)
        return (self.first_level, self.second_level)

    @property
    def scope_compared(self) -> bool:
        """Whether both coders gave a scope (both scored a flagged dimension)."""
        return self.first_scope is not None and self.second_scope is not None


@attrs.frozen
class DimensionAgreement:
    """Agreement on one dimension (or on all, ``dimension="all"``).

    Attributes:
        dimension: The dimension's id, or ``all``.
        units: Units compared on levels.
        level_agreements: Units whose levels agree.
        scope_units: Units both coders scored on a flagged dimension.
        scope_agreements: Those whose scopes agree.
        full_agreements: Units whose levels agree, and whose scopes agree where both gave one.
        alpha: Krippendorff's alpha (ordinal) over these units' levels.
    """

    dimension: str
    units: int
    level_agreements: int
    scope_units: int
    scope_agreements: int
    full_agreements: int
    alpha: Alpha

    @property
    def level_agreement(self) -> float | None:
        """The share of units whose levels agree."""
        return self.level_agreements / self.units if self.units else None

    @property
    def scope_agreement(self) -> float | None:
        """The share of scope-compared units whose scopes agree."""
        return self.scope_agreements / self.scope_units if self.scope_units else None

    @property
    def full_agreement(self) -> float | None:
        """The share of units that agree on level and scope."""
        return self.full_agreements / self.units if self.units else None


@attrs.frozen
class Agreement:
    """Two codings of the same sources compared.

    Attributes:
        sources: The compared sources (ids of the first coding).
        matches: Every policy in scope: matched pairs first, then either coding's unmatched.
        units: The units compared, pair by pair, in codebook order.
        dimensions: Agreement per dimension that has units, in codebook order.
        overall: Agreement over every unit.
        scope_alpha: Krippendorff's alpha (nominal) on scope, over the units both coders
            scored on a flagged dimension.
        missing: How a dimension scored by one coder only was counted.
        variables: Agreement per coded variable (level, scope, dimension, start, end, role),
            each with alpha and a bootstrap 95% interval.
        outcome_matches: The outcomes matched by their quotes (first id, second id).
    """

    sources: tuple[str, ...]
    matches: tuple[PolicyMatch, ...]
    units: tuple[AgreementUnit, ...]
    dimensions: tuple[DimensionAgreement, ...]
    overall: DimensionAgreement
    scope_alpha: Alpha
    missing: MissingRule = MissingRule.ZERO
    variables: tuple[VariableAgreement, ...] = ()
    outcome_matches: tuple[tuple[str, str], ...] = ()

    @property
    def alpha(self) -> float | None:
        """Krippendorff's alpha (ordinal) on levels over every unit."""
        return self.overall.alpha.value

    @property
    def disagreements(self) -> tuple[AgreementUnit, ...]:
        """Units whose levels differ, or whose scopes differ where both coders gave one."""
        return tuple(u for u in self.units if not _agrees(u, self.missing, full=True))


def _agrees(unit: AgreementUnit, missing: MissingRule, *, full: bool) -> bool:
    first, second = unit.levels(missing)
    same = first == second
    if full and unit.scope_compared:
        same = same and unit.first_scope == unit.second_scope
    return same


def _coded_sources(dataset: Dataset) -> set[str]:
    return {item.source for record in dataset.records() for _, item in evidence_of(record)}


def _covered(items: Sequence[Evidence]) -> dict[str, list[tuple[int, int]]]:
    """Quoted stretches per source, overlapping quotes merged."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for item in sorted(items, key=lambda e: (e.source, e.start, e.end)):
        runs = spans.setdefault(item.source, [])
        if runs and item.start <= runs[-1][1]:
            runs[-1] = (runs[-1][0], max(runs[-1][1], item.end))
        else:
            runs.append((item.start, item.end))
    return spans


def _length(runs: Sequence[tuple[int, int]]) -> int:
    return sum(end - start for start, end in runs)


def _shared(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> int:
    total = i = j = 0
    while i < len(a) and j < len(b):
        low, high = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        total += max(0, high - low)
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return total


def _overlap(a: Sequence[Evidence], b: Sequence[Evidence]) -> float:
    spans_a, spans_b = _covered(a), _covered(b)
    shared = sum(_shared(runs, spans_b.get(s, [])) for s, runs in spans_a.items())
    either = sum(_length(r) for r in spans_a.values()) + sum(_length(r) for r in spans_b.values())
    either -= shared
    return shared / either if either else 0.0


def _renamed(items: Sequence[Evidence], names: Mapping[str, str]) -> list[Evidence]:
    return [attrs.evolve(e, source=names.get(e.source, e.source)) for e in items]


def _measure(
    policy: Policy, dimension: str, sources: set[str], names: Mapping[str, str]
) -> Measure | None:
    for measure in policy.measures:
        if measure.dimension == dimension:
            quotes = [e for e in measure.evidence if names.get(e.source, e.source) in sources]
            if quotes:
                return measure
    return None


def _summarise(
    dimension: str, units: Sequence[AgreementUnit], missing: MissingRule
) -> DimensionAgreement:
    compared = [u for u in units if None not in u.levels(missing)]
    scoped = [u for u in compared if u.scope_compared]
    return DimensionAgreement(
        dimension=dimension,
        units=len(compared),
        level_agreements=sum(_agrees(u, missing, full=False) for u in compared),
        scope_units=len(scoped),
        scope_agreements=sum(u.first_scope == u.second_scope for u in scoped),
        full_agreements=sum(_agrees(u, missing, full=True) for u in compared),
        alpha=krippendorff_alpha([list(u.levels(missing)) for u in units], AlphaMetric.ORDINAL),
    )


@checked
def intercoder_agreement(
    first: Dataset,
    second: Dataset,
    codebook: Codebook,
    *,
    sources: Sequence[str] | None = None,
    missing: MissingRule = MissingRule.ZERO,
    resamples: int = 1000,
) -> Agreement:
    """Compare two codings of the same sources, policy by policy and dimension by dimension.

    Args:
        first: The first coding.
        second: The second coding.
        codebook: The codebook both scored their measures on.
        sources: Ids (in the first coding) of the sources to compare; by default every source
            both codings quote.
        missing: How a dimension scored by one coder only is counted.
        resamples: Resamples of each variable's bootstrap interval for alpha.

    Returns:
        The matches, the units, agreement per dimension and overall, and the disagreements.
    """
    # The same text may carry a different id in each coding: match sources by hash.
    by_hash = {s.sha256: s.id for s in first.sources}
    names = {s.id: by_hash.get(s.sha256, s.id) for s in second.sources}
    compared = _coded_sources(first) & {names.get(s, s) for s in _coded_sources(second)}
    if sources is not None:
        compared &= set(sources)

    def quotes_of(record: Policy | Outcome, renames: Mapping[str, str]) -> list[Evidence]:
        items = _renamed([item for _, item in evidence_of(record)], renames)
        return [e for e in items if e.source in compared]

    firsts = [(p, quotes_of(p, {})) for p in first.policies]
    seconds = [(p, quotes_of(p, names)) for p in second.policies]
    firsts = [(p, q) for p, q in firsts if q]
    seconds = [(p, q) for p, q in seconds if q]

    matched = _match(firsts, seconds)
    used_a = {a.id for _, a, _ in matched}
    used_b = {b.id for _, _, b in matched}
    order = {p.id: i for i, p in enumerate(first.policies)}
    matched.sort(key=lambda t: order[t[1].id])

    units: list[AgreementUnit] = []
    assigned: list[list[Hashable | None]] = []
    dated: list[tuple[Measure, Policy, Measure, Policy]] = []
    flagged = {d.id for d in codebook.dimensions if d.flag}
    for _, a, b in matched:
        for dimension in codebook.dimensions:
            ma = _measure(a, dimension.id, compared, {})
            mb = _measure(b, dimension.id, compared, names)
            assigned.append([ma is not None, mb is not None])
            if ma is None and mb is None:
                continue
            if ma is not None and mb is not None:
                dated.append((ma, a, mb, b))
            scope = dimension.id in flagged
            units.append(
                AgreementUnit(
                    first_policy=a.id,
                    second_policy=b.id,
                    dimension=dimension.id,
                    first_level=ma.level if ma else None,
                    second_level=mb.level if mb else None,
                    first_scope=ma.scope if ma and scope else None,
                    second_scope=mb.scope if mb and scope else None,
                    first_evidence=ma.evidence if ma else (),
                    second_evidence=mb.evidence if mb else (),
                    first_reason=ma.reason if ma else None,
                    second_reason=mb.reason if mb else None,
                )
            )

    matches = [PolicyMatch(a.id, b.id, score, a.title, b.title) for score, a, b in matched]
    matches += [
        PolicyMatch(p.id, None, first_title=p.title) for p, _ in firsts if p.id not in used_a
    ]
    matches += [
        PolicyMatch(None, p.id, second_title=p.title) for p, _ in seconds if p.id not in used_b
    ]
    dimensions = tuple(
        _summarise(d.id, [u for u in units if u.dimension == d.id], missing)
        for d in codebook.dimensions
        if any(u.dimension == d.id for u in units)
    )
    scoped: list[list[Hashable | None]] = [
        [u.first_scope, u.second_scope] for u in units if u.scope_compared
    ]
    overall = _summarise("all", units, missing)
    roles = _match(
        [(o, q) for o in first.outcomes if (q := quotes_of(o, {}))],
        [(o, q) for o in second.outcomes if (q := quotes_of(o, names))],
    )
    levels: list[list[Hashable | None]] = [list(u.levels(missing)) for u in units]
    variables = (
        variable(
            "level", AlphaMetric.ORDINAL, levels, overall.level_agreements, resamples=resamples
        ),
        variable("scope", AlphaMetric.NOMINAL, scoped, resamples=resamples),
        variable("dimension", AlphaMetric.NOMINAL, assigned, resamples=resamples),
        *date_units(dated, resamples=resamples),
        variable(
            "role",
            AlphaMetric.NOMINAL,
            [[a.role, b.role] for _, a, b in roles],
            resamples=resamples,
        ),
    )
    return Agreement(
        sources=tuple(s.id for s in first.sources if s.id in compared),
        matches=tuple(matches),
        units=tuple(units),
        dimensions=dimensions,
        overall=overall,
        scope_alpha=krippendorff_alpha(scoped, AlphaMetric.NOMINAL),
        missing=missing,
        variables=variables,
        outcome_matches=tuple((a.id, b.id) for _, a, b in roles),
    )


def _match(
    firsts: Sequence[tuple[_R, list[Evidence]]], seconds: Sequence[tuple[_R, list[Evidence]]]
) -> list[tuple[float, _R, _R]]:
    """Pairs of records matched greedily by the share of quoted words they have in common."""
    pairs = []
    for a, quotes_a in firsts:
        for b, quotes_b in seconds:
            score = _overlap(quotes_a, quotes_b)
            if score > 0:
                pairs.append((score, a, b))
    # Greedy by overlap; ties broken by the two ids in sorted order, so that swapping the two
    # codings gives the same matches.
    pairs.sort(key=lambda t: (-t[0], sorted((t[1].id, t[2].id))))
    matched: list[tuple[float, _R, _R]] = []
    used_a: set[str] = set()
    used_b: set[str] = set()
    for score, a, b in pairs:
        if a.id not in used_a and b.id not in used_b:
            matched.append((score, a, b))
            used_a.add(a.id)
            used_b.add(b.id)
    return matched
