"""childservices: the typed, cited record of English local authority children's services.

>>> import childservices as cs
>>> ds = cs.load()
>>> ds.authority("Sandwell").name
'Sandwell'
"""

import importlib
from typing import TYPE_CHECKING, Any

from childservices.authority_view import AuthorityView, DeliveryOnDate, ImprovementAfter
from childservices.catalog import Catalog
from childservices.coverage import Coverage
from childservices.dataset import COMPANY_MODELS, Dataset
from childservices.errors import (
    ArgumentTypeError,
    ArgumentValueError,
    ChildServicesError,
    CoverageWarning,
    DatasetError,
    ExportError,
    FileRefusedError,
    IncomparableGradesError,
    InvalidDateError,
    LifecycleError,
    MissingExtraError,
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
    Visit,
    VisitKind,
    VisitTheme,
)
from childservices.rules.asof import ALL_FRAMEWORKS, SIF_AND_LATER, RatingBasis
from childservices.rules.intervention import Direction, InterventionStatus

if TYPE_CHECKING:
    from childservices.rules.aggregate import PanelRow, SurvivalRow, monthly, quarterly
    from childservices.rules.escalation import Finding, Outcome
    from childservices.rules.lineage import Lineage, Unit
    from childservices.rules.official import Basis, CountingRule, NewAuthorities, OfficialCount
    from childservices.rules.survival import Censoring, FollowUp, TimeToGood
    from childservices.rules.trajectory import Movement, Spell, Trajectory

__version__ = "0.1.0"

_LAZY = {
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
"""Top-level names whose modules are imported on first use, not with the package.

``import childservices`` then costs only what loading the dataset and the
common questions need (see the performance page); ``cs.Spell`` and
``from childservices import Spell`` work as before.
"""


def __getattr__(name: str) -> Any:
    """Import a top-level name's module when the name is first used (see ``_LAZY``)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The package's names, including those imported on first use."""
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "ALL_FRAMEWORKS",
    "COMPANY_MODELS",
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
    "Visit",
    "VisitKind",
    "VisitTheme",
    "__version__",
    "load",
    "load_seeds",
    "monthly",
    "quarterly",
]
