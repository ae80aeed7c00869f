"""One authority with its history: inspections, interventions, delivery, as-of answers.

What is recorded about the authority is read from its catalog
(:class:`~childservices.authority_view._recorded.Recorded`); each question is
a thin call into the rules (:mod:`childservices.rules`), which take the
view as the authority's history.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping

import attrs

from childservices import _arguments
from childservices.authority_view._neighbours import NeighbourList
from childservices.authority_view._recorded import Indexed, Recorded
from childservices.coverage import warn_if_after
from childservices.model import (
    Area,
    Framework,
    Grade,
    Inspection,
    Intervention,
    Overall,
    PartialDate,
    as_date,
    as_day,
)
from childservices.rules.asof import ALL_FRAMEWORKS, SIF_AND_LATER, RatingBasis
from childservices.rules.carryover import (
    always,
    rated_inspection_on,
    rating_inspections,
)
from childservices.rules.changes import ImprovementAfter, improvements_after_changes
from childservices.rules.events import Event, EventKind, events_of
from childservices.rules.intervention import InterventionStatus
from childservices.rules.ondate import (
    DeliveryOnDate,
    active_on,
    delivery_on,
    intervention_status_on,
    intervention_steps_on,
    judgements_on,
    rating_on,
)
from childservices.rules.trajectory import Trajectory, trajectory_of

__all__ = [
    "AuthorityView",
    "DeliveryOnDate",
    "ImprovementAfter",
    "Indexed",
    "NeighbourList",
]

DateLike = str | datetime.date | PartialDate


@attrs.frozen(kw_only=True, eq=False)
class AuthorityView(Recorded):
    """An authority as the dataset knows it: its record and everything recorded about it.

    ``record`` is its :class:`~childservices.Authority` record and ``dataset``
    the catalog it was found in. A view is an
    :class:`~childservices.rules.history.AuthorityHistory`: hand it to any
    rule of :mod:`childservices.rules`.
    """

    def intervention_status_on(self, day: DateLike) -> InterventionStatus:
        """The strongest improvement notice or statutory direction certainly in force on ``day``.

        :attr:`~childservices.InterventionStatus.NOT_KNOWN` when the record
        cannot say whether one still ran (the rule is in
        :mod:`childservices.rules.intervention`).

        >>> import childservices as cs
        >>> cs.load().authority("Sandwell").intervention_status_on("2019-06-01")
        <InterventionStatus.STATUTORY_DIRECTION: 'statutory_direction'>
        """
        return intervention_status_on(self, as_day(day))

    def intervention_steps_on(self, day: DateLike) -> tuple[tuple[Intervention, bool | None], ...]:
        """Each improvement notice and direction begun by ``day``, with whether it was in force.

        ``True`` in force, ``False`` not, ``None`` not known (see
        :func:`~childservices.rules.intervention.step_status_on`).
        """
        return intervention_steps_on(self, as_day(day))

    # As-of questions -------------------------------------------------------

    def active_on(self, day: DateLike) -> bool | None:
        """Whether the authority existed on ``day`` (``None`` if its dates are too vague to say)."""
        return active_on(self, as_day(day))

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
        return rated_inspection_on(
            self,
            when,
            frameworks,
            follow_predecessors=follow_predecessors,
            rating_basis=rating_basis,
        )

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
        return rating_on(
            self,
            when,
            frameworks,
            rating_basis=rating_basis,
            follow_predecessors=follow_predecessors,
        )

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
        return judgements_on(self, when, frameworks)

    def delivery_on(self, day: DateLike) -> DeliveryOnDate | None:
        """Who ran the authority's children's services on ``day``; ``None`` if it did not exist then.

        >>> import childservices as cs
        >>> delivery = cs.load().authority("Sandwell").delivery_on("2019-06-01")
        >>> delivery.model, delivery.provider
        (<DeliveryModel.CHILDRENS_TRUST: 'childrens_trust'>, 'sandwell-childrens-trust')
        """
        return delivery_on(self, as_date(day))

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
        return rating_inspections(self, frameworks, follows=always if follow_predecessors else None)

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
        return trajectory_of(
            self, until=cut, frameworks=frameworks, follow_predecessors=follow_predecessors
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
        return improvements_after_changes(
            self, self.trajectory(until=until), adequate_as=adequate_as
        )

    def peers_on(
        self, day: DateLike, *, frameworks: Collection[Framework] = SIF_AND_LATER
    ) -> NeighbourList[tuple[AuthorityView, Overall | None]]:
        """The authority's statistical neighbours in the DfE grouping in force on ``day``,
        closest first, each with its rating on ``day``; the result names the grouping
        (``.grouping``; ``None``, with no neighbours, where the record does not know which
        grouping was in force: see :meth:`statistical_neighbours_on`).

        >>> import childservices as cs
        >>> peers = cs.load().authority("Sandwell").peers_on("2019-06-01")
        >>> peers.grouping is None  # before the 2021 groupings: not known
        True
        >>> peers = cs.load().authority("Sandwell").peers_on("2022-06-01")
        >>> peers.grouping.value, [(peer.name, rating.value) for peer, rating in peers][:2]
        ('dfe-2021', [('Wolverhampton', 'good'), ('Walsall', 'good')])
        """
        when = as_day(day)
        warn_if_after(self.dataset.index.reports_to, when, stacklevel=2)
        neighbours = self.statistical_neighbours_on(when)
        return NeighbourList(
            day=when,
            grouping=neighbours.grouping,
            items=tuple((peer, rating_on(peer, when, frameworks)) for peer in neighbours),
        )

    def events(self, *, kinds: Collection[EventKind | str] | None = None) -> tuple[Event, ...]:
        """The authority's dated events (only ``kinds`` of them, if given), in order of day:
        its judgements, intervention steps, trusts going live and returns in-house, each
        citing its record (the rules are in :mod:`childservices.rules.events`).

        >>> import childservices as cs
        >>> [str(e) for e in cs.load().authority("Sandwell").events(kinds={"trust_goes_live"})]
        ['trust goes live 2018-04-01 (sandwell-sct)']
        """
        wanted = None if kinds is None else _arguments.members("kinds", kinds, EventKind)
        return events_of(self, kinds=wanted)

    def __repr__(self) -> str:
        return f"<Authority {self.id}: {self.name}>"
