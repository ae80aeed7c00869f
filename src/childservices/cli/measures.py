"""``measures``: the DfE's official figures (issue 24) from the command line.

With no measure, the vocabulary (id, name, unit, years held); with one, its
figures for every authority (then the regions and England) or for the named
authorities, in one year or every year, each with its value or the release's
reason for giving none, its unit and its source. ``--as-of DAY`` keeps only the
figures published by that day (:mod:`childservices.rules.publication`): those
not yet published are left out and counted, those whose publication date the
record does not know are kept as rows of their own (``publication`` column
``not_known``) in every format.
"""

from __future__ import annotations

import argparse
import datetime
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from childservices.cli.command import Call, day
from childservices.cli.output import Rows, emit
from childservices.cli.show import authority_name
from childservices.cli.show_rows import sources

if TYPE_CHECKING:
    from childservices.cli.command import Commands
    from childservices.data.measure_index import MeasureFigures
    from childservices.dataset import Dataset
    from childservices.model import Measure, Observation

COLUMNS = {
    "vocabulary": ("id", "name", "unit", "years", "release"),
    "figures": (
        "level",
        "place",
        "name",
        "year",
        "value",
        "reason",
        "unit",
        "numerator",
        "denominator",
        "publication",
        "source",
    ),
}
"""The columns of each table, in order. ``value`` empty: the release gives no number, and
``reason`` says why in its own words (``suppressed (c)``...); ``publication`` is empty
without ``--as-of``, else ``published`` or ``not_known``."""

ALL_YEARS = "all"
"""The ``--year`` word for every year held."""


def add_commands(commands: Commands) -> None:
    """Add ``measures`` to the command line."""
    measures = commands.add_parser(
        "measures",
        help="the DfE's official figures: the list of measures, or one measure for every "
        "authority in a year, with sources",
        description="With no MEASURE, the vocabulary of measures (id, name, unit, years held). "
        "With a MEASURE id, its figures: one row per place and year, with the value or the "
        "release's reason for giving none (suppressed, not applicable...), the unit and the "
        "source. Without --authority the local authorities come first, then the regions and "
        "England (column level). The default year is the latest the record holds for the "
        "measure (with --as-of, the latest with figures published by that day).",
    )
    measures.add_argument(
        "measure", nargs="?", metavar="MEASURE", help="a measure id (none: list them all)"
    )
    measures.add_argument(
        "--authority",
        nargs="+",
        action="append",
        metavar="NAME",
        help="only this authority: a name, alias or code, as 'show' takes it (several words "
        "need no quotes); may be repeated",
    )
    measures.add_argument(
        "--year",
        type=_year,
        metavar="YEAR",
        help="the reporting year, named by the year it ends in (2025: the year ending 31 March "
        "2025, or 30 September 2025 for the workforce), or 'all'; default: the latest held",
    )
    measures.add_argument(
        "--as-of",
        type=day,
        metavar="DAY",
        help="only figures published by this day (YYYY-MM-DD, DD/MM/YYYY or today); those "
        "whose publication date is not known are kept, marked not_known",
    )
    measures.add_argument(
        "--format",
        choices=("table", "text", "csv", "json"),
        default="table",
        help="output as an aligned table (default; 'text' is the same), CSV or JSON",
    )
    measures.set_defaults(handler=run_measures)


def _year(text: str) -> int | str:
    """A ``--year``: ``all`` or a four-digit year."""
    word = text.strip().lower()
    if word == ALL_YEARS:
        return ALL_YEARS
    if len(word) == 4 and word.isdigit():
        return int(word)
    raise argparse.ArgumentTypeError(
        f"{text!r} is not a reporting year: give a year such as 2025 (the year ending in it) "
        "or 'all'"
    )


def _usage(call: Call, message: str) -> int:
    """A usage error of ``measures``: one line naming the argument, exit status 2."""
    call.err.write(f"childservices measures: {message} (try 'childservices measures --help')\n")
    return 2


