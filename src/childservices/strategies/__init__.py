"""Hypothesis strategies for the record types, for property tests of your own code.

Needs the ``test`` extra (``pip install 'childservices[test]'``, or
``'.[test]'`` in a checkout). Every
strategy generates values the library itself accepts; ``lifecycles(valid=False)``
generates event sequences that :class:`~childservices.TrustLifecycle` must
refuse. :func:`record_sets` and :func:`datasets` generate small consistent
datasets (``record_sets(valid=False)``: ones that break one cross-record rule);
:func:`reorganised_record_sets` and :func:`reorganised_datasets` generate
datasets shaped by local government reorganisation (merges, splits, a county
council continuing as a unitary council), for analyses that must count each
council once.

Import the strategies from here; they live in one module per record family:
``basics`` (ids, days, dates, grades, citations,
sources), ``councils`` (authorities and their identifiers, aliases,
reorganisations and neighbours), ``statistics`` (measures, their
figures and the releases' publications), ``ofsted`` (inspections and visits),
``intervention_steps``, ``delivery`` (providers, delivery episodes,
lifecycles, insourcing, programmes), ``consistent`` (record sets, with
``broken`` for the invalid ones), ``reorganised`` and ``checked`` (datasets).

>>> from hypothesis import given
>>> from childservices import strategies as st_cs
>>> @given(st_cs.grades())
... def test_grade_has_a_rank(grade):
...     assert 1 <= grade.rank <= 4
>>> test_grade_has_a_rank()
"""

from __future__ import annotations

from childservices.strategies.basics import (
    citations,
    days,
    grades,
    ids,
    partial_dates,
    sources,
)
from childservices.strategies.checked import datasets, reorganised_datasets
from childservices.strategies.consistent import record_sets
from childservices.strategies.councils import (
    alias_records,
    authorities,
    identifiers,
    reorganisations,
    statistical_neighbours,
)
from childservices.strategies.delivery import (
    delivery_episodes,
    delivery_figures,
    insourcing_events,
    lifecycles,
    programme_memberships,
    providers,
)
from childservices.strategies.intervention_steps import interventions
from childservices.strategies.ofsted import inspection_histories, inspections, visits
from childservices.strategies.reorganised import reorganised_record_sets
from childservices.strategies.statistics import measures, observations, publications

__all__ = [
    "alias_records",
    "authorities",
    "citations",
    "datasets",
    "days",
    "delivery_episodes",
    "delivery_figures",
    "grades",
    "identifiers",
    "ids",
    "insourcing_events",
    "inspection_histories",
    "inspections",
    "interventions",
    "lifecycles",
    "measures",
    "observations",
    "partial_dates",
    "programme_memberships",
    "providers",
    "publications",
    "record_sets",
    "reorganisations",
    "reorganised_datasets",
    "reorganised_record_sets",
    "sources",
    "statistical_neighbours",
    "visits",
]
