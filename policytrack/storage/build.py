"""The fast path of loading: records read one at a time and structured without the converter.

:func:`read` parses a JSON or NDJSON text one record at a time and structures each record as
soon as it is parsed, so the parsed data of the whole file is never held at once. It returns
None for anything but a regular file (an unknown key, a record it refuses, malformed JSON): the
loader then reads the text again on the reference path, which reports every problem.

The loader structures each record here first. A :class:`Builder` returns exactly the record the
converter (:mod:`policytrack.storage.converter`) would build from the same data, or raises
:class:`Refused` on anything it does not vouch for: a missing or unknown key, a value of the
wrong type, a value a model's validator would reject. The loader then structures that record
again through the converter with detailed validation, which builds the located error report, so
every message stays the converter's own. Refusing is always safe; accepting what the converter
would reject is a bug (the differential tests in ``tests/storage/test_build.py`` look for one).

Two things make this path fast. Records are built without running the models' validators,
because every check they make has just been made here on plain values; and values that repeat
across records (ids, codes, dates) are checked once per load and shared, which also keeps
memory down.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

import attrs

from policytrack.errors import DateError
from policytrack.model.codebook import Codebook, Dimension, Level
from policytrack.model.dataset import DatasetInfo
from policytrack.model.dates import Basis, UncertainDate, _parse
from policytrack.model.jurisdictions import known_codes
from policytrack.model.records import (
    _QUANTITY_BOUNDS,
    Agency,
    AgencyKind,
    Claim,
    ClaimKind,
    Confidence,
    Evidence,
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
    Unit,
)

__all__ = [
    "Builder",
    "DuplicateKeyError",
    "Refused",
    "codebook",
    "info",
    "read",
    "read_file",
    "unique_pairs",
]


class Refused(Exception):  # noqa: N818  (a signal to the loader, never raised to a user)
    """The fast path does not vouch for a record: structure it through the converter."""


def _constructor(cls: type[Any]) -> Callable[..., Any]:
    """A function building *cls* from all its fields, in order, without running validators.

    Only for values already checked against every validator of *cls*: the result is the
    object ``cls(*values)`` would be.
    """
    fields = attrs.fields(cls)
    hooks = ("__attrs_pre_init__", "__attrs_post_init__")
    if any(f.converter or f.on_setattr or not f.init for f in fields) or any(
        hasattr(cls, hook) for hook in hooks
    ):
        # attrs would do more than set the fields: this function would not be equivalent.
        msg = f"{cls.__name__} needs more than its fields set; the fast path cannot build it"
        raise TypeError(msg)
    names = [f.name for f in fields]
    # Each slot's own descriptor sets it: object.__setattr__ would look the name up first.
    setters = {f"set_{name}": getattr(cls, name).__set__ for name in names}
    lines = [f"def make({', '.join(names)}):", "    self = new(cls)"]
    lines += [f"    set_{name}(self, {name})" for name in names]
    lines.append("    return self")
    scope: dict[str, Any] = {"new": object.__new__, "cls": cls, **setters}
    exec("\n".join(lines), scope)
    make: Callable[..., Any] = scope["make"]
    return make


_EVIDENCE = _constructor(Evidence)
_MEASURE = _constructor(Measure)
_POLICY = _constructor(Policy)
_QUANTITY = _constructor(Quantity)
_OUTCOME = _constructor(Outcome)
_LINK = _constructor(Link)
_AGENCY = _constructor(Agency)
_PLATFORM = _constructor(Platform)
_SOURCE = _constructor(Source)
_CLAIM = _constructor(Claim)
_DATE = _constructor(UncertainDate)


def _keys(cls: type[Any]) -> frozenset[str]:
    return frozenset(a.name for a in attrs.fields(cls))


_EVIDENCE_KEYS = _keys(Evidence)
_MEASURE_KEYS = _keys(Measure)
_POLICY_KEYS = _keys(Policy)
_QUANTITY_KEYS = _keys(Quantity)
_OUTCOME_KEYS = _keys(Outcome)
_LINK_KEYS = _keys(Link)
_AGENCY_KEYS = _keys(Agency)
_PLATFORM_KEYS = _keys(Platform)
_SOURCE_KEYS = _keys(Source)
_CLAIM_KEYS = _keys(Claim)
_DATE_KEYS = _keys(UncertainDate)

_ID = re.compile(r"[a-z0-9][a-z0-9-]*").fullmatch
_SHA256 = re.compile(r"[0-9a-f]{64}").fullmatch
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]+)*").fullmatch


def _members(cls: type[Any]) -> dict[Any, Any]:
    """An enum's members by value: what ``cls(value)`` accepts from JSON or TOML data."""
    return {member.value: member for member in cls}


