"""Exports: the dataset as seed-format tables (CSV, JSON) or pandas data frames.

Every export has the columns of the seed format (``seeds/README.md``,
:data:`childservices.records.TABLES`): one table per seed folder, one row per
record *and source*. A record stated by three sources is three rows with the
same key: the first carries every field, the others only the key and their
citation, exactly as a seeds folder holds them. So a CSV export is itself a
valid seeds folder, and :func:`childservices.load_seeds` (or
``load(extra=[...])``) reads it back into the same records.

Inspections' area grades are the ``judgements`` table (``inspection, area,
grade``), cited by the inspection's first source. Corrections are already
applied in the records, so the ``corrections`` table of an export is empty.

>>> import childservices as cs
>>> from childservices.export import columns
>>> columns("judgements")
('inspection', 'area', 'grade', 'source', 'locator')

:func:`to_csv` and :func:`to_json` need nothing extra; :func:`to_frames`
needs pandas (the ``pandas`` extra: ``pip install 'childservices[pandas]'``, or
``'.[pandas]'`` in a checkout), imported only then.
"""

from __future__ import annotations

import csv
import enum
import io
import json
import os
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from childservices.convert import converter
from childservices.model import Area, Grade, NoJudgement, PartialDate, RecordSet
from childservices.records.tables import CITATION_COLUMNS, TABLES, Table

if TYPE_CHECKING:
    from childservices.dataset import Dataset

__all__ = [
    "EXPORT_FORMAT",
    "GRADE_ORDER",
    "columns",
    "record_rows",
    "table_rows",
    "to_csv",
    "to_frames",
    "to_json",
    "write_files",
    "write_json",
    "write_seed_folder",
]

EXPORT_FORMAT = 1
"""The version of the JSON export's layout."""

GRADE_ORDER: tuple[str, ...] = (
    Grade.INADEQUATE.value,
    Grade.ADEQUATE.value,
    Grade.REQUIRES_IMPROVEMENT.value,
    Grade.GOOD.value,
    Grade.OUTSTANDING.value,
)
"""Grades worst first: the category order of grade columns in :func:`to_frames`.

'Adequate' (before November 2013) and 'requires improvement' are different
judgements at the same place on their scales; the order puts them side by
side, and the ``*_rank`` column (1 to 4) puts them on one scale on purpose.
"""

Row = dict[str, Any]


def columns(table: str) -> tuple[str, ...]:
    """The columns of one exported table, in order: the seed format's, then the citation."""
    spec = TABLES[table]
    return (*spec.columns, *CITATION_COLUMNS) if spec.cited else spec.columns


def _cell(value: Any) -> Any:
    """A plain value as the seed format writes it: numbers as text, yes/no, empty for unknown."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def _fields_and_citations(table: Table, record: Any) -> tuple[Row, list[dict[str, Any]] | None]:
    """A record's seed-format fields (typed plain values) and its citations (``None`` if uncited)."""
    plain = converter.unstructure(record)
    citations = plain.pop("citations", None)
    return {name: plain.get(name) for name in table.columns}, citations


def _record_rows(table: Table, record: Any) -> Iterator[Row]:
    fields, citations = _fields_and_citations(table, record)
    if citations is None:
        yield fields
        return
    for n, citation in enumerate(citations):
        row = dict(fields) if n == 0 else {name: fields[name] for name in table.key}
        row["source"] = citation["source"]
        row["locator"] = citation["locator"]
        yield row


def _judgement_rows(records: RecordSet) -> Iterator[Row]:
    for inspection in records.inspections:
        first = inspection.citations[0]
        for judgement in inspection.judgements:
            yield {
                "inspection": inspection.id,
                "area": judgement.area.value,
                "grade": judgement.grade.value,
                "source": first.source,
                "locator": first.locator,
            }


def record_rows(records: RecordSet) -> dict[str, list[Row]]:
    """Every table's rows (typed plain values: text, whole numbers, booleans, ``None``)."""
    out: dict[str, list[Row]] = {name: [] for name in TABLES}
    for name, table in TABLES.items():
        if table.record_type is None:
            continue
        for record in getattr(records, name):
            out[name].extend(_record_rows(table, record))
    out["judgements"].extend(_judgement_rows(records))
    return out


