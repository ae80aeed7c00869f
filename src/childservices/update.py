"""Bringing a user's record up to date with reports Ofsted published after the bundle.

:func:`update` reads the published summary feed (the Data to Insight
collaborative's table of every authority's latest inspection, whose columns
are those of the dated snapshots the bundle was built from), finds the
inspections the record does not hold, downloads each report from the feed's
link, reads it with the library's own report reader, checks the report's
grades against the feed's, and writes what it found as ordinary cited seed
rows (the same rows ``tools/import_reports.py`` writes for the bundle) into
one new update run in the user's data folder (:mod:`childservices.userdata`).
:func:`childservices.load` merges the runs in.

It never guesses: a feed row that cannot be read, a report that cannot be
fetched or read, and a report whose grades disagree with the feed's are each
listed with the reason and left out. The run is written in a temporary
folder, checked by loading it with the record, and only then moved into
place, so a failure leaves nothing half-written; a run that finds nothing new
writes nothing. Interventions, delivery models and trusts are not updated:
they come with releases of the library.
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import hashlib
import io
import os
import shutil
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from childservices.errors import (
    ChildServicesError,
    DatasetError,
    ReportError,
    UnknownAuthorityError,
)
from childservices.layouts import D2I_SUMMARY
from childservices.model import NOT_GIVEN, Area, Grade, Overall

if TYPE_CHECKING:
    from childservices.dataset import Dataset
    from childservices.reports import ReportFacts

__all__ = [
    "FEED_COLUMNS",
    "FEED_URL",
    "FeedRow",
    "Skipped",
    "UpdateError",
    "UpdateResult",
    "read_feed",
    "update",
]

FEED_URL = "https://jt-39.github.io/ofsted-ilacs-scrape-tool/ofsted_csc_ilacs_overview.xlsx"
"""The published summary feed: the spreadsheet the Data to Insight scrape tool's fork
publishes daily (its README calls it the full dataset behind the web summary)."""

FEED_COLUMNS = D2I_SUMMARY.columns
"""The feed's columns, in order, as in the snapshots the bundle was built from."""

SAME_INSPECTION_DAYS = 7
"""A feed row and a recorded inspection of the same authority published this many days
apart or fewer are taken to be the same inspection."""

MAX_DOWNLOAD = 64 * 1024 * 1024
"""The largest feed or report file read (bytes); a larger answer is refused."""

_GRADE_WORDS = {
    "outstanding": Grade.OUTSTANDING,
    "good": Grade.GOOD,
    "requires improvement": Grade.REQUIRES_IMPROVEMENT,
    "requires improvement to be good": Grade.REQUIRES_IMPROVEMENT,
    "inadequate": Grade.INADEQUATE,
}
_UNKNOWN_WORDS = frozenset({"", "nan", "none", "data_unreadable"})
_NO_OVERALL = "not_reported_post_reform"
_COMBINED = "inspection_pre_dates_judgement"


class UpdateError(ChildServicesError, RuntimeError):
    """The update could not run at all (the feed could not be fetched or read); nothing changed."""


@attrs.frozen(kw_only=True)
class FeedRow:
    """One row of the summary feed: an authority's latest inspection as the feed states it.

    Grades are ``None`` where the feed leaves them empty or unreadable;
    ``overall`` is :data:`~childservices.NOT_GIVEN` where the feed says the
    reformed framework gave none. ``grades`` holds the area grades the feed
    gives (children in care and care leavers together, before 2023).
    """

    line: int
    urn: str
    name: str
    link: str
    published: datetime.date
    overall: Overall | None
    grades: Mapping[Area, Grade | None]
    inspector: str | None


@attrs.frozen(kw_only=True)
class Skipped:
    """Something the update could not use, and why (one line)."""

    what: str
    reason: str

    def __str__(self) -> str:
        return f"{self.what}: {self.reason}"


@attrs.frozen(kw_only=True)
class UpdateResult:
    """What an update found and did.

    ``added`` are the ids of the inspections written in the new run ``run``
    (``None`` when nothing new was found, or nothing could be added);
    ``skipped`` lists every feed row and report left out, with the reason;
    ``new`` counts the feed's inspections the record did not hold.
    """

    run: Path | None
    added: tuple[str, ...]
    skipped: tuple[Skipped, ...]
    new: int


