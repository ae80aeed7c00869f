"""Sphinx extension: compute the analyses' figures quoted in the docs before each build.

The how-to on delivery models and the page on counting authorities quote
numbers (shares, counts, times to good with their confidence intervals).
They are computed here from the bundled dataset by the library's own
functions and written as Markdown into ``docs/_generated/analyses/``, which
the pages include, so the text never carries a number pasted from an earlier
run. A file is rewritten only when its text changed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import childservices as cs
from childservices.rules.survival import TimeToGood

FOLDER = Path("_generated") / "analyses"
SHARES_DAY = "2024-10-01"
HORIZONS = (1, 3, 5, 10)
GRADES = (
    cs.Grade.OUTSTANDING,
    cs.Grade.GOOD,
    cs.Grade.REQUIRES_IMPROVEMENT,
    cs.Grade.INADEQUATE,
)


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(v) for v in row) + " |" for row in rows]
    return [*lines, ""]


def _years(value: float | None) -> str:
    return "not reached" if value is None else f"{value:.1f}"


def _median_text(result: TimeToGood) -> str:
    median, lower, upper = result.median_years()
    return f"{_years(median)} years (95% confidence interval {_years(lower)} to {_years(upper)})"


def _coverage(ds: cs.Dataset) -> str:
    return str(ds.covered_until)


def delivery_shares(ds: cs.Dataset) -> list[str]:
    """Shares of each grade by delivery model on one day, with the counts behind them."""
    ratings = ds.ratings_on(SHARES_DAY)
    delivery = ds.delivery_on(SHARES_DAY)
    counts: dict[str, Counter[cs.Grade]] = {}
    for authority, rating in ratings.items():
        if not isinstance(rating, cs.Grade):
            continue
        model = delivery[authority].model
        group = "unknown" if model is None else model.value
        counts.setdefault(group, Counter())[rating] += 1
    rows = []
    for group, counter in sorted(counts.items()):
        total = sum(counter.values())
        cells = [f"{counter[g]} ({counter[g] / total:.0%})" for g in GRADES]
        rows.append([f"`{group}`", total, *cells])
    header = ["delivery model", "authorities graded", *(g.value.replace("_", " ") for g in GRADES)]
    return [
        f"Authorities in existence on {SHARES_DAY} with a grade, by who ran their services "
        "that day: count and share of each grade.",
        "",
        *_table(header, rows),
    ]


def reached_good(ds: cs.Dataset) -> list[str]:
    """The reached-good table: each lineage once, reached within n years of those followed n years."""
    rows = ds.reached_good(judged_from="2014-01-01", judged_to="2019-12-31", horizons=HORIZONS)
    table = [
        [
            f"`{row.group}`",
            len(row.authorities),
            *(f"{row.reached_good_within[n]} of {row.followed_up[n]}" for n in HORIZONS),
        ]
        for row in rows
    ]
    header = [
        "delivery model",
        "lineages",
        *(f"good within {n} year{'' if n == 1 else 's'}" for n in HORIZONS),
    ]
    return [
        "Lineages first judged inadequate in a report published from 2014 to 2019, by "
        "delivery model during follow-up; data to "
        f"{_coverage(ds)}. Each cell: reached good or outstanding within the years, of those "
        "that could be followed that long.",
        "",
        *_table(header, table),
    ]


def _survival_table(results: Sequence[TimeToGood], label: str) -> list[str]:
    rows = []
    for result in results:
        median, lower, upper = result.median_years()
        rows.append(
            [
                f"`{result.group}`",
                len(result.follow_ups),
                result.reached,
                len(result.follow_ups) - result.reached,
                _years(median),
                "not estimable"
                if lower is None and upper is None
                else f"{_years(lower)} to {_years(upper)}",
            ]
        )
    header = [label, "lineages", "reached good", "censored", "median years", "95% interval"]
    return _table(header, rows)


def time_to_good_by_delivery(ds: cs.Dataset) -> list[str]:
    """Kaplan-Meier medians from a first inadequate judgement to good, by delivery model."""
    results = ds.time_to_good(by="delivery_model")
    return [
        "From each lineage's first inadequate judgement (SIF and later) to its first later good "
        f"or outstanding one, data to {_coverage(ds)}; Kaplan-Meier medians with log-log 95% "
        "intervals.",
        "",
        *_survival_table(results, "delivery model"),
    ]


def time_to_good_by_era(ds: cs.Dataset) -> list[str]:
    """Kaplan-Meier medians by the framework of the entry judgement."""
    return [
        f"By the framework of the first inadequate judgement, data to {_coverage(ds)}:",
        "",
        *_survival_table(ds.time_to_good(by="era"), "era"),
    ]


def sif_median(ds: cs.Dataset) -> list[str]:
    """One sentence: the median time to good of SIF-era inadequate councils with its interval."""
    (sif,) = [r for r in ds.time_to_good(by="era") if r.group == "sif"]
    return [
        f"Of the {len(sif.follow_ups)} lineages whose first inadequate judgement was under the "
        f"single inspection framework (2013-2018), {sif.reached} had reached good or "
        f"outstanding by {_coverage(ds)} and {len(sif.follow_ups) - sif.reached} were censored. "
        f"The median time to good is **{_median_text(sif)}**.",
        "",
    ]


def transitions_by_delivery(ds: cs.Dataset) -> list[str]:
    """Up, down and level moves between consecutive inspections, by delivery model."""
    rows = []
    for group, counter in sorted(ds.transitions(by="delivery_model").items()):
        up = sum(n for (a, b), n in counter.items() if b > a)
        down = sum(n for (a, b), n in counter.items() if b < a)
        level = sum(n for (a, b), n in counter.items() if a == b)
        rows.append([f"`{group}`", sum(counter.values()), up, level, down])
    return [
        "Pairs of consecutive graded inspections of the same authority, by the delivery model "
        "when the later report was published:",
        "",
        *_table(["delivery model", "pairs", "better", "same", "worse"], rows),
    ]


def rating_versus_official(ds: cs.Dataset) -> list[str]:
    """Ratings in force on 31 March 2024 against Ofsted's count as at that date."""
    day = "2024-03-31"
    ratings = ds.ratings_on(day)
    count = ds.official_count(cs.CountingRule(inspected_by=day, published_by="2024-06-30"))
    rows = []
    for grade in GRADES:
        in_force = sum(r is grade for r in ratings.values())
        rows.append([grade.value.replace("_", " "), in_force, count.by_grade[grade]])
    rows.append(
        [
            "not counted",
            sum(not isinstance(r, cs.Grade) for r in ratings.values()),
            len(count.not_inspected),
        ]
    )
    differ = []
    for authority, rating in sorted(ratings.items()):
        counted = count.judgements.get(authority)
        official = None if counted is None else counted.overall
        if official != rating:
            view = ds.authority(authority)
            shown = "not yet inspected" if counted is None else f"{official.value} ({counted.id})"
            in_force = ds.authority(authority).rated_inspection_on(day)
            why = "" if in_force is None else f" from {in_force.id}"
            differ.append(
                f"- {view.name}: rating in force {getattr(rating, 'value', rating)}{why}; "
                f"Ofsted's count: {shown}."
            )
    return [
        *_table(
            ["grade", "ratings in force on 31 March 2024", "Ofsted's count as at 31 March 2024"],
            rows,
        ),
        "The authorities counted differently:",
        "",
        *differ,
        "",
    ]


