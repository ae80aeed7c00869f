"""The analyst's command line, round two (issue 27): each item as the analyst ran it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from cli_run import run_cli

# 2. names of several words need no quotes ------------------------------------------


def test_show_takes_a_name_of_several_words_unquoted(capsys: pytest.CaptureFixture[str]) -> None:
    status, unquoted, err = run_cli(capsys, "show", "Tower", "Hamlets")
    assert status == 0, err
    _, quoted, _ = run_cli(capsys, "show", "Tower Hamlets")
    assert unquoted == quoted and unquoted.startswith("Tower Hamlets (tower-hamlets)")


# 3. every output format carries the same facts ---------------------------------------


def _rows(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, list[list[str]]]:
    """The rows of a table command in each format, as lists of cells (empty for unknown)."""
    import csv
    import json

    tables: dict[str, list[list[str]]] = {}
    for fmt in ("table", "csv", "json"):
        status, out, err = run_cli(capsys, *argv, "--format", fmt)
        assert status == 0, err
        if fmt == "json":
            items = json.loads(out)
            tables[fmt] = [[v or "" for v in item.values()] for item in items]
        elif fmt == "csv":
            tables[fmt] = list(csv.reader(io.StringIO(out)))[1:]
        else:
            tables[fmt] = [line.split() for line in out.splitlines()[1:]]
    return tables


@pytest.mark.parametrize(
    "argv",
    [
        ("interventions", "--on", "2026-12-06"),
        ("interventions", "--on", "2019-06-01"),
        ("trusts", "--on", "2024-10-01"),
        ("ratings", "--on", "2019-06-01"),
    ],
)
def test_every_format_carries_the_same_rows(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    tables = _rows(capsys, *argv)
    assert tables["csv"] == tables["json"]
    # The table's cells are split on spaces: compare each row's first cell (the id).
    assert [r[0] for r in tables["table"]] == [r[0] for r in tables["csv"]]


def test_interventions_csv_and_json_keep_the_not_known_rows(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import csv

    from childservices import InterventionStatus, load

    statuses = load().under_intervention(on="2026-12-06", not_known=True)
    not_known = {a for a, s in statuses.items() if s is InterventionStatus.NOT_KNOWN}
    assert not_known  # the record cannot say about some authorities that day
    status, out, err = run_cli(capsys, "interventions", "--on", "2026-12-06", "--format", "csv")
    assert status == 0
    rows = {r["authority"]: r["status"] for r in csv.DictReader(io.StringIO(out))}
    assert {a for a, s in rows.items() if s == "not_known"} == not_known
    assert f"for {len(not_known)} more (status not_known)" in err


# 4. today, and one true date message ----------------------------------------------------


def test_today_is_a_day_wherever_a_day_is_taken(capsys: pytest.CaptureFixture[str]) -> None:
    import datetime

    today = datetime.date.today().isoformat()
    for argv in (
        ("ratings", "--on"),
        ("trusts", "--on"),
        ("interventions", "--on"),
        ("time-to-good", "--judged-from", "2014-01-01", "--until"),
    ):
        status, by_word, err = run_cli(capsys, *argv, "today", "--format", "csv")
        assert status == 0, err
        _, by_date, _ = run_cli(capsys, *argv, today, "--format", "csv")
        assert by_word == by_date


@pytest.mark.parametrize("written", ["2026-12-6", "20261206", "6/12/2026"])
def test_other_ways_of_writing_a_day(capsys: pytest.CaptureFixture[str], written: str) -> None:
    _, expected, _ = run_cli(capsys, "ratings", "--on", "2026-12-06", "--format", "csv")
    status, out, err = run_cli(capsys, "ratings", "--on", written, "--format", "csv")
    assert status == 0, err
    assert out == expected


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("yesterday", "'yesterday' is not a date"),
        ("2019", "'2019' is a year, not a single day"),
        ("2019-06", "'2019-06' is a month, not a single day"),
        ("2020-13-01", "month 13 is not 1 to 12"),
        ("2019-02-30", "day is out of range"),
    ],
)
def test_a_date_message_says_what_is_accepted_and_nothing_else(
    capsys: pytest.CaptureFixture[str], written: str, says: str
) -> None:
    status, _, err = run_cli(capsys, "ratings", "--on", written)
    assert status == 2
    assert says in err
    # What the message says is accepted is accepted: no "YYYY" offered, then refused.
    assert "YYYY, YYYY-MM" not in err
    assert "YYYY-MM-DD" in err and "today" in err


def test_show_has_a_current_line(capsys: pytest.CaptureFixture[str]) -> None:
    from childservices import load

    ds = load()
    newest = ds.coverage.reports_to
    sandwell = ds.authority("Sandwell")
    inspection = sandwell.rated_inspection_on(newest)
    status, out, err = run_cli(capsys, "show", "Sandwell")
    assert status == 0, err
    line = next(line for line in out.splitlines() if line.startswith("  current:"))
    assert str(sandwell.rating_on(newest)) in line
    assert f"on {newest}, the record's coverage date" in line
    assert f"since {inspection.published}, set by {inspection.id}" in line
    _, gone, _ = run_cli(capsys, "show", "Northamptonshire")
    assert "  current: none: the authority did not exist" in gone


# 5. delivery histories on the command line ------------------------------------------


def _seed_rows(table: str) -> dict[str, dict[str, str]]:
    """A seed table's records by id, its fields merged over the rows that cite it (the seed
    format gives a record's later citations on rows of their own)."""
    import csv
    from pathlib import Path

    merged: dict[str, dict[str, str]] = {}
    for path in sorted((Path(__file__).resolve().parent.parent / "seeds" / table).glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                record = merged.setdefault(row["id"], {})
                for field, value in row.items():
                    if value and not record.get(field):
                        record[field] = value
    return merged


def test_delivery_lists_every_episode_with_its_dates_and_sources(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import csv

    status, out, err = run_cli(capsys, "delivery", "--format", "csv")
    assert status == 0, err
    listed = {(r["authority"], r["start"]): r for r in csv.DictReader(io.StringIO(out))}
    seeds = _seed_rows("delivery")
    assert len(listed) == len(seeds)
    for record in seeds.values():
        row = listed[(record["authority"], record["start"])]
        assert (row["model"], row["provider"], row["end"]) == (
            record["model"],
            record.get("provider", ""),
            record.get("end", ""),
        )
        assert row["source"]


def test_delivery_returns_in_house(capsys: pytest.CaptureFixture[str]) -> None:
    import csv

    status, out, err = run_cli(capsys, "delivery", "--returns", "--format", "csv")
    assert status == 0, err
    listed = {r["authority"]: r for r in csv.DictReader(io.StringIO(out))}
    seeds = _seed_rows("insourcing")
    assert {r["authority"] for r in seeds.values()} == set(listed)
    for record in seeds.values():
        row = listed[record["authority"]]
        assert row["provider"] == record["provider"]
        assert row["returned"] == record.get("return_date", "")
        assert row["source"].count("http") >= 1


def test_delivery_of_one_authority_and_an_empty_answer_says_why(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run_cli(capsys, "delivery", "Isle", "of", "Wight")
    assert status == 0, err
    assert {line.split()[0] for line in out.splitlines()[1:]} == {"isle-of-wight"}
    status, out, err = run_cli(capsys, "delivery", "Tower", "Hamlets")
    assert status == 0 and len(out.splitlines()) == 1
    assert "no delivery episode recorded for tower-hamlets" in err


def test_trusts_on_a_day_give_dates(capsys: pytest.CaptureFixture[str]) -> None:
    import csv

    status, out, err = run_cli(capsys, "trusts", "--on", "2020-01-01", "--format", "csv")
    assert status == 0, err
    rows = {r["provider"]: r for r in csv.DictReader(io.StringIO(out))}
    seeds = _seed_rows("delivery")
    doncaster = seeds["doncaster-dcst"]
    row = rows[doncaster["provider"]]
    assert (row["start"], row["end"]) == (doncaster["start"], doncaster["end"])


# 6. an empty answer says why --------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (("time-to-good", "--from-grade", "adequate"), "add --all-frameworks"),
        (("time-to-good", "--until", "2010-01-01"), "by --until 2010-01-01"),
        (("time-to-good", "--judged-from", "2026-09-01"), "published from 2026-09-01"),
        (("ratings", "--on", "1999-01-01"), "no authority has a rating"),
        (("trusts", "--on", "1999-01-01"), "no trust or company ran"),
        (("interventions", "--on", "1999-01-01"), "0 authorities certainly under"),
    ],
)
def test_an_empty_answer_says_why(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], says: str
) -> None:
    import csv

    status, out, err = run_cli(capsys, *argv, "--format", "csv")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    filled = [r for r in rows if r.get("rating", "x")]
    assert not filled  # the answer is empty (ratings: every rating unknown)
    assert says in err


