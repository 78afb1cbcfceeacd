"""One value for every choice an index rests on, and the records those choices leave in.

A :class:`Scoring` gathers the weights, the unknown rule, the start rule, the subdivision rule,
the series, the least confidence a measure or link must have, and which sources count (by id
and by kind). The index, escalation, comparison and sensitivity analyses each take one, so a
choice is written once and a result can say which choices it rests on.

:func:`select` applies the filters to a dataset: the records an analysis under a scoring sees.
"""

from __future__ import annotations

import inspect
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from policytrack.model.arguments import checked
from policytrack.model.dataset import Dataset
from policytrack.model.records import Evidence, Link, Policy, Source
from policytrack.vocab import Confidence, Reliability, Series, StartRule, UnknownRule

__all__ = ["Scoring", "legacy_scoring", "select"]


def _frozen_weights(value: Mapping[str, float] | None) -> tuple[tuple[str, float], ...] | None:
    return None if value is None else tuple(sorted((str(k), float(v)) for k, v in value.items()))


def _frozen_kinds(value: Iterable[Reliability] | None) -> tuple[Reliability, ...] | None:
    return None if value is None else tuple(sorted({Reliability(k) for k in value}))


def _frozen_ids(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(value)))


@attrs.frozen
class Scoring:
    """The choices an index rests on, as one value.

    Attributes:
        weights: Weights to use instead of the codebook's, as ``(dimension, weight)`` pairs
            (a mapping is accepted and frozen); None: the codebook's.
        unknown: How unknown dimensions enter the composite.
        start_rule: Whether policies count from their effective date or their announcement.
        subdivisions: Whether policies of subdivisions count (as targeted).
        series: Which series a single answer reads (earliest or latest).
        min_confidence: The least confidence a measure or link must have to count.
        source_kinds: Only sources of these kinds count (any iterable, kept sorted); None:
            every kind.
        leave_out: Ids of sources that do not count (any iterable, kept sorted).
    """

    weights: tuple[tuple[str, float], ...] | None = attrs.field(
        default=None, converter=_frozen_weights
    )
    unknown: UnknownRule = UnknownRule.ZERO
    start_rule: StartRule = StartRule.EFFECTIVE
    subdivisions: bool = True
    series: Series = Series.EARLIEST
    min_confidence: Confidence = Confidence.POSSIBLE
    source_kinds: tuple[Reliability, ...] | None = attrs.field(
        default=None, converter=_frozen_kinds
    )
    leave_out: tuple[str, ...] = attrs.field(default=(), converter=_frozen_ids)

    @property
    def weight_map(self) -> dict[str, float] | None:
        """The weights as a mapping, or None for the codebook's."""
        return None if self.weights is None else dict(self.weights)

    @property
    def filters(self) -> bool:
        """Whether the scoring leaves any record out."""
        return (
            self.min_confidence is not Confidence.POSSIBLE
            or self.source_kinds is not None
            or bool(self.leave_out)
        )

    def describe(self) -> str:
        """The choices in words, defaults left out ("unknown skip, latest series")."""
        parts = []
        if self.weights is not None:
            parts.append("weights " + ", ".join(f"{k}={v:g}" for k, v in self.weights))
        if self.unknown is not UnknownRule.ZERO:
            parts.append(f"unknown {self.unknown.value}")
        if self.start_rule is not StartRule.EFFECTIVE:
            parts.append(f"counted from {self.start_rule.value}")
        if not self.subdivisions:
            parts.append("without subdivisions")
        if self.series is not Series.EARLIEST:
            parts.append(f"{self.series.value} series")
        if self.min_confidence is not Confidence.POSSIBLE:
            parts.append(f"{self.min_confidence.value} or surer")
        if self.source_kinds is not None:
            parts.append("only " + ", ".join(sorted(k.value for k in self.source_kinds)))
        if self.leave_out:
            parts.append("without " + ", ".join(sorted(self.leave_out)))
        return "; ".join(parts) or "defaults"


def legacy_scoring(scoring: Scoring | None, where: str, **given: Any) -> Scoring:
    """*scoring* with the choices passed the old way (keyword by keyword) applied, warning once.

    Each of *given* that is not None is a keyword argument a caller passed instead of a
    :class:`Scoring`; it still works for a release, with a :class:`DeprecationWarning`.
    """
    chosen = {k: v for k, v in given.items() if v is not None}
    base = scoring or Scoring()
    if not chosen:
        return base
    names = ", ".join(sorted(chosen))
    warnings.warn(
        f"{where}: passing {names} as keyword arguments is deprecated; "
        f"pass scoring=Scoring(...) instead",
        DeprecationWarning,
        stacklevel=_caller_level(),
    )
    return attrs.evolve(base, **chosen)


_PACKAGE = str(Path(__file__).resolve().parents[1])


def _caller_level() -> int:
    """The stack level of the first caller outside policytrack, for :func:`warnings.warn`.

    The analyses are wrapped (argument checks, the old codebook form), so a fixed level would
    name a wrapper, and Python shows a DeprecationWarning only where the caller's code is.
    """
    level, frame = 1, inspect.currentframe()
    frame = frame.f_back if frame is not None else None  # legacy_scoring, which warns
    while frame is not None and frame.f_back is not None:
        if not frame.f_code.co_filename.startswith(_PACKAGE):
            break
        frame, level = frame.f_back, level + 1
    return level


@checked
def select(dataset: Dataset, scoring: Scoring) -> Dataset:
    """The records an analysis under *scoring* sees.

    A quote from a source left out (by id or kind) does not count; a measure or link below
    the least confidence does not count. A measure with no quote left is left out, a policy
    with no measure left is left out, and so is a link to or from it; an outcome or claim
    with no quote left is left out. With no filter, *dataset* itself is returned.
    """
    if not scoring.filters:
        return dataset
    gone = set(scoring.leave_out)
    if scoring.source_kinds is not None:
        gone |= {s.id for s in dataset.sources if s.reliability not in scoring.source_kinds}
    least = scoring.min_confidence

    def kept(evidence: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
        return tuple(e for e in evidence if e.source not in gone) if gone else evidence

    policies: list[Policy] = []
    for policy in dataset.policies:
        measures = []
        for measure in policy.measures:
            quotes = kept(measure.evidence)
            if quotes and measure.confidence.at_least(least):
                same = quotes == measure.evidence
                measures.append(measure if same else attrs.evolve(measure, evidence=quotes))
        if not measures:
            continue
        quotes = kept(policy.evidence) or tuple(e for m in measures for e in m.evidence)
        policies.append(attrs.evolve(policy, measures=tuple(measures), evidence=quotes))
    present = {p.id for p in policies}
    links: list[Link] = [
        attrs.evolve(link, evidence=kept(link.evidence))
        for link in dataset.links
        if link.confidence.at_least(least)
        and kept(link.evidence)
        and {link.from_policy, link.to_policy} <= present
    ]
    sources: list[Source] = [s for s in dataset.sources if s.id not in gone]
    return attrs.evolve(
        dataset,
        sources=tuple(sources),
        policies=tuple(policies),
        links=tuple(links),
        outcomes=tuple(
            attrs.evolve(o, evidence=kept(o.evidence)) for o in dataset.outcomes if kept(o.evidence)
        ),
        claims=tuple(
            attrs.evolve(c, evidence=kept(c.evidence)) for c in dataset.claims if kept(c.evidence)
        ),
    )
