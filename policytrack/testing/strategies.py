"""Hypothesis strategies for policytrack's dates, records, codebooks and whole datasets.

Use them to test code that takes policytrack data::

    from hypothesis import given
    from policytrack.testing import strategies as pts

    @given(pts.datasets(max_policies=3))
    def test_every_policy_has_a_measure(dataset):
        assert all(policy.measures for policy in dataset.policies)

Every strategy takes keyword-only arguments; those that draw references (``source_ids=``,
``agency_ids=``...) take strategies, so a caller decides which ids a record may point at. By
default references are arbitrary well-formed ids: the records are valid, the references need
not resolve. :func:`datasets` draws whole datasets whose references all resolve and which pass
:func:`policytrack.check`. Pass :func:`hypothesis.strategies.nothing` to leave a list of
references empty and an optional reference unset.

Text is drawn from a small alphabet that still holds what breaks serialisers: quotes,
backslashes, newlines and other control characters, a line separator, non-Latin letters and a
character outside the Basic Multilingual Plane.

:func:`register` makes :func:`hypothesis.strategies.from_type` use these strategies; Hypothesis
calls it through the ``hypothesis`` entry point when policytrack is installed.
"""

from __future__ import annotations

import calendar
import functools
from typing import TypeVar

import attrs

from policytrack.model.codebook import Codebook, Dimension, Level
from policytrack.model.dataset import Dataset, DatasetInfo
from policytrack.model.dates import Basis, UncertainDate
from policytrack.model.records import (
    Agency,
    AgencyKind,
    Claim,
    ClaimKind,
    Confidence,
    Evidence,
    Link,
    LinkKind,
    Measure,
    Metric,
    Outcome,
    OutcomeRole,
    Platform,
    PlatformKind,
    Policy,
    PolicyKind,
    PolicyStatus,
    Quantity,
    QuantityKind,
    Reliability,
    Scope,
    Source,
    Unit,
)

_pending: list[str] = []
"""Set when Hypothesis ran the hook before this module was fully defined."""


def _hypothesis_setup_hook() -> None:
    """Register the strategies: Hypothesis calls this through its entry point when imported.

    It is defined before this module imports Hypothesis. When this module is imported first,
    that import runs the hook while the module is only half defined, so the hook leaves a note
    and the module registers the strategies once it has defined them (at its end).
    """
    if "register" in globals():
        register()
    else:
        _pending.append("register")


from hypothesis import strategies as st  # noqa: E402 (after the hook, see above)
from hypothesis.errors import InvalidArgument  # noqa: E402
from hypothesis.strategies import SearchStrategy  # noqa: E402

__all__ = [
    "agencies",
    "claims",
    "codebooks",
    "datasets",
    "edtf_strings",
    "evidence",
    "links",
    "measures",
    "outcomes",
    "platforms",
    "policies",
    "quantities",
    "register",
    "sources",
    "uncertain_dates",
]

T = TypeVar("T")

_FIRST = "abZ"
_CHARS = _FIRST + ' "\\\n\r\t\x01\x7fé中😀\u2028'
_ID_FIRST = "ab0"
_ID_CHARS = _ID_FIRST + "-"
_CODEBOOK_ID_CHARS = _ID_FIRST + "_.-"
_JURISDICTIONS = ("CN", "CN-SH", "CN-SC", "CN-BJ", "US", "GB")
_COUNTRIES = ("CN", "US", "GB", "DE")
_LANGUAGES = ("en", "zh", "zh-Hans", "fr")
_QUALIFIERS = ("", "?", "~", "%")
_COUNT = 10**12
"""The largest figure drawn for a quantity."""

