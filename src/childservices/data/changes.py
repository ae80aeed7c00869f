"""What changed between two data versions: the change feed.

:func:`compare` sets one version's :class:`~childservices.data.manifest.Manifest`
beside another's: per table, the records added (a key only the later holds),
removed (a key only the earlier holds) and changed (the same key, a different
content hash: a field's value differs; a new citation alone is not a change);
for the tables summarised by group, the groups whose records differ. A change
is *corrected* when a hand correction of the seeds about that record was added,
altered or dropped between the two (not known when either manifest does not
carry the corrections).

The releases recorded with the package (:func:`recorded_manifests`) are the
versions one can compare with; :meth:`Dataset.changes
<childservices.dataset.Dataset.changes>` compares the record with one of them.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from childservices.data.manifest import (
    GROUPED,
    Manifest,
    correction_target,
    manifest_of,
    read_manifest,
)
from childservices.model import Citation

if TYPE_CHECKING:
    import datetime

    from childservices.model import RecordSet

__all__ = [
    "RELEASES",
    "ChangeKind",
    "Changes",
    "GroupChange",
    "RecordChange",
    "compare",
    "previous_release",
    "record_set_manifest",
    "recorded_manifests",
    "release_to_compare",
]

RELEASES = "releases"
"""The package folder (beside this module) holding the recorded releases' manifests."""


class ChangeKind(enum.Enum):
    """How a record (or a group of records) differs between two data versions."""

    ADDED = "added"
    """Only the later version holds it."""
    REMOVED = "removed"
    """Only the earlier version holds it."""
    CHANGED = "changed"
    """Both hold it, with different content."""


@attrs.frozen(kw_only=True)
class RecordChange:
    """One record added, removed or changed between two data versions.

    ``key`` is the record's id (or key columns joined by ``/``); ``corrected``
    says whether a hand correction of it was added, altered or dropped between
    the two (``None``: not known). ``authority`` and ``citations`` are the later
    record's (none for a removed record, or when the later record was not given).
    """

    table: str
    key: str
    kind: ChangeKind
    corrected: bool | None = None
    authority: str | None = None
    citations: tuple[Citation, ...] = ()


@attrs.frozen(kw_only=True)
class GroupChange:
    """A group of a summarised table (figures of one measure and year, one authority's
    neighbours in one grouping) added, removed or changed, with its record counts."""

    table: str
    group: str
    kind: ChangeKind
    before: int
    after: int


@attrs.frozen(kw_only=True)
class Changes:
    """What changed from the data version ``previous`` to ``current``: every record and
    group changed, in table order then key order."""

    previous: str
    current: str
    records: tuple[RecordChange, ...]
    groups: tuple[GroupChange, ...]

    def __repr__(self) -> str:
        """A short summary, as a data frame prints one: the detail is in the attributes."""
        return (
            f"<Changes from {self.previous} to {self.current}: {len(self.records)} records and "
            f"{len(self.groups)} groups added, removed or changed; detail in .records, "
            ".groups, .counts(), .of(table)>"
        )

    def of(self, table: str, kind: ChangeKind | None = None) -> tuple[RecordChange, ...]:
        """The changes of one table's records (of one kind, if given)."""
        return tuple(
            c for c in self.records if c.table == table and (kind is None or c.kind is kind)
        )

    def counts(self) -> dict[str, dict[ChangeKind, int]]:
        """How many records (or groups) of each table were added, removed and changed;
        tables with none left out."""
        found: dict[str, dict[ChangeKind, int]] = {}
        changes: tuple[RecordChange | GroupChange, ...] = (*self.records, *self.groups)
        for change in changes:
            per_kind = found.setdefault(change.table, dict.fromkeys(ChangeKind, 0))
            per_kind[change.kind] += 1
        return found


def compare(previous: Manifest, current: Manifest, *, records: RecordSet | None = None) -> Changes:
    """The changes from ``previous`` to ``current``; with ``records`` (the current
    version's record), each added or changed record carries its authority and citations."""
    found: list[RecordChange] = []
    corrected = _corrected(previous, current)
    for table in sorted(set(previous.records) | set(current.records)):
        before = previous.records.get(table, {})
        after = current.records.get(table, {})
        details = _details(records, table)
        for key in sorted(set(before) | set(after)):
            kind = _kind(before.get(key), after.get(key))
            if kind is None:
                continue
            authority, citations = details.get(key, (None, ()))
            found.append(
                RecordChange(
                    table=table,
                    key=key,
                    kind=kind,
                    corrected=None if corrected is None else (table, key) in corrected,
                    authority=authority,
                    citations=citations,
                )
            )
    return Changes(
        previous=previous.data_version,
        current=current.data_version,
        records=tuple(found),
        groups=_group_changes(previous, current),
    )


