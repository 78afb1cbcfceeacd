"""A one-page HTML report of how controls escalated in a jurisdiction, with its evidence.

``policytrack.render.report`` (``policytrack.report`` before release 0.2).

:func:`report_html` renders an :class:`~policytrack.Escalation` and the dataset behind it as a
single self-contained page: inline CSS and an inline SVG chart, no scripts and nothing loaded
from the network, so the file can be opened, mailed and printed as it is. Every step is shown
with the measures that caused it and the exact quotes they rest on, each cited to its source.

Every string from the data is HTML-escaped. A source's web address becomes a link only when it
is an ``http`` or ``https`` address (a link is followed only if the reader clicks it; nothing on
the page loads it); any other address is shown as text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from policytrack.analysis.defaults import own_codebook
from policytrack.analysis.escalation import Cause, Change, Escalation, EscalationStep
from policytrack.analysis.index import UnknownRule
from policytrack.analysis.timeline import applies_in
from policytrack.errors import ArgumentValueError, NotFoundError
from policytrack.model.arguments import checked, legacy_codebook
from policytrack.model.codebook import Codebook
from policytrack.model.dataset import Dataset
from policytrack.model.dates import Basis, UncertainDate
from policytrack.model.jurisdictions import jurisdiction_name
from policytrack.model.provenance import evidence_of
from policytrack.model.records import Agency, Evidence, Policy, Source
from policytrack.render.chart import chart_svg
from policytrack.render.report_style import CSS

__all__ = ["report_html"]

_CONTROL = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters HTML forbids in text (controls, lone surrogates, non-characters)."""
_HASH_SHOWN = 12
_NARROW = (480, 760)
"""The size of the chart drawn for narrow screens, where the wide one would be too small."""
_ARROW = "\u2192"

_UNKNOWN_RULES = {
    UnknownRule.ZERO: "count as 0 in the composite (OxCGRT's rule)",
    UnknownRule.SKIP: "are left out of the composite, whose weights are renormalised",
    UnknownRule.STRICT: "make the composite itself unknown",
}


def _h(value: object) -> str:
    """*value* as HTML-escaped text, characters HTML forbids replaced by U+FFFD."""
    return html.escape(_CONTROL.sub("\ufffd", str(value)), quote=True)


def _num(value: float | None) -> str:
    if value is None:
        return "unknown"
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def _delta(value: float) -> str:
    text = f"{value:+.1f}"
    if text in ("+0.0", "-0.0"):
        return '<span class="num">0.0</span>'
    if value > 0:
        return f'<span class="rise">\u25b2 {text}</span>'
    return f'<span class="fall">\u25bc {text}</span>'


def _edtf(date: UncertainDate | None, *, basis: bool = False) -> str:
    """A reported date in EDTF with its basis and reason (the basis only if not stated or *basis*).

    A line may break after the slash of an interval.
    """
    if date is None:
        return '<span class="muted">\u2014</span>'
    text = '<span class="edtf">' + "/<wbr>".join(_h(p) for p in date.edtf.split("/")) + "</span>"
    if basis or date.basis is not Basis.STATED:
        why = f": {_h(date.reason)}" if date.reason else ""
        text += f' <span class="basis">({_h(date.basis.value)}{why})</span>'
    return text


def _words(value: str) -> str:
    """An enum value as words (``in_force`` as ``in force``), escaped."""
    return _h(value.replace("_", " "))


def _anchor(kind: str, record_id: str) -> str:
    return _h(f"{kind}-{record_id}")


def _dimension_name(codebook: Codebook, dimension: str | None) -> str:
    if dimension is None:
        return "Composite index"
    try:
        return codebook.dimension(dimension).name or dimension
    except NotFoundError:
        return dimension


def _level(codebook: Codebook, dimension: str, level: int) -> str:
    try:
        label = codebook.dimension(dimension).level(level).label
    except NotFoundError:
        return f"level {level}"
    return f"level {level} ({_h(label)})" if label else f"level {level}"


