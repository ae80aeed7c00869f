"""Cross-record checks of references: ids are unique, every fact has a source, every reference
resolves.

Which columns name which table is read from the schema
(:data:`~childservices.data.schema.TABLES`): nothing here lists them.
"""

from __future__ import annotations

from typing import Any

import attrs

from childservices.data.schema import TABLES, Reference
from childservices.errors import Problem
from childservices.model import RecordSet

__all__ = [
    "CITED_TABLES",
    "ID_TABLES",
    "checked_references",
    "reference_count",
    "references",
    "uncited",
    "unique_ids",
]

CITED_TABLES = tuple(
    name for name, table in TABLES.items() if table.record_type is not None and table.cited
)
"""The tables of a :class:`~childservices.model.RecordSet` whose records cite their sources."""
ID_TABLES = tuple(
    name for name, table in TABLES.items() if table.record_type is not None and table.key == ("id",)
)
"""The tables of a :class:`~childservices.model.RecordSet` whose records have an ``id``."""


def _label(table: str, record: Any) -> str:
    return TABLES[table].label(record)


def uncited(records: RecordSet) -> list[Problem]:
    """Records of cited tables without a citation (the record types refuse them; records
    built another way are checked here too)."""
    return [
        Problem(record=_label(table, record), field="citations", message="has no source")
        for table in CITED_TABLES
        for record in getattr(records, table)
        if not record.citations
    ]


_Checked = list[tuple[str, tuple[tuple[str, tuple[Reference, ...]], ...]]]


def checked_references() -> _Checked:
    """The references the reference check resolves: ``(target, ((table, references), ...))``.

    Derived from the schema (:data:`~childservices.data.schema.TABLES`): every
    reference of a table of records, less those with a check of their own.
    References between tables come first, grouped by the table they name in
    the order first named; then references within a table (an intervention's
    ``replaces``).
    """
    by_target: dict[str, dict[str, list[Reference]]] = {}
    for name, table in TABLES.items():
        if table.record_type is None:
            continue
        for reference in table.references:
            if not reference.own_check:
                by_target.setdefault(reference.target, {}).setdefault(name, []).append(reference)
    within = [target for target, tables in by_target.items() if target in tables]
    order = [target for target in by_target if target not in within] + within
    return [
        (target, tuple((name, tuple(found)) for name, found in by_target[target].items()))
        for target in order
    ]


def reference_count(records: RecordSet) -> int:
    """How many references :func:`references` follows: those of :func:`checked_references`
    that name something, and every citation's source."""
    count = sum(
        1
        for _, tables in checked_references()
        for table, references in tables
        for record in getattr(records, table)
        for reference in references
        if getattr(record, reference.column) is not None
    )
    return count + sum(len(r.citations) for t in CITED_TABLES for r in getattr(records, t))


def unique_ids(records: RecordSet) -> list[Problem]:
    """Each record whose id an earlier record of its table has already."""
    problems = []
    for table in ID_TABLES:
        seen: set[str] = set()
        for record in getattr(records, table):
            if record.id in seen:
                problems.append(
                    Problem(record=f"{table} {record.id}", field="id", message="appears twice")
                )
            seen.add(record.id)
    return problems


def references(records: RecordSet) -> list[Problem]:
    """Every reference that names no record (see :func:`checked_references`), and every
    record named that concerns another authority where it must concern the same one."""
    problems: list[Problem] = []
    for target, tables in checked_references():
        known = {record.id: record for record in getattr(records, target)}
        for table, references in tables:
            for record in getattr(records, table):
                for reference in references:
                    problem = _resolve(reference, known, TABLES[target].noun, record)
                    if problem is not None:
                        problems.append(attrs.evolve(problem, record=_label(table, record)))
    sources = {s.id for s in records.sources}
    noun = TABLES["sources"].noun
    for table in CITED_TABLES:
        for record in getattr(records, table):
            for index, citation in enumerate(record.citations):
                if citation.source not in sources:
                    problems.append(
                        Problem(
                            record=_label(table, record),
                            field=f"citations[{index}].source",
                            message=f"no {noun} {citation.source!r}",
                        )
                    )
    return problems


def _resolve(reference: Reference, known: dict[str, Any], noun: str, record: Any) -> Problem | None:
    """The problem with one reference of ``record`` (without its label), if any."""
    value = getattr(record, reference.column)
    if value is None:
        return None
    named = known.get(value)
    if named is None:
        return Problem(field=reference.column, message=f"no {noun} {value!r}")
    if reference.same_authority and named.authority != record.authority:
        return Problem(
            field=reference.column,
            message=f"{value!r} concerns {named.authority!r}, not {record.authority!r}",
        )
    return None
