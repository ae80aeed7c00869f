"""childservices: the typed, cited record of English local authority children's services.

>>> import childservices as cs
>>> ds = cs.load()
>>> ds.authority("Sandwell").name
'Sandwell'
"""

from childservices.authority_view import AuthorityView, DeliveryOnDate, ImprovementAfter
from childservices.dataset import COMPANY_MODELS, Dataset
from childservices.errors import (
    ChildServicesError,
    DatasetError,
    IncomparableGradesError,
    InvalidDateError,
    LifecycleError,
    Problem,
    ReportError,
    UnknownAuthorityError,
)
from childservices.loading import load, load_seeds
from childservices.model import (
    NOT_GIVEN,
    Area,
    Authority,
    AuthorityKind,
    Citation,
    DeliveryEpisode,
    DeliveryModel,
    Framework,
    Grade,
    IdentifierScheme,
    InsourcingEvent,
    Inspection,
    InspectionKind,
    Intervention,
    InterventionKind,
    LifecycleEvent,
    LifecycleEventKind,
    LifecycleState,
    NoJudgement,
    PartialDate,
    Precision,
    Provider,
    Region,
    Source,
    TrustLifecycle,
)
from childservices.rules.aggregate import PanelRow, SurvivalRow, monthly, quarterly
from childservices.rules.asof import ALL_FRAMEWORKS, SIF_AND_LATER
from childservices.rules.escalation import Finding, Outcome
from childservices.rules.intervention import Direction, InterventionStatus
from childservices.rules.official import Basis, CountingRule, OfficialCount
from childservices.rules.trajectory import Movement, Spell, Trajectory

__version__ = "0.1.0"

__all__ = [
    "ALL_FRAMEWORKS",
    "COMPANY_MODELS",
    "NOT_GIVEN",
    "SIF_AND_LATER",
    "Area",
    "Authority",
    "AuthorityKind",
    "AuthorityView",
    "Basis",
    "ChildServicesError",
    "Citation",
    "CountingRule",
    "Dataset",
    "DatasetError",
    "DeliveryEpisode",
    "DeliveryModel",
    "DeliveryOnDate",
    "Direction",
    "Finding",
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
    "LifecycleError",
    "LifecycleEvent",
    "LifecycleEventKind",
    "LifecycleState",
    "Movement",
    "NoJudgement",
    "OfficialCount",
    "Outcome",
    "PanelRow",
    "PartialDate",
    "Precision",
    "Problem",
    "Provider",
    "Region",
    "ReportError",
    "Source",
    "Spell",
    "SurvivalRow",
    "Trajectory",
    "TrustLifecycle",
    "UnknownAuthorityError",
    "__version__",
    "load",
    "load_seeds",
    "monthly",
    "quarterly",
]