def _when(step: EscalationStep) -> str:
    """The step's day and, when its causes' dates are uncertain, the days it may fall on."""
    day = f'<span class="edtf">{_h(step.day.to_date_string())}</span>'
    if step.latest is None:
        span = f"on or after {step.earliest.to_date_string()}"
    elif step.earliest == step.latest == step.day:
        return day
    elif step.earliest == step.latest:
        span = f"on {step.earliest.to_date_string()}"
    else:
        span = f"between {step.earliest.to_date_string()} and {step.latest.to_date_string()}"
    return f'{day}<span class="bounds">{_h(span)}</span>'


def _quote(dataset: Dataset, evidence: Evidence) -> str:
    """A quote as a blockquote citing its source's title, outlet and publication date."""
    source = dataset.get(evidence.source) if evidence.source in dataset else None
    if isinstance(source, Source):
        cite = (
            f'<a href="#{_anchor("source", source.id)}"><cite>{_h(source.title)}</cite></a>, '
            f"{_h(source.outlet)}, published {_edtf(source.published)}"
        )
    else:
        cite = f'source <span class="id">{_h(evidence.source)}</span> (not in the dataset)'
    return (
        f"<blockquote><p>\u201c{_h(evidence.exact)}\u201d</p>"
        f"<footer>\u2014 {cite}</footer></blockquote>"
    )


def _cause(dataset: Dataset, codebook: Codebook, cause: Cause) -> str:
    if cause.date is not None:
        when = _edtf(cause.date)
    elif cause.latest is None:
        when = _h(f"on or after {cause.earliest.to_date_string()}")
    else:
        when = _h(cause.earliest.to_date_string())
    verb = "comes into force" if cause.change is Change.STARTS else "goes out of force"
    parts = [
        '<div class="cause">',
        f'<p><a href="#{_anchor("policy", cause.policy)}"><strong>{_h(cause.title)}</strong></a>'
        f" {verb} ({when}): {_level(codebook, cause.dimension, cause.level)}, "
        f"{_h(cause.scope.value)}.</p>",
        f'<p class="reason">Coder\u2019s reason: {_h(cause.reason)}</p>',
    ]
    parts += [_quote(dataset, e) for e in cause.evidence]
    parts.append("</div>")
    return "\n".join(parts)


def _steps_table(dataset: Dataset, codebook: Codebook, escalation: Escalation) -> str:
    steps = sorted(
        [*escalation.composite_steps, *escalation.dimension_steps],
        key=lambda s: (s.day, s.dimension is not None),
    )
    if not steps:
        return "<p>The index did not change in this period.</p>"
    largest = {(s.day, s.dimension) for s in escalation.largest}
    rows = []
    for step in steps:
        composite = step.dimension is None
        badge = ' <span class="badge">largest</span>' if (step.day, None) in largest else ""
        css = "composite" if composite else "step"
        if not composite and not step.causes:
            css += " alone"
        rows.append(
            f'<tr class="{css}"><td class="when">{_when(step)}</td>'
            f"<td>{_h(_dimension_name(codebook, step.dimension))}{badge if composite else ''}"
            f'</td><td class="num">{_num(step.before)} {_ARROW} {_num(step.after)}</td>'
            f'<td class="num">{_delta(step.delta)}</td></tr>'
        )
        if step.notes:
            notes = "".join(f'<p class="reason">Note: {_h(n)}.</p>' for n in step.notes)
            rows.append(f'<tr class="causes"><td colspan="4">{notes}</td></tr>')
        if composite:
            continue
        if step.causes:
            causes = "\n".join(_cause(dataset, codebook, c) for c in step.causes)
        else:
            causes = '<p class="reason">No measure is recorded as the cause of this step.</p>'
        rows.append(f'<tr class="causes"><td colspan="4">{causes}</td></tr>')
    return (
        '<div class="table-wrap"><table class="steps"><thead><tr><th scope="col">Date</th>'
        '<th scope="col">Dimension</th><th scope="col">From \u2192 to</th>'
        '<th scope="col">Change</th></tr></thead><tbody>\n'
        + "\n".join(rows)
        + "\n</tbody></table></div>"
    )


