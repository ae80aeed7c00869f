"""Known when published: the releases' publication dates and the as-of rule over the figures.

The expected dates are read from the research notes
(``tools/research/dfe-release-dates.csv``) with the standard ``csv`` module,
not from the library; the rule's properties are checked on generated
records and on the bundled record.
"""

from __future__ import annotations

import csv
import datetime
import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

import childservices as cs
from childservices import strategies as st_cs
from childservices.convert import structure, unstructure
from childservices.data.measure_checks import publications_after_their_year
from childservices.errors import InvalidRecordError
from childservices.model import (
    Citation,
    GeographicLevel,
    Measure,
    MeasureUnit,
    Observation,
    PartialDate,
    Publication,
    RecordSet,
    YearEnd,
)
from childservices.model.measure import observation_id
from childservices.rules.publication import figures_as_of

RESEARCH = Path(__file__).resolve().parent.parent / "tools" / "research" / "dfe-release-dates.csv"
RELEASES = {
    "Children in need": "dfe-children-in-need",
    "Children looked after in England including adoptions": "dfe-children-looked-after",
    "Children's social work workforce": "dfe-social-work-workforce",
    "Local authority revenue expenditure and financing (RO3/RSX outturn)": "mhclg-outturn-2024-25",
}


def _year(text: str) -> int:
    """A research row's year as the record names it (``2023-24`` ends in March 2024)."""
    return 2000 + int(text[-2:]) if "-" in text else int(text)
CITE = (Citation(source="test-doc", locator="p1"),)


def _research() -> dict[tuple[str, int], dict[str, str]]:
    with RESEARCH.open(newline="", encoding="utf-8") as handle:
        return {
            (RELEASES[row["series"]], _year(row["reporting_year"])): row
            for row in csv.DictReader(handle)
            if row["series"] in RELEASES
        }


def _date(text: str) -> PartialDate | None:
    return PartialDate.parse(text) if text else None


@pytest.fixture(scope="module")
def ds() -> cs.Dataset:
    return cs.load()


def test_the_recorded_dates_are_the_researched_ones(ds: cs.Dataset) -> None:
    research = _research()
    recorded = ds.index.figures.publications
    assert len(research) == 37
    assert {(p.release, p.year) for p in recorded.values()} == set(research)
    for (release, year), row in research.items():
        publication = recorded[f"{release}.{year}"]
        assert publication.published == _date(row["published"]), (release, year)
        assert publication.no_later_than == _date(row["no_later_than"]), (release, year)
        (citation,) = publication.citations
        if row["published"] or row["no_later_than"]:
            assert ds.source(citation.source).url == row["url"]
            assert citation.locator == row["quote"]
        else:
            assert citation.source == release


def test_every_release_of_a_measure_has_its_years_recorded(ds: cs.Dataset) -> None:
    recorded = {(p.release, p.year) for p in ds.index.figures.publications.values()}
    needed = {
        (ds.measure_definition(o.measure).release, o.year)
        for m in ds.measures_vocabulary()
        for o in ds.index.figures.by_measure.get(m.id, ())
    }
    assert needed <= recorded


def test_looked_after_figures_of_2024_not_yet_published_before_november_2024(
    ds: cs.Dataset,
) -> None:
    # Become's press release: "New data released by the Department for Education (DfE)
    # today (14 November 2024)" (research row CLA 2024).
    row = _research()[("dfe-children-looked-after", 2024)]
    assert "today (14 November 2024)" in row["quote"]
    day = datetime.date.fromisoformat(row["published"])
    before = ds.measure("cla_at_31_march", 2024, as_of="2024-06-01")
    assert before.as_of == datetime.date(2024, 6, 1)
    assert before.authorities == before.regions == before.national == ()
    every = ds.measure("cla_at_31_march", 2024)
    assert len(before.not_yet_published) == len(every.authorities) + len(every.regions) + 1
    eve = ds.measure("cla_at_31_march", 2024, as_of=day - datetime.timedelta(days=1))
    assert eve.national == () and eve.not_known == ()
    on = ds.measure("cla_at_31_march", 2024, as_of=day)
    assert on.national == every.national and on.authorities == every.authorities
    assert on.not_yet_published == on.not_known == ()


