"""A dataset (and a catalog) is only ever built checked: tables and an index that disagree,
or records that break a cross-record rule, are refused with a DatasetError."""

from __future__ import annotations

import pickle

import attrs
import pytest

import childservices as cs
from childservices.data.index import Index
from childservices.model import RecordSet

bundled = cs.load(updates=False)
IDS = ("sandwell", "leeds")


def _small() -> RecordSet:
    records = bundled.records
    return RecordSet(
        sources=records.sources,
        authorities=tuple(a for a in records.authorities if a.id in IDS),
        inspections=tuple(i for i in records.inspections if i.authority in IDS),
    )


def test_the_constructor_checks_and_indexes_the_tables() -> None:
    small = cs.Dataset(tables=_small(), data_version="mine")
    assert [a.id for a in small] == ["leeds", "sandwell"]
    assert small.authority("Sandwell").rating_on("2019-06-01") is cs.Grade.INADEQUATE
    assert small.data_version == "mine"
    assert isinstance(small, cs.Catalog)


def test_an_index_of_other_tables_is_refused() -> None:
    other = attrs.evolve(_small(), inspections=())
    with pytest.raises(cs.DatasetError, match="index: it is not the index of these tables"):
        cs.Dataset(tables=_small(), index=Index(other))
    with pytest.raises(cs.DatasetError, match="index: it is not the index of these tables"):
        cs.Catalog(tables=_small(), index=Index(other))


def test_the_index_of_the_same_tables_is_taken() -> None:
    tables = _small()
    index = Index(tables)
    assert cs.Dataset(tables=tables, index=index).index is index


def test_records_that_break_a_rule_are_refused_with_every_problem() -> None:
    broken = attrs.evolve(
        _small(), authorities=tuple(a for a in _small().authorities if a.id == "leeds")
    )
    with pytest.raises(cs.DatasetError) as caught:
        cs.Dataset(tables=broken)
    assert caught.value.problems
    assert any("sandwell" in str(p) for p in caught.value.problems)


def test_tables_that_are_not_records_are_refused() -> None:
    with pytest.raises(cs.DatasetError, match="tables: expected a RecordSet, got dict"):
        cs.Dataset(tables={"authorities": ()})  # type: ignore[arg-type]
    with pytest.raises(cs.DatasetError, match="index: expected the Index of the tables"):
        cs.Dataset(tables=_small(), index="an index")  # type: ignore[arg-type]


def test_changing_a_field_checks_again() -> None:
    small = cs.Dataset(tables=_small())
    assert attrs.evolve(small, data_version="again").data_version == "again"
    with pytest.raises(cs.DatasetError):
        attrs.evolve(small, index=Index(RecordSet()))


def test_a_checked_dataset_pickles_and_is_checked_again() -> None:
    small = cs.Dataset(tables=_small(), data_version="mine")
    again = pickle.loads(pickle.dumps(small))
    assert again is not small
    assert again.records == small.records and again.data_version == "mine"
