"""childservices: the typed, cited record of English local authority children's services.

>>> import childservices as cs
>>> ds = cs.load()
>>> ds.authority("Sandwell").name
'Sandwell'
"""

from typing import TYPE_CHECKING

from childservices._lazy import lazy_names

if TYPE_CHECKING:
    __version__: str
    from childservices.authority_view import (
        AuthorityView as AuthorityView,
        DeliveryOnDate as DeliveryOnDate,
        ImprovementAfter as ImprovementAfter,
        NeighbourList as NeighbourList,
    )
    from childservices.catalog import (
        Catalog as Catalog,
    )
    from childservices.coverage import (
        Coverage as Coverage,
    )
    from childservices.data.version import (
        DATA_VERSION as DATA_VERSION,
    )
    from childservices.dataset import (
        COMPANY_MODELS as COMPANY_MODELS,
        Dataset as Dataset,
    )
    from childservices.errors import (
        ArgumentTypeError as ArgumentTypeError,
        ArgumentValueError as ArgumentValueError,
        ChildServicesError as ChildServicesError,
        CoverageWarning as CoverageWarning,
        DatasetError as DatasetError,
        ExportError as ExportError,
        FileRefusedError as FileRefusedError,
        IncomparableGradesError as IncomparableGradesError,
        InvalidDateError as InvalidDateError,
        InvalidRecordError as InvalidRecordError,
        LifecycleError as LifecycleError,
        MissingExtraError as MissingExtraError,
        Problem as Problem,
        ReportError as ReportError,
        UnknownAuthorityError as UnknownAuthorityError,
        UnknownRecordError as UnknownRecordError,
        UpdateError as UpdateError,
    )
    from childservices.loading import (
        load as load,
        load_seeds as load_seeds,
    )
    from childservices.model import (
        NOT_GIVEN as NOT_GIVEN,
        Area as Area,
        Authority as Authority,
        AuthorityKind as AuthorityKind,
        Citation as Citation,
        DeliveryEpisode as DeliveryEpisode,
        DeliveryFigure as DeliveryFigure,
        DeliveryModel as DeliveryModel,
        FigureKind as FigureKind,
        FigurePeriod as FigurePeriod,
        FigureQualifier as FigureQualifier,
        FigureUnit as FigureUnit,
        Framework as Framework,
        Grade as Grade,
        IdentifierScheme as IdentifierScheme,
        InsourcingEvent as InsourcingEvent,
        Inspection as Inspection,
        InspectionKind as InspectionKind,
        Intervention as Intervention,
        InterventionKind as InterventionKind,
        Judgement as Judgement,
        LifecycleEvent as LifecycleEvent,
        LifecycleEventKind as LifecycleEventKind,
        LifecycleState as LifecycleState,
        NeighbourGrouping as NeighbourGrouping,
        NoJudgement as NoJudgement,
        PartialDate as PartialDate,
        Precision as Precision,
        Provider as Provider,
        RecordSet as RecordSet,
        Region as Region,
        Source as Source,
        TrustLifecycle as TrustLifecycle,
        Visit as Visit,
        VisitKind as VisitKind,
        VisitTheme as VisitTheme,
    )
    from childservices.rules.aggregate import (
        PanelRow as PanelRow,
        SurvivalRow as SurvivalRow,
        monthly as monthly,
        quarterly as quarterly,
    )
    from childservices.rules.asof import (
        ALL_FRAMEWORKS as ALL_FRAMEWORKS,
        SIF_AND_LATER as SIF_AND_LATER,
        RatingBasis as RatingBasis,
    )
    from childservices.rules.delivery import DeliveryStatus as DeliveryStatus
    from childservices.rules.escalation import (
        Finding as Finding,
        Outcome as Outcome,
    )
    from childservices.rules.intervention import (
        Direction as Direction,
        InterventionStatus as InterventionStatus,
    )
    from childservices.rules.lineage import (
        Lineage as Lineage,
        Unit as Unit,
    )
    from childservices.rules.official import (
        Basis as Basis,
        CountingRule as CountingRule,
        NewAuthorities as NewAuthorities,
        OfficialCount as OfficialCount,
    )
    from childservices.rules.publication import (
        FiguresAsOf as FiguresAsOf,
        PublicationStatus as PublicationStatus,
    )
    from childservices.rules.survival import (
        Censoring as Censoring,
        FollowUp as FollowUp,
        TimeToGood as TimeToGood,
    )
    from childservices.rules.trajectory import (
        Movement as Movement,
        Spell as Spell,
        Trajectory as Trajectory,
    )

