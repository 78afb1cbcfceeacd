"""Strategies for evidence and for each kind of record, with their measures and quantities.

``policytrack.testing._record_strategies`` draws one record at a time; references are drawn
from the strategies a caller passes (arbitrary well-formed ids by default). The ``draw_*``
functions draw one record with given ids, for :func:`policytrack.testing.strategies.datasets`,
which makes every reference resolve. Import the strategies from
:mod:`policytrack.testing.strategies`.
"""

from __future__ import annotations

import attrs
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from policytrack.model.codebook import Codebook, Dimension
from policytrack.model.dates import UncertainDate
from policytrack.model.records import (
    Agency,
    AgencyKind,
    Confidence,
    Evidence,
    Link,
    LinkKind,
    Measure,
    Platform,
    PlatformKind,
    Policy,
    PolicyKind,
    PolicyStatus,
    Reliability,
    Scope,
    Source,
)
from policytrack.testing._date_strategies import DATE
from policytrack.testing._draws import (
    BOOLEAN,
    CONTEXT,
    COUNTRIES,
    ID,
    JURISDICTION,
    LANGUAGES,
    OFFSET,
    ONE_OR_TWO,
    bundled_codebook_once,
    check_size,
    draw_maybe,
    draw_maybe_text,
    draw_some,
    draw_text,
    draw_texts,
)

_FRAGMENT = st.builds(
    lambda first, more: f"row={first}" if more is None else f"row={first}-{first + more}",
    st.integers(1, 10**6),
    st.none() | st.integers(0, 10**4),
)
"""RFC 7111 row selectors: one row or a range of them."""
_GROUP = st.sampled_from(["non_vaccinated", "vaccinated", "majority", "g-1"])


def evidence(*, source_ids: SearchStrategy[str] | None = None) -> SearchStrategy[Evidence]:
    """Quotes with consistent offsets (``end - start == len(exact)``).

    The quotes are not anchored in any real text: prefix and suffix are arbitrary.

    Args:
        source_ids: The ids of the sources quoted; by default any well-formed id.
    """
    return _evidence(ID if source_ids is None else source_ids)


@st.composite
def _evidence(draw: st.DrawFn, source_ids: SearchStrategy[str]) -> Evidence:
    return _draw_evidence(draw, source_ids)


def _draw_evidence(draw: st.DrawFn, source_ids: SearchStrategy[str]) -> Evidence:
    source = draw(source_ids)
    exact = draw_text(draw)
    start = draw(OFFSET)
    return Evidence(
        source=source,
        exact=exact,
        start=start,
        end=start + len(exact),
        prefix=draw(CONTEXT),
        suffix=draw(CONTEXT),
        fragment=draw_maybe(draw, _FRAGMENT),
    )


def draw_evidence_list(draw: st.DrawFn, source_ids: SearchStrategy[str]) -> tuple[Evidence, ...]:
    """One or two quotes, each citing a source of *source_ids*."""
    return tuple(_draw_evidence(draw, source_ids) for _ in range(draw(ONE_OR_TWO)))


def sources(*, ids: SearchStrategy[str] | None = None) -> SearchStrategy[Source]:
    """Sources with a publication date, a reliability tag and a (random) SHA-256.

    Args:
        ids: The ids to give them; by default any well-formed id.
    """
    return _sources(ID if ids is None else ids)


@st.composite
def _sources(draw: st.DrawFn, ids: SearchStrategy[str]) -> Source:
    return draw_source(draw, draw(ids))


_SHA256 = st.binary(min_size=32, max_size=32).map(bytes.hex)
_RELIABILITY = st.sampled_from(Reliability)
_LANGUAGE = st.sampled_from(LANGUAGES)