# Strategies are built once and drawn from many times: building one inside a draw costs far
# more than drawing from it.
_RAW_TEXT = st.text(alphabet=_CHARS, min_size=1, max_size=6)
"""Text for :func:`_text`, which gives blank text a visible first character."""
_ANY_TEXT = st.text(alphabet=_CHARS, max_size=6)
_CONTEXT = st.text(alphabet=_CHARS, max_size=3)
_ID = st.text(alphabet=_ID_CHARS, min_size=1, max_size=6).map(
    lambda text: _ID_FIRST[0] + text if text.startswith("-") else text
)
_CODEBOOK_ID = st.text(alphabet=_CODEBOOK_ID_CHARS, min_size=1, max_size=5).map(
    lambda text: text if text[0].isalnum() else _ID_FIRST[0] + text
)
_JURISDICTION = st.sampled_from(_JURISDICTIONS)
_BOOLEAN = st.booleans()
_FEW = st.integers(0, 2)
_ONE_OR_TWO = st.integers(1, 2)
_OFFSET = st.integers(0, 100_000)


def _text(draw: st.DrawFn) -> str:
    """Non-blank text, drawn without the extra layer a mapped strategy costs."""
    text = draw(_RAW_TEXT)
    return text if text.strip() else _FIRST[0] + text


def _maybe_text(draw: st.DrawFn) -> str | None:
    return _text(draw) if draw(_BOOLEAN) else None


def _texts(draw: st.DrawFn) -> tuple[str, ...]:
    return tuple(_text(draw) for _ in range(draw(_FEW)))


def _maybe(draw: st.DrawFn, strategy: SearchStrategy[T]) -> T | None:
    """None (the simpler) or a value of *strategy*; None too when *strategy* has no values."""
    if strategy.is_empty or not draw(_BOOLEAN):
        return None
    return draw(strategy)


def _some(draw: st.DrawFn, strategy: SearchStrategy[T], *, unique: bool = False) -> tuple[T, ...]:
    """Up to two values of *strategy*; none when it has no values."""
    if strategy.is_empty:
        return ()
    values = [draw(strategy) for _ in range(draw(_FEW))]
    return tuple(dict.fromkeys(values)) if unique else tuple(values)


def _check_size(name_min: str, min_value: int, name_max: str, max_value: int) -> None:
    if min_value < 0:
        msg = f"{name_min}={min_value} must be at least 0"
        raise InvalidArgument(msg)
    if max_value < min_value:
        msg = f"{name_max}={max_value} must be at least {name_min}={min_value}"
        raise InvalidArgument(msg)


@functools.cache
def _bundled_codebook() -> Codebook:
    from policytrack.storage.loader import bundled_codebook  # noqa: PLC0415 (storage imports much)

    return bundled_codebook()


# Dates ------------------------------------------------------------------------------------


@st.composite
def _single_dates(
    draw: st.DrawFn,
    min_year: int,
    max_year: int,
    forms: tuple[str, ...],
    allow_qualifiers: bool,
) -> str:
    year = draw(st.integers(min_year, max_year))
    form = draw(st.sampled_from(forms))
    if form == "year":
        text = f"{year:04d}"
    elif form == "month":
        text = f"{year:04d}-{draw(st.integers(1, 12)):02d}"
    elif form == "day":
        month = draw(st.integers(1, 12))
        day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
        text = f"{year:04d}-{month:02d}-{day:02d}"
    elif form == "season":
        # Winter runs into the next year, which does not exist after 9999.
        seasons = (21, 22, 23) if year == 9999 else (21, 22, 23, 24)
        text = f"{year:04d}-{draw(st.sampled_from(seasons))}"
    elif form == "decade":
        text = f"{year // 10:03d}X"
    elif form == "century":
        text = f"{year // 100:02d}XX"
    elif form == "unspecified month":
        text = f"{year:04d}-XX"
    elif form == "unspecified day":
        text = f"{year:04d}-{draw(st.integers(1, 12)):02d}-XX"
    else:
        text = f"{year:04d}-XX-XX"
    if allow_qualifiers:
        text += draw(st.sampled_from(_QUALIFIERS))
    return text


