"""Who runs an authority's children's services: delivery models, providers and episodes."""

from __future__ import annotations

import enum
from typing import Any

import attrs

from childservices.errors import InvalidRecordError
from childservices.model.dates import PartialDate
from childservices.model.source import Citation
from childservices.model.validate import cited, non_empty, not_before, optional_non_empty, slug

__all__ = ["DeliveryEpisode", "DeliveryModel", "Provider", "ProviderKind"]


class DeliveryModel(enum.Enum):
    """How an authority's children's services are delivered.

    ``IN_HOUSE`` is the default: the council runs its own services. The rest
    are alternative delivery models (ADMs); in all of them the council keeps
    its statutory duties.
    """

    IN_HOUSE = "in_house"
    CHILDRENS_TRUST = "childrens_trust"
    """A not-for-profit company, usually owned by the council, running services under contract."""
    COUNCIL_COMPANY = "council_company"
    """A company wholly owned by the council that is not styled a trust."""
    MULTI_COUNCIL_COMPANY = "multi_council_company"
    """A company owned by several councils (Achieving for Children)."""
    PARTNERSHIP = "partnership"
    """A strategic partnership in which another council leads (Hampshire for the Isle of Wight)."""
    SHARED_SERVICE = "shared_service"
    """Services shared between councils (the London tri-borough)."""

    @property
    def alternative(self) -> bool:
        """True for every model other than in-house."""
        return self is not DeliveryModel.IN_HOUSE

    @property
    def company(self) -> bool:
        """True for the not-for-profit company models (trusts and council-owned companies)."""
        return self in (
            DeliveryModel.CHILDRENS_TRUST,
            DeliveryModel.COUNCIL_COMPANY,
            DeliveryModel.MULTI_COUNCIL_COMPANY,
        )


class ProviderKind(enum.Enum):
    """The sort of organisation that runs services for a council."""

    CHILDRENS_TRUST = "childrens_trust"
    COUNCIL_COMPANY = "council_company"
    MULTI_COUNCIL_COMPANY = "multi_council_company"
    PARTNERSHIP = "partnership"
    SHARED_SERVICE = "shared_service"


@attrs.frozen(kw_only=True)
class Provider:
    """An organisation (trust, company, partnership) that runs services for one or more councils."""

    id: str = attrs.field(validator=slug)
    name: str = attrs.field(validator=non_empty)
    kind: ProviderKind
    citations: tuple[Citation, ...] = attrs.field(validator=cited)


@attrs.frozen(kw_only=True)
class DeliveryEpisode:
    """A period during which one model (and provider) ran an authority's services.

    ``directed`` is ``True`` when the DfE directed the arrangement, ``False``
    when the council chose it, ``None`` when unknown. ``end`` is ``None``
    while the episode goes on, or when no source gives its end.

    ``known_until`` tells those two apart, for an episode with no ``end``:
    empty, its sources show it still running; given, it is the last day (or
    month, or year) through which a source shows the arrangement running or
    contracted to run (Trafford's NHS partnership: an agreement "until March
    2018", whose actual end no source gives). After it, whether the episode
    still ran is not known (see :mod:`childservices.rules.delivery`).
    """

    id: str = attrs.field(validator=slug)
    authority: str = attrs.field(validator=slug)
    model: DeliveryModel
    provider: str | None = attrs.field(default=None, validator=attrs.validators.optional(slug))
    directed: bool | None = None
    scope: str | None = attrs.field(default=None, validator=optional_non_empty)
    start: PartialDate
    end: PartialDate | None = attrs.field(default=None, validator=not_before("start"))
    known_until: PartialDate | None = attrs.field(default=None, validator=not_before("start"))
    citations: tuple[Citation, ...] = attrs.field(validator=cited)

    @known_until.validator
    def _only_without_end(self, attribute: attrs.Attribute[Any], value: PartialDate | None) -> None:
        if value is not None and self.end is not None:
            raise InvalidRecordError(
                "known_until is for an episode whose end no source gives: this one has an end"
            )

    @provider.validator
    def _provider_fits_model(self, attribute: attrs.Attribute[Any], value: str | None) -> None:
        if self.model is DeliveryModel.IN_HOUSE and value is not None:
            raise InvalidRecordError("an in-house episode has no provider")
        if self.model is not DeliveryModel.IN_HOUSE and value is None:
            raise InvalidRecordError(f"a {self.model.value} episode needs a provider")
