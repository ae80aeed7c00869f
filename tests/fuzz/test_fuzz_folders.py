"""Fuzz users' folders (file kinds, names, layouts, links) and users' rows against the bundle.

Folders: whatever a folder holds, reading it gives a dataset or one
:class:`~childservices.DatasetError` whose problems each name a file or
record; it never hangs (FIFOs), never reads forever (devices), never reads a
file outside the folder through a link, and every ``.csv`` file in it is
either read or named in a problem.

Merged records: a user's rows about the bundled interventions and delivery
episodes (replacing steps of any kind at any date, episodes under any
spelling of a scope, corrections) either fail the load with every problem
placed, or give a record that an independent oracle finds consistent:
nothing ends before it began, endings are of the right kind, nothing is
ended twice, no cycles, no two episodes under the same services at once, and
no bundled fact changed without a correction naming it.
"""

from __future__ import annotations

import itertools
import os
import tempfile
from pathlib import Path

import pytest
from fuzzing import budget, documented, fast
from hypothesis import event, given, strategies as st

import childservices as cs
from childservices import DatasetError
from childservices.loading import merge_files, record_files
from childservices.model import InterventionKind, RecordSet
from childservices.records.tables import TABLES

TINY = Path(__file__).resolve().parent.parent / "fixtures" / "tiny_seeds"
SECRET = "outside-secret-7c1f"
"""Text in a file outside the fuzzed folder: it must never be read through a link."""

posix_only = pytest.mark.skipif(
    not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="needs FIFOs and /dev"
)

# Folders ----------------------------------------------------------------------------------

GOOD = {
    path.relative_to(TINY).as_posix(): path.read_bytes() for path in sorted(TINY.glob("*/*.csv"))
}
KINDS = [
    "good",
    "garbage",
    "empty",
    "fifo",
    "device",
    "link-inside",
    "link-outside-file",
    "link-outside-folder",
    "broken-link",
    "loop-link",
    "folder",
]
NAMES = st.one_of(
    st.sampled_from(sorted(TABLES)),
    st.sampled_from([n.upper() for n in TABLES]),
    st.sampled_from(["notes", ".hidden", "2030", "Sources", "x y", "é"]),
)
EXTENSIONS = st.sampled_from([".csv", ".CSV", ".Csv", ".txt", ""])


@st.composite
def layouts(draw: st.DrawFn) -> list[tuple[tuple[str, ...], str]]:
    """Entries of a folder: a path (folders, then a file name) and what the file is."""
    names = sorted(GOOD)
    if draw(st.integers(0, 4)) == 0:  # now and then only some of a complete set of files
        names = sorted(draw(st.sets(st.sampled_from(names))))
    base = [(tuple(name.split("/")), "good") for name in names]
    extra = draw(
        st.lists(
            st.tuples(
                st.lists(NAMES, max_size=2),
                st.tuples(NAMES, EXTENSIONS).map("".join),
                st.sampled_from(KINDS),
            ),
            max_size=6,
        )
    )
    return base + [((*folders, name), kind) for folders, name, kind in extra if name]


def _make(root: Path, outside: Path, layout: list[tuple[tuple[str, ...], str]]) -> None:
    for parts, kind in layout:
        path = root.joinpath(*parts)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.exists() or path.is_symlink():
                continue
            if kind == "good":
                path.write_bytes(GOOD.get("/".join(parts[-2:]), GOOD["sources/test.csv"]))
            elif kind == "garbage":
                path.write_bytes(b"\xff\x00 not,a\ncsv\x1b[2J")
            elif kind == "empty":
                path.write_bytes(b"")
            elif kind == "fifo":
                os.mkfifo(path)
            elif kind == "device":
                path.symlink_to("/dev/zero")
            elif kind == "link-inside":
                path.symlink_to(root / "sources" / "test.csv")
            elif kind == "link-outside-file":
                path.symlink_to(outside / "secret.csv")
            elif kind == "link-outside-folder":
                path.symlink_to(outside, target_is_directory=True)
            elif kind == "broken-link":
                path.symlink_to(root / "nothing-here")
            elif kind == "loop-link":
                path.symlink_to(root, target_is_directory=True)
            else:
                path.mkdir()
        except (FileExistsError, NotADirectoryError):
            continue  # a name already taken by another kind of entry


