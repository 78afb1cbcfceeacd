"""Pack the bundled dataset and codebooks into JSON files in the wheel, beside their TOML.

Every command on the bundled dataset reads it: parsing 110 small TOML files took 30 ms of a
40 ms load, reading the same records from one JSON file about 5 ms (``docs/performance.md``).
The tree stays the source of truth and ships too; this file is derived from it at build time,
and ``tests/storage/test_load.py`` checks that both load to the same dataset. The bundled
codebooks are packed alike (``_codebooks.json``), so that a command on the bundled data imports
and runs no TOML parser at all.
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


def pack_codebooks(folder: Path) -> str:
    """The bundled codebooks in *folder*, each TOML file parsed, as one JSON object by id."""
    paths = sorted(folder.glob("*.toml"))
    books = {path.stem: tomllib.loads(path.read_text("utf-8")) for path in paths}
    return json.dumps(books, ensure_ascii=False, separators=(",", ":"))


class PackSeeds(BuildHookInterface):  # type: ignore[type-arg]
    """Adds ``_seeds.json`` and ``_codebooks.json`` to a wheel (an editable install reads TOML)."""

    _made: Path | None = None

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Write the packed files to a temporary directory and include them in the wheel."""
        if self.target_name != "wheel" or version == "editable":
            return
        self._made = Path(tempfile.mkdtemp(prefix="policytrack-build-"))
        out = self._made / "_seeds.json"
        out.write_text(pack(Path(self.root) / "seeds"), "utf-8")
        build_data["force_include"][str(out)] = "policytrack/_seeds.json"
        books = self._made / "_codebooks.json"
        books.write_text(pack_codebooks(Path(self.root) / "policytrack" / "codebooks"), "utf-8")
        build_data["force_include"][str(books)] = "policytrack/_codebooks.json"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        """Remove the temporary directory once the wheel is written."""
        if self._made is not None:
            shutil.rmtree(self._made, ignore_errors=True)
