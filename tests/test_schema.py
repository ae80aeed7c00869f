"""The schema declares every reference between tables once, and the checks follow it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import childservices as cs
from childservices.data.checks import check_records
from childservices.data.schema import TABLES, Reference
from childservices.errors import DatasetError
from childservices.model import Citation, Judgement, RecordSet
from childservices.model.validate import slug


def _validators(validator: Any) -> Iterator[Any]:
    """A field's validator and those it wraps (``optional``, ``and_``)."""
    if validator is None:
        return
    yield validator
    inner = getattr(validator, "validator", None)
    if inner is not None:
        yield from _validators(inner)
    for item in getattr(validator, "_validators", ()):
        yield from _validators(item)


def _is_id(field: attrs.Attribute[Any]) -> bool:
    return any(v is slug for v in _validators(field.validator))


_NAMED_RECORDS = {table.noun for table in TABLES.values() if table.key == ("id",)}
"""What a record of a table with ids is called: a column named so names one (``authority``)."""


def _marks_a_reference(field: attrs.Attribute[Any]) -> bool:
    """Whether a field's name or validator marks it as the id of a record of some table."""
    return field.name != "id" and (_is_id(field) or field.name in _NAMED_RECORDS)


def test_every_field_naming_a_record_is_a_declared_reference() -> None:
    undeclared = []
    for name, table in TABLES.items():
        declared = {reference.column for reference in table.references}
        kind = Judgement if name == "judgements" else table.record_type
        fields = {f.name: f for f in attrs.fields(kind)} if kind is not None else {}
        for column in table.columns:
            field = fields.get(column)
            marked = column in _NAMED_RECORDS if field is None else _marks_a_reference(field)
            if marked and column not in declared:
                undeclared.append(f"{name}.{column}")
    assert not undeclared, f"references declared nowhere in the schema: {undeclared}"


def test_judgements_name_their_inspection() -> None:
    # The judgements table has no record type of its own: its column is checked by name.
    assert "inspection" in _NAMED_RECORDS
    assert [r.column for r in TABLES["judgements"].references] == ["inspection"]


def test_a_citation_names_a_source_and_every_cited_type_is_a_cited_table() -> None:
    assert _is_id(attrs.fields_dict(Citation)["source"])
    for table in TABLES.values():
        if table.record_type is not None:
            has_citations = "citations" in attrs.fields_dict(table.record_type)
            assert has_citations == table.cited, table.name


def test_every_declared_reference_names_a_real_column_and_table() -> None:
    for name, table in TABLES.items():
        columns = [reference.column for reference in table.references]
        assert len(columns) == len(set(columns)), name
        for reference in table.references:
            assert isinstance(reference, Reference)
            assert reference.column in table.columns, (name, reference)
            target = TABLES.get(reference.target)
            assert target is not None, (name, reference)
            assert target.record_type is not None and target.key == ("id",), (name, reference)
            if reference.same_authority:
                assert "authority" in table.columns and "authority" in target.columns


def test_every_record_table_is_a_table_of_a_record_set() -> None:
    record_tables = [name for name, table in TABLES.items() if table.record_type is not None]
    assert record_tables == [f.name for f in attrs.fields(RecordSet)]


def test_a_visit_naming_no_authority_is_found_by_both_checks(tmp_path: Path) -> None:
    # The reader once checked every table's references as rows were read but visits'
    # (its list was written by hand); now both checks read the schema.
    ds = cs.load(updates=False)
    visit = attrs.evolve(ds.records.visits[0], authority="nowhere")
    records = attrs.evolve(ds.records, visits=(visit, *ds.records.visits[1:]))
    problems = check_records(records)
    assert [(p.record, p.field, p.message) for p in problems] == [
        (f"visits {visit.id}", "authority", "no authority 'nowhere'")
    ]
    folder = tmp_path / "visits"
    folder.mkdir()
    source = ds.records.sources[0].id
    (folder / "mine.csv").write_text(
        f"id,authority,kind,start,source\nmy-visit,nowhere,focused,2020-01-01,{source}\n",
        encoding="utf-8",
    )
    (tmp_path / "inspections").mkdir()
    (tmp_path / "inspections" / "mine.csv").write_text(
        "id,authority,framework,published,overall,source\n"
        f"my-inspection,{ds.records.authorities[0].id},ilacs,2020-01-01,superb,{source}\n",
        encoding="utf-8",
    )
    with pytest.raises(DatasetError) as caught:
        cs.load(extra=[tmp_path], updates=False)
    # Found as the row is read, so reported with a bad value elsewhere (which stops
    # the reading before the cross-record checks).
    found = [(p.file, p.field, p.message) for p in caught.value.problems]
    assert (f"{folder / 'mine.csv'}:2", "authority", "no authority 'nowhere'") in found
    assert len(found) == 2
