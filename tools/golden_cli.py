"""The command-line invocations the golden files record (see ``tools/golden.py``), and the
fixed days, authorities and user files they use."""

from __future__ import annotations

import datetime
import shlex
from pathlib import Path

import attrs

REPO = Path(__file__).resolve().parent.parent
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


@attrs.frozen
class Call:
    """One command-line invocation; ``files``: what it writes (relative to the run's folder)."""

    argv: tuple[str, ...]
    files: str | None = None


def real(arg: str) -> str:
    """An argument with ``<repo>`` and ``<shared>`` made the real folders."""
    return arg.replace("<repo>", str(REPO)).replace("<shared>", str(SHARED))


SUBCOMMANDS = (
    "summary",
    "show",
    "ratings",
    "trusts",
    "interventions",
    "delivery",
    "measures",
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
    "sandwell-ilacs-2026-09-07,sandwell,ilacs,2026-09-07,good,my-notes\n"
)
MY_BAD = (
    "id,authority,framework,published,overall,source\n"
    "sandwell-ilacs-2026-09-14,sandwell,ilacs,2026-13-14,good,my-notes\n"
    "sandwell-sif-2015-06-05,sandwell,sif,2015-06-05,outstanding,my-notes\n"
    "sandwell-ilacs-2026-09-21,sandwell,ilacs,2026-09-21,adequate,my-notes\n"
    "sandwell-ilacs-2026-09-28,sandwel,ilacs,2026-09-28,good,my-notes\n"
)


def prepare(tmp: Path) -> None:
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


def _calls(*lines: str, files: bool = False) -> list[Call]:
    """Invocations written as on a command line (``childservices`` left out); with ``files``,
    what each writes to its ``--out`` is recorded too."""
    calls = []
    for line in lines:
        argv = tuple(shlex.split(line))
        out = argv[argv.index("--out") + 1] if files else None
        calls.append(Call(argv=argv, files=out))
    return calls


BY = ("delivery_model", "region", "era", "intervention")
"""The groups of ``time-to-good --by``."""


def _layout_calls() -> list[Call]:
    """Every drop-in layout in both formats (files recorded), to standard output, and refused."""
    written = []
    for fmt in ("csv", "xlsx"):
        written += [
            *(
                f"export --layout d2i-summary --on {d} --format {fmt} --out summary-{d}.{fmt}"
                for d in ("2019-06-01", "2025-03-31", "2026-08-20")
            ),
            *(
                f"export --layout {layout} --format {fmt} --out {layout}.{fmt}"
                for layout in ("d2i-history", "inspections")
            ),
            f"export --layout ofsted-as-at --on 2025-03-31 --published-by 2025-06-30 --format {fmt} --out as-at-2025-03-31.{fmt}",
            f"export --layout ofsted-as-at --on 2019-03-31 --published-by 2019-03-31 --format {fmt} --out as-at-2019-03-31.{fmt}",
            f"export --layout ofsted-as-at --on 2014-03-31 --format {fmt} --out as-at-2014-03-31.{fmt}",
        ]
    return [
        *_calls(*written, files=True),
        *_calls("export --layout d2i-summary --on 2024-10-01 --out -"),
        *_calls(f"export --layout d2i-summary --on {AFTER} --out after.csv", files=True),
        *_calls(
            "export --layout ofsted-as-at --on 2025-03-31 --out -",
            "export --layout d2i-history --out -",
            "export --layout inspections --out -",
            "export --layout d2i-summary --out x.csv",
            "export --layout d2i-summary --on 2024-10-01 --format json --out x.json",
            "export --layout d2i-summary --on 2024-10-01 --format xlsx --out -",
            "export --layout d2i-summary --on 2026-08-20 --out feed.csv",
        ),
    ]


