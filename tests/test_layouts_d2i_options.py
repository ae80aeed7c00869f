"""Data to Insight's summary to the cell: the tool's habits as options (issue 28, item 3),
checked against the tool's committed snapshots in ``../shared/sources/ilacs-summary-snapshots``.
"""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path

import pytest

import childservices as cs
from childservices.layouts import (
    D2IOptions,
    LayoutTable,
    Link,
    NeighbourWords,
    framework_from_days,
    read_order,
)
from childservices.layouts.d2i_style import FORK_POST_REFORM, FORK_UNKNOWN, LONGER_THAN_STANDARD

SNAPSHOTS = "sources/ilacs-summary-snapshots"


def _day(text: str) -> datetime.date | None:
    """A snapshot's date: ``dd/mm/yyyy`` or ``dd/mm/yy`` (both occur), else None."""
    for pattern in ("%d/%m/%Y", "%d/%m/%y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            pass
    return None


def _snapshots(shared_dir: Path) -> list[tuple[str, list[dict[str, str]]]]:
    files = sorted((shared_dir / SNAPSHOTS).glob("*.csv"))
    assert len(files) == 54
    out = []
    for path in files:
        with path.open(encoding="utf-8", newline="") as handle:
            out.append((path.stem, list(csv.DictReader(handle))))
    return out


@pytest.mark.parametrize(
    ("start", "end", "kind"),
    [
        ("2026-07-06", "2026-07-10", "short"),
        ("2026-07-06", "2026-07-13", "short"),  # 7 days
        ("2026-07-06", "2026-07-14", "standard"),  # 8 days
        ("2026-05-11", "2026-05-26", "standard"),  # 15 days: the tool's threshold + 1
        ("2026-05-11", "2026-05-27", LONGER_THAN_STANDARD),
        ("2026-05-11", "2026-05-10", "invalid end or start date extracted"),
    ],
)
def test_the_tools_inference_at_its_edges(start: str, end: str, kind: str) -> None:
    first, last = datetime.date.fromisoformat(start), datetime.date.fromisoformat(end)
    assert framework_from_days(first, last) == kind


@pytest.mark.shared
def test_the_inference_is_the_tools_on_every_snapshot_row(shared_dir: Path) -> None:
    # Every row of every snapshot whose two fieldwork dates were read: the rule gives the
    # tool's own inspection_framework cell.
    agree = rows = undated = 0
    for _, snapshot in _snapshots(shared_dir):
        for row in snapshot:
            start = _day(row["inspection_start_date"])
            end = _day(row["inspection_end_date"])
            if start is None or end is None:
                undated += 1
                assert row["inspection_framework"] in ("", "None")  # nothing to infer from
                continue
            rows += 1
            agree += framework_from_days(start, end) == row["inspection_framework"]
    print(f"Short/standard inference: {agree} of {rows} dated snapshot rows as the tool has them")
    assert agree == rows == 8123 and undated == 139


def test_the_inference_fills_only_the_empty_ilacs_types() -> None:
    ds = cs.load()
    plain = ds.summary_table(on="2026-08-20")
    inferred = ds.summary_table(on="2026-08-20", options=D2IOptions(infer_framework=True))
    changed = {}
    for before, after in zip(plain.records(), inferred.records(), strict=True):
        if before != after:
            assert before["inspection_framework"] is None
            assert {k for k in before if before[k] != after[k]} == {"inspection_framework"}
            changed[before["local_authority"]] = after["inspection_framework"]
    # The nine inspections published in July and August 2026, fieldwork dates from their
    # reports: Portsmouth's one week, the others two.
    assert len(changed) == 9
    assert changed.pop("portsmouth") == "short"
    assert set(changed.values()) == {"standard"}


@pytest.mark.shared
def test_the_rows_in_the_tools_order(shared_dir: Path) -> None:
    snapshots = _snapshots(shared_dir)
    orders = {tuple(row["urn"] for row in snapshot) for _, snapshot in snapshots}
    assert len(orders) == 1  # the same order in all 54 snapshots
    day, snapshot = snapshots[-1]
    path = shared_dir / SNAPSHOTS / f"{day}.csv"
    table = cs.load().summary_table(on=day, options=D2IOptions(order=read_order(path)))
    ours = [str(r["urn"]) for r in table.records()]
    theirs = [row["urn"] for row in snapshot]
    same = sum(a == b for a, b in zip(ours, theirs, strict=True))
    print(f"Row order, snapshot of {day}: {same} of {len(theirs)} rows in the tool's place")
    assert ours == theirs
    by_name = [str(r["urn"]) for r in cs.load().summary_table(on=day).records()]
    assert by_name != theirs  # without the option, by name


def test_the_order_keeps_unlisted_rows_last() -> None:
    table = cs.load().summary_table(on="2026-06-29", options=D2IOptions(order=[80549, 80426]))
    urns = [r["urn"] for r in table.records()]
    assert urns[:2] == [80549, 80426] and len(urns) == 153
    assert urns[2:] == [
        u
        for u in (r["urn"] for r in cs.load().summary_table(on="2026-06-29").records())
        if u not in (80549, 80426)
    ]


def test_read_order_says_what_is_wrong() -> None:
    with pytest.raises(cs.ChildServicesError, match="no 'urn' column"):
        read_order(io.StringIO("la_code\n370\n"))
    with pytest.raises(cs.ChildServicesError, match="line 3, column urn: 'x' is not a URN"):
        read_order(io.StringIO("urn\n80426\nx\n"))


def test_the_forks_words_in_the_neighbour_lists() -> None:
    ds = cs.load()
    plain = ds.summary_table(on="2026-06-29")
    fork = ds.summary_table(
        on="2026-06-29", options=D2IOptions(neighbour_words=NeighbourWords.FORK)
    )
    column = "stat_neighbour_judgement"
    pairs = list(zip(plain.records(), fork.records(), strict=True))
    assert any("'not_reported_post_reform'" in str(a[column]) for a, _ in pairs)
    for before, after in pairs:
        text = str(before[column])
        text = text.replace("'not_reported_post_reform'", repr(FORK_POST_REFORM))
        assert after[column] == (
            None if before[column] is None else text.replace(", nan)", f", {FORK_UNKNOWN!r})")
        )
        # The fork keeps the library's word in the authority's own column.
        assert after["overall_effectiveness_grade"] == before["overall_effectiveness_grade"]
    assert sum(repr(FORK_POST_REFORM) in str(a[column]) for _, a in pairs) >= 27


def test_page_links_for_every_row() -> None:
    ds = cs.load()
    plain = ds.summary_table(on="2026-08-20")
    linked = ds.summary_table(on="2026-08-20", options=D2IOptions(page_links=True))
    assert sum(r["inspection_link"] is None for r in plain.records()) == 9
    for before, after in zip(plain.records(), linked.records(), strict=True):
        if before["inspection_link"] is not None:
            assert after["inspection_link"] == before["inspection_link"]
        else:
            assert after["inspection_link"] == (
                f"https://reports.ofsted.gov.uk/provider/44/{after['urn']}"
            )


def test_all_text_cells_with_a_clickable_link(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    table = cs.load().summary_table(on="2026-06-29")
    text = table.as_text(links=["inspection_link"])
    assert isinstance(text, LayoutTable) and text.text_rows() == table.text_rows()
    path = tmp_path / "overview.xlsx"
    text.to_xlsx(path)
    sheet = openpyxl.load_workbook(path).active
    header = [c.value for c in sheet[1]]
    row = {h: c for h, c in zip(header, sheet[2], strict=True)}
    first = table.text_rows()[0]
    for name, cell in row.items():
        if name == "local_link_to_all_inspections":
            assert str(cell.value).startswith("=HYPERLINK(")  # the tool's formula, live
        elif cell.value is not None:
            assert cell.data_type == "s" and cell.value == first[header.index(name)]
    assert row["urn"].value == "80486"  # Barking and Dagenham, first by name: text
    assert row["inspection_link"].hyperlink.target == first[header.index("inspection_link")]
    links = [r[header.index("inspection_link")] for r in text.rows]
    assert all(isinstance(v, Link) for v in links if v is not None)


def test_the_command_line_offers_the_options(tmp_path: Path) -> None:
    from childservices.cli import main

    order = tmp_path / "theirs.csv"
    order.write_text("urn\n80549\n80426\n", encoding="utf-8")
    options = D2IOptions(
        infer_framework=True,
        neighbour_words=NeighbourWords.FORK,
        page_links=True,
        order=[80549, 80426],
    )
    expected = cs.load().summary_table(on="2026-08-20", options=options).csv_text()
    out = io.StringIO()
    argv = ["export", "--layout", "d2i-summary", "--on", "2026-08-20", "--infer-framework"]
    argv += ["--neighbour-words", "fork", "--page-links", "--order-like", str(order)]
    assert main([*argv, "--out", "-"], out=out) == 0
    assert out.getvalue() == expected
    path = tmp_path / "overview.xlsx"
    assert (
        main([*argv, "--all-text", "--format", "xlsx", "--out", str(path)], out=io.StringIO()) == 0
    )
    assert path.stat().st_size > 0
