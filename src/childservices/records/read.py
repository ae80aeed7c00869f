"""Reading record files in the seed format into a :class:`~childservices.model.RecordSet`.

Rows that share a key are claims by different sources about one record: they
are merged, and where two give the same field they must agree. Corrections
are applied after merging. Every problem found is collected, with its file,
line or record, and field, and raised together as one
:class:`~childservices.DatasetError`; nothing is returned half-read.

Files are opened with :func:`~childservices.records.files.open_regular`
(regular files only, at most :data:`~childservices.records.files.MAX_FILE_BYTES`
bytes) and read as they are parsed; a file stops being read after
:data:`MAX_PROBLEMS_PER_FILE` problems, whatever their kind.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import attrs

from childservices.errors import DatasetError, FileRefusedError, Problem
from childservices.model import RecordSet
from childservices.records.files import (
    MAX_FILE_BYTES,
    MAX_LINE_CHARACTERS,
    folder_files,
    open_regular,
)
from childservices.records.tables import CITATION_COLUMNS, TABLES, Table

__all__ = [
    "BUNDLED",
    "MAX_PROBLEMS_PER_FILE",
    "read_files",
    "read_seed_folder",
    "seed_files",
]

_FIELD_PATH = re.compile(r"^(?P<message>.*?) @ \$\.?(?P<path>.*)$")
MAX_PROBLEMS_PER_FILE = 100
"""A file with more problems than this is not read further, and no more of its problems are
listed: it is not in the seed format."""
BUNDLED = "<bundled dataset>"
"""How problems name the bundled dataset when users' records are read with it."""


@attrs.frozen
class _Origin:
    """Where a row came from: a file and line (line 0 for the bundled dataset's rows)."""

    file: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@attrs.define
class _Claim:
    """One record as the rows so far describe it (mutable only while reading)."""

    values: dict[str, str]
    citations: list[dict[str, str | None]]
    origins: list[_Origin]

    @property
    def origin(self) -> _Origin:
        return self.origins[0]


Rows = list[tuple[_Origin, dict[str, str]]]


@attrs.define
class _Problems:
    """Problems found so far, at most :data:`MAX_PROBLEMS_PER_FILE` listed for each file."""

    items: list[Problem] = attrs.Factory(list)
    counts: dict[str, int] = attrs.Factory(dict)

    def add(self, key: str, problem: Problem) -> None:
        """Record ``problem``, found in the file (or group) ``key``."""
        count = self.counts.get(key, 0)
        self.counts[key] = count + 1
        if count < MAX_PROBLEMS_PER_FILE:
            self.items.append(problem)
        if count + 1 == MAX_PROBLEMS_PER_FILE:
            self.items.append(
                Problem(
                    file=key,
                    message=f"reading stopped after {MAX_PROBLEMS_PER_FILE} problems in this "
                    "file; any further problems are not listed",
                )
            )

    def at(
        self, origin: _Origin, *, record: str | None = None, field: str | None = None, message: str
    ) -> None:
        """Record a problem with the row at ``origin``."""
        self.add(
            origin.file, Problem(file=str(origin), record=record, field=field, message=message)
        )

    def full(self, key: str) -> bool:
        """Whether the file ``key`` has had more problems than are listed."""
        return self.counts.get(key, 0) >= MAX_PROBLEMS_PER_FILE


def seed_files(root: Path, *, follow_links: bool = False) -> list[tuple[str, Path]]:
    """The ``(table, file)`` pairs of a folder laid out like ``seeds/``.

    Each table is a sub-folder named after it, holding ``*.csv`` files (see
    :func:`~childservices.records.files.folder_files`: a ``.csv`` file
    anywhere else is reported, never silently left out).
    """
    return folder_files(root, follow_links=follow_links)


def read_seed_folder(root: Path, *, follow_links: bool = False) -> RecordSet:
    """Every record in a folder laid out like ``seeds/``."""
    return read_files(seed_files(root, follow_links=follow_links))


