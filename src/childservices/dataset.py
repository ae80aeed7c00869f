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
from childservices.data.index import Index, normalise_name, short_name
from childservices.data.lazy import Tables
from childservices.errors import (
    ArgumentTypeError,
    DatasetError,
    UnknownAuthorityError,
    UnknownRecordError,
)
from childservices.model import (
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
    as_date,
    as_day,
)
from childservices.rules.asof import ALL_FRAMEWORKS, SIF_AND_LATER, in_force
from childservices.rules.intervention import InterventionStatus

if TYPE_CHECKING:
    # Imported where used: ``import childservices`` does not need them.
    import pathlib

    import pendulum

    from childservices.rules.aggregate import PanelRow, SurvivalRow
    from childservices.rules.escalation import EscalationRule, Finding
    from childservices.rules.official import CountingRule, OfficialCount

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
        import difflib  # only a failed lookup needs it

        suggestions = difflib.get_close_matches(
            normalise_name(text), list(index.names), n=3, cutoff=0.75
        )
        names = []
        for key in suggestions:
            name = index.authorities[index.names[key][0]].name
            if name not in names:
                names.append(name)
        raise UnknownAuthorityError(text, names)

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

    def __iter__(self) -> Iterator[AuthorityView]:
        """Every authority, sorted by name."""
        return iter(self.authorities())

    def __len__(self) -> int:
        """How many authorities the dataset holds (current and abolished)."""
        return len(self.tables.authorities)

    # As-of questions over every authority ---------------------------------

    def delivery_on(self, day: str | datetime.date | PartialDate) -> dict[str, DeliveryOnDate]:
        """Who ran each authority's services on ``day``, by authority id (authorities then in existence).

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
        self, *, on: str | datetime.date | PartialDate
    ) -> dict[str, InterventionStatus]:
        """Authorities with an improvement notice or statutory direction in force on a day.

        >>> import childservices as cs
        >>> cs.load().under_intervention(on="2019-06-01")["sandwell"]
        <InterventionStatus.STATUTORY_DIRECTION: 'statutory_direction'>
        """
        when = as_day(on)
        found: dict[str, InterventionStatus] = {}
        for authority in self.authorities(active_on=when):
            status = authority.intervention_status_on(when)
            if status is not InterventionStatus.NONE:
                found[authority.id] = status
        return found

    # Ratings, panels and aggregates ---------------------------------------

    def ratings_on(
        self,
        day: str | datetime.date | PartialDate,
        *,
        frameworks: Collection[Framework] = SIF_AND_LATER,
    ) -> dict[str, Overall | None]:
        """Every authority in existence on ``day`` with its rating (see :meth:`AuthorityView.rating_on`).

        >>> import childservices as cs
        >>> cs.load().ratings_on("2019-06-01")["sandwell"]
        <Grade.INADEQUATE: 'inadequate'>
        """
        when = as_day(day)
        if frameworks is not SIF_AND_LATER and frameworks is not ALL_FRAMEWORKS:
            frameworks = _arguments.frameworks(frameworks)
        return {
            a.id: a.rating_on(when, frameworks=frameworks) for a in self.authorities(active_on=when)
        }

    def panel(
        self,
        days: Sequence[str | datetime.date],
        *,
        frameworks: Collection[Framework] = SIF_AND_LATER,
    ) -> tuple[PanelRow, ...]:
        """Every authority's rating, delivery model and intervention status on each day.

        Use :func:`~childservices.rules.aggregate.monthly` or
        :func:`~childservices.rules.aggregate.quarterly` for regular days.

        >>> import childservices as cs
        >>> rows = cs.load().panel(cs.quarterly("2019-01-01", "2019-12-31"))
        >>> [(str(r.day), r.rating.value) for r in rows if r.authority == "sandwell"]
        [('2019-01-01', 'inadequate'), ('2019-04-01', 'inadequate'), ('2019-07-01', 'inadequate'), ('2019-10-01', 'inadequate')]
        """
        from childservices.rules.aggregate import panel

        if frameworks is not SIF_AND_LATER and frameworks is not ALL_FRAMEWORKS:
            frameworks = _arguments.frameworks(frameworks)
        chosen = [as_date(d) for d in _arguments.sequence("days", days)]
        return panel(self.authorities(), chosen, frameworks=frameworks)

    def shares_on(
        self,
        day: str | datetime.date | PartialDate,
        *,
        by: str | None = None,
        frameworks: Collection[Framework] = SIF_AND_LATER,
    ) -> dict[str, dict[Grade, float]]:
        """The share of authorities at each grade on ``day``, optionally by ``"kind"``,
        ``"region"`` or ``"delivery_model"``.

        Authorities without a grade (none yet, unknown, or no overall judgement
        under the 2026 framework) are not counted; shares in a group sum to 1.

        >>> import childservices as cs
        >>> shares = cs.load().shares_on("2019-06-01")["all"]
        >>> round(sum(shares.values()), 6)
        1.0
        """
        from childservices.rules.aggregate import shares

        _arguments.one_of("by", by, (None, "kind", "region", "delivery_model"))
        when = as_date(day)
        ratings = self.ratings_on(when, frameworks=frameworks)
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

        ``by``: ``None`` (one group), ``"era"`` (the framework of the later
        inspection), ``"delivery_model"`` (in force when the later report was
        published) or ``"direction"`` (whether a statutory direction was in
        force then).

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
                return (
                    "under direction"
                    if status is InterventionStatus.STATUTORY_DIRECTION
                    else "not under direction"
                )
            raise ValueError(f"cannot group by {by!r}: use 'era', 'delivery_model' or 'direction'")

        return transitions(
            self.authorities(), frameworks=frameworks, group_of=None if by is None else group
        )

    def reached_good(
        self,
        *,
        judged_from: str | datetime.date,
        judged_to: str | datetime.date,
        horizons: Sequence[int] = (1, 2, 3),
        data_until: str | datetime.date | None = None,
    ) -> tuple[SurvivalRow, ...]:
        """Of authorities judged inadequate in a period, how many reached good within 1, 2, 3 years,
        by delivery model (see :func:`~childservices.rules.aggregate.survival`).

        >>> import childservices as cs
        >>> rows = cs.load().reached_good(judged_from="2014-01-01", judged_to="2019-12-31", data_until="2026-06-30")
        >>> sorted(row.group for row in rows)
        ['in-house', 'partnership', 'trust']
        """
        from childservices.rules.aggregate import survival

        return survival(
            self,
            judged_from=judged_from,
            judged_to=judged_to,
            horizons=_arguments.whole_numbers("horizons", horizons, least=1),
            data_until=data_until,
        )

    def official_count(self, rule: CountingRule) -> OfficialCount:
        """Ofsted's national count of judgements under an explicit :class:`~childservices.rules.official.CountingRule`.

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