# --- the feed --------------------------------------------------------------------------------


def _fetch(url: str, *, timeout: float, what: str) -> bytes:
    """The body at ``url`` (an http(s) address), or :class:`UpdateError` in one line."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            body: bytes = answer.read(MAX_DOWNLOAD + 1)
    except urllib.error.HTTPError as exc:
        raise UpdateError(f"{what} {url}: the server answered {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise UpdateError(f"{what} {url}: could not be fetched: {reason}") from None
    if len(body) > MAX_DOWNLOAD:
        raise UpdateError(f"{what} {url}: larger than {MAX_DOWNLOAD} bytes; refused")
    return body


def _is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def _feed_bytes(feed: str | os.PathLike[str], timeout: float) -> tuple[bytes, str]:
    text = os.fspath(feed)
    if _is_url(text):
        return _fetch(text, timeout=timeout, what="the feed"), text
    path = Path(text)
    try:
        with path.open("rb") as handle:
            body = handle.read(MAX_DOWNLOAD + 1)
    except OSError as exc:
        raise UpdateError(f"the feed {path}: cannot be read: {exc.strerror or exc}") from None
    if len(body) > MAX_DOWNLOAD:
        raise UpdateError(f"the feed {path}: larger than {MAX_DOWNLOAD} bytes; refused")
    return body, str(path)


def _table(body: bytes, where: str) -> list[list[Any]]:
    """The feed's cells, row by row: from an xlsx workbook's first sheet, or from CSV text."""
    if body.startswith(b"PK\x03\x04"):
        from childservices.extras import require

        openpyxl = require("openpyxl", feature=f"reading the feed {where}, a spreadsheet (xlsx),")
        try:
            book = openpyxl.load_workbook(io.BytesIO(body), read_only=True, data_only=True)
            sheet = book.worksheets[0]
            return [list(row) for row in sheet.iter_rows(values_only=True)]
        except Exception as exc:  # openpyxl raises many kinds of error on a damaged file
            raise UpdateError(f"the feed {where}: not a readable spreadsheet: {exc}") from None
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UpdateError(f"the feed {where}: neither a spreadsheet nor UTF-8 CSV text") from None
    try:
        return [list(row) for row in csv.reader(io.StringIO(text))]
    except csv.Error as exc:
        raise UpdateError(f"the feed {where}: not CSV: {exc}") from None


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _day(text: str) -> datetime.date | None:
    for form in ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None


def _grade(text: str, column: str) -> Grade | None:
    word = text.strip().lower()
    if word in _UNKNOWN_WORDS:
        return None
    grade = _GRADE_WORDS.get(word)
    if grade is None:
        raise ValueError(f"{column}: {text!r} is not a grade")
    return grade


def _row(cells: Mapping[str, str], line: int) -> FeedRow:
    """One feed row, read strictly (``ValueError`` says which column is wrong)."""
    urn = cells["urn"]
    if not urn.isdigit():
        raise ValueError(f"urn: {urn!r} is not an Ofsted URN")
    published = _day(cells["publication_date"])
    if published is None:
        raise ValueError(f"publication_date: {cells['publication_date']!r} is not a date")
    link = cells["inspection_link"]
    if not _is_url(link):
        raise ValueError(f"inspection_link: {link!r} is not an http(s) address")
    overall_text = cells["overall_effectiveness_grade"]
    overall: Overall | None = (
        NOT_GIVEN
        if overall_text.strip().lower() == _NO_OVERALL
        else _grade(overall_text, "overall_effectiveness_grade")
    )
    grades: dict[Area, Grade | None] = {
        Area.IMPACT_OF_LEADERS: _grade(cells["impact_of_leaders_grade"], "impact_of_leaders_grade"),
        Area.HELP_AND_PROTECTION: _grade(
            cells["help_and_protection_grade"], "help_and_protection_grade"
        ),
    }
    in_care = _grade(cells["in_care_grade"], "in_care_grade")
    if cells["care_leavers_grade"].strip().lower() == _COMBINED:
        grades[Area.IN_CARE_AND_CARE_LEAVERS] = in_care
    else:
        grades[Area.IN_CARE] = in_care
        grades[Area.CARE_LEAVERS] = _grade(cells["care_leavers_grade"], "care_leavers_grade")
    inspector = cells["inspector_name"].strip()
    return FeedRow(
        line=line,
        urn=urn,
        name=cells["local_authority"],
        link=link,
        published=published,
        overall=overall,
        grades=MappingProxyType(grades),
        inspector=None if inspector.lower() in _UNKNOWN_WORDS else inspector,
    )


def read_feed(
    feed: str | os.PathLike[str] = FEED_URL, *, timeout: float = 60.0
) -> tuple[tuple[FeedRow, ...], tuple[Skipped, ...]]:
    """The feed's rows, and the rows that could not be read (with the reason).

    ``feed`` is an http(s) address or a downloaded file, CSV (like the
    snapshots) or xlsx (as published; needs openpyxl, the ``update``
    extra). A feed that cannot be fetched, is neither, or whose header is
    not :data:`FEED_COLUMNS` raises :class:`UpdateError`.
    """
    body, where = _feed_bytes(feed, timeout)
    table = _table(body, where)
    if not table:
        raise UpdateError(f"the feed {where}: empty")
    header = [_cell(c) for c in table[0]]
    while header and header[-1] == "":
        header.pop()
    if tuple(header) != FEED_COLUMNS:
        missing = [c for c in FEED_COLUMNS if c not in header]
        extra = [c for c in header if c not in FEED_COLUMNS]
        detail = "; ".join(
            part
            for part in (
                f"missing {', '.join(missing)}" if missing else "",
                f"unexpected {', '.join(extra)}" if extra else "",
                "columns in another order" if not missing and not extra else "",
            )
            if part
        )
        raise UpdateError(f"the feed {where}: its header has changed ({detail}); nothing read")
    rows: list[FeedRow] = []
    skipped: list[Skipped] = []
    for number, raw in enumerate(table[1:], start=2):
        values = [_cell(c) for c in raw]
        if not any(values):
            continue
        cells = dict(
            zip(FEED_COLUMNS, values + [""] * (len(FEED_COLUMNS) - len(values)), strict=False)
        )
        try:
            rows.append(_row(cells, number))
        except ValueError as exc:
            name = cells.get("local_authority") or "?"
            skipped.append(Skipped(what=f"feed line {number} ({name})", reason=str(exc)))
    return tuple(rows), tuple(skipped)


# --- which rows are new ----------------------------------------------------------------------


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


# --- reading one report ----------------------------------------------------------------------


def _report_bytes(row: FeedRow, reports: Path | None, timeout: float) -> bytes:
    """The report file of ``row``: downloaded from its link, or found in ``reports``."""
    if reports is None:
        return _fetch(row.link, timeout=timeout, what="the report")
    from childservices.reports.rows import file_name_for

    name = row.link.rstrip("/").rsplit("/", 1)[-1]
    candidates = [reports / name, reports / f"{name}.pdf"]
    candidates += sorted(reports.glob(f"{row.urn}_*/{glob_escape(file_name_for(row.published))}"))
    for path in candidates:
        if path.is_file():
            return path.read_bytes()
    raise UpdateError(
        f"no file for the report {row.link} in {reports} (looked for {name}, {name}.pdf and "
        f"{row.urn}_*/{file_name_for(row.published)})"
    )


def glob_escape(name: str) -> str:
    """``name`` with glob's special characters made literal."""
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def _facts(body: bytes, row: FeedRow, cache: Path | None) -> ReportFacts:
    from childservices.reports import read_report_facts

    with tempfile.TemporaryDirectory(prefix="childservices-report-") as tmp:
        path = Path(tmp) / "report.pdf"
        path.write_bytes(body)
        try:
            return read_report_facts(path, cache=cache)
        except ReportError as exc:
            message = str(exc).replace(str(path), row.link)
            raise UpdateError(message) from None


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


