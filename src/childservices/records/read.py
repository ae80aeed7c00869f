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
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import attrs

from childservices.errors import DatasetError, FileRefusedError, Problem
from childservices.model import RecordSet
from childservices.records.cells import restore
from childservices.records.files import (
    MAX_FILE_BYTES,
    MAX_LINE_CHARACTERS,
    folder_files,
    open_regular,
)
from childservices.records.tables import CITATION_COLUMNS, TABLES, Table

__all__ = [
    "BUNDLED",
    "MAX_CITATIONS_PER_RECORD",
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
MAX_CITATIONS_PER_RECORD = 1000
"""The most citations one record may have (the bundled records have at most a few dozen)."""

_REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    name: tuple(
        (reference.column, reference.target)
        for reference in table.references
        if reference.target != name and not reference.own_check
    )
    for name, table in TABLES.items()
}
"""The columns that name a record of another table, checked as each row is read (from the
schema: every reference to another table but those with a check of their own)."""
_FIRST = ("sources", "authorities", "providers", "corrections", "inspections")
"""Tables read before the others, so that a row's references can be checked as it is read
(the other tables keep their order; the files of one table keep theirs)."""


@attrs.frozen
class _Origin:
    """Where a row came from: a file and line (line 0 for the bundled dataset's rows)."""

    file: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@attrs.define
class _Claim:
    """One record as the rows so far describe it (mutable only while reading).

    ``citations`` is an ordered set of ``(source, locator)``; ``origin`` is
    where the first row came from, ``mine`` the first row from a user's file
    (not the bundled dataset), if any.
    """

    values: dict[str, str]
    citations: dict[tuple[str, str | None], None]
    origin: _Origin
    mine: _Origin | None

    def cite(self, citations: Iterable[tuple[str, str | None]]) -> None:
        """Add citations not already given."""
        for citation in citations:
            self.citations.setdefault(citation, None)


Sink = Callable[[_Origin, dict[str, str]], None]
_Conflicts = dict[tuple[str, str, str], tuple[str, Problem]]


@attrs.define
class _Problems:
    """Problems found so far, at most :data:`MAX_PROBLEMS_PER_FILE` listed for each file."""

    items: list[Problem] = attrs.Factory(list)
    counts: dict[str, int] = attrs.Factory(dict)
    disagreements: dict[str, int] = attrs.Factory(dict)
    stopped: set[str] = attrs.Factory(set)

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
        """Whether the file ``key`` has had more problems than are listed, or was stopped."""
        return key in self.stopped or self.counts.get(key, 0) >= MAX_PROBLEMS_PER_FILE

    def disagree(self, key: str) -> None:
        """Count a field of the file ``key`` that disagrees with an earlier row; stop the file
        when too many do (a correction settles each, but not this many)."""
        count = self.disagreements[key] = self.disagreements.get(key, 0) + 1
        if count > MAX_PROBLEMS_PER_FILE and key not in self.stopped:
            self.add(
                key,
                Problem(
                    file=key,
                    message=f"reading stopped: more than {MAX_PROBLEMS_PER_FILE} of its fields "
                    "disagree with other rows",
                ),
            )
            self.stopped.add(key)


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
    claims: dict[str, dict[str, _Claim]] = {name: {} for name in TABLES}
    conflicts: _Conflicts = {}
    digest = hashlib.sha256()
    cell_checks: dict[str, dict[str, _CellCheck]] = {}
    # With the cross-record checks asked for, references are checked as rows are read too.
    known = _Known(claims=claims, base=base) if check else None
    for table_name, path in sorted(files, key=_reading_order):
        table = TABLES.get(table_name)
        if table is None:
            problems.add(
                str(path), Problem(file=str(path), message=f"{table_name!r} is not a table")
            )
            continue
        digest.update(str(path).encode("utf-8", "backslashreplace") + b"\0")
        checks = cell_checks.setdefault(table_name, _cell_checks(table))
        merge = _merger(table, claims[table_name], problems, conflicts, known)
        _read_csv(table, path, problems, digest, checks, merge)
    if base is not None:
        claims = _with_base(base, claims, problems, conflicts)
    corrected = _apply_corrections(claims, problems)
    for where, (key, problem) in conflicts.items():
        if where not in corrected:
            problems.add(key, problem)
    if check:
        _unresolved_within(claims, base, problems)
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


def _reading_order(item: tuple[str, Path]) -> int:
    table = item[0]
    if table in _FIRST:
        return _FIRST.index(table)
    return len(_FIRST) + (list(TABLES).index(table) if table in TABLES else len(TABLES))


