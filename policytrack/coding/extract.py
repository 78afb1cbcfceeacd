"""Candidate records in a text: names, figures and dates with their exact positions.

``policytrack.coding.extract`` (``policytrack.extract`` before release 0.2).

:func:`extract_candidates` does the mechanical part of coding an article. It finds

* agencies and platforms by name and alias (from a :class:`~policytrack.coding.gazetteer.Gazetteer`:
  the dataset's own records and the bundled gazetteer), and flags capitalised names that look
  like organisations ("... Commission", "... Ministry") but are not known;
* figures with their unit, the clause around them, a guess at what they count and the agency
  named nearby ("shut down 460 illegal accounts" is 460 accounts closed);
* dates, absolute and relative, resolved against the publication date into uncertain dates.

Every candidate carries its quote as :class:`~policytrack.Evidence` (offsets in code points of
the text as given), and candidates are grouped by sentence in text order. Nothing here decides
what a record says: the coder keeps, corrects or drops each candidate. The function is pure
and never raises on any text; its scans are linear in the length of the text.
"""

from __future__ import annotations

import functools
import gc
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence

import attrs

from policytrack.coding.datephrases import find_dates
from policytrack.coding.gazetteer import (
    EntryKind,
    Gazetteer,
    GazetteerEntry,
    Origin,
    bundled_gazetteer,
)
from policytrack.coding.metrics import guess_metric
from policytrack.coding.numbers import find_figures
from policytrack.coding.text import Token, clause, gap, sentences, tokenize
from policytrack.model.arguments import RecordId, checked
from policytrack.model.dates import UncertainDate
from policytrack.model.records import Evidence, Metric, Quantity
from policytrack.vocab import NameKind

__all__ = [
    "DateCandidate",
    "Extraction",
    "FigureCandidate",
    "NameCandidate",
    "NameKind",
    "Sentence",
    "extract_candidates",
]

CONTEXT = 24
"""Characters of prefix and suffix kept with each quote, as :func:`policytrack.quote` does."""

_ORGANISATION_WORDS = frozenset(
    [
        "ministry",
        "administration",
        "commission",
        "committee",
        "office",
        "department",
        "bureau",
        "agency",
        "authority",
        "council",
        "court",
        "police",
        "procuratorate",
        "congress",
        "parliament",
        "assembly",
        "party",
        "government",
        "directorate",
        "inspectorate",
        "regulator",
        "service",
        "services",
        "force",
        "guard",
        "guards",
        "corps",
        "corporation",
        "corp",
        "inc",
        "ltd",
        "company",
        "group",
        "foundation",
        "institute",
        "association",
        "union",
        "federation",
        "platform",
        "network",
        "secretariat",
        "tribunal",
        "prosecutor",
        "commissioner",
    ]
)
_CONNECTORS = frozenset(
    ["of", "for", "and", "on", "the", "de", "du", "des", "la", "le", "der", "für", "del"]
)
_LEADING = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "as",
        "by",
        "for",
        "from",
        "according",
        "after",
        "before",
        "under",
        "with",
        "this",
        "that",
        "these",
        "those",
        "its",
        "their",
        "his",
        "her",
        "our",
        "while",
        "when",
        "if",
    ]
)
_NAME_GAP = frozenset(" \xa0'\u2019-.")
MAX_NAME_TOKENS = 16
"""The longest name looked for, in tokens."""


@attrs.frozen
class NameCandidate:
    """An agency, a platform or an unknown organisation named in the text.

    Attributes:
        evidence: The name as it appears, with its offsets.
        kind: Agency, platform, or an unknown organisation.
        id: The id of the known agency or platform (None for an unknown organisation).
        name: Its usual name.
        category: Its kind of agency or platform ("regulator", "microblog").
        jurisdiction: Where the agency operates, or the platform's home country.
        origin: Whether the name came from the dataset, the gazetteer or a place pattern.
        within: The id of the longer name this one was found inside ("National People's
            Congress" inside "Standing Committee of the National People's Congress").
    """

    evidence: Evidence
    kind: NameKind
    id: str | None = None
    name: str | None = None
    category: str | None = None
    jurisdiction: str | None = None
    origin: Origin | None = None
    within: str | None = None


