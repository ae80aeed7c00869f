"""``update``: add the inspections published since the record, read from their reports, as a
new update run in the user's data folder (needs the ``update`` extra)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from childservices.cli.command import Call

if TYPE_CHECKING:
    from childservices.cli.command import Commands


def add_commands(commands: Commands) -> None:
    """Add ``update`` to the command line."""
    update = commands.add_parser(
        "update",
        help="add inspections published since the record, read from their reports "
        "(needs the update extra)",
        description="Read the published summary feed, find inspections the record does not "
        "hold, download and read each report, check its grades against the feed's, and write "
        "what was found as a new update run in your data folder (never in the installed "
        "package). 'childservices' commands and cs.load() then include it. Interventions and "
        "delivery models still come with releases.",
    )
    update.add_argument(
        "--feed",
        default=None,
        metavar="URL_OR_FILE",
        help="the summary feed: an address, or a downloaded CSV or xlsx file "
        "(default: the published spreadsheet)",
    )
    update.add_argument(
        "--reports",
        default=None,
        metavar="DIR",
        help="a folder of downloaded report PDFs to read instead of downloading them (offline)",
    )
    update.add_argument(
        "--data-dir",
        default=None,
        metavar="DIR",
        help="your data folder (default: $CHILDSERVICES_DATA_DIR or the platform's "
        "user data folder)",
    )
    update.add_argument(
        "--cache",
        default=None,
        metavar="DIR",
        help="keep the text read from each report here, so reading it again costs nothing",
    )
    update.add_argument(
        "--reset",
        action="store_true",
        help="remove every update run from your data folder (the record is then as released; "
        "run update again to add the newer inspections): the repair for runs that no "
        "longer load",
    )
    update.set_defaults(handler=run_update)


def run_update(call: Call) -> int:
    """Run the update and say what it added; exit status 1 if any feed row was not used."""
    from pathlib import Path

    from childservices.errors import UpdateError
    from childservices.update import FEED_URL, reset, update

    args, out = call.args, call.out
    if args.reset:
        removed = reset(args.data_dir)
        out.write(f"removed {removed} update run(s); the record is as released\n")
        return 0
    if args.reports is not None and not Path(args.reports).is_dir():
        print(f"childservices: --reports {args.reports}: no such folder", file=sys.stderr)
        return 1
    base = call.load(extra=args.extra or None)
    try:
        result = update(
            feed=args.feed or FEED_URL,
            reports=args.reports,
            data_dir=args.data_dir,
            base=base,
            cache=args.cache,
        )
    except UpdateError as exc:
        if args.feed is not None:
            raise
        # Offline: the published feed could not be fetched; say how to update from files.
        raise UpdateError(
            f"{exc}; offline, give a downloaded feed and its reports: "
            "childservices update --feed FILE --reports DIR"
        ) from None
    if result.run is None:
        out.write(f"{result.new} inspection(s) newer than the record in the feed; none added\n")
    else:
        out.write(f"added {len(result.added)} inspection(s) in {result.run}:\n")
        for ident in result.added:
            out.write(f"  {ident}\n")
    for skipped in result.skipped:
        print(f"childservices: not used: {skipped}", file=sys.stderr)
    return 1 if result.skipped else 0
