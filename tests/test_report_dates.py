"""The report reader checks a report's dates against each other and the record (issue 26).

The report text is invented (the shape pypdf extracts from an ILACS report);
the recorded inspection it is compared with is read from seeds/inspections/
reports.csv with the csv module.
"""

from __future__ import annotations

import csv
import datetime
import warnings
from pathlib import Path

import pytest

import childservices as cs
from childservices.reports import inspection_from_facts, parse_report_text

SEEDS = Path(__file__).resolve().parents[1] / "seeds" / "inspections" / "reports.csv"
TEXT = """
Inspection of Sandwell local authority
children's services
Inspection dates: {dates}
Lead inspector: Alex Example, His Majesty's Inspector
Judgement Grade
The impact of leaders on social work
practice with children and families
Good
The experiences and progress of
children who need help and protection
Good
The experiences and progress of
children in care
Good
The experiences and progress of care
leavers
Good
Overall effectiveness Good
"""


def _read(dates: str, listed: str, held: tuple[cs.Inspection, ...] = ()) -> list[str]:
    facts = parse_report_text(TEXT.format(dates=dates), where="example")
    name = f"children's services inspection - {listed}.pdf"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        inspection_from_facts(facts, file_name=name, held=held)
    return [str(w.message) for w in caught if issubclass(w.category, cs.ReportDateWarning)]


def test_a_file_name_long_after_the_fieldwork_is_warned_about() -> None:
    # Failed before: a July 2019 report renamed August 2024 was read without a word.
    [message] = _read("8 to 19 July 2019", "1 august 2024")
    assert "2024-08-01" in message and "2019-07-19" in message and "renamed" in message


@pytest.mark.parametrize("listed", ["2 september 2019", "19 january 2020"])
def test_a_file_name_within_six_months_of_the_fieldwork_is_not(listed: str) -> None:
    assert _read("8 to 19 July 2019", listed) == []


def _recorded_sandwell() -> dict[str, str]:
    with SEEDS.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["id"] == "sandwell-ilacs-2022-07-05"]
    [row] = rows
    return row


def test_a_recorded_inspection_under_another_date_is_warned_about() -> None:
    # Failed before: no warning (inspection_from_facts took no record to compare with).
    row = _recorded_sandwell()
    start = datetime.date.fromisoformat(row["start"])
    end = datetime.date.fromisoformat(row["end"])
    dates = f"{start.day} to {end.day} {end:%B %Y}"
    held = tuple(i for i in cs.load(updates=False).authority("sandwell").inspections)
    [message] = _read(dates, "12 july 2022", held)
    assert row["id"] in message and "already holds" in message
    # The same report under its own date is the recorded inspection: nothing to say.
    assert _read(dates, f"{int(row['published'][8:])} july 2022", held) == []


def test_the_update_skips_a_report_of_an_inspection_it_holds() -> None:
    from childservices.update.run import _same_fieldwork

    row = _recorded_sandwell()
    start = datetime.date.fromisoformat(row["start"])
    end = datetime.date.fromisoformat(row["end"])
    facts = parse_report_text(
        TEXT.format(dates=f"{start.day} to {end.day} {end:%B %Y}"), where="example"
    )
    held = cs.load(updates=False).authority("sandwell").inspections
    same = _same_fieldwork(facts, held)
    assert same is not None and same.id == row["id"]
    other = parse_report_text(TEXT.format(dates="8 to 19 July 2019"), where="example")
    assert _same_fieldwork(other, held) is None
