"""Rules over histories: the same answers from a view, from a History built from records,
on a subset of authorities, and on the bundled record plus rows of one's own."""

from __future__ import annotations

import ast
import datetime
from pathlib import Path

import attrs
import pytest

import childservices as cs
from childservices.errors import ArgumentValueError
from childservices.model import RecordSet
from childservices.rules import escalation, official, ondate, survival
from childservices.rules.aggregate import panel, quarterly
from childservices.rules.carryover import (
    always,
    carried_inspections,
    keeps_predecessor_urn,
    rating_inspections,
)
from childservices.rules.history import AuthorityHistory, History, histories
from childservices.rules.trajectory import trajectory_of

SRC = Path(__file__).resolve().parent.parent / "src" / "childservices"
DAYS = [datetime.date(y, m, 1) for y in (2014, 2017, 2019, 2021, 2023, 2025, 2026) for m in (1, 7)]

ds = cs.load(updates=False)
built = histories(ds.records)


def test_a_history_built_from_records_holds_what_the_view_holds() -> None:
    assert list(built) == [a.id for a in ds.records.authorities]
    for view in ds.authorities():
        mine = built[view.id]
        assert mine.record == view.record
        for field in (
            "identifiers",
            "inspections",
            "inspection_keys",
            "visits",
            "interventions",
            "deliveries",
            "insourcing",
            "programmes",
        ):
            assert tuple(getattr(mine, field)) == tuple(getattr(view, field)), (view.id, field)
        assert [p.id for p in mine.predecessors] == [p.id for p in view.predecessors]


def test_a_view_and_a_history_are_both_authority_histories() -> None:
    def ids(found: AuthorityHistory) -> str:
        return found.id

    assert ids(ds.authority("Sandwell")) == ids(built["sandwell"]) == "sandwell"


def test_the_rules_answer_the_same_for_a_history_as_for_the_view() -> None:
    for view in ds.authorities():
        mine = built[view.id]
        for day in DAYS:
            assert ondate.rating_on(mine, day) == view.rating_on(day)
            assert ondate.delivery_on(mine, day) == view.delivery_on(day)
            assert ondate.intervention_status_on(mine, day) == view.intervention_status_on(day)
            assert ondate.judgements_on(mine, day) == view.judgements_on(day)
        until = cs.PartialDate(2026, 8, 20).latest
        assert trajectory_of(mine, until=until) == view.trajectory(until=until)


def test_rules_over_many_histories_give_the_dataset_answers() -> None:
    mine = sorted(built.values(), key=lambda h: (h.record.name, h.id))
    rule = cs.CountingRule(inspected_by="2025-03-31", published_by="2025-06-30")
    assert official.official_count(mine, rule) == ds.official_count(rule)
    until = ds.covered_until
    assert until is not None
    assert survival.time_to_good(mine, until=until, by="intervention") == ds.time_to_good(
        by="intervention"
    )
    days = quarterly("2018-01-01", "2024-01-01")
    assert panel(mine, days) == ds.panel(days)
    assert escalation.evaluate(mine, on="2026-06-30") == ds.escalation(on="2026-06-30")


def test_a_rule_runs_on_a_subset_of_authorities() -> None:
    london = [h for h in built.values() if h.record.region is cs.Region.LONDON]
    rule = cs.CountingRule(inspected_by="2025-03-31", published_by="2025-06-30")
    count = official.official_count(london, rule)
    whole = ds.official_count(rule)
    assert set(count.judgements) == {a for a in whole.judgements if a in {h.id for h in london}}
    assert sum(count.by_grade.values()) == len(count.judgements) - len(count.not_given)
    results = survival.time_to_good(london, until=datetime.date(2026, 8, 20))
    assert {f.unit for r in results for f in r.follow_ups} <= {h.id for h in london}


def test_a_rule_runs_on_the_bundled_record_plus_own_rows() -> None:
    sandwell = ds.authority("Sandwell")
    latest = sandwell.inspections[-1]
    mine = attrs.evolve(
        latest,
        id="sandwell-own-2026-09-01",
        published=cs.PartialDate(2026, 9, 1),
        start=cs.PartialDate(2026, 7, 1),
        end=cs.PartialDate(2026, 7, 5),
        overall=cs.Grade.OUTSTANDING,
    )
    records = attrs.evolve(ds.records, inspections=(*ds.records.inspections, mine))
    history = histories(records)["sandwell"]
    assert ondate.rating_on(history, datetime.date(2026, 9, 2)) is cs.Grade.OUTSTANDING
    assert ondate.rating_on(history, datetime.date(2026, 8, 31)) == sandwell.rating_on("2026-08-31")


def test_a_history_sorts_what_it_is_given() -> None:
    sandwell = ds.authority("Sandwell")
    mine = History(
        record=sandwell.record,
        inspections=reversed(sandwell.inspections),
        interventions=reversed(sandwell.interventions),
    )
    assert mine.inspections == sandwell.inspections
    assert mine.interventions == sandwell.interventions
    assert mine.inspection_keys == sandwell.inspection_keys


def test_reorganisations_in_a_circle_are_refused() -> None:
    first, second = ds.records.authorities[:2]
    link = ds.records.reorganisations[0]
    records = RecordSet(
        authorities=(first, second),
        reorganisations=(
            attrs.evolve(link, predecessor=first.id, successor=second.id),
            attrs.evolve(link, predecessor=second.id, successor=first.id),
        ),
    )
    with pytest.raises(ArgumentValueError, match="circle"):
        histories(records)


def test_the_carry_over_rule_serves_ratings_ofsteds_counts_and_ofsteds_listing() -> None:
    for view in ds.authorities():
        assert rating_inspections(view, follows=always) == view.rating_inspections()
        assert rating_inspections(view, follows=None) == view.rating_inspections(
            follow_predecessors=False
        )
        # Ofsted's listing (the drop-in layouts): the record under the authority's URN.
        own = carried_inspections(view, lambda h: tuple(h.inspections), keeps_predecessor_urn)
        if len(view.predecessors) != 1 or not keeps_predecessor_urn(view):
            assert own == view.inspections


def test_successors_found_among_histories_are_those_of_the_record() -> None:
    found = escalation._successors(list(ds.authorities()))
    for view in ds.authorities():
        assert [s.id for s in found.get(view.id, ())] == [s.id for s in view.successors]


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
    return found


@pytest.mark.parametrize("path", sorted((SRC / "rules").glob("*.py")), ids=lambda p: p.name)
def test_rules_never_import_the_dataset_the_views_or_a_writer(path: Path) -> None:
    upward = (
        "childservices.dataset",
        "childservices.authority_view",
        "childservices.catalog",
        "childservices.loading",
        "childservices.layouts",
        "childservices.plot",
        "childservices.export",
        "childservices.cli",
        "childservices.update",
    )
    found = {m for m in _imports(path) if m.startswith(upward)}
    assert not found, found


def test_the_views_and_the_catalog_never_import_the_dataset() -> None:
    paths = [SRC / "catalog.py", *(SRC / "authority_view").glob("*.py")]
    for path in paths:
        found = {
            m
            for m in _imports(path)
            if m.startswith(("childservices.dataset", "childservices.loading"))
        }
        assert not found, (path.name, found)
