"""The dataset: every record, checked, indexed and read-only, with questions over it."""

from __future__ import annotations

import datetime
import os
import typing
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from childservices import _arguments
from childservices.authority_view import AuthorityView, DeliveryOnDate
from childservices.coverage import Coverage, warn_if_after
from childservices.data.index import Index, normalise_name, short_name
from childservices.data.lazy import Tables
from childservices.errors import (
    ArgumentTypeError,
    DatasetError,
    UnknownAuthorityError,
    UnknownRecordError,
)
from childservices.model import (
    Area,
    AuthorityKind,
    DeliveryModel,
    Framework,
    Grade,
    Inspection,
    Overall,
    PartialDate,
    Provider,
    RecordSet,
    Region,
    Source,
    TrustLifecycle,
    Visit,
    as_date,
    as_day,
)
from childservices.rules.asof import ALL_FRAMEWORKS, SIF_AND_LATER, RatingBasis, in_force
from childservices.rules.intervention import InterventionStatus

if TYPE_CHECKING:
    # Imported where used: ``import childservices`` does not need them.
    import pathlib

    import pendulum

    from childservices.layouts import LayoutTable
    from childservices.rules.aggregate import PanelRow, SurvivalRow
    from childservices.rules.escalation import EscalationRule, Finding
    from childservices.rules.lineage import Lineage, Unit
    from childservices.rules.official import CountingRule, OfficialCount
    from childservices.rules.survival import TimeToGood

__all__ = ["COMPANY_MODELS", "Dataset"]

COMPANY_MODELS: frozenset[DeliveryModel] = frozenset(
    {
        DeliveryModel.CHILDRENS_TRUST,
        DeliveryModel.COUNCIL_COMPANY,
        DeliveryModel.MULTI_COUNCIL_COMPANY,
    }
)
"""The not-for-profit company models: what the sector counts as "trusts"."""


