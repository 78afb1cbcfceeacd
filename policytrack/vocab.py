"""Every user-facing vocabulary: the enums of the records, dates, analyses, coding and CLI.

``policytrack.vocab`` (``policytrack.options`` before release 0.2).

The standard library only, so that the command line can offer choices without importing the
model, and the model and the command line read the same members. Each enum is also importable
from the module that uses it (``policytrack.model.records.PolicyKind``...).
"""

from __future__ import annotations

import enum

__all__ = [
    "AgencyKind",
    "AlphaMetric",
    "Basis",
    "Certainty",
    "Change",
    "ChartFormat",
    "ClaimKind",
    "Confidence",
    "Coverage",
    "DatasetFormat",
    "EntryKind",
    "EventKind",
    "ExportFormat",
    "FotnCategory",
    "GroupBy",
    "KicBasis",
    "LinkKind",
    "Metric",
    "MissingRule",
    "NameKind",
    "Origin",
    "OutcomeRole",
    "OutputFormat",
    "PanelPartition",
    "PlatformKind",
    "PolicyKind",
    "PolicyStatus",
    "Precision",
    "QuantityKind",
    "Reliability",
    "Scope",
    "Series",
    "StartRule",
    "Stricter",
    "Unit",
    "UnknownRule",
]


class StartRule(enum.StrEnum):
    """Which date a policy counts from."""

    EFFECTIVE = "effective"
    """Its effective date, or its announcement when no effective date is known (the default:
    OxCGRT codes implementation, not announcement)."""
    ANNOUNCED = "announced"
    """Its announcement, or its effective date when no announcement is known."""


class Series(enum.StrEnum):
    """Which of a timeline's two series to read."""

    EARLIEST = "earliest"
    """Measures in force as early and as long as their dates allow."""
    LATEST = "latest"
    """Measures in force as late and as briefly as their dates allow."""


class UnknownRule(enum.StrEnum):
    """How the composite treats a dimension whose level is unknown."""

    ZERO = "zero"
    """Counts it as 0, OxCGRT's rule: the composite only rises as information is added."""
    SKIP = "skip"
    """Leaves it out and renormalises the weights of the known dimensions."""
    STRICT = "strict"
    """Makes the composite itself unknown until every weighted dimension is known."""


class GroupBy(enum.StrEnum):
    """What to total outcomes by, besides their metric."""

    METRIC = "metric"
    PLACE = "place"
    AGENCY = "agency"
    PLATFORM = "platform"
    POLICY = "policy"
    YEAR = "year"
    REPORTER = "reporter"


class Basis(enum.StrEnum):
    """How a date was established."""

    STATED = "stated"
    """The text gives the date itself."""
    INFERRED = "inferred"
    """Worked out from clues in the text ("on Friday" and the publication date)."""
    EXTERNAL = "external"
    """Taken from knowledge outside the source text."""


class Precision(enum.StrEnum):
    """How finely a date is known."""

    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"
    INTERVAL = "interval"
    BEFORE = "before"
    """An interval open at its start: on or before its end."""
    AFTER = "after"
    """An interval open (or unknown) at its end: on or after its start."""


class Reliability(enum.StrEnum):
    """What kind of outlet a source is, for weighing what it reports."""

    STATE_MEDIA = "state_media"
    INDEPENDENT_MEDIA = "independent_media"
    FOREIGN_MEDIA = "foreign_media"
    NGO = "ngo"
    COMPANY = "company"
    LEAKED_DOCUMENT = "leaked_document"
    OFFICIAL_DOCUMENT = "official_document"
    RESEARCH_DATASET = "research_dataset"
    """A tracker's published data file (OxCGRT's CSVs): each row a coder's reading."""


class Scope(enum.StrEnum):
    """Whether a measure applies generally or only to some targets (OxCGRT's flag)."""

    GENERAL = "general"
    TARGETED = "targeted"


class AgencyKind(enum.StrEnum):
    """The kind of state or party body an agency is."""

    LEGISLATURE = "legislature"
    PARTY = "party"
    PARTY_LEADER = "party_leader"
    GOVERNMENT = "government"
    MINISTRY = "ministry"
    REGULATOR = "regulator"
    POLICE = "police"
    COURT = "court"
    PROCURATORATE = "procuratorate"
    LOCAL_GOVERNMENT = "local_government"
    STATE_MEDIA = "state_media"
    OTHER = "other"


