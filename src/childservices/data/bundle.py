"""The bundled dataset: a JSON-lines package resource compiled from ``seeds/``.

The bundle's first line is a header: ``{"format", "data_version", "tables"}``,
where ``data_version`` is a digest of the seed files it was built from (kept
apart from the library's ``__version__``) and ``tables`` names the tables of
the following lines, in order. Each following line is one table of the
unstructured :class:`~childservices.model.RecordSet`, laid out in columns
(:mod:`childservices.data.columns`). One line per table lets the loader read
a table only when it is asked for (:class:`~childservices.data.lazy.LazyRecords`).

The packaged bundle is generated and checked by ``tools/build_bundle.py``
(every record validated when it was built from the seeds; every cross-record
check run; CI fails when the bundle differs from what the seeds give), so its
tables are read by a trusted fast path (:mod:`childservices.data.fastbuild`)
that builds the same records without the general converter. Bundle text given
by a caller goes through the converter with full validation.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs

from childservices.data.columns import table_record_types, to_columns
from childservices.data.lazy import LazyRecords, parse_line, structure, structure_table
from childservices.errors import DatasetError, Problem
from childservices.model import RecordSet

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "APART_NAME",
    "APART_TABLES",
    "BUNDLE_FORMAT",
    "BUNDLE_NAME",
    "bundle_text",
    "bundle_texts",
    "packaged_tables",
    "read_bundle",
    "seeds_digest",
    "structure_records",
    "trusted_tables",
]

BUNDLE_NAME = "bundle.jsonl"
"""The bundle's file name inside the package (``childservices/data/``)."""
BUNDLE_FORMAT = 2
"""The bundle layout this library reads: 2 is a header line, then one line per table."""
APART_NAME = "observations.jsonl"
"""The packaged file of the tables kept apart, beside :data:`BUNDLE_NAME`."""
APART_TABLES = ("observations",)
"""The tables kept in :data:`APART_NAME`: large, and read only when first used, so that
loading the record for ratings never reads them."""
_PACKAGED = "childservices/data/bundle.jsonl"
_PACKAGED_APART = "childservices/data/observations.jsonl"


def seeds_digest(files: list[Path], root: Path) -> str:
    """A digest of the seed files' names and contents: the bundle's data version."""
    import hashlib

    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return f"seeds-{digest.hexdigest()[:16]}"


def data_version(records: RecordSet, seeds_version: str) -> str:
    """The record's :data:`~childservices.data.version.DATA_VERSION`: the newest publication
    date among its sources, a dot, and the seeds' digest (``seeds_version`` less ``seeds-``)."""
    dates = [s.published for s in records.sources if s.published is not None]
    newest = max(dates, key=lambda d: (d.last_day(), d.first_day())) if dates else None
    digest = seeds_version.removeprefix("seeds-")
    return f"{newest if newest is not None else 'undated'}.{digest}"


def version_module_text(version: str) -> str:
    """The text of ``data/version.py`` for a data version (written by ``tools/build_bundle.py``)."""
    return (
        '"""The bundled record\'s data version: written by ``tools/build_bundle.py``, checked in CI.\n'
        "\n"
        "Do not edit: rebuild the bundle from the seeds.\n"
        '"""\n'
        "\n"
        f'DATA_VERSION = "{version}"\n'
        '"""The bundled record\'s version: the newest publication date among its sources and a\n'
        "digest of the seed files it was built from. Cite it beside an answer; it changes\n"
        'whenever any fact does, apart from the library\'s own ``__version__``."""\n'
    )


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def bundle_text(records: RecordSet, data_version: str) -> str:
    """The bundle's text for a record set, every table in one text (stable: the same records
    give the same text)."""
    return _text(records, data_version, tuple(table_record_types()))


def bundle_texts(records: RecordSet, data_version: str) -> tuple[str, str]:
    """The packaged bundle's two files: :data:`BUNDLE_NAME`, whose header names the other,
    and :data:`APART_NAME`, with the tables read only when first used (:data:`APART_TABLES`)."""
    kept = tuple(name for name in table_record_types() if name not in APART_TABLES)
    return (
        _text(records, data_version, kept, apart=APART_NAME),
        _text(records, data_version, APART_TABLES),
    )


def _text(
    records: RecordSet, data_version: str, names: tuple[str, ...], *, apart: str | None = None
) -> str:
    from childservices.convert import converter

    types = table_record_types()
    header: dict[str, Any] = {"format": BUNDLE_FORMAT, "data_version": data_version}
    header["tables"] = list(names)
    if apart is not None:
        header["apart"] = apart
    tables = [
        to_columns(converter.unstructure(getattr(records, name)), types[name]) for name in names
    ]
    return "\n".join([_json(header), *map(_json, tables)]) + "\n"


def structure_records(data: Any, *, where: str = "bundle") -> RecordSet:
    """A record set from plain data (a mapping of table names to lists of records, each a
    mapping) through the library's converter, with full validation."""
    records: RecordSet = structure(data, RecordSet, where=where, path="$")
    return records


