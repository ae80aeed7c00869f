"""The analyst's command line, round two (issue 27): each item as the analyst ran it."""

from __future__ import annotations

import io

import pytest

from childservices.cli import main


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line in this process: its exit status, standard output and error."""
    out = io.StringIO()
    try:
        status = main(list(argv), out=out)
    except SystemExit as exc:  # a usage error or --help
        status = int(exc.code or 0)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return status, out.getvalue() + captured.out, captured.err


# 2. names of several words need no quotes ------------------------------------------


def test_show_takes_a_name_of_several_words_unquoted(capsys: pytest.CaptureFixture[str]) -> None:
    status, unquoted, err = _run(capsys, "show", "Tower", "Hamlets")
    assert status == 0, err
    _, quoted, _ = _run(capsys, "show", "Tower Hamlets")
    assert unquoted == quoted and unquoted.startswith("Tower Hamlets (tower-hamlets)")


# 3. every output format carries the same facts ---------------------------------------


def _rows(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, list[list[str]]]:
    """The rows of a table command in each format, as lists of cells (empty for unknown)."""
    import csv
    import json

    tables: dict[str, list[list[str]]] = {}
    for fmt in ("table", "csv", "json"):
        status, out, err = _run(capsys, *argv, "--format", fmt)
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
    status, out, err = _run(capsys, "interventions", "--on", "2026-12-06", "--format", "csv")
    assert status == 0
    rows = {r["authority"]: r["status"] for r in csv.DictReader(io.StringIO(out))}
    assert {a for a, s in rows.items() if s == "not_known"} == not_known
    assert f"for {len(not_known)} more (status not_known)" in err
