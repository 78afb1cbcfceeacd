"""Every kind of problem in a dataset, as the one line a user sees for it.

Each test writes a small curated dataset with one defect and pins the exact lines loading it
reports: the file, the record, the field path and what was expected.
"""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from policytrack import DataError, Dataset, LinkKind, bundled_codebook, check, load, sha256_text
from policytrack.model import checks
from policytrack.model.dataset import COLLECTIONS
from policytrack.model.provenance import evidence_of
from policytrack.testing import strategies as pts
from tests._curated import AGENCY, LINK, PLATFORM, POLICY, TEXT, write


def _lines(root: Path, *, sources: Path | None = None) -> list[str]:
    with pytest.raises(DataError) as caught:
        load(root, sources=sources)
    lines = [str(problem) for problem in caught.value.problems]
    assert str(caught.value) == (
        lines[0]
        if len(lines) == 1
        else "\n".join([f"{len(lines)} problems:", *(f"  {x}" for x in lines)])
    )
    return lines


def test_the_base_dataset_is_sound(tmp_path: Path) -> None:
    """Loads the dataset every other test here breaks in one place, texts and all."""
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "anything.txt").write_text(TEXT, "utf-8")
    dataset = load(write(tmp_path / "data", {}), sources=texts)
    assert len(dataset) == 4


def test_unknown_key(tmp_path: Path) -> None:
    """Names a misspelt key, suggesting the field it was meant to be, which is then missing."""
    root = write(tmp_path, {"policies/decision.toml": POLICY.replace("status =", "staus =")})
    assert _lines(root) == [
        f"{root}/policies/decision.toml: decision: status: required field missing",
        f"{root}/policies/decision.toml: decision: unknown field 'staus' (did you mean 'status'?)",
    ]


def test_unknown_keys_in_a_nested_table(tmp_path: Path) -> None:
    """Locates unknown keys inside a measure by its index, listing every one."""
    text = POLICY.replace("level = 2\n", "level = 2\nlevle = 3\nweight = 1\n")
    root = write(tmp_path, {"policies/decision.toml": text})
    assert _lines(root) == [
        f"{root}/policies/decision.toml: decision: measures[0]: "
        "unknown fields 'levle' (did you mean 'level'?) and 'weight'"
    ]


def test_wrong_type(tmp_path: Path) -> None:
    """Refuses a quoted number where an integer belongs, saying what it got."""
    root = write(tmp_path, {"policies/decision.toml": POLICY.replace("level = 2", 'level = "2"')})
    assert _lines(root) == [
        f"{root}/policies/decision.toml: decision: measures[0].level: "
        "expected an integer, got str '2'"
    ]


def test_missing_field(tmp_path: Path) -> None:
    """Names a required field that is missing."""
    text = POLICY.replace('title = "Decision on real names"\n', "")
    root = write(tmp_path, {"policies/decision.toml": text})
    assert _lines(root) == [
        f"{root}/policies/decision.toml: decision: title: required field missing"
    ]


def test_duplicate_id(tmp_path: Path) -> None:
    """Reports an id used by two records once, saying what else uses it."""
    clash = PLATFORM.replace('id = "weibo"', 'id = "npcsc"')
    root = write(tmp_path, {"platforms/npcsc.toml": clash})
    assert _lines(root) == [
        f"{root}/agencies/npcsc.toml: npcsc: id: the id is also used by a platform"
    ]


def test_dangling_agency(tmp_path: Path) -> None:
    """Reports an issuer that is not an agency, by its index in the list."""
    text = POLICY.replace('issuers = ["npcsc"]', 'issuers = ["npcsc", "cac"]')
    root = write(tmp_path, {"policies/decision.toml": text})
    assert _lines(root) == [
        f"{root}/policies/decision.toml: decision: issuers[1]: no agency has id 'cac'"
    ]


def test_dangling_platform(tmp_path: Path) -> None:
    """Reports a targeted platform that is not in the dataset."""
    text = POLICY.replace('platforms = ["weibo"]', 'platforms = ["wechat"]')
    root = write(tmp_path, {"policies/decision.toml": text})
    assert _lines(root) == [
        f"{root}/policies/decision.toml: decision: platforms[0]: no platform has id 'wechat'"
    ]