_MODULES = {
    "childservices.authority_view": ("AuthorityView", "DeliveryOnDate", "ImprovementAfter", "NeighbourList",),
    "childservices.catalog": ("Catalog",),
    "childservices.coverage": ("Coverage",),
    "childservices.data.version": ("DATA_VERSION",),
    "childservices.dataset": ("COMPANY_MODELS", "Dataset",),
    "childservices.errors": ("ArgumentTypeError", "ArgumentValueError", "ChildServicesError", "CoverageWarning", "DatasetError", "ExportError", "FileRefusedError", "IncomparableGradesError", "InvalidDateError", "InvalidRecordError", "LifecycleError", "MissingExtraError", "PlannedDateWarning", "Problem", "ReportDateWarning", "ReportError", "UnknownAuthorityError", "UnknownRecordError", "UpdateError",),
    "childservices.loading": ("load", "load_seeds",),
    "childservices.model": ("Area", "Authority", "AuthorityKind", "Citation", "DeliveryEpisode", "DeliveryFigure", "DeliveryModel", "FigureKind", "FigurePeriod", "FigureQualifier", "FigureUnit", "Framework", "Grade", "IdentifierScheme", "InsourcingEvent", "Inspection", "InspectionKind", "Intervention", "InterventionKind", "Judgement", "LifecycleEvent", "LifecycleEventKind", "LifecycleState", "NOT_GIVEN", "NeighbourGrouping", "NoJudgement", "PartialDate", "Precision", "Provider", "RecordSet", "Region", "Source", "TrustLifecycle", "Visit", "VisitKind", "VisitTheme",),
    "childservices.rules.asof": ("ALL_FRAMEWORKS", "RatingBasis", "SIF_AND_LATER",),
    "childservices.rules.intervention": ("Direction", "InterventionStatus",),
    "childservices.rules.aggregate": ("PanelRow", "SurvivalRow", "monthly", "quarterly",),
    "childservices.rules.delivery": ("DeliveryStatus",),
    "childservices.rules.escalation": ("Finding", "Outcome",),
    "childservices.rules.lineage": ("Lineage", "Unit",),
    "childservices.rules.publication": ("FiguresAsOf", "PublicationStatus",),
    "childservices.rules.official": ("Basis", "CountingRule", "NewAuthorities", "OfficialCount",),
    "childservices.rules.survival": ("Censoring", "FollowUp", "TimeToGood",),
    "childservices.rules.trajectory": ("Movement", "Spell", "Trajectory",),
}
"""Every top-level name, by the module that defines it."""

_LAZY = {name: module for module, names in _MODULES.items() for name in names}
"""Every top-level name and the module that defines it, imported on first use.

``import childservices`` imports nothing else: the record types, the loader
and the rules come when a name is first used (``cs.load()``, ``cs.Grade``),
so a program pays only for what it asks (see the performance page).
"""

_names_getattr, _names_dir = lazy_names(__name__, globals(), _LAZY)


def __dir__() -> list[str]:
    """The package's names, those imported on first use and ``__version__`` included."""
    return sorted({*_names_dir(), "__version__"})


def __getattr__(name: str) -> object:
    """A top-level name, imported on first use; ``__version__`` read from the package metadata."""
    if name == "__version__":
        from childservices._version import installed_version

        globals()[name] = version = installed_version()
        return version
    return _names_getattr(name)


__all__ = sorted([*_LAZY, "__version__"])
