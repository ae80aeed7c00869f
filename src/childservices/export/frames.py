"""The record as pandas data frames, with proper dtypes (an optional backend: needs pandas).

pandas is imported only when :func:`to_frames` is called (the ``pandas``
extra: ``pip install 'childservices[pandas]'``, or ``'.[pandas]'`` in a
checkout). The frames are built from the records as they are: the
cross-record checks are not run again.
"""

from __future__ import annotations

import enum
import types
import typing
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from childservices.data.schema import TABLES, Table
from childservices.export.seeds import HasRecords, records_of
from childservices.model import Area, Grade, Inspection, NoJudgement, PartialDate, RecordSet
from childservices.records.rows import Row, judgement_rows, record_fields

if TYPE_CHECKING:
    from childservices.authority_view import AuthorityView
    from childservices.layouts import LayoutTable
    from childservices.rules.history import AuthorityHistory

__all__ = ["GRADE_ORDER", "to_frames"]

GRADE_ORDER: tuple[str, ...] = (
    Grade.INADEQUATE.value,
    Grade.ADEQUATE.value,
    Grade.REQUIRES_IMPROVEMENT.value,
    Grade.GOOD.value,
    Grade.OUTSTANDING.value,
)
"""Grades worst first: the category order of grade columns in :func:`to_frames` (see
:data:`childservices.export.GRADE_ORDER`)."""

_GRADE_COLUMNS = frozenset({("inspections", "overall"), ("judgements", "grade")})


def to_frames(data: RecordSet | HasRecords) -> dict[str, Any]:
    """Every table as a pandas ``DataFrame``, one row per record, with proper dtypes.

    Needs pandas (the ``pandas`` extra: ``pip install 'childservices[pandas]'``, or
    ``'.[pandas]'`` in a checkout). Columns are the seed format's (without
    ``source`` and ``locator``: every citation is a row of the extra
    ``citations`` frame, with ``table``, ``record`` (the record's key, parts
    joined by ``/``), ``source`` and ``locator``).

    Dates keep the sources' precision: the column itself is the ISO text
    (``"2014-10"``), and ``<column>_earliest`` / ``<column>_latest`` are the
    first and last days it can be (``datetime64``). Grades
    (``inspections.overall``, ``judgements.grade``) are ordered categoricals
    in :data:`GRADE_ORDER` with a ``<column>_rank`` column (4 outstanding to
    1 inadequate); ``overall_not_given`` is true where the framework gives no
    overall judgement (``overall`` is then missing). Other enumerations are
    categoricals, counts and money nullable ``Int64`` (``Float64`` where a field holds
    fractions, such as a delivery figure's ``value``), ``directed`` nullable
    ``boolean``, text ``string``.

    One more frame, ``inspections_wide``, is the analyst's wide table
    (:data:`childservices.layouts.INSPECTIONS`): one row per inspection with
    its framework, dates, overall judgement, lead inspector, a column per
    judgement area and the addresses of its sources (``; ``-separated). Its
    grade columns are ordered categoricals in :data:`GRADE_ORDER` (a value
    outside it, such as ``not_given``, is missing there and kept in
    ``overall_text`` for the overall judgement); dates are the record's text
    with ``_earliest`` / ``_latest`` days as above.

    And ``latest`` is one row per authority in existence on the record's
    coverage date (:func:`~childservices.coverage.newest_publication`, the
    ``on`` column), with its own latest inspection published by then under
    the usual rating frameworks (:data:`~childservices.SIF_AND_LATER`):
    ``inspection``, ``framework``, ``published`` and ``overall`` as text
    (``not_given`` kept: the reformed 2026 framework gives no overall
    judgement), ``overall_rank`` (4 outstanding to 1 inadequate, missing for
    ``not_given``); missing where the authority has no such inspection of its
    own. Group on it, not on ``inspections``, for "each authority's latest".
    """
    try:
        import pandas as pd
    except ImportError:
        from childservices.extras import require

        pd = require("pandas", feature="to_frames (data frames)")

    records = records_of(data)
    tables, cites = _frame_rows(records)
    frames: dict[str, Any] = {name: _table_frame(pd, name, rows) for name, rows in tables.items()}
    frames["inspections_wide"] = _wide_frame(pd, records)
    frames["latest"] = _latest_frame(pd, records)
    frames["citations"] = pd.DataFrame(
        {
            c: pd.array([r[c] for r in cites], dtype="string")
            for c in ("table", "record", "source", "locator")
        }
    )
    return frames


