"""Building an update run: the feed's rows the record does not hold, each checked against its report.

A row is new when no inspection of its authority was published within
:data:`SAME_INSPECTION_DAYS` of it and it is not older than what the record
holds. Its report must name the same authority, judge the authority (not
only its safeguarding board), and give the grades the feed gives.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from childservices.errors import UnknownAuthorityError
from childservices.model import Inspection, Overall
from childservices.update.downloads import report_bytes, report_facts
from childservices.update.feed import FEED_URL, FeedRow, read_feed
from childservices.update.lock import data_lock, remove_partial_runs, repair_hint
from childservices.update.results import Skipped, UpdateError, UpdateResult
from childservices.update.writing import write_run

if TYPE_CHECKING:
    from childservices.dataset import Dataset
    from childservices.reports import ReportFacts
    from childservices.reports.rows import ReportRows

__all__ = ["SAME_INSPECTION_DAYS", "update"]

SAME_INSPECTION_DAYS = 7
"""A feed row and a recorded inspection of the same authority published this many days
apart or fewer are taken to be the same inspection."""


def update(
    *,
    feed: str | os.PathLike[str] = FEED_URL,
    reports: str | os.PathLike[str] | None = None,
    data_dir: str | os.PathLike[str] | None = None,
    base: Dataset | None = None,
    timeout: float = 60.0,
    cache: str | os.PathLike[str] | None = None,
) -> UpdateResult:
    """Add the inspections published since the record, as a new update run.

    ``feed`` is the summary feed (address or downloaded file, see
    :func:`~childservices.update.read_feed`). ``reports``: a folder of
    downloaded report PDFs to use instead of downloading them (offline), each
    named as the feed's link ends (``50304386`` or ``50304386.pdf``) or as
    Ofsted's listing names it in a folder ``<urn>_<name>``. ``data_dir``: the
    user's data folder (:func:`childservices.userdata.data_dir` by default).
    ``base``: the record to bring up to date (``childservices.load()`` with
    the updates already made, by default). ``cache``: a folder keeping the
    text read from each report (see :func:`childservices.reports.extract_text`).
    Needs pypdf (the ``reports`` or ``update`` extra).

    Raises :class:`~childservices.update.UpdateError` when the feed itself
    cannot be used; every other problem is in
    :attr:`UpdateResult.skipped <childservices.update.UpdateResult.skipped>`.
    """
    from childservices.userdata import data_dir as default_data_dir

    root = default_data_dir() if data_dir is None else Path(data_dir)
    with data_lock(root):
        remove_partial_runs(root)
        record = _with_runs(root, base)
        rows, unread = read_feed(feed, timeout=timeout)
        skipped = list(unread)
        new = _new_rows(rows, record, skipped)
        folder = None if reports is None else Path(reports)
        made = _read_reports(new, record, folder, timeout, cache, skipped)
        if not made:
            return UpdateResult(run=None, added=(), skipped=tuple(skipped), new=len(new))
        run = write_run(root, made, record, skipped)
    added = tuple(m.inspection["id"] for m in made) if run is not None else ()
    return UpdateResult(run=run, added=added, skipped=tuple(skipped), new=len(new))


def _with_runs(root: Path, base: Dataset | None) -> Dataset:
    """The record to build on: ``base`` (the released record by default) with every run
    already in the data folder ``root`` that it does not hold merged in."""
    from childservices.errors import DatasetError
    from childservices.loading import load, merge_runs
    from childservices.userdata import run_folders

    record = load(updates=False) if base is None else base
    try:
        return merge_runs(run_folders(root), base=record)
    except DatasetError as exc:
        first = exc.problems[0] if exc.problems else "?"
        raise UpdateError(
            f"the data folder {root}: its update runs do not load ({first}); {repair_hint(root)}"
        ) from None


def _read_reports(
    new: list[tuple[FeedRow, str]],
    record: Dataset,
    folder: Path | None,
    timeout: float,
    cache: str | os.PathLike[str] | None,
    skipped: list[Skipped],
) -> list[ReportRows]:
    """The seed rows of each new row's report that can be read and agrees with the feed."""
    text_cache = None if cache is None else Path(cache)
    made: list[ReportRows] = []
    for row, authority in new:
        what = f"{row.name} (Ofsted URN {row.urn}), published {row.published}"
        try:
            body = report_bytes(row.link, row.urn, row.published, folder, timeout)
            facts = report_facts(body, row.link, text_cache)
        except UpdateError as exc:
            skipped.append(Skipped(what=what, reason=str(exc)))
            continue
        problem = _check(row, facts, record, authority)
        if problem:
            skipped.append(Skipped(what=what, reason=problem))
            continue
        made.append(_seed_rows(record, row, facts, authority))
    return made


