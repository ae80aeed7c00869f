"""The dataset's official statistics: the vocabulary, one measure for every authority, frames.

Each is a lookup in the catalog's indexes
(:class:`~childservices.data.measure_index.Figures`);
:class:`~childservices.Dataset` has them. One authority's figures are
:meth:`AuthorityView.measures() <childservices.AuthorityView.measures>`.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from childservices import _arguments
from childservices.catalog import Catalog
from childservices.errors import UnknownRecordError
from childservices.model import PartialDate, as_day

if TYPE_CHECKING:
    # The statistics' modules are imported on first use, so that loading the record for
    # its ratings does not pay for them.
    from childservices.data.measure_index import MeasureFigures
    from childservices.model import Measure, Observation
    from childservices.rules.publication import FiguresAsOf

DateLike = str | datetime.date | PartialDate

__all__: list[str] = []


class Measures(Catalog):
    """The official statistics (a part of :class:`~childservices.Dataset`)."""

    __slots__ = ()

    def measures_vocabulary(self) -> tuple[Measure, ...]:
        """Every measure of the record: its id, name, definition in the release's terms,
        unit, the day its years end, and the release, file and column it is read from.

        >>> import childservices as cs
        >>> cs.load().measures_vocabulary()[0].id
        'cin_at_31_march'
        """
        return tuple(self.index.figures.measures.values())

    def measure_definition(self, measure_id: str) -> Measure:
        """The measure of the vocabulary with this id."""
        try:
            return self.index.figures.measures[_arguments.text("measure_id", measure_id)]
        except KeyError:
            known = ", ".join(self.index.figures.measures)
            raise UnknownRecordError(
                f"no measure {measure_id!r}; the measures are: {known}"
            ) from None

    def measure(
        self, measure_id: str, year: int | None = None, *, as_of: DateLike | None = None
    ) -> MeasureFigures:
        """One measure's figures for every local authority, in ``year`` (the year its figures
        end in: 2025 for the year ending 31 March 2025) or every year if ``None``, with
        England's and the regions' figures apart.

        With ``as_of`` a day, only the figures published by then, and apart
        (:attr:`~childservices.data.measure_index.MeasureFigures.not_yet_published`,
        :attr:`~childservices.data.measure_index.MeasureFigures.not_known`) those not
        yet published and those whose publication date the record does not know
        (the rule is :mod:`childservices.rules.publication`). ``None``: every figure.

        >>> import childservices as cs
        >>> figures = cs.load().measure("cla_at_31_march", 2025)
        >>> figures.national[0].value
        81770.0
        >>> on = cs.load().measure("cla_at_31_march", 2024, as_of="2024-06-01")
        >>> len(on.authorities), len(on.not_yet_published) > 150
        (0, True)
        """
        measure = self.measure_definition(measure_id)
        if year is not None:
            (year,) = _arguments.whole_numbers("year", [year])
        found = self.index.figures.of_measure(measure, year)
        if as_of is None:
            return found
        from childservices.data.measure_index import MeasureFigures
        from childservices.model import GeographicLevel

        known = self._as_of((*found.authorities, *found.regions, *found.national), as_of)
        return MeasureFigures(
            measure=measure,
            year=year,
            authorities=tuple(o for o in known if o.level is GeographicLevel.LOCAL_AUTHORITY),
            regions=tuple(o for o in known if o.level is GeographicLevel.REGIONAL),
            national=tuple(o for o in known if o.level is GeographicLevel.NATIONAL),
            as_of=known.day,
            not_yet_published=known.not_yet_published,
            not_known=known.not_known,
        )

    def measure_frame(
        self, measure_id: str, year: int | None = None, *, as_of: DateLike | None = None
    ) -> Any:
        """:meth:`measure` as a tidy pandas ``DataFrame``, the local authorities' figures then
        the regions' and England's, with the measure's unit and definition on every row
        (needs the ``pandas`` extra; see :mod:`childservices.export.measure_frames`).

        With ``as_of`` a day, the figures published by then and, after them, those whose
        publication date the record does not know, told apart by a ``publication``
        column; those not yet published are left out
        (:func:`~childservices.export.measure_frames.as_of_frame`)."""
        from childservices.export.measure_frames import as_of_frame, observations_frame

        found = self.measure(measure_id, year)
        rows = (*found.authorities, *found.regions, *found.national)
        if as_of is None:
            return observations_frame(rows, self.index.figures.measures)
        return as_of_frame(self._as_of(rows, as_of), self.index.figures.measures)

    def authority_measures_frame(self, query: str, *, as_of: DateLike | None = None) -> Any:
        """Every official figure of one authority (found by any name, as :meth:`authority`
        finds it) as a tidy pandas ``DataFrame`` with each measure's unit and definition
        (needs the ``pandas`` extra); with ``as_of`` a day, as :meth:`measure_frame` has it."""
        from childservices.export.measure_frames import as_of_frame, observations_frame

        view = self.authority(query)
        if as_of is None:
            return observations_frame(view.measures(), self.index.figures.measures)
        return as_of_frame(view.measures(as_of=as_of), self.index.figures.measures)

    def _as_of(self, observations: tuple[Observation, ...], day: DateLike) -> FiguresAsOf:
        from childservices.rules.publication import figures_as_of

        figures = self.index.figures
        return figures_as_of(observations, figures.measures, figures.publications, as_day(day))
