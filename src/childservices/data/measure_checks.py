"""Checks of the official statistics: each figure on a council that existed on its day, each
publication after its year.

A figure of a year ending on a day (31 March, or 30 September for the
workforce census: the measure's
:attr:`~childservices.model.measure.Measure.year_ends`) belongs to a council
in existence on that day. The import places every row so
(``tools/import_dfe_statistics.py``); this check holds any record set to it.
Likewise a release's publication of a year's figures comes after that year
has ended.
"""

from __future__ import annotations

from collections import Counter

from childservices.errors import Problem
from childservices.model import PartialDate, RecordSet, YearEnd

__all__ = [
    "figure_counts",
    "figures_cite_their_release",
    "figures_in_lifetimes",
    "publications_after_their_year",
]


def figures_cite_their_release(records: RecordSet) -> list[Problem]:
    """A problem for each figure citing a source other than its measure's release or an
    earlier release of the same series: one published no later than the measure's release
    (a yearly series such as the revenue outturn cites each year's figures to that year's
    release). The record's coverage reads the figures' newest source from the measures, which
    this keeps true."""
    releases = {measure.id: measure.release for measure in records.measures}
    published = {source.id: source.published for source in records.sources}
    problems = []
    for observation in records.observations:
        release = releases.get(observation.measure)
        if release is None:
            continue
        newest = published.get(release)
        others = sorted(
            source
            for source in {c.source for c in observation.citations} - {release}
            if not _no_later(published.get(source), newest)
        )
        if others:
            problems.append(
                Problem(
                    record=f"observations {observation.id}",
                    field="source",
                    message=f"cites {', '.join(others)}, not only its measure's release "
                    f"{release!r} or an earlier one",
                )
            )
    return problems


def _no_later(day: PartialDate | None, than: PartialDate | None) -> bool:
    """Whether a source dated ``day`` was published no later than one dated ``than`` (both
    must be known)."""
    return day is not None and than is not None and day.last_day() <= than.last_day()


def figures_in_lifetimes(records: RecordSet) -> list[Problem]:
    """A problem for each local authority's figure dated outside its council's lifetime
    (figures of unknown measures or authorities are left to the reference checks)."""
    measures = {measure.id: measure for measure in records.measures}
    authorities = {authority.id: authority for authority in records.authorities}
    problems = []
    for observation in records.observations:
        measure = measures.get(observation.measure)
        authority = authorities.get(observation.authority or "")
        if measure is None or authority is None:
            continue
        day = measure.year_ends.day(observation.year)
        start, end = authority.active_from, authority.active_to
        if (start is not None and day < start.first_day()) or (
            end is not None and day > end.last_day()
        ):
            problems.append(
                Problem(
                    record=f"observations {observation.id}",
                    field="year",
                    message=f"{authority.id} did not exist on {day}, the last day of the year",
                )
            )
    return problems


def publications_after_their_year(records: RecordSet) -> list[Problem]:
    """A problem for each publication (or bound) of a release's year dated on or before the
    last day of that year for a measure of the release: figures of a year cannot be
    published before the year ends."""
    ends: dict[str, set[str]] = {}
    for measure in records.measures:
        ends.setdefault(measure.release, set()).add(measure.year_ends.value)
    problems = []
    for publication in records.publications:
        for name in ("published", "no_later_than"):
            day = getattr(publication, name)
            if day is None:
                continue
            for end in sorted(ends.get(publication.release, ())):
                last = YearEnd(end).day(publication.year)
                if day.first_day() <= last:
                    problems.append(
                        Problem(
                            record=f"publications {publication.id}",
                            field=name,
                            message=f"{day} is not after {last}, the last day of its year",
                        )
                    )
    return problems


def figure_counts(records: RecordSet) -> dict[tuple[str, int], tuple[int, int]]:
    """For each measure and year, how many figures there are and how many give a number."""
    counts: Counter[tuple[str, int]] = Counter()
    published: Counter[tuple[str, int]] = Counter()
    for observation in records.observations:
        key = (observation.measure, observation.year)
        counts[key] += 1
        published[key] += observation.published
    return {key: (counts[key], published[key]) for key in sorted(counts)}
