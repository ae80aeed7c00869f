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
    )
    from childservices.authority_view import (
        DeliveryOnDate as DeliveryOnDate,
    )
    from childservices.authority_view import (
        ImprovementAfter as ImprovementAfter,
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
    )
    from childservices.dataset import (
        Dataset as Dataset,
    )
    from childservices.errors import (
        ArgumentTypeError as ArgumentTypeError,
    )
    from childservices.errors import (
        ArgumentValueError as ArgumentValueError,
    )
    from childservices.errors import (
        ChildServicesError as ChildServicesError,
    )
    from childservices.errors import (
        CoverageWarning as CoverageWarning,
    )
    from childservices.errors import (
        DatasetError as DatasetError,
    )
    from childservices.errors import (
        ExportError as ExportError,
    )
    from childservices.errors import (
        FileRefusedError as FileRefusedError,
    )
    from childservices.errors import (
        IncomparableGradesError as IncomparableGradesError,
    )
    from childservices.errors import (
        InvalidDateError as InvalidDateError,
    )
    from childservices.errors import (
        InvalidRecordError as InvalidRecordError,
    )
    from childservices.errors import (
        LifecycleError as LifecycleError,
    )
    from childservices.errors import (
        MissingExtraError as MissingExtraError,
    )
    from childservices.errors import (
        Problem as Problem,
    )
    from childservices.errors import (
        ReportError as ReportError,
    )
    from childservices.errors import (
        UnknownAuthorityError as UnknownAuthorityError,
    )
    from childservices.errors import (
        UnknownRecordError as UnknownRecordError,
    )
    from childservices.errors import (
        UpdateError as UpdateError,
    )
    from childservices.loading import (
        load as load,
    )
    from childservices.loading import (
        load_seeds as load_seeds,
    )
    from childservices.model import (
        NOT_GIVEN as NOT_GIVEN,
    )
    from childservices.model import (
        Area as Area,
    )
    from childservices.model import (
        Authority as Authority,
    )
    from childservices.model import (
        AuthorityKind as AuthorityKind,
    )
    from childservices.model import (
        Citation as Citation,
    )
    from childservices.model import (
        DeliveryEpisode as DeliveryEpisode,
    )
    from childservices.model import (
        DeliveryModel as DeliveryModel,
    )
    from childservices.model import (
        Framework as Framework,
    )
    from childservices.model import (
        Grade as Grade,
    )
    from childservices.model import (
        IdentifierScheme as IdentifierScheme,
    )
    from childservices.model import (
        InsourcingEvent as InsourcingEvent,
    )
    from childservices.model import (
        Inspection as Inspection,
    )
    from childservices.model import (
        InspectionKind as InspectionKind,
    )
    from childservices.model import (
        Intervention as Intervention,
    )
    from childservices.model import (
        InterventionKind as InterventionKind,
    )
    from childservices.model import (
        Judgement as Judgement,
    )
    from childservices.model import (
        LifecycleEvent as LifecycleEvent,
    )
    from childservices.model import (
        LifecycleEventKind as LifecycleEventKind,
    )
    from childservices.model import (
        LifecycleState as LifecycleState,
    )
    from childservices.model import (
        NoJudgement as NoJudgement,
    )
    from childservices.model import (
        PartialDate as PartialDate,
    )
    from childservices.model import (
        Precision as Precision,
    )
    from childservices.model import (
        Provider as Provider,
    )
    from childservices.model import (
        RecordSet as RecordSet,
    )
    from childservices.model import (
        Region as Region,
    )
    from childservices.model import (
        Source as Source,
    )
    from childservices.model import (
        TrustLifecycle as TrustLifecycle,
    )
    from childservices.model import (
        Visit as Visit,
    )
    from childservices.model import (
        VisitKind as VisitKind,
    )
    from childservices.model import (
        VisitTheme as VisitTheme,
    )
    from childservices.rules.aggregate import (
        PanelRow as PanelRow,
    )
    from childservices.rules.aggregate import (
        SurvivalRow as SurvivalRow,
    )
    from childservices.rules.aggregate import (
        monthly as monthly,
    )
    from childservices.rules.aggregate import (
        quarterly as quarterly,
    )
    from childservices.rules.asof import (
        ALL_FRAMEWORKS as ALL_FRAMEWORKS,
    )
    from childservices.rules.asof import (
        SIF_AND_LATER as SIF_AND_LATER,
    )
    from childservices.rules.asof import (
        RatingBasis as RatingBasis,
    )
    from childservices.rules.escalation import (
        Finding as Finding,
    )
    from childservices.rules.escalation import (
        Outcome as Outcome,
    )
    from childservices.rules.intervention import (
        Direction as Direction,
    )
    from childservices.rules.intervention import (
        InterventionStatus as InterventionStatus,
    )
    from childservices.rules.lineage import (
        Lineage as Lineage,
    )
    from childservices.rules.lineage import (
        Unit as Unit,
    )
    from childservices.rules.official import (
        Basis as Basis,
    )
    from childservices.rules.official import (
        CountingRule as CountingRule,
    )
    from childservices.rules.official import (
        NewAuthorities as NewAuthorities,
    )
    from childservices.rules.official import (
        OfficialCount as OfficialCount,
    )
    from childservices.rules.survival import (
        Censoring as Censoring,
    )
    from childservices.rules.survival import (
        FollowUp as FollowUp,
    )
    from childservices.rules.survival import (
        TimeToGood as TimeToGood,
    )
    from childservices.rules.trajectory import (
        Movement as Movement,
    )
    from childservices.rules.trajectory import (
        Spell as Spell,
    )
    from childservices.rules.trajectory import (
        Trajectory as Trajectory,
    )

