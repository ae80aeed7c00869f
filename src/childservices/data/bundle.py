"""The bundled dataset: a JSON package resource compiled from ``seeds/``.

The bundle holds the unstructured :class:`~childservices.model.RecordSet`
and a ``data_version`` (a digest of the seed files it was built from), kept
apart from the library's ``__version__``.
"""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from pathlib import Path
from typing import Any

import cattrs

from childservices.convert import converter
from childservices.errors import DatasetError, Problem
from childservices.model import RecordSet

__all__ = ["BUNDLE_FORMAT", "BUNDLE_NAME", "bundle_text", "read_bundle", "seeds_digest"]

BUNDLE_NAME = "bundle.json"
BUNDLE_FORMAT = 1


def seeds_digest(files: list[Path], root: Path) -> str:
    """A digest of the seed files' names and contents: the bundle's data version."""
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return f"seeds-{digest.hexdigest()[:16]}"


def bundle_text(records: RecordSet, data_version: str) -> str:
    """The bundle's JSON text for a record set (stable: the same records give the same text)."""
    payload = {
        "format": BUNDLE_FORMAT,
        "data_version": data_version,
        "records": converter.unstructure(records),
    }
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def read_bundle(
    text: str | None = None, *, where: str = "childservices/data/bundle.json"
) -> tuple[RecordSet, str]:
    """The record set and data version of a bundle (the packaged one by default)."""
    if text is None:
        text = (
            resources.files("childservices.data").joinpath(BUNDLE_NAME).read_text(encoding="utf-8")
        )
    try:
        payload: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DatasetError(
            [Problem(file=where, record=f"line {exc.lineno}", message=f"bad JSON: {exc.msg}")]
        ) from None
    if not isinstance(payload, dict) or payload.get("format") != BUNDLE_FORMAT:
        raise DatasetError(
            [Problem(file=where, field="format", message=f"expected bundle format {BUNDLE_FORMAT}")]
        )
    try:
        records = converter.structure(payload["records"], RecordSet)
    except cattrs.BaseValidationError as exc:
        raise DatasetError(
            [Problem(file=where, message=m) for m in cattrs.transform_error(exc, path="$.records")]
        ) from None
    except (KeyError, ValueError, TypeError) as exc:
        raise DatasetError([Problem(file=where, message=str(exc))]) from None
    return records, str(payload.get("data_version"))
