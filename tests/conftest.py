"""Hypothesis profiles and shared fixtures.

Profiles:

* ``dev``: a fast local run (20 examples), chosen with ``POLICYTRACK_HYPOTHESIS_PROFILE=dev``;
* ``thorough``: Hypothesis's own ``ci`` profile (derandomized, no deadline, no database) with
  100 examples, loaded when ``CI`` is set: a run that gives the same answer every time, in
  well under ten minutes on two cores;
* otherwise ``default``: 100 examples, no deadline (many properties write files, whose timing
  varies with the machine, not with the input).

``POLICYTRACK_HYPOTHESIS_PROFILE`` names any of them and wins over ``CI``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

settings.register_profile("default", max_examples=100, deadline=None)
settings.register_profile("dev", max_examples=20, deadline=None)
settings.register_profile("thorough", settings.get_profile("ci"), max_examples=100)

_profile = os.environ.get("POLICYTRACK_HYPOTHESIS_PROFILE") or (
    "thorough" if os.environ.get("CI") else "default"
)
settings.load_profile(_profile)

if "POLICYTRACK_CACHE_DIR" not in os.environ:
    # Commands run by the tests keep their compiled cache out of the user's own (one folder
    # per test process; entries are keyed by path, so tests never read each other's).
    import tempfile

    os.environ["POLICYTRACK_CACHE_DIR"] = tempfile.mkdtemp(prefix="policytrack-test-cache-")

SEEDS = Path(
    os.environ.get("POLICYTRACK_SEEDS") or Path(__file__).parents[1].parent / "shared" / "seeds"
)
"""The seed articles' texts, kept beside the repository and never inside it (or where
``POLICYTRACK_SEEDS`` says, for a checkout that is not beside them)."""


OXCGRT = Path(__file__).parents[1].parent / "shared" / "oxcgrt"
"""OxCGRT's published files and documentation (CC BY 4.0), kept beside the repository."""


@pytest.fixture
def oxcgrt_sample() -> Iterator[Path]:
    """OxCGRT's fullwithnotes sample (UK and Wales, January-June 2020); skipped when absent."""
    path = OXCGRT / "OxCGRT_fullwithnotes_GBR_v1_sample.csv"
    if not path.is_file():
        pytest.skip("OxCGRT sample not available at ../shared/oxcgrt")
    yield path


@pytest.fixture
def seed_texts() -> Iterator[Path]:
    """The directory of the seed articles' texts; the test is skipped when it is absent."""
    if not SEEDS.is_dir():
        pytest.skip("source texts not available at ../shared/seeds")
    yield SEEDS
