"""``export``: every table in the seed format (CSV folders or JSON), or one drop-in table
(``--layout``: the spreadsheets analysts already use, for any day) as CSV, xlsx or ODS."""

from __future__ import annotations

import argparse
import datetime
import sys
from typing import TYPE_CHECKING, TextIO

from childservices.cli.command import Call, day
from childservices.cli.output import coverage_note

if TYPE_CHECKING:
    from childservices.cli.command import Commands
    from childservices.dataset import Dataset
    from childservices.layouts import D2IOptions


def add_commands(commands: Commands) -> None:
    """Add ``export`` to the command line."""
    export = commands.add_parser(
        "export", help="every table, with the seed format's columns, as CSV files or JSON"
    )
    export.add_argument("--format", choices=("csv", "json", "xlsx", "ods"), default="csv")
    _add_layout_options(export)
    _add_d2i_options(export)
    export.add_argument(
        "--out",
        required=True,
        metavar="DIR",
        help="folder to write to (CSV: one sub-folder per table, like seeds/; "
        "JSON: DIR/childservices.json, or '-' for standard output)",
    )
    export.add_argument(
        "--force",
        action="store_true",
        help="replace the export's files if DIR already holds them (never done without it)",
    )
    export.set_defaults(handler=run_export)


def _add_layout_options(export: argparse.ArgumentParser) -> None:
    """The drop-in tables of ``childservices.layouts``, added to ``export``."""
    export.add_argument(
        "--layout",
        choices=(
            "seed",
            "inspections",
            "d2i-summary",
            "d2i-history",
            "ofsted-as-at",
            "ofsted-ilacs-history",
            "ofsted-in-year",
            "ofsted-wide-history",
        ),
        default="seed",
        help="'seed' (default): every table in the seed format; 'inspections': one row per "
        "inspection with a column per judgement area and its sources; 'd2i-summary': Data to "
        "Insight's summary of every authority's latest inspection on --on; 'd2i-history': its "
        "history of every report; 'ofsted-as-at': Ofsted's 'as at' sheet for --on and "
        "--published-by; 'ofsted-ilacs-history': Ofsted's ILACS inspection history for --on "
        "and --published-by; 'ofsted-in-year': Ofsted's in-year inspections and visits of "
        "--year; 'ofsted-wide-history': Ofsted's wide history from 2009 for --on and "
        "--published-by. A layout is one table: --out is a file ('-' for standard output, CSV)",
    )
    export.add_argument(
        "--on",
        type=day,
        metavar="DATE",
        help="the day of the table (d2i-summary, ofsted-as-at, ofsted-ilacs-history, "
        "ofsted-wide-history)",
    )
    export.add_argument(
        "--published-by",
        type=day,
        metavar="DATE",
        help="ofsted-as-at, ofsted-ilacs-history, ofsted-wide-history and ofsted-in-year: "
        "count reports published "
        "by this day (default: Ofsted's rule, the 30 June on or after --on, or after --year)",
    )
    export.add_argument(
        "--abolished",
        action="store_true",
        help="ofsted-wide-history: the authorities abolished by --on (the sheet's second table)",
    )
    export.add_argument(
        "--year",
        metavar="YEAR",
        help="ofsted-in-year: the year, 1 April to 31 March, as Ofsted names it (2024-25)",
    )
    export.add_argument(
        "--late-since",
        type=day,
        metavar="DATE",
        help="ofsted-in-year: also list inspections begun before --year whose reports were "
        "published after DATE, the previous edition's cut-off (Ofsted's 2024 edition: "
        "2023-04-30)",
    )


def _add_d2i_options(export: argparse.ArgumentParser) -> None:
    """The options of the d2i-summary layout (Data to Insight's habits), added to ``export``."""
    d2i = export.add_argument_group("d2i-summary: Data to Insight's habits (see the docs)")
    d2i.add_argument(
        "--infer-framework",
        action="store_true",
        help="where the record does not say short or standard, infer it from the fieldwork "
        "dates as the tool does (at most 7 days short, 8 to 15 standard)",
    )
    d2i.add_argument(
        "--neighbour-words",
        choices=("original", "fork"),
        default="original",
        help="'fork': neighbours with no grade as the fork writes them ('Unknown', "
        "'Not reported (2026 framework change)')",
    )
    d2i.add_argument(
        "--order-like",
        metavar="FILE",
        help="the rows in the order of this summary CSV (the tool's own file)",
    )
    d2i.add_argument(
        "--page-links",
        action="store_true",
        help="where the report file's address is not known, link the report's page",
    )
    d2i.add_argument(
        "--all-text",
        action="store_true",
        help="every cell as text, the report link clickable (the tool's xlsx)",
    )


