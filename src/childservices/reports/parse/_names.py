"""Names in a report's text: the authority's name above the title, and the lead inspector's."""

from __future__ import annotations

import re

from childservices.errors import ReportError
from childservices.reports.parse._scan import quote

__all__ = ["lead_inspector", "name_before"]

_LEAD = re.compile(r"\b(?:Lead inspectors?(?: on site)?|Reporting inspector)\s?:?\s?", re.I)
_AFTER_NAME = re.compile(
    r",| \(?(?:Senior )?HMI\b| Her Majesty's| His Majesty's| Deputy lead| Team inspector"
    r"| Report author| Judgement Grade| Age group| Inspection dates?\b",
    re.I,
)


def lead_inspector(text: str, where: str) -> str | None:
    """The lead (in 2013, "reporting") inspector's name, if the report names one.

    Two co-leads (Stoke-on-Trent, 2022) are given as "A and B".
    """
    for marker in _LEAD.finditer(text):
        if marker.group(0)[0].islower():
            continue  # "the lead inspector" in running prose
        names = [_name_at(text, marker.end(), marker, where)]
        if marker.group(0).lower().startswith("lead inspectors"):
            second = re.compile(r"(?:, (?:Her|His) Majesty's Inspector)?,? and ").match(
                text, marker.end() + _name_length(text, marker.end())
            )
            if second is None:
                raise ReportError(f"{where}: 'Lead inspectors' names only one inspector")
            names.append(_name_at(text, second.end(), marker, where))
        return " and ".join(names)
    return None


def _name_length(text: str, pos: int) -> int:
    rest = text[pos : pos + 80]
    stop = _AFTER_NAME.search(rest)
    return stop.start() if stop else len(rest)


def _name_at(text: str, pos: int, marker: re.Match[str], where: str) -> str:
    name = text[pos : pos + _name_length(text, pos)].strip()
    words = name.split()
    if not 2 <= len(words) <= 4 or not all(w[0].isupper() for w in words):
        raise ReportError(
            f"{where}: expected the lead inspector's name after {marker.group(0).strip()!r}, "
            f"found {quote(text[pos : pos + 50])}"
        )
    return name


_PAGE_NUMBER = re.compile(r"^(?:\d{1,2} )+")


def name_before(head: str, title: re.Match[str], where: str) -> str:
    """The authority's name printed above the report's title."""
    name = _PAGE_NUMBER.sub("", head[: title.start()]).strip(" ,")
    if not name:
        raise ReportError(f"{where}: no authority name above the title {title[0]!r}")
    return name
