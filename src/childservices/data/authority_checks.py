"""Cross-record checks of authorities: identifiers name one authority at a time, dated facts
fall within their authority's lifetime, reorganisations go round no cycle and fit the lifetimes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from childservices.data.schema import TABLES
from childservices.errors import Problem
from childservices.model import Authority, Identifier, PartialDate, RecordSet

__all__ = [
    "dated_count",
    "identifier_clashes",
    "lifetimes",
    "reorganisation_cycles",
    "reorganisation_dates",
]


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


def dated_count(records: RecordSet) -> int:
    """How many dated facts :func:`lifetimes` places within their authority's lifetime."""
    return sum(1 for _ in _dated_facts(records))


def identifier_clashes(identifiers: Iterable[Identifier]) -> list[Problem]:
    """Identifiers that name two authorities at once.

    One pass over each (scheme, value) in order of ``valid_from``: each
    identifier is compared with the earlier one of another authority that
    stays valid longest (so the check is linear, however many there are).
    """
    problems = []
    groups: dict[tuple[str, str], list[Identifier]] = defaultdict(list)
    for identifier in identifiers:
        groups[(identifier.scheme.value, identifier.value)].append(identifier)
    for (scheme, value), group in groups.items():
        if len({i.authority for i in group}) < 2:
            continue
        group.sort(key=_from_key)
        best: Identifier | None = None  # the earlier one valid longest
        other: Identifier | None = None  # the same, among those of another authority than best's
        for second in group:
            first = best if best is not None and best.authority != second.authority else other
            if first is not None and not _apart(first, second):
                problems.append(
                    Problem(
                        record=f"authority_identifiers {second.authority}/{scheme}/{value}",
                        field="valid_from",
                        message=f"{scheme} {value!r} also names {first.authority!r} at the same time",
                    )
                )
            if best is None or _to_key(second) > _to_key(best):
                if best is not None and best.authority != second.authority:
                    other = best
                best = second
            elif second.authority != best.authority and (
                other is None or _to_key(second) > _to_key(other)
            ):
                other = second
    return problems


def _from_key(identifier: Identifier) -> tuple[int, Any]:
    start = identifier.valid_from
    return (0, None) if start is None else (1, start.earliest)


def _to_key(identifier: Identifier) -> tuple[int, Any]:
    end = identifier.valid_to
    return (1, None) if end is None else (0, end.latest)


def _apart(first: Identifier, second: Identifier) -> bool:
    """Whether two identifiers' validity certainly does not overlap."""
    return (
        first.valid_to is not None
        and second.valid_from is not None
        and first.valid_to.certainly_before(second.valid_from)
    ) or (
        second.valid_to is not None
        and first.valid_from is not None
        and second.valid_to.certainly_before(first.valid_from)
    )


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


def lifetimes(records: RecordSet) -> list[Problem]:
    """Inspections, visits, interventions, delivery, lifecycle events, returns in-house and
    programme places dated certainly before their authority existed or after it was abolished."""
    problems = []
    for table, record, name, when, authority in _dated_facts(records):
        problems += _outside_lifetime(table, record, name, when, authority)
    return problems


def _outside_lifetime(
    table: str, record: Any, field: str, when: PartialDate, authority: Authority
) -> list[Problem]:
    label = TABLES[table].label(record)
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


def reorganisation_dates(records: RecordSet) -> list[Problem]:
    """A link's date fits both lifetimes: the successor exists by then, and the predecessor
    lasts until at least the day before (its area cannot pass on after it was abolished)."""
    problems = []
    authorities = {a.id: a for a in records.authorities}
    for link in records.reorganisations:
        label = TABLES["reorganisations"].label(link)
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


def reorganisation_cycles(records: RecordSet) -> list[Problem]:
    """Every authority whose reorganisation links lead back to it (linear: Tarjan's algorithm)."""
    successors: dict[str, list[str]] = defaultdict(list)
    for link in records.reorganisations:
        successors[link.predecessor].append(link.successor)
    in_cycle = {
        node
        for component in _strong_components(successors)
        for node in component
        if len(component) > 1 or node in successors.get(node, ())
    }
    return [
        Problem(
            record=f"reorganisations {node}",
            field="successor",
            message="the links go round in a cycle",
        )
        for node in sorted(in_cycle)
    ]


def _strong_components(graph: dict[str, list[str]]) -> list[list[str]]:
    """The strongly connected components of a graph (iterative Tarjan, linear time)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            children = graph.get(node, [])
            if child < len(children):
                work.append((node, child + 1))
                nxt = children[child]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return components