def _read_there(root: Path, path: Path) -> bool:
    """Whether the seed format reads a file in this place: ``<table>/<name>`` or ``<table>.csv``."""
    parts = path.relative_to(root).parts
    return (len(parts) == 1 and Path(parts[0]).stem in TABLES) or (
        len(parts) == 2 and parts[0] in TABLES
    )


def _csv_files(root: Path) -> list[Path]:
    """Every entry named like a CSV file, not inside a hidden or linked folder."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [Path(folder, name) for name in files + dirs if name.casefold().endswith(".csv")]
    return found


@posix_only
@budget(80)
@given(layouts(), st.booleans())
def test_any_folder_is_read_safely(
    layout: list[tuple[tuple[str, ...], str]], follow_links: bool
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        outside = Path(tmp) / "outside"
        outside.mkdir()
        (outside / "secret.csv").write_text(
            f"id,title,publisher,published,url\n{SECRET},Secret,X,2020,https://example.org/s\n"
        )
        root = Path(tmp) / "mine"
        root.mkdir()
        _make(root, outside, layout)
        try:
            with fast():
                files = record_files([root], follow_links=follow_links)
                ds = merge_files([root], follow_links=follow_links)
        except Exception as exc:
            documented(exc)
            assert isinstance(exc, DatasetError) and exc.problems
            for problem in exc.problems:
                assert problem.file or problem.record, problem
                if not follow_links:
                    assert SECRET not in str(problem), problem
            event("refused")
            named = {p.file for p in exc.problems if p.file}
            for path in _csv_files(root):
                reported = any(n == str(path) or n.startswith(f"{path}:") for n in named)
                assert reported or _read_there(root, path), f"{path} neither read nor reported"
            return
        event("loaded")
        read = {str(path) for _, path in files}
        for path in _csv_files(root):
            assert str(path) in read, f"{path} was neither read nor reported"
        if not follow_links:
            assert SECRET not in {s.id for s in ds.records.sources}


# Users' rows against the bundled record ------------------------------------------------------

BUNDLED = cs.load().records
STEPS = [s for s in BUNDLED.interventions if s.date is not None]
EPISODES = list(BUNDLED.delivery)
OPEN = [
    s
    for s in STEPS
    if s.id not in {t.replaces for t in BUNDLED.interventions}
    and s.kind.value in ("improvement_notice", "statutory_direction", "revised_direction")
]
"""Bundled notices and directions that no bundled step ends."""
PLAUSIBLE = {
    InterventionKind.IMPROVEMENT_NOTICE: ["notice_lifted", "statutory_direction"],
    InterventionKind.STATUTORY_DIRECTION: ["direction_revoked", "revised_direction"],
    InterventionKind.REVISED_DIRECTION: ["direction_revoked", "revised_direction"],
}
SCOPES = st.sampled_from(
    [
        "",
        "children's social care",
        "Children's Social Care",
        "children\u2019s  social care",
        "children's services",
        "education",
    ]
)
DATES = st.sampled_from(["2009", "2012-05", "2014-07-22", "2016", "2018-04-01", "2021-06", "2030"])
NOTES = "id,title,publisher,published,url\nmy-notes,My notes,Me,2024-01,https://example.org/notes\n"


@st.composite
def users_rows(draw: st.DrawFn) -> dict[str, str]:
    """A user's interventions, delivery episodes and corrections about bundled records."""
    steps = ["id,authority,kind,date,end,by,requires,outcome,replaces,source,locator"]
    for n in range(draw(st.integers(0, 3))):
        if draw(st.integers(0, 3)):  # mostly a plausible ending of a step nothing else ends
            target = draw(st.sampled_from(OPEN))
            kind = draw(st.sampled_from(PLAUSIBLE[target.kind]))
            when = target.date  # the same day as what it ends: not before it, within its lifetime
            steps.append(f"mine-{n},{target.authority},{kind},{when},,,,,{target.id},my-notes,")
            continue
        target = draw(st.sampled_from(STEPS))
        kind = draw(st.sampled_from([k.value for k in InterventionKind]))
        replaces = draw(st.sampled_from([target.id, "", f"mine-{(n + 1) % 3}"]))
        steps.append(f"mine-{n},{target.authority},{kind},{draw(DATES)},,,,,{replaces},my-notes,")
    episodes = ["id,authority,model,provider,directed,scope,start,end,source,locator"]
    for n in range(draw(st.integers(0, 2))):
        target = draw(st.sampled_from(EPISODES))
        if draw(st.booleans()):  # services nothing else runs for the authority
            episodes.append(
                f"ep-{n},{target.authority},in_house,,,education,{target.start},,my-notes,"
            )
            continue
        episodes.append(
            f'ep-{n},{target.authority},in_house,,,"{draw(SCOPES)}",{draw(DATES)},,my-notes,'
        )
    corrections = ["table,id,field,value,reason,source"]
    if draw(st.integers(0, 3)) == 0:
        target = draw(st.sampled_from(STEPS))
        corrections.append(f"interventions,{target.id},date,{draw(DATES)},fuzzing,my-notes")
    return {
        "sources": NOTES,
        "interventions": "\n".join(steps) + "\n",
        "delivery": "\n".join(episodes) + "\n",
        "corrections": "\n".join(corrections) + "\n",
    }