@attrs.frozen(kw_only=True, eq=False)
class Dataset:
    """A checked, indexed, read-only set of records.

    Build one with :meth:`from_records` (or get the bundled one with
    :func:`childservices.load`); building checks every cross-record rule and
    raises :class:`~childservices.DatasetError` listing every problem.
    """

    tables: Tables = attrs.field(repr=False)
    """The tables: a :class:`~childservices.model.RecordSet`, or the bundled
    dataset's tables, each built when first used."""
    index: Index = attrs.field(repr=False)
    data_version: str | None = None
    """The bundle's version (a digest of the seeds it was built from), followed by
    ``+updates.<digest>`` when update runs are merged in."""
    updates: tuple[str, ...] = ()
    """The update runs (``childservices update``) merged into the record, oldest first."""

    @property
    def coverage(self) -> Coverage:
        """How current the record is: its newest report, each table's newest source, the updates in it.

        >>> import childservices as cs
        >>> str(cs.load(updates=False).coverage.reports_to)
        '2026-08-20'
        """
        return Coverage(
            reports_to=self.index.reports_to,
            sources_to=self.index.sources_to,
            updates=self.updates,
        )

    @property
    def records(self) -> RecordSet:
        """Every record, table by table (for the bundled dataset, every table is built)."""
        tables = self.tables
        return tables if isinstance(tables, RecordSet) else tables.record_set()

    @classmethod
    def from_records(cls, records: RecordSet, *, data_version: str | None = None) -> Dataset:
        """Check ``records`` and index them, or raise every problem found."""
        from childservices.data.checks import check_records

        problems = check_records(records)
        if problems:
            raise DatasetError(problems)
        return cls(tables=records, index=Index(records), data_version=data_version)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickling, for a process pool: the bundled dataset goes by its data version (the
        other process loads its own, and refuses a different version); any other dataset goes
        with its records, checked again when it arrives."""
        from childservices.loading import load

        if self is load():
            return (_unpickle_bundled, (self.data_version,))
        return (_unpickle_records, (self.records, self.data_version))

    # Authorities ----------------------------------------------------------

    def authority(self, query: str) -> AuthorityView:
        """The authority named by an id, name, alias, DfE number, ONS code or Ofsted URN.

        Names are matched ignoring case, punctuation and words such as
        'council'. Where an identifier or name was used by more than one
        authority over time (a county council and the unitary council that
        followed it), the current one wins. Unknown names raise
        :class:`~childservices.UnknownAuthorityError` with suggestions.
        """
        if not isinstance(query, str):
            # An UnknownAuthorityError (a LookupError), as for any name that matches nothing.
            error = UnknownAuthorityError(str(query))
            error.args = (
                f"no authority matches {query!r}: a {type(query).__name__} is not a name, id "
                f"or identifier (give it as text, such as {str(query)!r})",
            )
            raise error
        if not query.strip():
            raise UnknownAuthorityError(str(query))
        text = query.strip()
        index = self.index
        if text in index.authorities:
            return self._view(text)
        identifiers = index.identifiers.get(text.casefold())
        if identifiers:
            # Sorted with the open-ended (current) identifier last.
            return self._view(identifiers[-1].authority)
        candidates = index.names.get(normalise_name(text)) or index.names.get(short_name(text))
        if candidates:
            return self._view(self._prefer_current(candidates))
        raise UnknownAuthorityError(text, self._suggestions(text))

    def _suggestions(self, text: str) -> list[str]:
        """Names for a query that named no authority: those it begins or is a word of, then
        close spellings (at most five)."""
        import difflib  # only a failed lookup needs it

        index = self.index
        folded = normalise_name(text)
        words = folded.split()
        keys = [
            key
            for key in index.names
            if folded
            and (key.startswith(folded) or all(word in key.split() for word in words))
        ]
        keys += difflib.get_close_matches(folded, list(index.names), n=3, cutoff=0.75)
        names: list[str] = []
        for key in keys:
            for authority_id in index.names[key]:
                name = index.authorities[authority_id].name
                if name not in names:
                    names.append(name)
        return names[:5]

    def _prefer_current(self, candidates: tuple[str, ...]) -> str:
        current = [c for c in candidates if self.index.authorities[c].active_to is None]
        return (current or list(candidates))[0]

    def _view(self, authority_id: str) -> AuthorityView:
        return AuthorityView(record=self.index.authorities[authority_id], dataset=self)

    def authorities(
        self,
        *,
        kind: AuthorityKind | str | None = None,
        region: Region | str | None = None,
        active_on: str | datetime.date | PartialDate | None = None,
    ) -> tuple[AuthorityView, ...]:
        """Authorities, sorted by name, optionally of one kind, in one region, or in existence on a day.

        ``kind`` and ``region`` accept the enum or its value (``"unitary"``,
        ``"London"``).
        """
        kind_ = None if kind is None else _arguments.member("kind", kind, AuthorityKind)
        region_ = None if region is None else _arguments.member("region", region, Region)
        day = None if active_on is None else as_day(active_on)
        chosen = []
        for record in self.tables.authorities:
            if kind_ is not None and record.kind is not kind_:
                continue
            if region_ is not None and record.region is not region_:
                continue
            if (
                day is not None
                and in_force(day, record.active_from, _day_after(record.active_to)) is not True
            ):
                continue
            chosen.append(self._view(record.id))
        return tuple(sorted(chosen, key=lambda a: (a.name, a.id)))

    def lineages(self) -> tuple[Lineage, ...]:
        """Every lineage: authorities joined by reorganisation as one line of history, by id.

        See :mod:`childservices.rules.lineage` for when to count lineages
        rather than authorities.

        >>> import childservices as cs
        >>> [l.members for l in cs.load().lineages() if l.id == "northamptonshire"]
        [('north-northamptonshire', 'northamptonshire', 'west-northamptonshire')]
        """
        from childservices.rules.lineage import lineages

        return lineages(
            (a.id for a in self.tables.authorities),
            ((r.predecessor, r.successor) for r in self.tables.reorganisations),
        )

    @property
    def covered_until(self) -> pendulum.Date | None:
        """The data's coverage date: :attr:`coverage`'s ``reports_to``, the latest publication
        day of any inspection recorded.

        Analyses over years stop following authorities here (they are
        censored), rather than at today's date, so that months the data does
        not cover are not read as months in which nothing happened.
        """
        latest = self.index.reports_to
        return None if latest is None else as_date(latest)

    def __iter__(self) -> Iterator[AuthorityView]:
        """Every authority, sorted by name."""
        return iter(self.authorities())

    def __len__(self) -> int:
        """How many authorities the dataset holds (current and abolished)."""
        return len(self.tables.authorities)

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
            delivery = authority.delivery_on(when)
            if delivery is not None:
                found[authority.id] = delivery
        return found

    def run_by(
        self,
        models: Collection[DeliveryModel] = COMPANY_MODELS,
        *,
        on: str | datetime.date | PartialDate,
    ) -> tuple[AuthorityView, ...]:
        """Authorities whose services were certainly run under one of ``models`` on a day.

        By default the not-for-profit company models: children's trusts,
        council-owned companies and multi-council companies.

        >>> import childservices as cs
        >>> len(cs.load().run_by(on="2024-10-01"))
        11
        """
        chosen = _arguments.members("models", models, DeliveryModel)
        return tuple(
            self._view(authority_id)
            for authority_id, delivery in self.delivery_on(on).items()
            if delivery.model in chosen
        )

    def trusts_operating(
        self,
        *,
        on: str | datetime.date | PartialDate,
        models: Collection[DeliveryModel] = COMPANY_MODELS,
    ) -> tuple[Provider, ...]:
        """Providers (trusts and companies by default) running at least one authority's services on a day.

        >>> import childservices as cs
        >>> len(cs.load().trusts_operating(on="2024-09-24"))
        9
        """
        chosen = _arguments.members("models", models, DeliveryModel)
        providers = {
            delivery.provider
            for delivery in self.delivery_on(on).values()
            if delivery.model in chosen and delivery.provider is not None
        }
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
            status = authority.intervention_status_on(when)
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
            a.id: a._rating(when, frameworks, rating_basis)
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
                delivery = self._view(a).delivery_on(day)
                return (
                    "unknown"
                    if delivery is None or delivery.model is None
                    else delivery.model.value
                )

            return model
        raise ValueError(f"cannot group by {by!r}: use 'kind', 'region' or 'delivery_model'")

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

        def group(authority: AuthorityView, earlier: Inspection, later: Inspection) -> str:
            day = later.published.latest
            if by == "era":
                return later.framework.value
            if by == "delivery_model":
                delivery = authority.delivery_on(day)
                return (
                    "unknown"
                    if delivery is None or delivery.model is None
                    else delivery.model.value
                )
            if by == "direction":
                status = authority.intervention_status_on(day)
                if status is InterventionStatus.STATUTORY_DIRECTION:
                    return "under direction"
                if status is InterventionStatus.NOT_KNOWN:
                    return "not known"
                return "not under direction"
            raise ValueError(f"cannot group by {by!r}: use 'era', 'delivery_model' or 'direction'")

        return transitions(
            self.authorities(), frameworks=frameworks, group_of=None if by is None else group
        )

    def time_to_good(
        self,
        *,
        from_grade: Grade = Grade.INADEQUATE,
        judged_from: str | datetime.date | None = None,
        judged_to: str | datetime.date | None = None,
        by: str | None = None,
        unit: Unit | None = None,
        data_until: str | datetime.date | None = None,
        frameworks: Collection[Framework] = SIF_AND_LATER,
        confidence: float = 0.95,
    ) -> tuple[TimeToGood, ...]:
        """Time from a judgement at ``from_grade`` to the first later good or outstanding one, by group.

        A survival analysis (Kaplan-Meier, Greenwood variance, log-log
        confidence intervals): see :func:`~childservices.rules.survival.time_to_good`
        for the groups (``by=``: ``"delivery_model"``, ``"region"``, ``"era"``,
        ``"intervention"``) and for how follow-up is censored. ``unit``:
        lineages by default (:class:`~childservices.rules.lineage.Unit`).
        ``data_until``: the coverage date at which follow-up stops (default
        :attr:`covered_until`).

        >>> import childservices as cs
        >>> (everyone,) = cs.load().time_to_good(data_until="2026-08-20")
        >>> sunderland = next(f for f in everyone.follow_ups if f.unit == "sunderland")
        >>> str(sunderland.start), str(sunderland.end), sunderland.days  # inadequate 2015, outstanding 2021
        ('2015-07-20', '2021-08-20', 2223)
        """
        from childservices.rules.lineage import Unit
        from childservices.rules.survival import time_to_good

        cut = self.covered_until if data_until is None else as_date(data_until)
        if cut is None:
            return ()
        return time_to_good(
            self.authorities(),
            until=cut,
            from_grade=from_grade,
            judged_from=judged_from,
            judged_to=judged_to,
            unit=Unit.LINEAGE if unit is None else unit,
            by=by,
            frameworks=frameworks,
            confidence=confidence,
        )

    def reached_good(
        self,
        *,
        judged_from: str | datetime.date,
        judged_to: str | datetime.date,
        horizons: Sequence[int] = (1, 2, 3),
        data_until: str | datetime.date | None = None,
        unit: Unit | None = None,
    ) -> tuple[SurvivalRow, ...]:
        """Of units judged inadequate in a period, how many reached good within 1, 2, 3 years,
        by delivery model: a view of :meth:`time_to_good` (see
        :func:`~childservices.rules.aggregate.survival`).

        Unit: lineages by default, each counted once, so a council split in
        two (Northamptonshire) or continued as a unitary council (Somerset)
        is one unit with one entry judgement. ``reached_good_within[n]``
        counts only units in ``followed_up[n]``.

        >>> import childservices as cs
        >>> rows = cs.load().reached_good(judged_from="2014-01-01", judged_to="2019-12-31", data_until="2026-06-30")
        >>> sorted(row.group for row in rows)
        ['in-house', 'partnership', 'trust']
        """
        from childservices.rules.aggregate import survival
        from childservices.rules.lineage import Unit

        return survival(
            self,
            judged_from=judged_from,
            judged_to=judged_to,
            horizons=_arguments.whole_numbers("horizons", horizons, least=1),
            data_until=data_until,
            unit=Unit.LINEAGE if unit is None else unit,
        )

    def official_count(self, rule: CountingRule) -> OfficialCount:
        """Ofsted's national count of judgements under an explicit :class:`~childservices.rules.official.CountingRule`.

        Unit: authorities in existence on the rule's reference date. By
        default a council created by reorganisation is counted from its own
        first inspection, as Ofsted counts it (unless it kept its
        predecessor's Ofsted URN); see
        :class:`~childservices.rules.official.NewAuthorities`.

        >>> import childservices as cs
        >>> rule = cs.CountingRule(inspected_by="2025-03-31", published_by="2025-06-30")
        >>> cs.load().official_count(rule).by_grade[cs.Grade.INADEQUATE]
        19
        """
        from childservices.rules.official import CountingRule, official_count

        return official_count(self, _arguments.instance("rule", rule, CountingRule))

    def escalation(
        self,
        *,
        on: str | datetime.date,
        rules: Iterable[EscalationRule] | None = None,
    ) -> tuple[Finding, ...]:
        """Where the record follows or departs from the intervention rules, as it stood on ``on``.

        Unit: one finding per triggering record, a judgement or a
        recommendation of the authority it concerns; a rating a successor
        carries from its predecessor triggers nothing for the successor.

        ``rules`` defaults to :data:`~childservices.rules.escalation.SEED_RULES`.

        >>> import childservices as cs
        >>> findings = cs.load().escalation(on="2026-06-30")
        >>> sorted({f.rule for f in findings})
        ['commissioner-after-six-months', 'recommendation-followed']
        """
        from childservices.rules.escalation import SEED_RULES, evaluate

        chosen = SEED_RULES if rules is None else tuple(_arguments.sequence("rules", rules))
        return evaluate(self, on=as_date(on), rules=chosen)

    # Other records --------------------------------------------------------

    def source(self, source_id: str) -> Source:
        """The source with this id."""
        try:
            return self.index.sources[_arguments.text("source_id", source_id)]
        except KeyError:
            raise UnknownRecordError(f"no source {source_id!r}") from None

    def inspection(self, inspection_id: str) -> Inspection:
        """The inspection with this id."""
        try:
            return self.index.inspections_by_id[_arguments.text("inspection_id", inspection_id)]
        except KeyError:
            raise UnknownRecordError(f"no inspection {inspection_id!r}") from None

    def visit(self, visit_id: str) -> Visit:
        """The visit (focused or monitoring) with this id."""
        try:
            return self.index.visits_by_id[visit_id]
        except KeyError:
            raise KeyError(f"no visit {visit_id!r}") from None

    def lifecycle(self, provider: str) -> TrustLifecycle:
        """The lifecycle of the provider (trust, company, partnership) with this id."""
        try:
            return self.index.lifecycles[_arguments.text("provider", provider)]
        except KeyError:
            raise UnknownRecordError(f"no lifecycle recorded for provider {provider!r}") from None

    @property
    def lifecycles(self) -> tuple[TrustLifecycle, ...]:
        """Every recorded provider lifecycle, by provider id."""
        return tuple(self.index.lifecycles[k] for k in sorted(self.index.lifecycles))

    # Drop-in tables (see childservices.layouts) ----------------------------

    def summary_table(
        self,
        on: str | datetime.date | PartialDate,
        *,
        frameworks: Collection[Framework] = SIF_AND_LATER,
    ) -> LayoutTable:
        """Data to Insight's summary table (every authority's latest inspection) as it stood ``on`` a day.

        The columns, values and date formats of the tool's daily snapshots,
        rebuilt from the record (see :func:`~childservices.layouts.d2i_summary`).
        Write it with ``to_csv`` or ``to_xlsx``.

        >>> import childservices as cs
        >>> table = cs.load().summary_table(on="2026-06-29")
        >>> len(table), table.row("80489")["overall_effectiveness_grade"]  # Brent, reformed framework
        (153, 'not_reported_post_reform')
        """
        from childservices.layouts import d2i_summary

        when = as_day(on)
        warn_if_after(self.index.reports_to, when, stacklevel=2)
        return d2i_summary(
            self.authorities(), when, sources=self.index.sources, frameworks=frameworks
        )

    def history_table(self, *, frameworks: Collection[Framework] | None = None) -> LayoutTable:
        """Every report, one row each, with the columns of Data to Insight's history CSV.

        Every framework from 2009 by default (see
        :func:`~childservices.layouts.d2i_history`).

        >>> import childservices as cs
        >>> rows = [r for r in cs.load().history_table().records() if r["local_authority"] == "sandwell"]
        >>> [(str(r["publication_date"]), r["inspection_framework"], r["overall_effectiveness_grade"]) for r in rows][:2]
        [('2025-12-02', 'standard', 'good'), ('2022-07-05', 'standard', 'requires improvement')]
        """
        from childservices.layouts import HISTORY_FRAMEWORKS, d2i_history

        return d2i_history(
            self.authorities(),
            sources=self.index.sources,
            frameworks=HISTORY_FRAMEWORKS if frameworks is None else frameworks,
            version=self.data_version,
        )

    def inspections_table(self) -> LayoutTable:
        """The analyst's wide table: one row per inspection, a column per judgement area.

        Its columns are :data:`~childservices.layouts.INSPECTIONS`: the
        inspection's id, authority (id and name), framework, kind, dates,
        overall judgement, lead inspector, each area's grade and the addresses
        of its sources. ``.to_csv(path)``, ``.to_xlsx(path)`` or
        ``pandas.DataFrame(table.records())``.

        >>> import childservices as cs
        >>> row = cs.load().inspections_table().row("sandwell-sif-2018-01-29")
        >>> row["overall"], row["help_and_protection"], row["lead_inspector"]
        ('inadequate', 'inadequate', 'Karen Wareing')
        """
        from childservices.layouts import inspections_wide

        return inspections_wide(self.authorities(), sources=self.index.sources)

    def as_at_table(self, rule: CountingRule) -> LayoutTable:
        """Ofsted's "as at" sheet (every authority's most recent judgement) under a counting rule.

        The columns of the sheet ``Inspections_as_at_31_March`` of Ofsted's
        official statistics, for any reference date and cut-off (see
        :func:`~childservices.layouts.ofsted_as_at` and :meth:`official_count`).

        >>> import childservices as cs
        >>> rule = cs.CountingRule(inspected_by="2025-03-31", published_by="2025-06-30")
        >>> table = cs.load().as_at_table(rule)
        >>> row = table.records()[0]
        >>> row["Local authority name"], row["Overall effectiveness"]
        ('Barking and Dagenham', 'Requires improvement to be good')
        """
        from childservices.layouts import ofsted_as_at

        return ofsted_as_at(self.authorities(), self.official_count(rule))

    # Exports (see childservices.export) -------------------------------------

    def to_csv(
        self, folder: str | os.PathLike[str], *, overwrite: bool = False
    ) -> list[pathlib.Path]:
        """Write every table as CSV files laid out like ``seeds/``; returns the files written.

        Existing files are replaced only with ``overwrite=True``; nothing is
        written through a link, and a failure leaves nothing half-written
        (see :func:`childservices.export.write_files`).
        """
        from childservices.export import to_csv

        return to_csv(self, folder, overwrite=overwrite)

    def to_json(self, *, indent: int | None = None) -> str:
        """Every table as JSON text, with the seed format's columns."""
        from childservices.export import to_json

        if indent is not None and (isinstance(indent, bool) or not isinstance(indent, int)):
            raise ArgumentTypeError(
                f"indent: expected a whole number or None, got {type(indent).__name__}"
            )
        return to_json(self, indent=indent)

    def to_frames(self) -> dict[str, typing.Any]:
        """Every table as a pandas ``DataFrame`` (needs the ``pandas`` extra)."""
        from childservices.export import to_frames

        return to_frames(self)


def _unpickle_bundled(data_version: str | None) -> Dataset:
    """The bundled dataset, if it is the version that was pickled."""
    from childservices.errors import Problem
    from childservices.loading import load

    ds = load()
    if ds.data_version != data_version:
        raise DatasetError(
            [
                Problem(
                    message=f"the pickled dataset is the bundled dataset {data_version}, but "
                    f"this installation has {ds.data_version}: install the same version"
                )
            ]
        )
    return ds


def _unpickle_records(records: RecordSet, data_version: str | None) -> Dataset:
    return Dataset.from_records(records, data_version=data_version)


def _day_after(end: PartialDate | None) -> PartialDate | None:
    """An authority's ``active_to`` is its last day; as a range end it is exclusive."""
    if end is None:
        return None
    if end.day is None:
        return end  # the month or year it ended in: uncertain either way
    return PartialDate.from_date(end.first_day() + datetime.timedelta(days=1))
