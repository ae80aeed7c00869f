"""Ofsted inspections of children's services: frameworks, kinds, areas and judgements."""

from __future__ import annotations

import enum
import itertools
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from childservices.errors import InvalidRecordError
from childservices.model.dates import PartialDate
from childservices.model.grades import Grade, NoJudgement, Overall
from childservices.model.source import Citation
from childservices.model.validate import cited, optional_non_empty, slug

__all__ = [
    "FRAMEWORK_AREAS",
    "FRAMEWORK_KINDS",
    "Area",
    "Framework",
    "Inspection",
    "InspectionKind",
    "Judgement",
]


class Framework(enum.Enum):
    """The inspection framework an inspection was carried out under."""

    JAR = "jar"
    """Joint area reviews, 2005-2009: reviews of an area's services for children by
    several inspectorates together; the dataset holds only the judgements its
    sources state (as ``overall``, for the service the source names)."""
    SLAC = "slac"
    """Safeguarding and looked after children inspections, 2009-2012: two separate
    overall judgements (safeguarding; looked after children), no single one."""
    CPI = "cpi"
    """Inspections of local authority arrangements for the protection of children, 2012-2013."""
    LAC = "lac"
    """Inspections of services for looked after children, 2012-2013 (Ofsted's 'TLAC')."""
    SIF = "sif"
    """The single inspection framework, November 2013 to 2017, with re-inspections."""
    ILACS = "ilacs"
    """Inspections of local authority children's services, from January 2018."""
    ILACS_2026 = "ilacs_2026"
    """ILACS as reformed from April 2026: area judgements but no overall judgement."""

    @property
    def before_sif(self) -> bool:
        """True for the frameworks whose middle grade was 'adequate'."""
        return self in _PRE_SIF


_PRE_SIF = frozenset({Framework.JAR, Framework.SLAC, Framework.CPI, Framework.LAC})


class InspectionKind(enum.Enum):
    """What sort of inspection it was within its framework.

    Ofsted's focused and monitoring visits are not inspections: they are
    :class:`~childservices.model.visit.Visit` records, which give no grade.
    """

    STANDARD = "standard"
    SHORT = "short"
    """ILACS short inspection, for authorities previously judged good or outstanding."""
    REINSPECTION = "reinspection"


class Area(enum.Enum):
    """A judgement area: what an area grade is about."""

    SAFEGUARDING = "safeguarding"
    LOOKED_AFTER_CHILDREN = "looked_after_children"
    CAPACITY_TO_IMPROVE = "capacity_to_improve"
    HELP_AND_PROTECTION = "help_and_protection"
    LOOKED_AFTER_AND_PERMANENCE = "looked_after_and_permanence"
    ADOPTION = "adoption"
    CARE_LEAVERS = "care_leavers"
    LEADERSHIP_MANAGEMENT_GOVERNANCE = "leadership_management_governance"
    LSCB_REVIEW = "lscb_review"
    IMPACT_OF_LEADERS = "impact_of_leaders"
    IN_CARE_AND_CARE_LEAVERS = "in_care_and_care_leavers"
    IN_CARE = "in_care"


FRAMEWORK_AREAS: Mapping[Framework, frozenset[Area]] = MappingProxyType(
    {
        Framework.JAR: frozenset(),
        Framework.SLAC: frozenset(
            {Area.SAFEGUARDING, Area.LOOKED_AFTER_CHILDREN, Area.CAPACITY_TO_IMPROVE}
        ),
        Framework.CPI: frozenset(),
        Framework.LAC: frozenset({Area.CAPACITY_TO_IMPROVE}),
        Framework.SIF: frozenset(
            {
                Area.HELP_AND_PROTECTION,
                Area.LOOKED_AFTER_AND_PERMANENCE,
                Area.ADOPTION,
                Area.CARE_LEAVERS,
                Area.LEADERSHIP_MANAGEMENT_GOVERNANCE,
                Area.LSCB_REVIEW,
            }
        ),
        Framework.ILACS: frozenset(
            {
                Area.IMPACT_OF_LEADERS,
                Area.HELP_AND_PROTECTION,
                Area.IN_CARE_AND_CARE_LEAVERS,
                Area.IN_CARE,
                Area.CARE_LEAVERS,
            }
        ),
        Framework.ILACS_2026: frozenset(
            {Area.IMPACT_OF_LEADERS, Area.HELP_AND_PROTECTION, Area.IN_CARE, Area.CARE_LEAVERS}
        ),
    }
)
"""The judgement areas each framework grades."""

FRAMEWORK_KINDS: Mapping[Framework, frozenset[InspectionKind]] = MappingProxyType(
    {
        Framework.JAR: frozenset({InspectionKind.STANDARD}),
        Framework.SLAC: frozenset({InspectionKind.STANDARD, InspectionKind.REINSPECTION}),
        Framework.CPI: frozenset({InspectionKind.STANDARD, InspectionKind.REINSPECTION}),
        Framework.LAC: frozenset({InspectionKind.STANDARD}),
        Framework.SIF: frozenset({InspectionKind.STANDARD, InspectionKind.REINSPECTION}),
        Framework.ILACS: frozenset({InspectionKind.STANDARD, InspectionKind.SHORT}),
        Framework.ILACS_2026: frozenset({InspectionKind.STANDARD, InspectionKind.SHORT}),
    }
)
"""The kinds of inspection each framework has."""


