"""The search index keeps its entries across a second docs build (``docs/_ext/searchentries.py``).

Sphinx fills the index entries of ``searchindex.js`` only from the pages a build writes,
so a rebuild that leaves pages alone loses the entries by which the site's search finds
an authority's codes and numbers (Sphinx's issue 12599). The extension gives them back.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

EXT = Path(__file__).resolve().parent.parent / "docs" / "_ext"

pytest.importorskip("sphinx", reason="the docs extensions need the docs extra")


@pytest.fixture(scope="module")
def searchentries() -> Iterator[ModuleType]:
    sys.path.insert(0, str(EXT))
    try:
        import searchentries

        yield searchentries
    finally:
        sys.path.remove(str(EXT))


OLD = {
    "docnames": ["a", "b", "c"],
    "indexentries": {
        "e08000028": [[1, "codes", False]],
        "sandwell": [[1, "", True], [2, "", False]],
    },
}


def test_entries_are_read_per_page(searchentries: ModuleType) -> None:
    assert searchentries.entries_by_page(OLD) == {
        "b": [("e08000028", "codes", False), ("sandwell", "", True)],
        "c": [("sandwell", "", False)],
    }


def test_untouched_pages_get_their_entries_back_at_their_new_places(
    searchentries: ModuleType,
) -> None:
    old = searchentries.entries_by_page(OLD)
    old["gone"] = [("abolished", "", False)]
    new = {"docnames": ["c", "a", "b", "d"], "indexentries": {"sandwell": [[0, "new", False]]}}
    given = searchentries.restore(new, old, untouched={"b", "c", "gone"})
    # b is given back its two entries at its new place (2); c already has one of its own
    # in the new index, so it keeps that; a page no longer in the project stays out.
    assert given == 2
    assert new["indexentries"] == {
        "sandwell": [[0, "new", False], [2, "", True]],
        "e08000028": [[2, "codes", False]],
    }


def test_a_rewritten_page_keeps_what_the_build_found(searchentries: ModuleType) -> None:
    old = searchentries.entries_by_page(OLD)
    new = {"docnames": ["a", "b", "c"], "indexentries": {}}
    assert searchentries.restore(new, old, untouched={"c"}) == 1
    assert new["indexentries"] == {"sandwell": [[2, "", False]]}


def _build(source: Path, out: Path) -> dict[str, list[list[object]]]:
    from sphinx.cmd.build import build_main
    from sphinx.search import js_index

    assert build_main(["-q", "-W", "-b", "html", str(source), str(out)]) == 0
    data = js_index.loads((out / "searchindex.js").read_text(encoding="utf-8"))
    entries: dict[str, list[list[object]]] = data["indexentries"]
    return entries


def test_a_second_build_that_changes_nothing_keeps_every_entry(tmp_path: Path) -> None:
    source = tmp_path / "docs"
    source.mkdir()
    (source / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(EXT)!r})\n"
        "extensions = ['searchentries']\nproject = 'probe'\n",
        encoding="utf-8",
    )
    (source / "index.rst").write_text(
        "Probe\n=====\n\n.. toctree::\n\n   sandwell\n", encoding="utf-8"
    )
    (source / "sandwell.rst").write_text(
        "Sandwell\n========\n\n.. index:: E08000028, 80549\n\nA page.\n", encoding="utf-8"
    )
    out = tmp_path / "html"
    first = _build(source, out)
    assert {"e08000028", "80549"} <= set(first)
    assert _build(source, out) == first
    (source / "index.rst").write_text(
        "Probe, again\n============\n\n.. toctree::\n\n   sandwell\n", encoding="utf-8"
    )
    assert _build(source, out) == first
