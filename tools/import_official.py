"""Generate inspection seed rows from Ofsted's official-statistics workbooks.

Reads two ODS workbooks (Crown copyright, Open Government Licence v3.0) from
the shared sources folder and writes:

- ``seeds/sources/official.csv``: one source row per workbook;
- ``seeds/inspections/official_2023.csv`` and
  ``seeds/judgements/official_2023.csv`` from sheet ``LA_inspections_2009-2023``
  of "Children's social care data in England 2023" (both tables: the 152
  authorities of March 2023 and the four abolished ones lower down);
- ``seeds/inspections/official_2025.csv`` and
  ``seeds/judgements/official_2025.csv`` from sheet ``ILACS_inspection_history``
  of "Local authority inspection outcomes as at 31 March 2025";
- its own block in ``seeds/KNOWN_ISSUES.md`` under the heading
  "Inspections: official sheets and snapshots".

Inspection ids follow ``<authority>-<framework>-<published>``. When a report
PDF of the same authority exists within a few days of a sheet's publication
date, the report's date (from its file name) makes the id; failing that, for
ILACS inspections, the 2025 history's date does. A row whose own publication
date differs from the id's date leaves ``published`` empty and says why in
``note``.

This module also holds the helpers shared with ``import_snapshots.py``
(authority resolution, report index, CSV and KNOWN_ISSUES writers).

Run from the repository root::

    python tools/import_official.py [--sources ../shared/sources]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import functools
import re
import sys
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from childservices.model import Grade
from childservices.model.grades import grade_from_text
from childservices.records import TABLES

sys.path.insert(0, str(Path(__file__).resolve().parent))
from seed_csv import write_csv

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
DEFAULT_SOURCES = REPO.parent / "shared" / "sources"

WORKBOOK_2023 = "Childrens_social_care_in_England_2023_underlying_data.ods"
SHEET_2023 = "LA_inspections_2009-2023"
WORKBOOK_2025 = "LA_Inspection_Outcomes_as_at_31_March_2025.ods"
SHEET_2025 = "ILACS_inspection_history"

SOURCE_2023 = "ofsted-csc-data-england-2023"
SOURCE_2025 = "ofsted-la-inspection-outcomes-2025-03-31"

INSPECTION_COLUMNS = TABLES["inspections"].file_columns
JUDGEMENT_COLUMNS = TABLES["judgements"].file_columns
SOURCE_COLUMNS = TABLES["sources"].file_columns

KNOWN_ISSUES_HEADING = "## Inspections: official sheets and snapshots"

# How far apart (in days) two publication dates of one authority may be and
# still describe the same inspection.
SAME_INSPECTION_DAYS = 14
# SIF and ILACS inspections of one authority are years apart, so a wider
# window is safe for them; used only when nothing lies within the narrow one
# (Nottingham's second ILACS: the 2023 sheet says 5 November 2022, the
# report and the 2025 history 5 September 2022).
WIDE_WINDOW_DAYS = 75
WIDE_WINDOW_FRAMEWORKS = frozenset({"sif", "ilacs", "ilacs_2026"})

ODS_NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}

# The two release pages, as returned by the search tool. The 2025 release's
# own page was not found; its workbook's cover links to the collection page.
OFFICIAL_SOURCES = [
    {
        "id": SOURCE_2023,
        "title": "Children's social care data in England 2023 (official statistics),"
        " underlying data",
        "publisher": "Ofsted",
        "published": "2023-07-06",
        "url": "https://www.gov.uk/government/statistics/childrens-social-care-data-in-"
        "england-2023/main-findings-childrens-social-care-in-england-2023",
    },
    {
        "id": SOURCE_2025,
        "title": "Local authority inspection outcomes as at 31 March 2025 (official"
        " statistics), underlying data",
        "publisher": "Ofsted",
        "published": "2025-09-25",
        "url": "https://www.gov.uk/government/collections/childrens-social-care-statistics",
    },
]


# --------------------------------------------------------------------------
# Grades
# --------------------------------------------------------------------------

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


# --------------------------------------------------------------------------
# Reading ODS sheets (stdlib only: the row numbers must match a spreadsheet app)
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One cell: its text (dates as ISO dates) and any HYPERLINK target."""

    text: str
    link: str = ""


def _q(prefix: str, name: str) -> str:
    return f"{{{ODS_NS[prefix]}}}{name}"


