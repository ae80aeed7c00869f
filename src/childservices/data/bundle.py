"""The bundled dataset: a JSON package resource compiled from ``seeds/``.

The bundle holds the unstructured :class:`~childservices.model.RecordSet`
and a ``data_version`` (a digest of the seed files it was built from), kept
apart from the library's ``__version__``.

The packaged bundle is generated and checked by ``tools/build_bundle.py``
(every record validated when it was built from the seeds; CI fails when the
bundle differs from what the seeds give), so it is read by a trusted fast
path (:mod:`childservices.data.fastbuild`) that builds the same records
without the general converter. Any other bundle text, and a packaged bundle
the fast path cannot read, goes through the converter with full validation.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from childservices.errors import DatasetError, Problem
from childservices.model import RecordSet

__all__ = [
    "BUNDLE_FORMAT",
    "BUNDLE_NAME",
    "bundle_text",
    "read_bundle",
    "read_packaged_bundle",
    "seeds_digest",
    "structure_records",
]

BUNDLE_NAME = "bundle.json"
BUNDLE_FORMAT = 1
_PACKAGED = "childservices/data/bundle.json"


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


def bundle_text(records: RecordSet, data_version: str) -> str:
    """The bundle's JSON text for a record set (stable: the same records give the same text)."""
    from childservices.convert import converter

    payload = {
        "format": BUNDLE_FORMAT,
        "data_version": data_version,
        "records": converter.unstructure(records),
    }
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def structure_records(data: Any, *, where: str = "bundle") -> RecordSet:
    """A record set from plain data through the library's converter, with full validation."""
    import cattrs

    from childservices.convert import converter

    def describe(exc: BaseException, type_: type | None) -> str:
        if isinstance(exc, ValueError | TypeError) and str(exc):
            return str(exc)
        return cattrs.v.format_exception(exc, type_)

    try:
        return converter.structure(data, RecordSet)
    except cattrs.BaseValidationError as exc:
        messages = cattrs.transform_error(exc, path="$.records", format_exception=describe)
        raise DatasetError([Problem(file=where, message=m) for m in messages]) from None
    except (KeyError, ValueError, TypeError) as exc:
        raise DatasetError([Problem(file=where, message=str(exc))]) from None


def read_bundle(text: str | None = None, *, where: str = _PACKAGED) -> tuple[RecordSet, str]:
    """The record set and data version of a bundle (the packaged one by default).

    The packaged bundle takes the trusted fast path; ``text`` given by a
    caller is structured and validated in full.
    """
    records, version, _ = _read(text, where)
    return records, version


def read_packaged_bundle() -> tuple[RecordSet, str, bool]:
    """The packaged bundle's record set and data version, and whether the trusted fast path read it.

    ``True`` means the records are exactly those ``tools/build_bundle.py``
    built and checked (every cross-record check included), so the loader
    need not check them again; ``False`` (the fast path stepped aside for the
    converter) means they must be checked like any other records.
    """
    return _read(None, _PACKAGED)


def _packaged_text() -> str:
    """The packaged bundle's text: straight from the file beside this module when there is one
    (cheaper than ``importlib.resources``), else as a package resource (a zipped install)."""
    path = Path(__file__).with_name(BUNDLE_NAME)
    if path.is_file():
        return path.read_text(encoding="utf-8")
    from importlib import resources

    return resources.files("childservices.data").joinpath(BUNDLE_NAME).read_text(encoding="utf-8")


def _read(text: str | None, where: str) -> tuple[RecordSet, str, bool]:
    trusted = text is None
    if text is None:
        text = _packaged_text()
    try:
        payload: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DatasetError(
            [Problem(file=where, record=f"line {exc.lineno}", message=f"bad JSON: {exc.msg}")]
        ) from None
    except RecursionError:
        raise DatasetError([Problem(file=where, message="bad JSON: nested too deeply")]) from None
    if not isinstance(payload, dict) or payload.get("format") != BUNDLE_FORMAT:
        raise DatasetError(
            [Problem(file=where, field="format", message=f"expected bundle format {BUNDLE_FORMAT}")]
        )
    if "records" not in payload:
        raise DatasetError([Problem(file=where, field="records", message="is missing")])
    records = None
    if trusted:
        from childservices.data.fastbuild import build_trusted

        records = build_trusted(payload["records"])
    fast = records is not None
    if records is None:
        records = structure_records(payload["records"], where=where)
    return records, str(payload.get("data_version")), fast