_LAZY = {
    "AuthorityView": "childservices.authority_view",
    "DeliveryOnDate": "childservices.authority_view",
    "ImprovementAfter": "childservices.authority_view",
    "Catalog": "childservices.catalog",
    "Coverage": "childservices.coverage",
    "DATA_VERSION": "childservices.data.version",
    "COMPANY_MODELS": "childservices.dataset",
    "Dataset": "childservices.dataset",
    "ArgumentTypeError": "childservices.errors",
    "ArgumentValueError": "childservices.errors",
    "ChildServicesError": "childservices.errors",
    "CoverageWarning": "childservices.errors",
    "DatasetError": "childservices.errors",
    "ExportError": "childservices.errors",
    "FileRefusedError": "childservices.errors",
    "IncomparableGradesError": "childservices.errors",
    "InvalidDateError": "childservices.errors",
    "InvalidRecordError": "childservices.errors",
    "LifecycleError": "childservices.errors",
    "MissingExtraError": "childservices.errors",
    "Problem": "childservices.errors",
    "ReportError": "childservices.errors",
    "UnknownAuthorityError": "childservices.errors",
    "UnknownRecordError": "childservices.errors",
    "UpdateError": "childservices.errors",
    "load": "childservices.loading",
    "load_seeds": "childservices.loading",
    "Area": "childservices.model",
    "Authority": "childservices.model",
    "AuthorityKind": "childservices.model",
    "Citation": "childservices.model",
    "DeliveryEpisode": "childservices.model",
    "DeliveryModel": "childservices.model",
    "Framework": "childservices.model",
    "Grade": "childservices.model",
    "IdentifierScheme": "childservices.model",
    "InsourcingEvent": "childservices.model",
    "Inspection": "childservices.model",
    "InspectionKind": "childservices.model",
    "Intervention": "childservices.model",
    "InterventionKind": "childservices.model",
    "Judgement": "childservices.model",
    "LifecycleEvent": "childservices.model",
    "LifecycleEventKind": "childservices.model",
    "LifecycleState": "childservices.model",
    "NOT_GIVEN": "childservices.model",
    "NoJudgement": "childservices.model",
    "PartialDate": "childservices.model",
    "Precision": "childservices.model",
    "Provider": "childservices.model",
    "RecordSet": "childservices.model",
    "Region": "childservices.model",
    "Source": "childservices.model",
    "TrustLifecycle": "childservices.model",
    "Visit": "childservices.model",
    "VisitKind": "childservices.model",
    "VisitTheme": "childservices.model",
    "ALL_FRAMEWORKS": "childservices.rules.asof",
    "RatingBasis": "childservices.rules.asof",
    "SIF_AND_LATER": "childservices.rules.asof",
    "Direction": "childservices.rules.intervention",
    "InterventionStatus": "childservices.rules.intervention",
    "PanelRow": "childservices.rules.aggregate",
    "SurvivalRow": "childservices.rules.aggregate",
    "monthly": "childservices.rules.aggregate",
    "quarterly": "childservices.rules.aggregate",
    "Finding": "childservices.rules.escalation",
    "Outcome": "childservices.rules.escalation",
    "Lineage": "childservices.rules.lineage",
    "Unit": "childservices.rules.lineage",
    "Basis": "childservices.rules.official",
    "CountingRule": "childservices.rules.official",
    "NewAuthorities": "childservices.rules.official",
    "OfficialCount": "childservices.rules.official",
    "Censoring": "childservices.rules.survival",
    "FollowUp": "childservices.rules.survival",
    "TimeToGood": "childservices.rules.survival",
    "Movement": "childservices.rules.trajectory",
    "Spell": "childservices.rules.trajectory",
    "Trajectory": "childservices.rules.trajectory",
}
"""Every top-level name and the module that defines it, imported on first use.

``import childservices`` imports nothing else: the record types, the loader
and the rules come when a name is first used (``cs.load()``, ``cs.Grade``),
so a program pays only for what it asks (see the performance page).
"""

