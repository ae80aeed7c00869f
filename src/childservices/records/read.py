"""Reading record files in the seed format into a :class:`~childservices.model.RecordSet`.

Rows that share a key are claims by different sources about one record: they
are merged, and where two give the same field they must agree. Corrections
are applied after merging. Every problem found is collected, with its file,
line or record, and field, and raised together as one
:class:`~childservices.DatasetError`; nothing is returned half-read.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from childservices.errors import DatasetError, Problem
from childservices.model import RecordSet
from childservices.records.tables import CITATION_COLUMNS, TABLES, Table

__all__ = ["read_files", "read_seed_folder", "seed_files"]

_FIELD_PATH = re.compile(r"^(?P<message>.*?) @ \$\.?(?P<path>.*)$")
_MAX_FILE_BYTES = 64 * 1024 * 1024
_MAX_PROBLEMS_PER_FILE = 100
"""A file with more problems than this is not read further: it is not in the seed format."""


@attrs.define
class _Claim:
    """One record as the rows so far describe it (mutable only while reading)."""

    values: dict[str, str]
    citations: list[dict[str, str | None]]
    origins: list[str]

    @property
    def origin(self) -> str:
        return self.origins[0]


def seed_files(root: Path) -> list[tuple[str, Path]]:
    """The ``(table, file)`` pairs of a folder laid out like ``seeds/``.

    Each table is a sub-folder named after it, holding ``*.csv`` files. A
    sub-folder that names no table is an error, so a typo does not silently
    drop facts.
    """
    if not root.is_dir():
        raise DatasetError([Problem(file=str(root), message="is not a folder")])
    problems: list[Problem] = []
    found: list[tuple[str, Path]] = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if folder.name not in TABLES:
            if any(folder.glob("*.csv")):
                problems.append(
                    Problem(
                        file=str(folder),
                        message=f"is not a table (tables: {', '.join(TABLES)})",
                    )
                )
            continue
        found.extend((folder.name, path) for path in sorted(folder.glob("*.csv")))
    if problems:
        raise DatasetError(problems)
    return found


def read_seed_folder(root: Path) -> RecordSet:
    """Every record in a folder laid out like ``seeds/``."""
    return read_files(seed_files(root))


def read_files(files: Iterable[tuple[str, Path]]) -> RecordSet:
    """Read ``(table, file)`` pairs into one record set, or raise every problem found."""
    problems: list[Problem] = []
    rows: dict[str, list[tuple[str, dict[str, str]]]] = {name: [] for name in TABLES}
    for table_name, path in files:
        table = TABLES.get(table_name)
        if table is None:
            problems.append(Problem(file=str(path), message=f"{table_name!r} is not a table"))
            continue
        rows[table_name].extend(_read_csv(table, path, problems))
    conflicts: dict[tuple[str, str, str], Problem] = {}
    claims = {name: _merge(TABLES[name], rows[name], problems, conflicts) for name in TABLES}
    corrected = _apply_corrections(claims, problems)
    problems.extend(p for where, p in conflicts.items() if where not in corrected)
    _attach_judgements(claims, problems)
    records = {
        name: _structure_table(TABLES[name], claims[name], problems)
        for name in TABLES
        if TABLES[name].record_type is not None
    }
    if problems:
        raise DatasetError(problems)
    return RecordSet(**records)


def _read_csv(
    table: Table, path: Path, problems: list[Problem]
) -> list[tuple[str, dict[str, str]]]:
    where = str(path)
    try:
        if path.stat().st_size > _MAX_FILE_BYTES:
            problems.append(Problem(file=where, message=f"is larger than {_MAX_FILE_BYTES} bytes"))
            return []
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(
            Problem(file=where, message=f"is not UTF-8 text ({exc.reason} at byte {exc.start})")
        )
        return []
    except OSError as exc:
        problems.append(Problem(file=where, message=f"cannot be read: {exc.strerror or exc}"))
        return []
    if "\x00" in text:
        problems.append(Problem(file=where, message="contains NUL bytes: not a CSV text file"))
        return []
    return _parse_csv(table, where, text.splitlines(keepends=True), problems)


def _parse_csv(
    table: Table, where: str, lines: Sequence[str], problems: list[Problem]
) -> list[tuple[str, dict[str, str]]]:
    reader = csv.reader(lines, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        problems.append(Problem(file=where, record="line 1", message=f"bad CSV: {exc}"))
        return []
    if header is None:
        problems.append(Problem(file=where, message="is empty: a header row is needed"))
        return []
    header = [name.strip() for name in header]
    unknown = [name for name in header if name not in table.allowed_columns]
    missing = sorted(table.required_columns - set(header))
    duplicated = sorted({name for name in header if header.count(name) > 1})
    for name in unknown:
        problems.append(
            Problem(
                file=where,
                record="line 1",
                field=name or "(empty)",
                message=f"is not a column of {table.name!r} "
                f"(columns: {', '.join(sorted(table.allowed_columns))})",
            )
        )
    for name in missing:
        problems.append(
            Problem(file=where, record="line 1", field=name, message="column is missing")
        )
    for name in duplicated:
        problems.append(
            Problem(file=where, record="line 1", field=name, message="column appears twice")
        )
    if unknown or missing or duplicated:
        return []
    out: list[tuple[str, dict[str, str]]] = []
    found_before = len(problems)
    try:
        for cells in reader:
            line = f"line {reader.line_num}"
            if len(problems) - found_before >= _MAX_PROBLEMS_PER_FILE:
                problems.append(
                    Problem(
                        file=where,
                        record=line,
                        message=f"reading stopped after {_MAX_PROBLEMS_PER_FILE} problems "
                        "in this file",
                    )
                )
                break
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                problems.append(
                    Problem(
                        file=where,
                        record=line,
                        message=f"has {len(cells)} cells; the header has {len(header)}",
                    )
                )
                continue
            values = {
                name: cell.strip() for name, cell in zip(header, cells, strict=True) if cell.strip()
            }
            values.pop("note", None)
            absent = [name for name in table.required_columns if name not in values]
            if absent:
                for name in sorted(absent):
                    problems.append(
                        Problem(file=where, record=line, field=name, message="is empty")
                    )
                continue
            out.append((f"{where}:{reader.line_num}", values))
    except csv.Error as exc:
        problems.append(
            Problem(file=where, record=f"line {reader.line_num}", message=f"bad CSV: {exc}")
        )
    return out


def _key_text(table: Table, values: dict[str, str]) -> str:
    return "/".join(values[name] for name in table.key)


def _merge(
    table: Table,
    rows: list[tuple[str, dict[str, str]]],
    problems: list[Problem],
    conflicts: dict[tuple[str, str, str], Problem],
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
            problems.append(
                Problem(
                    file=origin,
                    record=key,
                    message=f"repeats {table.name} {key!r} (first at {claim.origin})",
                )
            )
            continue
        for name, value in fields.items():
            known = claim.values.get(name)
            if known is None:
                claim.values[name] = value
            elif known != value:
                conflicts.setdefault(
                    (table.name, key, name),
                    Problem(
                        file=origin,
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
    claims: dict[str, dict[str, _Claim]], problems: list[Problem]
) -> set[tuple[str, str, str]]:
    """Apply every correction; returns the (table, record, field) triples corrected."""
    corrected: set[tuple[str, str, str]] = set()
    for key, correction in claims.pop("corrections").items():
        values = correction.values
        target_table = TABLES.get(values["table"])
        if target_table is None or target_table.name == "corrections":
            problems.append(
                Problem(
                    file=correction.origin,
                    record=key,
                    field="table",
                    message=f"{values['table']!r} is not a table",
                )
            )
            continue
        target = claims[target_table.name].get(values["id"])
        if target is None:
            problems.append(
                Problem(
                    file=correction.origin,
                    record=key,
                    field="id",
                    message=f"no {target_table.name} record {values['id']!r} to correct",
                )
            )
            continue
        field = values["field"]
        if field not in target_table.columns or field in target_table.key:
            problems.append(
                Problem(
                    file=correction.origin,
                    record=key,
                    field="field",
                    message=f"{field!r} is not a correctable column of {target_table.name!r}",
                )
            )
            continue
        if "reason" not in values:
            problems.append(
                Problem(
                    file=correction.origin,
                    record=key,
                    field="reason",
                    message="a correction needs its reason",
                )
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
    return corrected


def _attach_judgements(claims: dict[str, dict[str, _Claim]], problems: list[Problem]) -> None:
    inspections = claims["inspections"]
    judgements: dict[str, list[dict[str, str]]] = {}
    for key, claim in claims.pop("judgements").items():
        inspection = inspections.get(claim.values["inspection"])
        if inspection is None:
            problems.append(
                Problem(
                    file=claim.origin,
                    record=key,
                    field="inspection",
                    message=f"no inspection {claim.values['inspection']!r}",
                )
            )
            continue
        if "grade" not in claim.values:
            problems.append(
                Problem(file=claim.origin, record=key, field="grade", message="is empty")
            )
            continue
        judgements.setdefault(claim.values["inspection"], []).append(
            {"area": claim.values["area"], "grade": claim.values["grade"]}
        )
        for cite in claim.citations:
            if cite not in inspection.citations:
                inspection.citations.append(cite)
    for inspection_id, items in judgements.items():
        inspections[inspection_id].values["judgements"] = items  # type: ignore[assignment]


def _describe(exc: BaseException, type_: type | None) -> str:
    import cattrs

    if isinstance(exc, ValueError | TypeError) and str(exc):
        return str(exc)
    return cattrs.v.format_exception(exc, type_)


def _structure_table(
    table: Table, claims: dict[str, _Claim], problems: list[Problem]
) -> tuple[Any, ...]:
    import cattrs  # imported when records are read, not with the library

    from childservices.convert import converter

    assert table.record_type is not None
    records = []
    for key, claim in claims.items():
        data: dict[str, Any] = dict(claim.values)
        if table.cited:
            data["citations"] = claim.citations
        try:
            records.append(converter.structure(data, table.record_type))
        except cattrs.BaseValidationError as exc:
            for message in cattrs.transform_error(exc, path="$", format_exception=_describe):
                match = _FIELD_PATH.match(message)
                field = match["path"] if match else None
                text = match["message"] if match else message
                problems.append(
                    Problem(file=claim.origin, record=key, field=field or None, message=text)
                )
        except (ValueError, TypeError) as exc:
            problems.append(Problem(file=claim.origin, record=key, message=str(exc)))
    return tuple(records)