def _fold(scope: str | None) -> str | None:
    return None if scope is None else " ".join(scope.replace("\u2019", "'").lower().split())


def _consistent(records: RecordSet, corrected: set[str]) -> None:
    """The oracle, written apart from the checks it tests."""
    steps = {s.id: s for s in records.interventions}
    ends = {
        InterventionKind.NOTICE_LIFTED: {"improvement_notice", "ministerial_decision"},
        InterventionKind.DIRECTION_REVOKED: {"statutory_direction", "revised_direction"},
        InterventionKind.REVISED_DIRECTION: {"statutory_direction", "revised_direction"},
    }
    ended: dict[str, str] = {}
    for step in steps.values():
        if step.replaces is None:
            assert not step.kind.ends_something, step
            continue
        target = steps[step.replaces]
        if step.kind in ends:
            assert target.kind.value in ends[step.kind], (step, target)
        if step.date and target.date:
            assert step.date.latest >= target.date.earliest, (step, target)
        assert target.id not in ended, (step, ended[target.id])
        ended[target.id] = step.id
        seen, node = {step.id}, target
        while node.replaces is not None:
            assert node.replaces not in seen, f"cycle through {step.id}"
            seen.add(node.replaces)
            node = steps[node.replaces]
    for first, second in itertools.combinations(records.delivery, 2):
        if first.authority != second.authority:
            continue
        a, b = _fold(first.scope), _fold(second.scope)
        if a is not None and b is not None and a != b:
            continue
        early, late = sorted((first, second), key=lambda e: e.start.earliest)
        assert early.end is not None and late.start.latest >= early.end.earliest, (early, late)
    for step in BUNDLED.interventions:
        if step.id not in corrected:
            assert steps[step.id] == step


@budget(70)
@given(users_rows())
def test_users_rows_never_overturn_a_bundled_fact_silently(tables: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "mine"
        for name, text in tables.items():
            (root / name).mkdir(parents=True)
            (root / name / "mine.csv").write_text(text, encoding="utf-8")
        try:
            with fast():
                ds = cs.load(extra=[root])
        except Exception as exc:
            documented(exc)
            assert isinstance(exc, DatasetError) and exc.problems
            for problem in exc.problems:
                assert problem.message and (problem.file or problem.record), problem
            event(f"refused: {exc.problems[0].field or exc.problems[0].message[:30]}")
            return
        event("loaded")
        corrected = {line.split(",")[1] for line in tables["corrections"].splitlines()[1:]}
        _consistent(ds.records, corrected)


def test_the_oracle_passes_the_bundled_record() -> None:
    _consistent(BUNDLED, set())


def test_the_oracle_catches_a_revocation_before_its_direction() -> None:
    import attrs

    direction = next(s for s in STEPS if s.kind is InterventionKind.STATUTORY_DIRECTION)
    early = cs.Intervention(
        id="early",
        authority=direction.authority,
        kind=InterventionKind.DIRECTION_REVOKED,
        date=cs.PartialDate(1990),
        replaces=direction.id,
        citations=direction.citations,
    )
    broken = attrs.evolve(BUNDLED, interventions=(*BUNDLED.interventions, early))
    with pytest.raises(AssertionError):
        _consistent(broken, set())
