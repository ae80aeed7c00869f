"""``validate`` round two (issue 27, item 9): every problem in one run, "did you mean",
authorities named by name, and the library's own JSON export."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from cli_run import run_cli

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
HEADER = "id,authority,framework,kind,start,end,published,overall,lead_inspector,source,locator\n"


def _authorities() -> dict[str, str]:
    """The bundled authorities' ids and names, read from the seed file."""
    with (SEEDS / "authorities" / "la_lookup.csv").open(encoding="utf-8") as handle:
        return {row["id"]: row["name"] for row in csv.DictReader(handle)}


def _source() -> str:
    """A source id of the seeds, read from the seed file."""
    with (SEEDS / "sources" / "official.csv").open(encoding="utf-8") as handle:
        return next(csv.DictReader(handle))["id"]


def _inspections(tmp_path: Path, *rows: str) -> Path:
    folder = tmp_path / "mine" / "inspections"
    folder.mkdir(parents=True)
    (folder / "mine.csv").write_text(HEADER + "".join(rows), encoding="utf-8")
    return tmp_path / "mine"


def test_validate_reports_a_misspelt_authority_with_the_rows_other_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Failed before: only the kind and the date were reported; the misspelt authority came
    # in a second run, after they were fixed, and with no suggestion.
    assert "barnet" in _authorities()
    root = _inspections(
        tmp_path, f"x-1,barnett,ilacs,standrd,2024-13-01,,2024-03-01,good,,{_source()},row 1\n"
    )
    status, out, err = run_cli(capsys, "validate", str(root))
    assert status == 1
    lines = out.splitlines()
    assert any(": kind: 'standrd'" in line for line in lines), out
    assert any(": start: month 13" in line for line in lines), out
    assert any(
        line.endswith("authority: no authority 'barnett' (did you mean 'barnet'?)")
        for line in lines
    ), out
    assert "3 problems found" in err


def test_validate_suggests_a_source_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _source()
    root = _inspections(
        tmp_path, f"x-1,barnet,ilacs,standard,2024-01-01,,2024-03-01,good,,{source}x,row 1\n"
    )
    status, out, _ = run_cli(capsys, "validate", str(root))
    assert status == 1
    assert f"no source '{source}x' (did you mean '{source}'" in out


def test_validate_reads_an_authoritys_name_as_its_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Failed before: "no authority 'Barnet'" (the id was wanted).
    names = _authorities()
    name = names["tower-hamlets"]
    root = _inspections(
        tmp_path,
        f"x-1,{name.upper()},ilacs,standard,2024-01-01,,2024-03-01,good,,{_source()},row 1\n",
    )
    status, out, err = run_cli(capsys, "validate", str(root))
    assert status == 0, out + err
    assert (
        f"note: {root / 'inspections' / 'mine.csv'}:2: authority: {name.upper()!r} read as "
        "the authority 'tower-hamlets'" in out
    )
    assert out.splitlines()[-1].startswith("ok: ")


def test_validate_never_guesses_between_two_authorities_of_one_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _source()
    name = _authorities()["barnet"]
    root = _inspections(
        tmp_path, f"x-1,{name},ilacs,standard,2024-01-01,,2024-03-01,good,,{source},row 1\n"
    )
    (root / "authorities").mkdir()
    (root / "authorities" / "mine.csv").write_text(
        "id,name,kind,region,active_from,active_to,source,locator\n"
        f"barnet-two,{name},london_borough,London,,,{source},row 1\n",
        encoding="utf-8",
    )
    status, out, _ = run_cli(capsys, "validate", str(root))
    assert status == 1
    assert f"authority: {name!r} names more than one authority (barnet, barnet-two)" in out
    assert "no authority" not in out


def test_validate_reads_the_librarys_own_json_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Failed before: "cannot tell which table this is".
    folder = tmp_path / "out"
    status, _, err = run_cli(capsys, "export", "--format", "json", "--out", str(folder))
    assert status == 0, err
    (path,) = folder.glob("*.json")
    status, out, err = run_cli(capsys, "validate", str(path))
    assert status == 0, out + err
    rows = json.loads(path.read_text(encoding="utf-8"))["tables"]
    assert "cannot tell" not in out + err
    assert out.startswith("ok: 1 path(s)")
    # A bad row of the export is placed at its table and row (line n + 1 for the n-th row).
    authorities = _authorities()
    n = next(i for i, row in enumerate(rows["inspections"]) if row["authority"] == "barnet")
    rows["inspections"][n]["authority"] = "barnett"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": 1, "tables": rows}), encoding="utf-8")
    status, out, _ = run_cli(capsys, "validate", "--alone", str(bad))
    assert status == 1
    assert "barnet" in authorities
    assert out.splitlines()[0] == (
        f"{bad} (inspections):{n + 2}: inspections {rows['inspections'][n]['id']}: authority: "
        "no authority 'barnett' (did you mean 'barnet'?)"
    )


def test_validate_says_what_a_json_file_without_tables_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"rows": []}', encoding="utf-8")
    status, out, _ = run_cli(capsys, "validate", "--alone", str(path))
    assert status == 1
    assert out.splitlines() == [
        f"{path}: is not the library's JSON export: it has no 'tables' object "
        "(export --format json writes one)"
    ]
