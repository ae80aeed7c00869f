"""Dates checked against today and against each other (issue 26, item 6 of the issue).

A user's record dated after today is a problem, or, in a field where a plan
is real (a go-live, a renewal), a warning naming it; the record's coverage
never runs past today. Dates are made relative to the day the test runs.
"""

from __future__ import annotations

import datetime
import warnings
from pathlib import Path

import pytest

import childservices as cs
from childservices.coverage import newest_publication
from childservices.model import Framework, Inspection, PartialDate
from user_folder import NOTES, user_folder

TODAY = datetime.date.today()
LATER = TODAY.replace(year=TODAY.year + 4, day=min(TODAY.day, 28))
INSPECTIONS = "id,authority,framework,kind,start,end,published,overall,source,locator\n"


def test_an_inspection_published_after_today_fails_the_load(tmp_path: Path) -> None:
    # Failed before: a 2030 inspection passed validate, and the coverage date said 2030.
    day = LATER.isoformat()
    root = user_folder(
        tmp_path,
        inspections=INSPECTIONS
        + f"sandwell-ilacs-{day},sandwell,ilacs,standard,,,{day},good,my-notes,\n",
    )
    with pytest.raises(cs.DatasetError) as raised:
        cs.load(extra=[root])
    [problem] = [p for p in raised.value.problems if p.field == "published"]
    assert str(root / "inspections" / "mine.csv") in str(problem.file)
    assert "after today" in problem.message and day in problem.message


def test_a_source_published_after_today_fails_the_load(tmp_path: Path) -> None:
    later = NOTES.replace("2024-01", str(LATER.year))
    root = tmp_path / "mine"
    (root / "sources").mkdir(parents=True)
    (root / "sources" / "mine.csv").write_text(later, encoding="utf-8")
    with pytest.raises(cs.DatasetError, match="after today"):
        cs.load(extra=[root])


def test_a_date_known_to_this_month_is_not_in_the_future(tmp_path: Path) -> None:
    month = f"{TODAY.year:04d}-{TODAY.month:02d}"
    root = tmp_path / "mine"
    (root / "sources").mkdir(parents=True)
    (root / "sources" / "mine.csv").write_text(NOTES.replace("2024-01", month), encoding="utf-8")
    assert cs.load(extra=[root]).source("my-notes").published == PartialDate.parse(month)


def test_a_planned_step_is_taken_with_a_warning_naming_it(tmp_path: Path) -> None:
    # Failed before: no warning (a planned renewal was taken without a word).
    day = LATER.isoformat()
    root = user_folder(
        tmp_path,
        lifecycle="id,provider,authority,event,date,details,intervention,source,locator\n"
        f"my-renewal,sandwell-childrens-trust,sandwell,contract_renewal,{day},planned,,my-notes,\n",
    )
    with pytest.warns(cs.PlannedDateWarning) as caught:
        ds = cs.load(extra=[root])
    [warning] = caught
    text = str(warning.message)
    assert "my-renewal" in text and "date" in text and day in text
    assert str(root / "lifecycle" / "mine.csv") in text
    assert ds.coverage.reports_to is not None and ds.coverage.reports_to <= TODAY


def _inspection(published: PartialDate) -> Inspection:
    return Inspection(
        id=f"x-ilacs-{published}",
        authority="x",
        framework=Framework.ILACS,
        published=published,
        citations=(cs.Citation(source="s"),),
        overall=cs.Grade.GOOD,
    )


def test_coverage_never_runs_past_today() -> None:
    # Failed before: a report known only to this month gave its last day, after today.
    this_month = PartialDate(TODAY.year, TODAY.month)
    assert newest_publication([_inspection(this_month)]) == min(TODAY, this_month.last_day())
    assert newest_publication([_inspection(PartialDate(2019, 5, 2))]) == datetime.date(2019, 5, 2)


def test_the_bundled_record_loads_without_date_warnings() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", cs.PlannedDateWarning)
        cs.load(updates=False)
