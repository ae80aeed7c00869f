"""The command line: quick answers from the bundled dataset (``childservices`` or ``python -m childservices``).

``summary`` describes the dataset; ``show AUTHORITY`` prints one authority's
history with sources; ``ratings``, ``trusts`` and ``interventions`` answer
"on this day" questions as tables (``--format table|csv|json``);
``time-to-good`` gives the Kaplan-Meier estimate of the time from an
inadequate judgement to good, by group; ``export``
writes every table, or one drop-in table (``--layout``: the spreadsheets
analysts already use, for any day); ``validate`` checks a user's own record files;
``read-report`` reads Ofsted report PDFs. ``--extra PATH`` merges a user's
records into the dataset for any command. The commands only call the
library; a user's mistake is one line on standard error and a non-zero exit,
never a traceback.

What is printed is safe for a terminal and for any locale: control characters
in the data (a user's own text, a file name) are shown escaped (``\u001b``),
characters the output's encoding cannot show are written as escapes
(``\xa3``), and CSV cells are made inert for spreadsheets
(:mod:`childservices.records.cells`). A failing command keeps its exit status
when its reader goes away (``childservices validate ... | head``).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime
import enum
import io
import json
import os
import re
import sys
import warnings
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any, NoReturn, TextIO, cast

from childservices import __version__
from childservices.authority_view import AuthorityView
from childservices.dataset import COMPANY_MODELS, Dataset
from childservices.errors import (
    ChildServicesError,
    CoverageWarning,
    DatasetError,
    InvalidDateError,
    MissingExtraError,
)
from childservices.loading import load
from childservices.model import (
    Area,
    Citation,
    Grade,
    Inspection,
    PartialDate,
    Visit,
    VisitKind,
    as_day,
)
from childservices.rules.asof import ALL_FRAMEWORKS, SIF_AND_LATER, RatingBasis, rating_from
from childservices.rules.intervention import InterventionStatus

__all__ = ["main", "printable"]

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Characters that would act on a terminal (escape sequences, carriage returns, bidi controls)."""


def printable(text: str) -> str:
    """``text`` with every control character written as an escape (``\u001b``).

    Newlines and tabs are kept. The escape is JSON's, so a JSON string stays valid.
    """
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class _Safe(io.TextIOBase):
    """A text stream that writes :func:`printable` text, in whatever encoding the stream has
    (characters it cannot encode become backslash escapes rather than an error)."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._stream = stream
        self._encoding = getattr(stream, "encoding", None) or "utf-8"

    def write(self, text: str) -> int:
        safe = printable(text)
        try:
            safe.encode(self._encoding)
        except UnicodeEncodeError:
            safe = safe.encode(self._encoding, "backslashreplace").decode(self._encoding)
        except LookupError:  # an encoding Python does not know: keep to ASCII
            safe = safe.encode("ascii", "backslashreplace").decode("ascii")
        self._stream.write(safe)
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return bool(getattr(self._stream, "isatty", lambda: False)())

    def writable(self) -> bool:
        return True


@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """Silence pypdf's log lines and warnings (about damaged PDFs it reads anyway) while reading."""
    import logging
    import warnings

    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", module="pypdf")
            yield
    finally:
        logger.setLevel(level)


