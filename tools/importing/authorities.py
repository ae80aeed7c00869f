"""Authorities: DfE numbers, ONS codes, Ofsted URNs and names mapped to seed ids."""

from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path


def normalise_name(name: str) -> str:
    """Lower-case a name for matching: '&' -> 'and', punctuation dropped."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = text.lower().replace("&", " and ").replace(".", "")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


# Names whose slug is not simply the name's: see seeds/README.md.
SPECIAL_SLUGS = {
    "bristol city of": "bristol",
    "kingston upon hull city of": "kingston-upon-hull",
    "herefordshire county of": "herefordshire",
    "county durham": "durham",
    "bedford borough": "bedford",
    "london corporation": "city-of-london",
    "city of london corporation": "city-of-london",
    "hull": "kingston-upon-hull",
}


def slug(name: str) -> str:
    """Fallback authority id from a name, following seeds/README.md's examples."""
    key = normalise_name(name)
    if key in SPECIAL_SLUGS:
        return SPECIAL_SLUGS[key]
    return key.replace(" ", "-")


# Reorganisations: (current id, first day of the new authority, id before).
SUCCESSIONS = [
    ("buckinghamshire", dt.date(2020, 4, 1), "buckinghamshire-county"),
    ("north-yorkshire", dt.date(2023, 4, 1), "north-yorkshire-county"),
    ("somerset", dt.date(2023, 4, 1), "somerset-county"),
    ("dorset", dt.date(2019, 4, 1), "dorset-county"),
]


def apply_succession(authority: str, on: dt.date | None) -> str:
    """Give inspections before a reorganisation to the authority of the time."""
    if on is None:
        return authority
    for current, first_day, before in SUCCESSIONS:
        if authority == current and on < first_day:
            return before
    return authority


def _read_csv_folder(folder: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    if folder.is_dir():
        for path in sorted(folder.glob("*.csv")):
            with path.open(newline="", encoding="utf-8") as handle:
                rows.extend(csv.DictReader(handle))
    return rows


def _parse_iso(text: str) -> dt.date | None:
    text = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return dt.date.fromisoformat(text)
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return dt.date.fromisoformat(text + "-01")
    if re.fullmatch(r"\d{4}", text):
        return dt.date(int(text), 1, 1)
    return None


@dataclass
class AuthorityResolver:
    """Map DfE numbers, ONS codes, Ofsted URNs and names to authority ids.

    Uses ``seeds/authority_identifiers`` and ``seeds/authority_aliases`` (the
    canonical mapping) when present; otherwise falls back to la-lookup.csv and
    slugs of names. Reorganisations are applied by date on top.
    """

    identifiers: dict[tuple[str, str], list[tuple[str, dt.date | None, dt.date | None]]] = field(
        default_factory=dict
    )
    names: dict[str, str] = field(default_factory=dict)
    known_ids: set[str] = field(default_factory=set)
    display: dict[str, str] = field(default_factory=dict)
    canonical: bool = False
    problems: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, seeds: Path, sources: Path) -> AuthorityResolver:
        resolver = cls()
        identifier_rows = _read_csv_folder(seeds / "authority_identifiers")
        alias_rows = _read_csv_folder(seeds / "authority_aliases")
        authority_rows = _read_csv_folder(seeds / "authorities")
        resolver.canonical = bool(identifier_rows)
        for row in authority_rows:
            resolver.known_ids.add(row["id"])
            resolver.display[row["id"]] = row.get("name", "")
            resolver.names.setdefault(normalise_name(row.get("name", "")), row["id"])
        for row in alias_rows:
            resolver.names.setdefault(normalise_name(row["alias"]), row["authority"])
        for row in identifier_rows:
            key = (row["scheme"], row["value"].strip())
            resolver.identifiers.setdefault(key, []).append(
                (
                    row["authority"],
                    _parse_iso(row.get("valid_from", "")),
                    _parse_iso(row.get("valid_to", "")),
                )
            )
        if not resolver.canonical:
            lookup = sources / "la-lookup.csv"
            if lookup.exists():
                with lookup.open(newline="", encoding="utf-8-sig") as handle:
                    for row in csv.DictReader(handle):
                        authority = slug(row["local_authority_ons_name"])
                        resolver.display.setdefault(authority, row["local_authority_ons_name"])
                        for scheme, column in (
                            ("ofsted_urn", "urn"),
                            ("dfe", "la_code"),
                            ("ons", "la_code_new"),
                        ):
                            value = row[column].strip()
                            if value:
                                resolver.identifiers.setdefault((scheme, value), []).append(
                                    (authority, None, None)
                                )
        return resolver

    def by_code(self, scheme: str, value: str, on: dt.date | None) -> str | None:
        """Resolve an identifier valid on a date (or ever, failing that)."""
        candidates = self.identifiers.get((scheme, value.strip()), [])
        if not candidates:
            return None
        if on is not None:
            for authority, start, end in candidates:
                if (start is None or start <= on) and (end is None or on <= end):
                    return apply_succession(authority, on)
        return apply_succession(candidates[-1][0], on)

    def by_name(self, name: str, on: dt.date | None) -> str:
        """Resolve a name through the aliases, else its slug."""
        key = normalise_name(name)
        authority = self.names.get(key) or slug(name)
        return apply_succession(authority, on)

    def resolve(
        self,
        name: str,
        on: dt.date | None,
        codes: Sequence[tuple[str, str]] = (),
        prefer: str = "code",
        where: str = "",
    ) -> str:
        """Resolve by codes and name; report when they disagree."""
        from_name = self.by_name(name, on)
        from_code = None
        for scheme, value in codes:
            if value:
                from_code = self.by_code(scheme, value, on)
                if from_code:
                    break
        chosen = from_code if (prefer == "code" and from_code) else from_name
        if from_code and from_code != from_name:
            self.problems.append(
                f"{where}: name {name!r} gives {from_name}, code {codes} gives {from_code};"
                f" used {chosen}"
            )
        if self.known_ids and chosen not in self.known_ids:
            self.problems.append(f"{where}: authority id {chosen!r} not in seeds/authorities")
        return chosen

    def name_of(self, authority: str) -> str:
        """A display name for titles."""
        name = self.display.get(authority, "")
        if name:
            match = re.fullmatch(r"(.+), (City|County) of", name)
            return match.group(1) if match else name
        return authority.replace("-", " ").title()