def read_files(
    files: Iterable[tuple[str, Path]],
    *,
    base: RecordSet | None = None,
    check: bool = False,
) -> RecordSet:
    """Read ``(table, file)`` pairs into one record set, or raise every problem found.

    With ``base`` (the bundled dataset's records), the files' rows are merged
    with it: a row about a record of ``base`` (same key) is a claim about that
    record like any other, so it must agree with it or come with a
    correction. With ``check``, the cross-record checks
    (:func:`~childservices.data.checks.check_records`) run on the result too,
    and each problem they find is placed at the file and line of the record
    it concerns.
    """
    return _read(files, base=base, check=check)[0]


def _read(
    files: Iterable[tuple[str, Path]],
    *,
    base: RecordSet | None = None,
    check: bool = False,
) -> tuple[RecordSet, str]:
    """The records and a digest of the files read (names and bytes)."""
    problems = _Problems()
    rows: dict[str, Rows] = {name: [] for name in TABLES}
    digest = hashlib.sha256()
    for table_name, path in files:
        table = TABLES.get(table_name)
        if table is None:
            problems.add(
                str(path), Problem(file=str(path), message=f"{table_name!r} is not a table")
            )
            continue
        digest.update(str(path).encode("utf-8", "backslashreplace") + b"\0")
        rows[table_name].extend(_read_csv(table, path, problems, digest))
    if base is not None:
        rows = _with_base(base, rows, problems)
    conflicts: dict[tuple[str, str, str], tuple[str, Problem]] = {}
    claims = {name: _merge(TABLES[name], rows[name], problems, conflicts) for name in TABLES}
    corrected = _apply_corrections(claims, problems)
    for where, (key, problem) in conflicts.items():
        if where not in corrected:
            problems.add(key, problem)
    _attach_judgements(claims, problems)
    built = {
        name: _structure_table(TABLES[name], claims[name], problems)
        for name in TABLES
        if TABLES[name].record_type is not None
    }
    if problems.items:
        raise DatasetError(problems.items)
    records = RecordSet(**{name: tuple(found.values()) for name, found in built.items()})
    if base is not None:
        records = _replace_in(base, built)
    if check:
        _check(records, claims, base is not None, problems)
        if problems.items:
            raise DatasetError(problems.items)
    return records, digest.hexdigest()


# Reading one file ------------------------------------------------------------


class _BadText(ValueError):
    """A file that is not CSV text: the reason, and the line it was found on."""


