"""Fuzz the record loader with mutated and made-up seed files.

Whatever the files hold, reading them either gives a checked dataset or
raises one :class:`~childservices.DatasetError` whose problems each name the
file (or the record) they are about. Nothing else escapes, and pathological
files fail fast.
"""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path

import attrs
import pytest
from fuzzing import budget, documented, fast
from hypothesis import given, strategies as st

from childservices import Dataset, DatasetError
from childservices.data.checks import check_records
from childservices.model import (
    Citation,
    DeliveryEpisode,
    DeliveryModel,
    Identifier,
    IdentifierScheme,
    Intervention,
    InterventionKind,
    PartialDate,
    RecordSet,
    Reorganisation,
)
from childservices.records import read_files, seed_files
from childservices.records.read import MAX_PROBLEMS_PER_FILE
from childservices.records.tables import TABLES

TINY = Path(__file__).resolve().parent.parent / "fixtures" / "tiny_seeds"
FILES = seed_files(TINY)
ENCODINGS = ["utf-8", "utf-8-sig", "latin-1", "cp1252", "utf-16", "utf-32", "ascii"]


def load_with(table: str, name: str, content: bytes) -> Dataset | DatasetError:
    """Read the tiny seeds with one file replaced (or added): the dataset, or the error."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / table / name
        path.parent.mkdir()
        path.write_bytes(content)
        files = [(t, p) for t, p in FILES if not (t == table and p.name == name)]
        files.append((table, path))
        try:
            with fast():
                return Dataset.from_records(read_files(files))
        except Exception as exc:
            documented(exc)
            assert isinstance(exc, DatasetError) and exc.problems
            for problem in exc.problems:
                assert problem.message
                assert problem.file or problem.record, problem
            return exc


@st.composite
def mutated_file(draw: st.DrawFn) -> tuple[str, str, bytes]:
    """A real seed file, mutated: cut short, bytes changed, lines repeated, re-encoded."""
    table, path = draw(st.sampled_from(FILES))
    data = path.read_bytes()
    kind = draw(st.sampled_from(["truncate", "bytes", "line", "encoding", "cell"]))
    if kind == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    elif kind == "bytes":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at + 1 :]
    elif kind == "line":
        lines = data.splitlines(keepends=True)
        line = draw(st.sampled_from(lines))
        data = data + line * draw(st.integers(1, 3))
    elif kind == "encoding":
        text = (
            data.decode("utf-8") + "\u00dcn\u00efc\u00f6d\u00e9, \u2018quotes\u2019 \u2014 dash\n"
        )
        data = text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    else:
        text = data.decode("utf-8")
        cell = draw(
            st.one_of(
                st.text(max_size=20),
                st.sampled_from(
                    [
                        "9999-01-01",
                        "9999",
                        "0001-01-01",
                        "2019-02-30",
                        "-1",
                        "1e9",
                        "yes",
                        '"',
                        "\r",
                    ]
                ),
            )
        )
        commas = [i for i, ch in enumerate(text) if ch == ","]
        at = draw(st.sampled_from(commas)) if commas else 0
        text = text[: at + 1] + cell + text[at + 1 :]
        data = text.encode("utf-8", errors="surrogatepass")
    return table, path.name, data


@budget(400)
@given(mutated_file())
def test_mutated_seed_files(case: tuple[str, str, bytes]) -> None:
    load_with(*case)


@st.composite
def made_up_file(draw: st.DrawFn) -> tuple[str, str, bytes]:
    """A CSV of one table with a random choice of its columns and random cells."""
    table = TABLES[draw(st.sampled_from(sorted(TABLES)))]
    columns = sorted(table.allowed_columns)
    header = draw(st.lists(st.sampled_from(columns), min_size=1, max_size=len(columns) + 1))
    cell = st.one_of(
        st.sampled_from(["", "exampleton", "testshire", "test-doc", "2019", "2019-06-01", "good"]),
        st.text(alphabet=st.characters(codec="utf-8"), max_size=12),
    )
    rows = draw(st.lists(st.lists(cell, min_size=len(header), max_size=len(header)), max_size=5))
    quote = lambda c: '"' + c.replace('"', '""') + '"'  # noqa: E731
    text = "\n".join(",".join(quote(c) for c in row) for row in [header, *rows])
    return table.name, "made_up.csv", text.encode("utf-8", errors="surrogatepass")


@budget(400)
@given(made_up_file())
def test_made_up_seed_files(case: tuple[str, str, bytes]) -> None:
    load_with(*case)


authorities = st.sampled_from(["testshire", "north-testshire", "south-testshire", "exampleton"])


@budget(60)
@given(st.lists(st.tuples(authorities, authorities), min_size=1, max_size=8))
def test_reorganisation_links_never_hang(links: list[tuple[str, str]]) -> None:
    lines = ["predecessor,successor,date,source,locator"]
    lines += [f"{a},{b},2021-04-01,test-doc," for a, b in links]
    result = load_with("reorganisations", "test.csv", "\n".join(lines).encode())
    successors: dict[str, set[str]] = {}
    for a, b in links:
        if a != b:  # a self-link is refused by the record itself
            successors.setdefault(a, set()).add(b)

    def reaches(start: str, goal: str, seen: frozenset[str] = frozenset()) -> bool:
        return any(
            n == goal or (n not in seen and reaches(n, goal, seen | {n}))
            for n in successors.get(start, ())
        )

    if any(a == b for a, b in links):
        assert isinstance(result, DatasetError)
        assert any("cannot succeed itself" in p.message for p in result.problems)
    elif any(reaches(a, a) for a in successors):
        assert isinstance(result, DatasetError)
        assert any("cycle" in p.message for p in result.problems)


def test_duplicate_ids_with_different_facts_are_a_conflict() -> None:
    text = (TINY / "inspections" / "report.csv").read_text(encoding="utf-8")
    line = text.splitlines()[2]
    changed = line.replace(",inadequate,", ",good,")
    result = load_with("inspections", "report.csv", (text + changed + "\n").encode())
    assert isinstance(result, DatasetError)
    assert any("corrections" in p.message and p.field == "overall" for p in result.problems)


@pytest.mark.parametrize("size", [200_000, 2_000_000])
def test_huge_field(size: int) -> None:
    head = "id,title,publisher,published,url\n"
    data = (head + f'big,"{"x" * size}",,,\n').encode()
    result = load_with("sources", "big.csv", data)
    assert isinstance(result, DatasetError)
    assert any("big.csv" in (p.file or "") for p in result.problems)


def test_many_bad_rows_stop_early() -> None:
    head = "id,title,publisher,published,url\n"
    data = (head + "only-one-cell\n" * 300_000).encode()
    result = load_with("sources", "many.csv", data)
    assert isinstance(result, DatasetError)
    assert len(result.problems) <= 120
    assert any("reading stopped" in p.message for p in result.problems)


def test_many_good_rows_load() -> None:
    head = "id,title,publisher,published,url\n"
    rows = "".join(f"doc-{i},Document {i},Someone,2020,\n" for i in range(20_000))
    result = load_with("sources", "many.csv", (head + rows).encode())
    assert isinstance(result, Dataset)
    assert len(result.records.sources) == 20_002


@pytest.mark.parametrize(
    "content",
    [b"", b"\xef\xbb\xbf", b"\x00" * 100, b"\xff\xfe\x00\x00", b'"' * 5000, b"\r" * 5000],
)
def test_degenerate_files(content: bytes) -> None:
    result = load_with("sources", "odd.csv", content)
    assert isinstance(result, DatasetError)


def test_header_and_blank_lines_are_an_empty_table() -> None:
    result = load_with("sources", "empty.csv", b"id,title\n" + b"\n" * 10_000)
    assert isinstance(result, Dataset)


def test_year_9999_is_refused_with_its_place() -> None:
    text = (TINY / "sources" / "test.csv").read_text(encoding="utf-8")
    result = load_with("sources", "test.csv", (text + "future,Future,X,9999-01-01,\n").encode())
    assert isinstance(result, DatasetError)
    (problem,) = [p for p in result.problems if p.record == "future"]
    assert problem.file and problem.file.endswith(":4") and "9999" in problem.message


# Pathological sizes: every check is linear (or n log n), so none of these may take long.


def _cite() -> tuple[Citation, ...]:
    return (Citation(source="test-doc"),)


def test_a_header_of_forty_thousand_columns_fails_fast() -> None:
    header = ",".join(f"column{n}" for n in range(40_000))
    result = load_with("sources", "wide.csv", (header + "\n" + "x," * 40_000 + "\n").encode())
    assert isinstance(result, DatasetError)
    assert len(result.problems) <= MAX_PROBLEMS_PER_FILE + 1


def test_thousands_of_overlapping_episodes_are_checked_fast() -> None:
    episodes = tuple(
        DeliveryEpisode(
            id=f"episode-{n}",
            authority="testshire",
            model=DeliveryModel.IN_HOUSE,
            scope=None if n % 2 else "Children's Services",
            start=PartialDate(2000 + n % 20, 1 + n % 12),
            citations=_cite(),
        )
        for n in range(10_000)
    )
    with fast():
        problems = check_records(RecordSet(delivery=episodes))
    assert sum("still runs the same services" in p.message for p in problems) == 10_000 - 1


def test_thousands_of_identifiers_with_one_value_are_checked_fast() -> None:
    identifiers = tuple(
        Identifier(
            authority=f"authority-{n}",
            scheme=IdentifierScheme.DFE,
            value="999",
            valid_from=PartialDate.from_date(datetime.date(1900, 1, 1) + datetime.timedelta(n)),
            valid_to=PartialDate.from_date(datetime.date(1900, 1, 1) + datetime.timedelta(n)),
            citations=_cite(),
        )
        for n in range(10_000)
    )
    with fast():
        problems = check_records(RecordSet(authority_identifiers=identifiers))
    assert not [p for p in problems if "also names" in p.message]
    clash = attrs.evolve(identifiers[0], authority="another", valid_to=None)
    with fast():
        problems = check_records(RecordSet(authority_identifiers=(*identifiers, clash)))
    # "another" holds the value from the first day on, open-ended: it clashes with each of the
    # 10,000 one-day identifiers, and each clash is reported once.
    assert len([p for p in problems if "also names" in p.message]) == 10_000


def test_a_long_chain_of_reorganisations_is_checked_fast() -> None:
    links = tuple(
        Reorganisation(
            predecessor=f"a-{n}", successor=f"a-{n + 1}", date=PartialDate(2000), citations=_cite()
        )
        for n in range(10_000)
    )
    back = Reorganisation(
        predecessor="a-10000", successor="a-0", date=PartialDate(2000), citations=_cite()
    )
    with fast():
        assert not [
            p for p in check_records(RecordSet(reorganisations=links)) if "cycle" in p.message
        ]
        problems = check_records(RecordSet(reorganisations=(*links, back)))
    assert len([p for p in problems if "cycle" in p.message]) == 10_001


def test_a_long_chain_of_revisions_is_checked_fast() -> None:
    steps = tuple(
        Intervention(
            id=f"step-{n}",
            authority="testshire",
            kind=InterventionKind.STATUTORY_DIRECTION
            if n == 0
            else InterventionKind.REVISED_DIRECTION,
            date=PartialDate(2000 + n // 1000),
            replaces=None if n == 0 else f"step-{(n - 1) if n < 10_000 else 0}",
            citations=_cite(),
        )
        for n in range(10_000)
    )
    with fast():
        problems = check_records(RecordSet(interventions=steps))
    assert not [p for p in problems if p.field == "replaces" and "cycle" in p.message]
    looped = (
        attrs.evolve(steps[0], kind=InterventionKind.REVISED_DIRECTION, replaces="step-9999"),
        *steps[1:],
    )
    with fast():
        problems = check_records(RecordSet(interventions=looped))
    assert [p.record for p in problems if "cycle" in p.message] == ["interventions step-0"]
