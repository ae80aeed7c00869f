"""Checks of the arguments public functions are given: wrong types and values are the library's
errors (:class:`~childservices.ArgumentTypeError`, :class:`~childservices.ArgumentValueError`),
each naming the argument, never an internal error from deep inside."""

from __future__ import annotations

import enum
import os
from collections.abc import Collection, Iterable
from typing import Any, TypeVar

from childservices.errors import ArgumentTypeError, ArgumentValueError

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")


def member(name: str, value: object, kind: type[E]) -> E:
    """``value`` as a member of the enum ``kind`` (the member itself, or its value)."""
    if isinstance(value, kind):
        return value
    if isinstance(value, str):
        try:
            return kind(value)
        except ValueError:
            allowed = ", ".join(str(m.value) for m in kind)
            raise ArgumentValueError(f"{name}: {value!r} is not one of: {allowed}") from None
    raise ArgumentTypeError(
        f"{name}: expected a {kind.__name__} or its value, got {type(value).__name__}"
    )


def members(name: str, values: object, kind: type[E]) -> frozenset[E]:
    """``values`` as a set of members of the enum ``kind``."""
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise ArgumentTypeError(
            f"{name}: expected a collection of {kind.__name__}, got {type(values).__name__}"
        )
    return frozenset(member(name, value, kind) for value in values)


def frameworks(value: Collection[Any]) -> Collection[Any]:
    """Frameworks to count, as a set of :class:`~childservices.Framework`.

    Callers pass the usual sets (``SIF_AND_LATER``, ``ALL_FRAMEWORKS``) straight through
    without calling this: it is on the path of every rating.
    """
    from childservices.model import Framework

    return members("frameworks", value, Framework)


def one_of(name: str, value: object, choices: tuple[str | None, ...]) -> Any:
    """``value`` if it is one of ``choices``."""
    if value is not None and not isinstance(value, str):
        raise ArgumentTypeError(f"{name}: expected text, got {type(value).__name__}")
    if value not in choices:
        allowed = ", ".join(repr(c) for c in choices if c is not None)
        raise ArgumentValueError(f"{name}: cannot be {value!r}: use {allowed}")
    return value


def text(name: str, value: object) -> str:
    """``value`` if it is text."""
    if not isinstance(value, str):
        raise ArgumentTypeError(f"{name}: expected text, got {type(value).__name__}")
    return value


def instance(name: str, value: T, kind: type[Any]) -> T:
    """``value`` if it is an instance of ``kind``."""
    if not isinstance(value, kind):
        raise ArgumentTypeError(f"{name}: expected a {kind.__name__}, got {type(value).__name__}")
    return value


def sequence(name: str, value: object) -> list[Any]:
    """``value`` as a list, if it is a collection (not text)."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise ArgumentTypeError(f"{name}: expected a list, got {type(value).__name__}")
    return list(value)


def whole_numbers(name: str, value: object, *, least: int = 0) -> tuple[int, ...]:
    """``value`` as a tuple of whole numbers of at least ``least``."""
    items = sequence(name, value)
    for item in items:
        if isinstance(item, bool) or not isinstance(item, int):
            raise ArgumentTypeError(f"{name}: expected whole numbers, got {item!r}")
        if item < least:
            raise ArgumentValueError(f"{name}: {item} is less than {least}")
    return tuple(items)


def path(name: str, value: object) -> str | os.PathLike[str]:
    """``value`` if it is a path."""
    if not isinstance(value, str | os.PathLike):
        raise ArgumentTypeError(f"{name}: expected a path, got {type(value).__name__}")
    return value
