"""The generated constructors: committed as the generator writes them, built as it builds them.

The fast builder's constructors are generated from the field rules; their source is committed
(``policytrack/storage/builders.py``) so that no program compiles it when it starts. The rules
stay the one place a check is written: the committed module must be exactly what the generator
writes from them now.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given

from policytrack import Dataset, converter, load_bundled
from policytrack.model.dataset import COLLECTIONS
from policytrack.storage import builders, buildgen
from policytrack.storage.build import Builder, Refused
from policytrack.testing import strategies as pts
from tests._settings import FEWER


def test_the_committed_constructors_are_what_the_rules_generate() -> None:
    """The committed module is byte for byte the generator's output from today's rules."""
    path = Path(builders.__file__)
    if os.environ.get("POLICYTRACK_REGENERATE"):
        path.write_text(buildgen.module_source(), "utf-8")
    assert path.read_text("utf-8") == buildgen.module_source(), (
        "the field rules changed: regenerate with "
        "POLICYTRACK_REGENERATE=1 pytest tests/storage/test_buildgen.py"
    )


def test_binds_every_record_class_after_the_classes_it_holds() -> None:
    """Lists every class a dataset holds, each after the classes its fields hold."""
    order = list(builders.BINDERS)
    assert order == buildgen.classes()
    assert set(COLLECTIONS.values()) <= set(order)


@FEWER
@given(pts.datasets(max_policies=4))
def test_builds_as_the_constructors_generated_at_run_time(dataset: Dataset) -> None:
    """The committed constructors and ones generated and compiled now build the same records."""
    committed = Builder()
    generated = Builder()
    for cls in buildgen.classes():
        generated.built[cls] = buildgen.constructor(cls)(generated)
    for name in COLLECTIONS:
        for record in getattr(dataset, name):
            data = converter.unstructure(record)
            built = committed.structurers[name](data)
            assert built == generated.built[COLLECTIONS[name]](data) == record


def test_refuses_what_a_rule_refuses() -> None:
    """A source whose id breaks the id rule is refused by the committed constructor."""
    data = converter.unstructure(load_bundled().sources[0])
    assert Builder().structurers["sources"](data).id == data["id"]
    with pytest.raises(Refused):
        Builder().structurers["sources"]({**data, "id": "Not An Id"})