def table_rows(records: RecordSet) -> dict[str, list[dict[str, str]]]:
    """Every table's rows as the seed format's text cells (``""`` for unknown)."""
    return {
        name: [
            {
                column: "" if (v := _cell(row.get(column))) is None else str(v)
                for column in columns(name)
            }
            for row in rows
        ]
        for name, rows in record_rows(records).items()
    }


def _csv_text(table: str, rows: list[dict[str, str]]) -> str:
    """One table as CSV text, every cell made inert for spreadsheets
    (:func:`childservices.records.cells.inert`; the seed reader restores it)."""
    from childservices.records.cells import inert

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns(table), lineterminator="\n")
    writer.writeheader()
    writer.writerows({name: inert(value) for name, value in row.items()} for row in rows)
    return buffer.getvalue()


def write_seed_folder(
    records: RecordSet, folder: str | os.PathLike[str], *, overwrite: bool = False
) -> list[Path]:
    """Write ``records`` as a seeds folder: ``<folder>/<table>/<table>.csv`` for every table.

    Returns the files written. The export is written safely (see
    :func:`write_files`): an existing file of the same name is replaced only
    with ``overwrite=True``; other record files already in the table folders
    (which :func:`~childservices.load_seeds` would read with the export) are
    refused; nothing is written through a link; a failure leaves nothing
    half-written.
    """
    texts = {
        f"{name}/{name}.csv": _csv_text(name, rows) for name, rows in table_rows(records).items()
    }
    return write_files(folder, texts, overwrite=overwrite, records=True)


def _records(data: Dataset | RecordSet) -> RecordSet:
    from childservices.dataset import Dataset
    from childservices.errors import ArgumentTypeError

    if isinstance(data, RecordSet):
        return data
    if isinstance(data, Dataset):
        return data.records
    raise ArgumentTypeError(f"expected a Dataset or a RecordSet, got {type(data).__name__}")


def to_csv(
    data: Dataset | RecordSet, folder: str | os.PathLike[str], *, overwrite: bool = False
) -> list[Path]:
    """Write a dataset as CSV files laid out like ``seeds/``; returns the files written.

    See :func:`write_seed_folder`: existing files are replaced only with ``overwrite=True``.
    """
    return write_seed_folder(_records(data), _folder(folder), overwrite=overwrite)


def write_json(
    data: Dataset | RecordSet,
    folder: str | os.PathLike[str],
    *,
    overwrite: bool = False,
    indent: int | None = 1,
) -> Path:
    """Write :func:`to_json` as ``<folder>/childservices.json`` (safely: see :func:`write_files`)."""
    text = to_json(data, indent=indent)
    (path,) = write_files(_folder(folder), {"childservices.json": text}, overwrite=overwrite)
    return path


def _folder(folder: object) -> str | os.PathLike[str]:
    from childservices.errors import ArgumentTypeError

    if not isinstance(folder, str | os.PathLike):
        raise ArgumentTypeError(f"folder: expected a path, got {type(folder).__name__}")
    return folder


