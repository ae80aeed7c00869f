"""An authority's dated events: the days in its record around which a measure can be read.

An :class:`Event` is one dated thing the record says happened to an
authority, taken from one of its records and citing that record's sources:

- **a judgement**: an inspection under the single inspection framework or
  ILACS (:data:`~childservices.rules.asof.SIF_AND_LATER`) whose overall
  judgement was outstanding, good, requires improvement or inadequate. Its
  day is the day the report was certainly published
  (:func:`~childservices.rules.asof.publication_key`): the day it became the
  authority's rating.
- **an intervention step** with a date: an improvement notice, a notice
  lifted, a statutory direction, a revised direction, a direction revoked, a
  commissioner appointed, a commissioner's recommendation, a minister's
  decision. (A step a source says *continues* is not an event.)
- **a trust going live**: the start of a delivery episode of a not-for-profit
  company model (a children's trust, a council-owned company, a company owned
  by several councils: :data:`~childservices.rules.delivery.COMPANY_MODELS`);
  **a partnership starting**: the start of a partnership or shared service.
  An episode that carries on the same model and provider from the
  authority's previous episode (the Isle of Wight's partnership becoming
  voluntary in 2018), or a predecessor's from the authority's first day
  (North and West Northamptonshire's trust of 1 April 2021:
  :func:`~childservices.rules.changes.continues_predecessor_arrangement`),
  is not a new event.
- **a return in-house**: an insourcing record's return date, or the start of
  an in-house episode after an alternative one where no insourcing record
  gives that return (the insourcing record is preferred: it is one return,
  listed once).

Where a source gives a date only to the month or year, ``day`` is the last
day it could be (the rules' conservative reading, as in
:mod:`childservices.rules.changes`) and ``date`` keeps the date as recorded.
Undated steps are left out: they have no day to stand around.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Collection, Iterator

import attrs

from childservices.model import (
    Citation,
    DeliveryEpisode,
    DeliveryModel,
    Framework,
    Grade,
    InterventionKind,
    PartialDate,
)
from childservices.rules.asof import SIF_AND_LATER, publication_key
from childservices.rules.changes import continues_predecessor_arrangement
from childservices.rules.delivery import COMPANY_MODELS
from childservices.rules.history import AuthorityHistory

__all__ = ["Event", "EventKind", "events_of"]


class EventKind(enum.Enum):
    """What kind of dated event of the record an :class:`Event` is."""

    OUTSTANDING_JUDGEMENT = "outstanding_judgement"
    GOOD_JUDGEMENT = "good_judgement"
    REQUIRES_IMPROVEMENT_JUDGEMENT = "requires_improvement_judgement"
    INADEQUATE_JUDGEMENT = "inadequate_judgement"
    IMPROVEMENT_NOTICE = "improvement_notice"
    NOTICE_LIFTED = "notice_lifted"
    STATUTORY_DIRECTION = "statutory_direction"
    REVISED_DIRECTION = "revised_direction"
    DIRECTION_REVOKED = "direction_revoked"
    COMMISSIONER_APPOINTED = "commissioner_appointed"
    COMMISSIONER_RECOMMENDATION = "commissioner_recommendation"
    MINISTERIAL_DECISION = "ministerial_decision"
    TRUST_GOES_LIVE = "trust_goes_live"
    """A children's trust or another not-for-profit company starts running the services."""
    PARTNERSHIP_STARTS = "partnership_starts"
    """A partnership with another council, or a shared service, starts running them."""
    RETURN_IN_HOUSE = "return_in_house"
    """The council takes its services back from a provider."""

    @property
    def label(self) -> str:
        """The kind in words (``trust goes live``)."""
        return self.value.replace("_", " ")


_JUDGEMENTS = {
    Grade.OUTSTANDING: EventKind.OUTSTANDING_JUDGEMENT,
    Grade.GOOD: EventKind.GOOD_JUDGEMENT,
    Grade.REQUIRES_IMPROVEMENT: EventKind.REQUIRES_IMPROVEMENT_JUDGEMENT,
    Grade.INADEQUATE: EventKind.INADEQUATE_JUDGEMENT,
}

_STEPS = {
    InterventionKind.IMPROVEMENT_NOTICE: EventKind.IMPROVEMENT_NOTICE,
    InterventionKind.NOTICE_LIFTED: EventKind.NOTICE_LIFTED,
    InterventionKind.STATUTORY_DIRECTION: EventKind.STATUTORY_DIRECTION,
    InterventionKind.REVISED_DIRECTION: EventKind.REVISED_DIRECTION,
    InterventionKind.DIRECTION_REVOKED: EventKind.DIRECTION_REVOKED,
    InterventionKind.COMMISSIONER_APPOINTED: EventKind.COMMISSIONER_APPOINTED,
    InterventionKind.COMMISSIONER_RECOMMENDATION: EventKind.COMMISSIONER_RECOMMENDATION,
    InterventionKind.MINISTERIAL_DECISION: EventKind.MINISTERIAL_DECISION,
}