class PlatformKind(enum.StrEnum):
    """What kind of service or company a platform is."""

    SOCIAL_MEDIA = "social_media"
    MICROBLOG = "microblog"
    MESSAGING = "messaging"
    SEARCH = "search"
    PORTAL = "portal"
    NEWS = "news"
    PROFESSIONAL_NETWORK = "professional_network"
    VIDEO = "video"
    VIDEOCONFERENCING = "videoconferencing"
    COMPANY = "company"
    OTHER = "other"


class PolicyKind(enum.StrEnum):
    """What kind of instrument a policy is."""

    LAW = "law"
    DECISION = "decision"
    REGULATION = "regulation"
    DRAFT = "draft"
    DIRECTIVE = "directive"
    GUIDELINE = "guideline"
    CAMPAIGN = "campaign"
    JUDICIAL_INTERPRETATION = "judicial_interpretation"
    STANDING_PRACTICE = "standing_practice"
    LIST = "list"
    """A published list with legal effect (a white list of approved providers)."""
    INDICATOR_READING = "indicator_reading"
    """A tracker's reading of one indicator over a run of days (an imported data row run),
    not an instrument of its own: the rows it rests on say what was in force."""


class PolicyStatus(enum.StrEnum):
    """A policy's status as of its source's publication."""

    PROPOSED = "proposed"
    IN_FORCE = "in_force"
    ENDED = "ended"
    SUPERSEDED = "superseded"
    UNKNOWN = "unknown"


class LinkKind(enum.StrEnum):
    """How one policy relates to another (read: ``from`` KIND ``to``)."""

    AMENDS = "amends"
    STRENGTHENS = "strengthens"
    RELAXES = "relaxes"
    IMPLEMENTS = "implements"
    SUPERSEDES = "supersedes"
    ENDS = "ends"
    PART_OF = "part_of"
    FOLLOWS = "follows"


class Metric(enum.StrEnum):
    """What an outcome counts."""

    ACCOUNTS_CLOSED = "accounts_closed"
    ACCOUNTS_SUSPENDED = "accounts_suspended"
    PEOPLE_TARGETED = "people_targeted"
    PEOPLE_DETAINED = "people_detained"
    PEOPLE_ARRESTED = "people_arrested"
    PEOPLE_SENTENCED = "people_sentenced"
    PEOPLE_PUNISHED = "people_punished"
    CONTENT_REMOVED = "content_removed"
    CASES_HANDLED = "cases_handled"
    COMPANIES_EXITED = "companies_exited"
    SERVICES_BLOCKED = "services_blocked"
    OFFICIALS_DISMISSED = "officials_dismissed"
    PROVIDERS_APPROVED = "providers_approved"
    USERS = "users"
    MESSAGES_PER_DAY = "messages_per_day"
    SENTENCE_YEARS = "sentence_years"
    OTHER = "other"


class QuantityKind(enum.StrEnum):
    """How precisely a figure is reported."""

    EXACT = "exact"
    APPROXIMATE = "approximate"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    RANGE = "range"
    UNKNOWN = "unknown"


class ClaimKind(enum.StrEnum):
    """What an official statement does."""

    RATIONALE = "rationale"
    SELF_ASSESSMENT = "self_assessment"
    INSTRUCTION = "instruction"
    ACCUSATION = "accusation"
    OTHER = "other"


class Confidence(enum.StrEnum):
    """How sure a coder is of a measure or a link, most sure first."""

    CERTAIN = "certain"
    """The quotes say it in so many words."""
    PROBABLE = "probable"
    """The quotes make it likely, short of saying it."""
    POSSIBLE = "possible"
    """A reading the quotes allow, among others."""

    @property
    def rank(self) -> int:
        """0 for certain, 1 for probable, 2 for possible: a larger rank is less sure."""
        return list(Confidence).index(self)

    def at_least(self, level: Confidence) -> bool:
        """Whether this confidence is *level* or surer."""
        return self.rank <= level.rank


class OutcomeRole(enum.StrEnum):
    """What an outcome's figure is, for totals of controls."""

    ENFORCEMENT = "enforcement"
    """An effect of controls: accounts closed, people detained, companies gone."""
    CONTEXT = "context"
    """A figure for scale or background: a population, users, followers, an unrelated event."""
    CLAIM = "claim"
    """An agency's own claim of its results, reported as the agency's word."""


class Unit(enum.StrEnum):
    """What an outcome's figure counts; a free-text qualifier narrows it ("accounts", "WeChat").

    Figures add up only when their units are equal; the qualifier is shown beside them.
    """

    PEOPLE = "people"
    ACCOUNTS = "accounts"
    USERS = "users"
    COMPANIES = "companies"
    SERVICES = "services"
    APPS = "apps"
    ITEMS = "items"
    """Pieces of content: posts, articles, pieces of information."""
    MESSAGES = "messages"
    CASES = "cases"
    YEARS = "years"
    HOURS = "hours"