def _lines(handle: IO[bytes]) -> Iterator[str]:
    """The file's lines (with their ends), decoded as UTF-8 (a BOM is dropped) as they are read.

    Lines end at ``\n``, ``\r`` or ``\r\n``, as the :mod:`csv` module reads them.
    """
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", errors="surrogateescape", newline="")
    number = 0
    while True:
        line = text.readline(MAX_LINE_CHARACTERS + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_LINE_CHARACTERS:
            raise _BadText(
                f"has a line longer than {MAX_LINE_CHARACTERS} characters (line {number})"
            )
        bad = _UNDECODED.search(line)
        if bad is not None:
            byte = ord(bad.group()) - 0xDC00
            raise _BadText(f"is not UTF-8 text (byte 0x{byte:02x} on line {number})")
        if "\x00" in line:
            raise _BadText(f"contains NUL bytes: not a CSV text file (line {number})")
        yield line


_UNDECODED = re.compile("[\udc80-\udcff]")
"""The characters ``surrogateescape`` puts in place of bytes that are not UTF-8."""


def _read_csv(table: Table, path: Path, problems: _Problems, digest: hashlib._Hash) -> Rows:
    where = str(path)
    try:
        with open_regular(path, limit=MAX_FILE_BYTES, digest=digest) as handle:
            return _parse_csv(table, where, _lines(handle), problems)
    except FileRefusedError as exc:
        problems.add(where, Problem(file=where, message=str(exc)))
    except OSError as exc:
        problems.add(where, Problem(file=where, message=f"cannot be read: {exc.strerror or exc}"))
    return []


def _parse_csv(table: Table, where: str, lines: Iterable[str], problems: _Problems) -> Rows:
    reader = csv.reader(lines, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        problems.add(where, Problem(file=where, record="line 1", message=f"bad CSV: {exc}"))
        return []
    except _BadText as exc:
        problems.add(where, Problem(file=where, message=str(exc)))
        return []
    if header is None:
        problems.add(where, Problem(file=where, message="is empty: a header row is needed"))
        return []
    header = [name.strip() for name in header]
    if not _header_fits(table, where, header, problems):
        return []
    out: Rows = []
    required = sorted(table.required_columns)
    try:
        for cells in reader:
            if problems.full(where):
                break
            line = f"line {reader.line_num}"
            if len(cells) != len(header):
                if not any(cell.strip() for cell in cells):
                    continue
                problems.add(
                    where,
                    Problem(
                        file=where,
                        record=line,
                        message=f"has {len(cells)} cells; the header has {len(header)}",
                    ),
                )
                continue
            values = {}
            for name, cell in zip(header, cells, strict=True):
                text = cell.strip()
                if text:
                    values[name] = text
            if not values:
                continue
            values.pop("note", None)
            absent = [name for name in required if name not in values]
            if absent:
                for name in absent:
                    problems.add(
                        where, Problem(file=where, record=line, field=name, message="is empty")
                    )
                continue
            out.append((_Origin(where, reader.line_num), values))
    except csv.Error as exc:
        problems.add(
            where,
            Problem(file=where, record=f"line {reader.line_num}", message=f"bad CSV: {exc}"),
        )
        return []
    except _BadText as exc:
        problems.add(where, Problem(file=where, message=str(exc)))
        return []
    return out


def _header_fits(table: Table, where: str, header: list[str], problems: _Problems) -> bool:
    """Whether the header names the table's columns; every problem with it otherwise.

    Linear in the number of columns, however many there are.
    """
    allowed = table.allowed_columns
    counts: dict[str, int] = {}
    for name in header:
        counts[name] = counts.get(name, 0) + 1
    unknown = [name for name in counts if name not in allowed]
    missing = sorted(table.required_columns - counts.keys())
    duplicated = sorted(name for name, count in counts.items() if count > 1)
    columns = ", ".join(sorted(allowed))
    for name in unknown:
        if problems.full(where):
            return False
        problems.add(
            where,
            Problem(
                file=where,
                record="line 1",
                field=name or "(empty)",
                message=f"is not a column of {table.name!r} (columns: {columns})",
            ),
        )
    for name in missing:
        problems.add(
            where,
            Problem(file=where, record="line 1", field=name, message="column is missing"),
        )
    for name in duplicated:
        problems.add(
            where,
            Problem(file=where, record="line 1", field=name, message="column appears twice"),
        )
    return not (unknown or missing or duplicated)


# Merging rows into records ----------------------------------------------------------


def _key_text(table: Table, values: dict[str, str]) -> str:
    return "/".join(values[name] for name in table.key)


def _merge(
    table: Table,
    rows: Rows,
    problems: _Problems,
    conflicts: dict[tuple[str, str, str], tuple[str, Problem]],
) -> dict[str, _Claim]:
    """Merge rows with the same key; two different values for a field are a conflict.

    A conflict is a problem unless a correction later sets that field.
    """
    claims: dict[str, _Claim] = {}
    for origin, values in rows:
        key = _key_text(table, values)
        fields = {k: v for k, v in values.items() if k not in CITATION_COLUMNS}
        citation = (
            [{"source": values["source"], "locator": values.get("locator")}] if table.cited else []
        )
        claim = claims.get(key)
        if claim is None:
            claims[key] = _Claim(values=fields, citations=citation, origins=[origin])
            continue
        if not table.cited and table.name != "corrections":
            problems.at(
                origin,
                record=key,
                message=f"repeats {table.name} {key!r} (first at {claim.origin})",
            )
            continue
        for name, value in fields.items():
            known = claim.values.get(name)
            if known is None:
                claim.values[name] = value
            elif known != value and (table.name, key, name) not in conflicts:
                conflicts[(table.name, key, name)] = (
                    origin.file,
                    Problem(
                        file=str(origin),
                        record=key,
                        field=name,
                        message=f"says {value!r} but {claim.origin} says {known!r}; "
                        "resolve it with a row in corrections/",
                    ),
                )
        for cite in citation:
            if cite not in claim.citations:
                claim.citations.append(cite)
        claim.origins.append(origin)
    return claims


def _apply_corrections(
    claims: dict[str, dict[str, _Claim]], problems: _Problems
) -> set[tuple[str, str, str]]:
    """Apply every correction; returns the (table, record, field) triples corrected."""
    corrected: set[tuple[str, str, str]] = set()
    for key, correction in claims.pop("corrections").items():
        values = correction.values
        target_table = TABLES.get(values["table"])
        if target_table is None or target_table.name == "corrections":
            problems.at(
                correction.origin,
                record=key,
                field="table",
                message=f"{values['table']!r} is not a table",
            )
            continue
        target = claims[target_table.name].get(values["id"])
        if target is None:
            problems.at(
                correction.origin,
                record=key,
                field="id",
                message=f"no {target_table.name} record {values['id']!r} to correct",
            )
            continue
        field = values["field"]
        if field not in target_table.columns or field in target_table.key:
            problems.at(
                correction.origin,
                record=key,
                field="field",
                message=f"{field!r} is not a correctable column of {target_table.name!r}",
            )
            continue
        if "reason" not in values:
            problems.at(
                correction.origin,
                record=key,
                field="reason",
                message="a correction needs its reason",
            )
            continue
        corrected.add((target_table.name, values["id"], field))
        new_value = values.get("value")
        if new_value is None:
            target.values.pop(field, None)
        else:
            target.values[field] = new_value
        for cite in correction.citations:
            if cite not in target.citations:
                target.citations.append(cite)
        target.origins.append(correction.origin)
    return corrected


def _attach_judgements(claims: dict[str, dict[str, _Claim]], problems: _Problems) -> None:
    inspections = claims["inspections"]
    judgements: dict[str, list[dict[str, str]]] = {}
    for key, claim in claims.pop("judgements").items():
        inspection = inspections.get(claim.values["inspection"])
        if inspection is None:
            problems.at(
                claim.origin,
                record=key,
                field="inspection",
                message=f"no inspection {claim.values['inspection']!r}",
            )
            continue
        if "grade" not in claim.values:
            problems.at(claim.origin, record=key, field="grade", message="is empty")
            continue
        judgements.setdefault(claim.values["inspection"], []).append(
            {"area": claim.values["area"], "grade": claim.values["grade"]}
        )
        for cite in claim.citations:
            if cite not in inspection.citations:
                inspection.citations.append(cite)
        inspection.origins.extend(o for o in claim.origins if o not in inspection.origins)
    for inspection_id, items in judgements.items():
        inspections[inspection_id].values["judgements"] = items  # type: ignore[assignment]


def _describe(exc: BaseException, type_: type | None) -> str:
    import cattrs

    if isinstance(exc, ValueError | TypeError) and str(exc):
        return str(exc)
    return cattrs.v.format_exception(exc, type_)


def _structure_table(
    table: Table, claims: dict[str, _Claim], problems: _Problems
) -> dict[str, Any]:
    """The records of one table by key; a record whose file has had too many problems is skipped."""
    import cattrs  # imported when records are read, not with the library

    from childservices.convert import converter

    assert table.record_type is not None
    records: dict[str, Any] = {}
    for key, claim in claims.items():
        if problems.full(claim.origin.file):
            continue
        data: dict[str, Any] = dict(claim.values)
        if table.cited:
            data["citations"] = claim.citations
        try:
            records[key] = converter.structure(data, table.record_type)
        except cattrs.BaseValidationError as exc:
            for message in cattrs.transform_error(exc, path="$", format_exception=_describe):
                match = _FIELD_PATH.match(message)
                field = match["path"] if match else None
                text = match["message"] if match else message
                problems.at(claim.origin, record=key, field=field or None, message=text)
        except (ValueError, TypeError) as exc:
            problems.at(claim.origin, record=key, message=str(exc))
    return records


# Users' records with the bundled ones ------------------------------------------------


def _record_key(table: Table, record: Any) -> str:
    """A record's key as the seed format writes it (parts joined by ``/``)."""
    parts = (getattr(record, name) for name in table.key)
    return "/".join(str(getattr(part, "value", part)) for part in parts)


def _touched(rows: dict[str, Rows]) -> dict[str, set[str]]:
    """The keys, table by table, of the records the users' rows are about (or correct)."""
    touched: dict[str, set[str]] = {name: set() for name in TABLES}
    for name, table_rows in rows.items():
        table = TABLES[name]
        for _, values in table_rows:
            if name == "judgements":
                touched["inspections"].add(values["inspection"])
            elif name == "corrections":
                target = values["table"]
                if target == "judgements":
                    touched["inspections"].add(values["id"].split("/")[0])
                elif target in touched:
                    touched[target].add(values["id"])
            else:
                touched[name].add(_key_text(table, values))
    return touched


def _same_source(values: dict[str, str], known: Any) -> bool:
    """Whether a user's source row states exactly the bundled source ``known``."""
    from childservices.convert import converter
    from childservices.model import Source

    try:
        return bool(converter.structure(values, Source) == known)
    except Exception:  # any problem with the row is reported when it is read as a new source
        return False


def _with_base(base: RecordSet, rows: dict[str, Rows], problems: _Problems) -> dict[str, Rows]:
    """The users' rows after the bundled rows of every record they are about.

    A source restated exactly as the bundle has it stands for the bundled one
    (sources are not merged like cited rows: an id appears once); a different
    one is reported as a repeated id.
    """
    from childservices.export import table_rows

    bundled_sources = {source.id: source for source in base.sources}
    rows = dict(rows)
    rows["sources"] = [
        (origin, values)
        for origin, values in rows["sources"]
        if not (
            values["id"] in bundled_sources and _same_source(values, bundled_sources[values["id"]])
        )
    ]
    touched = _touched(rows)
    chosen: dict[str, tuple[Any, ...]] = {}
    for name, table in TABLES.items():
        if table.record_type is None:
            continue
        keys = touched[name]
        chosen[name] = tuple(
            r for r in getattr(base, name) if keys and _record_key(table, r) in keys
        )
    text = table_rows(RecordSet(**chosen))
    origin = _Origin(BUNDLED)
    return {
        name: [(origin, {k: v for k, v in row.items() if v}) for row in text[name]] + rows[name]
        for name in TABLES
    }


def _replace_in(base: RecordSet, built: dict[str, dict[str, Any]]) -> RecordSet:
    """``base`` with the records rebuilt from users' rows in place, and new records after."""
    tables: dict[str, tuple[Any, ...]] = {}
    for name, found in built.items():
        table = TABLES[name]
        mine = dict(found)
        merged = [mine.pop(_record_key(table, record), record) for record in getattr(base, name)]
        merged.extend(mine.values())
        tables[name] = tuple(merged)
    return RecordSet(**tables)


def _check(
    records: RecordSet,
    claims: dict[str, dict[str, _Claim]],
    merged: bool,
    problems: _Problems,
) -> None:
    """Run the cross-record checks; place each problem at the row of the record it concerns."""
    from childservices.data.checks import check_records

    for problem in check_records(records):
        label = problem.record or ""
        table, _, key = label.partition(" ")
        claim = claims.get(table, {}).get(key)
        mine = [o for o in claim.origins if o.file != BUNDLED] if claim is not None else []
        if mine:
            problems.add(mine[0].file, attrs.evolve(problem, file=str(mine[0])))
            continue
        message = problem.message
        if merged:
            message += (
                f" ({label} is in the bundled dataset: if it is wrong, add a row to your "
                "corrections/ naming it)"
            )
        problems.add(f"({table})", attrs.evolve(problem, message=message))
