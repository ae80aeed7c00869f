"""From a report file to an :class:`~childservices.Inspection`."""

from __future__ import annotations

import datetime
import os
import re
import warnings
from collections.abc import Iterable
from pathlib import Path

from childservices.errors import ReportDateWarning, ReportError
from childservices.model import Citation, Framework, Inspection, Judgement, PartialDate
from childservices.reports.facts import ReportFacts
from childservices.reports.names import authority_slug, check_printed_authority
from childservices.reports.parse import (
    FACTS_ON_FIRST_PAGES,
    parse_report_text,
    states_all_on_first_pages,
)
from childservices.reports.text import extract_text

__all__ = [
    "LISTED_AFTER_FIELDWORK_MONTHS",
    "authority_slug",
    "date_warnings",
    "inspection_from_facts",
    "inspection_id",
    "published_from_file_name",
    "read_report",
    "read_report_facts",
    "source_id",
]

_FILE_DATE = re.compile(r" - (?P<date>\d{1,2} [A-Za-z]+ \d{4})\.pdf$", re.IGNORECASE)


def published_from_file_name(name: str) -> datetime.date | None:
    """The publication date in a report's file name, as Ofsted's listing gives it.

    The collected reports are named ``children's services inspection - 23 may 2014.pdf``;
    ``None`` for a name without such a date.
    """
    match = _FILE_DATE.search(name)
    if match is None:
        return None
    try:
        return datetime.datetime.strptime(match["date"].title(), "%d %B %Y").date()
    except ValueError:
        return None


def inspection_id(authority: str, framework: Framework, published: datetime.date) -> str:
    """The seed id of an inspection: ``<authority>-<framework>-<published>``."""
    return f"{authority}-{framework.value}-{published.isoformat()}"


def source_id(inspection: str) -> str:
    """The seed id of the source row for the report of inspection ``inspection``."""
    return f"ofsted-report-{inspection}"


LISTED_AFTER_FIELDWORK_MONTHS = 6
"""A file name's listing date more than this many months after the printed end of fieldwork is
warned about: Ofsted publishes a report weeks after its fieldwork, so the file was renamed."""


