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
where and what it expected, and nothing is ever guessed.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence

from childservices.errors import ReportError
from childservices.model import NOT_GIVEN, Area, Framework, Grade, InspectionKind, Overall
from childservices.reports.facts import ReportFacts

__all__ = ["FACTS_ON_FIRST_PAGES", "normalise", "parse_report_text", "states_all_on_first_pages"]

_HEAD = 6000
"""How many characters of normalised text the first-page facts are looked for in."""

_PUNCTUATION = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2011": "-",
        "\u2212": "-",
        "\u2500": "-",
        "\u00a0": " ",
        "\u00ad": None,
    }
)


def normalise(text: str) -> str:
    """The text with typographic quotes and dashes made plain and all runs of space made one."""
    return " ".join(text.translate(_PUNCTUATION).split())


# --- grades -------------------------------------------------------------------------------

_GRADE_PHRASES: dict[str, Grade] = {
    "outstanding": Grade.OUTSTANDING,
    "good": Grade.GOOD,
    "requires improvement to be good": Grade.REQUIRES_IMPROVEMENT,
    "requires improvement": Grade.REQUIRES_IMPROVEMENT,
    "require improvement to be good": Grade.REQUIRES_IMPROVEMENT,
    "require improvement": Grade.REQUIRES_IMPROVEMENT,
    "adequate": Grade.ADEQUATE,
    "inadequate": Grade.INADEQUATE,
}
"""Every way the reports write a grade (matched without regard to case)."""

_GRADE_WORDS = (
    "(?:"
    + "|".join(sorted((re.escape(p) for p in _GRADE_PHRASES), key=len, reverse=True))
    + r")(?![a-z])"
)
"""A grade phrase (longest first, so "requires improvement to be good" wins)."""
_GRADE_AT_START = re.compile(f"(?P<phrase>{_GRADE_WORDS})", re.IGNORECASE)
_FOOTNOTE = re.compile(r"[\s.]*\d?$")


def _grade(phrase: str, framework: Framework, where: str, what: str) -> Grade:
    """The grade a phrase names, checked against the framework's scale."""
    cleaned = _FOOTNOTE.sub("", phrase).strip(" .:").lower()
    grade = _GRADE_PHRASES.get(cleaned)
    if grade is None:
        raise ReportError(
            f"{where}: {what}: expected a grade (outstanding, good, requires improvement, "
            f"adequate or inadequate), found {_quote(phrase)}"
        )
    if framework.before_sif and grade is Grade.REQUIRES_IMPROVEMENT:
        raise ReportError(
            f"{where}: {what}: 'requires improvement' is not a grade of a 2013 inspection"
        )
    if not framework.before_sif and grade is Grade.ADEQUATE:
        raise ReportError(f"{where}: {what}: 'adequate' is not a grade after November 2013")
    return grade


def _grade_at(text: str, pos: int, framework: Framework, where: str, what: str) -> Grade:
    """The grade phrase that starts at ``pos`` (the next words must be one)."""
    match = _GRADE_AT_START.match(text, pos)
    if match is None:
        raise ReportError(
            f"{where}: {what}: expected a grade, found {_quote(text[pos : pos + 50])}"
        )
    return _grade(match["phrase"], framework, where, what)


def _quote(found: str) -> str:
    found = found.strip()
    return repr(found) if found else "nothing"


Label = str | tuple[str, ...]
"""A grade table row's label as printed, or every wording the reports have used for it
(the first is the one named in errors)."""


def _table(
    text: str,
    rows: Sequence[tuple[str, Label]],
    framework: Framework,
    where: str,
    *,
    numbered: bool = False,
) -> tuple[dict[str, Grade | None], int]:
    """Read a grade table: each row's label followed by its grade.

    ``rows`` pairs a key with the row's label (``numbered``: after a number
    such as ``2.1``, whatever the number). Rows are found by their labels, in
    whatever order the text has them. A row's grade is everything between its
    label and the next label, and must be a grade phrase and nothing else; the
    last row's grade is the grade phrase after its label. A row marked "Not
    judged" has the grade ``None``. Also returns where the last grade ends.
    """
    found: list[tuple[re.Match[str], str, str]] = []
    for key, label in rows:
        wordings = (label,) if isinstance(label, str) else label
        match = _label_any(wordings, numbered=numbered).search(text)
        if match is None:
            raise ReportError(
                f"{where}: expected the judgement row {wordings[0]!r} in the grade table"
            )
        found.append((match, key, wordings[0]))
    found.sort(key=lambda row: row[0].start())
    grades: dict[str, Grade | None] = {}
    end = 0
    for index, (match, key, label) in enumerate(found):
        what = f"grade for {label!r}"
        if index + 1 < len(found):
            cell = text[match.end() : found[index + 1][0].start()]
            if _NOT_JUDGED.fullmatch(cell.strip(" .")):
                grades[key] = None
                continue
            grades[key] = _grade(cell, framework, where, what)
        else:
            start = _skip_space(text, match.end())
            grades[key] = _grade_at(text, start, framework, where, what)
            phrase = _GRADE_AT_START.match(text, start)
            end = phrase.end() if phrase else start
    return grades, end


