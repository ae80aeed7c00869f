"""Users' authority names that would make a bundled authority's name ambiguous.

A user's authority named "Sandwell", or a user's alias "Sandwell" for another
authority, would make a question about Sandwell name two authorities. Names
are compared after :func:`name_key`: Unicode made alike (NFKC), characters
that show nothing (zero-width spaces and joiners, the soft hyphen, the byte
order mark) taken away, Cyrillic and Greek letters that look Latin read as
the Latin letter, case, spacing, hyphens, full stops and apostrophes made
alike. Such a name is refused unless the user's records say that the user's
authority replaces the bundled one (a ``reorganisations`` row with the
bundled authority as predecessor and the user's as successor, as a unitary
council takes the name of the county it replaces).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from childservices.model import RecordSet
from childservices.records.claims import Claim, Problems

__all__ = ["check_names", "name_key"]

_INVISIBLE = dict.fromkeys(
    map(
        ord,
        "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e"
        "\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067"
        "\u2068\u2069\ufeff",
    )
)
"""Characters that show nothing: taken out of a name before it is compared."""

_LOOKALIKES = str.maketrans(
    {
        # Cyrillic letters that look like Latin ones (after casefolding)
        "\u0430": "a",
        "\u0432": "b",
        "\u0435": "e",
        "\u0451": "e",
        "\u043d": "h",
        "\u0456": "i",
        "\u0457": "i",
        "\u0458": "j",
        "\u043a": "k",
        "\u043c": "m",
        "\u043e": "o",
        "\u0440": "p",
        "\u0441": "c",
        "\u0442": "t",
        "\u0443": "y",
        "\u0445": "x",
        "\u0455": "s",
        "\u0501": "d",
        "\u051b": "q",
        "\u051d": "w",
        "\u04cf": "l",
        "\u0261": "g",
        # Greek letters that look like Latin ones (after casefolding)
        "\u03b1": "a",
        "\u03b2": "b",
        "\u03b5": "e",
        "\u03b7": "n",
        "\u03b9": "i",
        "\u03ba": "k",
        "\u03bd": "v",
        "\u03bf": "o",
        "\u03c1": "p",
        "\u03c4": "t",
        "\u03c5": "u",
        "\u03c7": "x",
        "\u03b6": "z",
        "\u03bc": "u",
        # punctuation that does not tell names apart
        "'": "",
        "\u2019": "",
        "\u2018": "",
        "`": "",
        ".": "",
        "-": " ",
        "\u2010": " ",
        "\u2011": " ",
        "\u2013": " ",
        ",": " ",
    }
)


def name_key(name: str) -> str:
    """``name`` as names are compared: "S\u0430ndwell" (a Cyrillic a) and "Sand\u200bwell"
    are both ``"sandwell"``.

    >>> name_key("St. Helens"), name_key("Sand\\u200bwell"), name_key("S\\u0430ndwell")
    ('st helens', 'sandwell', 'sandwell')
    """
    text = unicodedata.normalize("NFKC", name).translate(_INVISIBLE).casefold()
    text = text.translate(_LOOKALIKES).replace("&", " and ")
    return " ".join(text.split())


def check_names(
    base: RecordSet, claims: Mapping[str, Mapping[str, Claim]], problems: Problems
) -> None:
    """Refuse a user's authority name or alias that is a bundled authority's (see the module)."""
    bundled: dict[str, set[str]] = {}
    for authority in base.authorities:
        bundled.setdefault(name_key(authority.name), set()).add(authority.id)
    for alias in base.authority_aliases:
        bundled.setdefault(name_key(alias.alias), set()).add(alias.authority)
    replaced = {(r.predecessor, r.successor) for r in base.reorganisations}
    replaced.update(
        (c.values.get("predecessor", ""), c.values.get("successor", ""))
        for c in claims.get("reorganisations", {}).values()
    )
    for table, column, owner in (
        ("authorities", "name", "id"),
        ("authority_aliases", "alias", "authority"),
    ):
        for claim in claims.get(table, {}).values():
            name = claim.values.get(column)
            if claim.mine is None or not name:
                continue
            mine = claim.values.get(owner, "")
            others = sorted(
                other
                for other in bundled.get(name_key(name), ())
                if other != mine and (other, mine) not in replaced
            )
            if others:
                problems.at(
                    claim.mine,
                    record=f"{table} {mine}",
                    field=column,
                    message=f"{name!r} is the name of the bundled authority {others[0]!r} "
                    f"(compared as {name_key(name)!r}): a second authority of that name makes "
                    f"it ambiguous; give another name, or a reorganisations row with "
                    f"predecessor {others[0]} and successor {mine} if yours replaces it",
                )
