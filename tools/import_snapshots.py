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

import argparse
import csv
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
    DEFAULT_SOURCES,
    INSPECTION_COLUMNS,
    JUDGEMENT_COLUMNS,
    SEEDS,
    SOURCE_COLUMNS,
    AuthorityResolver,
    ReportIndex,
    compare_sources,
    inspection_id,
    iter_problems,
    nearest_date,
    progress,
    write_known_issues_block,
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
EMPTY = frozenset({"", "nan", "none"})
PRE_SPLIT = "inspection_pre_dates_judgement"

FIELDS = [
    "urn",
    "la_code",
    "local_authority",
    "inspection_link",
    "overall_effectiveness_grade",
    "inspection_framework",
    "inspector_name",
    "inspection_start_date",
    "inspection_end_date",
    "publication_date",
    "impact_of_leaders_grade",
    "help_and_protection_grade",
    "in_care_grade",
    "care_leavers_grade",
]
AREA_FIELDS = [
    ("impact_of_leaders", "impact_of_leaders_grade"),
    ("help_and_protection", "help_and_protection_grade"),
    ("in_care", "in_care_grade"),
    ("care_leavers", "care_leavers_grade"),
]

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def parse_date(text: str) -> dt.date | None:
    """Parse ``dd/mm/yyyy`` or ``dd/mm/yy`` (20yy) strictly; raise on anything else."""
    text = text.strip()
    if text.lower() in EMPTY:
        return None
    match = re.fullmatch(r"(\d{2})/(\d{2})/(\d{4}|\d{2})", text)
    if not match:
        raise ValueError(f"date not in dd/mm/yyyy or dd/mm/yy: {text!r}")
    day, month, year = (int(g) for g in match.groups())
    if len(match.group(3)) == 2:
        year += 2000
    return dt.date(year, month, day)


def grade(text: str) -> str:
    """A snapshot grade in the seed vocabulary ('' when unknown)."""
    try:
        found = grade_from_text(text, scale=SCALE, unknown=EMPTY)
    except ValueError:
        raise ValueError(f"unknown grade {text!r}") from None
    return "" if found is None else found.value


_SMALL = {"de", "la", "van", "von", "der"}
_JOINERS = ("-", "'", "\u2019")


def title_name(name: str) -> str:
    """Title-case a lower-case name: 'máire atherton' -> 'Máire Atherton'.

    Hyphenated and apostrophe parts are capitalised too ("o'neill" ->
    "O'Neill"); 'Mc' prefixes get a capital after them.
    """
    words: list[str] = []
    name = re.sub(r"\s*-\s*", "-", name)  # "jenny -ellen" -> "jenny-ellen"
    for position, word in enumerate(name.split()):
        if position and word in _SMALL:
            words.append(word)
            continue
        parts = re.split("([-'\u2019])", word)
        out = "".join(p if p in _JOINERS else p[:1].upper() + p[1:] for p in parts)
        if re.match(r"Mc[a-z]", out):
            out = "Mc" + out[2].upper() + out[3:]
        words.append(out)
    return " ".join(words)


def long_date(date: dt.date) -> str:
    """'5 September 2022'."""
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


@dataclass
class Merged:
    """One inspection seen in one or more snapshots."""

    key: tuple[str, str]
    values: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    snapshots: list[str] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)

    def add(self, snapshot: str, line: int, row: dict[str, str]) -> None:
        self.snapshots.append(snapshot)
        self.lines[snapshot] = line
        for name in FIELDS:
            value = (row.get(name) or "").strip()
            if value.lower() in EMPTY:
                continue
            self.values.setdefault(name, {}).setdefault(value, []).append(snapshot)

    def get(self, name: str, issues: list[str], label: str) -> str:
        """The field's value; empty-in-some is filled, conflicts take the latest."""
        seen = self.values.get(name, {})
        if not seen:
            return ""
        if len(seen) > 1:
            latest = max(seen, key=lambda v: max(seen[v]))
            described = "; ".join(
                f"{v!r} in {min(s)} to {max(s)} ({len(s)})" for v, s in seen.items()
            )
            issues.append(
                f"- {label} `{name}` differs between snapshots: {described}; used {latest!r}."
            )
            return latest
        value = next(iter(seen))
        present = len(seen[value])
        if present < len(self.snapshots):
            issues.append(
                f"- {label} `{name}` empty in {len(self.snapshots) - present} of"
                f" {len(self.snapshots)} snapshots; used {value!r} from the others."
            )
        return value


