"""Is every quote in the bundled dataset really in its article, at its offsets?

Reads the five articles' texts from ../shared/seeds/ (kept beside the repository, never in it),
matches them to the dataset's sources by SHA-256, and checks every quote.
"""

import sys
from pathlib import Path

import policytrack as pt

texts_dir = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
if not texts_dir.is_dir():
    sys.exit(f"the articles' texts are not at {texts_dir}")

data = pt.load_bundled()
texts = pt.read_texts(texts_dir, data)
problems = pt.verify_evidence(data, texts)
quotes = sum(1 for record in data.records() for _ in pt.evidence_of(record))
print(f"{len(texts)} of {len(data.sources)} source texts found; {quotes} quotes checked")
print(f"{len(problems)} quotes not at their offsets")
for problem in problems:
    print("   ", problem)
