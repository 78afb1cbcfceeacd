"""A dataset edited step by step against a simple model, checked after every step.

The machine adds sources, agencies, platforms and policies drawn from the public strategies
(ids made unique, references pointing at records that exist), amends policies, links them,
removes records, and dumps and reloads the dataset in every format. The model is a dictionary
of records by id per collection.

Removing a record first removes it alone (:meth:`Dataset.without`): the references left
dangling must be exactly the ones the model predicts, both as :func:`references_to` lists them
and as :func:`check` reports them. Then the references go too, in the dataset and in the
model, so that after every step:

* :func:`check` finds no problem;
* the dataset holds exactly the model's records;
* the machine formats round-trip to an equal dataset and the same text;
* the index for ``CN`` equals the naive per-day reference on every day it can change.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    initialize,
    invariant,
    multiple,
    rule,
    run_state_machine_as_test,
)

from policytrack import (
    Agency,
    Dataset,
    DatasetInfo,
    Link,
    LinkKind,
    Policy,
    Series,
    bundled_codebook,
    check,
    dump,
    dumps,
    index,
    load,
    loads,
)
from policytrack.model.dataset import COLLECTIONS, collection_of
from policytrack.model.query import references_to
from policytrack.storage.loader import Format
from policytrack.testing import strategies as pts
from tests import _reference as ref
from tests.analysis.test_timeline import _probe_days

CODEBOOK = bundled_codebook()
EDITED = ("sources", "agencies", "platforms", "policies", "links")
"""The collections the machine edits; the others stay empty."""
SETTINGS = settings(
    max_examples=max(10, settings().max_examples // 4),
    stateful_step_count=15,
    deadline=None,
)
"""A quarter of the profile's examples, each a run of up to fifteen steps."""


def _among(ids: Any) -> st.SearchStrategy[str]:
    ids = sorted(ids)
    return st.sampled_from(ids) if ids else st.nothing()


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.toml"))}


