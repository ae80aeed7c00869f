"""Ofsted's grades, ordered by quality.

Best first: outstanding, good, requires improvement (to be good),
inadequate. Before November 2013 the third grade was *adequate*. Adequate and
requires improvement stand at the same place on their scales but are
different judgements: they are never equal, and ordering one against the
other raises :class:`~childservices.IncomparableGradesError`. Every other
pair compares naturally, so ``Grade.GOOD > Grade.INADEQUATE`` and
``sorted(grades)`` puts the worst first. To put adequate and requires
improvement on one scale on purpose, use :attr:`Grade.rank`.

Sources write grades in words ('Requires improvement to be good', 'good',
'require improvement' in a report's sentence): :func:`grade_from_text` reads
them all, from the one table of spellings :data:`GRADE_WORDS`.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Mapping
from types import MappingProxyType
from typing import overload

from childservices.errors import ArgumentValueError, IncomparableGradesError

__all__ = ["GRADE_WORDS", "Grade", "NoJudgement", "Overall", "grade_from_text"]


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


GRADE_WORDS: Mapping[str, Grade] = MappingProxyType(
    {
        "outstanding": Grade.OUTSTANDING,
        "good": Grade.GOOD,
        "requires improvement to be good": Grade.REQUIRES_IMPROVEMENT,
        "requires improvement": Grade.REQUIRES_IMPROVEMENT,
        "require improvement to be good": Grade.REQUIRES_IMPROVEMENT,
        "require improvement": Grade.REQUIRES_IMPROVEMENT,
        "adequate": Grade.ADEQUATE,
        "inadequate": Grade.INADEQUATE,
    }
)
"""Every spelling of a grade the sources use, in lower case: Ofsted's labels, 'requires
improvement' without 'to be good' (Data to Insight's tables, many reports), and the plural
verb of a report's sentence ('children's services require improvement to be good')."""

_VERB_FORMS = frozenset({"require improvement to be good", "require improvement"})
"""The spellings written only as the verb of a sentence, never in a table's cell."""


@overload
def grade_from_text(
    text: str,
    *,
    scale: Collection[Grade] = ...,
    prose: bool = ...,
    unknown: Collection[str] = ...,
) -> Grade | None: ...


@overload
def grade_from_text(
    text: str,
    *,
    scale: Collection[Grade] = ...,
    prose: bool = ...,
    unknown: Collection[str] = ...,
    not_given: Collection[str],
) -> Overall | None: ...


def grade_from_text(
    text: str,
    *,
    scale: Collection[Grade] = frozenset(Grade),
    prose: bool = False,
    unknown: Collection[str] = (),
    not_given: Collection[str] = (),
) -> Overall | None:
    """The grade a source writes as ``text`` (any case, spaces around it ignored).

    ``unknown``: the words the source writes for a grade it does not know
    (``nan``, ``-``; in lower case), read as ``None``. ``not_given``: the
    words it writes for a judgement the framework does not give, read as
    :data:`~childservices.NOT_GIVEN`. ``scale``: the grades the source can
    hold (Data to Insight's tables have no 'adequate': there it is refused).
    ``prose``: the text comes from a sentence, so the plural verb ('require
    improvement') is a grade too. Anything else raises
    :class:`~childservices.errors.ArgumentValueError` naming what was expected.

    >>> grade_from_text("Requires improvement to be good")
    <Grade.REQUIRES_IMPROVEMENT: 'requires_improvement'>
    >>> grade_from_text("nan", unknown={"nan"}) is None
    True
    """
    word = text.strip().lower()
    if word in unknown:
        return None
    if word in not_given:
        return NoJudgement.NOT_GIVEN
    grade = GRADE_WORDS.get(word)
    if grade is None or grade not in scale or (word in _VERB_FORMS and not prose):
        expected = [
            spelling
            for spelling, named in GRADE_WORDS.items()
            if named in scale and (prose or spelling not in _VERB_FORMS)
        ]
        choices = [", ".join(expected)]
        if unknown:
            choices.append(" or ".join(map(repr, sorted(unknown))) + " for a grade not known")
        if not_given:
            choices.append(" or ".join(map(repr, sorted(not_given))) + " for no judgement given")
        raise ArgumentValueError(f"{text!r} is not a grade: expected {'; '.join(choices)}")
    return grade