def read_ods_sheet(path: Path, sheet: str) -> dict[int, list[Cell]]:
    """Return the non-empty rows of one sheet, keyed by 1-based row number."""
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as handle:
        tree = ET.parse(handle)
    for table in tree.iter(_q("table", "table")):
        if table.get(_q("table", "name")) != sheet:
            continue
        rows: dict[int, list[Cell]] = {}
        number = 0
        for row in table.iter(_q("table", "table-row")):
            repeat = int(row.get(_q("table", "number-rows-repeated"), "1"))
            cells: list[Cell] = []
            for cell in row:
                if cell.tag not in (_q("table", "table-cell"), _q("table", "covered-table-cell")):
                    continue
                crepeat = int(cell.get(_q("table", "number-columns-repeated"), "1"))
                value_type = cell.get(_q("office", "value-type"), "")
                if value_type == "date":
                    text = cell.get(_q("office", "date-value"), "")[:10]
                elif value_type == "float":
                    text = cell.get(_q("office", "value"), "")
                else:
                    text = "\n".join("".join(p.itertext()) for p in cell.iter(_q("text", "p")))
                formula = cell.get(_q("table", "formula"), "")
                match = re.search(r'HYPERLINK\("([^"]+)"', formula)
                link = match.group(1) if match else ""
                cells.extend([Cell(text, link)] * min(crepeat, 64))
            while cells and not cells[-1].text:
                cells.pop()
            if cells:
                for offset in range(repeat):
                    rows[number + 1 + offset] = cells
            number += repeat
        return rows
    raise KeyError(f"sheet {sheet!r} not found in {path.name}")


def clean_header(text: str) -> str:
    """Collapse whitespace in a column header (the sheet has newlines in some)."""
    return " ".join(text.split())


# --------------------------------------------------------------------------
# Authorities
# --------------------------------------------------------------------------


def normalise_name(name: str) -> str:
    """Lower-case a name for matching: '&' -> 'and', punctuation dropped."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = text.lower().replace("&", " and ").replace(".", "")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


# Names whose slug is not simply the name's: see seeds/README.md.
SPECIAL_SLUGS = {
    "bristol city of": "bristol",
    "kingston upon hull city of": "kingston-upon-hull",
    "herefordshire county of": "herefordshire",
    "county durham": "durham",
    "bedford borough": "bedford",
    "london corporation": "city-of-london",
    "city of london corporation": "city-of-london",
    "hull": "kingston-upon-hull",
}


def slug(name: str) -> str:
    """Fallback authority id from a name, following seeds/README.md's examples."""
    key = normalise_name(name)
    if key in SPECIAL_SLUGS:
        return SPECIAL_SLUGS[key]
    return key.replace(" ", "-")


# Reorganisations: (current id, first day of the new authority, id before).
SUCCESSIONS = [
    ("buckinghamshire", dt.date(2020, 4, 1), "buckinghamshire-county"),
    ("north-yorkshire", dt.date(2023, 4, 1), "north-yorkshire-county"),
    ("somerset", dt.date(2023, 4, 1), "somerset-county"),
    ("dorset", dt.date(2019, 4, 1), "dorset-county"),
]


def apply_succession(authority: str, on: dt.date | None) -> str:
    """Give inspections before a reorganisation to the authority of the time."""
    if on is None:
        return authority
    for current, first_day, before in SUCCESSIONS:
        if authority == current and on < first_day:
            return before
    return authority


