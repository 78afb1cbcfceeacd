"""Commands over records: validate, list, show, codebook."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from policytrack.cli._context import state
from policytrack.cli._render import console, emit

if TYPE_CHECKING:
    from policytrack.model.dataset import Dataset
    from policytrack.model.records import Record


class Collection(enum.StrEnum):
    """The record collections ``list`` can show."""

    POLICIES = "policies"
    AGENCIES = "agencies"
    PLATFORMS = "platforms"
    OUTCOMES = "outcomes"
    CLAIMS = "claims"
    SOURCES = "sources"
    LINKS = "links"


_SINGULAR = {
    "policies": "policy",
    "agencies": "agency",
    "platforms": "platform",
    "outcomes": "outcome",
    "claims": "claim",
    "sources": "source",
    "links": "link",
}


def register(app: typer.Typer) -> None:
    """Add this module's commands to *app*."""
    app.command("validate")(validate)
    app.command("list")(list_records)
    app.command("show")(show)
    app.command("codebook")(codebook)


def validate(
    ctx: typer.Context,
    path: Annotated[
        str | None,
        typer.Argument(
            help="Deprecated: give the dataset with --data (a directory, .json or .ndjson file)."
        ),
    ] = None,
    texts: Annotated[
        list[Path] | None,
        typer.Option(
            "--texts",
            help="Directory of source texts: verify every quote and hash (repeatable: the first "
            "directory holding a source's text is used).",
        ),
    ] = None,
    old_sources: Annotated[
        list[Path] | None,
        typer.Option("--sources", hidden=True, help="Deprecated spelling of --texts."),
    ] = None,
) -> None:
    """Check a dataset: fields, references, dates, levels and, with --texts, every quote.

    Prints one line per problem and exits 1, or a one-line summary and exits 0.
    Python: policytrack.load(path, sources=[...]).
    """
    from policytrack.cli._context import deprecated

    if old_sources:
        deprecated("--sources", "--texts")
    if path is not None:
        deprecated("validate's DATASET argument", "--data DATASET")
    sources = [*(texts or ()), *(old_sources or ())] or None
    from policytrack.errors import DataError
    from policytrack.model.dataset import COLLECTIONS
    from policytrack.storage.loader import bundled_path, load, loads

    st = state(ctx)
    target = path or st.data or str(bundled_path())
    codebook = st.codebook() if st.codebook_path else None
    try:
        if target == "-":
            from policytrack.cli._context import read_stdin, sniff_format

            text = read_stdin()
            dataset = loads(
                text, sniff_format(text), name="<stdin>", codebook=codebook, sources=sources
            )
        else:
            dataset = load(target, codebook=codebook, sources=sources)
    except DataError as exc:
        for problem in exc.problems:
            typer.echo(str(problem))
        typer.echo(f"{target}: {len(exc.problems)} problem(s)", err=True)
        raise typer.Exit(1) from None
    counts = ", ".join(f"{len(getattr(dataset, n))} {n}" for n in COLLECTIONS)
    where = " and ".join(map(str, sources or ()))
    checked = f"; every quote verified against {where}" if sources else ""
    typer.echo(f"{target}: ok ({counts}){checked}")


def _summary(record: Record, dataset: Dataset) -> dict[str, Any]:
    from policytrack.model.records import Agency, Claim, Link, Outcome, Platform, Policy, Source

    row: dict[str, Any] = {"id": record.id}
    if isinstance(record, Policy):
        start = record.effective or record.announced
        row |= {
            "title": record.title,
            "kind": record.kind.value,
            "jurisdiction": record.jurisdiction,
            "date": start.edtf if start else "",
            "status": record.status.value,
            "measures": " ".join(f"{m.dimension}:{m.level}" for m in record.measures),
        }
    elif isinstance(record, Agency):
        row |= {
            "name": record.name,
            "kind": record.kind.value,
            "jurisdiction": record.jurisdiction,
            "issues": len(dataset.policies_issued_by(record.id)),
            "enforces": len(dataset.policies_enforced_by(record.id)),
            "aliases": "; ".join(record.aliases),
        }
    elif isinstance(record, Platform):
        row |= {
            "name": record.name,
            "kind": record.kind.value,
            "owner": record.owner,
            "policies": len(dataset.policies_targeting(record.id)),
            "outcomes": len(dataset.outcomes_of(record.id)),
            "notes": record.notes,
        }
    elif isinstance(record, Outcome):
        q = record.quantity
        row |= {
            "metric": record.metric.value,
            "quantity": q.text or (q.low if q.low == q.high else f"{q.low}..{q.high}"),
            "unit": record.unit,
            "period": record.period.edtf if record.period else "",
            "place": record.place,
            "reported_by": record.reported_by,
            "quote": record.evidence[0].exact,
        }
    elif isinstance(record, Claim):
        row |= {
            "kind": record.kind.value,
            "speaker": record.speaker,
            "date": record.date.edtf if record.date else "",
            "text": record.text,
        }
    elif isinstance(record, Source):
        row |= {
            "title": record.title,
            "outlet": record.outlet,
            "published": record.published.edtf,
            "reliability": record.reliability.value,
        }
    elif isinstance(record, Link):
        row |= {"from": record.from_policy, "kind": record.kind.value, "to": record.to_policy}
    return row


