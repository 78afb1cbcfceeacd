"""Drafts: candidate records a coder edits, and accepting them into a dataset.

``policytrack.coding.drafts`` (``policytrack.drafts`` before release 0.2).

A draft is a directory in the curated TOML format, one record per file under the collection
directories, beside two files for the coder:

* ``draft.toml`` names the source the draft was extracted from (id and SHA-256);
* ``CANDIDATES.md`` lists every candidate sentence by sentence, with its quote, offsets and
  what it resolved to, ready to copy into a record.

:func:`write_draft` proposes an agency or platform record for each gazetteer name the dataset
lacks, and an outcome for each figure, with ``TODO`` where a judgement is needed. The coder
edits, adds (policies are theirs to write), renames or deletes files.

:func:`accept_draft` validates the draft exactly as the dataset would be validated with it
merged in (the same loader, so a badly edited draft gets the same errors, located by file,
record and field, as any dataset file), refuses placeholders left as ``TODO`` and ids already
in the dataset, verifies every quote of the draft against the stored texts, and only then
writes the merged dataset with :func:`policytrack.dump`.
"""

from __future__ import annotations

import difflib
import shutil
import tempfile
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from policytrack.coding.extract import (
    Extraction,
    FigureCandidate,
    NameCandidate,
    NameKind,
    Sentence,
)
from policytrack.coding.register import texts_directory
from policytrack.errors import DataError, NotFoundError, PolicytrackError, Problem
from policytrack.model.arguments import checked
from policytrack.model.dataset import COLLECTIONS, Dataset
from policytrack.model.provenance import evidence_of, read_texts, verify_evidence
from policytrack.model.records import (
    Agency,
    AgencyKind,
    Metric,
    Outcome,
    Platform,
    PlatformKind,
    Record,
)
from policytrack.storage import tomlwriter as _toml
from policytrack.storage.atomic import replace_dir, write_atomic
from policytrack.storage.converter import converter
from policytrack.storage.dumper import tree_state, write_tree
from policytrack.storage.loader import load
from policytrack.storage.lock import dataset_lock
from policytrack.storage.resources import load_codebook, read_text_file
from policytrack.vocab import Unit

__all__ = [
    "CANDIDATES_FILE",
    "DRAFT_FILE",
    "PLACEHOLDER",
    "Acceptance",
    "Draft",
    "DraftError",
    "accept_draft",
    "write_draft",
]

DRAFT_FILE = "draft.toml"
"""The file naming the source a draft was extracted from."""
CANDIDATES_FILE = "CANDIDATES.md"
"""The file listing every candidate, sentence by sentence."""
PLACEHOLDER = "TODO"
"""What a value still to be written by the coder starts with; accepting refuses it."""


class DraftError(PolicytrackError, ValueError):
    """A draft directory that cannot be written or read."""


@attrs.frozen
class Draft:
    """A draft written for the coder to edit.

    Attributes:
        directory: Where it was written.
        source: The source it was extracted from.
        records: The ids of the proposed records, by collection.
        candidates: How many candidates ``CANDIDATES.md`` lists.
    """

    directory: str
    source: str
    records: Mapping[str, tuple[str, ...]]
    candidates: int


@attrs.frozen
class Acceptance:
    """A draft accepted into a dataset (or checked, when nothing was written).

    Attributes:
        dataset: The dataset directory.
        added: Ids of the records added.
        replaced: Ids of records replaced (only with ``replace=True``).
        written: Whether the dataset was written (False for a check).
    """

    dataset: str
    added: tuple[str, ...]
    replaced: tuple[str, ...] = ()
    written: bool = True


# -- writing a draft -----------------------------------------------------------------------


def _clip(text: str, width: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 3] + "..."


def _comment(lines: list[str]) -> str:
    return "".join(f"# {line}\n" if line else "#\n" for line in lines)


def _header(sentence: Sentence, what: str) -> list[str]:
    quote = sentence.evidence
    return [
        f"Proposed from sentence {sentence.index} ({quote.start}-{quote.end}):",
        f"  {_clip(quote.exact)}",
        what,
        f'Replace every "{PLACEHOLDER}", check every field, or delete this file to drop it.',
        "Comments are not kept: the record is rewritten canonically when accepted.",
        "",
    ]


