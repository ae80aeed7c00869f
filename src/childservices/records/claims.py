"""Rows as claims about records, and the problems found while reading them.

Rows that share a key are claims by different sources about one record; a
:class:`Claim` is one record as the rows read so far describe it, with where
it came from (:class:`Origin`). :class:`Problems` collects what is wrong, at
most :data:`MAX_PROBLEMS_PER_FILE` for each file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import attrs

from childservices.errors import Problem

__all__ = [
    "BUNDLED",
    "MAX_PROBLEMS_PER_FILE",
    "Claim",
    "Conflicts",
    "Origin",
    "Problems",
    "Sink",
]

MAX_PROBLEMS_PER_FILE = 100
"""A file with more problems than this is not read further, and no more of its problems are
listed: it is not in the seed format."""


BUNDLED = "<bundled dataset>"
"""How problems name the bundled dataset when users' records are read with it."""


@attrs.frozen
class Origin:
    """Where a row came from: a file and line (line 0 for the bundled dataset's rows)."""

    file: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@attrs.define
class Claim:
    """One record as the rows so far describe it (mutable only while reading).

    ``citations`` is an ordered set of ``(source, locator)``; ``origin`` is
    where the first row came from, ``mine`` the first row from a user's file
    (not the bundled dataset), if any.
    """

    values: dict[str, str]
    citations: dict[tuple[str, str | None], None]
    origin: Origin
    mine: Origin | None

    def cite(self, citations: Iterable[tuple[str, str | None]]) -> None:
        """Add citations not already given."""
        for citation in citations:
            self.citations.setdefault(citation, None)


Sink = Callable[[Origin, dict[str, str]], None]
"""What takes each good row as it is read: where it came from, and its non-empty cells."""

Conflicts = dict[tuple[str, str, str], tuple[str, Problem]]
"""Fields two rows give differently, by ``(table, key, field)``: the file of the later row and
the problem, reported unless a correction sets the field."""


@attrs.define
class Problems:
    """Problems found so far, at most :data:`MAX_PROBLEMS_PER_FILE` listed for each file."""

    items: list[Problem] = attrs.Factory(list)
    counts: dict[str, int] = attrs.Factory(dict)
    disagreements: dict[str, int] = attrs.Factory(dict)
    stopped: set[str] = attrs.Factory(set)

    def add(self, key: str, problem: Problem) -> None:
        """Record ``problem``, found in the file (or group) ``key``."""
        count = self.counts.get(key, 0)
        self.counts[key] = count + 1
        if count < MAX_PROBLEMS_PER_FILE:
            self.items.append(problem)
        if count + 1 == MAX_PROBLEMS_PER_FILE:
            self.items.append(
                Problem(
                    file=key,
                    message=f"reading stopped after {MAX_PROBLEMS_PER_FILE} problems in this "
                    "file; any further problems are not listed",
                )
            )

    def at(
        self, origin: Origin, *, record: str | None = None, field: str | None = None, message: str
    ) -> None:
        """Record a problem with the row at ``origin``."""
        self.add(
            origin.file, Problem(file=str(origin), record=record, field=field, message=message)
        )

    def full(self, key: str) -> bool:
        """Whether the file ``key`` has had more problems than are listed, or was stopped."""
        return key in self.stopped or self.counts.get(key, 0) >= MAX_PROBLEMS_PER_FILE

    def disagree(self, key: str) -> None:
        """Count a field of the file ``key`` that disagrees with an earlier row; stop the file
        when too many do (a correction settles each, but not this many)."""
        count = self.disagreements[key] = self.disagreements.get(key, 0) + 1
        if count > MAX_PROBLEMS_PER_FILE and key not in self.stopped:
            self.add(
                key,
                Problem(
                    file=key,
                    message=f"reading stopped: more than {MAX_PROBLEMS_PER_FILE} of its fields "
                    "disagree with other rows",
                ),
            )
            self.stopped.add(key)
