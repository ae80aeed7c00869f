"""Every command of the command line, run as a user runs it: a subprocess, with good and bad input."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "childservices", *args],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=cwd,
    )


def _one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


# ratings, trusts, interventions -------------------------------------------------


def test_ratings_table_csv_and_json_agree() -> None:
    table = _run("ratings", "--on", "2016-06-01")
    as_csv = _run("ratings", "--on", "2016-06-01", "--format", "csv")
    as_json = _run("ratings", "--on", "2016-06-01", "--format", "json")
    for result in (table, as_csv, as_json):
        assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    items = json.loads(as_json.stdout)
    assert [r["authority"] for r in rows] == [i["authority"] for i in items]
    assert len(table.stdout.splitlines()) == len(rows) + 1
    sandwell = next(i for i in items if i["authority"] == "sandwell")
    # Sandwell's SIF inspection published on 5 June 2015 judged it inadequate.
    assert sandwell["rating"] == "inadequate"
    assert sandwell["inspection"] == "sandwell-sif-2015-06-05"
    # Authorities that did not exist on the day are not listed.
    assert "north-yorkshire" not in {r["authority"] for r in rows}


@pytest.mark.parametrize(
    ("day", "basis", "frameworks"),
    [
        ("2016-06-01", "overall", ()),
        ("2012-06-01", "overall", ("--all-frameworks",)),
        ("2026-08-31", "latest-overall", ()),
        ("2026-08-31", "impact_of_leaders", ()),
    ],
)
def test_the_ratings_table_is_the_librarys_answer(
    day: str, basis: str, frameworks: tuple[str, ...]
) -> None:
    import childservices as cs
    from childservices.cli import main

    out = io.StringIO()
    command = ["ratings", "--on", day, "--basis", basis, *frameworks, "--format", "json"]
    assert main(command, out=out) == 0
    table = {row["authority"]: row["rating"] for row in json.loads(out.getvalue())}
    rating_basis = cs.RatingBasis.OVERALL if basis == "overall" else None
    if basis == "latest-overall":
        rating_basis = cs.RatingBasis.LATEST_OVERALL
    answer = cs.load().ratings_on(
        day,
        frameworks=cs.ALL_FRAMEWORKS if frameworks else cs.SIF_AND_LATER,
        rating_basis=rating_basis or cs.Area(basis),
    )
    assert table == {a: None if r is None else r.value for a, r in answer.items()}


def test_trusts_on_a_day() -> None:
    result = _run("trusts", "--on", "2020-01-01", "--format", "json")
    assert result.returncode == 0, result.stderr
    providers = {i["provider"]: i for i in json.loads(result.stdout)}
    assert providers["doncaster-childrens-services-trust"]["authorities"] == "doncaster"
    before = _run("trusts", "--on", "2014-01-01", "--format", "json")
    assert "doncaster-childrens-services-trust" not in {
        i["provider"] for i in json.loads(before.stdout)
    }


def test_interventions_on_a_day() -> None:
    result = _run("interventions", "--on", "2016-06-01", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = {r["authority"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    assert rows["sandwell"]["status"] == "statutory_direction"
    assert "sandwell-direction-2014-07-22" in rows["sandwell"]["steps"].split(";")


@pytest.mark.parametrize("command", ["ratings", "trusts", "interventions"])
@pytest.mark.parametrize(
    ("day", "says"),
    [("2020-13-01", "month 13"), ("2020", "not a single day"), ("yesterday", "is not a date")],
)
def test_malformed_dates_are_one_line(command: str, day: str, says: str) -> None:
    result = _run(command, "--on", day)
    assert result.returncode == 2
    assert says in _one_error_line(result)


def test_a_missing_date_and_an_unknown_format_are_one_line() -> None:
    assert "--on" in _one_error_line(_run("ratings"))
    assert "invalid choice" in _one_error_line(
        _run("ratings", "--on", "2020-01-01", "--format", "xml")
    )
    assert "invalid choice" in _one_error_line(_run("nonsense"))


@pytest.mark.parametrize(
    "command",
    ["ratings", "trusts", "interventions", "export", "validate", "read-report", "summary"],
)
def test_every_command_has_help(command: str) -> None:
    result = _run(command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith(f"usage: childservices {command}")


# show ---------------------------------------------------------------------------------


def test_show_lists_delivery_and_insourcing_with_sources() -> None:
    result = _run("show", "Doncaster")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    delivery = text[text.index("Delivery:") :]
    assert "childrens_trust (Doncaster Children's Services Trust)" in delivery
    assert "Insourcing from doncaster-childrens-services-trust" in delivery
    assert delivery.count("source: http") >= 3


def test_show_never_says_an_open_episode_runs_to_today() -> None:
    # Trafford's partnership with Pennine Care began on 1 April 2016 (seeds/delivery,
    # Pennine Care's news item); no source gives its end, only that it was to run until
    # March 2018 (known_until), so none is claimed and the end is said to be not known.
    result = _run("show", "Trafford")
    assert result.returncode == 0, result.stderr
    delivery = result.stdout[result.stdout.index("Delivery:") :]
    assert "2016-04-01, end not known (sources show it to 2018-03)  partnership" in delivery
    assert "no end recorded" not in delivery
    assert "today" not in delivery


def test_show_unknown_authority_without_suggestion() -> None:
    line = _one_error_line(_run("show", "Atlantis"))
    assert line == "childservices: no authority matches 'Atlantis'"


# export ---------------------------------------------------------------------------------


def test_export_csv_is_a_seeds_folder(tmp_path: Path) -> None:
    result = _run("export", "--format", "csv", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    header = (tmp_path / "out" / "judgements" / "judgements.csv").read_text().splitlines()[0]
    assert header == "inspection,area,grade,source,locator"
    check = _run("validate", "--alone", str(tmp_path / "out"))
    assert check.returncode == 0, check.stdout + check.stderr


def test_export_json(tmp_path: Path) -> None:
    result = _run("export", "--format", "json", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    payload = json.loads((tmp_path / "childservices.json").read_text())
    assert payload["format"] == 1
    assert payload["tables"]["inspections"][0].keys() >= {"id", "overall", "source", "locator"}
    to_stdout = _run("export", "--format", "json", "--out", "-")
    assert json.loads(to_stdout.stdout) == payload


def test_export_without_out_is_one_line() -> None:
    assert "--out" in _one_error_line(_run("export"))


def test_export_into_a_file_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    line = _one_error_line(_run("export", "--out", str(blocker)))
    assert line.startswith("childservices: ")


# validate -----------------------------------------------------------------------------

SOURCE = (
    "id,title,publisher,published,url\nmy-notes,My notes,Me,2024-01,https://example.org/notes\n"
)


def _mine(tmp_path: Path, inspections: str) -> Path:
    root = tmp_path / "mine"
    (root / "sources").mkdir(parents=True)
    (root / "inspections").mkdir()
    (root / "sources" / "notes.csv").write_text(SOURCE)
    (root / "inspections" / "visits.csv").write_text(inspections)
    return root


def test_validate_accepts_good_records(tmp_path: Path) -> None:
    root = _mine(
        tmp_path,
        "id,authority,framework,published,overall,source\n"
        "sandwell-ilacs-2026-09-07,sandwell,ilacs,2026-09-07,good,my-notes\n",
    )
    result = _run("validate", str(root))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("ok:")


def test_validate_reports_every_problem_with_file_line_and_field(tmp_path: Path) -> None:
    root = _mine(
        tmp_path,
        "id,authority,framework,published,overall,source\n"
        "sandwell-ilacs-2026-09-14,sandwell,ilacs,2026-13-14,good,my-notes\n"
        "sandwell-sif-2015-06-05,sandwell,sif,2015-06-05,outstanding,my-notes\n"
        "sandwell-ilacs-2026-09-21,sandwell,ilacs,2026-09-21,adequate,my-notes\n",
    )
    result = _run("validate", str(root))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    problems = result.stdout.strip().splitlines()
    visits = str(root / "inspections" / "visits.csv")
    assert len(problems) == 3, problems
    assert any(p.startswith(f"{visits}:2: ") and "published: month 13" in p for p in problems), (
        problems
    )
    assert any(
        p.startswith(f"{visits}:3: ") and "overall: says 'outstanding'" in p and "inadequate" in p
        for p in problems
    ), problems
    assert any(p.startswith(f"{visits}:4: ") and "adequate" in p for p in problems), problems
    assert result.stderr.strip() == "childservices: 3 problems found"


def test_validate_places_cross_record_problems_in_the_users_file(tmp_path: Path) -> None:
    """Checks across records run once the files read cleanly, and name the user's line."""
    root = _mine(
        tmp_path,
        "id,authority,framework,published,overall,source\n"
        "sandwell-ilacs-2026-09-07,sandwell,ilacs,2026-09-07,good,my-notes\n"
        "sandwell-ilacs-2026-09-14,sandwel,ilacs,2026-09-14,good,my-notes\n",
    )
    result = _run("validate", str(root))
    assert result.returncode == 1
    visits = str(root / "inspections" / "visits.csv")
    assert result.stdout.strip().splitlines() == [
        f"{visits}:3: inspections sandwell-ilacs-2026-09-14: authority: no authority 'sandwel'"
        " (did you mean 'sandwell'?)"
    ]


