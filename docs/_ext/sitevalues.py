"""How the site writes an official figure: a number in the release's own precision, a
percent sign where the unit is a percentage, the unit in words, and the release's reason
where it gives no number. Shared by the authority pages' table of figures
(:mod:`authoritypage`) and their small charts (:mod:`sitecharts`).
"""

from __future__ import annotations

from sitemd import text

from childservices.model import MeasureUnit, NotPublished
from childservices.model.measure import Value

NOT_PUBLISHED = {
    NotPublished.SUPPRESSED: "suppressed",
    NotPublished.NOT_APPLICABLE: "not applicable",
    NotPublished.LOW: "low",
    NotPublished.NOT_AVAILABLE: "not available",
    NotPublished.LOW_RELIABILITY: "low reliability",
}
"""Why the DfE's release gives no number, in its own words (its symbol follows)."""

UNIT_WORDS = {
    "rate_per_10000": "per 10,000 children",
    "fte": "full-time equivalent",
    "cases_per_fte": "cases per full-time equivalent",
    "gbp_thousand": "£ thousand",
    "gbp_per_child": "£ per child",
}
"""A measure's unit in words (a unit not listed is written as its value)."""


def unit_words(unit: MeasureUnit) -> str:
    """A unit in words, plain text."""
    return UNIT_WORDS.get(unit.value, unit.value.replace("_", " "))


def plain_value(value: Value, unit: MeasureUnit) -> str:
    """A figure as plain text (no Markdown), or the release's reason for giving none."""
    if isinstance(value, NotPublished):
        return f"none published: {NOT_PUBLISHED[value]} ({value.value})"
    shown = (
        f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
    )
    if unit is MeasureUnit.PERCENT:
        shown += "%"
    return shown


def value_words(value: Value, unit: MeasureUnit) -> str:
    """A figure as Markdown text, or the release's reason for giving none."""
    return text(plain_value(value, unit))
