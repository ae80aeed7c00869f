"""The bundle reader on damaged bundle text: only DatasetError escapes, naming the file.

A caller's bundle text (``read_bundle(text)``) is validated in full; the same
text read as trusted (``trusted_tables``) must fail with the same kind of
error when a damaged table is first used, never with a stray exception.
"""

from __future__ import annotations

import json
from importlib import resources

from fuzzing import budget, documented, fast
from hypothesis import given, strategies as st

from childservices.data.bundle import BUNDLE_NAME, read_bundle, trusted_tables
from childservices.data.columns import field_types
from childservices.errors import DatasetError
from childservices.model import RecordSet

WHERE = "fuzzed.jsonl"
TEXT = resources.files("childservices.data").joinpath(BUNDLE_NAME).read_text(encoding="utf-8")
LINES = TEXT.splitlines()
# The small tables keep each example quick; the damage reaches every part of a line.
SMALL = [i for i, line in enumerate(LINES) if i > 0 and len(line) < 20_000]


@st.composite
def damaged(draw: st.DrawFn) -> str:
    """The bundle with its header or one small table's line cut, spliced, re-typed or
    given a wrong count, or two tables swapped."""
    lines = list(LINES)
    if draw(st.integers(0, 9)) == 0:
        lines[0] = lines[0][: draw(st.integers(0, len(lines[0])))] + draw(st.text(max_size=5))
        return "\n".join(lines)
    index = draw(st.sampled_from(SMALL))
    line = lines[index]
    kind = draw(st.sampled_from(["cut", "splice", "json", "count", "swap"]))
    if kind == "cut":
        lines[index] = line[: draw(st.integers(0, len(line) - 1))]
    elif kind == "splice":
        start = draw(st.integers(0, len(line)))
        lines[index] = line[:start] + draw(st.text(max_size=20)) + line[start:]
    elif kind == "json":
        table = json.loads(line)
        column = draw(st.sampled_from(sorted(table["columns"])))
        value = draw(
            st.one_of(st.none(), st.integers(), st.text(max_size=5), st.lists(st.integers()))
        )
        table["columns"][column] = value
        lines[index] = json.dumps(table)
    elif kind == "count":
        table = json.loads(line)
        table["n"] = draw(st.one_of(st.integers(-5, 10**12), st.text(max_size=3)))
        lines[index] = json.dumps(table)
    else:
        other = draw(st.sampled_from(SMALL))
        lines[index], lines[other] = lines[other], lines[index]
    return "\n".join(lines)


@budget(80)
@given(damaged())
def test_a_damaged_bundle_raises_only_dataset_errors(text: str) -> None:
    with fast():
        try:
            read_bundle(text, where=WHERE)
        except DatasetError as exc:
            documented(exc, WHERE)
        try:
            tables, _ = trusted_tables(text, where=WHERE)
            for name in field_types(RecordSet):
                getattr(tables, name)
        except DatasetError as exc:
            documented(exc, WHERE)


@budget(100)
@given(st.text(max_size=200))
def test_any_text_raises_only_dataset_errors(text: str) -> None:
    with fast():
        try:
            read_bundle(text, where=WHERE)
        except DatasetError as exc:
            documented(exc, WHERE)