_RELIABILITY = _members(Reliability)
_SCOPE = _members(Scope)
_AGENCY_KIND = _members(AgencyKind)
_PLATFORM_KIND = _members(PlatformKind)
_POLICY_KIND = _members(PolicyKind)
_POLICY_STATUS = _members(PolicyStatus)
_LINK_KIND = _members(LinkKind)
_METRIC = _members(Metric)
_QUANTITY_KIND = _members(QuantityKind)
_CLAIM_KIND = _members(ClaimKind)
_BASIS = _members(Basis)
_CONFIDENCE = _members(Confidence)
_OUTCOME_ROLE = _members(OutcomeRole)
_UNIT = _members(Unit)


def _confidence(data: Any) -> tuple[Confidence, str | None]:
    """A confidence and its reason (``_check_confidence_reason``): a reason unless certain."""
    confidence = _CONFIDENCE[data.get("confidence", "certain")]
    reason = _optional_text(data.get("confidence_reason"))
    if reason is None and confidence is not Confidence.CERTAIN:
        raise Refused
    return confidence, reason


def _unicode(value: str) -> bool:
    """Whether a string holds no lone surrogate (half a pair, escaped in JSON), as converted."""
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _string(value: Any) -> str:
    if type(value) is not str or not _unicode(value):
        raise Refused
    return value


def _text(value: Any) -> str:
    """Non-empty text (``_check_text``): a string with something besides whitespace."""
    if type(value) is not str or not value or value.isspace() or not _unicode(value):
        raise Refused
    return value


def _optional_text(value: Any) -> str | None:
    return None if value is None else _text(value)


def _texts(value: Any) -> tuple[str, ...]:
    if type(value) is not list and type(value) is not tuple:
        raise Refused
    for item in value:
        _text(item)
    return tuple(value)


def _natural(value: Any) -> int:
    """An integer >= 0 (a bool is not an integer here, as in the converter)."""
    if type(value) is not int or value < 0:
        raise Refused
    return value


def _optional_int(value: Any) -> int | None:
    if value is not None and type(value) is not int:
        raise Refused
    return value


def _optional_string(value: Any) -> str | None:
    return None if value is None else _string(value)


def _number(value: Any) -> float:
    """A float, or an int a float holds exactly (as the converter's float hook)."""
    if type(value) is not int and type(value) is not float:
        raise Refused
    number = float(value)  # an int too large for a float raises: refused
    if number != value:
        raise Refused
    return number


def _list(value: Any) -> list[Any] | tuple[Any, ...]:
    if type(value) is not list and type(value) is not tuple:
        raise Refused
    return value


_INFO_KEYS = _keys(DatasetInfo)
_CODEBOOK_KEYS = _keys(Codebook)
_DIMENSION_KEYS = _keys(Dimension)
_LEVEL_KEYS = _keys(Level)


def info(data: Any) -> DatasetInfo:
    """A dataset's :class:`~policytrack.model.dataset.DatasetInfo`, as the converter builds it."""
    if type(data) is not dict or not data.keys() <= _INFO_KEYS:
        raise Refused
    return DatasetInfo(
        _string(data["id"]),
        _string(data["title"]),
        _string(data.get("version", "0")),
        _string(data.get("codebook", "internet-controls")),
        _optional_string(data.get("description")),
        _optional_string(data.get("license")),
    )


