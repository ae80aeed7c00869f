"""Drop-in tables: the spreadsheets analysts already use, rebuilt from the record for any day.

Three layouts, each with the columns, column order, values and date formats
of a table that dashboards are already built on:

- :data:`D2I_SUMMARY`: Data to Insight's summary of every authority's latest
  inspection (``ofsted_csc_ilacs_overview``, one row per authority), as it
  would have stood on any day (:func:`d2i_summary`);
- :data:`D2I_HISTORY`: the same tool's history of every report
  (``ofsted_csc_ilacs_history.csv``), here for every framework from 2009
  (:func:`d2i_history`);
- :data:`OFSTED_AS_AT`: Ofsted's official-statistics sheet
  ``Inspections_as_at_31_March`` (every authority's most recent judgement
  counted under a :class:`~childservices.rules.official.CountingRule`), for
  any reference date and cut-off (:func:`ofsted_as_at`).

The builders are functions over authorities (their inspections, identifiers,
neighbours) and the sources cited; :class:`~childservices.Dataset` calls them
(:meth:`~childservices.Dataset.summary_table`,
:meth:`~childservices.Dataset.history_table`,
:meth:`~childservices.Dataset.as_at_table`).

**What a cell holds.** A value the record knows, in the original's
vocabulary; an empty cell (``None``) where the record does not know it. The
original tables write placeholders where a report did not parse
(``data_unreadable``, ``None``, ``nan``, an inspector count of 0); these
layouts never do. Words that are not grades are kept apart from grades:

- ``not_reported_post_reform`` (the published tool's word since mid-2026): the
  inspection was made under the framework reformed in 2026, which gives no
  overall judgement (:data:`~childservices.NOT_GIVEN`); the snapshots up to
  29 June 2026 wrote ``nan`` there, which cannot be told from a failed read;
- ``not_given``: an earlier framework that gave no overall judgement (the
  2009-2012 safeguarding and looked after children inspections);
- ``inspection_pre_dates_judgement`` (the tool's word): the judgement the
  column names did not exist when the inspection was made (care leavers
  before 2023; the ILACS judgements for inspections before ILACS).

Grades are lower case, ``requires improvement`` for 'requires improvement
to be good', ``adequate`` kept as it is (frameworks before November 2013).
In :data:`OFSTED_AS_AT` they are written as Ofsted writes them
('Requires improvement to be good').

**Judgement columns.** A column is filled from the area of the same name in
the library (:class:`~childservices.Area`): help and protection and care
leavers were judged by the single inspection framework too and are filled
for it; the SIF's leadership and children looked after judgements are other
judgements than ILACS's impact of leaders and children in care, so those
columns say the inspection pre-dates the judgement. Before 2023 ILACS judged
children in care and care leavers together: that grade is in the
``in_care`` column, as both originals put it.

>>> import childservices as cs
>>> table = cs.load().summary_table(on="2026-06-29")
>>> table.columns[:4]
('urn', 'la_code', 'region_code', 'ltla23cd')
>>> row = table.row("80549")  # Sandwell's URN
>>> row["local_authority"], row["overall_effectiveness_grade"], row["publication_date"]
('sandwell', 'good', datetime.date(2025, 12, 2))
>>> table.text_rows()[0][:3]  # Barking and Dagenham, the first by name
['80486', '301', 'GL']
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TextIO

import attrs

from childservices.errors import ChildServicesError
from childservices.model import (
    NOT_GIVEN,
    Area,
    Framework,
    Grade,
    IdentifierScheme,
    Inspection,
    InspectionKind,
    PartialDate,
    Precision,
    Region,
    Source,
    as_day,
)
from childservices.rules.asof import SIF_AND_LATER, counts_for_rating, publication_key
from childservices.rules.lineage import continues_record

if TYPE_CHECKING:
    from childservices.authority_view import AuthorityView
    from childservices.rules.official import OfficialCount

__all__ = [
    "D2I_HISTORY",
    "D2I_SUMMARY",
    "HISTORY_FRAMEWORKS",
    "INSPECTIONS",
    "LAYOUTS",
    "NOT_GIVEN_CELL",
    "OFSTED_AS_AT",
    "POST_REFORM_CELL",
    "PRE_DATES_CELL",
    "Cell",
    "Layout",
    "LayoutTable",
    "Link",
    "d2i_history",
    "d2i_summary",
    "inspections_wide",
    "ofsted_as_at",
    "read_csv",
]


@attrs.frozen(kw_only=True)
class Link:
    """A web link with the text a spreadsheet shows for it (Ofsted's 'Web link' column).

    CSV output writes the address; xlsx output writes the text, linked.
    """

    url: str
    text: str


Cell = str | int | datetime.date | Link | None
"""One cell: text, a whole number, a day, a link, or ``None`` (empty: not known)."""


def _frozen_mapping(value: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(value))


def _frozen_set(value: Iterable[str]) -> frozenset[str]:
    return frozenset(value)


@attrs.frozen(kw_only=True)
class Layout:
    """The shape of a drop-in table: its columns, how its dates are written, its sheet name.

    ``date_formats`` maps each date column to the ``strftime`` pattern of the
    original (``%d/%m/%Y`` or ``%d/%m/%y``); ``integers`` names the columns
    holding whole numbers.
    """

    name: str
    columns: tuple[str, ...]
    date_formats: Mapping[str, str] = attrs.field(converter=_frozen_mapping)
    integers: frozenset[str] = attrs.field(default=frozenset(), converter=_frozen_set)
    sheet: str
    description: str


NOT_GIVEN_CELL = "not_given"
"""An earlier framework gave no overall judgement (2009-2012 safeguarding and looked after
children inspections): not a grade, and not unknown."""
POST_REFORM_CELL = "not_reported_post_reform"
"""The 2026 reformed framework gives no overall judgement: the published tool's word for it."""
PRE_DATES_CELL = "inspection_pre_dates_judgement"
"""The judgement a column names did not exist when the inspection was made (the tool's word)."""

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

OFSTED_AS_AT = Layout(
    name="ofsted-as-at",
    columns=(
        "Web link",
        "Local authority area code",
        "Local authority name",
        "Ofsted region",
        "Inspection date",
        "Publication date",
        "Overall effectiveness",
        "The impact of leaders on social work practice with children and families",
        "The experiences and progress of children who need help and protection",
        "The experiences and progress of children in care",
        "The experiences and progress of care leavers",
    ),
    date_formats={"Inspection date": "%d/%m/%Y", "Publication date": "%d/%m/%Y"},
    sheet="Inspections_as_at_31_March",
    description="Ofsted's official statistics: every authority's most recent judgement as at a date",
)
"""Ofsted's sheet ``Inspections_as_at_31_March`` (official statistics, 2025 release)."""

INSPECTIONS = Layout(
    name="inspections",
    columns=(
        "inspection",
        "authority",
        "authority_name",
        "framework",
        "kind",
        "start",
        "end",
        "published",
        "overall",
        "lead_inspector",
        *(area.value for area in Area),
        "sources",
    ),
    date_formats={"start": "%Y-%m-%d", "end": "%Y-%m-%d", "published": "%Y-%m-%d"},
    sheet="inspections",
    description="the analyst's wide table: one row per inspection, a column per judgement area",
)
"""One row per inspection (and visit) of every framework, with a column per judgement area
(empty where the inspection gave no grade for it), the dates, the lead inspector and the
addresses of its sources. Values are the record's own (``requires_improvement``,
``not_given``); a date known only to the month or year is written as the record has it."""

LAYOUTS: Mapping[str, Layout] = MappingProxyType(
    {layout.name: layout for layout in (D2I_SUMMARY, D2I_HISTORY, OFSTED_AS_AT, INSPECTIONS)}
)
"""Every drop-in layout by name."""

HISTORY_FRAMEWORKS: frozenset[Framework] = frozenset(Framework) - {Framework.JAR}
"""The frameworks of the history table: Ofsted's inspections from 2009 (not the joint area
reviews before them)."""


@attrs.frozen(kw_only=True, eq=True)
class LayoutTable:
    """A drop-in table: a layout and its rows (typed cells, in the layout's column order)."""

    layout: Layout
    rows: tuple[tuple[Cell, ...], ...]

    @property
    def columns(self) -> tuple[str, ...]:
        """The column names, in order."""
        return self.layout.columns

    def __len__(self) -> int:
        return len(self.rows)

    def records(self) -> list[dict[str, Cell]]:
        """Every row as a mapping from column name to cell."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def row(self, key: str) -> dict[str, Cell]:
        """The first row whose first cell, written as text, is ``key`` (a URN, an area code)."""
        for row in self.rows:
            if _text(self.layout, self.columns[0], row[0]) == key:
                return dict(zip(self.columns, row, strict=True))
        raise KeyError(f"no row of {self.layout.name} with {self.columns[0]} {key!r}")

    def text_rows(self) -> list[list[str]]:
        """Every row as the original writes it: dates in its formats, ``""`` where not known."""
        return [
            [_text(self.layout, c, v) for c, v in zip(self.columns, row, strict=True)]
            for row in self.rows
        ]

    def to_csv(self, out: str | os.PathLike[str] | TextIO) -> None:
        """Write the table as CSV (a file name, or an open text stream)."""
        if isinstance(out, str | os.PathLike):

            def write(path: Path) -> None:
                with path.open("w", encoding="utf-8", newline="") as handle:
                    self._write_csv(handle)

            _write_whole(Path(out), write)
        else:
            self._write_csv(out)

    def csv_text(self) -> str:
        """The table as CSV text."""
        buffer = io.StringIO()
        self._write_csv(buffer)
        return buffer.getvalue()

    def _write_csv(self, handle: TextIO) -> None:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(self.columns)
        writer.writerows(self.text_rows())

    def to_xlsx(self, path: str | os.PathLike[str]) -> None:
        """Write the table as an xlsx workbook with one sheet: dates typed, links linked.

        Needs openpyxl (``pip install 'childservices[update]'`` or ``[all]``).
        """
        try:
            from openpyxl import Workbook
            from openpyxl.styles import Font
        except ImportError as exc:
            raise ChildServicesError(
                "writing xlsx needs openpyxl: pip install 'childservices[update]' "
                f"(or 'childservices[all]') ({exc})"
            ) from None
        book = Workbook()
        sheet = book.active
        sheet.title = self.layout.sheet[:31]
        sheet.append(list(self.columns))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        formats = {
            n: _xlsx_format(self.layout.date_formats[c])
            for n, c in enumerate(self.columns, start=1)
            if c in self.layout.date_formats
        }
        for r, row in enumerate(self.rows, start=2):
            for n, value in enumerate(row, start=1):
                target = sheet.cell(row=r, column=n)
                if isinstance(value, Link):
                    target.value = value.text
                    target.hyperlink = value.url
                    target.style = "Hyperlink"
                elif isinstance(value, str) and value.startswith("="):
                    target.value = value  # a formula, as the original writes it
                else:
                    target.value = value
                    if isinstance(value, datetime.date) and n in formats:
                        target.number_format = formats[n]
        _write_whole(Path(path), lambda target: book.save(os.fspath(target)))


def _write_whole(path: Path, write: Callable[[Path], None]) -> None:
    """Write ``path`` through a temporary file beside it: the file is whole or untouched."""
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _xlsx_format(pattern: str) -> str:
    return pattern.replace("%d", "dd").replace("%m", "mm").replace("%Y", "yyyy").replace("%y", "yy")


def _text(layout: Layout, column: str, value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, Link):
        return value.url
    if isinstance(value, datetime.date):
        return value.strftime(layout.date_formats.get(column, "%Y-%m-%d"))
    return str(value)


def read_csv(layout: Layout, source: str | os.PathLike[str] | TextIO) -> LayoutTable:
    """Read a table of ``layout`` back from CSV, typing its cells as the layout says.

    The header must be the layout's columns, in order. A date cell that does
    not fit the column's format is kept as text (a date the record gives only
    to the month or year is written as ``2014-10``). A link cell comes back as
    its address.
    """
    if isinstance(source, str | os.PathLike):
        with Path(source).open(encoding="utf-8", newline="") as handle:
            return read_csv(layout, handle)
    name = getattr(source, "name", "<stream>")
    reader = csv.reader(source)
    header = next(reader, None)
    if header is None or tuple(header) != layout.columns:
        raise ChildServicesError(
            f"{name}: the header is not the {layout.name} layout's columns: {header!r}"
        )
    rows = []
    for line, cells in enumerate(reader, start=2):
        if len(cells) != len(layout.columns):
            raise ChildServicesError(
                f"{name}, line {line}: {len(cells)} cells, expected {len(layout.columns)}"
            )
        rows.append(
            tuple(
                _parse(layout, c, v, name, line) for c, v in zip(layout.columns, cells, strict=True)
            )
        )
    return LayoutTable(layout=layout, rows=tuple(rows))


def _parse(layout: Layout, column: str, text: str, name: str, line: int) -> Cell:
    if text == "":
        return None
    if column in layout.date_formats:
        try:
            return datetime.datetime.strptime(text, layout.date_formats[column]).date()
        except ValueError:
            return text
    if column in layout.integers:
        try:
            return int(text)
        except ValueError:
            raise ChildServicesError(
                f"{name}, line {line}, column {column}: {text!r} is not a whole number"
            ) from None
    return text


# Shared pieces ----------------------------------------------------------------

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

_OFSTED_REGIONS: Mapping[Region, str] = MappingProxyType(
    {
        region: (
            "North East, Yorkshire and the Humber"
            if region in (Region.NORTH_EAST, Region.YORKSHIRE_AND_THE_HUMBER)
            else region.value
        )
        for region in Region
    }
)
"""Ofsted's eight regions: the North East and Yorkshire and the Humber are one."""