_NOT_JUDGED = re.compile(r"not judged", re.IGNORECASE)


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] == " ":
        pos += 1
    return pos


def _label(text: str, *, numbered: bool = False) -> re.Pattern[str]:
    """A label as printed, matched without regard to case or to a space lost in extraction."""
    return _label_any((text,), numbered=numbered)


def _label_any(wordings: Sequence[str], *, numbered: bool = False) -> re.Pattern[str]:
    """Any of a label's wordings (see :func:`_label`)."""
    number = r"\d(?:\.\d)?\.? ?" if numbered else ""
    words = "|".join(r" ?".join(re.escape(word) for word in text.split()) for text in wordings)
    return re.compile(f"{number}(?:{words})", re.IGNORECASE)


# --- dates --------------------------------------------------------------------------------

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_NUMERIC = r"\d{1,2}/\d{1,2}/\d{4}"
_DATE = re.compile(
    rf"(?P<day>{_DAY}) (?P<month>{_MONTH}) (?P<year>\d{{4}})|(?P<numeric>{_NUMERIC})", re.I
)
_DATES_MARKER = re.compile(r"Inspection dates?\s?:?", re.I)
_TO = r" ?(?:-|to|until) ?"
_DATES = re.compile(
    rf"(?P<d1>{_DAY})(?: (?P<m1>{_MONTH}))?(?: (?P<y1>\d{{4}}))?{_TO}"
    rf"(?P<d2>{_DAY}) (?P<m2>{_MONTH}) (?P<y2>\d{{4}})"
    rf"|(?P<n1>{_NUMERIC}){_TO}(?P<n2>{_NUMERIC})"
    rf"|(?P<single>{_DAY} {_MONTH} \d{{4}}|{_NUMERIC})(?!{_TO}\d)",
    re.I,
)
_PUBLISHED = re.compile(
    rf"(?:Report published|Published)\s?:? (?P<date>{_DAY} {_MONTH} \d{{4}}|{_NUMERIC})", re.I
)


def _day(day: str, month: str, year: str, where: str) -> datetime.date:
    try:
        number = int(month) if month.isdigit() else _MONTHS[month.lower()[:3]]
        return datetime.date(int(year), number, int(re.sub(r"\D", "", day)))
    except ValueError as exc:
        raise ReportError(f"{where}: {day} {month} {year} is not a date: {exc}") from None


def _parse_date(text: str, where: str) -> datetime.date:
    """A date written ``3 June 2015`` or, in a few SIF reports, ``03/06/2015`` (day first)."""
    match = _DATE.fullmatch(text)
    if match is None:
        raise ReportError(f"{where}: expected a date like '3 June 2015', found {_quote(text)}")
    if match["numeric"]:
        day, month, year = match["numeric"].split("/")
        return _day(day, month, year, where)
    return _day(match["day"], match["month"], match["year"], where)


