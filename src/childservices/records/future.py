"""Dates that cannot be true yet: a user's record dated after today.

An inspection, a visit, a source or a direction is something that has
happened; a user's row that dates one after today is a problem, like any
other bad value. Some records can rightly be dated ahead: a council's
planned vesting day, a planned reorganisation, a planned go-live or return
of services, the planned end of a contract or a programme. A date after
today in one of those fields (:data:`PLANNED`) is taken, with a
:class:`~childservices.PlannedDateWarning` naming it.

Only users' rows are checked (the bundled record is checked when it is
built), against the day they are read.
"""

from __future__ import annotations

import datetime
import warnings
from collections.abc import Mapping
from typing import Any

import attrs

from childservices.errors import PlannedDateWarning
from childservices.model import PartialDate
from childservices.records.claims import Claim, Problems

__all__ = ["PLANNED", "check_future"]

PLANNED: Mapping[str, frozenset[str]] = {
    "authorities": frozenset({"active_from", "active_to"}),
    "authority_identifiers": frozenset({"valid_from", "valid_to"}),
    "reorganisations": frozenset({"date"}),
    "statistical_neighbours": frozenset({"in_force_from", "in_force_to"}),
    "delivery": frozenset({"start", "end"}),
    "lifecycle": frozenset({"date"}),
    "insourcing": frozenset({"return_date"}),
    "programmes": frozenset({"start", "end"}),
}
"""The fields, by table, whose date may rightly be after today (a plan), with a warning.

Every other date of a user's record after today is a problem: an
inspection, visit or source published, a step of an intervention taken, a
decision made."""


def check_future(
    built: Mapping[str, Mapping[str, Any]],
    claims: Mapping[str, Mapping[str, Claim]],
    problems: Problems,
    *,
    today: datetime.date | None = None,
) -> None:
    """Find users' records dated after ``today`` (by default the day it runs).

    A date after today is a problem placed at the user's row, unless its
    field is in :data:`PLANNED`; then a warning names the row and the field.
    A date known only to the month or year is after today when even its
    first possible day is.
    """
    day = datetime.date.today() if today is None else today
    for table, records in built.items():
        planned = PLANNED.get(table, frozenset())
        for key, record in records.items():
            claim = claims[table].get(key)
            if claim is None or claim.mine is None:
                continue
            for name, value in attrs.asdict(record, recurse=False).items():
                if not isinstance(value, PartialDate) or value.first_day() <= day:
                    continue
                where = f"{claim.mine}: {table} {key}, {name} {value}"
                if name in planned:
                    warnings.warn(
                        PlannedDateWarning(
                            f"{where} is after today ({day.isoformat()}): taken as planned"
                        ),
                        stacklevel=2,
                    )
                    continue
                problems.at(
                    claim.mine,
                    record=f"{table} {key}",
                    field=name,
                    message=f"{value} is after today ({day.isoformat()}): "
                    f"only a plan may be dated after today, and {name} of {table} is not one",
                )
