"""The "on this day" tables: ``ratings``, ``trusts`` and ``interventions`` ``--on DATE``."""

from __future__ import annotations

import argparse
import datetime
import sys
from collections import Counter
from typing import TYPE_CHECKING

from childservices.cli.command import Call, add_format, add_on
from childservices.cli.output import Rows, cell_text, coverage_note, emit
from childservices.dataset import COMPANY_MODELS
from childservices.model import Area, PartialDate
from childservices.rules.asof import ALL_FRAMEWORKS, SIF_AND_LATER, RatingBasis
from childservices.rules.intervention import InterventionStatus

if TYPE_CHECKING:
    from childservices.cli.command import Commands
    from childservices.dataset import Dataset
    from childservices.rules.ondate import DeliveryOnDate

COLUMNS = {
    "ratings": ("authority", "name", "rating", "framework", "published", "inspection"),
    "trusts": ("provider", "name", "kind", "authorities", "start", "end"),
    "interventions": ("authority", "name", "status", "since", "steps"),
}
"""The columns of each table, in order."""


def add_commands(commands: Commands) -> None:
    """Add ``ratings``, ``trusts`` and ``interventions`` to the command line."""
    ratings = commands.add_parser(
        "ratings", help="every authority's overall rating in force on a day"
    )
    add_on(ratings)
    ratings.add_argument(
        "--all-frameworks",
        action="store_true",
        help="let the pre-2013 frameworks set a rating too (by default SIF and later only)",
    )
    ratings.add_argument(
        "--basis",
        type=basis,
        default=RatingBasis.OVERALL,
        metavar="BASIS",
        help="what the rating is read from: 'overall' (default: the latest inspection's overall "
        "judgement, 'not given' after the 2026 reform), 'latest-overall' (the latest overall "
        "judgement however old) or a judgement area such as 'impact_of_leaders'",
    )
    ratings.add_argument(
        "--grade",
        action="append",
        metavar="GRADE",
        help="only authorities with this rating (a grade such as 'inadequate', 'not_given', or "
        "'none' for no rating recorded); may be repeated",
    )
    ratings.add_argument(
        "--totals",
        action="store_true",
        help="print how many authorities hold each rating instead of one row each",
    )
    add_format(ratings)
    ratings.set_defaults(handler=run_ratings)
    trusts = commands.add_parser(
        "trusts", help="trusts and council companies running services on a day"
    )
    add_on(trusts)
    add_format(trusts)
    trusts.set_defaults(handler=run_trusts)
    interventions = commands.add_parser(
        "interventions", help="authorities under an improvement notice or direction on a day"
    )
    add_on(interventions)
    add_format(interventions)
    interventions.set_defaults(handler=run_interventions)


def basis(text: str) -> RatingBasis | Area:
    """A ``--basis`` argument: a rating basis (``latest-overall``) or a judgement area."""
    word = text.strip().lower().replace("-", "_")
    for known in RatingBasis:
        if word == known.value:
            return known
    try:
        return Area(word)
    except ValueError:
        choices = ", ".join(
            [b.value.replace("_", "-") for b in RatingBasis] + [a.value for a in Area]
        )
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a rating basis: use one of {choices}"
        ) from None


# ratings ------------------------------------------------------------------------------


def run_ratings(call: Call) -> int:
    """Print every authority's rating on the day, then the coverage note (``ratings``)."""
    args = call.args
    ds = call.dataset()
    every = rows = ratings(ds, args.on, args.all_frameworks, args.basis)
    if args.grade:
        wanted = {g.strip().lower().replace(" ", "_").replace("-", "_") for g in args.grade}
        rows = [r for r in rows if _rating_word(r["rating"]) in wanted]
        if every and not rows:
            held = sorted({_rating_word(r["rating"]) for r in every})
            print(
                f"childservices: note: no authority held {' or '.join(sorted(wanted))} on "
                f"{args.on}; the ratings held that day: {', '.join(held)}",
                file=sys.stderr,
            )
    if args.totals:
        counts = Counter(_rating_word(r["rating"]) for r in rows)
        totals = [{"rating": k, "authorities": n} for k, n in sorted(counts.items())]
        emit(
            [*totals, {"rating": "total", "authorities": len(rows)}],
            ("rating", "authorities"),
            args.format,
            call.out,
        )
    else:
        emit(rows, COLUMNS["ratings"], args.format, call.out)
    if not any(row["rating"] is not None for row in every):
        frameworks = "any framework" if args.all_frameworks else "SIF and later frameworks"
        print(
            f"childservices: note: no authority has a rating from {frameworks} on {args.on}"
            + ("" if every else " (and no authority in the record existed that day)")
            + f"; the earliest such inspection was published {_earliest(ds, args.all_frameworks)}"
            + ("" if args.all_frameworks else " (--all-frameworks counts the earlier ones)"),
            file=sys.stderr,
        )
    note = coverage_note(ds, args.on)
    if note:
        print(f"childservices: note: {note}", file=sys.stderr)
    call.out.flush()
    return 0


