"""The records of a policy-tracking dataset: frozen values, checked on construction.

Every fact carries :class:`Evidence`: an exact quote anchored in its source the W3C Web
Annotation way. References between records are ids; the dataset checks that they resolve.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

import attrs
from attrs import validators as v

from policytrack.model.dates import UncertainDate
from policytrack.model.jurisdictions import is_known
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
    "is_id",
]

_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_SHA256 = re.compile(r"[0-9a-f]{64}")


def is_id(value: object) -> bool:
    """Whether *value* is a record id: lower-case letters, digits and '-', not starting with '-'."""
    return isinstance(value, str) and _ID.fullmatch(value) is not None


def _check_id(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not is_id(value):
        msg = f"'{attribute.name}' must be lower-case letters, digits and '-' (got {value!r})"
        raise ValueError(msg)


def _check_ids(instance: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for item in value:
        _check_id(instance, attribute, item)


def _check_optional_id(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _check_id(instance, attribute, value)


def _check_code(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (not isinstance(value, str) or not is_known(value)):
        msg = f"'{attribute.name}' must be an ISO 3166-1 or known ISO 3166-2 code (got {value!r})"
        raise ValueError(msg)


def _check_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        msg = f"'{attribute.name}' must be non-empty text (got {value!r})"
        raise ValueError(msg)


def _check_texts(instance: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for item in value:
        _check_text(instance, attribute, item)


def _nonempty(instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    if not value:
        msg = f"'{attribute.name}' must have at least one entry (got none)"
        raise ValueError(msg)


_optional_text = v.optional(_check_text)
_optional_date = v.optional(v.instance_of(UncertainDate))


def _check_confidence_reason(
    instance: Any, attribute: attrs.Attribute[str | None], value: str | None
) -> None:
    if value is not None:
        _check_text(instance, attribute, value)
    elif instance.confidence is not Confidence.CERTAIN:
        msg = (
            f"'{attribute.name}' must explain a confidence of "
            f"{instance.confidence.value!r} (got none)"
        )
        raise ValueError(msg)


def _confidence_reason() -> Any:
    return attrs.field(default=None, validator=_check_confidence_reason)


def _evidence_list() -> Any:
    return attrs.field(validator=v.and_(v.deep_iterable(v.instance_of(Evidence)), _nonempty))


def _ids(**kwargs: Any) -> Any:
    return attrs.field(default=(), validator=_check_ids, **kwargs)


@attrs.frozen
class Evidence:
    """An exact quote from a source, anchored by quote and by position.

    This is a W3C Web Annotation TextQuoteSelector (*exact*, *prefix*, *suffix*) together with
    a TextPositionSelector (*start*, *end*: 0-based, end-exclusive, in Unicode code points of
    the source text as stored).

    Attributes:
        source: The id of the source quoted.
        exact: The quoted text, character for character.
        start: Offset of the quote's first code point.
        end: Offset just past the quote's last code point.
        prefix: Text just before the quote, to re-anchor it if offsets drift.
        suffix: Text just after the quote.
    """

    source: str = attrs.field(validator=_check_id)
    exact: str = attrs.field(validator=_check_text)
    start: int = attrs.field(validator=[v.instance_of(int), v.ge(0)])
    end: int = attrs.field(validator=v.instance_of(int))
    prefix: str = attrs.field(default="", validator=v.instance_of(str))
    suffix: str = attrs.field(default="", validator=v.instance_of(str))

    @end.validator
    def _check_end(self, attribute: attrs.Attribute[int], value: int) -> None:
        if value - self.start != len(self.exact):
            msg = f"'end' must be start + len(exact) = {self.start + len(self.exact)} (got {value})"
            raise ValueError(msg)


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

    id: str = attrs.field(validator=_check_id)
    title: str = attrs.field(validator=_check_text)
    outlet: str = attrs.field(validator=_check_text)
    published: UncertainDate = attrs.field(validator=v.instance_of(UncertainDate))
    reliability: Reliability = attrs.field(validator=v.instance_of(Reliability))
    sha256: str = attrs.field(validator=v.matches_re(_SHA256))
    length: int = attrs.field(validator=[v.instance_of(int), v.ge(0)])
    language: str = attrs.field(default="en", validator=v.matches_re(r"[a-z]{2,3}(-[A-Za-z0-9]+)*"))
    author: str | None = attrs.field(default=None, validator=_optional_text)
    url: str | None = attrs.field(default=None, validator=_optional_text)
    notes: str | None = attrs.field(default=None, validator=_optional_text)
    covers: UncertainDate | None = attrs.field(default=None, validator=_optional_date)


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

    id: str = attrs.field(validator=_check_id)
    name: str = attrs.field(validator=_check_text)
    kind: AgencyKind = attrs.field(validator=v.instance_of(AgencyKind))
    jurisdiction: str = attrs.field(validator=_check_code)
    evidence: tuple[Evidence, ...] = _evidence_list()
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_check_texts)
    parent: str | None = attrs.field(default=None, validator=_check_optional_id)
    notes: str | None = attrs.field(default=None, validator=_optional_text)


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

    id: str = attrs.field(validator=_check_id)
    name: str = attrs.field(validator=_check_text)
    kind: PlatformKind = attrs.field(validator=v.instance_of(PlatformKind))
    evidence: tuple[Evidence, ...] = _evidence_list()
    owner: str | None = attrs.field(default=None, validator=_optional_text)
    home_country: str | None = attrs.field(default=None, validator=_check_code)
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_check_texts)
    notes: str | None = attrs.field(default=None, validator=_optional_text)


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
    """

    dimension: str = attrs.field(validator=v.instance_of(str))
    level: int = attrs.field(validator=[v.instance_of(int), v.ge(0)])
    reason: str = attrs.field(validator=_check_text)
    evidence: tuple[Evidence, ...] = _evidence_list()
    scope: Scope = attrs.field(default=Scope.GENERAL, validator=v.instance_of(Scope))
    effective: UncertainDate | None = attrs.field(default=None, validator=_optional_date)
    ended: UncertainDate | None = attrs.field(default=None, validator=_optional_date)
    confidence: Confidence = attrs.field(
        default=Confidence.CERTAIN, validator=v.instance_of(Confidence)
    )
    confidence_reason: str | None = _confidence_reason()


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
        measures: What it does, dimension by dimension.
        evidence: Quotes that establish it exists.
        issuers: Ids of the agencies that issued it.
        enforcers: Ids of the agencies that enforce it.
        platforms: Ids of the platforms it targets by name.
        targets: Other targets, in words ("internet service providers", "bloggers").
        announced: When it was announced or adopted.
        effective: When it took effect.
        ended: When it ended.
        summary: A sentence on what it does.
        notes: Judgement calls, doubts and outside knowledge, said openly.
    """

    id: str = attrs.field(validator=_check_id)
    title: str = attrs.field(validator=_check_text)
    jurisdiction: str = attrs.field(validator=_check_code)
    kind: PolicyKind = attrs.field(validator=v.instance_of(PolicyKind))
    status: PolicyStatus = attrs.field(validator=v.instance_of(PolicyStatus))
    measures: tuple[Measure, ...] = attrs.field(
        validator=[v.deep_iterable(v.instance_of(Measure)), _nonempty]
    )
    evidence: tuple[Evidence, ...] = _evidence_list()
    issuers: tuple[str, ...] = _ids()
    enforcers: tuple[str, ...] = _ids()
    platforms: tuple[str, ...] = _ids()
    targets: tuple[str, ...] = attrs.field(default=(), validator=_check_texts)
    announced: UncertainDate | None = attrs.field(default=None, validator=_optional_date)
    effective: UncertainDate | None = attrs.field(default=None, validator=_optional_date)
    ended: UncertainDate | None = attrs.field(default=None, validator=_optional_date)
    summary: str | None = attrs.field(default=None, validator=_optional_text)
    notes: str | None = attrs.field(default=None, validator=_optional_text)


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

    id: str = attrs.field(validator=_check_id)
    kind: LinkKind = attrs.field(validator=v.instance_of(LinkKind))
    from_policy: str = attrs.field(validator=_check_id)
    to_policy: str = attrs.field(validator=_check_id)
    evidence: tuple[Evidence, ...] = _evidence_list()
    notes: str | None = attrs.field(default=None, validator=_optional_text)
    confidence: Confidence = attrs.field(
        default=Confidence.CERTAIN, validator=v.instance_of(Confidence)
    )
    confidence_reason: str | None = _confidence_reason()


_QUANTITY_BOUNDS: Final[Mapping[QuantityKind, tuple[bool, bool]]] = {
    QuantityKind.EXACT: (True, True),
    QuantityKind.APPROXIMATE: (True, True),
    QuantityKind.RANGE: (True, True),
    QuantityKind.AT_LEAST: (True, False),
    QuantityKind.AT_MOST: (False, True),
    QuantityKind.UNKNOWN: (False, False),
}
"""Whether a quantity of each kind takes a low and a high bound."""


@attrs.frozen
class Quantity:
    """A reported figure: exact, approximate, a bound, a range, or unknown.

    Attributes:
        kind: How precisely it is reported.
        low: The smallest value consistent with the report (None when unbounded below).
        high: The largest value consistent with the report (None when unbounded above).
        text: The words the figure was reported in ("dozens", "more than a hundred").
    """

    kind: QuantityKind = attrs.field(validator=v.instance_of(QuantityKind))
    low: int | None = attrs.field(default=None, validator=v.optional(v.instance_of(int)))
    high: int | None = attrs.field(default=None, validator=v.optional(v.instance_of(int)))
    text: str | None = attrs.field(default=None, validator=_optional_text)

    @high.validator
    def _check_bounds(self, attribute: attrs.Attribute[int | None], value: int | None) -> None:
        need = _QUANTITY_BOUNDS[self.kind]
        got = (self.low is not None, self.high is not None)
        if got != need:
            wanted = " and ".join(n for n, w in zip(("low", "high"), need, strict=True) if w)
            msg = f"a quantity of kind {self.kind.value!r} takes {wanted or 'no bounds'}"
            raise ValueError(msg)
        if self.kind is QuantityKind.EXACT and self.low != self.high:
            msg = f"an exact quantity has low == high (got {self.low} and {self.high})"
            raise ValueError(msg)
        if self.low is not None and self.high is not None and self.low > self.high:
            msg = f"'low' must not exceed 'high' (got {self.low} > {self.high})"
            raise ValueError(msg)

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

    id: str = attrs.field(validator=_check_id)
    metric: Metric = attrs.field(validator=v.instance_of(Metric))
    quantity: Quantity = attrs.field(validator=v.instance_of(Quantity))
    unit: Unit = attrs.field(validator=v.instance_of(Unit))
    description: str = attrs.field(validator=_check_text)
    reported_by: str = attrs.field(validator=_check_text)
    evidence: tuple[Evidence, ...] = _evidence_list()
    period: UncertainDate | None = attrs.field(default=None, validator=_optional_date)
    place: str | None = attrs.field(default=None, validator=_check_code)
    agencies: tuple[str, ...] = _ids()
    platforms: tuple[str, ...] = _ids()
    policies: tuple[str, ...] = _ids()
    reporter: str | None = attrs.field(default=None, validator=_check_optional_id)
    via: tuple[str, ...] = attrs.field(default=(), validator=_check_texts)
    same_as: str | None = attrs.field(default=None, validator=_check_optional_id)
    notes: str | None = attrs.field(default=None, validator=_optional_text)
    role: OutcomeRole = attrs.field(
        default=OutcomeRole.ENFORCEMENT, validator=v.instance_of(OutcomeRole)
    )
    includes: tuple[str, ...] = _ids()
    unit_qualifier: str | None = attrs.field(default=None, validator=_optional_text)


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

    id: str = attrs.field(validator=_check_id)
    kind: ClaimKind = attrs.field(validator=v.instance_of(ClaimKind))
    speaker: str = attrs.field(validator=_check_text)
    text: str = attrs.field(validator=_check_text)
    evidence: tuple[Evidence, ...] = _evidence_list()
    speaker_agency: str | None = attrs.field(default=None, validator=_check_optional_id)
    date: UncertainDate | None = attrs.field(default=None, validator=_optional_date)
    policies: tuple[str, ...] = _ids()
    agencies: tuple[str, ...] = _ids()
    platforms: tuple[str, ...] = _ids()
    notes: str | None = attrs.field(default=None, validator=_optional_text)


Record = Source | Agency | Platform | Policy | Link | Outcome | Claim
"""Any top-level record of a dataset."""
