"""Users' own records merged into the bundled dataset: load(extra=[...]).

The user's facts below are made up for the tests (a source "My notes" and a
2026 inspection); the bundled facts they meet are read off seeds/.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

import childservices as cs
from childservices import DatasetError, Grade
from childservices.model import Citation
from user_folder import NOTES

HEADER = "id,authority,framework,published,overall,source,locator\n"


def _folder(tmp_path: Path, inspections: str, sources: str = NOTES) -> Path:
    root = tmp_path / "mine"
    (root / "sources").mkdir(parents=True, exist_ok=True)
    (root / "inspections").mkdir(exist_ok=True)
    (root / "sources" / "notes.csv").write_text(sources, encoding="utf-8")
    (root / "inspections" / "visits.csv").write_text(HEADER + inspections, encoding="utf-8")
    return root


def test_new_records_are_merged_and_checked(tmp_path: Path) -> None:
    root = _folder(
        tmp_path, "sandwell-ilacs-2026-09-07,sandwell,ilacs,2026-09-07,good,my-notes,p 1\n"
    )
    ds = cs.load(extra=[root])
    inspection = ds.inspection("sandwell-ilacs-2026-09-07")
    assert inspection.overall is Grade.GOOD
    assert inspection.citations == (Citation(source="my-notes", locator="p 1"),)
    assert ds.authority("Sandwell").rating_on("2026-10-01") is Grade.GOOD
    assert ds.records.count() == cs.load().records.count() + 2
    assert ds.data_version is not None and ds.data_version.startswith(cs.load().data_version or "")


def test_the_bundled_dataset_is_left_alone(tmp_path: Path) -> None:
    before = cs.load()
    records = before.records
    root = _folder(tmp_path, "sandwell-ilacs-2026-09-07,sandwell,ilacs,2026-09-07,good,my-notes,\n")
    cs.load(extra=[root])
    assert cs.load() is before
    assert cs.load().records == records
    with pytest.raises(KeyError):
        cs.load().inspection("sandwell-ilacs-2026-09-07")


def test_an_agreeing_row_adds_its_citation(tmp_path: Path) -> None:
    # The bundle says Sandwell's SIF inspection published 5 June 2015 was judged inadequate.
    root = _folder(
        tmp_path, "sandwell-sif-2015-06-05,sandwell,sif,2015-06-05,inadequate,my-notes,\n"
    )
    merged = cs.load(extra=[root]).inspection("sandwell-sif-2015-06-05")
    bundled = cs.load().inspection("sandwell-sif-2015-06-05")
    assert merged.citations == (*bundled.citations, Citation(source="my-notes"))
    assert merged.overall is bundled.overall


def test_a_conflict_with_a_bundled_fact_is_reported(tmp_path: Path) -> None:
    root = _folder(
        tmp_path, "sandwell-sif-2015-06-05,sandwell,sif,2015-06-05,outstanding,my-notes,\n"
    )
    with pytest.raises(DatasetError) as raised:
        cs.load(extra=[root])
    (problem,) = raised.value.problems
    assert problem.file == f"{root / 'inspections' / 'visits.csv'}:2"
    assert problem.field == "overall"
    assert "'outstanding'" in problem.message and "'inadequate'" in problem.message
    assert "<bundled dataset>" in problem.message
    assert cs.load().inspection("sandwell-sif-2015-06-05").overall is Grade.INADEQUATE


def test_a_users_correction_settles_a_conflict_on_purpose(tmp_path: Path) -> None:
    root = _folder(
        tmp_path, "sandwell-sif-2015-06-05,sandwell,sif,2015-06-05,outstanding,my-notes,\n"
    )
    (root / "corrections").mkdir()
    (root / "corrections" / "mine.csv").write_text(
        "table,id,field,value,reason,source\n"
        "inspections,sandwell-sif-2015-06-05,overall,outstanding,testing a correction,my-notes\n"
    )
    ds = cs.load(extra=[root])
    assert ds.inspection("sandwell-sif-2015-06-05").overall is Grade.OUTSTANDING


def test_a_source_restated_identically_merges_and_a_different_one_is_reported(
    tmp_path: Path,
) -> None:
    bundled = cs.load().source("ofsted-report-sandwell-sif-2015-06-05")
    same = (
        "id,title,publisher,published,url\n"
        f'{bundled.id},"{bundled.title}",{bundled.publisher},{bundled.published},{bundled.url}\n'
    )
    file = tmp_path / "sources.csv"
    file.write_text(same)
    assert cs.load(extra=[file]).source(bundled.id) == bundled
    file.write_text(same.replace("Ofsted,", "Someone else,"))
    with pytest.raises(DatasetError, match="repeats sources"):
        cs.load(extra=[file])


def test_a_file_names_its_table_by_folder_or_by_name(tmp_path: Path) -> None:
    (tmp_path / "sources.csv").write_text(NOTES)
    folder = tmp_path / "inspections"
    folder.mkdir()
    (folder / "any-name.csv").write_text(
        HEADER + "sandwell-ilacs-2026-09-07,sandwell,ilacs,2026-09-07,good,my-notes,\n"
    )
    by_file = cs.load(extra=[tmp_path / "sources.csv", folder / "any-name.csv"])
    by_folder = cs.load(extra=[str(tmp_path / "sources.csv"), str(folder)])
    assert by_file.records == by_folder.records
    assert by_file.inspection("sandwell-ilacs-2026-09-07").overall is Grade.GOOD


def test_a_single_path_is_accepted(tmp_path: Path) -> None:
    root = _folder(tmp_path, "")
    assert cs.load(extra=root).source("my-notes").title == "My notes"
    assert cs.load(extra=[]) is cs.load()


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (
            HEADER + "sandwell-ilacs-2026-09-07,sandwel,ilacs,2026-09-07,good,my-notes,\n",
            "no authority",
        ),
        (
            HEADER + "sandwell-ilacs-2026-09-07,sandwell,ilacs,2026-09-07,adequate,my-notes,\n",
            "scale",
        ),
        (
            HEADER + "sandwell-ilacs-2026-09-07,sandwell,ilacs,2026-02-30,good,my-notes,\n",
            "day is out of range",
        ),
        (
            HEADER + "sandwell-ilacs-2026-09-07,sandwell,ilacs,2026-09-07,good,nobody,\n",
            "no source 'nobody'",
        ),
        ("id,authority,colour\n", "is not a column"),
        (HEADER + 'sandwell-x,"sandwell\n', "bad CSV"),
    ],
)
def test_a_bad_file_changes_nothing(tmp_path: Path, content: str, says: str) -> None:
    before = cs.load()
    root = _folder(tmp_path, "")
    (root / "inspections" / "visits.csv").write_text(content)
    with pytest.raises(DatasetError, match=says):
        cs.load(extra=[root])
    assert cs.load() is before


def test_paths_that_name_no_records(tmp_path: Path) -> None:
    (tmp_path / "readme.txt").write_text("hello")
    (tmp_path / "empty").mkdir()
    with pytest.raises(DatasetError) as raised:
        cs.load(extra=[tmp_path / "readme.txt", tmp_path / "empty", tmp_path / "absent"])
    messages = [p.message for p in raised.value.problems]
    assert len(messages) == 3
    assert "cannot tell which table" in messages[0]
    assert "holds no seed-format tables" in messages[1]
    assert messages[2] == "does not exist"


def test_loading_extra_records_from_several_threads(tmp_path: Path) -> None:
    root = _folder(tmp_path, "sandwell-ilacs-2026-09-07,sandwell,ilacs,2026-09-07,good,my-notes,\n")
    results: list[cs.Dataset] = []

    def work() -> None:
        results.append(cs.load(extra=[root]))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4
    assert all(r.records == results[0].records for r in results)
