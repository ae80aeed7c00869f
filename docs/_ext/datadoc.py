"""Sphinx extension: write the dataset's generated pages before each build.

``docs/data.md`` includes the Markdown files this writes under
``docs/_generated/``: the table and field reference (from
:data:`childservices.records.TABLES`, with the references between tables, and the attrs
record classes), the
sources by publisher, inspection coverage, the coverage of Ofsted's visits, and
the delivery and intervention timelines (from the bundled dataset,
:func:`childservices.load`). Nothing
here is typed by hand, so the page cannot drift from the code or the data.
"""

from __future__ import annotations

import collections
import enum
import html
import itertools
import types
import typing
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs
import pagewrite

import childservices as cs
from childservices.model.dates import PartialDate
from childservices.model.inspection import Framework, Judgement
from childservices.model.recordset import RecordSet
from childservices.records import TABLES
from childservices.records.tables import CITATION_COLUMNS, Reference

GENERATED = "_generated"

_DATE = "date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`)"
_SCALARS: dict[Any, str] = {
    str: "text",
    int: "whole number",
    bool: "`yes` or `no`",
    PartialDate: _DATE,
}


# ---------------------------------------------------------------- helpers


def _cell(value: object) -> str:
    """A value as a Markdown table cell: empty for unknown, no pipes or newlines."""
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        value = value.value
    elif isinstance(value, bool):
        value = "yes" if value else "no"
    text = " ".join(str(value).split())
    return text.replace("|", "\\|")


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    return pagewrite.pipe_table(header, rows, _cell)


def _members(tp: Any) -> list[Any]:
    """The alternatives of a union type (``X | None`` gives ``[X, NoneType]``)."""
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        return list(typing.get_args(tp))
    return [tp]


def _describe_type(tp: Any) -> tuple[str, bool]:
    """A readable type and whether the value may be empty (unknown)."""
    parts: list[str] = []
    optional = False
    for member in _members(tp):
        if member is type(None):
            optional = True
        elif isinstance(member, type) and issubclass(member, enum.Enum):
            parts.append(" / ".join(f"`{m.value}`" for m in member))
        else:
            parts.append(_SCALARS.get(member, getattr(member, "__name__", str(member))))
    return " or ".join(parts), optional


def _first_paragraph(doc: str | None) -> str:
    if not doc:
        return ""
    return " ".join(doc.strip().split("\n\n")[0].split())


# ---------------------------------------------------------------- pages


def _column_rows(table_name: str) -> list[tuple[str, str, str, str]]:
    """(column, type, key/required, meaning) for each column of a table."""
    table = TABLES[table_name]
    cls = table.record_type
    if cls is None and table_name == "judgements":
        cls = Judgement
    hints = typing.get_type_hints(cls) if cls is not None else {}
    fields = {f.name: f for f in attrs.fields(cls)} if cls is not None else {}
    rows = []
    for column in table.columns:
        if column in hints:
            described, optional = _describe_type(hints[column])
            required = fields[column].default is attrs.NOTHING and not optional
        else:
            described, optional, required = _SCALARS[str], False, column in table.key
        if column in table.key:
            status = "key"
        elif required:
            status = "required"
        else:
            status = "may be empty"
        rows.append((f"`{column}`", described, status, ""))
    return rows


def _references_line(references: Sequence[Reference]) -> str:
    """The table's references to records (from the schema), as one sentence."""
    named = [
        f"`{r.column}` names a record of `{r.target}`"
        + (" of the same authority" if r.same_authority else "")
        for r in references
    ]
    return "References: " + "; ".join(named) + "."


def tables_page() -> list[str]:
    """Every table of the seed format and every column, from the code."""
    lines = [
        "Every table below is a folder of CSV files in `seeds/` and a tuple of records",
        "in the bundled dataset. An empty cell means the sources do not say. Besides",
        "the columns listed, every table except `sources` has the citation columns",
        f"{', '.join(f'`{c}`' for c in CITATION_COLUMNS)} (`source` required), and every",
        "table may have a free-text `note` for maintainers.",
        "",
    ]
    for name, table in TABLES.items():
        lines.append(f"## `{name}`")
        lines.append("")
        cls = table.record_type
        if cls is not None:
            lines.append(
                f"Records: {{py:class}}`{cls.__module__}.{cls.__qualname__}`. "
                + _first_paragraph(cls.__doc__)
            )
        elif name == "judgements":
            lines.append(
                "Merged into the inspection named in `inspection`, as "
                "{py:class}`childservices.model.inspection.Judgement` values; "
                "each row's citation is added to that inspection's citations."
            )
        else:
            lines.append(
                "Hand corrections applied after merging: the `field` of the record "
                "`id` in `table` is set to `value`, for the stated `reason`."
            )
        lines.append("")
        key = ", ".join(f"`{k}`" for k in table.key)
        lines.append(f"Rows with the same {key} describe one record and are merged.")
        lines.append("")
        if table.references:
            lines.append(_references_line(table.references))
            lines.append("")
        lines.extend(_table(["column", "values", "status"], [r[:3] for r in _column_rows(name)]))
    return lines


