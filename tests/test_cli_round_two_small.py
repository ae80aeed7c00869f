"""The analyst's command line, round two (issue 27, item 9): the smaller items."""

from __future__ import annotations

import csv
import errno
import io
import os
from pathlib import Path

import pytest

from childservices.cli import main

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


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
    status, _, err = _run(capsys, "show", query)
    assert status != 0
    assert f"no authority matches {query!r}; did you mean " in err
    assert f"'{meant}'" in err.split("did you mean", 1)[1]


def test_a_short_form_suggests_nothing_far_from_it(capsys: pytest.CaptureFixture[str]) -> None:
    _, _, err = _run(capsys, "show", "Bucks")
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
        status, out, err = _run(capsys, "show", row["authority"])
        assert status == 0, err
        delivery = out[out.index("Delivery:") :]
        expected = f"  {row['start']}, end not known (sources show it to {row['known_until']})"
        assert f"{expected}  {row['model']}" in delivery
