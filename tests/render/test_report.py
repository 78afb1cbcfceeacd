"""Tests of the HTML report: well-formed, self-contained, escaped, complete, and it renders."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from policytrack import (
    Agency,
    AgencyKind,
    Dataset,
    DatasetInfo,
    Escalation,
    Evidence,
    Measure,
    Policy,
    PolicyKind,
    PolicyStatus,
    Reliability,
    Scope,
    Source,
    UncertainDate,
    bundled_codebook,
    escalation,
    load_bundled,
)
from policytrack.errors import ArgumentTypeError, ArgumentValueError
from policytrack.render.report import report_html
from policytrack.storage.resources import load_codebook
from policytrack.testing.strategies import datasets
from tests.render.test_chart import assert_not_blank, screenshot

CODEBOOK = bundled_codebook()
D = pendulum.Date
START, END = D(2011, 1, 1), D(2024, 12, 31)
EVIL = "<script>alert('x')</script> & \"friends\""
TEXT = (
    "On Friday the NPC Standing Committee adopted a decision requiring real-name registration "
    "for all internet users. Weibo must delete harmful posts </blockquote><script>."
)
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
SAFE_URL = "https://example.org/news?id=1&lang=en"
UNSAFE_URL = "javascript:alert(1)"


# Data --------------------------------------------------------------------------------------


def quote(source: str, exact: str) -> Evidence:
    """Evidence quoting *exact* at its place in TEXT."""
    start = TEXT.index(exact)
    return Evidence(source, exact, start, start + len(exact))


def policy(
    policy_id: str,
    title: str,
    jurisdiction: str,
    measures: list[tuple[str, int, Scope]],
    effective: UncertainDate,
    *,
    source: str = "care2",
    exact: str = "requiring real-name registration",
    ended: str | None = None,
    issuers: tuple[str, ...] = (),
) -> Policy:
    """A policy quoting *exact* from *source* for every fact."""
    evidence = (quote(source, exact),)
    return Policy(
        policy_id,
        title,
        jurisdiction,
        PolicyKind.LAW,
        PolicyStatus.IN_FORCE,
        tuple(Measure(d, n, f"Reason for {d}", evidence, s) for d, n, s in measures),
        evidence,
        issuers=issuers,
        announced=UncertainDate("2012-12-28"),
        effective=effective,
        ended=None if ended is None else UncertainDate(ended),
    )


def report_dataset() -> Dataset:
    """Policies with uncertain dates, an agency, and sources with safe and unsafe addresses."""
    sources = (
        Source(
            "care2",
            "China <b>passes</b> real-name law",
            "Care2",
            UncertainDate("2012-12-28"),
            Reliability.NGO,
            "ab" * 32,
            len(TEXT),
            url=SAFE_URL,
        ),
        Source(
            "scmp",
            "Clean-up campaign",
            "South China Morning Post",
            UncertainDate.inferred("2021-05~", "The dateline says May"),
            Reliability.FOREIGN_MEDIA,
            "cd" * 32,
            len(TEXT),
            url=UNSAFE_URL,
        ),
    )
    agencies = (
        Agency(
            "npcsc",
            "NPC Standing Committee",
            AgencyKind.LEGISLATURE,
            "CN",
            (quote("care2", "NPC Standing Committee"),),
        ),
    )
    policies = (
        policy(
            "decision",
            EVIL,
            "CN",
            [("identity", 2, Scope.GENERAL), ("content", 2, Scope.GENERAL)],
            UncertainDate("2012-12-28"),
            issuers=("npcsc",),
        ),
        policy(
            "microblog-rules",
            "Microblog real-name rules",
            "CN",
            [("identity", 3, Scope.GENERAL)],
            UncertainDate("2013-09"),
            ended="2014",
        ),
        policy(
            "shanghai-campaign",
            "Shanghai police campaign",
            "CN-SH",
            [("user_sanctions", 3, Scope.GENERAL)],
            UncertainDate("2023-07-15/2023-07-16"),
            source="scmp",
            exact="Weibo must delete harmful posts </blockquote><script>",
        ),
        policy(
            "us-rule",
            "A rule elsewhere",
            "US",
            [("content", 1, Scope.GENERAL)],
            UncertainDate("2019"),
        ),
    )
    return Dataset(
        DatasetInfo("toy", "Toy internet controls", version="0.3", license="CC-BY-4.0"),
        sources=sources,
        agencies=agencies,
        policies=policies,
    )


def report_escalation(data: Dataset) -> Escalation:
    """The escalation in China over the test period."""
    return escalation(data, "CN", START, END, codebook=CODEBOOK)


class Page(HTMLParser):
    """Parses a page, checking that tags nest and close, and collecting what the tests need."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.quotes: list[str] = []
        self.doctype = ""
        self.styles: list[str] = []

    def handle_decl(self, decl: str) -> None:
        """Records the doctype."""
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Records a start tag and opens it unless it is void."""
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Records a self-closed tag (SVG's ``<path/>``)."""
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        """Closes the innermost open tag, noting a mismatch."""
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        """Collects text, and quotes inside blockquotes outside their footers."""
        self.text.append(data)
        if (
            "blockquote" in self.stack
            and "footer" not in self.stack[self.stack.index("blockquote") :]
        ):
            self.quotes.append(data)
        if self.stack and self.stack[-1] == "style":
            self.styles.append(data)


