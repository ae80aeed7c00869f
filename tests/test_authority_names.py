"""A report is taken for an authority only when it prints that authority's name exactly.

Issue 26, item 2: the update took a report printed "Leicestershire County
Council" as Leicester's, because Leicestershire's id begins with Leicester's.
The pairs checked here are generated from the record itself: every two
authorities where one's name begins with the other's.
"""

from __future__ import annotations

import datetime
from types import MappingProxyType

import pytest

import childservices as cs
from childservices.model import Framework, Grade
from childservices.reports import ReportFacts
from childservices.reports.names import name_key, names_authority
from childservices.update.feed import FeedRow
from childservices.update.run import _check

RECORD = cs.load(updates=False)
ON = datetime.date(2024, 6, 1)


def _names(ident: str) -> tuple[str, ...]:
    view = RECORD.authority(ident)
    return (view.name, *view.aliases)


def _prefix_pairs() -> list[tuple[str, str]]:
    """(shorter, longer): authorities where the longer's name begins with the shorter's."""
    authorities = [(a.id, a.name) for a in RECORD.records.authorities]
    return sorted(
        (short, long)
        for short, short_name in authorities
        for long, long_name in authorities
        if short != long and long_name.lower().startswith(short_name.lower())
    )


PAIRS = [(s, lo) for s, lo in _prefix_pairs() if name_key(_names(s)[0]) != name_key(_names(lo)[0])]
SAME_NAME = [(s, lo) for s, lo in _prefix_pairs() if (s, lo) not in PAIRS]
"""Pairs whose names differ only by council words (Buckinghamshire and Buckinghamshire
County Council): the day of the report decides."""


def test_the_record_has_the_pairs_the_issue_names() -> None:
    for pair in (
        ("leicester", "leicestershire"),
        ("nottingham", "nottinghamshire"),
        ("derby", "derbyshire"),
    ):
        assert pair in PAIRS


def _printed(ident: str) -> str:
    """The authority's name as a report's title prints it."""
    view = RECORD.authority(ident)
    return f"{view.name} County Council" if view.kind.value == "county" else f"{view.name} Council"


@pytest.mark.parametrize(("short", "long"), PAIRS, ids=[f"{s}/{lo}" for s, lo in PAIRS])
def test_a_longer_name_is_not_the_shorter_authority(short: str, long: str) -> None:
    printed = _printed(long)
    assert not names_authority(printed, authority=short, names=_names(short), on=ON)
    assert names_authority(printed, authority=long, names=_names(long), on=ON)
    shorter = _printed(short)
    assert not names_authority(shorter, authority=long, names=_names(long), on=ON)
    assert names_authority(shorter, authority=short, names=_names(short), on=ON)


@pytest.mark.parametrize(("short", "long"), PAIRS, ids=[f"{s}/{lo}" for s, lo in PAIRS])
def test_the_update_refuses_the_longer_name_for_the_shorter(short: str, long: str) -> None:
    # Failed before the fix for every pair: the update compared ids by prefix.
    facts = ReportFacts(
        authority_name=_printed(long),
        framework=Framework.ILACS,
        start=datetime.date(2024, 5, 1),
        end=datetime.date(2024, 5, 10),
        overall=Grade.GOOD,
        judgements=(),
    )
    row = FeedRow(
        line=2,
        urn="1",
        name=RECORD.authority(short).name,
        link="http://127.0.0.1/report",
        published=ON,
        overall=Grade.GOOD,
        grades=MappingProxyType({}),
        inspector=None,
    )
    problem = _check(row, facts, RECORD, short)
    assert problem is not None and "not " + RECORD.authority(short).name in problem
    assert _check(row, facts, RECORD, long) is None


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        ("Leicester City Council", "Leicester"),
        ("  LEICESTER   city council ", "Leicester"),
        ("St. Helens Metropolitan Borough Council", "St Helens"),
        ("Kingston-upon-Thames", "Kingston upon Thames"),
        ("Royal Borough of Windsor & Maidenhead", "Windsor and Maidenhead"),
        ("Southend\u2019s Council", "Southend's"),
    ],
)
def test_case_spacing_and_apostrophes_are_alike(printed: str, name: str) -> None:
    assert name_key(printed) == name_key(name)


@pytest.mark.parametrize(("one", "other"), SAME_NAME, ids=[f"{s}/{lo}" for s, lo in SAME_NAME])
def test_councils_of_the_same_name_are_told_apart_by_the_day(one: str, other: str) -> None:
    records = {a.id: a for a in RECORD.records.authorities}
    county, unitary = (one, other) if records[one].active_to else (other, one)
    ended = records[county].active_to
    assert ended is not None
    before, after = (
        ended.last_day() - datetime.timedelta(days=30),
        ended.last_day() + datetime.timedelta(days=30),
    )
    printed = f"{records[unitary].name} Council"
    for ident, on, expected in (
        (county, before, True),
        (unitary, before, False),
        (county, after, False),
        (unitary, after, True),
    ):
        assert names_authority(printed, authority=ident, names=_names(ident), on=on) is expected
