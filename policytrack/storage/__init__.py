"""Files in and out: the converter, the fast builder, loading, dumping, resources, atomic writes.

Imports the model; imported by the analyses' edges and the command line, never by the model.
"""

from __future__ import annotations

import importlib
import importlib.util
import warnings
from typing import Any

_HOMES = (
    "policytrack.storage.loader",
    "policytrack.storage.dumper",
    "policytrack.storage.resources",
)
"""Where the names of release 0.1's ``policytrack.storage`` module live now."""


def __getattr__(name: str) -> Any:
    # Release 0.1 had a module ``policytrack.storage``; its public names are served from
    # their new modules for one more release.
    if name.startswith("_") or importlib.util.find_spec(f"{__name__}.{name}") is not None:
        raise AttributeError(name)  # a submodule not imported yet: the import system loads it
    for home in _HOMES:
        module = importlib.import_module(home)
        if name in getattr(module, "__all__", ()):
            break
    else:
        msg = f"module 'policytrack.storage' has no attribute {name!r}"
        raise AttributeError(msg)
    warnings.warn(
        f"policytrack.storage.{name} moved to {home}.{name} (or policytrack."
        f"{name}) in policytrack 0.2; the old path goes in 0.3",
        DeprecationWarning,
        stacklevel=2,
    )
    return getattr(module, name)
