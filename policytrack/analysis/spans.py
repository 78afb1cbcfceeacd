"""Measures placed in time: day ordinals, the spans a sweep reads and the steps it gives.

``policytrack.analysis.spans`` holds what the timeline and both sweeps share: a measure
placed in time (:class:`MeasureRef`), a change point of a dimension's level (:class:`Step`),
the measures of one jurisdiction as flat columns of day ordinals (:class:`Spans`), and the
conversions between day ordinals and dates. Ends are exclusive; :data:`FOREVER` stands for a
measure in force indefinitely.
"""

from __future__ import annotations

import functools

import attrs
import pendulum

from policytrack.model.dates import UncertainDate
from policytrack.model.records import Scope

__all__ = ["FOREVER", "MeasureRef", "Spans", "Step", "date_or_none", "day_of", "measure_ref"]


@attrs.frozen
class MeasureRef:
    """A measure of a policy, placed in time: enough to find its evidence and explain a level.

    Attributes:
        policy: The policy's id.
        index: The measure's position in the policy's ``measures``.
        dimension: The dimension scored.
        level: The level.
        scope: General or targeted, as counted in this jurisdiction.
        start: The date it counts from.
        end: The date it stops, or None when no date for its end is reported.
        earliest: Its first day in force and first day out of force (None: never out) in the
            earliest series.
        latest: The same in the latest series, or None when it is certainly in force on no day.
    """

    policy: str
    index: int
    dimension: str
    level: int
    scope: Scope
    start: UncertainDate
    end: UncertainDate | None
    earliest: tuple[pendulum.Date, pendulum.Date | None]
    latest: tuple[pendulum.Date, pendulum.Date | None] | None


_REF_SLOTS = tuple(getattr(MeasureRef, field.name).__set__ for field in attrs.fields(MeasureRef))
"""Each MeasureRef field's slot setter, in field order."""


def measure_ref(
    policy: str,
    index: int,
    dimension: str,
    level: int,
    scope: Scope,
    start: UncertainDate,
    end: UncertainDate | None,
    earliest: tuple[pendulum.Date, pendulum.Date | None],
    latest: tuple[pendulum.Date, pendulum.Date | None] | None,
) -> MeasureRef:
    """``MeasureRef(policy, index, ...)``, its slots set directly.

    The class has no validator to skip; its generated ``__init__`` sets each field through the
    frozen class's ``__setattr__`` guard, and a large timeline makes one per measure placed.
    """
    ref: MeasureRef = object.__new__(MeasureRef)
    (
        set_policy,
        set_index,
        set_dimension,
        set_level,
        set_scope,
        set_start,
        set_end,
        set_earliest,
        set_latest,
    ) = _REF_SLOTS
    set_policy(ref, policy)
    set_index(ref, index)
    set_dimension(ref, dimension)
    set_level(ref, level)
    set_scope(ref, scope)
    set_start(ref, start)
    set_end(ref, end)
    set_earliest(ref, earliest)
    set_latest(ref, latest)
    return ref


@attrs.frozen
class Step:
    """A change point: from *day* on, the dimension is at *level* until the next step.

    Attributes:
        day: The first day at this level.
        level: The highest level in force, or None while the dimension is unknown.
        scope: General if any measure at that level is general; None when level is None.
        measures: The measures in force at that level and scope (what the level rests on).
    """

    day: pendulum.Date
    level: int | None
    scope: Scope | None
    measures: tuple[MeasureRef, ...] = ()


FOREVER = pendulum.Date(9999, 12, 31).toordinal() + 1
"""The day ordinal after the last date: the exclusive end of a measure that never ends."""


@functools.lru_cache(maxsize=1 << 16)
def day_of(ordinal: int) -> pendulum.Date:
    """The pendulum Date of a day ordinal (dates are immutable: one object serves every use)."""
    return pendulum.Date.fromordinal(ordinal)


@attrs.define
class Spans:
    """The measures counted in a jurisdiction, with what the sweeps need of each.

    Attributes:
        refs: The measures, in policy order.
        dimensions: Each measure's dimension, as its position in the codebook.
        bounds: Each measure's ``start_lo, start_hi, end_lo, end_hi`` in turn, as day ordinals,
            ends exclusive (:data:`FOREVER`: in force indefinitely): four numbers a measure.
        buckets: Each measure's ``2 * level + general``, its level capped at the dimension's.
    """

    refs: list[MeasureRef] = attrs.Factory(list)
    dimensions: list[int] = attrs.Factory(list)
    bounds: list[int] = attrs.Factory(list)
    buckets: list[int] = attrs.Factory(list)


def date_or_none(ordinal: int | None) -> pendulum.Date | None:
    """The date of a day ordinal, or None for no day or :data:`FOREVER` (no end)."""
    if ordinal is None or ordinal >= FOREVER:
        return None
    return day_of(ordinal)
