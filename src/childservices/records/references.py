"""The reader's checks of references: a row names records that exist.

Which columns name which table is the schema's
(:data:`~childservices.data.schema.TABLES`). A reference to another table is
checked as each row is read (those tables are read first); a reference
within a table (an intervention's ``replaces``) once every row is read.
"""

from __future__ import annotations

import attrs

from childservices.data.schema import TABLES, Table
from childservices.model import RecordSet
from childservices.records.claims import Claim, Problems

__all__ = ["REFERENCES", "Known", "unresolved_within"]

REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    name: tuple(
        (reference.column, reference.target)
        for reference in table.references
        if reference.target != name and not reference.own_check
    )
    for name, table in TABLES.items()
}
"""The columns that name a record of another table, checked as each row is read (from the
schema: every reference to another table but those with a check of their own)."""


@attrs.define
class Known:
    """The ids a user's row may refer to: the bundled records' and those read so far."""

    claims: dict[str, dict[str, Claim]]
    base: RecordSet | None
    bundled: dict[str, frozenset[str]] = attrs.Factory(dict)

    def has(self, table: str, key: str) -> bool:
        """Whether a record of ``table`` with this key is known."""
        if key in self.claims[table]:
            return True
        if self.base is None:
            return False
        ids = self.bundled.get(table)
        if ids is None:
            ids = self.bundled[table] = frozenset(
                str(record.id) for record in getattr(self.base, table)
            )
        return key in ids

    def corrected(self, table: str, key: str, field: str) -> bool:
        """Whether a correction read so far sets this field of this record."""
        return f"{table}/{key}/{field}" in self.claims["corrections"]

    def problems(self, table: Table, key: str, values: dict[str, str]) -> list[tuple[str, str]]:
        """``(field, message)`` for each reference of a row to a record that is not known."""
        found = []
        if table.cited and not self.has("sources", values["source"]):
            found.append(("source", f"no {TABLES['sources'].noun} {values['source']!r}"))
        for column, target in REFERENCES.get(table.name, ()):
            value = values.get(column)
            if (
                value is not None
                and not self.has(target, value)
                and not self.corrected(table.name, key, column)
            ):
                found.append((column, f"no {TABLES[target].noun} {value!r}"))
        return found


def unresolved_within(
    claims: dict[str, dict[str, Claim]], base: RecordSet | None, problems: Problems
) -> None:
    """A user's record that names a record of its own table that does not exist (an
    intervention that replaces no intervention), found once every row is read (it may
    name a later row) and before records are built (so a file full of them is not built
    whole only to fail the checks)."""
    for name, table in TABLES.items():
        for reference in table.references:
            if reference.target != name or reference.own_check:
                continue
            rows = claims[name]
            bundled = (
                {table.record_key(r) for r in getattr(base, name)} if base is not None else set()
            )
            for key, claim in rows.items():
                target = claim.values.get(reference.column)
                if claim.mine is None or target is None or target in rows or target in bundled:
                    continue
                problems.at(
                    claim.mine,
                    record=f"{name} {key}",
                    field=reference.column,
                    message=f"no {table.noun} {target!r}",
                )