def read_bundle(text: str | None = None, *, where: str = _PACKAGED) -> tuple[RecordSet, str]:
    """The record set and data version of a bundle (the packaged one by default).

    The packaged bundle takes the trusted fast path; ``text`` given by a
    caller is structured and validated in full.
    """
    if text is None:
        packaged, version = packaged_tables()
        return packaged.record_set(), version
    version, lines, apart = _split(text, where)
    types = table_record_types()
    tables: dict[str, tuple[Any, ...]] = {}
    problems: list[Problem] = []
    places = {name: (where, *found) for name, found in lines.items()}
    if apart:
        places.update((name, _apart_table(version, name)()) for name in APART_TABLES)
    for name, (place, line, table_text) in places.items():
        try:
            plain = parse_line(table_text, where=place, line=line, part=f"table {name}")
            tables[name] = structure_table(plain, types[name], where=place, line=line, table=name)
        except DatasetError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DatasetError(problems)
    return RecordSet(**tables), version


def packaged_tables() -> tuple[LazyRecords, str]:
    """The packaged bundle's tables, each built on first use, and its data version.

    These are exactly the records ``tools/build_bundle.py`` built and checked
    (every cross-record check included), so the loader need not check them
    again.
    """
    return trusted_tables(_packaged_bytes(), where=_PACKAGED)


def trusted_tables(text: str | bytes, *, where: str) -> tuple[LazyRecords, str]:
    """The tables of bundle text written by ``tools/build_bundle.py``, each built on first use.

    The header and the layout are checked now; a table's JSON and records
    when it is first used. Records the fast path reads are not validated
    again: use :func:`read_bundle` for text from anywhere else. When the
    header names a file apart (:data:`APART_NAME`), its tables are read from
    the packaged file of that name when first used, which must have the same
    data version. ``text`` may be the file's bytes (UTF-8): each table's line is
    then decoded only when the table is first used.
    """
    version, lines, apart = _split(text, where)
    deferred = {name: _apart_table(version, name) for name in APART_TABLES} if apart else {}
    return LazyRecords(lines, where=where, deferred=deferred), version


def _apart_table(version: str, name: str) -> Callable[[], tuple[str, int, str | bytes]]:
    """A reader of table ``name`` from the packaged file apart: its place, line and JSON text.

    Raises a :class:`~childservices.DatasetError` when the file is not of
    the bundle's data version (a partly updated install).
    """

    def read() -> tuple[str, int, str | bytes]:
        found, lines, _ = _split(
            _packaged_bytes(APART_NAME), _PACKAGED_APART, expected=APART_TABLES
        )
        if found != version:
            message = f"data version {found!r} is not the bundle's ({version!r}): reinstall"
            raise DatasetError([Problem(file=_PACKAGED_APART, message=message)])
        line, table_text = lines[name]
        return _PACKAGED_APART, line, table_text

    return read


def _packaged_bytes(name: str = BUNDLE_NAME) -> bytes:
    """A packaged file's bytes (the bundle's by default): straight from the file beside this
    module when there is one (cheaper than ``importlib.resources``), else as a package
    resource (a zipped install). Not decoded: each table's line is decoded when it is
    first used, so loading the record for its ratings decodes only their tables."""
    path = os.path.join(os.path.dirname(__file__), name)
    if os.path.isfile(path):
        with open(path, "rb") as handle:
            return handle.read()
    from importlib import resources

    return resources.files("childservices.data").joinpath(name).read_bytes()


def _split(
    text: str | bytes, where: str, *, expected: tuple[str, ...] | None = None
) -> tuple[str, dict[str, tuple[int, str | bytes]], bool]:
    """The data version, each table's line number and JSON text, and whether the tables
    :data:`APART_TABLES` are in the file apart, after checking the header.

    ``expected`` names the tables the text must hold (by default every table
    of a record set, less those apart when the header names the file apart).
    """
    lines: list[str] | list[bytes] = (
        text.split(b"\n") if isinstance(text, bytes) else text.split("\n")
    )
    header = parse_line(lines[0], where=where, line=1, part="header")

    def problem(field: str, message: str) -> DatasetError:
        return DatasetError(
            [Problem(file=where, record="line 1 (header)", field=field, message=message)]
        )

    if not isinstance(header, dict) or header.get("format") != BUNDLE_FORMAT:
        raise problem("format", f"expected bundle format {BUNDLE_FORMAT}")
    names = header.get("tables")
    apart = header.get("apart")
    if apart not in (None, APART_NAME):
        raise problem("apart", f"expected {APART_NAME!r} or nothing")
    if expected is None:
        everything = [f.name for f in attrs.fields(RecordSet)]
        expected = tuple(n for n in everything if apart is None or n not in APART_TABLES)
    if not isinstance(names, list) or sorted(map(str, names)) != sorted(expected):
        raise problem("tables", f"expected each of the tables {', '.join(expected)} once")
    version = header.get("data_version")
    if not isinstance(version, str) or not version:
        raise problem("data_version", "is missing")
    body: list[str | bytes] = list(lines[1:])
    while body and not body[-1]:
        body.pop()
    if len(body) != len(names):
        raise DatasetError(
            [
                Problem(
                    file=where,
                    message=f"expected {len(names)} table lines after the header, found {len(body)}",
                )
            ]
        )
    numbered = enumerate(zip(names, body, strict=True), start=2)
    return version, {name: (number, line) for number, (name, line) in numbered}, apart is not None