_UNTIL = "--until 2026-08-20"
CLI_GROUPS: dict[str, list[Call]] = {
    "cli-help": _calls(
        "--help",
        "--version",
        *(f"{c} --help" for c in SUBCOMMANDS),
        "",
        "nonsense",
        "ratings",
        "ratings --on 2019",
        "ratings --on yesterday",
        "ratings --on 2019-06",
        "ratings --on 1800-01-01",
        "ratings --on 2019-02-30",
        "ratings --on 2019-06-01 --basis nonsense",
        "show",
        "export --format pdf --out x",
    ),
    "cli-summary": _calls("summary"),
    "cli-show": _calls(
        *(f"show {shlex.quote(a)}" for a in AUTHORITIES),
        "show 333",
        "show E08000028",
        "show sandwell",
        "show 'West Northamptonshire'",
        "show Tower Hamlets",
        "show Isle of Wight",
        "show Sandwel",
        "show Nowhere",
        "show ''",
    ),
    "cli-ratings": _calls(
        *(f"ratings --on {d}" for d in DAYS),
        "ratings --on 2010-06-01 --all-frameworks",
        "ratings --on 2012-06-01 --all-frameworks --format csv",
        "ratings --on 2019-06-01 --format csv",
        "ratings --on 2024-10-01 --format json",
        "ratings --on 31/03/2024 --basis impact-of-leaders",
        "ratings --on 2026-08-20 --basis latest-overall --format csv",
        "ratings --on 2026-08-20 --basis in_care --format csv",
        f"ratings --on {AFTER} --format csv",
        "ratings --on 2026-12-6 --format csv",
        "ratings --on 20190601",
        "ratings --on 1999-01-01",
    ),
    "cli-trusts": _calls(
        *(f"trusts --on {d}" for d in DAYS),
        "trusts --on 2020-01-01 --format csv",
        "trusts --on 2024-09-24 --format json",
        "trusts --on 1999-01-01",
    ),
    "cli-delivery": _calls(
        "delivery",
        "delivery --format csv",
        "delivery --returns",
        "delivery --returns --format json",
        "delivery --model childrens_trust --model council_company",
        "delivery Isle of Wight",
        "delivery Tower Hamlets",
        "delivery Nowhere",
    ),
    "cli-interventions": _calls(
        *(f"interventions --on {d}" for d in DAYS),
        "interventions --on 2016-06-01 --format json",
        "interventions --on 2019-06-01 --format csv",
        "interventions --on 2026-08-20 --format csv",
    ),
    "cli-measures": _calls(
        "measures",
        "measures cla_at_31_march --authority Sandwell --authority Tower Hamlets",
        "measures placements_three_or_more_percent --authority Rutland --authority Sandwell "
        "--year 2025 --format csv",
        "measures cin_at_31_march --authority Sandwell --year all --as-of 2016-12-01 "
        "--format json",
        "measures cla_at_31_marhc",
        "measures cla_at_31_march --year 1990",
    ),
    "cli-time-to-good": _calls(
        f"time-to-good {_UNTIL}",
        *(f"time-to-good --by {by} {_UNTIL} --format csv" for by in BY),
        f"time-to-good --show steps {_UNTIL}",
        f"time-to-good --show units {_UNTIL} --format csv",
        "time-to-good --from-grade requires_improvement --unit authority --judged-from "
        "2014-01-01 --judged-to 2019-12-31 --until 2025-03-31 --confidence 0.9 --format json",
        "time-to-good --confidence 1.5",
        f"time-to-good --from-grade adequate {_UNTIL}",
        f"time-to-good --from-grade adequate --all-frameworks {_UNTIL}",
        "time-to-good --judged-from 2020-01-01 --judged-to 2019-01-01",
        "time-to-good --until 2010-01-01",
        "time-to-good",
    ),
    "cli-export-seed": [
        *_calls("export --out seed-csv", files=True),
        *_calls("export --out seed-csv", "export --out seed-csv --force"),
        *_calls("export --format json --out seed-json", files=True),
        *_calls("export --format json --out -", "export --format xlsx --out seed-xlsx"),
    ],
    "cli-export-layouts": _layout_calls(),
    "cli-validate": _calls(
        "validate mine",
        "validate mine --alone",
        "validate mine-bad",
        "validate broken/inspections.csv broken/notes.csv missing.csv",
        "validate <repo>/tests/fixtures/tiny_seeds --alone",
        "validate seed-csv --alone",
    ),
    "cli-extra": _calls(
        "--extra mine ratings --on 2026-10-01 --format csv",
        "--extra mine show Sandwell",
        "--extra mine-bad show Sandwell",
        "--extra missing summary",
        "--follow-links --extra mine trusts --on 2024-10-01",
        "--follow-links --extra mine --extra broken/notes.csv trusts --on 2024-10-01",
    ),
    "cli-update": _calls(
        "update --feed missing-feed.csv --reports reports",
        "update --feed broken/notes.csv --reports reports",
        "update --feed feed.csv --reports reports --data-dir data",
    ),
    "cli-read-report": _calls(
        "read-report 'not-a-report - 1 june 2020.pdf' absent.pdf --format csv",
        "read-report absent.pdf",
    ),
}
"""The invocations that need nothing beside the checkout, by golden file name."""


def cli_groups() -> dict[str, list[Call]]:
    """Every group of invocations, by golden file name (without ``.txt``): with one real
    report read where ``../shared`` is beside the checkout."""
    groups = dict(CLI_GROUPS)
    if Path(real(REPORT_PDF)).exists():
        pdf = shlex.quote(REPORT_PDF)
        groups[NEEDS_SHARED] = _calls(
            f"read-report {pdf} --format csv", f"read-report {pdf} --format json"
        )
    return groups
