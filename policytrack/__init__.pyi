# Generated from policytrack._API by tests/test_public_api.py; do not edit.
# Regenerate: POLICYTRACK_REGENERATE=1 pytest tests/test_public_api.py

from policytrack import _moved as _moved

from policytrack.errors import DataError as DataError, DateError as DateError, NotFoundError as NotFoundError, PolicytrackError as PolicytrackError, Problem as Problem, WriteError as WriteError
from policytrack.vocab import AgencyKind as AgencyKind, AlphaMetric as AlphaMetric, Basis as Basis, ClaimKind as ClaimKind, Confidence as Confidence, LinkKind as LinkKind, Metric as Metric, OutcomeRole as OutcomeRole, PlatformKind as PlatformKind, PolicyKind as PolicyKind, PolicyStatus as PolicyStatus, Precision as Precision, QuantityKind as QuantityKind, Reliability as Reliability, Scope as Scope, Unit as Unit, GroupBy as GroupBy, Series as Series, StartRule as StartRule, UnknownRule as UnknownRule, Change as Change, EventKind as EventKind, Stricter as Stricter, Certainty as Certainty, Coverage as Coverage, FotnCategory as FotnCategory, KicBasis as KicBasis, NameKind as NameKind, MissingRule as MissingRule
from policytrack.model.dates import UncertainDate as UncertainDate
from policytrack.model.records import Agency as Agency, Claim as Claim, Evidence as Evidence, Link as Link, Measure as Measure, Outcome as Outcome, Platform as Platform, Policy as Policy, Quantity as Quantity, Record as Record, Source as Source
from policytrack.model.codebook import Codebook as Codebook, Dimension as Dimension, Level as Level
from policytrack.model.dataset import COLLECTIONS as COLLECTIONS, Dataset as Dataset, DatasetInfo as DatasetInfo
from policytrack.model.checks import check as check
from policytrack.model.fotn import Crosswalk as Crosswalk, KeyInternetControl as KeyInternetControl
from policytrack.model.provenance import evidence_of as evidence_of, quote as quote, read_texts as read_texts, reanchor as reanchor, row_spans as row_spans, sha256_text as sha256_text, verify_evidence as verify_evidence
from policytrack.storage.converter import converter as converter, make_converter as make_converter
from policytrack.storage.loader import bundled_path as bundled_path, load as load, load_bundled as load_bundled, loads as loads
from policytrack.storage.dumper import dump as dump, dumps as dumps
from policytrack.storage.resources import BUNDLED_CODEBOOK as BUNDLED_CODEBOOK, bundled_codebook as bundled_codebook, bundled_codebooks as bundled_codebooks, load_codebook as load_codebook
from policytrack.analysis.timeline import DimensionSeries as DimensionSeries, MeasureRef as MeasureRef, Step as Step, Timeline as Timeline, applies_in as applies_in, step_on as step_on, timeline as timeline
from policytrack.analysis.index import Band as Band, IndexPoint as IndexPoint, IndexSeries as IndexSeries, WeightError as WeightError, composite as composite, index as index, index_of as index_of, resolve_weights as resolve_weights, subindex as subindex
from policytrack.analysis.compare_many import JurisdictionsComparison as JurisdictionsComparison, ManyRow as ManyRow, compare_many as compare_many
from policytrack.analysis.panel import Panel as Panel, PanelRow as PanelRow, panel as panel, panel_span as panel_span
from policytrack.analysis.scoring import Scoring as Scoring, select as select
from policytrack.analysis.coverage import SourceCoverage as SourceCoverage, SourcePeriod as SourcePeriod, Stretch as Stretch, coverage as coverage
from policytrack.analysis.multiverse import Multiverse as Multiverse, Specification as Specification, multiverse as multiverse
from policytrack.analysis.escalation import ENFORCEMENT_METRICS as ENFORCEMENT_METRICS, Cause as Cause, DimensionChange as DimensionChange, Escalation as Escalation, EscalationStep as EscalationStep, Lag as Lag, conventional as conventional, enforcement_lags as enforcement_lags, escalation as escalation
from policytrack.analysis.compare import DimensionComparison as DimensionComparison, comparable as comparable, JurisdictionComparison as JurisdictionComparison, PeriodComparison as PeriodComparison, PlatformEvent as PlatformEvent, PlatformTimeline as PlatformTimeline, PolicyComparison as PolicyComparison, compare_jurisdictions as compare_jurisdictions, compare_periods as compare_periods, compare_policies as compare_policies, platform_timeline as platform_timeline, policy_score as policy_score
from policytrack.analysis.outcomes import OutcomeTotals as OutcomeTotals, Total as Total, duplicates_of as duplicates_of, figure_bounds as figure_bounds, outcome_totals as outcome_totals
from policytrack.analysis.sensitivity import CompositeRose as CompositeRose, Conclusion as Conclusion, PolicyStricter as PolicyStricter, Sensitivity as Sensitivity, Variant as Variant, sensitivity as sensitivity
from policytrack.analysis.crosswalk import KicEvidence as KicEvidence, KicFinding as KicFinding, KicReport as KicReport, bundled_crosswalk as bundled_crosswalk, coverage_period as coverage_period, fotn_category as fotn_category, key_internet_controls as key_internet_controls, load_crosswalk as load_crosswalk
from policytrack.coding.extract import DateCandidate as DateCandidate, Extraction as Extraction, FigureCandidate as FigureCandidate, NameCandidate as NameCandidate, Sentence as Sentence, extract_candidates as extract_candidates
from policytrack.coding.gazetteer import Gazetteer as Gazetteer, GazetteerEntry as GazetteerEntry, bundled_gazetteer as bundled_gazetteer, load_gazetteer as load_gazetteer
from policytrack.coding.register import DuplicateSourceError as DuplicateSourceError, Registration as Registration, RegistrationError as RegistrationError, normalise_text as normalise_text, register_source as register_source
from policytrack.coding.drafts import Acceptance as Acceptance, Draft as Draft, DraftError as DraftError, accept_draft as accept_draft, write_draft as write_draft
from policytrack.coding.alpha import Alpha as Alpha, AlphaInterval as AlphaInterval, bootstrap_alpha as bootstrap_alpha, krippendorff_alpha as krippendorff_alpha
from policytrack.coding.variables import VariableAgreement as VariableAgreement
from policytrack.coding.agreement import Agreement as Agreement, AgreementUnit as AgreementUnit, DimensionAgreement as DimensionAgreement, PolicyMatch as PolicyMatch, intercoder_agreement as intercoder_agreement
from policytrack.coding.extraction_quality import CategoryQuality as CategoryQuality, ExtractionQuality as ExtractionQuality, extraction_quality as extraction_quality
from policytrack.importers.mapping import PanelMapping as PanelMapping, load_mapping as load_mapping, loads_mapping as loads_mapping
from policytrack.importers.panel import Imported as Imported, import_panel as import_panel, write_imported as write_imported
from policytrack.importers.oxcgrt import import_oxcgrt as import_oxcgrt, oxcgrt_mapping as oxcgrt_mapping
from policytrack.render.frames import to_arrow as to_arrow, to_pandas as to_pandas, to_polars as to_polars
from policytrack.render.vegalite import chart_vegalite as chart_vegalite
from policytrack.testing.synth import synthesize as synthesize

__version__: str
__all__: list[str]
