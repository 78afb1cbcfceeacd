"""The records of a policy-tracking dataset: frozen values, checked on construction.

Every fact carries :class:`Evidence`: an exact quote anchored in its source the W3C Web
Annotation way. References between records are ids; the dataset checks that they resolve.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

import attrs

from policytrack.model.dates import UncertainDate
from policytrack.model.rules import (
    CODE,
    ID,
    ID_PATTERN,
    IDS,
    INT,
    NATURAL,
    OPTIONAL_CODE,
    OPTIONAL_ID,
    OPTIONAL_INT,
    OPTIONAL_TEXT,
    STRING,
    TEXT,
    TEXTS,
    Kind,
    Relation,
    Rule,
    matching,
    nested,
    one_of,
)
from policytrack.vocab import (
    AgencyKind,
    ClaimKind,
    Confidence,
    LinkKind,
    Metric,
    OutcomeRole,
    PlatformKind,
    PolicyKind,
    PolicyStatus,
    QuantityKind,
    Reliability,
    Scope,
    Unit,
)

__all__ = [
    "Agency",
    "AgencyKind",
    "Claim",
    "ClaimKind",
    "Confidence",
    "Evidence",
    "Link",
    "LinkKind",
    "Measure",
    "Metric",
    "Outcome",
    "OutcomeRole",
    "Platform",
    "PlatformKind",
    "Policy",
    "PolicyKind",
    "PolicyStatus",
    "Quantity",
    "QuantityKind",
    "Record",
    "Reliability",
    "Scope",
    "Source",
    "Unit",
    "fragment_rows",
    "is_id",
]

_ID = re.compile(ID_PATTERN)
_GROUP_PATTERN = r"[a-z0-9][a-z0-9_-]*"
_FRAGMENT_PATTERN = r"row=([1-9][0-9]*)(?:-([1-9][0-9]*))?"
_FRAGMENT = re.compile(_FRAGMENT_PATTERN)
_SHA256 = r"[0-9a-f]{64}"
_LANGUAGE = r"[a-z]{2,3}(-[A-Za-z0-9]+)*"
"""A BCP 47 language tag, as far as a record needs one."""
_DATE = nested(UncertainDate, repeats=True)
_OPTIONAL_DATE = nested(UncertainDate, optional=True, repeats=True)
_SHARED_TEXT = Rule(Kind.TEXT, repeats=True)
"""Text that recurs across records (a reporter, a speaker, a reason)."""
_SHARED_STRING = Rule(Kind.STRING, repeats=True)


def is_id(value: object) -> bool:
    """Whether *value* is a record id: lower-case letters, digits and '-', not starting with '-'."""
    return isinstance(value, str) and _ID.fullmatch(value) is not None


def _span(start: int, end: int, exact: str) -> str | None:
    if end - start != len(exact):
        return f"'end' must be start + len(exact) = {start + len(exact)} (got {end})"
    return None


def _explained(confidence: Confidence, reason: str | None) -> str | None:
    if reason is None and confidence is not Confidence.CERTAIN:
        return f"'confidence_reason' must explain a confidence of {confidence.value!r} (got none)"
    return None


_CONFIDENCE_REASON = OPTIONAL_TEXT.related(
    Relation(("confidence", "confidence_reason"), _explained)
)
"""Why a coding is not certain: required unless it is."""


def _rows_in_order(value: str) -> None:
    found = _FRAGMENT.fullmatch(value)
    if found is not None and found[2] is not None and int(found[2]) < int(found[1]):
        msg = f"an RFC 7111 row range must not end before it starts (got {value!r})"
        raise ValueError(msg)


_FRAGMENT_RULE = Rule(Kind.PATTERN, optional=True, pattern=_FRAGMENT_PATTERN, test=_rows_in_order)
"""An RFC 7111 row selector, ``row=N`` or ``row=N-M`` with N <= M."""


def fragment_rows(fragment: str) -> tuple[int, int]:
    """The first and last row (1-based, the header row counting as row 1) of *fragment*.

    Raises:
        ValueError: *fragment* is not ``row=N`` or ``row=N-M``.
    """
    found = _FRAGMENT.fullmatch(fragment)
    if found is None:
        msg = f"not an RFC 7111 row selector: {fragment!r}"
        raise ValueError(msg)
    first = int(found[1])
    return first, int(found[2]) if found[2] is not None else first


_GROUP_RULE = Rule(Kind.PATTERN, optional=True, pattern=_GROUP_PATTERN)
"""A population group: lower-case letters, digits, '_' and '-'."""


@attrs.frozen
class Evidence:
    """An exact quote from a source, anchored by quote, by position and, in a data file, by row.

    This is a W3C Web Annotation TextQuoteSelector (*exact*, *prefix*, *suffix*) together with
    a TextPositionSelector (*start*, *end*: 0-based, end-exclusive, in Unicode code points of
    the source text as stored). In a CSV file, *fragment* adds a W3C FragmentSelector
    conforming to RFC 7111: ``row=N`` or ``row=N-M``, rows counted from 1 with the header row
    as row 1; the quote (a note, or the cell read) then lies inside the rows selected.

    Attributes:
        source: The id of the source quoted.
        exact: The quoted text, character for character.
        start: Offset of the quote's first code point.
        end: Offset just past the quote's last code point.
        prefix: Text just before the quote, to re-anchor it if offsets drift.
        suffix: Text just after the quote.
        fragment: The rows of a CSV source the evidence rests on (``row=12-40``), or None for
            a quote from running text.
    """

    source: str = attrs.field(validator=ID)
    exact: str = attrs.field(validator=TEXT)
    start: int = attrs.field(validator=NATURAL)
    end: int = attrs.field(validator=INT.related(Relation(("start", "end", "exact"), _span)))
    prefix: str = attrs.field(default="", validator=STRING)
    suffix: str = attrs.field(default="", validator=STRING)
    fragment: str | None = attrs.field(default=None, validator=_FRAGMENT_RULE)


_EVIDENCE = nested(Evidence, many=True)
"""At least one piece of evidence."""


@attrs.frozen
class Source:
    """An article or document that records are coded from.

    Attributes:
        id: Unique id.
        title: Headline or title as published.
        outlet: The publication.
        published: Publication date, with its basis and reasoning.
        reliability: What kind of outlet it is.
        sha256: SHA-256 of the UTF-8 bytes of the exact text the quotes refer to.
        length: The text's length in code points.
        language: BCP 47 language tag.
        author: The author where the page names one.
        url: Where it was published, when known.
        notes: Anything a reader should know (republication, missing parts, errors).
        covers: The period the source speaks to, as an EDTF date or interval
            (``2012-06/2013-01``), with its basis. When absent, the period is derived from
            the dates of what the source reports (see :mod:`policytrack.analysis.coverage`).
    """

    id: str = attrs.field(validator=ID)
    title: str = attrs.field(validator=TEXT)
    outlet: str = attrs.field(validator=TEXT)
    published: UncertainDate = attrs.field(validator=_DATE)
    reliability: Reliability = attrs.field(validator=one_of(Reliability))
    sha256: str = attrs.field(validator=matching(_SHA256))
    length: int = attrs.field(validator=NATURAL)
    language: str = attrs.field(default="en", validator=matching(_LANGUAGE))
    author: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)
    url: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)
    notes: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)
    covers: UncertainDate | None = attrs.field(default=None, validator=_OPTIONAL_DATE)


@attrs.frozen
class Agency:
    """A state or party body that issues or enforces policies.

    Attributes:
        id: Unique id.
        name: Its English name.
        kind: What kind of body it is.
        jurisdiction: ISO 3166 code of the level it operates at (``CN``, ``CN-SH``).
        evidence: Quotes that mention it.
        aliases: Other names and abbreviations (``CAC``).
        parent: The id of the body it belongs to.
        notes: Anything a reader should know.
    """

    id: str = attrs.field(validator=ID)
    name: str = attrs.field(validator=TEXT)
    kind: AgencyKind = attrs.field(validator=one_of(AgencyKind))
    jurisdiction: str = attrs.field(validator=CODE)
    evidence: tuple[Evidence, ...] = attrs.field(validator=_EVIDENCE)
    aliases: tuple[str, ...] = attrs.field(default=(), validator=TEXTS)
    parent: str | None = attrs.field(default=None, validator=OPTIONAL_ID)
    notes: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)


@attrs.frozen
class Platform:
    """A service or company that policies hit.

    Attributes:
        id: Unique id.
        name: Its usual name.
        kind: What kind of service it is.
        evidence: Quotes that mention it.
        owner: The company that owns it.
        home_country: ISO 3166-1 code of the owner's home country.
        aliases: Other names.
        notes: What happened to it, in a sentence, and anything else a reader should know.
    """

    id: str = attrs.field(validator=ID)
    name: str = attrs.field(validator=TEXT)
    kind: PlatformKind = attrs.field(validator=one_of(PlatformKind))
    evidence: tuple[Evidence, ...] = attrs.field(validator=_EVIDENCE)
    owner: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)
    home_country: str | None = attrs.field(default=None, validator=OPTIONAL_CODE)
    aliases: tuple[str, ...] = attrs.field(default=(), validator=TEXTS)
    notes: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)


@attrs.frozen
class Measure:
    """What a policy does on one dimension of the codebook.

    Attributes:
        dimension: The codebook dimension's id.
        level: The ordinal level reached, 0..N of that dimension.
        reason: One line on why this level (and scope) and not another.
        evidence: The quotes the level rests on.
        scope: General or targeted, on dimensions that carry a flag.
        effective: The measure's own first day in force, when it differs from its policy's
            (a campaign that spread to a platform later); None: the policy's.
        ended: The measure's own first day out of force; None: the policy's.
        confidence: How sure the coding is.
        confidence_reason: Why it is not certain; required unless the confidence is certain.
        group: The population group it applies to (OxCGRT's ``non_vaccinated`` or
            ``vaccinated``), or None for everyone. The index for a group takes the group's
            measures where any is in force and everyone's otherwise.
    """

    dimension: str = attrs.field(validator=_SHARED_STRING)
    level: int = attrs.field(validator=NATURAL)
    reason: str = attrs.field(validator=_SHARED_TEXT)
    evidence: tuple[Evidence, ...] = attrs.field(validator=_EVIDENCE)
    scope: Scope = attrs.field(default=Scope.GENERAL, validator=one_of(Scope))
    effective: UncertainDate | None = attrs.field(default=None, validator=_OPTIONAL_DATE)
    ended: UncertainDate | None = attrs.field(default=None, validator=_OPTIONAL_DATE)
    confidence: Confidence = attrs.field(default=Confidence.CERTAIN, validator=one_of(Confidence))
    confidence_reason: str | None = attrs.field(default=None, validator=_CONFIDENCE_REASON)
    group: str | None = attrs.field(default=None, validator=_GROUP_RULE)


@attrs.frozen
class Policy:
    """A law, regulation, draft, directive, guideline, campaign or standing practice.

    A policy is in force from its *effective* date (or, by option, its *announced* date) until
    its *ended* date, or until a policy that supersedes or ends it takes effect.

    Attributes:
        id: Unique id.
        title: A descriptive title.
        jurisdiction: ISO 3166 code where it applies.
        kind: What kind of instrument it is.
        status: Its status as its sources report it.
        measures: What it does, dimension by dimension; none when its sources name it or report
            it only through claims, without saying what it does (coding rule 3.6).
        evidence: Quotes that establish it exists.
        issuers: Ids of the agencies that issued it.
        enforcers: Ids of the agencies that enforce it.
        platforms: Ids of the platforms it targets by name.
        targets: Other targets, in words ("internet service providers", "bloggers").
        announced: When it was announced or adopted.
        effective: When it took effect: its first day in force.
        ended: When it ended: its first day OUT of force (a policy in force on 1-31 March
            has ``ended = 2020-04-01``). A policy must be in force on some day, so *ended*
            cannot fall on or before *effective*.
        summary: A sentence on what it does.
        notes: Judgement calls, doubts and outside knowledge, said openly.
    """

    id: str = attrs.field(validator=ID)
    title: str = attrs.field(validator=TEXT)
    jurisdiction: str = attrs.field(validator=CODE)
    kind: PolicyKind = attrs.field(validator=one_of(PolicyKind))
    status: PolicyStatus = attrs.field(validator=one_of(PolicyStatus))
    # A policy its sources only name has no measures (coding rule 3.6).
    measures: tuple[Measure, ...] = attrs.field(
        validator=nested(Measure, many=True, nonempty=False)
    )
    evidence: tuple[Evidence, ...] = attrs.field(validator=_EVIDENCE)
    issuers: tuple[str, ...] = attrs.field(default=(), validator=IDS)
    enforcers: tuple[str, ...] = attrs.field(default=(), validator=IDS)
    platforms: tuple[str, ...] = attrs.field(default=(), validator=IDS)
    targets: tuple[str, ...] = attrs.field(default=(), validator=TEXTS)
    announced: UncertainDate | None = attrs.field(default=None, validator=_OPTIONAL_DATE)
    effective: UncertainDate | None = attrs.field(default=None, validator=_OPTIONAL_DATE)
    ended: UncertainDate | None = attrs.field(default=None, validator=_OPTIONAL_DATE)
    summary: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)
    notes: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)


@attrs.frozen
class Link:
    """A typed relation between two policies: ``from_policy`` *kind* ``to_policy``.

    Attributes:
        id: Unique id.
        kind: The relation.
        from_policy: The policy that amends, implements, supersedes... the other.
        to_policy: The policy acted on.
        evidence: Quotes that establish the relation.
        notes: The reasoning, when the relation is inferred.
        confidence: How sure the coding is.
        confidence_reason: Why it is not certain; required unless the confidence is certain.
    """

    id: str = attrs.field(validator=ID)
    kind: LinkKind = attrs.field(validator=one_of(LinkKind))
    from_policy: str = attrs.field(validator=ID)
    to_policy: str = attrs.field(validator=ID)
    evidence: tuple[Evidence, ...] = attrs.field(validator=_EVIDENCE)
    notes: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)
    confidence: Confidence = attrs.field(default=Confidence.CERTAIN, validator=one_of(Confidence))
    confidence_reason: str | None = attrs.field(default=None, validator=_CONFIDENCE_REASON)


_QUANTITY_BOUNDS: Final[Mapping[QuantityKind, tuple[bool, bool]]] = {
    QuantityKind.EXACT: (True, True),
    QuantityKind.APPROXIMATE: (True, True),
    QuantityKind.RANGE: (True, True),
    QuantityKind.AT_LEAST: (True, False),
    QuantityKind.AT_MOST: (False, True),
    QuantityKind.UNKNOWN: (False, False),
}
"""Whether a quantity of each kind takes a low and a high bound."""


def _bounds(kind: QuantityKind, low: int | None, high: int | None) -> str | None:
    need = _QUANTITY_BOUNDS[kind]
    if (low is not None, high is not None) != need:
        wanted = " and ".join(n for n, w in zip(("low", "high"), need, strict=True) if w)
        return f"a quantity of kind {kind.value!r} takes {wanted or 'no bounds'}"
    if kind is QuantityKind.EXACT and low != high:
        return f"an exact quantity has low == high (got {low} and {high})"
    if low is not None and high is not None and low > high:
        return f"'low' must not exceed 'high' (got {low} > {high})"
    return None


_BOUNDS = Relation(("kind", "low", "high"), _bounds)


@attrs.frozen
class Quantity:
    """A reported figure: exact, approximate, a bound, a range, or unknown.

    Attributes:
        kind: How precisely it is reported.
        low: The smallest value consistent with the report (None when unbounded below).
        high: The largest value consistent with the report (None when unbounded above).
        text: The words the figure was reported in ("dozens", "more than a hundred").
    """

    kind: QuantityKind = attrs.field(validator=one_of(QuantityKind))
    low: int | None = attrs.field(default=None, validator=OPTIONAL_INT)
    high: int | None = attrs.field(default=None, validator=OPTIONAL_INT.related(_BOUNDS))
    text: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)

    @classmethod
    def exact(cls, value: int, text: str | None = None) -> Quantity:
        """A figure reported exactly."""
        return cls(QuantityKind.EXACT, value, value, text)

    @classmethod
    def at_least(cls, value: int, text: str | None = None) -> Quantity:
        """A figure reported as a lower bound ("more than a hundred")."""
        return cls(QuantityKind.AT_LEAST, value, None, text)

    @classmethod
    def between(cls, low: int, high: int, text: str | None = None) -> Quantity:
        """A figure reported as a range ("dozens")."""
        return cls(QuantityKind.RANGE, low, high, text)


@attrs.frozen
class Outcome:
    """A reported effect of controls: a figure, what it counts, where, when, and who said it.

    Attributes:
        id: Unique id.
        metric: What is counted.
        quantity: The figure.
        unit: What the figure counts, from one vocabulary, so like figures add up.
        description: A sentence on what the figure is.
        reported_by: Who produced the figure ("Shanghai police").
        evidence: The quotes that report it.
        period: The time the figure covers, or the day of the event.
        place: ISO 3166 code of where it happened.
        agencies: Ids of the agencies involved.
        platforms: Ids of the platforms involved.
        policies: Ids of the policies it is attributed to.
        reporter: The id of the agency that produced the figure, when it is one.
        via: The chain it reached the source through, nearest the origin first
            (["Weibo", "South China Morning Post"]).
        same_as: The id of an outcome that reports the same figure; totals count it once.
        notes: Doubts and judgement calls.
        role: Whether the figure is an effect of controls (enforcement, what totals count by
            default), context (a population, followers, an unrelated event) or an agency's own
            claim of its results.
        includes: Ids of outcomes this one's figure includes (LinkedIn among four companies
            named together); a total counts an included outcome once, inside this one.
        unit_qualifier: Narrows the unit in words ("WeChat" for accounts on WeChat).
    """

    id: str = attrs.field(validator=ID)
    metric: Metric = attrs.field(validator=one_of(Metric))
    quantity: Quantity = attrs.field(validator=nested(Quantity))
    unit: Unit = attrs.field(validator=one_of(Unit))
    description: str = attrs.field(validator=TEXT)
    reported_by: str = attrs.field(validator=_SHARED_TEXT)
    evidence: tuple[Evidence, ...] = attrs.field(validator=_EVIDENCE)
    period: UncertainDate | None = attrs.field(default=None, validator=_OPTIONAL_DATE)
    place: str | None = attrs.field(default=None, validator=OPTIONAL_CODE)
    agencies: tuple[str, ...] = attrs.field(default=(), validator=IDS)
    platforms: tuple[str, ...] = attrs.field(default=(), validator=IDS)
    policies: tuple[str, ...] = attrs.field(default=(), validator=IDS)
    reporter: str | None = attrs.field(default=None, validator=OPTIONAL_ID)
    via: tuple[str, ...] = attrs.field(default=(), validator=TEXTS)
    same_as: str | None = attrs.field(default=None, validator=OPTIONAL_ID)
    notes: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)
    role: OutcomeRole = attrs.field(default=OutcomeRole.ENFORCEMENT, validator=one_of(OutcomeRole))
    includes: tuple[str, ...] = attrs.field(default=(), validator=IDS)
    unit_qualifier: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)


@attrs.frozen
class Claim:
    """An official statement about a policy or its effects, kept apart from facts.

    Attributes:
        id: Unique id.
        kind: What the statement does (a rationale, a self-assessment...).
        speaker: Who said it, as the source names them.
        text: What was claimed, in a sentence (the quotes carry the words).
        evidence: The quotes.
        speaker_agency: The id of the speaker's agency.
        date: When it was said.
        policies: Ids of the policies it is about.
        agencies: Ids of other agencies involved (co-hosts of an event, bodies named in it).
        platforms: Ids of platforms it names.
        notes: Context a reader needs.
    """

    id: str = attrs.field(validator=ID)
    kind: ClaimKind = attrs.field(validator=one_of(ClaimKind))
    speaker: str = attrs.field(validator=_SHARED_TEXT)
    text: str = attrs.field(validator=TEXT)
    evidence: tuple[Evidence, ...] = attrs.field(validator=_EVIDENCE)
    speaker_agency: str | None = attrs.field(default=None, validator=OPTIONAL_ID)
    date: UncertainDate | None = attrs.field(default=None, validator=_OPTIONAL_DATE)
    policies: tuple[str, ...] = attrs.field(default=(), validator=IDS)
    agencies: tuple[str, ...] = attrs.field(default=(), validator=IDS)
    platforms: tuple[str, ...] = attrs.field(default=(), validator=IDS)
    notes: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)


Record = Source | Agency | Platform | Policy | Link | Outcome | Claim
"""Any top-level record of a dataset."""
