"""The record types imported when first named: those of the official statistics and of
delivery models' figures, which loading the record for its ratings does not need."""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["LATER", "later_name"]

LATER = {
    "childservices.model.delivery_figure": (
        "DeliveryFigure",
        "FigureKind",
        "FigurePeriod",
        "FigureQualifier",
        "FigureUnit",
    ),
    "childservices.model.measure": (
        "GeographicLevel",
        "Measure",
        "MeasureUnit",
        "NotPublished",
        "Observation",
        "StatisticalRegion",
        "YearEnd",
    ),
    "childservices.model.publication": ("Publication",),
}
"""The names, by module, that :mod:`childservices.model` imports when first named."""


def later_name(name: str) -> Any | None:
    """The record type (or vocabulary) ``name`` of :data:`LATER`, its module imported now;
    ``None`` for a name that is not one of them."""
    for module, names in LATER.items():
        if name in names:
            return getattr(importlib.import_module(module), name)
    return None
