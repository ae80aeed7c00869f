"""DfE interventions: improvement notices, statutory directions, commissioners."""

from __future__ import annotations

import enum
from typing import Any

import attrs

from childservices.errors import InvalidRecordError
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
    CONTINUES = "continues"
    """A source states that the step it names (``replaces``) was still in force on its date."""

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
    revokes (for a :attr:`~InterventionKind.CONTINUES` step, the step said to
    continue). ``ends_all`` marks a lifting or revocation that its source says
    ended every notice and direction of the authority then in force.
    ``end_searched`` is when an end of a notice or direction was last searched
    for and not found: the record says it looked, rather than leaving the end
    blank. ``exception`` says, in the dataset's own words, why a cross-record
    rule does not hold for this step (a commissioner appointed before any
    notice or direction, for example). ``answers`` is the inspection whose
    inadequate judgement the step responds to, when its source ties the step
    to that judgement (so an undated notice still counts as the response).
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
    ends_all: bool = attrs.field(default=False)
    end_searched: PartialDate | None = attrs.field(default=None)
    exception: str | None = attrs.field(default=None, validator=optional_non_empty)
    answers: str | None = attrs.field(default=None, validator=attrs.validators.optional(slug))
    citations: tuple[Citation, ...] = attrs.field(validator=cited)

    @replaces.validator
    def _needs_replaces(self, attribute: attrs.Attribute[Any], value: str | None) -> None:
        if value == self.id:
            raise InvalidRecordError("an intervention cannot replace itself")
        if value is None and self.kind is InterventionKind.CONTINUES:
            raise InvalidRecordError("a 'continues' step names the step it says continues in 'replaces'")

    @ends_all.validator
    def _ends_all_ends(self, attribute: attrs.Attribute[Any], value: bool) -> None:
        if value and not self.kind.ends_something:
            raise InvalidRecordError("only a lifting or revocation can end every notice and direction")

    @end_searched.validator
    def _searched_without_end(
        self, attribute: attrs.Attribute[Any], value: PartialDate | None
    ) -> None:
        if value is not None and self.end is not None:
            raise InvalidRecordError("end_searched is for a step whose end was not found; this one has one")
