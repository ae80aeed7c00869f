"""Strategies for Ofsted's work: inspections valid for their framework, one authority's
inspection history, and focused and monitoring visits (re-exported from
:mod:`childservices.strategies`)."""

from __future__ import annotations

import datetime
from typing import Any

import attrs
from hypothesis import strategies as st

from childservices.model import (
    FRAMEWORK_AREAS,
    FRAMEWORK_KINDS,
    NOT_GIVEN,
    Area,
    Framework,
    Grade,
    Inspection,
    Judgement,
    PartialDate,
    Visit,
    VisitKind,
    VisitTheme,
)
from childservices.model.inspection import grade_fits_framework
from childservices.strategies.basics import _FIRST, _LAST, _text, citations, ids, partial_dates

__all__ = ["inspection_histories", "inspections", "visits"]


@st.composite
def inspections(
    draw: st.DrawFn,
    *,
    authority: str | None = None,
    framework: Framework | None = None,
    published: PartialDate | None = None,
) -> Inspection:
    """An inspection valid for its framework: kind, areas and grades on the framework's scale."""
    framework_ = framework or draw(st.sampled_from(Framework))
    kind = draw(
        st.none() | st.sampled_from(sorted(FRAMEWORK_KINDS[framework_], key=lambda k: k.value))
    )
    on_scale = [g for g in Grade if grade_fits_framework(g, framework_)]
    if framework_ in (Framework.SLAC, Framework.ILACS_2026):
        overall: Any = draw(st.sampled_from([NOT_GIVEN, None]))
    else:
        overall = draw(st.none() | st.sampled_from(on_scale))
    judgements = _judgements(draw, framework_, on_scale)
    when = published or draw(partial_dates())
    start = end = None
    if when.precision.value == "day" and draw(st.booleans()):
        end_day = when.earliest.subtract(days=draw(st.integers(0, 60)))
        start_day = end_day.subtract(days=draw(st.integers(0, 20)))
        start, end = PartialDate.from_date(start_day), PartialDate.from_date(end_day)
    return Inspection(
        id=draw(ids()),
        authority=authority or draw(ids()),
        framework=framework_,
        kind=kind,
        start=start,
        end=end,
        published=when,
        overall=overall,
        judgements=judgements,
        lead_inspector=draw(st.none() | _text()),
        citations=draw(citations()),
    )


def _judgements(
    draw: st.DrawFn, framework: Framework, on_scale: list[Grade]
) -> tuple[Judgement, ...]:
    """Judgements of some of the framework's areas (never both 'in care' areas), on its scale."""
    areas = sorted(FRAMEWORK_AREAS[framework], key=lambda a: a.value)
    chosen = (
        draw(st.lists(st.sampled_from(areas), unique=True, max_size=len(areas))) if areas else []
    )
    if Area.IN_CARE_AND_CARE_LEAVERS in chosen and Area.IN_CARE in chosen:
        chosen.remove(Area.IN_CARE)
    return tuple(Judgement(area=a, grade=draw(st.sampled_from(on_scale))) for a in chosen)


@st.composite
def inspection_histories(
    draw: st.DrawFn, *, authority: str = "testshire", max_size: int = 8
) -> tuple[Inspection, ...]:
    """One authority's inspections with distinct ids, in no particular order."""
    items = draw(st.lists(inspections(authority=authority), max_size=max_size))
    return tuple(attrs.evolve(item, id=f"{authority}-{n}") for n, item in enumerate(items))


@st.composite
def visits(
    draw: st.DrawFn,
    *,
    authority: str | None = None,
    kind: VisitKind | None = None,
    first: datetime.date = _FIRST,
    last: datetime.date = _LAST,
) -> Visit:
    """A visit: fieldwork dates (to the day, month or year), a publication not before them, a
    theme, and for a focused visit whether priority actions were named (often unknown).

    Every date falls between ``first`` and ``last``.
    """
    kind_ = kind or draw(st.sampled_from(VisitKind))
    start = draw(st.none() | partial_dates(first, last))
    end = None
    if start is not None and start.precision.value == "day" and draw(st.booleans()):
        later = start.last_day() + datetime.timedelta(days=draw(st.integers(0, 3)))
        end = PartialDate.from_date(min(later, last))
    published = None
    if start is None or draw(st.booleans()):
        fieldwork = end or start
        after = first if fieldwork is None else min(fieldwork.last_day(), last)
        published = draw(partial_dates(max(first, after), last))
    priority = draw(st.none() | st.booleans()) if kind_ is VisitKind.FOCUSED else None
    return Visit(
        id=draw(ids()),
        authority=authority or draw(ids()),
        kind=kind_,
        start=start,
        end=end,
        published=published,
        theme=draw(st.none() | st.sampled_from(VisitTheme)),
        priority_action=priority,
        citations=draw(citations()),
    )
