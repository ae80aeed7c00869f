"""Single inspection framework reports (2013-2018), and a board review published on its own.

The first page gives the overall judgement in a sentence and a numbered
table of three key judgements and two sub-judgements; first inspections
review the Local Safeguarding Children Board in a sentence of its own,
wherever in the report it is stated.
"""

from __future__ import annotations

import re

from childservices.errors import ReportError
from childservices.model import Area, Framework, Grade, InspectionKind
from childservices.reports.facts import ReportFacts
from childservices.reports.parse._dates import inspection_dates, publication_date
from childservices.reports.parse._grades import GRADE_PATTERN, grade_at, grade_table
from childservices.reports.parse._names import lead_inspector, name_before
from childservices.reports.parse._scan import HEAD, checked_facts, quote

__all__ = ["parse_lscb_review", "parse_sif"]

_SIF_ROWS = (
    (Area.HELP_AND_PROTECTION.value, "Children who need help and protection"),
    (
        Area.LOOKED_AFTER_AND_PERMANENCE.value,
        "Children looked after and achieving permanence",
    ),
    (Area.ADOPTION.value, "Adoption performance"),
    (Area.CARE_LEAVERS.value, "Experiences and progress of care leavers"),
    (
        Area.LEADERSHIP_MANAGEMENT_GOVERNANCE.value,
        "Leadership, management and governance",
    ),
)
_SIF_OVERALL = re.compile(
    r"The overall judgement is(?: that)?(?: (?:the )?children's services?)?(?: are| is)? "
    r"(?=" + GRADE_PATTERN + r")"
    r"|Children's services(?: in (?:the )?[A-Z][^.]{0,80}?)?(?: are| is)? "
    r"(?=" + GRADE_PATTERN + r")",
    re.IGNORECASE,
)
"""The overall judgement's sentence, up to the grade: "The overall judgement is that children's
services are inadequate", "Children's services in Darlington require improvement to be good"."""
_SIF_LSCB = re.compile(
    r"\bLocal Safeguarding Children(?: Board)?(?: \(LSCB\))?(?: is| are)? (?="
    + GRADE_PATTERN
    + ")",
    re.IGNORECASE,
)
"""The board review's judgement: "The effectiveness of the Local Safeguarding Children Board
(LSCB) is good", "The Local Safeguarding Children Board requires improvement" (Somerset's 2015
report drops the word "Board")."""


def _lscb_grade(flat: str, where: str) -> Grade | None:
    """The grade of the safeguarding board review, wherever in the report it is stated.

    ``None`` when the report states none (re-inspections, and SIF reports whose board was
    reviewed separately or not at all). Two statements that disagree are an error.
    """
    grades = {
        grade_at(flat, match.end(), Framework.SIF, where, "safeguarding board review")
        for match in _SIF_LSCB.finditer(flat)
    }
    if len(grades) > 1:
        found = ", ".join(sorted(g.value for g in grades))
        raise ReportError(
            f"{where}: the report gives the safeguarding board different grades: {found}"
        )
    return grades.pop() if grades else None


_SIF_SAYS_REINSPECTION = re.compile(r"\bThis (?:is a |was a )?re-?inspection\b", re.IGNORECASE)
"""A re-inspection whose title does not say so says so in its summary (Lambeth, 2018)."""
_SIF_FOOTNOTE = re.compile(
    r"\d Ofsted produces this report under its power to combine reports.{0,600}?"
    r"\(Review\) Regulations 2013\.(?: \d{1,2}(?= ))?"
)
"""The first page's footnote about combining the two reports, which a page break can put in
the middle of the grade table."""


def parse_sif(flat: str, title: re.Match[str], where: str) -> ReportFacts:
    head = _SIF_FOOTNOTE.sub("", flat[:HEAD], count=1)
    name = name_before(head, title, where)
    start, end, dates_end = inspection_dates(head, where)
    overall_at = _SIF_OVERALL.search(head, dates_end)
    if overall_at is None:
        raise ReportError(
            f"{where}: expected the overall judgement ('The overall judgement is ...' or "
            f"'Children's services in ... are ...') after the inspection dates, found "
            f"{quote(head[dates_end : dates_end + 120])}"
        )
    overall = grade_at(head, overall_at.end(), Framework.SIF, where, "overall judgement")
    grades, _ = grade_table(
        head[overall_at.end() :], _SIF_ROWS, Framework.SIF, where, numbered=True
    )
    judgements = [(Area(key), grade) for key, grade in grades.items() if grade is not None]
    not_judged = tuple(Area(key) for key, grade in grades.items() if grade is None)
    reinspection = title["re"].lower().startswith("re") or bool(_SIF_SAYS_REINSPECTION.search(head))
    lscb = _lscb_grade(flat, where)
    if lscb is not None:
        judgements.append((Area.LSCB_REVIEW, lscb))
    return checked_facts(
        where,
        authority_name=name,
        framework=Framework.SIF,
        kind=InspectionKind.REINSPECTION if reinspection else None,
        start=start,
        end=end,
        published=publication_date(head, where),
        overall=overall,
        judgements=tuple(judgements),
        lead_inspector=lead_inspector(flat, where),
        not_judged=not_judged,
    )


def parse_lscb_review(flat: str, title: re.Match[str], where: str) -> ReportFacts:
    head = flat[:HEAD]
    name = name_before(head, title, where)
    name = re.sub(r"\s*(?:Local )?Safeguarding Children Board$", "", name, flags=re.I) or name
    start, end, dates_end = inspection_dates(head, where)
    grade = _lscb_grade(flat, where)
    if grade is None:
        raise ReportError(
            f"{where}: expected the board's grade ('The Local Safeguarding Children Board is "
            f"...') after the inspection dates, found {quote(head[dates_end : dates_end + 120])}"
        )
    return checked_facts(
        where,
        authority_name=name,
        framework=Framework.SIF,
        kind=None,
        start=start,
        end=end,
        published=publication_date(head, where),
        overall=None,
        judgements=((Area.LSCB_REVIEW, grade),),
        lead_inspector=lead_inspector(flat, where),
        lscb_review_only=True,
    )
