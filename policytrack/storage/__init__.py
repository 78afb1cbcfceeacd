"""Files in and out: the converter, the fast builder, loading, dumping, atomic writes.

Imports the model; imported by the analyses' edges and the command line, never by the model.
"""

from __future__ import annotations

import importlib
import warnings
from typing import Any


def __getattr__(name: str) -> Any:
    # Release 0.1 had a module ``policytrack.storage``; its names are served from
    # ``policytrack.storage.loader`` for one more release.
    if name.startswith("__"):
        raise AttributeError(name)
    module = importlib.import_module("policytrack.storage.loader")
    try:
        value = getattr(module, name)
    except AttributeError:
        msg = f"module 'policytrack.storage' has no attribute {name!r}"
        raise AttributeError(msg) from None
    warnings.warn(
        f"policytrack.storage.{name} moved to policytrack.storage.loader.{name} (or policytrack."
        f"{name}) in policytrack 0.2; the old path goes in 0.3",
        DeprecationWarning,
        stacklevel=2,
    )
    return value
