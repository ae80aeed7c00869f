"""DfE interventions: improvement notices, statutory directions, commissioners."""

from __future__ import annotations

import enum
from typing import Any

import attrs

from childservices.model.dates import PartialDate
from childservices.model.source import Citation
from childservices.model.validate import cited, not_before, optional_non_empty, slug

__all__ = ["Intervention", "InterventionKind", "Recommendation"]


class InterventionKind(enum.Enum):
    """A step on the intervention ladder.

    An improvement notice is non-statutory; a statutory direction is made
    under section 497A of the Education Act 1996 and may be revised (a new
    direction replaces the old) and finally revoked.
    """

    IMPROVEMENT_NOTICE = "improvement_notice"
    NOTICE_LIFTED = "notice_lifted"
    STATUTORY_DIRECTION = "statutory_direction"
    REVISED_DIRECTION = "revised_direction"
    DIRECTION_REVOKED = "direction_revoked"
    COMMISSIONER_APPOINTED = "commissioner_appointed"
    COMMISSIONER_RECOMMENDATION = "commissioner_recommendation"
    MINISTERIAL_DECISION = "ministerial_decision"

    @property
    def ends_something(self) -> bool:
        """True for the steps that lift or revoke an earlier one."""
        return self in (InterventionKind.NOTICE_LIFTED, InterventionKind.DIRECTION_REVOKED)


class Recommendation(enum.Enum):
    """What a commissioner recommended, or a minister decided, about who runs services."""

    IN_HOUSE_WITH_SUPPORT = "in_house_with_support"
    PARTNERSHIP = "partnership"
    TRUST = "trust"
    OTHER = "other"


@attrs.frozen(kw_only=True)
class Intervention:
    """One DfE intervention step concerning an authority's children's services.

    ``date`` is ``None`` when a source states the step but not when it was
    taken. ``by`` names who issued or holds it (a minister, a commissioner);
    ``requires`` says in the dataset's own words what it requires or
    recommends; ``replaces`` is the id of the step it revises, lifts or
    revokes.
    """

    id: str = attrs.field(validator=slug)
    authority: str = attrs.field(validator=slug)
    kind: InterventionKind
    date: PartialDate | None = None
    end: PartialDate | None = attrs.field(default=None, validator=not_before("date"))
    by: str | None = attrs.field(default=None, validator=optional_non_empty)
    requires: str | None = attrs.field(default=None, validator=optional_non_empty)
    outcome: Recommendation | None = None
    replaces: str | None = attrs.field(default=None, validator=attrs.validators.optional(slug))
    citations: tuple[Citation, ...] = attrs.field(validator=cited)

    @replaces.validator
    def _needs_replaces(self, attribute: attrs.Attribute[Any], value: str | None) -> None:
        if value == self.id:
            raise ValueError("an intervention cannot replace itself")
