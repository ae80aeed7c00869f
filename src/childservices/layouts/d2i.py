"""Data to Insight's tables: the summary of every authority's latest inspection, and the history.

The summary (:data:`D2I_SUMMARY`) is the collaborative's daily table as it
would have stood on any day; the history (:data:`D2I_HISTORY`) is its list of
every report, here for every framework from 2009. Values are written in the
tool's vocabulary: lower case, ``requires improvement``, names as its report
folders spell them, region codes of its LA lookup.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

from childservices.layouts._shared import (
    ILACS,
    area_cells,
    day_cell,
    file_link,
    file_name,
    identifier_on,
    page_link,
    whole_number,
)
from childservices.layouts.cells import NOT_GIVEN_CELL, POST_REFORM_CELL, Cell
from childservices.layouts.table import Layout, LayoutTable
from childservices.model import (
    NOT_GIVEN,
    Framework,
    Grade,
    IdentifierScheme,
    Inspection,
    InspectionKind,
    PartialDate,
    Region,
    Source,
    as_day,
)
from childservices.rules.asof import SIF_AND_LATER, counts_for_rating, publication_key
from childservices.rules.carryover import keeps_predecessor_urn, rating_inspections

if TYPE_CHECKING:
    from childservices.authority_view import AuthorityView

__all__ = ["D2I_HISTORY", "D2I_SUMMARY", "HISTORY_FRAMEWORKS", "d2i_history", "d2i_summary"]

_GRADE_COLUMNS = (
    "overall_effectiveness_grade",
    "impact_of_leaders_grade",
    "help_and_protection_grade",
    "in_care_grade",
    "care_leavers_grade",
)


D2I_SUMMARY = Layout(
    name="d2i-summary",
    columns=(
        "urn",
        "la_code",
        "region_code",
        "ltla23cd",
        "stat_neighbours",
        "stat_neighbour_judgement",
        "local_authority",
        "inspection_link",
        "overall_effectiveness_grade",
        "inspection_framework",
        "inspector_name",
        "inspection_start_date",
        "inspection_end_date",
        "publication_date",
        "local_link_to_all_inspections",
        "impact_of_leaders_grade",
        "help_and_protection_grade",
        "in_care_grade",
        "care_leavers_grade",
        "inspectors_inspections_count",
    ),
    date_formats={
        "inspection_start_date": "%d/%m/%Y",
        "inspection_end_date": "%d/%m/%Y",
        "publication_date": "%d/%m/%y",
    },
    integers={"urn", "la_code", "inspectors_inspections_count"},
    formulas={"local_link_to_all_inspections"},
    sheet="ofsted_cs_inspections_overview",
    description="Data to Insight's ILACS summary: every authority's latest inspection",
)
"""Data to Insight's daily summary (the columns of its snapshots in ``ilacs-summary-snapshots``)."""

D2I_HISTORY = Layout(
    name="d2i-history",
    columns=(
        "urn",
        "local_authority",
        "inspection_link",
        "pdf_filename",
        "publication_date",
        "inspection_framework",
        "inspector_name",
        "inspection_start_date",
        "inspection_end_date",
        *_GRADE_COLUMNS,
        "parser_version",
    ),
    date_formats={
        "publication_date": "%d/%m/%y",
        "inspection_start_date": "%d/%m/%Y",
        "inspection_end_date": "%d/%m/%Y",
    },
    integers={"urn"},
    sheet="ofsted_csc_ilacs_history",
    description="Data to Insight's inspection history: one row per report",
)
"""The tool's ``ofsted_csc_ilacs_history.csv`` (its ``history_columns``)."""

HISTORY_FRAMEWORKS: frozenset[Framework] = frozenset(Framework) - {Framework.JAR}
"""The frameworks of the history table: Ofsted's inspections from 2009 (not the joint area
reviews before them)."""


_D2I_REGIONS: Mapping[Region, str] = MappingProxyType(
    {
        Region.NORTH_EAST: "NE",
        Region.NORTH_WEST: "NW",
        Region.YORKSHIRE_AND_THE_HUMBER: "YH",
        Region.EAST_MIDLANDS: "EM",
        Region.WEST_MIDLANDS: "WM",
        Region.EAST_OF_ENGLAND: "E",
        Region.LONDON: "GL",
        Region.SOUTH_EAST: "SE",
        Region.SOUTH_WEST: "SW",
    }
)
"""The region codes of Data to Insight's LA lookup (``region_code``)."""

_REPORT_FOLDERS_SOURCE = "d2i-ofsted-report-folders"


