"""Reading the facts out of an Ofsted report's extracted text.

The parser knows the three shapes Ofsted's reports on local authority
children's services have taken since 2013, and one oddity:

- looked after children inspections (summer 2013): a cover page, then each
  judgement as a heading followed by ``Grade 3 (Adequate)``;
- the single inspection framework (SIF, November 2013 to 2018): a first page
  with the overall judgement in a sentence and a numbered table of three
  key judgements and two sub-judgements, and, for first inspections, the
  review of the Local Safeguarding Children Board in a sentence of its own;
  re-inspections say so in their title;
- inspections of local authority children's services (ILACS, from 2018): a
  "Judgement / Grade" table on the first page, whose "children in care and
  care leavers" row was split in two in 2023, and which ends with the
  overall effectiveness row until the reform of 2026, whose reports grade the
  same four areas and give no overall judgement;
- a SIF review of a Local Safeguarding Children Board published as a report of
  its own (Surrey, 2015).

It is strict: text it does not recognise raises :class:`ReportError` saying
where and what it expected, and nothing is ever guessed. Each shape's grammar
is a module of its own (``_lac``, ``_sif``, ``_ilacs``), over the pieces they
share: grades and grade tables, dates, names.
"""

from __future__ import annotations

import re

from childservices.errors import ReportError
from childservices.reports.facts import ReportFacts
from childservices.reports.parse._dates import DATES_MARKER
from childservices.reports.parse._ilacs import parse_ilacs
from childservices.reports.parse._lac import parse_lac
from childservices.reports.parse._scan import HEAD, normalise, quote
from childservices.reports.parse._sif import parse_lscb_review, parse_sif

__all__ = ["FACTS_ON_FIRST_PAGES", "normalise", "parse_report_text", "states_all_on_first_pages"]

_LAC_TITLE = re.compile(r"Inspection of looked after children services", re.I)
_SIF_TITLE = re.compile(
    r"(?P<re>Re-?inspection|Inspection) of services for children in need of help and protection,? "
    r"children looked after and care leavers",
    re.I,
)
_LSCB_TITLE = re.compile(
    r"Review of the effectiveness of the Local Safeguarding Children Board", re.I
)
_ILACS_TITLE = re.compile(
    r"Inspection of (?P<name>(?:(?!Inspection of ).){0,120}?) ?"
    r"(?:(?:local authority )?children's (?:social care )?services|(?<=\bTrust))"
    r"(?= (?:Inspection dates?|Lead inspectors?)\b)",
    re.I,
)


FACTS_ON_FIRST_PAGES = 2
"""An ILACS report states every fact the parser reads on its first two pages."""


def states_all_on_first_pages(text: str) -> bool:
    """Whether a report whose text starts with ``text`` gives all its facts on its first pages.

    True for ILACS reports: their grade table, dates and lead inspector are on
    the first page. SIF reports give the board review and the lead inspector
    pages later, and 2013 reports their grades after the contents.
    """
    head = normalise(text)[:HEAD]
    dates_at = DATES_MARKER.search(head)
    title_zone = head[: dates_at.start()] if dates_at else head[:1500]
    if (
        _LAC_TITLE.search(title_zone)
        or _SIF_TITLE.search(title_zone)
        or _LSCB_TITLE.search(title_zone)
    ):
        return False
    return _ILACS_TITLE.search(head) is not None


def parse_report_text(text: str, *, where: str) -> ReportFacts:
    """The facts an Ofsted children's services report states, read from its text.

    ``text`` is the report's extracted text; ``where`` names the report in
    error messages (usually its path). Raises :class:`ReportError` when the
    text is not one of the known report shapes or a grade, date or heading is
    not as expected.
    """
    flat = normalise(text)
    if not flat:
        raise ReportError(f"{where}: the report has no text (a scanned or empty PDF?)")
    head = flat[:HEAD]
    dates_at = DATES_MARKER.search(head)
    title_zone = head[: dates_at.start()] if dates_at else head[:1500]
    if _LAC_TITLE.search(title_zone):
        return parse_lac(flat, where)
    sif = _SIF_TITLE.search(title_zone)
    if sif:
        return parse_sif(flat, sif, where)
    lscb = _LSCB_TITLE.search(title_zone)
    if lscb:
        return parse_lscb_review(flat, lscb, where)
    ilacs = _ILACS_TITLE.search(head)
    if ilacs:
        return parse_ilacs(flat, ilacs, where)
    raise ReportError(
        f"{where}: not a report shape this parser knows: expected a title such as "
        "'Inspection of looked after children services', 'Inspection of services for children "
        "in need of help and protection...' or 'Inspection of ... children's services' before "
        f"'Inspection dates', found {quote(title_zone[:120])}"
    )
