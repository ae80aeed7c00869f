"""An authority's statistical neighbours on a day, named by the DfE grouping they come from."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Generic, TypeVar, overload

import attrs

from childservices.model import NeighbourGrouping

__all__ = ["NeighbourList"]

T = TypeVar("T")


@attrs.frozen(kw_only=True)
class NeighbourList(Generic[T]):
    """Statistical neighbours on ``day``, closest first, from the DfE ``grouping`` in force.

    ``grouping`` is ``None`` where the record does not know which grouping was in
    force that day (then ``items`` is empty: not known, not "no neighbours"). A
    grouping that does not list the authority (a council created after it, such as
    Cumberland in the 2021 groupings) gives an empty ``items`` with the grouping
    named. It reads as the tuple ``items``: iterate, index, slice, ``len``.
    """

    day: datetime.date
    grouping: NeighbourGrouping | None
    items: tuple[T, ...] = ()

    @property
    def known(self) -> bool:
        """Whether the record knows which grouping was in force on ``day``."""
        return self.grouping is not None

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[T, ...]: ...

    def __getitem__(self, index: int | slice) -> T | tuple[T, ...]:
        return self.items[index]