def list_records(
    ctx: typer.Context,
    collection: Annotated[Collection, typer.Argument(help="Which records to list.")],
    jurisdiction: Annotated[
        str | None, typer.Option(help="Only records of this ISO 3166 code or its subdivisions.")
    ] = None,
    agency: Annotated[
        str | None, typer.Option(help="Only records involving this agency id.")
    ] = None,
    platform: Annotated[
        str | None, typer.Option(help="Only records involving this platform id.")
    ] = None,
    dimension: Annotated[
        str | None, typer.Option(help="Only policies with a measure on this dimension.")
    ] = None,
    kind: Annotated[str | None, typer.Option(help="Only records of this kind (or metric).")] = None,
    start: Annotated[
        str | None, typer.Option("--from", help="Only records dated on or after this date.")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", help="Only records dated on or before this date.")
    ] = None,
    search: Annotated[
        str | None, typer.Option(help="Only records whose words (or quotes) contain this text.")
    ] = None,
    sort: Annotated[
        str | None,
        typer.Option(help="Sort by this column: numbers largest first, text alphabetically."),
    ] = None,
) -> None:
    """List records of one collection, filtered. Python: policytrack.model.query.select()."""
    from policytrack.cli._context import check_jurisdiction, parse_range
    from policytrack.model.query import Filters, select

    first, last = parse_range(start, end)
    filters = Filters(
        jurisdiction=None if jurisdiction is None else check_jurisdiction(jurisdiction),
        agency=agency,
        platform=platform,
        dimension=dimension,
        kind=kind,
        start=first,
        end=last,
        text=search,
    )
    dataset = state(ctx).dataset()
    records = select(dataset, collection.value, filters)
    pairs = [(r, _summary(r, dataset)) for r in records]
    columns = list(pairs[0][1]) if pairs else ["id"]
    if sort is not None:
        if pairs and sort not in columns:
            msg = f"{sort!r} is not a column of {collection.value} ({', '.join(columns)})"
            raise typer.BadParameter(msg, param_hint="--sort")
        numeric = all(isinstance(row.get(sort), int | float) for _, row in pairs)
        pairs.sort(key=lambda p: -p[1][sort] if numeric else str(p[1].get(sort) or ""))
    records = tuple(r for r, _ in pairs)
    rows = [row for _, row in pairs]
    emit(ctx, records, rows, columns, title=f"{len(rows)} {collection.value}")


def show(
    ctx: typer.Context,
    record_id: Annotated[str, typer.Argument(metavar="ID", help="The id of any record.")],
) -> None:
    """Show one record with its evidence quotes, links and everything that refers to it.

    Python: policytrack.model.query.describe().
    """
    from policytrack.model.provenance import evidence_of
    from policytrack.model.query import describe
    from policytrack.storage.converter import converter

    view = describe(state(ctx).dataset(), record_id)
    fields = converter.unstructure(view.record)
    rows = [
        {"field": k, "value": v} for k, v in fields.items() if k not in ("evidence", "measures")
    ]

    def text() -> None:
        out = console()
        out.print(
            f"[bold]{_SINGULAR.get(view.collection, view.collection)} {view.record.id}[/bold]"
        )
        for row in rows:
            value = row["value"]
            if isinstance(value, dict):
                value = ", ".join(f"{k}={v}" for k, v in value.items())
            elif isinstance(value, list):
                value = "; ".join(map(str, value))
            out.print(f"  {row['field']}: {value}", markup=False)
        measures = getattr(view.record, "measures", ())
        if measures:
            out.print("measures:")
            for m in measures:
                out.print(
                    f"  {m.dimension} = {m.level} ({m.scope.value}): {m.reason}", markup=False
                )
        out.print("evidence:")
        for path, e in evidence_of(view.record):
            out.print(
                f"  [{path}] {e.source} {e.start}-{e.end}: \u201c{e.exact}\u201d", markup=False
            )
        for link in view.links:
            out.print(f"link: {link.from_policy} {link.kind.value} {link.to_policy}", markup=False)
        for outcome in view.outcomes:
            out.print(f"outcome: {outcome.id}: {outcome.description}", markup=False)
        for ref in view.referenced_by:
            out.print(f"referenced by: {ref.record} ({ref.collection}.{ref.field})", markup=False)

    emit(ctx, view, rows, ["field", "value"], text=text)


def codebook(ctx: typer.Context) -> None:
    """Show the codebook: dimensions, their levels and definitions, flags and weights.

    Python: policytrack.load_codebook().
    """
    book = state(ctx).codebook()
    rows = [
        {
            "dimension": d.id,
            "name": d.name,
            "flag": d.flag,
            "weight": d.weight,
            "level": level.value,
            "label": level.label,
            "definition": level.definition,
        }
        for d in book.dimensions
        for level in d.levels
    ]
    emit(
        ctx,
        book,
        rows,
        ["dimension", "level", "label", "definition", "flag", "weight"],
        title=f"{book.title} ({book.id} {book.version})",
    )