def _kind(before: Any, after: Any) -> ChangeKind | None:
    if before is None:
        return ChangeKind.ADDED
    if after is None:
        return ChangeKind.REMOVED
    return ChangeKind.CHANGED if before != after else None


def _group_changes(previous: Manifest, current: Manifest) -> tuple[GroupChange, ...]:
    found = []
    for table in sorted(set(previous.groups) | set(current.groups)):
        before = previous.groups.get(table, {})
        after = current.groups.get(table, {})
        for group in sorted(set(before) | set(after)):
            kind = _kind(before.get(group), after.get(group))
            if kind is not None:
                counts = (before.get(group, (0, ""))[0], after.get(group, (0, ""))[0])
                found.append(
                    GroupChange(
                        table=table, group=group, kind=kind, before=counts[0], after=counts[1]
                    )
                )
    return tuple(found)


def _corrected(previous: Manifest, current: Manifest) -> set[tuple[str, str]] | None:
    """The records (table, key) a correction was added to, altered or dropped from."""
    if previous.corrections is None or current.corrections is None:
        return None
    before, after = previous.corrections, current.corrections
    differ = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
    return {correction_target(key) for key in differ}


def _details(
    records: RecordSet | None, table: str
) -> dict[str, tuple[str | None, tuple[Citation, ...]]]:
    """Each record's authority and citations by its key, from the later record."""
    from childservices.data.schema import TABLES

    if records is None or table not in TABLES or table in GROUPED:
        return {}
    schema = TABLES[table]
    found = {}
    for record in getattr(records, table, ()):
        authority = getattr(record, "authority", None)
        found[schema.record_key(record)] = (
            authority if isinstance(authority, str) else None,
            tuple(getattr(record, "citations", ())),
        )
    return found


def record_set_manifest(
    records: RecordSet, data_version: str, *, corrections: Mapping[str, str] | None = None
) -> Manifest:
    """The manifest of a record set (its records unstructured as the bundle holds them)."""
    from childservices.convert import converter
    from childservices.data.columns import table_record_types

    plain = {name: converter.unstructure(getattr(records, name)) for name in table_record_types()}
    return manifest_of(plain, data_version, corrections=corrections)


def recorded_manifests() -> tuple[Manifest, ...]:
    """The manifests of the releases recorded with the package, oldest release first
    (by release day, then version)."""
    from importlib import resources

    folder = resources.files("childservices.data").joinpath(RELEASES)
    found = []
    if folder.is_dir():
        for entry in folder.iterdir():
            if entry.name.endswith(".json"):
                where = f"childservices/data/{RELEASES}/{entry.name}"
                found.append(read_manifest(entry.read_text(encoding="utf-8"), where=where))
    return tuple(sorted(found, key=_release_order))


def _release_order(manifest: Manifest) -> tuple[datetime.date | None, str]:
    import datetime

    return (manifest.released or datetime.date.min, manifest.data_version)


def previous_release(data_version: str) -> Manifest | None:
    """The release before ``data_version``: the one its recorded release follows, or, when
    ``data_version`` is not recorded (not yet released), the newest recorded release (the
    one no other follows); ``None`` when there is none."""
    releases = recorded_manifests()
    by_version = {m.data_version: m for m in releases}
    if data_version in by_version:
        follows = by_version[data_version].follows
        return None if follows is None else by_version.get(follows)
    followed = {m.follows for m in releases}
    latest = [m for m in releases if m.data_version not in followed]
    return latest[-1] if latest else None


def release_to_compare(
    records: RecordSet,
    data_version: str | None,
    previous: Manifest | str | None,
    corrections: Mapping[str, str] | None = None,
) -> tuple[Manifest, Manifest]:
    """The manifests to compare for a record of ``data_version``: the release named by
    ``previous`` (a manifest, a recorded release's data version, or ``None`` for the
    release before this version), and this record's own (with ``corrections``, or the
    recorded release's of the same version and records, when there is one).

    Raises :class:`~childservices.UnknownRecordError` when no such release is recorded.
    """
    from childservices.errors import UnknownRecordError

    version = data_version or "unversioned"
    if isinstance(previous, str):
        found = {m.data_version: m for m in recorded_manifests()}.get(previous)
        if found is None:
            raise UnknownRecordError(f"no release of data version {previous!r} is recorded")
        previous = found
    elif previous is None:
        previous = previous_release(version)
        if previous is None:
            raise UnknownRecordError(f"no release before data version {version!r} is recorded")
    current = record_set_manifest(records, version, corrections=corrections)
    if corrections is None:
        same = [m for m in recorded_manifests() if m.data_version == version]
        if same and same[0].records == current.records and same[0].groups == current.groups:
            current = same[0]
    return previous, current
