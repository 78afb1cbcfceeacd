"""Robustness across the choices that matter: a specification curve, or multiverse analysis.

A conclusion such as "the composite rose from t1 to t2" rests on choices besides the data:
the weights, how an unknown dimension counts, which series is read, whether policies count
from their effective date or their announcement, whether subdivisions count, which sources
count and how sure a coding must be. Following the specification-curve analysis of
Simonsohn, Simmons and Nelson (2020) and the multiverse analysis of Steegen, Tuerlinckx,
Gelman and Vanpaemel (2016), the conclusion is computed under every combination of the rules
(the unknown rule, the series, the start rule, the subdivision rule, and the codebook's or equal
weights), and under the default with one more thing changed at a time (each weight halved,
doubled or dropped; each source left out; each kind of source left out; measures and links
below each confidence left out). The answer is how many specifications support it, the range
of the change, the list of specifications, and the choices that flip it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping

import attrs
import pendulum

from policytrack.analysis.coverage import SourceCoverage, coverage
from policytrack.analysis.defaults import own_codebook
from policytrack.analysis.index import index_of, resolve_weights
from policytrack.analysis.scoring import Scoring, select
from policytrack.analysis.timeline import Timeline, timeline
from policytrack.model.arguments import (
    DateLike,
    Jurisdiction,
    checked,
    end_day,
    legacy_codebook,
    ordered,
    start_day,
)
from policytrack.model.codebook import Codebook
from policytrack.model.dataset import Dataset
from policytrack.vocab import Confidence, Reliability, Series, StartRule, UnknownRule

__all__ = ["Multiverse", "Specification", "multiverse"]

_HOLDS = 1e-9
"""A change above this is a rise (floating-point sums of equal values may differ by less)."""


@attrs.frozen
class Specification:
    """One combination of choices and the conclusion's change under it.

    Attributes:
        choices: Each choice and the option taken (``{"unknown": "skip", ...}``).
        scoring: The same choices as a :class:`~policytrack.analysis.scoring.Scoring`.
        before: The composite on the first day (None: unknown).
        after: The composite on the last day (None: unknown).
        change: ``after - before``, an unknown value counting as 0.
        name: What differs from the default, in words ("unknown skip; latest series").
    """

    choices: Mapping[str, str]
    scoring: Scoring
    before: float | None
    after: float | None
    change: float
    name: str = "defaults"

    @property
    def holds(self) -> bool:
        """Whether the conclusion (a rise) holds under this specification."""
        return self.change > _HOLDS


@attrs.frozen
class Multiverse:
    """A conclusion under every specification.

    Attributes:
        conclusion: The conclusion in words.
        jurisdiction: The ISO 3166 code.
        start: The earlier day.
        end: The later day.
        default: The specification of the choices asked for.
        specifications: Every specification, the default first.
        coverage: Which sources speak to the jurisdiction from *start* to *end*.
    """

    conclusion: str
    jurisdiction: str
    start: pendulum.Date
    end: pendulum.Date
    default: Specification
    specifications: tuple[Specification, ...]
    coverage: SourceCoverage | None = None

    @property
    def supporting(self) -> int:
        """How many specifications support the conclusion."""
        return sum(s.holds for s in self.specifications)

    @property
    def low(self) -> float:
        """The smallest change across the specifications."""
        return min(s.change for s in self.specifications)

    @property
    def high(self) -> float:
        """The largest change across the specifications."""
        return max(s.change for s in self.specifications)

    @property
    def flips(self) -> tuple[str, ...]:
        """The choices (``choice=option``) under which the answer differs from the default's."""
        found: dict[str, None] = {}
        for spec in self.specifications:
            if spec.holds == self.default.holds:
                continue
            for choice, option in spec.choices.items():
                if self.default.choices.get(choice) != option:
                    found[f"{choice}={option}"] = None
        return tuple(found)

    def summary(self) -> str:
        """One line: "rose in 48 of 48 specifications; change +13.5 to +85.7"."""
        verb = "rose" if self.default.holds else "did not rise"
        total = len(self.specifications)
        count = self.supporting if self.default.holds else total - self.supporting
        text = (
            f"{verb} in {count} of {total} specifications; "
            f"change {self.low:+.1f} to {self.high:+.1f}"
        )
        if self.flips:
            text += "; flipped by " + ", ".join(self.flips)
        return text

    def caveats(self) -> tuple[str, ...]:
        """What the answer rests on: the window's coverage and each gap in it, in words."""
        if self.coverage is None:
            return ()
        return (self.coverage.summary(), *self.coverage.sentences())


def _rules(
    base: Scoring, equal: Mapping[str, float] | None
) -> Iterator[tuple[dict[str, str], Scoring]]:
    """Every combination of the rules, and of the default and *equal* weights (when given)."""
    weights = ("codebook", "equal") if equal is not None else ("codebook",)
    for unknown, series, rule, subdivisions, weighting in itertools.product(
        UnknownRule, Series, StartRule, (True, False), weights
    ):
        choices = {
            "weights": weighting,
            "unknown": unknown.value,
            "series": series.value,
            "start_rule": rule.value,
            "subdivisions": "with" if subdivisions else "without",
        }
        yield (
            choices,
            attrs.evolve(
                base,
                unknown=unknown,
                series=series,
                start_rule=rule,
                subdivisions=subdivisions,
                weights=base.weight_map if weighting == "codebook" else equal,
            ),
        )