def test_sandwell_on_1_june_2024(ds: cs.Dataset) -> None:
    known = ds.authority("Sandwell").measures(as_of="2024-06-01")
    cla = [o.year for o in known if o.measure == "cla_at_31_march"]
    assert cla == [2021, 2022, 2023]  # 2021 and 2023 by their bounds (research rows)
    assert [o.year for o in known.not_yet_published if o.measure == "cla_at_31_march"] == [
        2024,
        2025,
    ]
    # CIN 2024: no publication day found, and no later edition out by June 2024.
    assert [o.year for o in known.not_known if o.measure == "cin_at_31_march"] == [2024]
    # CIN 2013: its own day is not known, but the 2014 edition (29 October 2014)
    # republished it.
    assert 2013 in [o.year for o in known if o.measure == "cin_at_31_march"]


def test_without_a_day_nothing_changes(ds: cs.Dataset) -> None:
    view = ds.authority("Sandwell")
    everything = view.measures()
    assert type(everything) is tuple
    assert everything == view.measures(as_of=None)
    assert everything == ds.index.figures.by_authority["sandwell"]
    plain = ds.measure("agency_rate_fte", 2023)
    assert plain.as_of is None and plain.not_known == plain.not_yet_published == ()


def test_frames_as_of_a_day_say_which_figures_are_not_known(ds: cs.Dataset) -> None:
    pytest.importorskip("pandas")
    frame = ds.authority_measures_frame("Sandwell", as_of="2024-06-01")
    known = ds.authority("Sandwell").measures(as_of="2024-06-01")
    counts = frame["publication"].value_counts().to_dict()
    assert counts == {"published": len(known), "not_known": len(known.not_known)}
    assert "publication" not in ds.authority_measures_frame("Sandwell").columns
    whole = ds.measure_frame("cin_at_31_march", as_of="2025-06-01")
    assert set(whole["year"]) == set(range(2013, 2025))


# Generated records -----------------------------------------------------------

_MEASURES = (
    Measure(
        id="spring",
        name="A count at 31 March",
        definition="test",
        unit=MeasureUnit.COUNT,
        year_ends=YearEnd.MARCH_31,
        release="release-a",
        file="f.csv",
        column="c",
        citations=CITE,
    ),
    Measure(
        id="autumn",
        name="A count at 30 September",
        definition="test",
        unit=MeasureUnit.FTE,
        year_ends=YearEnd.SEPTEMBER_30,
        release="release-b",
        file="f.csv",
        column="c",
        citations=CITE,
    ),
)


@st.composite
def _records(draw: st.DrawFn) -> tuple[list[Observation], dict[str, Publication]]:
    figures = []
    places = st.sampled_from(("a", "b", "c"))
    pairs = st.tuples(st.sampled_from(("spring", "autumn", "other")), st.integers(2008, 2020))
    for (measure, year), place in draw(st.lists(st.tuples(pairs, places), max_size=10)):
        figures.append(
            Observation(
                id=observation_id(measure, year, place),
                measure=measure,
                year=year,
                level=GeographicLevel.LOCAL_AUTHORITY,
                authority=place,
                value=1.0,
                citations=CITE,
            )
        )
    publications = {}
    for release in ("release-a", "release-b"):
        for year in draw(st.lists(st.integers(2006, 2022), max_size=8, unique=True)):
            date = st_cs.partial_dates(datetime.date(year, 1, 1), datetime.date(year + 2, 12, 31))
            published = draw(st.none() | date)
            publication = Publication(
                id=f"{release}.{year}",
                release=release,
                year=year,
                published=published,
                no_later_than=None if published is not None else draw(st.none() | date),
                citations=CITE,
            )
            publications[publication.id] = publication
    return figures, publications


