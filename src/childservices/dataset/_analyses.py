"""The dataset's analyses over years and its drop-in tables: time to good, Ofsted's counts,
escalation, and the tables of Data to Insight and Ofsted.

Each finds the authorities in the catalog and hands their histories to the
rules (:mod:`childservices.rules`) or to the layouts
(:mod:`childservices.layouts`); :class:`~childservices.Dataset` has them.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING

from childservices import _arguments
from childservices.catalog import Catalog
from childservices.coverage import warn_if_after
from childservices.model import Framework, Grade, PartialDate, as_date, as_day
from childservices.rules.asof import SIF_AND_LATER

if TYPE_CHECKING:
    from childservices.layouts import D2IOptions, LayoutTable
    from childservices.rules.aggregate import SurvivalRow
    from childservices.rules.escalation import EscalationRule, Finding
    from childservices.rules.lineage import Unit
    from childservices.rules.official import CountingRule, OfficialCount
    from childservices.rules.survival import TimeToGood

__all__: list[str] = []


class Analyses(Catalog):
    """Analyses over years and drop-in tables (a part of :class:`~childservices.Dataset`)."""

    __slots__ = ()

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
        counts only units in ``followed_up[n]``. A unit whose delivery model
        in follow-up the record cannot say is in ``"not known"`` (Trafford,
        judged inadequate in 2019, whose NHS partnership is known only until
        March 2018: see :mod:`childservices.rules.delivery`).

        >>> import childservices as cs
        >>> rows = cs.load().reached_good(judged_from="2014-01-01", judged_to="2019-12-31", data_until="2026-06-30")
        >>> sorted(row.group for row in rows)
        ['in-house', 'not known', 'trust']
        """
        from childservices.rules.aggregate import survival
        from childservices.rules.lineage import Unit

        return survival(
            self.authorities(),
            judged_from=judged_from,
            judged_to=judged_to,
            horizons=_arguments.whole_numbers("horizons", horizons, least=1),
            data_until=self.covered_until if data_until is None else data_until,
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

        return official_count(self.authorities(), _arguments.instance("rule", rule, CountingRule))

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
        return evaluate(self.authorities(), on=as_date(on), rules=chosen)

    # Drop-in tables (see childservices.layouts) ----------------------------

    def summary_table(
        self,
        on: str | datetime.date | PartialDate,
        *,
        frameworks: Collection[Framework] = SIF_AND_LATER,
        options: D2IOptions | None = None,
    ) -> LayoutTable:
        """Data to Insight's summary table (every authority's latest inspection) as it stood ``on`` a day.

        The columns, values and date formats of the tool's daily snapshots,
        rebuilt from the record (see :func:`~childservices.layouts.d2i_summary`).
        Write it with ``to_csv`` or ``to_xlsx``. ``options``: the tool's habits
        to follow (its inference of short and standard, the fork's words, its row
        order, links to report pages: :class:`~childservices.layouts.D2IOptions`).

        >>> import childservices as cs
        >>> table = cs.load().summary_table(on="2026-06-29")
        >>> len(table), table.row("80489")["overall_effectiveness_grade"]  # Brent, reformed framework
        (153, 'not_reported_post_reform')
        """
        from childservices.layouts import d2i_summary, restyle

        when = as_day(on)
        warn_if_after(self.index.reports_to, when, stacklevel=2)
        table = d2i_summary(
            self.authorities(),
            when,
            sources=self.index.sources,
            frameworks=frameworks,
            page_links=options is not None and options.page_links,
        )
        return table if options is None else restyle(table, options)

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

    def ilacs_history_table(self, rule: CountingRule) -> LayoutTable:
        """Ofsted's ILACS inspection history (every standard and short inspection) under a rule.

        The columns of the sheet ``ILACS_inspection_history`` of Ofsted's
        official statistics: the inspections ended by the rule's reference date
        and published by its cut-off (see
        :func:`~childservices.layouts.ofsted_ilacs_history`).

        >>> import childservices as cs
        >>> rule = cs.CountingRule(inspected_by="2025-03-31", published_by="2025-06-30")
        >>> row = cs.load().ilacs_history_table(rule).records()[0]
        >>> row["Local authority name"], row["Inspection type"], str(row["Inspection date"])
        ('Barking and Dagenham', 'ILACS Standard Inspection', '2019-02-18')
        """
        from childservices.layouts import ofsted_ilacs_history

        return ofsted_ilacs_history(self.authorities(), rule)

    def in_year_table(
        self,
        year: str | int,
        *,
        published_by: str | datetime.date | None = None,
        late_since: str | datetime.date | None = None,
    ) -> LayoutTable:
        """Ofsted's in-year sheet: the inspections and visits of one year (1 April to 31 March).

        The columns of the sheet ``In-year_inspections`` of Ofsted's official
        statistics for ``year`` (``"2024-25"``, or ``2024``): standard and
        short ILACS inspections with their judgements, focused and monitoring
        visits with their themes, begun in the year and published by
        ``published_by`` (default the 30 June after it, Ofsted's rule).
        ``late_since``: also the inspections begun before the year and
        published after that day, the previous edition's cut-off, as Ofsted's
        2024 edition revised the year before (see
        :func:`~childservices.layouts.ofsted_in_year`).

        >>> import childservices as cs
        >>> table = cs.load().in_year_table("2024-25")
        >>> row = table.records()[0]
        >>> row["Local authority name"], row["Inspection/Visit type"], row["Visit Theme"]
        ('Barking and Dagenham', 'ILACS Focused Visit', 'Children in need/subject to a plan')
        """
        from childservices.layouts import in_year, ofsted_in_year

        return ofsted_in_year(
            self.authorities(),
            in_year(year),
            published_by=None if published_by is None else as_day(published_by),
            late_since=None if late_since is None else as_day(late_since),
        )

    def wide_history_table(self, rule: CountingRule, *, abolished: bool = False) -> LayoutTable:
        """Ofsted's wide history: every authority's inspections from 2009, one row each.

        The columns of the sheet ``LA_inspections_2009-2023`` of Ofsted's
        "Children's social care data in England 2023": a group of columns per
        inspection (SLAC, CPI, TLAC, the first SIF and its re-inspection, two
        ILACS), for the authorities in existence on the rule's reference date,
        or, with ``abolished``, those abolished by then (the sheet's second
        table); see :func:`~childservices.layouts.ofsted_wide_history`.

        >>> import childservices as cs
        >>> rule = cs.CountingRule(inspected_by="2023-03-31", published_by="2023-04-30")
        >>> row = cs.load().wide_history_table(rule).records()[0]
        >>> row["Local authority name"], str(row["First ILACS framework publication date"])
        ('Barking and Dagenham', '2019-04-01')
        """
        from childservices.layouts import ofsted_wide_history

        return ofsted_wide_history(self.authorities(), rule, abolished=abolished)
