"""The life of an alternative delivery model, event by event, and the orders allowed.

A trust (or company, partnership, shared service) is decided on by the
council or directed by the DfE, set up, goes live when services and staff
transfer, has its contract reviewed and renewed, and may later be brought
back in-house and wound up. :class:`TrustLifecycle` holds one provider's
events and refuses an order that cannot happen, naming the event.

The rules, for each authority the provider serves (events with no authority
apply to all of them):

1. Stages come in order: decision or direction, set-up, go-live, reviews and
   renewals, insourcing decision, return in-house, wind-up. A later stage may
   not be dated certainly before an earlier one (stages may be skipped: the
   sources do not record every step).
2. Reviews, renewals, an insourcing decision and a return in-house need a
   go-live: services that never went out cannot come back.
3. Go-live, return in-house and wind-up happen at most once.
4. Nothing happens after the provider is wound up.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable
from typing import Any

import attrs

from childservices.errors import LifecycleError
from childservices.model.dates import PartialDate
from childservices.model.source import Citation
from childservices.model.validate import cited, optional_non_empty, slug

__all__ = ["LifecycleEvent", "LifecycleEventKind", "LifecycleState", "TrustLifecycle"]


class LifecycleEventKind(enum.Enum):
    """A step in an alternative delivery model's life."""

    DECISION = "decision"
    DIRECTION = "direction"
    SET_UP = "set_up"
    GO_LIVE = "go_live"
    CONTRACT_RENEWAL = "contract_renewal"
    REVIEW = "review"
    INSOURCING_DECISION = "insourcing_decision"
    RETURN_IN_HOUSE = "return_in_house"
    WIND_UP = "wind_up"

    @property
    def stage(self) -> int:
        """The order of this step in a lifecycle (equal for steps that may come in any order)."""
        return _STAGES[self]


_STAGES = {
    LifecycleEventKind.DECISION: 0,
    LifecycleEventKind.DIRECTION: 0,
    LifecycleEventKind.SET_UP: 1,
    LifecycleEventKind.GO_LIVE: 2,
    LifecycleEventKind.CONTRACT_RENEWAL: 3,
    LifecycleEventKind.REVIEW: 3,
    LifecycleEventKind.INSOURCING_DECISION: 4,
    LifecycleEventKind.RETURN_IN_HOUSE: 5,
    LifecycleEventKind.WIND_UP: 6,
}
_NEEDS_GO_LIVE = frozenset(
    {
        LifecycleEventKind.CONTRACT_RENEWAL,
        LifecycleEventKind.REVIEW,
        LifecycleEventKind.INSOURCING_DECISION,
        LifecycleEventKind.RETURN_IN_HOUSE,
    }
)
_ONCE = frozenset(
    {LifecycleEventKind.GO_LIVE, LifecycleEventKind.RETURN_IN_HOUSE, LifecycleEventKind.WIND_UP}
)


class LifecycleState(enum.Enum):
    """Where an alternative delivery model stands on a date, for one authority."""

    NOT_STARTED = "not_started"
    DECIDED = "decided"
    SETTING_UP = "setting_up"
    OPERATING = "operating"
    RETURNING = "returning"
    """An insourcing decision has been taken; services have not yet returned."""
    RETURNED = "returned"
    WOUND_UP = "wound_up"


_STATE_AFTER = {
    LifecycleEventKind.DECISION: LifecycleState.DECIDED,
    LifecycleEventKind.DIRECTION: LifecycleState.DECIDED,
    LifecycleEventKind.SET_UP: LifecycleState.SETTING_UP,
    LifecycleEventKind.GO_LIVE: LifecycleState.OPERATING,
    LifecycleEventKind.CONTRACT_RENEWAL: LifecycleState.OPERATING,
    LifecycleEventKind.REVIEW: LifecycleState.OPERATING,
    LifecycleEventKind.INSOURCING_DECISION: LifecycleState.RETURNING,
    LifecycleEventKind.RETURN_IN_HOUSE: LifecycleState.RETURNED,
    LifecycleEventKind.WIND_UP: LifecycleState.WOUND_UP,
}


