"""Ofsted's focused and monitoring visits: the records, their sources, and the rules over them.

The workbook tests read Ofsted's three official workbooks themselves, with pandas
and odfpy, not through ``tools/import_visits.py`` (which reads them with its
own ODS reader), and need ``../shared``. Expected values written below come
from the workbooks' rows, cited beside them, or from the sources named.
"""

from __future__ import annotations

import datetime
import io
from collections import Counter
from pathlib import Path
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given, strategies as st

import childservices as cs
from childservices import strategies as st_cs
from childservices.cli import main
from childservices.model import (
    Citation,
    Intervention,
    InterventionKind,
    PartialDate,
    RecordSet,
    Visit,
    VisitKind,
    VisitTheme,
)
from childservices.rules.trajectory import visits_in
from childservices.rules.visits import (
    NOTICE_WITHIN_DAYS,
    monitoring_spells,
    priority_action_responses,
)

WORKBOOK_2023 = "Childrens_social_care_in_England_2023_underlying_data.ods"
WORKBOOK_2024 = "LA_Inspection_Outcomes_as_at_March_2024.ods"
WORKBOOK_2025 = "LA_Inspection_Outcomes_as_at_31_March_2025.ods"
SOURCE_2023 = "ofsted-csc-data-england-2023"
SOURCE_2024 = "ofsted-la-inspection-outcomes-2024-03-31"
SOURCE_2025 = "ofsted-la-inspection-outcomes-2025-03-31"
SHEET_2024 = (WORKBOOK_2024, "Inspections_in_year_2023-24", SOURCE_2024)
SHEETS = (
    (WORKBOOK_2023, "LA_level_in_year_2022-23", SOURCE_2023),
    SHEET_2024,
    (WORKBOOK_2025, "In-year_inspections", SOURCE_2025),
)
VISIT_TYPES = {"ILACS Focused Visit": "focused", "LA Monitoring visit": "monitoring"}
THEMES = {
    "Front door": "front_door",
    "Children in need/subject to a plan": "children_in_need",
    "Vulnerable adolescents": "vulnerable_adolescents",
    "Children in care": "children_in_care",
    "Achieving permanence": "achieving_permanence",
    "Care leavers": "care_leavers",
}
CITE = (Citation(source="test-source"),)


@pytest.fixture(scope="module")
def ds() -> cs.Dataset:
    return cs.load(updates=False)


def _day(value: Any) -> str:
    """A workbook cell's date as ISO text ("" for an empty cell)."""
    import pandas as pd

    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return pd.Timestamp(value).date().isoformat()


def _workbook_visits(
    shared: Path, sheets: tuple[tuple[str, str, str], ...] = SHEETS
) -> list[dict[str, str]]:
    """Every visit row of the in-year sheets, read with pandas: sheet, row and values."""
    pd = pytest.importorskip("pandas")
    pytest.importorskip("odf")
    found = []
    for workbook, sheet, source in sheets:
        frame = pd.read_excel(
            shared / "sources" / "official" / workbook, sheet_name=sheet, header=None, engine="odf"
        )
        header_at = next(i for i in frame.index if frame.iloc[i, 0] == "Web link")
        columns = {str(name).strip(): n for n, name in enumerate(frame.iloc[header_at])}
        for index in frame.index[header_at + 1 :]:
            row = frame.iloc[index]
            kind = VISIT_TYPES.get(str(row.iloc[columns["Inspection/Visit type"]]).strip())
            if row.iloc[0] != "Ofsted Local Authority Webpage" or kind is None:
                continue
            theme = row.iloc[columns["Visit Theme"]]
            published = columns.get("Publication date")
            found.append(
                {
                    "source": source,
                    "locator": f"sheet {sheet}, row {index + 1}",  # a spreadsheet's row number
                    "name": str(row.iloc[columns["Local authority name"]]),
                    "kind": kind,
                    "start": _day(row.iloc[columns["Inspection/Visit date"]]),
                    "published": "" if published is None else _day(row.iloc[published]),
                    "theme": "" if not isinstance(theme, str) else THEMES[theme.strip()],
                }
            )
    return found


