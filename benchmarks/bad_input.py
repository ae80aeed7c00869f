"""Benchmark: how long and how much memory a big bad record file costs before it is refused.

Run from the checkout (with the project installed in the interpreter used)::

    python benchmarks/bad_input.py              # 50 MB files, 3 runs each (medians)
    python benchmarks/bad_input.py --size-mb 10 --runs 1

Each case writes one file of about ``--size-mb`` megabytes, then times a fresh
interpreter doing ``childservices.load(extra=[file])`` (the file merged with
the bundled dataset, as ``--extra`` and ``validate`` do) and reads its peak
resident memory (``ru_maxrss``). Every case must end in a
:class:`~childservices.DatasetError`; the number of problems it lists is
printed too. The reference line is the same process with a one-row file.

The cases are the bad files the reliability issue met: a file of bad values
(a day that does not exist and an unknown grade on every row), rows of the
wrong shape, a header of tens of thousands of unknown columns, bytes that are
not text, one enormous quoted cell, a line without an end, the same source id
on every row, rows about one record that contradict each other, and rows that
are each valid but name an authority that does not exist (found as each row is
read), rows that revoke a step that does not exist (found once the file is
read, before records are built), and rows that are each valid but each
overlap Sandwell's trust (found only by the cross-record checks, after the
whole file is read and built: the one case whose cost grows with the file).
Target: under 5 s and under 200 MB for each. These print figures; nothing
fails on them.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 5.0
TARGET_MIB = 200.0

CODE = """
import sys
import childservices as cs
try:
    cs.load(extra=[sys.argv[1]])
except cs.DatasetError as exc:
    print(len(exc.problems))
else:
    print("loaded")
"""

INSPECTIONS = "id,authority,framework,published,overall,source,locator\n"
SOURCES = "id,title,publisher,published,url\n"
INTERVENTIONS = "id,authority,kind,date,end,by,requires,outcome,replaces,source,locator\n"


def _rows(header: str, row: Callable[[int], str], size: int) -> bytes:
    parts = [header]
    total = len(header)
    n = 0
    while total < size:
        line = row(n)
        parts.append(line)
        total += len(line)
        n += 1
    return "".join(parts).encode()


def cases(size: int) -> dict[str, tuple[str, Callable[[], bytes]]]:
    """Each case: the file's name (which gives its table) and a maker of its bytes."""
    wide = ",".join(f"column{n}" for n in range(60_000)) + "\n"
    return {
        "bad values on every row": (
            "inspections.csv",
            lambda: _rows(
                INSPECTIONS,
                lambda n: f"x-{n},sandwell,ilacs,2019-02-30,excellent,ofsted,p {n}\n",
                size,
            ),
        ),
        "wrong number of cells": (
            "inspections.csv",
            lambda: _rows(INSPECTIONS, lambda n: f"x-{n},sandwell,ilacs\n", size),
        ),
        "a header of 60,000 unknown columns": (
            "inspections.csv",
            lambda: _rows(wide, lambda n: f"{n}," * 40 + "\n", size),
        ),
        "bytes that are not text": (
            "inspections.csv",
            lambda: random.Random(1).randbytes(size),
        ),
        "one enormous quoted cell": (
            "inspections.csv",
            lambda: (INSPECTIONS + 'x,"' + "a" * size + '"\n').encode(),
        ),
        "a line without an end": (
            "inspections.csv",
            lambda: (INSPECTIONS + "x," * (size // 2)).encode(),
        ),
        "the same source id on every row": (
            "sources.csv",
            lambda: _rows(
                SOURCES, lambda n: f"same,Title {n},Someone,2020,https://example.org/{n}\n", size
            ),
        ),
        "rows of one record that disagree": (
            "inspections.csv",
            lambda: _rows(
                INSPECTIONS,
                lambda n: (
                    f"sandwell-sif-2015-06-05,sandwell,sif,2015-06-05,"
                    f"{('good', 'outstanding')[n % 2]},ofsted-report-sandwell-sif-2015-06-05,p {n}\n"
                ),
                size,
            ),
        ),
        "valid rows naming no authority": (
            "interventions.csv",
            lambda: _rows(
                INTERVENTIONS,
                lambda n: f"step-{n},nowhere-{n},improvement_notice,2020,,,,,,seed-001,\n",
                size,
            ),
        ),
        "rows revoking steps that do not exist": (
            "interventions.csv",
            lambda: _rows(
                INTERVENTIONS,
                lambda n: f"step-{n},sandwell,direction_revoked,2020,,,,,nothing-{n},seed-001,\n",
                size,
            ),
        ),
        "valid rows, each overlapping a trust": (
            "delivery.csv",
            lambda: _rows(
                "id,authority,model,provider,directed,scope,start,end,source,locator\n",
                lambda n: f"mine-{n},sandwell,in_house,,,,2019-01-01,,seed-001,\n",
                size,
            ),
        ),
    }


def run_process(*args: str) -> tuple[float, float, str]:
    """Wall time (s), peak resident memory (MiB) and output of one fresh interpreter."""
    start = time.perf_counter()
    with subprocess.Popen(
        [sys.executable, "-c", CODE, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    ) as child:
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        out = child.stdout.read().decode() if child.stdout else ""
        err = child.stderr.read().decode(errors="replace") if child.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"benchmark process failed:\n{err}")
    return elapsed, usage.ru_maxrss / 1024, out.strip()


def main(argv: list[str] | None = None) -> int:
    """Write each bad file, time loading it, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=float, default=50.0, help="size of each file (MB)")
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per case")
    parser.add_argument(
        "--write", nargs=3, metavar=("CASE", "PATH", "BYTES"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.write:
        label, path, count = args.write
        Path(path).write_bytes(cases(int(count))[label][1]())
        return 0
    size = int(args.size_mb * 1_000_000)
    print(
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d')}; files of {args.size_mb:g} MB, "
        f"medians of {args.runs} runs"
    )
    print(f"{'case':<38} {'time':>8} {'peak':>10} {'problems':>9}  target met")
    with tempfile.TemporaryDirectory(prefix="childservices-bad-input-") as tmp:
        small = Path(tmp) / "small" / "inspections.csv"
        small.parent.mkdir()
        small.write_text(INSPECTIONS + "x,sandwell,ilacs,2019-02-30,good,ofsted,\n")
        all_cases = {"reference: a one-row bad file": ("", lambda: b""), **cases(size)}
        for label, (name, _make) in all_cases.items():
            if name:
                path = Path(tmp) / label.replace(" ", "-").replace(",", "") / name
                path.parent.mkdir()
                # Written by another process: a child's peak memory counts its parent's
                # size at the fork, and making the bytes here would grow this process.
                subprocess.run(
                    [sys.executable, __file__, "--write", label, str(path), str(size)], check=True
                )
            else:
                path = small
            runs = [run_process(str(path)) for _ in range(args.runs)]
            seconds = statistics.median(r[0] for r in runs)
            mib = statistics.median(r[1] for r in runs)
            met = "yes" if seconds < TARGET_SECONDS and mib < TARGET_MIB else "NO"
            print(f"{label:<38} {seconds:>6.2f} s {mib:>6.0f} MiB {runs[0][2]:>9}  {met}")
            if name:
                path.unlink()
    print(f"Targets: under {TARGET_SECONDS:g} s and under {TARGET_MIB:g} MB for each file")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
