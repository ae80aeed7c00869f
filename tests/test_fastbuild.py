"""The packaged bundle's fast path builds exactly what the validating converter builds."""

from __future__ import annotations

import copy
import json
from importlib import resources
from typing import Any

import attrs
import pytest

from childservices.data.bundle import APART_NAME, BUNDLE_NAME, read_bundle, structure_records
from childservices.data.columns import table_record_types, to_rows
from childservices.data.fastbuild import build_trusted
from childservices.errors import DatasetError
from childservices.model import RecordSet

RECORD_TYPES = table_record_types()


@pytest.fixture(scope="module")
def plain() -> dict[str, Any]:
    """The packaged bundle's tables (and those of the file apart), in columns."""
    found: dict[str, Any] = {}
    for name in (BUNDLE_NAME, APART_NAME):
        text = resources.files("childservices.data").joinpath(name).read_text(encoding="utf-8")
        header, *tables = text.splitlines()
        names = json.loads(header)["tables"]
        found.update((n, json.loads(table)) for n, table in zip(names, tables, strict=True))
    return found


def through_the_converter(plain: dict[str, Any]) -> RecordSet:
    rows = {name: to_rows(table, RECORD_TYPES[name]) for name, table in plain.items()}
    return structure_records(rows)


def test_fast_path_equals_converter(plain: dict[str, Any]) -> None:
    fast = build_trusted(copy.deepcopy(plain))
    slow = through_the_converter(copy.deepcopy(plain))
    assert fast is not None
    assert fast == slow
    for table in attrs.fields(type(slow)):
        for a, b in zip(getattr(fast, table.name), getattr(slow, table.name), strict=True):
            assert type(a) is type(b)
            assert attrs.asdict(a, recurse=True) == attrs.asdict(b, recurse=True)


def test_read_bundle_uses_the_fast_path_and_agrees(plain: dict[str, Any]) -> None:
    records, version = read_bundle()
    assert version.startswith("seeds-")
    assert records == through_the_converter(copy.deepcopy(plain))


def test_fast_path_leaves_its_input_alone(plain: dict[str, Any]) -> None:
    before = copy.deepcopy(plain)
    build_trusted(plain)
    assert plain == before


def _columns(d: dict[str, Any], table: str) -> dict[str, Any]:
    columns: dict[str, Any] = d[table]["columns"]
    return columns


@pytest.mark.parametrize(
    "change",
    [
        lambda d: _columns(d, "authorities").pop("name"),
        lambda d: _columns(d, "authorities").update(extra=["x"] * d["authorities"]["n"]),
        lambda d: _columns(d, "authorities")["kind"].__setitem__(0, "parish"),
        lambda d: _columns(d, "inspections")["published"].__setitem__(0, 20190401),
        lambda d: _columns(d, "statistical_neighbours")["rank"].__setitem__(0, "1"),
        lambda d: _columns(d, "sources")["id"].pop(),
        lambda d: _columns(d, "sources")["title"].__setitem__(0, None),
        lambda d: _columns(d, "inspections")["citations"]["counts"].__setitem__(0, 99),
        lambda d: _columns(d, "inspections")["judgements"].update(extra=[]),
        lambda d: d["providers"].update(n=d["providers"]["n"] + 1),
        lambda d: d["providers"].update(n="3"),
        lambda d: d.update(unknown_table={"n": 0, "columns": {}}),
        lambda d: d.pop("programmes"),
        lambda d: d.update(authorities=[]),
    ],
)
def test_anything_unexpected_falls_back_to_the_converter(
    plain: dict[str, Any], change: Any
) -> None:
    data = copy.deepcopy(plain)
    change(data)
    assert build_trusted(data) is None


def _text(data: dict[str, Any]) -> str:
    header = {"format": 2, "data_version": "x", "tables": list(data)}
    return "\n".join(json.dumps(part) for part in [header, *data.values()])


def test_text_given_by_a_caller_is_validated_in_full(plain: dict[str, Any]) -> None:
    data = copy.deepcopy(plain)
    _columns(data, "inspections")["authority"][0] = "Not A Slug"
    _columns(data, "sources")["url"][2] = "not an address"
    with pytest.raises(DatasetError, match="Not A Slug") as raised:
        read_bundle(_text(data), where="mine.jsonl")
    assert all(p.file == "mine.jsonl" for p in raised.value.problems)
    text = str(raised.value)
    assert "authority: 'Not A Slug'" in text and "@ $.inspections[0]" in text
    assert "url: 'not an address'" in text and "@ $.sources[2]" in text


def test_a_caller_bundle_with_a_bad_layout_names_the_column(plain: dict[str, Any]) -> None:
    data = copy.deepcopy(plain)
    counts = _columns(data, "inspections")["citations"]["counts"]
    counts[0] += 1
    expected = rf"columns\.citations\.columns\.\w+: expected a list of {sum(counts)} values"
    with pytest.raises(DatasetError, match=expected) as raised:
        read_bundle(_text(data), where="mine.jsonl")
    problem = raised.value.problems[0]
    assert problem.file == "mine.jsonl"
    assert problem.record == f"line {list(data).index('inspections') + 2} (table inspections)"
