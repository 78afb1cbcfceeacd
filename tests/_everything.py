"""One of each record with every field set to something other than its default."""

from __future__ import annotations

from typing import Any

import attrs

from policytrack import (
    Agency,
    AgencyKind,
    Claim,
    ClaimKind,
    Codebook,
    Confidence,
    DatasetInfo,
    Dimension,
    Evidence,
    Level,
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
    UncertainDate,
    Unit,
)

QUOTE = Evidence(
    source="care2",
    exact="real-name registration",
    start=120,
    end=142,
    prefix="requires ",
    suffix=" for all",
    fragment="row=2-3",
)
OTHER_QUOTE = Evidence(source="care2", exact="Friday", start=10, end=16)
INFERRED = UncertainDate.inferred("2012-12-28/2013-01-03", "'on Friday' and the first comment")

SOURCE = Source(
    id="care2",
    title="Just When the Internet Was Starting to Work",
    outlet="Care2 Causes",
    published=INFERRED,
    reliability=Reliability.NGO,
    sha256="c" * 64,
    length=8132,
    language="en-GB",
    author="Kristina Chew",
    url="https://example.org/care2",
    notes="A blog post drawing on the New York Times.",
    covers=UncertainDate.inferred("2012-06/2013-01", "From the events it reports."),
)
AGENCY = Agency(
    id="cac",
    name="Cyberspace Administration of China",
    kind=AgencyKind.REGULATOR,
    jurisdiction="CN",
    evidence=(QUOTE, OTHER_QUOTE),
    aliases=("CAC", "Office of the Central Cyberspace Affairs Commission"),
    parent="central-committee",
    notes="Formed in 2014.",
)
PLATFORM = Platform(
    id="weibo",
    name="Sina Weibo",
    kind=PlatformKind.MICROBLOG,
    evidence=(QUOTE,),
    owner="Sina",
    home_country="CN",
    aliases=("Weibo",),
    notes="Required real names from 2012.",
)
POLICY = Policy(
    id="npc-2012-decision",
    title="Decision on strengthening network information protection",
    jurisdiction="CN",
    kind=PolicyKind.DECISION,
    status=PolicyStatus.IN_FORCE,
    measures=(
        Measure(
            dimension="identity",
            level=2,
            reason="Real names to providers, pseudonyms allowed.",
            evidence=(QUOTE,),
            scope=Scope.TARGETED,
            effective=UncertainDate.stated("2013-03"),
            ended=UncertainDate.stated("2016"),
            confidence=Confidence.PROBABLE,
            confidence_reason="The quote implies providers, not users.",
            group="non_vaccinated",
        ),
        Measure("content", 2, "A standing duty to delete.", (OTHER_QUOTE,), Scope.GENERAL),
    ),
    evidence=(QUOTE,),
    issuers=("npcsc",),
    enforcers=("cac", "mps"),
    platforms=("weibo",),
    targets=("internet service providers",),
    announced=UncertainDate.stated("2012-12-28"),
    effective=UncertainDate.external("2012-12-28~", "The decision took effect on adoption."),
    ended=UncertainDate("2017-06-01/..", reason="superseded by the Cybersecurity Law"),
    summary="Requires real-name registration.",
    notes="Scope is targeted: it covers network service providers only.",
)
LINK = Link(
    id="cyberlaw-supersedes-decision",
    kind=LinkKind.SUPERSEDES,
    from_policy="cybersecurity-law",
    to_policy="npc-2012-decision",
    evidence=(QUOTE,),
    notes="Inferred from the law's text.",
    confidence=Confidence.POSSIBLE,
    confidence_reason="No source names the decision as replaced.",
)
OUTCOME = Outcome(
    id="weibo-accounts-closed",
    metric=Metric.ACCOUNTS_CLOSED,
    quantity=Quantity(QuantityKind.RANGE, 12, 48, "dozens"),
    unit=Unit.ACCOUNTS,
    description="Accounts closed for spreading rumours.",
    reported_by="Shanghai police",
    evidence=(QUOTE, OTHER_QUOTE),
    period=UncertainDate.stated("2021-23"),
    place="CN-SH",
    agencies=("shanghai-police",),
    platforms=("weibo",),
    policies=("npc-2012-decision",),
    reporter="shanghai-police",
    via=("Weibo", "South China Morning Post"),
    same_as="weibo-accounts-closed-scmp",
    notes="The figure is the police's own.",
    role=OutcomeRole.CLAIM,
    includes=("weibo-accounts-closed-xuhui",),
    unit_qualifier="Weibo",
)
CLAIM = Claim(
    id="xinhua-rationale",
    kind=ClaimKind.RATIONALE,
    speaker="Xinhua",
    text="The rules protect personal information.",
    evidence=(OTHER_QUOTE,),
    speaker_agency="npcsc",
    date=UncertainDate.stated("2012-12-28"),
    policies=("npc-2012-decision",),
    agencies=("cac",),
    platforms=("weibo",),
    notes="State media paraphrasing the committee.",
)
CODEBOOK = Codebook(
    id="tiny",
    title="A tiny codebook",
    version="1.0",
    description="Two dimensions.",
    dimensions=(
        Dimension(
            id="identity",
            name="Identity",
            description="Real names.",
            levels=(Level(0, "None", "Nothing."), Level(1, "Some", "Something.")),
            flag=True,
            weight=2.5,
            flag_definition="General: every user.",
        ),
    ),
)
INFO = DatasetInfo(
    id="tiny",
    title="A tiny dataset",
    version="1.2",
    codebook="tiny.toml",
    description="For tests.",
    license="CC0-1.0",
    totals=True,
)

EVERYTHING: tuple[Any, ...] = (
    SOURCE,
    AGENCY,
    PLATFORM,
    POLICY,
    LINK,
    OUTCOME,
    CLAIM,
    CODEBOOK,
    INFO,
    QUOTE,
    INFERRED,
)
"""A value of every record type and of the values inside them, every field set."""


def assert_exactly_equal(got: Any, want: Any, path: str = "$") -> None:
    """Assert *got* equals *want* with exactly the same type at every level."""
    assert type(got) is type(want), f"{path}: {type(got).__name__} is not {type(want).__name__}"
    if attrs.has(type(want)):
        for field in attrs.fields(type(want)):
            if field.init:
                name = field.name
                assert_exactly_equal(getattr(got, name), getattr(want, name), f"{path}.{name}")
    elif isinstance(want, (tuple, list)):
        assert len(got) == len(want), f"{path}: {len(got)} items, not {len(want)}"
        for i, (a, b) in enumerate(zip(got, want, strict=True)):
            assert_exactly_equal(a, b, f"{path}[{i}]")
    else:
        assert got == want, f"{path}: {got!r} != {want!r}"
