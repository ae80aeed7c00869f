"""Generate inspection seed rows from the ILACS summary snapshots.

The Data to Insight collaborative's daily summary table shows every
authority's latest ILACS inspection; the 54 snapshots in
``<sources>/ilacs-summary-snapshots/*.csv`` (file name = snapshot date) are
merged into one row per inspection (authority + publication date). Writes:

- ``seeds/sources/snapshots.csv``: one source row per inspection report link
  (``https://files.ofsted.gov.uk/v1/file/...``), plus Ofsted's announcement of
  the April 2026 reform;
- ``seeds/inspections/snapshots.csv`` and ``seeds/judgements/snapshots.csv``;
- its own block in ``seeds/KNOWN_ISSUES.md`` under "Inspections: official
  sheets and snapshots".

Rules:

- dates are parsed strictly: start and end as ``dd/mm/yyyy``, publication as
  ``dd/mm/yy`` (either form is accepted in any column; anything else is
  reported and left empty);
- ``requires improvement`` -> ``requires_improvement``; ``nan``, ``None`` and
  empty -> unknown; ``inspection_pre_dates_judgement`` in the care leavers
  column means the inspection predates the split judgement, so the
  'in care' grade is written as ``in_care_and_care_leavers``;
- inspections under ILACS as reformed from April 2026 (Ofsted removed the
  overall effectiveness judgement from April 2026) are recognised by an
  inspection start on or after 2026-04-01 with all four area grades and no
  overall grade: framework ``ilacs_2026``, overall ``not_given``;
- a field empty in some snapshots takes the value of those that have it; a
  field with two different values takes the latest snapshot's and is listed in
  KNOWN_ISSUES;
- the id's date is the report PDF's (file name) if one lies within a few days,
  else the 2025 official ILACS history's (read from
  ``seeds/inspections/official_2025.csv``: run ``import_official.py`` first),
  else the snapshot's own.

Run from the repository root::

    python tools/import_snapshots.py [--sources ../shared/sources]
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from childservices.model import Grade
from childservices.model.grades import grade_from_text

sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_official import (
    INSPECTION_COLUMNS,
    JUDGEMENT_COLUMNS,
    SOURCE_COLUMNS,
    AuthorityResolver,
    ReportIndex,
    compare_sources,
    inspection_id,
    iter_problems,
    nearest_date,
    progress,
    report_problems,
    sources_and_seeds,
    write_known_issues_block,
)
from importing.snapshots import (
    EMPTY,
    Merged,
    load_history,
    long_date,
    parse_date,
    read_rows,
    read_snapshots,
    title_name,
)
from seed_csv import write_csv

BLOCK = "tools/import_snapshots.py"
REFORM_SOURCE = "ofsted-ilacs-reform-announcement-2025-11-27"
REFORM_FIRST_DAY = dt.date(2026, 4, 1)
SPLIT_FIRST_DAY = dt.date(2023, 1, 1)
REFORM_SOURCE_ROW = {
    "id": REFORM_SOURCE,
    "title": "Ofsted confirms removal of headline judgement for inspections of local"
    " authorities' children's services (Ofsted announcement, as republished by WiredGov)",
    "publisher": "Ofsted",
    "published": "2025-11-27",
    "url": "https://www.wired-gov.net/wg/news.nsf/articles/ofsted+confirms+removal+of+headline"
    "+judgement+for+inspections+of+local+authorities+childrens+services+27112025162500?open",
}

SCALE = frozenset(Grade) - {Grade.ADEQUATE}
"""The grades the snapshots can hold: Data to Insight's table has no 'adequate'."""
PRE_SPLIT = "inspection_pre_dates_judgement"

AREA_FIELDS = [
    ("impact_of_leaders", "impact_of_leaders_grade"),
    ("help_and_protection", "help_and_protection_grade"),
    ("in_care", "in_care_grade"),
    ("care_leavers", "care_leavers_grade"),
]


def grade(text: str) -> str:
    """A snapshot grade in the seed vocabulary ('' when unknown)."""
    try:
        found = grade_from_text(text, scale=SCALE, unknown=EMPTY)
    except ValueError:
        raise ValueError(f"unknown grade {text!r}") from None
    return "" if found is None else found.value


@dataclass
class Import:
    """What the import gathers as it goes: the rows made, and what it found wrong or odd."""

    resolver: AuthorityResolver
    reports: ReportIndex
    history: dict[str, list[dt.date]]
    problems: list[str]
    quirks: list[str] = field(default_factory=list)
    date_issues: list[str] = field(default_factory=list)
    inspections: list[dict[str, str]] = field(default_factory=list)
    judgements: list[dict[str, str]] = field(default_factory=list)
    source_rows: dict[str, dict[str, str]] = field(
        default_factory=lambda: {REFORM_SOURCE: REFORM_SOURCE_ROW}
    )
    link_owner: dict[str, str] = field(default_factory=dict)