def _frame_rows(records: RecordSet) -> tuple[dict[str, list[Row]], list[Row]]:
    """One row per record for every table, and one row per citation."""
    tables: dict[str, list[Row]] = {}
    cites: list[Row] = []
    for name, table in TABLES.items():
        if table.record_type is None:
            continue
        rows = tables[name] = []
        for record in getattr(records, name):
            fields, citations = record_fields(table, record)
            rows.append(fields)
            key = "/".join(str(fields[k]) for k in table.key)
            cites.extend(
                {"table": name, "record": key, "source": c["source"], "locator": c["locator"]}
                for c in citations or ()
            )
    tables["judgements"] = [
        {k: row[k] for k in TABLES["judgements"].columns} for row in judgement_rows(records)
    ]
    return tables, cites


def _column_kinds(table: Table) -> dict[str, set[Any]]:
    """The Python types each column of a table can hold (without ``None``)."""
    if table.record_type is None:
        return {}
    hints = typing.get_type_hints(table.record_type)
    kinds: dict[str, set[Any]] = {}
    for field in attrs.fields(table.record_type):
        hint = hints[field.name]
        if typing.get_origin(hint) in (typing.Union, types.UnionType):
            kinds[field.name] = {a for a in typing.get_args(hint) if a is not type(None)}
        else:
            kinds[field.name] = {hint}
    return kinds


def _table_frame(pd: Any, name: str, rows: list[Row]) -> Any:
    """One table's frame, each column typed by what its field holds."""
    table = TABLES[name]
    cols = list(table.columns)
    frame = pd.DataFrame({c: pd.Series([r[c] for r in rows], dtype=object) for c in cols})
    kinds = _column_kinds(table)
    if name == "judgements":
        kinds["area"] = {Area}
    for column in cols:
        values = [r[column] for r in rows]
        kind = kinds.get(column, {str})
        if (name, column) in _GRADE_COLUMNS:
            _grade_columns(pd, frame, column, values)
        elif PartialDate in kind:
            frame[column] = pd.array(values, dtype="string")
            _date_columns(pd, frame, column, values)
        elif len(kind) == 1 and _is_enum(next(iter(kind))):
            members = [m.value for m in next(iter(kind))]
            frame[column] = pd.Categorical(values, categories=members)
        elif kind == {bool}:
            frame[column] = pd.array(values, dtype="boolean")
        elif kind == {int}:
            frame[column] = pd.array(values, dtype="Int64")
        elif kind == {float}:
            frame[column] = pd.array(values, dtype="Float64")
        else:
            frame[column] = pd.array(values, dtype="string")
    return frame


def _grade_columns(pd: Any, frame: Any, column: str, values: list[Any]) -> None:
    """A grade column as an ordered categorical, with its rank (and, for the overall
    judgement, whether the framework gives none)."""
    grades = [v if v in GRADE_ORDER else None for v in values]
    frame[column] = pd.Categorical(grades, categories=GRADE_ORDER, ordered=True)
    frame[f"{column}_rank"] = pd.array(
        [None if g is None else Grade(g).rank for g in grades], dtype="Int64"
    )
    if column == "overall":
        frame["overall_not_given"] = pd.array(
            [v == NoJudgement.NOT_GIVEN.value for v in values], dtype="boolean"
        )


def _date_columns(pd: Any, frame: Any, column: str, values: Iterable[Any]) -> None:
    """The first and last days each date of a column can be (``<column>_earliest``, ``_latest``)."""
    dates = [None if v is None else PartialDate.parse(str(v)) for v in values]
    for end in ("earliest", "latest"):
        frame[f"{column}_{end}"] = pd.to_datetime(
            [None if d is None else getattr(d, end).isoformat() for d in dates]
        )


