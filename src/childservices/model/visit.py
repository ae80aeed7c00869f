"""Ofsted's visits between graded inspections: focused visits and monitoring visits.

A visit is not an inspection: it gives no grade and never changes an
authority's rating. Under ILACS (from 2018) Ofsted makes two kinds of visit to
a council's children's services between its graded inspections:

- a **focused visit** (two days on site, then a published letter) looks at
  one theme, such as the front door or care leavers; the letter may name
  **areas for priority action**, serious weaknesses that can lead the DfE to
  intervene (Halton's improvement notice of January 2022 followed one);
- a **monitoring visit**, every few months for an authority judged
  inadequate, until it is inspected again; the letter reports progress on
  one theme.

Joint targeted area inspections (JTAIs) are not visits here: they inspect a
local partnership (council, police and health together) on a theme, are not
part of ILACS, and are published as joint letters to the partnership, not as
findings about the council's children's services; none of the dataset's
sources lists them.
"""

from __future__ import annotations

import enum
from typing import Any

import attrs

from childservices.errors import InvalidRecordError
from childservices.model.dates import PartialDate
from childservices.model.source import Citation
from childservices.model.validate import cited, not_before, slug

__all__ = ["Visit", "VisitKind", "VisitTheme"]


class VisitKind(enum.Enum):
    """Which kind of visit Ofsted made."""

    FOCUSED = "focused"
    """A focused visit: one theme, two days, a letter that may name areas for priority action."""
    MONITORING = "monitoring"
    """A monitoring visit to an authority judged inadequate, until its next graded inspection."""


class VisitTheme(enum.Enum):
    """What a visit looked at, as Ofsted's workbooks name the themes."""

    FRONT_DOOR = "front_door"
    """"Front door": contacts and referrals, and the decisions taken on them."""
    CHILDREN_IN_NEED = "children_in_need"
    """"Children in need/subject to a plan": children in need, including those on a
    child protection plan."""
    VULNERABLE_ADOLESCENTS = "vulnerable_adolescents"
    """"Vulnerable adolescents": young people at risk outside the home."""
    CHILDREN_IN_CARE = "children_in_care"
    """"Children in care"."""
    ACHIEVING_PERMANENCE = "achieving_permanence"
    """"Achieving permanence": planning for a permanent home, including adoption."""
    CARE_LEAVERS = "care_leavers"
    """"Care leavers"."""


@attrs.frozen(kw_only=True)
class Visit:
    """One Ofsted visit to an authority's children's services between graded inspections.

    ``start`` and ``end`` are the fieldwork dates (Ofsted's workbooks give the
    first day only), ``published`` the day the letter was published (the
    2022-23 workbook does not give it). ``theme`` is what the visit looked
    at. ``priority_action`` says, for a focused visit, whether the letter
    named areas for priority action: ``None`` when no source says (the
    workbooks do not), never taken as "no". A monitoring visit names no
    priority actions, so it is always ``None`` there. A visit sets no rating.
    """

    id: str = attrs.field(validator=slug)
    authority: str = attrs.field(validator=slug)
    kind: VisitKind
    start: PartialDate | None = None
    end: PartialDate | None = attrs.field(default=None, validator=not_before("start"))
    published: PartialDate | None = attrs.field(default=None, validator=not_before("end"))
    theme: VisitTheme | None = None
    priority_action: bool | None = attrs.field(default=None)
    citations: tuple[Citation, ...] = attrs.field(validator=cited)

    def __attrs_post_init__(self) -> None:
        if self.start is None and self.published is None:
            raise InvalidRecordError("a visit needs its fieldwork start or its publication date")
        if (
            self.published is not None
            and self.start is not None
            and self.published.certainly_before(self.start)
        ):
            raise InvalidRecordError(f"published ({self.published}) is before start ({self.start})")

    @priority_action.validator
    def _only_focused(self, attribute: attrs.Attribute[Any], value: bool | None) -> None:
        if value is not None and self.kind is not VisitKind.FOCUSED:
            raise InvalidRecordError("only a focused visit names areas for priority action")

    @property
    def date(self) -> PartialDate:
        """The date the visit is placed at: its fieldwork start, else its publication."""
        found = self.start if self.start is not None else self.published
        assert found is not None  # checked at construction
        return found