def grade_fits_framework(grade: Grade, framework: Framework) -> bool:
    """'Adequate' belongs to the frameworks before the SIF, 'requires improvement' to the rest."""
    if grade is Grade.ADEQUATE:
        return framework.before_sif
    if grade is Grade.REQUIRES_IMPROVEMENT:
        return not framework.before_sif
    return True


@attrs.frozen(kw_only=True)
class Judgement:
    """The grade given to one judgement area of an inspection."""

    area: Area
    grade: Grade


def _sorted_judgements(value: tuple[Judgement, ...]) -> tuple[Judgement, ...]:
    return tuple(sorted(value, key=lambda j: list(Area).index(j.area)))


@attrs.frozen(kw_only=True)
class Inspection:
    """One Ofsted inspection of an authority's children's services.

    ``overall`` is a :class:`Grade`, :data:`~childservices.NOT_GIVEN` when the
    framework gives no overall judgement, or ``None`` when unknown. ``kind``
    is ``None`` when the sources do not say (an ILACS report does not say
    whether it was short or standard). ``start`` and ``end`` are the
    inspection's fieldwork dates; ``published`` is when the report was
    published, which is what as-of questions go by. Focused and monitoring
    visits are not inspections (:class:`~childservices.model.visit.Visit`).
    ``response_searched`` is when the DfE's response to an inadequate overall
    judgement was last searched for and not found: the record says it looked,
    rather than leaving the gap silent (the searches are listed in
    ``seeds/INTERVENTION_COVERAGE.md``).
    """

    id: str = attrs.field(validator=slug)
    authority: str = attrs.field(validator=slug)
    framework: Framework
    kind: InspectionKind | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    published: PartialDate
    overall: Overall | None = None
    judgements: tuple[Judgement, ...] = attrs.field(default=(), converter=_sorted_judgements)
    lead_inspector: str | None = attrs.field(default=None, validator=optional_non_empty)
    response_searched: PartialDate | None = None
    citations: tuple[Citation, ...] = attrs.field(validator=cited)

    def __attrs_post_init__(self) -> None:
        _check_inspection(self)

    @property
    def grades(self) -> Mapping[Area, Grade]:
        """The area grades by area."""
        return MappingProxyType({j.area: j.grade for j in self.judgements})

    @property
    def graded(self) -> bool:
        """True when the inspection gave an overall grade."""
        return isinstance(self.overall, Grade)


def _check_inspection(inspection: Inspection) -> None:
    framework = inspection.framework
    if inspection.response_searched is not None and inspection.overall is not Grade.INADEQUATE:
        raise InvalidRecordError("response_searched is for an inadequate overall judgement")
    if inspection.kind is not None and inspection.kind not in FRAMEWORK_KINDS[framework]:
        raise InvalidRecordError(f"kind {inspection.kind.value!r} does not exist under {framework.value!r}")
    overall = inspection.overall
    if isinstance(overall, Grade):
        if framework in (Framework.SLAC, Framework.ILACS_2026):
            raise InvalidRecordError(f"{framework.value!r} gives no overall grade")
        if not grade_fits_framework(overall, framework):
            raise InvalidRecordError(
                f"overall grade {overall.value!r} is not on {framework.value!r}'s scale"
            )
    allowed = FRAMEWORK_AREAS[framework]
    areas = [j.area for j in inspection.judgements]
    if len(set(areas)) != len(areas):
        raise InvalidRecordError("judgements: an area is graded twice")
    for judgement in inspection.judgements:
        if judgement.area not in allowed:
            raise InvalidRecordError(
                f"judgements: {judgement.area.value!r} is not an area of {framework.value!r}"
            )
        if not grade_fits_framework(judgement.grade, framework):
            raise InvalidRecordError(
                f"judgements: {judgement.area.value} grade {judgement.grade.value!r} "
                f"is not on {framework.value!r}'s scale"
            )
    if Area.IN_CARE_AND_CARE_LEAVERS in areas and (Area.IN_CARE in areas):
        raise InvalidRecordError(
            "judgements: 'in_care_and_care_leavers' was split into 'in_care' and 'care_leavers' in 2023; an inspection has one or the other"
        )
    dates = [
        (name, d) for name in ("start", "end", "published") if (d := getattr(inspection, name))
    ]
    for (first_name, first), (second_name, second) in itertools.pairwise(dates):
        if second.certainly_before(first):
            raise InvalidRecordError(f"{second_name} ({second}) is before {first_name} ({first})")


# Re-exported so that "no overall judgement" is one name away.
NOT_GIVEN = NoJudgement.NOT_GIVEN