_REPORT_FOLDERS_SOURCE = "d2i-ofsted-report-folders"
_OFFICIAL_SOURCES = frozenset(
    {"ofsted-la-inspection-outcomes-2025-03-31", "ofsted-csc-data-england-2023"}
)
_OFSTED_FILES = "https://files.ofsted.gov.uk/"
_PROVIDER_PAGE = "https://reports.ofsted.gov.uk/provider/44/"
_ILACS = frozenset({Framework.ILACS, Framework.ILACS_2026})
_CARE_LEAVERS_SPLIT = datetime.date(2023, 1, 1)


def _identifier(
    authority: AuthorityView, scheme: IdentifierScheme, day: datetime.date
) -> str | None:
    """The authority's identifier in ``scheme`` valid on ``day`` (the most recently begun)."""
    valid = [
        i
        for i in authority.identifiers
        if i.scheme is scheme
        and (i.valid_from is None or i.valid_from.first_day() <= day)
        and (i.valid_to is None or day <= i.valid_to.last_day())
    ]
    if not valid:
        return None
    return max(
        valid, key=lambda i: i.valid_from.first_day() if i.valid_from else datetime.date.min
    ).value


def _number(value: str | None) -> int | str | None:
    return int(value) if value is not None and value.isdigit() else value


def _d2i_name(authority: AuthorityView) -> str:
    """The name as Data to Insight's tool spells it: the report folder's, else the name in lower case."""
    index = authority.dataset.index
    for alias in index.aliases_by_authority.get(authority.id, ()):
        if any(c.source == _REPORT_FOLDERS_SOURCE for c in alias.citations):
            return alias.alias
    return authority.name.lower()