def _name_record(candidate: NameCandidate) -> Record:
    assert candidate.id is not None and candidate.name is not None
    assert candidate.category is not None
    if candidate.kind is NameKind.AGENCY:
        return Agency(
            id=candidate.id,
            name=candidate.name,
            kind=AgencyKind(candidate.category),
            jurisdiction=candidate.jurisdiction or "",
            evidence=(candidate.evidence,),
        )
    home = (
        candidate.jurisdiction
        if candidate.jurisdiction and "-" not in candidate.jurisdiction
        else None
    )
    return Platform(
        id=candidate.id,
        name=candidate.name,
        kind=PlatformKind(candidate.category),
        evidence=(candidate.evidence,),
        home_country=home,
    )


def _figure_record(
    source: str, number: int, sentence: Sentence, figure: FigureCandidate, known: Mapping[str, str]
) -> Outcome:
    agency = figure.agency if figure.agency in known else None
    period = next((d.date for d in sentence.dates if d.date is not None), None)
    todo = []
    if figure.metric is None:
        todo.append("choose the metric (none could be guessed)")
    unit, qualifier = guess_unit(figure.unit)
    if unit is None:
        todo.append(f"choose the unit (none could be guessed from {figure.unit or 'the text'!r})")
    notes = f"{PLACEHOLDER}: {'; '.join(todo)}, then remove this note." if todo else None
    return Outcome(
        id=f"{source}-figure-{number:02d}",
        metric=figure.metric or Metric.OTHER,
        quantity=figure.quantity,
        unit=unit or Unit.ITEMS,
        unit_qualifier=qualifier,
        description=f"{PLACEHOLDER}: a sentence on what the figure is",
        reported_by=known[agency] if agency else f"{PLACEHOLDER}: who produced the figure",
        evidence=(figure.clause,),
        period=period,
        agencies=(agency,) if agency else (),
        notes=notes,
    )


_UNIT_WORDS = {
    "people": Unit.PEOPLE,
    "persons": Unit.PEOPLE,
    "individuals": Unit.PEOPLE,
    "officials": Unit.PEOPLE,
    "suspects": Unit.PEOPLE,
    "accounts": Unit.ACCOUNTS,
    "users": Unit.USERS,
    "companies": Unit.COMPANIES,
    "firms": Unit.COMPANIES,
    "services": Unit.SERVICES,
    "websites": Unit.SERVICES,
    "apps": Unit.APPS,
    "posts": Unit.ITEMS,
    "articles": Unit.ITEMS,
    "items": Unit.ITEMS,
    "pieces": Unit.ITEMS,
    "messages": Unit.MESSAGES,
    "cases": Unit.CASES,
    "years": Unit.YEARS,
    "hours": Unit.HOURS,
}


def guess_unit(words: str | None) -> tuple[Unit | None, str | None]:
    """The unit a figure's words name and the rest of them as its qualifier, or (None, words).

    ``"illegal accounts"`` is ``(Unit.ACCOUNTS, "illegal")``; the first word the vocabulary
    knows decides ("pieces of information" counts items).
    """
    if not words:
        return None, None
    tokens = words.split()
    for i, token in enumerate(tokens):
        unit = _UNIT_WORDS.get(token.lower())
        if unit is not None:
            rest = " ".join(tokens[:i] + tokens[i + 1 :])
            return unit, rest or None
    return None, words


