"""The command line's and the library's answers are byte-identical to the golden files.

The golden files in ``tests/golden/`` were recorded by ``tools/golden.py --write``
from the code before the refactor of issue 23 (one file per group of
invocations or answers). A difference fails the group's test with a diff; a
deliberate change is recorded again with ``python tools/golden.py --write`` and
listed in the change's note.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
RECORDED = sorted(p.name for p in GOLDEN.glob("*.txt"))
SHOWN = 200
"""Lines of a diff shown in a failure (the rest are counted)."""


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("golden_tool", ROOT / "tools" / "golden.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # attrs classes in the module need to find it
    spec.loader.exec_module(module)
    return module


tool = _load_tool()


@pytest.fixture(scope="module")
def generated() -> dict[str, str]:
    """Every golden file's text as the code gives it now (generated once for the module)."""
    return dict(tool.generate())


def test_every_group_is_recorded(generated: dict[str, str]) -> None:
    assert RECORDED, "no golden files: run python tools/golden.py --write"
    optional = {f"{tool.NEEDS_SHARED}.txt"} - set(generated)
    assert sorted(generated) == sorted(set(RECORDED) - optional)


@pytest.mark.parametrize("name", RECORDED)
def test_golden(name: str, generated: dict[str, str]) -> None:
    if name not in generated:
        pytest.skip(f"{name}: needs {tool.SHARED} beside the checkout")
    recorded = (GOLDEN / name).read_bytes().decode("utf-8")
    now = generated[name]
    if now != recorded:
        diff = tool.differences(recorded, now, name).splitlines()
        shown = "\n".join(diff[:SHOWN])
        more = f"\n... and {len(diff) - SHOWN} more lines" if len(diff) > SHOWN else ""
        pytest.fail(
            f"{name} differs from the golden file (a deliberate change: "
            f"python tools/golden.py --write, and say so):\n{shown}{more}",
            pytrace=False,
        )