def _dimensions_table(codebook: Codebook, escalation: Escalation) -> str:
    rows = [
        f"<tr><td>{_h(_dimension_name(codebook, c.dimension))}</td>"
        f'<td class="num">{_delta(c.rise)}</td><td class="num">{_delta(c.fall)}</td>'
        f'<td class="num">{_delta(c.net)}</td></tr>'
        for c in escalation.by_dimension
    ]
    return (
        '<div class="table-wrap"><table class="dimensions"><thead><tr>'
        '<th scope="col">Dimension</th><th scope="col">Rise</th><th scope="col">Fall</th>'
        '<th scope="col">Net</th></tr></thead><tbody>\n'
        + "\n".join(rows)
        + "\n</tbody></table></div>"
    )


def _agency_names(dataset: Dataset, ids: Iterable[str]) -> str:
    names = []
    for agency_id in ids:
        record = dataset.get(agency_id) if agency_id in dataset else None
        names.append(_h(record.name if isinstance(record, Agency) else agency_id))
    return ", ".join(names) or "\u2014"


def _wbr(name: str) -> str:
    """*name* escaped, with a line-break opportunity after each underscore (for print)."""
    return "_<wbr>".join(_h(part) for part in name.split("_"))


def _measures(policy: Policy) -> str:
    items = []
    for m in policy.measures:
        scope = "" if m.scope.value == "general" else f" ({_h(m.scope.value)})"
        items.append(
            f'<span class="measure"><span class="id">{_wbr(m.dimension)}:{m.level}</span>'
            f"{scope}</span>"
        )
    return "".join(items)


def _folded_date(date: UncertainDate | None) -> str:
    """A date in EDTF, its basis and reason folded into a <details> a reader can open."""
    if date is None:
        return '<span class="muted">\u2014</span>'
    parts = (f'<span class="part">{_h(p)}</span>' for p in date.edtf.split("/"))
    text = '<span class="edtf">' + "/<wbr>".join(parts) + "</span>"
    if date.basis is Basis.STATED and not date.reason:
        return text
    why = f" {_h(date.reason)}" if date.reason else ""
    return (
        f'{text}<details class="why"><summary>{_h(date.basis.value)}</summary>'
        f"<p>{why.strip()}</p></details>"
    )


_POLICY_COLUMNS = (
    ("Policy", "title"),
    ("Kind, status", "kind"),
    ("Where", "where"),
    ("Announced", "date"),
    ("Effective", "date"),
    ("Ended", "date"),
    ("Issued by", "issuers"),
    ("Measures", "measures"),
)
"""The Policies table's columns and their classes (which set their widths)."""


def _policies_table(dataset: Dataset, escalation: Escalation) -> str:
    """The policies that apply in the jurisdiction: readable at 1400 px and in print.

    The id sits under the title and each date's reasoning is folded into a <details>, so no
    column is squeezed to a few characters by a long cell beside it.
    """
    subdivisions = escalation.index.timeline.subdivisions
    shown = [
        p
        for p in dataset.policies
        if applies_in(p.jurisdiction, escalation.jurisdiction, subdivisions=subdivisions)
    ]
    others = len(dataset.policies) - len(shown)
    verb, be = ("policy applies", "is") if others == 1 else ("policies apply", "are")
    note = f"<p>{others} other {verb} elsewhere and {be} not listed.</p>" if others else ""
    if not shown:
        return "<p>No policy in the dataset applies here.</p>" + note
    rows = [
        f'<tr id="{_anchor("policy", p.id)}">'
        f'<td class="title">{_h(p.title)}<span class="id block">{_h(p.id)}</span></td>'
        f'<td class="kind">{_words(p.kind.value)}<span class="muted block">'
        f"{_words(p.status.value)}</span></td>"
        f'<td class="where">{_h(p.jurisdiction)}</td>'
        f'<td class="date">{_folded_date(p.announced)}</td>'
        f'<td class="date">{_folded_date(p.effective)}</td>'
        f'<td class="date">{_folded_date(p.ended)}</td>'
        f'<td class="issuers">{_agency_names(dataset, p.issuers)}</td>'
        f'<td class="measures">{_measures(p)}</td></tr>'
        for p in shown
    ]
    cols = "".join(f'<col class="{cls}">' for _, cls in _POLICY_COLUMNS)
    head = "".join(f'<th scope="col">{name}</th>' for name, _ in _POLICY_COLUMNS)
    return (
        f'<div class="table-wrap"><table class="policies"><colgroup>{cols}</colgroup>'
        f"<thead><tr>{head}</tr></thead><tbody>\n" + "\n".join(rows) + "\n</tbody></table>"
        '<p class="muted">Open a date\u2019s basis to read how it was established; the '
        'measures are <span class="id">dimension:level</span>, targeted ones marked.</p>'
        "</div>" + note
    )


