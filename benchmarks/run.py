"""Benchmarks: the library against a bare interpreter and the spreadsheet workflow.

Run from the checkout (with the project installed in the interpreter used)::

    python benchmarks/run.py            # 11 runs of each whole process
    python benchmarks/run.py --runs 5   # quicker, noisier

Whole processes, each started fresh ``--runs`` times (medians reported):

(a) a bare interpreter importing attrs, cattrs and pendulum (the library's
    dependencies): the floor any library built on them starts from;
(b) ``import childservices``, load the bundled dataset and print every current
    authority's latest overall grade;
(m) ``import childservices``, load it, and ask for one authority's official figures
    (``AuthorityView.measures()``): their first use reads the observations file, so
    (m) - (b) is what that first use costs a program;
(c) the spreadsheet way: pandas opens the newest ILACS summary snapshot in
    ``../shared/sources/ilacs-summary-snapshots`` as a spreadsheet (the CSV
    saved as xlsx with openpyxl before timing, as an analyst receives it)
    and prints each authority's latest grade;
(c-csv) the same with pandas reading the CSV itself, the quickest form of
    that workflow. Both are skipped, with a note, without pandas (and
    openpyxl for xlsx) or ``../shared``: ``pip install -e '.[bench]'``.

Every child reads compiled bytecode, as an installed package does (installers
byte-compile; a source checkout writes ``__pycache__`` on first import): the
children get a private ``PYTHONPYCACHEPREFIX`` that the warm-up run fills,
whatever ``PYTHONDONTWRITEBYTECODE`` says, so the library is not recompiled
from source on every start while its dependencies load from bytecode.
``--compile-each-time`` measures the other way (nothing written, every module
without bytecode compiled on each start).

Peak memory is the child's ``ru_maxrss`` (from ``os.wait4``; the processes
run before anything big is imported here, since a forked child's peak
includes its parent's size at the fork). Then in-process
micro benchmarks: loading the dataset, ``rating_on`` for every authority on
one day, a monthly panel of every authority 2013-2026, trajectories, and the
official statistics (their first use on a fresh record; one measure for every
authority and year, and one authority's every figure, as tuples and as pandas
frames: ``Dataset.measure_frame``, ``Dataset.authority_measures_frame``).
These print figures; they are not timed tests and never fail on a target.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = ROOT.parent / "shared" / "sources" / "ilacs-summary-snapshots"
DAY = "2026-06-29"
"""The as-of day: the newest snapshot's date, so (b) and (c) answer the same question."""

BARE = "import attrs, cattrs, pendulum\n"

LIBRARY = f"""\
import childservices as cs
ds = cs.load()
for authority in ds.authorities(active_on={DAY!r}):
    grade = authority.rating_on({DAY!r})
    print(authority.name, getattr(grade, "value", grade), sep=",")
"""

MEASURES = """\
import childservices as cs
ds = cs.load()
figures = ds.authority("Leeds").measures()
print(len(figures))
"""
"""(m): (b)'s start, then one authority's official figures: the first use reads the
observations file and builds their index."""

SPREADSHEET = """\
import sys
import pandas as pd
frame = pd.read_excel(sys.argv[1], usecols=["local_authority", "overall_effectiveness_grade"])
for row in frame.itertuples(index=False):
    print(row.local_authority, row.overall_effectiveness_grade, sep=",")
"""

SPREADSHEET_CSV = """\
import sys
import pandas as pd
frame = pd.read_csv(sys.argv[1], usecols=["local_authority", "overall_effectiveness_grade"])
for row in frame.itertuples(index=False):
    print(row.local_authority, row.overall_effectiveness_grade, sep=",")
"""

TO_XLSX = """\
import sys
import pandas as pd
pd.read_csv(sys.argv[1]).to_excel(sys.argv[2], index=False, engine="openpyxl")
"""

