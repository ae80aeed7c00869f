"""``time-to-good``: the Kaplan-Meier estimate of the time from a judgement (inadequate by
default) to good, by group, as medians, the estimate's steps, or every unit followed."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from childservices.cli.command import Call, add_format, day
from childservices.cli.output import Rows, emit
from childservices.model import Grade

if TYPE_CHECKING:
    from childservices.cli.command import Commands
    from childservices.rules.survival import TimeToGood

COLUMNS: dict[str, tuple[str, ...]] = {
    "summary": ("group", "units", "reached_good", "censored", "median_years", "lower", "upper"),
    "steps": ("group", "years", "at_risk", "events", "censored", "survival", "lower", "upper"),
    "units": ("group", "unit", "entry", "start", "end", "years", "outcome", "reached"),
}
"""The columns of each ``--show`` table, in order."""


def add_commands(commands: Commands) -> None:
    """Add ``time-to-good`` to the command line."""
    survival = commands.add_parser(
        "time-to-good",
        help="time from an inadequate judgement to good: Kaplan-Meier estimates by group",
        description="Follow each lineage (a council with its predecessors and successors, once) "
        "from its first judgement at a grade (inadequate by default) to its first later good or "
        "outstanding one; units not yet good are censored at the data's coverage date, at "
        "abolition, or at a judgement with no overall grade. Prints the median time in years with "
        "its confidence interval (Greenwood variance, log-log transformed), or every step of the "
        "Kaplan-Meier estimate (--show steps), or every unit followed (--show units).",
    )
    _add_follow_up_options(survival)
    survival.add_argument(
        "--confidence", type=float, default=0.95, help="confidence level (default: 0.95)"
    )
    survival.add_argument(
        "--show",
        choices=("summary", "steps", "units"),
        default="summary",
        help="medians by group (default), the estimate's steps, or each unit followed",
    )
    add_format(survival)
    survival.set_defaults(handler=run_time_to_good)


def _add_follow_up_options(survival: argparse.ArgumentParser) -> None:
    """Who is followed, from when, in which groups, and until when."""
    survival.add_argument(
        "--from-grade",
        choices=[g.value for g in Grade if g not in (Grade.GOOD, Grade.OUTSTANDING)],
        default=Grade.INADEQUATE.value,
        help="the grade follow-up starts from (default: inadequate)",
    )
    survival.add_argument(
        "--judged-from", type=day, metavar="DATE", help="entry judgements published from this day"
    )
    survival.add_argument(
        "--judged-to", type=day, metavar="DATE", help="entry judgements published by this day"
    )
    survival.add_argument(
        "--by",
        choices=("delivery_model", "region", "era", "intervention"),
        help="groups (default: one group, 'all')",
    )
    survival.add_argument(
        "--unit",
        choices=("lineage", "authority"),
        default="lineage",
        help="count lineages (default) or authorities, each followed until abolished",
    )
    survival.add_argument(
        "--all-frameworks",
        action="store_true",
        help="let the pre-2013 frameworks' judgements start or end follow-up too (by default SIF "
        "and later only; needed for --from-grade adequate, a grade only they gave)",
    )
    survival.add_argument(
        "--until",
        type=day,
        metavar="DATE",
        help="the coverage date at which follow-up stops (default: the latest report in the data)",
    )


def run_time_to_good(call: Call) -> int:
    """Print the estimate as ``--show`` asks; a confidence outside (0, 1) or judged-from after
    judged-to is a usage error; an empty answer says why on standard error."""
    args = call.args
    ds = call.dataset()
    if not 0 < args.confidence < 1:
        print("childservices: --confidence must be between 0 and 1", file=sys.stderr)
        return 2
    if args.judged_from and args.judged_to and args.judged_from > args.judged_to:
        print(
            f"childservices: --judged-from {args.judged_from} is after --judged-to "
            f"{args.judged_to}: no judgement can fall between them",
            file=sys.stderr,
        )
        return 2
    from childservices.rules.asof import ALL_FRAMEWORKS, SIF_AND_LATER
    from childservices.rules.lineage import Unit

    results = ds.time_to_good(
        from_grade=Grade(args.from_grade),
        judged_from=args.judged_from,
        judged_to=args.judged_to,
        by=args.by,
        unit=Unit(args.unit),
        data_until=args.until,
        frameworks=ALL_FRAMEWORKS if args.all_frameworks else SIF_AND_LATER,
        confidence=args.confidence,
    )
    tables = {"steps": steps, "units": units, "summary": medians}
    emit(tables[args.show](results), COLUMNS[args.show], args.format, call.out)
    call.out.flush()
    if not any(result.follow_ups for result in results):
        print(f"childservices: nothing to follow: {_why_empty(args)}", file=sys.stderr)
    return 0


def _why_empty(args: argparse.Namespace) -> str:
    """Why no unit was followed: the grade, the frameworks, the days asked for."""
    if args.from_grade == Grade.ADEQUATE.value and not args.all_frameworks:
        return (
            "'adequate' was given only by the pre-2013 frameworks, which are left out by "
            "default: add --all-frameworks"
        )
    frameworks = "any framework" if args.all_frameworks else "SIF and later frameworks"
    days = "".join(
        (
            f" from {args.judged_from}" if args.judged_from else "",
            f" to {args.judged_to}" if args.judged_to else "",
            f" by --until {args.until}" if args.until else "",
        )
    )
    return (
        f"no {args.from_grade} judgement under {frameworks} was published{days or ' in the record'}"
    )


def _round(value: float | None, places: int = 2) -> str | None:
    return None if value is None else f"{value:.{places}f}"


def steps(results: Sequence[TimeToGood]) -> Rows:
    """Every step of each group's estimate (``--show steps``)."""
    from childservices.rules.survival import DAYS_PER_YEAR

    return [
        {
            "group": result.group,
            "years": _round(step.time / DAYS_PER_YEAR),
            "at_risk": step.at_risk,
            "events": step.events,
            "censored": step.censored,
            "survival": _round(step.survival, 3),
            "lower": _round(step.lower, 3),
            "upper": _round(step.upper, 3),
        }
        for result in results
        for step in result.estimate.steps
    ]


def units(results: Sequence[TimeToGood]) -> Rows:
    """Every unit followed, with its entry, end and outcome (``--show units``)."""
    return [
        {
            "group": result.group,
            "unit": follow_up.unit,
            "entry": follow_up.entry.id,
            "start": follow_up.start,
            "end": follow_up.end,
            "years": _round(follow_up.years),
            "outcome": "reached good"
            if follow_up.censored is None
            else f"censored: {follow_up.censored.value}",
            "reached": None if follow_up.reached is None else follow_up.reached.id,
        }
        for result in results
        for follow_up in result.follow_ups
    ]


def medians(results: Sequence[TimeToGood]) -> Rows:
    """Each group's counts and median years to good, with its interval (``--show summary``)."""
    rows: Rows = []
    for result in results:
        median, lower, upper = result.median_years()
        rows.append(
            {
                "group": result.group,
                "units": len(result.follow_ups),
                "reached_good": result.reached,
                "censored": len(result.follow_ups) - result.reached,
                "median_years": _round(median) or "not reached",
                "lower": _round(lower) or "not reached",
                "upper": _round(upper) or "not reached",
            }
        )
    return rows
