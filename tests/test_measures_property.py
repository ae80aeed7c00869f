"""Properties of the official figures: they survive JSON and seed rows exactly, and the
import's lineage never places a figure on a council that did not exist on its day."""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path

import attrs
from hypothesis import given, strategies as st

from childservices import strategies as st_cs
from childservices.convert import structure, unstructure
from childservices.data.measure_checks import figures_in_lifetimes
from childservices.model import (
    Authority,
    AuthorityKind,
    Citation,
    GeographicLevel,
    Identifier,
    IdentifierScheme,
    Measure,
    MeasureUnit,
    Observation,
    PartialDate,
    RecordSet,
    Reorganisation,
    YearEnd,
)
from childservices.records.rows import table_rows

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from importing.dfe_lineage import Lineage, LineageError

CITE = (Citation(source="test-doc", locator="p1"),)


@given(st_cs.observations())
def test_an_observation_survives_json(observation: Observation) -> None:
    text = json.dumps(unstructure(observation))
    assert structure(json.loads(text), Observation) == observation


@given(st_cs.measures())
def test_a_measure_survives_json(measure: Measure) -> None:
    assert structure(json.loads(json.dumps(unstructure(measure))), Measure) == measure


@given(st_cs.observations())
def test_an_observation_survives_its_seed_row(observation: Observation) -> None:
    row, *more = rows = table_rows(RecordSet(observations=(observation,)))["observations"]
    plain = {k: (v or None) for k, v in row.items() if k not in ("source", "locator", "note")}
    plain["citations"] = [{"source": r["source"], "locator": r["locator"] or None} for r in rows]
    assert all(r["id"] == row["id"] and not r["value"] for r in more)
    assert structure(plain, Observation) == observation


@st.composite
def councils(draw: st.DrawFn) -> tuple[list[Authority], list[Identifier], list[Reorganisation]]:
    """A line of councils holding the same DfE number one after another (a county continuing
    as a unitary, or split), each with its own ONS code; the number's validity may be open."""
    n = draw(st.integers(min_value=1, max_value=4))
    changes = sorted(
        draw(st.lists(st.integers(2010, 2030), min_size=n - 1, max_size=n - 1, unique=True))
    )
    bounds = [None, *changes, None]
    authorities, identifiers, links = [], [], []
    for i in range(n):
        start = None if bounds[i] is None else PartialDate.parse(f"{bounds[i]}-04-01")
        end = None if bounds[i + 1] is None else PartialDate.parse(f"{bounds[i + 1]}-03-31")
        council = f"council-{i}"
        authorities.append(
            Authority(
                id=council,
                name=f"Council {i}",
                kind=AuthorityKind.UNITARY,
                active_from=start,
                active_to=end,
                citations=CITE,
            )
        )
        dated = draw(st.booleans())
        identifiers.append(
            Identifier(
                authority=council,
                scheme=IdentifierScheme.DFE,
                value="815",
                valid_from=start if dated else None,
                valid_to=end if dated else None,
                citations=CITE,
            )
        )
        identifiers.append(
            Identifier(
                authority=council, scheme=IdentifierScheme.ONS, value=f"E0{i}", citations=CITE
            )
        )
        if i:
            links.append(
                Reorganisation(
                    predecessor=f"council-{i - 1}",
                    successor=council,
                    date=start or PartialDate.parse("2000"),
                    citations=CITE,
                )
            )
    return authorities, identifiers, links


@given(councils(), st.integers(2005, 2035), st.sampled_from(YearEnd), st.integers(0, 3))
def test_lineage_never_places_a_figure_on_a_council_not_in_existence(
    line: tuple[list[Authority], list[Identifier], list[Reorganisation]],
    year: int,
    ends: YearEnd,
    code: int,
) -> None:
    authorities, identifiers, links = line
    lineage = Lineage.of(tuple(authorities), tuple(identifiers), tuple(links))
    day = ends.day(year)
    try:
        found = lineage.authority("815", f"E0{code}", day, "a row")
    except LineageError:
        return
    council = next(a for a in authorities if a.id == found)
    assert council.active_from is None or council.active_from.first_day() <= day
    assert council.active_to is None or day <= council.active_to.last_day()


@given(st_cs.reorganised_record_sets(), st.integers(2005, 2030), st.data())
def test_the_check_finds_every_figure_outside_its_councils_lifetime(
    records: RecordSet, year: int, data: st.DataObject
) -> None:
    authority = data.draw(st.sampled_from(records.authorities))
    measure = Measure(
        id="m", name="M", definition="A made-up count.", unit=MeasureUnit.COUNT, year_ends=YearEnd.MARCH_31,
        release="test-doc", file="f.csv", column="c", citations=CITE,
    )  # fmt: skip
    observation = Observation(
        id=f"m.{year}.{authority.id}", measure="m", year=year, level=GeographicLevel.LOCAL_AUTHORITY,
        authority=authority.id, value=1.0, citations=CITE,
    )  # fmt: skip
    with_figure = attrs.evolve(records, measures=(measure,), observations=(observation,))
    day = datetime.date(year, 3, 31)
    existed = (authority.active_from is None or authority.active_from.first_day() <= day) and (
        authority.active_to is None or day <= authority.active_to.last_day()
    )
    assert (figures_in_lifetimes(with_figure) == []) == existed