# --- the run ---------------------------------------------------------------------------------


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
    :func:`read_feed`). ``reports``: a folder of downloaded report PDFs to
    use instead of downloading them (offline), each named as the feed's link
    ends (``50304386`` or ``50304386.pdf``) or as Ofsted's listing names it
    in a folder ``<urn>_<name>``. ``data_dir``: the user's data folder
    (:func:`childservices.userdata.data_dir` by default). ``base``: the
    record to bring up to date (``childservices.load()`` with the updates
    already made, by default). ``cache``: a folder keeping the text read
    from each report (see :func:`childservices.reports.extract_text`).
    Needs pypdf (the ``reports`` or ``update`` extra).

    Raises :class:`UpdateError` when the feed itself cannot be used; every
    other problem is in :attr:`UpdateResult.skipped`.
    """
    from childservices.loading import load
    from childservices.userdata import data_dir as default_data_dir

    root = default_data_dir() if data_dir is None else Path(data_dir)
    record = load() if base is None else base
    rows, unread = read_feed(feed, timeout=timeout)
    skipped = list(unread)
    new = _new_rows(rows, record, skipped)
    folder = None if reports is None else Path(reports)
    text_cache = None if cache is None else Path(cache)
    made: list[Any] = []
    for row, authority in new:
        what = f"{row.name} (Ofsted URN {row.urn}), published {row.published}"
        try:
            facts = _facts(_report_bytes(row, folder, timeout), row, text_cache)
        except UpdateError as exc:
            skipped.append(Skipped(what=what, reason=str(exc)))
            continue
        problem = _check(row, facts, authority)
        if problem:
            skipped.append(Skipped(what=what, reason=problem))
            continue
        made.append(_rows(record, row, facts, authority))
    if not made:
        return UpdateResult(run=None, added=(), skipped=tuple(skipped), new=len(new))
    run = _write_run(root, made, record, skipped)
    added = tuple(m.inspection["id"] for m in made) if run is not None else ()
    return UpdateResult(run=run, added=added, skipped=tuple(skipped), new=len(new))


def _check(row: FeedRow, facts: ReportFacts, authority: str) -> str | None:
    """Why the report cannot be taken for the feed's row, or ``None``."""
    from childservices.reports import authority_slug

    on = facts.end or row.published
    try:
        named = authority_slug(facts.authority_name, on)
    except ReportError:
        named = None
    if named is not None and named != authority and not named.startswith(authority):
        return (
            f"the report at {row.link} names {facts.authority_name!r}, not this authority; "
            "not added"
        )
    if facts.lscb_review_only:
        return f"the report at {row.link} is a review of a safeguarding board; not added"
    differences = _disagreements(row, facts)
    if differences:
        return "the feed and the report disagree (" + "; ".join(differences) + "); not added"
    return None