def parse(page: str) -> Page:
    """The parsed page, checking it is a complete, well-nested HTML5 document."""
    parser = Page()
    parser.feed(page)
    parser.close()
    assert parser.doctype.lower() == "doctype html"
    assert not parser.problems, parser.problems
    assert not parser.stack, f"unclosed: {parser.stack}"
    return parser


def visible_text(parsed: Page) -> str:
    """All character data, entities decoded."""
    return "".join(parsed.text)


# Tests -------------------------------------------------------------------------------------


def test_page_is_well_formed() -> None:
    """Writes a complete HTML5 document whose tags all nest and close."""
    data = report_dataset()
    parsed = parse(report_html(data, report_escalation(data), codebook=CODEBOOK))
    names = [tag for tag, _ in parsed.tags]
    for required in ("html", "head", "body", "header", "main", "footer", "style", "svg"):
        assert required in names


def test_no_scripts() -> None:
    """Holds no script, even when the data is full of script tags."""
    data = report_dataset()
    page = report_html(data, report_escalation(data), title=EVIL, codebook=CODEBOOK)
    assert "<script" not in page.lower()
    parsed = parse(page)
    assert all(tag != "script" for tag, _ in parsed.tags)
    assert not any(name.startswith("on") for _, attrs in parsed.tags for name in attrs)


def test_loads_nothing_from_the_network() -> None:
    """Loads no resource: no src, no stylesheet link, no CSS url(); web links only in <a>."""
    data = report_dataset()
    parsed = parse(report_html(data, report_escalation(data), codebook=CODEBOOK))
    for tag, attrs in parsed.tags:
        for name, value in attrs.items():
            assert name not in ("src", "srcset", "poster", "data", "action", "xlink:href")
            if name == "href" and value is not None and not value.startswith("#"):
                assert tag == "a", f"<{tag} href={value!r}>"
    css = "".join(parsed.styles)
    assert "url(" not in css
    assert "@import" not in css


def test_source_addresses() -> None:
    """Links a source's web address (rel=noreferrer) and shows any other address as text."""
    data = report_dataset()
    page = report_html(data, report_escalation(data), codebook=CODEBOOK)
    parsed = parse(page)
    links = [attrs for tag, attrs in parsed.tags if tag == "a" and "://" in (attrs["href"] or "")]
    assert [a["href"] for a in links] == [SAFE_URL]
    assert "noreferrer" in (links[0]["rel"] or "")
    assert not any((attrs.get("href") or "").startswith("javascript") for _, attrs in parsed.tags)
    assert UNSAFE_URL in visible_text(parsed)
    assert "&amp;lang=en" in page


def test_malicious_policy_title_is_escaped() -> None:
    """Escapes a policy title full of markup wherever it appears, and shows it as written."""
    data = report_dataset()
    page = report_html(data, report_escalation(data), codebook=CODEBOOK)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    parsed = parse(page)
    assert visible_text(parsed).count(EVIL) >= 2  # in a step's causes and in the policy table


def test_title_and_source_title_escaped() -> None:
    """Escapes the page title and a source title, in the head and the body."""
    data = report_dataset()
    page = report_html(data, report_escalation(data), title=EVIL, codebook=CODEBOOK)
    parsed = parse(page)
    assert "<b>" not in page
    assert f"<title>{EVIL}" not in page
    text = visible_text(parsed)
    assert text.count(EVIL) >= 3
    assert "China <b>passes</b> real-name law" in text


