"""Delivery groups: which kind of arrangement ran an authority's services during a window.

Analyses over years (:func:`~childservices.rules.survival.time_to_good` by
delivery model, :func:`~childservices.rules.aggregate.survival`) put each
authority in one of three groups by the recorded delivery episodes that
overlap the window: ``"trust"`` (a children's trust or a council-owned or
multi-council company, at any time in the window), else ``"partnership"`` (a
partnership or shared service), else ``"in-house"``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from childservices.model import DeliveryModel, PartialDate
from childservices.rules.history import AuthorityHistory

if TYPE_CHECKING:
    import pendulum

__all__ = ["COMPANY_MODELS", "delivery_group"]

COMPANY_MODELS: frozenset[DeliveryModel] = frozenset(
    {
        DeliveryModel.CHILDRENS_TRUST,
        DeliveryModel.COUNCIL_COMPANY,
        DeliveryModel.MULTI_COUNCIL_COMPANY,
    }
)
"""The not-for-profit company models: what the sector counts as "trusts"."""
_PARTNERSHIPS = frozenset({DeliveryModel.PARTNERSHIP, DeliveryModel.SHARED_SERVICE})


def delivery_group(authority: AuthorityHistory, start: pendulum.Date, end: pendulum.Date) -> str:
    """'trust' if a trust or company ran services at any time in the window, else 'partnership'
    if a partnership or shared service did, else 'in-house'."""
    models = {
        e.model for e in authority.deliveries if _overlaps(e.start.earliest, e.end, start, end)
    }
    if models & COMPANY_MODELS:
        return "trust"
    if models & _PARTNERSHIPS:
        return "partnership"
    return "in-house"


def _overlaps(
    start: pendulum.Date,
    end: PartialDate | None,
    window_start: pendulum.Date,
    window_end: pendulum.Date,
) -> bool:
    return start <= window_end and (end is None or end.latest >= window_start)