# --- every visit row of the workbooks is in the bundle ----------------------


def _check_rows_in_bundle(rows: list[dict[str, str]], ds: cs.Dataset) -> None:
    """Each workbook row is one visit of the bundle, cited to it, and nothing else cites it."""
    sources = {r["source"] for r in rows}
    cited = {
        (c.source, c.locator): visit
        for visit in ds.records.visits
        for c in visit.citations
        if c.source in sources
    }
    missing = []
    for row in rows:
        visit = cited.get((row["source"], row["locator"]))
        if visit is None:
            missing.append(row)
            continue
        assert visit.kind.value == row["kind"], row
        assert str(visit.start) == row["start"], row
        assert str(visit.published or "") == row["published"], row
        assert (visit.theme.value if visit.theme else "") == row["theme"], row
        assert visit.priority_action is None, row  # the workbooks do not say
        # The row's name (or its ONS code) names the visit's authority.
        assert ds.authority(row["name"]).id == visit.authority, row
    assert missing == []
    # Nothing else cites those sheets: the bundle holds the workbooks' visits, once each.
    assert len(cited) == len(rows)


@pytest.mark.shared
@pytest.mark.slow  # pandas reads the three ODS workbooks whole: half a minute
def test_every_visit_row_of_the_three_workbooks_is_in_the_bundle(
    shared_dir: Path, ds: cs.Dataset
) -> None:
    rows = _workbook_visits(shared_dir)
    per_sheet = Counter((r["source"], r["kind"]) for r in rows)
    # Counted in the files above; the 2022-23 and 2024-25 in-year sheets list 36 focused and
    # 24 monitoring visits, the 2023-24 sheet 37 and 28 (../shared/sources/README.md).
    assert per_sheet == {
        (SOURCE_2023, "focused"): 36,
        (SOURCE_2023, "monitoring"): 24,
        (SOURCE_2024, "focused"): 37,
        (SOURCE_2024, "monitoring"): 28,
        (SOURCE_2025, "focused"): 36,
        (SOURCE_2025, "monitoring"): 24,
    }
    _check_rows_in_bundle(rows, ds)


@pytest.mark.shared  # not slow: the March 2024 workbook is small (about a second with pandas)
def test_the_2023_24_visits_are_the_sheets_37_focused_and_28_monitoring(
    shared_dir: Path, ds: cs.Dataset
) -> None:
    rows = _workbook_visits(shared_dir, (SHEET_2024,))
    # "Local authority inspection outcomes as at 31 March 2024", sheet
    # Inspections_in_year_2023-24: 37 "ILACS Focused Visit" rows and 28 "LA Monitoring visit"
    # rows (the other 42 rows are short and standard inspections, not visits).
    assert Counter(r["kind"] for r in rows) == {"focused": 37, "monitoring": 28}
    # Every one has a theme there, and none a publication date (the sheet has no such column).
    assert all(r["theme"] and not r["published"] for r in rows)
    _check_rows_in_bundle(rows, ds)
    in_bundle = Counter(
        v.kind.value for v in ds.records.visits if any(c.source == SOURCE_2024 for c in v.citations)
    )
    assert in_bundle == {"focused": 37, "monitoring": 28}


# --- a sample checked against the workbooks' rows --------------------------