def _inspection_dates(
    head: str, where: str
) -> tuple[datetime.date | None, datetime.date | None, int]:
    """The fieldwork dates after "Inspection dates:", and where they end in the text.

    A start written without its month or year ("9 to 20 May 2022") takes them
    from the end date; a start month after the end month means the previous
    year. Fieldwork in two parts ("30 September to 11 October 2024 and 13 to
    16 January 2025", Devon 2025, an inspection paused and resumed) runs from
    the first part's start to the second part's end. A report that prints a
    single date (City of London, 2016) does not say whether it is the first
    day, the last or the only one: both dates are then ``None``.
    """
    marker = _DATES_MARKER.search(head)
    if marker is None:
        raise ReportError(f"{where}: no 'Inspection dates:' line on the first page")
    match = _DATES.match(head, _skip_space(head, marker.end()))
    if match is None:
        found = head[marker.end() : marker.end() + 50]
        raise ReportError(
            f"{where}: expected inspection dates like '9 to 20 May 2022' after "
            f"'Inspection dates:', found {_quote(found)}"
        )
    if match["single"]:
        _parse_date(match["single"], where)  # checked, but it is not known which day it is
        return None, None, match.end()
    start, end = _date_range(match, where)
    second_part = _SECOND_PART.match(head, match.end())
    if second_part is not None:
        resumed = _DATES.match(head, second_part.end())
        if resumed is None or resumed["single"]:
            raise ReportError(
                f"{where}: expected a second range of inspection dates after "
                f"{match[0]!r} and, found {_quote(head[second_part.end() : second_part.end() + 50])}"
            )
        resumed_start, end = _date_range(resumed, where)
        if resumed_start <= start:
            raise ReportError(f"{where}: the second part of the inspection starts before the first")
        match = resumed
    if start > end:
        raise ReportError(f"{where}: inspection dates run backwards: {match[0]!r}")
    return start, end, match.end()


_SECOND_PART = re.compile(r" and (?=\d)")


