"""The one converter between the record types and plain data (JSON, CSV rows).

Plain forms: dates as ISO text at their precision (``"2014-10"``), enums as
their values (``"requires_improvement"``), an overall judgement as a grade's
value or ``"not_given"``, empty as ``None``. Structuring also accepts the
text forms of seed files: whole numbers as digit strings and yes/no for
booleans.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from typing import Any, TypeVar

import cattrs

from childservices.errors import InvalidRecordError
from childservices.model.dates import PartialDate
from childservices.model.grades import Grade, NoJudgement
from childservices.model.measure import NotPublished

__all__ = ["converter", "structure", "unstructure"]

T = TypeVar("T")

_WHOLE = re.compile(r"-?\d+")
_YES = {"yes": True, "no": False}
_NUMBER = re.compile(r"-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?")


def _structure_partial_date(value: Any, _: type) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    return PartialDate.parse(value)


def _structure_overall(value: Any, _: Any) -> Grade | NoJudgement | None:
    if value is None or isinstance(value, Grade | NoJudgement):
        return value
    if not isinstance(value, str):
        raise InvalidRecordError(f"expected a grade or 'not_given', got {value!r}")
    if value == NoJudgement.NOT_GIVEN.value:
        return NoJudgement.NOT_GIVEN
    try:
        return Grade(value)
    except ValueError:
        allowed = ", ".join([g.value for g in Grade] + [NoJudgement.NOT_GIVEN.value])
        raise InvalidRecordError(f"{value!r} is not one of: {allowed}") from None


def _structure_int(value: Any, _: type) -> int:
    if isinstance(value, bool):
        raise InvalidRecordError(f"expected a whole number, got {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and _WHOLE.fullmatch(value.strip()):
        return int(value)
    raise InvalidRecordError(f"expected a whole number, got {value!r}")


def _structure_float(value: Any, _: Any) -> float:
    if isinstance(value, bool):
        raise InvalidRecordError(f"expected a number, got {value!r}")
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str) and _NUMBER.fullmatch(value.strip()):
        return float(value)
    raise InvalidRecordError(f"expected a number, got {value!r}")


def _structure_value(value: Any, _: Any) -> float | NotPublished:
    """A figure: a number, or a release's symbol for none (``c``, ``z``, ``k``, ``x``)."""
    if isinstance(value, NotPublished):
        return value
    if isinstance(value, str) and value.strip() in _SYMBOLS:
        return _SYMBOLS[value.strip()]
    try:
        return _structure_float(value, float)
    except InvalidRecordError:
        allowed = ", ".join(_SYMBOLS)
        raise InvalidRecordError(f"expected a number or one of {allowed}, got {value!r}") from None


_SYMBOLS = {member.value: member for member in NotPublished}


def _structure_bool(value: Any, _: type) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _YES:
        return _YES[value.strip().lower()]
    raise InvalidRecordError(f"expected yes or no, got {value!r}")


def _structure_str(value: Any, _: type) -> str:
    if not isinstance(value, str):
        raise InvalidRecordError(f"expected text, got {value!r}")
    return value


def _enum_hook(cls: type[enum.Enum]) -> Callable[[Any, type], enum.Enum]:
    allowed = ", ".join(str(member.value) for member in cls)

    def structure_enum(value: Any, _: type) -> enum.Enum:
        if isinstance(value, cls):
            return value
        try:
            return cls(value)
        except ValueError:
            raise InvalidRecordError(f"{value!r} is not one of: {allowed}") from None

    return structure_enum


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True)
    conv.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum_hook
    )
    conv.register_structure_hook(PartialDate, _structure_partial_date)
    conv.register_unstructure_hook(PartialDate, PartialDate.isoformat)
    conv.register_structure_hook(Grade | NoJudgement | None, _structure_overall)
    conv.register_structure_hook(Grade | NoJudgement, _structure_overall)
    conv.register_unstructure_hook(
        Grade | NoJudgement | None, lambda v: None if v is None else v.value
    )
    conv.register_unstructure_hook(Grade | NoJudgement, lambda v: v.value)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook(float | NotPublished, _structure_value)
    conv.register_unstructure_hook(
        float | NotPublished, lambda v: v.value if isinstance(v, NotPublished) else v
    )
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(str, _structure_str)
    return conv


converter: cattrs.Converter = _make_converter()
"""The library's converter. Do not register hooks on it; make a copy with ``converter.copy()``."""


def structure(data: Any, cls: type[T]) -> T:
    """Build a record (or tuple of records) of type ``cls`` from plain data."""
    return converter.structure(data, cls)


def unstructure(value: Any) -> Any:
    """Plain data (dicts, lists, strings, numbers, ``None``) for a record."""
    return converter.unstructure(value)