SAMPLE = [
    # (visit id, kind, start, published, theme, locator): each from its sheet row.
    # 2023 workbook, sheet LA_level_in_year_2022-23 (no publication date column):
    # row 10: "Bournemouth, Christchurch and Poole", 2022-10-04, "LA Monitoring visit",
    # "Children in need/subject to a plan".
    (
        "bournemouth-christchurch-and-poole-monitoring-visit-2022-10-04",
        "monitoring",
        "2022-10-04",
        None,
        "children_in_need",
        "sheet LA_level_in_year_2022-23, row 10",
    ),
    # row 19: "City of London", 2022-11-08, "ILACS Focused Visit", "Front door".
    (
        "city-of-london-focused-visit-2022-11-08",
        "focused",
        "2022-11-08",
        None,
        "front_door",
        "sheet LA_level_in_year_2022-23, row 19",
    ),
    # row 34: "Halton", 2022-11-23, "ILACS Focused Visit", "Front door".
    (
        "halton-focused-visit-2022-11-23",
        "focused",
        "2022-11-23",
        None,
        "front_door",
        "sheet LA_level_in_year_2022-23, row 34",
    ),
    # row 41: "Kensington and Chelsea", 2022-06-15, "ILACS Focused Visit", "Vulnerable adolescents".
    (
        "kensington-and-chelsea-focused-visit-2022-06-15",
        "focused",
        "2022-06-15",
        None,
        "vulnerable_adolescents",
        "sheet LA_level_in_year_2022-23, row 41",
    ),
    # row 43: "Kingston Upon Hull", 2022-03-29, "LA Monitoring visit", "Care leavers".
    (
        "kingston-upon-hull-monitoring-visit-2022-03-29",
        "monitoring",
        "2022-03-29",
        None,
        "care_leavers",
        "sheet LA_level_in_year_2022-23, row 43",
    ),
    # row 89: "Southend on Sea", 2022-03-22, "ILACS Focused Visit", "Children in care".
    (
        "southend-on-sea-focused-visit-2022-03-22",
        "focused",
        "2022-03-22",
        None,
        "children_in_care",
        "sheet LA_level_in_year_2022-23, row 89",
    ),
    # row 103: "Trafford", 2022-03-10, "LA Monitoring visit", "Children in care".
    (
        "trafford-monitoring-visit-2022-03-10",
        "monitoring",
        "2022-03-10",
        None,
        "children_in_care",
        "sheet LA_level_in_year_2022-23, row 103",
    ),
    # 2025 workbook, sheet In-year_inspections:
    # row 4: E09000002 "Barking and Dagenham", 2025-03-26, published 2025-04-29,
    # "ILACS Focused Visit", "Children in need/subject to a plan".
    (
        "barking-and-dagenham-focused-visit-2025-03-26",
        "focused",
        "2025-03-26",
        "2025-04-29",
        "children_in_need",
        "sheet In-year_inspections, row 4",
    ),
    # row 14: E08000032 "Bradford", 2024-05-22, published 2024-07-12, "LA Monitoring visit",
    # "Achieving permanence".
    (
        "bradford-monitoring-visit-2024-05-22",
        "monitoring",
        "2024-05-22",
        "2024-07-12",
        "achieving_permanence",
        "sheet In-year_inspections, row 14",
    ),
    # row 44: E06000019 "Herefordshire", 2024-10-22, published 2024-12-04,
    # "LA Monitoring visit", "Vulnerable adolescents".
    (
        "herefordshire-monitoring-visit-2024-10-22",
        "monitoring",
        "2024-10-22",
        "2024-12-04",
        "vulnerable_adolescents",
        "sheet In-year_inspections, row 44",
    ),
    # row 47: E06000053 "Isles of Scilly", 2025-02-11, published 2025-03-13,
    # "LA Monitoring visit", "Children in need/subject to a plan".
    (
        "isles-of-scilly-monitoring-visit-2025-02-11",
        "monitoring",
        "2025-02-11",
        "2025-03-13",
        "children_in_need",
        "sheet In-year_inspections, row 47",
    ),
    # row 57: E08000012 "Liverpool", 2025-03-25, published 2025-04-28, "LA Monitoring visit",
    # "Vulnerable adolescents".
    (
        "liverpool-monitoring-visit-2025-03-25",
        "monitoring",
        "2025-03-25",
        "2025-04-28",
        "vulnerable_adolescents",
        "sheet In-year_inspections, row 57",
    ),
    # row 64: E06000061 "North Northamptonshire", 2024-10-01, published 2024-10-31,
    # "ILACS Focused Visit", "Care leavers" (its web link is West Northamptonshire's too:
    # the ONS code decides).
    (
        "north-northamptonshire-focused-visit-2024-10-01",
        "focused",
        "2024-10-01",
        "2024-10-31",
        "care_leavers",
        "sheet In-year_inspections, row 64",
    ),
    # row 69: E06000018 "Nottingham", 2024-11-12, published 2024-12-12, "LA Monitoring visit",
    # "Children in care".
    (
        "nottingham-monitoring-visit-2024-11-12",
        "monitoring",
        "2024-11-12",
        "2024-12-12",
        "children_in_care",
        "sheet In-year_inspections, row 69",
    ),
]