def test_dangling_policy(tmp_path: Path) -> None:
    """Reports a link to a policy that is not in the dataset."""
    link = LINK.format(id="replaced", source="decision", target="rules")
    root = write(tmp_path, {"links/replaced.toml": link})
    assert _lines(root) == [
        f"{root}/links/replaced.toml: replaced: to_policy: no policy has id 'rules'"
    ]


def test_dangling_source(tmp_path: Path) -> None:
    """Reports evidence quoting a source that is not in the dataset, with its path."""
    root = write(
        tmp_path, {"agencies/npcsc.toml": AGENCY.replace('source = "src"', 'source = "xinhua"')}
    )
    assert _lines(root) == [
        f"{root}/agencies/npcsc.toml: npcsc: evidence[0].source: no source has id 'xinhua'"
    ]


def test_effective_before_announced(tmp_path: Path) -> None:
    """Reports a policy that takes effect before it is announced."""
    text = POLICY.replace('[effective]\nedtf = "2012-12-28"', '[effective]\nedtf = "2012-11"')
    root = write(tmp_path, {"policies/decision.toml": text})
    assert _lines(root) == [
        f"{root}/policies/decision.toml: decision: effective: "
        "effective 2012-11 cannot be before announced 2012-12-28"
    ]


def test_ended_before_effective(tmp_path: Path) -> None:
    """Reports a policy that ends before it takes effect (and before it is announced)."""
    text = POLICY.replace("[[measures]]", '[ended]\nedtf = "2012-12-27"\n\n[[measures]]')
    root = write(tmp_path, {"policies/decision.toml": text})
    file = f"{root}/policies/decision.toml"
    assert _lines(root) == [
        f"{file}: decision: ended: ended 2012-12-27 cannot be before announced 2012-12-28",
        f"{file}: decision: ended: ended 2012-12-27 cannot be before effective 2012-12-28",
    ]


def test_overlapping_uncertain_dates_are_in_order(tmp_path: Path) -> None:
    """Accepts an ended date that may be on the same day as the effective one."""
    text = POLICY.replace("[[measures]]", '[ended]\nedtf = "2012-12"\n\n[[measures]]')
    assert load(write(tmp_path, {"policies/decision.toml": text})).policies[0].ended


def test_level_outside_the_codebook(tmp_path: Path) -> None:
    """Reports a level above the dimension's maximum, giving the levels it has."""
    root = write(tmp_path, {"policies/decision.toml": POLICY.replace("level = 2", "level = 4")})
    assert _lines(root) == [
        f"{root}/policies/decision.toml: decision: measures[0].level: "
        "'identity' has levels 0-3 (got 4)"
    ]


def test_unknown_dimension(tmp_path: Path) -> None:
    """Reports a dimension the codebook does not have, listing those it has."""
    text = POLICY.replace('dimension = "identity"', 'dimension = "identiy"')
    root = write(tmp_path, {"policies/decision.toml": text})
    known = ", ".join(d.id for d in bundled_codebook().dimensions)
    assert _lines(root) == [
        f"{root}/policies/decision.toml: decision: measures[0].dimension: "
        f"codebook 'internet-controls' has no dimension 'identiy' (known: {known})"
    ]


def test_targeted_scope_on_an_unflagged_dimension(tmp_path: Path) -> None:
    """Reports a targeted measure on a dimension that carries no scope flag."""
    text = POLICY.replace('dimension = "identity"', 'dimension = "ideology"\nscope = "targeted"')
    root = write(tmp_path, {"policies/decision.toml": text})
    assert _lines(root) == [
        f"{root}/policies/decision.toml: decision: measures[0].scope: "
        "'ideology' carries no scope flag, so a measure cannot be 'targeted'"
    ]


