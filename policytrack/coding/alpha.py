"""Krippendorff's alpha, and a bootstrap interval for it.

:func:`krippendorff_alpha` follows Krippendorff (2011), "Computing Krippendorff's
Alpha-Reliability", with the coincidence matrix. :func:`bootstrap_alpha` gives a percentile
interval by resampling units with replacement, with a fixed seed so that the same codings
always give the same interval.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from typing import Annotated

import attrs

from policytrack.model.arguments import AtLeast, AtMost, Between, checked
from policytrack.vocab import AlphaMetric

__all__ = ["Alpha", "AlphaInterval", "AlphaMetric", "bootstrap_alpha", "krippendorff_alpha"]


@attrs.frozen
class Alpha:
    """Krippendorff's alpha and the quantities it is made of.

    Attributes:
        value: 1 - D_o / D_e, or None when undefined (fewer than two pairable values, or no
            variation at all so that D_e is 0).
        observed: D_o, the observed disagreement.
        expected: D_e, the disagreement expected by chance.
        pairable: n, the number of pairable values.
        metric: The difference function used.
    """

    value: float | None
    observed: float
    expected: float
    pairable: int
    metric: AlphaMetric


def _delta(
    metric: AlphaMetric, totals: Mapping[Hashable, float]
) -> Mapping[tuple[Hashable, Hashable], float]:
    values = list(totals)
    if metric is AlphaMetric.ORDINAL:
        values = sorted(values)  # type: ignore[type-var]
    delta: dict[tuple[Hashable, Hashable], float] = {}
    for i, c in enumerate(values):
        for j, k in enumerate(values):
            if c == k:
                delta[c, k] = 0.0
            elif metric is AlphaMetric.NOMINAL:
                delta[c, k] = 1.0
            elif metric is AlphaMetric.ORDINAL:
                low, high = min(i, j), max(i, j)
                between = sum(totals[values[g]] for g in range(low, high + 1))
                delta[c, k] = (between - (totals[c] + totals[k]) / 2) ** 2
            elif metric is AlphaMetric.INTERVAL:
                delta[c, k] = float(c - k) ** 2  # type: ignore[operator]
            else:
                total = float(c + k)  # type: ignore[operator]
                delta[c, k] = (float(c - k) / total) ** 2 if total else 0.0  # type: ignore[operator]
    return delta


@checked
def krippendorff_alpha(
    units: Sequence[Sequence[Hashable | None]], metric: AlphaMetric = AlphaMetric.ORDINAL
) -> Alpha:
    """Krippendorff's alpha for *units*, each the values its coders gave (None: not coded).

    Implemented from Krippendorff (2011) with the coincidence matrix: each unit with m >= 2
    values adds 1/(m-1) for every ordered pair of its values; D_o weighs the coincidences by the
    metric's squared difference, D_e does the same for the pairs expected from the marginal
    totals, and alpha = 1 - D_o / D_e. Ordinal differences use the ranks of the values that
    occur; interval and ratio values must be numbers.

    Args:
        units: One sequence of values per unit, one value (or None) per coder.
        metric: ``nominal``, ``ordinal``, ``interval`` or ``ratio``.
    """
    metric = AlphaMetric(metric)
    matrix: Counter[tuple[Hashable, Hashable]] = Counter()
    for unit in units:
        matrix.update(_coincidences(unit))
    return _from_coincidences(matrix, metric)


def _coincidences(unit: Sequence[Hashable | None]) -> dict[tuple[Hashable, Hashable], float]:
    """One unit's contribution to the coincidence matrix: 1/(m-1) for each ordered pair."""
    counts = Counter(value for value in unit if value is not None)
    m = sum(counts.values())
    found: dict[tuple[Hashable, Hashable], float] = {}
    if m < 2:
        return found
    for c, nc in counts.items():
        for k, nk in counts.items():
            pairs = nc * (nc - 1) if c == k else nc * nk
            if pairs:
                found[c, k] = pairs / (m - 1)
    return found


def _from_coincidences(
    coincidences: Mapping[tuple[Hashable, Hashable], float], metric: AlphaMetric
) -> Alpha:
    totals: dict[Hashable, float] = {}
    for (c, _), weight in coincidences.items():
        totals[c] = totals.get(c, 0.0) + weight
    n = sum(totals.values())
    if n < 2:
        return Alpha(None, 0.0, 0.0, round(n), metric)
    delta = _delta(metric, totals)
    observed = sum(weight * delta[pair] for pair, weight in coincidences.items()) / n
    expected = sum(totals[c] * totals[k] * delta[c, k] for c in totals for k in totals) / (
        n * (n - 1)
    )
    value = None if expected == 0 else 1 - observed / expected
    return Alpha(value, observed, expected, round(n), metric)


@attrs.frozen
class AlphaInterval:
    """A bootstrap percentile interval for alpha.

    Attributes:
        low: The 2.5th percentile of alpha over the resamples (None when undefined).
        high: The 97.5th percentile.
        resamples: How many resamples gave a defined alpha.
        seed: The seed of the resampling, so the interval can be reproduced.
    """

    low: float | None
    high: float | None
    resamples: int
    seed: int


@checked
def bootstrap_alpha(
    units: Sequence[Sequence[Hashable | None]],
    metric: AlphaMetric = AlphaMetric.ORDINAL,
    *,
    resamples: Annotated[int, AtLeast(1), AtMost(10_000_000)] = 1000,
    seed: int = 0,
    level: Annotated[float, Between(0.0, 1.0)] = 0.95,
) -> AlphaInterval:
    """A percentile interval for Krippendorff's alpha, resampling *units* with replacement.

    Each resample draws as many units as there are, with replacement, and computes alpha; the
    interval holds the middle *level* of the defined values. Resampling units (rather than
    Hayes and Krippendorff's resampling of pairable values) keeps each unit's values together,
    which suits units that are policies scored on a dimension.

    Args:
        units: One sequence of values per unit, one value (or None) per coder.
        metric: The difference function.
        resamples: How many resamples to draw.
        seed: The seed of the random draws.
        level: The share of resampled values the interval holds.
    """
    metric = AlphaMetric(metric)
    # Each unit's coincidences are counted once; a resample adds up those of the units drawn.
    pool = [_coincidences(unit) for unit in units]
    draw = random.Random(seed)
    values = []
    if any(pool):
        for _ in range(resamples):
            matrix: Counter[tuple[Hashable, Hashable]] = Counter()
            for _ in pool:
                matrix.update(pool[draw.randrange(len(pool))])
            value = _from_coincidences(matrix, metric).value
            if value is not None:
                values.append(value)
    if not values:
        return AlphaInterval(None, None, 0, seed)
    values.sort()
    tail = (1 - level) / 2
    low = values[min(len(values) - 1, int(tail * len(values)))]
    high = values[min(len(values) - 1, max(0, int((1 - tail) * len(values)) - 1))]
    return AlphaInterval(low, high, len(values), seed)