def _summary(ds: Dataset, out: TextIO) -> None:
    records = ds.records
    today = datetime.date.today()
    current = ds.authorities(active_on=today)
    out.write(f"childservices dataset {ds.data_version}\n")
    out.write(f"  authorities: {len(records.authorities)} ({len(current)} in existence today)\n")
    out.write(f"  inspections: {len(records.inspections)}\n")
    by_framework = Counter(i.framework.value for i in records.inspections)
    for framework, count in sorted(by_framework.items()):
        out.write(f"    {framework}: {count}\n")
    by_kind = Counter(v.kind.value for v in records.visits)
    out.write(
        f"  visits: {len(records.visits)} ("
        + ", ".join(f"{kind} {n}" for kind, n in sorted(by_kind.items()))
        + "; no grade, and only the years the sources list)\n"
    )
    out.write(f"  interventions: {len(records.interventions)}\n")
    out.write(
        f"  delivery episodes: {len(records.delivery)}; providers: {len(records.providers)}\n"
    )
    out.write(f"  sources cited: {len(records.sources)}\n")
    coverage = ds.coverage
    out.write(f"  reports to: {coverage.reports_to or 'none'} (newest report publication held)\n")
    newest = ", ".join(
        f"{table} {day}" for table, day in coverage.sources_to.items() if day is not None
    )
    out.write(f"  newest source by table: {newest}\n")
    if coverage.updates:
        out.write(f"  update runs included: {', '.join(coverage.updates)}\n")
    else:
        out.write("  update runs included: none (the record as released)\n")
    grades = Counter(a.rating_on(today) for a in current)
    if current:
        out.write(f"Ratings in force on {today.isoformat()} (SIF and later frameworks):\n")
        for grade in (*Grade, None):
            if grades.get(grade):
                label = "no rating recorded" if grade is None else str(grade)
                out.write(f"    {label}: {grades[grade]}\n")
        not_given = sum(n for g, n in grades.items() if g is not None and not isinstance(g, Grade))
        if not_given:
            out.write(f"    no overall judgement under the framework: {not_given}\n")
        note = _coverage_note(ds, today)
        if note:
            out.write(f"Note: {note}\n")


def _inspection_line(ds: Dataset, inspection: Inspection, prefix: str) -> str:
    overall = "unknown" if inspection.overall is None else str(inspection.overall)
    kind = f" {inspection.kind.value}" if inspection.kind else ""
    areas = ", ".join(f"{j.area.value}: {j.grade}" for j in inspection.judgements)
    sources = _sources(ds, inspection.citations)
    text = f"  {prefix}{inspection.published}  {inspection.framework.value}{kind}: {overall}"
    if areas:
        text += f"\n      areas: {areas}"
    return text + f"\n      source: {sources}"


def _visit_line(ds: Dataset, visit: Visit, prefix: str) -> str:
    theme = visit.theme.value if visit.theme else "theme not known"
    text = f"  {prefix}{visit.start or 'start not known'}  {visit.kind.value} visit: {theme}"
    text += f"; published {visit.published or 'not known'}"
    if visit.kind is VisitKind.FOCUSED:
        found = {True: "yes", False: "no", None: "not known"}[visit.priority_action]
        text += f"; areas for priority action: {found}"
    return text + f"\n      source: {_sources(ds, visit.citations)}"


def _sources(ds: Dataset, citations: Sequence[Citation]) -> str:
    """Each cited source once, with the first place cited in it and how many places in all."""
    places: dict[str, list[str | None]] = {}
    for citation in citations:
        places.setdefault(citation.source, []).append(citation.locator)
    parts = []
    for source_id, locators in places.items():
        source = ds.source(source_id)
        text = source.url or f"{source.title} ({source.publisher or 'unknown publisher'})"
        first = next((loc for loc in locators if loc), None)
        if first:
            more = f" and {len(locators) - 1} more places" if len(locators) > 1 else ""
            text += f" [{first}{more}]"
        parts.append(text)
    return "; ".join(parts)


