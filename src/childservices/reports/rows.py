"""Seed rows for what one report states: the rows ``tools/import_reports.py`` and
``childservices update`` both write, so that a report read either way gives the same rows.

Each report gives one ``inspections`` row, a ``judgements`` row per area
grade, and one ``sources`` row citing the authority's Ofsted reports page
(``https://reports.ofsted.gov.uk/provider/44/<urn>``) with the report's
date; the locator of each row is the report's file name as Ofsted's listing
names it (``children's services inspection - 23 may 2014.pdf``).
"""

from __future__ import annotations

import datetime

import attrs

from childservices.errors import ArgumentValueError
from childservices.reports.facts import ReportFacts
from childservices.reports.read import inspection_id, source_id

__all__ = [
    "PROVIDER_PAGE",
    "ReportRows",
    "file_name_for",
    "long_date",
    "report_notes",
    "report_rows",
]

PROVIDER_PAGE = "https://reports.ofsted.gov.uk/provider/44/{urn}"
"""An authority's page of reports on Ofsted's site, by its Ofsted URN."""

_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]


def long_date(date: datetime.date) -> str:
    """``3 June 2015``."""
    return f"{date.day} {date:%B %Y}"


def file_name_for(published: datetime.date) -> str:
    """The file name Ofsted's listing gives a report published on ``published``.

    >>> file_name_for(datetime.date(2026, 7, 7))
    "children's services inspection - 07 july 2026.pdf"
    """
    return f"children's services inspection - {published.day:02d} {_MONTHS[published.month - 1]} {published.year}.pdf"


@attrs.frozen(kw_only=True)
class ReportRows:
    """The seed rows one report gives: its inspection, its area grades and its source."""

    inspection: dict[str, str]
    judgements: tuple[dict[str, str], ...]
    source: dict[str, str]


def report_notes(facts: ReportFacts, listed: datetime.date) -> list[str]:
    """What a maintainer should know about a report's row (written in its ``note``)."""
    notes = []
    if facts.published is not None and facts.published != listed:
        notes.append(
            f"the report prints publication date {facts.published.isoformat()}; "
            f"Ofsted's listing (the file name) gives {listed.isoformat()}, used here"
        )
    if facts.start is None:
        notes.append(
            "the report prints a single inspection date, not a range; start and end left empty"
        )
    if facts.not_judged:
        areas = ", ".join(area.value for area in facts.not_judged)
        notes.append(f"the report's grade table marks {areas} 'Not judged'")
    if facts.lead_inspector and " and " in facts.lead_inspector:
        notes.append("the report names two lead inspectors")
    return notes


def report_rows(
    facts: ReportFacts,
    *,
    authority: str,
    authority_name: str,
    urn: str,
    listed: datetime.date,
    file_name: str,
) -> ReportRows:
    """The seed rows of one report about ``authority`` (its seed id and name).

    ``listed`` is the publication date Ofsted's listing gives (the file
    name's date), which makes the inspection's id and ``published``;
    ``file_name`` is the locator. Not for a board review published on its
    own (``facts.lscb_review_only``), which joins an earlier inspection.
    """
    if facts.lscb_review_only:
        raise ArgumentValueError("a board review published on its own gives no inspection row")
    ident = inspection_id(authority, facts.framework, listed)
    source = source_id(ident)
    inspection = {
        "id": ident,
        "authority": authority,
        "framework": facts.framework.value,
        "kind": facts.kind.value if facts.kind else "",
        "start": facts.start.isoformat() if facts.start else "",
        "end": facts.end.isoformat() if facts.end else "",
        "published": listed.isoformat(),
        "overall": facts.overall.value if facts.overall else "",
        "lead_inspector": facts.lead_inspector or "",
        "source": source,
        "locator": file_name,
        "note": "; ".join(report_notes(facts, listed)),
    }
    judgements = tuple(
        {
            "inspection": ident,
            "area": area.value,
            "grade": grade.value,
            "source": source,
            "locator": file_name,
            "note": "",
        }
        for area, grade in facts.judgements
    )
    source_row = {
        "id": source,
        "title": f"Ofsted inspection of {authority_name} children's services, "
        f"published {long_date(listed)}",
        "publisher": "Ofsted",
        "published": listed.isoformat(),
        "url": PROVIDER_PAGE.format(urn=urn),
    }
    return ReportRows(inspection=inspection, judgements=judgements, source=source_row)
