"""Markdown (MyST) pieces for the generated site pages: text escaped for Markdown, links to
sources, tables with captions and header cells, and index entries for search.

Every value written into a page goes through :func:`text`, so a name or a source title
holding Markdown's punctuation is shown as written, never read as markup.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence

import childservices as cs

_PUNCTUATION = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~$&:^\"'])")
"""ASCII punctuation that CommonMark lets a backslash escape (all that can start markup)."""

NOT_KNOWN = "not known"
"""What a page says where the record holds no value."""


def text(value: object) -> str:
    """A value as inline Markdown text: ``not known`` for ``None``, an enum by its words,
    whitespace collapsed and every punctuation character escaped."""
    if value is None:
        return NOT_KNOWN
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, cs.Grade):
        words = str(value)
    elif isinstance(value, enum.Enum):
        words = str(value.value).replace("_", " ")
    else:
        words = str(value)
    return _PUNCTUATION.sub(r"\\\1", " ".join(words.split()))


def link(label: str, url: str) -> str:
    """An external link (``label`` is escaped here; the address is kept as written)."""
    return f"[{text(label)}](<{url}>)"


def page_link(label: str, docname: str) -> str:
    """A link to another page of the docs, by its document name relative to the page."""
    return f"[{text(label)}]({docname}.md)"


def sources(ds: cs.Dataset, citations: Sequence[cs.Citation]) -> str:
    """Each cited source once, as a link where it has an address, with every place cited
    in it (its locators), in the order first cited."""
    places: dict[str, list[str]] = {}
    for citation in citations:
        found = places.setdefault(citation.source, [])
        if citation.locator and citation.locator not in found:
            found.append(citation.locator)
    parts = []
    for source_id, locators in places.items():
        source = ds.source(source_id)
        shown = link(source.title, source.url) if source.url else text(source.title)
        if source.publisher:
            shown += f" ({text(source.publisher)})"
        if locators:
            shown += ": " + "; ".join(text(loc) for loc in locators)
        parts.append(shown)
    return " · ".join(parts) if parts else "no source recorded"


ROW_HEADERS = "site-row-headers"
"""The class of a table whose first column heads its rows (``sitepages`` marks it so)."""


def table(
    caption: str,
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    row_headers: bool = True,
    name: str | None = None,
    classes: str | None = None,
) -> list[str]:
    """A table with a caption and header cells (the first column's too, where
    ``row_headers``): a Markdown pipe table in a MyST ``table`` directive, which parses it
    in one pass (a ``list-table`` parses every cell apart, several times slower over the
    site's thousands of cells). Cells are Markdown already (see :func:`text`); an empty
    cell is written as ``none``."""
    lines = [f"```{{table}} {text(caption)}"]
    chosen = " ".join(c for c in (ROW_HEADERS if row_headers else "", classes or "") if c)
    if chosen:
        lines.append(f":class: {chosen}")
    if name:
        lines.append(f":name: {name}")
    lines.append("")
    lines.append("| " + " | ".join(_cell(c) for c in header) + " |")
    lines.append("|" + "---|" * len(header))
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return [*lines, "```", ""]


def _cell(value: str) -> str:
    """A cell's Markdown on one line, its pipes escaped (those :func:`text` wrote are)."""
    content = " ".join(str(value).split()) or "none"
    return re.sub(r"(?<!\\)\|", r"\\|", content)


def index_entries(name: str, terms: Iterable[str]) -> list[str]:
    """Index entries that make the search page find the page by each of ``terms`` (names,
    codes, numbers): Sphinx's full-text search leaves out words that are all digits, but
    matches a query against index entries, so each term is an entry with the page's name
    under it (the general index lists them too)."""
    entries = [f"single: {_index_text(name)}"]
    for term in dict.fromkeys(t.strip() for t in terms if t and t.strip()):
        if term != name:
            entries.append(f"single: {_index_text(term)}; {_index_text(name)}")
    return [line for entry in entries for line in (f"```{{index}} {entry}", "```")] + [""]


def _index_text(value: str) -> str:
    """A term as an index entry's part: no semicolons or colons, which separate parts."""
    return " ".join(value.replace(";", ",").replace(":", " ").split())


def day(value: object) -> str:
    """A date (any precision) as text, ``not known`` for ``None``."""
    return text(None if value is None else str(value))
