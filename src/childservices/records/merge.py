"""Merging rows into records: claims about one record agree, corrections apply, records are built.

Rows with the same key are claims about one record: their fields are merged,
and two different values for a field are a conflict, a problem unless a
correction sets that field. Corrections are applied after merging;
judgements join their inspection; then each record is built and validated
by its type.
"""

from __future__ import annotations

import re
from typing import Any

from childservices.data.schema import CITATION_COLUMNS, TABLES, Table
from childservices.errors import Problem
from childservices.records.claims import BUNDLED, Claim, Conflicts, Origin, Problems, Sink
from childservices.records.parse import key_text
from childservices.records.references import Known

__all__ = [
    "MAX_CITATIONS_PER_RECORD",
    "apply_corrections",
    "attach_judgements",
    "merge_into",
    "merger",
    "reference_checker",
    "structure_table",
]

MAX_CITATIONS_PER_RECORD = 1000
"""The most citations one record may have (the bundled records have at most a few dozen)."""


_FIELD_PATH = re.compile(r"^(?P<message>.*?) @ \$\.?(?P<path>.*)$")


def merger(
    table: Table,
    claims: dict[str, Claim],
    problems: Problems,
    conflicts: Conflicts,
    known: Known | None = None,
) -> Sink:
    """A sink that merges each row into ``claims`` as it is read.

    Rows with the same key are claims about one record: their fields are
    merged, and two different values for a field are a conflict (a problem
    unless a correction later sets that field). In a table without
    citations (sources) a key may appear once. With ``known``, a row that
    names a record not known (a source, an authority, a provider: see
    :data:`~childservices.records.references.REFERENCES`), and not
    corrected, is a problem found as it is read.
    """

    def merge(origin: Origin, values: dict[str, str]) -> None:
        named = [] if known is None else known.by_name(table, str(origin), values)
        key = key_text(table, values)
        if known is not None:
            said = {field for field, _ in named}
            missing = named + [p for p in known.problems(table, key, values) if p[0] not in said]
            for field, message in missing:
                problems.at(origin, record=f"{table.name} {key}", field=field, message=message)
            if missing:
                return
        fields = {k: v for k, v in values.items() if k not in CITATION_COLUMNS}
        citations = [(values["source"], values.get("locator"))] if table.cited else []
        mine = None if origin.file == BUNDLED else origin
        row = Claim(values=fields, citations=dict.fromkeys(citations), origin=origin, mine=mine)
        merge_into(table, claims, key, row, problems, conflicts)

    return merge


def reference_checker(table: Table, problems: Problems, known: Known) -> Sink:
    """A sink that only checks a row's references (a row with a bad cell, not merged), so a
    misspelt authority is reported in the same run as the row's other problems."""

    def check(origin: Origin, values: dict[str, str]) -> None:
        named = known.by_name(table, str(origin), values)
        key = key_text(table, values)
        said = {field for field, _ in named}
        found = named + [p for p in known.problems(table, key, values) if p[0] not in said]
        for field, message in found:
            problems.at(origin, record=f"{table.name} {key}", field=field, message=message)

    return check


def merge_into(
    table: Table,
    claims: dict[str, Claim],
    key: str,
    claim: Claim,
    problems: Problems,
    conflicts: Conflicts,
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


def apply_corrections(
    claims: dict[str, dict[str, Claim]], problems: Problems
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


def attach_judgements(claims: dict[str, dict[str, Claim]], problems: Problems) -> None:
    """Join each judgement to the inspection it names (and add its citation to the
    inspection's); a judgement of no inspection, or without a grade, is a problem."""
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


def _describe(exc: BaseException, type_: type | None) -> str:
    import cattrs

    if isinstance(exc, ValueError | TypeError) and str(exc):
        return str(exc)
    return cattrs.v.format_exception(exc, type_)


def structure_table(table: Table, claims: dict[str, Claim], problems: Problems) -> dict[str, Any]:
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
