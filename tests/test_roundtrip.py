"""Every record type survives JSON exactly, through the one converter."""

import json
from typing import Any

from hypothesis import given, strategies as st

from childservices import strategies as st_cs
from childservices.convert import structure, unstructure
from childservices.model import (
    Alias,
    Authority,
    DeliveryEpisode,
    DeliveryFigure,
    Identifier,
    InsourcingEvent,
    Inspection,
    Intervention,
    LifecycleEvent,
    ProgrammeMembership,
    Provider,
    RecordSet,
    Reorganisation,
    Source,
    StatisticalNeighbour,
    Visit,
)

CASES: list[tuple[type[Any], st.SearchStrategy[Any]]] = [
    (Source, st_cs.sources()),
    (Authority, st_cs.authorities()),
    (Identifier, st_cs.identifiers()),
    (Alias, st_cs.alias_records()),
    (Reorganisation, st_cs.reorganisations()),
    (StatisticalNeighbour, st_cs.statistical_neighbours()),
    (Inspection, st_cs.inspections()),
    (Visit, st_cs.visits()),
    (Intervention, st_cs.interventions()),
    (Provider, st_cs.providers()),
    (DeliveryEpisode, st_cs.delivery_episodes()),
    (InsourcingEvent, st_cs.insourcing_events()),
    (DeliveryFigure, st_cs.delivery_figures()),
    (ProgrammeMembership, st_cs.programme_memberships()),
]


def _through_json(value: Any, cls: type[Any]) -> Any:
    return structure(json.loads(json.dumps(unstructure(value))), cls)


@given(st.sampled_from(CASES).flatmap(lambda case: st.tuples(st.just(case[0]), case[1])))
def test_every_record_type_round_trips(case: tuple[type[Any], Any]) -> None:
    cls, value = case
    assert _through_json(value, cls) == value


@given(st_cs.lifecycles())
def test_lifecycle_events_round_trip(events: tuple[LifecycleEvent, ...]) -> None:
    for event in events:
        assert _through_json(event, LifecycleEvent) == event


@given(st_cs.inspection_histories(), st.lists(st_cs.interventions(), max_size=3))
def test_record_sets_round_trip(history: tuple[Inspection, ...], steps: list[Intervention]) -> None:
    records = RecordSet(inspections=history, interventions=tuple(steps))
    assert _through_json(records, RecordSet) == records