def _ofsted_name(authority: AuthorityView) -> str:
    """The name as Ofsted's official statistics spell it, else the record's name."""
    index = authority.dataset.index
    for alias in index.aliases_by_authority.get(authority.id, ()):
        if any(c.source in _OFFICIAL_SOURCES for c in alias.citations):
            return alias.alias
    return authority.name


def _day_cell(date: PartialDate | None) -> datetime.date | str | None:
    """A day as a date; a date known only to the month or year as its ISO text."""
    if date is None:
        return None
    if date.precision is Precision.DAY:
        return date.first_day()
    return date.isoformat()


def _file_link(inspection: Inspection, sources: Mapping[str, Source]) -> str | None:
    """The address of the report's file on files.ofsted.gov.uk, where a cited source gives it."""
    for citation in inspection.citations:
        source = sources.get(citation.source)
        if source is not None and source.url and source.url.startswith(_OFSTED_FILES):
            return source.url
    return None


def _file_name(inspection: Inspection) -> str | None:
    """The report's file name, where the record cites the report file by name."""
    for citation in inspection.citations:
        if citation.locator and citation.locator.lower().endswith(".pdf"):
            return citation.locator
    return None


def _d2i_grade(grade: Grade | None) -> str | None:
    if grade is None:
        return None
    return "requires improvement" if grade is Grade.REQUIRES_IMPROVEMENT else grade.value