def _new_rows(
    rows: Iterable[FeedRow], base: Dataset, skipped: list[Skipped]
) -> list[tuple[FeedRow, str]]:
    """The feed rows whose inspection the record does not hold and is newer than the record's."""
    found = []
    for row in rows:
        what = f"feed line {row.line} ({row.name}, published {row.published})"
        try:
            authority = base.authority(row.urn)
        except UnknownAuthorityError:
            skipped.append(Skipped(what=what, reason=f"Ofsted URN {row.urn} is no known authority"))
            continue
        held = [i.published.last_day() for i in authority.inspections]
        if any(abs((day - row.published).days) <= SAME_INSPECTION_DAYS for day in held):
            continue
        if held and row.published < max(held):
            continue  # older than what the record holds: the record knows better
        found.append((row, authority.id))
    return found


def _check(row: FeedRow, facts: ReportFacts, record: Dataset, authority: str) -> str | None:
    """Why the report cannot be taken for the feed's row, or ``None``.

    The report must print the authority's name or one of its aliases exactly
    (see :mod:`childservices.reports.names`), never a name that merely begins
    with it.
    """
    from childservices.reports.names import names_authority

    view = record.authority(authority)
    on = facts.end or row.published
    names = (view.name, *view.aliases)
    if not names_authority(facts.authority_name, authority=authority, names=names, on=on):
        return (
            f"the report at {row.link} names {facts.authority_name!r}, not {view.name}; not added"
        )
    if facts.lscb_review_only:
        return f"the report at {row.link} is a review of a safeguarding board; not added"
    same = _same_fieldwork(facts, view.inspections)
    if same is not None:
        return (
            f"the report at {row.link} is {same.id} (the same framework and fieldwork, "
            f"{same.start} to {same.end}), already in the record published {same.published}; "
            "not added"
        )
    differences = _disagreements(row, facts)
    if differences:
        return "the feed and the report disagree (" + "; ".join(differences) + "); not added"
    return None


def _same_fieldwork(facts: ReportFacts, held: Iterable[Inspection]) -> Inspection | None:
    """The inspection in ``held`` with the report's framework and fieldwork, if any."""
    if facts.start is None or facts.end is None:
        return None
    for inspection in held:
        start, end = inspection.start, inspection.end
        if (
            inspection.framework is facts.framework
            and start is not None
            and end is not None
            and (start.isoformat(), end.isoformat())
            == (facts.start.isoformat(), facts.end.isoformat())
        ):
            return inspection
    return None


def _disagreements(row: FeedRow, facts: ReportFacts) -> list[str]:
    """Where the feed's grades differ from the report's (a grade the feed leaves empty is not checked)."""
    found = []
    if row.overall is not None and row.overall != facts.overall:
        found.append(
            f"overall: the feed says {_say(row.overall)}, the report {_say(facts.overall)}"
        )
    grades = facts.grades
    for area, grade in row.grades.items():
        if grade is not None and grades.get(area) != grade:
            found.append(
                f"{area.value}: the feed says {_say(grade)}, the report {_say(grades.get(area))}"
            )
    return found


def _say(value: Overall | None) -> str:
    return "nothing" if value is None else str(value)


def _seed_rows(record: Dataset, row: FeedRow, facts: ReportFacts, authority: str) -> ReportRows:
    """The seed rows of the report, as ``tools/import_reports.py`` writes them."""
    from childservices.reports.rows import file_name_for, report_rows

    return report_rows(
        facts,
        authority=authority,
        authority_name=record.authority(authority).name,
        urn=row.urn,
        listed=row.published,
        file_name=file_name_for(row.published),
    )
