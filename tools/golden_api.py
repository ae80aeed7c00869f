"""The public API's answers the golden files record (see ``tools/golden.py``): Python
expressions over ``ds`` (``cs.load()``) and ``cs``, each written with its answer."""

from __future__ import annotations

import pickle
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from golden_cli import AFTER, AUTHORITIES, DAYS, REPO
from golden_text import Verbatim, digest


def _ids(records: Any) -> list[str]:
    return [r.id for r in records]


def _rows(table: Any, keys: Sequence[str] | None = None, column: str | None = None) -> Any:
    """A layout table's columns and rows (only those whose ``column``, by default the first,
    is one of ``keys``)."""
    records = table.records()
    if keys is not None:
        column = column or table.columns[0]
        records = [r for r in records if str(r[column]) in keys]
    return {"columns": table.columns, "len": len(table), "rows": records}


def _table_digest(table: Any) -> Verbatim:
    text = "".join(repr(row) + "\n" for row in table.text_rows())
    return Verbatim(f"{len(table)} rows; {digest(text, head=2)}")


def _frames(frames: Mapping[str, Any]) -> dict[str, Any]:
    return {
        name: {
            "shape": frame.shape,
            "columns": list(frame.columns),
            "dtypes": [str(t) for t in frame.dtypes],
        }
        for name, frame in frames.items()
    }


def _time_to_good(results: Sequence[Any]) -> list[Any]:
    """Each group's median and interval, counts, and every unit followed (in brief)."""
    return [
        {
            "group": r.group,
            "median_years": r.median_years(),
            "reached": r.reached,
            "follow_ups": [
                (
                    f.unit,
                    f.entry.id,
                    f.start,
                    f.end,
                    f.days,
                    f.censored,
                    getattr(f.reached, "id", None),
                )
                for f in r.follow_ups
            ],
            "steps": r.estimate.steps,
        }
        for r in results
    ]


def _problems(load: Callable[[], Any]) -> list[str]:
    """The problems a load finds, one string each."""
    from childservices import DatasetError

    try:
        load()
    except DatasetError as exc:
        return [str(p) for p in exc.problems]
    return []


def _figure(figure: Any) -> dict[str, Any]:
    """What a matplotlib figure shows: per axes its labels, limits, texts, legend, and every
    bar, patch and line with its place and colour (rounded to 6 places)."""
    from matplotlib import colors, pyplot

    def r(values: Any) -> tuple[float, ...]:
        return tuple(round(float(v), 6) for v in values)

    shown = {
        "size": r(figure.get_size_inches()),
        "suptitle": figure.get_suptitle(),
        "legends": [[t.get_text() for t in legend.get_texts()] for legend in figure.legends],
        "axes": [
            {
                "title": ax.get_title(),
                "labels": (ax.get_xlabel(), ax.get_ylabel()),
                "limits": (r(ax.get_xlim()), r(ax.get_ylim())),
                "yticks": [t.get_text() for t in ax.get_yticklabels()],
                "texts": [(t.get_text(), r(t.get_position())) for t in ax.texts],
                "legend": None
                if ax.get_legend() is None
                else [t.get_text() for t in ax.get_legend().get_texts()],
                "patches": [
                    (type(p).__name__, r(p.get_extents().bounds), colors.to_hex(p.get_facecolor()))
                    for p in ax.patches
                ],
                "lines": [
                    (
                        "" if line.get_label().startswith("_") else line.get_label(),
                        r(line.get_xdata()),
                        r(line.get_ydata()),
                        line.get_marker(),
                        colors.to_hex(line.get_color()),
                    )
                    for line in ax.lines
                ],
                "collections": [
                    (
                        type(c).__name__,
                        [r(p.get_extents().bounds) for p in c.get_paths()],
                        [colors.to_hex(f) for f in c.get_facecolors()],
                    )
                    for c in ax.collections
                ],
            }
            for ax in figure.axes
        ],
    }
    pyplot.close(figure)
    return shown


def _pickled(value: Any) -> Any:
    return pickle.loads(pickle.dumps(value))


def _method_ids(expression: str) -> str:
    """``X._ids_(attr)`` written as ``_ids_(X.attr)``."""
    if "._ids_(" not in expression:
        return expression
    head, inner = expression.split("._ids_(", 1)
    return f"_ids_({head}.{inner}"


