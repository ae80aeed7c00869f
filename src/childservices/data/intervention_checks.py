"""Cross-record checks of the intervention record: one act, one record; acts in a possible order.

- A step that revises, lifts or revokes another (``replaces``) names a step
  of a kind it can end (:data:`~childservices.data.intervention_links.ENDS`),
  not dated after it, that no other step already ends; the links go round
  no cycle.
- A commissioner is appointed under an improvement notice or a direction
  (one dated no later than :data:`COMMISSIONER_GRACE_DAYS` after the
  appointment, and not certainly ended before it), or the appointment's
  ``exception`` says why not.
- A trust's lifecycle refers to the DfE's acts rather than restating them:
  every ``direction`` event names its intervention record; a named record
  exists, concerns the same authority, is a direction or a ministerial
  decision, and is dated compatibly with the event (neither certainly before
  the other), so a decision is never dated after the act that enacts it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from childservices.data.intervention_links import ENDS, enders
from childservices.errors import Problem
from childservices.model import Intervention, InterventionKind, LifecycleEventKind, RecordSet

__all__ = [
    "COMMISSIONER_GRACE_DAYS",
    "commissioners_under_notice",
    "lifecycle_acts",
    "replace_links",
]

COMMISSIONER_GRACE_DAYS = 62
"""A direction issued this many days after a commissioner's appointment (formalising it)
still counts as the appointment's footing."""

_FOOTING = frozenset(
    {
        InterventionKind.IMPROVEMENT_NOTICE,
        InterventionKind.STATUTORY_DIRECTION,
        InterventionKind.REVISED_DIRECTION,
    }
)
_ACTS = frozenset(
    {
        InterventionKind.STATUTORY_DIRECTION,
        InterventionKind.REVISED_DIRECTION,
        InterventionKind.MINISTERIAL_DECISION,
    }
)


_VERBS = {
    InterventionKind.NOTICE_LIFTED: "lifts",
    InterventionKind.DIRECTION_REVOKED: "revokes",
    InterventionKind.REVISED_DIRECTION: "revises",
}


def replace_links(steps: Iterable[Intervention]) -> list[Problem]:
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


def commissioners_under_notice(records: RecordSet) -> tuple[int, list[Problem]]:
    """How many dated appointments were checked, and the ones with no notice or direction."""
    by_authority: dict[str, list[Intervention]] = {}
    for step in records.interventions:
        by_authority.setdefault(step.authority, []).append(step)
    checked = 0
    problems = []
    grace = datetime.timedelta(days=COMMISSIONER_GRACE_DAYS)
    for steps in by_authority.values():
        for appointment in steps:
            if appointment.kind is not InterventionKind.COMMISSIONER_APPOINTED:
                continue
            if appointment.date is None or appointment.exception is not None:
                continue
            checked += 1
            start, last = appointment.date.first_day(), appointment.date.last_day()
            footing = False
            for step in steps:
                if step.kind not in _FOOTING or step.date is None:
                    continue
                if step.date.first_day() > last + grace:
                    continue
                ends = [e.date for e in enders(step, steps) if e.date is not None]
                if step.end is not None:
                    ends.append(step.end)
                if any(end.last_day() < start for end in ends):
                    continue
                footing = True
                break
            if not footing:
                problems.append(
                    Problem(
                        record=f"interventions {appointment.id}",
                        field="exception",
                        message=f"a commissioner appointed {appointment.date} with no improvement "
                        "notice or direction of the authority in force then (nor issued within "
                        f"{COMMISSIONER_GRACE_DAYS} days); record the footing, or say why not in "
                        "'exception'",
                    )
                )
    return checked, problems


def lifecycle_acts(records: RecordSet) -> tuple[int, list[Problem]]:
    """How many lifecycle events were checked, and those that restate or misname a DfE act."""
    acts = {step.id: step for step in records.interventions}
    checked = 0
    problems = []
    for event in records.lifecycle:
        if event.event is not LifecycleEventKind.DIRECTION and event.intervention is None:
            continue
        checked += 1
        label = f"lifecycle {event.id}"
        if event.intervention is None:
            problems.append(
                Problem(
                    record=label,
                    field="intervention",
                    message="a direction is a DfE act: name its record in the interventions table",
                )
            )
            continue
        act = acts.get(event.intervention)
        if act is None:
            problems.append(
                Problem(
                    record=label,
                    field="intervention",
                    message=f"no intervention {event.intervention!r}",
                )
            )
            continue
        if act.authority != event.authority:
            problems.append(
                Problem(
                    record=label,
                    field="intervention",
                    message=f"{act.id!r} concerns {act.authority!r}, the event {event.authority!r}",
                )
            )
        if act.kind not in _ACTS:
            problems.append(
                Problem(
                    record=label,
                    field="intervention",
                    message=f"{act.id!r} is a {act.kind.value}, not a direction or a decision",
                )
            )
        if act.date is not None and (
            act.date.certainly_before(event.date) or event.date.certainly_before(act.date)
        ):
            problems.append(
                Problem(
                    record=label,
                    field="date",
                    message=f"dated {event.date}, but the act it names ({act.id}) is dated "
                    f"{act.date}",
                )
            )
    return checked, problems
