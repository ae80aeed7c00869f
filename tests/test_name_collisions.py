"""A user's authority name that is a bundled authority's is refused (issue 26, smaller items).

"Sandwell" is the bundled name of the authority ``sandwell`` (read here from
seeds/authorities with the csv module); the users' authorities are made up.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import childservices as cs
from user_folder import user_folder

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
AUTHORITIES = "id,name,kind,region,active_from,active_to,source,locator\n"


def _bundled_name(authority: str) -> str:
    for path in sorted((SEEDS / "authorities").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["id"] == authority:
                    return row["name"]
    raise AssertionError(authority)


SANDWELL = _bundled_name("sandwell")


@pytest.mark.parametrize(
    "name",
    [
        SANDWELL,
        SANDWELL.upper(),
        SANDWELL.replace("a", "\u0430", 1),  # a Cyrillic a
        SANDWELL[:4] + "\u200b" + SANDWELL[4:],  # a zero-width space
        SANDWELL.replace("o", "\u03bf").replace("e", "\u0435"),  # Greek o, Cyrillic e
        "\uff33" + SANDWELL[1:],  # a fullwidth S (NFKC)
    ],
)
def test_a_user_authority_named_like_a_bundled_one_is_refused(tmp_path: Path, name: str) -> None:
    # Failed before: each was accepted silently, and "Sandwell" named two authorities.
    root = user_folder(
        tmp_path,
        authorities=AUTHORITIES + f"my-council,{name},metropolitan_district,,,,my-notes,\n",
    )
    with pytest.raises(cs.DatasetError) as raised:
        cs.load(extra=[root])
    [problem] = raised.value.problems
    assert problem.field == "name" and "'sandwell'" in problem.message
    assert str(root / "authorities" / "mine.csv") in str(problem.file)


def test_a_user_alias_naming_a_bundled_authority_is_refused(tmp_path: Path) -> None:
    root = user_folder(
        tmp_path,
        authority_aliases=f"authority,alias,source,locator\nwalsall,{SANDWELL},my-notes,\n",
    )
    with pytest.raises(cs.DatasetError, match="bundled authority 'sandwell'"):
        cs.load(extra=[root])


def test_an_alias_of_the_authority_itself_is_taken(tmp_path: Path) -> None:
    root = user_folder(
        tmp_path,
        authority_aliases="authority,alias,source,locator\nsandwell,Sandwell MBC,my-notes,\n",
    )
    assert "Sandwell MBC" in cs.load(extra=[root]).authority("sandwell").aliases


def test_a_successor_that_replaces_the_bundled_authority_may_take_its_name(
    tmp_path: Path,
) -> None:
    root = user_folder(
        tmp_path,
        authorities=AUTHORITIES
        + f"my-sandwell,{SANDWELL},metropolitan_district,,2024-04-01,,my-notes,\n",
        reorganisations="predecessor,successor,date,source,locator\n"
        "sandwell,my-sandwell,2024-04-01,my-notes,\n",
    )
    try:
        ds = cs.load(extra=[root])
    except cs.DatasetError as exc:  # other checks may object; never the name check
        assert not any("ambiguous" in p.message for p in exc.problems), exc
    else:
        assert ds.records.authorities
