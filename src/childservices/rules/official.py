"""Ofsted's national counting rules, as explicit parameters.

Ofsted's official statistics count, for each authority, its most recent
judgement from inspections carried out up to a reference date (usually 31
March) whose reports were published by a later cut-off (30 April in earlier
releases, 30 June from 2025). The single inspection framework era was
reported on two bases: each authority's first SIF judgement, or its latest
including re-inspections. :class:`CountingRule` names those choices so that
a published figure can be reproduced and the rule behind it seen.

**New councils.** Ofsted counts a council created by reorganisation as not
yet inspected until its own first inspection: Dorset and Bournemouth,
Christchurch and Poole from April 2019, North and West Northamptonshire from
April 2021 until their inspections of 2022, Cumberland and Westmorland and
Furness from April 2023 until 2024. A council that kept its predecessor's
Ofsted URN (Buckinghamshire in 2020, North Yorkshire and Somerset in 2023,
where the county council continued as the unitary council) keeps the
predecessor's record. That is :attr:`NewAuthorities.OWN_INSPECTIONS`, the
default here; :attr:`NewAuthorities.INHERIT` gives a new council its single
predecessor's judgement instead, as
:meth:`~childservices.AuthorityView.rating_on` does. Published counts that
show the difference: the national director's speech to the ADCS conference
in July 2022 (17 inadequate, not the 19 that inheriting gives: North and
West Northamptonshire would carry Northamptonshire's 2019 inadequate), and
the release "as at 31 March 2024" (60% good or outstanding of the 151
councils inspected, 36% in the North West; inheriting gives 59% and 33%).

Unit: authorities in existence on the reference date. Under the default
rule no judgement is counted for two authorities.
"""

from __future__ import annotations

import datetime
import enum
from collections import Counter
from collections.abc import Collection, Iterable

import attrs
import pendulum

from childservices.model import Area, Framework, Grade, Inspection, InspectionKind, as_date
from childservices.rules.asof import SIF_AND_LATER, RatingBasis, counts_for_rating, rating_from
from childservices.rules.carryover import Follows, always, keeps_predecessor_urn, rating_inspections
from childservices.rules.history import AuthorityHistory
from childservices.rules.ondate import active_on

__all__ = ["Basis", "CountingRule", "NewAuthorities", "OfficialCount", "official_count"]


class Basis(enum.Enum):
    """Which of an authority's judgements counts."""

    LATEST = "latest"
    """The most recent judgement, re-inspections included."""
    FIRST_SIF = "first_sif"
    """Each authority's first single inspection framework judgement (no re-inspections)."""


class NewAuthorities(enum.Enum):
    """How a council created by reorganisation is counted before its own first inspection."""

    OWN_INSPECTIONS = "own_inspections"
    """Ofsted's practice: not yet inspected until its own first inspection, unless it kept its
    predecessor's Ofsted URN (then it continues the predecessor's record; see
    :func:`~childservices.rules.lineage.continues_record`)."""
    INHERIT = "inherit"
    """It carries its single predecessor's judgement (none if it had several), as
    :meth:`~childservices.AuthorityView.rating_on` does."""


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
    ``new_authorities``: how a council created by reorganisation counts
    before its own first inspection (Ofsted's practice by default; see
    :class:`NewAuthorities`).
    """

    inspected_by: pendulum.Date = attrs.field(converter=_to_day)
    published_by: pendulum.Date = attrs.field(converter=_to_day)
    basis: Basis = Basis.LATEST
    frameworks: frozenset[Framework] = attrs.field(default=SIF_AND_LATER, converter=frozenset)
    rating_basis: RatingBasis | Area = RatingBasis.OVERALL
    new_authorities: NewAuthorities = NewAuthorities.OWN_INSPECTIONS

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
    """The result of counting under a rule: grades by count, and the judgement used per authority.

    Its ``repr`` is a one-line summary (the rule's days and the count by grade); the detail
    is an attribute away: ``by_grade``, ``judgements`` (the inspection counted for each
    authority), ``not_inspected``, ``not_given`` and ``rule``.
    """

    rule: CountingRule
    by_grade: Counter[Grade]
    judgements: dict[str, Inspection]
    not_inspected: tuple[str, ...]
    """Authorities in existence at the reference date with no eligible judgement (under the
    default rule, including new councils not yet inspected themselves)."""
    not_given: tuple[str, ...] = ()
    """Authorities whose counted inspection gave no overall judgement (the 2026 reform)."""

    def __repr__(self) -> str:
        """A short summary, as a data frame prints one: the detail is in the attributes."""
        counts = ", ".join(f"{g.value} {self.by_grade[g]}" for g in Grade if self.by_grade.get(g))
        return (
            f"<OfficialCount inspected by {self.rule.inspected_by}, published by "
            f"{self.rule.published_by}: {counts or 'none'}; not inspected "
            f"{len(self.not_inspected)}, not given {len(self.not_given)}; "
            f"detail in .by_grade, .judgements ({len(self.judgements)} authorities)>"
        )


def official_count(
    histories: Iterable[AuthorityHistory],
    rule: CountingRule,
    *,
    authorities: Collection[str] | None = None,
) -> OfficialCount:
    """Count each authority's judgement under ``rule`` (authorities in existence at the reference date).

    ``histories``: a dataset, some of its authorities, or histories of your
    own records (see :mod:`childservices.rules.history`), counted in the
    order given; ``authorities``: the ids to count, if not every one. The authority's own
    inspections count. Before its own first one, a council created by
    reorganisation is not yet inspected under Ofsted's practice (the
    default), unless it kept its predecessor's Ofsted URN; with
    ``NewAuthorities.INHERIT`` it carries its single predecessor's judgement.

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
    follows = _follows(rule)
    for authority in histories:
        if authorities is not None and authority.id not in authorities:
            continue
        if active_on(authority, rule.inspected_by) is not True:
            continue
        history = rating_inspections(authority, rule.frameworks, follows=follows)
        eligible = [i for i in history if rule.counts(i)]
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


def _follows(rule: CountingRule) -> Follows:
    """Which councils count their predecessor's judgements before their own first one."""
    return always if rule.new_authorities is NewAuthorities.INHERIT else keeps_predecessor_urn
