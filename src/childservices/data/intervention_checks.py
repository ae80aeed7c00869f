"""Cross-record checks of the intervention record: one act, one record; acts in a possible order.

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

from childservices.errors import Problem
from childservices.model import Intervention, InterventionKind, LifecycleEventKind, RecordSet
from childservices.rules.intervention import enders

__all__ = ["COMMISSIONER_GRACE_DAYS", "commissioners_under_notice", "lifecycle_acts"]

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