def edtf_strings(
    *,
    min_year: int = 1,
    max_year: int = 9999,
    allow_qualifiers: bool = True,
    allow_unspecified: bool = True,
    allow_seasons: bool = True,
    allow_intervals: bool = True,
    allow_open: bool = True,
) -> SearchStrategy[str]:
    """Valid EDTF notations in the subset :class:`~policytrack.UncertainDate` accepts.

    Single dates shrink towards a plain year, then months, days and seasons, then dates with
    unspecified digits (``201X``, ``2012-XX``); intervals come after single dates, and open
    intervals last.

    Args:
        min_year: The smallest year written (at least 1). A decade or century written with
            ``X`` digits may begin before it.
        max_year: The largest year written (at most 9999). A decade, a century or a winter
            may end after it.
        allow_qualifiers: Whether dates may end in ``?``, ``~`` or ``%``.
        allow_unspecified: Whether to write ``X`` digits (``201X``, ``19XX``, ``2012-XX``).
        allow_seasons: Whether to write seasons (``2013-21`` to ``2013-24``).
        allow_intervals: Whether to write closed intervals (``2012-12-28/2013-01``).
        allow_open: Whether to write intervals with an open (``..``) or unknown (empty) end.
    """
    if not 1 <= min_year <= max_year <= 9999:
        msg = f"need 1 <= min_year <= max_year <= 9999 (got {min_year} and {max_year})"
        raise InvalidArgument(msg)
    forms: tuple[str, ...] = ("year", "month", "day")
    if allow_seasons:
        forms += ("season",)
    if allow_unspecified:
        forms += ("decade", "century", "unspecified month", "unspecified day", "month and day")
    singles = _single_dates(min_year, max_year, forms, allow_qualifiers)
    strategies = [singles]
    if allow_intervals:
        strategies.append(st.tuples(singles, singles).map(_interval))
    if allow_open:
        ends = st.sampled_from(("..", ""))
        strategies.append(st.builds("{}/{}".format, ends, singles))
        strategies.append(st.builds("{}/{}".format, singles, ends))
    return st.one_of(strategies)


def _interval(pair: tuple[str, str]) -> str:
    start, end = pair
    if UncertainDate(end).latest < UncertainDate(start).earliest:
        start, end = end, start
    return f"{start}/{end}"


def uncertain_dates(
    *,
    notations: SearchStrategy[str] | None = None,
    bases: SearchStrategy[Basis] | None = None,
) -> SearchStrategy[UncertainDate]:
    """Uncertain dates: a notation, a basis and, unless the basis is ``stated``, a reason.

    Stated dates come first and carry a reason only sometimes.

    Args:
        notations: EDTF notations to use; by default :func:`edtf_strings`.
        bases: The bases to use; by default any, ``stated`` first.
    """
    return _uncertain_dates(
        edtf_strings() if notations is None else notations,
        st.sampled_from(Basis) if bases is None else bases,
    )


@st.composite
def _uncertain_dates(
    draw: st.DrawFn, notations: SearchStrategy[str], bases: SearchStrategy[Basis]
) -> UncertainDate:
    notation = draw(notations)
    basis = draw(bases)
    reason = _maybe_text(draw) if basis is Basis.STATED else _text(draw)
    return UncertainDate(notation, basis, reason)


_DATE = uncertain_dates()


# Evidence and records ---------------------------------------------------------------------


def evidence(*, source_ids: SearchStrategy[str] | None = None) -> SearchStrategy[Evidence]:
    """Quotes with consistent offsets (``end - start == len(exact)``).

    The quotes are not anchored in any real text: prefix and suffix are arbitrary.

    Args:
        source_ids: The ids of the sources quoted; by default any well-formed id.
    """
    return _evidence(_ID if source_ids is None else source_ids)


@st.composite
def _evidence(draw: st.DrawFn, source_ids: SearchStrategy[str]) -> Evidence:
    return _draw_evidence(draw, source_ids)


