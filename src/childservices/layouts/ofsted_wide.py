"""Ofsted's official statistics: every authority's inspections from 2009, one wide row each.

The sheet ``LA_inspections_2009-2023`` of "Children's social care data in
England 2023" (:data:`OFSTED_WIDE_HISTORY`), for any reference date and
cut-off: one row per authority, a group of columns per inspection slot
(:data:`SLOTS`): the safeguarding and looked after children inspection
(SLAC) and its two re-inspections, the child protection inspection (CPI) and
its re-inspection, the targeted looked after children inspection (TLAC), the
first single inspection framework inspection (SIF) and its re-inspection,
and the first and second ILACS inspections. Before ILACS only publication
dates are given. Each slot holds the authority's first inspection of its
kind, so later or extra inspections (a third ILACS, a second SIF
re-inspection) have no column, as in the original.

Grades are written as the original writes them, in today's words: the middle
grade of the frameworks before November 2013, **adequate**, is written
'Requires improvement to be good' (the workbook's guidance: "we have used the
current inspection framework's sub judgement wording"); reading the sheet
back, that value stands for adequate in the SLAC, CPI and TLAC columns.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from childservices.layouts._ofsted_cells import (
    ILACS_TYPES,
    continued_by,
    listed_by,
    long_day,
    ofsted_name,
    web_link,
)
from childservices.layouts._shared import ILACS, day_cell
from childservices.layouts.cells import Cell
from childservices.layouts.table import Layout, LayoutTable
from childservices.model import (
    Area,
    AuthorityKind,
    Framework,
    Grade,
    Inspection,
    InspectionKind,
    Region,
)
from childservices.rules.asof import publication_key
from childservices.rules.carryover import keeps_predecessor_urn

if TYPE_CHECKING:
    from childservices.authority_view import AuthorityView
    from childservices.rules.official import CountingRule

__all__ = ["OFSTED_WIDE_HISTORY", "SLOTS", "Slot", "ofsted_wide_history"]


@attrs.frozen(kw_only=True)
class Slot:
    """One inspection's group of columns: which inspections fill it, and its columns.

    ``framework`` and ``kind`` pick the inspections (the ``nth`` of them, by
    publication, from 0); ``needs`` an area the inspection judged (the two
    SLAC re-inspections, of safeguarding and of looked after children, are
    told apart by it). ``date`` is the publication date's column, ``kind_column``
    the inspection type's (ILACS only), ``overall`` the overall judgement's,
    and ``areas`` each judgement column with the area it holds.
    """

    frameworks: frozenset[Framework]
    kind: InspectionKind | None
    nth: int = 0
    needs: Area | None = None
    kind_column: str | None = None
    date: str
    overall: str | None = None
    areas: tuple[tuple[str, tuple[Area, ...]], ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        """The slot's columns, in the sheet's order."""
        return tuple(
            c
            for c in (self.kind_column, self.date, self.overall, *(a for a, _ in self.areas))
            if c is not None
        )

    def fits(self, inspection: Inspection) -> bool:
        """Whether the inspection is of the slot's framework and kind."""
        if inspection.framework not in self.frameworks:
            return False
        if self.kind is InspectionKind.REINSPECTION:
            if inspection.kind is not InspectionKind.REINSPECTION:
                return False
        elif inspection.kind is InspectionKind.REINSPECTION:
            return False
        return self.needs is None or self.needs in inspection.grades


_SIF_AREAS = (
    ("children who need help and protection ", (Area.HELP_AND_PROTECTION,)),
    ("children looked after and achieving permanence ", (Area.LOOKED_AFTER_AND_PERMANENCE,)),
    ("CLA Sub: Adoption Performance", (Area.ADOPTION,)),
    ("CLA Sub: Experiences and progress of care leavers", (Area.CARE_LEAVERS,)),
    ("leadership, management and governance", (Area.LEADERSHIP_MANAGEMENT_GOVERNANCE,)),
)
_SIF = "Single Inspection of LA Children's Services (SIF) "
_ILACS_STEM = "framework experiences and progress of children "
_IN_CARE = (Area.IN_CARE_AND_CARE_LEAVERS, Area.IN_CARE)


def _ilacs(which: str, nth: int) -> Slot:
    split = (
        (f"{which} ILACS {_ILACS_STEM}in care", _IN_CARE),
        (f"{which} ILACS framework experiences and progress of care leavers", (Area.CARE_LEAVERS,)),
    )
    return Slot(
        frameworks=ILACS,
        kind=None,
        nth=nth,
        kind_column=f"{which} ILACS framework inspection type",
        date=f"{which} ILACS framework publication date",
        overall=f"{which} ILACS framework overall effectiveness",
        areas=(
            (f"{which} ILACS framework impact of leaders", (Area.IMPACT_OF_LEADERS,)),
            (
                f"{which} ILACS {_ILACS_STEM}who need help and protection",
                (Area.HELP_AND_PROTECTION,),
            ),
            *(
                ((f"{which} ILACS {_ILACS_STEM}in care and care leavers", _IN_CARE),)
                if nth == 0
                else split
            ),
        ),
    )