@pytest.mark.parametrize(("ident", "kind", "start", "published", "theme", "locator"), SAMPLE)
def test_sample_of_visits_matches_the_workbook_rows(
    ds: cs.Dataset,
    ident: str,
    kind: str,
    start: str,
    published: str | None,
    theme: str,
    locator: str,
) -> None:
    visit = ds.visit(ident)
    assert visit.kind is VisitKind(kind)
    assert str(visit.start) == start
    assert (None if visit.published is None else str(visit.published)) == published
    assert visit.theme is VisitTheme(theme)
    assert visit.priority_action is None
    assert [c.locator for c in visit.citations] == [locator]


def test_visits_from_other_sources(ds: cs.Dataset) -> None:
    # GOV.UK, "Improvement notice issued to Halton Borough Council" (13 January 2022): the
    # notice follows an Ofsted inspection in October 2021 (published 17 November 2021), a
    # focused visit report that judged there to be 2 areas for priority action.
    halton = ds.visit("halton-focused-visit-2021-10")
    assert (str(halton.start), str(halton.published), halton.priority_action) == (
        "2021-10",
        "2021-11-17",
        True,
    )
    # The Lincolnite, 26 November 2021: two focused visits, in March and October 2019,
    # resulting in areas for priority action.
    for month in ("2019-03", "2019-10"):
        visit = ds.visit(f"north-east-lincolnshire-focused-visit-{month}")
        assert (str(visit.start), visit.priority_action) == (month, True)


# --- visits never set a rating ----------------------------------------------


def _without_visits(records: RecordSet) -> cs.Dataset:
    return cs.Dataset.from_records(attrs.evolve(records, visits=()))


def test_visits_never_change_a_rating_in_the_real_data(ds: cs.Dataset) -> None:
    records = ds.records
    assert records.visits, "the bundle holds visits"
    bare = _without_visits(records)
    days = {v.date.latest for v in records.visits}
    days |= {d.add(days=1) for d in days}
    days |= {v.published.latest for v in records.visits if v.published is not None}
    days |= set(cs.quarterly("2018-01-01", "2026-06-30"))
    for day in sorted(days):
        assert ds.ratings_on(day) == bare.ratings_on(day), day
        assert ds.shares_on(day) == bare.shares_on(day), day
    for authority in ds.authorities():
        with_visits = authority.trajectory(until="2026-06-30").spells
        without = bare.authority(authority.id).trajectory(until="2026-06-30").spells
        assert [(s.start, s.end, s.grade, s.inspection.id) for s in with_visits] == [
            (s.start, s.end, s.grade, s.inspection.id) for s in without
        ]
        assert sum(len(s.visits) for s in without) == 0


@given(st_cs.record_sets(), st.lists(st_cs.days(), min_size=1, max_size=4))
def test_visits_never_change_a_rating_in_generated_data(
    records: RecordSet, days: list[datetime.date]
) -> None:
    ds = cs.Dataset.from_records(records)
    bare = _without_visits(records)
    for day in days:
        assert ds.ratings_on(day) == bare.ratings_on(day)
        for authority in ds.authorities():
            assert authority.rating_on(day) == bare.authority(authority.id).rating_on(day)
    until = pendulum.Date(2028, 1, 1)
    for authority in ds.authorities():
        spells = authority.trajectory(until=until).spells
        plain = bare.authority(authority.id).trajectory(until=until).spells
        assert [(s.start, s.end, s.grade, s.inspection) for s in spells] == [
            (s.start, s.end, s.grade, s.inspection) for s in plain
        ]


