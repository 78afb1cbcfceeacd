"""The documentation covers the public API and its runnable snippets run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import policytrack

DOCS = Path(__file__).parents[1] / "docs"
README = Path(__file__).parents[1] / "README.md"


@pytest.mark.parametrize("name", sorted(policytrack.__all__))
def test_every_public_name_is_in_the_api_reference(name: str) -> None:
    """Mentions every public name on the API page."""
    assert f"`{name}" in (DOCS / "api.md").read_text("utf-8")


def _python_blocks(text: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)


@pytest.mark.parametrize("page", [README, *sorted(DOCS.glob("*.md"))], ids=lambda p: p.name)
def test_python_snippets_run(page: Path) -> None:
    """Runs every Python block of the README and the docs without error."""
    for block in _python_blocks(page.read_text("utf-8")):
        exec(compile(block, str(page), "exec"), {})


@pytest.mark.parametrize("page", [README, *sorted(DOCS.glob("*.md"))], ids=lambda p: p.name)
def test_relative_links_resolve(page: Path) -> None:
    """Links only to pages that exist, and to headings that exist on them."""
    for target in re.findall(r"\]\(([^)#:]+\.md)(#[^)]*)?\)", page.read_text("utf-8")):
        path, anchor = target
        linked = (page.parent / path).resolve()
        assert linked.is_file(), f"{page.name} links to missing {path}"
        if anchor:
            headings = re.findall(r"^#+ (.+)$", linked.read_text("utf-8"), flags=re.MULTILINE)
            slugs = {re.sub(r"[^a-z0-9 -]", "", h.lower()).replace(" ", "-") for h in headings}
            assert anchor[1:] in slugs, f"{page.name} links to missing {path}{anchor}"
