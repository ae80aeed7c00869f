"""The analyst's command line, round two (issue 27, item 9): the smaller items."""

from __future__ import annotations

import csv
import errno
import io
import os
from pathlib import Path

import pytest

from childservices.cli import main
from cli_run import run_cli

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _authority_names() -> set[str]:
    """Every authority's name, read from the seed rows."""
    names = set()
    for path in (SEEDS / "authorities").glob("*.csv"):
        with path.open(newline="", encoding="utf-8") as handle:
            names |= {row["name"] for row in csv.DictReader(handle)}
    return names


# show Bucks suggests Buckinghamshire ---------------------------------------------------


@pytest.mark.parametrize(
    ("query", "meant"),
    [
        ("Bucks", "Buckinghamshire"),
        ("Herts", "Hertfordshire"),
        ("Notts", "Nottinghamshire"),
        ("Lancs", "Lancashire"),
        ("Staffs", "Staffordshire"),
        ("Buckingham", "Buckinghamshire"),
        ("Buckinhamshire", "Buckinghamshire"),
    ],
)
def test_show_suggests_the_county_a_short_form_names(
    capsys: pytest.CaptureFixture[str], query: str, meant: str
) -> None:
    assert meant in _authority_names()
    status, _, err = run_cli(capsys, "show", query)
    assert status != 0
    assert f"no authority matches {query!r}; did you mean " in err
    assert f"'{meant}'" in err.split("did you mean", 1)[1]


def test_a_short_form_suggests_nothing_far_from_it(capsys: pytest.CaptureFixture[str]) -> None:
    _, _, err = run_cli(capsys, "show", "Bucks")
    suggested = err.split("did you mean", 1)[1]
    assert all(
        name.startswith("Buckinghamshire") for name in suggested.strip(" ?\n'").split("', '")
    )


# a full disk on standard output names standard output ----------------------------------


