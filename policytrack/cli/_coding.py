"""Commands for coding articles: source add, extract, accept, agreement, extraction-quality."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from policytrack.cli._context import state
from policytrack.cli._render import console, emit
from policytrack.vocab import Basis, MissingRule, Reliability

if TYPE_CHECKING:
    from policytrack.coding.agreement import Agreement
    from policytrack.coding.extract import Extraction
    from policytrack.coding.extraction_quality import ExtractionQuality
    from policytrack.model.dataset import Dataset

source_app = typer.Typer(help="Register source texts in a dataset.")

Texts = Annotated[
    Path | None,
    typer.Option(
        "--texts",
        help="Directory of source texts (default: DATASET/texts, beside the dataset's records).",
    ),
]


def register(app: typer.Typer) -> None:
    """Add this module's commands to *app*."""
    app.add_typer(source_app, name="source")
    app.command("extract")(extract)
    app.command("accept")(accept)
    app.command("agreement")(agreement)
    app.command("extraction-quality")(extraction_quality)


def _dataset_directory(ctx: typer.Context, command: str) -> Path:
    """The curated dataset directory given with --data (commands that write need one)."""
    data = state(ctx).data
    if data is None or data == "-" or not Path(data).is_dir():
        got = "none" if data is None else repr(data)
        msg = f"{command} writes into a curated dataset directory: give --data DIR (got {got})"
        raise typer.BadParameter(msg, param_hint="--data")
    return Path(data)


def _texts_for(ctx: typer.Context, texts: Path | None) -> Path | None:
    """*texts*, or DATASET/texts when --data is a directory."""
    if texts is not None:
        return texts
    data = state(ctx).data
    if data is not None and data != "-" and Path(data).is_dir():
        from policytrack.coding.register import texts_directory

        return texts_directory(data)
    return None


@source_app.command("add")
def source_add(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The article's text, as UTF-8.")],
    title: Annotated[str, typer.Option("--title", help="The headline or title as published.")],
    outlet: Annotated[str, typer.Option("--outlet", help="The publication.")],
    published: Annotated[
        str,
        typer.Option(
            "--published",
            help="Publication date in EDTF: 2023-07-18, 2023-07, or 2023-07-16/2023-07-21.",
        ),
    ],
    reliability: Annotated[
        Reliability,
        typer.Option("--reliability", help="What kind of outlet it is (a judgement: no default)."),
    ],
    url: Annotated[str | None, typer.Option("--url", help="Where it was published.")] = None,
    author: Annotated[str | None, typer.Option("--author", help="The author, if named.")] = None,
    language: Annotated[str, typer.Option("--language", help="BCP 47 language tag.")] = "en",
    notes: Annotated[
        str | None, typer.Option("--notes", help="Anything a reader should know.")
    ] = None,
    source_id: Annotated[
        str | None,
        typer.Option("--id", help="The source's id (default: made from outlet, year, title)."),
    ] = None,
    basis: Annotated[
        Basis,
        typer.Option("--published-basis", help="How the publication date was established."),
    ] = Basis.STATED,
    reason: Annotated[
        str | None,
        typer.Option(
            "--published-reason", help="Why the date is what it is (needed unless stated)."
        ),
    ] = None,
    texts: Texts = None,
    nfc: Annotated[
        bool, typer.Option("--nfc", help="Also compose the text to Unicode NFC.")
    ] = False,
) -> None:
    """Register an article: store its text with the dataset and add its source record.

    Refuses a text whose SHA-256 is already registered, naming the source that has it.
    Python: policytrack.register_source().
    """
    from policytrack.coding.register import register_source
    from policytrack.errors import DateError
    from policytrack.model.dates import UncertainDate

    root = _dataset_directory(ctx, "source add")
    try:
        date = UncertainDate(published, basis, reason)
    except (DateError, ValueError) as exc:
        raise typer.BadParameter(str(exc), param_hint="--published") from None
    result = register_source(
        root,
        file,
        title=title,
        outlet=outlet,
        published=date,
        reliability=reliability,
        url=url,
        author=author,
        language=language,
        notes=notes,
        source_id=source_id,
        texts=texts,
        nfc=nfc,
    )
    source = result.source
    row = {
        "id": source.id,
        "sha256": source.sha256,
        "length": source.length,
        "text": result.path,
        "normalised": "; ".join(result.normalisation.changes()) or "nothing to change",
    }
    emit(ctx, result, [row], list(row))


