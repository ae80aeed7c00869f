"""Whether the authority a report prints is the authority expected, exactly.

A report prints its authority's name with council words around it
("Leicestershire County Council", "London Borough of Brent"). It is the
expected authority when, with those words taken away and case, spacing,
hyphens, full stops and apostrophes made alike (:func:`name_key`), it is one
of the authority's names or aliases in the record, or it makes exactly the
authority's id (:func:`~childservices.reports.authority_slug`). Where a
unitary council replaced a county council of the same name, the report's day
decides which it is. Never by a prefix: Leicestershire is not Leicester.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable

from childservices.errors import ReportError

__all__ = [
    "authority_slug",
    "bundled_names",
    "check_printed_authority",
    "name_key",
    "names_authority",
]

_APOSTROPHES = str.maketrans({"\u2019": "", "\u2018": "", "'": "", "`": "", ".": ""})
_PREFIXES = re.compile(
    r"^(?:the |council of the |(?:royal |london )?borough of |london borough of |"
    r"metropolitan borough of |royal borough of )+"
)
_SUFFIXES = re.compile(
    r"(?: (?:metropolitan|district|county|city|borough|unitary|council|authority|"
    r"childrens services|children and families trust|area))+$"
)


# Words around an authority's name in a report ("London Borough of ...", "... City
# Council"), removed to reach the name the seed ids are made from.
_SLUG_PREFIXES = re.compile(
    r"^(?:the |council of the |(?:royal |london )?borough of |london borough of |"
    r"metropolitan borough of |royal borough of )+"
)
_SLUG_SUFFIXES = re.compile(
    r"(?: (?:metropolitan|district|county|city|borough|unitary|council|authority|"
    r"children's services|children and families trust|area))+$"
)
_SPECIAL = {
    "bristol city of": "bristol",
    "hull": "kingston-upon-hull",
    "east riding": "east-riding-of-yorkshire",
    "newcastle": "newcastle-upon-tyne",
    "city of bradford": "bradford",
    "city of wolverhampton": "wolverhampton",
    "city of york": "york",
    "city of westminster": "westminster",
    "st. helens": "st-helens",
    "bedford borough": "bedford-borough",
    "bedford": "bedford-borough",
}
"""Printed names whose seed id is not the plain slug of the name without its council words."""

_COUNTY_UNTIL = {
    "dorset": datetime.date(2019, 4, 1),
    "buckinghamshire": datetime.date(2020, 4, 1),
    "north-yorkshire": datetime.date(2023, 4, 1),
    "somerset": datetime.date(2023, 4, 1),
}
"""Unitary councils that replaced a county council of the same name on these days."""


def authority_slug(name: str, on: datetime.date) -> str:
    """The seed id of the authority a report names, for a report about ``on``.

    ``"City of Bradford Metropolitan District Council"`` gives ``bradford``.
    Where a unitary council replaced a county council of the same name (Dorset,
    Buckinghamshire, North Yorkshire, Somerset), a date before the change gives
    the county council's id (``somerset-county``). The result is only as good as
    the name; the maintainer tool maps Ofsted's URN instead.
    """
    text = name.lower().replace("&", "and").replace("\u2019", "'").strip()
    text = _SLUG_PREFIXES.sub("", text)
    text = _SPECIAL.get(text, text)
    if text == "city of london":
        return "city-of-london"
    text = _SLUG_SUFFIXES.sub("", text).strip()
    text = _SPECIAL.get(text, text)
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if not slug:
        raise ReportError(f"cannot make an authority id from the name {name!r}")
    change = _COUNTY_UNTIL.get(slug)
    if change is not None and on < change:
        slug += "-county"
    return slug


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold().replace("&", " and ")
    text = text.translate(_APOSTROPHES).replace("-", " ").replace(",", " ")
    return " ".join(text.split())


def name_key(name: str) -> str:
    """``name`` made comparable: case, spacing, hyphens, full stops, apostrophes and the
    council words around it ("County Council", "London Borough of") made alike."""
    text = _plain(name)
    bare = _SUFFIXES.sub("", _PREFIXES.sub("", text)).strip()
    return bare or text


def names_authority(
    printed: str, *, authority: str, names: Iterable[str], on: datetime.date
) -> bool:
    """Whether the name ``printed`` in a report about ``on`` is the authority ``authority``
    (its seed id), known by ``names`` (its name and aliases): exactly, never by a prefix."""
    try:
        slug: str | None = authority_slug(printed, on)
    except ReportError:
        slug = None
    if slug == authority:
        return True
    if slug is not None and slug.removesuffix("-county") in _COUNTY_UNTIL:
        return False  # a county council and the unitary council of its name: the day decides
    key = name_key(printed)
    return any(key in (name_key(n), _plain(n)) for n in names)


def bundled_names(authority: str) -> tuple[str, ...]:
    """The bundled record's name and aliases of the authority whose seed id is ``authority``
    (its name first); empty when the bundled record has no such authority."""
    from childservices.data.bundle import packaged_tables

    tables, _ = packaged_tables()
    names = [a.name for a in tables.authorities if a.id == authority]
    if not names:
        return ()
    return (*names, *(a.alias for a in tables.authority_aliases if a.authority == authority))


def check_printed_authority(
    printed: str, *, authority: str, on: datetime.date, where: str
) -> None:
    """Raise :class:`~childservices.ReportError` unless the name ``printed`` in the report
    ``where`` (about ``on``) is the authority ``authority`` by the rule of
    :func:`names_authority`: its name or an alias in the bundled record, or exactly its id
    (an authority the bundled record does not hold is checked by its id alone)."""
    names = bundled_names(authority)
    if names_authority(printed, authority=authority, names=names, on=on):
        return
    expected = f"{names[0]} ({authority})" if names else authority
    raise ReportError(
        f"{where}: the report names {printed!r}, not {expected}: not read as its inspection "
        "(the printed name must be the authority's name or an alias exactly, never a "
        "longer name that begins with it)"
    )
