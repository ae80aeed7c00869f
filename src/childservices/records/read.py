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

The reader's parts, by job: reading one file (:mod:`~childservices.records.parse`),
claims and problems (:mod:`~childservices.records.claims`), merging claims
into records (:mod:`~childservices.records.merge`), checking references as
rows are read (:mod:`~childservices.records.references`) and merging users'
rows with the bundled records (:mod:`~childservices.records.bundled`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs

from childservices.data.schema import TABLES
from childservices.errors import DatasetError, Problem
from childservices.model import RecordSet
from childservices.records.bundled import replace_in, with_base
from childservices.records.claims import BUNDLED, MAX_PROBLEMS_PER_FILE, Claim, Conflicts, Problems
from childservices.records.files import folder_files
from childservices.records.future import check_future
from childservices.records.merge import (
    MAX_CITATIONS_PER_RECORD,
    apply_corrections,
    attach_judgements,
    merger,
    reference_checker,
    structure_table,
)
from childservices.records.names import check_names
from childservices.records.parse import (
    CellCheck,
    cell_checks,
    json_tables,
    read_csv,
    read_json_table,
)
from childservices.records.references import Known, unresolved_within

__all__ = [
    "BUNDLED",
    "MAX_CITATIONS_PER_RECORD",
    "MAX_PROBLEMS_PER_FILE",
    "check_files",
    "read_files",
    "read_seed_folder",
    "seed_files",
]

_FIRST = ("sources", "authorities", "providers", "corrections", "inspections")
"""Tables read before the others, so that a row's references can be checked as it is read
(the other tables keep their order; the files of one table keep theirs)."""


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
    correction. With ``check``, every row's references are checked as it is
    read, and the cross-record checks
    (:func:`~childservices.data.checks.check_records`) run on the result too,
    each problem they find placed at the file and line of the record it
    concerns.
    """
    return _read(files, base=base, check=check)[0]


def check_files(
    files: Iterable[tuple[str, Path]], *, base: RecordSet | None = None, notes: list[str]
) -> RecordSet:
    """Read and check ``(table, file)`` pairs as :func:`read_files` does with ``check``, or
    raise every problem found; a note goes to ``notes`` for each authority a user's row
    names by its exact name or alias (folded) instead of its id, read as that id."""
    return _read(files, base=base, check=True, notes=notes)[0]


def _read(
    files: Iterable[tuple[str, Path]],
    *,
    base: RecordSet | None = None,
    check: bool = False,
    notes: list[str] | None = None,
) -> tuple[RecordSet, str]:
    """The records and a digest of the files read (names and bytes); with ``check``, the notes
    on names read as authorities' ids go to ``notes``."""
    problems = Problems()
    claims: dict[str, dict[str, Claim]] = {name: {} for name in TABLES}
    conflicts: Conflicts = {}
    known = Known(claims, base) if check else None
    digest = _read_rows(files, claims, problems, conflicts, known)
    if known is not None and notes is not None:
        notes.extend(known.notes)
    if base is not None:
        claims = with_base(base, claims, problems, conflicts)
        if check:
            check_names(base, claims, problems)
    corrected = apply_corrections(claims, problems)
    for where, (key, problem) in conflicts.items():
        if where not in corrected:
            problems.add(key, problem)
    if check:
        unresolved_within(claims, base, problems)
    attach_judgements(claims, problems)
    built = {
        name: structure_table(TABLES[name], claims[name], problems)
        for name in TABLES
        if TABLES[name].record_type is not None
    }
    if check:
        check_future(built, claims, problems)
    if problems.items and not check:
        raise DatasetError(problems.items)
    records = RecordSet(**{name: tuple(found.values()) for name, found in built.items()})
    if base is not None:
        records = replace_in(base, built)
    if check:
        # The cross-record checks run on the rows that were read even when others were not,
        # so that one run reports every problem it can (issue 27: no problems in waves).
        _check(records, claims, base is not None, problems, _unbuilt(claims, built))
    if problems.items:
        raise DatasetError(problems.items)
    return records, digest


def _unbuilt(claims: dict[str, dict[str, Claim]], built: dict[str, dict[str, Any]]) -> set[str]:
    """The keys of the records whose rows could not be made into records."""
    return {key for name, found in built.items() for key in claims[name] if key not in found}


def _read_rows(
    files: Iterable[tuple[str, Path]],
    claims: dict[str, dict[str, Claim]],
    problems: Problems,
    conflicts: Conflicts,
    known: Known | None,
) -> str:
    """Read every file's rows into ``claims``, in reading order; return a digest of the files
    read (names and bytes). With ``known``, references are checked as rows are read."""
    digest = hashlib.sha256()
    checks: dict[str, dict[str, CellCheck]] = {}
    exports: dict[Path, dict[str, object] | None] = {}
    for table_name, path in sorted(files, key=_reading_order):
        table = TABLES.get(table_name)
        if table is None:
            problems.add(
                str(path), Problem(file=str(path), message=f"{table_name!r} is not a table")
            )
            continue
        cells = checks.setdefault(table_name, cell_checks(table))
        merge = merger(table, claims[table_name], problems, conflicts, known)
        rejected = None if known is None else reference_checker(table, problems, known)
        if path.suffix.casefold() == ".json":
            if path not in exports:
                digest.update(str(path).encode("utf-8", "backslashreplace") + b"\0")
                exports[path] = json_tables(path, problems, digest)
            tables = exports[path]
            if tables is not None and table_name in tables:
                read_json_table(table, path, tables[table_name], problems, cells, merge, rejected)
            continue
        digest.update(str(path).encode("utf-8", "backslashreplace") + b"\0")
        read_csv(table, path, problems, digest, cells, merge, rejected)
    return digest.hexdigest()


def _reading_order(item: tuple[str, Path]) -> int:
    table = item[0]
    if table in _FIRST:
        return _FIRST.index(table)
    return len(_FIRST) + (list(TABLES).index(table) if table in TABLES else len(TABLES))


def _check(
    records: RecordSet,
    claims: dict[str, dict[str, Claim]],
    merged: bool,
    problems: Problems,
    unbuilt: set[str],
) -> None:
    """Run the cross-record checks; place each problem at the row of the record it concerns.

    When rows already had problems, the checks run on the records that were made, and a
    problem they find is left out when it names a record that could not be made
    (``unbuilt``: its absence is no second fault) or repeats one already found at the same
    record and field.
    """
    from childservices.data.checks import check_records  # only when the checks are asked for

    seen = {(p.record, p.field) for p in problems.items}
    for problem in check_records(records):
        if unbuilt and (
            (problem.record, problem.field) in seen or _names_any(problem, unbuilt)
        ):
            continue
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


def _names_any(problem: Problem, keys: set[str]) -> bool:
    """Whether ``problem`` names any of ``keys`` (a record id, as a whole word)."""
    import re

    words = set(re.findall(r"[\w.-]+", f"{problem.record or ''} {problem.message}"))
    return bool(words & keys)