def draw_source(draw: st.DrawFn, source_id: str) -> Source:
    return Source(
        id=source_id,
        title=draw_text(draw),
        outlet=draw_text(draw),
        published=draw(DATE),
        reliability=draw(_RELIABILITY),
        sha256=draw(_SHA256),
        length=draw(OFFSET),
        language=draw(_LANGUAGE),
        author=draw_maybe_text(draw),
        url=draw_maybe_text(draw),
        notes=draw_maybe_text(draw),
        covers=draw_maybe(draw, DATE),
    )


def agencies(
    *,
    ids: SearchStrategy[str] | None = None,
    source_ids: SearchStrategy[str] | None = None,
    parent_ids: SearchStrategy[str] | None = None,
    jurisdictions: SearchStrategy[str] | None = None,
) -> SearchStrategy[Agency]:
    """Agencies, some with aliases and a parent.

    Args:
        ids: The ids to give them; by default any well-formed id.
        source_ids: The sources their evidence quotes.
        parent_ids: The agencies a parent may be.
        jurisdictions: ISO 3166 codes; by default a few Chinese and other codes.
    """
    return _agencies(
        ID if ids is None else ids,
        ID if source_ids is None else source_ids,
        ID if parent_ids is None else parent_ids,
        JURISDICTION if jurisdictions is None else jurisdictions,
    )


@st.composite
def _agencies(
    draw: st.DrawFn,
    ids: SearchStrategy[str],
    source_ids: SearchStrategy[str],
    parent_ids: SearchStrategy[str],
    jurisdictions: SearchStrategy[str],
) -> Agency:
    return draw_agency(draw, draw(ids), source_ids, parent_ids, jurisdictions)


_AGENCY_KIND = st.sampled_from(AgencyKind)


def draw_agency(
    draw: st.DrawFn,
    agency_id: str,
    source_ids: SearchStrategy[str],
    parent_ids: SearchStrategy[str],
    jurisdictions: SearchStrategy[str],
) -> Agency:
    return Agency(
        id=agency_id,
        name=draw_text(draw),
        kind=draw(_AGENCY_KIND),
        jurisdiction=draw(jurisdictions),
        evidence=draw_evidence_list(draw, source_ids),
        aliases=draw_texts(draw),
        parent=draw_maybe(draw, parent_ids),
        notes=draw_maybe_text(draw),
    )


def platforms(
    *,
    ids: SearchStrategy[str] | None = None,
    source_ids: SearchStrategy[str] | None = None,
) -> SearchStrategy[Platform]:
    """Platforms, some with an owner and a home country.

    Args:
        ids: The ids to give them; by default any well-formed id.
        source_ids: The sources their evidence quotes.
    """
    return _platforms(ID if ids is None else ids, ID if source_ids is None else source_ids)


@st.composite
def _platforms(
    draw: st.DrawFn, ids: SearchStrategy[str], source_ids: SearchStrategy[str]
) -> Platform:
    return draw_platform(draw, draw(ids), source_ids)


_PLATFORM_KIND = st.sampled_from(PlatformKind)
_COUNTRY = st.sampled_from(COUNTRIES)


def draw_platform(draw: st.DrawFn, platform_id: str, source_ids: SearchStrategy[str]) -> Platform:
    return Platform(
        id=platform_id,
        name=draw_text(draw),
        kind=draw(_PLATFORM_KIND),
        evidence=draw_evidence_list(draw, source_ids),
        owner=draw_maybe_text(draw),
        home_country=draw_maybe(draw, _COUNTRY),
        aliases=draw_texts(draw),
        notes=draw_maybe_text(draw),
    )


def measures(
    *, codebook: Codebook | None = None, source_ids: SearchStrategy[str] | None = None
) -> SearchStrategy[Measure]:
    """Measures that fit *codebook*.

    Each has a dimension the codebook has, a level it defines, and a ``targeted`` scope only
    on a dimension that carries a scope flag.

    Args:
        codebook: The codebook to score on; by default the bundled one.
        source_ids: The sources their evidence quotes.
    """
    return _measures(codebook, ID if source_ids is None else source_ids)


