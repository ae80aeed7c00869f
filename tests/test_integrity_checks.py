"""The cross-record checks added for the integrity check, and tools/check_integrity.py."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

import attrs
import pytest

from childservices.data.checks import check_records, run_checks
from childservices.model import PartialDate, RecordSet
from childservices.records import read_seed_folder

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def records(tiny_seeds: Path) -> RecordSet:
    return read_seed_folder(tiny_seeds)


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "check_integrity", ROOT / "tools" / "check_integrity.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _replace(records: RecordSet, table: str, index: int, **changes: object) -> RecordSet:
    rows = list(getattr(records, table))
    rows[index] = attrs.evolve(rows[index], **changes)
    return attrs.evolve(records, **{table: tuple(rows)})


def test_tiny_records_pass_every_check(records: RecordSet) -> None:
    results = run_checks(records)
    assert all(r.ok for r in results)
    assert all(r.checked > 0 for r in results)
    assert check_records(records) == []


def test_an_intervention_before_its_authority_existed(records: RecordSet) -> None:
    index = next(i for i, r in enumerate(records.interventions) if r.authority == "exampleton")
    moved = _replace(records, "interventions", index, authority="north-testshire")
    problems = check_records(moved)
    assert any(
        p.field == "date" and "before 'north-testshire' existed" in p.message for p in problems
    ), problems


def test_a_delivery_episode_after_its_authority_was_abolished(records: RecordSet) -> None:
    index = 0
    episode = records.delivery[index]
    moved = _replace(
        records,
        "delivery",
        index,
        authority="testshire",
        start=PartialDate(2022, 1, 1),
        end=None,
    )
    problems = [p for p in check_records(moved) if p.record == f"delivery {episode.id}"]
    assert any("after 'testshire' was abolished" in p.message for p in problems), problems


def test_reorganisation_dated_before_the_successor_existed(records: RecordSet) -> None:
    moved = _replace(records, "reorganisations", 0, date=PartialDate(2020, 4, 1))
    problems = check_records(moved)
    assert any(
        p.record == "reorganisations testshire/north-testshire"
        and "before 'north-testshire' existed" in p.message
        for p in problems
    ), problems


def test_reorganisation_long_after_the_predecessor_was_abolished(records: RecordSet) -> None:
    rows = list(records.authorities)
    index = next(i for i, a in enumerate(rows) if a.id == "testshire")
    rows[index] = attrs.evolve(rows[index], active_to=PartialDate(2020, 3, 31))
    moved = attrs.evolve(records, authorities=tuple(rows))
    problems = check_records(moved)
    assert any("after 'testshire' was abolished" in p.message for p in problems), problems


def test_a_record_without_a_source_is_found(records: RecordSet) -> None:
    # The record types refuse an uncited record; one built another way is caught here.
    authority = records.authorities[0]
    uncited = attrs.evolve(authority)
    object.__setattr__(uncited, "citations", ())
    moved = attrs.evolve(records, authorities=(uncited, *records.authorities[1:]))
    problems = check_records(moved)
    assert any(p.field == "citations" and "no source" in p.message for p in problems)


def _index(records: RecordSet, table: str, ident: str) -> int:
    return next(i for i, r in enumerate(getattr(records, table)) if r.id == ident)


def test_a_commissioner_with_no_notice_or_direction(records: RecordSet) -> None:
    index = _index(records, "interventions", "exampleton-commissioner-2015")
    early = _replace(records, "interventions", index, date=PartialDate(2014, 1, 10))
    problems = check_records(early)
    assert [p.record for p in problems] == ["interventions exampleton-commissioner-2015"]
    assert problems[0].field == "exception"
    # Saying why is allowed.
    said = _replace(
        early, "interventions", index, exception="appointed to review before any notice"
    )
    assert check_records(said) == []
    # A commissioner after the direction was revoked has no footing either.
    late = _replace(records, "interventions", index, date=PartialDate(2021, 1, 10))
    assert [p.record for p in check_records(late)] == ["interventions exampleton-commissioner-2015"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"intervention": None}, "name its record in the interventions table"),
        ({"intervention": "no-such-act"}, "no intervention 'no-such-act'"),
        ({"intervention": "exampleton-commissioner-2015"}, "not a direction or a decision"),
        ({"date": PartialDate(2017, 5)}, "the act it names (exampleton-direction) is dated"),
    ],
)
def test_a_lifecycle_direction_names_its_act(
    records: RecordSet, change: dict[str, object], message: str
) -> None:
    index = _index(records, "lifecycle", "exampleton-trust-direction")
    changed = _replace(records, "lifecycle", index, **change)
    problems = [
        p for p in check_records(changed) if p.record == "lifecycle exampleton-trust-direction"
    ]
    assert any(message in p.message for p in problems), problems


def test_tool_prints_counts_and_passes_on_the_bundle(capsys: pytest.CaptureFixture[str]) -> None:
    assert _tool().main([]) == 0
    out = capsys.readouterr().out
    for phrase in (
        "every reference resolves",
        "every fact has a source",
        "no two delivery models overlap",
        "within their authority's lifetime",
        "commissioners are appointed under a notice or direction",
        "lifecycles name the DfE acts they refer to",
        "all checks passed",
        "Coverage of the intervention record",
    ):
        assert phrase in out
    assert "FAILED" not in out


def test_tool_fails_on_bad_seeds(
    tiny_seeds: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(tiny_seeds, seeds)
    reorgs = seeds / "reorganisations" / "test.csv"
    reorgs.write_text(
        reorgs.read_text(encoding="utf-8").replace(
            "north-testshire,2021-04-01", "north-testshire,2020-01-01"
        ),
        encoding="utf-8",
    )
    assert _tool().main(["--seeds", str(seeds)]) == 1
    assert "FAILED" in capsys.readouterr().out
