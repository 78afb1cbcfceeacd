"""policytrack's benchmarks: every figure is a ratio to a baseline measured in the same run.

    python benchmarks/run.py              # the full run (first run: ~10 minutes, data cached)
    python benchmarks/run.py --quick      # a smoke test at the smallest sizes, under a minute
    python benchmarks/run.py --markdown   # the same table in Markdown, for docs/performance.md

Each figure is measured against a baseline run in the same process (or, for start-up and
memory, in the same kind of subprocess) right before or after it, and is the median of the
ratios over repeated runs, so a busy or slow machine moves both sides alike. Times are CPU
times (``time.process_time``, and the children's user + system time for subprocesses): on a
shared machine they are disturbed far less than wall time. The cyclic GC is off for both sides
of the loading figures, as policytrack's loader turns it off itself.

Datasets come from ``policytrack.synthesize`` (seed 1) and are cached in ``benchmarks/.cache``
(``--cache``), keyed by the generator's source, so that later runs skip generating them. Nothing
here is run by the test suite; ``--quick`` is meant as a smoke test for CI, and the exit status
is 0 unless ``--strict`` is given and a headline figure misses its target.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import hashlib
import inspect
import itertools
import json
import math
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import attrs
import pendulum

import policytrack as pt
from policytrack.analysis import sweep as _sweep
from policytrack.analysis import timeline as _timeline
from policytrack.model.records import LinkKind, PolicyStatus, Scope
from policytrack.testing.synth import FIRST_YEAR, YEARS, synthetic_jurisdictions

try:
    import numpy as np
except ImportError:  # the NumPy baseline and fast path are skipped
    np = None  # type: ignore[assignment]
try:
    import orjson
except ImportError:  # the second loading floor is skipped
    orjson = None

HERE = Path(__file__).resolve().parent
CPU = time.process_time


# ---------------------------------------------------------------------------------------------
# Figures and the table


@dataclass
class Figure:
    """One line of the table."""

    group: str
    name: str
    size: str
    value: float | None
    target: float | None = None
    unit: str = "x"
    detail: str = ""
    headline: bool = True

    @property
    def status(self) -> str:
        if self.value is None:
            return "n/a"
        if self.target is None:
            return "-"
        return "met" if self.value <= self.target else "MISSED"

    def cells(self) -> list[str]:
        value = "n/a" if self.value is None else f"{self.value:.2f}{self.unit}"
        target = "-" if self.target is None else f"<= {self.target:g}{self.unit}"
        return [self.group, self.name, self.size, value, target, self.status, self.detail]


@dataclass
class Run:
    """Options and results of one run."""

    quick: bool
    repeat: int
    sizes: list[int]
    outcome_sizes: list[int]
    cache: Path
    figures: list[Figure] = field(default_factory=list)
    log: Callable[[str], None] = print

    def add(self, figure: Figure) -> None:
        self.figures.append(figure)
        self.log(f"  {' | '.join(c for c in figure.cells() if c)}")


_HEADERS = ["group", "figure", "size", "value", "target", "status", "measured"]


def _table(figures: list[Figure], markdown: bool) -> str:
    rows = [f.cells() for f in figures]
    if markdown:
        lines = ["| " + " | ".join(_HEADERS) + " |", "|" + "---|" * len(_HEADERS)]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(_HEADERS)]
    fmt = "  ".join(f"{{:{w}}}" for w in widths)
    lines = [fmt.format(*_HEADERS), fmt.format(*("-" * w for w in widths))]
    lines += [fmt.format(*row) for row in rows]
    return "\n".join(lines)


def machine() -> str:
    """The machine and software the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        kb = int(Path("/proc/meminfo").read_text().split("\n")[0].split()[1])
        memory = f", {kb / 1024**2:.0f} GB RAM"
    versions = [f"Python {platform.python_version()}", f"policytrack {pt.__version__}"]
    versions.append(f"NumPy {np.__version__}" if np is not None else "no NumPy")
    versions.append(f"orjson {orjson.__version__}" if orjson is not None else "no orjson")
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} CPUs{memory}; "
        + ", ".join(versions)
    )


# ---------------------------------------------------------------------------------------------
# Timing