# --- the record type ---------------------------------------------------------


def test_a_monitoring_visit_names_no_priority_action() -> None:
    with pytest.raises(ValueError, match="only a focused visit"):
        Visit(
            id="x-monitoring-visit-2024-05",
            authority="x",
            kind=VisitKind.MONITORING,
            start=PartialDate(2024, 5),
            priority_action=False,
            citations=CITE,
        )


def test_a_visit_needs_a_date_and_a_publication_not_before_its_fieldwork() -> None:
    with pytest.raises(ValueError, match="fieldwork start or its publication"):
        Visit(id="x-visit", authority="x", kind=VisitKind.FOCUSED, citations=CITE)
    with pytest.raises(ValueError, match="before"):
        Visit(
            id="x-visit",
            authority="x",
            kind=VisitKind.FOCUSED,
            start=PartialDate(2024, 5, 10),
            published=PartialDate(2024, 4),
            citations=CITE,
        )
    # A publication in the month the fieldwork began may be after it: not refused.
    Visit(
        id="x-visit",
        authority="x",
        kind=VisitKind.FOCUSED,
        start=PartialDate(2024, 5, 10),
        published=PartialDate(2024, 5),
        citations=CITE,
    )


def test_a_bad_visit_row_is_reported_with_its_file_line_and_field(tmp_path: Path) -> None:
    (tmp_path / "visits").mkdir()
    path = tmp_path / "visits" / "mine.csv"
    path.write_text(
        "id,authority,kind,start,theme,priority_action,source\n"
        "sandwell-jtai-visit-2024-05-01,sandwell,jtai,2024-05-01,,,ofsted-csc-data-england-2023\n"
        "sandwell-focused-visit-2024-06-01,sandwell,focused,2024-06-01,front door,,"
        "ofsted-csc-data-england-2023\n"
        "sandwell-monitoring-visit-2024-07-01,sandwell,monitoring,2024-07-01,,maybe,"
        "ofsted-csc-data-england-2023\n",
        encoding="utf-8",
    )
    with pytest.raises(cs.DatasetError) as caught:
        cs.load(tmp_path, updates=False)
    problems = {(p.record, p.field): p.message for p in caught.value.problems}
    assert any(str(path) in (p.file or "") for p in caught.value.problems)
    assert "'jtai' is not one of" in problems[("sandwell-jtai-visit-2024-05-01", "kind")]
    assert "'front door' is not one of" in problems[("sandwell-focused-visit-2024-06-01", "theme")]
    assert "yes or no" in problems[("sandwell-monitoring-visit-2024-07-01", "priority_action")]


# --- in an authority's history, show, panels ----------------------------------


def test_bradford_visits_in_history_and_trajectory(ds: cs.Dataset) -> None:
    bradford = ds.authority("Bradford")
    # 2023 workbook in-year sheet row 13 (2022-07-27); March 2024 workbook, sheet
    # Inspections_in_year_2023-24, rows 38, 70 and 103; 2025 workbook rows 14 and 13.
    assert [str(v.start) for v in bradford.visits] == [
        "2022-07-27",
        "2023-07-18",
        "2023-11-08",
        "2024-02-27",
        "2024-05-22",
        "2025-02-11",
    ]
    spells = bradford.trajectory(until="2026-06-30").spells
    # The 2022 visit falls in the spell of the inadequate ILACS published 29 October 2018
    # (2023 workbook, LA_inspections_2009-2023, row 18), the later ones in the next one.
    placed = {s.inspection.id: [v.id for v in s.visits] for s in spells}
    assert placed["bradford-ilacs-2018-10-29"] == ["bradford-monitoring-visit-2022-07-27"]
    assert placed["bradford-ilacs-2023-01-31"] == [
        "bradford-monitoring-visit-2023-07-18",
        "bradford-monitoring-visit-2023-11-08",
        "bradford-monitoring-visit-2024-02-27",
        "bradford-monitoring-visit-2024-05-22",
        "bradford-monitoring-visit-2025-02-11",
    ]