def test_header_and_footer() -> None:
    """Names the dataset, its version, the jurisdiction, the period and the codebook."""
    data = report_dataset()
    parsed = parse(report_html(data, report_escalation(data), codebook=CODEBOOK))
    text = visible_text(parsed)
    for expected in (
        "Toy internet controls",
        "version 0.3",
        "Jurisdiction",
        "2011-01-01",
        "2024-12-31",
        "How to read this",
        "band",
        f"{CODEBOOK.id}",
        f"version {CODEBOOK.version}",
    ):
        assert expected in text, expected


def test_steps_with_causes_and_quotes() -> None:
    """Lists every step with its bounds and change, and quotes each cause's evidence."""
    data = report_dataset()
    esc = report_escalation(data)
    parsed = parse(report_html(data, esc, codebook=CODEBOOK))
    text = visible_text(parsed)
    assert "between 2013-09-01 and 2013-09-30" in text
    for step in (*esc.composite_steps, *esc.dimension_steps):
        assert step.day.to_date_string() in text
        assert f"{step.delta:+.1f}" in text
        for cause in step.causes:
            assert f"Reason for {cause.dimension}" in text
    quotes = "".join(parsed.quotes)
    assert "requiring real-name registration" in quotes
    assert "Weibo must delete harmful posts </blockquote><script>" in quotes
    assert "Care2" in text
    assert "2021-05~" in text


def test_dimension_changes() -> None:
    """Gives each dimension's rise, fall and net change, in codebook order."""
    data = report_dataset()
    esc = report_escalation(data)
    parsed = parse(report_html(data, esc, codebook=CODEBOOK))
    text = visible_text(parsed)
    names = [d.name for d in CODEBOOK.dimensions]
    section = text[text.index("Change by dimension") :]
    positions = [section.index(n) for n in names]
    assert positions == sorted(positions)
    identity = next(c for c in esc.by_dimension if c.dimension == "identity")
    assert f"{identity.fall:+.1f}" in section


def test_policy_table() -> None:
    """Lists the policies that apply in the jurisdiction with dates, issuers and measures."""
    data = report_dataset()
    parsed = parse(report_html(data, report_escalation(data), codebook=CODEBOOK))
    rows = {attrs.get("id") for tag, attrs in parsed.tags if tag == "tr"}
    assert {"policy-decision", "policy-microblog-rules", "policy-shanghai-campaign"} <= rows
    assert "policy-us-rule" not in rows
    text = visible_text(parsed)
    assert "1 other policy applies elsewhere" in text
    assert "NPC Standing Committee" in text
    assert "identity:2" in text
    assert "2023-07-15/2023-07-16" in text
    assert "in force" in text


def test_sources_list() -> None:
    """Lists sources with title, outlet, EDTF date and basis, and a SHA-256 prefix."""
    data = report_dataset()
    parsed = parse(report_html(data, report_escalation(data), codebook=CODEBOOK))
    text = visible_text(parsed)
    assert "2012-12-28 (stated)" in text
    assert "(inferred: The dateline says May)" in text
    assert "abababababab" in text
    assert "ab" * 32 not in text


def test_deterministic() -> None:
    """Writes the same page, byte for byte, for the same input."""
    first = report_html(report_dataset(), report_escalation(report_dataset()), codebook=CODEBOOK)
    again = report_html(report_dataset(), report_escalation(report_dataset()), codebook=CODEBOOK)
    assert first == again


def test_empty_dataset() -> None:
    """Reports a dataset without policies or sources as a valid page that says so."""
    data = Dataset(DatasetInfo("empty", "Empty"))
    parsed = parse(
        report_html(data, escalation(data, "CN", START, END, codebook=CODEBOOK), codebook=CODEBOOK)
    )
    text = visible_text(parsed)
    assert "did not change" in text
    assert "No policy in the dataset applies here" in text


@given(datasets(max_policies=4), st.sampled_from(["CN", "CN-SH", "US"]))
def test_any_dataset(data: Dataset, jurisdiction: str) -> None:
    """Writes a well-formed page without scripts or network loads for any valid dataset."""
    esc = escalation(data, jurisdiction, D(2000, 1, 1), D(2030, 12, 31), codebook=CODEBOOK)
    page = report_html(data, esc, codebook=CODEBOOK)
    assert "<script" not in page.lower()
    parsed = parse(page)
    assert not any(name == "src" for _, attrs in parsed.tags for name in attrs)
    shown = "".join(
        "\ufffd" if (ord(c) < 0x20 and c not in "\t\n\r") or 0x7F <= ord(c) <= 0x9F else c
        for c in data.info.title
    )
    assert shown in visible_text(parsed)