def _url(url: str | None) -> str:
    """A source's address: a link for web addresses, plain text for anything else."""
    if not url:
        return ""
    try:
        parts = urlsplit(url)
        web = parts.scheme.lower() in ("http", "https") and bool(parts.netloc)
    except ValueError:
        web = False
    if web and not any(c.isspace() or ord(c) < 0x20 for c in url):
        return f'<br><a class="url" href="{_h(url)}" rel="noopener noreferrer">{_h(url)}</a>'
    return f'<br><span class="url">{_h(url)}</span>'


def _sources_list(dataset: Dataset) -> str:
    if not dataset.sources:
        return "<p>The dataset has no sources.</p>"
    items = []
    for s in dataset.sources:
        author = f", by {_h(s.author)}" if s.author else ""
        items.append(
            f'<li id="{_anchor("source", s.id)}"><cite>{_h(s.title)}</cite>, {_h(s.outlet)}'
            f"{author}. Published {_edtf(s.published, basis=True)}; "
            f"{_words(s.reliability.value)}; language {_h(s.language)}. "
            f'SHA-256 <span class="id" title="{_h(s.sha256)}">'
            f"{_h(s.sha256[:_HASH_SHOWN])}\u2026</span>{_url(s.url)}</li>"
        )
    return '<ol class="sources">\n' + "\n".join(items) + "\n</ol>"


def _policies(count: int) -> str:
    return f"{count} {'policy' if count == 1 else 'policies'}"


def _verb(ids: tuple[str, ...], one: str, many: str) -> str:
    return one if len(ids) == 1 else many


def _how_to_read(codebook: Codebook, escalation: Escalation) -> str:
    rule = _UNKNOWN_RULES.get(escalation.index.unknown, "")
    tl = escalation.index.timeline
    caveats = [
        f"{_policies(len(tl.undated))} that {_verb(tl.undated, 'applies', 'apply')} here "
        f"{_verb(tl.undated, 'has', 'have')} no date to count from",
        f"{_policies(len(tl.excluded))} {_verb(tl.excluded, 'is', 'are')} only proposed",
    ]
    caveats = [c for c, ids in zip(caveats, (tl.undated, tl.excluded), strict=True) if ids]
    caveat = f" Not counted: {'; '.join(caveats)}." if caveats else ""
    return (
        '<section class="howto"><h2 id="how-to-read">How to read this</h2><p>'
        f"Each of the {len(codebook.dimensions)} dimensions of the codebook is scored on "
        "ordinal levels. On each day the highest level in force counts, and the dimension\u2019s "
        "sub-index runs from 0 (no control) to 100 (the highest level, applied generally). The "
        "composite index is the weighted mean of the sub-indices; dimensions not known yet "
        f"{_h(rule)}. News reports often date things loosely (\u201cin September\u201d, "
        "\u201clate 2013\u201d), so the index is computed twice: the <em>earliest</em> series "
        "counts every measure as early and as long as its dates allow, the <em>latest</em> as "
        "late and as briefly. The shaded band between them covers the days whose value depends "
        "on how those dates fall; a missing line means nothing is known yet, which is not zero. "
        f"The steps below are read from the {_h(escalation.series.value)} series; each names the "
        "measures that caused it and quotes the sources word for word; the days under a "
        f"step\u2019s date are the days it may really have happened on.{_h(caveat)}</p>"
        f"<p><strong>{_h(MEASURES)}</strong></p></section>"
    )