def _draw_evidence(draw: st.DrawFn, source_ids: SearchStrategy[str]) -> Evidence:
    source = draw(source_ids)
    exact = _text(draw)
    start = draw(_OFFSET)
    return Evidence(
        source=source,
        exact=exact,
        start=start,
        end=start + len(exact),
        prefix=draw(_CONTEXT),
        suffix=draw(_CONTEXT),
    )


def _draw_evidence_list(draw: st.DrawFn, source_ids: SearchStrategy[str]) -> tuple[Evidence, ...]:
    return tuple(_draw_evidence(draw, source_ids) for _ in range(draw(_ONE_OR_TWO)))


def sources(*, ids: SearchStrategy[str] | None = None) -> SearchStrategy[Source]:
    """Sources with a publication date, a reliability tag and a (random) SHA-256.

    Args:
        ids: The ids to give them; by default any well-formed id.
    """
    return _sources(_ID if ids is None else ids)


@st.composite
def _sources(draw: st.DrawFn, ids: SearchStrategy[str]) -> Source:
    return _draw_source(draw, draw(ids))


_SHA256 = st.binary(min_size=32, max_size=32).map(bytes.hex)
_RELIABILITY = st.sampled_from(Reliability)
_LANGUAGE = st.sampled_from(_LANGUAGES)


def _draw_source(draw: st.DrawFn, source_id: str) -> Source:
    return Source(
        id=source_id,
        title=_text(draw),
        outlet=_text(draw),
        published=draw(_DATE),
        reliability=draw(_RELIABILITY),
        sha256=draw(_SHA256),
        length=draw(_OFFSET),
        language=draw(_LANGUAGE),
        author=_maybe_text(draw),
        url=_maybe_text(draw),
        notes=_maybe_text(draw),
        covers=_maybe(draw, _DATE),
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
        _ID if ids is None else ids,
        _ID if source_ids is None else source_ids,
        _ID if parent_ids is None else parent_ids,
        _JURISDICTION if jurisdictions is None else jurisdictions,
    )


@st.composite
def _agencies(
    draw: st.DrawFn,
    ids: SearchStrategy[str],
    source_ids: SearchStrategy[str],
    parent_ids: SearchStrategy[str],
    jurisdictions: SearchStrategy[str],
) -> Agency:
    return _draw_agency(draw, draw(ids), source_ids, parent_ids, jurisdictions)


_AGENCY_KIND = st.sampled_from(AgencyKind)


