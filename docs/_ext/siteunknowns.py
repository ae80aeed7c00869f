"""What the record does not know about one authority, as sentences for its page.

Each sentence names a gap the record itself shows (an empty field, a date known only to
the month or year, a step whose status on a day is not known, a figure the DfE did not
publish) or a limit of what the record holds for every authority (the visits' years,
the reports after the coverage date). Nothing here is inferred beyond the record.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from sitemd import text

import childservices as cs
from childservices.model import NotPublished

VISIT_YEARS = "2022-23, 2023-24 and 2024-25"
"""The years of Ofsted's in-year lists of visits the record holds."""

SCHEMES = {"dfe": "DfE number", "ons": "ONS code", "ofsted_urn": "Ofsted URN"}


def unknowns(ds: cs.Dataset, authority: cs.AuthorityView, day: datetime.date) -> list[str]:
    """Every gap of the record about ``authority``, as Markdown sentences."""
    return [
        *_identity(authority),
        *_inspections(authority, day),
        *_visits(authority),
        *_interventions(authority, day),
        *_delivery(authority),
        *_neighbours(authority, day),
        *_measures(authority),
    ]


def _dates(values: Sequence[object]) -> str:
    return ", ".join(text(str(v)) for v in values)


def _identity(authority: cs.AuthorityView) -> list[str]:
    found = []
    if authority.region is None:
        found.append("Its region.")
    have = {identifier.scheme.value for identifier in authority.identifiers}
    missing = [label for scheme, label in SCHEMES.items() if scheme not in have]
    if missing:
        found.append(f"Its {text(' or '.join(missing))}: none is recorded.")
    for label, value in (("creation", authority.active_from), ("last day", authority.active_to)):
        if value is not None and value.precision is not cs.Precision.DAY:
            found.append(f"The day of its {label}: the sources give {text(str(value))}.")
    return found


def _inspections(authority: cs.AuthorityView, day: datetime.date) -> list[str]:
    inspections = authority.inspections_with_predecessors()
    found = [
        f"Reports published after {text(day.isoformat())}, the record's coverage date: "
        "inspections since then may be missing."
    ]
    unknown_overall = [i.published for i in inspections if i.overall is None]
    if unknown_overall:
        found.append(f"The overall grade of the inspections published {_dates(unknown_overall)}.")
    no_lead = [i.published for i in inspections if i.lead_inspector is None]
    if no_lead:
        found.append(
            f"The lead inspector of {len(no_lead)} of {len(inspections)} inspections "
            f"(published {_dates(no_lead)})."
        )
    no_fieldwork = [i.published for i in inspections if i.start is None]
    if no_fieldwork:
        found.append(
            f"The fieldwork dates of {len(no_fieldwork)} of {len(inspections)} inspections."
        )
    vague = [i.published for i in inspections if i.published.precision is not cs.Precision.DAY]
    if vague:
        found.append(f"The day of publication of the inspections published {_dates(vague)}.")
    return found


def _visits(authority: cs.AuthorityView) -> list[str]:
    visits = authority.visits_with_predecessors()
    found = [f"Ofsted's visits outside the years {VISIT_YEARS}: the record holds no others."]
    no_theme = [v for v in visits if v.theme is None]
    if no_theme:
        found.append(f"The theme of {_plural(len(no_theme), 'visit')}.")
    focused = [v for v in visits if v.kind is cs.VisitKind.FOCUSED and v.priority_action is None]
    if focused:
        found.append(
            f"Whether {_plural(len(focused), 'focused visit')} named areas for priority action "
            f"(started {_dates([v.start for v in focused])})."
        )
    return found


def _interventions(authority: cs.AuthorityView, day: datetime.date) -> list[str]:
    found = []
    steps = authority.interventions
    undated = [s for s in steps if s.date is None]
    if undated:
        kinds = ", ".join(text(s.kind) for s in undated)
        found.append(f"The date of {_plural(len(undated), 'intervention step')} ({kinds}).")
    vague = [s for s in steps if s.date is not None and s.date.precision is not cs.Precision.DAY]
    if vague:
        found.append(f"The day of the intervention steps dated {_dates([s.date for s in vague])}.")
    not_known = [s for s, in_force in authority.intervention_steps_on(day) if in_force is None]
    if not_known:
        found.append(
            f"Whether {_plural(len(not_known), 'notice or direction', 'notices or directions')} was still in force on "
            f"{text(day.isoformat())} (dated {_dates([s.date or 'undated' for s in not_known])})."
        )
    if authority.intervention_status_on(day) is cs.InterventionStatus.NOT_KNOWN:
        found.append(f"So whether any notice or direction was in force on {text(day.isoformat())}.")
    return found


def _delivery(authority: cs.AuthorityView) -> list[str]:
    found = []
    if not authority.deliveries:
        found.append(
            "Any arrangement other than the council running its own services: no delivery "
            "episode is recorded, so the record takes it as in-house."
        )
    for episode in authority.deliveries:
        if episode.end is None and episode.known_until is not None:
            found.append(
                f"Whether the {text(episode.model)} episode from {text(str(episode.start))} ran "
                f"on after {text(str(episode.known_until))}, the last day its sources show."
            )
        if episode.directed is None and episode.model is not cs.DeliveryModel.IN_HOUSE:
            found.append(
                f"Whether the DfE directed the {text(episode.model)} episode from "
                f"{text(str(episode.start))}."
            )
    for event in authority.insourcing:
        missing = [
            label
            for label, value in (
                ("decision date", event.decision_date),
                ("return date", event.return_date),
                ("staff moved", event.staff_transferred),
                ("one-off cost", event.one_off_cost),
                ("saving a year", event.annual_saving),
            )
            if value is None
        ]
        if missing:
            found.append(f"Of the return in-house: its {text(', '.join(missing))}.")
    return found


def _neighbours(authority: cs.AuthorityView, day: datetime.date) -> list[str]:
    if authority.peers_on(day).grouping is None:
        return [f"Which DfE grouping of statistical neighbours was in force on {day}."]
    return []


def _measures(authority: cs.AuthorityView) -> list[str]:
    figures = authority.measures()
    if not figures:
        return ["Any official figure: the record holds none for this authority."]
    withheld = [o for o in figures if isinstance(o.value, NotPublished)]
    if not withheld:
        return []
    years = sorted({o.year for o in withheld})
    return [
        f"{len(withheld)} of its {len(figures)} official figures, which the releases did not publish "
        f"(years {text(', '.join(map(str, years)))}; each gives its reason)."
    ]


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"
