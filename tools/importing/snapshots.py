"""Reading the ILACS summary snapshots: their dates, names and rows, merged by inspection."""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from importing.known_issues import progress

__all__ = [
    "EMPTY",
    "FIELDS",
    "Merged",
    "load_history",
    "long_date",
    "parse_date",
    "read_rows",
    "read_snapshots",
    "title_name",
]

EMPTY = frozenset({"", "nan", "none"})

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