def test_supersedes_cycle(tmp_path: Path) -> None:
    """Reports policies that supersede each other in a circle, spelling out the circle."""
    files = {
        "policies/rules.toml": POLICY.replace('id = "decision"', 'id = "rules"'),
        "links/forward.toml": LINK.format(id="forward", source="decision", target="rules"),
        "links/back.toml": LINK.format(id="back", source="rules", target="decision"),
    }
    root = write(tmp_path, files)
    assert _lines(root) == [
        f"{root}/links/forward.toml: forward: supersedes links form a cycle: "
        "decision -> rules -> decision"
    ]


@pytest.mark.parametrize("kind", [k for k in LinkKind if k is not LinkKind.SUPERSEDES])
def test_a_cycle_of_any_link_kind(tmp_path: Path, kind: LinkKind) -> None:
    """Reports a cycle of any link kind (part-of, implements...), through three policies."""
    link = LINK.replace('kind = "supersedes"', f'kind = "{kind.value}"')
    files = {
        "policies/rules.toml": POLICY.replace('id = "decision"', 'id = "rules"'),
        "policies/plan.toml": POLICY.replace('id = "decision"', 'id = "plan"'),
        "links/a.toml": link.format(id="a", source="decision", target="rules"),
        "links/b.toml": link.format(id="b", source="rules", target="plan"),
        "links/c.toml": link.format(id="c", source="plan", target="decision"),
    }
    root = write(tmp_path, files)
    name = kind.value.replace("_", "-")
    assert _lines(root) == [
        f"{root}/links/a.toml: a: {name} links form a cycle: decision -> rules -> plan -> decision"
    ]


def test_parent_cycle(tmp_path: Path) -> None:
    """Reports agencies that are each other's parents."""
    files = {
        "agencies/npcsc.toml": AGENCY.replace(
            "\n\n[[evidence]]", '\nparent = "cac"\n\n[[evidence]]'
        ),
        "agencies/cac.toml": AGENCY.replace('id = "npcsc"', 'id = "cac"').replace(
            "\n\n[[evidence]]", '\nparent = "npcsc"\n\n[[evidence]]'
        ),
    }
    root = write(tmp_path, files)
    assert _lines(root) == [
        f"{root}/agencies/cac.toml: cac: parent: parents form a cycle: cac -> npcsc -> cac"
    ]


def test_bad_iso_code(tmp_path: Path) -> None:
    """Reports an unknown jurisdiction once, without a second problem for references to it."""
    text = AGENCY.replace('jurisdiction = "CN"', 'jurisdiction = "CN-XX"')
    root = write(tmp_path, {"agencies/npcsc.toml": text})
    assert _lines(root) == [
        f"{root}/agencies/npcsc.toml: npcsc: jurisdiction: "
        "must be an ISO 3166-1 or known ISO 3166-2 code (got 'CN-XX')"
    ]


def test_invalid_edtf_date(tmp_path: Path) -> None:
    """Reports a day that does not exist, quoting the date as written."""
    text = POLICY.replace('[announced]\nedtf = "2012-12-28"', '[announced]\nedtf = "2012-12-32"')
    root = write(tmp_path, {"policies/decision.toml": text})
    assert _lines(root) == [
        f"{root}/policies/decision.toml: decision: announced: "
        "invalid EDTF date '2012-12-32': 2012-12 has no day 32"
    ]


def test_inferred_date_without_a_reason(tmp_path: Path) -> None:
    """Reports an inferred date with no reason, at the date's own field."""
    text = POLICY.replace(
        '[announced]\nedtf = "2012-12-28"', '[announced]\nedtf = "2012-12-28"\nbasis = "inferred"'
    )
    root = write(tmp_path, {"policies/decision.toml": text})
    assert _lines(root) == [
        f"{root}/policies/decision.toml: decision: announced.reason: "
        "must explain a date whose basis is 'inferred' (got none)"
    ]


def test_file_name_not_matching_id(tmp_path: Path) -> None:
    """Reports a record whose id is not its file name."""
    root = write(tmp_path, {"platforms/weibo.toml": None, "platforms/sina-weibo.toml": PLATFORM})
    assert _lines(root) == [
        f"{root}/platforms/sina-weibo.toml: weibo: id: "
        "must match the file name 'sina-weibo' (got 'weibo')"
    ]


