"""Pack the bundled dataset into one JSON file in the wheel, beside its curated TOML tree.

Every command on the bundled dataset reads it: parsing 110 small TOML files took 30 ms of a
40 ms load, reading the same records from one JSON file about 5 ms (``docs/performance.md``).
The tree stays the source of truth and ships too; this file is derived from it at build time,
and ``tests/storage/test_load.py`` checks that both load to the same dataset.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

# policytrack.model.dataset.COLLECTIONS, in its order (the build cannot import the package; a test
# keeps the two equal).
COLLECTIONS = ("sources", "agencies", "platforms", "policies", "links", "outcomes", "claims")


def pack(root: Path) -> str:
    """The dataset in the curated tree at *root* as one JSON text, records in the tree's order."""
    data: dict[str, Any] = {"info": tomllib.loads((root / "dataset.toml").read_text("utf-8"))}
    for name in COLLECTIONS:
        paths = sorted((root / name).glob("*.toml"))
        data[name] = [tomllib.loads(path.read_text("utf-8")) for path in paths]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


class PackSeeds(BuildHookInterface):  # type: ignore[type-arg]
    """Adds ``policytrack/_seeds.json`` to a wheel (an editable install reads the tree)."""

    _made: Path | None = None

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Write the packed file to a temporary directory and include it in the wheel."""
        if self.target_name != "wheel" or version == "editable":
            return
        self._made = Path(tempfile.mkdtemp(prefix="policytrack-build-"))
        out = self._made / "_seeds.json"
        out.write_text(pack(Path(self.root) / "seeds"), "utf-8")
        build_data["force_include"][str(out)] = "policytrack/_seeds.json"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        """Remove the temporary directory once the wheel is written."""
        if self._made is not None:
            shutil.rmtree(self._made, ignore_errors=True)
