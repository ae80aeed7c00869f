"""Write ``seeds/publications/`` from the research notes on the releases' publication dates.

Usage::

    python tools/import_release_dates.py [--research tools/research/dfe-release-dates.csv] [--seeds seeds]

One row per release and reporting year of the releases the record's
measures are read from (children in need, children looked after, the social
work workforce, the revenue outturn's spending): the first publication day (or month) where a source found
states it, else the ``no_later_than`` bound a dated source gives, else
neither (not known). Each dated or bounded row cites the page that states
it, written as a source of its own to ``seeds/sources/release_dates.csv``
(its address as the research notes give it, the sentence quoted as the
locator); a row with neither cites the release itself. The research CSV is
read with the standard ``csv`` module; the other series of the notes (ONS
population estimates, statistical neighbours) are no measure's release and
are not written.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path
from urllib.parse import urlsplit

from seed_csv import write_csv

ROOT = Path(__file__).resolve().parent.parent
RESEARCH = ROOT / "tools" / "research" / "dfe-release-dates.csv"
SEEDS = ROOT / "seeds"

RELEASES = {
    "Children in need": ("dfe-children-in-need", "cin"),
    "Children looked after in England including adoptions": ("dfe-children-looked-after", "cla"),
    "Children's social work workforce": ("dfe-social-work-workforce", "csww"),
    "Local authority revenue expenditure and financing (RO3/RSX outturn)": (
        "mhclg-outturn-2024-25",
        "ro",
    ),
}
"""Each series of the research notes that is a measure's release: its source id (for the
revenue outturn, the release the spending measures name, whose series holds both years),
and the short name its date sources are named by."""


def _year(text: str) -> str:
    """The record's reporting year of a research row: ``2023-24`` is the financial year
    ending 31 March 2024."""
    if len(text) == 7 and text[4] == "-":
        return str(int(text[:2] + text[5:]))
    return text

PUBLICATION_COLUMNS = (
    "id",
    "release",
    "year",
    "published",
    "no_later_than",
    "source",
    "locator",
    "note",
)
SOURCE_COLUMNS = ("id", "title", "publisher", "published", "url")
NOT_FOUND = (
    "no page found states the first publication day; the searches are listed in "
    "tools/research/dfe-release-dates.csv"
)


def rows_from(research: Path) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The seed rows of ``publications`` and of their sources, from the research CSV."""
    publications: list[dict[str, str]] = []
    sources: list[dict[str, str]] = []
    with research.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            release = RELEASES.get(row["series"])
            if release is None:
                continue
            release_id, short = release
            year = _year(row["reporting_year"])
            dated = bool(row["published"] or row["no_later_than"])
            source = release_id
            if dated:
                source = f"release-date-{short}-{year}"
                host = urlsplit(row["url"]).netloc.removeprefix("www.")
                kind = (
                    "the publication date"
                    if row["published"]
                    else "a bound on the publication date"
                )
                sources.append(
                    {
                        "id": source,
                        "title": f"{row['series']}, reporting year {year}: the page that gives "
                        f"{kind} ({host})",
                        "publisher": host,
                        "published": "",
                        "url": row["url"],
                    }
                )
            publications.append(
                {
                    "id": f"{release_id}.{year}",
                    "release": release_id,
                    "year": year,
                    "published": row["published"],
                    "no_later_than": row["no_later_than"],
                    "source": source,
                    "locator": row["quote"] if dated else NOT_FOUND,
                    "note": row["note"],
                }
            )
    return publications, sources


def main(argv: list[str] | None = None) -> int:
    """Write the two seed files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--research", type=Path, default=RESEARCH)
    parser.add_argument("--seeds", type=Path, default=SEEDS)
    args = parser.parse_args(argv)
    publications, sources = rows_from(args.research)
    target = args.seeds / "publications" / "dfe.csv"
    target.parent.mkdir(parents=True, exist_ok=True)
    count = write_csv(target, PUBLICATION_COLUMNS, publications)
    print(f"import_release_dates: wrote {count} publications to {target}")
    count = write_csv(args.seeds / "sources" / "release_dates.csv", SOURCE_COLUMNS, sources)
    print(f"import_release_dates: wrote {count} sources of dates")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