_names_getattr, __dir__ = lazy_names(__name__, globals(), _LAZY)


def __getattr__(name: str) -> object:
    """A top-level name, imported on first use; ``__version__`` read from the package metadata."""
    if name == "__version__":
        from childservices._version import installed_version

        return installed_version()
    return _names_getattr(name)


__all__ = [
    "ALL_FRAMEWORKS",
    "COMPANY_MODELS",
    "DATA_VERSION",
    "NOT_GIVEN",
    "SIF_AND_LATER",
    "Area",
    "ArgumentTypeError",
    "ArgumentValueError",
    "Authority",
    "AuthorityKind",
    "AuthorityView",
    "Basis",
    "Catalog",
    "Censoring",
    "ChildServicesError",
    "Citation",
    "CountingRule",
    "Coverage",
    "CoverageWarning",
    "Dataset",
    "DatasetError",
    "DeliveryEpisode",
    "DeliveryModel",
    "DeliveryOnDate",
    "Direction",
    "ExportError",
    "FileRefusedError",
    "Finding",
    "FollowUp",
    "Framework",
    "Grade",
    "IdentifierScheme",
    "ImprovementAfter",
    "IncomparableGradesError",
    "InsourcingEvent",
    "Inspection",
    "InspectionKind",
    "Intervention",
    "InterventionKind",
    "InterventionStatus",
    "InvalidDateError",
    "InvalidRecordError",
    "Judgement",
    "LifecycleError",
    "LifecycleEvent",
    "LifecycleEventKind",
    "LifecycleState",
    "Lineage",
    "MissingExtraError",
    "Movement",
    "NewAuthorities",
    "NoJudgement",
    "OfficialCount",
    "Outcome",
    "PanelRow",
    "PartialDate",
    "Precision",
    "Problem",
    "Provider",
    "RatingBasis",
    "RecordSet",
    "Region",
    "ReportError",
    "Source",
    "Spell",
    "SurvivalRow",
    "TimeToGood",
    "Trajectory",
    "TrustLifecycle",
    "Unit",
    "UnknownAuthorityError",
    "UnknownRecordError",
    "UpdateError",
    "Visit",
    "VisitKind",
    "VisitTheme",
    "__version__",
    "load",
    "load_seeds",
    "monthly",
    "quarterly",
]
