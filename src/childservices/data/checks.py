"""Checks across records: references resolve, chronology holds, nothing overlaps.

Each record type checks itself when it is built; these checks need the whole
record set. :func:`check_records` returns every problem found (an empty list
when the records are consistent); :func:`run_checks` gives each check's
result with a count of what it looked at (``tools/check_integrity.py``
prints them).

The checks are written by family: references
(:mod:`~childservices.data.reference_checks`), delivery
(:mod:`~childservices.data.delivery_checks`), interventions
(:mod:`~childservices.data.intervention_checks`), authorities' identifiers,
lifetimes and reorganisations (:mod:`~childservices.data.authority_checks`)
and providers' lifecycles (:func:`~childservices.data.index.build_lifecycles`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import attrs

from childservices.data import intervention_links
from childservices.data.authority_checks import (
    dated_count,
    identifier_clashes,
    lifetimes,
    reorganisation_cycles,
    reorganisation_dates,
)
from childservices.data.delivery_checks import delivery_overlaps, same_services
from childservices.data.index import build_lifecycles
from childservices.data.intervention_checks import (
    commissioners_under_notice,
    lifecycle_acts,
    replace_links,
)
from childservices.data.measure_checks import (
    figures_cite_their_release,
    figures_in_lifetimes,
    publications_after_their_year,
)
from childservices.data.reference_checks import (
    CITED_TABLES,
    ID_TABLES,
    reference_count,
    references,
    uncited,
    unique_ids,
)
from childservices.errors import Problem
from childservices.model import RecordSet

__all__ = [
    "ENDS",
    "CheckResult",
    "build_lifecycles",
    "check_records",
    "run_checks",
    "same_services",
]

ENDS = intervention_links.ENDS
"""The kinds of step each lifting, revocation or revision may replace (``replaces``): see
:data:`childservices.data.intervention_links.ENDS`."""


@attrs.frozen(kw_only=True)
class CheckResult:
    """One cross-record check: what it checks, how many things it looked at, what it found."""

    name: str
    checked: int
    unit: str
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        """True when the check found nothing wrong."""
        return not self.problems


def check_records(records: RecordSet) -> list[Problem]:
    """Every problem across the record set, each naming its table, record and field."""
    return [problem for result in run_checks(records) for problem in result.problems]


def run_checks(records: RecordSet) -> tuple[CheckResult, ...]:
    """Every cross-record check, each with a count of what it looked at."""
    return tuple(
        CheckResult(name=name, checked=checked, unit=unit, problems=tuple(problems))
        for name, checked, unit, problems in _checks(records)
    )


_Check = tuple[str, int, str, list[Problem]]


def _checks(records: RecordSet) -> Iterator[_Check]:
    """Each check as ``(name, how many things it looked at, what they are, problems)``."""
    cited = [record for table in CITED_TABLES for record in getattr(records, table)]
    citations = sum(len(record.citations) for record in cited)
    ids = sum(len(getattr(records, table)) for table in ID_TABLES)
    yield "ids are unique", ids, "records with ids", unique_ids(records)
    yield (
        "every fact has a source",
        len(cited),
        f"cited records ({citations} citations)",
        uncited(records),
    )
    yield "every reference resolves", reference_count(records), "references", references(records)
    per_authority = Counter(episode.authority for episode in records.delivery)
    yield (
        "no two delivery models overlap",
        sum(n * (n - 1) // 2 for n in per_authority.values()),
        f"pairs of episodes ({len(records.delivery)} episodes)",
        delivery_overlaps(records.delivery),
    )
    yield (
        "interventions: what a step ends is of the right kind, not dated after it, "
        "ended once, and no cycles",
        sum(1 for step in records.interventions if step.replaces is not None),
        f"steps that revise, lift or revoke another ({len(records.interventions)} steps)",
        replace_links(records.interventions),
    )
    yield (
        "identifiers name one authority at a time",
        len(records.authority_identifiers),
        "identifiers",
        identifier_clashes(records.authority_identifiers),
    )
    yield (
        "dated facts fall within their authority's lifetime",
        dated_count(records),
        "dates",
        lifetimes(records),
    )
    yield (
        "reorganisations: no cycles, dates agree with the authorities' lifetimes",
        len(records.reorganisations),
        "links",
        reorganisation_cycles(records) + reorganisation_dates(records),
    )
    yield (
        "lifecycles of providers happen in order",
        len({event.provider for event in records.lifecycle}),
        f"providers ({len(records.lifecycle)} events)",
        build_lifecycles(records.lifecycle)[1],
    )
    commissioners = commissioners_under_notice(records)
    yield (
        "commissioners are appointed under a notice or direction",
        commissioners[0],
        "dated appointments",
        commissioners[1],
    )
    yield (
        "official figures are of councils in existence on their day",
        sum(1 for o in records.observations if o.authority is not None),
        f"local authority figures ({len(records.observations)} figures)",
        figures_in_lifetimes(records),
    )
    yield (
        "official figures cite their measure's release",
        len(records.observations),
        "figures",
        figures_cite_their_release(records),
    )
    yield (
        "releases publish a year's figures after the year ends",
        len(records.publications),
        "publications",
        publications_after_their_year(records),
    )
    acts = lifecycle_acts(records)
    yield "lifecycles name the DfE acts they refer to", acts[0], "events", acts[1]
