"""The command line never prints a traceback: generated command lines over the commands and
options of issue 27 (names of several words, days written any way, the delivery command,
time-to-good's options, the as-at export), run in this process as a user runs them."""

from __future__ import annotations

import contextlib
import io

from fuzzing import budget
from hypothesis import given, strategies as st

from childservices.cli import main

DAYS = st.one_of(
    st.sampled_from(
        [
            "today",
            "TODAY",
            "2026-12-6",
            "20261206",
            "6/12/2026",
            "2019",
            "2019-06",
            "1999-01-01",
            "2020-13-01",
            "2019-02-30",
            "31/02/2024",
            "99999999",
            "0000-00-00",
            "",
            " ",
            "-1",
        ]
    ),
    st.dates().map(str),
    st.text(alphabet="0123456789-/ tT", max_size=12),
)
WORDS = st.lists(
    st.one_of(
        st.sampled_from(["Tower", "Hamlets", "Isle", "of", "Wight", "Bucks", "333", "--", "-x"]),
        st.text(max_size=8),
    ),
    max_size=4,
)
GRADES = st.sampled_from(["inadequate", "requires_improvement", "adequate", "good", "nonsense"])
FORMATS = st.sampled_from([[], ["--format", "csv"], ["--format", "json"], ["--format", "xml"]])


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    """A command line of one of the commands issue 27 changed or added."""
    command = draw(st.sampled_from(["show", "delivery", "on-a-day", "time-to-good", "as-at"]))
    if command in ("show", "delivery"):
        argv = [command, *draw(WORDS)]
        if command == "delivery":
            argv += draw(st.sampled_from([[], ["--returns"], ["--model", "childrens_trust"]]))
    elif command == "on-a-day":
        argv = [draw(st.sampled_from(["ratings", "trusts", "interventions"])), "--on", draw(DAYS)]
    elif command == "time-to-good":
        argv = ["time-to-good", "--from-grade", draw(GRADES)]
        for option in ("--judged-from", "--judged-to", "--until"):
            if draw(st.booleans()):
                argv += [option, draw(DAYS)]
        argv += draw(st.sampled_from([[], ["--all-frameworks"]]))
    else:
        argv = ["export", "--layout", "ofsted-as-at", "--on", draw(DAYS), "--out", "-"]
        if draw(st.booleans()):
            argv += ["--published-by", draw(DAYS)]
    return argv + (draw(FORMATS) if command != "as-at" else [])


@budget(60)
@given(command_lines())
def test_no_command_line_prints_a_traceback(argv: list[str]) -> None:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        try:
            status = main(argv, out=out)
        except SystemExit as exc:  # usage errors and --help
            status = exc.code if isinstance(exc.code, int) else 2
    assert status in (0, 1, 2), (argv, status)
    assert "Traceback" not in err.getvalue()
    if status != 0:
        # A refusal is one line (argparse's usage line comes first for usage errors).
        message = [line for line in err.getvalue().splitlines() if not line.startswith("usage:")]
        assert message and message[-1].startswith("childservices"), (argv, err.getvalue())
