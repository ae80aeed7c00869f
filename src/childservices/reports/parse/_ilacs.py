"""Inspections of local authority children's services (ILACS, from 2018), reformed in 2026.

A "Judgement / Grade" table on the first page, whose "children in care and
care leavers" row was split in two in 2023, and which ends with the overall
effectiveness row until the reform of 2026.
"""

from __future__ import annotations

import re

from childservices.errors import ReportError
from childservices.model import NOT_GIVEN, Area, Framework, Overall
from childservices.reports.facts import ReportFacts
from childservices.reports.parse._dates import inspection_dates, publication_date
from childservices.reports.parse._grades import Label, grade_at, grade_table, label
from childservices.reports.parse._names import lead_inspector, name_before
from childservices.reports.parse._scan import HEAD, checked_facts, skip_space

__all__ = ["parse_ilacs"]

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


def parse_ilacs(flat: str, title: re.Match[str], where: str) -> ReportFacts:
    """An ILACS report, or a reformed one (2026) whose grade table has no overall row.

    The table's rows are found by their labels after the inspection dates.
    An "Overall effectiveness" row straight after the last area's grade makes
    it an ILACS report with that overall grade; a table of the four areas of
    2023 with no such row is a report under the reformed framework
    (:attr:`~Framework.ILACS_2026`), whose overall judgement is ``NOT_GIVEN``.
    """
    head = flat[:HEAD]
    name = re.sub(r"^the ", "", title["name"].strip())
    if not name:  # the 2018-2019 layout prints the name above the title
        name = name_before(head, title, where)
    start, end, dates_end = inspection_dates(head, where)
    in_care = label(_ILACS_IN_CARE).search(head, dates_end)
    split = in_care is None or not label(_ILACS_IN_CARE_AND_LEAVERS).match(head, in_care.start())
    rows: list[tuple[str, Label]] = [
        (Area.IMPACT_OF_LEADERS.value, _ILACS_LEADERS),
        (Area.HELP_AND_PROTECTION.value, _ILACS_HELP),
    ]
    if split:
        rows += [(Area.IN_CARE.value, _ILACS_IN_CARE), (Area.CARE_LEAVERS.value, _ILACS_LEAVERS)]
    else:
        rows.append((Area.IN_CARE_AND_CARE_LEAVERS.value, _ILACS_IN_CARE_AND_LEAVERS))
    table = head[dates_end:]
    grades, table_end = grade_table(table, rows, Framework.ILACS, where)
    if None in grades.values():
        raise ReportError(f"{where}: an ILACS grade table row says 'Not judged'")
    overall_row = _ILACS_OVERALL_ROW.match(table, skip_space(table, table_end))
    overall: Overall
    if overall_row is not None:
        framework = Framework.ILACS
        overall = grade_at(
            table, overall_row.end(), framework, where, "grade for 'Overall effectiveness'"
        )
    elif split:
        framework, overall = Framework.ILACS_2026, NOT_GIVEN
    else:
        raise ReportError(
            f"{where}: expected the grade table to end with 'Overall effectiveness' and a "
            "grade (only a reformed report of 2026, with four area rows, has none)"
        )
    return checked_facts(
        where,
        authority_name=name,
        framework=framework,
        kind=None,
        start=start,
        end=end,
        published=publication_date(head, where),
        overall=overall,
        judgements=tuple((Area(key), grade) for key, grade in grades.items() if grade is not None),
        lead_inspector=lead_inspector(head, where),
    )
