"""``summary`` (what the dataset holds, and today's ratings) and ``show AUTHORITY`` (one
authority's history, each fact with its sources)."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from childservices.cli.command import Call
from childservices.cli.output import coverage_note, emit
from childservices.cli.show_rows import (
    COLUMNS,
    delivery_span,
    figure_detail,
    history_rows,
    sources as sources,  # delivery cites as show does
)
from childservices.model import (
    Grade,
    Inspection,
    Visit,
    VisitKind,
)

if TYPE_CHECKING:
    from childservices.authority_view import AuthorityView
    from childservices.cli.command import Commands
    from childservices.dataset import Dataset


def add_commands(commands: Commands) -> None:
    """Add ``summary`` and ``show`` to the command line."""
    summary = commands.add_parser(
        "summary", help="what the bundled dataset holds, and today's ratings"
    )
    summary.set_defaults(handler=run_summary)
    show = commands.add_parser("show", help="one authority's history, with sources")
    show.add_argument(
        "authority",
        nargs="+",
        help="a name, alias, DfE number, ONS code or Ofsted URN (a name of several words "
        "needs no quotes: show Tower Hamlets)",
    )
    show.add_argument(
        "--format",
        choices=("text", "table", "csv", "json"),
        default="text",
        help="the history as text (default; 'table' is the same), or as rows of CSV or JSON "
        "(one fact a row, with its sources)",
    )
    show.set_defaults(handler=run_show)


def run_summary(call: Call) -> int:
    """Print what the dataset holds (``summary``, also the command line with no command)."""
    summary(call.dataset(), call.out)
    call.out.flush()
    return 0


def run_show(call: Call) -> int:
    """Print one authority's history (``show AUTHORITY``)."""
    ds = call.dataset()
    authority = ds.authority(authority_name(call.args.authority))
    if call.args.format in ("text", "table"):
        show(ds, authority, call.out)
    else:
        today = datetime.date.today()
        current = (current_day(ds, today), current_line(ds, authority, today))
        emit(history_rows(ds, authority, current), COLUMNS, call.args.format, call.out)
        note = coverage_note(ds, datetime.date.today())
        if note:
            call.err.write(f"childservices: note: {note}\n")
    call.out.flush()
    return 0


def authority_name(words: Sequence[str]) -> str:
    """The authority a command names, its words joined as the user wrote them unquoted."""
    return " ".join(words)


# summary ----------------------------------------------------------------------------


def summary(ds: Dataset, out: TextIO) -> None:
    """The counts of every table, the record's coverage, and the ratings in force today."""
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
    if current:
        _ratings_today(ds, current, today, out)


def _ratings_today(
    ds: Dataset, current: Sequence[AuthorityView], today: datetime.date, out: TextIO
) -> None:
    """How many of the authorities in existence today (``current``) hold each rating."""
    grades = Counter(a.rating_on(today) for a in current)
    out.write(f"Ratings in force on {today.isoformat()} (SIF and later frameworks):\n")
    for grade in (*Grade, None):
        if grades.get(grade):
            label = "no rating recorded" if grade is None else str(grade)
            out.write(f"    {label}: {grades[grade]}\n")
    not_given = sum(n for g, n in grades.items() if g is not None and not isinstance(g, Grade))
    if not_given:
        out.write(f"    no overall judgement under the framework: {not_given}\n")
    note = coverage_note(ds, today)
    if note:
        out.write(f"Note: {note}\n")


# show -------------------------------------------------------------------------------


def inspection_line(ds: Dataset, inspection: Inspection, prefix: str) -> str:
    """An inspection as ``show`` lists it: day, framework, overall grade, areas, sources."""
    overall = "unknown" if inspection.overall is None else str(inspection.overall)
    kind = f" {inspection.kind.value}" if inspection.kind else ""
    areas = ", ".join(f"{j.area.value}: {j.grade}" for j in inspection.judgements)
    cited = sources(ds, inspection.citations)
    text = f"  {prefix}{inspection.published}  {inspection.framework.value}{kind}: {overall}"
    if areas:
        text += f"\n      areas: {areas}"
    return text + f"\n      source: {cited}"


def visit_line(ds: Dataset, visit: Visit, prefix: str) -> str:
    """A visit as ``show`` lists it: start, kind, theme, publication, sources (no grade)."""
    theme = visit.theme.value if visit.theme else "theme not known"
    text = f"  {prefix}{visit.start or 'start not known'}  {visit.kind.value} visit: {theme}"
    text += f"; published {visit.published or 'not known'}"
    if visit.kind is VisitKind.FOCUSED:
        found = {True: "yes", False: "no", None: "not known"}[visit.priority_action]
        text += f"; areas for priority action: {found}"
    return text + f"\n      source: {sources(ds, visit.citations)}"