def new_councils_2022(ds: cs.Dataset) -> list[str]:
    """The July 2022 count under Ofsted's rule and with new councils inheriting."""
    rows = []
    for label, rule in (
        ("counted from their own first inspection (Ofsted)", cs.NewAuthorities.OWN_INSPECTIONS),
        ("inheriting the predecessor's grade", cs.NewAuthorities.INHERIT),
    ):
        count = ds.official_count(
            cs.CountingRule(
                inspected_by="2022-07-07", published_by="2022-07-07", new_authorities=rule
            )
        )
        rows.append([label, *(count.by_grade[g] for g in GRADES), len(count.not_inspected)])
    header = ["new councils", *(g.value.replace("_", " ") for g in GRADES), "not inspected"]
    return _table(header, rows)


def not_given_2026(ds: cs.Dataset) -> list[str]:
    """How many councils' latest inspection gave no overall grade at the coverage date."""
    day = ds.covered_until
    ratings = ds.ratings_on(day)
    count = ds.official_count(cs.CountingRule(inspected_by=day, published_by=day))
    reformed = sorted(a for a, r in ratings.items() if r is cs.NOT_GIVEN)
    earlier = [
        a
        for a in reformed
        if a in count.judgements and isinstance(count.judgements[a].overall, cs.Grade)
    ]
    return [
        f"On {day}, {len(reformed)} councils' latest inspection was under the reformed "
        "framework and gave no overall grade: their rating in force is `NOT_GIVEN` and shares "
        f"leave them out. `official_count` (default rule, reference date and cut-off {day}) "
        f"counts {len(earlier)} of them at an earlier overall grade and leaves "
        f"{len(reformed) - len(earlier)} out of its counts by grade, which total "
        f"{sum(count.by_grade.values())} councils.",
        "",
    ]


