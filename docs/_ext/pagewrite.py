"""Writing generated pages: a Markdown pipe table, a file rewritten only when its text
changed (Sphinx then leaves an unchanged page alone), and the hook that generates pages as
a build begins."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import childservices as cs


def pipe_table(
    header: Sequence[str], rows: Iterable[Sequence[object]], cell: Callable[[object], str] = str
) -> list[str]:
    """A Markdown pipe table, each value written by ``cell``, and a blank line after it."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines.extend("| " + " | ".join(cell(v) for v in row) + " |" for row in rows)
    return [*lines, ""]


def write_page(path: Path, lines: Iterable[str]) -> None:
    """Write a page's Markdown lines, leaving the file alone if nothing changed."""
    text = "\n".join(lines).rstrip() + "\n"
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def write_pages(
    folder: Path, pages: Mapping[str, Callable[[cs.Dataset], Iterable[str]]], ds: cs.Dataset
) -> list[Path]:
    """Write each page of ``pages`` (file name -> its lines from ``ds``) into ``folder``;
    return the files."""
    written = []
    for name, make in pages.items():
        path = folder / name
        write_page(path, make(ds))
        written.append(path)
    return written


def setup_generator(app: Any, generate: Callable[[Path], object]) -> dict[str, Any]:
    """An extension's ``setup``: run ``generate`` on the docs folder as the build begins."""

    def on_builder_inited(inited: Any) -> None:
        generate(Path(inited.srcdir))

    app.connect("builder-inited", on_builder_inited)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
