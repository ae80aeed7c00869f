"""``to_frames()["latest"]``: each authority's latest inspection (issue 27, item 9)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import childservices as cs
from childservices import export


def _current_ons_codes(shared_dir: Path) -> set[str]:
    """The ONS codes of the authorities in Data to Insight's lookup that have one (the lookup
    keeps some abolished authorities, with no ONS code: ../shared/sources/README.md)."""
    with (shared_dir / "sources" / "la-lookup.csv").open(encoding="utf-8-sig") as handle:
        return {row["la_code_new"] for row in csv.DictReader(handle) if row["la_code_new"]}


def test_latest_has_one_row_per_current_authority(shared_dir: Path) -> None:
    # Failed before: no "latest" frame; grouping the inspections frame by authority and taking
    # the latest row dropped the 11 authorities whose latest inspection gives no overall grade.
    pd = pytest.importorskip("pandas")
    ds = cs.load()
    latest = export.to_frames(ds)["latest"]
    codes = _current_ons_codes(shared_dir)
    assert len(codes) == 153  # Ofsted's count of current authorities (the 2025 workbook's)
    assert len(latest) == len(codes)
    assert latest["authority"].is_unique
    ons = {
        str(i.authority): i.value
        for i in ds.records.authority_identifiers
        if i.scheme is cs.IdentifierScheme.ONS
    }
    assert {ons[a] for a in latest["authority"]} == codes
    # Every row counts in a crosstab: not_given is kept as text, not dropped as missing.
    table = pd.crosstab(latest["framework"], latest["overall"])
    assert int(table.to_numpy().sum()) == len(codes)
    assert set(latest["on"]) == {str(ds.covered_until)}


def test_latest_is_each_authoritys_own_latest_inspection() -> None:
    pytest.importorskip("pandas")
    ds = cs.load()
    latest = export.to_frames(ds)["latest"].set_index("authority")
    frameworks = {f.value for f in cs.SIF_AND_LATER}
    for authority in ("sandwell", "barnet", "tower-hamlets"):
        own = [
            i
            for i in ds.records.inspections
            if i.authority == authority and i.framework.value in frameworks
        ]
        newest = max(own, key=lambda i: (i.published.last_day(), i.id))
        row = latest.loc[authority]
        assert row["inspection"] == newest.id
        overall = newest.overall
        assert row["overall"] == (None if overall is None else overall.value)
    not_given = latest[latest["overall"] == cs.NOT_GIVEN.value]
    assert len(not_given) > 0 and not_given["overall_rank"].isna().all()
