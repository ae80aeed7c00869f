"""Ofsted's official statistics: every ILACS standard and short inspection, one row each.

The sheet ``ILACS_inspection_history`` of the release "as at 31 March 2025"
(:data:`OFSTED_ILACS_HISTORY`), for any reference date and cut-off: the ILACS
inspections whose fieldwork ended by the rule's reference date and whose
report was published by its cut-off, of every authority, including those
that no longer exist on the reference date (status "No longer exists").
The cells are written as in :mod:`~childservices.layouts.ofsted`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from childservices.layouts._ofsted_cells import (
    ILACS_TYPES,
    JUDGEMENTS,
    authority_cells,
    continued_by,
    judgement_cells,
    listed_by,
    long_day,
    official_layout,
    ofsted_name,
)
from childservices.layouts._shared import ILACS, day_cell
from childservices.layouts.cells import Cell
from childservices.layouts.table import LayoutTable
from childservices.model import Inspection, InspectionKind
from childservices.rules.asof import publication_key

if TYPE_CHECKING:
    from childservices.authority_view import AuthorityView
    from childservices.rules.official import CountingRule

__all__ = ["CURRENT", "NO_LONGER_EXISTS", "OFSTED_ILACS_HISTORY", "ofsted_ilacs_history"]

OFSTED_ILACS_HISTORY = official_layout(
    name="ofsted-ilacs-history",
    columns=(
        "Web link",
        "Local authority area code",
        "Local authority name",
        "Local authority status",
        "Ofsted region",
        "Inspection date",
        "Publication date",
        "Inspection type",
        "Overall effectiveness",
        *JUDGEMENTS,
    ),
    dates=("Inspection date", "Publication date"),
    sheet="ILACS_inspection_history",
    description="Ofsted's official statistics: every ILACS standard and short inspection",
    rows="every standard and short inspection under ILACS (from 2018) of each local authority",
    blank="Column M is blank for inspections made before care leavers were judged on their own "
    "(1 January 2023).",
)
"""Ofsted's sheet ``ILACS_inspection_history`` (official statistics, 2025 release): long
format, one row per inspection, by authority name and inspection date."""

CURRENT = "Current"
"""The status of an authority in existence on the reference date."""
NO_LONGER_EXISTS = "No longer exists"
"""The status of an authority abolished by the reference date (Bournemouth, Cumbria...)."""


def _listed(inspection: Inspection, rule: CountingRule) -> bool:
    """A standard or short ILACS inspection, ended by the reference date, published by the
    cut-off (an inspection with no recorded kind is listed, its type left empty)."""
    if inspection.framework not in ILACS or inspection.kind is InspectionKind.REINSPECTION:
        return False
    return listed_by(inspection, rule)


def ofsted_ilacs_history(authorities: Iterable[AuthorityView], rule: CountingRule) -> LayoutTable:
    """Every ILACS standard and short inspection listed under ``rule``:
    :data:`OFSTED_ILACS_HISTORY`.

    Sorted by authority name (as Ofsted spells it), then inspection date. An
    authority in existence on the reference date is :data:`CURRENT`, its
    identifiers (area code, the web link's URN) those of that day; one
    abolished by then is :data:`NO_LONGER_EXISTS`, with its identifiers on the
    inspection's first day, unless a council in existence kept its Ofsted URN
    (North Yorkshire and Somerset in 2023): Ofsted then lists the two as one
    (:func:`~childservices.rules.carryover.keeps_predecessor_urn`), and so
    does this table, under the council in existence.
    """
    day = rule.inspected_by
    everyone = list(authorities)
    continued = continued_by(everyone, day)
    keyed = []
    for authority in everyone:
        listed_as = continued.get(authority.id, authority)
        current = listed_as.active_on(day) is True
        for inspection in authority.inspections:
            if not _listed(inspection, rule):
                continue
            on = day if current else (inspection.start or inspection.published).first_day()
            row = _row(listed_as, inspection, on, current)
            keyed.append(((ofsted_name(listed_as).casefold(), publication_key(inspection)), row))
    keyed.sort(key=lambda pair: pair[0])
    return LayoutTable(
        layout=OFSTED_ILACS_HISTORY,
        rows=tuple(row for _, row in keyed),
        title=f"ILACS inspection history from 2018-{day.year}",
        notes=(
            OFSTED_ILACS_HISTORY.notes[0].replace(
                "(from 2018)",
                f"(from 2018) ended by {long_day(day)} with a report published by "
                f"{long_day(rule.published_by)}",
            ),
        ),
    )


def _row(
    authority: AuthorityView, inspection: Inspection, on: datetime.date, current: bool
) -> tuple[Cell, ...]:
    """One inspection's row; ``on`` is the day whose identifiers are written."""
    row: dict[str, Cell] = {
        **authority_cells(authority, on, "Ofsted region"),
        "Local authority status": CURRENT if current else NO_LONGER_EXISTS,
        "Inspection date": day_cell(inspection.start),
        "Publication date": day_cell(inspection.published),
        "Inspection type": None if inspection.kind is None else ILACS_TYPES.get(inspection.kind),
        **judgement_cells(inspection),
    }
    return tuple(row.get(c) for c in OFSTED_ILACS_HISTORY.columns)