def read_snapshots(folder: Path, problems: list[str]) -> dict[tuple[str, str], Merged]:
    """All snapshot rows, merged by (Ofsted URN, publication date)."""
    merged: dict[tuple[str, str], Merged] = {}
    files = sorted(folder.glob("*.csv"))
    for path in files:
        snapshot = path.stem
        with path.open(newline="", encoding="utf-8-sig") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                urn = (row.get("urn") or "").strip()
                published = (row.get("publication_date") or "").strip()
                if not urn or published.lower() in EMPTY:
                    problems.append(f"{path.name} line {line}: no URN or publication date")
                    continue
                try:
                    date = parse_date(published)
                except ValueError as error:
                    problems.append(f"{path.name} line {line}: {error}")
                    continue
                key = (urn, date.isoformat() if date else "")
                merged.setdefault(key, Merged(key)).add(snapshot, line, row)
    progress(f"read {len(files)} snapshots: {len(merged)} distinct inspections")
    return merged


def load_history(seeds: Path) -> dict[str, list[dt.date]]:
    """ILACS id dates of the official 2025 history, by authority."""
    history: dict[str, list[dt.date]] = {}
    path = seeds / "inspections" / "official_2025.csv"
    if not path.exists():
        return history
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            history.setdefault(row["authority"], []).append(dt.date.fromisoformat(row["id"][-10:]))
    return history