@attrs.define
class _Known:
    """The ids a user's row may refer to: the bundled records' and those read so far."""

    claims: dict[str, dict[str, _Claim]]
    base: RecordSet | None
    bundled: dict[str, frozenset[str]] = attrs.Factory(dict)

    def has(self, table: str, key: str) -> bool:
        """Whether a record of ``table`` with this key is known."""
        if key in self.claims[table]:
            return True
        if self.base is None:
            return False
        ids = self.bundled.get(table)
        if ids is None:
            ids = self.bundled[table] = frozenset(
                str(record.id) for record in getattr(self.base, table)
            )
        return key in ids

    def corrected(self, table: str, key: str, field: str) -> bool:
        """Whether a correction read so far sets this field of this record."""
        return f"{table}/{key}/{field}" in self.claims["corrections"]

    def problems(self, table: Table, key: str, values: dict[str, str]) -> list[tuple[str, str]]:
        """``(field, message)`` for each reference of a row to a record that is not known."""
        found = []
        if table.cited and not self.has("sources", values["source"]):
            found.append(("source", f"no source {values['source']!r}"))
        for column, target in _REFERENCES.get(table.name, ()):
            value = values.get(column)
            if (
                value is not None
                and not self.has(target, value)
                and not self.corrected(table.name, key, column)
            ):
                found.append((column, f"no {TABLES[target].noun} {value!r}"))
        return found


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


def _read_csv(
    table: Table,
    path: Path,
    problems: _Problems,
    digest: hashlib._Hash,
    checks: dict[str, _CellCheck],
    sink: Sink,
) -> None:
    """Read one file, handing each row to ``sink`` as it is read."""
    where = str(path)
    try:
        with open_regular(path, limit=MAX_FILE_BYTES, digest=digest) as handle:
            _parse_csv(table, where, _lines(handle), problems, sink, checks)
    except FileRefusedError as exc:
        problems.add(where, Problem(file=where, message=str(exc)))
    except OSError as exc:
        problems.add(where, Problem(file=where, message=f"cannot be read: {exc.strerror or exc}"))