def _date_range(match: re.Match[str], where: str) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a range matched by ``_DATES``."""
    if match["n1"]:
        return _parse_date(match["n1"], where), _parse_date(match["n2"], where)
    end = _day(match["d2"], match["m2"], match["y2"], where)
    start_month = match["m1"] or match["m2"]
    start_year = match["y1"]
    if start_year is None:
        month_number = _MONTHS[start_month.lower()[:3]]
        start_year = str(end.year - 1 if month_number > end.month else end.year)
    start = _day(match["d1"], start_month, start_year, where)
    if start > end:
        raise ReportError(f"{where}: inspection dates run backwards: {match[0]!r}")
    return start, end


def _published(head: str, where: str) -> datetime.date | None:
    match = _PUBLISHED.search(head)
    return None if match is None else _parse_date(match["date"], where)


# --- the lead inspector -------------------------------------------------------------------

_LEAD = re.compile(r"\b(?:Lead inspectors?(?: on site)?|Reporting inspector)\s?:?\s?", re.I)
_AFTER_NAME = re.compile(
    r",| \(?(?:Senior )?HMI\b| Her Majesty's| His Majesty's| Deputy lead| Team inspector"
    r"| Report author| Judgement Grade| Age group| Inspection dates?\b",
    re.I,
)


def _lead_inspector(text: str, where: str) -> str | None:
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
            f"found {_quote(text[pos : pos + 50])}"
        )
    return name


# --- frameworks ---------------------------------------------------------------------------

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
_PAGE_NUMBER = re.compile(r"^(?:\d{1,2} )+")


FACTS_ON_FIRST_PAGES = 2
"""An ILACS report states every fact the parser reads on its first two pages."""


def states_all_on_first_pages(text: str) -> bool:
    """Whether a report whose text starts with ``text`` gives all its facts on its first pages.

    True for ILACS reports: their grade table, dates and lead inspector are on
    the first page. SIF reports give the board review and the lead inspector
    pages later, and 2013 reports their grades after the contents.
    """
    head = normalise(text)[:_HEAD]
    dates_at = _DATES_MARKER.search(head)
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
    head = flat[:_HEAD]
    dates_at = _DATES_MARKER.search(head)
    title_zone = head[: dates_at.start()] if dates_at else head[:1500]
    if _LAC_TITLE.search(title_zone):
        return _parse_lac(flat, where)
    sif = _SIF_TITLE.search(title_zone)
    if sif:
        return _parse_sif(flat, sif, where)
    lscb = _LSCB_TITLE.search(title_zone)
    if lscb:
        return _parse_lscb_review(flat, lscb, where)
    ilacs = _ILACS_TITLE.search(head)
    if ilacs:
        return _parse_ilacs(flat, ilacs, where)
    raise ReportError(
        f"{where}: not a report shape this parser knows: expected a title such as "
        "'Inspection of looked after children services', 'Inspection of services for children "
        "in need of help and protection...' or 'Inspection of ... children's services' before "
        f"'Inspection dates', found {_quote(title_zone[:120])}"
    )


def _name_before(head: str, title: re.Match[str], where: str) -> str:
    """The authority's name printed above the report's title."""
    name = _PAGE_NUMBER.sub("", head[: title.start()]).strip(" ,")
    if not name:
        raise ReportError(f"{where}: no authority name above the title {title[0]!r}")
    return name


# LAC 2013 ---------------------------------------------------------------------------------

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
    grade = _grade(graded["word"], Framework.LAC, where, f"grade for {what!r}")
    if _LAC_NUMBERS.get(graded["number"]) is not grade:
        raise ReportError(
            f"{where}: grade for {what!r}: number and word disagree in {graded[0].strip()!r}"
        )
    return grade


def _parse_lac(flat: str, where: str) -> ReportFacts:
    head = flat[:_HEAD]
    name = _LAC_NAME.search(head)
    if name is None:
        raise ReportError(f"{where}: no authority name between the title and 'Inspection dates'")
    start, end, _ = _inspection_dates(head, where)
    published = _published(head, where)
    overall = _lac_grade(
        flat,
        _LAC_OVERALL,
        "Overall effectiveness of services for looked after children and young people",
        where,
    )
    capacity = _lac_grade(flat, _LAC_CAPACITY, "Capacity to improve", where)
    return _facts(
        where,
        authority_name=name["name"].strip(),
        framework=Framework.LAC,
        kind=None,
        start=start,
        end=end,
        published=published,
        overall=overall,
        judgements=((Area.CAPACITY_TO_IMPROVE, capacity),),
        lead_inspector=_lead_inspector(head, where),
    )


# SIF --------------------------------------------------------------------------------------

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
    r"(?=" + _GRADE_WORDS + r")"
    r"|Children's services(?: in (?:the )?[A-Z][^.]{0,80}?)?(?: are| is)? "
    r"(?=" + _GRADE_WORDS + r")",
    re.IGNORECASE,
)
"""The overall judgement's sentence, up to the grade: "The overall judgement is that children's
services are inadequate", "Children's services in Darlington require improvement to be good"."""
_SIF_LSCB = re.compile(
    r"\bLocal Safeguarding Children(?: Board)?(?: \(LSCB\))?(?: is| are)? (?=" + _GRADE_WORDS + ")",
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
        _grade_at(flat, match.end(), Framework.SIF, where, "safeguarding board review")
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


def _parse_sif(flat: str, title: re.Match[str], where: str) -> ReportFacts:
    head = _SIF_FOOTNOTE.sub("", flat[:_HEAD], count=1)
    name = _name_before(head, title, where)
    start, end, dates_end = _inspection_dates(head, where)
    overall_at = _SIF_OVERALL.search(head, dates_end)
    if overall_at is None:
        raise ReportError(
            f"{where}: expected the overall judgement ('The overall judgement is ...' or "
            f"'Children's services in ... are ...') after the inspection dates, found "
            f"{_quote(head[dates_end : dates_end + 120])}"
        )
    overall = _grade_at(head, overall_at.end(), Framework.SIF, where, "overall judgement")
    grades, _ = _table(head[overall_at.end() :], _SIF_ROWS, Framework.SIF, where, numbered=True)
    judgements = [(Area(key), grade) for key, grade in grades.items() if grade is not None]
    not_judged = tuple(Area(key) for key, grade in grades.items() if grade is None)
    reinspection = title["re"].lower().startswith("re") or bool(_SIF_SAYS_REINSPECTION.search(head))
    lscb = _lscb_grade(flat, where)
    if lscb is not None:
        judgements.append((Area.LSCB_REVIEW, lscb))
    return _facts(
        where,
        authority_name=name,
        framework=Framework.SIF,
        kind=InspectionKind.REINSPECTION if reinspection else None,
        start=start,
        end=end,
        published=_published(head, where),
        overall=overall,
        judgements=tuple(judgements),
        lead_inspector=_lead_inspector(flat, where),
        not_judged=not_judged,
    )


def _parse_lscb_review(flat: str, title: re.Match[str], where: str) -> ReportFacts:
    head = flat[:_HEAD]
    name = _name_before(head, title, where)
    name = re.sub(r"\s*(?:Local )?Safeguarding Children Board$", "", name, flags=re.I) or name
    start, end, dates_end = _inspection_dates(head, where)
    grade = _lscb_grade(flat, where)
    if grade is None:
        raise ReportError(
            f"{where}: expected the board's grade ('The Local Safeguarding Children Board is "
            f"...') after the inspection dates, found {_quote(head[dates_end : dates_end + 120])}"
        )
    return _facts(
        where,
        authority_name=name,
        framework=Framework.SIF,
        kind=None,
        start=start,
        end=end,
        published=_published(head, where),
        overall=None,
        judgements=((Area.LSCB_REVIEW, grade),),
        lead_inspector=_lead_inspector(flat, where),
        lscb_review_only=True,
    )


# ILACS ------------------------------------------------------------------------------------

_ILACS_LEADERS = (
    "The impact of leaders on social work practice with children and families",
    "The impact of leaders on practice with children and families",
)
_ILACS_HELP = "The experiences and progress of children who need help and protection"
_ILACS_IN_CARE_AND_LEAVERS = "The experiences and progress of children in care and care leavers"
_ILACS_IN_CARE = "The experiences and progress of children in care"
_ILACS_LEAVERS = (
    "The experiences and progress of care leavers",
    "The experiences and progress of children care leavers",
)
"""Row labels of the ILACS grade table, with every wording the reports have printed (some
2025-2026 reports print "children care leavers")."""
_ILACS_OVERALL_ROW = re.compile(r"Overall effectiveness ?", re.I)
"""The row that ends the grade table of every ILACS report before the 2026 reform."""


def _parse_ilacs(flat: str, title: re.Match[str], where: str) -> ReportFacts:
    """An ILACS report, or a reformed one (2026) whose grade table has no overall row.

    The table's rows are found by their labels after the inspection dates.
    An "Overall effectiveness" row straight after the last area's grade makes
    it an ILACS report with that overall grade; a table of the four areas of
    2023 with no such row is a report under the reformed framework
    (:attr:`~Framework.ILACS_2026`), whose overall judgement is ``NOT_GIVEN``.
    """
    head = flat[:_HEAD]
    name = re.sub(r"^the ", "", title["name"].strip())
    if not name:  # the 2018-2019 layout prints the name above the title
        name = _name_before(head, title, where)
    start, end, dates_end = _inspection_dates(head, where)
    in_care = _label(_ILACS_IN_CARE).search(head, dates_end)
    split = in_care is None or not _label(_ILACS_IN_CARE_AND_LEAVERS).match(head, in_care.start())
    rows: list[tuple[str, Label]] = [
        (Area.IMPACT_OF_LEADERS.value, _ILACS_LEADERS),
        (Area.HELP_AND_PROTECTION.value, _ILACS_HELP),
    ]
    if split:
        rows += [(Area.IN_CARE.value, _ILACS_IN_CARE), (Area.CARE_LEAVERS.value, _ILACS_LEAVERS)]
    else:
        rows.append((Area.IN_CARE_AND_CARE_LEAVERS.value, _ILACS_IN_CARE_AND_LEAVERS))
    table = head[dates_end:]
    grades, table_end = _table(table, rows, Framework.ILACS, where)
    if None in grades.values():
        raise ReportError(f"{where}: an ILACS grade table row says 'Not judged'")
    overall_row = _ILACS_OVERALL_ROW.match(table, _skip_space(table, table_end))
    overall: Overall
    if overall_row is not None:
        framework = Framework.ILACS
        overall = _grade_at(
            table, overall_row.end(), framework, where, "grade for 'Overall effectiveness'"
        )
    elif split:
        framework, overall = Framework.ILACS_2026, NOT_GIVEN
    else:
        raise ReportError(
            f"{where}: expected the grade table to end with 'Overall effectiveness' and a "
            "grade (only a reformed report of 2026, with four area rows, has none)"
        )
    return _facts(
        where,
        authority_name=name,
        framework=framework,
        kind=None,
        start=start,
        end=end,
        published=_published(head, where),
        overall=overall,
        judgements=tuple((Area(key), grade) for key, grade in grades.items() if grade is not None),
        lead_inspector=_lead_inspector(head, where),
    )


def _facts(
    where: str,
    *,
    authority_name: str,
    framework: Framework,
    kind: InspectionKind | None,
    start: datetime.date | None,
    end: datetime.date | None,
    published: datetime.date | None,
    overall: Overall | None,
    judgements: tuple[tuple[Area, Grade], ...],
    lead_inspector: str | None,
    lscb_review_only: bool = False,
    not_judged: tuple[Area, ...] = (),
) -> ReportFacts:
    """Build the facts, turning an inconsistency between them into a :class:`ReportError`."""
    try:
        return ReportFacts(
            authority_name=authority_name,
            framework=framework,
            kind=kind,
            start=start,
            end=end,
            published=published,
            overall=overall,
            judgements=judgements,
            lead_inspector=lead_inspector,
            lscb_review_only=lscb_review_only,
            not_judged=not_judged,
        )
    except ValueError as exc:
        raise ReportError(f"{where}: the facts read do not hold together: {exc}") from None