def _read_csv_folder(folder: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    if folder.is_dir():
        for path in sorted(folder.glob("*.csv")):
            with path.open(newline="", encoding="utf-8") as handle:
                rows.extend(csv.DictReader(handle))
    return rows


def _parse_iso(text: str) -> dt.date | None:
    text = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return dt.date.fromisoformat(text)
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return dt.date.fromisoformat(text + "-01")
    if re.fullmatch(r"\d{4}", text):
        return dt.date(int(text), 1, 1)
    return None


@dataclass
class AuthorityResolver:
    """Map DfE numbers, ONS codes, Ofsted URNs and names to authority ids.

    Uses ``seeds/authority_identifiers`` and ``seeds/authority_aliases`` (the
    canonical mapping) when present; otherwise falls back to la-lookup.csv and
    slugs of names. Reorganisations are applied by date on top.
    """

    identifiers: dict[tuple[str, str], list[tuple[str, dt.date | None, dt.date | None]]] = field(
        default_factory=dict
    )
    names: dict[str, str] = field(default_factory=dict)
    known_ids: set[str] = field(default_factory=set)
    display: dict[str, str] = field(default_factory=dict)
    canonical: bool = False
    problems: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, seeds: Path, sources: Path) -> AuthorityResolver:
        resolver = cls()
        identifier_rows = _read_csv_folder(seeds / "authority_identifiers")
        alias_rows = _read_csv_folder(seeds / "authority_aliases")
        authority_rows = _read_csv_folder(seeds / "authorities")
        resolver.canonical = bool(identifier_rows)
        for row in authority_rows:
            resolver.known_ids.add(row["id"])
            resolver.display[row["id"]] = row.get("name", "")
            resolver.names.setdefault(normalise_name(row.get("name", "")), row["id"])
        for row in alias_rows:
            resolver.names.setdefault(normalise_name(row["alias"]), row["authority"])
        for row in identifier_rows:
            key = (row["scheme"], row["value"].strip())
            resolver.identifiers.setdefault(key, []).append(
                (
                    row["authority"],
                    _parse_iso(row.get("valid_from", "")),
                    _parse_iso(row.get("valid_to", "")),
                )
            )
        if not resolver.canonical:
            lookup = sources / "la-lookup.csv"
            if lookup.exists():
                with lookup.open(newline="", encoding="utf-8-sig") as handle:
                    for row in csv.DictReader(handle):
                        authority = slug(row["local_authority_ons_name"])
                        resolver.display.setdefault(authority, row["local_authority_ons_name"])
                        for scheme, column in (
                            ("ofsted_urn", "urn"),
                            ("dfe", "la_code"),
                            ("ons", "la_code_new"),
                        ):
                            value = row[column].strip()
                            if value:
                                resolver.identifiers.setdefault((scheme, value), []).append(
                                    (authority, None, None)
                                )
        return resolver

    def by_code(self, scheme: str, value: str, on: dt.date | None) -> str | None:
        """Resolve an identifier valid on a date (or ever, failing that)."""
        candidates = self.identifiers.get((scheme, value.strip()), [])
        if not candidates:
            return None
        if on is not None:
            for authority, start, end in candidates:
                if (start is None or start <= on) and (end is None or on <= end):
                    return apply_succession(authority, on)
        return apply_succession(candidates[-1][0], on)

    def by_name(self, name: str, on: dt.date | None) -> str:
        """Resolve a name through the aliases, else its slug."""
        key = normalise_name(name)
        authority = self.names.get(key) or slug(name)
        return apply_succession(authority, on)

    def resolve(
        self,
        name: str,
        on: dt.date | None,
        codes: Sequence[tuple[str, str]] = (),
        prefer: str = "code",
        where: str = "",
    ) -> str:
        """Resolve by codes and name; report when they disagree."""
        from_name = self.by_name(name, on)
        from_code = None
        for scheme, value in codes:
            if value:
                from_code = self.by_code(scheme, value, on)
                if from_code:
                    break
        chosen = from_code if (prefer == "code" and from_code) else from_name
        if from_code and from_code != from_name:
            self.problems.append(
                f"{where}: name {name!r} gives {from_name}, code {codes} gives {from_code};"
                f" used {chosen}"
            )
        if self.known_ids and chosen not in self.known_ids:
            self.problems.append(f"{where}: authority id {chosen!r} not in seeds/authorities")
        return chosen

    def name_of(self, authority: str) -> str:
        """A display name for titles."""
        name = self.display.get(authority, "")
        if name:
            match = re.fullmatch(r"(.+), (City|County) of", name)
            return match.group(1) if match else name
        return authority.replace("-", " ").title()


# --------------------------------------------------------------------------
# Report PDFs: their dates make inspection ids
# --------------------------------------------------------------------------

# Most names are "children's services inspection - <d month yyyy>.pdf"; a few
# have other words before the dash ("..., pdf - ", "... as pdf - ").
REPORT_NAME = re.compile(r".* - (\d{1,2} [a-z]+ \d{4})\.pdf", re.I)


@dataclass
class ReportIndex:
    """Publication dates of the report PDFs, by authority id."""

    dates: dict[str, list[dt.date]] = field(default_factory=dict)
    paths: dict[tuple[str, dt.date], str] = field(default_factory=dict)
    available: bool = False

    @classmethod
    def load(cls, folder: Path, resolver: AuthorityResolver, problems: list[str]) -> ReportIndex:
        index = cls()
        if not folder.is_dir():
            problems.append(f"report folder {folder} not found: ids use the sheets' dates")
            return index
        index.available = True
        for sub in sorted(folder.iterdir()):
            if not sub.is_dir():
                continue
            urn, _, name = sub.name.partition("_")
            for pdf in sorted(sub.iterdir()):
                match = REPORT_NAME.fullmatch(pdf.name)
                if not match:
                    problems.append(f"report file name not understood: {sub.name}/{pdf.name}")
                    continue
                date = dt.datetime.strptime(match.group(1), "%d %B %Y").date()
                authority = resolver.resolve(
                    name, date, [("ofsted_urn", urn)], where=f"reports/{sub.name}"
                )
                index.dates.setdefault(authority, []).append(date)
                index.paths[(authority, date)] = f"{sub.name}/{pdf.name}"
        return index

    def nearest(self, authority: str, date: dt.date, framework: str = "") -> dt.date | None:
        """The report date of this authority close to ``date``, if any."""
        return nearest_date(self.dates.get(authority, []), date, framework)


def nearest_date(
    candidates: Iterable[dt.date], date: dt.date, framework: str = ""
) -> dt.date | None:
    """The candidate closest to ``date`` within SAME_INSPECTION_DAYS.

    For SIF and ILACS, failing that, within WIDE_WINDOW_DAYS.
    """
    best: dt.date | None = None
    listed = list(candidates)
    windows = [SAME_INSPECTION_DAYS]
    if framework in WIDE_WINDOW_FRAMEWORKS:
        windows.append(WIDE_WINDOW_DAYS)
    for window in windows:
        for candidate in listed:
            gap = abs((candidate - date).days)
            if gap <= window and (best is None or gap < abs((best - date).days)):
                best = candidate
        if best is not None:
            return best
    return None


