"""Manifests of released data versions: what a version held, compactly, to compare with later.

A data version (:data:`~childservices.data.version.DATA_VERSION`) is a digest of
the seed files, so it says *that* the record changed, not *what* changed. When a
maintainer releases a version, ``tools/record_release.py`` writes its manifest,
kept with the package in ``childservices/data/releases/<version>.json``:

- for each table, each record's key (its id, or its key columns joined by
  ``/`` as the seed format writes them) and a short hash of its content
  (:func:`record_hash`);
- for the large tables in :data:`GROUPED` (the DfE's figures, the statistical
  neighbours), one entry per group of records instead (figures by measure and
  year, neighbours by grouping and authority): how many records and a hash of
  them all, so the file stays small;
- the corrections of the seeds (``seeds/corrections/``: hand corrections of
  generated rows), each by its key and a hash of what it sets and cites, so a
  change can be said to come from a correction. Not known (``None``) when the
  manifest was built from the record alone, which does not carry them.

What counts as a change: a record's content is every field but its
citations, with empty values (``None``, ``False``, empty text or lists) left
out, so a field a later library adds with an empty default changes no
record, and a new citation alone is not a change of fact.
:mod:`childservices.data.changes` compares a manifest with the record.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from childservices.data.schema import TABLES
from childservices.errors import DatasetError, Problem

__all__ = [
    "GROUPED",
    "MANIFEST_FORMAT",
    "Manifest",
    "correction_target",
    "corrections_of",
    "manifest_of",
    "manifest_text",
    "read_manifest",
    "record_hash",
    "record_key",
    "same_content",
]

MANIFEST_FORMAT = 1
"""The layout of a manifest file this library reads and writes."""

GROUPED: Mapping[str, tuple[str, ...]] = {
    "observations": ("measure", "year"),
    "statistical_neighbours": ("grouping", "authority"),
}
"""The tables a manifest summarises by group (the columns whose values name a group)
rather than record by record: tens of thousands of figures, thousands of neighbours."""

_HASH_LENGTH = 10
"""Hex digits of a content hash kept: 40 bits, so two different contents of one record
share a hash about once in a million million comparisons."""


def _empty(value: Any) -> bool:
    """Whether a value is empty: ``None``, ``False``, or empty text, list or mapping."""
    return value is None or value is False or (isinstance(value, str | list | dict) and not value)


def _content(value: Any) -> Any:
    """``value`` with every ``citations`` field and every empty value left out (deeply)."""
    if isinstance(value, Mapping):
        kept = {k: _content(v) for k, v in value.items() if k != "citations"}
        return {k: v for k, v in kept.items() if not _empty(v)}
    if isinstance(value, list | tuple):
        return [_content(item) for item in value]
    return value


def _digest(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:_HASH_LENGTH]


def record_hash(plain: Mapping[str, Any]) -> str:
    """A short hash of one record's content, from its plain form (as the bundle holds it):
    every field but its citations, empty values left out (see the module's notes)."""
    return _digest(_content(plain))


def record_key(table: str, plain: Mapping[str, Any]) -> str:
    """A plain record's key in ``table``: its key columns' values joined by ``/``."""
    return "/".join(str(plain[name]) for name in TABLES[table].key)


def _group_key(table: str, plain: Mapping[str, Any]) -> str:
    return "/".join(str(plain[name]) for name in GROUPED[table])


def correction_target(key: str) -> tuple[str, str]:
    """The table and record key a correction's key (``table/id/field``) changes; an area
    judgement's correction changes its inspection."""
    table, _, rest = key.partition("/")
    record = rest.rpartition("/")[0]
    if table == "judgements":
        return "inspections", record.partition("/")[0]
    return table, record


def corrections_of(rows: Iterable[Mapping[str, str]]) -> dict[str, str]:
    """The corrections of seed rows (``seeds/corrections/*.csv``): each by its key,
    ``table/id/field``, with a hash of the value it sets and the source and place it cites."""
    found: dict[str, str] = {}
    for row in rows:
        key = f"{row['table']}/{row['id']}/{row['field']}"
        cited = [row.get("value", ""), row.get("source", ""), row.get("locator", "")]
        found[key] = _digest(cited)
    return dict(sorted(found.items()))


@attrs.frozen(kw_only=True)
class Manifest:
    """What one data version held, compactly (see the module's notes).

    ``records``: table, then record key, then content hash. ``groups``: for the
    tables of :data:`GROUPED`, group (``measure/year``, ``grouping/authority``),
    then how many records and a hash of their contents. ``corrections``:
    correction key (``table/id/field``), then a hash of what it sets and cites;
    ``None`` when not known. ``released``: the day the version was released
    (recorded), when known; ``follows``: the data version of the release before it
    (``None`` for the first); ``note`` says where the manifest was built from.
    """

    data_version: str
    released: datetime.date | None = None
    follows: str | None = None
    note: str = ""
    records: Mapping[str, Mapping[str, str]]
    groups: Mapping[str, Mapping[str, tuple[int, str]]]
    corrections: Mapping[str, str] | None = None


def same_content(one: Manifest, other: Manifest) -> bool:
    """Whether two manifests hold the same version, records, groups and corrections (their
    release days and notes aside)."""
    return (one.data_version, one.records, one.groups, one.corrections) == (
        other.data_version,
        other.records,
        other.groups,
        other.corrections,
    )


def manifest_of(
    tables: Mapping[str, Sequence[Mapping[str, Any]]],
    data_version: str,
    *,
    released: datetime.date | None = None,
    follows: str | None = None,
    note: str = "",
    corrections: Mapping[str, str] | None = None,
) -> Manifest:
    """The manifest of a record given as plain rows, table by table (as the bundle holds
    them, or as the converter unstructures records); tables the schema does not know
    are left out."""
    records: dict[str, dict[str, str]] = {}
    groups: dict[str, dict[str, tuple[int, str]]] = {}
    for name in sorted(tables):
        if name not in TABLES:
            continue
        rows = tables[name]
        if name in GROUPED:
            members: dict[str, list[str]] = {}
            for row in rows:
                members.setdefault(_group_key(name, row), []).append(record_hash(row))
            groups[name] = {
                group: (len(hashes), _digest(sorted(hashes)))
                for group, hashes in sorted(members.items())
            }
        else:
            records[name] = dict(sorted((record_key(name, row), record_hash(row)) for row in rows))
    return Manifest(
        data_version=data_version,
        released=released,
        follows=follows,
        note=note,
        records=records,
        groups=groups,
        corrections=None if corrections is None else dict(sorted(corrections.items())),
    )


def manifest_text(manifest: Manifest) -> str:
    """A manifest as the JSON text of its file: one entry a line, keys sorted, so a
    manifest's file is stable and reads in a diff."""
    plain = {
        "format": MANIFEST_FORMAT,
        "data_version": manifest.data_version,
        "released": None if manifest.released is None else manifest.released.isoformat(),
        "follows": manifest.follows,
        "note": manifest.note,
        "records": manifest.records,
        "groups": {t: {g: list(v) for g, v in e.items()} for t, e in manifest.groups.items()},
        "corrections": manifest.corrections,
    }
    lines = json.dumps(plain, ensure_ascii=False, sort_keys=True, indent=0, separators=(",", ":"))
    return lines + "\n"


def read_manifest(text: str, *, where: str = "manifest") -> Manifest:
    """A manifest from its file's text; a :class:`~childservices.DatasetError` names the
    file and field of anything wrong."""

    def problem(field: str, message: str) -> DatasetError:
        return DatasetError([Problem(file=where, field=field, message=message)])

    try:
        plain = json.loads(text)
    except json.JSONDecodeError as exc:
        raise problem("", f"not JSON: {exc}") from None
    if not isinstance(plain, dict) or plain.get("format") != MANIFEST_FORMAT:
        raise problem("format", f"expected manifest format {MANIFEST_FORMAT}")
    version = plain.get("data_version")
    if not isinstance(version, str) or not version:
        raise problem("data_version", "expected the data version")
    released = plain.get("released")
    try:
        day = None if released is None else datetime.date.fromisoformat(released)
    except (TypeError, ValueError):
        raise problem("released", f"expected a day (YYYY-MM-DD), got {released!r}") from None
    follows = plain.get("follows")
    if follows is not None and not isinstance(follows, str):
        raise problem("follows", f"expected a data version or null, got {follows!r}")
    records = _mapping(plain.get("records"), "records", problem, _text_hash)
    groups = _mapping(plain.get("groups"), "groups", problem, _count_hash)
    corrections = plain.get("corrections")
    return Manifest(
        data_version=version,
        released=day,
        follows=follows,
        note=str(plain.get("note") or ""),
        records=records,
        groups=groups,
        corrections=None
        if corrections is None
        else _entries(corrections, "corrections", problem, _text_hash),
    )


def _text_hash(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _count_hash(value: Any) -> tuple[int, str] | None:
    if (
        isinstance(value, list)
        and len(value) == 2
        and type(value[0]) is int
        and isinstance(value[1], str)
    ):
        return value[0], value[1]
    return None


def _mapping(value: Any, field: str, problem: Any, entry: Any) -> dict[str, dict[str, Any]]:
    """A table-by-table mapping of entries, each checked by ``entry`` (``None`` if wrong)."""
    if not isinstance(value, dict):
        raise problem(field, "expected a mapping of tables")
    return {
        str(table): _entries(entries, f"{field}.{table}", problem, entry)
        for table, entries in value.items()
    }


def _entries(value: Any, field: str, problem: Any, entry: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise problem(field, "expected a mapping of keys to entries")
    found: dict[str, Any] = {}
    for key, item in value.items():
        checked = entry(item)
        if checked is None:
            raise problem(f"{field}.{key}", f"unexpected entry {item!r}")
        found[str(key)] = checked
    return found
