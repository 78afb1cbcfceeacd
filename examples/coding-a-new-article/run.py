"""Code a new article into a copy of the bundled dataset, then compare Russia with China.

Every step is a ``policytrack`` command, printed before it runs:

1. ``source add`` registers ``article.txt`` (the text is stored in DATASET/texts);
2. ``extract -o draft`` proposes candidate records in a draft directory;
3. the coder's work: here, the finished records in ``coded/`` are copied into the draft and
   the proposals the coder rewrote or rejected are removed;
4. ``accept draft`` validates the draft as part of the dataset and adds its records;
5. ``validate`` and ``compare jurisdictions CN RU`` use the dataset with the new records.

Usage: ``python examples/coding-a-new-article/run.py [WORK_DIR]`` (default: a temporary
directory). The bundled dataset itself is never changed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import policytrack

HERE = Path(__file__).resolve().parent
SOURCE = "example-2022-russia-instagram"


def policytrack_command(*args: str | Path) -> str:
    """Run ``policytrack ARGS``, echoing the command and its output; stop on failure."""
    words = [str(a) for a in args]
    print("$ policytrack " + " ".join(f'"{w}"' if " " in w else w for w in words), flush=True)
    done = subprocess.run(
        [sys.executable, "-m", "policytrack", *words], capture_output=True, text=True, check=False
    )
    print(done.stdout, end="")
    print(done.stderr, end="", file=sys.stderr)
    if done.returncode != 0:
        sys.exit(done.returncode)
    return done.stdout


def main(work: Path) -> None:
    dataset = work / "dataset"
    draft = work / "draft"
    shutil.copytree(policytrack.bundled_path(), dataset)

    policytrack_command(
        "--data",
        dataset,
        "source",
        "add",
        HERE / "article.txt",
        "--id",
        SOURCE,
        "--title",
        "Russia restricts Instagram as foreign platforms are cut off",
        "--outlet",
        "policytrack example",
        "--published",
        "2022-03-15",
        "--reliability",
        "independent_media",
        "--notes",
        "A news-style summary of widely reported events, written for policytrack's "
        "documentation; not a published article.",
    )
    policytrack_command("--data", dataset, "extract", SOURCE, "-o", draft)

    # The coder's work. The proposed agency (Roskomnadzor) and platforms (Instagram, Telegram)
    # are kept as proposed. Of the five proposed figures, two are outcomes worth keeping and
    # were rewritten with their judgement calls filled in (coded/outcomes); the other three
    # ("ten days", "48 hours", "up to 15 years") are durations and a penalty, not outcomes.
    # The policies are the coder's own (coded/policies).
    for proposal in (draft / "outcomes").glob("*.toml"):
        proposal.unlink()
    for folder in ("policies", "outcomes"):
        (draft / folder).mkdir(exist_ok=True)
        for record in sorted((HERE / "coded" / folder).glob("*.toml")):
            shutil.copy(record, draft / folder / record.name)

    policytrack_command("--data", dataset, "accept", draft)
    policytrack_command("--data", dataset, "validate")
    policytrack_command("--data", dataset, "list", "policies", "--jurisdiction", "RU")
    policytrack_command("--data", dataset, "compare", "jurisdictions", "CN", "RU")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        target = Path(sys.argv[1])
        target.mkdir(parents=True, exist_ok=True)
        main(target)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            main(Path(tmp))
