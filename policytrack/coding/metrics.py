"""What a figure counts: a guess at its metric from its unit and the words around it.

``policytrack.coding.metrics`` turns "shut down 460 illegal accounts" into accounts closed and
"four years in prison" into a sentence in years, for the coder to confirm.
"""

from __future__ import annotations

from collections.abc import Sequence

from policytrack.model.records import Metric

__all__ = ["guess_metric"]


_ACCOUNTS = frozenset(
    [
        "account",
        "accounts",
        "profile",
        "profiles",
        "channel",
        "channels",
        "page",
        "pages",
        "group",
        "groups",
    ]
)
_PEOPLE = frozenset(
    [
        "people",
        "persons",
        "individuals",
        "bloggers",
        "microbloggers",
        "journalists",
        "reporters",
        "activists",
        "protesters",
        "suspects",
        "citizens",
        "netizens",
        "students",
        "lawyers",
        "dissidents",
        "critics",
        "users",
        "men",
        "women",
        "influencers",
    ]
)
_CONTENT = frozenset(
    [
        "posts",
        "items",
        "pieces",
        "messages",
        "articles",
        "videos",
        "comments",
        "photos",
        "images",
        "links",
        "information",
        "content",
        "rumours",
        "rumors",
        "tweets",
        "entries",
    ]
)
_SERVICES = frozenset(
    [
        "websites",
        "sites",
        "services",
        "apps",
        "applications",
        "vpns",
        "domains",
        "urls",
        "platforms",
    ]
)
_COMPANIES = frozenset(["companies", "firms", "businesses", "corporations", "providers"])
_CLOSE = frozenset(
    [
        "shut",
        "closed",
        "close",
        "deleted",
        "delete",
        "removed",
        "remove",
        "banned",
        "ban",
        "blocked",
        "block",
        "terminated",
        "cancelled",
        "canceled",
        "cleaned",
        "purged",
        "took",
        "taken",
        "scrubbed",
        "censored",
    ]
)
_SUSPEND = frozenset(["suspended", "suspend", "frozen", "froze"])
_ACTIONS: dict[Metric, frozenset[str]] = {
    Metric.PEOPLE_ARRESTED: frozenset(["arrested", "arrest", "arrests"]),
    Metric.PEOPLE_DETAINED: frozenset(["detained", "detain", "detention", "custody", "held"]),
    Metric.PEOPLE_SENTENCED: frozenset(["sentenced", "jailed", "imprisoned", "convicted"]),
    Metric.PEOPLE_PUNISHED: frozenset(
        ["punished", "fined", "penalised", "penalized", "disciplined"]
    ),
    Metric.PEOPLE_TARGETED: frozenset(
        [
            "targeted",
            "dealt",
            "investigated",
            "summoned",
            "questioned",
            "interrogated",
            "warned",
            "probed",
        ]
    ),
}
_EXIT = frozenset(["left", "exited", "withdrew", "quit", "retreated", "pulled", "stopped"])
_DAILY = frozenset({"day", "daily"})


def guess_metric(unit: str | None, clause: Sequence[str]) -> Metric | None:
    """What a figure probably counts, from its unit and the words of its clause, or None.

    A guess for the coder to confirm: "shut down 460 illegal accounts" is accounts closed,
    "targeted 258 people" people targeted, "four years in prison" a sentence in years.
    """
    if not unit:
        return None
    words = unit.lower().split()
    head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
    said = set(clause)
    if head in _ACCOUNTS:
        if said & _SUSPEND and not said & _CLOSE:
            return Metric.ACCOUNTS_SUSPENDED
        if said & (_CLOSE | _SUSPEND):
            return Metric.ACCOUNTS_CLOSED
    if head == "years" and said & (_ACTIONS[Metric.PEOPLE_SENTENCED] | {"prison", "jail"}):
        return Metric.SENTENCE_YEARS
    if head in _PEOPLE:
        for metric, verbs in _ACTIONS.items():
            if said & verbs:
                return metric
        if head in {"users", "netizens"}:
            return Metric.USERS
    if head in _CONTENT:
        if said & _CLOSE:
            return Metric.CONTENT_REMOVED
        if head == "messages" and said & _DAILY:
            return Metric.MESSAGES_PER_DAY
    if head in _SERVICES and said & _CLOSE:
        return Metric.SERVICES_BLOCKED
    if head in _COMPANIES and said & _EXIT:
        return Metric.COMPANIES_EXITED
    if head == "cases":
        return Metric.CASES_HANDLED
    if head in {"officials", "cadres"} and said & {"dismissed", "sacked", "fired", "removed"}:
        return Metric.OFFICIALS_DISMISSED
    return None