def run_measures(call: Call) -> int:
    """Print the vocabulary, or one measure's figures, then a note on standard error."""
    args = call.args
    ds = call.dataset()
    fmt = "table" if args.format == "text" else args.format
    if args.measure is None:
        if args.authority or args.year is not None or args.as_of is not None:
            return _usage(call, "--authority, --year and --as-of need a MEASURE")
        emit(vocabulary(ds), COLUMNS["vocabulary"], fmt, call.out)
        call.out.flush()
        return 0
    measures = ds.index.figures.measures
    if args.measure not in measures:
        return _usage(call, f"argument MEASURE: {unknown_measure(args.measure, measures)}")
    measure = measures[args.measure]
    held = years_held(ds, measure.id)
    if isinstance(args.year, int) and args.year not in held:
        return _usage(
            call,
            f"argument --year: the record holds no {measure.id} figure for {args.year}; "
            f"it holds {year_spans(held)}",
        )
    only = [ds.authority(authority_name(words)).id for words in args.authority or ()]
    year, why = _chosen_year(ds, measure, held, args.year, args.as_of)
    found = ds.measure(measure.id, year, as_of=args.as_of)
    rows = figure_rows(ds, measure, found, only)
    emit(rows, COLUMNS["figures"], fmt, call.out)
    call.out.flush()
    for line in notes(ds, found, only, why):
        call.err.write(f"childservices: note: {line}\n")
    return 0