def test_invalid_toml(tmp_path: Path) -> None:
    """Reports where the TOML breaks, once: references to the unreadable record are not blamed."""
    text = PLATFORM.replace('name = "Weibo"', 'name = "Weibo')
    root = write(tmp_path, {"platforms/weibo.toml": text})
    assert _lines(root) == [
        f"{root}/platforms/weibo.toml: "
        "not valid TOML: Illegal character '\\n' (at line 2, column 14)"
    ]


def test_quote_not_at_its_offsets(tmp_path: Path) -> None:
    """Reports a quote that is not at its offsets, saying what is there and where it is."""
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "article.txt").write_text(TEXT, "utf-8")
    moved = PLATFORM.replace("start = 39\nend = 44", "start = 40\nend = 45")
    root = write(tmp_path / "data", {"platforms/weibo.toml": moved})
    assert _lines(root, sources=texts) == [
        f"{root}/platforms/weibo.toml: weibo: evidence[0]: "
        "quote 'users' is not at 40-45 (found 'sers '); it is at 39-44"
    ]
    assert load(root) is not None  # without the texts, offsets cannot be checked


def test_quote_not_in_the_text(tmp_path: Path) -> None:
    """Reports a quote that is nowhere in its source's text."""
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "article.txt").write_text(TEXT, "utf-8")
    wrong = PLATFORM.replace('exact = "users"', 'exact = "Users"')
    root = write(tmp_path / "data", {"platforms/weibo.toml": wrong})
    assert _lines(root, sources=texts) == [
        f"{root}/platforms/weibo.toml: weibo: evidence[0]: "
        "quote 'Users' is not at 39-44 (found 'users'); the quote is nowhere in the text"
    ]


def test_sha256_mismatch(tmp_path: Path) -> None:
    """Reports a source none of whose texts has its SHA-256."""
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "article.txt").write_text(TEXT + " Edited.", "utf-8")
    root = write(tmp_path / "data", {})
    assert _lines(root, sources=texts) == [
        f"{root}/sources/src.toml: src: sha256: no text in {texts} has this SHA-256"
    ]


def test_sha256_mismatch_of_the_named_text(tmp_path: Path) -> None:
    """Says which file was expected to match when the source's own text file has changed."""
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "src.txt").write_text(TEXT + " Edited.", "utf-8")
    root = write(tmp_path / "data", {})
    actual = sha256_text(TEXT + " Edited.")[:12]
    assert _lines(root, sources=texts) == [
        f"{root}/sources/src.toml: src: sha256: {texts}/src.txt has SHA-256 {actual}..., "
        f"not {sha256_text(TEXT)[:12]}...: it is not the text the quotes were taken from"
    ]


def test_several_problems_are_all_reported(tmp_path: Path) -> None:
    """Reports every problem in one pass, in file order, not just the first."""
    files = {
        "policies/decision.toml": POLICY.replace("level = 2", "level = 9").replace(
            'issuers = ["npcsc"]', 'issuers = ["cac"]'
        ),
        "agencies/npcsc.toml": AGENCY.replace('kind = "legislature"', 'kind = "parliament"'),
        "platforms/weibo.toml": None,
        "platforms/wb.toml": PLATFORM,
        "links/broken.toml": "id = ",
    }
    root = write(tmp_path, files)
    kinds = "', '".join(
        [
            "legislature",
            "party",
            "party_leader",
            "government",
            "ministry",
            "regulator",
            "police",
            "court",
            "procuratorate",
            "local_government",
            "state_media",
            "other",
        ]
    )
    assert _lines(root) == [
        f"{root}/platforms/wb.toml: weibo: id: must match the file name 'wb' (got 'weibo')",
        f"{root}/links/broken.toml: not valid TOML: Invalid value (at end of document)",
        f"{root}/agencies/npcsc.toml: npcsc: kind: expected one of '{kinds}', got str 'parliament'",
        f"{root}/policies/decision.toml: decision: issuers[0]: no agency has id 'cac'",
        f"{root}/policies/decision.toml: decision: measures[0].level: "
        "'identity' has levels 0-3 (got 9)",
    ]