def _candidate_lines(sentence: Sentence) -> Iterator[str]:
    for candidate in sentence.candidates():
        quote = candidate.evidence
        where = f"{quote.start}-{quote.end}"
        if isinstance(candidate, NameCandidate):
            if candidate.id:
                inside = f", inside {candidate.within}" if candidate.within else ""
                what = (
                    f"{candidate.kind.value} `{candidate.id}` ({candidate.name}; "
                    f"{candidate.category}, {candidate.jurisdiction or 'no jurisdiction'}; "
                    f"from the {candidate.origin.value if candidate.origin else 'gazetteer'}"
                    f"{inside})"
                )
            else:
                what = "unknown organisation: add an agency or platform record if it is one"
        elif isinstance(candidate, FigureCandidate):
            q = candidate.quantity
            bounds = (
                f"{q.low if q.low is not None else '..'}-{q.high if q.high is not None else '..'}"
            )
            what = (
                f"figure: {q.kind.value} {bounds}, unit {candidate.unit or '?'}, metric "
                f"{candidate.metric.value if candidate.metric else '?'}, agency "
                f"{candidate.agency or '?'}; clause {candidate.clause.start}-{candidate.clause.end}"
            )
        elif candidate.date is None:
            what = f"date: unresolved ({candidate.note})"
        else:
            what = f"date: `{candidate.date.edtf}` {candidate.date.basis.value} ({candidate.note})"
        yield f"- {where} \u201c{_clip(quote.exact, 80)}\u201d: {what}"


def _candidates_markdown(extraction: Extraction) -> str:
    lines = [
        f"# Candidates in `{extraction.source}`",
        "",
        f"Publication date: `{extraction.published.edtf if extraction.published else 'unknown'}`. "
        "Offsets are 0-based, end-exclusive, in code points of the stored text. Quote a "
        "passage with `policytrack.quote(source, text, exact)` or copy its offsets from here.",
        "",
    ]
    for sentence in extraction.sentences:
        quote = sentence.evidence
        lines += [
            f"## Sentence {sentence.index} ({quote.start}-{quote.end})",
            "",
            f"> {_clip(quote.exact, 400)}",
            "",
            *_candidate_lines(sentence),
            "",
        ]
    return "\n".join(lines)


@checked
def write_draft(
    extraction: Extraction,
    dataset: Dataset,
    directory: str | Path,
    *,
    sha256: str,
    overwrite: bool = False,
) -> Draft:
    """Write *extraction* as a draft in *directory*, proposing records *dataset* lacks.

    Args:
        extraction: The candidates, from :func:`~policytrack.extract_candidates`.
        dataset: The dataset the draft will be accepted into (names it already has are not
            proposed again).
        directory: The draft directory to create.
        sha256: The SHA-256 of the source text, recorded in ``draft.toml``.
        overwrite: Replace an existing draft directory.

    Raises:
        DraftError: *directory* exists (and *overwrite* is not set) or is not a directory.
        WriteError: A file could not be written.
    """
    root = Path(directory)
    if root.exists():
        if not root.is_dir():
            msg = f"{root}: exists and is not a directory"
            raise DraftError(msg)
        if any(root.iterdir()) and not overwrite:
            msg = f"{root}: a draft is already there; edit it, or choose another directory"
            raise DraftError(msg)
    known_names: dict[str, str] = {a.id: a.name for a in dataset.agencies}
    records: dict[str, list[tuple[Record, list[str]]]] = {}
    proposed: set[str] = set()
    for sentence in extraction.sentences:
        for candidate in sentence.names:
            if candidate.id is None or candidate.id in dataset or candidate.id in proposed:
                continue
            record = _name_record(candidate)
            proposed.add(record.id)
            if isinstance(record, Agency):
                known_names[record.id] = record.name
            quote = candidate.evidence
            where = f"Found by name: {quote.exact!r} at {quote.start}-{quote.end}."
            collection = "agencies" if isinstance(record, Agency) else "platforms"
            records.setdefault(collection, []).append((record, _header(sentence, where)))
    number = 0
    for sentence in extraction.sentences:
        for figure in sentence.figures:
            number += 1
            outcome = _figure_record(extraction.source, number, sentence, figure, known_names)
            metric = figure.metric.value if figure.metric else "none"
            what = (
                f"Figure {figure.evidence.exact!r}: {outcome.quantity.kind.value}; "
                f"metric guessed: {metric}; period: the sentence's first date, if any."
            )
            records.setdefault("outcomes", []).append((outcome, _header(sentence, what)))
    # The draft is written beside *root* and swapped in whole; files of an old draft that are
    # not the draft's own (a reviewer's notes) are kept.
    with replace_dir(root.absolute(), seed=True) as new:
        for name in [*COLLECTIONS, DRAFT_FILE, CANDIDATES_FILE]:
            target = new / name
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
        for collection, items in records.items():
            folder = new / collection
            folder.mkdir()
            for record, header in items:
                body = _toml.dumps(converter.unstructure(record))
                write_atomic(folder / f"{record.id}.toml", _comment(header) + body, clean=False)
        info = {"source": extraction.source, "sha256": sha256}
        write_atomic(new / DRAFT_FILE, _toml.dumps(info), clean=False)
        write_atomic(new / CANDIDATES_FILE, _candidates_markdown(extraction), clean=False)
    return Draft(
        directory=str(root),
        source=extraction.source,
        records={c: tuple(r.id for r, _ in items) for c, items in records.items()},
        candidates=sum(len(s.candidates()) for s in extraction.sentences),
    )


