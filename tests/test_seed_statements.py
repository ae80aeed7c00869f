"""Statements made by the seed documents, checked against the bundled dataset.

Each expected value is the one the cited article states, not a value read
off the library. Where the dataset needs a definition to reproduce a
statement, the test says which.
"""


import childservices as cs

# Community Care, "Children's services return to council control as trust is wound up",
# 24 October 2024 (in seed 004): after Worcestershire's return on 1 October 2024, 11
# authorities' services were run by not-for-profit trusts or companies.
AFTER_WORCESTERSHIRE = 11
# Community Care, "Council to take children's services back in-house", 29 January 2025
# (seed 004): once Reading's services return, 10 of the 153 authorities.
AFTER_READING = 10
# Community Care, "DfE seeking 'more cost-effective' alternative to children's trusts",
# 24 September 2024 (seed 004): nine companies responsible for 12 authorities.
SEPT_2024_COMPANIES, SEPT_2024_AUTHORITIES = 9, 12
# Seed 004: from 2014 to 2020 trusts or companies took over 11 councils' services,
# and since 2020 only one new trust has been created (Bradford).
TAKEN_ON_2014_2020 = 11


def test_count_after_worcestershire_returned() -> None:
    ds = cs.load()
    run_by_companies = {a.id for a in ds.run_by(on="2024-10-01")}
    assert len(run_by_companies) == AFTER_WORCESTERSHIRE
    assert "worcestershire" not in run_by_companies


def test_count_once_reading_returned() -> None:
    ds = cs.load()
    run_by_companies = {a.id for a in ds.run_by(on="2025-10-01")}
    assert len(run_by_companies) == AFTER_READING
    assert "reading" not in run_by_companies
    # "10 of 153": the authorities in existence that day.
    assert len(ds.authorities(active_on="2025-10-01")) == 153


def test_companies_and_authorities_in_september_2024() -> None:
    ds = cs.load()
    assert len(ds.trusts_operating(on="2024-09-24")) == SEPT_2024_COMPANIES
    assert len(ds.run_by(on="2024-09-24")) == SEPT_2024_AUTHORITIES


def _first_company_episodes(ds: cs.Dataset) -> dict[str, cs.DeliveryEpisode]:
    first: dict[str, cs.DeliveryEpisode] = {}
    for episode in sorted(ds.records.delivery, key=lambda e: e.start.sort_key()):
        if episode.model in cs.COMPANY_MODELS and episode.authority not in first:
            first[episode.authority] = episode
    return first


def test_authorities_taken_on_by_companies_2014_to_2020() -> None:
    # Definition: an authority whose first trust/company episode started in 2014-2020.
    # Northamptonshire counts once (the county), as Community Care counted it in 2020;
    # North and West Northamptonshire inherited its trust in 2021 and are not new.
    first = _first_company_episodes(cs.load())
    started = sorted(a for a, e in first.items() if 2014 <= e.start.year <= 2020)
    assert len(started) == TAKEN_ON_2014_2020, started


def test_only_one_new_trust_since_2020() -> None:
    # Definition: a trust or company that began running an authority's services after
    # 2020 where neither the authority nor its predecessor had one before. Slough
    # Children First (2021) took over from the Slough trust, and Northamptonshire's
    # trust carried on for North and West Northamptonshire: neither is a new trust.
    ds = cs.load()
    first = _first_company_episodes(ds)
    new = []
    for authority_id, episode in first.items():
        if episode.start.year <= 2020:
            continue
        lineage = [authority_id, *(p.id for p in ds.authority(authority_id).predecessors)]
        if not any(a in first and first[a].start.year <= 2020 for a in lineage):
            new.append(episode.provider)
    assert new == ["bradford-children-and-families-trust"]
