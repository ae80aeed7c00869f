"""Sphinx extension: the record as a website, generated from the bundled record before
each build.

Writes one page per authority the record holds into ``docs/authorities/`` (with the
index of them all: every authority's rating on the record's coverage date) and the
national pages into ``docs/national/``. Both folders are written by the build and
ignored by git: nothing in them is typed by hand.

The pages are written by :mod:`sitebuild`, their content is in :mod:`authoritypage`,
:mod:`nationalpages`, :mod:`sitemap` (the national map), :mod:`siteunknowns` and
:mod:`sitetimelines`, the Markdown pieces
in :mod:`sitemd`. This module adds the HTML
side: header cells with a ``scope`` (the column's or the row's), and the small script
that sorts and filters the national table (``_static/site-tables.js``), on the pages
that have such a table only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sitemd
from docutils import nodes
from sitebuild import AUTHORITIES, generate
from sphinx import addnodes
from sphinx.writers.html5 import HTML5Translator

SCRIPT = "site-tables.js"
SCRIPT_PAGES = frozenset({f"{AUTHORITIES}/index"})
"""The pages whose tables the script sorts and filters."""


class SiteTranslator(HTML5Translator):
    """The HTML translator with what assistive technology needs and the theme leaves out:
    a ``scope`` on every header cell (``col`` in a table's head, ``row`` in its first, stub,
    column) so screen readers announce each cell's headers; a table's scrolling wrapper
    reachable from the keyboard and named by the table's caption; a level on the
    navigation's captions, which Sphinx marks as headings."""

    def visit_table(self, node: nodes.Element) -> None:
        # The theme wraps every table in a box that scrolls sideways when the table is wider
        # than the page; keyboard users can scroll it once it takes the focus. (The wrapper's
        # own visitor is MyST's, set on each translator, so it is amended here.)
        wrapper = node.parent
        if "table-wrapper" in wrapper.get("classes", ()) and self.body[-1].startswith("<div"):
            title = next(node.findall(nodes.title), None)
            name = title.astext() if title is not None else "table"
            label = self.attval(f"{name} (scrolls sideways on a narrow screen)")
            self.body[-1] = self.body[-1].replace(
                "<div", f'<div tabindex="0" role="region" aria-label="{label}"', 1
            )
        super().visit_table(node)

    def visit_title(self, node: nodes.Element) -> None:
        super().visit_title(node)
        if isinstance(node.parent, addnodes.compact_paragraph) and node.parent.get("toctree"):
            # Sphinx writes <p role="heading"><span class="caption-text">: the level is missing.
            tag = self.body[-2]
            self.body[-2] = tag.replace('role="heading"', 'role="heading" aria-level="2"', 1)

    def visit_entry(self, node: nodes.Element) -> None:
        super().visit_entry(node)
        tag = self.body[-1]
        if tag.startswith("<th"):
            scope = "col" if isinstance(node.parent.parent, nodes.thead) else "row"
            self.body[-1] = tag.replace("<th", f'<th scope="{scope}"', 1)


def _mark_row_headers(app: Any, doctree: nodes.document) -> None:
    """Make the first column of each table of class :data:`sitemd.ROW_HEADERS` a stub
    column, so its cells are written as header cells of their rows."""
    for table in doctree.findall(nodes.table):
        if sitemd.ROW_HEADERS in table["classes"]:
            colspec = next(table.findall(nodes.colspec), None)
            if colspec is not None:
                colspec["stub"] = 1


_SIDEBARS: dict[tuple[Any, ...], Any] = {}
"""The navigation built once for every authority page (see :func:`_on_page_context`)."""


def _on_builder_inited(app: Any) -> None:
    _SIDEBARS.clear()
    generate(Path(app.srcdir))


def _on_page_context(
    app: Any, pagename: str, _template: str, context: dict[str, Any], *_: Any
) -> None:
    """Add the script to the pages with a sortable table. On an authority's page, build
    the site's navigation once for all of them: the theme asks each page for the whole
    table of contents (about half a second a page), and an authority's page, linked from
    the index rather than listed, gets the same navigation as every other (the same
    folder, and no entry of its own to mark as current)."""
    if pagename in SCRIPT_PAGES:
        app.add_js_file(SCRIPT, loading_method="defer")
    folder, _slash, name = pagename.partition("/")
    if folder != AUTHORITIES or name == "index" or "toctree" not in context:
        return
    build = context["toctree"]

    def toctree(**options: Any) -> Any:
        key = tuple(sorted(options.items()))
        if key not in _SIDEBARS:
            _SIDEBARS[key] = build(**options)
        return _SIDEBARS[key]

    context["toctree"] = toctree


def setup(app: Any) -> dict[str, Any]:
    app.connect("builder-inited", _on_builder_inited)
    app.connect("doctree-read", _mark_row_headers)
    # Before the theme's own handler (priority 500), which reads the navigation.
    app.connect("html-page-context", _on_page_context, priority=400)
    app.set_translator("html", SiteTranslator, override=True)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
