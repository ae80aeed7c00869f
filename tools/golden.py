"""Golden files: the command line's and the library's answers, recorded so a refactor can prove
it changes no behaviour.

    python tools/golden.py --write   # record every group into tests/golden/
    python tools/golden.py --check   # regenerate, compare, print every difference (exit 1)

Each group is one file in ``tests/golden/``: ``cli-*.txt`` for command-line
invocations (run in this process through ``childservices.cli.main``, with
standard output, standard error, the exit status and any files a command
writes), ``api-*.txt`` for answers of the public API. ``tests/test_golden.py``
runs the same generation and compares byte for byte.

What is done to keep the files independent of where and when they run:

- Every command runs with the working folder set to a fresh temporary folder,
  ``CHILDSERVICES_DATA_DIR`` pointing at an empty folder there (so no update
  run of the user's is merged) and ``COLUMNS=80`` (argparse's help width).
  The temporary folder's path is written ``<tmp>``, the repository's ``<repo>``
  and the shared sources folder ``<shared>``.
- ``summary`` prints today's date: it is written ``<today>``. What it and
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
import enum
import hashlib
import io
import os
import pickle
import sys
import tempfile
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

REPO = Path(__file__).resolve().parent.parent
if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))

GOLDEN = REPO / "tests" / "golden"
SHARED = REPO.parent / "shared"
REPORT_PDF = "<shared>/sources/ofsted-reports/80419_isle of wight/children's services inspection - 15 december 2023.pdf"
"""One real report, read by ``read-report`` (``<shared>`` is ``../shared``)."""

NEEDS_SHARED = "cli-read-report-pdf"
"""The group left out where ``../shared`` is missing."""

STABLE_FROM = datetime.date(2026, 11, 28)
"""The latest date any record mentions: from this day on, 'today' changes nothing but its own
printed date."""

DAYS = ("2010-06-01", "2014-04-01", "2019-06-01", "2024-10-01", "2025-03-31", "2026-08-20")
"""Fixed days for every on-a-day question."""

AFTER = "2026-09-30"
"""A day after the record's newest report (2026-08-20): the coverage note and warning."""

AUTHORITIES = (
    "Sandwell",
    "Birmingham",
    "Doncaster",
    "Northamptonshire",
    "North Northamptonshire",
    "Trafford",
    "Tower Hamlets",
    "Slough",
    "Isle of Wight",
    "Bradford",
    "Worcestershire",
)

SMALL = 120_000
"""Text up to this many characters is kept verbatim; longer text is digested."""


# Stable text forms ------------------------------------------------------------------------


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Verbatim(str):
    """Text shown as it is in an answer (not as a Python string)."""

    __slots__ = ()


def digest(text: str, head: int = 3) -> Verbatim:
    """A long text's size, line count, first lines (to 160 characters) and sha256."""
    lines = text.splitlines()
    shown = "\n".join(f"  | {line[:160]}" for line in lines[:head])
    return Verbatim(
        f"<digest: {len(text)} characters, {len(lines)} lines, "
        f"sha256 {_sha(text.encode('utf-8'))}; first lines:>\n{shown}"
    )


def verbatim_or_digest(text: str) -> str:
    return text if len(text) <= SMALL else digest(text) + "\n"


_BRIEF = {
    "Inspection",
    "Visit",
    "Intervention",
    "DeliveryEpisode",
    "Source",
    "Provider",
    "Authority",
    "InsourcingEvent",
    "ProgrammeMembership",
}
"""Records written as their class and id where they appear inside another answer."""


def show(value: Any, *, brief: bool = True, indent: int = 0, width: int = 120) -> str:
    """A stable text form of an answer: one line if short, else one item a line, indented.

    Attrs classes by their fields, enums as ``Class.NAME``, dates with their type, sets
    sorted; records inside other answers (``brief``) as ``Inspection('id')``.
    """
    one = _line(value, brief)
    if len(one) + 2 * indent <= width or not _nested(value, brief):
        return one
    pad = "  " * (indent + 1)
    end = "  " * indent
    if isinstance(value, Mapping):
        items = [
            f"{pad}{_line(k, brief)}: {show(v, brief=brief, indent=indent + 1)}"
            for k, v in value.items()
        ]
        name = _mapping_name(value)
        body = "{\n" + ",\n".join(items) + f"\n{end}}}"
        return f"{name}({body})" if name else body
    if isinstance(value, (set, frozenset)):
        parts = sorted(show(v, brief=brief, indent=indent + 1) for v in value)
        return f"{type(value).__name__}({{\n" + ",\n".join(pad + p for p in parts) + f"\n{end}}})"
    if isinstance(value, (list, tuple)):
        open_, close = ("[", "]") if isinstance(value, list) else ("(", ")")
        parts = [pad + show(v, brief=brief, indent=indent + 1) for v in value]
        return open_ + "\n" + ",\n".join(parts) + f"\n{end}{close}"
    fields = [
        f"{pad}{name}={show(v, brief=brief, indent=indent + 1)}" for name, v in _fields(value)
    ]
    return f"{type(value).__name__}(\n" + ",\n".join(fields) + f"\n{end})"