def test_show_lists_the_visits_with_their_sources() -> None:
    out = io.StringIO()
    assert main(["show", "Bradford"], out=out) == 0
    text = out.getvalue()
    assert "Visits (no grade" in text
    assert "2024-05-22  monitoring visit: achieving_permanence; published 2024-07-12" in text
    assert "[sheet In-year_inspections, row 14]" in text
    assert "2022-07-27  monitoring visit: care_leavers; published not known" in text


def test_panel_rows_hold_the_visits_of_their_period(ds: cs.Dataset) -> None:
    rows = ds.panel(cs.monthly("2024-05-01", "2024-08-01"))
    nottingham = {str(r.day): r.visits for r in rows if r.authority == "nottingham"}
    # 2025 workbook, In-year_inspections row 70: Nottingham, monitoring visit from 2024-07-31.
    assert nottingham == {
        "2024-05-01": (),
        "2024-06-01": (),
        "2024-07-01": ("nottingham-monitoring-visit-2024-07-31",),
        "2024-08-01": None,
    }


def test_exports_carry_the_visits(ds: cs.Dataset, tmp_path: Path) -> None:
    written = ds.to_csv(tmp_path)
    assert any(p.parent.name == "visits" for p in written)
    again = cs.load_seeds(tmp_path)
    assert again.records.visits == ds.records.visits


# --- the rules on made-up records ---------------------------------------------


def _visit(ident: str, **fields: Any) -> Visit:
    fields.setdefault("kind", VisitKind.FOCUSED)
    return Visit(id=ident, authority="testshire", citations=CITE, **fields)


def _notice(ident: str, date: PartialDate, kind: InterventionKind | None = None) -> Intervention:
    return Intervention(
        id=ident,
        authority="testshire",
        kind=kind or InterventionKind.IMPROVEMENT_NOTICE,
        date=date,
        citations=CITE,
    )


def test_priority_actions_followed_by_a_notice_within_a_year() -> None:
    # Letter published 10 May 2023: the year runs to 9 May 2024 (2024 is a leap year).
    visit = _visit(
        "v",
        start=PartialDate(2023, 3, 14),
        published=PartialDate(2023, 5, 10),
        priority_action=True,
    )
    until = datetime.date(2026, 1, 1)
    notice = _notice("n", PartialDate(2023, 8))
    (found,) = priority_action_responses([visit], [notice], until=until)
    assert (found.notice, found.followed, found.days) == (notice, True, 113)  # 10 May to 31 Aug
    late = _notice("late", PartialDate(2024, 6))
    (found,) = priority_action_responses([visit], [late], until=until)
    assert (found.notice, found.followed) == (None, False)
    straddles = _notice("straddles", PartialDate(2024, 5))
    (found,) = priority_action_responses([visit], [straddles], until=until)
    assert (found.notice, found.followed) == (straddles, None)
    (found,) = priority_action_responses([visit], [late], until=datetime.date(2024, 1, 1))
    assert found.followed is None  # the year was not over when the record was read
    before = _notice("before", PartialDate(2023, 5, 1))
    (found,) = priority_action_responses([visit], [before], until=until)
    assert found.followed is False  # a notice before the letter does not follow it
    direction = _notice("d", PartialDate(2023, 9, 1), InterventionKind.STATUTORY_DIRECTION)
    (found,) = priority_action_responses([visit], [direction], until=until)
    assert found.followed is False
    (found,) = priority_action_responses(
        [visit], [direction], until=until, kinds={InterventionKind.STATUTORY_DIRECTION}
    )
    assert (found.notice, found.followed) == (direction, True)