def _default_choices(base: Scoring) -> dict[str, str]:
    return {
        "weights": "codebook" if base.weights is None else "given",
        "unknown": base.unknown.value,
        "series": base.series.value,
        "start_rule": base.start_rule.value,
        "subdivisions": "with" if base.subdivisions else "without",
    }


@legacy_codebook
@checked
def multiverse(
    dataset: Dataset,
    jurisdiction: Jurisdiction,
    start: DateLike,
    end: DateLike,
    *,
    codebook: Codebook | None = None,
    scoring: Scoring | None = None,
) -> Multiverse:
    """Whether the composite of *jurisdiction* rose from *start* to *end*, in every specification.

    The specifications are those of the module docstring.

    Args:
        dataset: The records.
        codebook: The codebook; by default the one the dataset names.
        jurisdiction: ISO 3166 code.
        start: The earlier day (a date or EDTF text: ``"2012"`` is 2012-01-01).
        end: The later day (``"2023"`` is 2023-12-31).
        scoring: The default specification (by default every default choice).

    Raises:
        WeightError: The default weights are not valid for the codebook.
    """
    codebook = own_codebook(dataset, codebook)
    start, end = start_day(start, "start"), end_day(end, "end")
    ordered(("start", start), ("end", end))
    base = scoring or Scoring()
    weights = resolve_weights(codebook, base.weight_map)
    equal = {d.id: 1.0 for d in codebook.dimensions}
    timelines: dict[tuple[object, ...], Timeline] = {}
    selected: dict[tuple[object, ...], Dataset] = {}

    def run(choices: dict[str, str], spec: Scoring, name: str) -> Specification:
        filters = (spec.min_confidence, spec.source_kinds, spec.leave_out)
        data = selected.get(filters)
        if data is None:
            data = selected[filters] = select(dataset, spec)
        key = (*filters, spec.start_rule, spec.subdivisions)
        tl = timelines.get(key)
        if tl is None:
            tl = timelines[key] = timeline(
                data,
                jurisdiction,
                codebook=codebook,
                start_rule=spec.start_rule,
                subdivisions=spec.subdivisions,
            )
        idx = index_of(tl, codebook, weights=spec.weight_map, unknown=spec.unknown)
        before, after = idx.value(start, spec.series), idx.value(end, spec.series)
        change = (after or 0.0) - (before or 0.0)
        return Specification(choices, spec, before, after, change, name)

    default = run(_default_choices(base), base, "defaults")
    specs: dict[Scoring, Specification] = {base: default}
    differ = any(abs(weights[k] - 1.0) > 1e-12 for k in weights)
    for choices, spec in _rules(base, equal if differ else None):
        label = "; ".join(f"{k} {v}" for k, v in choices.items() if default.choices.get(k) != v)
        result = run(choices, spec, label or "defaults")
        specs.setdefault(result.scoring, result)
    one_at_a_time: list[tuple[dict[str, str], Scoring]] = []
    for dim in codebook.dimensions:
        if weights[dim.id] == 0:
            continue
        for factor, label in ((0.5, "x0.5"), (2.0, "x2")):
            varied = {**weights, dim.id: weights[dim.id] * factor}
            one_at_a_time.append(
                ({"weights": f"{dim.id} {label}"}, attrs.evolve(base, weights=varied))
            )
        dropped = {**weights, dim.id: 0.0}
        if any(dropped.values()):
            one_at_a_time.append(
                ({"weights": f"without {dim.id}"}, attrs.evolve(base, weights=dropped))
            )
    for source in dataset.sources:
        one_at_a_time.append(
            (
                {"sources": f"without {source.id}"},
                attrs.evolve(base, leave_out={source.id, *base.leave_out}),
            )
        )
    kinds = sorted({s.reliability for s in dataset.sources})
    for kind in kinds:
        if len(kinds) > 1:
            allowed = Reliability if base.source_kinds is None else base.source_kinds
            others = frozenset(k for k in allowed if k is not kind)
            one_at_a_time.append(
                ({"source_kinds": f"without {kind.value}"}, attrs.evolve(base, source_kinds=others))
            )
    for least in (Confidence.PROBABLE, Confidence.CERTAIN):
        if least.rank < base.min_confidence.rank:
            one_at_a_time.append(
                ({"min_confidence": least.value}, attrs.evolve(base, min_confidence=least))
            )
    for extra, spec in one_at_a_time:
        ((choice, option),) = extra.items()
        result = run({**_default_choices(base), **extra}, spec, f"{choice} {option}")
        specs.setdefault(result.scoring, result)
    return Multiverse(
        f"did the composite for {jurisdiction} rise from {start} to {end}",
        jurisdiction,
        start,
        end,
        default,
        tuple(specs.values()),
        coverage(dataset, jurisdiction, start, end, scoring=base),
    )