def _rating_word(rating: object) -> str:
    """A rating as ``--grade`` and ``--totals`` name it: its value, or ``none`` if unknown."""
    return "none" if rating is None else cell_text(rating)


def _earliest(ds: Dataset, all_frameworks: bool) -> str:
    """The publication day of the earliest inspection the frameworks counted hold."""
    frameworks = ALL_FRAMEWORKS if all_frameworks else SIF_AND_LATER
    days = [i.published for i in ds.records.inspections if i.framework in frameworks]
    return str(min(days, key=PartialDate.sort_key)) if days else "never"


def ratings(
    ds: Dataset, day: datetime.date, all_frameworks: bool, basis: RatingBasis | Area
) -> Rows:
    """Each authority in existence on ``day``: its rating (:meth:`Dataset.ratings_on
    <childservices.Dataset.ratings_on>`) and the inspection that set it."""
    frameworks = ALL_FRAMEWORKS if all_frameworks else SIF_AND_LATER
    rated = ds.ratings_on(day, frameworks=frameworks, rating_basis=basis)
    rows = []
    for authority in ds.authorities(active_on=day):
        inspection = authority.rated_inspection_on(day, frameworks=frameworks, rating_basis=basis)
        rows.append(
            {
                "authority": authority.id,
                "name": authority.name,
                "rating": rated[authority.id],
                "framework": None if inspection is None else inspection.framework,
                "published": None if inspection is None else inspection.published,
                "inspection": None if inspection is None else inspection.id,
            }
        )
    return rows


# trusts -------------------------------------------------------------------------------


def run_trusts(call: Call) -> int:
    """Print the trusts and council companies running services on the day (``trusts``)."""
    args = call.args
    ds = call.dataset()
    rows = trusts(ds, args.on)
    emit(rows, COLUMNS["trusts"], args.format, call.out)
    call.out.flush()
    if not rows:
        starts = [e.start for e in ds.records.delivery if e.model in COMPANY_MODELS]
        first = min(starts, key=PartialDate.sort_key, default=None)
        print(
            f"childservices: note: no trust or company ran an authority's services on {args.on}"
            f" by the record; the first recorded began {first or 'never'}",
            file=sys.stderr,
        )
    return 0


def trusts(ds: Dataset, day: datetime.date) -> Rows:
    """Each trust or company operating on ``day``, with the authorities it ran services for
    and, in the same order, the start and end of each one's episode (an empty end: none
    recorded; ``childservices delivery`` lists every episode with its sources)."""
    running: dict[str, list[DeliveryOnDate]] = {}
    for _, delivery in sorted(ds.delivery_on(day).items()):
        if delivery.model in COMPANY_MODELS and delivery.provider is not None:
            running.setdefault(delivery.provider, []).append(delivery)
    rows: Rows = []
    for provider in ds.trusts_operating(on=day):
        held = running.get(provider.id, [])
        episodes = [d.episode for d in held if d.episode is not None]
        rows.append(
            {
                "provider": provider.id,
                "name": provider.name,
                "kind": provider.kind,
                "authorities": ";".join(d.authority for d in held),
                "start": ";".join(str(e.start) for e in episodes),
                "end": ";".join(str(e.end or "") for e in episodes)
                if any(e.end for e in episodes)
                else None,
            }
        )
    return rows


# interventions --------------------------------------------------------------------------


def run_interventions(call: Call) -> int:
    """Print every authority under intervention or not known to be free of one, then a count.

    Every format carries the same rows: those certainly under a notice or direction, and
    those the record cannot say about (status ``not_known``, with the steps in doubt).
    """
    args = call.args
    rows = interventions(call.dataset(), args.on)
    emit(rows, COLUMNS["interventions"], args.format, call.out)
    call.out.flush()
    not_known = sum(row["status"] is InterventionStatus.NOT_KNOWN for row in rows)
    print(
        f"childservices: {len(rows) - not_known} authorities certainly under a notice or "
        f"direction on {args.on}; for {not_known} more (status not_known) the record cannot "
        "say whether one still ran (no end recorded, and no act or a better judgement since)",
        file=sys.stderr,
    )
    return 0


def interventions(ds: Dataset, day: datetime.date) -> Rows:
    """The authorities certainly under a notice or direction, then those the record cannot
    say about (``since`` and ``steps``: the steps in force, or in doubt)."""
    rows: Rows = []
    statuses = ds.under_intervention(on=day, not_known=True)
    ordered = sorted(
        statuses.items(), key=lambda item: (item[1] is InterventionStatus.NOT_KNOWN, item[0])
    )
    for authority_id, status in ordered:
        authority = ds.authority(authority_id)
        state = None if status is InterventionStatus.NOT_KNOWN else True
        current = [s for s, held in authority.intervention_steps_on(day) if held is state]
        since = min((s.date for s in current if s.date), key=PartialDate.sort_key, default=None)
        rows.append(
            {
                "authority": authority.id,
                "name": authority.name,
                "status": status,
                "since": since,
                "steps": ";".join(s.id for s in current),
            }
        )
    return rows
