"""Sphinx extension: keep the search index's entries of the pages a build did not rewrite.

The site's search finds an authority by its codes and numbers through index entries
(``indexentries`` in ``searchindex.js``). Sphinx fills them only from the pages it writes
in the current build, so a second build that rewrites few pages (or none) drops the
entries of every other page: Sphinx's issue 12599, open in Sphinx 9. This extension
reads the entries of the search index already in the output folder when a build starts
and, when it ends, gives back their entries to the pages the build left alone (a page
whose output file is older than the build's start), if the new index has none for them.
A page the build rewrote keeps what Sphinx found in it, and a page no longer in the
project is not brought back.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from sphinx.search import js_index

INDEX = "searchindex.js"

Entries = dict[str, list[tuple[str, str, bool]]]
"""Each page's index entries: (entry, anchor, whether it is the main entry)."""


def _read(path: Path) -> dict[str, Any] | None:
    """The search index's data, or None when there is none or it is not Sphinx's format."""
    try:
        data = js_index.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def entries_by_page(data: dict[str, Any]) -> Entries:
    """The index entries of each page, from an index's data."""
    names = data.get("docnames", [])
    found: Entries = {}
    for entry, places in data.get("indexentries", {}).items():
        for page, anchor, main in places:
            found.setdefault(names[page], []).append((entry, anchor, bool(main)))
    return found


def restore(data: dict[str, Any], old: Entries, untouched: set[str]) -> int:
    """Give back to each of the ``untouched`` pages its ``old`` entries, if ``data`` holds
    none for it; return how many entries were given back."""
    names: list[str] = data.get("docnames", [])
    position = {name: i for i, name in enumerate(names)}
    index: dict[str, list[list[Any]]] = data.setdefault("indexentries", {})
    has_entries = {names[place[0]] for places in index.values() for place in places}
    given = 0
    for page in sorted(untouched & set(old) & set(position)):
        if page in has_entries:
            continue
        for entry, anchor, main in old[page]:
            index.setdefault(entry, []).append([position[page], anchor, main])
            given += 1
    return given


def setup(app: Any) -> dict[str, Any]:
    # What the build started from, for this application only: the old entries and the
    # time the build started (a page whose output is older was not rewritten).
    state: dict[str, Any] = {"old": {}, "started": 0.0}

    def builder_inited(app: Any) -> None:
        state["started"] = time.time()
        data = _read(Path(app.outdir) / INDEX) if app.builder.format == "html" else None
        state["old"] = entries_by_page(data) if data else {}

    def build_finished(app: Any, exception: Exception | None) -> None:
        if exception is None and state["old"] and app.builder.format == "html":
            _give_back(app, state["old"], state["started"])

    app.connect("builder-inited", builder_inited)
    app.connect("build-finished", build_finished)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}


def _give_back(app: Any, old: Entries, started: float) -> None:
    path = Path(app.outdir) / INDEX
    data = _read(path)
    if data is None:
        return
    untouched = set()
    for page in data.get("docnames", []):
        output = Path(app.builder.get_outfilename(page))
        if output.is_file() and output.stat().st_mtime < started:
            untouched.add(page)
    if restore(data, old, untouched):
        partial = path.with_name(f".{INDEX}.{os.getpid()}.tmp")
        partial.write_text(js_index.dumps(data), encoding="utf-8")
        os.replace(partial, path)
