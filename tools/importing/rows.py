"""Inspection ids and seed rows, and where two sources' rows for one inspection disagree."""

from __future__ import annotations

import datetime as dt

from importing.raw import RawInspection
from importing.report_dates import ReportIndex, nearest_date


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
