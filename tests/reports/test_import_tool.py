"""tools/import_reports.py on small made-up folders (the real run is in the shared tests)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from childservices.reports import parse_report_text

TOOL = Path(__file__).resolve().parents[2] / "tools" / "import_reports.py"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "reports"


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("import_reports", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["import_reports"] = module  # the worker processes pickle by module name
    spec.loader.exec_module(module)
    return module


def _seeds(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    (seeds / "authority_identifiers").mkdir(parents=True)
    (seeds / "authorities").mkdir()
    (seeds / "authority_identifiers" / "x.csv").write_text(
        "authority,scheme,value,valid_from,valid_to,source,locator\n"
        "mercia,ofsted_urn,90001,,,s,\n"
        "wessex-county,ofsted_urn,90002,,2019-03-31,s,\n"
        "wessex,ofsted_urn,90002,2019-04-01,,s,\n",
        encoding="utf-8",
    )
    (seeds / "authorities" / "x.csv").write_text(
        "id,name,kind,region,active_from,active_to,source,locator\nmercia,Mercia,,,,,s,\n",
        encoding="utf-8",
    )
    return seeds


def test_a_broken_pdf_fails_the_run_and_writes_nothing(
    tool: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reports = tmp_path / "reports"
    (reports / "90001_mercia").mkdir(parents=True)
    (reports / "90001_mercia" / "children's services inspection - 19 october 2012.pdf").write_bytes(
        b"<!DOCTYPE html><html></html>"
    )
    (reports / "90001_mercia" / "children's services inspection - 1 may 2015.pdf").write_bytes(
        b"%PDF-1.4 this is not really a PDF"
    )
    seeds = _seeds(tmp_path)
    assert tool.main([str(reports), "--seeds", str(seeds), "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert "1 files are not PDFs" in err and "looks like HTML" in err
    assert "1 PDFs could not be turned into rows" in err and "1 may 2015.pdf" in err
    assert not (seeds / "inspections").exists()


def test_rows_from_facts(tool: ModuleType, tmp_path: Path) -> None:
    seeds = _seeds(tmp_path)
    sif = parse_report_text((FIXTURES / "sif.txt").read_text(encoding="utf-8"), where="sif")
    board = parse_report_text(
        (FIXTURES / "sif_board_review.txt").read_text(encoding="utf-8"), where="board"
    )
    folder = tmp_path / "90001_mercia"
    outcomes = [
        tool.Outcome(path=folder / "children's services inspection - 21 april 2015.pdf", facts=sif),
        tool.Outcome(
            path=folder / "children's services inspection - 20 july 2015.pdf", facts=board
        ),
    ]
    rows = tool.build_rows(outcomes, tool.Authorities.load(seeds))
    assert rows.failures == []
    [inspection] = rows.inspections
    # The id and published take the file name's date; the printed 20 April is noted.
    assert inspection["id"] == "mercia-sif-2015-04-21"
    assert inspection["published"] == "2015-04-21"
    assert "2015-04-20" in inspection["note"]
    assert inspection["source"] == "ofsted-report-mercia-sif-2015-04-21"
    assert inspection["locator"] == "children's services inspection - 21 april 2015.pdf"
    # The separate board review joins the SIF inspection before it, citing itself.
    reviews = [r for r in rows.judgements if r["source"].endswith("lscb-review-2015-07-20")]
    assert [(r["inspection"], r["area"], r["grade"]) for r in reviews] == [
        ("mercia-sif-2015-04-21", "lscb_review", "inadequate")
    ]
    sources = {r["id"]: r for r in rows.sources}
    assert sources["ofsted-report-mercia-sif-2015-04-21"] == {
        "id": "ofsted-report-mercia-sif-2015-04-21",
        "title": "Ofsted inspection of Mercia children's services, published 21 April 2015",
        "publisher": "Ofsted",
        "published": "2015-04-21",
        "url": "https://reports.ofsted.gov.uk/provider/44/90001",
    }
    # The printed names ("Mercia Metropolitan Borough Council", "Wessex") are checked
    # against the URN's authority; the board review's "Wessex" does not read as mercia.
    assert any("'wessex'" in warning for warning in rows.warnings)