SLOTS = (
    Slot(
        frameworks=frozenset({Framework.SLAC}),
        kind=InspectionKind.STANDARD,
        date="Safeguarding & Looked After Children (SLAC) Inspection publication date",
        areas=(
            ("SLAC Safeguarding Overall effectiveness (OE)", (Area.SAFEGUARDING,)),
            (
                "SLAC Looked After Children Overall Effectiveness (OE)",
                (Area.LOOKED_AFTER_CHILDREN,),
            ),
        ),
    ),
    Slot(
        frameworks=frozenset({Framework.SLAC}),
        kind=InspectionKind.REINSPECTION,
        needs=Area.SAFEGUARDING,
        date="SLAC re-inspection of Safeguarding publication date",
        areas=(("SLAC re-inspection Safeguarding OE", (Area.SAFEGUARDING,)),),
    ),
    Slot(
        frameworks=frozenset({Framework.SLAC}),
        kind=InspectionKind.REINSPECTION,
        needs=Area.LOOKED_AFTER_CHILDREN,
        date="SLAC re-inspection of services for Children Looked After publication date",
        areas=(
            (
                "SLAC re-inspection of services Children Looked After OE",
                (Area.LOOKED_AFTER_CHILDREN,),
            ),
        ),
    ),
    Slot(
        frameworks=frozenset({Framework.CPI}),
        kind=InspectionKind.STANDARD,
        date="Child Protection Inspections (CPI) publication date",
        overall="CPI Overall Effectiveness (OE)",
    ),
    Slot(
        frameworks=frozenset({Framework.CPI}),
        kind=InspectionKind.REINSPECTION,
        date="Child Protection Re-Inspection (CPRI) publication date",
        overall="CPRI Overall Effectiveness (OE)",
    ),
    Slot(
        frameworks=frozenset({Framework.LAC}),
        kind=InspectionKind.STANDARD,
        date="Targeted Looked After Children (TLAC) inspection publication date",
        overall="TLAC Overall Effectiveness (OE)",
    ),
    Slot(
        frameworks=frozenset({Framework.SIF}),
        kind=InspectionKind.STANDARD,
        date=f"{_SIF} First SIF publication date",
        overall=" First SIF Overall Judgement\n(OE)",
        areas=(
            *((f" First SIF {name}", areas) for name, areas in _SIF_AREAS),
            ("LSCB Overall Effectiveness ", (Area.LSCB_REVIEW,)),
        ),
    ),
    Slot(
        frameworks=frozenset({Framework.SIF}),
        kind=InspectionKind.REINSPECTION,
        date=f"{_SIF}SIF Re-inspection publication date",
        overall=" SIF Re-inspection Overall Judgement\n(OE)",
        areas=tuple((f" SIF Re-inspection {name}", areas) for name, areas in _SIF_AREAS),
    ),
    _ilacs("First", 0),
    _ilacs("Second", 1),
)
"""The sheet's inspection slots, in its column order."""

_TYPES = {
    AuthorityKind.COUNTY: "Shire County",
    AuthorityKind.METROPOLITAN_DISTRICT: "Metropolitan District",
    AuthorityKind.LONDON_BOROUGH: "London Borough",
    AuthorityKind.UNITARY: "Unitary",
}

OFSTED_WIDE_HISTORY = Layout(
    name="ofsted-wide-history",
    columns=(
        "Web link",
        "Local authority name",
        "LA region",
        "LA Authority Type",
        *(c for slot in SLOTS for c in slot.columns),
    ),
    date_formats={slot.date: "%d/%m/%Y" for slot in SLOTS},
    sheet="LA_inspections_2009-2023",
    description="Ofsted's official statistics: every authority's inspections from 2009",
    notes=(
        "One table, from cell A5, with no blank rows or columns: each local authority with "
        "its inspections from 2009, one group of columns per inspection, rebuilt by the "
        "childservices library from its record.",
        "Column A links to the authority's page on Ofsted's reports site.",
        "Grades are in today's words: for inspections before November 2013 'Requires "
        "improvement to be good' stands for adequate. An empty cell is not known.",
    ),
    header_row=5,
)
"""Ofsted's sheet ``LA_inspections_2009-2023`` (official statistics, 2023 release): a wide
row per authority, by name, the header on row 5 under a title and three notes."""


