"""Golden files: the command line's and the library's answers, recorded so a refactor can prove
it changes no behaviour.

    python tools/golden.py --write   # record every group into tests/golden/
    python tools/golden.py --check   # regenerate, compare, print every difference (exit 1)

Each group is one file in ``tests/golden/``: ``cli-*.txt`` for command-line
invocations (run in this process through ``childservices.cli.main``, with
standard output, standard error, the exit status and any files a command
writes), ``api-*.txt`` for answers of the public API. ``tests/test_golden.py``
runs the same generation and compares byte for byte. What is recorded is listed
in ``tools/golden_cli.py`` (the invocations, days and authorities) and
``tools/golden_api.py`` (the API expressions); ``tools/golden_text.py`` writes
answers and files as stable text. ``python tools/golden.py --check cli-show``
regenerates one group (by file name, without ``.txt``).

What is done to keep the files independent of where and when they run:

- Every command runs with the working folder set to a fresh temporary folder,
  ``CHILDSERVICES_DATA_DIR`` pointing at an empty folder there (so no update
  run of the user's is merged) and ``COLUMNS=80`` (argparse's help width).
  The temporary folder's path is written ``<tmp>``, the repository's ``<repo>``
  and the shared sources folder ``<shared>``.
- ``summary`` (also run by a bare ``childservices``) prints today's date in its
  "Ratings in force on" line: it is written ``<today>``, in every group. What it and
  ``show`` (its closing note) print otherwise depends on the day only through
  records dated after it; the record's latest date is 2026-11-28
  (:data:`STABLE_FROM`), and the script refuses to run on an earlier day.
  Every other command and API answer is given a fixed day.
- Files a command writes are recorded by content: CSV and JSON text verbatim
  when small, otherwise its size, line count, first lines and sha256; xlsx as
  the cells of every sheet (read with openpyxl; the zip's bytes carry a
  timestamp).
- Warnings are recorded as ``warning: Class: message`` lines, only those the
  package itself raises (others come from third-party libraries' versions).
- Sets (a ``CountingRule``'s frameworks) are written sorted: their order varies
  with hash randomisation.
- ``cli-read-report-pdf.txt`` reads one real report from ``../shared/sources``; where
  that folder is missing the group is left out (the test skips it).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import difflib
import io
import os
import sys
import tempfile
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

TOOLS = Path(__file__).resolve().parent
for folder in (TOOLS, TOOLS.parent / "src"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from golden_api import FULL_RECORDS, api_groups, api_names  # noqa: E402
from golden_cli import (  # noqa: E402
    NEEDS_SHARED,
    REPO,
    SHARED,
    STABLE_FROM,
    Call,
    cli_groups,
    prepare,
    real,
)
from golden_text import files_under, show, stream  # noqa: E402

__all__ = ["GOLDEN", "NEEDS_SHARED", "SHARED", "differences", "generate", "main"]

GOLDEN = REPO / "tests" / "golden"


class _Paths:
    """Replaces the run's own folders in recorded text with stable names."""

    def __init__(self, tmp: Path) -> None:
        pairs = [(tmp, "<tmp>"), (REPO, "<repo>"), (SHARED, "<shared>")]
        seen: list[tuple[str, str]] = []
        for path, name in pairs:
            for text in {str(path), os.path.realpath(path)}:
                seen.append((text, name))
        self._pairs = sorted(seen, key=lambda p: -len(p[0]))

    def __call__(self, text: str) -> str:
        for path, name in self._pairs:
            text = text.replace(path, name)
        return text


def _warning_lines(caught: Sequence[warnings.WarningMessage]) -> list[str]:
    return [
        f"warning: {w.category.__name__}: {w.message}"
        for w in caught
        if w.category.__module__.startswith("childservices")
    ]


@contextlib.contextmanager
def _environment(tmp: Path) -> Iterator[None]:
    """A fresh working folder, an empty user data folder and a fixed terminal width."""
    saved = {k: os.environ.get(k) for k in ("CHILDSERVICES_DATA_DIR", "COLUMNS", "LINES")}
    cwd = os.getcwd()
    (tmp / "userdata").mkdir(exist_ok=True)
    os.environ["CHILDSERVICES_DATA_DIR"] = str(tmp / "userdata")
    os.environ["COLUMNS"] = "80"
    os.environ["LINES"] = "24"
    os.chdir(tmp)
    try:
        yield
    finally:
        os.chdir(cwd)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run_cli(call: Call, paths: _Paths) -> str:
    """Run one invocation in this process; its exit status, output, warnings and files."""
    from childservices.cli import main

    out, err = io.StringIO(), io.StringIO()
    with (
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        warnings.catch_warnings(record=True) as caught,
    ):
        warnings.simplefilter("always")
        try:
            code: object = main([real(a) for a in call.argv])
        except SystemExit as exc:
            code = 0 if exc.code is None else exc.code
    parts = [
        "$ childservices " + " ".join(_quote(a) for a in call.argv) + "\n",
        f"exit: {code}\n",
        "--- stdout\n" + stream(out.getvalue()),
        "--- stderr\n" + stream(err.getvalue()),
        *(line + "\n" for line in _warning_lines(caught)),
    ]
    if call.files is not None:
        parts.append(files_under(Path(call.files)))
    return paths("".join(parts))