def _d2i_name(authority: AuthorityView) -> str:
    """The name as Data to Insight's tool spells it: the report folder's, else the name in lower case."""
    index = authority.dataset.index
    for alias in index.aliases_by_authority.get(authority.id, ()):
        if any(c.source == _REPORT_FOLDERS_SOURCE for c in alias.citations):
            return alias.alias
    return authority.name.lower()


def _d2i_grade(grade: Grade | None) -> str | None:
    if grade is None:
        return None
    return "requires improvement" if grade is Grade.REQUIRES_IMPROVEMENT else grade.value


def _d2i_overall(inspection: Inspection) -> str | None:
    overall = inspection.overall
    if overall is NOT_GIVEN:
        return POST_REFORM_CELL if inspection.framework is Framework.ILACS_2026 else NOT_GIVEN_CELL
    return _d2i_grade(overall) if isinstance(overall, Grade) else None


def _d2i_framework(inspection: Inspection) -> str | None:
    """ILACS inspections: ``short`` or ``standard`` as the tool writes them; earlier frameworks
    by name (``sif``, ``sif reinspection``, ``slac``...), so that no row passes for an ILACS one."""
    kind = inspection.kind
    if inspection.framework in ILACS:
        return None if kind is None else kind.value
    name = inspection.framework.value
    return f"{name} reinspection" if kind is InspectionKind.REINSPECTION else name


def _d2i_inspector(name: str | None) -> str | None:
    """The lead inspector as the summary writes the name: lower case, single spaces."""
    return None if name is None else " ".join(name.lower().split())


def _latest(
    authority: AuthorityView, day: datetime.date, frameworks: Collection[Framework]
) -> Inspection | None:
    listed = rating_inspections(authority, frameworks, follows=keeps_predecessor_urn)
    found = [i for i in listed if publication_key(i) <= day]
    return found[-1] if found else None


def d2i_summary(
    authorities: Iterable[AuthorityView],
    day: str | datetime.date | PartialDate,
    *,
    sources: Mapping[str, Source],
    frameworks: Collection[Framework] = SIF_AND_LATER,
    page_links: bool = False,
) -> LayoutTable:
    """Data to Insight's summary as it would have stood on ``day``: :data:`D2I_SUMMARY`.

    One row per authority in ``authorities`` in existence on ``day``, sorted
    by the name as the tool spells it, with the identifiers valid that day and
    its latest inspection published by that day: its own, or that of a single
    predecessor whose Ofsted URN it kept (a council given a new URN has empty
    inspection cells until its own first inspection, as Ofsted lists it).
    ``frameworks``: those whose inspections can be the latest (by default the
    single inspection framework and later, as ratings are read).

    Neighbours: the DfE grouping in force on ``day``
    (:meth:`~childservices.AuthorityView.statistical_neighbours_on`; empty cells where
    the record does not know which, or the grouping does not list the authority), each
    with its overall cell of the same day; ``nan`` where that is empty or the
    neighbour did not exist, as the snapshots write it. ``inspectors_inspections_count``
    counts the rows of the table with the same lead inspector (empty where the
    inspector is not known; the original writes 0). ``inspection_link`` is the
    report file's address where the record cites it; with ``page_links``, else the
    report's page on Ofsted's reports site that the record cites.
    """
    when = as_day(day)
    present = [a for a in authorities if a.active_on(when) is True]
    latest = {a.id: _latest(a, when, frameworks) for a in present}
    overall = {
        a.id: None if latest[a.id] is None else _d2i_overall(latest[a.id])  # type: ignore[arg-type]
        for a in present
    }
    inspectors = Counter(
        name
        for inspection in latest.values()
        if inspection is not None and (name := _d2i_inspector(inspection.lead_inspector))
    )
    rows = []
    for authority in sorted(present, key=lambda a: (_d2i_name(a), a.id)):
        row = _summary_authority_cells(authority, when, overall)
        inspection = latest[authority.id]
        if inspection is not None:
            row |= _summary_inspection_cells(inspection, sources, inspectors)
            if page_links and row["inspection_link"] is None:
                row["inspection_link"] = page_link(inspection, sources)
            row["overall_effectiveness_grade"] = overall[authority.id]
        rows.append(tuple(row.get(c) for c in D2I_SUMMARY.columns))
    return LayoutTable(layout=D2I_SUMMARY, rows=tuple(rows))


