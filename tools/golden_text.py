"""Stable text forms for the golden files (see ``tools/golden.py``): answers as text whose
bytes do not depend on hash order or on where the run happens, and files by their content."""

from __future__ import annotations

import datetime
import enum
import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

SMALL = 120_000
"""Text up to this many characters is kept verbatim; longer text is digested."""


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Verbatim(str):
    """Text shown as it is in an answer (not as a Python string)."""

    __slots__ = ()


def digest(text: str, head: int = 3) -> Verbatim:
    """A long text's size, line count, first lines (to 160 characters) and sha256."""
    lines = text.splitlines()
    shown = "\n".join(f"  | {line[:160]}" for line in lines[:head])
    return Verbatim(
        f"<digest: {len(text)} characters, {len(lines)} lines, "
        f"sha256 {sha(text.encode('utf-8'))}; first lines:>\n{shown}"
    )


def verbatim_or_digest(text: str) -> str:
    return text if len(text) <= SMALL else digest(text) + "\n"


_BRIEF = {
    "Inspection",
    "Visit",
    "Intervention",
    "DeliveryEpisode",
    "Source",
    "Provider",
    "Authority",
    "InsourcingEvent",
    "ProgrammeMembership",
}
"""Records written as their class and id where they appear inside another answer."""


def show(value: Any, *, brief: bool = True, indent: int = 0, width: int = 120) -> str:
    """A stable text form of an answer: one line if short, else one item a line, indented.

    Attrs classes by their fields, enums as ``Class.NAME``, dates with their type, sets
    sorted; records inside other answers (``brief``) as ``Inspection('id')``.
    """
    one = _line(value, brief)
    if len(one) + 2 * indent <= width or not _nested(value, brief):
        return one
    pad = "  " * (indent + 1)
    end = "  " * indent
    if isinstance(value, Mapping):
        items = [
            f"{pad}{_line(k, brief)}: {show(v, brief=brief, indent=indent + 1)}"
            for k, v in value.items()
        ]
        name = _mapping_name(value)
        body = "{\n" + ",\n".join(items) + f"\n{end}}}"
        return f"{name}({body})" if name else body
    if isinstance(value, (set, frozenset)):
        parts = sorted(show(v, brief=brief, indent=indent + 1) for v in value)
        return f"{type(value).__name__}({{\n" + ",\n".join(pad + p for p in parts) + f"\n{end}}})"
    if isinstance(value, (list, tuple)):
        open_, close = ("[", "]") if isinstance(value, list) else ("(", ")")
        parts = [pad + show(v, brief=brief, indent=indent + 1) for v in value]
        return open_ + "\n" + ",\n".join(parts) + f"\n{end}{close}"
    fields = [
        f"{pad}{name}={show(v, brief=brief, indent=indent + 1)}" for name, v in _fields(value)
    ]
    return f"{type(value).__name__}(\n" + ",\n".join(fields) + f"\n{end})"


def _nested(value: Any, brief: bool) -> bool:
    return isinstance(value, (Mapping, set, frozenset, list, tuple)) or (
        attrs.has(type(value)) and not _is_brief_record(value, brief=brief) and not _opaque(value)
    )


def _opaque(value: Any) -> bool:
    return type(value).__name__ in {"AuthorityView", "Dataset", "PartialDate"}


def _is_brief_record(value: Any, *, brief: bool) -> bool:
    return brief and type(value).__name__ in _BRIEF and hasattr(value, "id")


def _mapping_name(value: Mapping[Any, Any]) -> str:
    return "" if type(value) is dict else type(value).__name__


def _fields(value: Any) -> list[tuple[str, Any]]:
    return [(f.name, getattr(value, f.name)) for f in attrs.fields(type(value)) if f.repr]


def _line(value: Any, brief: bool) -> str:
    if isinstance(value, Verbatim):
        return str(value)
    if value is None or isinstance(value, (bool, int, float, str, bytes)):
        return repr(value)
    if isinstance(value, enum.Enum):
        return f"{type(value).__name__}.{value.name}"
    if isinstance(value, datetime.datetime):
        return f"{type(value).__name__}({value.isoformat()})"
    if isinstance(value, datetime.date):
        return f"{type(value).__name__}({value.isoformat()})"
    if _opaque(value):
        return (
            f"{type(value).__name__}({value})"
            if type(value).__name__ == "PartialDate"
            else repr(value)
        )
    if _is_brief_record(value, brief=brief):
        return f"{type(value).__name__}({value.id!r})"
    if isinstance(value, Mapping):
        inner = ", ".join(f"{_line(k, brief)}: {_line(v, brief)}" for k, v in value.items())
        name = _mapping_name(value)
        return f"{name}({{{inner}}})" if name else f"{{{inner}}}"
    if isinstance(value, (set, frozenset)):
        return f"{type(value).__name__}({{{', '.join(sorted(_line(v, brief) for v in value))}}})"
    if isinstance(value, list):
        return "[" + ", ".join(_line(v, brief) for v in value) + "]"
    if isinstance(value, tuple):
        inner = ", ".join(_line(v, brief) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if attrs.has(type(value)):
        inner = ", ".join(f"{n}={_line(v, brief)}" for n, v in _fields(value))
        return f"{type(value).__name__}({inner})"
    return repr(value)


def stream(text: str) -> str:
    """An output as it was (digested if long), saying so when its last line has no newline."""
    if len(text) > SMALL:
        return digest(text) + "\n"
    if text and not text.endswith("\n"):
        return text + "\n<no newline at the end>\n"
    return text


def files_under(root: Path) -> str:
    if not root.exists():
        return f"--- files under {root}: none written\n"
    found = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
    parts = [f"--- files under {root}: {len(found)}\n"]
    for path in found:
        parts.append(f"=== {path.as_posix()}\n")
        parts.append(_file_content(path))
    return "".join(parts)


def _file_content(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".xlsx":
        return _xlsx_cells(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return f"<binary: {len(data)} bytes, sha256 {sha(data)}>\n"
    if len(text) > SMALL:
        return f"{digest(text)}\n<{len(data)} bytes, sha256 {sha(data)}>\n"
    return stream(text)


def _xlsx_cells(path: Path) -> str:
    import openpyxl

    book = openpyxl.load_workbook(path)
    parts = []
    for sheet in book.worksheets:
        rows = "".join(repr(row) + "\n" for row in sheet.iter_rows(values_only=True))
        parts.append(
            f"sheet {sheet.title!r}: {sheet.max_row} rows, {sheet.max_column} columns\n"
            + stream(rows)
        )
    return "".join(parts)