def extract(
    ctx: typer.Context,
    source_id: Annotated[str, typer.Argument(help="The id of a registered source.")],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write a draft directory for the coder to edit."),
    ] = None,
    texts: Annotated[
        list[Path] | None,
        typer.Option(
            "--texts",
            help="Directory of source texts (repeatable: the first holding the text is used; "
            "default: DATASET/texts).",
        ),
    ] = None,
    gazetteer: Annotated[
        Path | None,
        typer.Option("--gazetteer", help="A gazetteer TOML file to use besides the bundled one."),
    ] = None,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace an existing draft directory.")
    ] = False,
) -> None:
    """Propose candidate agencies, platforms, figures and dates in a source's text.

    Prints the candidates sentence by sentence; with -o, also writes a draft (proposed
    records in the curated format, and CANDIDATES.md) that nothing adds to the dataset until
    it is accepted. Python: policytrack.extract_candidates(), policytrack.write_draft().
    """
    from policytrack.coding.extract import extract_candidates as compute
    from policytrack.coding.gazetteer import Gazetteer, bundled_gazetteer, load_gazetteer
    from policytrack.errors import NotFoundError
    from policytrack.model.provenance import read_texts
    from policytrack.model.records import Source

    dataset = state(ctx).dataset()
    record = dataset.get(source_id)
    if not isinstance(record, Source):
        msg = f"{source_id!r} is a {type(record).__name__.lower()}, not a source"
        raise NotFoundError(msg)
    default = _texts_for(ctx, None)
    directories = list(texts or ([default] if default is not None else []))
    if not directories:
        raise typer.BadParameter("say where the texts are with --texts DIR", param_hint="--texts")
    text = None
    for directory in directories:
        if not directory.is_dir():
            msg = (
                f"no text of {source_id!r}: {directory} is not a directory (say where with --texts)"
            )
            raise NotFoundError(msg)
        text = read_texts(directory, dataset).get(source_id)
        if text is not None:
            break
    if text is None:
        where = " or ".join(map(str, directories))
        msg = f"no text of {source_id!r} in {where} (by name or by SHA-256)"
        raise NotFoundError(msg)
    names = Gazetteer.from_dataset(dataset)
    if gazetteer is not None:
        names = names.merged(load_gazetteer(gazetteer))
    names = names.merged(bundled_gazetteer())
    result = compute(text, source_id, published=record.published, gazetteer=names)
    rows = list(_extraction_rows(result, dataset))
    columns = ["sentence", "start", "end", "kind", "quote", "proposal"]
    emit(ctx, result, rows, columns, title=f"Candidates in {source_id}")
    if output is not None:
        from policytrack.coding.drafts import write_draft

        draft = write_draft(result, dataset, output, sha256=record.sha256, overwrite=overwrite)
        counts = ", ".join(f"{len(ids)} {name}" for name, ids in draft.records.items())
        typer.echo(
            f"wrote draft {draft.directory}: {counts or 'no records'} proposed; "
            f"{draft.candidates} candidates in {draft.directory}/CANDIDATES.md",
            err=True,
        )


def _extraction_rows(result: Extraction, dataset: Dataset) -> Any:
    from policytrack.coding.extract import DateCandidate, FigureCandidate, NameCandidate

    for sentence in result.sentences:
        for candidate in sentence.candidates():
            quote = candidate.evidence
            if isinstance(candidate, NameCandidate):
                kind = candidate.kind.value
                if candidate.id is None:
                    proposal = "unknown: add a record if it is one"
                else:
                    known = "in dataset" if candidate.id in dataset else "new"
                    proposal = f"{candidate.id} ({known})"
            elif isinstance(candidate, FigureCandidate):
                kind = "figure"
                metric = candidate.metric.value if candidate.metric else "metric ?"
                agency = f"; {candidate.agency}" if candidate.agency else ""
                unit = candidate.unit or "unit ?"
                proposal = f"{_quantity(candidate.quantity)} {unit}; {metric}{agency}"
            else:
                assert isinstance(candidate, DateCandidate)
                kind = "date"
                proposal = (
                    f"{candidate.date.edtf} {candidate.date.basis.value}"
                    if candidate.date
                    else f"unresolved: {candidate.note}"
                )
            yield {
                "sentence": sentence.index,
                "start": quote.start,
                "end": quote.end,
                "kind": kind,
                "quote": quote.exact,
                "proposal": proposal,
            }


def _quantity(q: Any) -> str:
    """A quantity in words: "460", "at least 101", "24..99"."""
    kind = q.kind.value
    if kind == "exact":
        return f"{q.low}"
    if kind == "at_least":
        return f"at least {q.low}"
    if kind == "at_most":
        return f"at most {q.high}"
    if kind == "unknown":
        return "unknown"
    about = "about " if kind == "approximate" else ""
    return f"{about}{q.low}..{q.high}"