def _name(authority: AuthorityView) -> str:
    """The name as Ofsted spells it; a county council whose successor kept its Ofsted URN
    (North Yorkshire and Somerset in 2023) under the successor's name, as Ofsted lists it."""
    for successor in authority.successors:
        if keeps_predecessor_urn(successor):
            return ofsted_name(successor)
    return ofsted_name(authority)


def _type(authority: AuthorityView) -> str | None:
    """The council's type as the sheet writes it; the City of London is a London borough
    there and the Isles of Scilly unitary (the sheet's rows 26 and 60)."""
    if authority.kind is AuthorityKind.OTHER:
        return "London Borough" if authority.region is Region.LONDON else "Unitary"
    return _TYPES.get(authority.kind)


def _region(authority: AuthorityView) -> str | None:
    """Ofsted's eight regions as this sheet spells them ('... and The Humber')."""
    region = authority.region
    if region in (Region.NORTH_EAST, Region.YORKSHIRE_AND_THE_HUMBER):
        return "North East, Yorkshire and The Humber"
    return None if region is None else region.value


def _grade(grade: Grade | None) -> str | None:
    """A grade in today's words: adequate as 'Requires improvement to be good'."""
    if grade is None:
        return None
    if grade is Grade.ADEQUATE:
        grade = Grade.REQUIRES_IMPROVEMENT
    return grade.label[0].upper() + grade.label[1:]


def _slot_cells(slot: Slot, inspection: Inspection) -> dict[str, Cell]:
    grades = inspection.grades
    cells: dict[str, Cell] = {slot.date: day_cell(inspection.published)}
    if slot.kind_column is not None and inspection.kind is not None:
        cells[slot.kind_column] = ILACS_TYPES.get(inspection.kind)
    if slot.overall is not None:
        overall = inspection.overall
        cells[slot.overall] = _grade(overall) if isinstance(overall, Grade) else None
    for column, areas in slot.areas:
        cells[column] = next((_grade(grades[a]) for a in areas if a in grades), None)
    return cells


def ofsted_wide_history(
    authorities: Iterable[AuthorityView], rule: CountingRule, *, abolished: bool = False
) -> LayoutTable:
    """Every authority's inspections listed under ``rule``, one wide row each:
    :data:`OFSTED_WIDE_HISTORY`.

    The authorities in existence on the rule's reference date, sorted by name
    as Ofsted spells it, as the sheet's first table; with ``abolished``,
    those abolished by then with an inspection listed, as its second table. A council that kept its
    predecessor's Ofsted URN (Buckinghamshire in 2020) has its predecessor's
    inspections too, as Ofsted lists them (a predecessor so continued is not
    listed as abolished). Each slot holds the first inspection of its kind
    ended by the reference date and published by the cut-off.
    """
    day = rule.inspected_by
    everyone = list(authorities)
    continued = continued_by(everyone, day)
    chosen = [
        a
        for a in everyone
        if a.id not in continued and (_ended(a, day) if abolished else a.active_on(day) is True)
    ]
    rows = []
    for authority in sorted(chosen, key=lambda a: (_name(a).casefold(), a.id)):
        inspections = list(authority.inspections)
        if keeps_predecessor_urn(authority):
            inspections += [i for p in authority.predecessors for i in p.inspections]
        listed = sorted((i for i in inspections if listed_by(i, rule)), key=publication_key)
        if abolished and not listed:
            continue
        on = day if not abolished else _last_day(authority, day)
        row: dict[str, Cell] = {
            "Web link": web_link(authority, on),
            "Local authority name": _name(authority),
            "LA region": _region(authority),
            "LA Authority Type": _type(authority),
        }
        for slot in SLOTS:
            fitting = [i for i in listed if slot.fits(i)]
            if len(fitting) > slot.nth:
                row |= _slot_cells(slot, fitting[slot.nth])
        rows.append(tuple(row.get(c) for c in OFSTED_WIDE_HISTORY.columns))
    return LayoutTable(
        layout=OFSTED_WIDE_HISTORY,
        rows=tuple(rows),
        title=f"Local authority inspections 2009-{day.year}",
        notes=(
            OFSTED_WIDE_HISTORY.notes[0].replace(
                "with its inspections from 2009,",
                f"{'abolished' if abolished else 'in existence'} on {long_day(day)}, with its "
                f"inspections from 2009 published by {long_day(rule.published_by)},",
            ),
            *OFSTED_WIDE_HISTORY.notes[1:],
        ),
    )


def _ended(authority: AuthorityView, day: datetime.date) -> bool:
    """Whether the authority was abolished on or before ``day``."""
    end = authority.active_to
    return end is not None and end.last_day() < day


def _last_day(authority: AuthorityView, day: datetime.date) -> datetime.date:
    """The authority's last day, for its identifiers (``day`` if not known)."""
    end = authority.active_to
    return day if end is None else min(day, end.first_day())
