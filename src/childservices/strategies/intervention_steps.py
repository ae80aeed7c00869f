"""Strategies for the steps of government intervention: notices, directions, commissioners and
what ends them (re-exported from :mod:`childservices.strategies`), and the chains of steps,
each replacing or continuing the one before, that record sets hold."""

from __future__ import annotations

import attrs
from hypothesis import strategies as st

from childservices.model import Intervention, InterventionKind, Recommendation
from childservices.strategies.basics import _ordered_pair, _pool_citations, _text, citations, ids

__all__ = ["interventions"]


def interventions() -> st.SearchStrategy[Intervention]:
    """Intervention steps with dates in order (any kind but 'continues', which names another)."""
    return st.builds(
        lambda id_, authority, kind, span, by, requires, outcome, cites, flags: Intervention(
            id=id_,
            authority=authority,
            kind=kind,
            date=span[0],
            end=span[1],
            by=by,
            requires=requires,
            outcome=outcome,
            ends_all=flags[0] and kind.ends_something,
            end_searched=span[0] if flags[1] and span[1] is None else None,
            # A made-up appointment need not rest on a notice or direction (the check of
            # that rule has its own tests); the record says so, as the rule asks.
            exception="a made-up appointment"
            if kind is InterventionKind.COMMISSIONER_APPOINTED
            else None,
            citations=cites,
        ),
        ids(),
        ids(),
        st.sampled_from([k for k in InterventionKind if k is not InterventionKind.CONTINUES]),
        _ordered_pair(),
        st.none() | _text(),
        st.none() | _text(),
        st.none() | st.sampled_from(Recommendation),
        citations(),
        st.tuples(st.booleans(), st.booleans()),
    )


def _intervention_chain(draw: st.DrawFn, pool: list[str], authority: str) -> list[Intervention]:
    """Up to three steps of one authority, each perhaps replacing or continuing the one before.

    A step that ends something (a lifted notice, a revoked direction) must
    name what it ends; one left with nothing to name becomes a
    commissioner's appointment.
    """
    chain: list[Intervention] = []
    previous: Intervention | None = None
    for n, step in enumerate(draw(st.lists(interventions(), max_size=3))):
        kind, replaces = _link(draw, step, previous)
        previous = attrs.evolve(
            step,
            id=f"{authority}-step-{n}",
            authority=authority,
            kind=kind,
            ends_all=step.ends_all and kind.ends_something,
            exception="a made-up appointment"
            if kind is InterventionKind.COMMISSIONER_APPOINTED
            else None,
            replaces=replaces,
            citations=_pool_citations(draw, pool),
        )
        chain.append(previous)
    return chain


def _link(
    draw: st.DrawFn, step: Intervention, previous: Intervention | None
) -> tuple[InterventionKind, str | None]:
    """The kind of ``step`` and the id of the step it replaces (or continues), if any."""
    replaces = None
    if previous is not None and draw(st.booleans()) and _may_replace(step, previous):
        replaces = previous.id
    kind = step.kind
    continues = attrs.evolve(step, kind=InterventionKind.COMMISSIONER_APPOINTED, ends_all=False)
    if (
        previous is not None
        and replaces is None
        and _may_replace(continues, previous)  # not dated before what it names
        and draw(st.booleans())
    ):
        # a source saying the earlier step still ran
        kind, replaces = InterventionKind.CONTINUES, previous.id
    if replaces is None and kind.ends_something:
        kind = InterventionKind.COMMISSIONER_APPOINTED
    return kind, replaces


def _may_replace(step: Intervention, earlier: Intervention) -> bool:
    """Whether ``step`` may replace ``earlier``: a kind it can end, and not dated before it."""
    from childservices.data.checks import ENDS

    allowed = ENDS.get(step.kind)
    if allowed is not None and earlier.kind not in allowed:
        return False
    return not (
        step.date is not None
        and earlier.date is not None
        and step.date.certainly_before(earlier.date)
    )
