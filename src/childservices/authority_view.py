"""One authority with its history: inspections, interventions, delivery, as-of answers."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

import attrs

from childservices import _arguments
from childservices.coverage import warn_if_after
from childservices.model import (
    Area,
    Authority,
    AuthorityKind,
    DeliveryEpisode,
    DeliveryModel,
    Framework,
    Grade,
    Identifier,
    IdentifierScheme,
    InsourcingEvent,
    Inspection,
    Intervention,
    InterventionKind,
    Overall,
    PartialDate,
    ProgrammeMembership,
    Region,
    Visit,
    as_date,
    as_day,
)
from childservices.rules.asof import (
    ALL_FRAMEWORKS,
    SIF_AND_LATER,
    RatingBasis,
    counts_for_rating,
    in_force,
    latest_inspection,
    rating_from,
)
from childservices.rules.intervention import (
    Direction,
    InterventionStatus,
    directions,
    status_on,
    step_status_on,
)
from childservices.rules.trajectory import Spell, Trajectory, build_spells, visits_in

if TYPE_CHECKING:
    import pendulum  # the type of the days handed out; imported where they are made

    from childservices.dataset import Dataset
    from childservices.rules.lineage import Lineage

__all__ = ["AuthorityView", "DeliveryOnDate", "ImprovementAfter"]

DateLike = str | datetime.date | PartialDate

_FORMAL_KINDS = frozenset(
    {
        InterventionKind.IMPROVEMENT_NOTICE,
        InterventionKind.STATUTORY_DIRECTION,
        InterventionKind.REVISED_DIRECTION,
    }
)


@attrs.frozen(kw_only=True)
class DeliveryOnDate:
    """Who ran an authority's children's services on one day.

    ``model`` is the delivery model; ``episode`` the recorded episode it
    comes from, or ``None`` when no episode covers the day and the statutory
    default (the council runs its own services) applies. When the day falls
    inside the uncertainty of a month- or year-precision start or end,
    ``model`` is ``None`` and ``episode`` is the episode that may or may not
    have been in force.
    """

    authority: str
    day: pendulum.Date
    model: DeliveryModel | None
    episode: DeliveryEpisode | None

    @property
    def provider(self) -> str | None:
        """The id of the provider running services, if any."""
        return (
            self.episode.provider if self.episode is not None and self.model is not None else None
        )

    @property
    def by_default(self) -> bool:
        """True when no recorded episode covers the day and in-house is the default."""
        return self.episode is None


@attrs.frozen(kw_only=True)
class ImprovementAfter:
    """The first rise in rating after an event (a change of delivery model or a direction).

    ``event`` is ``"direction"`` or ``"delivery:<model>"``; ``record`` is the
    id of the delivery episode or direction; ``days`` runs from the event to
    the start of the improved spell.
    """

    event: str
    record: str
    day: pendulum.Date
    improvement: Spell | None
    days: int | None


@attrs.frozen(kw_only=True, eq=False)
class AuthorityView:
    """An authority as the dataset knows it: its record and everything recorded about it."""

    record: Authority
    dataset: Dataset = attrs.field(repr=False)

    # The record's own fields ---------------------------------------------

    @property
    def id(self) -> str:
        """The dataset's id for the authority (a slug of its name)."""
        return self.record.id

    @property
    def name(self) -> str:
        """The authority's name."""
        return self.record.name

    @property
    def kind(self) -> AuthorityKind:
        """County, metropolitan district, London borough, unitary or other."""
        return self.record.kind

    @property
    def region(self) -> Region | None:
        """The ONS region."""
        return self.record.region

    @property
    def active_from(self) -> PartialDate | None:
        """When the authority was created (``None`` if before the dataset begins)."""
        return self.record.active_from

    @property
    def active_to(self) -> PartialDate | None:
        """The authority's last day (``None`` while it exists)."""
        return self.record.active_to

    # Identifiers and relations -------------------------------------------

    @property
    def identifiers(self) -> tuple[Identifier, ...]:
        """Every identifier the authority has had, with validity dates."""
        return self.dataset.index.identifiers_by_authority.get(self.id, ())

    def identifier(self, scheme: IdentifierScheme | str) -> str | None:
        """The authority's current (or last) identifier in a scheme: ``"dfe"``, ``"ons"``, ``"ofsted_urn"``."""
        scheme_ = _arguments.member("scheme", scheme, IdentifierScheme)
        matching = [i for i in self.identifiers if i.scheme is scheme_]
        if not matching:
            return None
        current = [i for i in matching if i.valid_to is None]
        return (current or matching)[-1].value

    @property
    def aliases(self) -> tuple[str, ...]:
        """Other names the authority is known by."""
        return tuple(a.alias for a in self.dataset.index.aliases_by_authority.get(self.id, ()))

    @property
    def predecessors(self) -> tuple[AuthorityView, ...]:
        """Authorities whose area passed to this one at reorganisation."""
        return tuple(
            self.dataset.authority(a) for a in self.dataset.index.predecessors.get(self.id, ())
        )

    @property
    def successors(self) -> tuple[AuthorityView, ...]:
        """Authorities that took over this one's area at reorganisation."""
        return tuple(
            self.dataset.authority(a) for a in self.dataset.index.successors.get(self.id, ())
        )

    @property
    def lineage(self) -> Lineage:
        """The authority's lineage: it, its predecessors and successors, and theirs, as one line of history.

        >>> import childservices as cs
        >>> cs.load().authority("Cumberland").lineage.members
        ('cumberland', 'cumbria', 'westmorland-and-furness')
        """
        from childservices.rules.lineage import lineages

        members: set[str] = set()
        links: set[tuple[str, str]] = set()
        stack = [self.id]
        index = self.dataset.index
        while stack:
            current = stack.pop()
            if current in members:
                continue
            members.add(current)
            for predecessor in index.predecessors.get(current, ()):
                links.add((predecessor, current))
                stack.append(predecessor)
            for successor in index.successors.get(current, ()):
                links.add((current, successor))
                stack.append(successor)
        return lineages(members, links)[0]

    @property
    def statistical_neighbours(self) -> tuple[AuthorityView, ...]:
        """The authority's statistical neighbours, closest first.

        One list for every date: the DfE's neighbours as in Data to Insight's
        LA lookup collected in March 2025 (see
        :class:`~childservices.model.authority.StatisticalNeighbour`).
        Councils abolished before then (Cumbria, Northamptonshire, Poole...)
        have none.
        """
        return tuple(
            self.dataset.authority(n.neighbour)
            for n in self.dataset.index.neighbours.get(self.id, ())
        )

    # History ---------------------------------------------------------------

    @property
    def inspections(self) -> tuple[Inspection, ...]:
        """The authority's own inspections, in order of publication."""
        return self.dataset.index.inspections.get(self.id, ())

    def _with_predecessors(self) -> list[str]:
        """The ids of the authority and of every authority it succeeded, directly or not."""
        seen: list[str] = []
        stack = [self.id]
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.append(current)
            stack.extend(self.dataset.index.predecessors.get(current, ()))
        return seen

    def inspections_with_predecessors(self) -> tuple[Inspection, ...]:
        """Its inspections and those of every authority it succeeded, in order of publication."""
        index = self.dataset.index.inspections
        collected = [i for ident in self._with_predecessors() for i in index.get(ident, ())]
        return tuple(sorted(collected, key=lambda i: (i.published.last_day(), i.id)))

    @property
    def visits(self) -> tuple[Visit, ...]:
        """Ofsted's focused and monitoring visits to the authority, in date order.

        Visits give no grade: they never change :meth:`rating_on`. The record
        holds the visits of Ofsted's 2022-23 and 2024-25 in-year lists only
        (see the coverage of visits in the data documentation).

        >>> import childservices as cs  # the 2023 workbook's in-year sheet, row 13; the 2025's, rows 14 and 13
        >>> [(v.kind.value, str(v.start)) for v in cs.load().authority("Bradford").visits]
        [('monitoring', '2022-07-27'), ('monitoring', '2024-05-22'), ('monitoring', '2025-02-11')]
        """
        return self.dataset.index.visits.get(self.id, ())

    def visits_with_predecessors(self) -> tuple[Visit, ...]:
        """Its visits and those of every authority it succeeded, in date order."""
        index = self.dataset.index.visits
        collected = [v for ident in self._with_predecessors() for v in index.get(ident, ())]
        return tuple(sorted(collected, key=lambda v: (v.date.sort_key(), v.id)))

    @property
    def interventions(self) -> tuple[Intervention, ...]:
        """DfE interventions concerning the authority, in date order (undated steps first)."""
        return self.dataset.index.interventions.get(self.id, ())

    @property
    def directions(self) -> tuple[Direction, ...]:
        """Statutory directions concerning the authority, each with its revisions and revocation."""
        return directions(self.interventions)

    def intervention_status_on(self, day: DateLike) -> InterventionStatus:
        """The strongest improvement notice or statutory direction certainly in force on ``day``.

        :attr:`~childservices.InterventionStatus.NOT_KNOWN` when the record
        cannot say whether one still ran (the rule is in
        :mod:`childservices.rules.intervention`).

        >>> import childservices as cs
        >>> cs.load().authority("Sandwell").intervention_status_on("2019-06-01")
        <InterventionStatus.STATUTORY_DIRECTION: 'statutory_direction'>
        """
        return status_on(self.interventions, as_day(day), self.inspections)

    def intervention_steps_on(self, day: DateLike) -> tuple[tuple[Intervention, bool | None], ...]:
        """Each improvement notice and direction begun by ``day``, with whether it was in force.

        ``True`` in force, ``False`` not, ``None`` not known (see
        :func:`~childservices.rules.intervention.step_status_on`).
        """
        when = as_day(day)
        steps = self.interventions
        return tuple(
            (step, step_status_on(step, steps, when, self.inspections))
            for step in steps
            if step.kind in _FORMAL_KINDS and step.date is not None and step.date.possibly_by(when)
        )

    @property
    def deliveries(self) -> tuple[DeliveryEpisode, ...]:
        """Recorded episodes of who ran the authority's services, in order."""
        return self.dataset.index.delivery.get(self.id, ())

    @property
    def insourcing(self) -> tuple[InsourcingEvent, ...]:
        """Returns of the authority's services in-house."""
        return self.dataset.index.insourcing.get(self.id, ())

    @property
    def programmes(self) -> tuple[ProgrammeMembership, ...]:
        """The authority's part in improvement programmes."""
        return self.dataset.index.programmes.get(self.id, ())

    # As-of questions -------------------------------------------------------

    def active_on(self, day: DateLike) -> bool | None:
        """Whether the authority existed on ``day`` (``None`` if its dates are too vague to say)."""
        end = self.active_to
        after = None
        if end is not None:
            after = (
                PartialDate.from_date(end.first_day() + datetime.timedelta(days=1))
                if end.day is not None
                else end
            )
        return in_force(as_day(day), self.active_from, after)

    def rated_inspection_on(
        self,
        day: DateLike,
        *,
        frameworks: Collection[Framework] = SIF_AND_LATER,
        follow_predecessors: bool = True,
        rating_basis: RatingBasis | Area = RatingBasis.OVERALL,
    ) -> Inspection | None:
        """The inspection whose judgement was the authority's rating on ``day``.

        That is the latest graded inspection (not a visit) under one of
        ``frameworks`` published by ``day`` that gives a rating on
        ``rating_basis`` (see :meth:`rating_on`). Before the authority has an
        inspection of its own, and with ``follow_predecessors``, an authority
        with exactly one predecessor carries that predecessor's; one formed
        from several has none. An abolished authority has none after its
        last day.

        >>> import childservices as cs
        >>> cs.load().authority("Sandwell").rated_inspection_on("2019-06-01").id
        'sandwell-sif-2018-01-29'
        """
        when = as_day(day)
        if frameworks is not SIF_AND_LATER and frameworks is not ALL_FRAMEWORKS:
            frameworks = _arguments.frameworks(frameworks)
        warn_if_after(self.dataset.index.reports_to, when, stacklevel=2)
        return self._rated_inspection(when, frameworks, follow_predecessors, rating_basis)

    def _rated_inspection(
        self,
        when: datetime.date,
        frameworks: Collection[Framework],
        follow_predecessors: bool,
        rating_basis: RatingBasis | Area,
    ) -> Inspection | None:
        if self.active_to is not None and self.active_to.certainly_before(
            PartialDate.from_date(when)
        ):
            return None
        current: str | None = self.id
        seen: set[str] = set()
        while current is not None and current not in seen:
            seen.add(current)
            found = latest_inspection(
                self.dataset.index.inspections.get(current, ()),
                self.dataset.index.inspection_keys.get(current, ()),
                when,
                frameworks,
                rating_basis,
            )
            if found is not None:
                return found
            predecessors = self.dataset.index.predecessors.get(current, ())
            current = predecessors[0] if follow_predecessors and len(predecessors) == 1 else None
        return None

    def rating_on(
        self,
        day: DateLike,
        *,
        frameworks: Collection[Framework] = SIF_AND_LATER,
        follow_predecessors: bool = True,
        rating_basis: RatingBasis | Area = RatingBasis.OVERALL,
    ) -> Overall | None:
        """The authority's rating on ``day``: by default the overall judgement then in force.

        ``None`` if there is none yet (or it is unknown). By default only the
        SIF and later frameworks set a rating, because the earlier ones are
        not comparable (the 2009-2012 inspections gave no single overall
        judgement, and their middle grade was 'adequate'); pass
        ``frameworks=ALL_FRAMEWORKS`` to include them.

        Under ILACS as reformed in 2026 the latest inspection gives no overall
        judgement and the answer is :data:`~childservices.NOT_GIVEN`.
        ``rating_basis`` reads the rating another way, never making up an
        overall grade: :attr:`~childservices.RatingBasis.LATEST_OVERALL` (the
        latest overall judgement, however old) or an
        :class:`~childservices.Area` (that judgement's grade in the latest
        inspection that graded it). See :meth:`rated_inspection_on` for which
        inspection it is, and predecessors. A day after the newest report the
        record holds gives a :class:`~childservices.CoverageWarning`.

        >>> import childservices as cs
        >>> cs.load().authority("Sandwell").rating_on("2019-06-01")
        <Grade.INADEQUATE: 'inadequate'>
        >>> brent = cs.load().authority("Brent")
        >>> brent.rating_on("2026-07-01")
        <NoJudgement.NOT_GIVEN: 'not_given'>
        >>> brent.rating_on("2026-07-01", rating_basis=cs.RatingBasis.LATEST_OVERALL)
        <Grade.GOOD: 'good'>
        >>> brent.rating_on("2026-07-01", rating_basis=cs.Area.IMPACT_OF_LEADERS)
        <Grade.GOOD: 'good'>
        """
        when = as_day(day)
        if frameworks is not SIF_AND_LATER and frameworks is not ALL_FRAMEWORKS:
            frameworks = _arguments.frameworks(frameworks)
        warn_if_after(self.dataset.index.reports_to, when, stacklevel=2)
        return self._rating(when, frameworks, rating_basis, follow_predecessors)

    def _rating(
        self,
        when: datetime.date,
        frameworks: Collection[Framework],
        rating_basis: RatingBasis | Area,
        follow_predecessors: bool = True,
    ) -> Overall | None:
        found = self._rated_inspection(when, frameworks, follow_predecessors, rating_basis)
        return None if found is None else rating_from(found, rating_basis)

    def judgements_on(
        self, day: DateLike, *, frameworks: Collection[Framework] = SIF_AND_LATER
    ) -> Mapping[Area, Grade | None]:
        """Every judgement area's grade in force on ``day``, each from the latest inspection that graded it.

        The areas of different frameworks are not merged (the SIF's
        leadership judgement is not ILACS's impact of leaders). ``None`` is an
        area whose grade is unknown. Useful across the 2026 reform, whose
        inspections grade the four areas but give no overall judgement.

        >>> import childservices as cs
        >>> grades = cs.load().authority("Trafford").judgements_on("2026-08-31")
        >>> grades[cs.Area.HELP_AND_PROTECTION], grades[cs.Area.IN_CARE]
        (<Grade.INADEQUATE: 'inadequate'>, <Grade.GOOD: 'good'>)
        """
        when = as_day(day)
        warn_if_after(self.dataset.index.reports_to, when, stacklevel=2)
        found: dict[Area, Grade | None] = {}
        for area in Area:
            inspection = self._rated_inspection(when, frameworks, True, area)
            if inspection is not None:
                found[area] = inspection.grades.get(area)
        return MappingProxyType(found)

    def delivery_on(self, day: DateLike) -> DeliveryOnDate | None:
        """Who ran the authority's children's services on ``day``; ``None`` if it did not exist then.

        >>> import childservices as cs
        >>> delivery = cs.load().authority("Sandwell").delivery_on("2019-06-01")
        >>> delivery.model, delivery.provider
        (<DeliveryModel.CHILDRENS_TRUST: 'childrens_trust'>, 'sandwell-childrens-trust')
        """
        when = as_date(day)
        if self.active_on(when) is False:
            return None
        uncertain = None
        for episode in self.deliveries:
            state = in_force(when, episode.start, episode.end)
            if state is True:
                return DeliveryOnDate(
                    authority=self.id, day=when, model=episode.model, episode=episode
                )
            if state is None and uncertain is None:
                uncertain = episode
        if uncertain is not None:
            return DeliveryOnDate(authority=self.id, day=when, model=None, episode=uncertain)
        return DeliveryOnDate(
            authority=self.id, day=when, model=DeliveryModel.IN_HOUSE, episode=None
        )

    def rating_inspections(
        self,
        *,
        frameworks: Collection[Framework] = SIF_AND_LATER,
        follow_predecessors: bool = True,
    ) -> tuple[Inspection, ...]:
        """The inspections that set the authority's rating, in publication order.

        With ``follow_predecessors``, a single predecessor's rating inspections
        published before this authority's own first one come first, as in
        :meth:`rated_inspection_on`.
        """
        if frameworks is not SIF_AND_LATER and frameworks is not ALL_FRAMEWORKS:
            frameworks = _arguments.frameworks(frameworks)
        own = tuple(i for i in self.inspections if counts_for_rating(i, frameworks))
        predecessors = self.dataset.index.predecessors.get(self.id, ())
        if not follow_predecessors or len(predecessors) != 1:
            return own
        earlier = self.dataset.authority(predecessors[0]).rating_inspections(
            frameworks=frameworks, follow_predecessors=True
        )
        if own:
            first = own[0].published.last_day()
            earlier = tuple(i for i in earlier if i.published.last_day() < first)
        return earlier + own

    def trajectory(
        self,
        *,
        until: DateLike | None = None,
        frameworks: Collection[Framework] = SIF_AND_LATER,
        follow_predecessors: bool = True,
    ) -> Trajectory:
        """The authority's spells at each rating, cut at ``until`` (default: today).

        Each spell says which inspection set it, which delivery models and
        intervention statuses were in force during it, and which of Ofsted's
        visits (the authority's and its predecessors') fell in it. Every day
        in a spell has that spell's grade as :meth:`rating_on`.

        >>> import childservices as cs
        >>> spells = cs.load().authority("Sunderland").trajectory(until="2026-06-30").spells
        >>> [(str(s.start), s.grade.value) for s in spells][:3]
        [('2015-07-20', 'inadequate'), ('2018-07-25', 'inadequate'), ('2021-08-20', 'outstanding')]
        """
        cut = as_date(datetime.date.today() if until is None else until)
        end_of_life = None if self.active_to is None else self.active_to.latest.add(days=1)
        visits = self.visits_with_predecessors()
        spells = []
        for inspection, start, end in build_spells(
            self.rating_inspections(frameworks=frameworks, follow_predecessors=follow_predecessors),
            end_of_life=end_of_life,
        ):
            if start >= cut:
                break
            if end is not None and end > cut:
                end = None
            spells.append(self._spell(inspection, start, end, cut, visits))
        return Trajectory(authority=self.id, spells=tuple(spells), until=cut)

    def _spell(
        self,
        inspection: Inspection,
        start: pendulum.Date,
        end: pendulum.Date | None,
        cut: pendulum.Date,
        visits: tuple[Visit, ...] = (),
    ) -> Spell:
        stop = end or cut
        days = {start}
        for episode in self.deliveries:
            for boundary in (episode.start, episode.end):
                if boundary is not None:
                    days.update(d for d in (boundary.earliest, boundary.latest) if start < d < stop)
        for step in self.interventions:
            for boundary in (step.date, step.end):
                if boundary is not None and start < boundary.latest < stop:
                    days.add(boundary.latest)
        models: list[DeliveryModel | None] = []
        statuses: list[InterventionStatus] = []
        for day in sorted(days):
            delivery = self.delivery_on(day)
            model = None if delivery is None else delivery.model
            if model not in models:
                models.append(model)
            status = self.intervention_status_on(day)
            if status not in statuses:
                statuses.append(status)
        return Spell(
            grade=inspection.overall,
            start=start,
            end=end,
            inspection=inspection,
            delivery_models=tuple(models),
            intervention_statuses=tuple(statuses),
            visits=visits_in(visits, start, stop),
        )

    def improvements_after_changes(
        self, *, until: DateLike | None = None, adequate_as: Grade | None = None
    ) -> tuple[ImprovementAfter, ...]:
        """For each change of delivery model and each statutory direction, the first improvement after it.

        A change of delivery model is the start of a recorded delivery
        episode, except an episode that continues a predecessor's
        arrangement from the day the authority was created (North and West
        Northamptonshire's children's trust from 1 April 2021 continues
        Northamptonshire's of November 2020: the change is the
        predecessor's, counted once, there); a direction is the first step
        of each :attr:`directions` chain. Events with a date known only to the month or year are placed
        at their last possible day. ``improvement`` is ``None`` when the
        rating had not improved by ``until``.

        >>> import childservices as cs
        >>> changes = cs.load().authority("Sunderland").improvements_after_changes(until="2026-06-30")
        >>> [(c.event, str(c.day), c.days) for c in changes if c.event == "delivery:council_company"]
        [('delivery:council_company', '2017-04-01', 1602)]
        """
        trajectory = self.trajectory(until=until)
        events: list[tuple[str, str, pendulum.Date]] = [
            (f"delivery:{e.model.value}", e.id, e.start.latest)
            for e in self.deliveries
            if not self._continued_from_predecessor(e)
        ]
        events += [
            ("direction", d.issued.id, d.issued.date.latest)
            for d in self.directions
            if d.issued.date is not None
        ]
        found = []
        for event, record, day in sorted(events, key=lambda e: (e[2], e[1])):
            if day >= trajectory.until:
                continue
            result = trajectory.first_improvement_after(day, adequate_as=adequate_as)
            found.append(
                ImprovementAfter(
                    event=event,
                    record=record,
                    day=day,
                    improvement=None if result is None else result[0],
                    days=None if result is None else result[1],
                )
            )
        return tuple(found)

    def _continued_from_predecessor(self, episode: DeliveryEpisode) -> bool:
        """Whether ``episode`` carries on a predecessor's arrangement from the authority's first day."""
        if self.active_from is None or episode.start != self.active_from:
            return False
        return any(
            earlier.model is episode.model
            and earlier.provider == episode.provider
            and (earlier.end is None or not earlier.end.certainly_before(episode.start))
            for predecessor in self.predecessors
            for earlier in predecessor.deliveries
        )

    def peers_on(
        self, day: DateLike, *, frameworks: Collection[Framework] = SIF_AND_LATER
    ) -> tuple[tuple[AuthorityView, Overall | None], ...]:
        """The authority's statistical neighbours, closest first, each with its rating on ``day``.

        The neighbours are the same whatever the day: one list, from the
        LA lookup of March 2025 (:attr:`statistical_neighbours`), not the
        list in force on ``day``; only the ratings are as of ``day``.

        >>> import childservices as cs
        >>> peers = cs.load().authority("Sandwell").peers_on("2019-06-01")
        >>> [(peer.name, rating.value) for peer, rating in peers][:2]
        [('Wolverhampton', 'good'), ('Kingston Upon Hull, City of', 'inadequate')]
        """
        when = as_day(day)
        warn_if_after(self.dataset.index.reports_to, when, stacklevel=2)
        return tuple(
            (peer, peer._rating(when, frameworks, RatingBasis.OVERALL))
            for peer in self.statistical_neighbours
        )

    def __repr__(self) -> str:
        return f"<Authority {self.id}: {self.name}>"
