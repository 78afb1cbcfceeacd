"""A small, sound curated dataset written as its TOML files, to break one file at a time."""

from __future__ import annotations

from pathlib import Path

from policytrack import sha256_text

TEXT = "On Friday the committee announced that users must register with real names."

SOURCE = f'''id = "src"
title = "Real names"
outlet = "Example News"
reliability = "foreign_media"
sha256 = "{sha256_text(TEXT)}"
length = {len(TEXT)}

[published]
edtf = "2012-12-28"
'''
AGENCY = """id = "npcsc"
name = "NPC Standing Committee"
kind = "legislature"
jurisdiction = "CN"

[[evidence]]
source = "src"
exact = "the committee"
start = 10
end = 23
"""
PLATFORM = """id = "weibo"
name = "Weibo"
kind = "microblog"

[[evidence]]
source = "src"
exact = "users"
start = 39
end = 44
"""
POLICY = """id = "decision"
title = "Decision on real names"
jurisdiction = "CN"
kind = "decision"
status = "in_force"
issuers = ["npcsc"]
platforms = ["weibo"]

[announced]
edtf = "2012-12-28"

[effective]
edtf = "2012-12-28"

[[measures]]
dimension = "identity"
level = 2
reason = "Real names to providers."

[[measures.evidence]]
source = "src"
exact = "register with real names"
start = 50
end = 74

[[evidence]]
source = "src"
exact = "announced"
start = 24
end = 33
"""
LINK = """id = "{id}"
kind = "supersedes"
from_policy = "{source}"
to_policy = "{target}"

[[evidence]]
source = "src"
exact = "announced"
start = 24
end = 33
"""
FILES = {
    "dataset.toml": 'id = "tiny"\ntitle = "A tiny dataset"\n',
    "sources/src.toml": SOURCE,
    "agencies/npcsc.toml": AGENCY,
    "platforms/weibo.toml": PLATFORM,
    "policies/decision.toml": POLICY,
}


def write(root: Path, files: dict[str, str | None]) -> Path:
    """Write the sound dataset into *root*, with *files* replaced (or, when None, left out)."""
    for name, text in (FILES | files).items():
        if text is not None:
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
    return root