_SOME = [f"ds.authority({a!r})" for a in AUTHORITIES]
_PER_AUTHORITY = [
    f"{a}.{what}"
    for a in _SOME
    for what in (
        "id",
        "name",
        "kind",
        "region",
        "active_from",
        "active_to",
        "identifiers",
        "identifier('ons')",
        "aliases",
        "predecessors",
        "successors",
        "lineage",
        "statistical_neighbours",
        "_ids_(inspections)",
        "_ids_(inspections_with_predecessors())",
        "_ids_(visits)",
        "_ids_(visits_with_predecessors())",
        "_ids_(interventions)",
        "directions",
        "deliveries",
        "insourcing",
        "programmes",
        "_ids_(rating_inspections())",
        "_ids_(rating_inspections(frameworks=cs.ALL_FRAMEWORKS))",
    )
]
_PER_AUTHORITY = [_method_ids(e) for e in _PER_AUTHORITY]
_ON_DAYS = [
    f"{a}.{what}"
    for a in _SOME
    for d in DAYS
    for what in (
        f"active_on({d!r})",
        f"rating_on({d!r})",
        f"rating_on({d!r}, frameworks=cs.ALL_FRAMEWORKS)",
        f"rating_on({d!r}, follow_predecessors=False)",
        f"rating_on({d!r}, rating_basis=cs.RatingBasis.LATEST_OVERALL)",
        f"rating_on({d!r}, rating_basis=cs.Area.HELP_AND_PROTECTION)",
        f"rated_inspection_on({d!r})",
        f"judgements_on({d!r})",
        f"delivery_on({d!r})",
        f"intervention_status_on({d!r})",
        f"intervention_steps_on({d!r})",
        f"peers_on({d!r})",
    )
]
API_GROUPS: dict[str, list[str]] = {
    "api-dataset": [
        "cs.__version__",
        "ds.data_version",
        "ds.coverage",
        "ds.covered_until",
        "len(ds)",
        "[a.id for a in ds]",
        "[a.id for a in ds.authorities(kind='unitary')]",
        "[a.id for a in ds.authorities(region=cs.Region.LONDON)]",
        *(f"len(ds.authorities(active_on={d!r}))" for d in DAYS),
        "ds.lineages()",
        "ds.lifecycles",
        "ds.lifecycle('sandwell-childrens-trust')",
        "ds.records.count()",
        *(
            f"ds.authority({q!r})"
            for q in (
                "333",
                "E08000028",
                "80549",
                "sandwell",
                "SANDWELL",
                "Sandwel",
                "Nowhere",
                "",
            )
        ),
        "ds.source('nope')",
        "ds.inspection('nope')",
        "ds.visit('nope')",
        "ds.inspection('sandwell-sif-2018-01-29')",
        "ds.source(ds.inspection('sandwell-sif-2018-01-29').citations[0].source)",
        "ds.authority('Sandwell').rating_on('2019')",
        "ds.authority('Sandwell').rating_on(20190601)",
        "ds.ratings_on('2019-06-01', rating_basis='overall')",
        "ds.shares_on('2019-06-01', by='nonsense')",
        "ds.transitions(by='nonsense')",
        "cs.CountingRule(inspected_by='2025-03-31', published_by='nonsense')",
    ],
    "api-authorities": _PER_AUTHORITY,
    "api-records": [
        f"{a}.{what}"
        for a in (
            "ds.authority('Sandwell')",
            "ds.authority('Trafford')",
            "ds.authority('Isle of Wight')",
        )
        for what in ("record", "inspections", "visits", "interventions")
    ],
    "api-on-days": _ON_DAYS,
    "api-ratings": [
        *(f"ds.ratings_on({d!r})" for d in DAYS),
        "ds.ratings_on('2010-06-01', frameworks=cs.ALL_FRAMEWORKS)",
        "ds.ratings_on('2014-04-01', frameworks=cs.ALL_FRAMEWORKS)",
        "ds.ratings_on('2026-08-20', rating_basis=cs.RatingBasis.LATEST_OVERALL)",
        "ds.ratings_on('2026-08-20', rating_basis=cs.Area.IMPACT_OF_LEADERS)",
        f"ds.ratings_on({AFTER!r})",
    ],
    "api-delivery": [
        *(f"ds.delivery_on({d!r})" for d in DAYS),
        *(f"ds.run_by(on={d!r})" for d in DAYS),
        "ds.run_by([cs.DeliveryModel.CHILDRENS_TRUST], on='2024-10-01')",
        *(f"ds.trusts_operating(on={d!r})" for d in (*DAYS, "2024-09-24")),
        "[(a.id, a.improvements_after_changes(until='2026-08-20')) for a in ds]",
        "ds.authority('Doncaster').improvements_after_changes(until='2026-08-20', adequate_as=cs.Grade.REQUIRES_IMPROVEMENT)",
    ],
    "api-interventions": [
        *(f"ds.under_intervention(on={d!r})" for d in DAYS),
        *(f"ds.under_intervention(on={d!r}, not_known=True)" for d in (*DAYS, "2016-06-01")),
    ],
    "api-panel": [
        "[r for r in ds.panel(cs.quarterly('2019-01-01', '2019-12-31')) if r.authority in ('sandwell', 'birmingham', 'doncaster')]",
        "[r for r in ds.panel(cs.quarterly('2024-04-01', '2025-04-01')) if r.authority in ('bradford', 'trafford', 'slough')]",
        "[r for r in ds.panel(cs.monthly('2020-10-01', '2021-06-01')) if 'northamptonshire' in r.authority]",
        "len(ds.panel(cs.quarterly('2014-01-01', '2026-07-01')))",
        "[r for r in ds.panel(['2026-08-20'], rating_basis=cs.Area.IN_CARE) if r.authority in ('trafford', 'sandwell')]",
        "cs.quarterly('2024-01-01', '2024-12-31')",
        "cs.monthly('2024-01-15', '2024-04-01')",
        *(f"ds.shares_on({d!r})" for d in DAYS),
        *(f"ds.shares_on('2024-10-01', by={by!r})" for by in ("kind", "region", "delivery_model")),
        "ds.shares_on('2026-08-20', rating_basis=cs.RatingBasis.LATEST_OVERALL)",
        "ds.transitions()",
        *(f"ds.transitions(by={by!r})" for by in ("era", "delivery_model", "direction")),
        "ds.transitions(frameworks=cs.ALL_FRAMEWORKS)",
    ],
    "api-survival": [
        "_time_to_good_(ds.time_to_good(data_until='2026-08-20'))",
        *(
            f"_time_to_good_(ds.time_to_good(by={by!r}, data_until='2026-08-20'))"
            for by in ("delivery_model", "region", "era", "intervention")
        ),
        "_time_to_good_(ds.time_to_good(unit=cs.Unit.AUTHORITY, data_until='2025-03-31', confidence=0.9))",
        "_time_to_good_(ds.time_to_good(from_grade=cs.Grade.REQUIRES_IMPROVEMENT, judged_from='2014-01-01', judged_to='2019-12-31', data_until='2026-08-20'))",
        "ds.reached_good(judged_from='2014-01-01', judged_to='2019-12-31', data_until='2026-06-30')",
        "ds.reached_good(judged_from='2014-01-01', judged_to='2022-12-31', horizons=(1, 2, 3, 5), data_until='2026-08-20', unit=cs.Unit.AUTHORITY)",
    ],
    "api-official": [
        *(
            f"ds.official_count(cs.CountingRule(inspected_by={i!r}, published_by={p!r}{extra}))"
            for i, p in (
                ("2014-03-31", "2014-06-30"),
                ("2019-03-31", "2019-03-31"),
                ("2022-03-31", "2022-07-01"),
                ("2025-03-31", "2025-06-30"),
                ("2026-08-20", "2026-08-20"),
            )
            for extra in (
                "",
                ", new_authorities=cs.NewAuthorities.INHERIT",
                ", basis=cs.Basis.FIRST_SIF",
            )
        ),
        "ds.official_count(cs.CountingRule(inspected_by='2026-08-20', published_by='2026-08-20', rating_basis=cs.RatingBasis.LATEST_OVERALL))",
        "ds.official_count(cs.CountingRule(inspected_by='2026-08-20', published_by='2026-08-20', rating_basis=cs.Area.HELP_AND_PROTECTION))",
        *(f"ds.escalation(on={d!r})" for d in ("2019-06-01", "2024-10-01", "2026-06-30")),
    ],
    "api-trajectory": [f"ds.authority({a!r}).trajectory(until='2026-08-20')" for a in AUTHORITIES]
    + [
        "ds.authority('Sandwell').trajectory(until='2019-06-01', frameworks=cs.ALL_FRAMEWORKS)",
        "ds.authority('North Northamptonshire').trajectory(until='2026-08-20', follow_predecessors=False)",
    ],
    "api-tables": [
        *(f"_rows_(ds.summary_table(on={d!r}), URNS)" for d in ("2019-06-01", "2026-08-20")),
        *(f"_table_digest_(ds.summary_table(on={d!r}))" for d in DAYS),
        "_rows_(ds.summary_table(on='2024-10-01', frameworks=cs.ALL_FRAMEWORKS), ['80549', '80489'])",
        "_rows_(ds.history_table(), ['sandwell', 'trafford', 'birmingham'], 'local_authority')",
        "_table_digest_(ds.history_table())",
        "_table_digest_(ds.history_table(frameworks=cs.SIF_AND_LATER))",
        "ds.inspections_table().columns",
        "ds.inspections_table().row('sandwell-sif-2018-01-29')",
        "_table_digest_(ds.inspections_table())",
        "_rows_(ds.as_at_table(cs.CountingRule(inspected_by='2025-03-31', published_by='2025-06-30')))",
        "_table_digest_(ds.as_at_table(cs.CountingRule(inspected_by='2019-03-31', published_by='2019-03-31')))",
    ],
    "api-own-records": [
        "len(cs.load_seeds(TINY))",
        "cs.load_seeds(TINY).data_version",
        "cs.load_seeds(TINY).coverage",
        "[(a.id, a.rating_on('2022-01-01'), a.delivery_on('2022-01-01')) for a in cs.load_seeds(TINY)]",
        "cs.load_seeds(TINY).lineages()",
        "_verbatim_(cs.load_seeds(TINY).to_json(indent=1))",
        "cs.load(extra=['mine']).data_version",
        "cs.load(extra=['mine']).inspection('sandwell-ilacs-2026-09-07')",
        "cs.load(extra=['mine']).ratings_on('2026-10-01')['sandwell']",
        "_problems_(lambda: cs.load(extra=['mine-bad']))",
        "_problems_(lambda: cs.load(extra=['missing']))",
        "_problems_(lambda: cs.load_seeds('mine'))",
        "cs.load(extra=['mine-bad'])",
        "_pickled_(ds) is ds",
        "_pickled_(cs.load_seeds(TINY)).to_json() == cs.load_seeds(TINY).to_json()",
        "_pickled_(ds.authority('Sandwell').rating_on('2019-06-01'))",
    ],
    "api-layouts": [
        "layouts.LAYOUTS",
        "layouts.D2I_SUMMARY",
        "layouts.D2I_HISTORY",
        "layouts.INSPECTIONS",
        "layouts.OFSTED_AS_AT",
        "layouts.HISTORY_FRAMEWORKS",
        "(layouts.NOT_GIVEN_CELL, layouts.POST_REFORM_CELL, layouts.PRE_DATES_CELL)",
    ],
    "api-plot": [
        *(
            f"_figure_(plot.authority_timeline(ds.authority({a!r}), until='2026-08-20'))"
            for a in ("Sandwell", "Northamptonshire", "Trafford", "Doncaster")
        ),
        "_figure_(plot.authority_timeline(ds.authority('Slough'), until='2024-10-01', frameworks=cs.SIF_AND_LATER))",
        "_figure_(plot.national_grades(ds, cs.quarterly('2014-01-01', '2026-07-01')))",
        "_figure_(plot.adm_timeline(ds, until='2026-08-20'))",
        "_figure_(plot.visits_over_time(ds))",
        "(plot.GRADE_COLOURS, plot.DELIVERY_COLOURS, plot.VISIT_COLOURS, plot.VISIT_MARKERS, plot.INTERVENTION_MARKERS)",
    ],
    "api-export": [
        "_digest_(ds.to_json())",
        "_digest_(ds.to_json(indent=1))",
        "ds.to_json(indent='2')",
        "_frames_(ds.to_frames())",
        "{t: (len(rows), _digest_(repr(rows))) for t, rows in export.table_rows(ds.records).items()}",
        "{t: export.columns(t) for t in export.table_rows(ds.records)}",
    ],
}
"""Every group of API answers: Python expressions over ``ds`` (``cs.load()``) and ``cs``."""


def api_groups() -> dict[str, list[str]]:
    """Every group of API answers, by golden file name (without ``.txt``)."""
    return API_GROUPS


FULL_RECORDS = {"api-records"}
"""Groups whose records are written in full (elsewhere an inspection is ``Inspection('id')``)."""


def api_names() -> dict[str, Any]:
    """The names the expressions use: ``cs``, ``ds`` and the helpers above."""
    import matplotlib

    import childservices as cs

    matplotlib.use("Agg")
    from childservices import export, layouts, plot

    ds = cs.load()
    return {
        "cs": cs,
        "ds": ds,
        "export": export,
        "layouts": layouts,
        "plot": plot,
        "_figure_": _figure,
        "_ids_": _ids,
        "_rows_": _rows,
        "_table_digest_": _table_digest,
        "_digest_": digest,
        "_frames_": _frames,
        "_time_to_good_": _time_to_good,
        "_problems_": _problems,
        "_pickled_": _pickled,
        "_verbatim_": Verbatim,
        "TINY": str(REPO / "tests" / "fixtures" / "tiny_seeds"),
        "URNS": [ds.authority(a).identifier("ofsted_urn") for a in AUTHORITIES],
    }
