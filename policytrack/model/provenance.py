"""Evidence against source texts: hashes, quotes at their offsets, and re-anchoring.

``policytrack.model.provenance`` (``policytrack.provenance`` before release 0.2).

Source texts are other people's writing and usually live outside the dataset. A directory of
texts is matched to sources by file name (``<source id>.txt``) or, failing that, by SHA-256, so
any copy of the texts will do whatever its files are called.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import attrs

from policytrack.errors import NotFoundError, Problem
from policytrack.files import FileRefused, read_regular
from policytrack.model.arguments import Count, NonEmpty, RecordId, checked
from policytrack.model.dataset import Dataset
from policytrack.model.records import Evidence, Policy, Record, fragment_rows

__all__ = [
    "evidence_of",
    "is_inside",
    "quote",
    "read_texts",
    "reanchor",
    "row_spans",
    "sha256_text",
    "verify_evidence",
]


@checked
def sha256_text(text: str) -> str:
    """The SHA-256 of *text* encoded as UTF-8, in hex."""
    import hashlib  # noqa: PLC0415  (only when a quote is verified: start-up pays otherwise)

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_LINE_END = re.compile(r"\r\n|\r|\n")


@checked
def row_spans(text: str) -> list[tuple[int, int]]:
    """Where each record of the CSV *text* lies: ``(start, end)`` offsets in code points.

    Record *i* is RFC 7111's row ``i + 1`` (the header, where there is one, is row 1). *end*
    stops before the line break; a quoted field may hold line breaks of its own.
    """
    import csv  # noqa: PLC0415  (only when rows are verified: start-up pays otherwise)
    import io  # noqa: PLC0415

    # Line starts split as csv.reader's input is split: at \r\n, \r or \n.
    starts = [0] + [m.end() for m in _LINE_END.finditer(text)]
    reader = csv.reader(io.StringIO(text, newline=""))
    spans: list[tuple[int, int]] = []
    first = 0
    for _ in reader:
        last = reader.line_num
        end = starts[last] if last < len(starts) else len(text)
        stop = end
        while stop > starts[first] and text[stop - 1] in "\r\n":
            stop -= 1
        spans.append((starts[first], stop))
        first = last
    return spans


def _misrowed(item: Evidence, spans: Sequence[tuple[int, int]]) -> str | None:
    """Why *item*'s row selector does not hold the quote, or None when it does."""
    assert item.fragment is not None
    first, last = fragment_rows(item.fragment)
    if last > len(spans):
        return f"{item.fragment}: the text has {len(spans)} rows (the header is row 1)"
    lo, hi = spans[first - 1][0], spans[last - 1][1]
    if not (lo <= item.start and item.end <= hi):
        return f"the quote at {item.start}-{item.end} is not inside {item.fragment} ({lo}-{hi})"
    return None


@checked
def evidence_of(record: Record) -> Iterator[tuple[str, Evidence]]:
    """Every piece of evidence in *record*, with its field path (``measures[0].evidence[1]``)."""
    for i, item in enumerate(getattr(record, "evidence", ())):
        yield f"evidence[{i}]", item
    if isinstance(record, Policy):
        for m, measure in enumerate(record.measures):
            for i, item in enumerate(measure.evidence):
                yield f"measures[{m}].evidence[{i}]", item


def _safe_read(path: Path) -> str | None:
    try:
        return read_regular(path).decode("utf-8")
    except (OSError, UnicodeDecodeError, FileRefused):
        return None


def is_inside(path: Path, root: Path) -> bool:
    """Whether *path* is a file directly inside the resolved directory *root*, links followed.

    False for a link that leads out of *root*, a link loop, or a path that cannot be looked at.
    """
    try:
        return path.resolve().parent == root and path.is_file()
    except (OSError, RuntimeError):  # RuntimeError: a link loop, before Python 3.13
        return False


@checked
def read_texts(directory: Path, dataset: Dataset) -> dict[str, str]:
    """The texts in *directory* that belong to *dataset*'s sources, keyed by source id.

    A file called ``<source id>.txt`` is that source's text if its hash matches; otherwise any
    ``*.txt`` file whose SHA-256 matches a source's is taken. Only files directly inside
    *directory* are read, and never through a link that leads out of it.

    Raises:
        NotFoundError: *directory* is not a directory.
    """
    try:
        is_dir = directory.is_dir()
    except OSError:  # a name too long to look up
        is_dir = False
    if not is_dir:
        msg = f"{directory}: not a directory of source texts"
        raise NotFoundError(msg)
    root = directory.resolve()
    wanted = {s.sha256: s.id for s in dataset.sources}
    texts: dict[str, str] = {}
    for path in sorted(directory.glob("*.txt")):
        if not is_inside(path, root):
            continue
        text = _safe_read(path)
        if text is None:
            continue
        source_id = wanted.get(sha256_text(text))
        if source_id is not None:
            texts.setdefault(source_id, text)
    return texts