def _d2i_overall(inspection: Inspection) -> str | None:
    overall = inspection.overall
    if overall is NOT_GIVEN:
        return POST_REFORM_CELL if inspection.framework is Framework.ILACS_2026 else NOT_GIVEN_CELL
    return _d2i_grade(overall) if isinstance(overall, Grade) else None


def _pre_care_leavers_split(inspection: Inspection) -> bool:
    """An ILACS inspection made before care leavers were judged on their own (January 2023)."""
    if Area.IN_CARE_AND_CARE_LEAVERS in inspection.grades:
        return True
    if Area.IN_CARE in inspection.grades or Area.CARE_LEAVERS in inspection.grades:
        return False
    start = inspection.start or inspection.end or inspection.published
    return start.last_day() < _CARE_LEAVERS_SPLIT


def _area_cells(inspection: Inspection, grade: Any) -> tuple[Any, Any, Any, Any]:
    """The four judgement cells (impact of leaders, help and protection, in care, care leavers).

    ``grade`` writes a known grade; a judgement that did not exist for the
    inspection is :data:`PRE_DATES_CELL`, one not known is ``None``.
    """
    grades = inspection.grades

    def cell(area: Area) -> Any:
        return grade(grades.get(area))

    if inspection.framework in _ILACS:
        if _pre_care_leavers_split(inspection):
            return (
                cell(Area.IMPACT_OF_LEADERS),
                cell(Area.HELP_AND_PROTECTION),
                cell(Area.IN_CARE_AND_CARE_LEAVERS),
                PRE_DATES_CELL,
            )
        return (
            cell(Area.IMPACT_OF_LEADERS),
            cell(Area.HELP_AND_PROTECTION),
            cell(Area.IN_CARE),
            cell(Area.CARE_LEAVERS),
        )
    if inspection.framework is Framework.SIF:
        return (
            PRE_DATES_CELL,
            cell(Area.HELP_AND_PROTECTION),
            PRE_DATES_CELL,
            cell(Area.CARE_LEAVERS),
        )
    return (PRE_DATES_CELL, PRE_DATES_CELL, PRE_DATES_CELL, PRE_DATES_CELL)


