"""Where the time of two figures in docs/performance.md goes: loading, and start-up.

    python benchmarks/breakdown.py load FILE.json   # scanning, building, checking vs json.loads
    python -P benchmarks/breakdown.py startup       # what `policytrack escalation` imports
    python benchmarks/breakdown.py index FILE.json  # a profile of index() for 50 jurisdictions
    python benchmarks/breakdown.py totals FILE      # a profile of outcome_totals()

``load`` times, on the same text and with the cyclic GC off, json.loads; policytrack's fast
path with each record left as parsed (the scan alone); the full fast path; check() on the
result; and loads(), each the best of seven runs, as multiples of json.loads. ``startup``
imports, step by step in one process, what ``policytrack escalation`` on the bundled dataset
imports and runs, and prints each step's process time; run it a few times, the first run
compiles bytecode. Run with ``-P`` so that the installed package is measured, not a source tree
in the working directory. ``index`` and ``totals`` print the functions that take the most time
of their own under cProfile (which slows small functions more than large ones: read shares, not
times).
"""

from __future__ import annotations

import gc
import itertools
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

CPU = time.process_time


def _best(fn: Callable[[], Any], runs: int = 7) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        gc.collect()
        gc.disable()
        start = CPU()
        result = fn()
        times.append(CPU() - start)
        gc.enable()
    return min(times), result


def count(entries: Any) -> int:
    """How many entries an iterator yields, consuming it."""
    return sum(1 for _ in entries)


def load(path: str) -> None:
    """Print the parts of loads() on *path* as multiples of json.loads."""
    import policytrack as pt
    from policytrack.model.checks import check
    from policytrack.model.dataset import COLLECTIONS
    from policytrack.storage import jsonstream, loader

    text = Path(path).read_text("utf-8")
    collections = frozenset(COLLECTIONS)
    floor, _ = _best(lambda: json.loads(text))
    # Scanning alone: each record's data as parsed, built into nothing.
    window = jsonstream.Window
    scan, _ = _best(lambda: count(jsonstream.json_records(window(text), path, collections)))
    full, built = _best(
        lambda: loader._build(loader._read_text(text, path, "json", []), path, [], set())
    )
    assert not built.problems, "the file has problems"
    codebook = pt.load_codebook(built.dataset.info.codebook)
    checked, _ = _best(lambda: check(built.dataset, codebook, origins=built.origins))
    whole, _ = _best(lambda: pt.loads(text, "json"))
    print(f"json.loads {floor * 1000:.0f} ms; as multiples of it (best of 7, GC off):")
    for name, value in (
        ("scanning the records", scan),
        ("building the records", full - scan),
        ("check()", checked),
        ("loads(), all of it", whole),
    ):
        print(f"  {name:<22} {value / floor:.2f}x")
    # With the GC on, as users run it: the first full collection after the load walks every
    # record unless the loader froze them.
    frozen = min(_collection_after(text, freeze=True) for _ in range(3))
    walked = min(_collection_after(text, freeze=False) for _ in range(3))
    print(
        f"a full collection after loads(), GC on: {frozen * 1000:.1f} ms with the records "
        f"frozen, {walked * 1000:.1f} ms without"
    )


def _collection_after(text: str, *, freeze: bool) -> float:
    """The process time of gc.collect() right after loads(text) with the GC on."""
    import policytrack as pt
    from policytrack.storage import loader

    saved = loader._FREEZE
    loader._FREEZE = saved if freeze else sys.maxsize
    gc.enable()
    gc.collect()
    try:
        dataset = pt.loads(text)
        start = CPU()
        gc.collect()
        took = CPU() - start
        del dataset
    finally:
        loader._FREEZE = saved
        gc.unfreeze()
    return took


def startup() -> None:
    """Print the process time of each step of `policytrack escalation` on the bundled data.

    The cyclic collector is held off from the first import to the loaded dataset, as the
    command's entry point holds it (policytrack.__main__).
    """
    from policytrack.collector import started, starting

    starting()
    marks = [("", CPU())]

    def mark(name: str) -> None:
        marks.append((name, CPU()))

    import typer  # noqa: F401

    mark("typer")
    import policytrack.cli

    mark("command modules")
    import attrs  # noqa: F401

    mark("attrs")
    import pendulum  # noqa: F401

    mark("pendulum")
    import policytrack.model.dataset
    import policytrack.model.records

    mark("model classes")
    import policytrack.analysis.escalation

    mark("analysis modules")
    import policytrack.storage.loader

    mark("storage, checks")
    dataset = policytrack.storage.loader.load_bundled()
    started()
    mark("load_bundled")
    import policytrack as pt

    pt.escalation(dataset, "CN", codebook=pt.bundled_codebook())
    mark("escalation()")
    steps = [(name, b - a) for (_, a), (name, b) in itertools.pairwise(marks)]
    print(" | ".join(f"{name} {1000 * t:.0f}" for name, t in steps), end=" | ")
    packed = policytrack.storage.loader._packed().is_file()
    print(f"total {1000 * (marks[-1][1] - marks[0][1]):.0f} ms (bundled data packed: {packed})")


def profile(what: str, path: str) -> None:
    """Print a cProfile of index() over 50 jurisdictions, or of outcome_totals(), on *path*."""
    import cProfile
    import pstats

    import policytrack as pt

    sys.path.insert(0, str(Path(__file__).parent))
    from run import synthetic_jurisdictions

    dataset = pt.load(path)
    codebook = pt.bundled_codebook()
    if what == "index":
        targets = synthetic_jurisdictions(50)
        run: Callable[[], Any] = lambda: [pt.index(dataset, j, codebook=codebook) for j in targets]  # noqa: E731
    else:
        run = lambda: pt.outcome_totals(dataset)  # noqa: E731
    gc.disable()
    profiler = cProfile.Profile()
    profiler.runcall(run)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(10)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "load":
        load(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] in ("index", "totals"):
        profile(sys.argv[1], sys.argv[2])
    elif sys.argv[1:] == ["startup"]:
        startup()
    else:
        sys.exit(__doc__)