def accept(
    ctx: typer.Context,
    draft: Annotated[Path, typer.Argument(help="The draft directory written by extract -o.")],
    texts: Texts = None,
    replace: Annotated[
        bool,
        typer.Option("--replace", help="Let draft records replace records with the same id."),
    ] = False,
    check: Annotated[
        bool, typer.Option("--check", help="Validate the draft, but write nothing.")
    ] = False,
) -> None:
    """Validate a draft as part of the dataset and, if it is sound, add its records.

    Prints one line per problem (file, record, field, message) and exits 1, like validate;
    a field still marked TODO or an id already in the dataset is a problem too.
    Python: policytrack.accept_draft().
    """
    from policytrack.coding.drafts import accept_draft
    from policytrack.errors import DataError

    root = _dataset_directory(ctx, "accept")
    try:
        result = accept_draft(
            root, draft, texts=_texts_for(ctx, texts), replace=replace, check_only=check
        )
    except DataError as exc:
        for problem in exc.problems:
            typer.echo(str(problem))
        typer.echo(f"{draft}: {len(exc.problems)} problem(s); nothing was added", err=True)
        raise typer.Exit(1) from None
    rows = [
        {"record": i, "change": "added" if i in result.added else "replaced"}
        for i in (*result.added, *result.replaced)
    ]
    emit(ctx, result, rows, ["record", "change"], title=f"Draft {draft} into {root}")
    verb = "would add" if check else "added"
    typer.echo(
        f"{verb} {len(result.added)} and replaced {len(result.replaced)} record(s)", err=True
    )


def agreement(
    ctx: typer.Context,
    first: Annotated[str, typer.Argument(help="The first coding: a dataset directory or file.")],
    second: Annotated[str, typer.Argument(help="The second coding: a dataset directory or file.")],
    source: Annotated[
        list[str] | None,
        typer.Option("--source", help="Compare only this source (repeatable; first coding's id)."),
    ] = None,
    missing: Annotated[
        MissingRule,
        typer.Option(
            "--missing", help="A dimension one coder did not score: level 0, or left out."
        ),
    ] = MissingRule.ZERO,
) -> None:
    """Intercoder reliability of two codings of the same sources.

    Matches policies by the words their quotes share, then reports percent agreement and
    Krippendorff's alpha (ordinal) on levels per dimension, and the disagreements side by side
    with both coders' quotes. Python: policytrack.intercoder_agreement().
    """
    from policytrack.coding.agreement import intercoder_agreement as compute
    from policytrack.storage.loader import load
    from policytrack.storage.resources import load_codebook

    st = state(ctx)
    a, b = load(first), load(second)
    if st.codebook_path:
        book = st.codebook()
    else:
        base = Path(first) if Path(first).is_dir() else Path(first).parent
        book = load_codebook(a.info.codebook, base=base)
    result = compute(a, b, book, sources=source, missing=missing)
    rows = [_dimension_row(d) for d in (*result.dimensions, result.overall)]
    columns = [
        "dimension",
        "units",
        "level agreement",
        "scope agreement",
        "level and scope",
        "alpha",
    ]
    emit(ctx, result, rows, columns, text=lambda: _agreement_text(result, rows, columns))


def _percent(count: int, total: int) -> str:
    return f"{100 * count / total:.1f}% ({count}/{total})" if total else ""


def _dimension_row(d: Any) -> dict[str, Any]:
    return {
        "dimension": d.dimension,
        "units": d.units,
        "level agreement": _percent(d.level_agreements, d.units),
        "scope agreement": _percent(d.scope_agreements, d.scope_units),
        "level and scope": _percent(d.full_agreements, d.units),
        "alpha": "undefined" if d.alpha.value is None else f"{d.alpha.value:.3f}",
    }


def _variable_row(v: Any) -> dict[str, Any]:
    def shown(value: float | None) -> str:
        return "undefined" if value is None else f"{value:.3f}"

    low, high = v.interval.low, v.interval.high
    return {
        "variable": v.variable,
        "metric": v.metric.value,
        "units": v.units,
        "agreement": _percent(v.agreements, v.units),
        "alpha": shown(v.alpha.value),
        "95% interval": "" if low is None else f"{shown(low)} to {shown(high)}",
    }


def _level(level: int | None, scope: Any) -> str:
    if level is None:
        return "not scored"
    return f"{level}" + (f" {scope.value}" if scope is not None else "")


