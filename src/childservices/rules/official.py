"""Ofsted's national counting rules, as explicit parameters.

Ofsted's official statistics count, for each authority, its most recent
judgement from inspections carried out up to a reference date (usually 31
March) whose reports were published by a later cut-off (30 April in earlier
releases, 30 June from 2025). The single inspection framework era was
reported on two bases: each authority's first SIF judgement, or its latest
including re-inspections. :class:`CountingRule` names those choices so that
a published figure can be reproduced and the rule behind it seen.
"""

from __future__ import annotations

import datetime
import enum
from collections import Counter
from collections.abc import Collection
from typing import TYPE_CHECKING

import attrs
import pendulum

from childservices.model import Area, Framework, Grade, Inspection, InspectionKind, as_date
from childservices.rules.asof import SIF_AND_LATER, RatingBasis, counts_for_rating, rating_from

if TYPE_CHECKING:
    from childservices.dataset import Dataset

__all__ = ["Basis", "CountingRule", "OfficialCount", "official_count"]


class Basis(enum.Enum):
    """Which of an authority's judgements counts."""

    LATEST = "latest"
    """The most recent judgement, re-inspections included."""
    FIRST_SIF = "first_sif"
    """Each authority's first single inspection framework judgement (no re-inspections)."""


def _to_day(value: str | datetime.date) -> pendulum.Date:
    return as_date(value)


@attrs.frozen(kw_only=True)
class CountingRule:
    """How a national figure counts judgements.

    ``inspected_by``: inspections whose fieldwork ended on or before this day
    (the reference date; the publication date is used where the end is not
    recorded). ``published_by``: reports published on or before this day.
    ``rating_basis``: what is counted (see :class:`~childservices.RatingBasis`):
    by default each authority's overall judgement, an authority whose counted
    inspection gave none (the 2026 reform) being listed apart in
    :attr:`OfficialCount.not_given`; ``RatingBasis.LATEST_OVERALL`` counts its
    latest overall judgement however old; an :class:`~childservices.Area`
    counts that judgement's grades.
    """

    inspected_by: pendulum.Date = attrs.field(converter=_to_day)
    published_by: pendulum.Date = attrs.field(converter=_to_day)
    basis: Basis = Basis.LATEST
    frameworks: frozenset[Framework] = attrs.field(default=SIF_AND_LATER, converter=frozenset)
    rating_basis: RatingBasis | Area = RatingBasis.OVERALL

    def counts(self, inspection: Inspection) -> bool:
        """Whether an inspection is eligible under this rule."""
        if not counts_for_rating(inspection, self.frameworks):
            return False
        value = rating_from(inspection, self.rating_basis)
        if self.rating_basis is RatingBasis.OVERALL:
            if value is None:  # an unknown overall judgement is not counted
                return False
        elif not isinstance(value, Grade):
            return False
        if self.basis is Basis.FIRST_SIF and (
            inspection.framework is not Framework.SIF
            or inspection.kind is InspectionKind.REINSPECTION
        ):
            return False
        ended = inspection.end or inspection.published
        return (
            ended.latest <= self.inspected_by and inspection.published.latest <= self.published_by
        )


@attrs.frozen(kw_only=True)
class OfficialCount:
    """The result of counting under a rule: grades by count, and the judgement used per authority."""

    rule: CountingRule
    by_grade: Counter[Grade]
    judgements: dict[str, Inspection]
    not_inspected: tuple[str, ...]
    """Authorities in existence at the reference date with no eligible judgement."""
    not_given: tuple[str, ...] = ()
    """Authorities whose counted inspection gave no overall judgement (the 2026 reform)."""


def official_count(
    dataset: Dataset, rule: CountingRule, *, authorities: Collection[str] | None = None
) -> OfficialCount:
    """Count each authority's judgement under ``rule`` (authorities in existence at the reference date).

    The authority's own inspections count, and, for an authority formed from
    exactly one predecessor, the predecessor's before its own first one (as
    for :meth:`~childservices.AuthorityView.rating_on`).

    >>> import childservices as cs
    >>> from childservices.rules.official import CountingRule, official_count
    >>> count = official_count(cs.load(), CountingRule(inspected_by="2025-03-31", published_by="2025-06-30"))
    >>> sorted((g.value, n) for g, n in count.by_grade.items())
    [('good', 67), ('inadequate', 19), ('outstanding', 36), ('requires_improvement', 31)]
    """
    by_grade: Counter[Grade] = Counter()
    chosen: dict[str, Inspection] = {}
    missing = []
    not_given: list[str] = []
    for authority in dataset.authorities(active_on=rule.inspected_by):
        if authorities is not None and authority.id not in authorities:
            continue
        eligible = [
            i for i in authority.rating_inspections(frameworks=rule.frameworks) if rule.counts(i)
        ]
        if not eligible:
            missing.append(authority.id)
            continue
        pick = eligible[0] if rule.basis is Basis.FIRST_SIF else eligible[-1]
        chosen[authority.id] = pick
        value = rating_from(pick, rule.rating_basis)
        if isinstance(value, Grade):
            by_grade[value] += 1
        else:
            not_given.append(authority.id)
    return OfficialCount(
        rule=rule,
        by_grade=by_grade,
        judgements=chosen,
        not_inspected=tuple(missing),
        not_given=tuple(not_given),
    )