def write_files(
    folder: str | os.PathLike[str],
    texts: dict[str, str],
    *,
    overwrite: bool = False,
    records: bool = False,
) -> list[Path]:
    """Write ``texts`` (relative name, ``/``-separated -> text) under ``folder``, all or nothing.

    - A file that already exists is replaced only with ``overwrite``;
      otherwise nothing is written and :class:`~childservices.ExportError`
      names it.
    - Nothing is written through a link: a link inside ``folder``, where a
      file or sub-folder of the export goes, is an error even with
      ``overwrite`` (``folder`` itself may be a link: you named it).
    - Every file is first written to a temporary folder beside or inside
      ``folder`` and then moved into place, so a failure (a full disk, a name
      that is taken by a folder) leaves nothing half-written: the temporary
      folder is removed and the error names the file.
    - With ``records``, other ``.csv`` files in the table folders (or named
      ``<table>.csv`` at the top), which :func:`~childservices.load_seeds`
      would read together with the export, are refused too.
    """
    import shutil
    import tempfile

    from childservices.errors import ExportError

    root = Path(folder)
    targets = {name: root.joinpath(*name.split("/")) for name in texts}
    existing = _check_targets(root, targets, records)
    if existing and not overwrite:
        more = f" (and {len(existing) - 1} more files of the export)" if len(existing) > 1 else ""
        raise ExportError(
            existing[0],
            f"already exists{more}: pass overwrite=True (--force on the command line) "
            "to replace the export's files",
        )
    fresh = not root.exists() or (
        root.is_dir() and not root.is_symlink() and not any(root.iterdir())
    )
    try:
        root.parent.mkdir(parents=True, exist_ok=True)
        if root.exists() and not root.is_dir():
            raise ExportError(root, "is not a folder")
        place = root.parent if fresh else root
        temporary = Path(tempfile.mkdtemp(prefix=".childservices-export-", dir=place))
    except OSError as exc:
        if isinstance(exc, ExportError):
            raise
        raise ExportError(
            getattr(exc, "filename", None) or root, exc.strerror or str(exc)
        ) from None
    try:
        for name, text in texts.items():
            path = temporary.joinpath(*name.split("/"))
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8", newline="")
            except OSError as exc:
                raise ExportError(
                    targets[name], f"cannot be written: {exc.strerror or exc}"
                ) from None
        if fresh:
            try:
                os.replace(temporary, root)
                return list(targets.values())
            except OSError:
                # An empty folder that cannot be replaced (Windows; a mount point): move
                # the files into it one by one.
                pass
        for name, target in targets.items():
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                if target.parent.is_symlink():
                    raise ExportError(
                        target.parent, "is a link: an export never writes through a link"
                    )
                os.replace(temporary.joinpath(*name.split("/")), target)
            except OSError as exc:
                if isinstance(exc, ExportError):
                    raise
                raise ExportError(target, f"cannot be written: {exc.strerror or exc}") from None
        return list(targets.values())
    finally:
        if temporary.exists():
            shutil.rmtree(temporary, ignore_errors=True)


def _check_targets(root: Path, targets: dict[str, Path], records: bool) -> list[Path]:
    """The export's files that exist already; an error for a link, or a record file in the way."""
    from childservices.errors import ExportError

    if not root.exists():
        if root.is_symlink():
            raise ExportError(root, "is a link to nothing: not written through")
        return []
    if not root.is_dir():
        raise ExportError(root, "is not a folder")
    existing = []
    for target in targets.values():
        part = root
        for name in target.relative_to(root).parts:
            part = part / name
            if part.is_symlink():
                raise ExportError(part, "is a link: an export never writes through a link")
        if target.exists():
            if not target.is_file():
                raise ExportError(target, "is in the way: a file of the export goes there")
            existing.append(target)
        elif target.parent != root and target.parent.exists() and not target.parent.is_dir():
            raise ExportError(target.parent, "is in the way: a folder of the export goes there")
    if records:
        ours = set(targets.values())
        from childservices.records.tables import TABLES

        for name in TABLES:
            places = [root / f"{name}.csv"]
            if (root / name).is_dir():
                places.extend(
                    p for p in (root / name).iterdir() if p.name.casefold().endswith(".csv")
                )
            for place in places:
                if (place.exists() or place.is_symlink()) and place not in ours:
                    raise ExportError(
                        place,
                        "is a record file that load_seeds would read together with the export: "
                        "export to an empty folder, or move it away",
                    )
    return existing


def to_json(data: Dataset | RecordSet, *, indent: int | None = None) -> str:
    """A dataset as JSON text: ``{"format", "data_version", "tables": {table: [row, ...]}}``.

    Rows have the CSV export's columns; values are text, whole numbers,
    ``true``/``false`` (the ``directed`` column) or ``null`` for unknown.
    """
    payload = {
        "format": EXPORT_FORMAT,
        "data_version": getattr(data, "data_version", None),
        "tables": {
            name: [{column: row.get(column) for column in columns(name)} for row in rows]
            for name, rows in record_rows(_records(data)).items()
        },
    }
    return json.dumps(payload, ensure_ascii=False, indent=indent) + "\n"


# Data frames --------------------------------------------------------------

_GRADE_COLUMNS = frozenset({("inspections", "overall"), ("judgements", "grade")})


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