def _months_after(later: datetime.date, earlier: datetime.date) -> bool:
    """Whether ``later`` is more than :data:`LISTED_AFTER_FIELDWORK_MONTHS` months after ``earlier``."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    limit = LISTED_AFTER_FIELDWORK_MONTHS
    return months > limit or (months == limit and later.day > earlier.day)


def date_warnings(
    inspection: Inspection, *, listed: datetime.date | None, held: Iterable[Inspection] = ()
) -> list[str]:
    """What is wrong with a report's dates, one sentence each (none: nothing).

    - The listing date of the file name (``listed``) is more than six months
      after the fieldwork's end the report prints: the file was renamed, or
      is another report's.
    - ``held`` (the record's inspections) holds an inspection of the same
      authority and framework with the same fieldwork under another date: the
      report is one the record already has.
    """
    found = []
    end = inspection.end
    if listed is not None and end is not None and _months_after(listed, end.last_day()):
        found.append(
            f"the file name's date {listed.isoformat()} is more than "
            f"{LISTED_AFTER_FIELDWORK_MONTHS} months after the fieldwork the report prints "
            f"(ending {end}): was the file renamed?"
        )
    for other in held:
        if (
            other.id != inspection.id
            and other.authority == inspection.authority
            and other.framework is inspection.framework
            and inspection.start is not None
            and end is not None
            and (other.start, other.end) == (inspection.start, end)
        ):
            found.append(
                f"the record already holds this inspection ({other.authority}, "
                f"{other.framework.value}, fieldwork {other.start} to {other.end}) as "
                f"{other.id}, published {other.published}"
            )
    return found


def inspection_from_facts(
    facts: ReportFacts,
    *,
    file_name: str,
    authority: str | None = None,
    held: Iterable[Inspection] = (),
) -> Inspection:
    """The inspection a report describes, citing the report.

    ``published`` is the publication date printed in the report when it
    prints one (SIF and 2013 reports), otherwise the date in the file name
    (Ofsted's listing date; ILACS reports print none). The id is always made
    from the file name's date, as the seed format requires, falling back to
    the printed date for a file named otherwise. ``authority`` is the
    authority's seed id; the name the report prints must then be that
    authority's name or one of its aliases in the bundled record, exactly
    (never a longer name that begins with it: a Leicestershire report is not
    Leicester's), or make exactly its id, the rule ``update`` follows
    (:mod:`childservices.reports.names`); otherwise
    :class:`~childservices.ReportError`. Without ``authority``, the id is
    made from the printed name (:func:`authority_slug`). The citation's
    locator is the file name.

    A :class:`~childservices.ReportDateWarning` is given for each of
    :func:`date_warnings` (``held``: the record's inspections, to find the
    same inspection under another date).
    """
    listed = published_from_file_name(file_name)
    published = facts.published or listed
    id_date = listed or facts.published
    if published is None or id_date is None:
        raise ReportError(
            f"{file_name}: no publication date: the report prints none and the file name "
            "does not end in ' - <day> <month> <year>.pdf'"
        )
    if authority is not None:
        check_printed_authority(
            facts.authority_name, authority=authority, on=facts.end or published, where=file_name
        )
    slug = authority or authority_slug(facts.authority_name, facts.end or published)
    ident = inspection_id(slug, facts.framework, id_date)
    try:
        inspection = Inspection(
            id=ident,
            authority=slug,
            framework=facts.framework,
            kind=facts.kind,
            start=None if facts.start is None else PartialDate.from_date(facts.start),
            end=None if facts.end is None else PartialDate.from_date(facts.end),
            published=PartialDate.from_date(published),
            overall=facts.overall,
            judgements=tuple(Judgement(area=area, grade=grade) for area, grade in facts.judgements),
            lead_inspector=facts.lead_inspector,
            citations=(Citation(source=source_id(ident), locator=file_name),),
        )
    except ValueError as exc:
        raise ReportError(
            f"{file_name}: the report's facts make no valid inspection: {exc}"
        ) from exc
    for message in date_warnings(inspection, listed=listed, held=held):
        warnings.warn(ReportDateWarning(f"{file_name}: {message}"), stacklevel=2)
    return inspection


def read_report(
    path: str | os.PathLike[str],
    *,
    authority: str | None = None,
    cache: str | os.PathLike[str] | None = None,
    held: Iterable[Inspection] = (),
) -> Inspection:
    """Read one Ofsted report on a local authority's children's services.

    Checks that the file is a PDF (the four 2012 files that are web pages
    saved as ``.pdf`` raise :class:`~childservices.ReportError` saying "not a
    PDF (looks like HTML)"), extracts its text with pypdf (the ``reports``
    extra), reads the facts with :func:`parse_report_text` and builds the
    :class:`~childservices.Inspection` with :func:`inspection_from_facts`.
    A SIF review of a safeguarding board published on its own gives an
    inspection holding only that judgement and no overall grade. ``cache``
    is a folder that keeps the text extracted from each file (see
    :func:`extract_text`). ``authority``: the authority's seed id, checked
    against the name the report prints as :func:`inspection_from_facts` says
    (a Leicestershire report read as ``authority="leicester"`` raises
    :class:`~childservices.ReportError`). ``held``: the record's inspections, to warn when
    the report is one of them under another date (see :func:`date_warnings`).
    """
    facts = read_report_facts(path, cache=cache)
    file = Path(path)
    return inspection_from_facts(facts, file_name=file.name, authority=authority, held=held)


def read_report_facts(
    path: str | os.PathLike[str], *, cache: str | os.PathLike[str] | None = None
) -> ReportFacts:
    """The facts a report file states (see :func:`read_report`).

    Reads only the first pages of an ILACS report, which state every fact
    the parser reads, and the whole of any other.
    """
    if not isinstance(path, str | os.PathLike):
        from childservices.errors import ArgumentTypeError

        raise ArgumentTypeError(f"path: expected a report file's path, got {type(path).__name__}")
    file = Path(path)
    folder = None if cache is None else Path(cache)
    text = extract_text(file, pages=FACTS_ON_FIRST_PAGES, cache=folder)
    if not states_all_on_first_pages(text):
        text = extract_text(file, cache=folder)
    return parse_report_text(text, where=str(file))