@dataclass
class Reading:
    """One merged inspection as it is being read: its label, its fields, the notes for its row."""

    item: Merged
    label: str
    quirks: list[str]
    note: list[str] = field(default_factory=list)

    def value(self, column: str) -> str:
        """The field's value across the snapshots (differences go to the quirks)."""
        return self.item.get(column, self.quirks, self.label)


def main(argv: Sequence[str] | None = None) -> int:
    """Merge the snapshots and write the seed files."""
    sources, seeds = sources_and_seeds(argv, __doc__)
    problems: list[str] = []

    resolver = AuthorityResolver.load(seeds, sources)
    reports = ReportIndex.load(sources / "ofsted-reports", resolver, [])
    history = load_history(seeds)
    if not history:
        problems.append("seeds/inspections/official_2025.csv missing: run import_official.py first")
    merged = read_snapshots(sources / "ilacs-summary-snapshots", problems)
    run = Import(resolver=resolver, reports=reports, history=history, problems=problems)
    for key in sorted(merged):
        add_inspection(run, merged[key])

    ids = [row["id"] for row in run.inspections]
    for ident in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(f"id {ident} made by more than one snapshot inspection")
    run.inspections.sort(key=lambda r: r["id"])
    run.judgements.sort(key=lambda r: (r["inspection"], r["area"]))
    write_seeds(seeds, run)
    disagreements = disagreements_with_workbooks(seeds, run)
    write_known_issues_block(
        seeds / "KNOWN_ISSUES.md", BLOCK, known_issues(len(merged), run, disagreements)
    )
    progress("updated seeds/KNOWN_ISSUES.md")

    report_problems(problems + resolver.problems)
    return 0


def add_inspection(run: Import, item: Merged) -> None:
    """Read one merged inspection and add its rows (or say why it has none)."""
    urn, published_text = item.key
    own_published = dt.date.fromisoformat(published_text)
    name = item.get("local_authority", run.quirks, f"URN {urn} published {published_text}")
    reading = Reading(
        item=item,
        label=f"{name.title()} (URN {urn}, published {published_text})",
        quirks=run.quirks,
    )
    authority = run.resolver.resolve(
        name,
        own_published,
        [("ofsted_urn", urn), ("dfe", reading.value("la_code"))],
        where=f"snapshots URN {urn}",
    )
    start, end = _dates(run, reading)
    grades, framework, overall = _judgements(run, reading, start, own_published)
    kind = _kind(run, reading)
    if not start:
        reading.note.append("the snapshots give no inspection dates")
    ident, id_date, published = _identify(run, reading, authority, framework, own_published)
    source_id = _source(run, reading, authority, ident, id_date)
    if source_id is None:
        return
    first, last = min(item.snapshots), max(item.snapshots)
    locator = f"Data to Insight ILACS summary snapshot {last}, line {item.lines[last]}" + (
        f" (same inspection in {len(item.snapshots)} snapshots from {first})"
        if first != last
        else ""
    )
    inspector = reading.value("inspector_name")
    run.inspections.append(
        {
            "id": ident,
            "authority": authority,
            "framework": framework,
            "kind": kind,
            "start": start.isoformat() if start else "",
            "end": end.isoformat() if end else "",
            "published": published,
            "overall": overall,
            "lead_inspector": title_name(inspector) if inspector else "",
            "source": source_id,
            "locator": locator,
            "note": "; ".join(reading.note),
        }
    )
    _add_judgements(run, ident, grades, source_id, locator)


def _dates(run: Import, reading: Reading) -> tuple[dt.date | None, dt.date | None]:
    """The inspection's start and end (both unknown when either cannot be read)."""
    try:
        start = parse_date(reading.value("inspection_start_date"))
        end = parse_date(reading.value("inspection_end_date"))
    except ValueError as error:
        run.problems.append(f"{reading.label}: {error}")
        start = end = None
    return start, end


