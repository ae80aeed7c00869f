"""Checks on the inspection seeds generated from Ofsted's official workbooks and
the ILACS summary snapshots (tools/import_official.py, tools/import_snapshots.py).

These read the generated CSV files with ``csv`` only, not the library. Expected
values come from the sources themselves, with the sheet row cited beside them.
Tests that re-read the workbooks or rerun the generators need ``../shared``
(the ``shared_dir`` fixture skips them, with a reason, when it is absent).
"""

from __future__ import annotations

import csv
import filecmp
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
TOOLS = ROOT / "tools"
FILES = ("official_2023", "official_2025", "snapshots")

AREAS = {
    "slac": {"safeguarding", "looked_after_children", "capacity_to_improve"},
    "cpi": set(),
    "lac": {"capacity_to_improve"},
    "sif": {
        "help_and_protection",
        "looked_after_and_permanence",
        "adoption",
        "care_leavers",
        "leadership_management_governance",
        "lscb_review",
    },
    "ilacs": {
        "impact_of_leaders",
        "help_and_protection",
        "in_care_and_care_leavers",
        "in_care",
        "care_leavers",
    },
    "ilacs_2026": {"impact_of_leaders", "help_and_protection", "in_care", "care_leavers"},
}
GRADES = {"outstanding", "good", "requires_improvement", "adequate", "inadequate"}


