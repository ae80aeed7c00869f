"""The dataset: every record, checked, indexed and read-only, with questions over it.

A :class:`Dataset` is a :class:`~childservices.Catalog` (it finds authorities
and records) with the questions over every authority, the drop-in tables and
the exports on top. The questions are in two parts, by job: those about a
day (:mod:`childservices.dataset._answers`) and the analyses over years
with the drop-in tables (:mod:`childservices.dataset._analyses`); the official
statistics (:mod:`childservices.dataset._measures`) and the measures in context,
around the record's events and by grade (:mod:`childservices.dataset._context`).
"""

from __future__ import annotations

import os
import typing
from typing import TYPE_CHECKING, Any

import attrs

from childservices.data.index import Index
from childservices.dataset._analyses import Analyses
from childservices.dataset._answers import DayAnswers
from childservices.dataset._context import Context
from childservices.errors import ArgumentTypeError, DatasetError
from childservices.model import DeliveryModel, RecordSet
from childservices.rules import delivery

if TYPE_CHECKING:
    # Imported where used: ``import childservices`` does not need them.
    import pathlib
    from collections.abc import Mapping

    from childservices.data.changes import Changes
    from childservices.data.manifest import Manifest

__all__ = ["COMPANY_MODELS", "Dataset"]

COMPANY_MODELS: frozenset[DeliveryModel] = delivery.COMPANY_MODELS
"""The not-for-profit company models: what the sector counts as "trusts" (the default of
:meth:`Dataset.run_by` and :meth:`Dataset.trusts_operating`)."""


@attrs.frozen(kw_only=True, eq=False, init=False)
class Dataset(DayAnswers, Analyses, Context):
    """A checked, indexed, read-only set of records.

    Build one with :meth:`from_records` (or get the bundled one with
    :func:`childservices.load`); building checks every cross-record rule and
    raises :class:`~childservices.DatasetError` listing every problem. A
    dataset is a :class:`~childservices.Catalog`: it finds authorities and
    records as a catalog does.
    """

    @classmethod
    def from_records(cls, records: RecordSet, *, data_version: str | None = None) -> Dataset:
        """Check ``records`` and index them, or raise every problem found."""
        from childservices.data.checks import check_records

        problems = check_records(records)
        if problems:
            raise DatasetError(problems)
        return cls._trusted(tables=records, index=Index(records), data_version=data_version)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickling, for a process pool: a dataset goes with its records, checked again when
        it arrives. (The dataset :func:`~childservices.load` shares goes by its data version
        instead: the other process loads its own, and refuses a different version; see
        :mod:`childservices.loading`.)"""
        return (_unpickle_records, (self.records, self.data_version))

    # What changed since a release (see childservices.data.changes) -------------

    def changes(
        self,
        previous: Manifest | str | None = None,
        *,
        corrections: Mapping[str, str] | None = None,
    ) -> Changes:
        """What changed in this record since a released data version: records added,
        removed and changed, table by table, each with its current citations.

        ``previous`` is a :class:`~childservices.data.manifest.Manifest`, the data
        version of a release recorded with the package, or ``None`` for the release
        before this record's version (:func:`~childservices.data.changes.previous_release`).
        Whether a change comes from a hand correction of the seeds is known when this
        record's version is recorded too, or when ``corrections`` (from
        :func:`~childservices.data.manifest.corrections_of`) are given; else ``None``.
        Raises :class:`~childservices.UnknownRecordError` when no such release is recorded.
        """
        from childservices.data.changes import compare, release_to_compare

        before, after = release_to_compare(self.records, self.data_version, previous, corrections)
        return compare(before, after, records=self.records)

    # Exports (see childservices.export) -------------------------------------

    def to_csv(
        self, folder: str | os.PathLike[str], *, overwrite: bool = False
    ) -> list[pathlib.Path]:
        """Write every table as CSV files laid out like ``seeds/``; returns the files written.

        Existing files are replaced only with ``overwrite=True``; nothing is
        written through a link, and a failure leaves nothing half-written
        (see :func:`childservices.export.write_files`).
        """
        from childservices.export import to_csv

        return to_csv(self, folder, overwrite=overwrite)

    def to_json(self, *, indent: int | None = None) -> str:
        """Every table as JSON text, with the seed format's columns."""
        from childservices.export import to_json

        if indent is not None and (isinstance(indent, bool) or not isinstance(indent, int)):
            raise ArgumentTypeError(
                f"indent: expected a whole number or None, got {type(indent).__name__}"
            )
        return to_json(self, indent=indent)

    def to_frames(self) -> dict[str, typing.Any]:
        """Every table as a pandas ``DataFrame`` (needs the ``pandas`` extra)."""
        from childservices.export import to_frames

        return to_frames(self)


def _unpickle_records(records: RecordSet, data_version: str | None) -> Dataset:
    return Dataset.from_records(records, data_version=data_version)
