"""Strategies for who delivers children's services: providers, delivery episodes, a provider's
lifecycle, insourcing and improvement programmes (re-exported from
:mod:`childservices.strategies`)."""

from __future__ import annotations

import datetime

from hypothesis import strategies as st

from childservices.model import (
    Citation,
    DeliveryEpisode,
    DeliveryFigure,
    DeliveryModel,
    FigureKind,
    FigurePeriod,
    FigureQualifier,
    FigureUnit,
    InsourcingEvent,
    LifecycleEvent,
    LifecycleEventKind,
    PartialDate,
    ProgrammeKind,
    ProgrammeMembership,
    Provider,
    ProviderKind,
)
from childservices.strategies.basics import (
    _ordered_pair,
    _text,
    citations,
    days,
    ids,
    partial_dates,
)

__all__ = [
    "delivery_episodes",
    "delivery_figures",
    "insourcing_events",
    "lifecycles",
    "programme_memberships",
    "providers",
]


def providers() -> st.SearchStrategy[Provider]:
    """Providers of services."""
    return st.builds(
        Provider, id=ids(), name=_text(), kind=st.sampled_from(ProviderKind), citations=citations()
    )


def delivery_episodes() -> st.SearchStrategy[DeliveryEpisode]:
    """Delivery episodes; in-house ones have no provider, the rest have one; some with no end
    carry a ``known_until`` (the last date a source shows them running) not before the start."""
    return st.builds(
        lambda id_, authority, model, provider, directed, scope, span, known, cites: (
            DeliveryEpisode(
                id=id_,
                authority=authority,
                model=model,
                provider=None if model is DeliveryModel.IN_HOUSE else provider,
                directed=directed,
                scope=scope,
                start=span[0],
                end=span[1],
                known_until=None
                if span[1] is not None or known is None or known.certainly_before(span[0])
                else known,
                citations=cites,
            )
        ),
        ids(),
        ids(),
        st.sampled_from(DeliveryModel),
        ids(),
        st.none() | st.booleans(),
        st.none() | _text(),
        _ordered_pair(),
        st.none() | partial_dates(),
        citations(),
    )


def insourcing_events() -> st.SearchStrategy[InsourcingEvent]:
    """Insourcing events with the return on or after the decision."""
    return st.builds(
        lambda id_, authority, provider, span, staff, cost, saving, cites: InsourcingEvent(
            id=id_,
            authority=authority,
            provider=provider,
            decision_date=span[0],
            return_date=span[1],
            staff_transferred=staff,
            one_off_cost=cost,
            annual_saving=saving,
            citations=cites,
        ),
        ids(),
        ids(),
        ids(),
        _ordered_pair(),
        st.none() | st.integers(0, 5000),
        st.none() | st.integers(0, 10**8),
        st.none() | st.integers(0, 10**8),
        citations(),
    )


_STAFF_UNITS = (FigureUnit.PEOPLE, FigureUnit.FTE)


@st.composite
def delivery_figures(draw: st.DrawFn) -> DeliveryFigure:
    """Figures of money and staff, each of an episode or of a return in-house, with a unit
    that fits the kind, and a high value, a year or a span exactly where the qualifier or
    the period asks for one."""
    kind = draw(st.sampled_from(FigureKind))
    if kind is FigureKind.STAFF_TRANSFERRED:
        unit = draw(st.sampled_from(_STAFF_UNITS))
    elif kind is FigureKind.CONTRACT_TERM:
        unit = FigureUnit.YEARS
    else:
        unit = FigureUnit.POUNDS
    value = draw(st.integers(0, 10**9) | st.floats(0, 10**9, allow_nan=False))
    qualifier = draw(st.sampled_from(FigureQualifier))
    high = None
    if qualifier is FigureQualifier.RANGE:
        high = value + draw(st.integers(0, 10**6))
    period = draw(st.sampled_from(FigurePeriod))
    of_episode = draw(st.booleans())
    return DeliveryFigure(
        id=draw(ids()),
        authority=draw(ids()),
        provider=draw(ids()),
        episode=draw(ids()) if of_episode else None,
        insourcing=None if of_episode else draw(ids()),
        kind=kind,
        value=value,
        value_high=high,
        unit=unit,
        qualifier=qualifier,
        period=period,
        financial_year=draw(st.integers(1990, 2100))
        if period is FigurePeriod.FINANCIAL_YEAR
        else None,
        span_years=draw(st.integers(1, 30)) if period is FigurePeriod.OVER_YEARS else None,
        stated=draw(st.none() | partial_dates()),
        citations=draw(citations()),
    )


