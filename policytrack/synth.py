"""Deterministic synthetic datasets, for benchmarks and for trying policytrack at scale.

``synthesize(policies=10_000, seed=1)`` builds a valid dataset shaped like a real tracker's:
policies across 50 jurisdictions over 25 years with measures on every dimension of the codebook,
agencies with parents, platforms, links between policies (supersedes chains included), and
outcomes with uncertain dates of every precision. The same arguments always give the same
dataset, record for record.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from policytrack.codebook import Codebook
from policytrack.dataset import Dataset, DatasetInfo
from policytrack.dates import UncertainDate
from policytrack.jurisdictions import known_codes
from policytrack.models import (
    Agency,
    AgencyKind,
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
from policytrack.storage import bundled_codebook

__all__ = ["synthesize"]

_FIRST_YEAR = 1999
_YEARS = 25
_QUOTE = "synthetic evidence"


def _jurisdictions(count: int) -> list[str]:
    codes = sorted(known_codes())
    subdivisions = [c for c in codes if c.startswith("CN-")][:5]
    countries = [c for c in codes if "-" not in c and c != "CN"][: max(count - 6, 0)]
    return (["CN", *subdivisions, *countries])[:count]


def _date(rng: random.Random, year: int, reason: str) -> UncertainDate:
    """A date in *year* at a random precision (day, month, season, year, interval, open)."""
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    kind = rng.random()
    if kind < 0.45:
        text = f"{year:04d}-{month:02d}-{day:02d}"
    elif kind < 0.70:
        text = f"{year:04d}-{month:02d}"
    elif kind < 0.78:
        text = f"{year:04d}-{rng.choice((21, 22, 23))}"
    elif kind < 0.86:
        text = f"{year:04d}"
    elif kind < 0.96:
        end_day = min(day + rng.randint(1, 3), 28)
        text = f"{year:04d}-{month:02d}-{day:02d}/{year:04d}-{month:02d}-{end_day:02d}"
    else:
        text = f"../{year:04d}-{month:02d}"
    if rng.random() < 0.3:
        return UncertainDate.inferred(text, reason)
    return UncertainDate.stated(text)


def _after(rng: random.Random, date: UncertainDate, years: int, reason: str) -> UncertainDate:
    """A date that cannot be before *date*: in a year from its last one to *years* later."""
    start = date.latest.year
    year = min(start + rng.randint(0, years), _FIRST_YEAR + _YEARS - 1)
    if year <= start:
        # Same year: the whole of the year after keeps the order certain.
        return UncertainDate.stated(f"{min(start + 1, 9998):04d}")
    return _date(rng, year, reason)


def _evidence(rng: random.Random, sources: list[Source]) -> tuple[Evidence, ...]:
    source = rng.choice(sources)
    return (Evidence(source.id, _QUOTE, 0, len(_QUOTE)),)


def synthesize(
    *,
    policies: int = 1_000,
    outcomes: int | None = None,
    seed: int = 0,
    jurisdictions: int = 50,
    codebook: Codebook | None = None,
) -> Dataset:
    """A valid synthetic dataset; the same arguments always give the same records.

    Args:
        policies: How many policies.
        outcomes: How many outcomes (default: one per policy).
        seed: The random seed.
        jurisdictions: How many jurisdictions (CN, five of its provinces, then other countries).
        codebook: The codebook to score measures on (default: the bundled one).
    """
    book = codebook or bundled_codebook()
    rng = random.Random(seed)
    places = _jurisdictions(jurisdictions)
    sources = [
        Source(
            f"src-{i:03d}",
            f"Synthetic source {i}",
            "Synthetic outlet",
            _date(rng, _FIRST_YEAR + rng.randrange(_YEARS), "synthetic"),
            rng.choice(list(Reliability)),
            f"{i:064x}",
            len(_QUOTE),
        )
        for i in range(max(10, policies // 1000))
    ]
    agency_list = list(_agencies(rng, places, sources))
    platform_list = [
        Platform(
            f"platform-{i:04d}",
            f"Platform {i}",
            rng.choice(list(PlatformKind)),
            _evidence(rng, sources),
            home_country=rng.choice(places).split("-")[0],
        )
        for i in range(max(20, policies // 200))
    ]
    by_place: dict[str, list[str]] = {}
    for agency in agency_list:
        by_place.setdefault(agency.jurisdiction, []).append(agency.id)
    policy_list = [
        _policy(rng, i, places, by_place, platform_list, sources, book) for i in range(policies)
    ]
    links = []
    for i in range(1, policies, 7):
        earlier = rng.randrange(0, i)
        kind = rng.choice(list(LinkKind))
        links.append(
            Link(
                f"link-{i:07d}",
                kind,
                policy_list[i].id,
                policy_list[earlier].id,
                _evidence(rng, sources),
            )
        )
    outcome_list = [
        _outcome(rng, i, places, agency_list, platform_list, policy_list, sources)
        for i in range(policies if outcomes is None else outcomes)
    ]
    return Dataset(
        DatasetInfo(
            f"synthetic-{policies}-{seed}",
            f"Synthetic dataset ({policies} policies, seed {seed})",
            version="0",
            codebook=book.id,
            description="Generated by policytrack.synthesize for benchmarks; not real data.",
        ),
        sources=tuple(sources),
        agencies=tuple(agency_list),
        platforms=tuple(platform_list),
        policies=tuple(policy_list),
        links=tuple(links),
        outcomes=tuple(outcome_list),
    )


def _agencies(rng: random.Random, places: list[str], sources: list[Source]) -> Iterator[Agency]:
    kinds = list(AgencyKind)
    for place in places:
        top = f"agency-{place.lower()}-0"
        yield Agency(
            top, f"Government of {place}", AgencyKind.GOVERNMENT, place, _evidence(rng, sources)
        )
        for i in range(1, 4):
            yield Agency(
                f"agency-{place.lower()}-{i}",
                f"Agency {i} of {place}",
                rng.choice(kinds),
                place,
                _evidence(rng, sources),
                parent=top,
            )


def _policy(
    rng: random.Random,
    i: int,
    places: list[str],
    by_place: dict[str, list[str]],
    platform_list: list[Platform],
    sources: list[Source],
    book: Codebook,
) -> Policy:
    place = rng.choice(places)
    year = _FIRST_YEAR + rng.randrange(_YEARS)
    announced = _date(rng, year, "synthetic announcement")
    effective = _after(rng, announced, 1, "synthetic effect") if rng.random() < 0.7 else None
    start = effective or announced
    ended = _after(rng, start, 6, "synthetic end") if rng.random() < 0.25 else None
    dims = rng.sample(list(book.dimensions), rng.randint(1, 3))
    measures = tuple(
        Measure(
            d.id,
            rng.randint(0, d.max_level),
            "synthetic level",
            _evidence(rng, sources),
            Scope.TARGETED if d.flag and rng.random() < 0.3 else Scope.GENERAL,
        )
        for d in dims
    )
    status = (
        PolicyStatus.ENDED
        if ended
        else rng.choice(
            (
                PolicyStatus.IN_FORCE,
                PolicyStatus.IN_FORCE,
                PolicyStatus.PROPOSED,
                PolicyStatus.UNKNOWN,
            )
        )
    )
    agencies = by_place.get(place) or by_place.get(place.split("-")[0], [])
    return Policy(
        f"policy-{i:07d}",
        f"Synthetic policy {i}",
        place,
        rng.choice(list(PolicyKind)),
        status,
        measures,
        _evidence(rng, sources),
        issuers=(rng.choice(agencies),) if agencies else (),
        enforcers=(rng.choice(agencies),) if agencies else (),
        platforms=(rng.choice(platform_list).id,) if rng.random() < 0.3 else (),
        announced=announced,
        effective=effective,
        ended=ended,
    )


def _quantity(rng: random.Random) -> Quantity:
    value = rng.randint(1, 100_000)
    kind = rng.choice(list(QuantityKind))
    if kind is QuantityKind.AT_LEAST:
        return Quantity(kind, value, None)
    if kind is QuantityKind.AT_MOST:
        return Quantity(kind, None, value)
    if kind is QuantityKind.RANGE:
        return Quantity(kind, value, value + rng.randint(1, 1000))
    if kind is QuantityKind.UNKNOWN:
        return Quantity(kind)
    return Quantity(kind, value, value)


def _outcome(
    rng: random.Random,
    i: int,
    places: list[str],
    agency_list: list[Agency],
    platform_list: list[Platform],
    policy_list: list[Policy],
    sources: list[Source],
) -> Outcome:
    return Outcome(
        f"outcome-{i:07d}",
        rng.choice(list(Metric)),
        _quantity(rng),
        "items",
        "Synthetic outcome",
        "Synthetic reporter",
        _evidence(rng, sources),
        period=_date(rng, _FIRST_YEAR + rng.randrange(_YEARS), "synthetic period"),
        place=rng.choice(places),
        agencies=(rng.choice(agency_list).id,),
        platforms=(rng.choice(platform_list).id,) if rng.random() < 0.3 else (),
        policies=(rng.choice(policy_list).id,) if policy_list and rng.random() < 0.5 else (),
    )
