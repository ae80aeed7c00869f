"""Exports: the bundled dataset as a seeds folder, JSON and data frames, and back again."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

import childservices as cs
from childservices.export import GRADE_ORDER, columns, to_csv, to_frames, to_json
from childservices.records.tables import TABLES


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export")
    to_csv(cs.load(), folder)
    return folder


def test_every_table_has_the_seed_formats_columns(exported: Path) -> None:
    for name, table in TABLES.items():
        with (exported / name / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        assert header == list(columns(name))
        assert set(header) <= table.allowed_columns
        assert table.required_columns <= set(header)


def test_the_export_reads_back_as_the_same_records(exported: Path) -> None:
    assert cs.load_seeds(exported).records == cs.load().records


def test_the_export_loaded_as_extra_records_changes_nothing(exported: Path) -> None:
    merged = cs.load(extra=[exported])
    assert merged.records == cs.load().records
    assert merged is not cs.load()


def test_a_record_with_several_sources_is_one_row_per_source(exported: Path) -> None:
    ds = cs.load()
    cited_twice = next(i for i in ds.records.inspections if len(i.citations) > 1)
    with (exported / "inspections" / "inspections.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["id"] == cited_twice.id]
    assert [r["source"] for r in rows] == [c.source for c in cited_twice.citations]
    assert rows[0]["framework"] == cited_twice.framework.value
    assert all(r["framework"] == "" for r in rows[1:])


def test_json_has_the_same_rows_as_csv(exported: Path) -> None:
    payload = json.loads(to_json(cs.load()))
    assert payload["data_version"] == cs.load().data_version
    for name in TABLES:
        with (exported / name / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        items = payload["tables"][name]
        assert len(items) == len(rows)
        for row, item in zip(rows, items, strict=True):
            assert list(item) == list(columns(name))
            as_text = {
                k: "" if v is None else ("yes" if v is True else "no" if v is False else str(v))
                for k, v in item.items()
            }
            assert as_text == row


def test_dates_keep_their_precision_in_the_export(exported: Path) -> None:
    with (exported / "interventions" / "interventions.csv").open(encoding="utf-8") as handle:
        dates = {r["id"]: r["date"] for r in csv.DictReader(handle) if r["date"]}
    assert dates["birmingham-direction-2015-12"] == "2015-12"


def test_frames_have_proper_dtypes() -> None:
    pd = pytest.importorskip("pandas")
    frames = to_frames(cs.load())
    inspections = frames["inspections"]
    ds = cs.load()
    assert len(inspections) == len(ds.records.inspections)
    assert inspections["overall"].dtype == pd.CategoricalDtype(GRADE_ORDER, ordered=True)
    assert str(inspections["framework"].dtype) == "category"
    assert str(inspections["published_earliest"].dtype).startswith("datetime64")
    assert str(frames["insourcing"]["staff_transferred"].dtype) == "Int64"
    assert str(frames["delivery"]["directed"].dtype) == "boolean"
    assert str(inspections["id"].dtype) == "string"
    row = inspections.set_index("id").loc["sandwell-sif-2015-06-05"]
    assert row["overall"] == "inadequate" and row["overall_rank"] == 1
    assert row["published_earliest"] == pd.Timestamp("2015-06-05")
    # Grades compare as grades: inadequate is below good.
    assert (inspections["overall"] < "good").sum() > 0
    month = frames["interventions"].set_index("id").loc["birmingham-direction-2015-12"]
    assert month["date"] == "2015-12"
    assert month["date_earliest"] == pd.Timestamp("2015-12-01")
    assert month["date_latest"] == pd.Timestamp("2015-12-31")
    not_given = inspections[inspections["overall_not_given"]]
    assert len(not_given) > 0 and not_given["overall"].isna().all()
    citations = frames["citations"]
    assert len(citations) == sum(
        len(record.citations)
        for name, table in TABLES.items()
        if table.record_type is not None and table.cited
        for record in getattr(ds.records, name)
    )


def test_frames_include_the_wide_inspections_table() -> None:
    pd = pytest.importorskip("pandas")
    ds = cs.load()
    wide = to_frames(ds)["inspections_wide"]
    assert len(wide) == len(ds.records.inspections)
    assert wide["inspection"].is_unique
    # Sandwell's re-inspection report of 29 January 2018 (page 1 of the PDF in
    # ../shared/sources/ofsted-reports/80549_sandwell, read by hand): inspected
    # 6 to 30 November 2017, inadequate overall and in four of the five
    # judgements, care leavers requires improvement; lead inspector Karen Wareing.
    row = wide.set_index("inspection").loc["sandwell-sif-2018-01-29"]
    assert row["framework"] == "sif" and row["lead_inspector"] == "Karen Wareing"
    assert row["start_earliest"] == pd.Timestamp("2017-11-06")
    assert row["end_latest"] == pd.Timestamp("2017-11-30")
    assert row["published"] == "2018-01-29"
    assert row["overall"] == "inadequate" and row["overall_text"] == "inadequate"
    assert [
        row[a]
        for a in (
            "help_and_protection",
            "looked_after_and_permanence",
            "adoption",
            "leadership_management_governance",
        )
    ] == ["inadequate"] * 4
    assert row["care_leavers"] == "requires_improvement"
    assert pd.isna(row["safeguarding"])
    assert "ofsted" in row["sources"] or "gov.uk" in row["sources"]
    # Grade columns compare as grades; 'not given' is kept as text, not as a grade.
    assert wide["overall"].dtype == pd.CategoricalDtype(GRADE_ORDER, ordered=True)
    not_given = wide[wide["overall_text"] == "not_given"]
    assert len(not_given) > 0 and not_given["overall"].isna().all()
    assert list(wide.columns[: len(ds.inspections_table().columns) + 1]) == [
        *ds.inspections_table().columns[:9],
        "overall_text",
        *ds.inspections_table().columns[9:],
    ]


def test_dataset_methods_delegate_to_the_export(tmp_path: Path) -> None:
    ds = cs.load()
    ds.to_csv(tmp_path)
    assert cs.load_seeds(tmp_path).records == ds.records
    assert json.loads(ds.to_json())["tables"].keys() == TABLES.keys()


def test_frames_of_a_record_set_do_not_run_the_checks_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("pandas")
    import childservices.data.checks as checks

    ds = cs.load()

    def refuse(records: object) -> list[cs.Problem]:
        raise AssertionError("the checks ran again")

    monkeypatch.setattr(checks, "check_records", refuse)
    monkeypatch.setattr(checks, "run_checks", refuse)
    from_records = to_frames(ds.records)
    from_dataset = to_frames(ds)
    assert from_records.keys() == from_dataset.keys()
    for name, frame in from_dataset.items():
        assert from_records[name].equals(frame), name