def _nested(value: Any, brief: bool) -> bool:
    return isinstance(value, (Mapping, set, frozenset, list, tuple)) or (
        attrs.has(type(value)) and not _is_brief_record(value, brief=brief) and not _opaque(value)
    )


def _opaque(value: Any) -> bool:
    return type(value).__name__ in {"AuthorityView", "Dataset", "PartialDate"}


def _is_brief_record(value: Any, *, brief: bool) -> bool:
    return brief and type(value).__name__ in _BRIEF and hasattr(value, "id")


def _mapping_name(value: Mapping[Any, Any]) -> str:
    return "" if type(value) is dict else type(value).__name__


def _fields(value: Any) -> list[tuple[str, Any]]:
    return [(f.name, getattr(value, f.name)) for f in attrs.fields(type(value)) if f.repr]


def _line(value: Any, brief: bool) -> str:
    if isinstance(value, Verbatim):
        return str(value)
    if value is None or isinstance(value, (bool, int, float, str, bytes)):
        return repr(value)
    if isinstance(value, enum.Enum):
        return f"{type(value).__name__}.{value.name}"
    if isinstance(value, datetime.datetime):
        return f"{type(value).__name__}({value.isoformat()})"
    if isinstance(value, datetime.date):
        return f"{type(value).__name__}({value.isoformat()})"
    if _opaque(value):
        return (
            f"{type(value).__name__}({value})"
            if type(value).__name__ == "PartialDate"
            else repr(value)
        )
    if _is_brief_record(value, brief=brief):
        return f"{type(value).__name__}({value.id!r})"
    if isinstance(value, Mapping):
        inner = ", ".join(f"{_line(k, brief)}: {_line(v, brief)}" for k, v in value.items())
        name = _mapping_name(value)
        return f"{name}({{{inner}}})" if name else f"{{{inner}}}"
    if isinstance(value, (set, frozenset)):
        return f"{type(value).__name__}({{{', '.join(sorted(_line(v, brief) for v in value))}}})"
    if isinstance(value, list):
        return "[" + ", ".join(_line(v, brief) for v in value) + "]"
    if isinstance(value, tuple):
        inner = ", ".join(_line(v, brief) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if attrs.has(type(value)):
        inner = ", ".join(f"{n}={_line(v, brief)}" for n, v in _fields(value))
        return f"{type(value).__name__}({inner})"
    return repr(value)


# Running things and recording what happened -----------------------------------------------


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


@attrs.frozen
class Call:
    """One command-line invocation; ``files``: what it writes (relative to the run's folder)."""

    argv: tuple[str, ...]
    files: str | None = None


def _call(*argv: str, files: str | None = None) -> Call:
    return Call(argv=argv, files=files)


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
            code: object = main([_real(a) for a in call.argv])
        except SystemExit as exc:
            code = 0 if exc.code is None else exc.code
    parts = [
        "$ childservices " + " ".join(_quote(a) for a in call.argv) + "\n",
        f"exit: {code}\n",
        "--- stdout\n" + _stream(out.getvalue()),
        "--- stderr\n" + _stream(err.getvalue()),
        *(line + "\n" for line in _warning_lines(caught)),
    ]
    if call.files is not None:
        parts.append(_files(Path(call.files)))
    return paths("".join(parts))


def _stream(text: str) -> str:
    """An output as it was (digested if long), saying so when its last line has no newline."""
    if len(text) > SMALL:
        return digest(text) + "\n"
    if text and not text.endswith("\n"):
        return text + "\n<no newline at the end>\n"
    return text


def _real(arg: str) -> str:
    """An argument with ``<repo>`` and ``<shared>`` made the real folders."""
    return arg.replace("<repo>", str(REPO)).replace("<shared>", str(SHARED))


def _quote(arg: str) -> str:
    return repr(arg) if not arg or any(c in arg for c in " '\"") else arg


def _files(root: Path) -> str:
    if not root.exists():
        return f"--- files under {root}: none written\n"
    found = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
    parts = [f"--- files under {root}: {len(found)}\n"]
    for path in found:
        parts.append(f"=== {path.as_posix()}\n")
        parts.append(_file_content(path))
    return "".join(parts)


def _file_content(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".xlsx":
        return _xlsx_cells(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return f"<binary: {len(data)} bytes, sha256 {_sha(data)}>\n"
    if len(text) > SMALL:
        return f"{digest(text)}\n<{len(data)} bytes, sha256 {_sha(data)}>\n"
    return _stream(text)


def _xlsx_cells(path: Path) -> str:
    import openpyxl

    book = openpyxl.load_workbook(path)
    parts = []
    for sheet in book.worksheets:
        rows = "".join(repr(row) + "\n" for row in sheet.iter_rows(values_only=True))
        parts.append(
            f"sheet {sheet.title!r}: {sheet.max_row} rows, {sheet.max_column} columns\n"
            + _stream(rows)
        )
    return "".join(parts)


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


# The command-line invocations -------------------------------------------------------------


SUBCOMMANDS = (
    "summary",
    "show",
    "ratings",
    "trusts",
    "interventions",
    "time-to-good",
    "export",
    "validate",
    "update",
    "read-report",
)

MY_SOURCE = (
    "id,title,publisher,published,url\nmy-notes,My notes,Me,2024-01,https://example.org/notes\n"
)
MY_GOOD = (
    "id,authority,framework,published,overall,source\n"
    "sandwell-ilacs-2030-01-07,sandwell,ilacs,2030-01-07,good,my-notes\n"
)
MY_BAD = (
    "id,authority,framework,published,overall,source\n"
    "sandwell-ilacs-2031-01-07,sandwell,ilacs,2031-13-07,good,my-notes\n"
    "sandwell-sif-2015-06-05,sandwell,sif,2015-06-05,outstanding,my-notes\n"
    "sandwell-ilacs-2032-01-07,sandwell,ilacs,2032-01-07,adequate,my-notes\n"
    "sandwell-ilacs-2033-01-07,sandwel,ilacs,2033-01-07,good,my-notes\n"
)


def _prepare(tmp: Path) -> None:
    """The user's files some invocations read, written into the run's folder."""
    for name, inspections in (("mine", MY_GOOD), ("mine-bad", MY_BAD)):
        (tmp / name / "sources").mkdir(parents=True)
        (tmp / name / "inspections").mkdir()
        (tmp / name / "sources" / "notes.csv").write_text(MY_SOURCE, encoding="utf-8")
        (tmp / name / "inspections" / "visits.csv").write_text(inspections, encoding="utf-8")
    (tmp / "broken").mkdir()
    (tmp / "broken" / "inspections.csv").write_bytes(b"id,authority,nonsense\n\xff\xfe,\n")
    (tmp / "broken" / "notes.csv").write_text("a,b\n", encoding="utf-8")
    (tmp / "not-a-report - 1 june 2020.pdf").write_text("<html>saved web page</html>")
    (tmp / "reports").mkdir()


def cli_groups() -> dict[str, list[Call]]:
    """Every group of invocations, by golden file name (without ``.txt``)."""
    groups: dict[str, list[Call]] = {
        "cli-help": [
            _call("--help"),
            _call("--version"),
            *(_call(c, "--help") for c in SUBCOMMANDS),
            _call(),
            _call("nonsense"),
            _call("ratings"),
            _call("ratings", "--on", "2019"),
            _call("ratings", "--on", "2019-02-30"),
            _call("ratings", "--on", "2019-06-01", "--basis", "nonsense"),
            _call("show"),
            _call("export", "--format", "pdf", "--out", "x"),
        ],
        "cli-summary": [_call("summary")],
        "cli-show": [
            *(_call("show", a) for a in AUTHORITIES),
            _call("show", "333"),
            _call("show", "E08000028"),
            _call("show", "sandwell"),
            _call("show", "West Northamptonshire"),
            _call("show", "Sandwel"),
            _call("show", "Nowhere"),
            _call("show", ""),
        ],
        "cli-ratings": [
            *(_call("ratings", "--on", d) for d in DAYS),
            _call("ratings", "--on", "2010-06-01", "--all-frameworks"),
            _call("ratings", "--on", "2012-06-01", "--all-frameworks", "--format", "csv"),
            _call("ratings", "--on", "2019-06-01", "--format", "csv"),
            _call("ratings", "--on", "2024-10-01", "--format", "json"),
            _call("ratings", "--on", "31/03/2024", "--basis", "impact-of-leaders"),
            _call("ratings", "--on", "2026-08-20", "--basis", "latest-overall", "--format", "csv"),
            _call("ratings", "--on", "2026-08-20", "--basis", "in_care", "--format", "csv"),
            _call("ratings", "--on", AFTER, "--format", "csv"),
        ],
        "cli-trusts": [
            *(_call("trusts", "--on", d) for d in DAYS),
            _call("trusts", "--on", "2020-01-01", "--format", "csv"),
            _call("trusts", "--on", "2024-09-24", "--format", "json"),
        ],
        "cli-interventions": [
            *(_call("interventions", "--on", d) for d in DAYS),
            _call("interventions", "--on", "2016-06-01", "--format", "json"),
            _call("interventions", "--on", "2019-06-01", "--format", "csv"),
        ],
        "cli-time-to-good": [
            _call("time-to-good", "--until", "2026-08-20"),
            *(
                _call("time-to-good", "--by", by, "--until", "2026-08-20", "--format", "csv")
                for by in ("delivery_model", "region", "era", "intervention")
            ),
            _call("time-to-good", "--show", "steps", "--until", "2026-08-20"),
            _call("time-to-good", "--show", "units", "--until", "2026-08-20", "--format", "csv"),
            _call(
                "time-to-good",
                "--from-grade",
                "requires_improvement",
                "--unit",
                "authority",
                "--judged-from",
                "2014-01-01",
                "--judged-to",
                "2019-12-31",
                "--until",
                "2025-03-31",
                "--confidence",
                "0.9",
                "--format",
                "json",
            ),
            _call("time-to-good", "--confidence", "1.5"),
            _call("time-to-good"),
        ],
        "cli-export-seed": [
            _call("export", "--out", "seed-csv", files="seed-csv"),
            _call("export", "--out", "seed-csv"),
            _call("export", "--out", "seed-csv", "--force"),
            _call("export", "--format", "json", "--out", "seed-json", files="seed-json"),
            _call("export", "--format", "json", "--out", "-"),
            _call("export", "--format", "xlsx", "--out", "seed-xlsx"),
        ],
        "cli-export-layouts": _layout_calls(),
        "cli-validate": [
            _call("validate", "mine"),
            _call("validate", "mine", "--alone"),
            _call("validate", "mine-bad"),
            _call("validate", "broken/inspections.csv", "broken/notes.csv", "missing.csv"),
            _call("validate", "<repo>/tests/fixtures/tiny_seeds", "--alone"),
            _call("validate", "seed-csv", "--alone"),
        ],
        "cli-extra": [
            _call("--extra", "mine", "ratings", "--on", "2030-02-01", "--format", "csv"),
            _call("--extra", "mine", "show", "Sandwell"),
            _call("--extra", "mine-bad", "show", "Sandwell"),
            _call("--extra", "missing", "summary"),
            _call("--follow-links", "--extra", "mine", "trusts", "--on", "2024-10-01"),
            _call(
                "--follow-links",
                "--extra",
                "mine",
                "--extra",
                "broken/notes.csv",
                "trusts",
                "--on",
                "2024-10-01",
            ),
        ],
        "cli-update": [
            _call("update", "--feed", "missing-feed.csv", "--reports", "reports"),
            _call("update", "--feed", "broken/notes.csv", "--reports", "reports"),
            _call("update", "--feed", "feed.csv", "--reports", "reports", "--data-dir", "data"),
        ],
        "cli-read-report": [
            _call("read-report", "not-a-report - 1 june 2020.pdf", "absent.pdf", "--format", "csv"),
            _call("read-report", "absent.pdf"),
        ],
    }
    if Path(_real(REPORT_PDF)).exists():
        groups[NEEDS_SHARED] = [
            _call("read-report", REPORT_PDF, "--format", "csv"),
            _call("read-report", REPORT_PDF, "--format", "json"),
        ]
    return groups


def _layout_calls() -> list[Call]:
    calls = []
    for fmt in ("csv", "xlsx"):
        for day in ("2019-06-01", "2025-03-31", "2026-08-20"):
            name = f"summary-{day}.{fmt}"
            calls.append(
                _call(
                    "export",
                    "--layout",
                    "d2i-summary",
                    "--on",
                    day,
                    "--format",
                    fmt,
                    "--out",
                    name,
                    files=name,
                )
            )
        for layout in ("d2i-history", "inspections"):
            name = f"{layout}.{fmt}"
            calls.append(
                _call("export", "--layout", layout, "--format", fmt, "--out", name, files=name)
            )
        for on, by in (
            ("2025-03-31", "2025-06-30"),
            ("2019-03-31", "2019-03-31"),
            ("2014-03-31", None),
        ):
            name = f"as-at-{on}.{fmt}"
            extra = () if by is None else ("--published-by", by)
            calls.append(
                _call(
                    "export",
                    "--layout",
                    "ofsted-as-at",
                    "--on",
                    on,
                    *extra,
                    "--format",
                    fmt,
                    "--out",
                    name,
                    files=name,
                )
            )
    calls += [
        _call("export", "--layout", "d2i-summary", "--on", "2024-10-01", "--out", "-"),
        _call(
            "export",
            "--layout",
            "d2i-summary",
            "--on",
            AFTER,
            "--out",
            "after.csv",
            files="after.csv",
        ),
        _call("export", "--layout", "ofsted-as-at", "--on", "2025-03-31", "--out", "-"),
        _call("export", "--layout", "d2i-history", "--out", "-"),
        _call("export", "--layout", "inspections", "--out", "-"),
        _call("export", "--layout", "d2i-summary", "--out", "x.csv"),
        _call(
            "export",
            "--layout",
            "d2i-summary",
            "--on",
            "2024-10-01",
            "--format",
            "json",
            "--out",
            "x.json",
        ),
        _call(
            "export",
            "--layout",
            "d2i-summary",
            "--on",
            "2024-10-01",
            "--format",
            "xlsx",
            "--out",
            "-",
        ),
        _call("export", "--layout", "d2i-summary", "--on", "2026-08-20", "--out", "feed.csv"),
    ]
    return calls


# The public API's answers -----------------------------------------------------------------


def _ids(records: Any) -> list[str]:
    return [r.id for r in records]


def _rows(table: Any, keys: Sequence[str] | None = None, column: str | None = None) -> Any:
    """A layout table's columns and rows (only those whose ``column``, by default the first,
    is one of ``keys``)."""
    records = table.records()
    if keys is not None:
        column = column or table.columns[0]
        records = [r for r in records if str(r[column]) in keys]
    return {"columns": table.columns, "len": len(table), "rows": records}


def _table_digest(table: Any) -> Verbatim:
    text = "".join(repr(row) + "\n" for row in table.text_rows())
    return Verbatim(f"{len(table)} rows; {digest(text, head=2)}")


def _frames(frames: Mapping[str, Any]) -> dict[str, Any]:
    return {
        name: {
            "shape": frame.shape,
            "columns": list(frame.columns),
            "dtypes": [str(t) for t in frame.dtypes],
        }
        for name, frame in frames.items()
    }


def _time_to_good(results: Sequence[Any]) -> list[Any]:
    """Each group's median and interval, counts, and every unit followed (in brief)."""
    return [
        {
            "group": r.group,
            "median_years": r.median_years(),
            "reached": r.reached,
            "follow_ups": [
                (
                    f.unit,
                    f.entry.id,
                    f.start,
                    f.end,
                    f.days,
                    f.censored,
                    getattr(f.reached, "id", None),
                )
                for f in r.follow_ups
            ],
            "steps": r.estimate.steps,
        }
        for r in results
    ]


def _problems(load: Callable[[], Any]) -> list[str]:
    """The problems a load finds, one string each."""
    from childservices import DatasetError

    try:
        load()
    except DatasetError as exc:
        return [str(p) for p in exc.problems]
    return []


def _pickled(value: Any) -> Any:
    return pickle.loads(pickle.dumps(value))


def api_groups() -> dict[str, list[str]]:
    """Every group of API answers: Python expressions over ``ds`` (``cs.load()``) and ``cs``."""
    some = [f"ds.authority({a!r})" for a in AUTHORITIES]
    per_authority = [
        f"{a}.{what}"
        for a in some
        for what in (
            "id",
            "name",
            "kind",
            "region",
            "active_from",
            "active_to",
            "identifiers",
            "identifier('ons')",
            "aliases",
            "predecessors",
            "successors",
            "lineage",
            "statistical_neighbours",
            "_ids_(inspections)",
            "_ids_(inspections_with_predecessors())",
            "_ids_(visits)",
            "_ids_(visits_with_predecessors())",
            "_ids_(interventions)",
            "directions",
            "deliveries",
            "insourcing",
            "programmes",
            "_ids_(rating_inspections())",
            "_ids_(rating_inspections(frameworks=cs.ALL_FRAMEWORKS))",
        )
    ]
    per_authority = [_method_ids(e) for e in per_authority]
    on_days = [
        f"{a}.{what}"
        for a in some
        for d in DAYS
        for what in (
            f"active_on({d!r})",
            f"rating_on({d!r})",
            f"rating_on({d!r}, frameworks=cs.ALL_FRAMEWORKS)",
            f"rating_on({d!r}, follow_predecessors=False)",
            f"rating_on({d!r}, rating_basis=cs.RatingBasis.LATEST_OVERALL)",
            f"rating_on({d!r}, rating_basis=cs.Area.HELP_AND_PROTECTION)",
            f"rated_inspection_on({d!r})",
            f"judgements_on({d!r})",
            f"delivery_on({d!r})",
            f"intervention_status_on({d!r})",
            f"intervention_steps_on({d!r})",
            f"peers_on({d!r})",
        )
    ]
    return {
        "api-dataset": [
            "cs.__version__",
            "ds.data_version",
            "ds.coverage",
            "ds.covered_until",
            "len(ds)",
            "[a.id for a in ds]",
            "[a.id for a in ds.authorities(kind='unitary')]",
            "[a.id for a in ds.authorities(region=cs.Region.LONDON)]",
            *(f"len(ds.authorities(active_on={d!r}))" for d in DAYS),
            "ds.lineages()",
            "ds.lifecycles",
            "ds.lifecycle('sandwell-childrens-trust')",
            "ds.records.count()",
            *(
                f"ds.authority({q!r})"
                for q in (
                    "333",
                    "E08000028",
                    "80549",
                    "sandwell",
                    "SANDWELL",
                    "Sandwel",
                    "Nowhere",
                    "",
                )
            ),
            "ds.source('nope')",
            "ds.inspection('nope')",
            "ds.visit('nope')",
            "ds.inspection('sandwell-sif-2018-01-29')",
            "ds.source(ds.inspection('sandwell-sif-2018-01-29').citations[0].source)",
            "ds.authority('Sandwell').rating_on('2019')",
            "ds.authority('Sandwell').rating_on(20190601)",
            "ds.ratings_on('2019-06-01', rating_basis='overall')",
            "ds.shares_on('2019-06-01', by='nonsense')",
            "ds.transitions(by='nonsense')",
            "cs.CountingRule(inspected_by='2025-03-31', published_by='nonsense')",
        ],
        "api-authorities": per_authority,
        "api-records": [
            f"{a}.{what}"
            for a in (
                "ds.authority('Sandwell')",
                "ds.authority('Trafford')",
                "ds.authority('Isle of Wight')",
            )
            for what in ("record", "inspections", "visits", "interventions")
        ],
        "api-on-days": on_days,
        "api-ratings": [
            *(f"ds.ratings_on({d!r})" for d in DAYS),
            "ds.ratings_on('2010-06-01', frameworks=cs.ALL_FRAMEWORKS)",
            "ds.ratings_on('2014-04-01', frameworks=cs.ALL_FRAMEWORKS)",
            "ds.ratings_on('2026-08-20', rating_basis=cs.RatingBasis.LATEST_OVERALL)",
            "ds.ratings_on('2026-08-20', rating_basis=cs.Area.IMPACT_OF_LEADERS)",
            f"ds.ratings_on({AFTER!r})",
        ],
        "api-delivery": [
            *(f"ds.delivery_on({d!r})" for d in DAYS),
            *(f"ds.run_by(on={d!r})" for d in DAYS),
            "ds.run_by([cs.DeliveryModel.CHILDRENS_TRUST], on='2024-10-01')",
            *(f"ds.trusts_operating(on={d!r})" for d in (*DAYS, "2024-09-24")),
            "[(a.id, a.improvements_after_changes(until='2026-08-20')) for a in ds]",
            "ds.authority('Doncaster').improvements_after_changes(until='2026-08-20', adequate_as=cs.Grade.REQUIRES_IMPROVEMENT)",
        ],
        "api-interventions": [
            *(f"ds.under_intervention(on={d!r})" for d in DAYS),
            *(f"ds.under_intervention(on={d!r}, not_known=True)" for d in (*DAYS, "2016-06-01")),
        ],
        "api-panel": [
            "[r for r in ds.panel(cs.quarterly('2019-01-01', '2019-12-31')) if r.authority in ('sandwell', 'birmingham', 'doncaster')]",
            "[r for r in ds.panel(cs.quarterly('2024-04-01', '2025-04-01')) if r.authority in ('bradford', 'trafford', 'slough')]",
            "[r for r in ds.panel(cs.monthly('2020-10-01', '2021-06-01')) if 'northamptonshire' in r.authority]",
            "len(ds.panel(cs.quarterly('2014-01-01', '2026-07-01')))",
            "[r for r in ds.panel(['2026-08-20'], rating_basis=cs.Area.IN_CARE) if r.authority in ('trafford', 'sandwell')]",
            "cs.quarterly('2024-01-01', '2024-12-31')",
            "cs.monthly('2024-01-15', '2024-04-01')",
            *(f"ds.shares_on({d!r})" for d in DAYS),
            *(
                f"ds.shares_on('2024-10-01', by={by!r})"
                for by in ("kind", "region", "delivery_model")
            ),
            "ds.shares_on('2026-08-20', rating_basis=cs.RatingBasis.LATEST_OVERALL)",
            "ds.transitions()",
            *(f"ds.transitions(by={by!r})" for by in ("era", "delivery_model", "direction")),
            "ds.transitions(frameworks=cs.ALL_FRAMEWORKS)",
        ],
        "api-survival": [
            "_time_to_good_(ds.time_to_good(data_until='2026-08-20'))",
            *(
                f"_time_to_good_(ds.time_to_good(by={by!r}, data_until='2026-08-20'))"
                for by in ("delivery_model", "region", "era", "intervention")
            ),
            "_time_to_good_(ds.time_to_good(unit=cs.Unit.AUTHORITY, data_until='2025-03-31', confidence=0.9))",
            "_time_to_good_(ds.time_to_good(from_grade=cs.Grade.REQUIRES_IMPROVEMENT, judged_from='2014-01-01', judged_to='2019-12-31', data_until='2026-08-20'))",
            "ds.reached_good(judged_from='2014-01-01', judged_to='2019-12-31', data_until='2026-06-30')",
            "ds.reached_good(judged_from='2014-01-01', judged_to='2022-12-31', horizons=(1, 2, 3, 5), data_until='2026-08-20', unit=cs.Unit.AUTHORITY)",
        ],
        "api-official": [
            *(
                f"ds.official_count(cs.CountingRule(inspected_by={i!r}, published_by={p!r}{extra}))"
                for i, p in (
                    ("2014-03-31", "2014-06-30"),
                    ("2019-03-31", "2019-03-31"),
                    ("2022-03-31", "2022-07-01"),
                    ("2025-03-31", "2025-06-30"),
                    ("2026-08-20", "2026-08-20"),
                )
                for extra in (
                    "",
                    ", new_authorities=cs.NewAuthorities.INHERIT",
                    ", basis=cs.Basis.FIRST_SIF",
                )
            ),
            "ds.official_count(cs.CountingRule(inspected_by='2026-08-20', published_by='2026-08-20', rating_basis=cs.RatingBasis.LATEST_OVERALL))",
            "ds.official_count(cs.CountingRule(inspected_by='2026-08-20', published_by='2026-08-20', rating_basis=cs.Area.HELP_AND_PROTECTION))",
            *(f"ds.escalation(on={d!r})" for d in ("2019-06-01", "2024-10-01", "2026-06-30")),
        ],
        "api-trajectory": [
            f"ds.authority({a!r}).trajectory(until='2026-08-20')" for a in AUTHORITIES
        ]
        + [
            "ds.authority('Sandwell').trajectory(until='2019-06-01', frameworks=cs.ALL_FRAMEWORKS)",
            "ds.authority('North Northamptonshire').trajectory(until='2026-08-20', follow_predecessors=False)",
        ],
        "api-tables": [
            *(f"_rows_(ds.summary_table(on={d!r}), URNS)" for d in ("2019-06-01", "2026-08-20")),
            *(f"_table_digest_(ds.summary_table(on={d!r}))" for d in DAYS),
            "_rows_(ds.summary_table(on='2024-10-01', frameworks=cs.ALL_FRAMEWORKS), ['80549', '80489'])",
            "_rows_(ds.history_table(), ['sandwell', 'trafford', 'birmingham'], 'local_authority')",
            "_table_digest_(ds.history_table())",
            "_table_digest_(ds.history_table(frameworks=cs.SIF_AND_LATER))",
            "ds.inspections_table().columns",
            "ds.inspections_table().row('sandwell-sif-2018-01-29')",
            "_table_digest_(ds.inspections_table())",
            "_rows_(ds.as_at_table(cs.CountingRule(inspected_by='2025-03-31', published_by='2025-06-30')))",
            "_table_digest_(ds.as_at_table(cs.CountingRule(inspected_by='2019-03-31', published_by='2019-03-31')))",
        ],
        "api-own-records": [
            "len(cs.load_seeds(TINY))",
            "cs.load_seeds(TINY).data_version",
            "cs.load_seeds(TINY).coverage",
            "[(a.id, a.rating_on('2022-01-01'), a.delivery_on('2022-01-01')) for a in cs.load_seeds(TINY)]",
            "cs.load_seeds(TINY).lineages()",
            "_verbatim_(cs.load_seeds(TINY).to_json(indent=1))",
            "cs.load(extra=['mine']).data_version",
            "cs.load(extra=['mine']).inspection('sandwell-ilacs-2030-01-07')",
            "cs.load(extra=['mine']).ratings_on('2030-02-01')['sandwell']",
            "_problems_(lambda: cs.load(extra=['mine-bad']))",
            "_problems_(lambda: cs.load(extra=['missing']))",
            "_problems_(lambda: cs.load_seeds('mine'))",
            "cs.load(extra=['mine-bad'])",
            "_pickled_(ds) is ds",
            "_pickled_(cs.load_seeds(TINY)).to_json() == cs.load_seeds(TINY).to_json()",
            "_pickled_(ds.authority('Sandwell').rating_on('2019-06-01'))",
        ],
        "api-layouts": [
            "layouts.LAYOUTS",
            "layouts.D2I_SUMMARY",
            "layouts.D2I_HISTORY",
            "layouts.INSPECTIONS",
            "layouts.OFSTED_AS_AT",
            "layouts.HISTORY_FRAMEWORKS",
            "(layouts.NOT_GIVEN_CELL, layouts.POST_REFORM_CELL, layouts.PRE_DATES_CELL)",
        ],
        "api-export": [
            "_digest_(ds.to_json())",
            "_digest_(ds.to_json(indent=1))",
            "ds.to_json(indent='2')",
            "_frames_(ds.to_frames())",
            "{t: (len(rows), _digest_(repr(rows))) for t, rows in export.table_rows(ds.records).items()}",
            "{t: export.columns(t) for t in export.table_rows(ds.records)}",
        ],
    }


FULL_RECORDS = {"api-records"}
"""Groups whose records are written in full (elsewhere an inspection is ``Inspection('id')``)."""


def _method_ids(expression: str) -> str:
    """``X._ids_(attr)`` written as ``_ids_(X.attr)``."""
    if "._ids_(" not in expression:
        return expression
    head, inner = expression.split("._ids_(", 1)
    return f"_ids_({head}.{inner}"


def api_answers(expressions: Sequence[str], *, brief: bool = True) -> str:
    import childservices as cs
    from childservices import export, layouts

    names = {
        "cs": cs,
        "ds": cs.load(),
        "export": export,
        "_ids_": _ids,
        "_rows_": _rows,
        "_table_digest_": _table_digest,
        "_digest_": digest,
        "_frames_": _frames,
        "_time_to_good_": _time_to_good,
        "_problems_": _problems,
        "_pickled_": _pickled,
        "_verbatim_": Verbatim,
        "layouts": layouts,
        "TINY": str(REPO / "tests" / "fixtures" / "tiny_seeds"),
    }
    names["URNS"] = [names["ds"].authority(a).identifier("ofsted_urn") for a in AUTHORITIES]
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
        _prepare(tmp)
        with _environment(tmp):
            for group, calls in cli_groups().items():
                if groups is not None and group not in groups and not _needed(group, groups):
                    continue
                text = "\n".join(run_cli(c, paths) for c in calls)
                if group == "cli-summary":
                    text = text.replace(today.isoformat(), "<today>")
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