@st.composite
def _measures(
    draw: st.DrawFn, codebook: Codebook | None, source_ids: SearchStrategy[str]
) -> Measure:
    book = bundled_codebook_once() if codebook is None else codebook
    dimension = draw(st.sampled_from(book.dimensions))
    return _draw_measure(draw, dimension, source_ids, ())


_SCOPES = {True: st.sampled_from(Scope), False: st.just(Scope.GENERAL)}
_CONFIDENCE = st.sampled_from(Confidence)


def _draw_confidence(draw: st.DrawFn) -> tuple[Confidence, str | None]:
    """A confidence, certain first, and its reason (required unless certain)."""
    confidence = draw(_CONFIDENCE)
    return confidence, draw_maybe_text(draw) if confidence is Confidence.CERTAIN else draw_text(
        draw
    )


def _draw_measure(
    draw: st.DrawFn,
    dimension: Dimension,
    source_ids: SearchStrategy[str],
    policy_dates: tuple[UncertainDate, ...],
) -> Measure:
    # A measure's own dates are drawn from its policy's, in their order, so that they stay
    # inside the policy's span (the checks reject a measure dated outside it); a measure of a
    # policy without dates may take any date.
    pool = policy_dates or (draw(DATE),)
    effective = ended = None
    if draw(BOOLEAN):
        first = draw(st.integers(0, len(pool) - 1))
        effective = pool[first]
        if draw(BOOLEAN):
            ended = pool[draw(st.integers(first, len(pool) - 1))]
    elif draw(BOOLEAN):
        ended = draw(st.sampled_from(pool))
    confidence, confidence_reason = _draw_confidence(draw)
    return Measure(
        dimension=dimension.id,
        level=draw(st.integers(0, dimension.max_level)),
        reason=draw_text(draw),
        evidence=draw_evidence_list(draw, source_ids),
        scope=draw(_SCOPES[dimension.flag]),
        effective=effective,
        ended=ended,
        confidence=confidence,
        confidence_reason=confidence_reason,
        group=draw_maybe(draw, _GROUP),
    )


def policies(
    *,
    codebook: Codebook | None = None,
    ids: SearchStrategy[str] | None = None,
    jurisdictions: SearchStrategy[str] | None = None,
    source_ids: SearchStrategy[str] | None = None,
    agency_ids: SearchStrategy[str] | None = None,
    platform_ids: SearchStrategy[str] | None = None,
    max_measures: int = 3,
) -> SearchStrategy[Policy]:
    """Policies whose measures fit *codebook*, one per dimension, and whose dates are in order.

    Announced, effective and ended (where given) can each be the later one: none ends before
    the one before it can begin.

    Args:
        codebook: The codebook to score on; by default the bundled one.
        ids: The ids to give them; by default any well-formed id.
        jurisdictions: ISO 3166 codes; by default a few Chinese and other codes.
        source_ids: The sources their evidence quotes.
        agency_ids: The agencies that may issue and enforce them.
        platform_ids: The platforms they may target.
        max_measures: The most measures a policy has (at least 1; a policy may have none).
    """
    check_size("min_measures", 1, "max_measures", max_measures)
    return _policies(
        codebook,
        ID if ids is None else ids,
        JURISDICTION if jurisdictions is None else jurisdictions,
        ID if source_ids is None else source_ids,
        ID if agency_ids is None else agency_ids,
        ID if platform_ids is None else platform_ids,
        max_measures,
    )


@st.composite
def _policies(
    draw: st.DrawFn,
    codebook: Codebook | None,
    ids: SearchStrategy[str],
    jurisdictions: SearchStrategy[str],
    source_ids: SearchStrategy[str],
    agency_ids: SearchStrategy[str],
    platform_ids: SearchStrategy[str],
    max_measures: int,
) -> Policy:
    book = bundled_codebook_once() if codebook is None else codebook
    refs = PolicyRefs(jurisdictions, source_ids, agency_ids, platform_ids)
    return draw_policy(draw, draw(ids), book, refs, max_measures)