def delivery_figures(ds: cs.Dataset) -> list[str]:
    """Every figure of money and staff of the delivery episodes and returns in-house."""
    names = {a.id: a.name for a in ds.records.authorities}
    providers = {p.id: p.name for p in ds.records.providers}
    sources = {s.id: s for s in ds.records.sources}
    figures = sorted(
        ds.records.delivery_figures,
        key=lambda f: (names[f.authority], f.episode or f.insourcing or "", f.kind.value, f.id),
    )
    rows = []
    for figure in figures:
        cited = []
        for citation in figure.citations:
            source = sources[citation.source]
            cited.append(f"[{source.publisher}]({source.url})" if source.url else source.publisher)
        rows.append(
            [
                names[figure.authority],
                providers.get(figure.provider, figure.provider),
                "return in-house" if figure.insourcing else "episode",
                f"`{figure.kind.value}`",
                figure.shown,
                figure.covers,
                figure.stated or "not given",
                "; ".join(cited),
            ]
        )
    header = ["authority", "provider", "of", "kind", "value", "period", "stated", "source"]
    return [
        f"{len(figures)} figures of {len({f.authority for f in figures})} authorities, "
        "each as its source states it (`about`, `more than`, a range).",
        "",
        *_table(header, rows),
    ]


PAGES = {
    "delivery-shares.md": delivery_shares,
    "reached-good.md": reached_good,
    "time-to-good-delivery.md": time_to_good_by_delivery,
    "time-to-good-era.md": time_to_good_by_era,
    "sif-median.md": sif_median,
    "transitions-delivery.md": transitions_by_delivery,
    "rating-versus-official.md": rating_versus_official,
    "new-councils-2022.md": new_councils_2022,
    "not-given-2026.md": not_given_2026,
    "delivery-figures.md": delivery_figures,
}
"""File name -> the function computing its Markdown lines."""


def generate(docs_dir: Path) -> list[Path]:
    """Compute every snippet into ``docs_dir/_generated/analyses``; return the files."""
    folder = docs_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    ds = cs.load()
    written = []
    for name, make in PAGES.items():
        text = "\n".join(make(ds)).rstrip() + "\n"
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def _on_builder_inited(app: Any) -> None:
    generate(Path(app.srcdir))


def setup(app: Any) -> dict[str, Any]:
    app.connect("builder-inited", _on_builder_inited)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
