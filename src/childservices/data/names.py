"""Authorities' names folded for lookup: one authority found by any way of writing its name."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from childservices.data.lazy import Tables

__all__ = ["name_index", "normalise_name", "short_name"]

_NON_WORD = re.compile(r"[^a-z0-9]+")
_DROP = (
    "council",
    "borough",
    "city of",
    "county",
    "metropolitan",
    "london borough of",
    "royal borough of",
)


def normalise_name(text: str) -> str:
    """A name folded for lookup: case, accents, '&', punctuation and spacing ignored."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    folded = folded.replace("&", " and ")
    return " ".join(_NON_WORD.sub(" ", folded).split())


def short_name(text: str) -> str:
    """A folded name without words such as 'council' and 'city of'."""
    folded = f" {normalise_name(text)} "
    for word in _DROP:
        folded = folded.replace(f" {word} ", " ")
    return " ".join(folded.split())


def name_index(tables: Tables) -> Mapping[str, tuple[str, ...]]:
    """Every folded name, short name and alias of an authority, with the authorities it names."""
    names: dict[str, list[str]] = defaultdict(list)

    def add(text: str, authority: str) -> None:
        for key in {normalise_name(text), short_name(text)}:
            if key and authority not in names[key]:
                names[key].append(authority)

    for authority in tables.authorities:
        add(authority.id.replace("-", " "), authority.id)
        add(authority.name, authority.id)
    for alias in tables.authority_aliases:
        add(alias.alias, alias.authority)
    return MappingProxyType({k: tuple(v) for k, v in names.items()})