def test_machine_formats_locate_problems_by_record(tmp_path: Path) -> None:
    """Locates a problem in a JSON file by record id and in NDJSON by line number."""
    record = {"id": "weibo", "name": "Weibo", "kind": "microblog", "evidence": []}
    path = tmp_path / "data.json"
    path.write_text(json.dumps({"info": {"id": "x", "title": "X"}, "platforms": [record]}), "utf-8")
    assert _lines(path) == [f"{path}: weibo: evidence: must have at least one entry (got none)"]
    lines = tmp_path / "data.ndjson"
    lines.write_text('{"info": {"id": "x", "title": "X"}}\n{"platforms": \n', "utf-8")
    assert _lines(lines) == [
        f"{lines}: line 2: not valid JSON: Expecting value: line 1 column 15 (char 14)"
    ]


@given(pts.datasets(min_policies=1), st.data())
def test_removing_an_agency_reports_every_reference_to_it(
    dataset: Dataset, data: st.DataObject
) -> None:
    """Reports each reference to a removed agency, and nothing else."""
    agencies = [a.id for a in dataset.agencies]
    if not agencies:
        agencies = ["extra"]
        policy = attrs.evolve(dataset.policies[0], issuers=("extra",))
        dataset = dataset.with_records(policy)
    gone = data.draw(st.sampled_from(agencies))
    expected = (
        sum(p.issuers.count(gone) + p.enforcers.count(gone) for p in dataset.policies)
        + sum(a.parent == gone for a in dataset.agencies)
        + sum(o.agencies.count(gone) + (o.reporter == gone) for o in dataset.outcomes)
        + sum((c.speaker_agency == gone) + c.agencies.count(gone) for c in dataset.claims)
    )
    problems = check(dataset.without(gone), bundled_codebook())
    assert len(problems) == expected
    assert all(p.message == f"no agency has id {gone!r}" for p in problems)


# Every field that names another record, by the collection it names: written out from the
# models, independently of check(), which must find every one of them.
_REFERENCE_FIELDS = {
    "agencies": ("issuers", "enforcers", "agencies", "parent", "reporter", "speaker_agency"),
    "platforms": ("platforms",),
    "policies": ("policies", "from_policy", "to_policy"),
    "outcomes": ("same_as", "includes"),
}


def _references_to(dataset: Dataset, collection: str, gone: str) -> int:
    """How many times the records of *dataset* name *gone*, a record of *collection*."""
    if collection == "sources":
        return sum(
            item.source == gone for record in dataset.records() for _, item in evidence_of(record)
        )
    found = 0
    for record in dataset.records():
        for field in _REFERENCE_FIELDS.get(collection, ()):
            value = getattr(record, field, None)
            values = value if isinstance(value, tuple) else (value,)
            found += values.count(gone)
    return found


@given(pts.datasets(min_policies=1), st.data())
def test_removing_any_record_reports_every_reference_to_it(
    dataset: Dataset, data: st.DataObject
) -> None:
    """Reports each reference to a removed record of any collection, and nothing else."""
    collection = data.draw(st.sampled_from([c for c in COLLECTIONS if getattr(dataset, c)]))
    gone = data.draw(st.sampled_from([r.id for r in getattr(dataset, collection)]))
    assert not check(dataset, bundled_codebook())
    problems = check(dataset.without(gone), bundled_codebook())
    assert len(problems) == _references_to(dataset, collection, gone)
    kind = {"agencies": "agency", "policies": "policy"}.get(collection, collection[:-1])
    assert all(p.message == f"no {kind} has id {gone!r}" for p in problems)


