"""Insourcing: an authority taking its children's services back from a provider."""

from __future__ import annotations

import attrs

from childservices.errors import InvalidRecordError
from childservices.model.dates import PartialDate
from childservices.model.source import Citation
from childservices.model.validate import cited, not_before, slug

__all__ = ["InsourcingEvent"]


def _non_negative(
    instance: object, attribute: attrs.Attribute[int | None], value: int | None
) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidRecordError(f"{attribute.name}: {value!r} is not a whole number of 0 or more")


@attrs.frozen(kw_only=True)
class InsourcingEvent:
    """The return of an authority's services from a provider to the council.

    Money is in whole pounds. Any figure the sources do not give is ``None``.
    """

    id: str = attrs.field(validator=slug)
    authority: str = attrs.field(validator=slug)
    provider: str = attrs.field(validator=slug)
    decision_date: PartialDate | None = None
    return_date: PartialDate | None = attrs.field(
        default=None, validator=not_before("decision_date")
    )
    staff_transferred: int | None = attrs.field(default=None, validator=_non_negative)
    one_off_cost: int | None = attrs.field(default=None, validator=_non_negative)
    annual_saving: int | None = attrs.field(default=None, validator=_non_negative)
    citations: tuple[Citation, ...] = attrs.field(validator=cited)