def _cited_sources(records: RecordSet) -> collections.Counter[str]:
    """How many records cite each source (a record citing one twice counts once)."""
    counts: collections.Counter[str] = collections.Counter()
    for field in attrs.fields(type(records)):
        for record in getattr(records, field.name):
            for source in {c.source for c in getattr(record, "citations", ())}:
                counts[source] += 1
    return counts


def sources_page(ds: cs.Dataset) -> list[str]:
    """Each publisher, with how many sources and citing records it has."""
    counts = _cited_sources(ds.records)
    by_publisher: dict[str, list[int]] = {}
    for source in ds.records.sources:
        entry = by_publisher.setdefault(source.publisher or "(publisher not given)", [0, 0])
        entry[0] += 1
        entry[1] += counts[source.id]
    rows = sorted(by_publisher.items(), key=lambda item: (-item[1][1], item[0]))
    total_sources = len(ds.records.sources)
    total_records = sum(v[1] for v in by_publisher.values())
    lines = [
        f"The bundled dataset (version `{ds.data_version}`) cites {total_sources} sources",
        f"from {len(by_publisher)} publishers. A record counts once for each source it",
        "cites; an inspection's area judgements count with the inspection.",
        "",
    ]
    lines.extend(
        _table(
            ["publisher", "sources", "records citing them"],
            [(p, n, c) for p, (n, c) in rows] + [("**all**", total_sources, total_records)],
        )
    )
    return lines


def currency_lines(ds: cs.Dataset) -> list[str]:
    """How current the record is: its newest report and each table's newest source."""
    coverage = ds.coverage
    return [
        f"The record as released holds reports published up to **{coverage.reports_to}**;",
        "questions about later days warn that later inspections may be missing",
        "(`childservices update` adds them). The newest source cited by each table:",
        "",
        *_table(
            ["table", "newest source"],
            [(f"`{t}`", day or "no dated source") for t, day in coverage.sources_to.items()],
        ),
    ]


def intervention_coverage_lines(ds: cs.Dataset) -> list[str]:
    """The intervention record's coverage figures and, per authority, what is and is not found."""
    from childservices.rules.intervention import direction_chains
    from childservices.rules.responses import ENDS_BEFORE, intervention_coverage

    figures = intervention_coverage(
        ds.records.inspections, ds.index.interventions, until=ds.coverage.reports_to
    )
    missing_response = set(figures.without_response)
    open_ = set(figures.without_end)
    judged: dict[str, list[str]] = collections.defaultdict(list)
    for inspection in ds.records.inspections:
        if (
            inspection.framework in (Framework.SIF, Framework.ILACS)
            and inspection.overall is cs.Grade.INADEQUATE
        ):
            judged[inspection.authority].append(inspection.id)
    rows = []
    for authority_id in sorted(set(judged) | set(ds.index.interventions)):
        steps = ds.index.interventions.get(authority_id, ())
        notices = [s for s in steps if s.kind is cs.InterventionKind.IMPROVEMENT_NOTICE]
        chains = direction_chains(steps)
        searched = sorted({str(s.end_searched) for s in steps if s.end_searched is not None})
        answered = [j for j in judged[authority_id] if j not in missing_response]
        rows.append(
            (
                ds.index.authorities[authority_id].name,
                len(steps),
                f"{len(answered)} of {len(judged[authority_id])}" if judged[authority_id] else "",
                len(notices),
                len(chains),
                ", ".join(f"`{i}`" for i in sorted(open_) if i.startswith(f"{authority_id}-"))
                or "",
                ", ".join(searched),
            )
        )
    return [
        "Computed from the record by {mod}`childservices.rules.responses` (also printed by",
        "`tools/check_integrity.py`):",
        "",
        f"- the DfE's response is recorded for **{figures.responded} of {figures.judgements}**"
        f" inadequate SIF and ILACS judgements ({figures.response_share:.0%}; the target is"
        " 95%): a notice, direction or commissioner within a year either side of the report,"
        " or a notice or direction already in force;",
        f"- an end is recorded for **{figures.ended} of {figures.interventions}** notices and"
        f" directions begun before {ENDS_BEFORE.day} {ENDS_BEFORE:%B %Y} ({figures.end_share:.0%}; the target"
        " is 90%), or a source of the year before the newest report says it continues.",
        "",
        "Judgements with no response recorded: "
        + ", ".join(f"`{i}`" for i in figures.without_response)
        + ".",
        "",
        "Per authority: the steps recorded, the inadequate judgements answered, the"
        " notices and directions (a direction with its revisions counted once), those begun"
        " before 2024 with no end recorded, and when an end was last searched for and not"
        " found.",
        "",
        *_table(
            [
                "authority",
                "steps",
                "judgements answered",
                "notices",
                "directions",
                "no end recorded",
                "end searched",
            ],
            rows,
        ),
    ]