@attrs.frozen
class FigureCandidate:
    """A figure: the number with its unit, what it may count, and the clause it is in.

    Attributes:
        evidence: The figure's words ("more than a hundred cases").
        quantity: The figure by the coding conventions (exact, a bound, a range...).
        clause: The clause around it ("shut down 460 illegal accounts for violations").
        unit: What is counted, in the text's words ("illegal accounts"), when found.
        metric: A guess at the metric, from the unit and the clause's verbs.
        agency: The id of the agency named nearest in the same sentence.
    """

    evidence: Evidence
    quantity: Quantity
    clause: Evidence
    unit: str | None = None
    metric: Metric | None = None
    agency: str | None = None


@attrs.frozen
class DateCandidate:
    """A date phrase and the uncertain date it stands for.

    Attributes:
        evidence: The phrase ("on Friday", "17/02/2014").
        date: The date (``stated``, or ``inferred`` with the phrase and rule as its reason), or
            None when it needs a publication date that is missing or too vague.
        relative: Whether it was read against the publication date.
        note: The rule applied, or why there is no date.
    """

    evidence: Evidence
    date: UncertainDate | None
    relative: bool
    note: str


Candidate = NameCandidate | FigureCandidate | DateCandidate
"""Any candidate."""


@attrs.frozen
class Sentence:
    """A sentence with the candidates found in it.

    Attributes:
        index: Its position among the text's sentences (0-based).
        evidence: The whole sentence as a quote.
        names: Agencies, platforms and organisations, in text order.
        figures: Figures, in text order.
        dates: Dates, in text order.
    """

    index: int
    evidence: Evidence
    names: tuple[NameCandidate, ...] = ()
    figures: tuple[FigureCandidate, ...] = ()
    dates: tuple[DateCandidate, ...] = ()

    def candidates(self) -> list[Candidate]:
        """Every candidate of the sentence in text order."""
        found: list[Candidate] = [*self.names, *self.figures, *self.dates]
        return sorted(found, key=lambda c: (c.evidence.start, c.evidence.end))


@attrs.frozen
class Extraction:
    """The candidates found in one text.

    Attributes:
        source: The id of the source the text belongs to.
        length: The text's length in code points.
        published: The publication date relative dates were resolved against.
        sentences: The sentences that hold candidates, in text order.
    """

    source: str
    length: int
    published: UncertainDate | None
    sentences: tuple[Sentence, ...] = ()

    @property
    def names(self) -> tuple[NameCandidate, ...]:
        """Every name candidate, in text order."""
        return tuple(c for s in self.sentences for c in s.names)

    @property
    def figures(self) -> tuple[FigureCandidate, ...]:
        """Every figure candidate, in text order."""
        return tuple(c for s in self.sentences for c in s.figures)

    @property
    def dates(self) -> tuple[DateCandidate, ...]:
        """Every date candidate, in text order."""
        return tuple(c for s in self.sentences for c in s.dates)

    def candidates(self) -> Iterator[Candidate]:
        """Every candidate, sentence by sentence, in text order."""
        for sentence in self.sentences:
            yield from sentence.candidates()


# -- names ---------------------------------------------------------------------------------


@attrs.define
class _Node:
    children: dict[str, _Node] = attrs.Factory(dict)
    ends: list[tuple[GazetteerEntry, tuple[str, ...]]] = attrs.Factory(list)


def _case(token: str) -> str:
    if len(token) > 1 and token.isupper():
        return "upper"
    if token[:1].isupper():
        return "title"
    return "any"


@attrs.frozen
class _Matcher:
    root: _Node
    gazetteer: Gazetteer

    @classmethod
    def build(cls, gazetteer: Gazetteer) -> _Matcher:
        root = _Node()
        for entry in gazetteer.entries:
            for name in entry.names:
                words = [t.text for t in tokenize(name)]
                if not words or len(words) > MAX_NAME_TOKENS:
                    continue
                node = root
                for word in words:
                    node = node.children.setdefault(word.lower(), _Node())
                node.ends.append((entry, tuple(_case(w) for w in words)))
        return cls(root, gazetteer)

    def match(
        self, text: str, tokens: Sequence[Token], i: int, limit: int
    ) -> tuple[int, GazetteerEntry] | None:
        """The longest name starting at token *i* and ending by token *limit*."""
        node = self.root
        best = None
        j = i
        while j <= limit and j - i < MAX_NAME_TOKENS:
            if j > i:
                between = gap(text, tokens, j - 1)
                if not between or len(between) > 3 or not set(between) <= _NAME_GAP:
                    break
            child = node.children.get(tokens[j].lower)
            if child is None:
                break
            node = child
            for entry, cases in node.ends:
                if all(_fits(tokens[i + k].text, case) for k, case in enumerate(cases)):
                    best = (j, entry)
                    break
            j += 1
        return best


