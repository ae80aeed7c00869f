"""Users' rows merged with the bundled records, as if the bundled rows were read first.

Only the bundled records the users' rows are about (or correct) are turned
back into rows and merged; the records built from them replace the bundled
ones in place, and new records come after.
"""

from __future__ import annotations

from typing import Any

from childservices.data.schema import TABLES
from childservices.model import RecordSet
from childservices.records.claims import BUNDLED, Claim, Conflicts, Origin, Problems
from childservices.records.merge import merge_into, merger

__all__ = ["replace_in", "with_base"]


def _touched(claims: dict[str, dict[str, Claim]]) -> dict[str, set[str]]:
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


def with_base(
    base: RecordSet,
    claims: dict[str, dict[str, Claim]],
    problems: Problems,
    conflicts: Conflicts,
) -> dict[str, dict[str, Claim]]:
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
    out: dict[str, dict[str, Claim]] = {name: {} for name in TABLES}
    origin = Origin(BUNDLED)
    for name, table in TABLES.items():
        merge = merger(table, out[name], problems, conflicts)
        for row in text[name]:
            merge(origin, {k: v for k, v in row.items() if v})
        for key, claim in mine[name].items():
            merge_into(table, out[name], key, claim, problems, conflicts)
    return out


def replace_in(base: RecordSet, built: dict[str, dict[str, Any]]) -> RecordSet:
    """``base`` with the records rebuilt from users' rows in place, and new records after."""
    tables: dict[str, tuple[Any, ...]] = {}
    for name, found in built.items():
        table = TABLES[name]
        mine = dict(found)
        merged = [mine.pop(table.record_key(record), record) for record in getattr(base, name)]
        merged.extend(mine.values())
        tables[name] = tuple(merged)
    return RecordSet(**tables)
