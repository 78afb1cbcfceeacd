"""Deterministic synthetic datasets, for benchmarks and for trying policytrack at scale.

``policytrack.testing.synth`` (``policytrack.synth`` before release 0.2).

``synthesize(policies=10_000, seed=1)`` builds a valid dataset shaped like a real tracker's:
policies across 50 jurisdictions (China, five of its provinces and 44 other countries) over 25
years (1999-2023), with measures on every dimension of the codebook; sources with quotes of
varied length and position; agencies with parents; platforms; links between policies (supersedes
and ends chains included); outcomes with figures of every kind; claims; and uncertain dates of
every precision (day, month, season, year, decade, interval, open before or after, with
qualifiers), stated, inferred or external. The same arguments always give the same dataset,
record for record, and it passes :func:`policytrack.check`.

The records are built through their ordinary constructors, so every value is validated as it
would be in hand-coded data.
"""

from __future__ import annotations

import gc
import random
from collections.abc import Iterator, Sequence
from typing import Annotated, TypeVar

from policytrack.model.arguments import AtLeast, AtMost, checked
from policytrack.model.codebook import Codebook
from policytrack.model.dataset import Dataset, DatasetInfo
from policytrack.model.dates import MAX_DAY, UncertainDate
from policytrack.model.jurisdictions import known_codes
from policytrack.model.records import (
    Agency,
    AgencyKind,
    Claim,
    ClaimKind,
    Evidence,
    Link,
    LinkKind,
    Measure,
    Metric,
    Outcome,
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
)
from policytrack.storage.resources import bundled_codebook
from policytrack.vocab import Unit

__all__ = ["FIRST_YEAR", "YEARS", "synthesize", "synthetic_jurisdictions"]

FIRST_YEAR = 1999
"""The first year synthetic policies fall in."""
YEARS = 25
"""How many years synthetic policies span (1999-2023)."""

_T = TypeVar("_T")

_WORDS = [
    "the",
    "state",
    "council",
    "cyberspace",
    "administration",
    "ordered",
    "platforms",
    "to",
    "remove",
    "content",
    "deemed",
    "harmful",
    "rumours",
    "real",
    "name",
    "registration",
    "users",
    "accounts",
    "closed",
    "police",
    "detained",
    "bloggers",
    "provincial",
    "authorities",
    "campaign",
    "against",
    "illegal",
    "information",
    "ministry",
    "public",
    "security",
    "regulation",
    "requires",
    "providers",
    "store",
    "data",
    "locally",
    "report",
    "violations",
    "within",
    "hours",
    "internet",
    "companies",
    "must",
    "verify",
    "identities",
    "microblog",
    "services",
    "censorship",
    "keywords",
    "filtered",
    "virtual",
    "private",
    "networks",
    "blocked",
    "foreign",
    "websites",
    "officials",
    "said",
    "the",
    "rules",
    "aim",
    "to",
    "maintain",
    "order",
    "online",
    "spread",
    "positive",
    "energy",
    "socialist",
    "core",
    "values",
    "enforcement",
    "intensified",
    "after",
    "the",
    "decision",
    "took",
    "effect",
    "courts",
    "sentenced",
    "people",
    "for",
    "posting",
    "messages",
    "that",
    "were",
    "shared",
    "more",
    "than",
    "five",
    "hundred",
    "times",
]
_OUTLETS = (
    "Xinhua",
    "Reuters",
    "Associated Press",
    "Caixin",
    "South China Morning Post",
    "Bloomberg",
    "China Digital Times",
    "Global Times",
    "The Guardian",
    "Radio Free Asia",
)
_REPORTERS = (
    "Ministry of Public Security",
    "Cyberspace Administration",
    "Supreme People's Court",
    "provincial police",
    "the company",
    "state media",
    "a rights group",
)
_UNITS = {
    Metric.ACCOUNTS_CLOSED: Unit.ACCOUNTS,
    Metric.ACCOUNTS_SUSPENDED: Unit.ACCOUNTS,
    Metric.PEOPLE_TARGETED: Unit.PEOPLE,
    Metric.PEOPLE_DETAINED: Unit.PEOPLE,
    Metric.PEOPLE_ARRESTED: Unit.PEOPLE,
    Metric.PEOPLE_SENTENCED: Unit.PEOPLE,
    Metric.PEOPLE_PUNISHED: Unit.PEOPLE,
    Metric.CONTENT_REMOVED: Unit.ITEMS,
    Metric.CASES_HANDLED: Unit.CASES,
    Metric.COMPANIES_EXITED: Unit.COMPANIES,
    Metric.SERVICES_BLOCKED: Unit.SERVICES,
    Metric.OFFICIALS_DISMISSED: Unit.PEOPLE,
    Metric.PROVIDERS_APPROVED: Unit.COMPANIES,
    Metric.USERS: Unit.USERS,
    Metric.MESSAGES_PER_DAY: Unit.MESSAGES,
    Metric.SENTENCE_YEARS: Unit.YEARS,
    Metric.OTHER: Unit.ITEMS,
}
_QUANTITY_WORDS = ("dozens", "hundreds", "more than a thousand", "about", "at least", "up to")
_SEASONS = (21, 22, 23, 24)
_QUALIFIERS = ("?", "~", "%")