def _show(ds: Dataset, authority: AuthorityView, out: TextIO) -> None:
    out.write(f"{authority.name} ({authority.id})\n")
    out.write(
        f"  kind: {authority.kind.value}; region: {authority.region.value if authority.region else 'unknown'}\n"
    )
    if authority.active_from or authority.active_to:
        out.write(
            f"  existed: {authority.active_from or '...'} to {authority.active_to or 'today'}\n"
        )
    for identifier in authority.identifiers:
        span = ""
        if identifier.valid_from or identifier.valid_to:
            span = f" ({identifier.valid_from or '...'} to {identifier.valid_to or 'today'})"
        out.write(f"  {identifier.scheme.value}: {identifier.value}{span}\n")
    if authority.aliases:
        out.write(f"  also known as: {', '.join(authority.aliases)}\n")
    for label, others in (
        ("predecessors", authority.predecessors),
        ("successors", authority.successors),
    ):
        if others:
            out.write(f"  {label}: {', '.join(o.name for o in others)}\n")
    out.write("Inspections:\n")
    for inspection in authority.inspections_with_predecessors():
        prefix = "" if inspection.authority == authority.id else f"[{inspection.authority}] "
        out.write(_inspection_line(ds, inspection, prefix) + "\n")
    if not authority.inspections_with_predecessors():
        out.write("  none recorded\n")
    out.write("Visits (no grade; the record holds some years only):\n")
    for visit in authority.visits_with_predecessors():
        prefix = "" if visit.authority == authority.id else f"[{visit.authority}] "
        out.write(_visit_line(ds, visit, prefix) + "\n")
    if not authority.visits_with_predecessors():
        out.write("  none recorded\n")
    out.write("Interventions:\n")
    for intervention in authority.interventions:
        who = f" by {intervention.by}" if intervention.by else ""
        out.write(f"  {intervention.date or 'date unknown'}  {intervention.kind.value}{who}\n")
        out.write(f"      source: {_sources(ds, intervention.citations)}\n")
    if not authority.interventions:
        out.write("  none recorded\n")
    out.write("Delivery:\n")
    for episode in authority.deliveries:
        provider = f" ({ds.index.providers[episode.provider].name})" if episode.provider else ""
        # An open episode is one whose end no source gave: it may run on, or have ended unseen.
        span = (
            f"{episode.start} to {episode.end}"
            if episode.end
            else f"{episode.start}, no end recorded"
        )
        out.write(f"  {span}  {episode.model.value}{provider}\n")
        out.write(f"      source: {_sources(ds, episode.citations)}\n")
    if not authority.deliveries:
        out.write("  no episode recorded: in-house by default\n")
    note = _coverage_note(ds, datetime.date.today())
    if note:
        out.write(f"Note: {note}\n")
    for event in authority.insourcing:
        out.write(
            f"Insourcing from {event.provider}: decided {event.decision_date or 'unknown'}, "
            f"returned {event.return_date or 'unknown'}, staff {event.staff_transferred or 'unknown'}\n"
        )
        out.write(f"      source: {_sources(ds, event.citations)}\n")


def _coverage_note(ds: Dataset, day: datetime.date) -> str | None:
    """A sentence saying the record may miss events after its newest report, if ``day`` is later."""
    newest = ds.index.reports_to  # not ds.coverage: that reads every table's sources
    if newest is None or day <= newest:
        return None
    return (
        f"the record holds reports published up to {newest}; later inspections "
        "may be missing ('childservices update' adds them)"
    )


# Tables: ratings, trusts, interventions on a day -----------------------------

Rows = list[dict[str, Any]]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value)


