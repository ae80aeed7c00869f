"""Tables in columns: the bundle's layout round-trips every record set, and a bad layout is named."""

from __future__ import annotations

import os
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from childservices import strategies as st_cs
from childservices.convert import converter
from childservices.data.bundle import bundle_text, read_bundle
from childservices.data.columns import (
    field_types,
    nested_record_type,
    table_record_types,
    to_columns,
    to_rows,
)
from childservices.data.fastbuild import build_trusted
from childservices.model import Citation, Inspection, RecordSet
from childservices.model.inspection import Judgement

RECORD_TYPES = table_record_types()


def test_nested_record_types() -> None:
    assert RECORD_TYPES["inspections"] is Inspection
    assert nested_record_type(field_types(Inspection)["citations"]) is Citation
    assert nested_record_type(field_types(Inspection)["judgements"]) is Judgement
    assert nested_record_type(field_types(Inspection)["published"]) is None


@settings(
    max_examples=40 if os.environ.get("CI") else 15,  # fewer in the README's run, as elsewhere
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st_cs.record_sets(valid=False))
def test_columns_round_trip_and_both_paths_agree(records: RecordSet) -> None:
    plain = converter.unstructure(records)
    columns = {}
    for name, rows in plain.items():
        record_type = RECORD_TYPES[name]
        columns[name] = to_columns(rows, record_type)
        assert to_rows(columns[name], record_type) == rows
    assert build_trusted(columns) == records
    text = bundle_text(records, "x")
    assert read_bundle(text) == (records, "x")


@attrs.frozen
class _Cited:
    """A record type with one field: a tuple of citations."""

    citations: tuple[Citation, ...]


ROWS = [
    {"source": "a", "locator": None},
    {"source": "b", "locator": "page 2"},
]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ([], "expected a table laid out"),
        ({"n": -1, "columns": {}}, "n: expected a count"),
        ({"n": True, "columns": {}}, "n: expected a count"),
        ({"n": 2, "columns": {}}, "columns: expected a mapping"),
        ({"n": 2, "columns": {"source": ["a"], "locator": [None, None]}}, "columns.source"),
        ({"n": 10**12, "columns": {"source": ["a", "b"]}}, "expected a list of 1000000000000"),
    ],
)
def test_a_bad_layout_is_named(table: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        to_rows(table, Citation)


def test_nested_counts_must_add_up() -> None:
    table = to_columns([{"citations": [ROWS[0]]}], _Cited)
    assert to_rows(table, _Cited) == [{"citations": [ROWS[0]]}]
    table["columns"]["citations"]["counts"] = [10**12]
    with pytest.raises(ValueError, match=r"columns\.citations\.columns\.\w+: expected a list"):
        to_rows(table, _Cited)
    table["columns"]["citations"]["counts"] = [-1]
    with pytest.raises(ValueError, match=r"columns\.citations\.counts"):
        to_rows(table, _Cited)
