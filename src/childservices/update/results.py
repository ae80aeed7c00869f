"""What an update reports: what it added and skipped, or the error that stopped it."""

from __future__ import annotations

from pathlib import Path

import attrs

from childservices.errors import UpdateError

__all__ = ["Skipped", "UpdateError", "UpdateResult"]


@attrs.frozen(kw_only=True)
class Skipped:
    """Something the update could not use, and why (one line)."""

    what: str
    reason: str

    def __str__(self) -> str:
        return f"{self.what}: {self.reason}"


@attrs.frozen(kw_only=True)
class UpdateResult:
    """What an update found and did.

    ``added`` are the ids of the inspections written in the new run ``run``
    (``None`` when nothing new was found, or nothing could be added);
    ``skipped`` lists every feed row and report left out, with the reason;
    ``new`` counts the feed's inspections the record did not hold.
    """

    run: Path | None
    added: tuple[str, ...]
    skipped: tuple[Skipped, ...]
    new: int
