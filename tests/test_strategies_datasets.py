"""The public hypothesis strategies generate what the validator accepts, and invalid values only on request."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, strategies as st

import childservices as cs
from childservices import strategies as st_cs
from childservices.export import to_csv
from childservices.model import FRAMEWORK_AREAS, RecordSet, TrustLifecycle
from childservices.model.inspection import grade_fits_framework
from childservices.records import read_seed_folder

RECORD_STRATEGIES: list[tuple[str, st.SearchStrategy[Any]]] = [
    ("sources", st_cs.sources()),
    ("authorities", st_cs.authorities()),
    ("authority_identifiers", st_cs.identifiers()),
    ("authority_aliases", st_cs.alias_records()),
    ("reorganisations", st_cs.reorganisations()),
    ("statistical_neighbours", st_cs.statistical_neighbours()),
    ("inspections", st_cs.inspections()),
    ("visits", st_cs.visits()),
    ("interventions", st_cs.interventions()),
    ("providers", st_cs.providers()),
    ("delivery", st_cs.delivery_episodes()),
    ("insourcing", st_cs.insourcing_events()),
    ("programmes", st_cs.programme_memberships()),
    ("measures", st_cs.measures()),
    ("observations", st_cs.observations()),
]


def _through_seed_files(records: RecordSet) -> RecordSet:
    """Write records as a seeds folder and read them back through the seed reader's checks."""
    with tempfile.TemporaryDirectory() as folder:
        to_csv(records, folder)
        return read_seed_folder(Path(folder))


@given(
    st.sampled_from(RECORD_STRATEGIES).flatmap(lambda case: st.tuples(st.just(case[0]), case[1]))
)
def test_every_record_strategy_passes_the_seed_reader(case: tuple[str, Any]) -> None:
    table, record = case
    records = RecordSet(**{table: (record,)})
    assert _through_seed_files(records) == records


@given(st_cs.record_sets())
def test_record_sets_pass_every_check_and_survive_an_export(records: RecordSet) -> None:
    ds = cs.Dataset.from_records(records)
    assert len(ds) == len(records.authorities)
    assert _through_seed_files(records) == records


@given(st_cs.record_sets(valid=False))
def test_broken_record_sets_are_refused(records: RecordSet) -> None:
    with pytest.raises(cs.DatasetError):
        cs.Dataset.from_records(records)


@given(st_cs.datasets(), st_cs.days())
def test_datasets_answer_questions_on_any_day(ds: cs.Dataset, day: Any) -> None:
    for authority in ds:
        assert ds.authority(authority.id).id == authority.id
        authority.rating_on(day)
        authority.intervention_status_on(day)
        assert authority.delivery_on(day) is not None
    ds.trusts_operating(on=day)


@given(
    st.sampled_from(cs.Framework).flatmap(
        lambda f: st.tuples(st.just(f), st_cs.inspections(framework=f))
    )
)
def test_inspections_fit_their_framework(case: tuple[cs.Framework, cs.Inspection]) -> None:
    framework, inspection = case
    assert inspection.framework is framework
    for judgement in inspection.judgements:
        assert judgement.area in FRAMEWORK_AREAS[framework]
        assert grade_fits_framework(judgement.grade, framework)


@given(st_cs.lifecycles(valid=True))
def test_valid_lifecycles_pass_the_dataset_checks(events: Any) -> None:
    TrustLifecycle(provider="a-trust", events=events)


@given(st_cs.inspection_histories())
def test_histories_have_distinct_ids(history: tuple[cs.Inspection, ...]) -> None:
    assert len({i.id for i in history}) == len(history)