def _evidence(
    observation: Observation, publications: dict[str, Publication], day: datetime.date
) -> bool:
    """Whether a source in ``publications`` shows the figure's year public by ``day``: its
    own edition or a later one of the same release, dated or bounded on or before it."""
    release = {m.id: m.release for m in _MEASURES}[observation.measure]
    return any(
        p.release == release
        and p.year >= observation.year
        and (date := p.published or p.no_later_than) is not None
        and date.last_day() <= day
        for p in publications.values()
    )


@settings(max_examples=100, deadline=None)
@given(_records(), st_cs.days(datetime.date(2008, 1, 1), datetime.date(2022, 12, 31)))
def test_as_of_never_shows_a_figure_before_it_was_published(
    generated: tuple[list[Observation], dict[str, Publication]], day: datetime.date
) -> None:
    figures, publications = generated
    measures = {m.id: m for m in _MEASURES}
    result = figures_as_of(figures, measures, publications, day)
    # Every figure in exactly one group.
    groups = (*result.published, *result.not_yet_published, *result.not_known)
    assert Counter(o.id for o in groups) == Counter(o.id for o in figures)
    assert list(result) == list(result.published) and len(result) == len(result.published)
    for observation in result.published:
        measure = measures[observation.measure]
        # Never before its year ended, never before its edition's stated date.
        assert day > measure.year_ends.day(observation.year)
        own = publications.get(f"{measure.release}.{observation.year}")
        if own is not None and own.published is not None:
            assert own.published.first_day() <= day
        assert _evidence(observation, publications, day)
    for observation in result.not_yet_published:
        measure = measures[observation.measure]
        own = publications.get(f"{measure.release}.{observation.year}")
        stated = own is not None and own.published is not None and day < own.published.first_day()
        assert day <= measure.year_ends.day(observation.year) or stated
    # A figure of a measure not in the vocabulary cannot be placed.
    assert all(o.measure in measures for o in (*result.published, *result.not_yet_published))


@settings(max_examples=60, deadline=None)
@given(st_cs.days(datetime.date(2012, 1, 1), datetime.date(2027, 12, 31)))
def test_as_of_partitions_the_real_figures(day: datetime.date) -> None:
    ds = cs.load()
    view = ds.authority("Leeds")
    everything = view.measures()
    known = view.measures(as_of=day)
    groups = (*known.published, *known.not_yet_published, *known.not_known)
    assert Counter(o.id for o in groups) == Counter(o.id for o in everything)
    publications = ds.index.figures.publications
    for observation in known.published:
        measure = ds.measure_definition(observation.measure)
        own = publications[f"{measure.release}.{observation.year}"]
        if own.published is not None:
            assert own.published.last_day() <= day


# The record type ----------------------------------------------------------------


@given(st_cs.publications())
def test_a_publication_survives_json(publication: Publication) -> None:
    assert structure(json.loads(json.dumps(unstructure(publication))), Publication) == publication


def test_a_publication_is_refused_when_it_makes_no_sense() -> None:
    good = {"id": "r.2020", "release": "r", "year": 2020, "citations": CITE}
    Publication(**good, published=PartialDate.parse("2020-10"))
    with pytest.raises(InvalidRecordError, match=r"release\.year"):
        Publication(**{**good, "id": "r.2021"})
    with pytest.raises(InvalidRecordError, match="bound only"):
        Publication(
            **good,
            published=PartialDate.parse("2020-10-01"),
            no_later_than=PartialDate.parse("2020-11-01"),
        )
    with pytest.raises(InvalidRecordError, match="before the reporting year"):
        Publication(**good, published=PartialDate.parse("2019-12-01"))


def test_the_check_refuses_a_publication_before_its_year_ended() -> None:
    early = Publication(
        id="release-a.2020",
        release="release-a",
        year=2020,
        published=PartialDate.parse("2020-03-31"),
        citations=CITE,
    )
    late = Publication(
        id="release-b.2020",
        release="release-b",
        year=2020,
        no_later_than=PartialDate.parse("2020-10-01"),
        citations=CITE,
    )
    problems = publications_after_their_year(
        RecordSet(measures=_MEASURES, publications=(early, late))
    )
    assert [(p.record, p.field) for p in problems] == [("publications release-a.2020", "published")]