# --------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------


def write_known_issues_block(path: Path, block: str, lines: Sequence[str]) -> None:
    """Replace (or add) our generated block under our heading in KNOWN_ISSUES.md.

    Other sections of the file are left as they are.
    """
    start = f"<!-- generated by {block}: start -->"
    end = f"<!-- generated by {block}: end -->"
    body = "\n".join([start, *lines, end])
    text = path.read_text(encoding="utf-8") if path.exists() else "# Known issues\n"
    if start in text and end in text:
        before, _, rest = text.partition(start)
        _, _, after = rest.partition(end)
        text = before + body + after
    elif KNOWN_ISSUES_HEADING in text:
        head, _, tail = text.partition(KNOWN_ISSUES_HEADING)
        next_heading = re.search(r"\n## ", tail)
        if next_heading:
            cut = next_heading.start()
            text = (
                head
                + KNOWN_ISSUES_HEADING
                + tail[:cut].rstrip("\n")
                + "\n\n"
                + body
                + "\n"
                + tail[cut:]
            )
        else:
            text = head + KNOWN_ISSUES_HEADING + tail.rstrip("\n") + "\n\n" + body + "\n"
    else:
        text = text.rstrip("\n") + "\n\n" + KNOWN_ISSUES_HEADING + "\n\n" + body + "\n"
    path.write_text(text, encoding="utf-8")


def progress(message: str) -> None:
    """Progress goes to stderr."""
    print(message, file=sys.stderr)


# --------------------------------------------------------------------------
# The 2023 sheet
# --------------------------------------------------------------------------


@dataclass
class Slot:
    """One inspection's columns in the wide 2023 sheet."""

    framework: str
    kind: str
    date: str
    overall: str | None
    areas: list[tuple[str, str]]
    kind_column: str | None = None


# Column headers as the sheet has them (whitespace collapsed). The second
# table's ILACS headers lack the word "First"; they are matched by suffix.
SLOTS_2023 = [
    Slot(
        "slac",
        "standard",
        "Safeguarding & Looked After Children (SLAC) Inspection publication date",
        None,
        [
            ("safeguarding", "SLAC Safeguarding Overall effectiveness (OE)"),
            ("looked_after_children", "SLAC Looked After Children Overall Effectiveness (OE)"),
        ],
    ),
    Slot(
        "slac",
        "reinspection",
        "SLAC re-inspection of Safeguarding publication date",
        None,
        [("safeguarding", "SLAC re-inspection Safeguarding OE")],
    ),
    Slot(
        "slac",
        "reinspection",
        "SLAC re-inspection of services for Children Looked After publication date",
        None,
        [("looked_after_children", "SLAC re-inspection of services Children Looked After OE")],
    ),
    Slot(
        "cpi",
        "standard",
        "Child Protection Inspections (CPI) publication date",
        "CPI Overall Effectiveness (OE)",
        [],
    ),
    Slot(
        "cpi",
        "reinspection",
        "Child Protection Re-Inspection (CPRI) publication date",
        "CPRI Overall Effectiveness (OE)",
        [],
    ),
    Slot(
        "lac",
        "standard",
        "Targeted Looked After Children (TLAC) inspection publication date",
        "TLAC Overall Effectiveness (OE)",
        [],
    ),
    Slot(
        "sif",
        "standard",
        "Single Inspection of LA Children's Services (SIF) First SIF publication date",
        "First SIF Overall Judgement (OE)",
        [
            ("help_and_protection", "First SIF children who need help and protection"),
            (
                "looked_after_and_permanence",
                "First SIF children looked after and achieving permanence",
            ),
            ("adoption", "First SIF CLA Sub: Adoption Performance"),
            ("care_leavers", "First SIF CLA Sub: Experiences and progress of care leavers"),
            (
                "leadership_management_governance",
                "First SIF leadership, management and governance",
            ),
            ("lscb_review", "LSCB Overall Effectiveness"),
        ],
    ),
    Slot(
        "sif",
        "reinspection",
        "Single Inspection of LA Children's Services (SIF) SIF Re-inspection publication date",
        "SIF Re-inspection Overall Judgement (OE)",
        [
            ("help_and_protection", "SIF Re-inspection children who need help and protection"),
            (
                "looked_after_and_permanence",
                "SIF Re-inspection children looked after and achieving permanence",
            ),
            ("adoption", "SIF Re-inspection CLA Sub: Adoption Performance"),
            ("care_leavers", "SIF Re-inspection CLA Sub: Experiences and progress of care leavers"),
            (
                "leadership_management_governance",
                "SIF Re-inspection leadership, management and governance",
            ),
        ],
    ),
    Slot(
        "ilacs",
        "",
        "First ILACS framework publication date",
        "First ILACS framework overall effectiveness",
        [
            ("impact_of_leaders", "First ILACS framework impact of leaders"),
            (
                "help_and_protection",
                "First ILACS framework experiences and progress of children who need help and"
                " protection",
            ),
            (
                "in_care_and_care_leavers",
                "First ILACS framework experiences and progress of children in care and care"
                " leavers",
            ),
        ],
        kind_column="First ILACS framework inspection type",
    ),
    Slot(
        "ilacs",
        "",
        "Second ILACS framework publication date",
        "Second ILACS framework overall effectiveness",
        [
            ("impact_of_leaders", "Second ILACS framework impact of leaders"),
            (
                "help_and_protection",
                "Second ILACS framework experiences and progress of children who need help and"
                " protection",
            ),
            ("in_care", "Second ILACS framework experiences and progress of children in care"),
            ("care_leavers", "Second ILACS framework experiences and progress of care leavers"),
        ],
        kind_column="Second ILACS framework inspection type",
    ),
]

