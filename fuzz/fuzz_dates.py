"""Coverage-guided fuzzing of the EDTF parser behind :class:`~policytrack.UncertainDate`.

Any text must either parse into a date whose earliest day is not after its latest, or raise
:class:`~policytrack.DateError`; nothing else may escape.

Run it through ``fuzz/run.sh``; ``docs/testing.md`` explains the options.
"""

from __future__ import annotations

import sys

import atheris
import attrs  # noqa: F401 (imported first: it runs uninstrumented, at full speed)
import pendulum  # noqa: F401 (imported first: it runs uninstrumented, at full speed)

with atheris.instrument_imports(include=["policytrack"]):
    from policytrack import DateError, UncertainDate


def TestOneInput(data: bytes) -> None:  # noqa: N802 (the name libFuzzer harnesses use)
    """Parse *data* as an EDTF notation and check the bounds of what parses."""
    notation = data.decode("utf-8", "surrogateescape")
    try:
        date = UncertainDate(notation)
    except DateError:
        return
    if not date.earliest <= date.latest:
        msg = f"{notation!r}: earliest {date.earliest} is after latest {date.latest}"
        raise AssertionError(msg)
    if UncertainDate(date.edtf) != date:
        msg = f"{notation!r} does not parse the same twice"
        raise AssertionError(msg)


if __name__ == "__main__":
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()
