"""Import any tracker shaped jurisdiction x date x indicator, through a :class:`PanelMapping`.

Each run of consecutive days on which an indicator keeps the same value and flag, for one
jurisdiction and one population group, becomes a policy with one measure. The file itself is
registered as a source (reliability ``research_dataset``, its SHA-256 and length those of its
text, kept beside the dataset in ``texts/``), and every measure's evidence points back to its
rows with an RFC 7111 row selector: the cell read on the run's first row, and each coder's note
in the run, quoted as stored.

Dates follow the one rule for ``ended``: it is the first day OUT of force. A run from 1 to 31
March ends on 1 April. The last run of a series ends on some day after the file's last day,
which the file does not give: its ``ended`` is the open interval ``<day after>/..``, inferred.
A run followed by days the file records without a value for it ends the day after its last.
"""

from __future__ import annotations

import csv
import datetime
import io
import itertools
import re
from collections.abc import Iterable, Sequence
from collections.abc import Mapping as MappingType
from pathlib import Path
from typing import Any, NamedTuple

import attrs

from policytrack.collector import collector_paused
from policytrack.errors import DataError, Problem
from policytrack.importers.cells import LINE_END, field_spans
from policytrack.importers.mapping import Indicator, PanelMapping, Variant
from policytrack.model.arguments import checked
from policytrack.model.dataset import Dataset, DatasetInfo
from policytrack.model.dates import UncertainDate
from policytrack.model.jurisdictions import alpha2_of, is_known
from policytrack.model.provenance import sha256_text
from policytrack.model.records import (
    Evidence,
    Measure,
    Policy,
    PolicyKind,
    PolicyStatus,
    Reliability,
    Scope,
    Source,
)
from policytrack.storage.atomic import write_atomic
from policytrack.storage.dumper import dump

__all__ = ["Imported", "import_panel", "write_imported"]


@attrs.frozen
class Imported:
    """What an import gives: the dataset and the texts of its sources.

    Attributes:
        dataset: The policies, one per run of days, and a source per file.
        texts: Each source's text, by source id: the files as read.
    """

    dataset: Dataset
    texts: MappingType[str, str]


class _OutOfOrderError(Exception):
    """A series' days came out of order or twice: the file is read again, every reading kept."""


class _Reading(NamedTuple):
    """One cell read: a plain tuple, as a file holds millions of them."""

    day: int
    level: int
    scope: Scope
    row: int
    source: int
    raw: str


@attrs.frozen
class _File:
    """One file read: its text, source id, and where each row and column lies."""

    source: Source
    text: str
    header: tuple[str, ...]
    line_ends: list[int]
    starts: list[int]


_GENERAL = frozenset({"1", "1.0", "1.00"})
_SLUG = re.compile(r"[^a-z0-9]+")


def _slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-") or "x"