def synthetic_jurisdictions(count: int = 50) -> list[str]:
    """The jurisdictions of a synthetic dataset: CN, five of its provinces, then other countries."""
    codes = sorted(known_codes())
    subdivisions = [c for c in codes if c.startswith("CN-")][:5]
    countries = [c for c in codes if "-" not in c and c != "CN"][: max(count - 6, 0)]
    return (["CN", *subdivisions, *countries])[:count]


class _Maker:
    """One synthetic dataset's random choices, drawn in a fixed order from one seed."""

    def __init__(self, seed: int, codebook: Codebook) -> None:
        self.rng = random.Random(seed)
        self.book = codebook
        self.sources: list[Source] = []
        # Bound once: these are drawn millions of times for the largest datasets.
        self.random = self.rng.random
        self.choices = self.rng.choices

    def randrange(self, stop: int) -> int:
        """An integer in ``[0, stop)`` (``random()`` scaled: far cheaper than ``randrange``)."""
        return int(self.random() * stop)

    def pick(self, items: Sequence[_T]) -> _T:
        return items[int(self.random() * len(items))]

    def words(self, low: int, high: int) -> str:
        return " ".join(self.choices(_WORDS, k=low + int(self.random() * (high - low + 1))))

    def sentence(self, low: int, high: int) -> str:
        text = self.words(low, high)
        return text[0].upper() + text[1:]

    def date(self, year: int, reason: str) -> UncertainDate:
        """A date in *year* at any precision, stated, inferred or external."""
        month, day = 1 + self.randrange(12), 1 + self.randrange(28)
        kind = self.random()
        if kind < 0.40:
            text = f"{year:04d}-{month:02d}-{day:02d}"
        elif kind < 0.62:
            text = f"{year:04d}-{month:02d}"
        elif kind < 0.70:
            text = f"{year:04d}-{self.pick(_SEASONS)}"
        elif kind < 0.80:
            text = f"{year:04d}"
        elif kind < 0.82:
            text = f"{year // 10:03d}X"
        elif kind < 0.92:
            last = min(day + 1 + self.randrange(3), 28)
            text = f"{year:04d}-{month:02d}-{day:02d}/{year:04d}-{month:02d}-{last:02d}"
        elif kind < 0.96:
            text = f"../{year:04d}-{month:02d}"
        else:
            text = f"{year:04d}-{month:02d}/.."
        if "/" not in text and self.random() < 0.1:
            text += self.pick(_QUALIFIERS)
        basis = self.random()
        if basis < 0.25:
            return UncertainDate.inferred(text, reason)
        if basis < 0.30:
            return UncertainDate.external(text, reason)
        return UncertainDate.stated(text)

    def year(self) -> int:
        return FIRST_YEAR + self.randrange(YEARS)

    def after(self, date: UncertainDate, years: int, reason: str) -> UncertainDate:
        """A date that cannot be before *date*: in a later year, up to *years* after its last."""
        start = date.latest.year
        if date.latest == MAX_DAY:
            # Open after (2008-09/..): any later day could still precede it; the same open
            # span keeps the order without a date centuries away.
            return UncertainDate.stated(date.edtf)
        if start >= FIRST_YEAR + YEARS - 1:
            return UncertainDate.stated(f"{start + 1:04d}")
        year = min(start + 1 + self.randrange(years), FIRST_YEAR + YEARS - 1)
        later = self.date(year, reason)
        if later.earliest.year <= start:  # a decade or an open start reaches back: say the year
            return UncertainDate.stated(f"{year:04d}")
        return later

    def evidence(self, count: int = 1) -> tuple[Evidence, ...]:
        quotes = []
        for _ in range(count):
            source = self.pick(self.sources)
            exact = self.words(4, 16)
            start = self.randrange(max(source.length - len(exact), 1))
            prefix = suffix = ""
            if self.random() < 0.3:
                prefix, suffix = self.words(2, 5) + " ", " " + self.words(2, 5)
            quotes.append(Evidence(source.id, exact, start, start + len(exact), prefix, suffix))
        return tuple(quotes)

    def source(self, i: int) -> Source:
        return Source(
            f"src-{i:05d}",
            self.sentence(5, 12),
            self.pick(_OUTLETS),
            self.date(self.year(), "publication date given as a weekday"),
            self.pick(list(Reliability)),
            f"{self.rng.getrandbits(256):064x}",
            2000 + self.randrange(60000),
            language="en" if self.random() < 0.9 else "zh-Hans",
            author=self.sentence(2, 3) if self.random() < 0.6 else None,
            url=f"https://example.org/articles/{i}" if self.random() < 0.8 else None,
        )


