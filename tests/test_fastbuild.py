"""The packaged bundle's fast path builds exactly what the validating converter builds."""

from __future__ import annotations

import copy
import json
from importlib import resources
from typing import Any

import attrs
import pytest

from childservices.data.bundle import BUNDLE_NAME, read_bundle, structure_records
from childservices.data.fastbuild import build_trusted
from childservices.errors import DatasetError


def _bundle_text() -> str:
    return resources.files("childservices.data").joinpath(BUNDLE_NAME).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def plain() -> dict[str, Any]:
    header, *tables = _bundle_text().splitlines()
    names = json.loads(header)["tables"]
    return {name: json.loads(table) for name, table in zip(names, tables, strict=True)}


def test_fast_path_equals_converter(plain: dict[str, Any]) -> None:
    fast = build_trusted(copy.deepcopy(plain))
    slow = structure_records(copy.deepcopy(plain))
    assert fast is not None
    assert fast == slow
    for table in attrs.fields(type(slow)):
        for a, b in zip(getattr(fast, table.name), getattr(slow, table.name), strict=True):
            assert type(a) is type(b)
            assert attrs.asdict(a, recurse=True) == attrs.asdict(b, recurse=True)


def test_read_bundle_uses_the_fast_path_and_agrees(plain: dict[str, Any]) -> None:
    records, version = read_bundle()
    assert version.startswith("seeds-")
    assert records == structure_records(copy.deepcopy(plain))


def test_fast_path_leaves_its_input_alone(plain: dict[str, Any]) -> None:
    before = copy.deepcopy(plain)
    build_trusted(plain)
    assert plain == before


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["authorities"][0].pop("name"),
        lambda d: d["authorities"][0].update(extra="x"),
        lambda d: d["authorities"][0].update(kind="parish"),
        lambda d: d["inspections"][0].update(published=20190401),
        lambda d: d["statistical_neighbours"][0].update(rank="1"),
        lambda d: d["sources"].append("not a record"),
        lambda d: d.update(unknown_table=[]),
        lambda d: d.update(authorities={}),
    ],
)
def test_anything_unexpected_falls_back_to_the_converter(
    plain: dict[str, Any], change: Any
) -> None:
    data = copy.deepcopy(plain)
    change(data)
    assert build_trusted(data) is None


def test_text_given_by_a_caller_is_validated_in_full(plain: dict[str, Any]) -> None:
    data = copy.deepcopy(plain)
    data["inspections"][0]["authority"] = "Not A Slug"
    header = {"format": 2, "data_version": "x", "tables": list(data)}
    text = "\n".join(json.dumps(part) for part in [header, *data.values()])
    with pytest.raises(DatasetError, match="Not A Slug") as raised:
        read_bundle(text, where="mine.jsonl")
    assert raised.value.problems[0].file == "mine.jsonl"
    assert "inspections[0]" in str(raised.value)