def codebook(data: Any) -> Codebook:
    """A :class:`~policytrack.model.codebook.Codebook`, as the converter builds it.

    The values are checked for type here and built through the ordinary constructors, so the
    codebook's own validators run as they do on the converter's path.
    """
    if type(data) is not dict or not data.keys() <= _CODEBOOK_KEYS:
        raise Refused
    return Codebook(
        _string(data["id"]),
        _string(data["title"]),
        _string(data["version"]),
        _string(data["description"]),
        tuple([_dimension(item) for item in _list(data["dimensions"])]),
    )


def _dimension(data: Any) -> Dimension:
    if type(data) is not dict or not data.keys() <= _DIMENSION_KEYS:
        raise Refused
    flag = data.get("flag", False)
    if type(flag) is not bool:
        raise Refused
    return Dimension(
        _string(data["id"]),
        _string(data["name"]),
        _string(data["description"]),
        tuple([_level(item) for item in _list(data["levels"])]),
        flag,
        _number(data.get("weight", 1.0)),
        _optional_string(data.get("flag_definition")),
    )


def _level(data: Any) -> Level:
    if type(data) is not dict or not data.keys() <= _LEVEL_KEYS:
        raise Refused
    value = data["value"]
    if type(value) is not int:
        raise Refused
    return Level(value, _string(data["label"]), _string(data["definition"]))


_MEASURE_DEFAULTS = (None, None, Confidence.CERTAIN, None)
"""A measure's dates and confidence when its data gives none of them."""

_ABSENT: Any = object()
"""The default for a key that may be missing, told apart from an explicit null."""


