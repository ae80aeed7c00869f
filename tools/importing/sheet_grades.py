"""Grades as Ofsted's official sheets write them, in the seed vocabulary."""

from __future__ import annotations

from childservices.model import Grade
from childservices.model.grades import grade_from_text

#: Frameworks of 2009-2013 whose scale was outstanding/good/adequate/inadequate.
ADEQUATE_SCALE_FRAMEWORKS = frozenset({"slac", "cpi", "lac"})


class GradeError(ValueError):
    """A cell holds a value that is not a grade we know."""


def sheet_grade(value: str, framework: str) -> str:
    """Map a grade as Ofsted's official sheets write it to the seed vocabulary.

    Ofsted's 2023 workbook writes every middle grade as "Requires improvement
    to be good", even for the 2009-2013 frameworks (SLAC, CPI/CPRI, TLAC) whose
    scale was outstanding, good, *adequate*, inadequate: its guidance says it
    uses today's wording. So the middle grade maps to ``adequate`` for
    frameworks ``slac``, ``cpi`` and ``lac`` and to ``requires_improvement``
    for ``sif`` and ``ilacs``. An empty cell (or the sheet's " -") is unknown
    and maps to "".

    >>> sheet_grade("Requires improvement to be good", "slac")
    'adequate'
    >>> sheet_grade("Requires improvement to be good", "sif")
    'requires_improvement'
    """
    try:
        grade = grade_from_text(" ".join(value.split()), unknown=("", "-"))
    except ValueError:
        raise GradeError(f"unknown grade {value!r}") from None
    if grade is None:
        return ""
    if grade in (Grade.REQUIRES_IMPROVEMENT, Grade.ADEQUATE):
        if framework in ADEQUATE_SCALE_FRAMEWORKS:
            return "adequate"
        if grade is Grade.ADEQUATE:
            raise GradeError(f"'adequate' under framework {framework}")
    return grade.value
