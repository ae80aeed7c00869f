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
from childservices.data.schema import TABLES, Reference
from childservices.errors import Problem
from childservices.model import (
    Authority,
    DeliveryEpisode,
    Identifier,
    Intervention,
    InterventionKind,
    PartialDate,
    RecordSet,
)

__all__ = [
    "ENDS",
    "CheckResult",
    "build_lifecycles",
    "check_records",
    "run_checks",
    "same_services",
]

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


ENDS: dict[InterventionKind, frozenset[InterventionKind]] = {
    InterventionKind.NOTICE_LIFTED: frozenset(
        {InterventionKind.IMPROVEMENT_NOTICE, InterventionKind.MINISTERIAL_DECISION}
    ),
    InterventionKind.DIRECTION_REVOKED: frozenset(
        {InterventionKind.STATUTORY_DIRECTION, InterventionKind.REVISED_DIRECTION}
    ),
    InterventionKind.REVISED_DIRECTION: frozenset(
        {InterventionKind.STATUTORY_DIRECTION, InterventionKind.REVISED_DIRECTION}
    ),
}
"""The kinds of step each lifting, revocation or revision may replace (``replaces``).

A lifting ends a non-statutory intervention: an improvement notice, or a
ministerial decision to intervene without one (Leeds, 2009 to 2011, is
recorded so: seed 003 does not name the instrument). A revocation ends, and a
revised direction replaces, a statutory direction in one of its revisions.
Other kinds may replace a step of any kind (a direction that supersedes an
improvement notice, a notice that revises an earlier notice).
"""

_VERBS = {
    InterventionKind.NOTICE_LIFTED: "lifts",
    InterventionKind.DIRECTION_REVOKED: "revokes",
    InterventionKind.REVISED_DIRECTION: "revises",
}


def same_services(first: str | None, second: str | None) -> bool:
    """Whether two delivery episodes' scopes name the same services (or may: an empty scope
    covers all of an authority's services).

    Scopes are compared ignoring case, spacing and the style of apostrophe:
    ``"Children's Social Care"`` and ``"children's  social care"`` (or with a
    typographic apostrophe) are one scope.
    """
    return first is None or second is None or _fold(first) == _fold(second)


def _fold(scope: str) -> str:
    return " ".join(scope.replace("\u2019", "'").casefold().split())


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
    return TABLES[table].label(record)


def check_records(records: RecordSet) -> list[Problem]:
    """Every problem across the record set, each naming its table, record and field."""
    return [problem for result in run_checks(records) for problem in result.problems]


def run_checks(records: RecordSet) -> tuple[CheckResult, ...]:
    """Every cross-record check, each with a count of what it looked at."""

    def result(name: str, checked: int, unit: str, problems: list[Problem]) -> CheckResult:
        return CheckResult(name=name, checked=checked, unit=unit, problems=tuple(problems))

    cited = [record for table in _CITED_TABLES for record in getattr(records, table)]
    citations = sum(len(record.citations) for record in cited)
    delivery_groups: dict[str, int] = defaultdict(int)
    for episode in records.delivery:
        delivery_groups[episode.authority] += 1
    replacing = sum(1 for step in records.interventions if step.replaces is not None)
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
            "interventions: what a step ends is of the right kind, not dated after it, "
            "ended once, and no cycles",
            replacing,
            f"steps that revise, lift or revoke another ({len(records.interventions)} steps)",
            _intervention_links(records.interventions),
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


_Checked = list[tuple[str, tuple[tuple[str, tuple[Reference, ...]], ...]]]