class Builder:
    """Structures the records of one load, sharing the values that repeat across them.

    Each record method takes the data of one record and returns the record, or raises an
    exception (:class:`Refused` when a check fails, or whatever a lookup in a table of valid
    values raises) when the converter must decide. The hot paths are written out longhand:
    a function call costs more here than the check it would hold.
    """

    def __init__(self) -> None:
        self._ids: dict[str, str] = {}
        self._codes: dict[str, str] = {code: code for code in known_codes()}
        self._stated: dict[str, UncertainDate] = {}
        self._dates: dict[tuple[Any, Any, Any], UncertainDate] = {}
        self._strings: dict[str, str] = {}
        self._dimensions: dict[str, str] = {}
        self.structurers: dict[str, Callable[[Any], Any]] = {
            "sources": self.source,
            "agencies": self.agency,
            "platforms": self.platform,
            "policies": self.policy,
            "links": self.link,
            "outcomes": self.outcome,
            "claims": self.claim,
        }

    # Values that repeat: checked once, then shared.

    def _id(self, value: Any) -> str:
        """An id (``_check_id``), the same string object for every record that names it."""
        # An id is never empty, so a miss is the only false result.
        return self._ids.get(value) or self._new_id(value)

    def _new_id(self, value: Any) -> str:
        if type(value) is not str or _ID(value) is None:
            raise Refused
        self._ids[value] = value
        return value

    def _optional_id(self, value: Any) -> str | None:
        return None if value is None else self._ids.get(value) or self._new_id(value)

    def _id_list(self, value: Any) -> tuple[str, ...]:
        if value is _ABSENT:
            return ()
        if type(value) is not list and type(value) is not tuple:
            raise Refused
        ids, new = self._ids, self._new_id
        return tuple([ids.get(item) or new(item) for item in value])

    def _shared(self, value: Any) -> str:
        """Non-empty text that often repeats (a unit, a reporter): shared."""
        return self._strings.get(value) or self._new_shared(value)

    def _new_shared(self, value: Any) -> str:
        self._strings[value] = _text(value)
        return value  # type: ignore[no-any-return]

    def _date(self, data: Any) -> UncertainDate:
        """An :class:`UncertainDate`; equal dates are one shared (frozen) object."""
        if type(data) is not dict:
            raise Refused
        if len(data) == 1:
            # The common case, a stated date: {"edtf": ...}.
            stated = self._stated.get(data["edtf"])
            if stated is not None:
                return stated
        elif not data.keys() <= _DATE_KEYS:
            raise Refused
        key = (data["edtf"], data.get("basis", "stated"), data.get("reason"))
        try:
            return self._dates[key]
        except KeyError:
            pass
        edtf, basis, reason = key
        if type(edtf) is not str:
            raise Refused
        try:
            _parse(edtf)
        except DateError:
            raise Refused from None
        basis = _BASIS[basis]
        if reason is not None:
            _string(reason)
        if basis is not Basis.STATED and not (reason and reason.strip()):
            raise Refused
        date: UncertainDate = _DATE(edtf, basis, reason)
        self._dates[key] = date
        if basis is Basis.STATED and reason is None:
            self._stated[edtf] = date
        return date

    def _optional_date(self, data: Any) -> UncertainDate | None:
        return None if data is None else self._date(data)

    # Nested values.

    def _evidence(self, data: Any) -> Evidence:
        if type(data) is not dict:
            raise Refused
        source, exact, start, end = data["source"], data["exact"], data["start"], data["end"]
        if len(data) == 4:  # the four required keys and nothing else
            prefix = suffix = ""
        elif data.keys() <= _EVIDENCE_KEYS:
            prefix, suffix = _string(data.get("prefix", "")), _string(data.get("suffix", ""))
        else:
            raise Refused
        if (
            type(exact) is not str
            or not exact
            or exact.isspace()
            or not (exact.isascii() or _unicode(exact))
            or type(start) is not int
            or type(end) is not int
            or start < 0
            or end - start != len(exact)
        ):
            raise Refused
        evidence: Evidence = _EVIDENCE(
            self._ids.get(source) or self._new_id(source), exact, start, end, prefix, suffix
        )
        return evidence

    def _evidence_list(self, value: Any) -> tuple[Evidence, ...]:
        """At least one piece of evidence (``_evidence_list``)."""
        if (type(value) is not list and type(value) is not tuple) or not value:
            raise Refused
        if len(value) == 1:
            return (self._evidence(value[0]),)
        evidence = self._evidence
        return tuple([evidence(item) for item in value])

    def _measure(self, data: Any) -> Measure:
        if type(data) is not dict or not data.keys() <= _MEASURE_KEYS:
            raise Refused
        dimension, level = data["dimension"], data["level"]
        if type(level) is not int or level < 0:
            raise Refused
        if len(data) > 4 + ("scope" in data):  # more than the usual keys: dates or confidence
            effective, ended = data.get("effective"), data.get("ended")
            extra: tuple[Any, ...] = (
                None if effective is None else self._date(effective),
                None if ended is None else self._date(ended),
                *_confidence(data),
            )
        else:
            extra = _MEASURE_DEFAULTS
        measure: Measure = _MEASURE(
            self._dimensions.get(dimension) or self._new_dimension(dimension),
            level,
            self._strings.get(data["reason"]) or self._new_shared(data["reason"]),
            self._evidence_list(data["evidence"]),
            _SCOPE[data.get("scope", "general")],
            *extra,
        )
        return measure

    def _new_dimension(self, value: Any) -> str:
        """A dimension id: any string (the codebook check comes later), shared."""
        self._dimensions[value] = _string(value)
        return value  # type: ignore[no-any-return]

    def _quantity(self, data: Any) -> Quantity:
        if type(data) is not dict or not data.keys() <= _QUANTITY_KEYS:
            raise Refused
        kind = _QUANTITY_KIND[data["kind"]]
        low, high = _optional_int(data.get("low")), _optional_int(data.get("high"))
        if (low is not None, high is not None) != _QUANTITY_BOUNDS[kind]:
            raise Refused
        if kind is QuantityKind.EXACT and low != high:
            raise Refused
        if low is not None and high is not None and low > high:
            raise Refused
        quantity: Quantity = _QUANTITY(kind, low, high, _optional_text(data.get("text")))
        return quantity

    # Records.

    def source(self, data: Any) -> Source:
        """A :class:`~policytrack.model.records.Source`."""
        if type(data) is not dict or not data.keys() <= _SOURCE_KEYS:
            raise Refused
        sha256, language = data["sha256"], data.get("language", "en")
        if type(sha256) is not str or _SHA256(sha256) is None:
            raise Refused
        if type(language) is not str or _LANGUAGE(language) is None:
            raise Refused
        source: Source = _SOURCE(
            self._id(data["id"]),
            _text(data["title"]),
            _text(data["outlet"]),
            self._date(data["published"]),
            _RELIABILITY[data["reliability"]],
            sha256,
            _natural(data["length"]),
            language,
            _optional_text(data.get("author")),
            _optional_text(data.get("url")),
            _optional_text(data.get("notes")),
            self._optional_date(data.get("covers")),
        )
        return source

    def agency(self, data: Any) -> Agency:
        """An :class:`~policytrack.model.records.Agency`."""
        if type(data) is not dict or not data.keys() <= _AGENCY_KEYS:
            raise Refused
        agency: Agency = _AGENCY(
            self._id(data["id"]),
            _text(data["name"]),
            _AGENCY_KIND[data["kind"]],
            self._codes[data["jurisdiction"]],
            self._evidence_list(data["evidence"]),
            _texts(data.get("aliases", ())),
            self._optional_id(data.get("parent")),
            _optional_text(data.get("notes")),
        )
        return agency

    def platform(self, data: Any) -> Platform:
        """A :class:`~policytrack.model.records.Platform`."""
        if type(data) is not dict or not data.keys() <= _PLATFORM_KEYS:
            raise Refused
        home = data.get("home_country")
        platform: Platform = _PLATFORM(
            self._id(data["id"]),
            _text(data["name"]),
            _PLATFORM_KIND[data["kind"]],
            self._evidence_list(data["evidence"]),
            _optional_text(data.get("owner")),
            None if home is None else self._codes[home],
            _texts(data.get("aliases", ())),
            _optional_text(data.get("notes")),
        )
        return platform

    def policy(self, data: Any) -> Policy:
        """A :class:`~policytrack.model.records.Policy`."""
        if type(data) is not dict or not data.keys() <= _POLICY_KEYS:
            raise Refused
        measures = data["measures"]
        if (type(measures) is not list and type(measures) is not tuple) or not measures:
            raise Refused
        get, ids, date = data.get, self._id_list, self._date
        targets, announced = get("targets", _ABSENT), get("announced")
        effective, ended = get("effective"), get("ended")
        summary, notes = get("summary"), get("notes")
        policy: Policy = _POLICY(
            self._id(data["id"]),
            _text(data["title"]),
            self._codes[data["jurisdiction"]],
            _POLICY_KIND[data["kind"]],
            _POLICY_STATUS[data["status"]],
            tuple([self._measure(item) for item in measures]),
            self._evidence_list(data["evidence"]),
            ids(get("issuers", _ABSENT)),
            ids(get("enforcers", _ABSENT)),
            ids(get("platforms", _ABSENT)),
            () if targets is _ABSENT else _texts(targets),
            None if announced is None else date(announced),
            None if effective is None else date(effective),
            None if ended is None else date(ended),
            None if summary is None else _text(summary),
            None if notes is None else _text(notes),
        )
        return policy

    def link(self, data: Any) -> Link:
        """A :class:`~policytrack.model.records.Link`."""
        if type(data) is not dict or not data.keys() <= _LINK_KEYS:
            raise Refused
        link: Link = _LINK(
            self._id(data["id"]),
            _LINK_KIND[data["kind"]],
            self._id(data["from_policy"]),
            self._id(data["to_policy"]),
            self._evidence_list(data["evidence"]),
            _optional_text(data.get("notes")),
            *_confidence(data),
        )
        return link

    def outcome(self, data: Any) -> Outcome:
        """An :class:`~policytrack.model.records.Outcome`."""
        if type(data) is not dict or not data.keys() <= _OUTCOME_KEYS:
            raise Refused
        get, ids = data.get, self._id_list
        period, place, via = get("period"), get("place"), get("via", _ABSENT)
        reporter, same_as, notes = get("reporter"), get("same_as"), get("notes")
        outcome: Outcome = _OUTCOME(
            self._id(data["id"]),
            _METRIC[data["metric"]],
            self._quantity(data["quantity"]),
            _UNIT[data["unit"]],
            _text(data["description"]),
            self._shared(data["reported_by"]),
            self._evidence_list(data["evidence"]),
            None if period is None else self._date(period),
            None if place is None else self._codes[place],
            ids(get("agencies", _ABSENT)),
            ids(get("platforms", _ABSENT)),
            ids(get("policies", _ABSENT)),
            None if reporter is None else self._id(reporter),
            () if via is _ABSENT else _texts(via),
            None if same_as is None else self._id(same_as),
            None if notes is None else _text(notes),
            _OUTCOME_ROLE[get("role", "enforcement")],
            ids(get("includes", _ABSENT)),
            _optional_text(get("unit_qualifier")),
        )
        return outcome

    def claim(self, data: Any) -> Claim:
        """A :class:`~policytrack.model.records.Claim`."""
        if type(data) is not dict or not data.keys() <= _CLAIM_KEYS:
            raise Refused
        get, ids = data.get, self._id_list
        claim: Claim = _CLAIM(
            self._id(data["id"]),
            _CLAIM_KIND[data["kind"]],
            self._shared(data["speaker"]),
            _text(data["text"]),
            self._evidence_list(data["evidence"]),
            self._optional_id(get("speaker_agency")),
            self._optional_date(get("date")),
            ids(get("policies", _ABSENT)),
            ids(get("agencies", _ABSENT)),
            ids(get("platforms", _ABSENT)),
            _optional_text(get("notes")),
        )
        return claim