class _Reader:
    """Reads the files of one import and collects every reading by series."""

    def __init__(self, mapping: PanelMapping, series: str | None, compact: bool = True) -> None:
        self.mapping = mapping
        self.rows = mapping.series.get(series) if series else None
        self.files: list[_File] = []
        # Compact: each series' runs as read, ``[first reading, last day, last row]``, while
        # its days come in order; every reading otherwise (see _OutOfOrderError).
        self.compact = compact
        self.readings: dict[tuple[str, int, str | None], list[Any]] = {}
        self.notes: dict[tuple[str, int], list[tuple[int, int, int, int]]] = {}
        self.codes: dict[tuple[str, str], str] = {}
        self.days: dict[str, int] = {}
        self.levels: dict[str, int] = {}
        self.last_of: dict[str, int] = {}
        self.first_day: int | None = None
        self.last_day: int | None = None

    def problem(self, file: str, row: int, field: str, message: str) -> DataError:
        return DataError([Problem(file, f"row={row}", field, message)])

    def code(self, country: str, region: str, file: str, row: int) -> str:
        key = (country, region)
        found = self.codes.get(key)
        if found is not None:
            return found
        mapping = self.mapping
        base = alpha2_of(country) if len(country) == 3 else country
        if base is None or not is_known(base):
            raise self.problem(file, row, mapping.country, f"no ISO 3166 code for {country!r}")
        if not region or region in mapping.national:
            code = base
        elif region in mapping.codes:
            code = mapping.codes[region]
        elif is_known(region):
            code = region
        else:
            code = f"{base}-{region.partition('_')[2]}"
            if not is_known(code):
                field = mapping.region or ""
                raise self.problem(file, row, field, f"no ISO 3166-2 code for {region!r}")
        self.codes[key] = code
        return code

    def day(self, raw: str, file: str, row: int) -> int:
        found = self.days.get(raw)
        if found is None:
            try:
                parsed = datetime.datetime.strptime(raw, self.mapping.date_format)
            except ValueError:
                why = f"not a date in the format {self.mapping.date_format!r} (got {raw!r})"
                raise self.problem(file, row, self.mapping.date_column, why) from None
            found = self.days[raw] = parsed.date().toordinal()
        return found

    def level(self, raw: str, file: str, row: int, column: str) -> int:
        found = self.levels.get(raw)
        if found is None:
            try:
                number = float(raw)
            except ValueError:
                number = -1.0
            if number < 0 or number != int(number):
                why = f"not an ordinal level, a whole number >= 0 (got {raw!r})"
                raise self.problem(file, row, column, why) from None
            found = self.levels[raw] = int(number)
        return found

    def read(self, path: Path) -> None:
        try:
            text = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            why = getattr(exc, "strerror", None) or str(exc)
            raise DataError([Problem(str(path), "", "", f"cannot read: {why}")]) from None
        name = str(path)
        reader = csv.reader(io.StringIO(text, newline=""))
        header = tuple(next(reader, ()))
        if header and header[0].startswith("\ufeff"):
            header = (header[0][1:], *header[1:])
        columns = {column: i for i, column in enumerate(header)}

        def at(column: str | None, required: bool = True) -> int | None:
            if column is None:
                return None
            if column not in columns:
                if required:
                    raise DataError([Problem(name, "row=1", column, "no such column")])
                return None
            return columns[column]

        mapping = self.mapping
        date_at, country_at = at(mapping.date_column), at(mapping.country)
        region_at = at(mapping.region)
        series_at = at(self.rows.column) if self.rows else None
        keep = frozenset(self.rows.keep) if self.rows else frozenset()
        plan = self._plan(mapping.indicators, at)
        source_index = len(self.files)
        line_ends = [reader.line_num]
        readings, notes, levels, compact = self.readings, self.notes, self.levels, self.compact
        first: int | None = None
        last: int | None = None
        for row, record in enumerate(reader, start=2):
            line_ends.append(reader.line_num)
            if not record:
                continue
            if len(record) != len(header):
                why = f"has {len(record)} fields; the header has {len(header)}"
                raise self.problem(name, row, "", why)
            if series_at is not None and record[series_at] not in keep:
                continue
            region = "" if region_at is None else record[region_at]
            code = self.code(record[country_at], region, name, row)  # type: ignore[index]
            day = self.day(record[date_at], name, row)  # type: ignore[index]
            if first is None or day < first:
                first = day
            if last is None or day > last:
                last = day
            if day > self.last_of.get(code, day - 1):
                self.last_of[code] = day
            for dimension, notes_at, variants in plan:
                for value_at, flag_at, group, column in variants:
                    raw = record[value_at]
                    if not raw:
                        continue
                    level = levels.get(raw)
                    if level is None:
                        level = self.level(raw, name, row, column)
                    if flag_at is None or level == 0:
                        scope = Scope.GENERAL
                    else:
                        # A blank flag on a level above 0 is undocumented: read as targeted.
                        general = record[flag_at] in _GENERAL
                        scope = Scope.GENERAL if general else Scope.TARGETED
                    key = (code, dimension, group)
                    found = readings.get(key)
                    if compact and found is not None:
                        run = found[-1]
                        head = run[0]
                        if (
                            day == run[1] + 1
                            and level == head.level
                            and scope is head.scope
                            and source_index == head.source
                        ):
                            run[1], run[2] = day, row
                            continue
                        if day <= run[1]:
                            raise _OutOfOrderError
                    item = _Reading(day, level, scope, row, source_index, raw)
                    if compact:
                        readings.setdefault(key, []).append([item, day, row])
                    elif found is None:
                        readings[key] = [item]
                    else:
                        found.append(item)
                if notes_at is not None and record[notes_at].strip():
                    notes.setdefault((code, dimension), []).append(
                        (day, row, source_index, notes_at)
                    )
        starts = [0] + [m.end() for m in LINE_END.finditer(text)]
        if first is not None and last is not None:
            self.first_day = min(first, self.first_day or first)
            self.last_day = max(last, self.last_day or last)
        source = self._source(path, text, len(self.files), (first, last))
        self.files.append(_File(source, text, header, line_ends, starts))

    def _plan(
        self, indicators: Sequence[Indicator], at: object
    ) -> list[tuple[int, int | None, list[tuple[int, int | None, str | None, str]]]]:
        """Per indicator: its position, its notes column and the value columns present."""
        plan = []
        for position, indicator in enumerate(indicators):
            variants = self._present(indicator.variants, at)
            if not variants:
                variants = self._present(indicator.fallback, at)
            notes_at = at(indicator.notes, False)  # type: ignore[operator]
            plan.append((position, notes_at, variants))
        return plan

    @staticmethod
    def _present(
        variants: Iterable[Variant], at: object
    ) -> list[tuple[int, int | None, str | None, str]]:
        found = []
        for variant in variants:
            value_at = at(variant.value, False)  # type: ignore[operator]
            if value_at is not None:
                flag_at = at(variant.flag, False)  # type: ignore[operator]
                found.append((value_at, flag_at, variant.group, variant.value))
        return found

    def _source(
        self, path: Path, text: str, index: int, days: tuple[int | None, int | None]
    ) -> Source:
        taken = {f.source.id for f in self.files}
        source_id = _slug(path.stem)[:60].strip("-")
        while source_id in taken:
            source_id = f"{source_id}-{index + 1}"
        last = datetime.date.fromordinal(self.last_day or datetime.date.today().toordinal())
        mapping = self.mapping
        notes = (
            "A tracker's data file, imported with policytrack's "
            f"{mapping.id!r} mapping. Rows are counted as RFC 7111 counts them: the header is "
            "row 1."
        )
        if mapping.credit:
            notes += f" Credit: {mapping.credit}"
        return Source(
            id=source_id,
            title=f"{mapping.title}: {path.name}",
            outlet=mapping.outlet,
            published=UncertainDate.inferred(
                f"{last.isoformat()}/..",
                f"the file records days up to {last.isoformat()}; it does not say when it was "
                "published",
            ),
            # Every day the file records, not only the days a value changed.
            covers=None
            if days[0] is None or days[1] is None
            else UncertainDate.inferred(
                f"{_day(days[0])}/{_day(days[1])}",
                f"the file records days from {_day(days[0])} to {_day(days[1])}",
            ),
            reliability=Reliability.RESEARCH_DATASET,
            sha256=sha256_text(text),
            length=len(text),
            url=mapping.url,
            notes=notes,
        )


