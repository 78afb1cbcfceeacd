"""policytrack: a typed, citable, testable record of policies and how controls escalate.

Load a dataset, check it, and analyse it::

    import policytrack

    data = policytrack.load_bundled()
    print(len(data.policies), "policies")
"""

from __future__ import annotations

from policytrack.checks import check
from policytrack.codebook import Codebook, Dimension, Level
from policytrack.convert import converter, make_converter
from policytrack.dataset import COLLECTIONS, Dataset, DatasetInfo
from policytrack.dates import Basis, Precision, UncertainDate
from policytrack.errors import (
    DataError,
    DateError,
    NotFoundError,
    PolicytrackError,
    Problem,
    WriteError,
)
from policytrack.models import (
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
    Record,
    Reliability,
    Scope,
    Source,
)
from policytrack.provenance import (
    evidence_of,
    quote,
    reanchor,
    read_texts,
    sha256_text,
    verify_evidence,
)
from policytrack.storage import (
    BUNDLED_CODEBOOK,
    bundled_codebook,
    bundled_path,
    dump,
    dumps,
    load,
    load_bundled,
    load_codebook,
    loads,
)

__version__ = "0.1.0"

__all__ = [
    "BUNDLED_CODEBOOK",
    "COLLECTIONS",
    "Agency",
    "AgencyKind",
    "Basis",
    "Claim",
    "ClaimKind",
    "Codebook",
    "DataError",
    "Dataset",
    "DatasetInfo",
    "DateError",
    "Dimension",
    "Evidence",
    "Level",
    "Link",
    "LinkKind",
    "Measure",
    "Metric",
    "NotFoundError",
    "Outcome",
    "Platform",
    "PlatformKind",
    "Policy",
    "PolicyKind",
    "PolicyStatus",
    "PolicytrackError",
    "Precision",
    "Problem",
    "Quantity",
    "QuantityKind",
    "Record",
    "Reliability",
    "Scope",
    "Source",
    "UncertainDate",
    "WriteError",
    "bundled_codebook",
    "bundled_path",
    "check",
    "converter",
    "dump",
    "dumps",
    "evidence_of",
    "load",
    "load_bundled",
    "load_codebook",
    "loads",
    "make_converter",
    "quote",
    "read_texts",
    "reanchor",
    "sha256_text",
    "verify_evidence",
]
