"""The colours and markers every figure shares, and the legend's words for them (re-exported
from :mod:`childservices.plot`).

Greens for good and outstanding, amber for requires improvement, a paler
brown for 'adequate' (a different judgement from requires improvement, never
drawn alike), red for inadequate and grey where a framework gives no overall
judgement.
"""

from __future__ import annotations

from childservices.model import (
    NOT_GIVEN,
    DeliveryModel,
    Grade,
    InterventionKind,
    NoJudgement,
    VisitKind,
)

__all__ = [
    "DELIVERY_COLOURS",
    "GRADE_COLOURS",
    "INTERVENTION_MARKERS",
    "VISIT_COLOURS",
    "VISIT_MARKERS",
]

GRADE_COLOURS: dict[Grade | NoJudgement | None, str] = {
    Grade.OUTSTANDING: "#1b7837",
    Grade.GOOD: "#7fbf7b",
    Grade.REQUIRES_IMPROVEMENT: "#f1a340",
    Grade.ADEQUATE: "#d8b98a",
    Grade.INADEQUATE: "#c2334d",
    NOT_GIVEN: "#bababa",
    None: "#ffffff",
}
"""The colour of each overall judgement; ``None`` (unknown) is white."""

DELIVERY_COLOURS: dict[DeliveryModel, str] = {
    DeliveryModel.IN_HOUSE: "#e8e8e8",
    DeliveryModel.CHILDRENS_TRUST: "#3b6ea8",
    DeliveryModel.COUNCIL_COMPANY: "#6a51a3",
    DeliveryModel.MULTI_COUNCIL_COMPANY: "#9e9ac8",
    DeliveryModel.PARTNERSHIP: "#35978f",
    DeliveryModel.SHARED_SERVICE: "#bf812d",
}
"""The colour of each delivery model."""

INTERVENTION_MARKERS: dict[InterventionKind, str] = {
    InterventionKind.IMPROVEMENT_NOTICE: "o",
    InterventionKind.NOTICE_LIFTED: "x",
    InterventionKind.STATUTORY_DIRECTION: "s",
    InterventionKind.REVISED_DIRECTION: "D",
    InterventionKind.DIRECTION_REVOKED: "X",
    InterventionKind.COMMISSIONER_APPOINTED: "^",
    InterventionKind.COMMISSIONER_RECOMMENDATION: "*",
    InterventionKind.MINISTERIAL_DECISION: "P",
    InterventionKind.CONTINUES: "|",
}
"""The marker of each intervention step (matplotlib marker codes)."""

VISIT_MARKERS: dict[VisitKind, str] = {
    VisitKind.FOCUSED: "v",
    VisitKind.MONITORING: "d",
}
"""The marker of each kind of visit (matplotlib marker codes)."""

VISIT_COLOURS: dict[VisitKind, str] = {
    VisitKind.FOCUSED: "#5e8fbf",
    VisitKind.MONITORING: "#8c6bb1",
}
"""The colour of each kind of visit."""

_PRIORITY_FILL: dict[bool | None, str] = {True: "#c2334d", False: "#7fbf7b", None: "#ffffff"}
"""A focused visit's marker fill: red where areas for priority action were named, green
where the letter named none, white where no source says."""


def _visit_fill(kind: VisitKind, priority_action: bool | None) -> str:
    """A visit marker's fill: a focused visit's says what its letter found."""
    return _PRIORITY_FILL[priority_action] if kind is VisitKind.FOCUSED else VISIT_COLOURS[kind]


def _visit_label(kind: VisitKind, priority_action: bool | None) -> str:
    """The legend's words for a kind of visit (and for a focused one, what its letter found)."""
    if kind is not VisitKind.FOCUSED:
        return f"{kind.value} visit"
    found = {True: "priority action named", False: "no priority action", None: "findings not known"}
    return f"focused visit, {found[priority_action]}"


def _grade_label(grade: Grade | NoJudgement | None) -> str:
    """The legend's words for an overall judgement."""
    if grade is None:
        return "unknown"
    if isinstance(grade, NoJudgement):
        return "no overall judgement"
    return grade.label


def _model_label(model: DeliveryModel) -> str:
    """The legend's words for a delivery model ('children's trust')."""
    return model.value.replace("_", " ").replace("childrens", "children's")
