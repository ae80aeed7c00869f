"""Lifecycle validation accepts orders that can happen and names the event in those that cannot."""

import pytest
from hypothesis import given

from childservices import (
    LifecycleError,
    LifecycleState,
    PartialDate,
    TrustLifecycle,
    strategies as st_cs,
)
from childservices.model import Citation, LifecycleEvent, LifecycleEventKind

CITE = (Citation(source="test"),)


def _event(
    id_: str, kind: LifecycleEventKind, date: str, authority: str | None = "town"
) -> LifecycleEvent:
    return LifecycleEvent(
        id=id_,
        provider="trust",
        authority=authority,
        event=kind,
        date=PartialDate.parse(date),
        citations=CITE,
    )


@given(st_cs.lifecycles(valid=True))
def test_valid_orders_are_accepted(events: tuple[LifecycleEvent, ...]) -> None:
    lifecycle = TrustLifecycle(provider="a-trust", events=events)
    assert len(lifecycle.events) == len(events)


@given(st_cs.lifecycles(valid=False))
def test_invalid_orders_are_refused(events: tuple[LifecycleEvent, ...]) -> None:
    with pytest.raises(LifecycleError) as raised:
        TrustLifecycle(provider="a-trust", events=events)
    assert any(repr(event.id) in str(raised.value) for event in events)


def test_go_live_before_the_decision_names_the_event() -> None:
    with pytest.raises(LifecycleError, match=r"'live'.*before 'decided'"):
        TrustLifecycle(
            provider="trust",
            events=(
                _event("decided", LifecycleEventKind.DECISION, "2015-06-01"),
                _event("live", LifecycleEventKind.GO_LIVE, "2015-01-01"),
            ),
        )


def test_no_return_of_services_that_never_went_out() -> None:
    with pytest.raises(LifecycleError, match=r"'back'.*no go_live"):
        TrustLifecycle(
            provider="trust",
            events=(
                _event("decided", LifecycleEventKind.DECISION, "2015"),
                _event("back", LifecycleEventKind.RETURN_IN_HOUSE, "2020"),
            ),
        )


def test_vague_dates_that_could_be_in_order_are_accepted() -> None:
    lifecycle = TrustLifecycle(
        provider="trust",
        events=(
            _event("decided", LifecycleEventKind.DECISION, "2014"),
            _event("live", LifecycleEventKind.GO_LIVE, "2014-10"),
        ),
    )
    assert (
        lifecycle.state_on(PartialDate(2014, 10, 15).earliest, "town") is LifecycleState.NOT_STARTED
    )
    assert (
        lifecycle.state_on(PartialDate(2014, 12, 31).earliest, "town") is LifecycleState.OPERATING
    )


def test_provider_wide_wind_up_applies_to_every_authority() -> None:
    with pytest.raises(LifecycleError, match="'review'"):
        TrustLifecycle(
            provider="trust",
            events=(
                _event("live", LifecycleEventKind.GO_LIVE, "2014-01-01", "town"),
                _event("wound-up", LifecycleEventKind.WIND_UP, "2018-01-01", None),
                _event("review", LifecycleEventKind.REVIEW, "2019-01-01", "town"),
            ),
        )