def _rows(record: Dataset, row: FeedRow, facts: ReportFacts, authority: str) -> Any:
    from childservices.reports.rows import file_name_for, report_rows

    return report_rows(
        facts,
        authority=authority,
        authority_name=record.authority(authority).name,
        urn=row.urn,
        listed=row.published,
        file_name=file_name_for(row.published),
    )


def _write_run(
    root: Path, made: Sequence[Any], record: Dataset, skipped: list[Skipped]
) -> Path | None:
    """Write the rows as one run: in a temporary folder, checked with the record, then moved in."""
    from childservices.loading import merge_files
    from childservices.records.tables import TABLES
    from childservices.records.write import write_rows
    from childservices.userdata import RUN_PREFIX, updates_dir

    folder = updates_dir(root)
    folder.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=".partial-", dir=folder))
    try:
        tables = {
            "inspections": [m.inspection for m in made],
            "judgements": [j for m in made for j in m.judgements],
            "sources": [m.source for m in made],
        }
        for table, table_rows in tables.items():
            write_rows(temporary / table / "update.csv", TABLES[table].file_columns, table_rows)
        try:
            merge_files([temporary], base=record)
        except DatasetError as exc:
            for problem in exc.problems:
                skipped.append(Skipped(what="the new rows", reason=str(problem)))
            return None
        digest = hashlib.sha256()
        for table in tables:
            digest.update((temporary / table / "update.csv").read_bytes())
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
        final = folder / f"{RUN_PREFIX}{stamp}-{digest.hexdigest()[:12]}"
        os.rename(temporary, final)
        return final
    finally:
        with contextlib.suppress(OSError):
            if temporary.exists():
                shutil.rmtree(temporary)
