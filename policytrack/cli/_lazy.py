"""Modules the command line's dependencies import but a command seldom uses, loaded on first use.

typer imports ``platform`` for one question about the shell, and pendulum imports dateutil's
parser as a fallback for strings that are not ISO 8601; neither is used by a command that
answers a query, yet together they cost a few milliseconds of every start. Each is put in
``sys.modules`` as a lazy module (``importlib.util.LazyLoader``): it is found now and executed
on its first attribute access, so a caller that uses it gets the same module.
"""

from __future__ import annotations

import importlib.util
import sys

DEFERRED = ("platform", "dateutil.parser")
"""The modules deferred, in the order they are set up."""


def defer(names: tuple[str, ...] = DEFERRED) -> None:
    """Make each module in *names* load on first use, unless it is imported already."""
    for name in names:
        if name in sys.modules:
            continue
        spec = importlib.util.find_spec(name)  # imports the parent package, if any
        if spec is None or spec.loader is None:
            continue
        loader = importlib.util.LazyLoader(spec.loader)
        spec.loader = loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        loader.exec_module(module)
        parent, _, child = name.rpartition(".")
        if parent:
            setattr(sys.modules[parent], child, module)
