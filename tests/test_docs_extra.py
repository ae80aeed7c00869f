"""The README's docs command needs only the ``docs`` extra (issue 27, item 1): every package
the pages' examples import or call for, and every package the API pages' modules import, is
in it. (The command itself runs in a fresh environment in CI: ``.ci/run``.)"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

DISTRIBUTION = {"hypothesis": "hypothesis", "pytest": "pytest", "pendulum": "pendulum"}
"""The distribution that gives each module the pages import (where the names differ or matter)."""

CALLS = {
    "to_frames": "pandas",
    "read_report": "pypdf",
    "read_reports": "pypdf",
    "to_xlsx": "openpyxl",
    "childservices.strategies": "hypothesis",
    "childservices.plot": "matplotlib",
}
"""Library calls in the pages that need an optional package, and which."""


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=!~\[ ;]", r, maxsplit=1)[0].lower() for r in requirements}


def _project() -> dict[str, object]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _pages() -> list[Path]:
    return [p for p in DOCS.rglob("*") if p.suffix in (".md", ".rst") and "_build" not in p.parts]


def _examples(text: str) -> str:
    """Every example in a page: its fenced code blocks and its ``>>>`` lines."""
    blocks = re.findall(r"```(?:python|\{doctest\}|\{eval-rst\})?[^\n]*\n(.*?)```", text, re.S)
    return "\n".join(blocks)


def test_the_docs_extra_has_every_package_the_examples_need() -> None:
    project = _project()
    extras = project["optional-dependencies"]  # type: ignore[index]
    docs = _names(extras["docs"])
    installed = docs | _names(project["dependencies"])  # type: ignore[arg-type]
    needed: dict[str, str] = {}
    for page in _pages():
        examples = _examples(page.read_text(encoding="utf-8"))
        for module in re.findall(
            r"^\s*(?:>>> |\.\.\. )?(?:import|from) ([A-Za-z_]\w*)", examples, re.M
        ):
            if module in sys.stdlib_module_names or module == "childservices":
                continue
            needed.setdefault(DISTRIBUTION.get(module, module).lower(), str(page.relative_to(ROOT)))
        for call, distribution in CALLS.items():
            if call in examples:
                needed.setdefault(distribution, str(page.relative_to(ROOT)))
    missing = {d: page for d, page in needed.items() if d not in installed}
    assert not missing, f"the docs extra lacks what these pages' examples need: {missing}"


def test_the_api_pages_modules_import_with_the_docs_extra() -> None:
    # autodoc imports every module the API pages name: the strategies import hypothesis.
    api = "\n".join(p.read_text(encoding="utf-8") for p in (DOCS / "api").glob("*.rst"))
    docs = _names(_project()["optional-dependencies"]["docs"])  # type: ignore[index]
    if "childservices.strategies" in api:
        assert "hypothesis" in docs


def test_ci_runs_the_readmes_docs_command_as_written() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = next(
        block.strip()
        for block in re.findall(r"```sh\n(.*?)```", readme, re.S)
        if "sphinx" in block and "'.[docs]'" in block
    )
    lines = [
        line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    ]
    assert command in lines, "CI does not run the README's docs command as written"
