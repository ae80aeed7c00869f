"""The command line against the library it calls: `childservices show X` and `ratings --on DAY`.

Each case is a fresh interpreter, run in turn with the others (a, b, c, a,
b, c, ...) after one warm-up each, reading compiled bytecode as an installed
package does (see ``benchmarks/run.py``); medians are printed, and the ratios
from this one run:

- **(a)** ``python -c "import attrs"``: a bare interpreter and the first
  dependency;
- **(b)** ``childservices show Sandwell`` (as ``python -m childservices``);
- **(c)** the library giving the same answer: ``cs.load()``, the authority,
  and each inspection, intervention and delivery episode printed with its
  sources' addresses, as ``show`` prints them;
- **(d)** ``childservices ratings --on 2024-03-31 --format csv``;
- **(e)** the library giving the same table: each authority in existence
  that day with the inspection that set its rating (grade, framework,
  publication date, id), printed as CSV;
- **(f)** ``python -c "import childservices"``: the package alone, every name
  imported on first use.

Targets: (b)/(c) and (d)/(e) at most 1.2 (issue 17); (f)/(a) at most 1.5
(issue 23). Run from the repository
root: ``python benchmarks/cli.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import bytecode_env, whole_processes

CLI = "import sys; from childservices.cli import main; sys.exit(main(sys.argv[1:]))"

SHOW_LIBRARY = """
import childservices as cs
ds = cs.load()
a = ds.authority("Sandwell")
def urls(citations):
    return "; ".join(dict.fromkeys(ds.source(c.source).url or "" for c in citations))
print(a.name, a.id)
for i in a.inspections_with_predecessors():
    print(i.published, i.framework.value, i.overall, [(j.area.value, j.grade.value) for j in i.judgements])
    print(urls(i.citations))
for s in a.interventions:
    print(s.date, s.kind.value, s.by, urls(s.citations))
for e in a.deliveries:
    print(e.start, e.end, e.model.value, urls(e.citations))
for v in a.visits:
    print(v.published, v.kind.value)
print(ds.coverage.reports_to)
"""

RATINGS_LIBRARY = """
import csv, sys
import childservices as cs
ds = cs.load()
writer = csv.writer(sys.stdout)
writer.writerow(["authority", "name", "rating", "framework", "published", "inspection"])
for a in ds.authorities(active_on="2024-03-31"):
    i = a.rated_inspection_on("2024-03-31")
    if i is None:
        writer.writerow([a.id, a.name, "", "", "", ""])
    else:
        writer.writerow([a.id, a.name, i.overall.value, i.framework.value, i.published, i.id])
"""


def main(argv: list[str] | None = None) -> int:
    """Run the cases and print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=11, help="fresh processes per case")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="childservices-bench-") as cache:
        cases = {
            "a": ("import attrs",),
            "b": (CLI, "show", "Sandwell"),
            "c": (SHOW_LIBRARY,),
            "d": (CLI, "ratings", "--on", "2024-03-31", "--format", "csv"),
            "e": (RATINGS_LIBRARY,),
            "f": ("import childservices",),
        }
        print(f"Whole processes ({args.runs} runs each, interleaved, after one warm-up):")
        results = whole_processes(cases, args.runs, env=bytecode_env(cache))
    ms = {name: result["ms"] for name, result in results.items()}
    print(
        f"  show:    (b)/(c) = {ms['b'] / ms['c']:.2f}  (target <= 1.2); (b)/(a) = {ms['b'] / ms['a']:.2f}"
    )
    print(
        f"  ratings: (d)/(e) = {ms['d'] / ms['e']:.2f}  (target <= 1.2); (d)/(a) = {ms['d'] / ms['a']:.2f}"
    )
    print(f"  import:  (f)/(a) = {ms['f'] / ms['a']:.2f}  (target <= 1.5)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