def test_validate_broken_files(tmp_path: Path) -> None:
    bad = tmp_path / "inspections.csv"
    bad.write_bytes(b"id,authority,nonsense\n\xff\xfe,\n")
    unknown = tmp_path / "notes.csv"
    unknown.write_text("a,b\n")
    result = _run("validate", str(bad), str(unknown), str(tmp_path / "missing.csv"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{unknown}: cannot tell which table" in result.stdout
    assert f"{tmp_path / 'missing.csv'}: does not exist" in result.stdout


def test_validate_reports_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    bad = tmp_path / "inspections.csv"
    bad.write_bytes(b"id,authority,framework,published,source\n\xff\xfe,x,y,z,w\n")
    result = _run("validate", str(bad))
    assert result.returncode == 1
    assert f"{bad}: is not UTF-8 text" in result.stdout


def test_extra_records_reach_other_commands(tmp_path: Path) -> None:
    root = _mine(
        tmp_path,
        "id,authority,framework,published,overall,source\n"
        "sandwell-ilacs-2026-09-07,sandwell,ilacs,2026-09-07,outstanding,my-notes\n",
    )
    result = _run("--extra", str(root), "ratings", "--on", "2026-10-01", "--format", "json")
    assert result.returncode == 0, result.stderr
    sandwell = next(i for i in json.loads(result.stdout) if i["authority"] == "sandwell")
    assert sandwell["rating"] == "outstanding"
    broken = _run("--extra", str(tmp_path / "missing"), "summary")
    assert broken.returncode == 1 and "Traceback" not in broken.stderr
    assert "does not exist" in broken.stderr


# read-report ----------------------------------------------------------------------------


def test_read_report_summarises_failures(tmp_path: Path) -> None:
    not_pdf = tmp_path / "children's services inspection - 1 june 2020.pdf"
    not_pdf.write_text("<html>saved web page</html>")
    result = _run("read-report", str(not_pdf), str(tmp_path / "absent.pdf"), "--format", "csv")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "read 0 of 2 reports; 2 failed:" in result.stderr
    assert "not a PDF" in result.stderr
    assert result.stdout.splitlines() == [
        "file,id,authority,framework,kind,start,end,published,overall,judgements,lead_inspector"
    ]


def test_read_report_progress_bar_on_request(tmp_path: Path) -> None:
    files = []
    for n in range(3):
        path = tmp_path / f"r{n}.pdf"
        path.write_text("not a pdf")
        files.append(str(path))
    result = _run("read-report", "--progress", *files)
    assert "3/3" in result.stderr and "[" in result.stderr


def test_read_report_reads_a_real_report(shared_dir: Path) -> None:
    reports = shared_dir / "sources" / "ofsted-reports"
    pdf = reports / "2532283_dorset" / "children's services inspection - 19 november 2021.pdf"
    result = _run("read-report", str(pdf), "--format", "json")
    assert result.returncode == 0, result.stderr
    (item,) = json.loads(result.stdout)
    # The Dorset ILACS report published 19 November 2021 judged it good overall.
    assert item["id"] == "dorset-ilacs-2021-11-19"
    assert item["overall"] == "good"


def test_the_installed_script_works() -> None:
    script = Path(sys.executable).with_name("childservices")
    if not script.exists():
        pytest.skip("the console script is not installed beside this Python")
    result = subprocess.run(
        [str(script), "show", "333"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0 and result.stdout.startswith("Sandwell (sandwell)")


def test_a_failed_read_report_prints_no_empty_table(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_text("not a pdf")
    result = _run("read-report", str(bad))
    assert result.returncode == 1
    assert result.stdout == ""  # no header over nothing
    assert "not a PDF" in result.stderr
