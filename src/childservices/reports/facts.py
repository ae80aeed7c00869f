"""What one Ofsted report says: the facts read from its text, before they become a record."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from childservices.errors import InvalidRecordError
from childservices.model import FRAMEWORK_AREAS, Area, Framework, Grade, InspectionKind, Overall
from childservices.model.grades import NoJudgement
from childservices.model.inspection import grade_fits_framework
from childservices.model.validate import non_empty, optional_non_empty

__all__ = ["ReportFacts"]


def _check_judgements(
    instance: ReportFacts,
    attribute: attrs.Attribute[tuple[tuple[Area, Grade], ...]],
    value: tuple[tuple[Area, Grade], ...],
) -> None:
    areas = [area for area, _ in value]
    if len(set(areas)) != len(areas):
        raise InvalidRecordError("judgements: an area is graded twice")
    for area, grade in value:
        if area not in FRAMEWORK_AREAS[instance.framework]:
            raise InvalidRecordError(
                f"judgements: {area.value!r} is not an area of {instance.framework.value!r}"
            )
        if not grade_fits_framework(grade, instance.framework):
            raise InvalidRecordError(
                f"judgements: {grade.value!r} is not on {instance.framework.value!r}'s scale"
            )


@attrs.frozen(kw_only=True, slots=True)
class ReportFacts:
    """The facts one Ofsted report about a local authority's children's services states.

    Everything here is read from the report's own text; nothing is inferred
    from elsewhere. ``authority_name`` is the authority's name as the report
    prints it (``"City of Bradford Metropolitan District Council"``).
    ``framework`` is :attr:`~Framework.LAC` for the 2013 looked after children
    inspections, :attr:`~Framework.SIF` or :attr:`~Framework.ILACS`. ``kind``
    is :attr:`~InspectionKind.REINSPECTION` when a SIF report calls itself a
    re-inspection, and ``None`` otherwise: a report does not say whether an
    ILACS inspection was short or standard, and an initial SIF report does not
    call itself "standard". ``start`` and ``end`` are the fieldwork dates
    (``None`` when the report prints a single date and does not say which);
    ``published`` is the publication date printed in the report (ILACS reports
    print none). ``overall`` is the overall effectiveness grade, or
    :data:`~childservices.NOT_GIVEN` for a report under the reformed framework
    of 2026 (:attr:`~Framework.ILACS_2026`), which gives none; it is ``None``
    only for a review of a Local Safeguarding Children Board published as a
    report of its own (``lscb_review_only``), which judges the board and not
    the authority's services. ``judgements`` holds every area grade the report
    gives, in the seed vocabulary of areas; ``not_judged`` the areas its grade
    table marks "Not judged" (the Isles of Scilly's looked after children in 2016).
    """

    authority_name: str = attrs.field(validator=non_empty)
    framework: Framework
    kind: InspectionKind | None = None
    start: datetime.date | None
    end: datetime.date | None
    published: datetime.date | None = None
    overall: Overall | None
    judgements: tuple[tuple[Area, Grade], ...] = attrs.field(validator=_check_judgements)
    lead_inspector: str | None = attrs.field(default=None, validator=optional_non_empty)
    lscb_review_only: bool = False
    not_judged: tuple[Area, ...] = ()

    def __attrs_post_init__(self) -> None:
        if (self.start is None) != (self.end is None):
            raise InvalidRecordError("start and end are both known or both unknown")
        if self.start is not None and self.end is not None and self.start > self.end:
            raise InvalidRecordError(f"start {self.start} is after end {self.end}")
        if self.published is not None and self.end is not None and self.published < self.end:
            raise InvalidRecordError(
                f"published {self.published} is before the inspection ended {self.end}"
            )
        if set(self.not_judged) & {area for area, _ in self.judgements}:
            raise InvalidRecordError("an area is both graded and not judged")
        if self.overall is None and not self.lscb_review_only:
            raise InvalidRecordError(
                "only a separate review of a safeguarding board has no overall grade"
            )
        if (self.overall is NoJudgement.NOT_GIVEN) != (self.framework is Framework.ILACS_2026):
            raise InvalidRecordError(
                "only a report under the reformed framework of 2026 gives no overall"
            )
        if isinstance(self.overall, Grade) and not grade_fits_framework(
            self.overall, self.framework
        ):
            raise InvalidRecordError(
                f"overall: {self.overall.value!r} is not on {self.framework.value!r}'s scale"
            )

    @property
    def grades(self) -> Mapping[Area, Grade]:
        """The area grades by area."""
        return MappingProxyType(dict(self.judgements))
