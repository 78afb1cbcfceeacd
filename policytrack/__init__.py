"""policytrack: a typed, citable, testable record of policies and how controls escalate.

Load a dataset, check it, and analyse it::

    import policytrack

    data = policytrack.load_bundled()
    print(len(data.policies), "policies")

The public names are listed once, in ``_API`` below (module -> names): ``__all__``, the lazy
loader and the type stub ``__init__.pyi`` are derived from it (``tests/test_public_api.py``
regenerates and compares the stub).
"""

from __future__ import annotations

import importlib
from typing import Any

from policytrack import _moved

__version__ = "0.2.0"

_API: dict[str, tuple[str, ...]] = {
    "errors": (
        "DataError",
        "DateError",
        "NotFoundError",
        "PolicytrackError",
        "Problem",
        "WriteError",
    ),
    "vocab": (
        "AgencyKind",
        "AlphaMetric",
        "Basis",
        "ClaimKind",
        "Confidence",
        "LinkKind",
        "Metric",
        "OutcomeRole",
        "PlatformKind",
        "PolicyKind",
        "PolicyStatus",
        "Precision",
        "QuantityKind",
        "Reliability",
        "Scope",
        "Unit",
        "GroupBy",
        "Series",
        "StartRule",
        "UnknownRule",
        # The analyses' answers and the coding workflow's choices.
        "Change",
        "EventKind",
        "Stricter",
        "Certainty",
        "Coverage",
        "FotnCategory",
        "KicBasis",
        "NameKind",
        "MissingRule",
    ),
    "model.dates": ("UncertainDate",),
    "model.records": (
        "Agency",
        "Claim",
        "Evidence",
        "Link",
        "Measure",
        "Outcome",
        "Platform",
        "Policy",
        "Quantity",
        "Record",
        "Source",
    ),
    "model.codebook": (
        "Codebook",
        "Dimension",
        "Level",
    ),
    "model.dataset": (
        "COLLECTIONS",
        "Dataset",
        "DatasetInfo",
    ),
    "model.checks": ("check",),
    "model.fotn": ("Crosswalk", "KeyInternetControl"),
    "model.provenance": (
        "evidence_of",
        "quote",
        "read_texts",
        "reanchor",
        "row_spans",
        "sha256_text",
        "verify_evidence",
    ),
    "storage.converter": (
        "converter",
        "make_converter",
    ),
    "storage.loader": (
        "bundled_path",
        "load",
        "load_bundled",
        "loads",
    ),
    "storage.dumper": (
        "dump",
        "dumps",
    ),
    "storage.resources": (
        "BUNDLED_CODEBOOK",
        "bundled_codebook",
        "bundled_codebooks",
        "load_codebook",
    ),
    "analysis.timeline": (
        "DimensionSeries",
        "MeasureRef",
        "Step",
        "Timeline",
        "applies_in",
        "step_on",
        "timeline",
    ),
    "analysis.index": (
        "Band",
        "IndexPoint",
        "IndexSeries",
        "WeightError",
        "composite",
        "index",
        "index_of",
        "resolve_weights",
        "subindex",
    ),
    "analysis.compare_many": (
        "JurisdictionsComparison",
        "ManyRow",
        "compare_many",
    ),
    "analysis.panel": (
        "Panel",
        "PanelRow",
        "panel",
        "panel_span",
    ),
    "analysis.scoring": (
        "Scoring",
        "select",
    ),
    "analysis.coverage": (
        "SourceCoverage",
        "SourcePeriod",
        "Stretch",
        "coverage",
    ),
    "analysis.multiverse": (
        "Multiverse",
        "Specification",
        "multiverse",
    ),
    "analysis.escalation": (
        "ENFORCEMENT_METRICS",
        "Cause",
        "DimensionChange",
        "Escalation",
        "EscalationStep",
        "Lag",
        "conventional",
        "enforcement_lags",
        "escalation",
    ),
    "analysis.compare": (
        "DimensionComparison",
        "comparable",
        "JurisdictionComparison",
        "PeriodComparison",
        "PlatformEvent",
        "PlatformTimeline",
        "PolicyComparison",
        "compare_jurisdictions",
        "compare_periods",
        "compare_policies",
        "platform_timeline",
        "policy_score",
    ),
    "analysis.outcomes": (
        "OutcomeTotals",
        "Total",
        "duplicates_of",
        "figure_bounds",
        "outcome_totals",
    ),
    "analysis.sensitivity": (
        "CompositeRose",
        "Conclusion",
        "PolicyStricter",
        "Sensitivity",
        "Variant",
        "sensitivity",
    ),
    "analysis.crosswalk": (
        "KicEvidence",
        "KicFinding",
        "KicReport",
        "bundled_crosswalk",
        "coverage_period",
        "fotn_category",
        "key_internet_controls",
        "load_crosswalk",
    ),
    "coding.extract": (
        "DateCandidate",
        "Extraction",
        "FigureCandidate",
        "NameCandidate",
        "Sentence",
        "extract_candidates",
    ),
    "coding.gazetteer": (
        "Gazetteer",
        "GazetteerEntry",
        "bundled_gazetteer",
        "load_gazetteer",
    ),
    "coding.register": (
        "DuplicateSourceError",
        "Registration",
        "RegistrationError",
        "normalise_text",
        "register_source",
    ),
    "coding.drafts": (
        "Acceptance",
        "Draft",
        "DraftError",
        "accept_draft",
        "write_draft",
    ),
    "coding.alpha": (
        "Alpha",
        "AlphaInterval",
        "bootstrap_alpha",
        "krippendorff_alpha",
    ),
    "coding.variables": ("VariableAgreement",),
    "coding.agreement": (
        "Agreement",
        "AgreementUnit",
        "DimensionAgreement",
        "PolicyMatch",
        "intercoder_agreement",
    ),
    "coding.extraction_quality": (
        "CategoryQuality",
        "ExtractionQuality",
        "extraction_quality",
    ),
    "importers.mapping": (
        "PanelMapping",
        "load_mapping",
        "loads_mapping",
    ),
    "importers.panel": (
        "Imported",
        "import_panel",
        "write_imported",
    ),
    "importers.oxcgrt": (
        "import_oxcgrt",
        "oxcgrt_mapping",
    ),
    "render.frames": (
        "to_arrow",
        "to_pandas",
        "to_polars",
    ),
    "render.vegalite": ("chart_vegalite",),
    "testing.synth": ("synthesize",),
}

# Names load on first use, so that `import policytrack` (and the command line's start-up)
# pays only for the modules it touches.
_MODULES: dict[str, str] = {
    name: f"policytrack.{module}" for module, names in _API.items() for name in names
}

__all__ = [name for name in sorted(_MODULES)]

_moved.install()


def __getattr__(name: str) -> Any:
    try:
        module = _MODULES[name]
    except KeyError:
        msg = f"module 'policytrack' has no attribute {name!r}"
        raise AttributeError(msg) from None
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*__all__, "__version__"])
