"""Strategies for authorities and what names and links them: identifiers, aliases,
reorganisations and statistical neighbours (re-exported from :mod:`childservices.strategies`)."""

from __future__ import annotations

from hypothesis import strategies as st

from childservices.model import (
    Alias,
    Authority,
    AuthorityKind,
    Closeness,
    Identifier,
    IdentifierScheme,
    NeighbourGrouping,
    Region,
    Reorganisation,
    StatisticalNeighbour,
)
from childservices.strategies.basics import _ordered_pair, _text, citations, ids, partial_dates

__all__ = [
    "alias_records",
    "authorities",
    "identifiers",
    "reorganisations",
    "statistical_neighbours",
]


def authorities() -> st.SearchStrategy[Authority]:
    """Authorities, some with a start and end."""
    return st.builds(
        lambda id_, name, kind, region, span, has_span, cites: Authority(
            id=id_,
            name=name,
            kind=kind,
            region=region,
            active_from=span[0] if has_span else None,
            active_to=span[1] if has_span else None,
            citations=cites,
        ),
        ids(),
        _text(),
        st.sampled_from(AuthorityKind),
        st.none() | st.sampled_from(Region),
        _ordered_pair(),
        st.booleans(),
        citations(),
    )


def identifiers() -> st.SearchStrategy[Identifier]:
    """Identifiers with validity dates in order."""
    return st.builds(
        lambda authority, scheme, value, span, cites: Identifier(
            authority=authority,
            scheme=scheme,
            value=value,
            valid_from=span[0],
            valid_to=span[1],
            citations=cites,
        ),
        ids(),
        st.sampled_from(IdentifierScheme),
        st.from_regex(r"[A-Z0-9]{3,9}", fullmatch=True),
        _ordered_pair(),
        citations(),
    )


def alias_records() -> st.SearchStrategy[Alias]:
    """Aliases of authorities."""
    return st.builds(Alias, authority=ids(), alias=_text(), citations=citations())


def reorganisations() -> st.SearchStrategy[Reorganisation]:
    """Links from a predecessor to a different successor."""
    return st.builds(
        lambda pair, date, cites: Reorganisation(
            predecessor=pair[0], successor=pair[1], date=date, citations=cites
        ),
        st.tuples(ids(), ids()).filter(lambda pair: pair[0] != pair[1]),
        partial_dates(),
        citations(),
    )


def statistical_neighbours() -> st.SearchStrategy[StatisticalNeighbour]:
    """Statistical neighbour links, rank 1 to 10."""
    return st.builds(
        StatisticalNeighbour,
        grouping=st.sampled_from(NeighbourGrouping),
        authority=ids(),
        neighbour=ids(),
        rank=st.integers(1, 10),
        closeness=st.none() | st.sampled_from(Closeness),
        citations=citations(),
    )