MEASURES = (
    "The index measures what the coded sources report, not a census of policy: a day no "
    "source speaks to is a gap in reporting, not evidence of stability."
)
"""What the index measures, in a sentence, as the page and the README say it."""


def _coverage_section(escalation: Escalation) -> str:
    cover = escalation.coverage
    if cover is None:
        return ""
    gaps = "".join(f"<li>{_h(s[0].upper() + s[1:])}.</li>" for s in cover.sentences())
    listed = f"<ul>{gaps}</ul>" if gaps else "<p>Some source covers every month of it.</p>"
    sources = ", ".join(
        f"{_h(p.source)} ({p.evidence} quote{'s' if p.evidence != 1 else ''})"
        for p in cover.sources
    )
    return (
        '<section><h2 id="coverage">Coverage</h2>'
        f"<p>{_h(cover.summary())}: {sources or 'none'}. A source covers the days its dated "
        "reports fall on (or the period it declares); grey stretches in the chart are days no "
        f"source covers.</p>{listed}</section>"
    )


def _place(code: str) -> str:
    """A jurisdiction's name and code (``Russia (RU)``), or the code alone if it has no name."""
    try:
        name = jurisdiction_name(code)
    except (LookupError, ValueError):
        return code
    return f"{name} ({code})" if name and name != code else code


def _heading(codebook: Codebook, escalation: Escalation) -> str:
    """The default title: what is measured, where and when.

    Never the dataset's own title, which may speak of another country.
    """
    years = f"{escalation.start.year}\u2013{escalation.end.year}"
    return f"{codebook.title}: {_place(escalation.jurisdiction)}, {years}"


def _scope(dataset: Dataset, escalation: Escalation) -> str:
    """How many policies apply in the jurisdiction and how many sources the dataset rests on."""
    subdivisions = escalation.index.timeline.subdivisions
    applying = [
        p
        for p in dataset.policies
        if applies_in(p.jurisdiction, escalation.jurisdiction, subdivisions=subdivisions)
    ]
    cited = {e.source for p in applying for _, e in evidence_of(p)}
    return (
        f"{_policies(len(applying))} that apply here, quoting {len(cited)} of the dataset\u2019s "
        f"{len(dataset.sources)} {'source' if len(dataset.sources) == 1 else 'sources'}"
    )


def _summary(escalation: Escalation) -> str:
    """The headline: a change is only given between two known values."""
    steps = len(escalation.composite_steps)
    counted = f"in {steps} {'step' if steps == 1 else 'steps'}"
    start, end = escalation.start_value, escalation.end_value
    if start is None or end is None:
        missing = [
            day.to_date_string()
            for day, value in ((escalation.start, start), (escalation.end, end))
            if value is None
        ]
        return (
            f'<p class="summary">The composite index went from <strong>{_num(start)}</strong> '
            f"to <strong>{_num(end)}</strong> {counted}; no change is given, as the "
            f"{_h(escalation.series.value)} series has no value on {' or '.join(missing)}.</p>"
        )
    return (
        f'<p class="summary">The composite index went from <strong>{_num(start)}</strong> to '
        f"<strong>{_num(end)}</strong> ({_delta(escalation.change)}) {counted}.</p>"
    )


