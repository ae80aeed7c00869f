"""The bundle's tables are built when first used, once, and exactly as the converter builds them."""

from __future__ import annotations

import json
import threading
from importlib import resources
from typing import Any

import pytest

from childservices.data.bundle import BUNDLE_NAME, read_bundle, trusted_tables
from childservices.data.fastbuild import TrustedReader
from childservices.errors import DatasetError


@pytest.fixture(scope="module")
def text() -> str:
    return resources.files("childservices.data").joinpath(BUNDLE_NAME).read_text(encoding="utf-8")


def _edited(text: str, table: str, change: Any) -> str:
    """The bundle text with ``change`` applied to one table's columns."""
    header, *lines = text.splitlines()
    names = json.loads(header)["tables"]
    position = names.index(table)
    columns = json.loads(lines[position])["columns"]
    change(columns)
    lines[position] = json.dumps({"n": len(next(iter(columns.values()))), "columns": columns})
    return "\n".join([header, *lines]) + "\n"


def test_tables_are_built_on_first_use_and_agree_with_the_converter(text: str) -> None:
    tables, version = trusted_tables(text, where="bundle.jsonl")
    assert tables.built == frozenset()
    authorities = tables.authorities
    assert tables.built == {"authorities"}
    assert tables.authorities is authorities
    checked, checked_version = read_bundle(text)  # text given: the validating converter
    assert version == checked_version
    assert tables.record_set() == checked
    assert tables.record_set() is tables.record_set()
    assert tables.record_set().authorities is authorities


def test_a_table_the_fast_path_cannot_read_goes_through_the_converter(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Stand in for a form the fast path does not know: it steps aside for one table.
    fast_table = TrustedReader.table

    def step_aside_for_inspections(self: TrustedReader, name: str, plain: Any) -> Any:
        return None if name == "inspections" else fast_table(self, name, plain)

    monkeypatch.setattr(TrustedReader, "table", step_aside_for_inspections)
    tables, _ = trusted_tables(text, where="bundle.jsonl")
    assert tables.inspections == read_bundle(text)[0].inspections
    assert tables.record_set() == read_bundle(text)[0]


def test_a_bad_record_fails_when_its_table_is_first_used_and_names_it(text: str) -> None:
    # The fast path trusts the packaged bundle's values, but reads only known forms: an
    # unknown kind sends the table to the converter, which reports it.
    def bad_kind(columns: dict[str, Any]) -> None:
        columns["kind"][3] = "parish"

    tables, _ = trusted_tables(_edited(text, "authorities", bad_kind), where="mine.jsonl")
    assert tables.inspections  # other tables are unaffected
    for _ in range(2):  # and the failure is not forgotten
        with pytest.raises(DatasetError) as raised:
            tables.authorities  # noqa: B018
        problem = raised.value.problems[0]
        assert problem.file == "mine.jsonl"
        assert "$.authorities[3].kind" in problem.message and "parish" in problem.message


def test_bad_json_in_a_table_names_its_line(text: str) -> None:
    header, *lines = text.splitlines()
    position = json.loads(header)["tables"].index("providers")
    lines[position] = lines[position][:-5]
    tables, _ = trusted_tables("\n".join([header, *lines]), where="mine.jsonl")
    with pytest.raises(DatasetError, match="bad JSON") as raised:
        tables.providers  # noqa: B018
    assert raised.value.problems[0].record == f"line {position + 2} (table providers)"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda h, lines: ({**h, "format": 1}, lines), "expected bundle format 2"),
        (lambda h, lines: ({**h, "tables": h["tables"][:-1]}, lines), "expected each of the"),
        (lambda h, lines: ({**h, "tables": [*h["tables"], "x"]}, lines), "expected each of the"),
        (lambda h, lines: (h, lines[:-1]), r"expected \d+ table lines after the header, found \d+"),
        (lambda h, lines: (h, [*lines, "[]"]), r"expected \d+ table lines after the header, found \d+"),
        (lambda h, lines: ({**h, "data_version": None}, lines), "data_version"),
        (lambda h, lines: ([], lines), "expected bundle format"),
    ],
)
def test_a_bad_layout_is_refused_at_once(text: str, change: Any, expected: str) -> None:
    header, *lines = text.splitlines()
    new_header, new_lines = change(json.loads(header), lines)
    edited = "\n".join([json.dumps(new_header), *new_lines])
    with pytest.raises(DatasetError, match=expected):
        trusted_tables(edited, where="mine.jsonl")
    with pytest.raises(DatasetError, match=expected):
        read_bundle(edited, where="mine.jsonl")


def test_tables_and_objects_are_shared_between_threads(text: str) -> None:
    tables, _ = trusted_tables(text, where="bundle.jsonl")
    names = ["inspections", "sources", "authorities", "statistical_neighbours"]
    start = threading.Barrier(8)
    seen: list[dict[str, tuple[Any, ...]]] = []

    def work(offset: int) -> None:
        start.wait()
        order = names[offset % 4 :] + names[: offset % 4]
        seen.append({name: getattr(tables, name) for name in order})

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 8
    for name in names:
        assert all(found[name] is seen[0][name] for found in seen), name


def test_tables_cannot_be_replaced(text: str) -> None:
    tables, _ = trusted_tables(text, where="bundle.jsonl")
    with pytest.raises(AttributeError):
        tables.sources = ()  # type: ignore[misc]
    with pytest.raises(AttributeError):
        tables._built = {}  # type: ignore[misc]
