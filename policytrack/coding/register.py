"""Registering a new source: its text stored beside the dataset, its record added to it.

``policytrack.coding.register`` (``policytrack.sources`` before release 0.2).

A dataset keeps the texts its quotes refer to in one directory, ``<dataset>/texts`` unless
told otherwise, one ``<source id>.txt`` each. :func:`register_source` normalises a text
(:func:`normalise_text`), refuses one whose SHA-256 is already registered, stores it in that
directory (never anywhere else: a path that would lead out of it is refused) and adds a
:class:`~policytrack.Source` with the text's hash and length to the dataset.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import attrs

from policytrack.errors import ArgumentValueError, DateError, NotFoundError, PolicytrackError
from policytrack.files import FileRefused, read_regular
from policytrack.model.arguments import checked
from policytrack.model.dates import UncertainDate
from policytrack.model.provenance import sha256_text
from policytrack.model.records import Reliability, Source
from policytrack.model.rules import ID_PATTERN
from policytrack.storage.atomic import check_parent, write_atomic, write_error
from policytrack.storage.dumper import tree_state, write_tree
from policytrack.storage.loader import load
from policytrack.storage.lock import dataset_lock

__all__ = [
    "TEXTS_DIRECTORY",
    "DuplicateSourceError",
    "Normalisation",
    "Registration",
    "RegistrationError",
    "normalise_text",
    "register_source",
    "source_id_for",
    "text_path",
    "texts_directory",
]

TEXTS_DIRECTORY = "texts"
"""The directory, inside a dataset directory, that holds its source texts by default."""

_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "from",
        "by",
        "as",
        "is",
        "are",
        "was",
        "were",
    ]
)


class RegistrationError(PolicytrackError, ValueError):
    """A source that cannot be registered: its text, its fields or where it would be stored."""


class DuplicateSourceError(RegistrationError):
    """A text whose SHA-256 is already registered.

    Attributes:
        existing: The id of the source already registered with that text.
    """

    def __init__(self, message: str, existing: str) -> None:
        super().__init__(message)
        self.existing = existing


@attrs.frozen
class Normalisation:
    """What normalising a text changed.

    Attributes:
        byte_order_mark: A leading byte-order mark was removed.
        line_endings: How many CRLF or CR line endings became LF.
        nfc: Unicode NFC composition was applied and changed the text.
    """

    byte_order_mark: bool = False
    line_endings: int = 0
    nfc: bool = False

    def changes(self) -> list[str]:
        """The changes in words, for a person."""
        said = []
        if self.byte_order_mark:
            said.append("removed a byte-order mark")
        if self.line_endings:
            said.append(f"converted {self.line_endings} CRLF or CR line ending(s) to LF")
        if self.nfc:
            said.append("composed characters to Unicode NFC")
        return said


@attrs.frozen
class Registration:
    """A registered source and where its text was stored.

    Attributes:
        source: The source record added to the dataset.
        path: The stored text's path.
        normalisation: What normalising the text changed.
    """

    source: Source
    path: str
    normalisation: Normalisation


@checked
def normalise_text(raw: str, *, nfc: bool = False) -> tuple[str, Normalisation]:
    """*raw* with leading byte-order marks removed and line endings made LF; NFC if asked.

    Offsets count code points of the normalised text, so quotes stay valid whatever the editor
    or system the file came from. NFC is off by default: it changes code points that a quote
    may rely on, and the seed texts were registered without it.
    """
    text = raw.lstrip("\ufeff")
    bom = len(text) != len(raw)
    endings = text.count("\r\n")
    text = text.replace("\r\n", "\n")
    endings += text.count("\r")
    text = text.replace("\r", "\n")
    composed = False
    if nfc:
        normal = unicodedata.normalize("NFC", text)
        composed = normal != text
        text = normal
    return text, Normalisation(bom, endings, composed)


def texts_directory(dataset: str | Path, texts: str | Path | None = None) -> Path:
    """Where *dataset* keeps its texts: *texts* if given, else ``<dataset>/texts``."""
    return Path(texts) if texts is not None else Path(dataset) / TEXTS_DIRECTORY


def text_path(directory: str | Path, source_id: str) -> Path:
    """The path of *source_id*'s text in *directory*, refusing one that leads out of it.

    Raises:
        RegistrationError: The id is not a plain file name, or the path resolves (through a
            link) outside *directory*.
    """
    if not re.fullmatch(ID_PATTERN, source_id):
        msg = f"source id {source_id!r} must be lower-case letters, digits and '-'"
        raise RegistrationError(msg)
    root = Path(directory).resolve()
    path = Path(directory) / f"{source_id}.txt"
    if path.is_symlink() or path.resolve().parent != root:
        msg = f"{path}: refusing to write a text outside {root} (the path is a link)"
        raise RegistrationError(msg)
    return path


def source_id_for(outlet: str, published: UncertainDate, title: str, taken: set[str]) -> str:
    """An id like ``register-2023-great-firewall-china``: outlet, year and title words."""

    def words(text: str) -> list[str]:
        return [w for w in re.findall(r"[a-z0-9]+", _ascii(text).lower()) if w not in _STOP]

    outlet_words = words(outlet)[:1] or ["source"]
    title_words = words(title)[:4] or ["text"]
    base = "-".join([*outlet_words, str(published.earliest.year), *title_words])
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    return candidate


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


@checked
def register_source(
    dataset: str | Path,
    file: str | Path,
    *,
    title: str,
    outlet: str,
    published: UncertainDate | str,
    reliability: Reliability,
    url: str | None = None,
    author: str | None = None,
    language: str = "en",
    notes: str | None = None,
    source_id: str | None = None,
    texts: str | Path | None = None,
    nfc: bool = False,
) -> Registration:
    """Add the text in *file* to the curated dataset directory *dataset* as a new source.

    Args:
        dataset: The curated dataset directory (it must load without problems).
        file: The text, as UTF-8.
        title: The headline or title as published.
        outlet: The publication.
        published: The publication date, or its EDTF text (stated in the source).
        reliability: What kind of outlet it is.
        url: Where it was published.
        author: The author, where known.
        language: BCP 47 language tag.
        notes: Anything a reader should know.
        source_id: The new source's id; by default one made from outlet, year and title.
        texts: The directory of texts (default ``<dataset>/texts``).
        nfc: Also compose the text to Unicode NFC.

    Returns:
        The source, where its text went, and what normalising changed.

    Raises:
        DuplicateSourceError: The text (as read, or normalised) is already registered.
        RegistrationError: The text is not UTF-8 or is empty, the id is taken or invalid, a
            field is invalid, or the text would be stored outside the texts directory.
        DataError: The dataset does not load.
        NotFoundError: *file* or *dataset* does not exist.
    """
    if isinstance(published, str):
        try:
            published = UncertainDate.stated(published)
        except DateError as exc:
            raise ArgumentValueError(f"register_source(): 'published': {exc}") from None
    root = Path(dataset)
    if not root.is_dir():
        msg = f"{root}: not a curated dataset directory (sources are added to one)"
        raise (RegistrationError if root.exists() else NotFoundError)(msg)
    # Under the dataset's lock, from reading the dataset to writing it: a second writer waits
    # and then reads what this one wrote, so neither loses the other's record.
    with dataset_lock(root):
        seen = tree_state(root)  # what this writer reads: all it may remove
        data = load(root)
        path = Path(file)
        try:
            raw_bytes = read_regular(path)
        except FileRefused as exc:
            raise RegistrationError(f"{path}: {exc}") from None
        except FileNotFoundError:
            msg = f"{path}: no such file"
            raise NotFoundError(msg) from None
        except OSError as exc:
            msg = f"{path}: cannot read ({exc.strerror or exc})"
            raise RegistrationError(msg) from None
        try:
            raw = raw_bytes.decode("utf-8")
        except UnicodeDecodeError as exc:
            msg = f"{path}: not UTF-8 text (byte {exc.start}); convert it to UTF-8 first"
            raise RegistrationError(msg) from None
        text, normalisation = normalise_text(raw, nfc=nfc)
        if not text.strip():
            msg = f"{path}: the text is empty"
            raise RegistrationError(msg)
        digest = sha256_text(text)
        registered = {s.sha256: s for s in data.sources}
        for candidate in (digest, sha256_text(raw)):
            if candidate in registered:
                known = registered[candidate]
                msg = (
                    f"{path}: this text is already registered as source {known.id!r} "
                    f"({known.title!r}, {known.outlet})"
                )
                raise DuplicateSourceError(msg, known.id)
        taken = {record.id for record in data.records()}
        if source_id is None:
            source_id = source_id_for(outlet, published, title, taken)
        elif source_id in taken:
            msg = f"id {source_id!r} is already used in {root}; choose another with --id"
            raise RegistrationError(msg)
        try:
            source = Source(
                id=source_id,
                title=title,
                outlet=outlet,
                published=published,
                reliability=reliability,
                sha256=digest,
                length=len(text),
                language=language,
                author=author,
                url=url,
                notes=notes,
            )
        except (TypeError, ValueError) as exc:
            raise RegistrationError(f"source {source_id!r}: {exc}") from None
        directory = texts_directory(root, texts)
        check_parent(directory)  # the one rule for every writer: no folder is made above
        try:
            directory.mkdir(exist_ok=True)
        except OSError as exc:
            raise write_error(directory, exc, "create") from None
        destination = text_path(directory, source_id)
        if destination.exists():
            try:
                same = sha256_text(destination.read_bytes().decode("utf-8")) == digest
            except (OSError, UnicodeDecodeError):
                same = False
            if not same:
                msg = f"{destination} already holds a different text; move it away first"
                raise RegistrationError(msg)
            written = False
        else:
            write_atomic(destination, text)
            written = True
        try:
            write_tree(data.with_records(source), root, seen=seen)
        except BaseException:
            if written:
                destination.unlink(missing_ok=True)
            raise
        return Registration(source=source, path=str(destination), normalisation=normalisation)