def _d2i_framework(inspection: Inspection) -> str | None:
    """ILACS inspections: ``short`` or ``standard`` as the tool writes them; earlier frameworks
    by name (``sif``, ``sif reinspection``, ``slac``...), so that no row passes for an ILACS one."""
    kind = inspection.kind
    if inspection.framework in _ILACS:
        return None if kind is None else kind.value
    name = inspection.framework.value
    return f"{name} reinspection" if kind is InspectionKind.REINSPECTION else name


def _d2i_inspector(name: str | None) -> str | None:
    """The lead inspector as the summary writes the name: lower case, single spaces."""
    return None if name is None else " ".join(name.lower().split())


def _own_record(
    authority: AuthorityView, frameworks: Collection[Framework]
) -> tuple[Inspection, ...]:
    """The inspections listed under the authority's Ofsted URN, in publication order.

    Its own, after those of a single predecessor whose URN it kept (Buckinghamshire,
    North Yorkshire, Somerset); a council given a new URN starts with its own first
    inspection, as Ofsted and the tool list it.
    """
    own = tuple(i for i in authority.inspections if counts_for_rating(i, frameworks))
    predecessors = authority.predecessors
    if len(predecessors) != 1:
        return own
    identifiers = {a.id: a.identifiers for a in (authority, predecessors[0])}
    if not continues_record(authority.id, [predecessors[0].id], identifiers):
        return own
    earlier = _own_record(predecessors[0], frameworks)
    if own:
        first = publication_key(own[0])
        earlier = tuple(i for i in earlier if publication_key(i) < first)
    return earlier + own