def test_judged_from_after_judged_to_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(
        capsys, "time-to-good", "--judged-from", "2020-01-01", "--judged-to", "2019-01-01"
    )
    assert status == 2 and not out
    assert "--judged-from 2020-01-01 is after --judged-to 2019-01-01" in err


def test_time_to_good_from_adequate_with_every_framework(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import json

    from childservices import ALL_FRAMEWORKS, Grade, load

    (everyone,) = load().time_to_good(from_grade=Grade.ADEQUATE, frameworks=ALL_FRAMEWORKS)
    median, _, _ = everyone.median_years()
    status, out, err = run_cli(
        capsys, "time-to-good", "--from-grade", "adequate", "--all-frameworks", "--format", "json"
    )
    assert status == 0, err
    (row,) = json.loads(out)
    assert row["median_years"] == f"{median:.2f}" and int(row["units"]) == len(everyone.follow_ups)


# 7. Ofsted's counting rule as the as-at default ------------------------------------------


@pytest.mark.shared
def test_the_as_at_export_counts_as_ofsteds_sheet_by_default(
    capsys: pytest.CaptureFixture[str], shared_dir: Path
) -> None:
    import csv

    pd = pytest.importorskip("pandas")
    pytest.importorskip("odf")
    sheet = shared_dir / "sources" / "official" / "LA_Inspection_Outcomes_as_at_31_March_2025.ods"
    frame = pd.read_excel(sheet, sheet_name="Inspections_as_at_31_March", header=2, engine="odf")
    columns = ("Local authority area code", "Publication date", "Overall effectiveness")
    theirs = {
        str(row[columns[0]]): (
            pd.Timestamp(row[columns[1]]).date().isoformat(),
            str(row[columns[2]]),
        )
        for _, row in frame.iterrows()
    }
    status, out, err = run_cli(
        capsys, "export", "--layout", "ofsted-as-at", "--on", "2025-03-31", "--out", "-"
    )
    assert status == 0, err
    assert "published by 2025-06-30 (Ofsted's rule" in err
    ours = {}
    for row in csv.DictReader(io.StringIO(out)):
        day, month, year = row[columns[1]].split("/")
        ours[row[columns[0]]] = (f"{year}-{month}-{day}", row[columns[2]])
    assert ours == theirs


# 9. smaller items -----------------------------------------------------------------------


def test_a_layout_export_into_a_missing_folder_names_the_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "absent" / "x.csv"
    status, _, err = run_cli(capsys, "export", "--layout", "d2i-history", "--out", str(target))
    assert status == 1
    assert f"the folder {target.parent} does not exist" in err
    assert not target.parent.exists()


def test_layout_and_seed_exports_both_refuse_to_overwrite_without_force(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    layout, seed = tmp_path / "history.csv", tmp_path / "seed"
    for argv in (
        ("export", "--layout", "d2i-history", "--out", str(layout)),
        ("export", "--out", str(seed)),
    ):
        assert run_cli(capsys, *argv)[0] == 0
        before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
        status, _, err = run_cli(capsys, *argv)
        assert status == 1 and "already exists" in err and "pass --force" in err
        assert "overwrite=True" not in err
        assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before
        assert run_cli(capsys, *argv, "--force")[0] == 0


def test_update_names_a_missing_reports_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "absent"
    status, _, err = run_cli(
        capsys, "update", "--feed", str(tmp_path / "feed.csv"), "--reports", str(missing)
    )
    assert status == 1
    assert f"--reports {missing}: no such folder" in err


def test_update_offline_says_how_to_update_from_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    def offline(*args: object, **kwargs: object) -> None:
        raise OSError("network is unreachable (offline test)")

    monkeypatch.setattr(socket, "create_connection", offline)
    monkeypatch.setattr(socket, "getaddrinfo", offline)
    monkeypatch.setenv("CHILDSERVICES_DATA_DIR", str(tmp_path / "data"))
    status, _, err = run_cli(capsys, "update")
    assert status == 1
    assert "childservices update --feed FILE --reports DIR" in err


def test_ratings_grade_filter_and_totals(capsys: pytest.CaptureFixture[str]) -> None:
    import csv
    from collections import Counter

    from childservices import load

    rated = load().ratings_on("2024-10-01")
    expected = Counter("none" if g is None else str(g.value) for g in rated.values())
    status, out, err = run_cli(
        capsys, "ratings", "--on", "2024-10-01", "--totals", "--format", "csv"
    )
    assert status == 0, err
    totals = {r["rating"]: int(r["authorities"]) for r in csv.DictReader(io.StringIO(out))}
    assert totals.pop("total") == sum(expected.values())
    assert totals == dict(expected)
    status, out, err = run_cli(
        capsys, "ratings", "--on", "2024-10-01", "--grade", "inadequate", "--format", "csv"
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["authority"] for r in rows} == {
        a for a, g in rated.items() if g is not None and g.value == "inadequate"
    }
    status, out, err = run_cli(capsys, "ratings", "--on", "2024-10-01", "--grade", "nonsense")
    assert status == 0 and "no authority held nonsense" in err