def test_bundled_dataset_smoke() -> None:
    """Reports the bundled dataset (whatever it holds today) as a well-formed page."""
    data = load_bundled()
    esc = escalation(data, "CN", D(2010, 1, 1), D(2024, 12, 31), codebook=CODEBOOK)
    parse(report_html(data, esc, codebook=CODEBOOK))


def test_renders_in_chromium(tmp_path: Path) -> None:
    """Renders in headless Chromium as a page with text and the chart, not a blank page."""
    data = report_dataset()
    page = tmp_path / "report.html"
    page.write_text(report_html(data, report_escalation(data), codebook=CODEBOOK), encoding="utf-8")
    assert_not_blank(screenshot(page, tmp_path / "report.png"), min_colours=8, min_ink=0.05)


def test_the_page_names_the_gaps_in_reporting_and_what_the_index_measures() -> None:
    """Says the index measures what the sources report, and names the 2014-2017 gap.

    No bundled article reports anything dated between the end of the WeChat campaign (June
    2014, cdt-2014-wechat-crackdown) and the heroes and martyrs law of 2018
    (scmp-2021-civilised-internet).
    """
    seeds = load_bundled()
    result = escalation(seeds, "CN", D(2012, 1, 1), D(2023, 12, 31), codebook=CODEBOOK)
    page = report_html(seeds, result, codebook=CODEBOOK)
    assert "not a census of policy" in page
    assert "No source covers 2014-07 to 2017-12: a gap in reporting" in page
    assert 'class="uncovered"' in page  # the chart shades it


def test_a_step_on_a_publication_bound_is_marked() -> None:
    """Marks the latest series' step on 3 January 2013, the last day Care2 may have published."""
    from policytrack import Scoring, Series

    seeds = load_bundled()
    result = escalation(
        seeds,
        "CN",
        D(2012, 1, 1),
        D(2023, 12, 31),
        scoring=Scoring(series=Series.LATEST),
        codebook=CODEBOOK,
    )
    (step,) = [s for s in result.composite_steps if s.day == D(2013, 1, 3)]
    assert any("publication bound of care2-2012-real-name" in n for n in step.notes)
    assert "publication bound of care2-2012-real-name" in report_html(
        seeds, result, codebook=CODEBOOK
    )


def test_the_codebook_defaults_to_the_datasets_own() -> None:
    """Reports the bundled dataset on the codebook it names when no codebook is given."""
    seeds = load_bundled()
    result = escalation(seeds, "CN", "2012", "2023")
    assert report_html(seeds, result) == report_html(seeds, result, codebook=CODEBOOK)


def test_the_old_positional_codebook_warns_and_still_reports() -> None:
    """Takes release 0.1's report_html(dataset, codebook, escalation) with a DeprecationWarning."""
    seeds = load_bundled()
    result = escalation(seeds, "CN", "2012", "2023")
    with pytest.warns(DeprecationWarning, match="codebook="):
        old = report_html(seeds, CODEBOOK, result)  # type: ignore[arg-type]
    assert old == report_html(seeds, result)


def test_a_codebook_other_than_the_escalations_is_refused() -> None:
    """Refuses to label an escalation with the levels of a codebook it was not scored on."""
    seeds = load_bundled()
    result = escalation(seeds, "CN", "2012", "2023")
    with pytest.raises(ArgumentValueError, match="scored on codebook 'internet-controls'"):
        report_html(seeds, result, codebook=load_codebook("oxcgrt-stringency"))


def test_wrong_arguments_are_argument_errors_naming_them() -> None:
    """Refuses swapped arguments, a missing escalation and a codebook given by name."""
    seeds = load_bundled()
    result = escalation(seeds, "CN", "2012", "2023")
    for args, kwargs, named in (
        ((result, seeds), {}, "dataset"),
        ((seeds, None), {}, "escalation"),
        ((seeds, result), {"codebook": "oxcgrt-stringency"}, "codebook"),
        ((seeds, result), {"title": 5}, "title"),
    ):
        with pytest.raises(ArgumentTypeError, match=named):
            report_html(*args, **kwargs)