def _latest(
    authority: AuthorityView, day: datetime.date, frameworks: Collection[Framework]
) -> Inspection | None:
    found = [i for i in _own_record(authority, frameworks) if publication_key(i) <= day]
    return found[-1] if found else None


# The summary ---------------------------------------------------------------------


def d2i_summary(
    authorities: Iterable[AuthorityView],
    day: str | datetime.date | PartialDate,
    *,
    sources: Mapping[str, Source],
    frameworks: Collection[Framework] = SIF_AND_LATER,
) -> LayoutTable:
    """Data to Insight's summary as it would have stood on ``day``: :data:`D2I_SUMMARY`.

    One row per authority in ``authorities`` in existence on ``day``, sorted
    by the name as the tool spells it, with the identifiers valid that day and
    its latest inspection published by that day: its own, or that of a single
    predecessor whose Ofsted URN it kept (a council given a new URN has empty
    inspection cells until its own first inspection, as Ofsted lists it).
    ``frameworks``: those whose inspections can be the latest (by default the
    single inspection framework and later, as ratings are read).

    Neighbours: the record's one list (the LA lookup of March 2025), each
    with its overall cell of the same day; ``nan`` where that is empty or the
    neighbour did not exist, as the snapshots write it. ``inspectors_inspections_count``
    counts the rows of the table with the same lead inspector (empty where the
    inspector is not known; the original writes 0).
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
        inspection = latest[authority.id]
        urn = _identifier(authority, IdentifierScheme.OFSTED_URN, when)
        name = _d2i_name(authority)
        neighbours = authority.statistical_neighbours
        codes = [n.identifier(IdentifierScheme.DFE) for n in neighbours]
        neighbour_cells = [
            f"({code}, {_python_text(overall.get(n.id))})"
            for n, code in zip(neighbours, codes, strict=True)
        ]
        folder = f"{urn}_{name}"
        link = f".\\export_data\\inspection_reports\\{folder}"
        row: dict[str, Cell] = {
            "urn": _number(urn),
            "la_code": _number(_identifier(authority, IdentifierScheme.DFE, when)),
            "region_code": None if authority.region is None else _D2I_REGIONS[authority.region],
            "ltla23cd": _identifier(authority, IdentifierScheme.ONS, when),
            "stat_neighbours": ", ".join(str(c) for c in codes) if neighbours else None,
            "stat_neighbour_judgement": f"[{', '.join(neighbour_cells)}]" if neighbours else None,
            "local_authority": name,
            "local_link_to_all_inspections": (
                f'=HYPERLINK(".\\{link}", "{link}")' if urn is not None else None
            ),
        }
        if inspection is not None:
            inspector = _d2i_inspector(inspection.lead_inspector)
            impact, help_, in_care, care_leavers = _area_cells(inspection, _d2i_grade)
            row |= {
                "inspection_link": _file_link(inspection, sources),
                "overall_effectiveness_grade": overall[authority.id],
                "inspection_framework": _d2i_framework(inspection),
                "inspector_name": inspector,
                "inspection_start_date": _day_cell(inspection.start),
                "inspection_end_date": _day_cell(inspection.end),
                "publication_date": _day_cell(inspection.published),
                "impact_of_leaders_grade": impact,
                "help_and_protection_grade": help_,
                "in_care_grade": in_care,
                "care_leavers_grade": care_leavers,
                "inspectors_inspections_count": inspectors[inspector] if inspector else None,
            }
        rows.append(tuple(row.get(c) for c in D2I_SUMMARY.columns))
    return LayoutTable(layout=D2I_SUMMARY, rows=tuple(rows))


def _python_text(value: str | None) -> str:
    """A neighbour's grade as the snapshots print it inside the list: quoted, or ``nan``."""
    return "nan" if value is None else repr(value)


