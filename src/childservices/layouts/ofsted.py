"""Ofsted's official statistics: every authority's most recent judgement as at a date.

The sheet ``Inspections_as_at_31_March`` (:data:`OFSTED_AS_AT`), for any
reference date and cut-off: the judgements are those an
:class:`~childservices.rules.official.OfficialCount` counts. Grades are
written as Ofsted writes them ('Requires improvement to be good'), names as
its official statistics spell them, regions as Ofsted's eight.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from childservices.layouts._ofsted_cells import (
    JUDGEMENTS,
    authority_cells,
    judgement_cells,
    long_day,
    official_layout,
    ofsted_name,
)
from childservices.layouts._shared import day_cell
from childservices.layouts.cells import Cell
from childservices.layouts.table import LayoutTable

if TYPE_CHECKING:
    from childservices.authority_view import AuthorityView
    from childservices.rules.official import OfficialCount

__all__ = ["OFSTED_AS_AT", "ofsted_as_at"]

OFSTED_AS_AT = official_layout(
    name="ofsted-as-at",
    columns=(
        "Web link",
        "Local authority area code",
        "Local authority name",
        "Ofsted region",
        "Inspection date",
        "Publication date",
        "Overall effectiveness",
        *JUDGEMENTS,
    ),
    dates=("Inspection date", "Publication date"),
    sheet="Inspections_as_at_31_March",
    description="Ofsted's official statistics: every authority's most recent judgement as at a date",
    rows="each local authority in England on the reference date with its most recent judgements",
    blank="Column K is blank for inspections made before care leavers were judged on their own "
    "(1 January 2023).",
)
"""Ofsted's sheet ``Inspections_as_at_31_March`` (official statistics, 2025 release): in a
workbook, a title on row 1, a note on row 2 and the header on row 3, as Ofsted lays it out."""


def ofsted_as_at(authorities: Iterable[AuthorityView], count: OfficialCount) -> LayoutTable:
    """Ofsted's "as at" sheet for the judgements of ``count``: :data:`OFSTED_AS_AT`.

    One row per authority in existence on the rule's reference date, sorted by
    name as Ofsted spells it; an authority with no judgement counted (a new
    council not yet inspected) has empty inspection cells. ``Web link`` is
    the authority's page on Ofsted's reports site, by its Ofsted URN on the
    reference date. Columns the inspection's framework does not have are empty,
    as Ofsted leaves the care leavers column empty before 2023; an overall
    judgement the framework does not give reads 'No overall judgement under
    this framework'.
    """
    day = count.rule.inspected_by
    present = [a for a in authorities if a.active_on(day) is True]
    rows = []
    for authority in sorted(present, key=lambda a: (ofsted_name(a).casefold(), a.id)):
        row: dict[str, Cell] = authority_cells(authority, day, "Ofsted region")
        inspection = count.judgements.get(authority.id)
        if inspection is not None:
            row |= {
                "Inspection date": day_cell(inspection.start),
                "Publication date": day_cell(inspection.published),
                **judgement_cells(inspection),
            }
        rows.append(tuple(row.get(c) for c in OFSTED_AS_AT.columns))
    rule = count.rule
    note = OFSTED_AS_AT.notes[0].replace(
        "on the reference date",
        f"on {long_day(rule.inspected_by)}, counting inspections up to that day with a "
        f"report published by {long_day(rule.published_by)},",
    )
    return LayoutTable(
        layout=OFSTED_AS_AT,
        rows=tuple(rows),
        title=f"Local authority inspection judgements as at {long_day(rule.inspected_by)}",
        notes=(note,),
    )
