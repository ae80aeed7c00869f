"""Which council of the record a row of the DfE's statistics belongs to.

A row names a local authority by its DfE number (``old_la_code``) and ONS
code (``new_la_code``). A figure for a year ending on a day belongs to the
council that existed on that day and held that DfE number then; the ONS code
must be one of that council's, not ended before the day (the files use the
code in force when they were published: Barnsley's 2025 workforce row has
the code that took effect on 1 April 2025), or one of a council that
succeeded it (the looked-after files give North Yorkshire County Council's
2021-2023 rows, DfE number 815, under the unitary council's code). Anything
else is an error of the import, never a guess. MHCLG's revenue outturn
workbooks give no DfE number: their rows are placed by ONS code alone
(:meth:`Lineage.authority_by_ons`).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from childservices.model import Authority, Identifier, IdentifierScheme, PartialDate, Reorganisation

__all__ = ["JOINT_RETURNS", "Lineage", "LineageError", "NotInExistence"]

JOINT_RETURNS = {
    ("314 / 318", "E09000021 / E09000027"): "Kingston upon Thames and Richmond upon Thames",
    ("940 / 941", "E06000061 / E06000062"): "North and West Northamptonshire",
}
"""Rows the workforce file gives for two councils together (a joint return): they belong to
neither alone, so they are not imported; the import counts and names them."""


class LineageError(Exception):
    """A row that maps to no council, or to one that did not exist on its day."""


class NotInExistence(LineageError):
    """A row of a council that did not exist on its day (the files keep rows of abolished
    and new councils for every year, with symbols instead of numbers)."""


def _covers(start: PartialDate | None, end: PartialDate | None, day: datetime.date) -> bool:
    return (start is None or start.first_day() <= day) and (end is None or day <= end.last_day())


@dataclass(frozen=True)
class Lineage:
    """The record's councils and their identifiers, to place a row on a day."""

    authorities: dict[str, Authority]
    by_value: dict[tuple[IdentifierScheme, str], list[Identifier]]
    successors: dict[str, set[str]]

    @classmethod
    def of(
        cls,
        authorities: tuple[Authority, ...],
        identifiers: tuple[Identifier, ...],
        reorganisations: tuple[Reorganisation, ...],
    ) -> Lineage:
        """The lineage of a record's authorities, identifiers and reorganisations."""
        by_value: dict[tuple[IdentifierScheme, str], list[Identifier]] = defaultdict(list)
        for identifier in identifiers:
            by_value[(identifier.scheme, identifier.value)].append(identifier)
        successors: dict[str, set[str]] = defaultdict(set)
        for link in reorganisations:
            successors[link.predecessor].add(link.successor)
        return cls({a.id: a for a in authorities}, dict(by_value), dict(successors))

    def authority(self, dfe: str, ons: str, day: datetime.date, where: str) -> str:
        """The id of the council with DfE number ``dfe`` and ONS code ``ons`` on ``day``."""
        held = {
            i.authority
            for i in self.by_value.get((IdentifierScheme.DFE, dfe), [])
            if _covers(i.valid_from, i.valid_to, day)
        }
        if len(held) != 1:
            found = ", ".join(sorted(held)) or "no council"
            raise LineageError(f"{where}: DfE number {dfe!r} on {day} names {found}")
        (authority_id,) = held
        record = self.authorities[authority_id]
        if not _covers(record.active_from, record.active_to, day):
            raise NotInExistence(f"{where}: {authority_id} did not exist on {day}")
        holders = {authority_id, *self.successors.get(authority_id, ())}
        codes = [
            i
            for i in self.by_value.get((IdentifierScheme.ONS, ons), [])
            if i.authority in holders and (i.valid_to is None or day <= i.valid_to.last_day())
        ]
        if ons and not codes:
            raise LineageError(f"{where}: ONS code {ons!r} is not {authority_id}'s on {day}")
        return authority_id

    def authority_by_ons(self, ons: str, day: datetime.date, where: str) -> str:
        """The id of the council that existed on ``day`` and held ONS code ``ons`` then (or
        holds it from a later day: a file may use the code in force when it was published,
        as the DfE's do); an error when none or more than one does."""
        held = {
            i.authority
            for i in self.by_value.get((IdentifierScheme.ONS, ons), [])
            if (i.valid_to is None or day <= i.valid_to.last_day())
            and _covers(
                self.authorities[i.authority].active_from,
                self.authorities[i.authority].active_to,
                day,
            )
        }
        if len(held) != 1:
            found = ", ".join(sorted(held)) or "no council of the record"
            raise LineageError(f"{where}: ONS code {ons!r} on {day} names {found}")
        (authority_id,) = held
        return authority_id