def show(ds: Dataset, authority: AuthorityView, out: TextIO) -> None:
    """One authority's history: who it is, then its inspections, visits, interventions and delivery."""
    _identity(authority, out)
    out.write(current_line(ds, authority, datetime.date.today()) + "\n")
    _inspections_and_visits(ds, authority, out)
    _interventions(ds, authority, out)
    _delivery(ds, authority, out)
    for event in authority.insourcing:
        out.write(
            f"Insourcing from {event.provider}: decided {event.decision_date or 'unknown'}, "
            f"returned {event.return_date or 'unknown'}, staff {event.staff_transferred or 'unknown'}\n"
        )
        out.write(f"      source: {sources(ds, event.citations)}\n")
    for figure in authority.delivery_figures:
        stated = f"; stated {figure.stated}" if figure.stated else ""
        out.write(
            f"Figure: {figure.kind.value.replace('_', ' ')} {figure.shown} "
            f"({figure_detail(figure)}{stated})\n"
        )
        out.write(f"      source: {sources(ds, figure.citations)}\n")
    note = coverage_note(ds, datetime.date.today())
    if note:
        out.write(f"Note: {note}\n")


def _identity(authority: AuthorityView, out: TextIO) -> None:
    """Name, kind, region, life span, identifiers, aliases, predecessors and successors."""
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


def current_day(ds: Dataset, today: datetime.date) -> datetime.date:
    """The day ``show`` gives the current rating for: the record's coverage date (its newest
    report), or today if that is earlier."""
    newest = ds.index.reports_to
    return newest if newest is not None and newest < today else today


def current_line(ds: Dataset, authority: AuthorityView, today: datetime.date) -> str:
    """The rating in force on the record's coverage date (its newest report), or today if
    that is earlier, saying which day and since when (SIF and later frameworks)."""
    day = current_day(ds, today)
    if day < today:
        which = f"on {day}, the record's coverage date (its newest report), not today"
    else:
        which = f"today ({today})"
    if authority.active_on(day) is False:
        return f"  current: none: the authority did not exist {which}"
    inspection = authority.rated_inspection_on(day)
    if inspection is None:
        return f"  current: no rating recorded {which}"
    rating = authority.rating_on(day)
    return (
        f"  current: {rating} {which}; since {inspection.published}, set by {inspection.id} "
        f"({inspection.framework.value})"
    )


def _inspections_and_visits(ds: Dataset, authority: AuthorityView, out: TextIO) -> None:
    """The authority's inspections and visits, its predecessors' marked with their id."""
    out.write("Inspections:\n")
    for inspection in authority.inspections_with_predecessors():
        prefix = "" if inspection.authority == authority.id else f"[{inspection.authority}] "
        out.write(inspection_line(ds, inspection, prefix) + "\n")
    if not authority.inspections_with_predecessors():
        out.write("  none recorded\n")
    out.write("Visits (no grade; the record holds some years only):\n")
    for visit in authority.visits_with_predecessors():
        prefix = "" if visit.authority == authority.id else f"[{visit.authority}] "
        out.write(visit_line(ds, visit, prefix) + "\n")
    if not authority.visits_with_predecessors():
        out.write("  none recorded\n")


def _interventions(ds: Dataset, authority: AuthorityView, out: TextIO) -> None:
    """The authority's notices and directions, with who issued them."""
    out.write("Interventions:\n")
    for intervention in authority.interventions:
        who = f" by {intervention.by}" if intervention.by else ""
        out.write(f"  {intervention.date or 'date unknown'}  {intervention.kind.value}{who}\n")
        out.write(f"      source: {sources(ds, intervention.citations)}\n")
    if not authority.interventions:
        out.write("  none recorded\n")


def _delivery(ds: Dataset, authority: AuthorityView, out: TextIO) -> None:
    """The authority's delivery episodes: who ran its services, and when."""
    out.write("Delivery:\n")
    for episode in authority.deliveries:
        provider = f" ({ds.index.providers[episode.provider].name})" if episode.provider else ""
        out.write(f"  {delivery_span(episode)}  {episode.model.value}{provider}\n")
        out.write(f"      source: {sources(ds, episode.citations)}\n")
    if not authority.deliveries:
        out.write("  no episode recorded: in-house by default\n")