def _judgements(
    run: Import, reading: Reading, start: dt.date | None, own_published: dt.date
) -> tuple[dict[str, str], str, str]:
    """The area grades, the framework and the overall grade of one inspection."""
    grades: dict[str, str] = {}
    pre_split = False
    for area, column in AREA_FIELDS:
        text = reading.value(column)
        if text == PRE_SPLIT:
            pre_split = True
            continue
        try:
            grades[area] = grade(text)
        except ValueError as error:
            run.problems.append(f"{reading.label} {column}: {error}")
    framework, overall = _framework(run, reading, start, grades)
    if not pre_split and own_published < SPLIT_FIRST_DAY and grades.get("care_leavers"):
        # Published before the split judgement existed, yet a care leavers
        # grade: the extraction filled the column (Nottingham and Redcar and
        # Cleveland, 2022, where it equals the overall grade). Not kept.
        run.quirks.append(
            f"- {reading.label}: published before January 2023 but the snapshots give a care"
            f" leavers grade ({grades['care_leavers']}); it is dropped and the 'in care' grade is"
            " written as `in_care_and_care_leavers`."
        )
        reading.note.append("snapshots' care leavers grade dropped: the inspection predates it")
        del grades["care_leavers"]
        pre_split = True
    if pre_split and "in_care" in grades:
        grades["in_care_and_care_leavers"] = grades.pop("in_care")
    return grades, framework, overall


def _framework(
    run: Import, reading: Reading, start: dt.date | None, grades: dict[str, str]
) -> tuple[str, str]:
    """The framework and the overall grade: ILACS, or ILACS as reformed in 2026 (no overall)."""
    try:
        overall = grade(reading.value("overall_effectiveness_grade"))
    except ValueError as error:
        run.problems.append(f"{reading.label} overall: {error}")
        overall = ""
    framework = "ilacs"
    all_areas = all(grades.get(area) for area, _ in AREA_FIELDS)
    if start and start >= REFORM_FIRST_DAY and not overall and all_areas:
        framework = "ilacs_2026"
        overall = "not_given"
        reading.note.append(
            "ILACS as reformed from April 2026 (no overall effectiveness judgement; source "
            f"{REFORM_SOURCE}); the snapshots give the overall grade as 'nan'"
        )
    elif not overall:
        run.problems.append(f"{reading.label}: no overall grade")
    return framework, overall


def _kind(run: Import, reading: Reading) -> str:
    """``standard`` or ``short``, as the snapshots say ('' when they do not)."""
    kind_text = reading.value("inspection_framework").lower()
    kind = kind_text if kind_text in ("standard", "short") else ""
    if kind_text and not kind:
        run.problems.append(f"{reading.label}: unknown inspection framework {kind_text!r}")
    if not kind:
        reading.note.append("the snapshots give no short/standard type")
    return kind


def _identify(
    run: Import, reading: Reading, authority: str, framework: str, own_published: dt.date
) -> tuple[str, dt.date, str]:
    """The inspection's id, the date that makes it, and the ``published`` cell."""
    report_date = run.reports.nearest(authority, own_published, framework)
    history_date = nearest_date(run.history.get(authority, []), own_published, framework)
    id_date = report_date or history_date or own_published
    ident = inspection_id(authority, framework, id_date)
    published = own_published.isoformat()
    if id_date != own_published:
        what = "the report's file name" if report_date else "the 2025 ILACS history"
        run.date_issues.append(
            f"- `{ident}`: the snapshots give publication date {published}, {what} gives"
            f" {id_date.isoformat()}; the id uses {id_date.isoformat()} and the snapshot row"
            " leaves `published` empty."
        )
        reading.note.append(
            f"the snapshots give publication date {published}; the id uses"
            f" {id_date.isoformat()} from {what} (see KNOWN_ISSUES)"
        )
        published = ""
    return ident, id_date, published


def _source(
    run: Import, reading: Reading, authority: str, ident: str, id_date: dt.date
) -> str | None:
    """The source row of the report the snapshots link to (``None``: a link not understood)."""
    link = reading.value("inspection_link")
    file_number = link.rstrip("/").rsplit("/", 1)[-1]
    if not re.fullmatch(r"https://files\.ofsted\.gov\.uk/v1/file/\d+", link):
        run.problems.append(f"{reading.label}: report link not understood: {link!r}")
        return None
    source_id = f"ofsted-file-{file_number}"
    if source_id in run.link_owner and run.link_owner[source_id] != ident:
        run.problems.append(
            f"{reading.label}: link {link} also used by {run.link_owner[source_id]}"
        )
    run.link_owner[source_id] = ident
    run.source_rows[source_id] = {
        "id": source_id,
        "title": f"Ofsted inspection of {run.resolver.name_of(authority)} children's services,"
        f" published {long_date(id_date)}",
        "publisher": "Ofsted",
        "published": id_date.isoformat(),
        "url": link,
    }
    return source_id


