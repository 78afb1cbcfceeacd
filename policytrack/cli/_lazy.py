"""Modules the command line's dependencies import but a command seldom uses, loaded on first use.

pendulum imports dateutil's parser (with dateutil's time zones, ``decimal`` and ``ctypes``) as a
fallback for strings that are not ISO 8601, a few milliseconds of every start that no command
answering a query uses. It is put in ``sys.modules`` as a lazy module
(``importlib.util.LazyLoader``): found now, executed on its first attribute access, so a caller
that uses it gets the same module.

Only a module reached as an attribute of its package (``from dateutil import parser``) stays
lazy: an ``import`` statement naming it reads its ``__spec__``, which executes it. That is why
``platform`` is not here: typer imports it by name, and attrs calls it as it is imported.
"""

from __future__ import annotations

import importlib.util
import sys

DEFERRED = ("dateutil.parser",)
"""The modules deferred."""


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
