"""Values the analyses derive from a dataset, computed once and kept while the dataset lives.

``policytrack.analysis.derived`` is the analyses' cache. A :class:`~policytrack.Dataset` is a
frozen value, so what is derived from its records alone (a grouping, an index) never goes
stale: a changed dataset is a new object. The cache is keyed on the dataset's identity, not its
equality (comparing two large datasets costs more than most derivations), and an entry goes
when its dataset is collected, so the model holds no analysis state.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from policytrack.model.columns import Columns, columns_of
from policytrack.model.compiled import CompiledDataset
from policytrack.model.dataset import Dataset

__all__ = ["columns", "derived"]

_T = TypeVar("_T")

_CACHE: dict[int, tuple[weakref.ref[Dataset], dict[Hashable, Any]]] = {}
"""By ``id(dataset)``: a weak reference to the dataset and its derived values by key."""
_LOCK = threading.Lock()


def derived(dataset: Dataset, key: Hashable, compute: Callable[[], _T]) -> _T:
    """What *compute* returns for *dataset*, computed on first use and kept for *key*.

    Args:
        dataset: The dataset the value is derived from (and only from).
        key: What is derived, with every choice it depends on (``("timeline", rule)``).
        compute: Computes the value from the dataset's records.
    """
    values = _values(dataset)
    try:
        return values[key]  # type: ignore[no-any-return]
    except KeyError:
        value = values[key] = compute()
        return value


def columns(dataset: Dataset) -> Columns:
    """*dataset*'s facts as columns: read with a compiled dataset, else made once from records."""
    if isinstance(dataset, CompiledDataset):
        own = dataset.compiled_columns()
        if own is not None:
            return own
    return derived(dataset, "columns", lambda: columns_of(dataset))


def _values(dataset: Dataset) -> dict[Hashable, Any]:
    ident = id(dataset)
    entry = _CACHE.get(ident)
    if entry is not None and entry[0]() is dataset:
        return entry[1]
    with _LOCK:
        entry = _CACHE.get(ident)
        if entry is None or entry[0]() is not dataset:
            entry = (weakref.ref(dataset, _forget(ident)), {})
            _CACHE[ident] = entry
        return entry[1]


def _forget(ident: int) -> Callable[[weakref.ref[Dataset]], None]:
    """A callback dropping the entry of a collected dataset (and only that entry)."""

    def forget(ref: weakref.ref[Dataset]) -> None:
        entry = _CACHE.get(ident)
        if entry is not None and entry[0] is ref:
            del _CACHE[ident]

    return forget
