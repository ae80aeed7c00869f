"""``show AUTHORITY --format csv|json``: the history ``show`` prints as text, as rows.

One fact a row, in the text form's order: who the authority is, its current rating,
its inspections and visits (its predecessors' too), interventions, delivery episodes
and returns in-house. Every row carries the sources the text form cites for it, and
what the text form says in words ("none recorded", "end not known") is a row or a cell
here, so both forms hold the same facts. An empty cell (JSON ``null``) is unknown or
not applicable.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from childservices.cli.output import Rows
from childservices.model import (
    Citation,
    DeliveryEpisode,
    DeliveryFigure,
    Source,
    VisitKind,
)

if TYPE_CHECKING:
    from childservices.authority_view import AuthorityView
    from childservices.dataset import Dataset

_COPY = re.compile(r"\bcopy\b", re.IGNORECASE)
"""A publisher that says the address is a copy of the publication, not its original."""

COLUMNS = ("record", "authority", "date", "end", "what", "value", "detail", "source")
"""The columns of ``show``'s rows: which part of the history (``identity``, ``current``,
``inspection``, ``visit``, ``intervention``, ``delivery``, ``insourcing``,
``delivery_figure``), the authority
the fact is about (a predecessor's id for its inspections), the fact's date and end, what
it is, its value, the rest of what the text form says, and its sources."""


def history_rows(ds: Dataset, authority: AuthorityView, current: tuple[datetime.date, str]) -> Rows:
    """The authority's history as ``show`` prints it, one fact a row (see :data:`COLUMNS`);
    ``current`` is the day of the rating in force and the text form's line saying it."""
    rows = _identity_rows(authority)
    day, line = current
    rated = authority.active_on(day) is not False and authority.rated_inspection_on(day)
    rows.append(
        _row(
            "current",
            authority.id,
            date=day,
            what="rating",
            value=authority.rating_on(day) if rated else None,
            detail=line.strip().removeprefix("current: "),
        )
    )
    rows += _inspection_and_visit_rows(ds, authority)
    rows += _intervention_rows(ds, authority)
    rows += _delivery_rows(ds, authority)
    return rows


def sources(ds: Dataset, citations: Sequence[Citation]) -> str:
    """Each cited source once, with the first place cited in it and how many places in all."""
    places: dict[str, list[str | None]] = {}
    for citation in citations:
        places.setdefault(citation.source, []).append(citation.locator)
    parts = []
    for source_id, locators in places.items():
        source = ds.source(source_id)
        if source.url and is_copy(source):
            text = f"{source.url} (a copy; publisher: {source.publisher})"
        else:
            text = source.url or f"{source.title} ({source.publisher or 'unknown publisher'})"
        first = next((loc for loc in locators if loc), None)
        if first:
            more = f" and {len(locators) - 1} more places" if len(locators) > 1 else ""
            text += f" [{first}{more}]"
        parts.append(text)
    return "; ".join(parts)


def is_copy(source: Source) -> bool:
    """Whether the source's address is a copy of the publication on another site (a DfE
    letter on govwire.co.uk): its publisher says so ("copy of a DfE GOV.UK publication")."""
    return bool(source.publisher and _COPY.search(source.publisher))


def delivery_span(episode: DeliveryEpisode) -> str:
    """An episode's dates as ``show`` prints them. With no end recorded, either its sources
    show it still running when the record was made, or (``known_until``) they show it only
    to a date, after which the record does not know whether it ran on."""
    if episode.end:
        return f"{episode.start} to {episode.end}"
    if episode.known_until:
        return f"{episode.start}, end not known (sources show it to {episode.known_until})"
    return f"{episode.start}, no end recorded"


def _row(record: str, authority: str, **cells: object) -> dict[str, object]:
    return {"record": record, "authority": authority, **cells}


def _identity_rows(authority: AuthorityView) -> Rows:
    """Name, kind, region, life span, identifiers, aliases, predecessors and successors."""
    me = authority.id
    rows = [
        _row(
            "identity",
            me,
            date=authority.active_from,
            end=authority.active_to,
            what="name",
            value=authority.name,
        ),
        _row("identity", me, what="kind", value=authority.kind),
        _row("identity", me, what="region", value=authority.region),
    ]
    for identifier in authority.identifiers:
        rows.append(
            _row(
                "identity",
                me,
                date=identifier.valid_from,
                end=identifier.valid_to,
                what=identifier.scheme,
                value=identifier.value,
            )
        )
    rows += [_row("identity", me, what="alias", value=alias) for alias in authority.aliases]
    rows += [_row("identity", me, what="predecessor", value=o.id) for o in authority.predecessors]
    rows += [_row("identity", me, what="successor", value=o.id) for o in authority.successors]
    return rows


def _inspection_and_visit_rows(ds: Dataset, authority: AuthorityView) -> Rows:
    """Inspections (overall grade; areas in ``detail``) and visits (no grade)."""
    rows: Rows = []
    for inspection in authority.inspections_with_predecessors():
        kind = f" {inspection.kind.value}" if inspection.kind else ""
        rows.append(
            _row(
                "inspection",
                inspection.authority,
                date=inspection.published,
                what=f"{inspection.framework.value}{kind}",
                value="unknown" if inspection.overall is None else str(inspection.overall),
                detail=", ".join(f"{j.area.value}: {j.grade}" for j in inspection.judgements)
                or None,
                source=sources(ds, inspection.citations),
            )
        )
    for visit in authority.visits_with_predecessors():
        detail = f"published {visit.published or 'not known'}"
        if visit.kind is VisitKind.FOCUSED:
            found = {True: "yes", False: "no", None: "not known"}[visit.priority_action]
            detail += f"; areas for priority action: {found}"
        rows.append(
            _row(
                "visit",
                visit.authority,
                date=visit.start,
                what=f"{visit.kind.value} visit",
                value=visit.theme.value if visit.theme else "theme not known",
                detail=detail,
                source=sources(ds, visit.citations),
            )
        )
    return rows


def _intervention_rows(ds: Dataset, authority: AuthorityView) -> Rows:
    """Notices and directions, with who issued them (``value``)."""
    return [
        _row(
            "intervention",
            authority.id,
            date=intervention.date,
            what=intervention.kind,
            value=intervention.by,
            detail=None if intervention.date else "date unknown",
            source=sources(ds, intervention.citations),
        )
        for intervention in authority.interventions
    ]


def _delivery_rows(ds: Dataset, authority: AuthorityView) -> Rows:
    """Delivery episodes (provider in ``value``; an open end explained in ``detail``), or one
    row saying none is recorded (in-house by default), then returns in-house."""
    rows: Rows = []
    for episode in authority.deliveries:
        provider = ds.index.providers[episode.provider].name if episode.provider else None
        span = delivery_span(episode)
        rows.append(
            _row(
                "delivery",
                authority.id,
                date=episode.start,
                end=episode.end,
                what=episode.model,
                value=provider,
                detail=None if episode.end else span.split(", ", 1)[1],
                source=sources(ds, episode.citations),
            )
        )
    if not authority.deliveries:
        rows.append(
            _row(
                "delivery",
                authority.id,
                what="in_house",
                detail="no episode recorded: in-house by default",
            )
        )
    for event in authority.insourcing:
        rows.append(
            _row(
                "insourcing",
                authority.id,
                date=event.return_date,
                what="return in-house",
                value=event.provider,
                detail=f"decided {event.decision_date or 'unknown'}, "
                f"staff {event.staff_transferred or 'unknown'}",
                source=sources(ds, event.citations),
            )
        )
    for figure in authority.delivery_figures:
        rows.append(
            _row(
                "delivery_figure",
                authority.id,
                date=figure.stated,
                what=figure.kind,
                value=figure.shown,
                detail=figure_detail(figure),
                source=sources(ds, figure.citations),
            )
        )
    return rows


def figure_detail(figure: DeliveryFigure) -> str:
    """What a delivery figure is of, and the time it covers, as ``show`` says it."""
    of = f"episode {figure.episode}" if figure.episode else f"return {figure.insourcing}"
    return f"{of}; {figure.covers}" if figure.covers else of
