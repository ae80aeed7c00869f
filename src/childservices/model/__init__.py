"""The record types of the dataset: frozen, validated, each fact cited.

The record types of the official statistics and of delivery models' figures
(:mod:`~childservices.model.measure`, :mod:`~childservices.model.publication`,
:mod:`~childservices.model.delivery_figure`) are imported when first named, so
that loading the record for its ratings does not build them.
"""

from typing import TYPE_CHECKING, Any

from childservices.model.authority import (
    Alias,
    Authority,
    AuthorityKind,
    Closeness,
    Identifier,
    IdentifierScheme,
    NeighbourGrouping,
    Region,
    Reorganisation,
    StatisticalNeighbour,
)
from childservices.model.dates import PartialDate, Precision, as_date, as_day
from childservices.model.delivery import DeliveryEpisode, DeliveryModel, Provider, ProviderKind
from childservices.model.grades import Grade, NoJudgement, Overall
from childservices.model.insourcing import InsourcingEvent
from childservices.model.inspection import (
    FRAMEWORK_AREAS,
    FRAMEWORK_KINDS,
    NOT_GIVEN,
    Area,
    Framework,
    Inspection,
    InspectionKind,
    Judgement,
)
from childservices.model.intervention import Intervention, InterventionKind, Recommendation
from childservices.model.later import later_name
from childservices.model.lifecycle import (
    LifecycleEvent,
    LifecycleEventKind,
    LifecycleState,
    TrustLifecycle,
)
from childservices.model.programme import ProgrammeKind, ProgrammeMembership
from childservices.model.recordset import RecordSet
from childservices.model.source import Citation, Source
from childservices.model.visit import Visit, VisitKind, VisitTheme

if TYPE_CHECKING:
    from childservices.model.delivery_figure import (
        DeliveryFigure,
        FigureKind,
        FigurePeriod,
        FigureQualifier,
        FigureUnit,
    )
    from childservices.model.measure import (
        GeographicLevel,
        Measure,
        MeasureUnit,
        NotPublished,
        Observation,
        StatisticalRegion,
        YearEnd,
    )
    from childservices.model.publication import Publication



def __getattr__(name: str) -> Any:
    """A record type imported when first named (:mod:`childservices.model.later`)."""
    found = later_name(name)
    if found is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return found

__all__ = [
    "FRAMEWORK_AREAS",
    "FRAMEWORK_KINDS",
    "NOT_GIVEN",
    "Alias",
    "Area",
    "Authority",
    "AuthorityKind",
    "Citation",
    "Closeness",
    "DeliveryEpisode",
    "DeliveryFigure",
    "DeliveryModel",
    "FigureKind",
    "FigurePeriod",
    "FigureQualifier",
    "FigureUnit",
    "Framework",
    "GeographicLevel",
    "Grade",
    "Identifier",
    "IdentifierScheme",
    "InsourcingEvent",
    "Inspection",
    "InspectionKind",
    "Intervention",
    "InterventionKind",
    "Judgement",
    "LifecycleEvent",
    "LifecycleEventKind",
    "LifecycleState",
    "Measure",
    "MeasureUnit",
    "NeighbourGrouping",
    "NoJudgement",
    "NotPublished",
    "Observation",
    "Overall",
    "PartialDate",
    "Precision",
    "ProgrammeKind",
    "ProgrammeMembership",
    "Provider",
    "ProviderKind",
    "Publication",
    "Recommendation",
    "RecordSet",
    "Region",
    "Reorganisation",
    "Source",
    "StatisticalNeighbour",
    "StatisticalRegion",
    "TrustLifecycle",
    "Visit",
    "VisitKind",
    "VisitTheme",
    "YearEnd",
    "as_date",
    "as_day",
]