def coverage_page(ds: cs.Dataset) -> list[str]:
    """Inspections per year of publication and framework, and per framework and kind."""
    frameworks = list(Framework)
    per_year: dict[int, collections.Counter[Framework]] = {}
    per_kind: dict[Framework, collections.Counter[str]] = {
        f: collections.Counter() for f in frameworks
    }
    for inspection in ds.records.inspections:
        per_year.setdefault(inspection.published.year, collections.Counter())[
            inspection.framework
        ] += 1
        kind = inspection.kind.value if inspection.kind else "not stated"
        per_kind[inspection.framework][kind] += 1
    header = ["published", *(f"`{f.value}`" for f in frameworks), "all"]
    rows = [
        (year, *(counts[f] or "" for f in frameworks), sum(counts.values()))
        for year, counts in sorted(per_year.items())
    ]
    totals = collections.Counter({f: sum(c[f] for c in per_year.values()) for f in frameworks})
    rows.append(("**all**", *(totals[f] for f in frameworks), sum(totals.values())))
    kinds = sorted({k for c in per_kind.values() for k in c})
    lines = [
        f"{len(ds.records.inspections)} inspections, by the year their report was",
        "published and the framework they were made under.",
        "",
        *_table(header, rows),
        "The same inspections by framework and kind"
        + (
            " (`not stated` where no source says whether an ILACS inspection was"
            " short or standard)."
            if "not stated" in kinds
            else "."
        ),
        "",
        *_table(
            ["framework", *(f"`{k}`" for k in kinds)],
            [(f"`{f.value}`", *(per_kind[f][k] or "" for k in kinds)) for f in frameworks],
        ),
    ]
    return lines


def _ofsted_year(day: Any) -> int:
    """The first calendar year of Ofsted's reporting year (1 April to 31 March) holding ``day``."""
    return int(day.year if day.month >= 4 else day.year - 1)


def visits_coverage_lines(ds: cs.Dataset) -> list[str]:
    """Visits in the record by Ofsted's year and kind, with the sources they come from."""
    visits = ds.records.visits
    kinds = list(cs.VisitKind)
    per_year: dict[int, collections.Counter[cs.VisitKind]] = collections.defaultdict(
        collections.Counter
    )
    sources_per_year: dict[int, collections.Counter[str]] = collections.defaultdict(
        collections.Counter
    )
    per_sheet: dict[tuple[str, str], collections.Counter[cs.VisitKind]] = (
        collections.defaultdict(collections.Counter)
    )
    for visit in visits:
        year = _ofsted_year(visit.date.latest)
        per_year[year][visit.kind] += 1
        first = visit.citations[0]
        sources_per_year[year][first.source] += 1
        sheet = (first.locator or "").split(",")[0]
        per_sheet[(first.source, sheet if sheet.startswith("sheet ") else "")][visit.kind] += 1
    last = ds.coverage.reports_to or max(v.date.latest for v in visits)
    years = range(2017, _ofsted_year(last) + 1)  # ILACS began in January 2018
    titles = {s.id: s.title for s in ds.records.sources}

    def named(source: str) -> str:
        return f"{titles.get(source, source)} (`{source}`)"

    rows = []
    for year in years:
        counts = per_year.get(year, collections.Counter())
        cited = sources_per_year.get(year, collections.Counter())
        rows.append(
            (
                f"{year}-{(year + 1) % 100:02d}",
                *(counts[k] or "" for k in kinds),
                sum(counts.values()) or "**none recorded**",
                "; ".join(f"{named(s)}: {n}" for s, n in sorted(cited.items())),
            )
        )
    totals = collections.Counter({k: sum(c[k] for c in per_year.values()) for k in kinds})
    rows.append(("**all**", *(totals[k] for k in kinds), sum(totals.values()), ""))
    sheet_rows = [
        (named(source), f"`{sheet[6:]}`" if sheet else "", *(c[k] or "" for k in kinds))
        for (source, sheet), c in sorted(per_sheet.items())
    ]
    return [
        f"{len(visits)} visits, by Ofsted's reporting year (1 April to 31 March) of the day",
        "their fieldwork began, and kind, with the sources that state them. A year marked",
        "**none recorded** is a year the record's sources do not list, not a year without",
        "visits.",
        "",
        *_table(
            ["year", *(f"`{k.value}`" for k in kinds), "all", "sources (visits)"], rows
        ),
        "The same visits by the source and sheet that list them:",
        "",
        *_table(["source", "sheet", *(f"`{k.value}`" for k in kinds)], sheet_rows),
    ]


