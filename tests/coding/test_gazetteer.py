"""Names of agencies and platforms (policytrack.coding.gazetteer)."""

from __future__ import annotations

from pathlib import Path

import pytest

from policytrack import (
    AgencyKind,
    DataError,
    Gazetteer,
    GazetteerEntry,
    NotFoundError,
    PlatformKind,
    bundled_gazetteer,
    load_bundled,
    load_gazetteer,
)
from policytrack.coding.gazetteer import EntryKind, Origin
from policytrack.model.jurisdictions import is_known


def test_the_bundled_gazetteer_is_valid_and_worldwide() -> None:
    """Loads entries for several countries, with valid kinds and jurisdictions."""
    gazetteer = bundled_gazetteer()
    countries = {e.jurisdiction.split("-")[0] for e in gazetteer.entries if e.jurisdiction}
    assert {"CN", "RU", "IR", "TR", "IN", "US", "GB"} <= countries
    agencies = {k.value for k in AgencyKind}
    platforms = {k.value for k in PlatformKind}
    for entry in gazetteer.entries:
        assert entry.category in (agencies if entry.kind is EntryKind.AGENCY else platforms)
        assert entry.jurisdiction is None or is_known(entry.jurisdiction)
        assert entry.parent is None or gazetteer.get(entry.parent) is not None, entry.id


def test_ids_of_chinese_bodies_are_the_bundled_datasets() -> None:
    """Uses the bundled dataset's ids for the bodies both name, so names resolve to its records."""
    dataset = load_bundled()
    gazetteer = bundled_gazetteer()
    for agency_id in ("cac", "mps", "npcsc", "npc", "scio", "xinhua", "state-council"):
        entry = gazetteer.get(agency_id)
        record = dataset.get(agency_id)
        assert entry is not None
        assert entry.category == record.kind.value  # type: ignore[union-attr]
        assert entry.jurisdiction == record.jurisdiction  # type: ignore[union-attr]


def test_place_patterns_name_police_and_governments() -> None:
    """Builds "Shanghai police" and "police in Sichuan province" from the ISO 3166 table."""
    gazetteer = bundled_gazetteer()
    sichuan = gazetteer.get("sichuan-police")
    assert sichuan is not None and sichuan.jurisdiction == "CN-SC"
    assert "police in Sichuan province" in sichuan.names
    assert sichuan.origin is Origin.PATTERN
    beijing = gazetteer.get("beijing-government")
    assert beijing is not None and beijing.category == "local_government"
    britain = gazetteer.get("britain-police")
    assert britain is not None and "United Kingdom police" in britain.aliases


def test_a_dataset_gives_entries_and_can_leave_one_source_out() -> None:
    """Makes entries of a dataset's records, leaving out those quoted only from one source."""
    dataset = load_bundled()
    every = Gazetteer.from_dataset(dataset)
    assert every.get("cac") is not None and every.get("cac").origin is Origin.DATASET  # type: ignore[union-attr]
    without = Gazetteer.from_dataset(dataset, exclude_source="register-2023-security-barrier")
    assert without.get("mps") is None  # quoted only from The Register
    assert without.get("cac") is not None  # quoted from other articles too


def test_merging_puts_the_first_gazetteer_first() -> None:
    """Lets the first gazetteer's entry win where both have the same id."""
    mine = Gazetteer((GazetteerEntry("cac", "My CAC", EntryKind.AGENCY, "regulator", "CN"),))
    merged = mine.merged(bundled_gazetteer())
    assert merged.get("cac").name == "My CAC"  # type: ignore[union-attr]
    assert merged.get("mps") is not None


def test_ancestors_follow_parents() -> None:
    """Walks from a body to the bodies it belongs to."""
    assert bundled_gazetteer().ancestors("npcsc") == ("npc",)
    assert bundled_gazetteer().ancestors("cpc-politburo") == ("cpc-central-committee", "cpc")


def test_an_entry_checks_its_category() -> None:
    """Refuses a category that is not a kind of agency (or platform)."""
    with pytest.raises(ValueError, match="'category' of agency must be one of"):
        GazetteerEntry("x", "X", EntryKind.AGENCY, "microblog")


def test_a_gazetteer_file_is_loaded_strictly(tmp_path: Path) -> None:
    """Loads a custom gazetteer and reports a bad field with its path."""
    good = tmp_path / "good.toml"
    good.write_text(
        '[[agencies]]\nid = "ofcom"\nname = "Ofcom"\nkind = "regulator"\njurisdiction = "GB"\n',
        "utf-8",
    )
    assert load_gazetteer(good).get("ofcom") is not None
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[[agencies]]\nid = "x"\nname = "X"\nkind = "agency"\njurisdiction = "GB"\n', "utf-8"
    )
    with pytest.raises(DataError) as caught:
        load_gazetteer(bad)
    assert "agencies[0].kind" in str(caught.value)
    with pytest.raises(NotFoundError):
        load_gazetteer(tmp_path / "missing.toml")


@pytest.mark.parametrize(
    "text",
    ["agencies = [", "a = " + "[" * 100_000 + "]" * 100_000, "a = 1\na = 2"],
    ids=["unclosed", "nested too deep", "repeated key"],
)
def test_a_gazetteer_file_that_is_not_toml_is_a_located_error(tmp_path: Path, text: str) -> None:
    """Reports TOML it cannot read, however deeply nested, as a problem with the file."""
    path = tmp_path / "broken.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(DataError) as caught:
        load_gazetteer(path)
    assert str(caught.value.problems[0]).startswith(f"{path}: not valid TOML: ")