def _parse_csv(
    table: Table,
    where: str,
    lines: Iterable[str],
    problems: _Problems,
    sink: Sink,
    checks: dict[str, _CellCheck] | None = None,
) -> None:
    """Parse one file's lines, handing each good row to ``sink``; stop at too many problems."""
    reader = csv.reader(lines, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        problems.add(where, Problem(file=where, record="line 1", message=f"bad CSV: {exc}"))
        return
    except _BadText as exc:
        problems.add(where, Problem(file=where, message=str(exc)))
        return
    if header is None:
        problems.add(where, Problem(file=where, message="is empty: a header row is needed"))
        return
    header = [name.strip() for name in header]
    if not _header_fits(table, where, header, problems):
        return
    required = sorted(table.required_columns)
    try:
        for cells in reader:
            if problems.full(where):
                return
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
                    values[name] = restore(text) if text[0] == "'" else text
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
            if checks and not _cells_fit(table, where, reader.line_num, values, checks, problems):
                continue
            sink(_Origin(where, reader.line_num), values)
    except csv.Error as exc:
        problems.add(
            where,
            Problem(file=where, record=f"line {reader.line_num}", message=f"bad CSV: {exc}"),
        )
    except _BadText as exc:
        problems.add(where, Problem(file=where, message=str(exc)))


class _CellCheck:
    """Whether a cell's text makes a value of its column's type (an enum, a date, a number).

    Checked while a file is read, so a file of bad values stops being read
    after :data:`MAX_PROBLEMS_PER_FILE` of them instead of being read whole
    first. The values found good are remembered (up to a bound), so the
    usual repeated values cost one look-up.
    """

    def __init__(self, hint: Any) -> None:
        self.hint = hint
        self.good: set[str] = set()

    def __call__(self, text: str) -> str | None:
        """The problem with ``text``, or ``None``."""
        if text in self.good:
            return None
        from childservices.convert import converter

        try:
            converter.structure(text, self.hint)
        except (ValueError, TypeError) as exc:
            return str(exc) or f"{text!r} is not a value of this column"
        if len(self.good) < 10_000:
            self.good.add(text)
        return None


def _cell_checks(table: Table) -> dict[str, _CellCheck]:
    """A check for each column whose values are not plain text."""
    import types
    import typing

    from childservices.model import Judgement

    kind = Judgement if table.name == "judgements" else table.record_type
    if kind is None:
        return {}
    hints = typing.get_type_hints(kind)
    checks = {}
    for name in table.columns:
        hint = hints.get(name)
        if hint is None:
            continue
        args = set(typing.get_args(hint)) if isinstance(hint, types.UnionType) else {hint}
        args.discard(type(None))
        if args <= {str} or any(typing.get_origin(a) is tuple for a in args):
            continue
        checks[name] = _CellCheck(hint)
    return checks


def _cells_fit(
    table: Table,
    where: str,
    line: int,
    values: dict[str, str],
    cells: dict[str, _CellCheck],
    problems: _Problems,
) -> bool:
    fits = True
    for name, check in cells.items():
        text = values.get(name)
        if text is None:
            continue
        message = check(text)
        if message is not None:
            problems.add(
                where,
                Problem(
                    file=f"{where}:{line}",
                    record=_key_text(table, values),
                    field=name,
                    message=message,
                ),
            )
            fits = False
    return fits


def _header_fits(table: Table, where: str, header: list[str], problems: _Problems) -> bool:
    """Whether the header names the table's columns; every problem with it otherwise.

    Linear in the number of columns, however many there are.
    """
    allowed = table.allowed_columns
    counts: dict[str, int] = {}
    for name in header:
        counts[name] = counts.get(name, 0) + 1
    unknown = [name for name in counts if name not in allowed]
    if unknown:
        # The table came from the file's name or folder: say so when the columns are another's.
        named = set(counts)
        others = [
            other.name
            for other in TABLES.values()
            if other.name != table.name
            and named <= other.allowed_columns
            and other.required_columns <= named
        ]
        if len(others) == 1:
            problems.add(
                where,
                Problem(
                    file=where,
                    record="line 1",
                    message=f"is read as table {table.name!r} (from its name or folder), but its "
                    f"columns are those of {others[0]!r}: rename the file or move it",
                ),
            )
            return False
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


def _merger(
    table: Table,
    claims: dict[str, _Claim],
    problems: _Problems,
    conflicts: _Conflicts,
    known: _Known | None = None,
) -> Sink:
    """A sink that merges each row into ``claims`` as it is read.

    Rows with the same key are claims about one record: their fields are
    merged, and two different values for a field are a conflict (a problem
    unless a correction later sets that field). In a table without
    citations (sources) a key may appear once. With ``known``, a row that
    names a source, authority, provider or inspection not known (and not
    corrected) is a problem found as it is read.
    """

    def merge(origin: _Origin, values: dict[str, str]) -> None:
        key = _key_text(table, values)
        if known is not None:
            missing = known.problems(table, key, values)
            for field, message in missing:
                problems.at(origin, record=f"{table.name} {key}", field=field, message=message)
            if missing:
                return
        fields = {k: v for k, v in values.items() if k not in CITATION_COLUMNS}
        citations = [(values["source"], values.get("locator"))] if table.cited else []
        mine = None if origin.file == BUNDLED else origin
        row = _Claim(values=fields, citations=dict.fromkeys(citations), origin=origin, mine=mine)
        _merge_into(table, claims, key, row, problems, conflicts)

    return merge


def _merge_into(
    table: Table,
    claims: dict[str, _Claim],
    key: str,
    claim: _Claim,
    problems: _Problems,
    conflicts: _Conflicts,
) -> None:
    """Merge ``claim`` (a row, or all of a user's rows about a record) into ``claims``."""
    known = claims.get(key)
    if known is None:
        claims[key] = claim
        return
    if not table.cited and table.name != "corrections":
        problems.at(
            claim.origin,
            record=key,
            message=f"repeats {table.name} {key!r} (first at {known.origin})",
        )
        return
    for name, value in claim.values.items():
        given = known.values.get(name)
        if given is None:
            known.values[name] = value
        elif given != value and (table.name, key, name) not in conflicts:
            problems.disagree(claim.origin.file)
            conflicts[(table.name, key, name)] = (
                claim.origin.file,
                Problem(
                    file=str(claim.origin),
                    record=key,
                    field=name,
                    message=f"says {value!r} but {known.origin} says {given!r}; "
                    "resolve it with a row in corrections/",
                ),
            )
    known.cite(claim.citations)
    if len(known.citations) > MAX_CITATIONS_PER_RECORD:
        problems.at(
            claim.origin,
            record=key,
            message=f"{table.name} {key!r} is cited more than {MAX_CITATIONS_PER_RECORD} times",
        )
        for extra in list(known.citations)[MAX_CITATIONS_PER_RECORD:]:
            del known.citations[extra]
    if known.mine is None:
        known.mine = claim.mine


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
        target.cite(correction.citations)
        if target.mine is None:
            target.mine = correction.mine
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
        inspection.cite(claim.citations)
        if inspection.mine is None:
            inspection.mine = claim.mine
    for inspection_id, items in judgements.items():
        inspections[inspection_id].values["judgements"] = items  # type: ignore[assignment]


def _unresolved_within(
    claims: dict[str, dict[str, _Claim]], base: RecordSet | None, problems: _Problems
) -> None:
    """A user's record that names a record of its own table that does not exist (an
    intervention that replaces no intervention), found once every row is read (it may
    name a later row) and before records are built (so a file full of them is not built
    whole only to fail the checks)."""
    for name, table in TABLES.items():
        for reference in table.references:
            if reference.target != name or reference.own_check:
                continue
            rows = claims[name]
            bundled = (
                {table.record_key(r) for r in getattr(base, name)} if base is not None else set()
            )
            for key, claim in rows.items():
                target = claim.values.get(reference.column)
                if claim.mine is None or target is None or target in rows or target in bundled:
                    continue
                problems.at(
                    claim.mine,
                    record=f"{name} {key}",
                    field=reference.column,
                    message=f"no {table.noun} {target!r}",
                )


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
            data["citations"] = [
                {"source": source, "locator": locator} for source, locator in claim.citations
            ]
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


def _touched(claims: dict[str, dict[str, _Claim]]) -> dict[str, set[str]]:
    """The keys, table by table, of the records the users' rows are about (or correct)."""
    touched: dict[str, set[str]] = {name: set() for name in TABLES}
    for name, table_claims in claims.items():
        for key, claim in table_claims.items():
            if name == "judgements":
                touched["inspections"].add(claim.values["inspection"])
            elif name == "corrections":
                target = claim.values["table"]
                if target == "judgements":
                    touched["inspections"].add(claim.values["id"].split("/")[0])
                elif target in touched:
                    touched[target].add(claim.values["id"])
            else:
                touched[name].add(key)
    return touched


def _same_source(values: dict[str, str], known: Any) -> bool:
    """Whether a user's source row states exactly the bundled source ``known``."""
    from childservices.convert import converter
    from childservices.model import Source

    try:
        return bool(converter.structure(values, Source) == known)
    except Exception:  # any problem with the row is reported when it is read as a new source
        return False


def _with_base(
    base: RecordSet,
    claims: dict[str, dict[str, _Claim]],
    problems: _Problems,
    conflicts: _Conflicts,
) -> dict[str, dict[str, _Claim]]:
    """The bundled records the users' rows are about, as claims, with the users' claims merged
    into them (as if the bundled rows were read first); then the users' new records.

    A source restated exactly as the bundle has it stands for the bundled one
    (sources are not merged like cited rows: an id appears once); a different
    one is reported as a repeated id.
    """
    from childservices.records.rows import table_rows

    bundled_sources = {source.id: source for source in base.sources}
    mine = dict(claims)
    mine["sources"] = {
        key: claim
        for key, claim in claims["sources"].items()
        if not (key in bundled_sources and _same_source(claim.values, bundled_sources[key]))
    }
    touched = _touched(mine)
    chosen: dict[str, tuple[Any, ...]] = {}
    for name, table in TABLES.items():
        if table.record_type is None:
            continue
        keys = touched[name]
        chosen[name] = tuple(r for r in getattr(base, name) if keys and table.record_key(r) in keys)
    text = table_rows(RecordSet(**chosen))
    out: dict[str, dict[str, _Claim]] = {name: {} for name in TABLES}
    origin = _Origin(BUNDLED)
    for name, table in TABLES.items():
        merge = _merger(table, out[name], problems, conflicts)
        for row in text[name]:
            merge(origin, {k: v for k, v in row.items() if v})
        for key, claim in mine[name].items():
            _merge_into(table, out[name], key, claim, problems, conflicts)
    return out


def _replace_in(base: RecordSet, built: dict[str, dict[str, Any]]) -> RecordSet:
    """``base`` with the records rebuilt from users' rows in place, and new records after."""
    tables: dict[str, tuple[Any, ...]] = {}
    for name, found in built.items():
        table = TABLES[name]
        mine = dict(found)
        merged = [mine.pop(table.record_key(record), record) for record in getattr(base, name)]
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
        if claim is not None and claim.mine is not None:
            problems.add(claim.mine.file, attrs.evolve(problem, file=str(claim.mine)))
            continue
        message = problem.message
        if merged:
            message += (
                f" ({label} is in the bundled dataset: if it is wrong, add a row to your "
                "corrections/ naming it)"
            )
        problems.add(f"({table})", attrs.evolve(problem, message=message))