def _day(ordinal: int) -> str:
    return datetime.date.fromordinal(ordinal).isoformat()


class _Builder:
    """Turns the readings into policies: one per run of equal values on consecutive days."""

    def __init__(self, reader: _Reader) -> None:
        self.reader = reader
        self.cells: dict[tuple[int, int], list[tuple[int, int]]] = {}

    def span(self, source: int, row: int) -> tuple[int, int]:
        file = self.reader.files[source]
        first, last = file.line_ends[row - 2], file.line_ends[row - 1]
        start = file.starts[first]
        end = file.starts[last] if last < len(file.starts) else len(file.text)
        while end > start and file.text[end - 1] in "\r\n":
            end -= 1
        return start, end

    def cell(self, source: int, row: int, column: int, rows: str | None = None) -> Evidence:
        key = (source, row)
        cells = self.cells.get(key)
        file = self.reader.files[source]
        if cells is None or len(cells) <= column:
            cells = self.cells[key] = field_spans(file.text, *self.span(source, row), column)
        start, end = cells[column]
        text = file.text
        return Evidence(
            source=file.source.id,
            exact=text[start:end],
            start=start,
            end=end,
            prefix=text[max(0, start - 12) : start],
            suffix=text[end : end + 12],
            fragment=rows or f"row={row}",
        )

    def runs(self, readings: list[_Reading]) -> list[list[_Reading]]:
        if any(a.day > b.day for a, b in itertools.pairwise(readings)):
            readings.sort(key=lambda r: r.day)
        runs: list[list[_Reading]] = []
        for item in readings:
            if runs:
                last = runs[-1][-1]
                if item.day == last.day:
                    if (item.level, item.scope) != (last.level, last.scope):
                        file = self.reader.files[item.source].source.title
                        why = f"a second, different reading for {_day(item.day)}"
                        raise self.reader.problem(file, item.row, "", why)
                    continue
                if (
                    item.day == last.day + 1
                    and (item.level, item.scope) == (last.level, last.scope)
                    and item.source == last.source
                ):
                    runs[-1].append(item)
                    continue
            runs.append([item])
        return runs

    def policies(self) -> list[Policy]:
        reader = self.reader
        indicators = reader.mapping.indicators
        found: list[Policy] = []
        for (code, position, group), readings in sorted(
            reader.readings.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or "")
        ):
            indicator = indicators[position]
            if reader.compact:
                runs = [[r, r._replace(day=day, row=row)] for r, day, row in readings]
            else:
                runs = self.runs(readings)
            notes = reader.notes.get((code, position), [])
            for i, run in enumerate(runs):
                following = runs[i + 1] if i + 1 < len(runs) else None
                final = following is None and run[-1].day >= reader.last_of[code]
                found.append(self.policy(code, indicator, group, run, following, final, notes))
        return found

    def policy(
        self,
        code: str,
        indicator: Indicator,
        group: str | None,
        run: list[_Reading],
        following: list[_Reading] | None,
        final: bool,
        notes: list[tuple[int, int, int, int]],
    ) -> Policy:
        first, last = run[0], run[-1]
        file = self.reader.files[first.source]
        column = next(
            v
            for v in (*indicator.variants, *indicator.fallback)
            if v.group == group and v.value in file.header
        )
        value_at = file.header.index(column.value)
        low, high = min(first.row, last.row), max(first.row, last.row)
        rows = f"row={low}" if low == high else f"row={low}-{high}"
        quote = self.cell(first.source, first.row, value_at, rows)
        noted = [
            self.cell(source, row, notes_at)
            for day, row, source, notes_at in notes
            if first.day <= day <= last.day and source == first.source
        ]
        evidence = (quote, *noted)
        scope = first.scope
        who = "" if group is None else f", {group.replace('_', '-')}"
        title = f"{indicator.name} at level {first.level} ({scope.value}{who}) in {code}"
        flag = ""
        if column.flag is not None and first.level > 0:
            flag = f" with {column.flag!r} read as {scope.value}"
        reason = (
            f"{self.reader.mapping.title} records {column.value!r} = {first.raw!r}{flag} on each "
            f"of the {last.day - first.day + 1} day(s) {_day(first.day)} to {_day(last.day)}."
        )
        effective = UncertainDate.stated(_day(first.day))
        if final:
            status = PolicyStatus.IN_FORCE
            ended = UncertainDate.inferred(
                f"{_day(last.day + 1)}/..",
                f"the file's last reading of this indicator is for {_day(last.day)}",
            )
        elif following is not None and following[0].day == last.day + 1:
            status, ended = PolicyStatus.ENDED, UncertainDate.stated(_day(last.day + 1))
        else:
            status = PolicyStatus.ENDED
            ended = UncertainDate.inferred(
                _day(last.day + 1), f"the file records no value for {_day(last.day + 1)}"
            )
        suffix = "" if group is None else f"-{_slug(group)}"
        day = _day(first.day).replace("-", "")
        return Policy(
            id=f"{_slug(code)}-{_slug(indicator.dimension)}{suffix}-{day}",
            title=title,
            jurisdiction=code,
            kind=PolicyKind.INDICATOR_READING,
            status=status,
            measures=(
                Measure(
                    dimension=indicator.dimension,
                    level=first.level,
                    reason=reason,
                    evidence=evidence,
                    scope=scope,
                    group=group,
                ),
            ),
            evidence=(quote,),
            effective=effective,
            ended=ended,
        )