class Change(enum.StrEnum):
    """Whether a measure came into force or went out of it."""

    STARTS = "starts"
    ENDS = "ends"


class Stricter(enum.StrEnum):
    """Which side of a comparison is stricter."""

    FIRST = "first"
    SECOND = "second"
    EQUAL = "equal"
    UNKNOWN = "unknown"
    """Neither side has a value to compare."""


class EventKind(enum.StrEnum):
    """What touched a platform."""

    POLICY = "policy"
    OUTCOME = "outcome"
    EXIT = "exit"


class FotnCategory(enum.StrEnum):
    """One of Freedom on the Net's three scored categories."""

    OBSTACLES_TO_ACCESS = "A"
    LIMITS_ON_CONTENT = "B"
    VIOLATIONS_OF_USER_RIGHTS = "C"

    @property
    def label(self) -> str:
        """The category's name as FOTN writes it ("A. Obstacles to access")."""
        return f"{self.value}. {self.name.replace('_', ' ').capitalize()}"


class KicBasis(enum.StrEnum):
    """What evidences a Key Internet Control in a period."""

    IN_FORCE = "in_force"
    """A measure at a mapped level in force at some time in the period."""
    PASSED = "passed"
    """A binding instrument with a measure at a mapped level, announced in the period."""
    REPORTED = "reported"
    """Only an outcome reported in the period: no level of a rule shows the event happened."""


class Certainty(enum.StrEnum):
    """How strongly a record evidences a Key Internet Control."""

    CERTAIN = "certain"
    POSSIBLE = "possible"


class Coverage(enum.StrEnum):
    """Which twelve months a year names."""

    CALENDAR = "calendar"
    """1 January to 31 December."""
    FOTN = "fotn"
    """FOTN's coverage period for the edition of that year: 1 June of the year before to 31 May."""


class EntryKind(enum.StrEnum):
    """Whether a name belongs to an agency or a platform."""

    AGENCY = "agency"
    PLATFORM = "platform"


class Origin(enum.StrEnum):
    """Where an entry comes from."""

    DATASET = "dataset"
    """A record of the dataset being coded."""
    GAZETTEER = "gazetteer"
    """An entry of a gazetteer file."""
    PATTERN = "pattern"
    """A gazetteer pattern applied to a place ("{place} police")."""


class NameKind(enum.StrEnum):
    """What a name candidate is."""

    AGENCY = "agency"
    PLATFORM = "platform"
    ORGANISATION = "organisation"
    """A capitalised name that looks like an organisation but is not in the gazetteer."""


class AlphaMetric(enum.StrEnum):
    """The difference function of Krippendorff's alpha."""

    NOMINAL = "nominal"
    ORDINAL = "ordinal"
    INTERVAL = "interval"
    RATIO = "ratio"


class MissingRule(enum.StrEnum):
    """How a dimension that only one coder scored enters the comparison."""

    ZERO = "zero"
    """As level 0 for the coder who did not score it."""
    SKIP = "skip"
    """Left out of percent agreement, and unpaired (so ignored) in alpha."""


class OutputFormat(enum.StrEnum):
    """How the command line prints a result."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    NDJSON = "ndjson"


class ExportFormat(enum.StrEnum):
    """The file formats a dataset is exported to."""

    JSON = "json"
    NDJSON = "ndjson"
    CSV = "csv"
    SQLITE = "sqlite"
    PARQUET = "parquet"


class PanelPartition(enum.StrEnum):
    """How the panel's Parquet files are split into hive-style folders."""

    YEAR = "year"
    """``year=2020/part-0.parquet``: a file a year, every jurisdiction in it (the default: few,
    larger files, which DuckDB, pyarrow and pandas read fastest)."""
    JURISDICTION = "jurisdiction"
    """``jurisdiction=GB/part-0.parquet``: a file a jurisdiction, every day in it."""
    JURISDICTION_YEAR = "jurisdiction-year"
    """``jurisdiction=GB/year=2020/part-0.parquet``: a file a jurisdiction and year (many small
    files: for engines that prune on both keys)."""


class ChartFormat(enum.StrEnum):
    """The file formats a chart is written in."""

    SVG = "svg"
    VEGA_LITE = "vega-lite"


class DatasetFormat(enum.StrEnum):
    """The formats a dataset is read and written in (``policytrack.storage.loader.Format``)."""

    TOML = "toml"
    JSON = "json"
    NDJSON = "ndjson"