ILACS_SPLIT_FROM = dt.date(2023, 1, 1)


def ilacs_kind(text: str) -> str:
    """'ILACS Standard Inspection' -> standard, 'ILACS Short Inspection' -> short."""
    low = text.lower()
    if "short" in low:
        return "short"
    if "standard" in low:
        return "standard"
    return ""


@dataclass
class RawInspection:
    """An inspection as one sheet row states it, before its id is fixed."""

    authority: str
    framework: str
    kind: str
    published: dt.date
    start: str
    overall: str
    judgements: list[tuple[str, str, str]]  # (area, grade, locator)
    source: str
    locator: str
    note: list[str] = field(default_factory=list)


def _cell_text(cells: list[Cell], header: dict[str, int], column: str) -> str:
    """The text of a row's cell under the heading ``column`` ("" if the row has none)."""
    position = header.get(column)
    if position is None or position >= len(cells):
        return ""
    return cells[position].text.strip()


def _header_index(header: list[Cell]) -> dict[str, int]:
    index: dict[str, int] = {}
    for position, cell in enumerate(header):
        text = clean_header(cell.text)
        if text:
            index[text] = position
            # The second table says "ILACS framework ..." for the first ILACS.
            if text.startswith("ILACS framework"):
                index["First " + text] = position
    return index


def read_2023(path: Path, resolver: AuthorityResolver, problems: list[str]) -> list[RawInspection]:
    """Every inspection of both tables of the 2023 sheet."""
    rows = read_ods_sheet(path, SHEET_2023)
    out: list[RawInspection] = []
    header: dict[str, int] | None = None
    tables = 0
    for number in sorted(rows):
        cells = rows[number]
        first = clean_header(cells[0].text) if cells else ""
        if first == "Web link":
            header = _header_index(cells)
            tables += 1
            continue
        if header is None or first != "Ofsted Local Authority Webpage":
            continue

        cell = functools.partial(_cell_text, cells, header)

        name = cell("Local authority name")
        link_number = cells[0].link.rstrip("/").rsplit("/", 1)[-1] if cells[0].link else ""
        scheme = "dfe" if len(link_number) == 3 else "ofsted_urn"
        for slot in SLOTS_2023:
            date_text = cell(slot.date)
            grades = [cell(column) for _, column in slot.areas]
            overall_text = cell(slot.overall) if slot.overall else ""
            if slot.date not in header:
                continue
            if not date_text:
                if overall_text.strip(" -") or any(g.strip(" -") for g in grades):
                    problems.append(
                        f"{SHEET_2023} row {number}: grades without a date ({slot.date})"
                    )
                continue
            published = dt.date.fromisoformat(date_text)
            authority = resolver.resolve(
                name,
                published,
                [(scheme, link_number)],
                prefer="name",
                where=f"{SHEET_2023} row {number}",
            )
            note: list[str] = []
            try:
                overall = sheet_grade(overall_text, slot.framework) if slot.overall else "not_given"
            except GradeError as error:
                problems.append(f"{SHEET_2023} row {number} {slot.overall}: {error}")
                overall = ""
            if slot.overall and overall_text.strip() == "-":
                note.append("overall cell holds '-' in the sheet")
            kind = slot.kind or ilacs_kind(cell(slot.kind_column or ""))
            judgements: list[tuple[str, str, str]] = []
            for (area, column), grade_text in zip(slot.areas, grades, strict=True):
                try:
                    grade = sheet_grade(grade_text, slot.framework)
                except GradeError as error:
                    problems.append(f"{SHEET_2023} row {number} {column}: {error}")
                    continue
                if not grade:
                    if grade_text.strip() == "-":
                        note.append(f"'{column}' holds '-' in the sheet (not judged)")
                    continue
                # The sheet covers reports published by 30 April 2023 and leaves
                # care leavers empty for inspections that began before the
                # January 2023 split (e.g. Bradford's, published 31 January 2023).
                no_care_leavers = not cell(slot.areas[-1][1])
                if slot.framework == "ilacs" and area == "in_care" and no_care_leavers:
                    area = "in_care_and_care_leavers"
                judgements.append(
                    (area, grade, f"sheet {SHEET_2023}, row {number}, column '{column}'")
                )
            out.append(
                RawInspection(
                    authority=authority,
                    framework=slot.framework,
                    kind=kind,
                    published=published,
                    start="",
                    overall=overall,
                    judgements=judgements,
                    source=SOURCE_2023,
                    locator=f"sheet {SHEET_2023}, row {number}, column '{slot.date}'",
                    note=note,
                )
            )
    if tables != 2:
        problems.append(f"{SHEET_2023}: expected two tables, found {tables}")
    return merge_same_day_reinspections(out)


