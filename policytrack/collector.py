"""The cyclic garbage collector, paused while many long-lived objects are built.

Loading a dataset, reading a cache entry, importing a tracker's file and building a panel each
make hundreds of thousands of small objects that hold no cycles and all live on (or all go
together). The collector would only walk them again and again, each full collection as long as
the build, so it is paused while they are made.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["FREEZE_AFTER", "collector_paused"]

FREEZE_AFTER = 100_000
"""How many objects a build must leave for the collector before they are frozen."""


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
