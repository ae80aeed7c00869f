"""Drop-in tables: the spreadsheets analysts already use, rebuilt from the record for any day.

Three layouts, each with the columns, column order, values and date formats
of a table that dashboards are already built on:

- :data:`D2I_SUMMARY`: Data to Insight's summary of every authority's latest
  inspection (``ofsted_csc_ilacs_overview``, one row per authority), as it
  would have stood on any day (:func:`d2i_summary`);
- :data:`D2I_HISTORY`: the same tool's history of every report
  (``ofsted_csc_ilacs_history.csv``), here for every framework from 2009
  (:func:`d2i_history`);
- :data:`OFSTED_AS_AT`: Ofsted's official-statistics sheet
  ``Inspections_as_at_31_March`` (every authority's most recent judgement
  counted under a :class:`~childservices.rules.official.CountingRule`), for
  any reference date and cut-off (:func:`ofsted_as_at`);
- :data:`OFSTED_ILACS_HISTORY`: the same release's sheet
  ``ILACS_inspection_history`` (every ILACS standard and short inspection, one
  row each, with a status for authorities that no longer exist), for any
  reference date and cut-off (:func:`ofsted_ilacs_history`);
- :data:`OFSTED_IN_YEAR`: the same release's sheet ``In-year_inspections``
  (the inspections, focused visits and monitoring visits of one year, 1 April
  to 31 March, with the visits' themes), for any year (:func:`ofsted_in_year`);
- :data:`OFSTED_WIDE_HISTORY`: the sheet ``LA_inspections_2009-2023`` of
  Ofsted's 2023 release (every authority's inspections from 2009, one wide
  row each), for any reference date and cut-off (:func:`ofsted_wide_history`).

The builders are functions over authorities (their inspections, identifiers,
neighbours) and the sources cited; :class:`~childservices.Dataset` calls them
(:meth:`~childservices.Dataset.summary_table`,
:meth:`~childservices.Dataset.history_table`,
:meth:`~childservices.Dataset.as_at_table`).

A module per family of tables, each name importable from here too:
:mod:`~childservices.layouts.d2i` (Data to Insight's summary and history),
:mod:`~childservices.layouts.d2i_style` (the tool's habits, as options),
:mod:`~childservices.layouts.ofsted` (Ofsted's "as at" sheet),
:mod:`~childservices.layouts.ofsted_history` (Ofsted's ILACS history sheet),
:mod:`~childservices.layouts.ofsted_in_year` (Ofsted's in-year sheet),
:mod:`~childservices.layouts.ofsted_wide` (Ofsted's wide history from 2009),
:mod:`~childservices.layouts.inspections` (the analyst's wide table,
:data:`INSPECTIONS`), over :mod:`~childservices.layouts.table` (a layout and
its rows, read back from CSV), :mod:`~childservices.layouts.cells` (what a
cell holds), :mod:`~childservices.layouts.writing` (CSV and xlsx files) and
:mod:`~childservices.layouts.ods` (ODS files).

**What a cell holds.** A value the record knows, in the original's
vocabulary; an empty cell (``None``) where the record does not know it. The
original tables write placeholders where a report did not parse
(``data_unreadable``, ``None``, ``nan``, an inspector count of 0); these
layouts never do. Words that are not grades are kept apart from grades:

- ``not_reported_post_reform`` (the published tool's word since mid-2026): the
  inspection was made under the framework reformed in 2026, which gives no
  overall judgement (:data:`~childservices.NOT_GIVEN`); the snapshots up to
  29 June 2026 wrote ``nan`` there, which cannot be told from a failed read;
- ``not_given``: an earlier framework that gave no overall judgement (the
  2009-2012 safeguarding and looked after children inspections);
- ``inspection_pre_dates_judgement`` (the tool's word): the judgement the
  column names did not exist when the inspection was made (care leavers
  before 2023; the ILACS judgements for inspections before ILACS).

Grades are lower case, ``requires improvement`` for 'requires improvement
to be good', ``adequate`` kept as it is (frameworks before November 2013).
In :data:`OFSTED_AS_AT` they are written as Ofsted writes them
('Requires improvement to be good').

**Judgement columns.** A column is filled from the area of the same name in
the library (:class:`~childservices.Area`): help and protection and care
leavers were judged by the single inspection framework too and are filled
for it; the SIF's leadership and children looked after judgements are other
judgements than ILACS's impact of leaders and children in care, so those
columns say the inspection pre-dates the judgement. Before 2023 ILACS judged
children in care and care leavers together: that grade is in the
``in_care`` column, as both originals put it.

>>> import childservices as cs
>>> table = cs.load().summary_table(on="2026-06-29")
>>> table.columns[:4]
('urn', 'la_code', 'region_code', 'ltla23cd')
>>> row = table.row("80549")  # Sandwell's URN
>>> row["local_authority"], row["overall_effectiveness_grade"], row["publication_date"]
('sandwell', 'good', datetime.date(2025, 12, 2))
>>> table.text_rows()[0][:3]  # Barking and Dagenham, the first by name
['80486', '301', 'GL']
"""

from collections.abc import Mapping
from types import MappingProxyType

from childservices.layouts.cells import (
    NOT_GIVEN_CELL,
    POST_REFORM_CELL,
    PRE_DATES_CELL,
    Cell,
    Link,
)
from childservices.layouts.d2i import (
    D2I_HISTORY,
    D2I_SUMMARY,
    HISTORY_FRAMEWORKS,
    d2i_history,
    d2i_summary,
)
from childservices.layouts.d2i_style import (
    D2IOptions,
    NeighbourWords,
    framework_from_days,
    read_order,
    restyle,
)
from childservices.layouts.inspections import INSPECTIONS, inspections_wide
from childservices.layouts.ofsted import OFSTED_AS_AT, ofsted_as_at
from childservices.layouts.ofsted_history import OFSTED_ILACS_HISTORY, ofsted_ilacs_history
from childservices.layouts.ofsted_in_year import OFSTED_IN_YEAR, InYear, in_year, ofsted_in_year
from childservices.layouts.ofsted_wide import OFSTED_WIDE_HISTORY, ofsted_wide_history
from childservices.layouts.table import Layout, LayoutTable, read_csv

__all__ = [
    "D2I_HISTORY",
    "D2I_SUMMARY",
    "HISTORY_FRAMEWORKS",
    "INSPECTIONS",
    "LAYOUTS",
    "NOT_GIVEN_CELL",
    "OFSTED_AS_AT",
    "OFSTED_ILACS_HISTORY",
    "OFSTED_IN_YEAR",
    "OFSTED_WIDE_HISTORY",
    "POST_REFORM_CELL",
    "PRE_DATES_CELL",
    "Cell",
    "D2IOptions",
    "InYear",
    "Layout",
    "LayoutTable",
    "Link",
    "NeighbourWords",
    "d2i_history",
    "d2i_summary",
    "framework_from_days",
    "in_year",
    "inspections_wide",
    "ofsted_as_at",
    "ofsted_ilacs_history",
    "ofsted_in_year",
    "ofsted_wide_history",
    "read_csv",
    "read_order",
    "restyle",
]

LAYOUTS: Mapping[str, Layout] = MappingProxyType(
    {
        layout.name: layout
        for layout in (
            D2I_SUMMARY,
            D2I_HISTORY,
            OFSTED_AS_AT,
            OFSTED_ILACS_HISTORY,
            OFSTED_IN_YEAR,
            OFSTED_WIDE_HISTORY,
            INSPECTIONS,
        )
    }
)
"""Every drop-in layout by name."""