@contextlib.contextmanager
def gc_off() -> Iterator[None]:
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def cpu_time(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = CPU()
    result = fn()
    return CPU() - start, result


def median(values: list[float]) -> float:
    return statistics.median(values)


def exponent(sizes: list[int], times: list[float]) -> float:
    """The least-squares slope of log(time) against log(size)."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(t, 1e-9)) for t in times]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def seconds(value: float) -> str:
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def count(n: int) -> str:
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n >= 1000 and n % 1000 == 0:
        return f"{n // 1000}k"
    return str(n)


# ---------------------------------------------------------------------------------------------
# Data


def _generator_key() -> str:
    source = inspect.getsource(sys.modules["policytrack.testing.synth"])
    return hashlib.sha256(source.encode()).hexdigest()[:10]


def dataset_text(run: Run, policies: int, outcomes: int, fmt: str) -> str:
    """The synthetic dataset as machine-format text, generated once and cached."""
    run.cache.mkdir(parents=True, exist_ok=True)
    path = run.cache / f"synthetic-{policies}-{outcomes}-s1-{_generator_key()}.{fmt}"
    if path.exists():
        return path.read_text("utf-8")
    run.log(f"  generating {count(policies)} policies, {count(outcomes)} outcomes -> {path.name}")
    dataset = pt.synthesize(policies=policies, outcomes=outcomes, seed=1)
    text = pt.dumps(dataset, fmt)  # type: ignore[arg-type]
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, "utf-8")
    tmp.replace(path)
    return text


def dataset_path(run: Run, policies: int, outcomes: int, fmt: str) -> Path:
    dataset_text(run, policies, outcomes, fmt)
    return run.cache / f"synthetic-{policies}-{outcomes}-s1-{_generator_key()}.{fmt}"


def fresh(dataset: pt.Dataset) -> pt.Dataset:
    """An equal dataset without the groupings analyses keep on it: each run pays for them."""
    return attrs.evolve(dataset)


# ---------------------------------------------------------------------------------------------
# 1. Loading: policytrack.loads against json.loads (and orjson.loads) of the same bytes


def bench_load(run: Run) -> dict[int, float]:
    run.log("load + validate (machine format, JSON)")
    ours_by_size: dict[int, float] = {}
    for n in run.sizes:
        data = dataset_text(run, n, n, "json").encode("utf-8")
        ratios_json, ratios_orjson, ours_t, json_t = [], [], [], []
        for _ in range(run.repeat):
            gc.collect()
            with gc_off():
                t_json, parsed = cpu_time(lambda: json.loads(data))  # noqa: B023
                del parsed
                t_orjson = None
                if orjson is not None:
                    t_orjson, parsed = cpu_time(lambda: orjson.loads(data))  # noqa: B023
                    del parsed
                t_ours, loaded = cpu_time(lambda: pt.loads(data.decode("utf-8")))  # noqa: B023
                del loaded
            ours_t.append(t_ours)
            json_t.append(t_json)
            ratios_json.append(t_ours / t_json)
            if t_orjson is not None:
                ratios_orjson.append(t_ours / t_orjson)
        ours_by_size[n] = median(ours_t)
        detail = f"{seconds(median(ours_t))} vs json.loads {seconds(median(json_t))}"
        size = f"{count(n)} policies, {count(n)} outcomes ({len(data) / 1e6:.0f} MB)"
        headline = n == max(run.sizes)
        run.add(
            Figure(
                "load",
                "loads() vs json.loads",
                size,
                median(ratios_json),
                2.5,
                detail=detail,
                headline=headline,
            )
        )
        run.add(
            Figure(
                "load",
                "loads() vs orjson.loads",
                size,
                median(ratios_orjson) if ratios_orjson else None,
                2.5,
                detail="orjson not installed" if orjson is None else "",
                headline=headline,
            )
        )
    return ours_by_size


# ---------------------------------------------------------------------------------------------
# 2. The index: policytrack.index for every jurisdiction against a NumPy baseline

_W0 = pendulum.Date(FIRST_YEAR, 1, 1).toordinal()
_W1 = pendulum.Date(FIRST_YEAR + YEARS - 1, 12, 31).toordinal() + 1  # exclusive
_FOREVER = pendulum.Date(9999, 12, 31).toordinal() + 1


def numpy_extract(dataset: pt.Dataset, codebook: pt.Codebook) -> tuple[list[str], Any]:
    """One pass over the policies: a row per measure counted, with its day-ordinal bounds.

    The rules are the methodology's (docs/methodology.md, section 2), under the default start
    rule: start at the effective date or the announcement, stop at the ended date, at the start
    of a policy that supersedes or ends this one, or the day after the start for a policy
    ended on no reported day; proposed and undated policies never count.
    """
    dims = {d.id: i for i, d in enumerate(codebook.dimensions)}
    starts = {}
    for p in dataset.policies:
        start = p.effective or p.announced
        if start is not None:
            starts[p.id] = start
    enders: dict[str, list[pt.UncertainDate]] = {}
    for k in dataset.links:
        if k.kind in (LinkKind.SUPERSEDES, LinkKind.ENDS) and k.from_policy in starts:
            enders.setdefault(k.to_policy, []).append(starts[k.from_policy])
    codes: dict[str, int] = {}
    rows = []
    for p in dataset.policies:
        start = starts.get(p.id)
        if p.status is PolicyStatus.PROPOSED or start is None:
            continue
        s_lo, s_hi = start.earliest.toordinal(), start.latest.toordinal()
        if p.ended is not None:
            e_lo, e_hi = p.ended.earliest.toordinal(), p.ended.latest.toordinal()
        elif p.id in enders:
            e_lo = min(d.earliest.toordinal() for d in enders[p.id])
            e_hi = min(d.latest.toordinal() for d in enders[p.id])
        elif p.status in (PolicyStatus.ENDED, PolicyStatus.SUPERSEDED):
            e_lo, e_hi = s_hi + 1, _FOREVER
        else:
            e_lo = e_hi = _FOREVER
        code = codes.setdefault(p.jurisdiction, len(codes))
        for m in p.measures:
            d = dims.get(m.dimension)
            if d is not None:
                rows.append((code, d, m.level, m.scope is Scope.GENERAL, s_lo, s_hi, e_lo, e_hi))
    return list(codes), np.array(rows, dtype=np.int64).reshape(-1, 8)


def numpy_kernel(
    codes: list[str], rows: Any, codebook: pt.Codebook, targets: list[str]
) -> dict[str, tuple[Any, Any]]:
    """Daily composite (earliest and latest series) per jurisdiction, from difference arrays.

    For each jurisdiction and series: +1 on a measure's first day and -1 on its first day out,
    per dimension, level and scope; cumulative sums over the days give the measures in force;
    the level is the highest with one in force, general if a general one is; the composite is
    the weighted mean of the sub-indices, unknown dimensions counted as 0.
    """
    dims = codebook.dimensions
    top = max(d.max_level for d in dims)
    max_level = np.array([d.max_level for d in dims])
    flag = np.array([d.flag for d in dims])
    weights = np.array([codebook.weights[d.id] for d in dims])
    days = _W1 - _W0
    out = {}
    for j in targets:
        applies = np.array([_timeline.applies_in(c, j, subdivisions=True) for c in codes])
        local = np.array([c != j and c.startswith(j + "-") for c in codes])
        mine = rows[applies[rows[:, 0]]] if len(codes) else rows
        dim = mine[:, 1]
        level = np.minimum(mine[:, 2], max_level[dim])
        general = (mine[:, 3] == 1) & ~(local[mine[:, 0]] & flag[dim])
        series = []
        # earliest: start_lo..end_hi; latest: start_hi..end_lo
        for lo_col, hi_col in ((4, 7), (5, 6)):
            keep = mine[:, hi_col] > mine[:, lo_col]
            lo = np.clip(mine[keep, lo_col], _W0, _W1) - _W0
            hi = np.clip(mine[keep, hi_col], _W0, _W1) - _W0
            d, lv, g = dim[keep], level[keep], general[keep].astype(np.int64)
            diff = np.zeros((len(dims), top + 1, 2, days + 1), dtype=np.int32)
            np.add.at(diff, (d, lv, g, lo), 1)
            np.add.at(diff, (d, lv, g, hi), -1)
            in_force = np.cumsum(diff, axis=3)[..., :days]
            first = np.full(len(dims), days)
            np.minimum.at(first, d, lo)
            present = in_force.sum(axis=2) > 0
            at = np.where(present.any(axis=1), top - np.argmax(present[:, ::-1, :], axis=1), 0)
            is_general = np.take_along_axis(in_force[:, :, 1, :], at[:, None, :], axis=1)[:, 0] > 0
            penalty = np.where(flag[:, None] & ~is_general, 0.5, 0.0)
            sub = np.where(at > 0, 100.0 * (at - penalty) / max_level[:, None], 0.0)
            known = np.arange(days)[None, :] >= first[:, None]
            composite = (weights[:, None] * np.where(known, sub, 0.0)).sum(0) / weights.sum()
            series.append(np.where(known.any(axis=0), composite, np.nan))
        out[j] = (series[0], series[1])
    return out


def _agree(ours: dict[str, Any], baseline: dict[str, tuple[Any, Any]]) -> int:
    """How many sampled (jurisdiction, day, series) values differ between the two."""
    rng = random.Random(0)
    wrong = 0
    for j, idx in ours.items():
        for _ in range(40):
            offset = rng.randrange(_W1 - _W0)
            day = pendulum.Date.fromordinal(_W0 + offset)
            for s, series in enumerate((pt.Series.EARLIEST, pt.Series.LATEST)):
                value, expected = idx.value(day, series), baseline[j][s][offset]
                if (value is None) != bool(np.isnan(expected)) or (
                    value is not None and abs(value - expected) > 1e-9
                ):
                    wrong += 1
    return wrong


@contextlib.contextmanager
def pure_sweep() -> Iterator[None]:
    """Timelines swept in pure Python whatever their size (the reference path)."""
    saved = _sweep.uses_numpy
    _sweep.uses_numpy = lambda measures: False  # type: ignore[assignment]
    try:
        yield
    finally:
        _sweep.uses_numpy = saved  # type: ignore[assignment]


def bench_index(run: Run) -> dict[int, float]:
    run.log("index: every jurisdiction's composite timeline (both series)")
    codebook = pt.bundled_codebook()
    targets = synthetic_jurisdictions(50)
    ours_by_size: dict[int, float] = {}
    for n in run.sizes:
        dataset = pt.loads(dataset_text(run, n, n, "json"))
        size = f"{count(n)} policies x 50 jurisdictions x 25 years"
        headline = n == max(run.sizes)
        ours_t, pure_t, base_t, kernel_t = [], [], [], []
        ratios, pure_ratios, kernel_ratios = [], [], []
        wrong = 0
        for _ in range(run.repeat):
            copies = [fresh(dataset) for _ in range(2)]
            gc.collect()
            with gc_off():
                t_ours, result = cpu_time(
                    lambda c=copies[0]: {j: pt.index(c, j, codebook=codebook) for j in targets}
                )
                with pure_sweep():
                    t_pure, _ = cpu_time(
                        lambda c=copies[1]: [pt.index(c, j, codebook=codebook) for j in targets]
                    )
                if np is not None:
                    t_extract, (codes, rows) = cpu_time(lambda: numpy_extract(dataset, codebook))  # noqa: B023
                    t_kernel, baseline = cpu_time(
                        lambda: numpy_kernel(codes, rows, codebook, targets)  # noqa: B023
                    )
                    wrong = max(wrong, _agree(result, baseline))
                    base_t.append(t_extract + t_kernel)
                    kernel_t.append(t_kernel)
                    ratios.append(t_ours / (t_extract + t_kernel))
                    pure_ratios.append(t_pure / (t_extract + t_kernel))
                    kernel_ratios.append(t_ours / t_kernel)
            ours_t.append(t_ours)
            pure_t.append(t_pure)
            del copies, result
        ours_by_size[n] = median(ours_t)
        if np is None:
            run.add(
                Figure("index", "index() vs NumPy", size, None, 2, detail="NumPy not installed")
            )
            continue
        agreement = "values agree" if not wrong else f"{wrong} sampled values DIFFER"
        run.add(
            Figure(
                "index",
                "index(), fast path, vs NumPy (records to daily arrays)",
                size,
                median(ratios),
                2,
                detail=f"{seconds(median(ours_t))} vs {seconds(median(base_t))}; {agreement}",
                headline=headline,
            )
        )
        run.add(
            Figure(
                "index",
                "index(), pure path, vs the same",
                size,
                median(pure_ratios),
                None,
                detail=f"{seconds(median(pure_t))}",
                headline=False,
            )
        )
        run.add(
            Figure(
                "index",
                "index(), fast path, vs NumPy's arrays alone",
                size,
                median(kernel_ratios),
                2,
                detail=f"arrays {seconds(median(kernel_t))} of the baseline's "
                f"{seconds(median(base_t))}",
                headline=headline,
            )
        )
    return ours_by_size


# ---------------------------------------------------------------------------------------------
# 3. Analyses over many outcomes: time and growth


def _analyses(dataset: pt.Dataset, codebook: pt.Codebook) -> dict[str, Callable[[], Any]]:
    first, second = dataset.policies[0].id, dataset.policies[-1].id
    platform_id = dataset.platforms[0].id
    d = pendulum.Date
    return {
        "escalation(CN)": lambda: pt.escalation(dataset, "CN", codebook=codebook),
        "compare_policies": lambda: pt.compare_policies(dataset, first, second, codebook=codebook),
        "compare_periods(CN, 2005-09 vs 2015-19)": lambda: pt.compare_periods(
            dataset,
            "CN",
            (d(2005, 1, 1), d(2009, 12, 31)),
            (d(2015, 1, 1), d(2019, 12, 31)),
            codebook=codebook,
        ),
        "compare_jurisdictions(CN, CN-SH)": lambda: pt.compare_jurisdictions(
            dataset, "CN", "CN-SH", codebook=codebook
        ),
        "platform_timeline": lambda: pt.platform_timeline(dataset, platform_id),
        "outcome_totals(by metric)": lambda: pt.outcome_totals(dataset),
        "outcome_totals(by place)": lambda: pt.outcome_totals(dataset, by=pt.GroupBy.PLACE),
    }


def bench_analyses(run: Run) -> None:
    run.log("analyses over many outcomes (policies = outcomes / 10)")
    codebook = pt.bundled_codebook()
    times: dict[str, list[float]] = {}
    for n in run.outcome_sizes:
        dataset = pt.loads(dataset_text(run, n // 10, n, "ndjson"), "ndjson")
        for name in _analyses(dataset, codebook):
            samples = []
            for _ in range(max(run.repeat - 2, 1) if n >= 1_000_000 else run.repeat):
                copy = fresh(dataset)
                gc.collect()
                with gc_off():
                    t, _ = cpu_time(_analyses(copy, codebook)[name])
                samples.append(t)
            times.setdefault(name, []).append(median(samples))
        del dataset
    sizes = run.outcome_sizes
    for name, values in times.items():
        steps = ", ".join(f"{count(s)}: {seconds(t)}" for s, t in zip(sizes, values, strict=True))
        growth = " / ".join(f"x{b / a:.1f}" for a, b in itertools.pairwise(values))
        run.add(
            Figure(
                "analyses",
                f"{name}: growth exponent",
                " -> ".join(count(s) for s in sizes) + " outcomes",
                exponent(sizes, values),
                None,  # no target: the time and its growth are reported
                unit="",
                detail=f"{steps} (growth {growth} per x10)",
            )
        )


# ---------------------------------------------------------------------------------------------
# 4. Start-up: the command line against a minimal Typer app with the same commands


def minimal_app(path: Path) -> int:
    """Write a Typer app with policytrack's command tree (same names, groups) and nothing else.

    It is configured as policytrack's app is (no rich markup, no pretty exceptions), so the
    difference is what policytrack itself loads and builds.
    """
    import typer

    from policytrack.cli import app

    lines = [
        "import typer",
        "",
        "app = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False)",
    ]

    def walk(group: Any, var: str) -> None:
        for name, command in sorted(group.commands.items()):
            if hasattr(command, "commands"):
                sub = f"group_{len(lines)}"
                lines.append(f"{sub} = typer.Typer(help='A group.')")
                lines.append(f"{var}.add_typer({sub}, name={name!r})")
                walk(command, sub)
            else:
                lines.append(
                    f"@{var}.command({name!r})\ndef command_{len(lines)}() -> None:\n"
                    "    '''A command.'''\n"
                )

    walk(typer.main.get_command(app), "app")
    lines.append("if __name__ == '__main__':\n    app()\n")
    path.write_text("\n".join(lines), "utf-8")
    return sum(1 for line in lines if ".command(" in line)


def _child_cpu(command: list[str], env: dict[str, str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


ESCALATION_ARGS = ("--jurisdiction", "CN", "--from", "2012", "--to", "2023")
"""The start-up figure's query: the bundled dataset's whole span, printed to a pipe."""


def bench_startup(run: Run) -> None:
    run.log("start-up: the command line against a minimal Typer app")
    with tempfile.TemporaryDirectory() as tmp:
        mini = Path(tmp) / "minimal.py"
        commands_count = minimal_app(mini)
        env = dict(os.environ)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")  # bytecode cached, as installed
        env["NO_COLOR"] = "1"
        script = Path(sys.executable).with_name("policytrack")
        entry = [str(script)] if script.exists() else [sys.executable, "-m", "policytrack"]
        commands = {
            "mini": [sys.executable, str(mini), "--help"],
            "help": [*entry, "--help"],
            "escalation": [*entry, "escalation", *ESCALATION_ARGS],
        }
        for command in commands.values():  # warm the bytecode cache and the file cache
            _child_cpu(command, env)
        samples: dict[str, list[float]] = {k: [] for k in commands}
        for _ in range(15 if not run.quick else 5):
            for key, command in commands.items():
                samples[key].append(_child_cpu(command, env))
    mini_t = samples["mini"]
    # An installed wheel reads the bundled dataset packed into one JSON file; an editable
    # install reads the TOML tree (see docs/performance.md).
    packed = subprocess.run(
        [
            sys.executable,
            "-P",
            "-c",
            "import policytrack.storage.loader as s; print(s._packed().is_file())",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    bundled = "bundled dataset, " + ("packed JSON" if packed == "True" else "TOML tree")
    for key, name, target in (
        ("help", "policytrack --help vs minimal app --help", 1.15),
        ("escalation", "policytrack escalation (bundled) vs minimal app --help", 2.0),
    ):
        ratios = [a / b for a, b in zip(samples[key], mini_t, strict=True)]
        run.add(
            Figure(
                "start-up",
                name,
                bundled if key == "escalation" else f"{commands_count} commands",
                median(ratios),
                target,
                detail=f"{seconds(median(samples[key]))} vs {seconds(median(mini_t))} CPU",
            )
        )


# ---------------------------------------------------------------------------------------------
# 4b. The compiled cache: the third query on a dataset against the first


CACHE_QUERY = ("index", "-j", "CN")
"""The cache figure's query, on the largest synthetic dataset."""


def _child_run(command: list[str], env: dict[str, str]) -> tuple[float, bytes]:
    """A subprocess's CPU time (user + system) and its standard output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(command, capture_output=True, env=env, check=True).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), out


def bench_cache(run: Run) -> None:
    run.log("compiled cache: the third `index -j CN` against the first")
    n = max(run.sizes)
    path = dataset_path(run, n, n, "json")
    script = Path(sys.executable).with_name("policytrack")
    entry = [str(script)] if script.exists() else [sys.executable, "-m", "policytrack"]
    query = [*entry, "--data", str(path), *CACHE_QUERY]
    ratios, plain_ratios, firsts, thirds, plains = [], [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, POLICYTRACK_CACHE_DIR=str(Path(tmp) / "cache"), NO_COLOR="1")
        env.pop("POLICYTRACK_CACHE", None)
        for _ in range(max(1, run.repeat // 2)):
            shutil.rmtree(Path(tmp) / "cache", ignore_errors=True)
            plain, expected = _child_run([*entry, "--no-cache", *query[len(entry) :]], env)
            first, out1 = _child_run(query, env)
            _, out2 = _child_run(query, env)
            third, out3 = _child_run(query, env)
            if not out1 == out2 == out3 == expected:
                msg = "a cached answer differs from the uncached one"
                raise AssertionError(msg)
            ratios.append(third / first)
            plain_ratios.append(third / plain)
            firsts.append(first)
            thirds.append(third)
            plains.append(plain)
    size = f"{count(n)} policies, {count(n)} outcomes"
    run.add(
        Figure(
            "cache",
            "third `index -j CN` vs the first (cold, writes the entry)",
            size,
            median(ratios),
            0.1,
            detail=f"{seconds(median(thirds))} vs {seconds(median(firsts))} CPU",
        )
    )
    run.add(
        Figure(
            "cache",
            "third `index -j CN` vs one with --no-cache",
            size,
            median(plain_ratios),
            None,
            detail=f"{seconds(median(thirds))} vs {seconds(median(plains))} CPU",
            headline=False,
        )
    )


# ---------------------------------------------------------------------------------------------
# 5. Memory: peak RSS holding the loaded dataset against holding the parsed JSON

# The peak is read from /proc (VmHWM): ru_maxrss would carry this process's own peak over to
# a child through fork.
_PEAK = """
def peak_kb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""
_HOLD_OURS = (
    _PEAK
    + """
import sys
import policytrack
dataset = policytrack.load(sys.argv[1])
print(peak_kb())
"""
)
_HOLD_JSON = (
    _PEAK
    + """
import json, sys
from pathlib import Path
data = json.loads(Path(sys.argv[1]).read_bytes())
print(peak_kb())
"""
)


def _peak_kb(code: str, path: Path) -> int:
    out = subprocess.run(
        [sys.executable, "-P", "-c", code, str(path)], capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip().splitlines()[-1])


def bench_memory(run: Run) -> None:
    run.log("memory: peak RSS")
    n = max(run.sizes)
    path = dataset_path(run, n, n, "json")
    ours = min(_peak_kb(_HOLD_OURS, path) for _ in range(2 if not run.quick else 1))
    parsed = min(_peak_kb(_HOLD_JSON, path) for _ in range(2 if not run.quick else 1))
    run.add(
        Figure(
            "memory",
            "peak RSS: load() vs json.loads (data held)",
            f"{count(n)} policies, {count(n)} outcomes",
            ours / parsed,
            0.6,
            detail=f"{ours / 1024:.0f} MB vs {parsed / 1024:.0f} MB",
        )
    )


# ---------------------------------------------------------------------------------------------
# 6. Scaling


def scaling(run: Run, name: str, by_size: dict[int, float]) -> None:
    sizes = sorted(by_size)
    if len(sizes) < 2:
        return
    times = [by_size[s] for s in sizes]
    run.add(
        Figure(
            "scaling",
            f"{name}: exponent of time against size",
            " -> ".join(count(s) for s in sizes) + " policies",
            exponent(sizes, times),
            1.15,
            unit="",
            detail=", ".join(
                f"{count(s)}: {seconds(t)}" for s, t in zip(sizes, times, strict=True)
            ),
        )
    )


# ---------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="the smallest sizes: a smoke test")
    parser.add_argument("--sizes", help="policy counts for loading, the index and scaling")
    parser.add_argument("--outcomes", help="outcome counts for the analyses")
    parser.add_argument("--repeat", type=int, help="runs per figure (the median is reported)")
    parser.add_argument("--cache", type=Path, default=HERE / ".cache", help="generated datasets")
    parser.add_argument(
        "--only", help="comma-separated groups: load,index,analyses,startup,cache,memory"
    )
    parser.add_argument("--markdown", action="store_true", help="print the table in Markdown")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a headline target misses")
    args = parser.parse_args(argv)

    sizes = [1000, 3000] if args.quick else [1000, 10_000, 100_000]
    outcome_sizes = [1000, 10_000] if args.quick else [10_000, 100_000, 1_000_000]
    if args.sizes:
        sizes = [int(s) for s in args.sizes.split(",")]
    if args.outcomes:
        outcome_sizes = [int(s) for s in args.outcomes.split(",")]
    run = Run(
        quick=args.quick,
        repeat=args.repeat or (3 if args.quick else 5),
        sizes=sizes,
        outcome_sizes=outcome_sizes,
        cache=args.cache,
        log=lambda line: print(line, file=sys.stderr, flush=True),
    )
    groups = set((args.only or "load,index,analyses,startup,cache,memory").split(","))
    started = time.perf_counter()
    load_times = bench_load(run) if "load" in groups else {}
    index_times = bench_index(run) if "index" in groups else {}
    if "analyses" in groups:
        bench_analyses(run)
    if "startup" in groups:
        bench_startup(run)
    if "cache" in groups:
        bench_cache(run)
    if "memory" in groups:
        bench_memory(run)
    scaling(run, "load", load_times)
    scaling(run, "index", index_times)

    command = "python benchmarks/run.py " + " ".join(argv if argv is not None else sys.argv[1:])
    print(f"Machine: {machine()}")
    print(f"Command: {command.strip()} ({time.perf_counter() - started:.0f} s)")
    print()
    print(_table(run.figures, args.markdown))
    missed = [f for f in run.figures if f.headline and f.status == "MISSED"]
    if missed:
        print()
        names = "; ".join(f"{f.group}: {f.name} ({f.size})" for f in missed)
        print(textwrap.fill(f"Missed: {names}", width=100))
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