def merge_same_day_reinspections(raws: list[RawInspection]) -> list[RawInspection]:
    """Join SLAC re-inspections of safeguarding and of looked after children.

    The sheet gives each its own publication date; when the two dates are the
    same day they are one inspection with two judgements.
    """
    out: list[RawInspection] = []
    by_key: dict[tuple[str, str, str, dt.date], RawInspection] = {}
    for raw in raws:
        key = (raw.authority, raw.framework, raw.kind, raw.published)
        if raw.framework == "slac" and raw.kind == "reinspection" and key in by_key:
            kept = by_key[key]
            kept.judgements.extend(raw.judgements)
            column = raw.locator.rsplit("column ", 1)[-1]
            kept.locator += f"; column {column}"
            kept.note.append(
                "safeguarding and looked after children re-inspections published the same day"
            )
            continue
        by_key[key] = raw
        out.append(raw)
    return out


# --------------------------------------------------------------------------
# The 2025 ILACS history
# --------------------------------------------------------------------------

COLUMNS_2025 = {
    "name": "Local authority name",
    "ons": "Local authority area code",
    "status": "Local authority status",
    "region": "Ofsted region",
    "start": "Inspection date",
    "published": "Publication date",
    "type": "Inspection type",
    "overall": "Overall effectiveness",
}
AREAS_2025 = [
    (
        "impact_of_leaders",
        "The impact of leaders on social work practice with children and families",
    ),
    (
        "help_and_protection",
        "The experiences and progress of children who need help and protection",
    ),
    ("in_care", "The experiences and progress of children in care"),
    ("care_leavers", "The experiences and progress of care leavers"),
]


def read_2025(
    path: Path, resolver: AuthorityResolver, problems: list[str]
) -> tuple[list[RawInspection], list[str]]:
    """Every ILACS inspection of the 2025 history, and the Notes sheet's corrections."""
    rows = read_ods_sheet(path, SHEET_2025)
    out: list[RawInspection] = []
    header: dict[str, int] | None = None
    for number in sorted(rows):
        cells = rows[number]
        first = clean_header(cells[0].text) if cells else ""
        if first == "Web link":
            header = {clean_header(c.text): i for i, c in enumerate(cells) if c.text}
            continue
        if header is None or first != "Ofsted Local Authority Webpage":
            continue

        cell = functools.partial(_cell_text, cells, header)

        where = f"{SHEET_2025} row {number}"
        published = dt.date.fromisoformat(cell(COLUMNS_2025["published"]))
        dfe = cells[0].link.rstrip("/").rsplit("/", 1)[-1] if cells[0].link else ""
        name = cell(COLUMNS_2025["name"])
        authority = resolver.resolve(
            name, published, [("ons", cell(COLUMNS_2025["ons"]))], where=where
        )
        dfe_authority = resolver.by_code("dfe", dfe, published) if dfe else None
        note: list[str] = []
        if dfe_authority and dfe_authority != authority:
            problems.append(
                f"{where}: web link keyed by DfE number {dfe} points to {dfe_authority}, row is {authority}"
            )
        status = cell(COLUMNS_2025["status"])
        if status and status != "Current":
            note.append(f"sheet status '{status}'")
        care_leavers = cell(AREAS_2025[3][1])
        judgements: list[tuple[str, str, str]] = []
        start_text = cell(COLUMNS_2025["start"])
        start = dt.date.fromisoformat(start_text) if start_text else None
        for area, column in AREAS_2025:
            text = cell(column)
            try:
                grade = sheet_grade(text, "ilacs")
            except GradeError as error:
                problems.append(f"{where} {column}: {error}")
                continue
            if not grade:
                continue
            if area == "in_care" and not care_leavers:
                split_date = start or published
                if split_date < ILACS_SPLIT_FROM:
                    area = "in_care_and_care_leavers"
                else:
                    problems.append(f"{where}: care leavers empty for an inspection from 2023")
            judgements.append((area, grade, f"sheet {SHEET_2025}, row {number}, column '{column}'"))
        try:
            overall = sheet_grade(cell(COLUMNS_2025["overall"]), "ilacs")
        except GradeError as error:
            problems.append(f"{where}: {error}")
            overall = ""
        out.append(
            RawInspection(
                authority=authority,
                framework="ilacs",
                kind=ilacs_kind(cell(COLUMNS_2025["type"])),
                published=published,
                start=start.isoformat() if start else "",
                overall=overall,
                judgements=judgements,
                source=SOURCE_2025,
                locator=f"sheet {SHEET_2025}, row {number}",
                note=note,
            )
        )
    notes = read_ods_sheet(path, "Notes")
    corrections = [
        f"Notes sheet, row {number}: {' '.join(cells[0].text.split())}"
        for number, cells in sorted(notes.items())
        if cells and "Staffordshire" in cells[0].text
    ]
    return out, corrections