def _fits(token: str, case: str) -> bool:
    if case == "upper":
        return token.isupper()
    if case == "title":
        return token[:1].isupper()
    return True


def _names(
    text: str, tokens: Sequence[Token], matcher: _Matcher
) -> list[tuple[int, int, GazetteerEntry, str | None]]:
    found: list[tuple[int, int, GazetteerEntry, str | None]] = []
    i = 0
    last_token = len(tokens) - 1
    while i <= last_token:
        hit = matcher.match(text, tokens, i, last_token)
        if hit is None:
            i += 1
            continue
        end, entry = hit
        found.append((i, end, entry, None))
        ancestors = set(matcher.gazetteer.ancestors(entry.id))
        if ancestors:
            for k in range(i + 1, end + 1):
                inner = matcher.match(text, tokens, k, end)
                if inner is not None and inner[1].id in ancestors:
                    found.append((k, inner[0], inner[1], entry.id))
                    ancestors.discard(inner[1].id)
        i = end + 1
    return found


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper()


def _organisations(text: str, tokens: Sequence[Token], taken: set[int]) -> list[tuple[int, int]]:
    """Runs of capitalised words holding an organisation word ("Guidance Commission")."""
    found = []
    i = 0
    while i < len(tokens):
        if i in taken or not _capitalised(tokens[i]) or tokens[i].is_number:
            i += 1
            continue
        j = i
        last_capital = i
        while j + 1 < len(tokens) and j - i < MAX_NAME_TOKENS:
            between = gap(text, tokens, j)
            if not between or len(between) > 2 or not set(between) <= _NAME_GAP - {"."}:
                break
            following = tokens[j + 1]
            if j + 1 in taken:
                break
            if _capitalised(following):
                last_capital = j + 1
            elif following.lower not in _CONNECTORS:
                break
            j += 1
        first = i
        while first < last_capital and tokens[first].lower in _LEADING:
            first += 1
        words = {tokens[k].lower for k in range(first, last_capital + 1)}
        if last_capital > first and words & _ORGANISATION_WORDS:
            found.append((first, last_capital))
        i = max(j, i) + 1
    return found


# -- assembly ------------------------------------------------------------------------------


_SLOTS = tuple(getattr(Evidence, field.name).__set__ for field in attrs.fields(Evidence))
"""Each Evidence field's slot setter, in field order."""


def _quote(source: str, text: str, start: int, end: int) -> Evidence:
    """The evidence for ``text[start:end]``, built without its validators.

    Every rule holds by construction: *source* was checked once (:func:`_check_source`), the
    quote is the text between the offsets, and the context is text. Dense text makes tens of
    thousands of these, and the validators were a third of its time; a quote that is only
    whitespace (never a candidate) still goes through them.
    """
    exact = text[start:end]
    if start < 0 or not exact or exact.isspace():
        return Evidence(source=source, exact=exact, start=start, end=end)
    evidence: Evidence = object.__new__(Evidence)
    values = (
        source,
        exact,
        start,
        end,
        text[max(0, start - CONTEXT) : start],
        text[end : end + CONTEXT],
        None,
    )
    for set_slot, value in zip(_SLOTS, values, strict=True):
        set_slot(evidence, value)
    return evidence


@attrs.define
class _Bucket:
    names: list[NameCandidate] = attrs.Factory(list)
    figures: list[FigureCandidate] = attrs.Factory(list)
    dates: list[DateCandidate] = attrs.Factory(list)


@functools.lru_cache(maxsize=8)
def _matcher_for(gazetteer: Gazetteer) -> _Matcher:
    return _Matcher.build(gazetteer)


@checked
def extract_candidates(
    text: str,
    source: RecordId = "text",
    *,
    published: UncertainDate | None = None,
    gazetteer: Gazetteer | None = None,
) -> Extraction:
    """The candidate names, figures and dates of *text*, grouped by sentence.

    Args:
        text: The text, exactly as stored (offsets count its code points).
        source: The id of the source it belongs to; every quote names it.
        published: The publication date, to resolve relative dates ("on Friday") against.
        gazetteer: The names to look for; by default the bundled gazetteer. Pass
            ``Gazetteer.from_dataset(dataset).merged(bundled_gazetteer())`` so that names
            resolve to the dataset's own records first.

    Returns:
        The candidates; sentences without any are left out.

    Raises:
        ValueError: *source* is not a valid record id.
    """
    _check_source(source)
    # Every candidate made here lives on in the result: the cyclic collector, run again and
    # again as they pile up, would only cost time (a dense text makes one every few words).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _extract(text, source, published, gazetteer)
    finally:
        if was_enabled:
            gc.enable()


