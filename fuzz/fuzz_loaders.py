"""Coverage-guided fuzzing of the machine-format and codebook loaders with atheris.

Each input is decoded as UTF-8 (bytes that are not become lone surrogates, as a careless caller
might pass them) and fed to ``loads()`` as JSON and as NDJSON, and to ``loads_codebook()``.
Success is fine; so is a :class:`~policytrack.PolicytrackError` whose problems are located. Any
other exception is a crash libFuzzer reports with the input that caused it.

Run it through ``fuzz/run.sh``; ``docs/testing.md`` explains the options.
"""

from __future__ import annotations

import sys

import atheris
import attrs  # noqa: F401 (imported first: it runs uninstrumented, at full speed)
import cattrs  # noqa: F401 (imported first: it runs uninstrumented, at full speed)
import pendulum  # noqa: F401 (imported first: it runs uninstrumented, at full speed)

with atheris.instrument_imports(include=["policytrack", "tomllib"]):
    from policytrack.storage.loader import loads
    from policytrack.storage.resources import bundled_codebook, loads_codebook

from _checks import allow_only_policytrack_errors

CODEBOOK = bundled_codebook()


def TestOneInput(data: bytes) -> None:  # noqa: N802 (the name libFuzzer harnesses use)
    """Load *data* as a dataset in both machine formats and as a codebook."""
    text = data.decode("utf-8", "surrogateescape")
    allow_only_policytrack_errors(lambda: loads(text, "json", name="<fuzz>", codebook=CODEBOOK))
    allow_only_policytrack_errors(lambda: loads(text, "ndjson", name="<fuzz>", codebook=CODEBOOK))
    allow_only_policytrack_errors(lambda: loads_codebook(text, name="<fuzz>"))
    if data[:1] == b"{" and b'"codebook"' in data:
        # The dataset's own codebook, by id or path: the lookup must fail cleanly too.
        allow_only_policytrack_errors(lambda: loads(text, "json", name="<fuzz>"))


if __name__ == "__main__":
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()
