"""Coverage-guided fuzzing of ``load()`` on a curated TOML tree with one file replaced.

The tree is a small dataset cut from the bundled one. The input's first byte chooses a file of
the tree; the rest of the input replaces that file's bytes (any bytes: not UTF-8, not TOML,
TOML of the wrong shape). Loading must succeed or raise a located
:class:`~policytrack.PolicytrackError`, and a :class:`~policytrack.DataError` must name the
replaced file among its problems.

Run it through ``fuzz/run.sh``; ``docs/testing.md`` explains the options.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris
import attrs  # noqa: F401 (imported first: it runs uninstrumented, at full speed)
import cattrs  # noqa: F401 (imported first: it runs uninstrumented, at full speed)
import pendulum  # noqa: F401 (imported first: it runs uninstrumented, at full speed)

# The TOML parser is left uninstrumented here (fuzz_loaders.py covers it): it runs ten times
# faster, and the tree has ten files to parse for every input.
with atheris.instrument_imports(include=["policytrack"]):
    from policytrack import DataError, bundled_codebook, dump, load

from _checks import allow_only_policytrack_errors
from _small import small_dataset

ROOT = Path(tempfile.mkdtemp(prefix="policytrack-fuzz-tree-"))
dump(small_dataset(), ROOT)
FILES = sorted(p for p in ROOT.rglob("*.toml"))
ORIGINAL = {p: p.read_bytes() for p in FILES}
CODEBOOK = bundled_codebook()


def TestOneInput(data: bytes) -> None:  # noqa: N802 (the name libFuzzer harnesses use)
    """Replace one file of the tree with *data* after its first byte, load, and restore it."""
    if not data:
        return
    path = FILES[data[0] % len(FILES)]
    path.write_bytes(data[1:])
    try:
        error = allow_only_policytrack_errors(lambda: load(ROOT, codebook=CODEBOOK))
        if isinstance(error, DataError) and not any(p.file == str(path) for p in error.problems):
            msg = f"no problem names {path}: {error}"
            raise AssertionError(msg)
    finally:
        path.write_bytes(ORIGINAL[path])


if __name__ == "__main__":
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()