def _quote(arg: str) -> str:
    return repr(arg) if not arg or any(c in arg for c in " '\"") else arg


def run_api(items: Sequence[tuple[str, Callable[[], Any]]], brief: bool = True) -> str:
    """Each answer as ``>>> label`` and its stable text form (or the error it raised)."""
    parts = []
    for label, answer in items:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                text = show(answer(), brief=brief)
            except Exception as exc:  # the error is the answer
                text = f"raises {type(exc).__name__}: {exc}"
        parts.append(f">>> {label}\n{text}")
        parts.extend(_warning_lines(caught))
    return "\n".join(parts) + "\n"


def api_answers(expressions: Sequence[str], *, brief: bool = True) -> str:
    """Each expression evaluated over ``cs.load()`` and the helpers of ``golden_api``."""
    names = api_names()
    items = [(e, _evaluator(e, names)) for e in expressions]
    return run_api(items, brief=brief)


def _evaluator(expression: str, names: dict[str, Any]) -> Callable[[], Any]:
    return lambda: eval(expression, dict(names))


# Generating, writing, checking ------------------------------------------------------------


def generate(groups: Sequence[str] | None = None) -> dict[str, str]:
    """Every golden file's text, by file name; ``groups`` chooses some (by name, no ``.txt``)."""
    today = datetime.date.today()
    if today < STABLE_FROM:
        raise SystemExit(
            f"golden: today ({today}) is before {STABLE_FROM}, the record's latest date; "
            "'summary' and 'show' would answer differently"
        )
    result: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="golden-") as name:
        tmp = Path(name)
        paths = _Paths(tmp)
        prepare(tmp)
        with _environment(tmp):
            for group, calls in cli_groups().items():
                if groups is not None and group not in groups and not _needed(group, groups):
                    continue
                text = "\n".join(run_cli(c, paths) for c in calls)
                text = text.replace(f"in force on {today.isoformat()}", "in force on <today>")
                if groups is None or group in groups:
                    result[f"{group}.txt"] = text
            for group, expressions in api_groups().items():
                if groups is None or group in groups:
                    text = api_answers(expressions, brief=group not in FULL_RECORDS)
                    result[f"{group}.txt"] = paths(text)
    return result


def _needed(group: str, wanted: Sequence[str]) -> bool:
    """Whether ``group`` writes files a wanted group reads (exports read by validate, update)."""
    return group in ("cli-export-seed", "cli-export-layouts") and bool(
        {"cli-validate", "cli-update"} & set(wanted)
    )


def differences(expected: str, actual: str, name: str) -> str:
    return "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            f"tests/golden/{name} (recorded)",
            f"{name} (now)",
        )
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", action="store_true", help="record the golden files")
    action.add_argument("--check", action="store_true", help="compare; exit 1 on any difference")
    parser.add_argument("groups", nargs="*", help="only these groups (file names without .txt)")
    args = parser.parse_args(argv)
    files = generate(args.groups or None)
    if args.write:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (GOLDEN / name).write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {len(files)} golden files to {GOLDEN}")
        return 0
    failed = 0
    for name, text in files.items():
        path = GOLDEN / name
        recorded = path.read_text(encoding="utf-8") if path.exists() else ""
        if recorded != text:
            failed += 1
            print(differences(recorded, text, name) or f"{name}: differs (no line difference)")
    recorded_names = {p.name for p in GOLDEN.glob("*.txt")}
    missing = sorted(recorded_names - set(files)) if not args.groups else []
    for name in missing:
        print(f"{name}: recorded but not generated")
    print(
        f"golden: {len(files) - failed} of {len(files)} files the same"
        + (f"; {len(missing)} not generated" if missing else "")
    )
    return 1 if failed or missing else 0


if __name__ == "__main__":
    sys.exit(main())
