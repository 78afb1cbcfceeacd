"""Sensitivity of a conclusion to the index's weights.

``policytrack.analysis.sensitivity`` (``policytrack._sensitivity`` before release 0.2).

A conclusion ("the composite rose between t1 and t2", "policy A is stricter than policy B") has a
*margin* under any weighting: positive when it holds. It is tested under the baseline weights and
every weighting in the neighbourhood: each weight halved, each doubled, each dimension dropped in
turn. The extremes (all weight on one dimension) show which weighting, if any, would flip it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol, runtime_checkable

import attrs
import pendulum

from policytrack.analysis.compare import policy_score
from policytrack.analysis.defaults import own_codebook
from policytrack.analysis.index import UnknownRule, index_of, resolve_weights
from policytrack.analysis.timeline import Series, StartRule, timeline
from policytrack.model.arguments import checked, legacy_codebook
from policytrack.model.codebook import Codebook
from policytrack.model.dataset import Dataset
from policytrack.model.edges import Edges

__all__ = [
    "CompositeRose",
    "Conclusion",
    "PolicyStricter",
    "Sensitivity",
    "Variant",
    "sensitivity",
]

Margin = Callable[[Mapping[str, float]], float]


@runtime_checkable
class Conclusion(Protocol):
    """Something that holds or not under a weighting."""

    def describe(self) -> str:
        """The conclusion in words."""
        ...

    def margin(self, dataset: Dataset, codebook: Codebook) -> Margin:
        """A function from weights to the margin (> 0: the conclusion holds)."""
        ...


@attrs.frozen
class CompositeRose:
    """The conclusion that the composite of *jurisdiction* was higher on *end* than on *start*.

    Attributes:
        jurisdiction: ISO 3166 code.
        start: The earlier day.
        end: The later day.
        series: Which series to read.
        unknown: How unknown dimensions enter the composite.
        start_rule: Whether policies count from their effective date or announcement.
    """

    jurisdiction: str
    start: pendulum.Date
    end: pendulum.Date
    series: Series = Series.EARLIEST
    unknown: UnknownRule = UnknownRule.ZERO
    start_rule: StartRule = StartRule.EFFECTIVE

    def describe(self) -> str:
        """The conclusion in words."""
        return (
            f"the composite for {self.jurisdiction} rose from {self.start} to {self.end} "
            f"({self.series.value} series)"
        )

    def margin(self, dataset: Dataset, codebook: Codebook) -> Margin:
        """Composite on *end* minus composite on *start* (unknown as 0), per weighting."""
        tl = timeline(dataset, self.jurisdiction, start_rule=self.start_rule, codebook=codebook)

        def margin(weights: Mapping[str, float]) -> float:
            idx = index_of(tl, codebook, weights=weights, unknown=self.unknown)
            after = idx.value(self.end, self.series) or 0.0
            return after - (idx.value(self.start, self.series) or 0.0)

        return margin


@attrs.frozen
class PolicyStricter:
    """The conclusion that policy *first* scores higher than policy *second* on the composite.

    Attributes:
        first: The first policy's id.
        second: The second policy's id.
    """

    first: str
    second: str

    def describe(self) -> str:
        """The conclusion in words."""
        return f"{self.first} is stricter than {self.second}"

    def margin(self, dataset: Dataset, codebook: Codebook) -> Margin:
        """Score of *first* minus score of *second*, per weighting."""
        a, b = dataset.policy(self.first), dataset.policy(self.second)
        return lambda w: policy_score(a, codebook, w) - policy_score(b, codebook, w)


@attrs.frozen
class Variant:
    """One weighting and what the conclusion's margin is under it.

    Attributes:
        name: What changed from the baseline ("identity x0.5", "without content").
        weights: The full weighting.
        margin: The conclusion's margin (> 0: it holds).
    """

    name: str
    weights: Mapping[str, float]
    margin: float

    @property
    def holds(self) -> bool:
        """Whether the conclusion holds under this weighting."""
        return self.margin > 1e-9


@attrs.frozen
class Sensitivity(Edges):
    """A conclusion tested under the baseline and every weighting in the neighbourhood.

    Attributes:
        conclusion: The conclusion in words.
        baseline: The result under the baseline weights.
        neighbourhood: Each weight halved, each doubled, each dimension dropped in turn.
        extremes: All weight on one dimension at a time.
    """

    conclusion: str
    baseline: Variant
    neighbourhood: tuple[Variant, ...]
    extremes: tuple[Variant, ...]

    @property
    def robust(self) -> bool:
        """Whether the conclusion holds under the baseline and the whole neighbourhood."""
        return self.baseline.holds and all(v.holds for v in self.neighbourhood)

    @property
    def flips(self) -> tuple[Variant, ...]:
        """The weightings under which the conclusion's outcome differs from the baseline's.

        Neighbourhood variants come first, then extremes.
        """
        return tuple(
            v for v in self.neighbourhood + self.extremes if v.holds != self.baseline.holds
        )

    def __repr__(self) -> str:
        variants = (self.baseline, *self.neighbourhood, *self.extremes)
        holding = sum(v.holds for v in variants)
        return (
            f"<Sensitivity {self.conclusion!r}: holds in {holding} of {len(variants)} "
            f"weightings, margin {self.baseline.margin:+.1f} at baseline>"
        )


@legacy_codebook
@checked
def sensitivity(
    dataset: Dataset,
    conclusion: Conclusion,
    *,
    codebook: Codebook | None = None,
    weights: Mapping[str, float] | None = None,
    factors: tuple[float, ...] = (0.5, 2.0),
) -> Sensitivity:
    """Test *conclusion* under the baseline *weights* and the neighbourhood around them.

    Args:
        dataset: The records.
        codebook: The codebook; by default the one the dataset names.
        conclusion: What to test, e.g. ``CompositeRose("CN", day1, day2)``.
        weights: The baseline weights (default: the codebook's).
        factors: The factors each weight is multiplied by in turn.

    Raises:
        WeightError: The baseline weights are not valid for the codebook.
    """
    codebook = own_codebook(dataset, codebook)
    base = resolve_weights(codebook, weights)
    margin = conclusion.margin(dataset, codebook)
    neighbourhood = []
    for dim in codebook.dimensions:
        if base[dim.id] == 0:
            continue
        for factor in factors:
            varied = {**base, dim.id: base[dim.id] * factor}
            neighbourhood.append(Variant(f"{dim.id} x{factor:g}", varied, margin(varied)))
        dropped = {**base, dim.id: 0.0}
        if any(dropped.values()):
            neighbourhood.append(Variant(f"without {dim.id}", dropped, margin(dropped)))
    extremes = []
    for dim in codebook.dimensions:
        only = {d: (1.0 if d == dim.id else 0.0) for d in base}
        extremes.append(Variant(f"only {dim.id}", only, margin(only)))
    return Sensitivity(
        conclusion.describe(),
        Variant("baseline", base, margin(base)),
        tuple(neighbourhood),
        tuple(extremes),
    )
