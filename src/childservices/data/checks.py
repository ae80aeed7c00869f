"""Checks across records: references resolve, chronology holds, nothing overlaps.

Each record type checks itself when it is built; these checks need the whole
record set. :func:`check_records` returns every problem found (an empty list
when the records are consistent); :func:`run_checks` gives each check's
result with a count of what it looked at (``tools/check_integrity.py``
prints them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from childservices.data.index import build_lifecycles
from childservices.data.intervention_checks import commissioners_under_notice, lifecycle_acts
from childservices.errors import Problem
from childservices.model import (
    Authority,
    DeliveryEpisode,
    Identifier,
    PartialDate,
    RecordSet,
)
from childservices.records.tables import TABLES

__all__ = ["CheckResult", "build_lifecycles", "check_records", "run_checks"]

_CITED_TABLES = tuple(
    name for name, table in TABLES.items() if table.record_type is not None and table.cited
)
_ID_TABLES = tuple(
    name for name, table in TABLES.items() if table.record_type is not None and table.key == ("id",)
)
# The dated facts about an authority that must fall within its lifetime.
_DATED = (
    ("inspections", ("start", "published")),
    ("visits", ("start", "published")),
    ("interventions", ("date",)),
    ("delivery", ("start",)),
    ("lifecycle", ("date",)),
    ("insourcing", ("decision_date", "return_date")),
    ("programmes", ("start",)),
)


@attrs.frozen(kw_only=True)
class CheckResult:
    """One cross-record check: what it checks, how many things it looked at, what it found."""

    name: str
    checked: int
    unit: str
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        """True when the check found nothing wrong."""
        return not self.problems


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
    return [problem for result in run_checks(records) for problem in result.problems]


def run_checks(records: RecordSet) -> tuple[CheckResult, ...]:
    """Every cross-record check, each with a count of what it looked at."""

    def result(name: str, checked: int, unit: str, problems: list[Problem]) -> CheckResult:
        return CheckResult(name=name, checked=checked, unit=unit, problems=tuple(problems))

    cited = [record for table in _CITED_TABLES for record in getattr(records, table)]
    citations = sum(len(record.citations) for record in cited)
    delivery_groups: dict[tuple[str, str | None], int] = defaultdict(int)
    for episode in records.delivery:
        delivery_groups[(episode.authority, episode.scope)] += 1
    lifecycles = {event.provider for event in records.lifecycle}
    commissioners = commissioners_under_notice(records)
    acts = lifecycle_acts(records)
    return (
        result(
            "ids are unique",
            sum(len(getattr(records, t)) for t in _ID_TABLES),
            "records with ids",
            _unique_ids(records),
        ),
        result(
            "every fact has a source",
            len(cited),
            f"cited records ({citations} citations)",
            _uncited(records),
        ),
        result(
            "every reference resolves",
            _reference_count(records),
            "references",
            _references(records),
        ),
        result(
            "no two delivery models overlap",
            sum(n * (n - 1) // 2 for n in delivery_groups.values()),
            f"pairs of episodes ({len(records.delivery)} episodes)",
            _delivery_overlaps(records.delivery),
        ),
        result(
            "identifiers name one authority at a time",
            len(records.authority_identifiers),
            "identifiers",
            _identifier_clashes(records.authority_identifiers),
        ),
        result(
            "dated facts fall within their authority's lifetime",
            _dated_count(records),
            "dates",
            _lifetimes(records),
        ),
        result(
            "reorganisations: no cycles, dates agree with the authorities' lifetimes",
            len(records.reorganisations),
            "links",
            _reorganisation_cycles(records) + _reorganisation_dates(records),
        ),
        result(
            "lifecycles of providers happen in order",
            len(lifecycles),
            f"providers ({len(records.lifecycle)} events)",
            build_lifecycles(records.lifecycle)[1],
        ),
        result(
            "commissioners are appointed under a notice or direction",
            commissioners[0],
            "dated appointments",
            commissioners[1],
        ),
        result("lifecycles name the DfE acts they refer to", acts[0], "events", acts[1]),
    )


def _uncited(records: RecordSet) -> list[Problem]:
    """Records of cited tables without a citation (the record types refuse them; records
    built another way are checked here too)."""
    return [
        Problem(record=_label(table, record), field="citations", message="has no source")
        for table in _CITED_TABLES
        for record in getattr(records, table)
        if not record.citations
    ]


def _reference_count(records: RecordSet) -> int:
    fields = {
        "authority_identifiers": ("authority",),
        "authority_aliases": ("authority",),
        "reorganisations": ("predecessor", "successor"),
        "statistical_neighbours": ("authority", "neighbour"),
        "inspections": ("authority",),
        "visits": ("authority",),
        "interventions": ("authority", "replaces"),
        "delivery": ("authority", "provider"),
        "lifecycle": ("authority", "provider"),
        "insourcing": ("authority", "provider"),
        "programmes": ("authority",),
    }
    count = sum(
        1
        for table, names in fields.items()
        for record in getattr(records, table)
        for name in names
        if getattr(record, name) is not None
    )
    return count + sum(len(r.citations) for t in _CITED_TABLES for r in getattr(records, t))


def _dated_count(records: RecordSet) -> int:
    return sum(1 for _ in _dated_facts(records))


def _unique_ids(records: RecordSet) -> list[Problem]:
    problems = []
    for table in _ID_TABLES:
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
        "visits": ("authority",),
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
    for table in _CITED_TABLES:
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


def _dated_facts(
    records: RecordSet,
) -> Iterator[tuple[str, Any, str, PartialDate, Authority]]:
    """Each dated fact about a known authority: ``(table, record, field, date, authority)``.

    An inspection or a visit is placed by its fieldwork start when that is
    known, else by its publication.
    """
    authorities = {a.id: a for a in records.authorities}
    for table, names in _DATED:
        for record in getattr(records, table):
            authority = authorities.get(getattr(record, "authority", None) or "")
            if authority is None:
                continue
            for name in names:
                when = getattr(record, name)
                if when is None:
                    continue
                if (
                    table in ("inspections", "visits")
                    and name == "published"
                    and record.start is not None
                ):
                    continue
                yield table, record, name, when, authority


def _lifetimes(records: RecordSet) -> list[Problem]:
    """Inspections, visits, interventions, delivery, lifecycle events, returns in-house and
    programme places dated certainly before their authority existed or after it was abolished."""
    problems = []
    for table, record, name, when, authority in _dated_facts(records):
        problems += _outside_lifetime(table, record, name, when, authority)
    return problems


def _outside_lifetime(
    table: str, record: Any, field: str, when: PartialDate, authority: Authority
) -> list[Problem]:
    label = _label(table, record)
    if authority.active_from is not None and when.certainly_before(authority.active_from):
        return [
            Problem(
                record=label,
                field=field,
                message=f"{when} is before {authority.id!r} existed ({authority.active_from})",
            )
        ]
    if authority.active_to is not None and when.certainly_after(authority.active_to):
        return [
            Problem(
                record=label,
                field=field,
                message=f"{when} is after {authority.id!r} was abolished ({authority.active_to})",
            )
        ]
    return []


def _reorganisation_dates(records: RecordSet) -> list[Problem]:
    """A link's date fits both lifetimes: the successor exists by then, and the predecessor
    lasts until at least the day before (its area cannot pass on after it was abolished)."""
    problems = []
    authorities = {a.id: a for a in records.authorities}
    for link in records.reorganisations:
        label = _label("reorganisations", link)
        successor = authorities.get(link.successor)
        predecessor = authorities.get(link.predecessor)
        if (
            successor is not None
            and successor.active_from is not None
            and successor.active_from.certainly_after(link.date)
        ):
            problems.append(
                Problem(
                    record=label,
                    field="date",
                    message=f"{link.date} is before {successor.id!r} existed ({successor.active_from})",
                )
            )
        if (
            predecessor is not None
            and predecessor.active_to is not None
            and predecessor.active_to.certainly_before(link.date)
            and not _day_before(predecessor.active_to, link.date)
        ):
            problems.append(
                Problem(
                    record=label,
                    field="date",
                    message=f"{link.date} is after {predecessor.id!r} was abolished "
                    f"({predecessor.active_to}), not the day after",
                )
            )
    return problems


def _day_before(last: PartialDate, day: PartialDate) -> bool:
    """Whether ``last`` may be the day before ``day`` (an abolition is the eve of the change)."""
    return last.latest.add(days=1) >= day.earliest


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
