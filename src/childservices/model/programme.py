"""Improvement programmes and support: Partners in Practice, sector-led partners, grants."""

from __future__ import annotations

import enum

import attrs

from childservices.model.dates import PartialDate
from childservices.model.source import Citation
from childservices.model.validate import cited, optional_non_empty, slug

__all__ = ["ProgrammeKind", "ProgrammeMembership"]


class ProgrammeKind(enum.Enum):
    """A national improvement programme."""

    PARTNERS_IN_PRACTICE = "partners_in_practice"
    SECTOR_LED_IMPROVEMENT_PARTNER = "sector_led_improvement_partner"
    INNOVATION_PROGRAMME = "innovation_programme"
    OTHER = "other"


@attrs.frozen(kw_only=True)
class ProgrammeMembership:
    """An authority's part in a programme: membership, a grant (``amount`` in pounds), its purpose."""

    id: str = attrs.field(validator=slug)
    programme: ProgrammeKind
    authority: str = attrs.field(validator=slug)
    start: PartialDate | None = None
    end: PartialDate | None = None
    amount: int | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(
            [attrs.validators.instance_of(int), attrs.validators.ge(0)]
        ),
    )
    purpose: str | None = attrs.field(default=None, validator=optional_non_empty)
    citations: tuple[Citation, ...] = attrs.field(validator=cited)
