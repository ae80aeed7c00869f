"""The README's example runs against the bundled dataset, as a new user would run it."""

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.mark.skipif(not README.is_file(), reason="needs the repository's README.md")
def test_readme_python_example_runs() -> None:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert blocks, "README.md has no python example"
    namespace: dict[str, object] = {}
    exec(compile(blocks[0], "README.md", "exec"), namespace)  # the README's own example
    sandwell = namespace["sandwell"]
    assert sandwell.id == "sandwell"  # type: ignore[attr-defined]
