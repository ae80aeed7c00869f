"""Intervention escalation rules, evaluated against the record.

A rule is data: what triggers it, what is expected to follow, and how long
is allowed. Evaluating a rule on a day gives one :class:`Finding` per
trigger: the record **followed** the rule, **departed** from it, the window
is still **open**, or the data needed to judge is **missing**. Users can
build their own rules from the same classes, and evaluate them on any
authorities' histories (:mod:`childservices.rules.history`).

The rules the seed documents describe are in :data:`SEED_RULES`:

- *six months to improve* (seed 002, Children & Young People Now, 5 January
  2016): from the December 2015 announcement, an authority judged
  inadequate has six months to improve before a commissioner is sent in;
- *recommendation followed*: when a commissioner recommends a trust or a
  partnership, services move to that model.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Iterable, Mapping, Sequence

import attrs
import pendulum

from childservices.model import (
    DeliveryEpisode,
    DeliveryModel,
    Grade,
    Intervention,
    InterventionKind,
    Recommendation,
    as_date,
)
from childservices.rules.history import AuthorityHistory
from childservices.rules.trajectory import Spell, trajectory_of

__all__ = [
    "SEED_RULES",
    "CommissionerAfterInadequate",
    "EscalationRule",
    "Finding",
    "Outcome",
    "RecommendationFollowed",
    "evaluate",
]


class Outcome(enum.Enum):
    """What the record shows for one trigger of a rule."""

    FOLLOWED = "followed"
    DEPARTED = "departed"
    OPEN = "open"
    """The rule's window had not closed by the day of evaluation."""
    MISSING = "missing"
    """A date needed to judge is not in the record."""


@attrs.frozen(kw_only=True)
class Finding:
    """One trigger of a rule and what followed."""

    rule: str
    authority: str
    trigger: str
    """The id of the record that triggered the rule."""
    triggered_on: pendulum.Date | None
    outcome: Outcome
    evidence: tuple[str, ...] = ()
    """Ids of the records that show the outcome."""
    note: str = ""


@attrs.frozen(kw_only=True)
class CommissionerAfterInadequate:
    """After an inadequate rating published from ``policy_from``, a commissioner within a window.

    Triggered by each inadequate rating (SIF and later) published on or after
    ``policy_from`` that follows a better one (a run of inadequate ratings is
    one trigger). An authority with no intervention history in the dataset
    gives ``missing``: the dataset cannot tell "no commissioner" from
    "not recorded". Followed when a commissioner is appointed within
    ``improve_within_days`` plus ``grace_days`` of the publication, unless the
    authority improved first (then no commissioner is expected and the
    finding is followed). Departed when neither happened.
    """

    id: str = "commissioner-after-six-months"
    description: str = (
        "An authority judged inadequate has six months to improve before a commissioner "
        "is sent in (announced December 2015; seed 002)."
    )
    policy_from: pendulum.Date = attrs.field(factory=lambda: pendulum.Date(2015, 12, 14))
    improve_within_days: int = 183
    grace_days: int = 183

    def evaluate(self, histories: Iterable[AuthorityHistory], day: pendulum.Date) -> list[Finding]:
        """Findings for every trigger up to ``day``, authority by authority in the order given."""
        findings = []
        for authority in histories:
            spells = trajectory_of(authority, until=day).spells
            for index, spell in enumerate(spells):
                if spell.grade is not Grade.INADEQUATE or spell.start < self.policy_from:
                    continue
                if spell.inspection.authority != authority.id:
                    continue  # a predecessor's rating: judged under the predecessor
                if index > 0 and spells[index - 1].grade is Grade.INADEQUATE:
                    continue  # still inadequate: the same episode of failure
                findings.append(self._finding(authority, spells, index, day))
        return findings

    def _finding(
        self, authority: AuthorityHistory, spells: Sequence[Spell], index: int, day: pendulum.Date
    ) -> Finding:
        """What followed the inadequate rating that starts ``spells[index]``."""
        spell = spells[index]
        deadline = spell.start.add(days=self.improve_within_days + self.grace_days)
        improved = next(
            (
                s
                for s in spells[index + 1 :]
                if isinstance(s.grade, Grade) and s.grade is not Grade.INADEQUATE
            ),
            None,
        )
        appointed = [
            step
            for step in authority.interventions
            if step.kind is InterventionKind.COMMISSIONER_APPOINTED
            and step.date is not None
            and step.date.latest >= spell.start.subtract(days=365)
            and step.date.earliest <= deadline
        ]
        undated = [
            step
            for step in authority.interventions
            if step.kind is InterventionKind.COMMISSIONER_APPOINTED and step.date is None
        ]
        if appointed:
            outcome, evidence = Outcome.FOLLOWED, tuple(s.id for s in appointed)
        elif improved is not None and improved.start <= deadline:
            outcome, evidence = Outcome.FOLLOWED, (improved.inspection.id,)
        elif undated:
            outcome, evidence = Outcome.MISSING, tuple(s.id for s in undated)
        elif not authority.interventions:
            outcome, evidence = Outcome.MISSING, ()
        elif deadline > day:
            outcome, evidence = Outcome.OPEN, ()
        else:
            outcome, evidence = Outcome.DEPARTED, ()
        return Finding(
            rule=self.id,
            authority=authority.id,
            trigger=spell.inspection.id,
            triggered_on=spell.start,
            outcome=outcome,
            evidence=evidence,
        )


_MODELS_FOR: dict[Recommendation, frozenset[DeliveryModel]] = {
    Recommendation.TRUST: frozenset(
        {
            DeliveryModel.CHILDRENS_TRUST,
            DeliveryModel.COUNCIL_COMPANY,
            DeliveryModel.MULTI_COUNCIL_COMPANY,
        }
    ),
    Recommendation.PARTNERSHIP: frozenset({DeliveryModel.PARTNERSHIP}),
}