@attrs.frozen
class PolicyRefs:
    jurisdictions: SearchStrategy[str]
    sources: SearchStrategy[str]
    agencies: SearchStrategy[str]
    platforms: SearchStrategy[str]


_POLICY_KIND = st.sampled_from(PolicyKind)
_POLICY_STATUS = st.sampled_from(PolicyStatus)


def draw_policy(
    draw: st.DrawFn, policy_id: str, book: Codebook, refs: PolicyRefs, max_measures: int
) -> Policy:
    dimensions = draw(
        st.lists(
            st.sampled_from(book.dimensions),
            # A policy the text only names has no measure (coding rule 3.6).
            min_size=0,
            max_size=max_measures,
            unique_by=lambda d: d.id,
        )
    )
    slots = [draw_maybe(draw, DATE) for _ in range(3)]
    # Sorting the dates given by their first possible day puts them in an order the checks
    # accept: each one's last possible day is on or after every earlier one's first.
    in_order = iter(sorted((d for d in slots if d is not None), key=lambda d: d.earliest))
    announced, effective, ended = (None if d is None else next(in_order) for d in slots)
    start = effective or announced
    if ended is not None and start is not None and ended.latest <= start.earliest:
        # In force on no day: the checks refuse it (ended is the first day out of force).
        ended = None
    given = tuple(d for d in (announced, effective, ended) if d is not None)
    return Policy(
        id=policy_id,
        title=draw_text(draw),
        jurisdiction=draw(refs.jurisdictions),
        kind=draw(_POLICY_KIND),
        status=draw(_POLICY_STATUS),
        measures=tuple(_draw_measure(draw, d, refs.sources, given) for d in dimensions),
        evidence=draw_evidence_list(draw, refs.sources),
        issuers=draw_some(draw, refs.agencies, unique=True),
        enforcers=draw_some(draw, refs.agencies, unique=True),
        platforms=draw_some(draw, refs.platforms, unique=True),
        targets=draw_texts(draw),
        announced=announced,
        effective=effective,
        ended=ended,
        summary=draw_maybe_text(draw),
        notes=draw_maybe_text(draw),
    )


def links(
    *,
    ids: SearchStrategy[str] | None = None,
    policy_ids: SearchStrategy[str] | None = None,
    source_ids: SearchStrategy[str] | None = None,
) -> SearchStrategy[Link]:
    """Links between two different policies.

    Args:
        ids: The ids to give them; by default any well-formed id.
        policy_ids: The policies they join; it must hold at least two ids.
        source_ids: The sources their evidence quotes.
    """
    return _links(
        ID if ids is None else ids,
        ID if policy_ids is None else policy_ids,
        ID if source_ids is None else source_ids,
    )


@st.composite
def _links(
    draw: st.DrawFn,
    ids: SearchStrategy[str],
    policy_ids: SearchStrategy[str],
    source_ids: SearchStrategy[str],
) -> Link:
    from_policy = draw(policy_ids)
    to_policy = draw(policy_ids.filter(lambda p: p != from_policy))
    return draw_link(draw, draw(ids), from_policy, to_policy, source_ids)


_LINK_KIND = st.sampled_from(LinkKind)


def draw_link(
    draw: st.DrawFn, link_id: str, from_policy: str, to_policy: str, sources: SearchStrategy[str]
) -> Link:
    confidence, confidence_reason = _draw_confidence(draw)
    return Link(
        id=link_id,
        kind=draw(_LINK_KIND),
        from_policy=from_policy,
        to_policy=to_policy,
        evidence=draw_evidence_list(draw, sources),
        notes=draw_maybe_text(draw),
        confidence=confidence,
        confidence_reason=confidence_reason,
    )
