"""The reader's checks of references: a row names records that exist.

Which columns name which table is the schema's
(:data:`~childservices.data.schema.TABLES`). A reference to another table is
checked as each row is read (those tables are read first); a reference
within a table (an intervention's ``replaces``) once every row is read.
"""

from __future__ import annotations

import difflib

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
    notes: list[str] = attrs.Factory(list)
    _names: dict[str, set[str]] | None = None

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

    def ids(self, table: str) -> set[str]:
        """Every id of ``table`` known: the bundled records' and those read so far."""
        bundled = set() if self.base is None else {str(r.id) for r in getattr(self.base, table)}
        return set(self.claims[table]) | bundled

    def names(self) -> dict[str, set[str]]:
        """Each authority's name and alias, folded, with the ids of the authorities it names
        (the bundled records' and those read so far)."""
        from childservices.data.names import normalise_name

        if self._names is None:
            self._names = {}
            if self.base is not None:
                for authority in self.base.authorities:
                    self._add_name(normalise_name(authority.name), str(authority.id))
                for alias in self.base.authority_aliases:
                    self._add_name(normalise_name(alias.alias), str(alias.authority))
        found = {k: set(v) for k, v in self._names.items()}
        for key, claim in self.claims["authorities"].items():
            name = claim.values.get("name")
            if name:
                found.setdefault(normalise_name(name), set()).add(key)
        for claim in self.claims["authority_aliases"].values():
            other, named = claim.values.get("alias"), claim.values.get("authority")
            if other and named:
                found.setdefault(normalise_name(other), set()).add(named)
        return found

    def _add_name(self, name: str, authority: str) -> None:
        assert self._names is not None
        self._names.setdefault(name, set()).add(authority)

    def by_name(self, table: Table, origin: str, values: dict[str, str]) -> list[tuple[str, str]]:
        """Put the id in place of an authority's exact name or alias (folded) where a user's
        row names an authority, noting each in :attr:`notes`; ``(field, message)`` for a name
        that fits more than one authority (never guessed between)."""
        from childservices.data.names import normalise_name

        found = []
        for column, target in REFERENCES.get(table.name, ()):
            value = values.get(column)
            if target != "authorities" or value is None or self.has(target, value):
                continue
            ids = sorted(self.names().get(normalise_name(value), ()))
            if len(ids) == 1:
                values[column] = ids[0]
                self.notes.append(
                    f"{origin}: {column}: {value!r} read as the authority {ids[0]!r} (its name)"
                )
            elif ids:
                found.append(
                    (
                        column,
                        f"{value!r} names more than one authority ({', '.join(ids)}): give the id",
                    )
                )
        return found

    def suggest(self, target: str, value: str) -> str:
        """`` (did you mean ...?)`` with the closest ids (and, for authorities, names), or ``""``."""
        from childservices.data.names import normalise_name

        ids = self.ids(target)
        close = difflib.get_close_matches(value, sorted(ids), n=3, cutoff=0.75)
        if target == "authorities":
            names = self.names()
            for name in difflib.get_close_matches(
                normalise_name(value), sorted(names), n=3, cutoff=0.75
            ):
                close.extend(sorted(names[name]))
        close = list(dict.fromkeys(close))[:3]
        if not close:
            return ""
        return f" (did you mean {' or '.join(repr(c) for c in close)}?)"

    def corrected(self, table: str, key: str, field: str) -> bool:
        """Whether a correction read so far sets this field of this record."""
        return f"{table}/{key}/{field}" in self.claims["corrections"]

    def problems(self, table: Table, key: str, values: dict[str, str]) -> list[tuple[str, str]]:
        """``(field, message)`` for each reference of a row to a record that is not known."""
        found = []
        if table.cited and not self.has("sources", values["source"]):
            source = values["source"]
            found.append(
                (
                    "source",
                    f"no {TABLES['sources'].noun} {source!r}{self.suggest('sources', source)}",
                )
            )
        for column, target in REFERENCES.get(table.name, ()):
            value = values.get(column)
            if (
                value is not None
                and not self.has(target, value)
                and not self.corrected(table.name, key, column)
            ):
                found.append(
                    (column, f"no {TABLES[target].noun} {value!r}{self.suggest(target, value)}")
                )
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
