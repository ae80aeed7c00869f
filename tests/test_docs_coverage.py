"""The API reference documents every public name, each with a docstring (no docs build needed)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path
from types import ModuleType

import pytest

import childservices as cs

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "check_docs_coverage.py"


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_docs_coverage", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


tool = _load_tool()


def _docs(tmp_path: Path, text: str) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "api.rst").write_text(textwrap.dedent(text), encoding="utf-8")
    return docs


def test_the_reference_covers_every_public_name_with_a_docstring() -> None:
    assert tool.check() == []


def test_every_top_level_name_is_documented_somewhere() -> None:
    directives = [
        d for path in tool.api_files() for d in tool.parse_directives(path.read_text("utf-8"))
    ]
    found = tool.coverage(directives)
    missing = [n for n in cs.__all__ if not found.covers(getattr(cs, n))]
    assert missing == []


def test_every_public_module_has_an_automodule_directive() -> None:
    directives = [
        d for path in tool.api_files() for d in tool.parse_directives(path.read_text("utf-8"))
    ]
    modules = {d.target for d in directives if d.kind == "automodule"}
    assert set(tool.REQUIRED_MODULES) <= modules


def test_the_command_passes_on_the_repository() -> None:
    result = subprocess.run(
        [sys.executable, str(TOOL)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "API reference complete" in result.stdout


def test_a_module_missing_from_the_reference_is_reported(tmp_path: Path) -> None:
    docs = _docs(
        tmp_path,
        """
        .. automodule:: childservices.errors
           :members:
        """,
    )
    problems = tool.check(docs=docs, required=["childservices.errors", "childservices.plot"])
    assert "childservices.plot: no automodule directive in the API reference" in problems
    assert "childservices.plot.authority_timeline: not in the API reference" in problems
    assert not any(p.startswith("childservices.errors") for p in problems)


def test_an_excluded_member_is_reported_under_every_name(tmp_path: Path) -> None:
    docs = _docs(
        tmp_path,
        """
        .. automodule:: childservices.errors
           :members:
           :exclude-members: DatasetError
        """,
    )
    problems = tool.check(docs=docs, required=["childservices.errors"])
    assert problems == ["childservices.errors.DatasetError: not in the API reference"]


def test_a_name_documented_elsewhere_counts_once(tmp_path: Path) -> None:
    docs = _docs(
        tmp_path,
        """
        .. automodule:: childservices.errors
           :members:
           :exclude-members: DatasetError

        .. autoclass:: childservices.DatasetError
        """,
    )
    assert tool.check(docs=docs, required=["childservices.errors"]) == []


def test_missing_docstrings_are_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "undocumented_example.py").write_text(
        textwrap.dedent(
            '''
            """A module with gaps."""

            __all__ = ["LIMIT", "NAMED", "Thing", "helper", "spelled_out"]

            LIMIT = 3

            NAMED = 4
            """A constant with its docstring."""


            def helper():
                return 1


            def spelled_out():
                """Documented."""


            class Thing:
                def method(self):
                    return 2

                @property
                def size(self):
                    return 3

                def _private(self):
                    return 4
            '''
        ),
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    docs = _docs(
        tmp_path,
        """
        .. automodule:: undocumented_example
           :members:
        """,
    )
    assert tool.check(docs=docs, required=["undocumented_example"]) == [
        "undocumented_example.LIMIT: constant has no attribute docstring "
        "(a string after its assignment)",
        "undocumented_example.Thing.method: no docstring",
        "undocumented_example.Thing.size: no docstring",
        "undocumented_example.Thing: class has no docstring",
        "undocumented_example.helper: function has no docstring",
    ]


def test_myst_directives_and_module_options_are_read() -> None:
    text = textwrap.dedent(
        """
        ```{automodule} childservices.plot
        :members:
        ```

        ```{eval-rst}
        .. py:data:: NOT_GIVEN
           :module: childservices
        ```
        """
    )
    directives = tool.parse_directives(text)
    assert [(d.kind, d.target) for d in directives] == [
        ("automodule", "childservices.plot"),
        ("data", "childservices.NOT_GIVEN"),
    ]
    assert directives[0].options == {"members": ""}


def test_an_inventory_missing_a_documented_name_is_reported(tmp_path: Path) -> None:
    docs = _docs(
        tmp_path,
        """
        .. automodule:: childservices.errors
           :members:
        """,
    )
    body = "\n".join(
        f"childservices.errors.{name} py:exception 1 api.html#$ -"
        for name in ("ChildServicesError", "DatasetError")
    )
    inventory = tmp_path / "objects.inv"
    inventory.write_bytes(
        b"# Sphinx inventory version 2\n# Project: x\n# Version: 1\n"
        b"# The remainder of this file is compressed using zlib.\n"
        + zlib.compress(body.encode("utf-8"))
    )
    assert tool.read_inventory(inventory) == {
        "childservices.errors.ChildServicesError",
        "childservices.errors.DatasetError",
    }
    problems = tool.check(docs=docs, required=["childservices.errors"], inventory=inventory)
    assert (
        "childservices.errors: documented in the reference but not in " + str(inventory) in problems
    )
    assert any(
        p.startswith("childservices.errors.UnknownAuthorityError: documented") for p in problems
    )
    assert not any(p.startswith("childservices.errors.DatasetError") for p in problems)