def test_only_focused_visits_with_priority_actions_are_asked_about() -> None:
    visits = [
        _visit("unknown", start=PartialDate(2023, 3, 14)),
        _visit("none", start=PartialDate(2023, 3, 14), priority_action=False),
        _visit("monitoring", start=PartialDate(2023, 3, 14), kind=VisitKind.MONITORING),
        _visit("named", start=PartialDate(2023, 3, 14), priority_action=True),
    ]
    found = priority_action_responses(visits, [], until=datetime.date(2026, 1, 1))
    assert [r.visit.id for r in found] == ["named"]


@given(
    st.lists(st_cs.visits(authority="testshire"), max_size=5),
    st.lists(st_cs.interventions(), max_size=5),
    st_cs.days(),
)
def test_priority_action_responses_follow_their_definition(
    visits: list[Visit], steps: list[Intervention], until: datetime.date
) -> None:
    found = priority_action_responses(visits, steps, until=until)
    asked = [v for v in visits if v.kind is VisitKind.FOCUSED and v.priority_action is True]
    assert sorted(r.visit.id for r in found) == sorted(v.id for v in asked)
    notices = [s for s in steps if s.kind is InterventionKind.IMPROVEMENT_NOTICE and s.date]
    for response in found:
        clock = response.visit.published or response.visit.date
        start, end = clock.first_day(), clock.last_day()
        window = datetime.timedelta(days=NOTICE_WITHIN_DAYS)
        certain = [
            n
            for n in notices
            if n.date is not None
            and n.date.first_day() >= end
            and n.date.last_day() <= start + window
        ]
        possible = [
            n
            for n in notices
            if n.date is not None
            and n.date.last_day() >= start
            and n.date.first_day() <= end + window
        ]
        if response.followed is True:
            assert response.notice in certain
            assert response.days is not None and 0 <= response.days <= NOTICE_WITHIN_DAYS + 366
        elif response.followed is False:
            assert possible == [] and until >= end + window
        else:
            assert certain == []
            assert possible or until < end + window


@given(st_cs.datasets(), st.sampled_from(["2020-01-01", "2024-06-30", "2028-01-01"]))
def test_monitoring_spells_hold_the_monitoring_visits_between_judgements(
    ds: cs.Dataset, until: str
) -> None:
    for authority in ds.authorities():
        trajectory = authority.trajectory(until=until)
        spells = monitoring_spells(trajectory)
        assert [s.inadequate for s in spells] == [
            s.inspection for s in trajectory.spells if s.grade is cs.Grade.INADEQUATE
        ]
        for spell in spells:
            stop = spell.end or trajectory.until
            expected = [
                v
                for v in authority.visits_with_predecessors()
                if v.kind is VisitKind.MONITORING and spell.start <= v.date.latest < stop
            ]
            assert sorted(spell.visits, key=lambda v: v.id) == sorted(expected, key=lambda v: v.id)
            assert spell.count == len(expected)
            assert len(spell.spacing_days) == max(0, spell.count - 1)
            assert all(gap >= 0 for gap in spell.spacing_days)
            if spell.visits:
                span = (spell.visits[-1].date.latest - spell.visits[0].date.latest).days
                assert sum(spell.spacing_days) == span
                assert spell.days_to_first_visit is not None and spell.days_to_first_visit >= 0
            else:
                assert spell.days_to_first_visit is None


@given(st_cs.datasets(), st.lists(st_cs.days(), min_size=1, max_size=5))
def test_panel_periods_hold_each_visit_once(ds: cs.Dataset, raw: list[datetime.date]) -> None:
    rows = ds.panel(raw)
    days = sorted({pendulum.Date(d.year, d.month, d.day) for d in raw})
    for row in rows:
        later = [d for d in days if d > row.day]
        if not later:
            assert row.visits is None
            continue
        expected = visits_in(ds.authority(row.authority).visits, row.day, later[0])
        assert row.visits == tuple(v.id for v in expected)
    seen: dict[str, set[str]] = {}
    for authority, day in sorted({(r.authority, r.day) for r in rows}):
        row = next(r for r in rows if (r.authority, r.day) == (authority, day))
        for ident in row.visits or ():
            assert ident not in seen.setdefault(authority, set()), "a visit in two periods"
            seen[authority].add(ident)