@attrs.frozen(kw_only=True)
class Event:
    """One dated event of an authority's record (see the module for what counts).

    ``date`` is the date as its record gives it (to the day, month or year);
    ``day`` is the day the rules place it at (the last day ``date`` could be;
    for a judgement, the day its report was certainly published). ``record``
    is the id of the record it comes from (an inspection, an intervention
    step, a delivery episode or an insourcing record), ``detail`` a few words
    from that record (the delivery model and provider, a step's ``by``), and
    ``citations`` that record's sources.
    """

    kind: EventKind
    authority: str
    day: datetime.date
    date: PartialDate
    record: str
    detail: str | None = None
    citations: tuple[Citation, ...] = ()

    def __str__(self) -> str:
        return f"{self.kind.label} {self.date} ({self.record})"


def events_of(
    history: AuthorityHistory, *, kinds: Collection[EventKind] | None = None
) -> tuple[Event, ...]:
    """The authority's dated events (``kinds`` of them, or all), in order of day, then record id.

    Only its own records: a predecessor's events are the predecessor's.

    >>> import childservices as cs
    >>> found = events_of(cs.load().authority("Sandwell"), kinds={EventKind.TRUST_GOES_LIVE})
    >>> [(e.kind.value, str(e.day), e.record) for e in found]
    [('trust_goes_live', '2018-04-01', 'sandwell-sct')]
    """
    found = [*_judgements(history), *_steps(history), *_deliveries(history)]
    if kinds is not None:
        found = [e for e in found if e.kind in kinds]
    return tuple(sorted(found, key=lambda e: (e.day, e.record, e.kind.value)))


def _judgements(history: AuthorityHistory) -> Iterator[Event]:
    frameworks: Collection[Framework] = SIF_AND_LATER
    for inspection in history.inspections:
        overall = inspection.overall
        if inspection.framework not in frameworks or not isinstance(overall, Grade):
            continue
        kind = _JUDGEMENTS.get(overall)
        if kind is not None:
            yield Event(
                kind=kind,
                authority=history.id,
                day=publication_key(inspection),
                date=inspection.published,
                record=inspection.id,
                detail=inspection.framework.value,
                citations=inspection.citations,
            )


def _steps(history: AuthorityHistory) -> Iterator[Event]:
    for step in history.interventions:
        kind = _STEPS.get(step.kind)
        if kind is None or step.date is None:
            continue
        yield Event(
            kind=kind,
            authority=history.id,
            day=step.date.last_day(),
            date=step.date,
            record=step.id,
            detail=step.by,
            citations=step.citations,
        )


def _continues_own(episode: DeliveryEpisode, earlier: DeliveryEpisode | None) -> bool:
    """Whether ``episode`` carries on ``earlier`` (the same model and provider, from its end)."""
    return (
        earlier is not None
        and earlier.model is episode.model
        and earlier.provider == episode.provider
        and earlier.end == episode.start
    )


def _deliveries(history: AuthorityHistory) -> Iterator[Event]:
    returns = {e.return_date.last_day() for e in history.insourcing if e.return_date is not None}
    for event in history.insourcing:
        if event.return_date is not None:
            yield Event(
                kind=EventKind.RETURN_IN_HOUSE,
                authority=history.id,
                day=event.return_date.last_day(),
                date=event.return_date,
                record=event.id,
                detail=f"from {event.provider}",
                citations=event.citations,
            )
    earlier: DeliveryEpisode | None = None
    for episode in history.deliveries:
        kind = _delivery_kind(episode, earlier)
        previous, earlier = earlier, episode
        if kind is None or _continues_own(episode, previous):
            continue
        if continues_predecessor_arrangement(history, episode):
            continue
        if kind is EventKind.RETURN_IN_HOUSE and episode.start.last_day() in returns:
            continue
        detail = (
            episode.model.value
            if episode.provider is None
            else (f"{episode.model.value}: {episode.provider}")
        )
        yield Event(
            kind=kind,
            authority=history.id,
            day=episode.start.last_day(),
            date=episode.start,
            record=episode.id,
            detail=detail,
            citations=episode.citations,
        )


def _delivery_kind(episode: DeliveryEpisode, earlier: DeliveryEpisode | None) -> EventKind | None:
    if episode.model in COMPANY_MODELS:
        return EventKind.TRUST_GOES_LIVE
    if episode.model is DeliveryModel.IN_HOUSE:
        alternative_before = earlier is not None and earlier.model.alternative
        return EventKind.RETURN_IN_HOUSE if alternative_before else None
    return EventKind.PARTNERSHIP_STARTS