def _date_key(day: PartialDate | None) -> tuple[Any, ...]:
    """Order by date, undated last."""
    return (0, day.sort_key()) if day is not None else (1,)


def timeline_page(ds: cs.Dataset) -> list[str]:
    """Delivery episodes in order of start; interventions by authority and date."""
    names = {a.id: a.name for a in ds.records.authorities}
    providers = {p.id: p.name for p in ds.records.providers}
    episodes = sorted(
        ds.records.delivery, key=lambda e: (e.start.sort_key(), names.get(e.authority, ""))
    )
    lines = [
        "## Delivery models",
        "",
        "Who ran each authority's children's services other than the council itself,",
        "and the in-house episodes the sources state. `end` is the first day the",
        "arrangement no longer ran; empty means still running or not known.",
        "",
        *_table(
            ["provider", "authority", "model", "directed", "start", "end"],
            [
                (
                    providers.get(e.provider or "", "in-house"),
                    names.get(e.authority, e.authority),
                    f"`{e.model.value}`",
                    e.directed,
                    e.start,
                    e.end,
                )
                for e in episodes
            ],
        ),
    ]
    events = sorted(
        ds.records.lifecycle,
        key=lambda e: (e.date.sort_key(), providers.get(e.provider, e.provider), e.id),
    )
    lines.extend(
        [
            "## Lifecycle events",
            "",
            "Decisions, directions, set-up, go-live, renewals, reviews, insourcing",
            "decisions, returns in-house and wind-ups of the alternative delivery models.",
            "",
            *_table(
                ["date", "provider", "authority", "event", "details"],
                [
                    (
                        e.date,
                        providers.get(e.provider, e.provider),
                        names.get(e.authority or "", e.authority),
                        f"`{e.event.value}`",
                        e.details,
                    )
                    for e in events
                ],
            ),
            "## Interventions",
            "",
            "DfE improvement notices, statutory directions, commissioners and their",
            "recommendations, by authority and date.",
            "",
        ]
    )
    interventions = sorted(
        ds.records.interventions,
        key=lambda i: (names.get(i.authority, i.authority), _date_key(i.date), i.id),
    )
    per_authority = collections.Counter(names.get(i.authority, i.authority) for i in interventions)
    lines.append(
        f"{len(interventions)} interventions for {len(per_authority)} authorities; each "
        "authority's steps open from its name:"
    )
    lines.append("")
    by_name = itertools.groupby(interventions, key=lambda i: names.get(i.authority, i.authority))
    for name, steps in by_name:
        group = list(steps)
        noun = "step" if len(group) == 1 else "steps"
        lines += [f"<details><summary>{html.escape(name)} ({len(group)} {noun})</summary>", ""]
        lines += _table(
            ["date", "kind", "end", "by", "outcome"],
            [(i.date, f"`{i.kind.value}`", i.end, i.by, i.outcome) for i in group],
        )
        lines += ["", "</details>", ""]
    return lines


# ---------------------------------------------------------------- Sphinx


def generate(docs_dir: Path) -> None:
    """Write every generated page into ``docs_dir/_generated``."""
    folder = docs_dir / GENERATED
    folder.mkdir(exist_ok=True)
    ds = cs.load(updates=False)
    pagewrite.write_page(folder / "currency.md", currency_lines(ds))
    pagewrite.write_page(folder / "tables.md", tables_page())
    pagewrite.write_page(folder / "sources.md", sources_page(ds))
    pagewrite.write_page(folder / "coverage.md", coverage_page(ds))
    pagewrite.write_page(folder / "timeline.md", timeline_page(ds))
    pagewrite.write_page(folder / "intervention-coverage.md", intervention_coverage_lines(ds))
    pagewrite.write_page(folder / "visits.md", visits_coverage_lines(ds))


def setup(app: Any) -> dict[str, Any]:
    return pagewrite.setup_generator(app, generate)