def read_rows(path: Path) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Inspection and judgement rows of one generated file pair."""
    judgement_path = path.parent.parent / "judgements" / path.name
    result: list[list[dict[str, str]]] = []
    for file in (path, judgement_path):
        if file.exists():
            with file.open(newline="", encoding="utf-8") as handle:
                result.append(list(csv.DictReader(handle)))
        else:
            result.append([])
    return result[0], result[1]


def main(argv: Sequence[str] | None = None) -> int:
    """Merge the snapshots and write the seed files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sources", type=Path, default=DEFAULT_SOURCES, help="shared sources folder"
    )
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="seeds folder to write")
    args = parser.parse_args(argv)
    sources: Path = args.sources
    seeds: Path = args.seeds
    problems: list[str] = []
    quirks: list[str] = []
    date_issues: list[str] = []

    resolver = AuthorityResolver.load(seeds, sources)
    reports = ReportIndex.load(sources / "ofsted-reports", resolver, [])
    history = load_history(seeds)
    if not history:
        problems.append("seeds/inspections/official_2025.csv missing: run import_official.py first")
    merged = read_snapshots(sources / "ilacs-summary-snapshots", problems)

    inspections: list[dict[str, str]] = []
    judgements: list[dict[str, str]] = []
    source_rows: dict[str, dict[str, str]] = {REFORM_SOURCE: REFORM_SOURCE_ROW}
    link_owner: dict[str, str] = {}
    for key in sorted(merged):
        item = merged[key]
        urn, published_text = key
        own_published = dt.date.fromisoformat(published_text)
        name = item.get("local_authority", quirks, f"URN {urn} published {published_text}")
        label = f"{name.title()} (URN {urn}, published {published_text})"

        def value(column: str, item: Merged = item, label: str = label) -> str:
            return item.get(column, quirks, label)

        authority = resolver.resolve(
            name,
            own_published,
            [("ofsted_urn", urn), ("dfe", value("la_code"))],
            where=f"snapshots URN {urn}",
        )
        try:
            start = parse_date(value("inspection_start_date"))
            end = parse_date(value("inspection_end_date"))
        except ValueError as error:
            problems.append(f"{label}: {error}")
            start = end = None
        note: list[str] = []
        grades: dict[str, str] = {}
        pre_split = False
        for area, column in AREA_FIELDS:
            text = value(column)
            if text == PRE_SPLIT:
                pre_split = True
                continue
            try:
                grades[area] = grade(text)
            except ValueError as error:
                problems.append(f"{label} {column}: {error}")
        overall_text = value("overall_effectiveness_grade")
        try:
            overall = grade(overall_text)
        except ValueError as error:
            problems.append(f"{label} overall: {error}")
            overall = ""
        framework = "ilacs"
        all_areas = all(grades.get(area) for area, _ in AREA_FIELDS)
        if start and start >= REFORM_FIRST_DAY and not overall and all_areas:
            framework = "ilacs_2026"
            overall = "not_given"
            note.append(
                "ILACS as reformed from April 2026 (no overall effectiveness judgement; source "
                f"{REFORM_SOURCE}); the snapshots give the overall grade as 'nan'"
            )
        elif not overall:
            problems.append(f"{label}: no overall grade")
        if not pre_split and own_published < SPLIT_FIRST_DAY and grades.get("care_leavers"):
            # Published before the split judgement existed, yet a care leavers
            # grade: the extraction filled the column (Nottingham and Redcar and
            # Cleveland, 2022, where it equals the overall grade). Not kept.
            quirks.append(
                f"- {label}: published before January 2023 but the snapshots give a care leavers"
                f" grade ({grades['care_leavers']}); it is dropped and the 'in care' grade is"
                " written as `in_care_and_care_leavers`."
            )
            note.append("snapshots' care leavers grade dropped: the inspection predates it")
            del grades["care_leavers"]
            pre_split = True
        if pre_split and "in_care" in grades:
            grades["in_care_and_care_leavers"] = grades.pop("in_care")
        kind_text = value("inspection_framework").lower()
        kind = kind_text if kind_text in ("standard", "short") else ""
        if kind_text and not kind:
            problems.append(f"{label}: unknown inspection framework {kind_text!r}")
        if not kind:
            note.append("the snapshots give no short/standard type")
        if not start:
            note.append("the snapshots give no inspection dates")

        report_date = reports.nearest(authority, own_published, framework)
        history_date = nearest_date(history.get(authority, []), own_published, framework)
        id_date = report_date or history_date or own_published
        ident = inspection_id(authority, framework, id_date)
        published = own_published.isoformat()
        if id_date != own_published:
            what = "the report's file name" if report_date else "the 2025 ILACS history"
            date_issues.append(
                f"- `{ident}`: the snapshots give publication date {published}, {what} gives"
                f" {id_date.isoformat()}; the id uses {id_date.isoformat()} and the snapshot row"
                " leaves `published` empty."
            )
            note.append(
                f"the snapshots give publication date {published}; the id uses"
                f" {id_date.isoformat()} from {what} (see KNOWN_ISSUES)"
            )
            published = ""

        link = value("inspection_link")
        file_number = link.rstrip("/").rsplit("/", 1)[-1]
        if not re.fullmatch(r"https://files\.ofsted\.gov\.uk/v1/file/\d+", link):
            problems.append(f"{label}: report link not understood: {link!r}")
            continue
        source_id = f"ofsted-file-{file_number}"
        if source_id in link_owner and link_owner[source_id] != ident:
            problems.append(f"{label}: link {link} also used by {link_owner[source_id]}")
        link_owner[source_id] = ident
        source_rows[source_id] = {
            "id": source_id,
            "title": f"Ofsted inspection of {resolver.name_of(authority)} children's services,"
            f" published {long_date(id_date)}",
            "publisher": "Ofsted",
            "published": id_date.isoformat(),
            "url": link,
        }
        first, last = min(item.snapshots), max(item.snapshots)
        locator = f"Data to Insight ILACS summary snapshot {last}, line {item.lines[last]}" + (
            f" (same inspection in {len(item.snapshots)} snapshots from {first})"
            if first != last
            else ""
        )
        inspector = value("inspector_name")
        inspections.append(
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
                "note": "; ".join(note),
            }
        )
        for area, area_grade in grades.items():
            if area_grade:
                column = dict(AREA_FIELDS).get(area, "in_care_grade")
                judgements.append(
                    {
                        "inspection": ident,
                        "area": area,
                        "grade": area_grade,
                        "source": source_id,
                        "locator": f"{locator}, column {column}",
                    }
                )

    ids = [row["id"] for row in inspections]
    for ident in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(f"id {ident} made by more than one snapshot inspection")
    inspections.sort(key=lambda r: r["id"])
    judgements.sort(key=lambda r: (r["inspection"], r["area"]))
    counts = {
        "sources/snapshots.csv": write_csv(
            seeds / "sources" / "snapshots.csv",
            SOURCE_COLUMNS,
            sorted(source_rows.values(), key=lambda r: r["id"]),
        ),
        "inspections/snapshots.csv": write_csv(
            seeds / "inspections" / "snapshots.csv", INSPECTION_COLUMNS, inspections
        ),
        "judgements/snapshots.csv": write_csv(
            seeds / "judgements" / "snapshots.csv", JUDGEMENT_COLUMNS, judgements
        ),
    }
    for name, count in counts.items():
        progress(f"wrote seeds/{name}: {count} rows")

    disagreements: list[str] = []
    ours = (inspections, judgements)
    for label, path in (
        ("the 2025 history", seeds / "inspections" / "official_2025.csv"),
        ("the 2023 sheet", seeds / "inspections" / "official_2023.csv"),
    ):
        compare_sources(read_rows(path), ours, (label, "the snapshot table"), disagreements)

    reformed = [row["id"] for row in inspections if row["framework"] == "ilacs_2026"]
    lines = [
        "### ILACS summary snapshots (tools/import_snapshots.py)",
        "",
        f"- {len(merged)} inspections from 54 snapshots (10 March 2025 to 29 June 2026), merged"
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
        *(list(iter_problems(quirks)) or ["- none"]),
        "",
        "Publication dates that disagree with a report's file name or the 2025 history:",
        "",
        *(date_issues or ["- none"]),
        "",
        "Fields on which the snapshots disagree with the official workbooks (each row keeps its"
        " own source's value; to be settled by reading the report and adding a correction):",
        "",
        *(disagreements or ["- none"]),
    ]
    write_known_issues_block(seeds / "KNOWN_ISSUES.md", BLOCK, lines)
    progress("updated seeds/KNOWN_ISSUES.md")

    all_problems = list(iter_problems(problems + resolver.problems))
    progress(f"could not read or resolve: {len(all_problems)}")
    for problem in all_problems:
        progress(f"  - {problem}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
