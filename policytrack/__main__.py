"""The ``policytrack`` command and ``python -m policytrack``: the command line, started.

Starting makes thousands of objects that all live as long as the process: the modules of
typer, the model and the analysis a command runs, their classes and functions. The cyclic
collector would walk them again and again, about a twentieth of a start-up, so it is held off
from the first import until the command has loaded its dataset, and what was made by then is
frozen out of its sight (:func:`policytrack.collector.starting`).
"""

from __future__ import annotations

from policytrack.collector import starting


def main() -> None:
    """Run the command line, the cyclic collector held off while it starts."""
    starting()
    from policytrack.cli import main as run  # noqa: PLC0415  (after the pause)

    run()


if __name__ == "__main__":
    main()
