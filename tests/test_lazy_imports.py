"""Loading the bundled dataset imports only what it needs; every public name still works."""

import subprocess
import sys

import childservices as cs
from childservices.data.bundle import packaged_tables
from childservices.data.checks import check_records

NOT_FOR_LOADING = (
    "cattrs",
    "pendulum",  # as-of questions compare plain days; pendulum dates are made when handed out
    "pathlib",
    "childservices.rules.escalation",
    "childservices.convert",
    "childservices.export",
    "childservices.records",
    "childservices.rules.aggregate",
    "childservices.rules.official",
    "childservices.data.checks",
    "difflib",
    "csv",
)


def test_loading_the_bundle_and_rating_imports_no_optional_module() -> None:
    code = (
        "import sys, childservices as cs\n"
        "ds = cs.load()\n"
        "[a.rating_on('2026-06-29') for a in ds.authorities(active_on='2026-06-29')]\n"
        f"found = sorted(set({NOT_FOR_LOADING!r}) & set(sys.modules))\n"
        "assert not found, found\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_the_quick_commands_import_only_what_they_need() -> None:
    # `show`, `ratings` and `interventions` answer at the speed of the library: no exporter,
    # converter, seed reader or pathlib (benchmarks/cli.py measures the time).
    # (the records package itself is light: its cells module makes printed cells inert)
    not_for_commands = (
        *(
            m
            for m in NOT_FOR_LOADING
            if m not in ("csv", "childservices.rules.aggregate", "childservices.records")
        ),
        "childservices.records.read",
    )
    for command in (
        ["show", "Sandwell"],
        ["ratings", "--on", "2024-03-31", "--format", "csv"],
        ["interventions", "--on", "2024-03-31"],
    ):
        code = (
            "import io, sys\n"
            "from childservices.cli import main\n"
            f"assert main({command!r}, out=io.StringIO()) == 0\n"
            f"found = sorted(set({not_for_commands!r}) & set(sys.modules))\n"
            "assert not found, found\n"
        )
        subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_every_public_name_is_importable_and_listed() -> None:
    names = set(dir(cs))
    for name in cs.__all__:
        assert name in names, name
        assert getattr(cs, name) is not None
    namespace: dict[str, object] = {}
    exec("from childservices import *", namespace)  # the star import under test
    assert set(cs.__all__) <= set(namespace)
    assert cs.Spell.__module__ == "childservices.rules.trajectory"
    assert cs.monthly.__module__ == "childservices.rules.aggregate"


def test_unknown_names_still_raise_attribute_error() -> None:
    try:
        cs.not_a_name  # noqa: B018
    except AttributeError as exc:
        assert "not_a_name" in str(exc)
    else:
        raise AssertionError("expected AttributeError")


def test_a_question_about_ratings_builds_only_the_tables_it_needs() -> None:
    code = (
        "import childservices as cs\n"
        "ds = cs.load()\n"
        "[a.rating_on('2026-06-29') for a in ds.authorities(active_on='2026-06-29')]\n"
        "print(' '.join(sorted(ds.tables.built)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], check=True, timeout=60, capture_output=True, text=True
    )
    built = set(result.stdout.split())
    assert {"authorities", "inspections"} <= built <= {"authorities", "inspections", "reorganisations"}


def test_the_packaged_bundle_passes_every_cross_record_check() -> None:
    # load() does not re-run these checks on the packaged bundle read by the fast path.
    tables, _ = packaged_tables()
    assert check_records(tables.record_set()) == []


def test_load_and_from_records_agree() -> None:
    tables, version = packaged_tables()
    records = tables.record_set()
    checked = cs.Dataset.from_records(records, data_version=version)
    loaded = cs.load()
    assert loaded.records == checked.records
    assert loaded.index == checked.index
    # the bundled dataset's version is DATA_VERSION, whose digest is the bundle header's
    assert loaded.data_version == cs.DATA_VERSION
    assert cs.DATA_VERSION.endswith("." + version.removeprefix("seeds-"))