# --------------------------------------------------------------------------
# Ids and rows
# --------------------------------------------------------------------------


def canonical_date(
    raw: RawInspection,
    reports: ReportIndex,
    history: dict[str, list[dt.date]],
) -> tuple[dt.date, str]:
    """The date that makes the id, and where it comes from."""
    report = reports.nearest(raw.authority, raw.published, raw.framework)
    if report is not None:
        return report, "report"
    if raw.framework == "ilacs":
        other = nearest_date(history.get(raw.authority, []), raw.published, raw.framework)
        if other is not None:
            return other, "history"
    return raw.published, "own"


def inspection_id(authority: str, framework: str, published: dt.date) -> str:
    """``<authority>-<framework>-<published ISO date>``."""
    return f"{authority}-{framework}-{published.isoformat()}"


def build_rows(
    raws: list[RawInspection],
    reports: ReportIndex,
    history: dict[str, list[dt.date]],
    issues: list[str],
    label: str,
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Turn raw inspections into inspection and judgement rows."""
    inspections: list[dict[str, str]] = []
    judgements: list[dict[str, str]] = []
    seen: set[str] = set()
    for raw in raws:
        date, origin = canonical_date(raw, reports, history)
        ident = inspection_id(raw.authority, raw.framework, date)
        note = list(raw.note)
        published = raw.published.isoformat()
        if date != raw.published:
            what = "the report's file name" if origin == "report" else "the 2025 ILACS history"
            note.append(
                f"this sheet gives publication date {published}; the id uses {date.isoformat()}"
                f" from {what} (see KNOWN_ISSUES)"
            )
            issues.append(
                f"- `{ident}`: {label} gives publication date {published}, {what} gives"
                f" {date.isoformat()}; the id uses {date.isoformat()} and the {label} row leaves"
                " `published` empty."
            )
            published = ""
        if ident in seen:
            issues.append(
                f"- `{ident}`: two inspections of the {label} share one id; the second is dropped."
            )
            continue
        seen.add(ident)
        inspections.append(
            {
                "id": ident,
                "authority": raw.authority,
                "framework": raw.framework,
                "kind": raw.kind,
                "start": raw.start,
                "published": published,
                "overall": raw.overall,
                "source": raw.source,
                "locator": raw.locator,
                "note": "; ".join(note),
            }
        )
        for area, grade, locator in raw.judgements:
            judgements.append(
                {
                    "inspection": ident,
                    "area": area,
                    "grade": grade,
                    "source": raw.source,
                    "locator": locator,
                }
            )
    inspections.sort(key=lambda r: r["id"])
    judgements.sort(key=lambda r: (r["inspection"], r["area"]))
    return inspections, judgements


def compare_sources(
    first: tuple[list[dict[str, str]], list[dict[str, str]]],
    second: tuple[list[dict[str, str]], list[dict[str, str]]],
    labels: tuple[str, str],
    issues: list[str],
) -> int:
    """List fields on which rows of two sources for one inspection disagree."""
    count = 0
    left = {r["id"]: r for r in first[0]}
    right = {r["id"]: r for r in second[0]}
    for ident in sorted(left.keys() & right.keys()):
        for column in ("kind", "start", "end", "overall", "lead_inspector"):
            a, b = left[ident].get(column, ""), right[ident].get(column, "")
            if a and b and a != b:
                issues.append(f"- `{ident}` {column}: {labels[0]} says {a}, {labels[1]} says {b}.")
                count += 1
    grades_left = {(r["inspection"], r["area"]): r["grade"] for r in first[1]}
    grades_right = {(r["inspection"], r["area"]): r["grade"] for r in second[1]}
    for key in sorted(grades_left.keys() & grades_right.keys()):
        if grades_left[key] != grades_right[key]:
            issues.append(
                f"- `{key[0]}` {key[1]}: {labels[0]} says {grades_left[key]},"
                f" {labels[1]} says {grades_right[key]}."
            )
            count += 1
    return count


def iter_problems(problems: list[str]) -> Iterator[str]:
    """Problems, each once, in order."""
    seen: set[str] = set()
    for problem in problems:
        if problem not in seen:
            seen.add(problem)
            yield problem


def main(argv: Sequence[str] | None = None) -> int:
    """Read both workbooks and write the seed files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sources", type=Path, default=DEFAULT_SOURCES, help="shared sources folder"
    )
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="seeds folder to write")
    args = parser.parse_args(argv)
    sources: Path = args.sources
    seeds: Path = args.seeds
    problems: list[str] = []

    resolver = AuthorityResolver.load(seeds, sources)
    progress(
        "authority mapping: "
        + (
            "seeds/authority_identifiers (canonical)"
            if resolver.canonical
            else "fallback (la-lookup.csv and name slugs)"
        )
    )
    reports = ReportIndex.load(sources / "ofsted-reports", resolver, problems)
    progress(f"report PDFs indexed: {sum(len(v) for v in reports.dates.values())}")

    path_2023 = sources / "official" / WORKBOOK_2023
    path_2025 = sources / "official" / WORKBOOK_2025
    progress(f"reading {path_2025.name} / {SHEET_2025}")
    raw_2025, corrections = read_2025(path_2025, resolver, problems)
    progress(f"  {len(raw_2025)} ILACS inspections")
    progress(f"reading {path_2023.name} / {SHEET_2023}")
    raw_2023 = read_2023(path_2023, resolver, problems)
    progress(f"  {len(raw_2023)} inspections")

    history: dict[str, list[dt.date]] = {}
    for raw in raw_2025:
        history.setdefault(raw.authority, []).append(raw.published)

    issues_2023: list[str] = []
    issues_2025: list[str] = []
    rows_2025 = build_rows(raw_2025, reports, {}, issues_2025, "2025 ILACS history")
    rows_2023 = build_rows(raw_2023, reports, history, issues_2023, "2023 sheet")
    disagreements: list[str] = []
    compare_sources(rows_2023, rows_2025, ("2023 sheet", "2025 history"), disagreements)

    write_csv(seeds / "sources" / "official.csv", SOURCE_COLUMNS, OFFICIAL_SOURCES)
    counts = {
        "inspections/official_2023.csv": write_csv(
            seeds / "inspections" / "official_2023.csv", INSPECTION_COLUMNS, rows_2023[0]
        ),
        "judgements/official_2023.csv": write_csv(
            seeds / "judgements" / "official_2023.csv", JUDGEMENT_COLUMNS, rows_2023[1]
        ),
        "inspections/official_2025.csv": write_csv(
            seeds / "inspections" / "official_2025.csv", INSPECTION_COLUMNS, rows_2025[0]
        ),
        "judgements/official_2025.csv": write_csv(
            seeds / "judgements" / "official_2025.csv", JUDGEMENT_COLUMNS, rows_2025[1]
        ),
    }
    for name, count in counts.items():
        progress(f"wrote seeds/{name}: {count} rows")

    lines = [
        "### Official workbooks (tools/import_official.py)",
        "",
        "- The 2023 workbook (sheet `LA_inspections_2009-2023`) writes every middle grade as"
        " 'Requires improvement to be good', also for SLAC, CPI/CPRI and TLAC (2009-2013), whose"
        " scale had `adequate`: those rows are mapped back to `adequate` (`sheet_grade` in the"
        " script); SIF and ILACS rows get `requires_improvement`.",
        "- Before ILACS the 2023 sheet gives only publication dates; SLAC rows have no overall"
        " judgement (`not_given`), only the safeguarding and looked after children judgements."
        " Its web links are Ofsted report pages keyed sometimes by URN and sometimes by DfE"
        " number, so authorities are matched by name there.",
        "- Cells holding ' -' in the 2023 sheet are read as unknown (a row note says so).",
        "- The 2025 workbook's `ILACS_inspection_history` gives an 'Inspection date' (written to"
        " `start`) but no end date; its web links are keyed by DfE number, not Ofsted URN; its"
        " regions are Ofsted's eight (not used); authorities marked 'No longer exists' keep their"
        " own ids (`bournemouth`, `cumbria`, `northamptonshire`).",
        "- ILACS inspections before 1 January 2023 have one judgement for children in care and"
        " care leavers: where the care leavers cell is empty, the 'children in care' cell is"
        " written as `in_care_and_care_leavers`.",
        "- Inspections of Buckinghamshire before 1 April 2020 go to `buckinghamshire-county`;"
        " of North Yorkshire and Somerset before 1 April 2023 to `north-yorkshire-county` /"
        " `somerset-county`; Dorset's 2023-sheet row (the county) to `dorset-county`.",
        "- The 2025 workbook's Notes sheet records a correction, kept here for the record:",
        *[f"  - {c}" for c in corrections],
        "",
        "Publication dates that disagree with a report's file name or the 2025 history:",
        "",
        *(issues_2025 + issues_2023 or ["- none"]),
        "",
        "Fields on which the 2023 sheet and the 2025 history disagree (each row keeps its own"
        " source's value; to be settled by reading the report and adding a correction):",
        "",
        *(disagreements or ["- none"]),
    ]
    write_known_issues_block(seeds / "KNOWN_ISSUES.md", "tools/import_official.py", lines)
    progress("updated seeds/KNOWN_ISSUES.md")

    all_problems = list(iter_problems(problems + resolver.problems))
    progress(f"could not read or resolve: {len(all_problems)}")
    for problem in all_problems:
        progress(f"  - {problem}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
