"""Official figures as tidy pandas data frames, with each measure's unit and definition.

One row per figure: the measure (its id, name, unit and definition, from
the vocabulary), the year, the place (level, authority, region), the value
as a float (missing where the release gives no number) with the release's
reason in ``not_published`` (its symbol: ``c``, ``z``, ``k``, ``x`` or
``u``), the numerator and denominator, and the citation (source and
locator). pandas is imported only when a frame is made (the ``pandas``
extra).

A frame as of a day (:func:`as_of_frame`) has the figures published by
then and those whose publication date the record does not know, with a
``publication`` column saying which (``published`` or ``not_known``: see
:mod:`childservices.rules.publication`); figures certainly not yet
published that day are left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from childservices.model import Measure, NotPublished, Observation
from childservices.rules.publication import FiguresAsOf, PublicationStatus

__all__ = ["FRAME_COLUMNS", "as_of_frame", "observations_frame"]

FRAME_COLUMNS = (
    "measure",
    "name",
    "unit",
    "year",
    "level",
    "authority",
    "region",
    "value",
    "not_published",
    "numerator",
    "denominator",
    "definition",
    "source",
    "locator",
)
"""The columns of :func:`observations_frame`, in order."""


def _row(observation: Observation, measure: Measure | None) -> tuple[Any, ...]:
    value = observation.value
    citation = observation.citations[0]
    return (
        observation.measure,
        None if measure is None else measure.name,
        None if measure is None else measure.unit.value,
        observation.year,
        observation.level.value,
        observation.authority,
        None if observation.region is None else observation.region.value,
        None if isinstance(value, NotPublished) else value,
        value.value if isinstance(value, NotPublished) else None,
        observation.numerator,
        observation.denominator,
        None if measure is None else measure.definition,
        citation.source,
        citation.locator,
    )


def observations_frame(observations: Iterable[Observation], measures: Mapping[str, Measure]) -> Any:
    """The figures as a tidy ``DataFrame`` (:data:`FRAME_COLUMNS`), each row with its
    measure's name, unit and definition from ``measures`` (the vocabulary by id).

    Needs pandas (the ``pandas`` extra).
    """
    try:
        import pandas as pd
    except ImportError:
        from childservices.extras import require

        pd = require("pandas", feature="measure frames")
    rows = [_row(o, measures.get(o.measure)) for o in observations]
    frame = pd.DataFrame.from_records(rows, columns=list(FRAME_COLUMNS))
    types = {
        "measure": "string",
        "name": "string",
        "unit": "category",
        "year": "Int64",
        "level": "category",
        "authority": "string",
        "region": "string",
        "value": "Float64",
        "not_published": "category",
        "numerator": "Float64",
        "denominator": "Float64",
        "definition": "string",
        "source": "string",
        "locator": "string",
    }
    return frame.astype(types)


def as_of_frame(figures: FiguresAsOf, measures: Mapping[str, Measure]) -> Any:
    """:func:`observations_frame` of the figures published by ``figures.day`` and those
    whose publication the record does not know, with a ``publication`` column
    (``published`` or ``not_known``, a category) after ``year``; the figures not
    yet published that day are left out."""
    frame = observations_frame((*figures.published, *figures.not_known), measures)
    statuses = [PublicationStatus.PUBLISHED.value] * len(figures.published) + [
        PublicationStatus.NOT_KNOWN.value
    ] * len(figures.not_known)
    frame.insert(frame.columns.get_loc("year") + 1, "publication", statuses)
    frame["publication"] = frame["publication"].astype("category")
    return frame