# The history ----------------------------------------------------------------------


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
            impact, help_, in_care, care_leavers = _area_cells(inspection, _d2i_grade)
            day = publication_key(inspection)
            urn = _identifier(authority, IdentifierScheme.OFSTED_URN, day) or authority.identifier(
                IdentifierScheme.OFSTED_URN
            )
            row: dict[str, Cell] = {
                "urn": _number(urn),
                "local_authority": holders.get(urn or "", _d2i_name(authority)),
                "inspection_link": _file_link(inspection, sources),
                "pdf_filename": _file_name(inspection),
                "publication_date": _day_cell(inspection.published),
                "inspection_framework": _d2i_framework(inspection),
                "inspector_name": inspection.lead_inspector,
                "inspection_start_date": _day_cell(inspection.start),
                "inspection_end_date": _day_cell(inspection.end),
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


def inspections_wide(
    authorities: Iterable[AuthorityView], *, sources: Mapping[str, Source]
) -> LayoutTable:
    """Every inspection of ``authorities`` in :data:`INSPECTIONS`'s columns, by authority and date."""
    rows = []
    for authority in authorities:
        for inspection in authority.inspections:
            grades = inspection.grades
            urls: list[str] = []
            for citation in inspection.citations:
                source = sources.get(citation.source)
                url = None if source is None else source.url
                if url and url not in urls:
                    urls.append(url)
            row: dict[str, Cell] = {
                "inspection": inspection.id,
                "authority": authority.id,
                "authority_name": authority.name,
                "framework": inspection.framework.value,
                "kind": None if inspection.kind is None else inspection.kind.value,
                "start": _iso_cell(inspection.start),
                "end": _iso_cell(inspection.end),
                "published": _iso_cell(inspection.published),
                "overall": None if inspection.overall is None else inspection.overall.value,
                "lead_inspector": inspection.lead_inspector,
                **{area.value: grades[area].value if area in grades else None for area in Area},
                "sources": "; ".join(urls) or None,
            }
            rows.append((authority.id, publication_key(inspection), inspection.id, row))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    return LayoutTable(
        layout=INSPECTIONS,
        rows=tuple(tuple(r[3].get(c) for c in INSPECTIONS.columns) for r in rows),
    )


def _iso_cell(date: PartialDate | None) -> datetime.date | str | None:
    """A day as a date; a month or year as the record writes it (``2014-10``, ``2014``)."""
    if date is None:
        return None
    return date.first_day() if date.day is not None else str(date)


# Ofsted's "as at" table --------------------------------------------------------------

_NO_OVERALL = "No overall judgement under this framework"


def _ofsted_grade(grade: Grade | None) -> str | None:
    if grade is None:
        return None
    return grade.label[0].upper() + grade.label[1:]


def _ofsted_overall(inspection: Inspection) -> str | None:
    overall = inspection.overall
    if overall is NOT_GIVEN:
        return _NO_OVERALL
    return _ofsted_grade(overall) if isinstance(overall, Grade) else None


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
    for authority in sorted(present, key=lambda a: (_ofsted_name(a).casefold(), a.id)):
        urn = _identifier(authority, IdentifierScheme.OFSTED_URN, day)
        region = authority.region
        row: dict[str, Cell] = {
            "Web link": None
            if urn is None
            else Link(url=f"{_PROVIDER_PAGE}{urn}", text="Ofsted Local Authority Webpage"),
            "Local authority area code": _identifier(authority, IdentifierScheme.ONS, day),
            "Local authority name": _ofsted_name(authority),
            "Ofsted region": None if region is None else _OFSTED_REGIONS[region],
        }
        inspection = count.judgements.get(authority.id)
        if inspection is not None:
            cells = [
                None if c == PRE_DATES_CELL else c for c in _area_cells(inspection, _ofsted_grade)
            ]
            row |= {
                "Inspection date": _day_cell(inspection.start),
                "Publication date": _day_cell(inspection.published),
                "Overall effectiveness": _ofsted_overall(inspection),
                OFSTED_AS_AT.columns[7]: cells[0],
                OFSTED_AS_AT.columns[8]: cells[1],
                OFSTED_AS_AT.columns[9]: cells[2],
                OFSTED_AS_AT.columns[10]: cells[3],
            }
        rows.append(tuple(row.get(c) for c in OFSTED_AS_AT.columns))
    return LayoutTable(layout=OFSTED_AS_AT, rows=tuple(rows))