# -- accepting a draft ---------------------------------------------------------------------


def _draft_files(root: Path, problems: list[Problem]) -> list[tuple[str, Path]]:
    files = []
    for entry in sorted(root.iterdir()):
        if entry.is_dir() and entry.name in COLLECTIONS:
            files += [(entry.name, path) for path in sorted(entry.glob("*.toml"))]
        elif entry.is_dir() and any(entry.glob("*.toml")):
            close = difflib.get_close_matches(entry.name, list(COLLECTIONS), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(
                Problem(
                    str(entry), "", "", f"not a collection directory{hint}: its files are not read"
                )
            )
    return files


def _placeholders(value: Any, path: str) -> Iterator[str]:
    if isinstance(value, str) and value.lstrip().startswith(PLACEHOLDER):
        yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _placeholders(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _placeholders(item, f"{path}[{i}]")


def _check_draft_file(
    collection: str, path: Path, dataset: Dataset, origins: Mapping[str, str], replace: bool
) -> tuple[list[Problem], str | None]:
    problems: list[Problem] = []
    try:
        data = tomllib.loads(read_text_file(path))
    except (OSError, ValueError, RecursionError):
        return problems, None  # the loader reports it, located
    given = data.get("id")
    record_id = given if isinstance(given, str) else path.stem
    for field in _placeholders(data, ""):
        problems.append(
            Problem(
                str(path), record_id, field, "still a placeholder: write it, or delete the record"
            )
        )
    if record_id in dataset:
        existing = dataset.get(record_id)
        same_kind = isinstance(existing, COLLECTIONS[collection])
        where = origins.get(record_id, "the dataset")
        if not replace or not same_kind:
            hint = "" if not same_kind else ", or accept with replace"
            problems.append(
                Problem(
                    str(path),
                    record_id,
                    "id",
                    f"already used in the dataset ({where}): rename the record and its file{hint}",
                )
            )
    return problems, record_id


def _relocate(problem: Problem, files: Mapping[str, str], tmp: str, dataset: str) -> Problem:
    if problem.file in files:
        return attrs.evolve(problem, file=files[problem.file])
    if problem.file.startswith(tmp):
        return attrs.evolve(problem, file=dataset + problem.file[len(tmp) :])
    return problem


@checked
def accept_draft(
    dataset: str | Path,
    draft: str | Path,
    *,
    texts: str | Path | None = None,
    replace: bool = False,
    check_only: bool = False,
) -> Acceptance:
    """Validate the draft in *draft* merged into the curated dataset *dataset*, then write it.

    Args:
        dataset: The curated dataset directory.
        draft: The draft directory.
        texts: The directory of source texts (default ``<dataset>/texts``): every quote of
            the draft is verified against it.
        replace: Let a draft record replace the dataset's record with the same id.
        check_only: Validate, but write nothing.

    Returns:
        What was (or would be) added and replaced.

    Raises:
        DataError: Every problem, each located by file, record and field: the same problems
            ``policytrack validate`` reports for a dataset file, plus placeholders left as
            ``TODO``, ids already in the dataset, and quotes not in the stored texts.
        NotFoundError: *dataset* or *draft* is not a directory.
    """
    root, drafts = Path(dataset), Path(draft)
    for path, what in ((root, "dataset"), (drafts, "draft")):
        if not path.is_dir():
            msg = f"{path}: no such {what} directory"
            raise NotFoundError(msg)
    # Under the dataset's lock from reading to writing: a second writer reads what this one
    # wrote, so neither loses the other's records.
    with dataset_lock(root):
        seen = tree_state(root)  # what this writer reads: all it may remove
        current = load(root)
        codebook = load_codebook(current.info.codebook, base=root)
        origins = {
            record.id: str(root / name / f"{record.id}.toml")
            for name in COLLECTIONS
            for record in getattr(current, name)
        }
        problems: list[Problem] = []
        files = _draft_files(drafts, problems)
        if not files and not problems:
            msg = (
                f"{drafts}: the draft holds no record files (collection directories of .toml files)"
            )
            raise DraftError(msg)
        draft_ids: dict[str, str] = {}
        for collection, path in files:
            found, record_id = _check_draft_file(collection, path, current, origins, replace)
            problems += found
            if record_id is not None:
                draft_ids[record_id] = str(path)

        with tempfile.TemporaryDirectory(prefix="policytrack-accept-") as tmp:
            merged_root = Path(tmp) / "dataset"
            merged_root.mkdir()
            shutil.copy2(root / "dataset.toml", merged_root / "dataset.toml")
            located: dict[str, str] = {
                str(merged_root / "dataset.toml"): str(root / "dataset.toml")
            }
            for name in COLLECTIONS:
                folder = root / name
                if folder.is_dir():
                    (merged_root / name).mkdir()
                    for path in folder.glob("*.toml"):
                        shutil.copy2(path, merged_root / name / path.name)
                        located[str(merged_root / name / path.name)] = str(path)
            copied: set[str] = set()
            for collection, path in files:
                (merged_root / collection).mkdir(exist_ok=True)
                target = merged_root / collection / path.name
                if target.exists() and not replace:
                    continue  # reported above: the id is taken
                shutil.copy2(path, target)
                located[str(target)] = str(path)
                copied.update(i for i, p in draft_ids.items() if p == str(path))
            merged = None
            try:
                merged = load(merged_root, codebook=codebook)
            except DataError as exc:
                problems += [
                    _relocate(p, located, str(merged_root), str(root)) for p in exc.problems
                ]
        if merged is not None:
            problems += _verify(merged, copied, draft_ids, texts_directory(root, texts))
        if problems:
            raise DataError(sorted(problems, key=lambda p: (p.file, p.record, p.field)))
        assert merged is not None
        added = tuple(i for i in draft_ids if i not in current)
        replaced = tuple(i for i in draft_ids if i in current)
        if not check_only:
            write_tree(merged, root, seen=seen)
        return Acceptance(dataset=str(root), added=added, replaced=replaced, written=not check_only)


def _verify(
    merged: Dataset, ids: set[str], origins: Mapping[str, str], directory: Path
) -> list[Problem]:
    """Problems with the draft records' quotes against the texts in *directory*."""
    quoted: dict[str, str] = {}
    for record in merged.records():
        if record.id in ids:
            for path, item in evidence_of(record):
                quoted.setdefault(item.source, f"{record.id}|{path}")
    if not quoted:
        return []
    texts = read_texts(directory, merged) if directory.is_dir() else {}
    problems = []
    for source, where in sorted(quoted.items()):
        if source not in texts:
            record_id, field = where.split("|")
            problems.append(
                Problem(
                    origins.get(record_id, ""),
                    record_id,
                    f"{field}.source",
                    f"no text of source {source!r} in {directory}: its quotes cannot be checked",
                )
            )
    subset = Dataset(
        merged.info,
        sources=tuple(s for s in merged.sources if s.id in texts and s.id in quoted),
        **{
            name: tuple(r for r in getattr(merged, name) if r.id in ids)
            for name in COLLECTIONS
            if name != "sources"
        },
    )
    return problems + verify_evidence(subset, texts, origins)
