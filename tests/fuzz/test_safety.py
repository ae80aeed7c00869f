"""The bundled dataset cannot be changed by callers; loading is thread-safe; no pickle or eval."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from pathlib import Path

import attrs
import pytest

import childservices as cs
from childservices.data.bundle import read_bundle
from childservices.dataset import Dataset

SRC = Path(__file__).resolve().parents[2] / "src" / "childservices"


@pytest.fixture(scope="module")
def ds() -> cs.Dataset:
    return cs.load()


def test_records_are_frozen(ds: cs.Dataset) -> None:
    records = ds.records
    for table in attrs.fields(type(records)):
        rows = getattr(records, table.name)
        assert isinstance(rows, tuple), table.name
        for row in rows[:5]:
            with pytest.raises(AttributeError):
                row.__setattr__(attrs.fields(type(row))[0].name, None)
            with pytest.raises(AttributeError):
                del row.__dict__  # slotted: no instance dictionary to change
    with pytest.raises(AttributeError):
        records.inspections = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        records.inspections[0] = records.inspections[1]  # type: ignore[index]
    inspection = records.inspections[0]
    with pytest.raises(AttributeError):
        inspection.published.year = 1999  # type: ignore[misc]
    with pytest.raises(AttributeError):
        inspection.citations[0].source = "x"  # type: ignore[misc]


def test_dataset_and_indexes_are_read_only(ds: cs.Dataset) -> None:
    with pytest.raises(AttributeError):
        ds.records = ds.records  # type: ignore[misc]
    with pytest.raises(AttributeError):
        ds.index = ds.index  # type: ignore[misc]
    with pytest.raises(AttributeError):
        ds.tables = ds.records  # type: ignore[misc]
    index = ds.index
    for name in index.pieces:
        mapping = getattr(index, name)
        with pytest.raises(TypeError):
            mapping["new"] = None
        with pytest.raises(TypeError):
            del mapping[next(iter(mapping))]
        value = next(iter(mapping.values()))
        if isinstance(value, tuple | list):
            assert isinstance(value, tuple), name
        with pytest.raises(AttributeError):
            setattr(index, name, {})
    with pytest.raises(AttributeError):
        index._built = {}  # type: ignore[misc]


def test_views_hand_out_tuples(ds: cs.Dataset) -> None:
    sandwell = ds.authority("Sandwell")
    for name in ("inspections", "interventions", "deliveries", "identifiers", "aliases"):
        assert isinstance(getattr(sandwell, name), tuple), name
    with pytest.raises(AttributeError):
        sandwell.record = sandwell.record  # type: ignore[misc]


def test_changing_a_copy_leaves_the_dataset_alone(ds: cs.Dataset) -> None:
    inspections = list(ds.records.inspections)
    inspections.clear()
    assert ds.records.inspections
    first = ds.records.inspections[0]
    changed = attrs.evolve(first, lead_inspector="Someone Else")
    assert ds.records.inspections[0] == first != changed
    assert cs.load() is ds


def test_loading_from_several_threads_gives_one_dataset() -> None:
    code = """
import threading
import childservices as cs
start = threading.Barrier(8)
found = []
def work():
    start.wait()
    found.append(cs.load())
threads = [threading.Thread(target=work) for _ in range(8)]
for t in threads: t.start()
for t in threads: t.join()
assert len(found) == 8 and all(d is found[0] for d in found), found
print(len(found[0]))
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) == len(cs.load())


def test_reading_the_bundle_in_several_threads_at_once() -> None:
    results: list[Dataset] = []
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def work() -> None:
        try:
            start.wait()
            records, version = read_bundle()
            results.append(Dataset.from_records(records, data_version=version))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(results) == 4
    assert all(r.records == results[0].records for r in results)
    assert results[0].records == cs.load().records


_FORBIDDEN = re.compile(
    r"\b(?:import\s+(?:pickle|cPickle|marshal|shelve|dill)|from\s+(?:pickle|marshal|shelve)\s+import"
    r"|pickle\.loads?|marshal\.loads?|(?<![.\w])eval\s*\(|(?<![.\w])exec\s*\(|yaml\.load\s*\("
    r"|__import__\s*\()"
)


def test_no_pickle_or_eval_in_the_library() -> None:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _FORBIDDEN.search(line):
                found.append(f"{path.relative_to(SRC)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)
    assert list(SRC.rglob("*.py")), "the check must see the sources"


def test_the_forbidden_pattern_catches_what_it_should() -> None:
    for bad in (
        "import pickle",
        "data = pickle.loads(b)",
        "eval(text)",
        "exec(code)",
        "x = __import__('os')",
    ):
        assert _FORBIDDEN.search(bad), bad
    for fine in ("evaluation(x)", "self.eval_grade(y)", "re.compile('exec')[0]", "literal_eval"):
        assert not _FORBIDDEN.search(fine), fine
