"""The command line: quick answers from the bundled dataset.

``childservices summary`` describes the dataset; ``childservices show
AUTHORITY`` prints one authority's history with sources. The commands only
call the library; errors are one line on standard error and a non-zero exit.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from collections.abc import Sequence
from typing import TextIO

import pendulum

from childservices import __version__
from childservices.authority_view import AuthorityView
from childservices.dataset import Dataset
from childservices.errors import ChildServicesError
from childservices.loading import load
from childservices.model import Citation, Grade, Inspection

__all__ = ["main"]


def _summary(ds: Dataset, out: TextIO) -> None:
    records = ds.records
    today = pendulum.today().date()
    current = ds.authorities(active_on=today)
    out.write(f"childservices dataset {ds.data_version}\n")
    out.write(f"  authorities: {len(records.authorities)} ({len(current)} in existence today)\n")
    out.write(f"  inspections: {len(records.inspections)}\n")
    by_framework = Counter(i.framework.value for i in records.inspections)
    for framework, count in sorted(by_framework.items()):
        out.write(f"    {framework}: {count}\n")
    out.write(f"  interventions: {len(records.interventions)}\n")
    out.write(
        f"  delivery episodes: {len(records.delivery)}; providers: {len(records.providers)}\n"
    )
    out.write(f"  sources cited: {len(records.sources)}\n")
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


def _inspection_line(ds: Dataset, inspection: Inspection, prefix: str) -> str:
    overall = "unknown" if inspection.overall is None else str(inspection.overall)
    kind = f" {inspection.kind.value}" if inspection.kind else ""
    areas = ", ".join(f"{j.area.value}: {j.grade}" for j in inspection.judgements)
    sources = _sources(ds, inspection.citations)
    text = f"  {prefix}{inspection.published}  {inspection.framework.value}{kind}: {overall}"
    if areas:
        text += f"\n      areas: {areas}"
    return text + f"\n      source: {sources}"


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
        out.write(
            f"  {episode.start} to {episode.end or 'today'}  {episode.model.value}{provider}\n"
        )
    if not authority.deliveries:
        out.write("  no episode recorded: in-house by default\n")
    for event in authority.insourcing:
        out.write(
            f"Insourcing from {event.provider}: decided {event.decision_date or 'unknown'}, "
            f"returned {event.return_date or 'unknown'}, staff {event.staff_transferred or 'unknown'}\n"
        )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="childservices",
        description="Answers from the childservices dataset of English children's services.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("summary", help="what the bundled dataset holds, and today's ratings")
    show = commands.add_parser("show", help="one authority's history, with sources")
    show.add_argument("authority", help="a name, alias, DfE number, ONS code or Ofsted URN")
    return parser


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    stream = out or sys.stdout
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        ds = load()
        if args.command == "show":
            _show(ds, ds.authority(args.authority), stream)
        else:
            _summary(ds, stream)
    except ChildServicesError as exc:
        print(f"childservices: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (for example `| head`): stop quietly.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
    return 0
