"""Strategies for what was reported: outcomes with their quantities, and officials' claims.

``policytrack.testing._report_strategies`` draws outcomes (a figure of a metric, its role,
unit and what it includes) and claims, with references drawn from the strategies a caller
passes. Import them from :mod:`policytrack.testing.strategies`.
"""

from __future__ import annotations

import attrs
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from policytrack.model.records import (
    Claim,
    ClaimKind,
    Metric,
    Outcome,
    OutcomeRole,
    Quantity,
    QuantityKind,
    Unit,
)
from policytrack.testing._date_strategies import DATE
from policytrack.testing._draws import (
    COUNT,
    ID,
    JURISDICTION,
    draw_maybe,
    draw_maybe_text,
    draw_some,
    draw_text,
    draw_texts,
)
from policytrack.testing._record_strategies import draw_evidence_list

_KINDS = (QuantityKind.UNKNOWN, *(k for k in QuantityKind if k is not QuantityKind.UNKNOWN))
"""Every kind of quantity, the simplest (a figure not given) first."""
_KIND = st.sampled_from(_KINDS)
_FIGURE = st.integers(0, COUNT)


def quantities() -> SearchStrategy[Quantity]:
    """Reported figures of every kind, with the bounds each kind takes (``unknown`` first)."""
    return _quantities()


@st.composite
def _quantities(draw: st.DrawFn) -> Quantity:
    return _draw_quantity(draw)


def _draw_quantity(draw: st.DrawFn) -> Quantity:
    kind = draw(_KIND)
    low, high = sorted((draw(_FIGURE), draw(_FIGURE)))
    if kind is QuantityKind.EXACT:
        high = low
    bounds = {
        QuantityKind.AT_LEAST: (low, None),
        QuantityKind.AT_MOST: (None, high),
        QuantityKind.UNKNOWN: (None, None),
    }.get(kind, (low, high))
    return Quantity(kind, *bounds, text=draw_maybe_text(draw))


def outcomes(
    *,
    ids: SearchStrategy[str] | None = None,
    source_ids: SearchStrategy[str] | None = None,
    agency_ids: SearchStrategy[str] | None = None,
    platform_ids: SearchStrategy[str] | None = None,
    policy_ids: SearchStrategy[str] | None = None,
    outcome_ids: SearchStrategy[str] | None = None,
    places: SearchStrategy[str] | None = None,
) -> SearchStrategy[Outcome]:
    """Reported outcomes with a figure of any kind.

    Args:
        ids: The ids to give them; by default any well-formed id.
        source_ids: The sources their evidence quotes.
        agency_ids: The agencies that may be involved or report the figure.
        platform_ids: The platforms that may be involved.
        policy_ids: The policies an outcome may be attributed to.
        outcome_ids: The outcomes one may report the same figure as.
        places: ISO 3166 codes; by default a few Chinese and other codes.
    """
    refs = OutcomeRefs(
        sources=ID if source_ids is None else source_ids,
        agencies=ID if agency_ids is None else agency_ids,
        platforms=ID if platform_ids is None else platform_ids,
        policies=ID if policy_ids is None else policy_ids,
        outcomes=ID if outcome_ids is None else outcome_ids,
        places=JURISDICTION if places is None else places,
    )
    return _outcomes(ID if ids is None else ids, refs)


@attrs.frozen
class OutcomeRefs:
    sources: SearchStrategy[str]
    agencies: SearchStrategy[str]
    platforms: SearchStrategy[str]
    policies: SearchStrategy[str]
    outcomes: SearchStrategy[str]
    places: SearchStrategy[str]


@st.composite
def _outcomes(draw: st.DrawFn, ids: SearchStrategy[str], refs: OutcomeRefs) -> Outcome:
    return draw_outcome(draw, draw(ids), refs)


_METRIC = st.sampled_from(Metric)
_ROLE = st.sampled_from(OutcomeRole)
_UNIT = st.sampled_from(Unit)


def draw_outcome(draw: st.DrawFn, outcome_id: str, refs: OutcomeRefs) -> Outcome:
    return Outcome(
        id=outcome_id,
        metric=draw(_METRIC),
        quantity=_draw_quantity(draw),
        unit=draw(_UNIT),
        description=draw_text(draw),
        reported_by=draw_text(draw),
        evidence=draw_evidence_list(draw, refs.sources),
        period=draw_maybe(draw, DATE),
        place=draw_maybe(draw, refs.places),
        agencies=draw_some(draw, refs.agencies, unique=True),
        platforms=draw_some(draw, refs.platforms, unique=True),
        policies=draw_some(draw, refs.policies, unique=True),
        reporter=draw_maybe(draw, refs.agencies),
        via=draw_texts(draw),
        same_as=draw_maybe(draw, refs.outcomes),
        notes=draw_maybe_text(draw),
        role=draw(_ROLE),
        includes=draw_some(draw, refs.outcomes, unique=True),
        unit_qualifier=draw_maybe_text(draw),
    )


def claims(
    *,
    ids: SearchStrategy[str] | None = None,
    source_ids: SearchStrategy[str] | None = None,
    agency_ids: SearchStrategy[str] | None = None,
    policy_ids: SearchStrategy[str] | None = None,
    platform_ids: SearchStrategy[str] | None = None,
) -> SearchStrategy[Claim]:
    """Official claims, some with the speaker's agency, a date, policies, agencies, platforms.

    Args:
        ids: The ids to give them; by default any well-formed id.
        source_ids: The sources their evidence quotes.
        agency_ids: The agencies a speaker may belong to, or a claim may involve.
        policy_ids: The policies a claim may be about.
        platform_ids: The platforms a claim may name.
    """
    return _claims(
        *(ID if s is None else s for s in (ids, source_ids, agency_ids, policy_ids, platform_ids)),
    )


@st.composite
def _claims(
    draw: st.DrawFn,
    ids: SearchStrategy[str],
    source_ids: SearchStrategy[str],
    agency_ids: SearchStrategy[str],
    policy_ids: SearchStrategy[str],
    platform_ids: SearchStrategy[str],
) -> Claim:
    return draw_claim(draw, draw(ids), source_ids, agency_ids, policy_ids, platform_ids)


_CLAIM_KIND = st.sampled_from(ClaimKind)


def draw_claim(
    draw: st.DrawFn,
    claim_id: str,
    source_ids: SearchStrategy[str],
    agency_ids: SearchStrategy[str],
    policy_ids: SearchStrategy[str],
    platform_ids: SearchStrategy[str],
) -> Claim:
    return Claim(
        id=claim_id,
        kind=draw(_CLAIM_KIND),
        speaker=draw_text(draw),
        text=draw_text(draw),
        evidence=draw_evidence_list(draw, source_ids),
        speaker_agency=draw_maybe(draw, agency_ids),
        date=draw_maybe(draw, DATE),
        policies=draw_some(draw, policy_ids, unique=True),
        agencies=draw_some(draw, agency_ids, unique=True),
        platforms=draw_some(draw, platform_ids, unique=True),
        notes=draw_maybe_text(draw),
    )
