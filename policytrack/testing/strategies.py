"""Hypothesis strategies for policytrack's dates, records, codebooks and whole datasets.

Use them to test code that takes policytrack data::

    from hypothesis import given
    from policytrack.testing import strategies as pts

    @given(pts.datasets(max_policies=3))
    def test_every_policy_has_evidence(dataset):
        assert all(policy.evidence for policy in dataset.policies)

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

``policytrack.testing.strategies`` is the public entry point: it holds the codebook and dataset
strategies and the registration, and re-exports the date strategies
(``policytrack.testing._date_strategies``) and the record strategies
(``policytrack.testing._record_strategies``, ``policytrack.testing._report_strategies``), which
draw with ``policytrack.testing._draws``.
Import them from here: this module defines the entry point's hook before anything imports
Hypothesis.
"""

from __future__ import annotations

from policytrack.model.codebook import Codebook, Dimension, Level
from policytrack.model.dataset import Dataset, DatasetInfo
from policytrack.model.dates import UncertainDate
from policytrack.model.records import (
    Agency,
    Claim,
    Evidence,
    Link,
    Measure,
    Outcome,
    Platform,
    Policy,
    Quantity,
    Source,
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


try:
    import hypothesis  # noqa: F401 (after the hook, see above)
except ImportError:
    msg = (
        "policytrack.testing.strategies needs Hypothesis, which is not installed: "
        "pip install 'policytrack[hypothesis]'"
    )
    raise ModuleNotFoundError(msg, name="hypothesis") from None

from hypothesis import strategies as st  # noqa: E402
from hypothesis.errors import InvalidArgument  # noqa: E402
from hypothesis.strategies import SearchStrategy  # noqa: E402

from policytrack.testing._date_strategies import edtf_strings, uncertain_dates  # noqa: E402
from policytrack.testing._draws import (  # noqa: E402
    ANY_TEXT,
    BOOLEAN,
    CODEBOOK_ID,
    FEW,
    ID,
    JURISDICTION,
    bundled_codebook_once,
    check_size,
    draw_maybe,
    draw_maybe_text,
    draw_text,
)
from policytrack.testing._record_strategies import (  # noqa: E402
    PolicyRefs,
    agencies,
    draw_agency,
    draw_link,
    draw_platform,
    draw_policy,
    draw_source,
    evidence,
    links,
    measures,
    platforms,
    policies,
    sources,
)
from policytrack.testing._report_strategies import (  # noqa: E402
    OutcomeRefs,
    claims,
    draw_claim,
    draw_outcome,
    outcomes,
    quantities,
)

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
    check_size("min_dimensions", min_dimensions, "max_dimensions", max_dimensions)
    check_size("min_levels", 2, "max_levels", max_levels)
    dimensions = st.lists(
        _dimensions(max_levels),
        min_size=min_dimensions,
        max_size=max_dimensions,
        unique_by=lambda d: d.id,
    )
    return st.builds(
        Codebook,
        id=CODEBOOK_ID,
        title=ANY_TEXT,
        version=st.sampled_from(("1.0", "0.1", "2")),
        description=ANY_TEXT,
        dimensions=dimensions.map(tuple),
    )


_WEIGHT = st.floats(0.0, 10.0, allow_nan=False, allow_infinity=False)


@st.composite
def _dimensions(draw: st.DrawFn, max_levels: int) -> Dimension:
    count = draw(st.integers(2, max_levels))
    flag = draw(BOOLEAN)
    return Dimension(
        id=draw(CODEBOOK_ID),
        name=draw(ANY_TEXT),
        description=draw(ANY_TEXT),
        levels=tuple(Level(i, draw(ANY_TEXT), draw(ANY_TEXT)) for i in range(count)),
        flag=flag,
        weight=draw(_WEIGHT),
        flag_definition=draw_maybe(draw, ANY_TEXT) if flag else None,
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
    check_size("min_policies", min_policies, "max_policies", max_policies)
    return _datasets(
        min_policies,
        max_policies,
        JURISDICTION if jurisdictions is None else jurisdictions,
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
    book = bundled_codebook_once() if codebook is None else codebook
    n_policies = draw(st.integers(min_policies, max_policies))
    n_agencies, n_platforms, n_outcomes, n_claims = (draw(FEW) for _ in range(4))
    n_links = draw(FEW) if n_policies > 1 else 0
    cites = n_policies + n_agencies + n_platforms + n_outcomes + n_claims + n_links
    n_sources = draw(st.integers(1 if cites else 0, 3))
    counts = [n_sources, n_agencies, n_platforms, n_policies, n_links, n_outcomes, n_claims]
    pool = draw(st.lists(ID, min_size=sum(counts), max_size=sum(counts), unique=True))
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
        links_.append(draw_link(draw, link_id, policy_ids[later], policy_ids[earlier], cited))
    refs = PolicyRefs(jurisdictions, cited, agency, platform)
    return Dataset(
        DatasetInfo(
            id=draw(ID),
            title=draw_text(draw),
            version=draw(_VERSION),
            codebook=book.id,
            description=draw_maybe_text(draw),
            license=draw_maybe(draw, _LICENSE),
            totals=draw(st.booleans()),
        ),
        sources=tuple(draw_source(draw, i) for i in source_ids),
        agencies=tuple(
            draw_agency(draw, agency_id, cited, _among(agency_ids[:i]), jurisdictions)
            for i, agency_id in enumerate(agency_ids)
        ),
        platforms=tuple(draw_platform(draw, i, cited) for i in platform_ids),
        policies=tuple(draw_policy(draw, i, book, refs, 2) for i in policy_ids),
        links=tuple(links_),
        outcomes=tuple(
            draw_outcome(
                draw,
                outcome_id,
                OutcomeRefs(
                    cited, agency, platform, policy, _among(outcome_ids[:i]), jurisdictions
                ),
            )
            for i, outcome_id in enumerate(outcome_ids)
        ),
        claims=tuple(draw_claim(draw, i, cited, agency, policy, platform) for i in claim_ids),
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
