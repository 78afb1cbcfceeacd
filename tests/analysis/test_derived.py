"""The analyses' cache of values derived from a dataset (policytrack.analysis.derived)."""

from __future__ import annotations

import gc
import weakref

import attrs

from policytrack import Dataset, DatasetInfo, bundled_codebook, load_bundled, timeline
from policytrack.analysis.derived import derived


class _Value:
    """A derived value that can be referred to weakly."""


def _dataset() -> Dataset:
    return Dataset(DatasetInfo(id="d", title="D"))


def test_computes_once_per_dataset_and_key() -> None:
    """Computes a value on first use and gives the same object after, per key."""
    dataset, calls = _dataset(), []

    def compute() -> _Value:
        calls.append(1)
        return _Value()

    first = derived(dataset, "k", compute)
    assert derived(dataset, "k", compute) is first
    assert derived(dataset, "other", compute) is not first
    assert len(calls) == 2


def test_an_equal_dataset_keeps_its_own_values() -> None:
    """Keys on identity: an equal but distinct dataset derives its own value."""
    dataset = _dataset()
    copy = attrs.evolve(dataset)
    assert copy == dataset
    assert derived(dataset, "k", _Value) is not derived(copy, "k", _Value)


def test_a_value_goes_with_its_dataset() -> None:
    """Keeps no value alive once its dataset is collected."""
    dataset = _dataset()
    value = weakref.ref(derived(dataset, "k", _Value))
    assert value() is not None
    del dataset
    gc.collect()
    assert value() is None


def test_the_timeline_gives_the_same_answer_from_the_cache() -> None:
    """Gives the same timeline on a dataset's first analysis and on a later one."""
    dataset = load_bundled()
    book = bundled_codebook()
    first = timeline(attrs.evolve(dataset), "CN", codebook=book)
    assert timeline(dataset, "CN", codebook=book) == first
    assert timeline(dataset, "CN", codebook=book) == first
