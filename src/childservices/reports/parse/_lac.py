"""The looked after children inspections of 2013: each judgement a heading, then 'Grade 3 (Adequate)'."""

from __future__ import annotations

import re

from childservices.errors import ReportError
from childservices.model import Area, Framework, Grade
from childservices.reports.facts import ReportFacts
from childservices.reports.parse._dates import inspection_dates, publication_date
from childservices.reports.parse._grades import grade
from childservices.reports.parse._names import lead_inspector
from childservices.reports.parse._scan import HEAD, checked_facts

__all__ = ["parse_lac"]

_LAC_NAME = re.compile(
    r"Inspection of looked after children services (?P<name>.+?) Inspection dates?\b", re.I
)
_LAC_OVERALL = re.compile(
    r"Overall effectiveness of services for looked after children and young people"
    r"(?= Grade)(?P<grade> Grade \S+ \(\S+?\))?",
    re.I,
)
_LAC_CAPACITY = re.compile(r"Capacity to improve(?= Grade)(?P<grade> Grade \S+ \(\S+?\))?", re.I)
_LAC_GRADE = re.compile(r" Grade (?P<number>\S+) \((?P<word>\S+?)\)")
_LAC_NUMBERS = {
    "1": Grade.OUTSTANDING,
    "2": Grade.GOOD,
    "3": Grade.ADEQUATE,
    "4": Grade.INADEQUATE,
}


def _lac_grade(flat: str, label: re.Pattern[str], what: str, where: str) -> Grade:
    match = label.search(flat)
    if match is None:
        raise ReportError(f"{where}: expected the heading {what!r} followed by 'Grade N (word)'")
    graded = _LAC_GRADE.match(match["grade"] or "")
    if graded is None:
        raise ReportError(
            f"{where}: expected 'Grade N (word)' after the heading {what!r}, "
            f"found {(match['grade'] or '')[:60]!r}"
        )
    found = grade(graded["word"], Framework.LAC, where, f"grade for {what!r}")
    if _LAC_NUMBERS.get(graded["number"]) is not found:
        raise ReportError(
            f"{where}: grade for {what!r}: number and word disagree in {graded[0].strip()!r}"
        )
    return found


def parse_lac(flat: str, where: str) -> ReportFacts:
    head = flat[:HEAD]
    name = _LAC_NAME.search(head)
    if name is None:
        raise ReportError(f"{where}: no authority name between the title and 'Inspection dates'")
    start, end, _ = inspection_dates(head, where)
    published = publication_date(head, where)
    overall = _lac_grade(
        flat,
        _LAC_OVERALL,
        "Overall effectiveness of services for looked after children and young people",
        where,
    )
    capacity = _lac_grade(flat, _LAC_CAPACITY, "Capacity to improve", where)
    return checked_facts(
        where,
        authority_name=name["name"].strip(),
        framework=Framework.LAC,
        kind=None,
        start=start,
        end=end,
        published=published,
        overall=overall,
        judgements=((Area.CAPACITY_TO_IMPROVE, capacity),),
        lead_inspector=lead_inspector(head, where),
    )