def programme_memberships() -> st.SearchStrategy[ProgrammeMembership]:
    """Programme memberships and grants."""
    return st.builds(
        ProgrammeMembership,
        id=ids(),
        programme=st.sampled_from(ProgrammeKind),
        authority=ids(),
        start=st.none() | partial_dates(),
        end=st.none() | partial_dates(),
        amount=st.none() | st.integers(0, 10**8),
        purpose=st.none() | _text(),
        citations=citations(),
    )


_VALID_PATHS = (
    (LifecycleEventKind.DIRECTION, LifecycleEventKind.SET_UP, LifecycleEventKind.GO_LIVE),
    (LifecycleEventKind.DECISION, LifecycleEventKind.GO_LIVE, LifecycleEventKind.CONTRACT_RENEWAL),
    (
        LifecycleEventKind.DECISION,
        LifecycleEventKind.SET_UP,
        LifecycleEventKind.GO_LIVE,
        LifecycleEventKind.REVIEW,
        LifecycleEventKind.INSOURCING_DECISION,
        LifecycleEventKind.RETURN_IN_HOUSE,
        LifecycleEventKind.WIND_UP,
    ),
    (LifecycleEventKind.GO_LIVE, LifecycleEventKind.RETURN_IN_HOUSE),
)
"""Orders of a provider's events that can happen, from a direction or a decision to a wind-up."""


@st.composite
def lifecycles(
    draw: st.DrawFn, *, valid: bool = True, provider: str = "a-trust"
) -> tuple[LifecycleEvent, ...]:
    """The events of one provider's life for one authority.

    ``valid=True`` gives orders that can happen; ``valid=False`` breaks one
    rule: a later stage dated before an earlier one, a return with no
    go-live, a second go-live, or an event after the wind-up.
    """
    kinds = list(draw(st.sampled_from(_VALID_PATHS)))
    if not valid:
        kinds = _broken_order(draw, kinds)
    start = draw(days(datetime.date(2010, 1, 1), datetime.date(2015, 12, 31)))
    gaps = draw(st.lists(st.integers(1, 700), min_size=len(kinds), max_size=len(kinds)))
    dates = []
    current = start
    for gap in gaps:
        current = current + datetime.timedelta(days=gap)
        dates.append(PartialDate.from_date(current))
    return tuple(
        LifecycleEvent(
            id=f"{provider}-{n}",
            provider=provider,
            authority="testshire",
            event=kind,
            date=when,
            citations=(Citation(source="test"),),
        )
        for n, (kind, when) in enumerate(zip(kinds, dates, strict=True))
    )


def _broken_order(draw: st.DrawFn, kinds: list[LifecycleEventKind]) -> list[LifecycleEventKind]:
    """A valid order of events made impossible in one way chosen at random."""
    breakage = draw(st.sampled_from(["reversed", "no_go_live", "second_go_live", "after_wind_up"]))
    if breakage == "reversed":
        return [LifecycleEventKind.SET_UP, LifecycleEventKind.DIRECTION]
    if breakage == "no_go_live":
        earlier = [k for k in kinds if k.stage < LifecycleEventKind.GO_LIVE.stage]
        return [*earlier, LifecycleEventKind.RETURN_IN_HOUSE]
    if breakage == "second_go_live":
        return [*kinds, LifecycleEventKind.GO_LIVE]
    return [LifecycleEventKind.GO_LIVE, LifecycleEventKind.WIND_UP, LifecycleEventKind.REVIEW]