TARGETS = {
    "b/a": "<= 1.3",
    "c/b": ">= 4",
    "peak (b)": "< 40 MiB",
    "rating_on, every authority": "< 1 ms",
    "monthly panel 2013-2026": "< 50 ms",
}


def bytecode_env(cache: str | None) -> dict[str, str]:
    """The children's environment: bytecode cached under ``cache``, or never written (``None``)."""
    env = dict(os.environ)
    if cache is None:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env.pop("PYTHONPYCACHEPREFIX", None)
    else:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = cache
    return env


def run_process(code: str, *args: str, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall time (s) and peak resident memory (KiB) of one fresh interpreter running ``code``."""
    start = time.perf_counter()
    with subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=env,
    ) as child:
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        error = child.stderr.read().decode(errors="replace") if child.stderr else ""
    if child.returncode != 0:
        raise SystemExit(f"benchmark process failed ({child.returncode}):\n{error}")
    return elapsed, usage.ru_maxrss


def whole_processes(
    cases: dict[str, tuple[str, ...]], runs: int, env: dict[str, str] | None = None
) -> dict[str, dict[str, float]]:
    """Median wall time (ms) and peak memory (MiB) of each case over ``runs`` fresh processes.

    ``cases`` maps a name to the code and its arguments. The cases run in
    turn (a, b, c, a, b, c, ...) so that a busy machine slows them alike.
    """
    times: dict[str, list[float]] = {name: [] for name in cases}
    peaks: dict[str, list[int]] = {name: [] for name in cases}
    for code, *args in cases.values():
        run_process(code, *args, env=env)  # warm the file cache (and write the bytecode) once
    for _ in range(runs):
        for name, (code, *args) in cases.items():
            elapsed, peak = run_process(code, *args, env=env)
            times[name].append(elapsed)
            peaks[name].append(peak)
    results = {}
    for name in cases:
        result = {
            "ms": statistics.median(times[name]) * 1000,
            "min_ms": min(times[name]) * 1000,
            "mib": statistics.median(peaks[name]) / 1024,
        }
        print(
            f"  ({name}) median {result['ms']:7.1f} ms  (min {result['min_ms']:6.1f})  "
            f"peak {result['mib']:5.1f} MiB"
        )
        results[name] = result
    return results


def micro(name: str, func: Callable[[], Any], *, repeat: int = 7, number: int = 1) -> float:
    """Median seconds per call of ``func`` (``number`` calls per timing, ``repeat`` timings)."""
    func()
    timings = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        for _ in range(number):
            func()
        timings.append((time.perf_counter() - start) / number)
    median = statistics.median(timings)
    print(f"  {name:<42} median {median * 1000:9.3f} ms  (min {min(timings) * 1000:.3f})")
    return median


def newest_snapshot() -> Path | None:
    """The newest ILACS summary snapshot CSV, or ``None`` without ``../shared``."""
    files = sorted(SNAPSHOTS.glob("*.csv")) if SNAPSHOTS.is_dir() else []
    return files[-1] if files else None


def installed(module: str) -> bool:
    """Whether a module is installed (found, not imported: a child forked from a big parent
    would count the parent's memory in its peak)."""
    return importlib.util.find_spec(module) is not None


def process_benchmarks(
    runs: int, workdir: Path, env: dict[str, str] | None = None
) -> dict[str, float]:
    """(a), (b), (c), (c-csv) and their ratios."""
    print(f"Whole processes ({runs} runs each, interleaved, after one warm-up):")
    cases: dict[str, tuple[str, ...]] = {"a": (BARE,), "b": (LIBRARY,)}
    if importlib.util.find_spec("childservices.data.measure_index") is not None:
        cases["m"] = (MEASURES,)
    snapshot = newest_snapshot()
    if snapshot is None:
        print(f"  (c) skipped: no snapshots in {SNAPSHOTS}")
    elif not installed("pandas"):
        print("  (c) skipped: pandas is not installed (pip install -e '.[bench]')")
    else:
        if installed("openpyxl"):
            xlsx = workdir / f"{snapshot.stem}.xlsx"
            subprocess.run([sys.executable, "-c", TO_XLSX, str(snapshot), str(xlsx)], check=True)
            print(f"  (c) reads {xlsx.name} (saved from {snapshot.name} before timing)")
            cases["c"] = (SPREADSHEET, str(xlsx))
        else:
            print("  (c) skipped: openpyxl is not installed (pip install -e '.[bench]')")
        print(f"  (c-csv) reads {snapshot.name}")
        cases["c-csv"] = (SPREADSHEET_CSV, str(snapshot))
    results = whole_processes(cases, runs, env)
    a, b = results["a"], results["b"]
    figures = {"a_ms": a["ms"], "b_ms": b["ms"], "a_mib": a["mib"], "b_mib": b["mib"]}
    print(f"  b/a = {b['ms'] / a['ms']:.2f}  (target {TARGETS['b/a']})")
    print(f"  peak memory of (b) = {b['mib']:.1f} MiB  (target {TARGETS['peak (b)']})")
    if "m" in results:
        m = results["m"]
        figures.update({"m_ms": m["ms"], "m_mib": m["mib"]})
        print(
            f"  (m) - (b) = {m['ms'] - b['ms']:.1f} ms by medians, "
            f"{m['min_ms'] - b['min_ms']:.1f} ms by the fastest runs: the first use of the figures"
        )
    for name in ("c", "c-csv"):
        if name in results:
            c = results[name]
            figures.update({f"{name}_ms": c["ms"], f"{name}_mib": c["mib"]})
            print(f"  {name}/b = {c['ms'] / b['ms']:.2f}  (target {TARGETS['c/b']})")
    return figures


def month_starts(first_year: int, last_year: int) -> list[Any]:
    """The first day of every month from January ``first_year`` to December ``last_year``."""
    import pendulum

    return [pendulum.Date(y, m, 1) for y in range(first_year, last_year + 1) for m in range(1, 13)]


def in_process_benchmarks() -> dict[str, float]:
    """Loading, ratings on a day, the monthly panel and trajectories, in this process."""
    import childservices as cs
    from childservices.data.bundle import BUNDLE_NAME, read_bundle, trusted_tables
    from childservices.data.index import Index
    from childservices.dataset import Dataset

    print("In process:")
    figures: dict[str, float] = {}
    text = resources.files("childservices.data").joinpath(BUNDLE_NAME).read_text(encoding="utf-8")
    figures["read_bundle_converter"] = micro(
        "every table through the converter",
        lambda: read_bundle(text),
        repeat=5,
    )
    figures["read_bundle"] = micro(
        "every table by the trusted fast path",
        lambda: trusted_tables(text, where=BUNDLE_NAME)[0].record_set(),
        repeat=5,
    )

    def load_everything() -> None:
        dataset = Dataset.from_records(read_bundle()[0])
        for piece in Index.pieces:
            getattr(dataset.index, piece)

    figures["load"] = micro(
        "every table (fast path), checks, every index", load_everything, repeat=5
    )

    def as_load_does(day: str = DAY) -> None:
        tables, version = trusted_tables(text, where=BUNDLE_NAME)
        fresh = Dataset._trusted(tables=tables, index=Index(tables), data_version=version)
        [a.rating_on(day) for a in fresh.authorities(active_on=day)]

    figures["load_path"] = micro("load()'s path and every rating on a day", as_load_does, repeat=7)
    ds = cs.load()
    authorities = ds.authorities()
    import pendulum

    day = pendulum.Date(2026, 6, 29)
    figures["rating_day"] = micro(
        f"rating_on, all {len(authorities)} authorities, one day",
        lambda: [a.rating_on(day) for a in authorities],
        number=20,
    )
    figures["rating_day_text"] = micro(
        "  the same, the day given as text",
        lambda: [a.rating_on(DAY) for a in authorities],
        number=20,
    )
    months = month_starts(2013, 2026)
    figures["panel_ratings"] = micro(
        f"monthly ratings ({len(months)} months x {len(authorities)} rating_on)",
        lambda: {a.id: [a.rating_on(m) for m in months] for a in authorities},
        repeat=5,
    )
    figures["panel"] = micro(
        "monthly panel: ds.panel (rating, delivery, intervention)",
        lambda: ds.panel(months),
        repeat=5,
    )
    if hasattr(cs.AuthorityView, "trajectory"):
        figures["trajectories"] = micro(
            "trajectories of every authority",
            lambda: [a.trajectory(until=day) for a in authorities],
            repeat=5,
        )
    else:
        print("  trajectories: skipped (AuthorityView.trajectory is not in this version)")
    if hasattr(cs.Dataset, "measure_frame"):
        figures.update(measure_benchmarks(text))
    else:
        print("  official statistics: skipped (not in this version)")
    return figures


def measure_benchmarks(text: str) -> dict[str, float]:
    """The official statistics: their first use on a freshly loaded record, then one measure
    for every authority and year, and one authority's every figure, as tuples and frames."""
    import childservices as cs
    from childservices.data.bundle import BUNDLE_NAME, trusted_tables
    from childservices.data.index import Index
    from childservices.dataset import Dataset

    figures: dict[str, float] = {}

    def fresh() -> Any:
        tables, version = trusted_tables(text, where=BUNDLE_NAME)
        return Dataset._trusted(tables=tables, index=Index(tables), data_version=version)

    def first_use() -> None:
        fresh().authority("Leeds").measures()

    figures["measures_first_use"] = micro(
        "first use: read the observations, build their index", first_use, repeat=5
    )
    ds = cs.load()
    largest = max(ds.measures_vocabulary(), key=lambda m: len(ds.measure(m.id).authorities))
    count = len(ds.measure(largest.id).authorities)
    figures["measure_all"] = micro(
        f"ds.measure({largest.id!r}), {count} authority-years",
        lambda: ds.measure(largest.id),
        number=20,
    )
    leeds = ds.authority("Leeds")
    figures["authority_measures"] = micro(
        f"Leeds's every figure ({len(leeds.measures())}), .measures()",
        leeds.measures,
        number=100,
    )
    if not installed("pandas"):
        print("  measure frames: skipped (pandas is not installed: pip install -e '.[bench]')")
        return figures
    figures["measure_frame"] = micro(
        f"ds.measure_frame({largest.id!r}), every authority and year",
        lambda: ds.measure_frame(largest.id),
    )
    figures["authority_measures_frame"] = micro(
        "ds.authority_measures_frame('Leeds')", lambda: ds.authority_measures_frame("Leeds")
    )
    return figures


def main(argv: list[str] | None = None) -> int:
    """Run every benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--runs", type=int, default=11, help="fresh processes per whole-process case"
    )
    parser.add_argument(
        "--skip-processes", action="store_true", help="only the in-process micro benchmarks"
    )
    parser.add_argument(
        "--compile-each-time",
        action="store_true",
        help="children write no bytecode: modules without it are compiled on every start",
    )
    args = parser.parse_args(argv)
    print(
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d')}"
    )
    if not args.skip_processes:
        with tempfile.TemporaryDirectory(prefix="childservices-bench-") as workdir:
            cache = str(Path(workdir) / "pycache")
            env = bytecode_env(None if args.compile_each_time else cache)
            print(
                "Children compile modules without bytecode on every start"
                if args.compile_each_time
                else "Children read cached bytecode (written by the warm-up run)"
            )
            process_benchmarks(args.runs, Path(workdir), env)
    in_process_benchmarks()
    print("Targets: " + "; ".join(f"{k} {v}" for k, v in TARGETS.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
