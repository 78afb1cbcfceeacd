"""Agreement per coded variable: levels, scope, dimension assignment, dates and outcome roles.

:func:`policytrack.coding.agreement.intercoder_agreement` matches the two codings' policies
and outcomes; this module turns the matches into one reliability figure per variable, each
with Krippendorff's alpha, a bootstrap 95% interval and the units it rests on:

- ``level`` (ordinal): the level each coder gave a matched policy on a dimension;
- ``scope`` (nominal): the scope, where both coders scored a flagged dimension;
- ``dimension`` (nominal): whether each coder scored a matched policy on a dimension at all,
  over every dimension of the codebook;
- ``start`` and ``end`` (interval, in days): the first day in force and the first day out of
  force of a measure both coders scored (the measure's own date, or its policy's), compared at
  the middle of each date's bounds; open bounds are left out, and agreement is the share of
  units whose two dates' bounds overlap;
- ``role`` (nominal): the role each coder gave a matched outcome (enforcement, context, claim).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import attrs
import pendulum

from policytrack.coding.alpha import Alpha, AlphaInterval, bootstrap_alpha, krippendorff_alpha
from policytrack.model.dates import MAX_DAY, MIN_DAY, UncertainDate
from policytrack.model.records import Measure, Policy
from policytrack.vocab import AlphaMetric

__all__ = ["VariableAgreement", "date_units", "variable"]

_EPOCH = pendulum.Date(1970, 1, 1)


@attrs.frozen
class VariableAgreement:
    """The reliability of one coded variable.

    Attributes:
        variable: The variable's name (``level``, ``scope``, ``dimension``, ``start``, ``end``,
            ``role``).
        metric: The difference function alpha uses for it.
        units: How many units both coders gave a value.
        agreements: How many of those agree (for dates: whose bounds overlap).
        alpha: Krippendorff's alpha over the units.
        interval: A bootstrap 95% interval for alpha (units resampled, seed 0).
    """

    variable: str
    metric: AlphaMetric
    units: int
    agreements: int
    alpha: Alpha
    interval: AlphaInterval

    @property
    def agreement(self) -> float | None:
        """The share of units on which the two coders agree."""
        return self.agreements / self.units if self.units else None


def variable(
    name: str,
    metric: AlphaMetric,
    units: Sequence[Sequence[Hashable | None]],
    agreements: int | None = None,
    *,
    resamples: int = 1000,
) -> VariableAgreement:
    """One variable's agreement over *units* (pairs of values; None where not coded).

    Args:
        name: The variable's name.
        metric: The difference function.
        units: The two coders' values for each unit.
        agreements: How many units agree, when agreement is not plain equality.
        resamples: Resamples of the bootstrap interval.
    """
    paired = [u for u in units if None not in u]
    if agreements is None:
        agreements = sum(1 for u in paired if len(set(u)) == 1)
    return VariableAgreement(
        variable=name,
        metric=metric,
        units=len(paired),
        agreements=agreements,
        alpha=krippendorff_alpha(units, metric),
        interval=bootstrap_alpha(units, metric, resamples=resamples),
    )


def _middle(date: UncertainDate | None) -> int | None:
    if date is None or date.earliest == MIN_DAY or date.latest == MAX_DAY:
        return None
    low, high = (date.earliest - _EPOCH).days, (date.latest - _EPOCH).days
    return (low + high) // 2


def _overlap(a: UncertainDate | None, b: UncertainDate | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.earliest <= b.latest and b.earliest <= a.latest


def _start(measure: Measure, policy: Policy) -> UncertainDate | None:
    return measure.effective or policy.effective or policy.announced


def _end(measure: Measure, policy: Policy) -> UncertainDate | None:
    return measure.ended or policy.ended


def date_units(
    pairs: Sequence[tuple[Measure, Policy, Measure, Policy]],
    *,
    resamples: int = 1000,
) -> tuple[VariableAgreement, VariableAgreement]:
    """The ``start`` and ``end`` variables over measures both coders scored.

    Args:
        pairs: Each unit's first measure and policy, then second measure and policy.
        resamples: Resamples of the bootstrap intervals.
    """
    found = []
    for which in (_start, _end):
        dates = [(which(ma, pa), which(mb, pb)) for ma, pa, mb, pb in pairs]
        both = [(a, b) for a, b in dates if a is not None or b is not None]
        units = [[_middle(a), _middle(b)] for a, b in both]
        agree = sum(_overlap(a, b) for a, b in both)
        found.append(
            attrs.evolve(
                variable("start" if which is _start else "end", AlphaMetric.INTERVAL, units, agree),
                units=len(both),
            )
        )
    return found[0], found[1]