def _wide_frame(pd: Any, records: RecordSet) -> Any:
    """The wide inspections table as a data frame (see :func:`to_frames`)."""
    table = _wide_table(records)
    rows = table.records()
    frame = pd.DataFrame({c: pd.array([r[c] for r in rows], dtype="string") for c in table.columns})
    frame.insert(
        frame.columns.get_loc("overall") + 1, "overall_text", frame["overall"].astype("string")
    )
    for column in ("overall", *(area.value for area in Area)):
        grades = [v if v in GRADE_ORDER else None for v in (r[column] for r in rows)]
        frame[column] = pd.Categorical(grades, categories=GRADE_ORDER, ordered=True)
    for column in ("start", "end", "published"):
        _date_columns(pd, frame, column, (r[column] for r in rows))
    return frame


@attrs.frozen
class _Inspected:
    """An authority and its own inspections: what the wide table needs of an authority."""

    id: str
    name: str
    inspections: tuple[Inspection, ...]


def _wide_table(records: RecordSet) -> LayoutTable:
    """The wide inspections table (:func:`childservices.layouts.inspections_wide`) of the
    records as they are, without building a dataset (and so without checking them again)."""
    from childservices.layouts import inspections_wide

    own: dict[str, list[Inspection]] = defaultdict(list)
    for inspection in records.inspections:
        own[inspection.authority].append(inspection)
    authorities = [
        _Inspected(authority.id, authority.name, tuple(own.get(authority.id, ())))
        for authority in records.authorities
    ]
    sources = {source.id: source for source in records.sources}
    # inspections_wide is typed for views, and reads only an authority's id, name and
    # inspections: what _Inspected has.
    return inspections_wide(typing.cast("list[AuthorityView]", authorities), sources=sources)


def _latest_frame(pd: Any, records: RecordSet) -> Any:
    """One row per authority in existence on the coverage date, with its latest inspection
    under :data:`~childservices.SIF_AND_LATER` (see :func:`to_frames`)."""
    from childservices.coverage import newest_publication
    from childservices.rules.asof import SIF_AND_LATER, publication_key
    from childservices.rules.ondate import active_on

    day = newest_publication(records.inspections)
    own: dict[str, list[Inspection]] = defaultdict(list)
    for inspection in records.inspections:
        if inspection.framework in SIF_AND_LATER and (
            day is not None and publication_key(inspection) <= day
        ):
            own[inspection.authority].append(inspection)
    rows: list[dict[str, Any]] = []
    for authority in records.authorities:
        # active_on reads only the history's record: the authority itself.
        history = typing.cast("AuthorityHistory", _Record(authority))
        if day is None or not active_on(history, day):
            continue
        mine = sorted(own.get(authority.id, ()), key=lambda i: (publication_key(i), i.id))
        last = mine[-1] if mine else None
        overall = None if last is None or last.overall is None else last.overall.value
        rows.append(
            {
                "authority": authority.id,
                "name": authority.name,
                "on": day.isoformat(),
                "inspection": None if last is None else last.id,
                "framework": None if last is None else last.framework.value,
                "published": None if last is None else str(last.published),
                "overall": overall,
                "overall_rank": Grade(overall).rank if overall in GRADE_ORDER else None,
            }
        )
    text = ("authority", "name", "on", "inspection", "framework", "published", "overall")
    frame = pd.DataFrame({c: pd.array([r[c] for r in rows], dtype="string") for c in text})
    frame["overall_rank"] = pd.array([r["overall_rank"] for r in rows], dtype="Int64")
    _date_columns(pd, frame, "published", (r["published"] for r in rows))
    return frame


@attrs.frozen
class _Record:
    """An authority's record, as :func:`~childservices.rules.ondate.active_on` reads it."""

    record: Any


def _is_enum(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, enum.Enum)
