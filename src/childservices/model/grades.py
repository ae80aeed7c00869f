"""Ofsted's grades, ordered by quality.

Best first: outstanding, good, requires improvement (to be good),
inadequate. Before November 2013 the third grade was *adequate*. Adequate and
requires improvement stand at the same place on their scales but are
different judgements: they are never equal, and ordering one against the
other raises :class:`~childservices.IncomparableGradesError`. Every other
pair compares naturally, so ``Grade.GOOD > Grade.INADEQUATE`` and
``sorted(grades)`` puts the worst first. To put adequate and requires
improvement on one scale on purpose, use :attr:`Grade.rank`.
"""

from __future__ import annotations

import enum

from childservices.errors import IncomparableGradesError

__all__ = ["Grade", "NoJudgement", "Overall"]


class Grade(enum.Enum):
    """An Ofsted grade. Comparisons mean "better than"."""

    OUTSTANDING = "outstanding"
    GOOD = "good"
    REQUIRES_IMPROVEMENT = "requires_improvement"
    ADEQUATE = "adequate"
    INADEQUATE = "inadequate"

    @property
    def rank(self) -> int:
        """4 for outstanding down to 1 for inadequate; adequate and requires improvement are 2."""
        return _RANKS[self]

    @property
    def label(self) -> str:
        """The grade as Ofsted writes it."""
        return _LABELS[self]

    def _rank_against(self, other: object) -> tuple[int, int] | None:
        if not isinstance(other, Grade):
            return None
        if {self, other} == {Grade.ADEQUATE, Grade.REQUIRES_IMPROVEMENT}:
            raise IncomparableGradesError(
                "'adequate' (before November 2013) and 'requires improvement' are different "
                "judgements; compare Grade.rank to treat them alike on purpose"
            )
        return self.rank, other.rank

    def __lt__(self, other: object) -> bool:
        ranks = self._rank_against(other)
        if ranks is None:
            return NotImplemented
        return ranks[0] < ranks[1]

    def __le__(self, other: object) -> bool:
        ranks = self._rank_against(other)
        if ranks is None:
            return NotImplemented
        return ranks[0] <= ranks[1]

    def __gt__(self, other: object) -> bool:
        ranks = self._rank_against(other)
        if ranks is None:
            return NotImplemented
        return ranks[0] > ranks[1]

    def __ge__(self, other: object) -> bool:
        ranks = self._rank_against(other)
        if ranks is None:
            return NotImplemented
        return ranks[0] >= ranks[1]

    def __str__(self) -> str:
        return self.label


_RANKS = {
    Grade.OUTSTANDING: 4,
    Grade.GOOD: 3,
    Grade.REQUIRES_IMPROVEMENT: 2,
    Grade.ADEQUATE: 2,
    Grade.INADEQUATE: 1,
}
_LABELS = {
    Grade.OUTSTANDING: "outstanding",
    Grade.GOOD: "good",
    Grade.REQUIRES_IMPROVEMENT: "requires improvement to be good",
    Grade.ADEQUATE: "adequate",
    Grade.INADEQUATE: "inadequate",
}


class NoJudgement(enum.Enum):
    """An overall judgement that does not exist, as opposed to one that is unknown.

    ``NOT_GIVEN``: the framework gives no overall judgement (the 2009-2012
    safeguarding and looked after children inspections judged two areas
    separately; ILACS as reformed from April 2026; ungraded visits).
    An unknown judgement is ``None``.
    """

    NOT_GIVEN = "not_given"

    def __str__(self) -> str:
        return "no overall judgement under this framework"


Overall = Grade | NoJudgement
"""An overall judgement: a grade, or a statement that the framework gives none."""