@attrs.frozen(kw_only=True)
class RecommendationFollowed:
    """After a commissioner recommends a trust or a partnership, services move to it within a window.

    Followed when a delivery episode of the recommended model starts within
    ``within_days`` of the recommendation (or started up to a year before
    it, when the recommendation confirmed an arrangement already made).
    A recommendation to keep services in-house is followed when no trust
    or partnership starts in the window. With no delivery episode recorded
    for the authority at all, a trust or partnership recommendation gives
    ``missing``.
    """

    id: str = "recommendation-followed"
    description: str = (
        "Where a commissioner recommends removing services to a trust or a partnership, "
        "the services move to that model."
    )
    within_days: int = 3 * 365
    kinds: frozenset[InterventionKind] = frozenset(
        {InterventionKind.COMMISSIONER_RECOMMENDATION, InterventionKind.MINISTERIAL_DECISION}
    )

    def evaluate(self, histories: Iterable[AuthorityHistory], day: pendulum.Date) -> list[Finding]:
        """Findings for every recommendation up to ``day``, authority by authority in the order
        given; an authority's successors are those among ``histories``."""
        chosen = list(histories)
        successors = _successors(chosen)
        findings = []
        for authority in chosen:
            lineage = [authority, *successors.get(authority.id, ())]
            episodes = [e for a in lineage for e in a.deliveries]
            for step in authority.interventions:
                if step.kind not in self.kinds or step.outcome is None:
                    continue
                if step.outcome is Recommendation.OTHER:
                    continue
                if step.date is None:
                    findings.append(
                        Finding(
                            rule=self.id,
                            authority=authority.id,
                            trigger=step.id,
                            triggered_on=None,
                            outcome=Outcome.MISSING,
                            note="the recommendation is not dated",
                        )
                    )
                    continue
                if step.date.latest > day:
                    continue
                findings.append(self._finding(authority.id, step, episodes, day))
        return findings

    def _finding(
        self,
        authority: str,
        step: Intervention,
        episodes: Sequence[DeliveryEpisode],
        day: pendulum.Date,
    ) -> Finding:
        """Whether services moved as the dated recommendation ``step`` said."""
        assert step.date is not None and step.outcome is not None
        window_end = step.date.earliest.add(days=self.within_days)
        started = [
            e
            for e in episodes
            if e.model.alternative
            and step.date.earliest.subtract(days=365) <= e.start.latest
            and e.start.earliest <= window_end
        ]
        if step.outcome is Recommendation.IN_HOUSE_WITH_SUPPORT:
            moved = [e for e in started if e.start.earliest >= step.date.earliest]
            if moved:
                outcome = Outcome.DEPARTED
            else:
                outcome = Outcome.OPEN if window_end > day else Outcome.FOLLOWED
            evidence = tuple(e.id for e in moved)
        else:
            matching = [e for e in started if e.model in _MODELS_FOR[step.outcome]]
            if matching:
                outcome = Outcome.FOLLOWED
            elif not episodes:
                outcome = Outcome.OPEN if window_end > day else Outcome.MISSING
            else:
                outcome = Outcome.OPEN if window_end > day else Outcome.DEPARTED
            evidence = tuple(e.id for e in matching)
        return Finding(
            rule=self.id,
            authority=authority,
            trigger=step.id,
            triggered_on=step.date.latest,
            outcome=outcome,
            evidence=evidence,
        )


def _successors(
    histories: Sequence[AuthorityHistory],
) -> Mapping[str, tuple[AuthorityHistory, ...]]:
    """Each authority's successors among ``histories``, in order of the day they were created
    (the day of the reorganisation), then by id."""
    found: dict[str, list[AuthorityHistory]] = {}
    for history in histories:
        for predecessor in history.predecessors:
            found.setdefault(predecessor.id, []).append(history)
    return {key: tuple(sorted(value, key=_creation_key)) for key, value in found.items()}


def _creation_key(history: AuthorityHistory) -> tuple[object, ...]:
    start = history.record.active_from
    return (start.sort_key() if start is not None else (), history.id)


EscalationRule = CommissionerAfterInadequate | RecommendationFollowed
"""The rule types; each has ``id``, ``description`` and ``evaluate(histories, day)``."""

SEED_RULES: tuple[EscalationRule, ...] = (
    CommissionerAfterInadequate(),
    RecommendationFollowed(),
)
"""The escalation rules the seed documents describe, with their default windows."""


def evaluate(
    histories: Iterable[AuthorityHistory],
    *,
    on: str | pendulum.Date,
    rules: Iterable[EscalationRule] = SEED_RULES,
    authorities: Collection[str] | None = None,
) -> tuple[Finding, ...]:
    """Every finding of every rule as the record stood on ``on``.

    ``histories``: a dataset, some of its authorities, or histories of your
    own records (see :mod:`childservices.rules.history`).

    >>> import childservices as cs
    >>> findings = evaluate(cs.load(), on="2026-06-30", authorities={"nottingham"})
    >>> [(f.trigger, f.outcome.value) for f in findings if f.rule == "commissioner-after-six-months"]
    [('nottingham-ilacs-2022-09-05', 'departed')]
    """
    day = as_date(on)
    chosen = list(histories)
    found = [f for rule in rules for f in rule.evaluate(chosen, day)]
    if authorities is not None:
        found = [f for f in found if f.authority in authorities]
    return tuple(sorted(found, key=lambda f: (f.rule, f.authority, f.triggered_on or day)))
