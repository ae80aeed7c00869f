"""Measures in context as tidy pandas data frames: a measure around a day, and by grade.

:func:`around_frame` has one row per year of a
:class:`~childservices.rules.context.MeasureAround`; :func:`by_grade_frame` one
row per authority of a :class:`~childservices.rules.by_grade.MeasureByGrade`,
with its group, so that ``groupby("group")`` gives the groups again. A year or
authority with no number has the value missing and says why: the release's
symbol in ``not_published``, or ``no_figure`` true where the files hold none.
For an answer as of a day, :data:`AS_OF_COLUMNS` follow: the figure's
publication status on the day (a figure not yet published, or of unknown
publication, has no value and ``no_figure`` false), and for the years around a
day how many neighbours' figures are of unknown publication.
They describe; they do not show cause. pandas is imported only when a frame is
made (the ``pandas`` extra).
"""

from __future__ import annotations

from typing import Any

from childservices.model import NotPublished
from childservices.rules.by_grade import MeasureByGrade
from childservices.rules.context import MeasureAround

__all__ = [
    "AROUND_AS_OF_COLUMNS",
    "AROUND_COLUMNS",
    "BY_GRADE_AS_OF_COLUMNS",
    "BY_GRADE_COLUMNS",
    "around_frame",
    "by_grade_frame",
]

AROUND_COLUMNS = (
    "authority",
    "measure",
    "event",
    "record",
    "day",
    "offset",
    "year",
    "value",
    "not_published",
    "no_figure",
    "neighbour_median",
    "neighbours_with_value",
    "neighbours_listed",
    "grouping",
    "grouping_in_force",
    "source",
    "locator",
)
"""The columns of :func:`around_frame`, in order: ``event`` is the event's kind (missing
for a day asked for), ``record`` the record it comes from; ``source`` and ``locator``
cite the authority's figure."""

BY_GRADE_COLUMNS = (
    "measure",
    "day",
    "year",
    "group",
    "rating",
    "authority",
    "value",
    "not_published",
    "no_figure",
)
"""The columns of :func:`by_grade_frame`, in order: ``group`` is the group's name in
words, ``rating`` the grade's value (missing for the no-rating group)."""


AROUND_AS_OF_COLUMNS = ("as_of", "publication", "neighbours_not_known")
"""The columns :func:`around_frame` adds after :data:`AROUND_COLUMNS` for an answer as of a
day: the day, the authority's figure's publication status on it (missing where the files
hold no figure), and how many neighbours' figures of unknown publication the median left
out."""

BY_GRADE_AS_OF_COLUMNS = ("as_of", "publication")
"""The columns :func:`by_grade_frame` adds after :data:`BY_GRADE_COLUMNS` for an answer as
of a day. The authorities left out of the groups follow the groups' rows, with ``group``
and ``rating`` missing and ``publication`` saying why."""


def _pandas() -> Any:
    try:
        import pandas as pd
    except ImportError:
        from childservices.extras import require

        pd = require("pandas", feature="frames of measures in context")
    return pd


def _why(value: object) -> str | None:
    return value.value if isinstance(value, NotPublished) else None


def around_frame(around: MeasureAround) -> Any:
    """``around`` (from :meth:`Dataset.measure_around <childservices.Dataset.measure_around>`)
    as a ``DataFrame`` of :data:`AROUND_COLUMNS` (then :data:`AROUND_AS_OF_COLUMNS` for an
    answer as of a day), one row per year, none dropped."""
    event = around.event
    rows = [
        (
            around.authority,
            around.measure.id,
            None if event is None else event.kind.value,
            None if event is None else event.record,
            around.day.isoformat(),
            r.offset,
            r.year,
            r.value if isinstance(r.value, float) else None,
            _why(r.value),
            r.value is None and r.publication is None,
            r.neighbour_median,
            r.neighbours_with_value,
            r.neighbours_listed,
            None if around.grouping is None else around.grouping.value,
            None if around.grouping_in_force is None else around.grouping_in_force.value,
            None if r.observation is None else r.observation.citations[0].source,
            None if r.observation is None else r.observation.citations[0].locator,
        )
        + (
            ()
            if around.as_of is None
            else (
                around.as_of.isoformat(),
                None if r.publication is None else r.publication.value,
                r.neighbours_not_known,
            )
        )
        for r in around.rows
    ]
    columns = AROUND_COLUMNS + (() if around.as_of is None else AROUND_AS_OF_COLUMNS)
    frame = _pandas().DataFrame.from_records(rows, columns=list(columns))
    return frame.astype({"value": "Float64", "neighbour_median": "Float64"})


def by_grade_frame(spread: MeasureByGrade) -> Any:
    """``spread`` (from :meth:`Dataset.measure_by_grade <childservices.Dataset.measure_by_grade>`)
    as a ``DataFrame`` of :data:`BY_GRADE_COLUMNS` (then :data:`BY_GRADE_AS_OF_COLUMNS` for
    an answer as of a day), one row per authority in existence on the day."""
    as_of = spread.as_of
    rows: list[tuple[object, ...]] = []
    for group in spread.groups:
        values = dict(group.values)
        missing = dict(group.missing)
        rating = None if group.rating is None else group.rating.value
        for authority in group.authorities:
            why = missing.get(authority)
            rows.append(
                (
                    spread.measure.id,
                    spread.day.isoformat(),
                    spread.year,
                    group.label,
                    rating,
                    authority,
                    values.get(authority),
                    None if why is None else why.value,
                    authority in missing and why is None,
                )
                + (
                    ()
                    if as_of is None
                    else (as_of.isoformat(), "published" if authority in values or why else None)
                )
            )
    if as_of is not None:
        for status, apart in (
            ("not_yet_published", spread.not_yet_published),
            ("not_known", spread.not_known),
        ):
            head = (spread.measure.id, spread.day.isoformat(), spread.year, None, None)
            tail = (None, None, False, as_of.isoformat(), status)
            rows.extend((*head, a, *tail) for a in apart)
    columns = BY_GRADE_COLUMNS + (() if as_of is None else BY_GRADE_AS_OF_COLUMNS)
    frame = _pandas().DataFrame.from_records(rows, columns=list(columns))
    return frame.astype({"value": "Float64"})
