"""The cyclic garbage collector, paused while many long-lived objects are built.

Loading a dataset, reading a cache entry, importing a tracker's file and building a panel each
make hundreds of thousands of small objects that hold no cycles and all live on (or all go
together). The collector would only walk them again and again, each full collection as long as
the build, so it is paused while they are made. The command line's start is the same kind of
work (modules, classes and functions that live as long as the process): the collector is held
off from its first import until its dataset is loaded (:func:`starting`, :func:`started`).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["FREEZE_AFTER", "START_THRESHOLD", "collector_paused", "started", "starting"]

FREEZE_AFTER = 100_000
"""How many objects a build must leave for the collector before they are frozen."""

START_THRESHOLD = 200_000
"""How many objects a start may make before the collector runs (CPython's default: 700)."""

_BEFORE_START: list[tuple[int, ...]] = []
"""The collector's thresholds before :func:`starting`, until :func:`started` restores them."""


def starting() -> None:
    """Hold the cyclic collector off while a program starts, until :func:`started`.

    For the command line only (its entry point calls it before any other import): what a
    start makes (modules, classes, functions, the dataset) lives as long as the process, so
    the collector would only walk it again and again. It is held off, not stopped: a
    command that makes more than :data:`START_THRESHOLD` objects before :func:`started` (one
    that loads no dataset) sets it off as usual, only less often.
    """
    if not _BEFORE_START:
        _BEFORE_START.append(gc.get_threshold())
        gc.set_threshold(START_THRESHOLD, *_BEFORE_START[0][1:])


def started() -> None:
    """Freeze everything alive, then let the collector run as it did before :func:`starting`.

    What is frozen (:func:`gc.freeze`) is never walked again; cyclic garbage among it is kept
    until the process exits.
    """
    gc.freeze()
    if _BEFORE_START:
        gc.set_threshold(*_BEFORE_START.pop())


@contextlib.contextmanager
def collector_paused(*, freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector for the block, and restore it after.

    Args:
        freeze: After a large build (at least :data:`FREEZE_AFTER` new objects), move everything
            alive out of the collector's sight with :func:`gc.freeze`, so later collections do
            not walk the records again. Cyclic garbage not yet collected is then kept until the
            process exits, which is why only the loaders that hand back long-lived records ask
            for it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if freeze and gc.get_count()[0] >= FREEZE_AFTER:
                gc.freeze()
            gc.enable()
