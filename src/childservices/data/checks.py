"""Checks across records: references resolve, chronology holds, nothing overlaps.

Each record type checks itself when it is built; these checks need the whole
record set. :func:`check_records` returns every problem found (an empty list
when the records are consistent).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from childservices.errors import LifecycleError, Problem
from childservices.model import (
    DeliveryEpisode,
    Identifier,
    LifecycleEvent,
    PartialDate,
    RecordSet,
    TrustLifecycle,
)

__all__ = ["build_lifecycles", "check_records"]


def _label(table: str, record: Any) -> str:
    key = getattr(record, "id", None)
    if key is None:
        parts = [
            getattr(record, name, None)
            for name in (
                "authority",
                "predecessor",
                "successor",
                "neighbour",
                "scheme",
                "value",
                "alias",
            )
        ]
        key = "/".join(str(getattr(p, "value", p)) for p in parts if p is not None)
    return f"{table} {key}"


def check_records(records: RecordSet) -> list[Problem]:
    """Every problem across the record set, each naming its table, record and field."""
    problems: list[Problem] = []
    problems += _unique_ids(records)
    problems += _references(records)
    problems += _delivery_overlaps(records.delivery)
    problems += _identifier_clashes(records.authority_identifiers)
    problems += _lifetimes(records)
    problems += _reorganisation_cycles(records)
    problems += [p for p in build_lifecycles(records.lifecycle)[1]]
    return problems


def _unique_ids(records: RecordSet) -> list[Problem]:
    problems = []
    for table in (
        "sources",
        "authorities",
        "inspections",
        "interventions",
        "providers",
        "delivery",
        "lifecycle",
        "insourcing",
        "programmes",
    ):
        seen: set[str] = set()
        for record in getattr(records, table):
            if record.id in seen:
                problems.append(
                    Problem(record=f"{table} {record.id}", field="id", message="appears twice")
                )
            seen.add(record.id)
    return problems


def _references(records: RecordSet) -> list[Problem]:
    problems: list[Problem] = []
    sources = {s.id for s in records.sources}
    authorities = {a.id for a in records.authorities}
    providers = {p.id for p in records.providers}
    interventions = {i.id: i for i in records.interventions}

    def need(
        kind: str, known: set[str], table: str, record: Any, field: str, value: str | None
    ) -> None:
        if value is not None and value not in known:
            problems.append(
                Problem(record=_label(table, record), field=field, message=f"no {kind} {value!r}")
            )

    authority_fields = {
        "authority_identifiers": ("authority",),
        "authority_aliases": ("authority",),
        "reorganisations": ("predecessor", "successor"),
        "statistical_neighbours": ("authority", "neighbour"),
        "inspections": ("authority",),
        "interventions": ("authority",),
        "delivery": ("authority",),
        "lifecycle": ("authority",),
        "insourcing": ("authority",),
        "programmes": ("authority",),
    }
    for table, fields in authority_fields.items():
        for record in getattr(records, table):
            for field in fields:
                need("authority", authorities, table, record, field, getattr(record, field))
    for table in ("delivery", "lifecycle", "insourcing"):
        for record in getattr(records, table):
            need("provider", providers, table, record, "provider", record.provider)
    for record in records.interventions:
        if record.replaces is not None:
            target = interventions.get(record.replaces)
            if target is None:
                need("intervention", set(), "interventions", record, "replaces", record.replaces)
            elif target.authority != record.authority:
                problems.append(
                    Problem(
                        record=_label("interventions", record),
                        field="replaces",
                        message=f"{record.replaces!r} concerns {target.authority!r}, not {record.authority!r}",
                    )
                )
    for table in (
        "authorities",
        "authority_identifiers",
        "authority_aliases",
        "reorganisations",
        "statistical_neighbours",
        "inspections",
        "interventions",
        "providers",
        "delivery",
        "lifecycle",
        "insourcing",
        "programmes",
    ):
        for record in getattr(records, table):
            for index, citation in enumerate(record.citations):
                need(
                    "source", sources, table, record, f"citations[{index}].source", citation.source
                )
    return problems


def _open_end(end: PartialDate | None) -> Any:
    return end.earliest if end is not None else None


def _delivery_overlaps(episodes: Iterable[DeliveryEpisode]) -> list[Problem]:
    problems = []
    groups: dict[tuple[str, str | None], list[DeliveryEpisode]] = defaultdict(list)
    for episode in episodes:
        groups[(episode.authority, episode.scope)].append(episode)
    for group in groups.values():
        group.sort(key=lambda e: e.start.sort_key())
        for i, first in enumerate(group):
            for second in group[i + 1 :]:
                # They certainly overlap when the later one certainly starts before the earlier one can end.
                if first.end is None or second.start.latest < first.end.earliest:
                    problems.append(
                        Problem(
                            record=f"delivery {second.id}",
                            field="start",
                            message=f"starts ({second.start}) while {first.id!r} "
                            f"({first.start} to {first.end or 'open'}) still runs the same services",
                        )
                    )
    return problems


def _identifier_clashes(identifiers: Iterable[Identifier]) -> list[Problem]:
    problems = []
    groups: dict[tuple[str, str], list[Identifier]] = defaultdict(list)
    for identifier in identifiers:
        groups[(identifier.scheme.value, identifier.value)].append(identifier)
    for (scheme, value), group in groups.items():
        for i, first in enumerate(group):
            for second in group[i + 1 :]:
                if first.authority == second.authority:
                    continue
                apart = (
                    first.valid_to is not None
                    and second.valid_from is not None
                    and first.valid_to.certainly_before(second.valid_from)
                ) or (
                    second.valid_to is not None
                    and first.valid_from is not None
                    and second.valid_to.certainly_before(first.valid_from)
                )
                if not apart:
                    problems.append(
                        Problem(
                            record=f"authority_identifiers {second.authority}/{scheme}/{value}",
                            field="valid_from",
                            message=f"{scheme} {value!r} also names {first.authority!r} at the same time",
                        )
                    )
    return problems


def _lifetimes(records: RecordSet) -> list[Problem]:
    problems = []
    authorities = {a.id: a for a in records.authorities}
    for inspection in records.inspections:
        authority = authorities.get(inspection.authority)
        if authority is None:
            continue
        when = inspection.start or inspection.published
        if authority.active_from is not None and when.certainly_before(authority.active_from):
            problems.append(
                Problem(
                    record=f"inspections {inspection.id}",
                    field="start" if inspection.start else "published",
                    message=f"{when} is before {authority.id!r} existed ({authority.active_from})",
                )
            )
        if authority.active_to is not None and when.certainly_after(authority.active_to):
            problems.append(
                Problem(
                    record=f"inspections {inspection.id}",
                    field="start" if inspection.start else "published",
                    message=f"{when} is after {authority.id!r} was abolished ({authority.active_to})",
                )
            )
    return problems


def _reorganisation_cycles(records: RecordSet) -> list[Problem]:
    successors: dict[str, set[str]] = defaultdict(set)
    for link in records.reorganisations:
        successors[link.predecessor].add(link.successor)
    problems = []
    for start in sorted(successors):
        stack, seen = [start], set()
        while stack:
            node = stack.pop()
            for nxt in successors.get(node, ()):
                if nxt == start:
                    problems.append(
                        Problem(
                            record=f"reorganisations {start}",
                            field="successor",
                            message="the links go round in a cycle",
                        )
                    )
                    stack = []
                    break
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
    return problems


def build_lifecycles(
    events: Iterable[LifecycleEvent],
) -> tuple[dict[str, TrustLifecycle], list[Problem]]:
    """Each provider's lifecycle from its events, and a problem for each provider whose order is invalid."""
    by_provider: dict[str, list[LifecycleEvent]] = defaultdict(list)
    for event in events:
        by_provider[event.provider].append(event)
    lifecycles: dict[str, TrustLifecycle] = {}
    problems = []
    for provider, group in sorted(by_provider.items()):
        try:
            lifecycles[provider] = TrustLifecycle(provider=provider, events=tuple(group))
        except LifecycleError as exc:
            problems.append(
                Problem(record=f"lifecycle of {provider}", field="event", message=str(exc))
            )
    return lifecycles, problems