@legacy_codebook
@checked
def report_html(
    dataset: Dataset,
    escalation: Escalation,
    *,
    codebook: Codebook | None = None,
    title: str | None = None,
) -> str:
    """A self-contained HTML page on *escalation*, with its chart, causes, quotes and sources.

    The page holds a header naming the dataset, its version, the jurisdiction and the period;
    a note on how to read the index; the chart from
    :func:`~policytrack.render.chart.chart_svg`; every
    step of the composite and of each sub-index with the measures that caused it, the coder's
    reasons and the exact quotes with their sources; each dimension's rise, fall and net
    change; the policies that apply in the jurisdiction; the sources; and a footer citing the
    codebook. It has no scripts and loads nothing: the CSS and the chart are inline.

    Args:
        dataset: The records *escalation* was computed from (for policies, agencies, sources).
        escalation: The steps to report, from :func:`policytrack.escalation`.
        codebook: The codebook it was scored on; by default the one the dataset names.
        title: The page's heading (default: the codebook's title, the jurisdiction's name and
            the period's years).

    Returns:
        The page as an HTML5 document.

    Raises:
        ArgumentValueError: *escalation* was scored on another codebook than the one given
            (or, when none is given, the dataset's own).
    """
    codebook = own_codebook(dataset, codebook)
    if escalation.index.codebook != codebook.id:
        msg = (
            f"'codebook': the escalation was scored on codebook {escalation.index.codebook!r}, "
            f"not {codebook.id!r}; pass codebook= the one it was scored on"
        )
        raise ArgumentValueError(msg)
    heading = title if title is not None else _heading(codebook, escalation)
    info = dataset.info
    start, end = escalation.start.to_date_string(), escalation.end.to_date_string()
    chart_title = f"{escalation.jurisdiction}: composite index and sub-indices"
    # The chart spans the report's period exactly, so header and chart say the same dates.
    first, last = escalation.start, escalation.end
    wide = chart_svg(
        escalation.index, codebook, escalation=escalation, start=first, end=last, title=chart_title
    )
    narrow = chart_svg(
        escalation.index,
        codebook,
        escalation=escalation,
        start=first,
        end=last,
        title=chart_title,
        width=_NARROW[0],
        height=_NARROW[1],
    )
    licence = f"<dt>Licence</dt><dd>{_h(info.license)}</dd>" if info.license else ""
    dataset_line = (
        f'<dt>Dataset</dt><dd>{_h(info.title)} (<span class="id">{_h(info.id)}</span>, '
        f"version {_h(info.version)})</dd>{licence}"
    )
    page = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light">',
        f"<title>{_h(heading)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_h(heading)}</h1>",
        f'<dl class="meta">{dataset_line}</dl>',
        f'<dl class="meta"><dt>Jurisdiction</dt><dd>{_h(_place(escalation.jurisdiction))}</dd>'
        f'<dt>Period</dt><dd><span class="edtf">{_h(start)}</span> to '
        f'<span class="edtf">{_h(end)}</span></dd>'
        f"<dt>Scope</dt><dd>{_scope(dataset, escalation)}</dd></dl>",
        _summary(escalation),
        "</header>",
        "<main>",
        _how_to_read(codebook, escalation),
        f'<figure><div class="chart-wide">{wide}</div><div class="chart-narrow">{narrow}</div>'
        "<figcaption>The composite index (large panel) and each sub-index (small panels), "
        "0\u2013100. "
        "Solid: earliest series; dashed: latest series; shaded band: uncertain dates; bar on "
        "the axis: days whose value is uncertain; no line: unknown in that series, which is "
        "not zero; triangles: steps of the composite, the largest labelled with their date and "
        "change, with the days each may have happened on; grey: days no source covers."
        "</figcaption></figure>",
        _coverage_section(escalation),
        '<section><h2 id="steps">Escalation steps</h2>',
        _steps_table(dataset, codebook, escalation),
        "</section>",
        '<section><h2 id="dimensions">Change by dimension</h2>',
        _dimensions_table(codebook, escalation),
        "</section>",
        '<section class="wide"><h2 id="policies">Policies</h2>',
        _policies_table(dataset, escalation),
        "</section>",
        '<section><h2 id="sources">Sources</h2>',
        _sources_list(dataset),
        "</section>",
        "</main>",
        "<footer>",
        f"<p>Scored on the codebook \u201c{_h(codebook.title)}\u201d "
        f'(<span class="id">{_h(codebook.id)}</span>, version {_h(codebook.version)}). '
        f'Dataset <span class="id">{_h(info.id)}</span> version {_h(info.version)}'
        f"{f', licence {_h(info.license)}' if info.license else ''}. Dates are written in the "
        "Library of Congress Extended Date/Time Format (EDTF).</p>",
        "</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(page) + "\n"