def _draw_agency(
    draw: st.DrawFn,
    agency_id: str,
    source_ids: SearchStrategy[str],
    parent_ids: SearchStrategy[str],
    jurisdictions: SearchStrategy[str],
) -> Agency:
    return Agency(
        id=agency_id,
        name=_text(draw),
        kind=draw(_AGENCY_KIND),
        jurisdiction=draw(jurisdictions),
        evidence=_draw_evidence_list(draw, source_ids),
        aliases=_texts(draw),
        parent=_maybe(draw, parent_ids),
        notes=_maybe_text(draw),
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
    return _platforms(_ID if ids is None else ids, _ID if source_ids is None else source_ids)


@st.composite
def _platforms(
    draw: st.DrawFn, ids: SearchStrategy[str], source_ids: SearchStrategy[str]
) -> Platform:
    return _draw_platform(draw, draw(ids), source_ids)


_PLATFORM_KIND = st.sampled_from(PlatformKind)
_COUNTRY = st.sampled_from(_COUNTRIES)


def _draw_platform(draw: st.DrawFn, platform_id: str, source_ids: SearchStrategy[str]) -> Platform:
    return Platform(
        id=platform_id,
        name=_text(draw),
        kind=draw(_PLATFORM_KIND),
        evidence=_draw_evidence_list(draw, source_ids),
        owner=_maybe_text(draw),
        home_country=_maybe(draw, _COUNTRY),
        aliases=_texts(draw),
        notes=_maybe_text(draw),
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
    return _measures(codebook, _ID if source_ids is None else source_ids)


@st.composite
def _measures(
    draw: st.DrawFn, codebook: Codebook | None, source_ids: SearchStrategy[str]
) -> Measure:
    book = _bundled_codebook() if codebook is None else codebook
    dimension = draw(st.sampled_from(book.dimensions))
    return _draw_measure(draw, dimension, source_ids, ())


_SCOPES = {True: st.sampled_from(Scope), False: st.just(Scope.GENERAL)}
_CONFIDENCE = st.sampled_from(Confidence)


def _draw_confidence(draw: st.DrawFn) -> tuple[Confidence, str | None]:
    """A confidence, certain first, and its reason (required unless certain)."""
    confidence = draw(_CONFIDENCE)
    return confidence, _maybe_text(draw) if confidence is Confidence.CERTAIN else _text(draw)


def _draw_measure(
    draw: st.DrawFn,
    dimension: Dimension,
    source_ids: SearchStrategy[str],
    policy_dates: tuple[UncertainDate, ...],
) -> Measure:
    # A measure's own dates are drawn from its policy's, in their order, so that they stay
    # inside the policy's span (the checks reject a measure dated outside it); a measure of a
    # policy without dates may take any date.
    pool = policy_dates or (draw(_DATE),)
    effective = ended = None
    if draw(_BOOLEAN):
        first = draw(st.integers(0, len(pool) - 1))
        effective = pool[first]
        if draw(_BOOLEAN):
            ended = pool[draw(st.integers(first, len(pool) - 1))]
    elif draw(_BOOLEAN):
        ended = draw(st.sampled_from(pool))
    confidence, confidence_reason = _draw_confidence(draw)
    return Measure(
        dimension=dimension.id,
        level=draw(st.integers(0, dimension.max_level)),
        reason=_text(draw),
        evidence=_draw_evidence_list(draw, source_ids),
        scope=draw(_SCOPES[dimension.flag]),
        effective=effective,
        ended=ended,
        confidence=confidence,
        confidence_reason=confidence_reason,
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
        max_measures: The most measures a policy has (at least 1).
    """
    _check_size("min_measures", 1, "max_measures", max_measures)
    return _policies(
        codebook,
        _ID if ids is None else ids,
        _JURISDICTION if jurisdictions is None else jurisdictions,
        _ID if source_ids is None else source_ids,
        _ID if agency_ids is None else agency_ids,
        _ID if platform_ids is None else platform_ids,
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
    book = _bundled_codebook() if codebook is None else codebook
    refs = _PolicyRefs(jurisdictions, source_ids, agency_ids, platform_ids)
    return _draw_policy(draw, draw(ids), book, refs, max_measures)


@attrs.frozen
class _PolicyRefs:
    jurisdictions: SearchStrategy[str]
    sources: SearchStrategy[str]
    agencies: SearchStrategy[str]
    platforms: SearchStrategy[str]


_POLICY_KIND = st.sampled_from(PolicyKind)
_POLICY_STATUS = st.sampled_from(PolicyStatus)


def _draw_policy(
    draw: st.DrawFn, policy_id: str, book: Codebook, refs: _PolicyRefs, max_measures: int
) -> Policy:
    dimensions = draw(
        st.lists(
            st.sampled_from(book.dimensions),
            min_size=1,
            max_size=max_measures,
            unique_by=lambda d: d.id,
        )
    )
    slots = [_maybe(draw, _DATE) for _ in range(3)]
    # Sorting the dates given by their first possible day puts them in an order the checks
    # accept: each one's last possible day is on or after every earlier one's first.
    in_order = iter(sorted((d for d in slots if d is not None), key=lambda d: d.earliest))
    announced, effective, ended = (None if d is None else next(in_order) for d in slots)
    given = tuple(d for d in (announced, effective, ended) if d is not None)
    return Policy(
        id=policy_id,
        title=_text(draw),
        jurisdiction=draw(refs.jurisdictions),
        kind=draw(_POLICY_KIND),
        status=draw(_POLICY_STATUS),
        measures=tuple(_draw_measure(draw, d, refs.sources, given) for d in dimensions),
        evidence=_draw_evidence_list(draw, refs.sources),
        issuers=_some(draw, refs.agencies, unique=True),
        enforcers=_some(draw, refs.agencies, unique=True),
        platforms=_some(draw, refs.platforms, unique=True),
        targets=_texts(draw),
        announced=announced,
        effective=effective,
        ended=ended,
        summary=_maybe_text(draw),
        notes=_maybe_text(draw),
    )


_KINDS = (QuantityKind.UNKNOWN, *(k for k in QuantityKind if k is not QuantityKind.UNKNOWN))
"""Every kind of quantity, the simplest (a figure not given) first."""
_KIND = st.sampled_from(_KINDS)
_FIGURE = st.integers(0, _COUNT)


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
    return Quantity(kind, *bounds, text=_maybe_text(draw))


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
        _ID if ids is None else ids,
        _ID if policy_ids is None else policy_ids,
        _ID if source_ids is None else source_ids,
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
    return _draw_link(draw, draw(ids), from_policy, to_policy, source_ids)


_LINK_KIND = st.sampled_from(LinkKind)


def _draw_link(
    draw: st.DrawFn, link_id: str, from_policy: str, to_policy: str, sources: SearchStrategy[str]
) -> Link:
    confidence, confidence_reason = _draw_confidence(draw)
    return Link(
        id=link_id,
        kind=draw(_LINK_KIND),
        from_policy=from_policy,
        to_policy=to_policy,
        evidence=_draw_evidence_list(draw, sources),
        notes=_maybe_text(draw),
        confidence=confidence,
        confidence_reason=confidence_reason,
    )


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
    refs = _OutcomeRefs(
        sources=_ID if source_ids is None else source_ids,
        agencies=_ID if agency_ids is None else agency_ids,
        platforms=_ID if platform_ids is None else platform_ids,
        policies=_ID if policy_ids is None else policy_ids,
        outcomes=_ID if outcome_ids is None else outcome_ids,
        places=_JURISDICTION if places is None else places,
    )
    return _outcomes(_ID if ids is None else ids, refs)


@attrs.frozen
class _OutcomeRefs:
    sources: SearchStrategy[str]
    agencies: SearchStrategy[str]
    platforms: SearchStrategy[str]
    policies: SearchStrategy[str]
    outcomes: SearchStrategy[str]
    places: SearchStrategy[str]


@st.composite
def _outcomes(draw: st.DrawFn, ids: SearchStrategy[str], refs: _OutcomeRefs) -> Outcome:
    return _draw_outcome(draw, draw(ids), refs)


_METRIC = st.sampled_from(Metric)
_ROLE = st.sampled_from(OutcomeRole)
_UNIT = st.sampled_from(Unit)


def _draw_outcome(draw: st.DrawFn, outcome_id: str, refs: _OutcomeRefs) -> Outcome:
    return Outcome(
        id=outcome_id,
        metric=draw(_METRIC),
        quantity=_draw_quantity(draw),
        unit=draw(_UNIT),
        description=_text(draw),
        reported_by=_text(draw),
        evidence=_draw_evidence_list(draw, refs.sources),
        period=_maybe(draw, _DATE),
        place=_maybe(draw, refs.places),
        agencies=_some(draw, refs.agencies, unique=True),
        platforms=_some(draw, refs.platforms, unique=True),
        policies=_some(draw, refs.policies, unique=True),
        reporter=_maybe(draw, refs.agencies),
        via=_texts(draw),
        same_as=_maybe(draw, refs.outcomes),
        notes=_maybe_text(draw),
        role=draw(_ROLE),
        includes=_some(draw, refs.outcomes, unique=True),
        unit_qualifier=_maybe_text(draw),
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
        *(_ID if s is None else s for s in (ids, source_ids, agency_ids, policy_ids, platform_ids)),
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
    return _draw_claim(draw, draw(ids), source_ids, agency_ids, policy_ids, platform_ids)


_CLAIM_KIND = st.sampled_from(ClaimKind)


def _draw_claim(
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
        speaker=_text(draw),
        text=_text(draw),
        evidence=_draw_evidence_list(draw, source_ids),
        speaker_agency=_maybe(draw, agency_ids),
        date=_maybe(draw, _DATE),
        policies=_some(draw, policy_ids, unique=True),
        agencies=_some(draw, agency_ids, unique=True),
        platforms=_some(draw, platform_ids, unique=True),
        notes=_maybe_text(draw),
    )


# Codebooks and datasets -------------------------------------------------------------------


def codebooks(
    *, min_dimensions: int = 1, max_dimensions: int = 4, max_levels: int = 4
) -> SearchStrategy[Codebook]:
    """Codebooks with uniquely named dimensions of 2 to *max_levels* levels each.

    Args:
        min_dimensions: The fewest dimensions (at least 1).
        max_dimensions: The most dimensions.
        max_levels: The most levels on a dimension, counting level 0 (at least 2).
    """
    if min_dimensions < 1:
        msg = f"min_dimensions={min_dimensions} must be at least 1"
        raise InvalidArgument(msg)
    _check_size("min_dimensions", min_dimensions, "max_dimensions", max_dimensions)
    _check_size("min_levels", 2, "max_levels", max_levels)
    dimensions = st.lists(
        _dimensions(max_levels),
        min_size=min_dimensions,
        max_size=max_dimensions,
        unique_by=lambda d: d.id,
    )
    return st.builds(
        Codebook,
        id=_CODEBOOK_ID,
        title=_ANY_TEXT,
        version=st.sampled_from(("1.0", "0.1", "2")),
        description=_ANY_TEXT,
        dimensions=dimensions.map(tuple),
    )


_WEIGHT = st.floats(0.0, 10.0, allow_nan=False, allow_infinity=False)


@st.composite
def _dimensions(draw: st.DrawFn, max_levels: int) -> Dimension:
    count = draw(st.integers(2, max_levels))
    flag = draw(_BOOLEAN)
    return Dimension(
        id=draw(_CODEBOOK_ID),
        name=draw(_ANY_TEXT),
        description=draw(_ANY_TEXT),
        levels=tuple(Level(i, draw(_ANY_TEXT), draw(_ANY_TEXT)) for i in range(count)),
        flag=flag,
        weight=draw(_WEIGHT),
        flag_definition=_maybe(draw, _ANY_TEXT) if flag else None,
    )


def datasets(
    *,
    min_policies: int = 0,
    max_policies: int = 3,
    jurisdictions: SearchStrategy[str] | None = None,
    codebook: Codebook | None = None,
) -> SearchStrategy[Dataset]:
    """Whole, consistent datasets that pass :func:`policytrack.check` against *codebook*.

    Ids are unique across collections; every reference resolves; policy dates are in order;
    measures fit the codebook; parent agencies, links and same-as outcomes point only at
    earlier records, so no chain is a cycle; every quote cites a source in the dataset. The
    empty dataset comes first. Quotes are not anchored in real texts. Besides the policies,
    each collection holds up to two records (sources up to three).

    Args:
        min_policies: The fewest policies.
        max_policies: The most policies.
        jurisdictions: ISO 3166 codes for policies, agencies and places; by default a few
            Chinese and other codes.
        codebook: The codebook measures are scored on; by default the bundled one. The
            dataset's info names it by id: load a dataset drawn with another codebook with
            ``load(..., codebook=codebook)``.
    """
    _check_size("min_policies", min_policies, "max_policies", max_policies)
    return _datasets(
        min_policies,
        max_policies,
        _JURISDICTION if jurisdictions is None else jurisdictions,
        codebook,
    )


def _among(ids: list[str]) -> SearchStrategy[str]:
    return st.sampled_from(ids) if ids else st.nothing()


_VERSION = st.sampled_from(("0", "1.0", "2024.1"))
_LICENSE = st.sampled_from(("CC-BY-4.0", "CC0-1.0"))


@st.composite
def _datasets(
    draw: st.DrawFn,
    min_policies: int,
    max_policies: int,
    jurisdictions: SearchStrategy[str],
    codebook: Codebook | None,
) -> Dataset:
    book = _bundled_codebook() if codebook is None else codebook
    n_policies = draw(st.integers(min_policies, max_policies))
    n_agencies, n_platforms, n_outcomes, n_claims = (draw(_FEW) for _ in range(4))
    n_links = draw(_FEW) if n_policies > 1 else 0
    cites = n_policies + n_agencies + n_platforms + n_outcomes + n_claims + n_links
    n_sources = draw(st.integers(1 if cites else 0, 3))
    counts = [n_sources, n_agencies, n_platforms, n_policies, n_links, n_outcomes, n_claims]
    pool = draw(st.lists(_ID, min_size=sum(counts), max_size=sum(counts), unique=True))
    groups = []
    for count in counts:
        groups.append(pool[:count])
        pool = pool[count:]
    source_ids, agency_ids, platform_ids, policy_ids, link_ids, outcome_ids, claim_ids = groups
    cited, agency, platform, policy = map(
        _among, (source_ids, agency_ids, platform_ids, policy_ids)
    )

    links_ = []
    for link_id in link_ids:
        later = draw(st.integers(1, n_policies - 1))
        earlier = draw(st.integers(0, later - 1))
        links_.append(_draw_link(draw, link_id, policy_ids[later], policy_ids[earlier], cited))
    refs = _PolicyRefs(jurisdictions, cited, agency, platform)
    return Dataset(
        DatasetInfo(
            id=draw(_ID),
            title=_text(draw),
            version=draw(_VERSION),
            codebook=book.id,
            description=_maybe_text(draw),
            license=_maybe(draw, _LICENSE),
        ),
        sources=tuple(_draw_source(draw, i) for i in source_ids),
        agencies=tuple(
            _draw_agency(draw, agency_id, cited, _among(agency_ids[:i]), jurisdictions)
            for i, agency_id in enumerate(agency_ids)
        ),
        platforms=tuple(_draw_platform(draw, i, cited) for i in platform_ids),
        policies=tuple(_draw_policy(draw, i, book, refs, 2) for i in policy_ids),
        links=tuple(links_),
        outcomes=tuple(
            _draw_outcome(
                draw,
                outcome_id,
                _OutcomeRefs(
                    cited, agency, platform, policy, _among(outcome_ids[:i]), jurisdictions
                ),
            )
            for i, outcome_id in enumerate(outcome_ids)
        ),
        claims=tuple(_draw_claim(draw, i, cited, agency, policy, platform) for i in claim_ids),
    )


# Registration -----------------------------------------------------------------------------


def register() -> None:
    """Make :func:`hypothesis.strategies.from_type` draw policytrack types with these strategies.

    Registers :class:`~policytrack.UncertainDate`, :class:`~policytrack.Evidence`, every record
    type, :class:`~policytrack.Measure`, :class:`~policytrack.Quantity`,
    :class:`~policytrack.Codebook` and :class:`~policytrack.Dataset`. Calling it again changes
    nothing.
    """
    st.register_type_strategy(UncertainDate, uncertain_dates())
    st.register_type_strategy(Evidence, evidence())
    st.register_type_strategy(Source, sources())
    st.register_type_strategy(Agency, agencies())
    st.register_type_strategy(Platform, platforms())
    st.register_type_strategy(Measure, measures())
    st.register_type_strategy(Policy, policies())
    st.register_type_strategy(Quantity, quantities())
    st.register_type_strategy(Link, links())
    st.register_type_strategy(Outcome, outcomes())
    st.register_type_strategy(Claim, claims())
    st.register_type_strategy(Codebook, codebooks())
    st.register_type_strategy(Dataset, datasets())


if _pending:
    register()