@checked
def verify_evidence(
    dataset: Dataset, texts: Mapping[str, str], origins: Mapping[str, str] | None = None
) -> list[Problem]:
    """Problems with quotes against the *texts* (source id -> text) that are available.

    Checks each source's length, that every quote is found at its offsets with its prefix
    and suffix, and that a quote with a row selector (``row=N-M``) lies inside those rows.
    Sources without a text are skipped; :func:`read_texts` says which were found.
    """
    origins = origins or {}
    problems: list[Problem] = []
    for source in dataset.sources:
        text = texts.get(source.id)
        if text is not None and len(text) != source.length:
            problems.append(
                Problem(
                    origins.get(source.id, ""),
                    source.id,
                    "length",
                    f"the text has {len(text)} code points (got {source.length})",
                )
            )
    rows: dict[str, list[tuple[int, int]]] = {}
    for record in dataset.records():
        for path, item in evidence_of(record):
            text = texts.get(item.source)
            if text is None:
                continue
            message = _misplaced(item, text)
            if message is None and item.fragment is not None:
                if item.source not in rows:
                    rows[item.source] = row_spans(text)
                message = _misrowed(item, rows[item.source])
            if message:
                problems.append(Problem(origins.get(record.id, ""), record.id, path, message))
    return problems


def _misplaced(item: Evidence, text: str) -> str | None:
    found = text[item.start : item.end]
    if found != item.exact:
        hint = _where(item.exact, text)
        where = f"{item.start}-{item.end}"
        return f"quote {_clip(item.exact)} is not at {where} (found {_clip(found)}){hint}"
    before = text[max(0, item.start - len(item.prefix)) : item.start]
    if before != item.prefix:
        return f"prefix {item.prefix!r} does not precede the quote (found {before!r})"
    after = text[item.end : item.end + len(item.suffix)]
    if after != item.suffix:
        return f"suffix {item.suffix!r} does not follow the quote (found {after!r})"
    return None


def _where(exact: str, text: str) -> str:
    at = text.find(exact)
    if at < 0:
        return "; the quote is nowhere in the text"
    return f"; it is at {at}-{at + len(exact)}"


def _clip(text: str, width: int = 40) -> str:
    return repr(text if len(text) <= width else text[: width - 3] + "...")


@checked
def quote(
    source_id: RecordId, text: str, exact: NonEmpty, *, occurrence: Count = 0, context: Count = 24
) -> Evidence:
    """Evidence for *exact* as it occurs in *text*, the source called *source_id*.

    Args:
        source_id: The id of the source *text* belongs to.
        text: The source's text as stored.
        exact: The words to quote, character for character.
        occurrence: Which occurrence to anchor when the words occur more than once (0 = first).
        context: How many characters of prefix and suffix to keep for re-anchoring.

    Raises:
        NotFoundError: *exact* does not occur in *text* that many times.
    """
    at = -1
    for _ in range(occurrence + 1):
        at = text.find(exact, at + 1)
        if at < 0:
            msg = f"quote {_clip(exact)} does not occur {occurrence + 1} time(s) in {source_id!r}"
            raise NotFoundError(msg)
    end = at + len(exact)
    return Evidence(
        source=source_id,
        exact=exact,
        start=at,
        end=end,
        prefix=text[max(0, at - context) : at],
        suffix=text[end : end + context],
    )


@checked
def reanchor(item: Evidence, text: str, *, context: Count = 24) -> Evidence:
    """*item* with offsets, prefix and suffix that fit *text*.

    Where the quote occurs more than once, the occurrence whose surroundings best match the
    recorded prefix and suffix wins, ties going to the one nearest the old offset.

    Raises:
        NotFoundError: The quote does not occur in *text* at all.
    """
    starts = []
    at = text.find(item.exact)
    while at >= 0:
        starts.append(at)
        at = text.find(item.exact, at + 1)
    if not starts:
        msg = f"quote {_clip(item.exact)} is nowhere in the text of {item.source!r}"
        raise NotFoundError(msg)

    def score(start: int) -> tuple[int, int]:
        end = start + len(item.exact)
        matched = int(text[:start].endswith(item.prefix)) + int(text[end:].startswith(item.suffix))
        return (-matched, abs(start - item.start))

    start = min(starts, key=score)
    end = start + len(item.exact)
    return attrs.evolve(
        item,
        start=start,
        end=end,
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
    )
