"""Small validators shared by the record types."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import attrs

from childservices.errors import InvalidRecordError

__all__ = ["cited", "non_empty", "not_before", "optional_non_empty", "slug", "unique_items"]

_SLUG = re.compile(r"[a-z0-9][a-z0-9_.-]*")


def slug(instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """An identifier: lower-case letters, digits, '-', '_' and '.'."""
    if not isinstance(value, str) or _SLUG.fullmatch(value) is None:
        raise InvalidRecordError(
            f"{attribute.name}: {value!r} is not an id (lower-case letters, digits, '-', '_', '.')"
        )


def non_empty(instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """A text that says something."""
    if not isinstance(value, str) or not value.strip() or value != value.strip():
        raise InvalidRecordError(
            f"{attribute.name}: {value!r} must be non-empty text without surrounding spaces"
        )


def optional_non_empty(
    instance: object, attribute: attrs.Attribute[Any], value: str | None
) -> None:
    """Empty is ``None``, never ``""``."""
    if value is not None:
        non_empty(instance, attribute, value)


def unique_items(instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    """No item twice."""
    if len(set(value)) != len(value):
        raise InvalidRecordError(f"{attribute.name}: has repeated items")


def cited(instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    """Every fact needs at least one citation."""
    if not value:
        raise InvalidRecordError(f"{attribute.name}: needs at least one citation")
    unique_items(instance, attribute, value)


def not_before(start_field: str) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """A date that may not be certainly before the date in ``start_field`` (an end, a return)."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        start = getattr(instance, start_field)
        if value is not None and start is not None and value.certainly_before(start):
            raise InvalidRecordError(f"{attribute.name} ({value}) is before {start_field} ({start})")

    return check
