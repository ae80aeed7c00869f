"""Grades in a report's text: a grade phrase, and a table of judgement rows and their grades."""

from __future__ import annotations

import re
from collections.abc import Sequence

from childservices.errors import ArgumentValueError, ReportError
from childservices.model import Framework, Grade
from childservices.model.grades import GRADE_WORDS, grade_from_text
from childservices.reports.parse._scan import quote, skip_space

__all__ = ["GRADE_PATTERN", "Label", "grade", "grade_at", "grade_table", "label", "label_any"]

GRADE_PATTERN = (
    "(?:"
    + "|".join(sorted((re.escape(p) for p in GRADE_WORDS), key=len, reverse=True))
    + r")(?![a-z])"
)
"""A grade phrase (longest first, so "requires improvement to be good" wins)."""
_GRADE_AT_START = re.compile(f"(?P<phrase>{GRADE_PATTERN})", re.IGNORECASE)
_FOOTNOTE = re.compile(r"[\s.]*\d?$")


def grade(phrase: str, framework: Framework, where: str, what: str) -> Grade:
    """The grade a phrase names, checked against the framework's scale."""
    cleaned = _FOOTNOTE.sub("", phrase).strip(" .:")
    try:
        found = grade_from_text(cleaned, prose=True)
    except ArgumentValueError:
        found = None
    if found is None:
        raise ReportError(
            f"{where}: {what}: expected a grade (outstanding, good, requires improvement, "
            f"adequate or inadequate), found {quote(phrase)}"
        )
    if framework.before_sif and found is Grade.REQUIRES_IMPROVEMENT:
        raise ReportError(
            f"{where}: {what}: 'requires improvement' is not a grade of a 2013 inspection"
        )
    if not framework.before_sif and found is Grade.ADEQUATE:
        raise ReportError(f"{where}: {what}: 'adequate' is not a grade after November 2013")
    return found


def grade_at(text: str, pos: int, framework: Framework, where: str, what: str) -> Grade:
    """The grade phrase that starts at ``pos`` (the next words must be one)."""
    match = _GRADE_AT_START.match(text, pos)
    if match is None:
        raise ReportError(f"{where}: {what}: expected a grade, found {quote(text[pos : pos + 50])}")
    return grade(match["phrase"], framework, where, what)


Label = str | tuple[str, ...]
"""A grade table row's label as printed, or every wording the reports have used for it
(the first is the one named in errors)."""


def grade_table(
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
    for key, row_label in rows:
        wordings = (row_label,) if isinstance(row_label, str) else row_label
        match = label_any(wordings, numbered=numbered).search(text)
        if match is None:
            raise ReportError(
                f"{where}: expected the judgement row {wordings[0]!r} in the grade table"
            )
        found.append((match, key, wordings[0]))
    found.sort(key=lambda row: row[0].start())
    grades: dict[str, Grade | None] = {}
    end = 0
    for index, (match, key, printed) in enumerate(found):
        what = f"grade for {printed!r}"
        if index + 1 < len(found):
            cell = text[match.end() : found[index + 1][0].start()]
            if _NOT_JUDGED.fullmatch(cell.strip(" .")):
                grades[key] = None
                continue
            grades[key] = grade(cell, framework, where, what)
        else:
            start = skip_space(text, match.end())
            grades[key] = grade_at(text, start, framework, where, what)
            phrase = _GRADE_AT_START.match(text, start)
            end = phrase.end() if phrase else start
    return grades, end


_NOT_JUDGED = re.compile(r"not judged", re.IGNORECASE)


def label(text: str, *, numbered: bool = False) -> re.Pattern[str]:
    """A label as printed, matched without regard to case or to a space lost in extraction."""
    return label_any((text,), numbered=numbered)


def label_any(wordings: Sequence[str], *, numbered: bool = False) -> re.Pattern[str]:
    """Any of a label's wordings (see :func:`label`)."""
    number = r"\d(?:\.\d)?\.? ?" if numbered else ""
    words = "|".join(r" ?".join(re.escape(word) for word in text.split()) for text in wordings)
    return re.compile(f"{number}(?:{words})", re.IGNORECASE)