def unknown_measure(text: str, measures: Iterable[str]) -> str:
    """Why ``text`` is no measure, with the closest ids (``did you mean``)."""
    import difflib

    ids = sorted(measures)
    close = difflib.get_close_matches(text, ids, n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    return f"no measure {text!r}{hint} ('childservices measures' lists them)"


def years_held(ds: Dataset, measure_id: str) -> tuple[int, ...]:
    """The reporting years for which the record holds a figure of the measure (any place)."""
    return tuple(sorted({o.year for o in ds.index.figures.by_measure.get(measure_id, ())}))


def year_spans(years: Sequence[int]) -> str:
    """Years as runs: ``2013-2025`` or ``2021-2022, 2024`` (``none`` if empty)."""
    spans: list[list[int]] = []
    for year in years:
        if spans and year == spans[-1][-1] + 1:
            spans[-1].append(year)
        else:
            spans.append([year])
    text = [f"{s[0]}-{s[-1]}" if len(s) > 1 else str(s[0]) for s in spans]
    return ", ".join(text) or "none"


def vocabulary(ds: Dataset) -> Rows:
    """Every measure: its id, name, unit, the years held, and the release it is read from."""
    return [
        {
            "id": m.id,
            "name": m.name,
            "unit": m.unit,
            "years": year_spans(years_held(ds, m.id)),
            "release": m.release,
        }
        for m in ds.measures_vocabulary()
    ]


def _chosen_year(
    ds: Dataset,
    measure: Measure,
    held: Sequence[int],
    asked: int | str | None,
    as_of: datetime.date | None,
) -> tuple[int | None, str | None]:
    """The year to answer (``None``: every year) and, when the user did not give it, why."""
    if asked == ALL_YEARS:
        return None, None
    if isinstance(asked, int):
        return asked, None
    if not held:
        return None, None
    choose = "; --year to choose another, --year all for every year"
    if as_of is not None:
        year, why = _as_of_year(ds, measure, held, as_of)
        return year, why + choose
    return held[-1], (
        f"year {held[-1]}: the latest year the record holds for {measure.id} (held: "
        f"{year_spans(held)}){choose}"
    )


def _as_of_year(
    ds: Dataset, measure: Measure, held: Sequence[int], as_of: datetime.date
) -> tuple[int, str]:
    """The default year under ``--as-of``: the latest with figures published by the day,
    else the latest whose publication the record cannot place, else the latest held; and why."""
    found = ds.measure(measure.id, None, as_of=as_of)
    published = sorted({o.year for o in (*found.authorities, *found.regions, *found.national)})
    doubt = sorted({o.year for o in found.not_known if not published or o.year > published[-1]})
    if published:
        later = (
            f"; the record does not know whether the figures for {year_spans(doubt)} were "
            f"published by then (--year {doubt[-1]} shows them, marked not_known)"
            if doubt
            else ""
        )
        return published[-1], (
            f"year {published[-1]}: the latest with figures published by {as_of}{later}"
        )
    if doubt:
        return doubt[-1], (
            f"year {doubt[-1]}: no figure of {measure.id} is known to have been published by "
            f"{as_of}; whether this year's were the record does not know (marked not_known)"
        )
    return held[-1], (
        f"year {held[-1]}: the latest year the record holds for {measure.id}; none of its "
        f"figures had been published by {as_of}"
    )


def figure_rows(ds: Dataset, measure: Measure, found: MeasureFigures, only: Sequence[str]) -> Rows:
    """One row per figure: the authorities' (only those in ``only``, if given), then, with no
    authority named, the regions' and England's; under ``--as-of`` the figures published
    by the day and then those whose publication date is not known."""
    published = _wanted((*found.authorities, *found.regions, *found.national), only)
    rows = [_row(ds, measure, o, "published" if found.as_of else None) for o in published]
    rows += [_row(ds, measure, o, "not_known") for o in _wanted(found.not_known, only)]
    return rows


def _wanted(observations: Iterable[Observation], only: Sequence[str]) -> list[Observation]:
    """The figures of the authorities in ``only`` (every place if it is empty), in order:
    authorities, regions, England, each by place and year."""
    from childservices.model import GeographicLevel

    rank = {
        GeographicLevel.LOCAL_AUTHORITY: 0,
        GeographicLevel.REGIONAL: 1,
        GeographicLevel.NATIONAL: 2,
    }
    chosen = [o for o in observations if not only or o.authority in only]
    order = {a: i for i, a in enumerate(only)}
    return sorted(
        chosen, key=lambda o: (rank[o.level], order.get(o.authority or "", 0), o.place, o.year)
    )


def _row(
    ds: Dataset, measure: Measure, o: Observation, publication: str | None
) -> dict[str, object]:
    """One figure as a row (see :data:`COLUMNS`)."""
    from childservices.model import NotPublished

    if o.authority is not None:
        name = ds.authority(o.authority).name
    else:
        name = o.region.value if o.region is not None else "England"
    value, reason = (None, o.value) if isinstance(o.value, NotPublished) else (o.value, None)
    return {
        "level": o.level,
        "place": o.place,
        "name": name,
        "year": o.year,
        "value": None if value is None else number(value),
        "reason": None if reason is None else f"{reason.name.lower()} ({reason.value})",
        "unit": measure.unit,
        "numerator": None if o.numerator is None else number(o.numerator),
        "denominator": None if o.denominator is None else number(o.denominator),
        "publication": publication,
        "source": sources(ds, o.citations),
    }


def number(value: float) -> str:
    """A figure as the release writes it: whole numbers without ``.0``."""
    return str(int(value)) if value.is_integer() else repr(value)


def notes(ds: Dataset, found: MeasureFigures, only: Sequence[str], why: str | None) -> list[str]:
    """What the table does not say itself: the year chosen and why, the named authorities
    with no figure, and under ``--as-of`` the figures left out or not placed."""
    lines = [] if why is None else [why]
    given = {o.authority for o in (*found.authorities, *found.not_known, *found.not_yet_published)}
    for authority in only:
        if authority not in given:
            when = "that year" if found.year is not None else "any year"
            lines.append(
                f"{ds.authority(authority).name}: no figure of {found.measure.id} "
                f"in the record for {when}"
            )
    if found.as_of is not None:
        late = _wanted(found.not_yet_published, only)
        unknown = _wanted(found.not_known, only)
        lines.append(
            f"as of {found.as_of}: {len(late)} figure(s) not yet published that day are left "
            f"out; {len(unknown)} whose publication date the record does not know are kept "
            "(publication not_known)"
        )
    return lines
