"""Bad record files give one DatasetError naming file, record and field; nothing is loaded."""

import shutil
from pathlib import Path

import pytest

import childservices as cs
from childservices import DatasetError


@pytest.fixture
def seeds(tiny_seeds: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "seeds"
    shutil.copytree(tiny_seeds, copy)
    return copy


def _append(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


def _problems(seeds: Path) -> list[str]:
    with pytest.raises(DatasetError) as raised:
        cs.load_seeds(seeds)
    return [str(p) for p in raised.value.problems]


def test_malformed_record(seeds: Path) -> None:
    _append(
        seeds / "inspections" / "report.csv",
        "bad-one,exampleton,sif,standard,,,2016-02-31,good,,test-doc,",
    )
    problems = _problems(seeds)
    assert len(problems) == 1
    assert (
        "inspections/report.csv:7" in problems[0]
        and "bad-one" in problems[0]
        and "published" in problems[0]
    )


def test_unknown_grade_names_the_field(seeds: Path) -> None:
    _append(
        seeds / "judgements" / "report.csv",
        "exampleton-sif-2015-06-15,care_leavers,excellent,test-doc,",
    )
    (problem,) = _problems(seeds)
    assert "judgements" in problem and "grade" in problem and "'excellent'" in problem


def test_dangling_reference(seeds: Path) -> None:
    _append(
        seeds / "interventions" / "test.csv",
        "nowhere-notice,nowhere,improvement_notice,2016,,,,,,test-doc,",
    )
    (problem,) = _problems(seeds)
    assert (
        "interventions nowhere-notice" in problem
        and "authority" in problem
        and "'nowhere'" in problem
    )


def test_missing_source(seeds: Path) -> None:
    _append(seeds / "authority_aliases" / "test.csv", "exampleton,Exampleton Town,no-such-doc,")
    (problem,) = _problems(seeds)
    # Found as the row is read: the problem names the file's line and column.
    assert "authority_aliases/test.csv:3" in problem
    assert "source: no source 'no-such-doc'" in problem


def test_out_of_order_dates(seeds: Path) -> None:
    _append(
        seeds / "inspections" / "report.csv",
        "late,exampleton,sif,standard,2016-03-01,2016-02-01,2016-04-01,good,,test-doc,",
    )
    (problem,) = _problems(seeds)
    assert "late" in problem and "end (2016-02-01) is before start (2016-03-01)" in problem


def test_invalid_lifecycle_names_the_event(seeds: Path) -> None:
    _append(
        seeds / "lifecycle" / "test.csv",
        "exampleton-trust-renewal,exampleton-trust,exampleton,contract_renewal,2015-01,,,test-doc,",
    )
    (problem,) = _problems(seeds)
    assert "lifecycle of exampleton-trust" in problem and "'exampleton-trust-renewal'" in problem


def test_overlapping_delivery(seeds: Path) -> None:
    _append(
        seeds / "delivery" / "test.csv",
        "overlap,exampleton,in_house,,,children's social care,2018-01-01,2019-01-01,test-doc,",
    )
    (problem,) = _problems(seeds)
    assert "delivery overlap" in problem and "exampleton-trust-episode" in problem


def test_disagreeing_sources_must_be_resolved(seeds: Path) -> None:
    _append(
        seeds / "inspections" / "sheet.csv",
        "exampleton-sif-2015-06-15,exampleton,sif,standard,,,2015-06-15,requires_improvement,,test-doc-2,row 9",
    )
    (problem,) = _problems(seeds)
    assert (
        "overall" in problem and "'requires_improvement'" in problem and "corrections/" in problem
    )


def test_a_correction_resolves_a_disagreement(seeds: Path) -> None:
    _append(
        seeds / "inspections" / "sheet.csv",
        "exampleton-sif-2015-06-15,exampleton,sif,standard,,,2015-06-15,requires_improvement,,test-doc-2,row 9",
    )
    (seeds / "inspections" / "sheet.csv").write_text(
        (seeds / "inspections" / "sheet.csv")
        .read_text(encoding="utf-8")
        .replace(",requires_improvement,,test-doc-2,row 9", ",,,test-doc-2,row 9"),
        encoding="utf-8",
    )
    (seeds / "corrections").mkdir()
    (seeds / "corrections" / "hand.csv").write_text(
        "table,id,field,value,reason,source,locator\n"
        "inspections,exampleton-sif-2015-06-15,lead_inspector,C Inspector,report read: front page,test-doc,p1\n",
        encoding="utf-8",
    )
    inspection = cs.load_seeds(seeds).inspection("exampleton-sif-2015-06-15")
    assert inspection.lead_inspector == "C Inspector"


def test_unknown_column_and_folder(seeds: Path) -> None:
    (seeds / "inspectoins").mkdir()
    (seeds / "inspectoins" / "x.csv").write_text("id\n", encoding="utf-8")
    (problem,) = _problems(seeds)
    assert "inspectoins" in problem and "is not a table" in problem


def test_not_utf8(seeds: Path) -> None:
    (seeds / "sources" / "latin1.csv").write_bytes("id,title\nx,Caf\xe9\n".encode("latin-1"))
    (problem,) = _problems(seeds)
    assert "latin1.csv" in problem and "UTF-8" in problem


def test_a_correction_settles_a_conflict_between_sources(seeds: Path) -> None:
    _append(
        seeds / "judgements" / "report.csv",
        "exampleton-sif-2015-06-15,adoption,requires_improvement,test-doc-2,sheet row 4",
    )
    assert any("adoption" in p for p in _problems(seeds))
    (seeds / "corrections").mkdir()
    (seeds / "corrections" / "hand.csv").write_text(
        "table,id,field,value,reason,source,locator\n"
        "judgements,exampleton-sif-2015-06-15/adoption,grade,good,report read: adoption good,test-doc,p2\n",
        encoding="utf-8",
    )
    inspection = cs.load_seeds(seeds).inspection("exampleton-sif-2015-06-15")
    assert inspection.grades[cs.Area.ADOPTION] is cs.Grade.GOOD
