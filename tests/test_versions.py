"""The library's version and the bundled record's version (issue 23, item 7).

(That ``load(extra=...)`` extends the data version is in ``tests/test_extra.py``.)

``__version__`` is written once, in ``pyproject.toml``, and read from the
installed package's metadata; ``DATA_VERSION`` is the bundled record's
version, written with the bundle, and checked here against the bundle itself.
"""

from __future__ import annotations

import ast
import importlib.metadata
import io
import json
import re
import tomllib
from pathlib import Path

import pytest

import childservices as cs
from childservices.cli import main
from childservices.data.bundle import packaged_tables

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(cs.__file__).resolve().parent


def test_the_version_is_the_installed_metadata() -> None:
    try:
        installed = importlib.metadata.version("childservices")
    except importlib.metadata.PackageNotFoundError:
        pytest.skip("the package is not installed: no metadata to compare with")
    assert cs.__version__ == installed


@pytest.mark.skipif(not (ROOT / "pyproject.toml").is_file(), reason="needs the checkout")
def test_the_version_is_written_once_in_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    if cs.__version__ != "0+unknown":
        assert cs.__version__ == project["version"]
    assigned = [
        f"{path.relative_to(PACKAGE)}:{node.lineno}"
        for path in PACKAGE.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "__version__" for t in node.targets)
    ]
    assert assigned == [], f"a version written in the source: {assigned}"


def test_the_command_line_prints_the_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out == f"childservices {cs.__version__}\n"


def test_the_data_version_is_the_bundles() -> None:
    tables, header = packaged_tables()
    day, _, digest = cs.DATA_VERSION.partition(".")
    assert re.fullmatch(r"\d{4}(-\d{2}){0,2}", day), cs.DATA_VERSION
    assert header == f"seeds-{digest}"
    published = [s.published for s in tables.sources if s.published is not None]
    assert str(max(published, key=lambda d: (d.last_day(), d.first_day()))) == day
    assert cs.load().data_version == cs.DATA_VERSION


def test_the_data_version_is_printed_and_exported() -> None:
    out = io.StringIO()
    assert main(["summary"], out=out) == 0
    assert out.getvalue().splitlines()[0] == f"childservices dataset {cs.DATA_VERSION}"
    assert json.loads(cs.load().to_json())["data_version"] == cs.DATA_VERSION

