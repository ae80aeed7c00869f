"""Exports: the dataset as seed-format tables (CSV, JSON) or pandas data frames.

Every export has the columns of the seed format (``seeds/README.md``,
:data:`childservices.data.schema.TABLES`): one table per seed folder, one row per
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

The package does one job per module: the rows are
:mod:`childservices.records.rows`' (the seed reader uses them too);
:mod:`childservices.export.seeds` writes them as files;
:mod:`childservices.records.safe` is how every file is written (inert cells,
no overwriting unasked, never through a link, whole or not at all);
:mod:`childservices.export.frames` makes data frames.
"""

from __future__ import annotations

from childservices.export import frames, seeds
from childservices.export.frames import to_frames
from childservices.export.seeds import to_csv, to_json, write_json, write_seed_folder
from childservices.records.rows import columns, record_rows, table_rows
from childservices.records.safe import write_files

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

EXPORT_FORMAT = seeds.EXPORT_FORMAT
"""The version of the JSON export's layout."""

GRADE_ORDER = frames.GRADE_ORDER
"""Grades worst first: the category order of grade columns in :func:`to_frames`.

'Adequate' (before November 2013) and 'requires improvement' are different
judgements at the same place on their scales; the order puts them side by
side, and the ``*_rank`` column (1 to 4) puts them on one scale on purpose.
"""