def _add_judgements(
    run: Import, ident: str, grades: dict[str, str], source_id: str, locator: str
) -> None:
    for area, area_grade in grades.items():
        if area_grade:
            column = dict(AREA_FIELDS).get(area, "in_care_grade")
            run.judgements.append(
                {
                    "inspection": ident,
                    "area": area,
                    "grade": area_grade,
                    "source": source_id,
                    "locator": f"{locator}, column {column}",
                }
            )


def write_seeds(seeds: Path, run: Import) -> None:
    """Write the source, inspection and judgement rows."""
    counts = {
        "sources/snapshots.csv": write_csv(
            seeds / "sources" / "snapshots.csv",
            SOURCE_COLUMNS,
            sorted(run.source_rows.values(), key=lambda r: r["id"]),
        ),
        "inspections/snapshots.csv": write_csv(
            seeds / "inspections" / "snapshots.csv", INSPECTION_COLUMNS, run.inspections
        ),
        "judgements/snapshots.csv": write_csv(
            seeds / "judgements" / "snapshots.csv", JUDGEMENT_COLUMNS, run.judgements
        ),
    }
    for name, count in counts.items():
        progress(f"wrote seeds/{name}: {count} rows")


def disagreements_with_workbooks(seeds: Path, run: Import) -> list[str]:
    """Fields on which the snapshots' rows and the official workbooks' rows disagree."""
    disagreements: list[str] = []
    ours = (run.inspections, run.judgements)
    for label, path in (
        ("the 2025 history", seeds / "inspections" / "official_2025.csv"),
        ("the 2023 sheet", seeds / "inspections" / "official_2023.csv"),
    ):
        compare_sources(read_rows(path), ours, (label, "the snapshot table"), disagreements)
    return disagreements


def known_issues(merged: int, run: Import, disagreements: list[str]) -> list[str]:
    """This tool's block of KNOWN_ISSUES.md (``merged``: how many inspections were merged)."""
    reformed = [row["id"] for row in run.inspections if row["framework"] == "ilacs_2026"]
    return [
        "### ILACS summary snapshots (tools/import_snapshots.py)",
        "",
        f"- {merged} inspections from 54 snapshots (10 March 2025 to 29 June 2026), merged"
        " by Ofsted URN and publication date; each row cites the report link the snapshot"
        " gives (`ofsted-file-<number>`).",
        "- Dates are mixed: start and end as dd/mm/yyyy, publication as dd/mm/yy (read as 20yy).",
        "- The reformed framework: Ofsted announced on 27 November 2025 that ILACS inspections"
        " from April 2026 no longer give an overall effectiveness judgement (source"
        f" `{REFORM_SOURCE}`). The snapshots give those inspections an overall grade 'nan' and"
        " all four area grades; rows with an inspection start on or after 2026-04-01, four area"
        " grades and no overall grade are written as framework `ilacs_2026`, overall"
        f" `not_given`: {', '.join(f'`{r}`' for r in reformed) or 'none'}. The snapshots still"
        " call them 'short' or 'standard'; that is kept in `kind`.",
        "- `inspection_pre_dates_judgement` in the care leavers column (inspections before the"
        " January 2023 split) means the 'in care' grade is the combined judgement: written as"
        " `in_care_and_care_leavers`.",
        "- Lead inspector names are lower case in the snapshots and are title-cased here"
        " ('jenny -ellen scotland' -> 'Jenny-Ellen Scotland'). Some inspectors are spelt"
        " differently in different inspections (Andy / Andrew Waugh, Maire / Máire Atherton,"
        " Jo / Joanna Warburton); each row keeps its own spelling.",
        "- The collaborative warns of empty fields where a PDF did not extract (Southend-on-Sea"
        " grades; Nottingham and Redcar and Cleveland framework and dates). In these snapshots"
        " Southend-on-Sea's grades are present throughout; Nottingham's 2022 and Redcar and"
        " Cleveland's 2022 inspections have no type ('None') and no start or end dates in any"
        " snapshot, so those fields stay empty in the snapshot rows (the 2025 history gives"
        " them).",
        "",
        "Fields empty in some snapshots or differing between snapshots:",
        "",
        *(list(iter_problems(run.quirks)) or ["- none"]),
        "",
        "Publication dates that disagree with a report's file name or the 2025 history:",
        "",
        *(run.date_issues or ["- none"]),
        "",
        "Fields on which the snapshots disagree with the official workbooks (each row keeps its"
        " own source's value; to be settled by reading the report and adding a correction):",
        "",
        *(disagreements or ["- none"]),
    ]


if __name__ == "__main__":
    sys.exit(main())
