"""Money and staff of a delivery model: a figure a source states about a trust, a company or a
return in-house (staff transferred, a year's budget, a set-up grant, a stated saving)."""

from __future__ import annotations

import enum
import math
from typing import Any

import attrs

from childservices.errors import InvalidRecordError
from childservices.model.dates import PartialDate
from childservices.model.source import Citation
from childservices.model.validate import cited, slug

__all__ = ["DeliveryFigure", "FigureKind", "FigurePeriod", "FigureQualifier", "FigureUnit"]


class FigureKind(enum.Enum):
    """What a delivery figure counts."""

    STAFF_TRANSFERRED = "staff_transferred"
    """People moved from the council to the provider when it took the services on (or back)."""
    ANNUAL_BUDGET = "annual_budget"
    """The money the provider had for one financial year: a contract sum or a budget."""
    OVERSPEND = "overspend"
    """What the provider spent above its budget in one financial year (actual or forecast)."""
    EXTRA_FUNDING = "extra_funding"
    """Money the council added to a provider's budget to meet a shortfall."""
    SET_UP_COST = "set_up_cost"
    """The one-off cost of setting the provider up or moving services to it."""
    SET_UP_GRANT = "set_up_grant"
    """Money the Department for Education gave towards setting the provider up."""
    LOAN = "loan"
    """A loan from the council to the provider."""
    CONTRACT_TERM = "contract_term"
    """How long the provider's contract with the council runs."""
    STATED_SAVING = "stated_saving"
    """A saving the council or provider said the change would bring."""


class FigureUnit(enum.Enum):
    """The unit of a delivery figure's value."""

    POUNDS = "pounds"
    PEOPLE = "people"
    """A headcount."""
    FTE = "fte"
    """Full-time equivalents."""
    YEARS = "years"


class FigurePeriod(enum.Enum):
    """The time a figure of money covers."""

    ONE_OFF = "one_off"
    PER_YEAR = "per_year"
    """Each year (a recurring saving)."""
    FINANCIAL_YEAR = "financial_year"
    """The financial year named by ``financial_year``."""
    CONTRACT_YEAR = "contract_year"
    """One year of the contract that is not a financial year (its first, unless the note
    says otherwise)."""
    OVER_YEARS = "over_years"
    """In all over ``span_years`` years."""


class FigureQualifier(enum.Enum):
    """How exactly the source states the value."""

    STATED = "stated"
    """The value as the source gives it, with no qualifier."""
    ABOUT = "about"
    """"About", "around", "approximately"."""
    MORE_THAN = "more_than"
    AT_LEAST = "at_least"
    RANGE = "range"
    """From ``value`` to ``value_high``."""


def _amount(instance: object, attribute: attrs.Attribute[Any], value: float | None) -> None:
    if value is None and attribute.name == "value_high":
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise InvalidRecordError(f"{attribute.name}: {value!r} is not a number")
    if value < 0:
        raise InvalidRecordError(f"{attribute.name}: {value!r} is below 0")


def _year(instance: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and (isinstance(value, bool) or not 1990 <= value <= 2100):
        raise InvalidRecordError(f"{attribute.name}: {value!r} is not a year from 1990 to 2100")


@attrs.frozen(kw_only=True)
class DeliveryFigure:
    """One figure a source states about money or staff of a delivery episode or a return
    in-house: what it counts (``kind``), the value in its ``unit`` (money in pounds, a
    headcount, full-time equivalents or years), how exactly the source gives it, and the
    time it covers. ``financial_year`` is the year the financial year ends (2019 for
    2018-19, the measures' convention). ``stated`` is the day the source stated it.

    A figure belongs to exactly one of a delivery episode (``episode``) or a return
    in-house (``insourcing``). The headline staff, one-off cost and annual saving of a
    return in-house are its own fields
    (:class:`~childservices.model.InsourcingEvent`); a figure holds the rest.
    """

    id: str = attrs.field(validator=slug)
    authority: str = attrs.field(validator=slug)
    provider: str = attrs.field(validator=slug)
    episode: str | None = attrs.field(default=None, validator=attrs.validators.optional(slug))
    insourcing: str | None = attrs.field(default=None, validator=attrs.validators.optional(slug))
    kind: FigureKind
    value: float = attrs.field(validator=_amount)
    value_high: float | None = attrs.field(default=None, validator=_amount)
    unit: FigureUnit
    qualifier: FigureQualifier = FigureQualifier.STATED
    period: FigurePeriod = FigurePeriod.ONE_OFF
    financial_year: int | None = attrs.field(default=None, validator=_year)
    span_years: int | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(
            [attrs.validators.instance_of(int), attrs.validators.ge(1)]
        ),
    )
    stated: PartialDate | None = None
    citations: tuple[Citation, ...] = attrs.field(validator=cited)

    def __attrs_post_init__(self) -> None:
        if (self.episode is None) == (self.insourcing is None):
            raise InvalidRecordError(
                "a delivery figure names exactly one of episode and insourcing"
            )
        if (self.qualifier is FigureQualifier.RANGE) != (self.value_high is not None):
            raise InvalidRecordError("value_high is given exactly when the qualifier is range")
        if self.value_high is not None and self.value_high < self.value:
            raise InvalidRecordError(
                f"value_high ({self.value_high}) is below value ({self.value})"
            )
        if (self.period is FigurePeriod.FINANCIAL_YEAR) != (self.financial_year is not None):
            raise InvalidRecordError(
                "financial_year is given exactly when the period is financial_year"
            )
        if (self.period is FigurePeriod.OVER_YEARS) != (self.span_years is not None):
            raise InvalidRecordError("span_years is given exactly when the period is over_years")
        money = self.kind not in (FigureKind.STAFF_TRANSFERRED, FigureKind.CONTRACT_TERM)
        if money != (self.unit is FigureUnit.POUNDS):
            raise InvalidRecordError(
                f"a {self.kind.value} figure is not counted in {self.unit.value}"
            )

    @property
    def covers(self) -> str:
        """The time the figure covers, as a reader would say it: ``financial year 2019-20``,
        ``over 5 years``, or for money ``per year`` or ``one off``; empty for people or posts
        counted at one time."""
        if self.financial_year is not None:
            return f"financial year {self.financial_year - 1}-{self.financial_year % 100:02d}"
        if self.span_years is not None:
            return f"over {self.span_years} years"
        if self.unit is FigureUnit.POUNDS:
            return self.period.value.replace("_", " ")
        return ""

    @property
    def shown(self) -> str:
        """The value as a reader would say it: ``about 1,500 people``, ``GBP 24,400,000``."""
        words = {
            FigureQualifier.ABOUT: "about ",
            FigureQualifier.MORE_THAN: "more than ",
            FigureQualifier.AT_LEAST: "at least ",
        }
        number = _number(self.value, self.unit)
        if self.value_high is not None:
            number = f"{number} to {_number(self.value_high, self.unit)}"
        prefix = words.get(self.qualifier, "")
        if self.unit is FigureUnit.POUNDS:
            return f"{prefix}GBP {number}"
        return f"{prefix}{number} {self.unit.value}"


def _number(value: float, unit: FigureUnit) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}" if unit is FigureUnit.FTE else f"{value:,}"