def _checked_references() -> _Checked:
    """The references the reference check resolves: ``(target, ((table, references), ...))``.

    Derived from the schema (:data:`~childservices.data.schema.TABLES`): every
    reference of a table of records, less those with a check of their own.
    References between tables come first, grouped by the table they name in
    the order first named; then references within a table (an intervention's
    ``replaces``).
    """
    by_target: dict[str, dict[str, list[Reference]]] = {}
    for name, table in TABLES.items():
        if table.record_type is None:
            continue
        for reference in table.references:
            if not reference.own_check:
                by_target.setdefault(reference.target, {}).setdefault(name, []).append(reference)
    within = [target for target, tables in by_target.items() if target in tables]
    order = [target for target in by_target if target not in within] + within
    return [
        (target, tuple((name, tuple(found)) for name, found in by_target[target].items()))
        for target in order
    ]


def _reference_count(records: RecordSet) -> int:
    count = sum(
        1
        for _, tables in _checked_references()
        for table, references in tables
        for record in getattr(records, table)
        for reference in references
        if getattr(record, reference.column) is not None
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
    """Every reference that names no record (see :func:`_checked_references`), and every
    record named that concerns another authority where it must concern the same one."""
    problems: list[Problem] = []
    for target, tables in _checked_references():
        known = {record.id: record for record in getattr(records, target)}
        for table, references in tables:
            for record in getattr(records, table):
                for reference in references:
                    problem = _resolve(reference, known, TABLES[target].noun, record)
                    if problem is not None:
                        problems.append(attrs.evolve(problem, record=_label(table, record)))
    sources = {s.id for s in records.sources}
    noun = TABLES["sources"].noun
    for table in _CITED_TABLES:
        for record in getattr(records, table):
            for index, citation in enumerate(record.citations):
                if citation.source not in sources:
                    problems.append(
                        Problem(
                            record=_label(table, record),
                            field=f"citations[{index}].source",
                            message=f"no {noun} {citation.source!r}",
                        )
                    )
    return problems


def _resolve(reference: Reference, known: dict[str, Any], noun: str, record: Any) -> Problem | None:
    """The problem with one reference of ``record`` (without its label), if any."""
    value = getattr(record, reference.column)
    if value is None:
        return None
    named = known.get(value)
    if named is None:
        return Problem(field=reference.column, message=f"no {noun} {value!r}")
    if reference.same_authority and named.authority != record.authority:
        return Problem(
            field=reference.column,
            message=f"{value!r} concerns {named.authority!r}, not {record.authority!r}",
        )
    return None


def _open_end(end: PartialDate | None) -> Any:
    return end.earliest if end is not None else None


def _delivery_overlaps(episodes: Iterable[DeliveryEpisode]) -> list[Problem]:
    """Episodes of one authority that certainly overlap while running the same services.

    Scopes are the same when :func:`same_services` says so (an empty scope
    covers every service). One pass over each authority's episodes in order
    of start: each is compared with the episode that runs longest among the
    earlier ones of its scope (and, for an empty scope, of any scope).
    """
    problems = []
    groups: dict[str, list[DeliveryEpisode]] = defaultdict(list)
    for episode in episodes:
        groups[episode.authority].append(episode)
    for group in groups.values():
        group.sort(key=lambda e: e.start.sort_key())
        longest: dict[str | None, DeliveryEpisode] = {}  # by folded scope; None: empty scopes
        longest_any: DeliveryEpisode | None = None
        for second in group:
            scope = None if second.scope is None else _fold(second.scope)
            rivals = [longest_any] if scope is None else [longest.get(scope), longest.get(None)]
            first = max(
                (r for r in rivals if r is not None and _still_runs(r, second)),
                key=_end_key,
                default=None,
            )
            if first is not None:
                problems.append(
                    Problem(
                        record=f"delivery {second.id}",
                        field="start",
                        message=f"starts ({second.start}) while {first.id!r} "
                        f"({first.start} to {first.end or 'open'}) still runs the same services"
                        + _scopes(first, second),
                    )
                )
            if longest.get(scope) is None or _end_key(second) > _end_key(longest[scope]):
                longest[scope] = second
            if longest_any is None or _end_key(second) > _end_key(longest_any):
                longest_any = second
    return problems


def _still_runs(first: DeliveryEpisode, second: DeliveryEpisode) -> bool:
    """Whether ``first`` certainly still runs when ``second`` (starting no earlier) starts."""
    return first.end is None or second.start.latest < first.end.earliest


def _end_key(episode: DeliveryEpisode) -> tuple[int, Any]:
    """Order by how long an episode certainly runs: open-ended last."""
    return (1, None) if episode.end is None else (0, episode.end.earliest)


def _scopes(first: DeliveryEpisode, second: DeliveryEpisode) -> str:
    if first.scope == second.scope:
        return ""
    if first.scope is None or second.scope is None:
        return " (an empty scope covers every service)"
    return f" (scopes {first.scope!r} and {second.scope!r} are the same)"


def _intervention_links(steps: Iterable[Intervention]) -> list[Problem]:
    """Steps that revise, lift or revoke another (``replaces``): each names a step of a kind it
    can end (:data:`ENDS`), is not dated before it, ends a step no other step already ends,
    and the links never go round in a cycle; a lifting or revocation names what it ends."""
    problems: list[Problem] = []
    by_id = {step.id: step for step in steps}
    ended_by: dict[str, Intervention] = {}
    for step in by_id.values():
        label = f"interventions {step.id}"
        if step.replaces is None:
            if step.kind.ends_something:
                problems.append(
                    Problem(
                        record=label,
                        field="replaces",
                        message=f"a {step.kind.value} step must name the step it ends",
                    )
                )
            continue
        target = by_id.get(step.replaces)
        if target is None:
            continue  # a dangling reference: reported by "every reference resolves"
        allowed = ENDS.get(step.kind)
        verb = _VERBS.get(step.kind, "replaces")
        if allowed is not None and target.kind not in allowed:
            kinds = " or ".join(sorted(k.value for k in allowed))
            problems.append(
                Problem(
                    record=label,
                    field="replaces",
                    message=f"a {step.kind.value} step {verb} a {kinds}, "
                    f"but {target.id!r} is a {target.kind.value}",
                )
            )
        if (
            step.date is not None
            and target.date is not None
            and step.date.certainly_before(target.date)
        ):
            problems.append(
                Problem(
                    record=label,
                    field="date",
                    message=f"{step.date} is before {target.id!r} ({target.date}), which it {verb}",
                )
            )
        if step.kind is InterventionKind.CONTINUES:
            continue  # says the step still ran: it ends nothing
        first = ended_by.get(target.id)
        if first is None:
            ended_by[target.id] = step
        else:
            problems.append(
                Problem(
                    record=label,
                    field="replaces",
                    message=f"{target.id!r} is already revised, lifted or revoked by {first.id!r} "
                    f"({first.kind.value}, {first.date or 'date unknown'}): a step is replaced once",
                )
            )
    problems.extend(_replace_cycles(by_id))
    return problems


def _replace_cycles(by_id: dict[str, Intervention]) -> list[Problem]:
    """Each cycle of ``replaces`` links once, named at its first step in id order (linear time)."""
    problems = []
    state: dict[str, int] = {}  # 1: on the path being followed, 2: done
    for start in sorted(by_id):
        path: list[str] = []
        node: str | None = start
        while node is not None and node in by_id and state.get(node) is None:
            state[node] = 1
            path.append(node)
            node = by_id[node].replaces
        if node is not None and state.get(node) == 1:
            cycle = path[path.index(node) :]
            first = min(cycle)
            at = cycle.index(first)
            ring = [*cycle[at:], *cycle[:at], first]
            problems.append(
                Problem(
                    record=f"interventions {first}",
                    field="replaces",
                    message=f"the replaces links go round in a cycle: {' -> '.join(ring)}",
                )
            )
        for done in path:
            state[done] = 2
    return problems


def _identifier_clashes(identifiers: Iterable[Identifier]) -> list[Problem]:
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