@given(pts.datasets())
def test_the_fast_verdict_sees_every_reference(dataset: Dataset) -> None:
    """Collects, for check()'s verdict by set operations, every id each field names."""
    kinds = {"sources": "source", "agencies": "agency", "platforms": "platform"}
    kinds |= {"policies": "policy", "outcomes": "outcome"}
    expected: dict[str, set[str]] = {kind: set() for kind in kinds.values()}
    for record in dataset.records():
        expected["source"].update(item.source for _, item in evidence_of(record))
        for collection, fields in _REFERENCE_FIELDS.items():
            for field in fields:
                value = getattr(record, field, None)
                values = value if isinstance(value, tuple) else (value,)
                expected[kinds[collection]].update(v for v in values if v is not None)
    assert checks._references(dataset) == expected


def _measure_dated(effective: str | None, ended: str | None) -> str:
    """The curated policy with its measure given its own dates."""
    tables = ""
    for name, edtf in (("effective", effective), ("ended", ended)):
        if edtf is not None:
            tables += f'\n[measures.{name}]\nedtf = "{edtf}"\n'
    return POLICY.replace("end = 74\n", "end = 74\n" + tables, 1)


def test_a_measure_dated_inside_its_policy_is_sound(tmp_path: Path) -> None:
    """Accepts a measure that takes effect after its policy and ends later on."""
    text = _measure_dated("2013-03", "2014")
    measure = load(write(tmp_path, {"policies/decision.toml": text})).policies[0].measures[0]
    assert (str(measure.effective), str(measure.ended)) == ("2013-03", "2014")


def test_a_measure_dated_before_its_policy(tmp_path: Path) -> None:
    """Reports a measure in force before its policy can be, at the measure's own field."""
    root = write(tmp_path, {"policies/decision.toml": _measure_dated("2012-11", None)})
    assert _lines(root) == [
        f"{root}/policies/decision.toml: decision: measures[0].effective: "
        "effective 2012-11 is before its policy starts (2012-12-28)"
    ]


def test_a_measure_dated_after_its_policy_ended(tmp_path: Path) -> None:
    """Reports a measure that starts or ends after its policy has ended."""
    text = _measure_dated("2015", "2016").replace(
        "[[measures]]", '[ended]\nedtf = "2014"\n\n[[measures]]'
    )
    root = write(tmp_path, {"policies/decision.toml": text})
    file = f"{root}/policies/decision.toml"
    assert _lines(root) == [
        f"{file}: decision: measures[0].effective: effective 2015 is after its policy ended (2014)",
        f"{file}: decision: measures[0].ended: ended 2016 is after its policy ended (2014)",
    ]


def test_a_measure_that_ends_before_it_starts(tmp_path: Path) -> None:
    """Reports a measure whose own end comes before its own start."""
    root = write(tmp_path, {"policies/decision.toml": _measure_dated("2014", "2013-06")})
    assert _lines(root) == [
        f"{root}/policies/decision.toml: decision: measures[0].ended: "
        "ended 2013-06 cannot be before effective 2014"
    ]


def test_a_confidence_below_certain_needs_a_reason(tmp_path: Path) -> None:
    """Reports a probable measure that does not say why it is not certain."""
    text = POLICY.replace('reason = "Real', 'confidence = "probable"\nreason = "Real')
    root = write(tmp_path, {"policies/decision.toml": text})
    assert _lines(root) == [
        f"{root}/policies/decision.toml: decision: measures[0].confidence_reason: "
        "must explain a confidence of 'probable' (got none)"
    ]


@given(pts.datasets(min_policies=1), st.data())
def test_outcomes_that_include_each_other_form_a_reported_cycle(
    dataset: Dataset, data: st.DataObject
) -> None:
    """Reports an outcome that includes itself, or a chain of includes that comes back."""
    if not dataset.outcomes:
        return
    outcomes = list(dataset.outcomes)
    first, last = outcomes[0], outcomes[-1]
    changed = [attrs.evolve(first, includes=(*first.includes, last.id))]
    if last is not first:
        changed.append(attrs.evolve(last, includes=(first.id,)))
    problems = check(dataset.with_records(*changed), bundled_codebook())
    messages = [p.message for p in problems]
    if last is first:
        assert messages[0] == "an outcome cannot include itself"
    assert any(m.startswith("includes form a cycle: ") for m in messages)
