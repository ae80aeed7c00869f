"""What the national figures read of a dataset, as a protocol: a
:class:`~childservices.Dataset` has it, and so does any object with the same two members (a
figure never needs the dataset class itself)."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping
from typing import Protocol

from childservices.model import Area, Framework, Grade, RecordSet
from childservices.rules.asof import SIF_AND_LATER, RatingBasis

__all__ = ["RecordSource"]


class RecordSource(Protocol):
    """A source of records for :func:`~childservices.plot.national_grades`,
    :func:`~childservices.plot.adm_timeline` and
    :func:`~childservices.plot.visits_over_time`: its record set, and the share of
    authorities at each grade on a day. A :class:`~childservices.Dataset` is one."""

    @property
    def records(self) -> RecordSet:
        """Every record: the figures read its authorities, providers, delivery episodes and
        visits."""
        ...

    def shares_on(
        self,
        day: datetime.date,
        *,
        frameworks: Collection[Framework] = SIF_AND_LATER,
        rating_basis: RatingBasis | Area = RatingBasis.OVERALL,
    ) -> Mapping[str, Mapping[Grade, float]]:
        """The share of authorities at each grade on ``day``, under ``"all"``, as
        :meth:`childservices.Dataset.shares_on` gives it."""
        ...
