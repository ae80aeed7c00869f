"""``delivery``: who ran each authority's children's services and when (trusts, companies,
partnerships, shared services), and the returns in-house, each with its sources."""

from __future__ import annotations

import datetime
import sys
from typing import TYPE_CHECKING

from childservices.cli.command import Call, add_format
from childservices.cli.output import Rows, emit
from childservices.cli.show import authority_name, sources
from childservices.model import DeliveryModel, PartialDate

if TYPE_CHECKING:
    from collections.abc import Iterable

    from childservices.cli.command import Commands
    from childservices.dataset import Dataset
    from childservices.model import DeliveryEpisode, InsourcingEvent

COLUMNS = {
    "episodes": (
        "authority",
        "name",
        "model",
        "provider",
        "provider_name",
        "start",
        "end",
        "known_until",
        "source",
    ),
    "returns": (
        "authority",
        "name",
        "provider",
        "decided",
        "returned",
        "staff_transferred",
        "source",
    ),
}
"""The columns of each table, in order (``end`` empty: no end recorded; ``known_until``: with
no end, the last month the sources show the episode running, after which it is not known)."""


def add_commands(commands: Commands) -> None:
    """Add ``delivery`` to the command line."""
    delivery = commands.add_parser(
        "delivery",
        help="delivery histories: trusts, companies and other models with their dates, "
        "and returns in-house, with sources",
        description="Every recorded delivery episode (who ran an authority's children's "
        "services other than the council itself, or a recorded return to it), with its start "
        "and end and its sources; with --returns, the returns in-house (decided, returned, "
        "staff transferred). An empty end means no source gave one: the episode may run on, "
        "or have ended unseen; a known_until date says how far the sources show it running "
        "(after it, the record does not know).",
    )
    delivery.add_argument(
        "authority",
        nargs="*",
        help="only this authority (a name of several words needs no quotes); default: all",
    )
    delivery.add_argument(
        "--model",
        choices=[m.value for m in DeliveryModel],
        action="append",
        help="only episodes of this delivery model (may be repeated)",
    )
    delivery.add_argument(
        "--returns", action="store_true", help="list the returns in-house instead of the episodes"
    )
    add_format(delivery)
    delivery.set_defaults(handler=run_delivery)


def run_delivery(call: Call) -> int:
    """Print the episodes (or ``--returns``), then a note on standard error if none matched."""
    args = call.args
    ds = call.dataset()
    only = ds.authority(authority_name(args.authority)).id if args.authority else None
    if args.returns:
        rows = returns(ds, [e for e in ds.records.insourcing if only in (None, e.authority)])
        table = "returns"
    else:
        models = {DeliveryModel(m) for m in args.model or DeliveryModel}
        chosen = [
            e for e in ds.records.delivery if only in (None, e.authority) and e.model in models
        ]
        rows, table = episodes(ds, chosen), "episodes"
    emit(rows, COLUMNS[table], args.format, call.out)
    call.out.flush()
    if not rows:
        what = "return in-house" if args.returns else "delivery episode"
        whose = f"for {only}" if only else "in the record"
        but = "" if only is None else " (none recorded: in-house by default)"
        print(
            f"childservices: no {what} recorded {whose}{'' if args.returns else but}",
            file=sys.stderr,
        )
    return 0


def _key(day: PartialDate | None) -> tuple[bool, tuple[datetime.date, datetime.date] | None]:
    """Order by a date, unknown last."""
    return (day is None, None if day is None else day.sort_key())


def episodes(ds: Dataset, chosen: Iterable[DeliveryEpisode]) -> Rows:
    """Each episode with its provider, start, end and sources, by authority then start."""
    providers = ds.index.providers
    return [
        {
            "authority": episode.authority,
            "name": ds.authority(episode.authority).name,
            "model": episode.model,
            "provider": episode.provider,
            "provider_name": providers[episode.provider].name if episode.provider else None,
            "start": episode.start,
            "end": episode.end,
            "known_until": episode.known_until,
            "source": sources(ds, episode.citations),
        }
        for episode in sorted(chosen, key=lambda e: (e.authority, _key(e.start)))
    ]


def returns(ds: Dataset, chosen: Iterable[InsourcingEvent]) -> Rows:
    """Each return in-house: from which provider, when decided and done, and sources."""
    return [
        {
            "authority": event.authority,
            "name": ds.authority(event.authority).name,
            "provider": event.provider,
            "decided": event.decision_date,
            "returned": event.return_date,
            "staff_transferred": event.staff_transferred,
            "source": sources(ds, event.citations),
        }
        for event in sorted(chosen, key=lambda e: (e.authority, _key(e.return_date)))
    ]