class _FullDisk(io.StringIO):
    """A stream on a full disk: every write fails as the operating system fails it."""

    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize(
    "argv", [("ratings", "--on", "2024-03-31"), ("show", "Trafford"), ("summary",)]
)
def test_a_full_disk_on_standard_output_is_named(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    status = main(list(argv), out=_FullDisk())
    err = capsys.readouterr().err
    assert status == 1
    assert err == f"childservices: standard output: {os.strerror(errno.ENOSPC)}\n"


# delivery not known past its known_until -------------------------------------------------


def _open_episodes() -> list[dict[str, str]]:
    """The seed delivery episodes with no end, read from the seed rows."""
    rows = []
    for path in (SEEDS / "delivery").glob("*.csv"):
        with path.open(newline="", encoding="utf-8") as handle:
            rows += [row for row in csv.DictReader(handle) if not row["end"]]
    return rows


def test_show_says_an_episode_known_only_to_a_date_has_no_known_end(
    capsys: pytest.CaptureFixture[str],
) -> None:
    known = [row for row in _open_episodes() if row["known_until"]]
    assert known  # Trafford's partnership, known until 2018-03
    for row in known:
        status, out, err = run_cli(capsys, "show", row["authority"])
        assert status == 0, err
        delivery = out[out.index("Delivery:") :]
        expected = f"  {row['start']}, end not known (sources show it to {row['known_until']})"
        assert f"{expected}  {row['model']}" in delivery


# a copy site's address for a gov.uk letter is said to be a copy ---------------------------


def _copies_cited_by_interventions() -> list[tuple[str, str, str]]:
    """(authority, address, publisher) for each DfE publication the intervention seeds cite
    through a copy on another site, read from the seed rows."""
    sources = {}
    for path in (SEEDS / "sources").glob("*.csv"):
        with path.open(newline="", encoding="utf-8") as handle:
            sources |= {row["id"]: row for row in csv.DictReader(handle)}
    found = []
    for path in (SEEDS / "interventions").glob("*.csv"):
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                source = sources.get(row["source"])
                if source is None or "gov.uk/" in source["url"]:
                    continue
                if "copy of" in source["publisher"] and "GOV.UK" in source["publisher"]:
                    found.append((row["authority"], source["url"], source["publisher"]))
    return found


def test_show_says_a_copy_sites_address_is_a_copy(capsys: pytest.CaptureFixture[str]) -> None:
    copies = _copies_cited_by_interventions()
    assert len({url for _, url, _ in copies}) >= 5  # seeds/INTERVENTION_COVERAGE.md, "Mirrors"
    for authority, url, _ in copies:
        status, out, err = run_cli(capsys, "show", authority)
        assert status == 0, err
        lines = [line for line in out.splitlines() if url in line]
        assert lines, (authority, url)
        # Two source rows may give one address (Bradford's 2023 direction): either publisher.
        publishers = {p for _, u, p in copies if u == url}
        for line in lines:
            assert any(f"{url} (a copy; publisher: {p})" in line for p in publishers)


def test_show_does_not_call_an_original_a_copy(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(capsys, "show", "Trafford")
    assert status == 0, err
    # Pennine Care's own news page about its own partnership: the original, not a copy.
    lines = [line for line in out.splitlines() if "penninecare.nhs.uk" in line]
    assert lines
    assert all("(a copy" not in line for line in lines)


# show --format csv and json ----------------------------------------------------------------


def _show_rows(capsys: pytest.CaptureFixture[str], name: str, fmt: str) -> list[dict[str, str]]:
    """``show NAME --format FMT`` read back as rows of text (empty for unknown)."""
    import json

    status, out, err = run_cli(capsys, "show", name, "--format", fmt)
    assert status == 0, err
    if fmt == "json":
        return [{k: v or "" for k, v in row.items()} for row in json.loads(out)]
    return list(csv.DictReader(io.StringIO(out)))


def _seed_rows(table: str, authority: str) -> list[dict[str, str]]:
    """One authority's seed rows of a table, read from the seed files."""
    rows = []
    for path in sorted((SEEDS / table).glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            rows += [row for row in csv.DictReader(handle) if row["authority"] == authority]
    return rows


def test_show_gives_the_same_rows_as_csv_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    rows = _show_rows(capsys, "Trafford", "csv")
    assert rows == _show_rows(capsys, "Trafford", "json")
    assert {row["record"] for row in rows} >= {
        "identity",
        "current",
        "inspection",
        "visit",
        "intervention",
        "delivery",
    }


def test_show_rows_hold_what_the_text_says(capsys: pytest.CaptureFixture[str]) -> None:
    rows = _show_rows(capsys, "Trafford", "csv")
    _, text, _ = run_cli(capsys, "show", "Trafford")
    for row in rows:
        if row["record"] in ("inspection", "visit", "intervention", "delivery"):
            assert row["date"] and row["date"] in text
            assert row["source"] and row["source"] in text
    # Trafford's partnership (seeds/delivery): its end not known after known_until.
    (episode,) = _seed_rows("delivery", "trafford")
    (delivery,) = [row for row in rows if row["record"] == "delivery"]
    assert (delivery["date"], delivery["end"], delivery["what"]) == (
        episode["start"],
        episode["end"],
        episode["model"],
    )
    assert delivery["detail"] == f"end not known (sources show it to {episode['known_until']})"
    # Its improvement notice (seeds/interventions), cited through a copy of the DfE letter.
    notices = {(r["date"], r["kind"]) for r in _seed_rows("interventions", "trafford")}
    shown = {(r["date"], r["what"]) for r in rows if r["record"] == "intervention"}
    assert shown == notices
    inspections = {r["published"] for r in _seed_rows("inspections", "trafford") if r["published"]}
    assert inspections <= {r["date"] for r in rows if r["record"] == "inspection"}


# read-report prints the fieldwork dates -------------------------------------------------


def test_read_report_prints_the_fieldwork_dates(
    capsys: pytest.CaptureFixture[str], shared_dir: Path
) -> None:
    import json

    folder = shared_dir / "sources" / "ofsted-reports" / "2532283_dorset"
    pdf = folder / "children's services inspection - 19 november 2021.pdf"
    with (SEEDS / "inspections" / "reports.csv").open(newline="", encoding="utf-8") as handle:
        (seed,) = [r for r in csv.DictReader(handle) if r["id"] == "dorset-ilacs-2021-11-19"]
    assert seed["start"] and seed["end"]  # the report's fieldwork, as the seed row gives it
    for fmt in ("json", "csv", "table"):
        status, out, err = run_cli(capsys, "read-report", str(pdf), "--format", fmt)
        assert status == 0, err
        if fmt == "json":
            (item,) = json.loads(out)
        elif fmt == "csv":
            (item,) = csv.DictReader(io.StringIO(out))
        else:
            header, line = out.splitlines()
            assert header.split()[5:7] == ["start", "end"]
            assert f"{seed['start']}  {seed['end']}  {seed['published']}" in line
            continue
        assert (item["start"], item["end"]) == (seed["start"], seed["end"])


def test_show_format_table_is_the_text_form(capsys: pytest.CaptureFixture[str]) -> None:
    _, text, _ = run_cli(capsys, "show", "Trafford")
    status, table, err = run_cli(capsys, "show", "Trafford", "--format", "table")
    assert status == 0, err
    assert table == text and table.startswith("Trafford (trafford)")