@checked
def import_panel(
    paths: Sequence[str | Path], mapping: PanelMapping, *, series: str | None = None
) -> Imported:
    """Read tracker files shaped jurisdiction x date x indicator into a dataset.

    Args:
        paths: The CSV files (UTF-8, a header row).
        mapping: How their columns read.
        series: Which of the mapping's named sets of rows to read; by default its first (all
            rows when it names none).

    Returns:
        The dataset and the texts of its sources.

    Raises:
        DataError: A file cannot be read, lacks a column the mapping needs, or has a value
            that is not what the mapping says (each problem names the file, the row and the
            column).
    """
    if series is None and mapping.series:
        series = next(iter(mapping.series))
    if series is not None and series not in mapping.series:
        known = ", ".join(mapping.series) or "none"
        raise DataError([Problem("", "", "series", f"no series {series!r} (known: {known})")])
    reader = _Reader(mapping, series)
    with collector_paused():
        try:
            for path in paths:
                reader.read(Path(path))
        except _OutOfOrderError:
            reader = _Reader(mapping, series, compact=False)
            for path in paths:
                reader.read(Path(path))
        builder = _Builder(reader)
        # Every value has been checked as it was read (codes, levels, days, non-empty quotes,
        # ids made of slugs); the records' validators would only check them again, at a third
        # of the import's time. The tests load every import back through the checked path.
        with attrs.validators.disabled():
            policies = builder.policies()
    names = ", ".join(Path(p).name for p in paths)
    rows = reader.rows
    info = DatasetInfo(
        id=_slug(mapping.id),
        title=f"{mapping.title}, imported",
        codebook=mapping.codebook,
        description=(
            f"Imported from {names} with the {mapping.id!r} mapping"
            + (f", {series} series ({', '.join(rows.keep)} rows)" if rows else "")
            + ": one policy per run of days an indicator keeps its value and flag."
        ),
        license=mapping.license,
        totals=bool(rows and rows.totals),
    )
    dataset = Dataset(info, sources=tuple(f.source for f in reader.files), policies=tuple(policies))
    return Imported(dataset, {f.source.id: f.text for f in reader.files})


def texts_dir(out: Path) -> Path:
    """Where an import written to *out* keeps its source texts: ``texts/`` in or beside it."""
    inside = out.suffix not in (".json", ".ndjson", ".jsonl")
    return out / "texts" if inside else out.parent / "texts"


@checked
def write_imported(imported: Imported, out: str | Path) -> Path:
    """Write *imported* to *out*, and its sources' texts to ``texts/`` in or beside it.

    *out* is a dataset directory or a ``.json``/``.ndjson`` file. Files whose bytes would not
    change are left alone, so importing the same files again changes nothing.

    Returns:
        The directory of texts (give it to ``validate --texts``).

    Raises:
        WriteError: A file could not be written.
    """
    out = Path(out)
    dump(imported.dataset, out)
    folder = texts_dir(out)
    folder.mkdir(parents=True, exist_ok=True)
    for source_id, text in sorted(imported.texts.items()):
        path = folder / f"{source_id}.txt"
        data = text.encode("utf-8")
        try:
            if path.read_bytes() == data:
                continue
        except OSError:
            pass
        write_atomic(path, data)
    return folder
