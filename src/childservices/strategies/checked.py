"""Checked datasets built from generated record sets, ready for questions (re-exported from
:mod:`childservices.strategies`).

Strategies are test support at the facade's layer: they build
:class:`~childservices.Dataset` objects, importing it only when a strategy is made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hypothesis import strategies as st

from childservices.strategies.consistent import record_sets
from childservices.strategies.reorganised import reorganised_record_sets

if TYPE_CHECKING:
    from childservices.dataset import Dataset

__all__ = ["datasets", "reorganised_datasets"]


def datasets(*, max_authorities: int = 3) -> st.SearchStrategy[Dataset]:
    """Small checked datasets (see :func:`record_sets`), ready for questions."""
    from childservices.dataset import Dataset

    return record_sets(max_authorities=max_authorities).map(Dataset.from_records)


def reorganised_datasets(
    *, max_founding: int = 4, max_reorganisations: int = 3
) -> st.SearchStrategy[Dataset]:
    """Checked datasets shaped by reorganisation (see :func:`reorganised_record_sets`)."""
    from childservices.dataset import Dataset

    return reorganised_record_sets(
        max_founding=max_founding, max_reorganisations=max_reorganisations
    ).map(Dataset.from_records)
