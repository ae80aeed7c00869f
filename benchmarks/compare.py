"""This tree against an earlier commit: (b) of ``benchmarks/run.py`` and ``import childservices``.

The earlier commit's ``src/`` is written to a temporary folder with ``git
archive``; then each case runs as a fresh interpreter, in turn with the others
(a, b-before, b-now, attrs, f-before, f-now, a, ...), after one warm-up each,
reading compiled bytecode as an installed package does (see
``benchmarks/run.py``), and the medians and the fastest runs are printed with
their ratios, of wall time and of the CPU time the child used (user and
system, from ``os.wait4``: on a shared machine the CPU time varies less, since
waiting for a core is not counted):

- **(a)** the bare dependencies (``import attrs, cattrs, pendulum``);
- **(b)** ``import childservices``, load the bundled dataset and print every
  current authority's grade, with the earlier commit's library and with this
  tree's;
- **(attrs)** ``python -c "import attrs"``;
- **(f)** ``import childservices`` alone, with each library.

Run from the repository root, on a machine as quiet as can be had, several
times::

    python benchmarks/compare.py df9a748 --runs 21
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import BARE, LIBRARY, ROOT, bytecode_env


def _run(code: str, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one fresh interpreter running ``code``."""
    start = time.perf_counter()
    with subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.DEVNULL, cwd=ROOT, env=env
    ) as child:
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"benchmark process failed ({child.returncode})")
    return wall, usage.ru_utime + usage.ru_stime


def _interleaved(
    cases: dict[str, str], runs: int, env: dict[str, str]
) -> dict[str, dict[str, float]]:
    """Median and fastest wall and CPU milliseconds of each case, run in turn."""
    for code in cases.values():
        _run(code, env)  # warm the file cache and write the bytecode
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, code in cases.items():
            times[name].append(_run(code, env))
    results = {}
    for name, pairs in times.items():
        wall = [w * 1000 for w, _ in pairs]
        cpu = [c * 1000 for _, c in pairs]
        results[name] = {
            "wall": statistics.median(wall),
            "wall_min": min(wall),
            "cpu": statistics.median(cpu),
            "cpu_min": min(cpu),
        }
        r = results[name]
        print(
            f"  ({name}) wall median {r['wall']:6.1f} ms (min {r['wall_min']:6.1f}); "
            f"CPU median {r['cpu']:6.1f} ms (min {r['cpu_min']:6.1f})"
        )
    return results


def _at(src: Path, code: str) -> str:
    return f"import sys\nsys.path.insert(0, {str(src)!r})\n{code}"


def main(argv: list[str] | None = None) -> int:
    """Run the cases and print medians, fastest runs and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", help="the earlier commit (any git revision)")
    parser.add_argument("--runs", type=int, default=21, help="fresh processes per case")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="childservices-compare-") as work:
        before = Path(work) / "before"
        before.mkdir()
        archive = subprocess.run(
            ["git", "archive", args.before, "src"], cwd=ROOT, check=True, capture_output=True
        )
        subprocess.run(["tar", "-x", "-C", str(before)], input=archive.stdout, check=True)
        now = ROOT / "src"
        cases = {
            "a": BARE,
            "b-before": _at(before / "src", LIBRARY),
            "b-now": _at(now, LIBRARY),
            "attrs": "import attrs",
            "f-before": _at(before / "src", "import childservices"),
            "f-now": _at(now, "import childservices"),
        }
        print(f"{args.before} against this tree ({args.runs} runs each, interleaved):")
        results = _interleaved(cases, args.runs, bytecode_env(str(Path(work) / "pyc")))
    for key, label in (
        ("wall", "wall medians"),
        ("wall_min", "fastest wall"),
        ("cpu", "CPU medians"),
        ("cpu_min", "least CPU"),
    ):
        r = {name: result[key] for name, result in results.items()}
        print(
            f"  by {label}: (b)/(a) before {r['b-before'] / r['a']:.2f}, now {r['b-now'] / r['a']:.2f};"
            f" (b) now/before {r['b-now'] / r['b-before']:.3f};"
            f" (f)/attrs before {r['f-before'] / r['attrs']:.2f}, now {r['f-now'] / r['attrs']:.2f};"
            f" (f) now/before {r['f-now'] / r['f-before']:.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
