"""Whole-dataset checks on the bundled data: every fact cited, every address well formed."""

import re

import childservices as cs

URL = re.compile(r"https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:\d+)?(/\S*)?")


def test_every_source_has_an_address_or_is_a_seed_document() -> None:
    missing = [s.id for s in cs.load().records.sources if s.url is None and not s.id.startswith("seed-")]
    assert missing == []


def test_every_address_is_well_formed_http() -> None:
    bad = [s.url for s in cs.load().records.sources if s.url and not URL.fullmatch(s.url)]
    assert bad == []


def test_every_cited_source_exists_and_every_record_is_cited() -> None:
    ds = cs.load()
    known = {s.id for s in ds.records.sources}
    for table in ("authorities", "inspections", "interventions", "delivery", "lifecycle", "insourcing"):
        for record in getattr(ds.records, table):
            assert record.citations, (table, record)
            assert {c.source for c in record.citations} <= known, (table, record)


def test_current_authorities() -> None:
    # 153 authorities with children's services duties today (seeds/README, DOMAIN.md).
    assert len(cs.load().authorities(active_on="2026-06-30")) == 153


def test_bradford_inspections_from_the_official_record() -> None:
    # Ofsted's 2023 sheet LA_inspections_2009-2023, row 18: first SIF (published 2014-05-23)
    # requires improvement; first ILACS (2018-10-29) inadequate; second ILACS (2023-01-31) inadequate.
    bradford = cs.load().authority("Bradford")
    graded = {i.published.isoformat(): i.overall for i in bradford.inspections if i.graded}
    assert graded["2014-05-23"] is cs.Grade.REQUIRES_IMPROVEMENT
    assert graded["2018-10-29"] is cs.Grade.INADEQUATE
    assert graded["2023-01-31"] is cs.Grade.INADEQUATE


def test_northamptonshire_history_reachable_from_its_successors() -> None:
    ds = cs.load()
    for successor in ("North Northamptonshire", "West Northamptonshire"):
        history = ds.authority(successor).inspections_with_predecessors()
        assert any(i.authority == "northamptonshire" for i in history)


def test_reformed_framework_gives_no_overall_judgement() -> None:
    # The 29 June 2026 snapshot: Brent, published 17 June 2026, area grades but overall 'nan'.
    brent = cs.load().authority("Brent")
    assert brent.rating_on("2026-06-30") is cs.NOT_GIVEN


def test_old_ons_codes_still_resolve() -> None:
    # The Barnsley and Sheffield (Boundary Change) Order 2024 took effect on 1 April 2025;
    # Barnsley's code became E08000038 (CORE 2025 sale ranges); E08000016 stays valid to 31 March 2025.
    ds = cs.load()
    barnsley = ds.authority("Barnsley")
    assert ds.authority("E08000016") is not None and ds.authority("E08000016").id == "barnsley"
    assert ds.authority("E08000038").id == "barnsley"
    assert barnsley.identifier("ons") == "E08000038"
    old = next(i for i in barnsley.identifiers if i.value == "E08000016")
    assert old.valid_to == cs.PartialDate(2025, 3, 31)
