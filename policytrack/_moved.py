"""The module paths of release 0.1, kept importable for one release with a deprecation warning.

Release 0.2 put the modules into layers (``policytrack.model``, ``storage``, ``analysis``,
``render``, ``coding``, ``testing``). Code that imported an old path, say
``policytrack.models``, gets the module at its new path and a :class:`DeprecationWarning`
naming it. Nothing inside the package imports an old path (``tests/test_layers.py``).
"""

from __future__ import annotations

import importlib
import importlib.machinery
import sys
import warnings
from types import ModuleType
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from importlib.abc import Loader

MOVED: dict[str, str] = {
    "policytrack.options": "policytrack.vocab",
    "policytrack.dates": "policytrack.model.dates",
    "policytrack.models": "policytrack.model.records",
    "policytrack.codebook": "policytrack.model.codebook",
    "policytrack.dataset": "policytrack.model.dataset",
    "policytrack.jurisdictions": "policytrack.model.jurisdictions",
    "policytrack.checks": "policytrack.model.checks",
    "policytrack.provenance": "policytrack.model.provenance",
    "policytrack.query": "policytrack.model.query",
    "policytrack.convert": "policytrack.storage.converter",
    "policytrack._fastload": "policytrack.storage.build",
    "policytrack._toml": "policytrack.storage.tomlwriter",
    "policytrack._atomic": "policytrack.storage.atomic",
    "policytrack._timeline": "policytrack.analysis.timeline",
    "policytrack._fastsweep": "policytrack.analysis.sweep",
    "policytrack._index": "policytrack.analysis.index",
    "policytrack._escalation": "policytrack.analysis.escalation",
    "policytrack.compare": "policytrack.analysis.compare",
    "policytrack.outcomes": "policytrack.analysis.outcomes",
    "policytrack._sensitivity": "policytrack.analysis.sensitivity",
    "policytrack.crosswalk": "policytrack.analysis.crosswalk",
    "policytrack.export": "policytrack.render.export",
    "policytrack.chart": "policytrack.render.chart",
    "policytrack.report": "policytrack.render.report",
    "policytrack._text": "policytrack.coding.text",
    "policytrack._figures": "policytrack.coding.numbers",
    "policytrack._datephrases": "policytrack.coding.datephrases",
    "policytrack.gazetteer": "policytrack.coding.gazetteer",
    "policytrack.extract": "policytrack.coding.extract",
    "policytrack.sources": "policytrack.coding.register",
    "policytrack.drafts": "policytrack.coding.drafts",
    "policytrack.agreement": "policytrack.coding.agreement",
    "policytrack.quality": "policytrack.coding.extraction_quality",
    "policytrack.strategies": "policytrack.testing.strategies",
    "policytrack.synth": "policytrack.testing.synth",
}
"""Each old module path and the path of the module it became."""

# ``policytrack.storage`` is a package now; its old names are served by its ``__getattr__``.


class _Alias:
    """Loads an old path as the module at its new path.

    A loader by its methods, not by subclassing ``importlib.abc.Loader``: importing
    ``importlib.abc`` costs every command several milliseconds (``importlib.resources``).
    """

    def __init__(self, new: str) -> None:
        self._new = new

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        warnings.warn(
            f"{spec.name} moved to {self._new} in policytrack 0.2; the old path goes in 0.3",
            DeprecationWarning,
            stacklevel=2,
        )
        return importlib.import_module(self._new)

    def exec_module(self, module: ModuleType) -> None:
        """Runs nothing: the module at the new path is already executed."""


class _Finder:
    """Finds the old module paths, and nothing else (a meta path finder by its methods)."""

    def find_spec(
        self, fullname: str, path: object = None, target: object = None
    ) -> importlib.machinery.ModuleSpec | None:
        new = MOVED.get(fullname)
        if new is None:
            return None
        return importlib.machinery.ModuleSpec(fullname, cast("Loader", _Alias(new)))


_FINDER = _Finder()


def install() -> None:
    """Puts the finder of old paths on ``sys.meta_path`` once."""
    if _FINDER not in sys.meta_path:
        sys.meta_path.append(_FINDER)
