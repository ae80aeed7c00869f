"""Bringing a user's record up to date with reports Ofsted published after the bundle.

:func:`update` reads the published summary feed (the Data to Insight
collaborative's table of every authority's latest inspection, whose columns
are those of the dated snapshots the bundle was built from), finds the
inspections the record does not hold, downloads each report from the feed's
link, reads it with the library's own report reader, checks the report's
grades against the feed's, and writes what it found as ordinary cited seed
rows (the same rows ``tools/import_reports.py`` writes for the bundle) into
one new update run in the user's data folder (:mod:`childservices.userdata`).
:func:`childservices.load` merges the runs in.

It never guesses: a feed row that cannot be read, a report that cannot be
fetched or read, and a report whose grades disagree with the feed's are each
listed with the reason and left out. The run is written in a temporary
folder, checked by loading it with the record, and only then moved into
place, so a failure (or a killed process) leaves nothing half-written; a run
that finds nothing new writes nothing. Each update builds on the runs already
in the data folder, holds the folder's lock while it runs (a second update
waits, then finds nothing new), and a folder whose runs no longer load is
reported with its repair, ``childservices update --reset``
(:func:`~childservices.update.reset`). Interventions, delivery models and trusts are not updated:
they come with releases of the library.

The work is split by job: reading the feed (:mod:`~childservices.update.feed`),
fetching the feed and the reports (:mod:`~childservices.update.downloads`),
building the run (:mod:`~childservices.update.run`), writing it
(:mod:`~childservices.update.writing`), and what an update reports
(:mod:`~childservices.update.results`).
"""

from childservices.update.downloads import MAX_DOWNLOAD as MAX_DOWNLOAD, glob_escape as glob_escape
from childservices.update.feed import FEED_COLUMNS, FEED_URL, FeedRow, read_feed
from childservices.update.lock import reset
from childservices.update.results import Skipped, UpdateError, UpdateResult
from childservices.update.run import SAME_INSPECTION_DAYS as SAME_INSPECTION_DAYS, update

__all__ = [
    "FEED_COLUMNS",
    "FEED_URL",
    "FeedRow",
    "Skipped",
    "UpdateError",
    "UpdateResult",
    "read_feed",
    "reset",
    "update",
]
