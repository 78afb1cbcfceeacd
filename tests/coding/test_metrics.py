"""What a figure counts (policytrack.coding.metrics)."""

from __future__ import annotations

import pytest

from policytrack import Metric
from policytrack.coding.metrics import guess_metric


@pytest.mark.parametrize(
    ("unit", "clause", "metric"),
    [
        ("illegal accounts", "shut down 460 illegal accounts", Metric.ACCOUNTS_CLOSED),
        ("accounts", "suspended 30 accounts", Metric.ACCOUNTS_SUSPENDED),
        ("people", "they have targeted 258 people", Metric.PEOPLE_TARGETED),
        ("bloggers", "police arrested 12 bloggers", Metric.PEOPLE_ARRESTED),
        (
            "pieces of information",
            "cleaned up 54.3 million pieces of information",
            Metric.CONTENT_REMOVED,
        ),
        ("cases of rumormongering", "dealt with 52 cases of rumormongering", Metric.CASES_HANDLED),
        ("years", "sentenced him to four years in prison", Metric.SENTENCE_YEARS),
        ("daily users", "a microblog with 60 million daily users", Metric.USERS),
        ("companies", "four companies left the market", Metric.COMPANIES_EXITED),
        ("websites", "blocked 300 websites", Metric.SERVICES_BLOCKED),
        ("followers", "his 12 million followers", None),
        (None, "22 died", None),
    ],
)
def test_metric_guesses(unit: str | None, clause: str, metric: Metric | None) -> None:
    """Guesses the metric from the unit's head word and the clause's verbs, or gives none."""
    assert guess_metric(unit, clause.lower().split()) is metric