def _agreement_text(result: Agreement, rows: list[dict[str, Any]], columns: list[str]) -> None:
    from policytrack.cli._render import table

    out = console()
    out.print(
        f"[bold]Agreement on {', '.join(result.sources) or 'no common source'}[/bold]",
        markup=True,
    )
    out.print("\n[bold]Policies matched[/bold] (share of quoted words in common):")
    for match in result.matches:
        left = match.first or "(none)"
        right = match.second or "(none)"
        share = f"{match.overlap:.2f}" if match.first and match.second else "unmatched"
        out.print(f"  {left} <-> {right}  {share}", markup=False)
    out.print()
    table(
        rows, columns, title=f"Levels ({result.missing.value} for a dimension one coder left out)"
    )
    alpha = result.overall.alpha
    value = "undefined" if alpha.value is None else f"{alpha.value:.3f}"
    out.print(
        f"\nKrippendorff's alpha (ordinal, levels): {value} over {result.overall.units} units, "
        f"{alpha.pairable} pairable values, D_o = {alpha.observed:.3f}, D_e = {alpha.expected:.3f}",
        markup=False,
    )
    scope = result.scope_alpha.value
    shown = "undefined" if scope is None else f"{scope:.3f}"
    out.print(f"Krippendorff's alpha (nominal, scope): {shown}", markup=False)
    out.print()
    table(
        [_variable_row(v) for v in result.variables],
        ["variable", "metric", "units", "agreement", "alpha", "95% interval"],
        title="Each coded variable (interval: units resampled 1000 times, seed 0)",
    )
    if not result.disagreements:
        out.print("\nNo disagreements.")
        return
    out.print()
    sides = []
    for unit in result.disagreements:
        sides.append(
            {
                "dimension": unit.dimension,
                "first coding": _side(
                    unit.first_policy, unit.first_level, unit.first_scope, unit.first_evidence
                ),
                "second coding": _side(
                    unit.second_policy, unit.second_level, unit.second_scope, unit.second_evidence
                ),
            }
        )
    table(sides, ["dimension", "first coding", "second coding"], title="Disagreements")


def _side(policy: str, level: int | None, scope: Any, quotes: Any) -> str:
    said = " ".join(f"\u201c{q.exact}\u201d [{q.source} {q.start}-{q.end}]" for q in quotes)
    return f"{policy}: {_level(level, scope)}" + (f"; {said}" if said else "")


def extraction_quality(
    ctx: typer.Context,
    texts: Annotated[
        list[Path] | None,
        typer.Option(
            "--texts",
            help="Directory of the dataset's source texts (repeatable; default: DATASET/texts).",
        ),
    ] = None,
    old_sources: Annotated[
        list[Path] | None,
        typer.Option("--sources", hidden=True, help="Deprecated spelling of --texts."),
    ] = None,
    by_source: Annotated[
        bool, typer.Option("--by-source", help="Also show each source's figures.")
    ] = False,
    all_names: Annotated[
        bool,
        typer.Option(
            "--all-names",
            help="Let extraction know every record's names (by default each article's own "
            "records are hidden while it is measured).",
        ),
    ] = False,
) -> None:
    """Measure extraction against the dataset: recall and precision per category.

    Agencies, platforms, figures and dates, each article measured as if it were new.
    Python: policytrack.extraction_quality().
    """
    from policytrack.cli._context import deprecated
    from policytrack.coding.extraction_quality import extraction_quality as compute
    from policytrack.model.provenance import read_texts

    if old_sources:
        deprecated("--sources", "--texts")
    directories = [*(texts or ()), *(old_sources or ())]
    if not directories:
        default = _texts_for(ctx, None)
        if default is None:
            msg = "say where the texts are with --texts DIR"
            raise typer.BadParameter(msg, param_hint="--texts")
        directories = [default]
    dataset = state(ctx).dataset()
    found: dict[str, str] = {}
    for directory in directories:
        for key, text in read_texts(directory, dataset).items():
            found.setdefault(key, text)
    result = compute(dataset, found, leave_one_out=not all_names)
    rows = [_quality_row("all", c) for c in result.totals]
    if by_source:
        rows += [_quality_row(s.source, c) for s in result.sources for c in s.categories]
    columns = [
        "source",
        "category",
        "expected",
        "found",
        "recall",
        "candidates",
        "correct",
        "precision",
    ]
    emit(ctx, result, rows, columns, text=lambda: _quality_text(result, rows, columns))


def _ratio(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


def _quality_row(source: str, c: Any) -> dict[str, Any]:
    return {
        "source": source,
        "category": c.category,
        "expected": c.expected,
        "found": c.found,
        "recall": _ratio(c.recall),
        "candidates": c.candidates,
        "correct": c.correct,
        "precision": _ratio(c.precision),
    }


def _quality_text(
    result: ExtractionQuality, rows: list[dict[str, Any]], columns: list[str]
) -> None:
    from policytrack.cli._render import table

    out = console()
    names = (
        "each article's own records hidden"
        if result.leave_one_out
        else "every record's names known"
    )
    table(rows, columns, title=f"Extraction on {len(result.sources)} sources ({names})")
    for total in result.totals:
        if total.missed:
            out.print(f"\nmissed {total.category}: " + ", ".join(total.missed), markup=False)
