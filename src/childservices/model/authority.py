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
    "Identifier",
    "IdentifierScheme",
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


@attrs.frozen(kw_only=True)
class StatisticalNeighbour:
    """One of an authority's ten statistical neighbours (rank 1 is the closest). The dataset
    holds one list, used for every date: the ``stat_neighbours`` column of Data to Insight's
    LA lookup as collected in March 2025 (source ``d2i-la-lookup``), for the councils then in
    existence. The DfE's statistical neighbour model has been revised over the years (the
    lookup keeps an earlier list, ``stat_neighbours_previous``, which is not used), so for a
    date long before 2025 these need not be the neighbours analysts used at the time.
    """

    authority: str = attrs.field(validator=slug)
    neighbour: str = attrs.field(validator=slug)
    rank: int = attrs.field(validator=[attrs.validators.instance_of(int), attrs.validators.ge(1)])
    citations: tuple[Citation, ...] = attrs.field(validator=cited)
