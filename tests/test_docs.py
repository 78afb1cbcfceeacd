"""The documentation covers the public API and its runnable snippets run.

Every ```python block of the README and of ``docs/*.md`` runs, in order, in a scratch directory
that holds a link to ``examples/`` (a block whose imports are not installed is skipped and says
which). Every command of a ```sh block that starts with ``policytrack`` runs through Typer's
``CliRunner`` in a scratch directory holding the files the docs use as placeholders
(``my-dataset/``, ``my-codebook.toml``); ``../shared/`` stands for the shared directory beside
the repository. A command after a pipe (it would need its input) is not run. A block preceded by
the line ``<!-- no-run -->`` is shown, not run.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import policytrack
from policytrack.cli import app

ROOT = Path(__file__).parents[1]
DOCS = ROOT / "docs"
README = ROOT / "README.md"
SHARED = ROOT.parent / "shared"
PAGES = [README, *sorted(DOCS.glob("*.md"))]


@pytest.mark.parametrize("name", sorted(policytrack.__all__))
def test_every_public_name_is_in_the_api_reference(name: str) -> None:
    """Mentions every public name on the API page."""
    assert f"`{name}" in (DOCS / "api.md").read_text("utf-8")


def _blocks(text: str, languages: tuple[str, ...]) -> list[str]:
    """The bodies of the fenced blocks in *languages*, less those marked ``<!-- no-run -->``."""
    found = []
    pattern = r"(?:^(<!-- no-run -->)\n)?^```(\w+)\n(.*?)^```"
    for marker, language, body in re.findall(pattern, text, flags=re.DOTALL | re.MULTILINE):
        if language in languages and not marker:
            found.append(body)
    return found


def _missing_imports(block: str) -> list[str]:
    modules = []
    for node in ast.walk(ast.parse(block)):
        if isinstance(node, ast.Import):
            modules += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.append(node.module)
    return sorted({m for m in modules if importlib.util.find_spec(m.split(".")[0]) is None})


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working directory with ``examples/`` linked in, as in a clone."""
    (tmp_path / "examples").symlink_to(ROOT / "examples", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_python_snippets_run(page: Path, scratch: Path) -> None:
    """Runs every Python block of the README and the docs without error, in order."""
    skipped = []
    for block in _python_blocks(page.read_text("utf-8")):
        missing = _missing_imports(block)
        if missing:
            skipped.append(", ".join(missing))
            continue
        exec(compile(block, str(page), "exec"), {})
    if skipped:
        pytest.skip(f"{page.name}: blocks needing {'; '.join(skipped)} not run (not installed)")


def _python_blocks(text: str) -> list[str]:
    return _blocks(text, ("python",))


def _commands(page: Path) -> Iterator[str]:
    for block in _blocks(page.read_text("utf-8"), ("sh", "bash", "console")):
        for raw in block.splitlines():
            line = re.sub(r"\s+#.*$", "", raw).strip()
            for part in line.split("&&"):
                command = part.split("|")[0].strip()  # what follows a pipe needs its input
                if command.startswith("policytrack "):
                    yield command


COMMANDS = [(page, command) for page in PAGES for command in dict.fromkeys(_commands(page))]


@pytest.fixture(scope="module")
def placeholders(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The files the docs' commands name as examples of the user's own."""
    root = tmp_path_factory.mktemp("placeholders")
    policytrack.dump(policytrack.load_bundled(), root / "my-dataset")
    codebook = ROOT / "policytrack" / "codebooks" / f"{policytrack.BUNDLED_CODEBOOK}.toml"
    shutil.copy(codebook, root / "my-codebook.toml")
    return root


@pytest.mark.parametrize(("page", "command"), COMMANDS, ids=[f"{p.name}: {c}" for p, c in COMMANDS])
def test_shell_commands_run(page: Path, command: str, scratch: Path, placeholders: Path) -> None:
    """Runs every policytrack command shown in a shell block, and it exits 0."""
    if "../shared/" in command:
        if not SHARED.is_dir():
            pytest.skip("../shared/ is not beside the repository")
        command = command.replace("../shared/", f"{SHARED}/")
    for item in placeholders.iterdir():
        (scratch / item.name).symlink_to(item)
    args = shlex.split(command)[1:]
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0, f"{page.name}: `{command}` exited {result.exit_code}:\n" + (
        result.output
    )


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
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


def test_every_page_is_in_the_site_navigation() -> None:
    """Lists every page of docs/ in mkdocs.yml's navigation, and no page that does not exist."""
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    nav = config[config.index("\nnav:") :]
    pages = set(re.findall(r"^\s+- (?:[^:\n]+: )?([\w./-]+\.md)\s*$", nav, flags=re.MULTILINE))
    generated = {"cli-help.md"}  # written at build time by docs/_hooks.py
    assert {p.name for p in DOCS.glob("*.md")} == pages - generated


def test_the_citation_matches_the_package() -> None:
    """Gives the package's version, the code's MIT licence and the dataset's CC BY 4.0."""
    citation = (ROOT / "CITATION.cff").read_text("utf-8")
    assert re.search(r"^cff-version: 1\.2\.0$", citation, flags=re.MULTILINE)
    assert re.findall(r'^\s*version: "(.+)"$', citation, flags=re.MULTILINE) == [
        policytrack.__version__,
        policytrack.load_bundled().info.version,
    ]
    licences = re.findall(r"^\s*license: (.+)$", citation, flags=re.MULTILINE)
    assert licences == ["MIT", policytrack.load_bundled().info.license]


def test_the_citation_is_dated_as_the_changelog_dates_its_release() -> None:
    """Gives date-released as the CHANGELOG's date for the package's version."""
    citation = (ROOT / "CITATION.cff").read_text("utf-8")
    changelog = (ROOT / "CHANGELOG.md").read_text("utf-8")
    version = re.escape(policytrack.__version__)
    dated = re.search(rf"^## \[{version}\] - (\d{{4}}-\d{{2}}-\d{{2}})$", changelog, re.MULTILINE)
    assert dated is not None
    assert re.search(rf'^date-released: "{dated.group(1)}"$', citation, flags=re.MULTILINE)


def test_the_codebook_page_is_up_to_date() -> None:
    """Matches docs/codebook.md to the codebook and crosswalk files it is generated from."""
    assert "## Earlier versions" in (DOCS / "codebook.md").read_text("utf-8")
    spec = importlib.util.spec_from_file_location("gen_codebook", DOCS / "gen_codebook.py")
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    expected = generator.page()
    assert (DOCS / "codebook.md").read_text("utf-8") == expected, (
        "docs/codebook.md is out of date: run python docs/gen_codebook.py"
    )
