"""Authorities: the upper-tier councils with duties for children's social care.

An authority is created and abolished by local government reorganisation;
its identifiers (DfE number, ONS code, Ofsted URN) can change while it
exists. Each of these facts is its own cited record so that history survives
reorganisation: :class:`Reorganisation` links predecessors to successors.
"""

from __future__ import annotations

import enum
from typing import Any

import attrs

from childservices.errors import InvalidRecordError
from childservices.model.dates import PartialDate
from childservices.model.source import Citation
from childservices.model.validate import cited, non_empty, not_before, slug

__all__ = [
    "Alias",
    "Authority",
    "AuthorityKind",
    "Closeness",
    "Identifier",
    "IdentifierScheme",
    "NeighbourGrouping",
    "Region",
    "Reorganisation",
    "StatisticalNeighbour",
]


class AuthorityKind(enum.Enum):
    """The type of council, as ONS classifies it."""

    COUNTY = "county"
    METROPOLITAN_DISTRICT = "metropolitan_district"
    LONDON_BOROUGH = "london_borough"
    UNITARY = "unitary"
    OTHER = "other"


class Region(enum.Enum):
    """The nine English regions (ONS)."""

    NORTH_EAST = "North East"
    NORTH_WEST = "North West"
    YORKSHIRE_AND_THE_HUMBER = "Yorkshire and The Humber"
    EAST_MIDLANDS = "East Midlands"
    WEST_MIDLANDS = "West Midlands"
    EAST_OF_ENGLAND = "East of England"
    LONDON = "London"
    SOUTH_EAST = "South East"
    SOUTH_WEST = "South West"


class IdentifierScheme(enum.Enum):
    """Who issues an identifier: the DfE (LA number), ONS (GSS code) or Ofsted (URN)."""

    DFE = "dfe"
    ONS = "ons"
    OFSTED_URN = "ofsted_urn"


@attrs.frozen(kw_only=True)
class Authority:
    """An upper-tier council responsible for children's services.

    ``active_from``/``active_to`` are ``None`` when the authority exists
    throughout the dataset's span (2009 onwards).
    """

    id: str = attrs.field(validator=slug)
    name: str = attrs.field(validator=non_empty)
    kind: AuthorityKind
    region: Region | None = None
    active_from: PartialDate | None = None
    active_to: PartialDate | None = attrs.field(default=None, validator=not_before("active_from"))
    citations: tuple[Citation, ...] = attrs.field(validator=cited)


@attrs.frozen(kw_only=True)
class Identifier:
    """One identifier of an authority, valid between two dates (open ends unknown or ongoing)."""

    authority: str = attrs.field(validator=slug)
    scheme: IdentifierScheme
    value: str = attrs.field(validator=non_empty)
    valid_from: PartialDate | None = None
    valid_to: PartialDate | None = attrs.field(default=None, validator=not_before("valid_from"))
    citations: tuple[Citation, ...] = attrs.field(validator=cited)


@attrs.frozen(kw_only=True)
class Alias:
    """Another name an authority is known by (``"Hull"``, ``"BCP"``)."""

    authority: str = attrs.field(validator=slug)
    alias: str = attrs.field(validator=non_empty)
    citations: tuple[Citation, ...] = attrs.field(validator=cited)


@attrs.frozen(kw_only=True)
class Reorganisation:
    """A predecessor authority whose area passed (wholly or partly) to a successor on a date."""

    predecessor: str = attrs.field(validator=slug)
    successor: str = attrs.field(validator=slug)
    date: PartialDate
    citations: tuple[Citation, ...] = attrs.field(validator=cited)

    @successor.validator
    def _not_itself(self, attribute: attrs.Attribute[Any], value: str) -> None:
        if value == self.predecessor:
            raise InvalidRecordError("an authority cannot succeed itself")


class NeighbourGrouping(enum.Enum):
    """A DfE list of each authority's ten statistical neighbours (the authorities most like
    it in the DfE's children's services model), in the order the DfE published them.

    ``DFE_2021``: the groupings of April 2021 (``New_Statistical_Neighbour_Groupings_April_2021``);
    ``DFE_2025``: the 2025 model (``sn_model_2025_wide``). The days each was in force are on
    its rows (:attr:`StatisticalNeighbour.in_force_from` and ``in_force_to``). Members
    are in the order the DfE published them, oldest first.
    """

    DFE_2021 = "dfe-2021"
    DFE_2025 = "dfe-2025"

    @property
    def title(self) -> str:
        """The grouping's name in words."""
        return _GROUPING_TITLES[self]


_GROUPING_TITLES = {
    NeighbourGrouping.DFE_2021: "DfE statistical neighbour groupings of April 2021",
    NeighbourGrouping.DFE_2025: "DfE statistical neighbour model 2025",
}


class Closeness(enum.Enum):
    """How close a neighbour is, in the DfE's five words (its files vary the case)."""

    EXTREMELY_CLOSE = "extremely close"
    VERY_CLOSE = "very close"
    CLOSE = "close"
    SOMEWHAT_CLOSE = "somewhat close"
    NOT_CLOSE = "not close"


@attrs.frozen(kw_only=True)
class StatisticalNeighbour:
    """One of an authority's ten statistical neighbours in one DfE grouping (rank 1 is the
    closest), with its closeness as the DfE's file gives it.

    ``in_force_from`` and ``in_force_to`` are the first and last days the sources show the
    grouping in use (at the precision they give; the same on every row of a grouping);
    ``in_force_to`` is ``None`` where no end is known. The 2021 groupings are dated April
    2021 by their file; Data to Insight's daily summary used them up to its snapshot of
    30 March 2025 and the 2025 model from its snapshot of 16 June 2025 on: the DfE's own day
    of change is not in the sources, so between the two nothing is known.
    """

    grouping: NeighbourGrouping
    authority: str = attrs.field(validator=slug)
    neighbour: str = attrs.field(validator=slug)
    rank: int = attrs.field(validator=[attrs.validators.instance_of(int), attrs.validators.ge(1)])
    closeness: Closeness | None = None
    in_force_from: PartialDate | None = None
    in_force_to: PartialDate | None = attrs.field(
        default=None, validator=not_before("in_force_from")
    )
    citations: tuple[Citation, ...] = attrs.field(validator=cited)