def _extract(
    text: str, source: str, published: UncertainDate | None, gazetteer: Gazetteer | None
) -> Extraction:
    matcher = _matcher_for(gazetteer if gazetteer is not None else bundled_gazetteer())
    tokens = tokenize(text)
    spans = sentences(text)
    starts = [t.start for t in tokens]
    buckets: dict[int, _Bucket] = {}
    sentence_starts = [s for s, _ in spans]

    def bucket(offset: int) -> _Bucket:
        index = max(0, bisect_right(sentence_starts, offset) - 1)
        return buckets.setdefault(index, _Bucket())

    taken: set[int] = set()
    agencies: list[tuple[int, str]] = []  # (token index, id) of agency names, for figures
    for first, last, entry, within in _names(text, tokens, matcher):
        start, end = tokens[first].start, tokens[last].end
        kind = NameKind.AGENCY if entry.kind is EntryKind.AGENCY else NameKind.PLATFORM
        bucket(start).names.append(
            NameCandidate(
                evidence=_quote(source, text, start, end),
                kind=kind,
                id=entry.id,
                name=entry.name,
                category=entry.category,
                jurisdiction=entry.jurisdiction,
                origin=entry.origin,
                within=within,
            )
        )
        taken.update(range(first, last + 1))
        if kind is NameKind.AGENCY and within is None:
            agencies.append((first, entry.id))
    for first, last in _organisations(text, tokens, taken):
        start, end = tokens[first].start, tokens[last].end
        bucket(start).names.append(
            NameCandidate(evidence=_quote(source, text, start, end), kind=NameKind.ORGANISATION)
        )

    phrases, times = find_dates(text, tokens, published)
    skip = set(times) | taken
    for phrase in phrases:
        skip.update(range(phrase.first, phrase.last + 1))
        start, end = tokens[phrase.first].start, tokens[phrase.last].end
        bucket(start).dates.append(
            DateCandidate(
                evidence=_quote(source, text, start, end),
                date=phrase.date,
                relative=phrase.relative,
                note=phrase.note,
            )
        )

    positions = [p for p, _ in agencies]
    for figure in find_figures(text, tokens, skip):
        start = tokens[figure.first].start
        sentence = max(0, bisect_right(sentence_starts, start) - 1)
        low = bisect_left(starts, spans[sentence][0])
        high = max(low, bisect_left(starts, spans[sentence][1]) - 1)
        a, b = clause(text, tokens, figure.first, figure.unit_last, low, high)
        words = [t.lower for t in tokens[a : b + 1]]
        bucket(start).figures.append(
            FigureCandidate(
                evidence=_quote(source, text, start, tokens[figure.unit_last].end),
                quantity=figure.quantity,
                clause=_quote(source, text, tokens[a].start, tokens[b].end),
                unit=figure.unit,
                metric=guess_metric(figure.unit, words),
                agency=_nearest(agencies, positions, figure.first, low, high),
            )
        )

    result = []
    for index in sorted(buckets):
        found = buckets[index]
        start, end = spans[index] if spans else (0, len(text))
        result.append(
            Sentence(
                index=index,
                evidence=_quote(source, text, start, end),
                names=tuple(sorted(found.names, key=_order)),
                figures=tuple(sorted(found.figures, key=_order)),
                dates=tuple(sorted(found.dates, key=_order)),
            )
        )
    return Extraction(source=source, length=len(text), published=published, sentences=tuple(result))


def _order(candidate: Candidate) -> tuple[int, int]:
    return candidate.evidence.start, candidate.evidence.end


def _nearest(
    agencies: Sequence[tuple[int, str]], positions: Sequence[int], at: int, low: int, high: int
) -> str | None:
    """The agency named nearest before token *at* in tokens *low*..*high*, else nearest after."""
    k = bisect_left(positions, at)
    if k > 0 and positions[k - 1] >= low:
        return agencies[k - 1][1]
    if k < len(agencies) and positions[k] <= high:
        return agencies[k][1]
    return None


def _check_source(source: str) -> None:
    Evidence(source=source, exact="x", start=0, end=1)