def run_export(call: Call) -> int:
    """Write the export ``--layout`` asks for: the seed tables, or one drop-in table."""
    args = call.args
    ds = call.dataset()
    if args.layout != "seed":
        return export_layout(ds, args, call.out)
    if args.format in ("xlsx", "ods"):
        print(f"childservices: {args.format} is for --layout tables", file=sys.stderr)
        return 2
    from childservices.errors import ExportError

    try:
        export_seed(ds, args.format, args.out, args.force, call.out)
    except ExportError as exc:
        # The library's message names its own argument; on the command line it is --force.
        said = str(exc).removeprefix(f"{exc.path}: ")
        said = said.replace("pass overwrite=True (--force on the command line)", "pass --force")
        raise ExportError(exc.path, said) from None
    call.out.flush()
    return 0


def refused(out: str, force: bool) -> str | None:
    """Why a layout export may not write the file ``out``: its folder is missing, or it
    exists and ``--force`` was not given (the seed export's rule too)."""
    from pathlib import Path

    target = Path(out)
    if not target.parent.is_dir():
        return f"{out}: the folder {target.parent} does not exist (make it first)"
    if target.exists() and not force:
        return f"{out}: already exists: pass --force to replace it"
    return None


def export_seed(ds: Dataset, fmt: str, folder: str, force: bool, out: TextIO) -> None:
    """Every table in the seed format: a seeds-style folder of CSV files, or one JSON file."""
    from childservices.export import to_csv, to_json, write_json

    if fmt == "json":
        if folder == "-":
            out.write(to_json(ds, indent=1))
            return
        path = write_json(ds, folder, overwrite=force)
        out.write(f"wrote {path}\n")
        return
    files = to_csv(ds, folder, overwrite=force)
    out.write(
        f"wrote {len(files)} tables under {folder} (a seeds folder: load it with load_seeds)\n"
    )


def ofsted_published_by(on: datetime.date) -> datetime.date:
    """Ofsted's rule for its "as at" sheet: reports published by the 30 June on or after the
    as-at day (the sheet as at 31 March 2025 counts those published by 30 June 2025)."""
    june = datetime.date(on.year, 6, 30)
    return june if on <= june else datetime.date(on.year + 1, 6, 30)


def _d2i_options(args: argparse.Namespace) -> D2IOptions:
    """The summary's options from the command line."""
    from childservices.layouts import D2IOptions, NeighbourWords, read_order

    return D2IOptions(
        infer_framework=args.infer_framework,
        neighbour_words=NeighbourWords(args.neighbour_words),
        page_links=args.page_links,
        order=None if args.order_like is None else read_order(args.order_like),
    )


def export_layout(ds: Dataset, args: argparse.Namespace, out: TextIO) -> int:
    """Write one drop-in table (``--layout``) as CSV, xlsx or ODS."""
    from childservices.rules.official import CountingRule

    if args.format == "json":
        print("childservices: a --layout table is written as csv or xlsx (or ods)", file=sys.stderr)
        return 2
    if args.on is None and args.layout in (
        "d2i-summary",
        "ofsted-as-at",
        "ofsted-ilacs-history",
        "ofsted-wide-history",
    ):
        print(f"childservices: --layout {args.layout} needs --on DATE", file=sys.stderr)
        return 2
    if args.layout == "d2i-summary":
        table = ds.summary_table(on=args.on, options=_d2i_options(args))
        if args.all_text:
            table = table.as_text(links=["inspection_link"])
    elif args.layout == "d2i-history":
        table = ds.history_table()
    elif args.layout == "inspections":
        table = ds.inspections_table()
    elif args.layout == "ofsted-in-year":
        if args.year is None:
            print(
                "childservices: --layout ofsted-in-year needs --year YEAR (2024-25)",
                file=sys.stderr,
            )
            return 2
        table = ds.in_year_table(
            args.year, published_by=args.published_by, late_since=args.late_since
        )
    else:
        published_by = args.published_by or ofsted_published_by(args.on)
        if args.published_by is None:
            print(
                f"childservices: note: counting inspections by {args.on} whose reports were "
                f"published by {published_by} (Ofsted's rule for its 'as at' sheet: reports "
                "published by the 30 June after); --published-by DATE to change it",
                file=sys.stderr,
            )
        rule = CountingRule(inspected_by=args.on, published_by=published_by)
        if args.layout == "ofsted-ilacs-history":
            table = ds.ilacs_history_table(rule)
        elif args.layout == "ofsted-wide-history":
            table = ds.wide_history_table(rule, abolished=args.abolished)
        else:
            table = ds.as_at_table(rule)
    if args.out == "-":
        if args.format in ("xlsx", "ods"):
            print(
                f"childservices: {args.format} needs a file: --out FILE.{args.format}",
                file=sys.stderr,
            )
            return 2
        table.to_csv(out)
    else:
        why = refused(args.out, args.force)
        if why:
            print(f"childservices: {why}", file=sys.stderr)
            return 1
        if args.format == "xlsx":
            table.to_xlsx(args.out)
        elif args.format == "ods":
            table.to_ods(args.out)
        else:
            table.to_csv(args.out)
        out.write(f"wrote {len(table)} rows of {args.layout} to {args.out}\n")
    if args.on is not None:
        note = coverage_note(ds, args.on)
        if note:
            print(f"childservices: note: {note}", file=sys.stderr)
    return 0
