"""Scanning a report's text: making it plain, quoting what was found, building the facts read."""

from __future__ import annotations

import datetime

from childservices.errors import ReportError
from childservices.model import Area, Framework, Grade, InspectionKind, Overall
from childservices.reports.facts import ReportFacts

__all__ = ["HEAD", "checked_facts", "normalise", "quote", "skip_space"]

HEAD = 6000
"""How many characters of normalised text the first-page facts are looked for in."""

_PUNCTUATION = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2011": "-",
        "\u2212": "-",
        "\u2500": "-",
        "\u00a0": " ",
        "\u00ad": None,
    }
)


def normalise(text: str) -> str:
    """The text with typographic quotes and dashes made plain and all runs of space made one."""
    return " ".join(text.translate(_PUNCTUATION).split())


def quote(found: str) -> str:
    """What was found instead, for an error message: quoted, or ``nothing``."""
    found = found.strip()
    return repr(found) if found else "nothing"


def skip_space(text: str, pos: int) -> int:
    """The first position from ``pos`` that is not a space."""
    while pos < len(text) and text[pos] == " ":
        pos += 1
    return pos


def checked_facts(
    where: str,
    *,
    authority_name: str,
    framework: Framework,
    kind: InspectionKind | None,
    start: datetime.date | None,
    end: datetime.date | None,
    published: datetime.date | None,
    overall: Overall | None,
    judgements: tuple[tuple[Area, Grade], ...],
    lead_inspector: str | None,
    lscb_review_only: bool = False,
    not_judged: tuple[Area, ...] = (),
) -> ReportFacts:
    """Build the facts, turning an inconsistency between them into a :class:`ReportError`."""
    try:
        return ReportFacts(
            authority_name=authority_name,
            framework=framework,
            kind=kind,
            start=start,
            end=end,
            published=published,
            overall=overall,
            judgements=judgements,
            lead_inspector=lead_inspector,
            lscb_review_only=lscb_review_only,
            not_judged=not_judged,
        )
    except ValueError as exc:
        raise ReportError(f"{where}: the facts read do not hold together: {exc}") from None