def rows(table: str, name: str) -> list[dict[str, str]]:
    with (SEEDS / table / f"{name}.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def all_rows(table: str) -> list[dict[str, str]]:
    return [row for name in FILES for row in rows(table, name)]


def one(table: str, name: str, **match: str) -> dict[str, str]:
    found = [r for r in rows(table, name) if all(r[k] == v for k, v in match.items())]
    assert len(found) == 1, (table, name, match, found)
    return found[0]


# --- facts checked against the sources -------------------------------------


def test_bradford_first_ilacs_inadequate() -> None:
    # 2023 workbook, sheet LA_inspections_2009-2023, row 18 (Bradford): first ILACS
    # 'ILACS Standard Inspection', published 2018-10-29, overall 'Inadequate'.
    # 2025 workbook, sheet ILACS_inspection_history, row 26: inspection date
    # 2018-09-17, published 2018-10-29, 'Inadequate'.
    row = one("inspections", "official_2023", id="bradford-ilacs-2018-10-29")
    assert (row["overall"], row["kind"], row["published"]) == (
        "inadequate",
        "standard",
        "2018-10-29",
    )
    row = one("inspections", "official_2025", id="bradford-ilacs-2018-10-29")
    assert (row["overall"], row["start"]) == ("inadequate", "2018-09-17")


def test_birmingham_first_sif() -> None:
    # 2023 workbook, sheet LA_inspections_2009-2023, row 12 (Birmingham), column
    # 'Single Inspection of LA Children's Services (SIF) First SIF publication
    # date' = 2014-05-23; overall 'Inadequate', all key judgements 'Inadequate'.
    row = one("inspections", "official_2023", id="birmingham-sif-2014-05-23")
    assert (row["framework"], row["kind"], row["overall"]) == ("sif", "standard", "inadequate")
    grades = {
        r["area"]: r["grade"]
        for r in rows("judgements", "official_2023")
        if r["inspection"] == "birmingham-sif-2014-05-23"
    }
    assert grades == dict.fromkeys(AREAS["sif"], "inadequate")


def test_barking_slac_middle_grade_is_adequate() -> None:
    # 2023 workbook, sheet LA_inspections_2009-2023, row 6 (Barking and Dagenham):
    # SLAC published 2012-07-27, safeguarding 'Good', looked after children
    # 'Requires improvement to be good' (the sheet's wording for 'adequate').
    row = one("inspections", "official_2023", id="barking-and-dagenham-slac-2012-07-27")
    assert row["overall"] == "not_given"
    grades = {
        r["area"]: r["grade"]
        for r in rows("judgements", "official_2023")
        if r["inspection"] == "barking-and-dagenham-slac-2012-07-27"
    }
    assert grades == {"safeguarding": "good", "looked_after_children": "adequate"}


def test_cornwall_same_day_slac_reinspections_are_one_inspection() -> None:
    # 2023 workbook, row 32 (Cornwall): SLAC re-inspection of safeguarding and of
    # looked after children both published 2011-02-25 ('Inadequate',
    # 'Requires improvement to be good' = adequate).
    row = one("inspections", "official_2023", id="cornwall-slac-2011-02-25")
    assert row["kind"] == "reinspection"
    grades = {
        r["area"]: r["grade"]
        for r in rows("judgements", "official_2023")
        if r["inspection"] == "cornwall-slac-2011-02-25"
    }
    assert grades == {"safeguarding": "inadequate", "looked_after_children": "adequate"}


def test_staffordshire_corrected_care_leavers() -> None:
    # 2025 workbook, Notes sheet row 10: the 2024 release said 'Good' for the care
    # leavers sub-judgement of Staffordshire's short inspection of 6 November
    # 2023; the report says 'Requires improvement to be good'. History row 219.
    ident = "staffordshire-ilacs-2024-01-12"
    row = one("judgements", "official_2025", inspection=ident, area="care_leavers")
    assert row["grade"] == "requires_improvement"


def test_reformed_framework_rows() -> None:
    # Snapshots 2026-06-22 to 2026-06-29: Brent and Somerset, inspected from
    # 27/04/2026, published 17/06/26, overall 'nan', four area grades.
    for authority in ("brent", "somerset"):
        ident = f"{authority}-ilacs_2026-2026-06-17"
        row = one("inspections", "snapshots", id=ident)
        assert (row["overall"], row["start"]) == ("not_given", "2026-04-27")
        areas = {r["area"] for r in rows("judgements", "snapshots") if r["inspection"] == ident}
        assert areas == AREAS["ilacs_2026"]


def test_abolished_and_reorganised_authorities() -> None:
    ids = {r["id"] for r in rows("inspections", "official_2023")}
    # Second table of the 2023 sheet, rows 162-165.
    assert "bournemouth-ilacs-2018-08-24" in ids
    assert "dorset-county-sif-2016-05-23" in ids
    assert "poole-sif-2017-11-24" in ids
    assert "northamptonshire-ilacs-2019-07-29" in ids
    # North Yorkshire's 2018 ILACS was the county council's (2025 history row 166).
    history = {r["id"] for r in rows("inspections", "official_2025")}
    assert "north-yorkshire-county-ilacs-2018-08-06" in history
    assert "north-yorkshire-ilacs-2023-08-18" in history


# --- invariants ---------------------------------------------------------------


def test_no_requires_improvement_before_sif() -> None:
    frameworks = {r["id"]: r["framework"] for r in all_rows("inspections")}
    for row in all_rows("inspections"):
        if row["framework"] in ("slac", "cpi", "lac"):
            assert row["overall"] != "requires_improvement", row["id"]
        else:
            assert row["overall"] != "adequate", row["id"]
    for row in all_rows("judgements"):
        framework = frameworks[row["inspection"]]
        if framework in ("slac", "cpi", "lac"):
            assert row["grade"] != "requires_improvement", row
        else:
            assert row["grade"] != "adequate", row


def test_every_source_exists() -> None:
    sources: set[str] = set()
    for path in (SEEDS / "sources").glob("*.csv"):
        with path.open(newline="", encoding="utf-8") as handle:
            sources.update(r["id"] for r in csv.DictReader(handle))
    for table in ("inspections", "judgements"):
        for row in all_rows(table):
            assert row["source"] in sources, (table, row)


def test_ids_unique_per_source() -> None:
    counts = Counter((r["id"], r["source"]) for r in all_rows("inspections"))
    assert [k for k, n in counts.items() if n > 1] == []
    counts = Counter((r["inspection"], r["area"], r["source"]) for r in all_rows("judgements"))
    assert [k for k, n in counts.items() if n > 1] == []


def test_ids_follow_the_rule_and_judgements_resolve() -> None:
    inspections = {(r["id"], r["source"]): r for r in all_rows("inspections")}
    for (ident, _), row in inspections.items():
        assert re.fullmatch(
            rf"{re.escape(row['authority'])}-{row['framework']}-\d{{4}}-\d{{2}}-\d{{2}}", ident
        )
        # A row whose date differs from the id's leaves `published` empty.
        assert row["published"] in ("", ident[-10:]), ident
    for row in all_rows("judgements"):
        inspection = inspections[(row["inspection"], row["source"])]
        assert row["area"] in AREAS[inspection["framework"]], row
        assert row["grade"] in GRADES, row


def test_vocabulary() -> None:
    for row in all_rows("inspections"):
        assert row["framework"] in AREAS
        assert row["kind"] in ("", "standard", "short", "reinspection")
        assert row["overall"] in GRADES | {"", "not_given"}
        if row["kind"] == "short":
            assert row["framework"].startswith("ilacs")


# --- against ../shared -------------------------------------------------------------


@pytest.mark.shared
def test_sheet_cell_birmingham(shared_dir: Path) -> None:
    sys.path.insert(0, str(TOOLS))
    from import_official import read_ods_sheet

    path = shared_dir / "sources/official/Childrens_social_care_in_England_2023_underlying_data.ods"
    sheet = read_ods_sheet(path, "LA_inspections_2009-2023")
    assert sheet[12][1].text == "Birmingham"
    assert sheet[12][17].text == "2014-05-23"  # column R, first SIF publication date
    assert sheet[12][18].text == "Inadequate"


@pytest.mark.shared
@pytest.mark.slow  # reruns the generators over the workbooks: seconds, with the slow tests
def test_generators_reproduce_committed_files(shared_dir: Path, tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    for folder in ("authorities", "authority_identifiers", "authority_aliases"):
        if (SEEDS / folder).is_dir():
            shutil.copytree(SEEDS / folder, seeds / folder)
    for script in ("import_official.py", "import_snapshots.py"):
        subprocess.run(
            [
                sys.executable,
                str(TOOLS / script),
                "--sources",
                str(shared_dir / "sources"),
                "--seeds",
                str(seeds),
            ],
            check=True,
            capture_output=True,
        )
    for table in ("inspections", "judgements"):
        for name in FILES:
            assert filecmp.cmp(
                seeds / table / f"{name}.csv", SEEDS / table / f"{name}.csv", shallow=False
            ), (table, name)
    for name in ("official", "snapshots"):
        assert filecmp.cmp(
            seeds / "sources" / f"{name}.csv", SEEDS / "sources" / f"{name}.csv", shallow=False
        )
    # The official statistics (the DfE's files and MHCLG's revenue outturn workbooks): the
    # import reads every other seed (the vocabulary, the councils and their lineage), so it
    # runs over a copy of the seeds without their observations.
    stats = tmp_path / "stats"
    shutil.copytree(SEEDS, stats, ignore=shutil.ignore_patterns("observations"))
    subprocess.run(
        [
            sys.executable,
            str(TOOLS / "import_dfe_statistics.py"),
            "--sources",
            str(shared_dir / "sources"),
            "--seeds",
            str(stats),
        ],
        check=True,
        capture_output=True,
    )
    committed = sorted(p.name for p in (SEEDS / "observations").glob("*.csv"))
    assert sorted(p.name for p in (stats / "observations").glob("*.csv")) == committed
    assert "ro3_revenue_outturn.csv" in committed
    for name in committed:
        assert filecmp.cmp(
            stats / "observations" / name, SEEDS / "observations" / name, shallow=False
        ), name