@attrs.frozen(kw_only=True)
class LifecycleEvent:
    """One dated step in a provider's life; ``authority`` is ``None`` for provider-wide steps.

    A step that is a DfE act (a direction, or a minister's decision on who
    runs the services) is recorded once, in the interventions table:
    ``intervention`` names that record, and every ``direction`` event must.
    """

    id: str = attrs.field(validator=slug)
    provider: str = attrs.field(validator=slug)
    authority: str | None = attrs.field(default=None, validator=attrs.validators.optional(slug))
    event: LifecycleEventKind
    date: PartialDate
    details: str | None = attrs.field(default=None, validator=optional_non_empty)
    intervention: str | None = attrs.field(default=None, validator=attrs.validators.optional(slug))
    citations: tuple[Citation, ...] = attrs.field(validator=cited)


def _event_order(event: LifecycleEvent) -> tuple[datetime.date, int, datetime.date, str]:
    return (event.date.first_day(), event.event.stage, event.date.last_day(), event.id)


def _check_strand(events: list[LifecycleEvent], provider: str, authority: str | None) -> None:
    who = f"{provider}" + (f" for {authority}" if authority else "")
    seen_once: dict[LifecycleEventKind, LifecycleEvent] = {}
    go_lives = [e for e in events if e.event is LifecycleEventKind.GO_LIVE]
    for event in events:
        if event.event in _ONCE:
            if event.event in seen_once:
                raise LifecycleError(
                    f"{who}: event {event.id!r} is a second {event.event.value} "
                    f"(first: {seen_once[event.event].id!r})"
                )
            seen_once[event.event] = event
        if event.event in _NEEDS_GO_LIVE and not go_lives:
            raise LifecycleError(
                f"{who}: event {event.id!r} ({event.event.value}) needs services to have gone "
                "live first, and no go_live is recorded"
            )
    for earlier in events:
        for later in events:
            if later.event.stage > earlier.event.stage and later.date.certainly_before(
                earlier.date
            ):
                raise LifecycleError(
                    f"{who}: event {later.id!r} ({later.event.value}, {later.date}) is dated "
                    f"before {earlier.id!r} ({earlier.event.value}, {earlier.date}), "
                    "which must come first"
                )
    wind_up = seen_once.get(LifecycleEventKind.WIND_UP)
    if wind_up is not None:
        for event in events:
            if event is not wind_up and event.date.certainly_after(wind_up.date):
                raise LifecycleError(
                    f"{who}: event {event.id!r} ({event.event.value}, {event.date}) comes after "
                    f"the wind-up {wind_up.id!r} ({wind_up.date})"
                )


def _check_events(
    instance: TrustLifecycle, attribute: attrs.Attribute[Any], value: tuple[LifecycleEvent, ...]
) -> None:
    if not value:
        raise LifecycleError(f"{instance.provider}: a lifecycle needs at least one event")
    ids = [e.id for e in value]
    if len(set(ids)) != len(ids):
        raise LifecycleError(f"{instance.provider}: an event id appears twice")
    for event in value:
        if event.provider != instance.provider:
            raise LifecycleError(
                f"{instance.provider}: event {event.id!r} belongs to provider {event.provider!r}"
            )
    named = sorted({e.authority for e in value if e.authority is not None})
    authorities: list[str | None] = [*named] if named else [None]
    for authority in authorities:
        strand = sorted((e for e in value if e.authority in (authority, None)), key=_event_order)
        _check_strand(strand, instance.provider, authority)


def _sorted_events(events: Iterable[LifecycleEvent]) -> tuple[LifecycleEvent, ...]:
    return tuple(sorted(events, key=_event_order))


@attrs.frozen(kw_only=True)
class TrustLifecycle:
    """Every recorded step of one alternative delivery model's life, in date order.

    Building one checks the rules of this module and raises
    :class:`~childservices.LifecycleError`, naming the event, when the order
    cannot happen.
    """

    provider: str = attrs.field(validator=slug)
    events: tuple[LifecycleEvent, ...] = attrs.field(
        converter=_sorted_events, validator=_check_events
    )

    @property
    def authorities(self) -> tuple[str, ...]:
        """The authorities whose services this provider ran (as far as its events say)."""
        return tuple(sorted({e.authority for e in self.events if e.authority is not None}))

    def state_on(self, day: datetime.date, authority: str | None = None) -> LifecycleState:
        """The stage reached by ``day`` (for one authority, or provider-wide events only).

        An event counts once it has certainly happened: a step known only to
        the month counts from the end of that month.
        """
        state = LifecycleState.NOT_STARTED
        for event in self.events:
            if event.authority not in (None, authority):
                continue
            if event.date.certainly_by(day):
                state = _STATE_AFTER[event.event]
        return state
