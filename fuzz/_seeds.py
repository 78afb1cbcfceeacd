"""Write a starting corpus for each harness: valid inputs libFuzzer mutates from.

Usage: ``python fuzz/_seeds.py DIRECTORY`` writes ``DIRECTORY/<harness>/<n>``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from _small import small_dataset

from policytrack import dump, dumps
from policytrack.storage.loader import bundled_path

CODEBOOK = Path(__file__).parents[1] / "policytrack" / "codebooks" / "internet-controls.toml"
DATES = [
    "2012",
    "2012-12",
    "2012-12-28",
    "2012-12-28~",
    "201X",
    "19XX",
    "2012-XX-XX",
    "2013-24",
    "2012-12-28/2013-01",
    "../2012-12",
    "2013-09/..",
    "2023-07-15/",
]


def seeds() -> dict[str, list[bytes]]:
    """The seed inputs of each harness, by harness name."""
    small = small_dataset()
    with tempfile.TemporaryDirectory() as tmp:
        dump(small, tmp)
        files = sorted(Path(tmp).rglob("*.toml"))
        tree = [bytes([i]) + path.read_bytes() for i, path in enumerate(files)]
    return {
        "loaders": [
            dumps(small, "json").encode("utf-8"),
            dumps(small, "ndjson").encode("utf-8"),
            CODEBOOK.read_bytes(),
            (bundled_path() / "dataset.toml").read_bytes(),
        ],
        "tree": tree,
        "dates": [d.encode("utf-8") for d in DATES],
    }


def main(directory: str) -> None:
    """Write every harness's seeds under *directory*, keeping what is already there."""
    for harness, inputs in seeds().items():
        folder = Path(directory, harness)
        folder.mkdir(parents=True, exist_ok=True)
        for n, data in enumerate(inputs):
            (folder / f"seed-{n}").write_bytes(data)


if __name__ == "__main__":
    main(sys.argv[1])