_MOST = 100_000_000
"""The most records of one kind a synthetic dataset holds (a billion would never finish)."""


@checked
def synthesize(
    *,
    policies: Annotated[int, AtLeast(0), AtMost(_MOST)] = 1_000,
    outcomes: Annotated[int, AtLeast(0), AtMost(_MOST)] | None = None,
    seed: int = 0,
    jurisdictions: Annotated[int, AtLeast(1), AtMost(_MOST)] = 50,
    codebook: Codebook | None = None,
) -> Dataset:
    """A valid synthetic dataset; the same arguments always give the same records.

    Args:
        policies: How many policies.
        outcomes: How many outcomes (default: one per policy).
        seed: The random seed.
        jurisdictions: How many jurisdictions (see :func:`synthetic_jurisdictions`).
        codebook: The codebook to score measures on (default: the bundled one).

    Returns:
        The dataset, whose info names the codebook by id.
    """
    if codebook is None:
        codebook = bundled_codebook()
    gc_was_enabled = gc.isenabled()
    gc.disable()  # many small objects that all live on: the cyclic GC only costs time here
    try:
        return _synthesize(policies, outcomes, seed, jurisdictions, codebook)
    finally:
        if gc_was_enabled:
            gc.enable()


def _synthesize(
    policies: int, outcomes: int | None, seed: int, jurisdictions: int, book: Codebook
) -> Dataset:
    make = _Maker(seed, book)
    places = synthetic_jurisdictions(jurisdictions)
    make.sources = [make.source(i) for i in range(max(10, policies // 50))]
    agency_list = list(_agencies(make, places))
    platform_list = [_platform(make, i, places) for i in range(max(20, policies // 200))]
    by_place: dict[str, list[str]] = {}
    for agency in agency_list:
        by_place.setdefault(agency.jurisdiction, []).append(agency.id)
    policy_list = [_policy(make, i, places, by_place, platform_list) for i in range(policies)]
    links = []
    kinds = list(LinkKind)
    for i in range(1, policies, 7):
        earlier = make.randrange(i)
        links.append(
            Link(
                f"link-{i:07d}",
                make.pick(kinds),
                policy_list[i].id,
                policy_list[earlier].id,
                make.evidence(),
            )
        )
    count = policies if outcomes is None else outcomes
    outcome_list = [
        _outcome(make, i, places, agency_list, platform_list, policy_list) for i in range(count)
    ]
    claim_list = [
        _claim(make, i, agency_list, platform_list, policy_list) for i in range(policies // 20)
    ]
    return Dataset(
        DatasetInfo(
            f"synthetic-{policies}-{seed}",
            f"Synthetic dataset ({policies} policies, {count} outcomes, seed {seed})",
            version="0",
            codebook=book.id,
            description="Generated by policytrack.synthesize for benchmarks; not real data.",
        ),
        sources=tuple(make.sources),
        agencies=tuple(agency_list),
        platforms=tuple(platform_list),
        policies=tuple(policy_list),
        links=tuple(links),
        outcomes=tuple(outcome_list),
        claims=tuple(claim_list),
    )


def _agencies(make: _Maker, places: list[str]) -> Iterator[Agency]:
    kinds = list(AgencyKind)
    for place in places:
        top = f"agency-{place.lower()}-0"
        yield Agency(top, f"Government of {place}", AgencyKind.GOVERNMENT, place, make.evidence())
        for i in range(1, 3 + make.randrange(4)):
            yield Agency(
                f"agency-{place.lower()}-{i}",
                f"{make.sentence(2, 4)} agency {i} of {place}",
                make.pick(kinds),
                place,
                make.evidence(1 + make.randrange(2)),
                aliases=(f"A{i}{place}",) if make.random() < 0.3 else (),
                parent=top,
            )


def _platform(make: _Maker, i: int, places: list[str]) -> Platform:
    return Platform(
        f"platform-{i:04d}",
        f"Platform {i}",
        make.pick(list(PlatformKind)),
        make.evidence(),
        owner=f"Company {i // 3}" if make.random() < 0.5 else None,
        home_country=make.pick(places).split("-")[0],
        aliases=(f"P{i}",) if make.random() < 0.2 else (),
        notes=make.sentence(6, 14) if make.random() < 0.3 else None,
    )


def _policy(
    make: _Maker,
    i: int,
    places: list[str],
    by_place: dict[str, list[str]],
    platform_list: list[Platform],
) -> Policy:
    place = make.pick(places)
    announced = make.date(make.year(), "announced the week before the article")
    effective = (
        make.after(announced, 2, "took effect on the first of a month")
        if (make.random() < 0.7)
        else None
    )
    ended = make.after(effective or announced, 8, "repealed") if make.random() < 0.2 else None
    dimensions = make.rng.sample(make.book.dimensions, 1 + make.randrange(4))
    measures = tuple(
        Measure(
            d.id,
            make.randrange(d.max_level + 1),
            make.sentence(4, 12),
            make.evidence(1 + (make.random() < 0.3)),
            Scope.TARGETED if d.flag and make.random() < 0.3 else Scope.GENERAL,
        )
        for d in dimensions
    )
    if ended is not None:
        status = PolicyStatus.ENDED if make.random() < 0.8 else PolicyStatus.SUPERSEDED
    else:
        status = make.pick(
            (
                PolicyStatus.IN_FORCE,
                PolicyStatus.IN_FORCE,
                PolicyStatus.PROPOSED,
                PolicyStatus.UNKNOWN,
            )
        )
    agencies = by_place.get(place) or by_place.get(place.split("-")[0], [])
    return Policy(
        f"policy-{i:07d}",
        make.sentence(4, 10),
        place,
        make.pick(list(PolicyKind)),
        status,
        measures,
        make.evidence(1 + (make.random() < 0.4)),
        issuers=tuple(dict.fromkeys(make.pick(agencies) for _ in range(1 + make.randrange(2)))),
        enforcers=(make.pick(agencies),) if make.random() < 0.6 else (),
        platforms=(make.pick(platform_list).id,) if make.random() < 0.3 else (),
        targets=(make.words(1, 3),) if make.random() < 0.3 else (),
        announced=announced,
        effective=effective,
        ended=ended,
        summary=make.sentence(8, 20) if make.random() < 0.6 else None,
        notes=make.sentence(6, 16) if make.random() < 0.15 else None,
    )


def _quantity(make: _Maker) -> Quantity:
    value = 1 + make.randrange(100_000)
    kind = make.pick(list(QuantityKind))
    text = make.pick(_QUANTITY_WORDS) if make.random() < 0.2 else None
    if kind is QuantityKind.AT_LEAST:
        return Quantity(kind, value, None, text)
    if kind is QuantityKind.AT_MOST:
        return Quantity(kind, None, value, text)
    if kind is QuantityKind.RANGE:
        return Quantity(kind, value, value + 1 + make.randrange(1000), text)
    if kind is QuantityKind.UNKNOWN:
        return Quantity(kind, text=text)
    return Quantity(kind, value, value, text)


def _outcome(
    make: _Maker,
    i: int,
    places: list[str],
    agency_list: list[Agency],
    platform_list: list[Platform],
    policy_list: list[Policy],
) -> Outcome:
    metric = make.pick(list(Metric))
    period = make.date(make.year(), "the article's 'last month'") if make.random() < 0.9 else None
    return Outcome(
        f"outcome-{i:07d}",
        metric,
        _quantity(make),
        _UNITS[metric],
        make.sentence(6, 18),
        make.pick(_REPORTERS),
        make.evidence(1 + (make.random() < 0.2)),
        period=period,
        place=make.pick(places) if make.random() < 0.9 else None,
        agencies=(make.pick(agency_list).id,) if make.random() < 0.7 else (),
        platforms=(make.pick(platform_list).id,) if make.random() < 0.3 else (),
        policies=(make.pick(policy_list).id,) if policy_list and make.random() < 0.5 else (),
        reporter=make.pick(agency_list).id if make.random() < 0.3 else None,
        via=(make.pick(_OUTLETS),) if make.random() < 0.1 else (),
        same_as=f"outcome-{make.randrange(i):07d}" if i and make.random() < 0.02 else None,
    )


def _claim(
    make: _Maker,
    i: int,
    agency_list: list[Agency],
    platform_list: list[Platform],
    policy_list: list[Policy],
) -> Claim:
    agency = make.pick(agency_list)
    return Claim(
        f"claim-{i:06d}",
        make.pick(list(ClaimKind)),
        f"A spokesperson of {agency.name}",
        make.sentence(8, 20),
        make.evidence(),
        speaker_agency=agency.id,
        date=make.date(make.year(), "the day of the press conference"),
        policies=(make.pick(policy_list).id,) if policy_list else (),
        platforms=(make.pick(platform_list).id,) if make.random() < 0.2 else (),
    )
