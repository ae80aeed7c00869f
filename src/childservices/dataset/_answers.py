"""The dataset's questions over every authority on a day: delivery, interventions, ratings,
panels, shares and transitions.

Each finds the authorities in the catalog and hands their histories to the
rules (:mod:`childservices.rules`); :class:`~childservices.Dataset` has them.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING

from childservices import _arguments
from childservices.catalog import Catalog
from childservices.coverage import warn_if_after
from childservices.errors import ArgumentValueError
from childservices.model import (
    Area,
    DeliveryModel,
    Framework,
    Grade,
    Inspection,
    Overall,
    PartialDate,
    Provider,
    as_date,
    as_day,
)
from childservices.rules.asof import ALL_FRAMEWORKS, SIF_AND_LATER, RatingBasis
from childservices.rules.delivery import COMPANY_MODELS, DeliveryStatus
from childservices.rules.intervention import InterventionStatus
from childservices.rules.ondate import (
    DeliveryOnDate,
    delivery_on,
    intervention_status_on,
    rating_on,
)

if TYPE_CHECKING:
    import pendulum

    from childservices.authority_view import AuthorityView
    from childservices.rules.aggregate import PanelRow
    from childservices.rules.history import AuthorityHistory

__all__: list[str] = []


class DayAnswers(Catalog):
    """The questions about every authority on a day (a part of :class:`~childservices.Dataset`)."""

    __slots__ = ()

    # As-of questions over every authority ---------------------------------

    def delivery_on(self, day: str | datetime.date | PartialDate) -> dict[str, DeliveryOnDate]:
        """Who ran each authority's services on ``day``, by authority id (unit: authorities then in existence).

        >>> import childservices as cs
        >>> cs.load().delivery_on("2019-06-01")["sunderland"].model
        <DeliveryModel.COUNCIL_COMPANY: 'council_company'>
        """
        when = as_date(day)
        found: dict[str, DeliveryOnDate] = {}
        for authority in self.authorities():
            delivery = delivery_on(authority, when)
            if delivery is not None:
                found[authority.id] = delivery
        return found

    def run_by(
        self,
        models: Collection[DeliveryModel] = COMPANY_MODELS,
        *,
        on: str | datetime.date | PartialDate,
        not_known: bool = False,
    ) -> tuple[AuthorityView, ...]:
        """Authorities whose services were certainly run under one of ``models`` on a day.

        By default the not-for-profit company models: children's trusts,
        council-owned companies and multi-council companies.

        With ``not_known``, instead the authorities for which the record
        cannot say: an episode under one of ``models`` with no recorded end,
        after the last day its sources show it running
        (:attr:`~childservices.rules.delivery.DeliveryStatus.NOT_KNOWN`; the
        rule is in :mod:`childservices.rules.delivery`). Count them apart:
        they are neither run under the model nor known to be out of it.

        >>> import childservices as cs
        >>> len(cs.load().run_by(on="2024-10-01"))
        11
        >>> [a.id for a in cs.load().run_by([cs.DeliveryModel.PARTNERSHIP], on="2024-10-01",
        ...                                 not_known=True)]
        ['trafford']
        """
        chosen = _arguments.members("models", models, DeliveryModel)
        return tuple(
            self._view(authority_id)
            for authority_id, delivery in self.delivery_on(on).items()
            if _counted(delivery, chosen, not_known=not_known)
        )

    def trusts_operating(
        self,
        *,
        on: str | datetime.date | PartialDate,
        models: Collection[DeliveryModel] = COMPANY_MODELS,
        not_known: bool = False,
    ) -> tuple[Provider, ...]:
        """Providers (trusts and companies by default) certainly running at least one authority's services on a day.

        With ``not_known``, instead the providers of the episodes whose state
        the record cannot say on the day (an episode with no recorded end,
        after the last day its sources show it running; see
        :mod:`childservices.rules.delivery`), as :meth:`under_intervention`
        keeps its not-known answers apart. A provider certainly running one
        authority's services and not known for another is in both answers.

        >>> import childservices as cs
        >>> len(cs.load().trusts_operating(on="2024-09-24"))
        9
        >>> [p.id for p in cs.load().trusts_operating(
        ...     on="2024-09-24", models=[cs.DeliveryModel.PARTNERSHIP], not_known=True)]
        ['pennine-care-trafford']
        """
        chosen = _arguments.members("models", models, DeliveryModel)
        providers = set()
        for delivery in self.delivery_on(on).values():
            if not _counted(delivery, chosen, not_known=not_known):
                continue
            episode = delivery.episode
            if episode is not None and episode.provider is not None:
                providers.add(episode.provider)
        return tuple(sorted((self.index.providers[p] for p in providers), key=lambda p: p.name))

    def under_intervention(
        self, *, on: str | datetime.date | PartialDate, not_known: bool = False
    ) -> dict[str, InterventionStatus]:
        """Authorities certainly under an improvement notice or statutory direction on a day.

        With ``not_known``, also the authorities for which the record cannot
        say (:attr:`~childservices.InterventionStatus.NOT_KNOWN`): no end is
        recorded, but the record cannot show that the intervention still ran
        (see :mod:`childservices.rules.intervention`). Count them apart: they
        are not "under intervention".

        Unit: authorities in existence on the day; a direction given to a
        predecessor is not carried to its successors.

        >>> import childservices as cs
        >>> cs.load().under_intervention(on="2019-06-01")["sandwell"]
        <InterventionStatus.STATUTORY_DIRECTION: 'statutory_direction'>
        """
        when = as_day(on)
        found: dict[str, InterventionStatus] = {}
        for authority in self.authorities(active_on=when):
            status = intervention_status_on(authority, when)
            if status is InterventionStatus.NONE:
                continue
            if status is InterventionStatus.NOT_KNOWN and not not_known:
                continue
            found[authority.id] = status
        return found

    # Ratings, panels and aggregates ---------------------------------------

    def ratings_on(
        self,
        day: str | datetime.date | PartialDate,
        *,
        frameworks: Collection[Framework] = SIF_AND_LATER,
        rating_basis: RatingBasis | Area = RatingBasis.OVERALL,
    ) -> dict[str, Overall | None]:
        """Every authority in existence on ``day`` with its rating (see :meth:`AuthorityView.rating_on`).

        Unit: authorities in existence on the day
        (:attr:`~childservices.rules.lineage.Unit.AUTHORITY`). A council
        created by reorganisation carries its single predecessor's rating until
        its own first inspection, so after a split each successor carries the
        same judgement; Ofsted's own count does not
        (:meth:`official_count`). ``rating_basis`` chooses what the rating is
        read from (the overall judgement by default; see
        :class:`~childservices.RatingBasis`). A day after the newest report the
        record holds gives a :class:`~childservices.CoverageWarning`.

        >>> import childservices as cs
        >>> cs.load().ratings_on("2019-06-01")["sandwell"]
        <Grade.INADEQUATE: 'inadequate'>
        >>> cs.load().ratings_on("2026-08-31", rating_basis=cs.Area.IMPACT_OF_LEADERS)["trafford"]
        <Grade.INADEQUATE: 'inadequate'>
        """
        when = as_day(day)
        if frameworks is not SIF_AND_LATER and frameworks is not ALL_FRAMEWORKS:
            frameworks = _arguments.frameworks(frameworks)
        warn_if_after(self.index.reports_to, when, stacklevel=2)
        return self._ratings(when, frameworks, rating_basis)

    def _ratings(
        self,
        when: datetime.date,
        frameworks: Collection[Framework],
        rating_basis: RatingBasis | Area,
    ) -> dict[str, Overall | None]:
        return {
            a.id: rating_on(a, when, frameworks, rating_basis=rating_basis)
            for a in self.authorities(active_on=when)
        }

    def panel(
        self,
        days: Sequence[str | datetime.date],
        *,
        frameworks: Collection[Framework] = SIF_AND_LATER,
        rating_basis: RatingBasis | Area = RatingBasis.OVERALL,
    ) -> tuple[PanelRow, ...]:
        """Every authority's rating, delivery model and intervention status on each day, and
        Ofsted's visits in each row's period.

        Unit: one row per authority in existence on each day (as
        :meth:`ratings_on`); an authority's rows stop when it is abolished and
        its successors' rows start. A row's period runs to the next day asked
        (see :class:`~childservices.rules.aggregate.PanelRow`).

        Use :func:`~childservices.rules.aggregate.monthly` or
        :func:`~childservices.rules.aggregate.quarterly` for regular days;
        ``rating_basis`` as for :meth:`ratings_on`.

        >>> import childservices as cs
        >>> rows = cs.load().panel(cs.quarterly("2019-01-01", "2019-12-31"))
        >>> [(str(r.day), r.rating.value) for r in rows if r.authority == "sandwell"]
        [('2019-01-01', 'inadequate'), ('2019-04-01', 'inadequate'), ('2019-07-01', 'inadequate'), ('2019-10-01', 'inadequate')]
        >>> rows = cs.load().panel(cs.quarterly("2024-04-01", "2025-04-01"))
        >>> [(str(r.day), r.visits) for r in rows if r.authority == "bradford"]  # 2025 workbook, in-year sheet rows 14, 13
        [('2024-04-01', ('bradford-monitoring-visit-2024-05-22',)), ('2024-07-01', ()), ('2024-10-01', ()), ('2025-01-01', ('bradford-monitoring-visit-2025-02-11',)), ('2025-04-01', None)]
        """
        from childservices.rules.aggregate import panel

        if frameworks is not SIF_AND_LATER and frameworks is not ALL_FRAMEWORKS:
            frameworks = _arguments.frameworks(frameworks)
        asked = [as_date(d) for d in _arguments.sequence("days", days)]
        if asked:
            warn_if_after(self.index.reports_to, max(asked), stacklevel=2)
        return panel(self.authorities(), asked, frameworks=frameworks, rating_basis=rating_basis)

    def shares_on(
        self,
        day: str | datetime.date | PartialDate,
        *,
        by: str | None = None,
        frameworks: Collection[Framework] = SIF_AND_LATER,
        rating_basis: RatingBasis | Area = RatingBasis.OVERALL,
    ) -> dict[str, dict[Grade, float]]:
        """The share of authorities at each grade on ``day``, optionally by ``"kind"``,
        ``"region"`` or ``"delivery_model"``.

        Unit: authorities in existence on the day, with their ratings as
        :meth:`ratings_on` gives them. Authorities without a grade (none yet,
        unknown, or no overall judgement under the 2026 framework) are not
        counted; shares in a group sum to 1. ``rating_basis`` as for
        :meth:`ratings_on`: once most authorities' latest inspection is a
        reformed one, shares of overall judgements rest on few authorities,
        and a basis of one judgement area or of the latest overall judgement
        keeps the series going.

        >>> import childservices as cs
        >>> shares = cs.load().shares_on("2019-06-01")["all"]
        >>> round(sum(shares.values()), 6)
        1.0
        """
        from childservices.rules.aggregate import shares

        _arguments.one_of("by", by, (None, "kind", "region", "delivery_model"))
        when = as_date(day)
        warn_if_after(self.index.reports_to, when, stacklevel=2)
        ratings = self._ratings(when, frameworks, rating_basis)
        return shares(ratings, None if by is None else self._grouper(by, when))

    def _grouper(self, by: str, day: pendulum.Date) -> Callable[[str], str]:
        if by == "kind":
            return lambda a: self.index.authorities[a].kind.value
        if by == "region":
            return lambda a: getattr(self.index.authorities[a].region, "value", "unknown")
        if by == "delivery_model":

            def model(a: str) -> str:
                delivery = delivery_on(self._view(a), day)
                return (
                    "unknown"
                    if delivery is None or delivery.model is None
                    else delivery.model.value
                )

            return model
        raise ArgumentValueError(
            f"cannot group by {by!r}: use 'kind', 'region' or 'delivery_model'"
        )

    def transitions(
        self,
        *,
        by: str | None = None,
        frameworks: Collection[Framework] = SIF_AND_LATER,
    ) -> dict[str, Counter[tuple[Grade, Grade]]]:
        """Counts of grade changes between consecutive graded inspections.

        Unit: each authority's own inspections
        (:attr:`~childservices.rules.lineage.Unit.AUTHORITY`). A successor's
        sequence starts with its own first inspection, never with its
        predecessor's, so every inspection is in one authority's sequence and
        each pair is counted once.

        ``by``: ``None`` (one group), ``"era"`` (the framework of the later
        inspection), ``"delivery_model"`` (in force when the later report was
        published) or ``"direction"`` (whether a statutory direction was
        certainly in force then: ``"under direction"``, ``"not under
        direction"``, or ``"not known"`` when the record cannot say).

        >>> import childservices as cs
        >>> counts = cs.load().transitions(by="era")
        >>> sorted(counts)
        ['ilacs', 'sif']
        """
        from childservices.rules.aggregate import transitions

        _arguments.one_of("by", by, (None, "era", "delivery_model", "direction"))
        if frameworks is not SIF_AND_LATER and frameworks is not ALL_FRAMEWORKS:
            frameworks = _arguments.frameworks(frameworks)

        def group(authority: AuthorityHistory, earlier: Inspection, later: Inspection) -> str:
            day = later.published.latest
            if by == "era":
                return later.framework.value
            if by == "delivery_model":
                delivery = delivery_on(authority, day)
                return (
                    "unknown"
                    if delivery is None or delivery.model is None
                    else delivery.model.value
                )
            if by == "direction":
                status = intervention_status_on(authority, day)
                if status is InterventionStatus.STATUTORY_DIRECTION:
                    return "under direction"
                if status is InterventionStatus.NOT_KNOWN:
                    return "not known"
                return "not under direction"
            raise ArgumentValueError(
                f"cannot group by {by!r}: use 'era', 'delivery_model' or 'direction'"
            )

        return transitions(
            self.authorities(), frameworks=frameworks, group_of=None if by is None else group
        )


def _counted(
    delivery: DeliveryOnDate, models: Collection[DeliveryModel], *, not_known: bool
) -> bool:
    """Whether a day's answer counts: certainly under one of ``models`` or, with ``not_known``,
    not known, with its episode under one of them."""
    if not not_known:
        return delivery.model in models
    episode = delivery.episode
    return (
        delivery.status is DeliveryStatus.NOT_KNOWN
        and episode is not None
        and episode.model in models
    )