def _emit(rows: Rows, columns: Sequence[str], fmt: str, out: TextIO) -> None:
    """Rows as an aligned table, CSV or JSON (values as text; empty or null for unknown)."""
    if fmt == "json":
        plain = [
            {c: (None if row.get(c) is None else _text(row[c])) for c in columns} for row in rows
        ]
        out.write(json.dumps(plain, ensure_ascii=False, indent=2) + "\n")
        return
    cells = [[_text(row.get(c)) for c in columns] for row in rows]
    if fmt == "csv":
        from childservices.records.cells import inert

        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([inert(cell) for cell in row] for row in cells)
        return
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    for line in [list(columns), *cells]:
        out.write("  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)).rstrip() + "\n")


def _ratings(
    ds: Dataset, day: datetime.date, all_frameworks: bool, basis: RatingBasis | Area
) -> Rows:
    frameworks = ALL_FRAMEWORKS if all_frameworks else SIF_AND_LATER
    rows = []
    for authority in ds.authorities(active_on=day):
        inspection = authority.rated_inspection_on(day, frameworks=frameworks, rating_basis=basis)
        rows.append(
            {
                "authority": authority.id,
                "name": authority.name,
                "rating": None if inspection is None else rating_from(inspection, basis),
                "framework": None if inspection is None else inspection.framework,
                "published": None if inspection is None else inspection.published,
                "inspection": None if inspection is None else inspection.id,
            }
        )
    return rows


def _trusts(ds: Dataset, day: datetime.date) -> Rows:
    running: dict[str, list[str]] = {}
    for authority_id, delivery in sorted(ds.delivery_on(day).items()):
        if delivery.model in COMPANY_MODELS and delivery.provider is not None:
            running.setdefault(delivery.provider, []).append(authority_id)
    return [
        {
            "provider": provider.id,
            "name": provider.name,
            "kind": provider.kind,
            "authorities": ";".join(running.get(provider.id, [])),
        }
        for provider in ds.trusts_operating(on=day)
    ]


def _interventions(ds: Dataset, day: datetime.date) -> tuple[Rows, list[str]]:
    """The authorities certainly under a notice or direction, and those the record cannot say about."""
    rows = []
    statuses = ds.under_intervention(on=day, not_known=True)
    not_known = sorted(a for a, s in statuses.items() if s is InterventionStatus.NOT_KNOWN)
    for authority_id, status in sorted(statuses.items()):
        if status is InterventionStatus.NOT_KNOWN:
            continue
        authority = ds.authority(authority_id)
        current = [s for s, state in authority.intervention_steps_on(day) if state is True]
        since = min((s.date for s in current if s.date), key=PartialDate.sort_key, default=None)
        rows.append(
            {
                "authority": authority.id,
                "name": authority.name,
                "status": status,
                "since": since,
                "steps": ";".join(s.id for s in current),
            }
        )
    return rows, not_known


def _round(value: float | None, places: int = 2) -> str | None:
    return None if value is None else f"{value:.{places}f}"


def _time_to_good(ds: Dataset, args: argparse.Namespace) -> tuple[Rows, Sequence[str]]:
    from childservices.rules.lineage import Unit
    from childservices.rules.survival import DAYS_PER_YEAR

    results = ds.time_to_good(
        from_grade=Grade(args.from_grade),
        judged_from=args.judged_from,
        judged_to=args.judged_to,
        by=args.by,
        unit=Unit(args.unit),
        data_until=args.until,
        confidence=args.confidence,
    )
    rows: Rows = []
    if args.show == "steps":
        for result in results:
            for step in result.estimate.steps:
                rows.append(
                    {
                        "group": result.group,
                        "years": _round(step.time / DAYS_PER_YEAR),
                        "at_risk": step.at_risk,
                        "events": step.events,
                        "censored": step.censored,
                        "survival": _round(step.survival, 3),
                        "lower": _round(step.lower, 3),
                        "upper": _round(step.upper, 3),
                    }
                )
        return rows, _TIME_TO_GOOD_COLUMNS["steps"]
    if args.show == "units":
        for result in results:
            for follow_up in result.follow_ups:
                rows.append(
                    {
                        "group": result.group,
                        "unit": follow_up.unit,
                        "entry": follow_up.entry.id,
                        "start": follow_up.start,
                        "end": follow_up.end,
                        "years": _round(follow_up.years),
                        "outcome": "reached good"
                        if follow_up.censored is None
                        else f"censored: {follow_up.censored.value}",
                        "reached": None if follow_up.reached is None else follow_up.reached.id,
                    }
                )
        return rows, _TIME_TO_GOOD_COLUMNS["units"]
    for result in results:
        median, lower, upper = result.median_years()
        rows.append(
            {
                "group": result.group,
                "units": len(result.follow_ups),
                "reached_good": result.reached,
                "censored": len(result.follow_ups) - result.reached,
                "median_years": _round(median) or "not reached",
                "lower": _round(lower) or "not reached",
                "upper": _round(upper) or "not reached",
            }
        )
    return rows, _TIME_TO_GOOD_COLUMNS["summary"]


_TIME_TO_GOOD_COLUMNS: dict[str, tuple[str, ...]] = {
    "summary": ("group", "units", "reached_good", "censored", "median_years", "lower", "upper"),
    "steps": ("group", "years", "at_risk", "events", "censored", "survival", "lower", "upper"),
    "units": ("group", "unit", "entry", "start", "end", "years", "outcome", "reached"),
}

_TABLE_COLUMNS = {
    "ratings": ("authority", "name", "rating", "framework", "published", "inspection"),
    "trusts": ("provider", "name", "kind", "authorities"),
    "interventions": ("authority", "name", "status", "since", "steps"),
}


# validate, export, read-report ------------------------------------------------


def _validate(
    paths: Sequence[str], alone: bool, follow_links: bool, out: TextIO, err: TextIO
) -> int:
    try:
        from childservices.loading import merge_files

        ds = merge_files(paths, base=None if alone else load(), follow_links=follow_links)
    except DatasetError as exc:
        count = len(exc.problems)
        noun = "problem" if count == 1 else "problems"
        # Said first on standard error, so it is said even when the reader of the list goes away.
        err.write(f"childservices: {count} {noun} found\n")
        err.flush()
        try:
            for problem in exc.problems:
                out.write(f"{problem}\n")
            out.flush()
        except BrokenPipeError:
            _reader_gone()
        return 1
    base = "on their own" if alone else "with the bundled dataset"
    out.write(f"ok: {len(paths)} path(s) read and checked {base}; {ds.records.count()} records\n")
    return 0


def _reader_gone() -> None:
    """Standard output's reader went away (``| head``): send what is left to nowhere, quietly."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _export(ds: Dataset, fmt: str, folder: str, force: bool, out: TextIO) -> None:
    from childservices.export import to_csv, to_json, write_json

    if fmt == "json":
        if folder == "-":
            out.write(to_json(ds, indent=1))
            return
        path = write_json(ds, folder, overwrite=force)
        out.write(f"wrote {path}\n")
        return
    files = to_csv(ds, folder, overwrite=force)
    out.write(
        f"wrote {len(files)} tables under {folder} (a seeds folder: load it with load_seeds)\n"
    )


def _add_layout_options(export: argparse.ArgumentParser) -> None:
    """The drop-in tables of ``childservices.layouts``, added to ``export``."""
    export.add_argument(
        "--layout",
        choices=("seed", "inspections", "d2i-summary", "d2i-history", "ofsted-as-at"),
        default="seed",
        help="'seed' (default): every table in the seed format; 'inspections': one row per "
        "inspection with a column per judgement area and its sources; 'd2i-summary': Data to "
        "Insight's summary of every authority's latest inspection on --on; 'd2i-history': its "
        "history of every report; 'ofsted-as-at': Ofsted's 'as at' sheet for --on and "
        "--published-by. A layout is one table: --out is a file ('-' for standard output, CSV)",
    )
    export.add_argument(
        "--on", type=_day, metavar="DATE", help="the day of the table (d2i-summary, ofsted-as-at)"
    )
    export.add_argument(
        "--published-by",
        type=_day,
        metavar="DATE",
        help="ofsted-as-at: count reports published by this day (default: --on)",
    )


def _export_layout(ds: Dataset, args: argparse.Namespace, out: TextIO) -> int:
    """Write one drop-in table (``--layout``) as CSV or xlsx."""
    from childservices.rules.official import CountingRule

    if args.format == "json":
        print("childservices: a --layout table is written as csv or xlsx", file=sys.stderr)
        return 2
    if args.layout in ("d2i-summary", "ofsted-as-at") and args.on is None:
        print(f"childservices: --layout {args.layout} needs --on DATE", file=sys.stderr)
        return 2
    if args.layout == "d2i-summary":
        table = ds.summary_table(on=args.on)
    elif args.layout == "d2i-history":
        table = ds.history_table()
    elif args.layout == "inspections":
        table = ds.inspections_table()
    else:
        rule = CountingRule(inspected_by=args.on, published_by=args.published_by or args.on)
        table = ds.as_at_table(rule)
    if args.out == "-":
        if args.format == "xlsx":
            print("childservices: xlsx needs a file: --out FILE.xlsx", file=sys.stderr)
            return 2
        table.to_csv(out)
    else:
        if args.format == "xlsx":
            table.to_xlsx(args.out)
        else:
            table.to_csv(args.out)
        out.write(f"wrote {len(table)} rows of {args.layout} to {args.out}\n")
    if args.on is not None:
        note = _coverage_note(ds, args.on)
        if note:
            print(f"childservices: note: {note}", file=sys.stderr)
    return 0


_REPORT_COLUMNS = (
    "file",
    "id",
    "authority",
    "framework",
    "kind",
    "published",
    "overall",
    "judgements",
    "lead_inspector",
)


def _progress(done: int, total: int, name: str) -> None:
    width = 30
    filled = width * done // total
    bar = "#" * filled + "-" * (width - filled)
    shown = (
        printable(name)[:40]
        .encode(sys.stderr.encoding or "utf-8", "replace")
        .decode(sys.stderr.encoding or "utf-8")
    )
    sys.stderr.write(f"\r[{bar}] {done}/{total} {shown:<40}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def _read_reports(
    paths: Sequence[str], fmt: str, progress: bool | None, out: TextIO, err: TextIO
) -> int:
    from childservices.records.files import open_regular
    from childservices.reports import published_from_file_name, read_report
    from childservices.reports.text import MAX_REPORT_BYTES

    show = progress if progress is not None else (len(paths) > 1 and sys.stderr.isatty())
    rows: Rows = []
    failures: list[tuple[str, str]] = []
    for n, name in enumerate(paths, start=1):
        try:
            # Only a regular file is read (a FIFO would hang the reader, a device never end).
            with open_regular(name, limit=MAX_REPORT_BYTES):
                pass
            with _quiet_pypdf():
                inspection = read_report(name)
        except MissingExtraError:
            raise
        except (ChildServicesError, OSError, ValueError) as exc:
            message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            failures.append((name, message))
        else:
            listed = published_from_file_name(os.path.basename(name))
            printed = inspection.published
            if listed is not None and str(printed) != listed.isoformat():
                err.write(
                    f"childservices: {name}: warning: the file name says published "
                    f"{listed.isoformat()} but the report says {printed} (the id uses the "
                    "file name's date, as the seed format does)\n"
                )
            rows.append(
                {
                    "file": name,
                    "id": inspection.id,
                    "authority": inspection.authority,
                    "framework": inspection.framework,
                    "kind": inspection.kind,
                    "published": inspection.published,
                    "overall": inspection.overall,
                    "judgements": ";".join(
                        f"{j.area.value}={j.grade.value}" for j in inspection.judgements
                    ),
                    "lead_inspector": inspection.lead_inspector,
                }
            )
        if show:
            _progress(n, len(paths), os.path.basename(name))
    if failures:
        err.write(f"read {len(rows)} of {len(paths)} reports; {len(failures)} failed:\n")
        for name, message in failures:
            one_line = " ".join(message.split())
            where = "" if name in one_line else f"{name}: "
            err.write(f"  {where}{one_line}\n")
    elif len(paths) > 1:
        err.write(f"read {len(rows)} of {len(paths)} reports\n")
    err.flush()
    if not rows and fmt == "table":
        return 1  # nothing read: no empty table header
    try:
        _emit(rows, _REPORT_COLUMNS, fmt, out)
        out.flush()
    except BrokenPipeError:
        _reader_gone()
    return 1 if failures else 0


# The parser --------------------------------------------------------------------


def _update(args: argparse.Namespace, out: TextIO) -> int:
    from childservices.update import FEED_URL, update

    base = load(extra=args.extra or None)
    result = update(
        feed=args.feed or FEED_URL,
        reports=args.reports,
        data_dir=args.data_dir,
        base=base,
        cache=args.cache,
    )
    if result.run is None:
        out.write(f"{result.new} inspection(s) newer than the record in the feed; none added\n")
    else:
        out.write(f"added {len(result.added)} inspection(s) in {result.run}:\n")
        for ident in result.added:
            out.write(f"  {ident}\n")
    for skipped in result.skipped:
        print(f"childservices: not used: {skipped}", file=sys.stderr)
    return 1 if result.skipped else 0


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (try '{self.prog} --help')\n")


def _day(text: str) -> datetime.date:
    try:
        return as_day(text)
    except InvalidDateError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _basis(text: str) -> RatingBasis | Area:
    word = text.strip().lower().replace("-", "_")
    for basis in RatingBasis:
        if word == basis.value:
            return basis
    try:
        return Area(word)
    except ValueError:
        choices = ", ".join(
            [b.value.replace("_", "-") for b in RatingBasis] + [a.value for a in Area]
        )
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a rating basis: use one of {choices}"
        ) from None


def _add_format(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        help="output as an aligned table (default), CSV or JSON",
    )


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="childservices",
        description="Answers from the childservices dataset of English children's services.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--extra",
        action="append",
        default=[],
        metavar="PATH",
        help="your own records (a seeds-style folder or <table>.csv) merged into the bundled "
        "dataset for this command; may be repeated",
    )
    parser.add_argument(
        "--follow-links",
        action="store_true",
        help="follow links in your record folders that lead out of them (refused by default)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.add_parser("summary", help="what the bundled dataset holds, and today's ratings")
    show = commands.add_parser("show", help="one authority's history, with sources")
    show.add_argument("authority", help="a name, alias, DfE number, ONS code or Ofsted URN")
    ratings = commands.add_parser(
        "ratings", help="every authority's overall rating in force on a day"
    )
    ratings.add_argument("--on", required=True, type=_day, metavar="DATE", help="YYYY-MM-DD")
    ratings.add_argument(
        "--all-frameworks",
        action="store_true",
        help="let the pre-2013 frameworks set a rating too (by default SIF and later only)",
    )
    ratings.add_argument(
        "--basis",
        type=_basis,
        default=RatingBasis.OVERALL,
        metavar="BASIS",
        help="what the rating is read from: 'overall' (default: the latest inspection's overall "
        "judgement, 'not given' after the 2026 reform), 'latest-overall' (the latest overall "
        "judgement however old) or a judgement area such as 'impact_of_leaders'",
    )
    _add_format(ratings)
    trusts = commands.add_parser(
        "trusts", help="trusts and council companies running services on a day"
    )
    trusts.add_argument("--on", required=True, type=_day, metavar="DATE", help="YYYY-MM-DD")
    _add_format(trusts)
    interventions = commands.add_parser(
        "interventions", help="authorities under an improvement notice or direction on a day"
    )
    interventions.add_argument("--on", required=True, type=_day, metavar="DATE", help="YYYY-MM-DD")
    _add_format(interventions)
    survival = commands.add_parser(
        "time-to-good",
        help="time from an inadequate judgement to good: Kaplan-Meier estimates by group",
        description="Follow each lineage (a council with its predecessors and successors, once) "
        "from its first judgement at a grade (inadequate by default) to its first later good or "
        "outstanding one; units not yet good are censored at the data's coverage date, at "
        "abolition, or at a judgement with no overall grade. Prints the median time in years with "
        "its confidence interval (Greenwood variance, log-log transformed), or every step of the "
        "Kaplan-Meier estimate (--show steps), or every unit followed (--show units).",
    )
    survival.add_argument(
        "--from-grade",
        choices=[g.value for g in Grade if g not in (Grade.GOOD, Grade.OUTSTANDING)],
        default=Grade.INADEQUATE.value,
        help="the grade follow-up starts from (default: inadequate)",
    )
    survival.add_argument(
        "--judged-from", type=_day, metavar="DATE", help="entry judgements published from this day"
    )
    survival.add_argument(
        "--judged-to", type=_day, metavar="DATE", help="entry judgements published by this day"
    )
    survival.add_argument(
        "--by",
        choices=("delivery_model", "region", "era", "intervention"),
        help="groups (default: one group, 'all')",
    )
    survival.add_argument(
        "--unit",
        choices=("lineage", "authority"),
        default="lineage",
        help="count lineages (default) or authorities, each followed until abolished",
    )
    survival.add_argument(
        "--until",
        type=_day,
        metavar="DATE",
        help="the coverage date at which follow-up stops (default: the latest report in the data)",
    )
    survival.add_argument(
        "--confidence", type=float, default=0.95, help="confidence level (default: 0.95)"
    )
    survival.add_argument(
        "--show",
        choices=("summary", "steps", "units"),
        default="summary",
        help="medians by group (default), the estimate's steps, or each unit followed",
    )
    _add_format(survival)
    export = commands.add_parser(
        "export", help="every table, with the seed format's columns, as CSV files or JSON"
    )
    export.add_argument("--format", choices=("csv", "json", "xlsx"), default="csv")
    _add_layout_options(export)
    export.add_argument(
        "--out",
        required=True,
        metavar="DIR",
        help="folder to write to (CSV: one sub-folder per table, like seeds/; "
        "JSON: DIR/childservices.json, or '-' for standard output)",
    )
    export.add_argument(
        "--force",
        action="store_true",
        help="replace the export's files if DIR already holds them (never done without it)",
    )
    validate = commands.add_parser(
        "validate",
        help="check your own records files (seed format); list every problem",
        description="Read your record files (a seeds-style folder, or CSV files named "
        "<table>.csv or kept in a folder named after their table) together with the bundled "
        "dataset, run every check, and list each problem with file, line or record, and field.",
    )
    validate.add_argument("paths", nargs="+", metavar="FILE", help="a CSV file or a folder")
    validate.add_argument(
        "--alone",
        action="store_true",
        help="check the files on their own, without the bundled dataset",
    )
    update = commands.add_parser(
        "update",
        help="add inspections published since the record, read from their reports "
        "(needs the update extra)",
        description="Read the published summary feed, find inspections the record does not "
        "hold, download and read each report, check its grades against the feed's, and write "
        "what was found as a new update run in your data folder (never in the installed "
        "package). 'childservices' commands and cs.load() then include it. Interventions and "
        "delivery models still come with releases.",
    )
    update.add_argument(
        "--feed",
        default=None,
        metavar="URL_OR_FILE",
        help="the summary feed: an address, or a downloaded CSV or xlsx file "
        "(default: the published spreadsheet)",
    )
    update.add_argument(
        "--reports",
        default=None,
        metavar="DIR",
        help="a folder of downloaded report PDFs to read instead of downloading them (offline)",
    )
    update.add_argument(
        "--data-dir",
        default=None,
        metavar="DIR",
        help="your data folder (default: $CHILDSERVICES_DATA_DIR or the platform's "
        "user data folder)",
    )
    update.add_argument(
        "--cache",
        default=None,
        metavar="DIR",
        help="keep the text read from each report here, so reading it again costs nothing",
    )
    read = commands.add_parser(
        "read-report",
        help="read Ofsted report PDFs into inspections (needs the reports extra)",
    )
    read.add_argument("paths", nargs="+", metavar="PDF", help="a report file")
    _add_format(read)
    read.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar on standard error (default: when it is a terminal)",
    )
    return parser


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    stream = cast(TextIO, _Safe(out or sys.stdout))
    err = cast(TextIO, _Safe(sys.stderr))
    parser = _parser()
    args = parser.parse_args(argv)
    with warnings.catch_warnings():
        # The commands say themselves when a day is after the record's newest report.
        warnings.simplefilter("ignore", CoverageWarning)
        return _run(args, stream, err)


def _run(args: argparse.Namespace, stream: TextIO, err: TextIO) -> int:
    try:
        if args.command == "validate":
            return _validate(args.paths, args.alone, args.follow_links, stream, err)
        if args.command == "read-report":
            return _read_reports(args.paths, args.format, args.progress, stream, err)
        if args.command == "update":
            return _update(args, stream)
        ds = load(extra=args.extra or None, follow_links=args.follow_links)
        if args.command == "show":
            authority = ds.authority(args.authority)
            _show(ds, authority, stream)
        elif args.command == "ratings":
            rows = _ratings(ds, args.on, args.all_frameworks, args.basis)
            _emit(rows, _TABLE_COLUMNS["ratings"], args.format, stream)
            note = _coverage_note(ds, args.on)
            if note:
                print(f"childservices: note: {note}", file=sys.stderr)
        elif args.command == "trusts":
            _emit(_trusts(ds, args.on), _TABLE_COLUMNS["trusts"], args.format, stream)
        elif args.command == "interventions":
            rows, not_known = _interventions(ds, args.on)
            _emit(rows, _TABLE_COLUMNS["interventions"], args.format, stream)
            stream.flush()
            print(
                f"childservices: {len(rows)} authorities certainly under a notice or direction "
                f"on {args.on}; for {len(not_known)} more the record cannot say whether one "
                f"still ran (no end recorded, and no act or a better judgement since)"
                + (f": {', '.join(not_known)}" if not_known else ""),
                file=sys.stderr,
            )
        elif args.command == "time-to-good":
            if not 0 < args.confidence < 1:
                print("childservices: --confidence must be between 0 and 1", file=sys.stderr)
                return 2
            rows, columns = _time_to_good(ds, args)
            _emit(rows, columns, args.format, stream)
        elif args.command == "export" and args.layout != "seed":
            return _export_layout(ds, args, stream)
        elif args.command == "export":
            if args.format == "xlsx":
                print("childservices: xlsx is for --layout tables", file=sys.stderr)
                return 2
            _export(ds, args.format, args.out, args.force, stream)
        else:
            _summary(ds, stream)
        stream.flush()
    except DatasetError as exc:
        count = len(exc.problems)
        err.write(f"childservices: {count} problem(s) in the records:\n")
        for problem in exc.problems:
            err.write(f"  {problem}\n")
        return 1
    except ChildServicesError as exc:
        err.write(f"childservices: {exc}\n")
        return 1
    except BrokenPipeError:
        # The reader went away (for example `| head`) after everything that could fail had
        # succeeded: stop quietly.
        _reader_gone()
        return 0
    except OSError as exc:
        err.write(f"childservices: {exc.filename or ''}: {exc.strerror or exc}\n")
        return 1
    return 0