def _summary_authority_cells(
    authority: AuthorityView, when: datetime.date, overall: Mapping[str, str | None]
) -> dict[str, Cell]:
    """The summary's cells about the authority: identifiers, neighbours, name, folder link."""
    urn = identifier_on(authority, IdentifierScheme.OFSTED_URN, when)
    name = _d2i_name(authority)
    neighbours = authority.statistical_neighbours_on(when)
    codes = [n.identifier(IdentifierScheme.DFE) for n in neighbours]
    neighbour_cells = [
        f"({code}, {_python_text(overall.get(n.id))})"
        for n, code in zip(neighbours, codes, strict=True)
    ]
    folder = f"{urn}_{name}"
    link = f".\\export_data\\inspection_reports\\{folder}"
    return {
        "urn": whole_number(urn),
        "la_code": whole_number(identifier_on(authority, IdentifierScheme.DFE, when)),
        "region_code": None if authority.region is None else _D2I_REGIONS[authority.region],
        "ltla23cd": identifier_on(authority, IdentifierScheme.ONS, when),
        "stat_neighbours": ", ".join(str(c) for c in codes) if neighbours else None,
        "stat_neighbour_judgement": f"[{', '.join(neighbour_cells)}]" if neighbours else None,
        "local_authority": name,
        "local_link_to_all_inspections": (
            f'=HYPERLINK(".\\{link}", "{link}")' if urn is not None else None
        ),
    }


def _summary_inspection_cells(
    inspection: Inspection, sources: Mapping[str, Source], inspectors: Counter[str]
) -> dict[str, Cell]:
    """The summary's cells about the authority's latest inspection (its overall grade apart)."""
    inspector = _d2i_inspector(inspection.lead_inspector)
    impact, help_, in_care, care_leavers = area_cells(inspection, _d2i_grade)
    return {
        "inspection_link": file_link(inspection, sources),
        "inspection_framework": _d2i_framework(inspection),
        "inspector_name": inspector,
        "inspection_start_date": day_cell(inspection.start),
        "inspection_end_date": day_cell(inspection.end),
        "publication_date": day_cell(inspection.published),
        "impact_of_leaders_grade": impact,
        "help_and_protection_grade": help_,
        "in_care_grade": in_care,
        "care_leavers_grade": care_leavers,
        "inspectors_inspections_count": inspectors[inspector] if inspector else None,
    }


def _python_text(value: str | None) -> str:
    """A neighbour's grade as the snapshots print it inside the list: quoted, or ``nan``."""
    return "nan" if value is None else repr(value)


def d2i_history(
    authorities: Iterable[AuthorityView],
    *,
    sources: Mapping[str, Source],
    frameworks: Collection[Framework] = HISTORY_FRAMEWORKS,
    version: str | None = None,
) -> LayoutTable:
    """Every report of ``authorities`` with the history CSV's columns: :data:`D2I_HISTORY`.

    One row per inspection (not visits) under ``frameworks`` (every framework
    from 2009 by default), sorted as the tool sorts it: by URN, then newest
    first. The URN is the authority's on the publication day (a report of an
    abolished council keeps its own). ``inspector_name`` is spelled as the
    record has it (the tool's history keeps the report's capitals).
    ``parser_version`` holds ``version`` (the dataset's data version): what
    produced the row, as the tool's parser version does. ``local_authority``
    is the name of the authority that holds the URN now, as the tool lists every
    report under its provider's current name (the county council's reports under
    North Yorkshire's).
    """
    chosen = list(authorities)
    holders = {
        identifier.value: _d2i_name(authority)
        for authority in chosen
        for identifier in authority.identifiers
        if identifier.scheme is IdentifierScheme.OFSTED_URN and identifier.valid_to is None
    }
    rows = []
    for authority in chosen:
        for inspection in authority.inspections:
            if not counts_for_rating(inspection, frameworks):
                continue
            impact, help_, in_care, care_leavers = area_cells(inspection, _d2i_grade)
            day = publication_key(inspection)
            urn = identifier_on(
                authority, IdentifierScheme.OFSTED_URN, day
            ) or authority.identifier(IdentifierScheme.OFSTED_URN)
            row: dict[str, Cell] = {
                "urn": whole_number(urn),
                "local_authority": holders.get(urn or "", _d2i_name(authority)),
                "inspection_link": file_link(inspection, sources),
                "pdf_filename": file_name(inspection),
                "publication_date": day_cell(inspection.published),
                "inspection_framework": _d2i_framework(inspection),
                "inspector_name": inspection.lead_inspector,
                "inspection_start_date": day_cell(inspection.start),
                "inspection_end_date": day_cell(inspection.end),
                "overall_effectiveness_grade": _d2i_overall(inspection),
                "impact_of_leaders_grade": impact,
                "help_and_protection_grade": help_,
                "in_care_grade": in_care,
                "care_leavers_grade": care_leavers,
                "parser_version": version,
            }
            rows.append(
                (str(urn or ""), day, inspection.id, tuple(row.get(c) for c in D2I_HISTORY.columns))
            )
    rows.sort(key=lambda r: (r[0], -r[1].toordinal(), r[2]))
    return LayoutTable(layout=D2I_HISTORY, rows=tuple(r[3] for r in rows))