class DatasetMachine(RuleBasedStateMachine):
    """Edits one dataset through the public API, mirrored in a dictionary model."""

    sources = Bundle("sources")
    agencies = Bundle("agencies")
    platforms = Bundle("platforms")
    policies = Bundle("policies")

    def __init__(self) -> None:
        super().__init__()
        self.dataset = Dataset(DatasetInfo("machine", "A dataset under edit"))
        self.model: dict[str, dict[str, Any]] = {name: {} for name in EDITED}
        self.serial = 0
        self.tmp = tempfile.TemporaryDirectory()
        self.root = Path(self.tmp.name)

    def teardown(self) -> None:
        """Removes the machine's directory."""
        self.tmp.cleanup()

    # Helpers ------------------------------------------------------------------------------

    def fresh(self, prefix: str) -> st.SearchStrategy[str]:
        """A strategy of one id no record has (ids are unique across collections)."""
        self.serial += 1
        return st.just(f"{prefix}-{self.serial}")

    def add(self, record: Any) -> str:
        """Adds or replaces *record* in the dataset and the model; returns its id."""
        self.dataset = self.dataset.with_records(record)
        self.model[collection_of(record)][record.id] = record
        return str(record.id)

    def cited(self, data: st.DataObject) -> st.SearchStrategy[str]:
        """The ids of the sources evidence may quote, adding one first if there is none.

        Initialising rules run in any order: the first may need a source before the one that
        adds sources has run.
        """
        if not self.model["sources"]:
            self.add(data.draw(pts.sources(ids=self.fresh("source"))))
        return _among(self.model["sources"])

    def expected_references(self, record_id: str) -> list[tuple[str, str, int]]:
        """(record, field, position) of every reference to *record_id*, by the model's scan."""
        found = []
        for name in ("agencies", "policies", "links"):
            for record in self.model[name].values():
                for field in ("parent", "issuers", "enforcers", "platforms", "from_policy"):
                    value = getattr(record, field, None)
                    if value == record_id:
                        found.append((record.id, field, -1))
                    elif isinstance(value, tuple):
                        found += [
                            (record.id, field, i) for i, v in enumerate(value) if v == record_id
                        ]
                if getattr(record, "to_policy", None) == record_id:
                    found.append((record.id, "to_policy", -1))
        return found

    def path(self, kind: LinkKind, start: str, goal: str) -> bool:
        """Whether following links of *kind* from *start* reaches *goal*."""
        seen, frontier = set(), [start]
        while frontier:
            node = frontier.pop()
            if node == goal:
                return True
            if node not in seen:
                seen.add(node)
                frontier += [
                    k.to_policy
                    for k in self.model["links"].values()
                    if k.kind is kind and k.from_policy == node
                ]
        return False

    def remove(self, record_id: str, kind: str) -> None:
        """Remove *record_id*, check what dangles, then remove the references too."""
        expected = self.expected_references(record_id)
        listed = {(r.record, r.field) for r in references_to(self.dataset, record_id)}
        assert listed == {(record, field) for record, field, _ in expected}

        alone = self.dataset.without(record_id)
        found = sorted((p.record, p.field, p.message) for p in check(alone, CODEBOOK))
        assert found == sorted(
            (record, field if i < 0 else f"{field}[{i}]", f"no {kind} has id {record_id!r}")
            for record, field, i in expected
        )

        del self.model[collection_of(self.dataset.get(record_id))][record_id]
        self.dataset = alone
        dropped_links = {record for record, field, _ in expected if field.endswith("_policy")}
        self.dataset = self.dataset.without(*dropped_links)
        for link_id in dropped_links:
            del self.model["links"][link_id]
        changed = []
        for referrer in {record for record, _, _ in expected} - dropped_links:
            record = self.dataset.get(referrer)
            changes: dict[str, Any] = {}
            for field in ("issuers", "enforcers", "platforms"):
                if isinstance(record, Policy):
                    changes[field] = tuple(v for v in getattr(record, field) if v != record_id)
            if isinstance(record, Agency) and record.parent == record_id:
                changes["parent"] = None
            changed.append(attrs.evolve(record, **changes))
        self.dataset = self.dataset.with_records(*changed)
        for record in changed:
            self.model[collection_of(record)][record.id] = record

    # Rules --------------------------------------------------------------------------------

    @initialize(target=sources, data=st.data())
    def start(self, data: st.DataObject) -> Any:
        """Starts with one or two sources."""
        count = data.draw(st.integers(1, 2), label="sources")
        added = [self.add(data.draw(pts.sources(ids=self.fresh("source")))) for _ in range(count)]
        return multiple(*added)

    @initialize(target=agencies, data=st.data())
    def start_agencies(self, data: st.DataObject) -> Any:
        """Starts with up to two agencies."""
        count = data.draw(st.integers(0, 2), label="agencies")
        return multiple(*(self.new_agency(data) for _ in range(count)))

    @initialize(target=platforms, data=st.data())
    def start_platforms(self, data: st.DataObject) -> Any:
        """Starts with up to one platform."""
        count = data.draw(st.integers(0, 1), label="platforms")
        return multiple(*(self.new_platform(data) for _ in range(count)))

    @initialize(target=policies, data=st.data())
    def start_policies(self, data: st.DataObject) -> Any:
        """Starts with one to three policies."""
        count = data.draw(st.integers(1, 3), label="policies")
        return multiple(*(self.new_policy(data) for _ in range(count)))

    @rule(target=sources, data=st.data())
    def add_source(self, data: st.DataObject) -> str:
        """Adds a source."""
        return self.add(data.draw(pts.sources(ids=self.fresh("source"))))

    @rule(target=agencies, data=st.data())
    def add_agency(self, data: st.DataObject) -> str:
        """Adds an agency, perhaps under an existing one."""
        return self.new_agency(data)

    @rule(target=platforms, data=st.data())
    def add_platform(self, data: st.DataObject) -> str:
        """Adds a platform."""
        return self.new_platform(data)

    @rule(target=policies, data=st.data())
    def add_policy(self, data: st.DataObject) -> str:
        """Adds a policy naming existing agencies and platforms."""
        return self.new_policy(data)

    def new_agency(self, data: st.DataObject) -> str:
        """Draws and adds an agency whose parent, if any, exists."""
        agency = data.draw(
            pts.agencies(
                ids=self.fresh("agency"),
                source_ids=self.cited(data),
                parent_ids=_among(self.model["agencies"]),
            )
        )
        return self.add(agency)

    def new_platform(self, data: st.DataObject) -> str:
        """Draws and adds a platform."""
        return self.add(
            data.draw(pts.platforms(ids=self.fresh("platform"), source_ids=self.cited(data)))
        )

    def new_policy(self, data: st.DataObject) -> str:
        """Draws and adds a policy in CN or CN-SH whose references exist."""
        policy = data.draw(
            pts.policies(
                codebook=CODEBOOK,
                ids=self.fresh("policy"),
                jurisdictions=st.sampled_from(["CN", "CN-SH"]),
                source_ids=self.cited(data),
                agency_ids=_among(self.model["agencies"]),
                platform_ids=_among(self.model["platforms"]),
            )
        )
        return self.add(policy)

    @rule(policy=policies, data=st.data())
    def amend_policy(self, policy: str, data: st.DataObject) -> None:
        """Change one measure's level and redraw the dates, keeping them in order.

        The measures' own dates go with the old ones: new policy dates could leave them outside.
        """
        old = self.dataset.policy(policy)
        assert old == self.model["policies"][policy]
        if not old.measures:
            return  # a policy with no measures (coding rule 3.6) has none to change
        at = data.draw(st.integers(0, len(old.measures) - 1), label="measure")
        measure = old.measures[at]
        top = CODEBOOK.dimension(measure.dimension).max_level
        level = data.draw(st.integers(0, top), label="level")
        measures = [attrs.evolve(m, effective=None, ended=None) for m in old.measures]
        measures[at] = attrs.evolve(measures[at], level=level)
        dates = [data.draw(st.none() | pts.uncertain_dates(), label="date") for _ in range(3)]
        ordered = iter(sorted((d for d in dates if d is not None), key=lambda d: d.earliest))
        announced, effective, ended = (None if d is None else next(ordered) for d in dates)
        new = attrs.evolve(
            old,
            measures=tuple(measures),
            announced=announced,
            effective=effective,
            ended=ended,
        )
        before = [r.id for r in self.dataset.policies]
        self.add(new)
        assert [r.id for r in self.dataset.policies] == before

    @rule(first=policies, data=st.data())
    def link(self, first: str, data: st.DataObject) -> None:
        """Link two policies, unless the link would close a cycle of its kind (an error)."""
        others = set(self.model["policies"]) - {first}
        if not others:
            return
        second = data.draw(_among(others), label="second")
        link: Link = data.draw(
            pts.links(
                ids=self.fresh("link"),
                policy_ids=st.sampled_from([first, second]),
                source_ids=self.cited(data),
            )
        )
        if self.path(link.kind, link.to_policy, link.from_policy):
            return
        self.add(link)

    @rule(agency=consumes(agencies))
    def remove_agency(self, agency: str) -> None:
        """Removes an agency and, after checking what dangles, the references to it."""
        self.remove(agency, "agency")

    @rule(platform=consumes(platforms))
    def remove_platform(self, platform: str) -> None:
        """Removes a platform and the references to it."""
        self.remove(platform, "platform")

    @rule(policy=consumes(policies))
    def remove_policy(self, policy: str) -> None:
        """Removes a policy and the links from or to it."""
        self.remove(policy, "policy")

    @rule(fmt=st.sampled_from(["toml", "json", "ndjson"]))
    def dump_and_reload(self, fmt: Format) -> None:
        """Dump to disk and carry on with what loads back, which re-dumps byte for byte."""
        if fmt == "toml":
            root = self.root / "tree"
            dump(self.dataset, root)
            loaded = load(root, codebook=CODEBOOK)
            files = _tree(root)
            assert set(files) == {
                f"{collection_of(r)}/{r.id}.toml" for r in self.dataset.records()
            } | {"dataset.toml"}
            dump(loaded, root)
            assert _tree(root) == files
            # The tree is read in file-name order: the records are the same, the order is not.
            for name in COLLECTIONS:
                key = lambda r: r.id  # noqa: E731
                assert sorted(getattr(loaded, name), key=key) == sorted(
                    getattr(self.dataset, name), key=key
                )
        else:
            path = self.root / f"dataset.{fmt}"
            dump(self.dataset, path)
            loaded = load(path, codebook=CODEBOOK)
            assert loaded == self.dataset
            again = self.root / f"again.{fmt}"
            dump(loaded, again)
            assert again.read_bytes() == path.read_bytes()
        self.dataset = loaded

    # Invariants ---------------------------------------------------------------------------

    @invariant()
    def is_sound(self) -> None:
        """Finds no integrity problem."""
        assert check(self.dataset, CODEBOOK) == []

    @invariant()
    def holds_the_model(self) -> None:
        """Holds exactly the model's records, each id once."""
        for name in COLLECTIONS:
            records = {r.id: r for r in getattr(self.dataset, name)}
            assert records == self.model.get(name, {}), name
            assert len(records) == len(getattr(self.dataset, name)), name

    @invariant()
    def machine_formats_round_trip(self) -> None:
        """Reads back an equal dataset from JSON and NDJSON, and writes the same text."""
        formats: tuple[Format, ...] = ("json", "ndjson")
        for fmt in formats:
            text = dumps(self.dataset, fmt)
            loaded = loads(text, fmt, codebook=CODEBOOK)
            assert loaded == self.dataset
            assert dumps(loaded, fmt) == text

    @invariant()
    def index_equals_the_reference(self) -> None:
        """Gives the composite for CN a per-day computation gives, on every day it can change."""
        idx = index(self.dataset, "CN", codebook=CODEBOOK)
        for day in _probe_days(self.dataset):
            for series in Series:
                want = ref.composite_on(self.dataset, CODEBOOK, "CN", day, series is Series.LATEST)
                got = idx.value(day, series)
                assert (got is None) == (want is None), (day, series)
                if got is not None and want is not None:
                    assert got == pytest.approx(want), (day, series)


@pytest.fixture
def _no_fsync() -> Iterator[None]:
    """Skip fsync: it only matters after a crash (tests/storage/test_atomic.py tests it)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "fsync", lambda fd: None)
        yield


@pytest.mark.usefixtures("_no_fsync")
def test_edits_keep_the_dataset_sound_and_equal_to_the_model() -> None:
    """Keeps integrity, the model's records, round-trips and the reference index after edits."""
    run_state_machine_as_test(DatasetMachine, settings=SETTINGS)
