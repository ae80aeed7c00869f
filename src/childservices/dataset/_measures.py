"""The dataset's official statistics: the vocabulary, one measure for every authority, frames.

Each is a lookup in the catalog's indexes
(:class:`~childservices.data.measure_index.Figures`);
:class:`~childservices.Dataset` has them. One authority's figures are
:meth:`AuthorityView.measures() <childservices.AuthorityView.measures>`.
"""

from __future__ import annotations

from typing import Any

from childservices import _arguments
from childservices.catalog import Catalog
from childservices.data.measure_index import MeasureFigures
from childservices.errors import UnknownRecordError
from childservices.model import Measure

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

    def measure(self, measure_id: str, year: int | None = None) -> MeasureFigures:
        """One measure's figures for every local authority, in ``year`` (the year its figures
        end in: 2025 for the year ending 31 March 2025) or every year if ``None``, with
        England's and the regions' figures apart.

        >>> import childservices as cs
        >>> figures = cs.load().measure("cla_at_31_march", 2025)
        >>> figures.national[0].value
        81770.0
        """
        measure = self.measure_definition(measure_id)
        if year is not None:
            (year,) = _arguments.whole_numbers("year", [year])
        return self.index.figures.of_measure(measure, year)

    def measure_frame(self, measure_id: str, year: int | None = None) -> Any:
        """:meth:`measure` as a tidy pandas ``DataFrame``, the local authorities' figures then
        the regions' and England's, with the measure's unit and definition on every row
        (needs the ``pandas`` extra; see :mod:`childservices.export.measure_frames`)."""
        from childservices.export.measure_frames import observations_frame

        found = self.measure(measure_id, year)
        rows = (*found.authorities, *found.regions, *found.national)
        return observations_frame(rows, self.index.figures.measures)

    def authority_measures_frame(self, query: str) -> Any:
        """Every official figure of one authority (found by any name, as :meth:`authority`
        finds it) as a tidy pandas ``DataFrame`` with each measure's unit and definition
        (needs the ``pandas`` extra)."""
        from childservices.export.measure_frames import observations_frame

        view = self.authority(query)
        return observations_frame(view.measures(), self.index.figures.measures)
