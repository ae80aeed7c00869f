"""Records as rows of the seed format: one row per record *and source*.

A record stated by three sources is three rows with the same key: the first
carries every field, the others only the key and their citation, exactly as
a seeds folder holds them. Inspections' area grades are the ``judgements``
table (``inspection, area, grade``), cited by the inspection's first source.
Corrections are already applied in the records, so there are no
``corrections`` rows.

The exports (:mod:`childservices.export`) write these rows; the seed reader
uses them to merge users' rows with the bundled records.

>>> from childservices.records.rows import columns
>>> columns("judgements")
('inspection', 'area', 'grade', 'source', 'locator')
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from childservices.convert import converter
from childservices.data.schema import CITATION_COLUMNS, TABLES, Table
from childservices.model import RecordSet

__all__ = ["columns", "judgement_rows", "record_fields", "record_rows", "table_rows"]

Row = dict[str, Any]
"""One row: column name to a typed plain value (text, whole number, boolean, ``None``)."""


def columns(table: str) -> tuple[str, ...]:
    """The columns of one exported table, in order: the seed format's, then the citation."""
    spec = TABLES[table]
    return (*spec.columns, *CITATION_COLUMNS) if spec.cited else spec.columns


def _cell(value: Any) -> Any:
    """A plain value as the seed format writes it: numbers as text, yes/no, empty for unknown."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def record_fields(table: Table, record: Any) -> tuple[Row, list[dict[str, Any]] | None]:
    """A record's seed-format fields (typed plain values) and its citations (``None`` if uncited)."""
    plain = converter.unstructure(record)
    citations = plain.pop("citations", None)
    return {name: plain.get(name) for name in table.columns}, citations


def _record_rows(table: Table, record: Any) -> Iterator[Row]:
    fields, citations = record_fields(table, record)
    if citations is None:
        yield fields
        return
    for n, citation in enumerate(citations):
        row = dict(fields) if n == 0 else {name: fields[name] for name in table.key}
        row["source"] = citation["source"]
        row["locator"] = citation["locator"]
        yield row


def judgement_rows(records: RecordSet) -> Iterator[Row]:
    """The rows of the ``judgements`` table: each inspection's area grades, cited by its first
    source."""
    for inspection in records.inspections:
        first = inspection.citations[0]
        for judgement in inspection.judgements:
            yield {
                "inspection": inspection.id,
                "area": judgement.area.value,
                "grade": judgement.grade.value,
                "source": first.source,
                "locator": first.locator,
            }


def record_rows(records: RecordSet) -> dict[str, list[Row]]:
    """Every table's rows (typed plain values: text, whole numbers, booleans, ``None``)."""
    out: dict[str, list[Row]] = {name: [] for name in TABLES}
    for name, table in TABLES.items():
        if table.record_type is None:
            continue
        for record in getattr(records, name):
            out[name].extend(_record_rows(table, record))
    out["judgements"].extend(judgement_rows(records))
    return out


def table_rows(records: RecordSet) -> dict[str, list[dict[str, str]]]:
    """Every table's rows as the seed format's text cells (``""`` for unknown)."""
    return {
        name: [
            {
                column: "" if (v := _cell(row.get(column))) is None else str(v)
                for column in columns(name)
            }
            for row in rows
        ]
        for name, rows in record_rows(records).items()
    }