def _frame_rows(records: RecordSet) -> tuple[dict[str, list[Row]], list[Row]]:
    """One row per record for every table, and one row per citation."""
    tables: dict[str, list[Row]] = {}
    cites: list[Row] = []
    for name, table in TABLES.items():
        if table.record_type is None:
            continue
        rows = tables[name] = []
        for record in getattr(records, name):
            fields, citations = _fields_and_citations(table, record)
            rows.append(fields)
            key = "/".join(str(fields[k]) for k in table.key)
            cites.extend(
                {"table": name, "record": key, "source": c["source"], "locator": c["locator"]}
                for c in citations or ()
            )
    tables["judgements"] = [
        {k: row[k] for k in TABLES["judgements"].columns} for row in _judgement_rows(records)
    ]
    return tables, cites


def to_frames(data: Dataset | RecordSet) -> dict[str, Any]:
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
    categoricals, counts and money nullable ``Int64``, ``directed`` nullable
    ``boolean``, text ``string``.

    One more frame, ``inspections_wide``, is the analyst's wide table
    (:data:`childservices.layouts.INSPECTIONS`): one row per inspection with
    its framework, dates, overall judgement, lead inspector, a column per
    judgement area and the addresses of its sources (``; ``-separated). Its
    grade columns are ordered categoricals in :data:`GRADE_ORDER` (a value
    outside it, such as ``not_given``, is missing there and kept in
    ``overall_text`` for the overall judgement); dates are the record's text
    with ``_earliest`` / ``_latest`` days as above.
    """
    try:
        import pandas as pd
    except ImportError:
        from childservices.extras import require

        pd = require("pandas", feature="to_frames (data frames)")

    tables, cites = _frame_rows(_records(data))
    frames: dict[str, Any] = {}
    for name, rows in tables.items():
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
                grades = [v if v in GRADE_ORDER else None for v in values]
                frame[column] = pd.Categorical(grades, categories=GRADE_ORDER, ordered=True)
                frame[f"{column}_rank"] = pd.array(
                    [None if g is None else Grade(g).rank for g in grades], dtype="Int64"
                )
                if column == "overall":
                    frame["overall_not_given"] = pd.array(
                        [v == NoJudgement.NOT_GIVEN.value for v in values], dtype="boolean"
                    )
            elif PartialDate in kind:
                dates = [None if v is None else PartialDate.parse(v) for v in values]
                frame[column] = pd.array(values, dtype="string")
                for end in ("earliest", "latest"):
                    frame[f"{column}_{end}"] = pd.to_datetime(
                        [None if d is None else getattr(d, end).isoformat() for d in dates]
                    )
            elif len(kind) == 1 and _is_enum(next(iter(kind))):
                members = [m.value for m in next(iter(kind))]
                frame[column] = pd.Categorical(values, categories=members)
            elif kind == {bool}:
                frame[column] = pd.array(values, dtype="boolean")
            elif kind == {int}:
                frame[column] = pd.array(values, dtype="Int64")
            else:
                frame[column] = pd.array(values, dtype="string")
        frames[name] = frame
    frames["inspections_wide"] = _wide_frame(pd, data)
    frames["citations"] = pd.DataFrame(
        {
            c: pd.array([r[c] for r in cites], dtype="string")
            for c in ("table", "record", "source", "locator")
        }
    )
    return frames


def _wide_frame(pd: Any, data: Dataset | RecordSet) -> Any:
    """The wide inspections table as a data frame (see :func:`to_frames`)."""
    from childservices.dataset import Dataset

    dataset = data if isinstance(data, Dataset) else Dataset.from_records(data)
    table = dataset.inspections_table()
    rows = table.records()
    frame = pd.DataFrame({c: pd.array([r[c] for r in rows], dtype="string") for c in table.columns})
    frame.insert(
        frame.columns.get_loc("overall") + 1, "overall_text", frame["overall"].astype("string")
    )
    for column in ("overall", *(area.value for area in Area)):
        grades = [v if v in GRADE_ORDER else None for v in (r[column] for r in rows)]
        frame[column] = pd.Categorical(grades, categories=GRADE_ORDER, ordered=True)
    for column in ("start", "end", "published"):
        dates = [None if r[column] is None else PartialDate.parse(str(r[column])) for r in rows]
        for end in ("earliest", "latest"):
            frame[f"{column}_{end}"] = pd.to_datetime(
                [None if d is None else getattr(d, end).isoformat() for d in dates]
            )
    return frame


def _is_enum(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, enum.Enum)
