"""How current the record is: the newest report it holds and the newest source of each table.

The bundled record is fixed when the package is built; ``childservices
update`` adds inspections published since. A question about a day after
the newest report the record holds is answered from what the record holds,
which may not include later events: the library says so with a
:class:`~childservices.CoverageWarning`.
"""

from __future__ import annotations

import datetime
import warnings
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from childservices.errors import CoverageWarning
from childservices.model import Inspection, PartialDate, RecordSet, Source

__all__ = ["Coverage", "newest_publication", "newest_sources", "warn_if_after"]

CITING_TABLES = tuple(f.name for f in attrs.fields(RecordSet) if f.name != "sources")
"""The tables whose rows cite sources (every table but the sources), in the seed order."""


def _read_only(
    value: Mapping[str, datetime.date | None],
) -> Mapping[str, datetime.date | None]:
    return MappingProxyType(dict(value))


@attrs.frozen(kw_only=True)
class Coverage:
    """How current a dataset's record is.

    ``reports_to`` is the newest publication date of an inspection report the
    record holds (the latest day it could be, for a date known only to the
    month): questions about later days may miss later inspections.
    ``sources_to`` gives, for each table, the newest publication date of the
    sources its rows cite (``None`` for a table whose sources give no date).
    ``updates`` names the update runs (``childservices update``) included,
    oldest first; it is empty for the bundled record as released.
    """

    reports_to: datetime.date | None
    sources_to: Mapping[str, datetime.date | None] = attrs.field(converter=_read_only)
    updates: tuple[str, ...] = ()

    def covers(self, day: datetime.date) -> bool:
        """Whether ``day`` is on or before the newest report the record holds."""
        return self.reports_to is None or day <= self.reports_to


def newest_publication(inspections: Iterable[Inspection]) -> datetime.date | None:
    """The latest possible publication day of the newest inspection, never after today.

    A report known only to this month could be published on its last day, but
    the record cannot hold reports published after today (a user's record
    dated after today is refused: :mod:`childservices.records.future`).
    """
    return _until_today(max((i.published.last_day() for i in inspections), default=None))


def _until_today(day: datetime.date | None) -> datetime.date | None:
    """``day``, or today when ``day`` is later: what a record holds cannot run past today."""
    if day is None:
        return None
    return min(day, datetime.date.today())


def _newest(dates: Iterable[PartialDate | None]) -> datetime.date | None:
    return _until_today(max((d.last_day() for d in dates if d is not None), default=None))


def newest_sources(tables: Any, sources: Mapping[str, Source]) -> dict[str, datetime.date | None]:
    """For each citing table, the newest publication date among the sources its rows cite.

    The official figures each cite their measure's release or an earlier one (a check of
    the record: :func:`~childservices.data.measure_checks.figures_cite_their_release`),
    so theirs are read from the measures, without reading the figures.
    """
    found: dict[str, datetime.date | None] = {}
    for table in CITING_TABLES:
        if table == "observations":
            cited = {measure.release for measure in tables.measures}
        else:
            cited = {c.source for record in getattr(tables, table) for c in record.citations}
        found[table] = _newest(sources[s].published for s in cited if s in sources)
    return found


def warn_if_after(
    coverage_to: datetime.date | None, day: datetime.date, *, stacklevel: int
) -> None:
    """Warn that the record may not include events after its newest report, if ``day`` is later.

    The message names the coverage date, not the day asked, so it is the same for every later
    day: under Python's default warning filter it is shown once per place in the caller's code
    (per coverage date), not once per day asked, and a loop or a property test over many days
    gives one warning, not hundreds. ``warnings.simplefilter("always", cs.CoverageWarning)``
    shows every one; ``pytest.warns`` sees every one.
    """
    if coverage_to is None or day <= coverage_to:
        return
    warnings.warn(
        CoverageWarning(
            f"the record holds reports published up to {coverage_to.isoformat()}; answers for "
            "later days may miss later inspections (run 'childservices update' to add the "
            "reports published since)"
        ),
        stacklevel=stacklevel + 1,
    )
