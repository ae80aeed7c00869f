"""Grades compare by quality; 'adequate' is not 'requires improvement'."""

import pytest

from childservices import Grade, IncomparableGradesError


def test_natural_order() -> None:
    assert Grade.OUTSTANDING > Grade.GOOD > Grade.REQUIRES_IMPROVEMENT > Grade.INADEQUATE
    assert Grade.GOOD > Grade.ADEQUATE > Grade.INADEQUATE
    assert sorted([Grade.GOOD, Grade.INADEQUATE, Grade.OUTSTANDING]) == [
        Grade.INADEQUATE,
        Grade.GOOD,
        Grade.OUTSTANDING,
    ]


def test_adequate_is_not_requires_improvement() -> None:
    assert Grade.ADEQUATE != Grade.REQUIRES_IMPROVEMENT
    with pytest.raises(IncomparableGradesError):
        _ = Grade.ADEQUATE < Grade.REQUIRES_IMPROVEMENT
    with pytest.raises(TypeError):  # also a TypeError, like other incomparable values
        _ = Grade.REQUIRES_IMPROVEMENT >= Grade.ADEQUATE


def test_rank_puts_them_on_one_scale_on_purpose() -> None:
    assert Grade.ADEQUATE.rank == Grade.REQUIRES_IMPROVEMENT.rank == 2


def test_label_is_ofsteds_wording() -> None:
    assert Grade.REQUIRES_IMPROVEMENT.label == "requires improvement to be good"