# JSON's whitespace, as the json module skips it. The pattern matches everywhere (if only the
# empty string), so a match is never None.
_WHITESPACE: Callable[[str, int], re.Match[str]] = re.compile(r"[ \t\n\r]*").match  # type: ignore[assignment]


def unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object's pairs as a dict; a key given twice is an error naming it.

    JSON parsers keep the last of two equal keys, so a second ``"level"`` would silently win.
    """
    found = dict(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise DuplicateKeyError(key)
            seen.add(key)
    return found


class DuplicateKeyError(ValueError):
    """A JSON object that gives one key twice."""

    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(f"duplicate key {key!r} (JSON would keep only the last; remove one)")


# The json module's own C scanner and string reader, as json.loads uses them, with duplicate
# keys refused.
_SCAN: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder(  # type: ignore[attr-defined]
    object_pairs_hook=unique_pairs
).scan_once
_STRING: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]


_CHUNK = 1 << 20
"""How many characters of a file are read at a time."""


def read(
    text: str, fmt: str, collections: frozenset[str]
) -> tuple[Any, dict[str, list[Any]]] | None:
    """The info data and each collection's records, structured; None unless all is regular.

    Args:
        text: A whole JSON or NDJSON text.
        fmt: ``json`` or ``ndjson``.
        collections: The names of the collections a file may hold.

    Returns:
        The info (as parsed, for the converter) and the records by collection, or None when
        the text is not a regular dataset file whose every record the fast path accepts.
    """
    if fmt == "json":
        return _read(
            lambda builder, records: _read_json(_Window(text), builder, records), collections
        )
    return _read(
        lambda builder, records: _read_ndjson(text.split("\n"), builder, records), collections
    )


def read_file(
    path: Path, fmt: str, collections: frozenset[str]
) -> tuple[Any, dict[str, list[Any]]] | None:
    """As :func:`read`, from a UTF-8 file read a megabyte at a time: never held whole.

    Returns None too when the file cannot be read or is not UTF-8: the reference path says why.
    """
    # newline="": no line ending is translated, as when the whole file is decoded at once.
    with path.open(encoding="utf-8", newline="") as file:
        if fmt == "json":
            return _read(
                lambda builder, records: _read_json(_Window("", file), builder, records),
                collections,
            )
        return _read(
            lambda builder, records: _read_ndjson(_lines(file), builder, records), collections
        )


def _read(
    reader: Callable[[Builder, dict[str, list[Any]]], Any], collections: frozenset[str]
) -> tuple[Any, dict[str, list[Any]]] | None:
    builder = Builder()
    records: dict[str, list[Any]] = {name: [] for name in collections}
    try:
        info = reader(builder, records)
    except Exception:  # Refused, malformed JSON, an irregular layout: the reference path decides
        return None
    return info, records


def _lines(file: TextIO) -> Iterator[str]:
    """The lines of a file, split at line feeds only, as the reference path splits a text."""
    pending = ""
    while chunk := file.read(_CHUNK):
        *lines, pending = (pending + chunk).split("\n")
        yield from lines
    yield pending


class _Window:
    """A text scanned from left to right, whole or read from a file as the scan needs it.

    Only what is not scanned yet is kept, so a file's text is never held whole; a value that
    may run on past the end of what has been read is read again with more.
    """

    __slots__ = ("at", "end", "file", "text")

    def __init__(self, text: str, file: TextIO | None = None) -> None:
        self.text, self.file, self.at = text, file, 0
        self.end = file is None  # whether the text holds everything there is
        self._more()

    def _more(self) -> bool:
        """Read on; False when there is no more."""
        if self.end:
            return False
        assert self.file is not None
        chunk = self.file.read(_CHUNK)
        if not chunk:
            self.end = True
            return False
        self.text, self.at = self.text[self.at :] + chunk, 0
        return True

    def char(self) -> str:
        """The next character after any whitespace (empty at the end), not consumed."""
        while True:
            self.at = _WHITESPACE(self.text, self.at).end()
            if self.at < len(self.text) or not self._more():
                return self.text[self.at : self.at + 1]

    def take(self, char: str) -> None:
        """Consume *char*, which must come next after any whitespace."""
        if self.char() != char:
            raise Refused
        self.at += 1

    def value(self) -> Any:
        """The next JSON value, consumed (after any whitespace)."""
        self.char()
        while True:
            try:
                value, end = _SCAN(self.text, self.at)
            except (StopIteration, ValueError):
                if self._more():
                    continue  # cut off by the end of what was read: read on and scan again
                raise Refused from None
            if end == len(self.text) and self._more():
                continue  # a number may go on past what was read
            self.at = end
            return value

    def key(self) -> str:
        """The next object key and its colon, consumed."""
        self.take('"')
        while True:
            try:
                key, end = _STRING(self.text, self.at)
            except ValueError:
                if self._more():
                    continue
                raise Refused from None
            self.at = end
            self.take(":")
            return key

    def finished(self) -> bool:
        """Whether nothing but whitespace is left."""
        return self.char() == ""


def _read_json(window: _Window, builder: Builder, records: dict[str, list[Any]]) -> Any:
    """One JSON object ``{"info": ..., "<collection>": [record, ...], ...}``, a record at a time."""
    structurers = builder.structurers
    info: Any = None
    seen: set[str] = set()
    window.take("{")
    while True:
        key = window.key()
        if key in seen or (key != "info" and key not in records):
            raise Refused  # a repeated or unknown key: the reference path reports it
        seen.add(key)
        if key == "info":
            info = window.value()
        else:
            window.take("[")
            structure, out = structurers[key], records[key]
            if window.char() == "]":
                window.at += 1
            else:
                while True:
                    out.append(structure(window.value()))
                    following = window.char()
                    window.at += 1
                    if following == "]":
                        break
                    if following != ",":
                        raise Refused
        following = window.char()
        window.at += 1
        if following == "}":
            break
        if following != ",":
            raise Refused
    if not window.finished() or "info" not in seen:
        raise Refused
    return info


def _read_ndjson(lines: Iterable[str], builder: Builder, records: dict[str, list[Any]]) -> Any:
    """``{"info": ...}`` once, then ``{"<collection>": record}`` a line."""
    structurers = builder.structurers
    loads = json.JSONDecoder(object_pairs_hook=unique_pairs).decode
    info: Any = None
    for line in lines:
        if not line or line.isspace():
            continue
        entry = loads(line)
        if type(entry) is not dict or len(entry) != 1:
            raise Refused
        ((name, item),) = entry.items()
        if name == "info":
            if info is not None:
                raise Refused
            info = item
        else:
            records[name].append(structurers[name](item))
    if info is None:
        raise Refused
    return info
