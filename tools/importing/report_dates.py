"""Report PDFs: their dates (from their file names) make inspection ids."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from importing.authorities import AuthorityResolver

# How far apart (in days) two publication dates of one authority may be and
# still describe the same inspection.
SAME_INSPECTION_DAYS = 14
# SIF and ILACS inspections of one authority are years apart, so a wider
# window is safe for them; used only when nothing lies within the narrow one
# (Nottingham's second ILACS: the 2023 sheet says 5 November 2022, the
# report and the 2025 history 5 September 2022).
WIDE_WINDOW_DAYS = 75
WIDE_WINDOW_FRAMEWORKS = frozenset({"sif", "ilacs", "ilacs_2026"})


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
