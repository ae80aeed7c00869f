"""The analyst's command line, round two (issue 27): each item as the analyst ran it."""

from __future__ import annotations

import io

import pytest

from childservices.cli import main


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line in this process: its exit status, standard output and error."""
    out = io.StringIO()
    try:
        status = main(list(argv), out=out)
    except SystemExit as exc:  # a usage error or --help
        status = int(exc.code or 0)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return status, out.getvalue() + captured.out, captured.err


# 2. names of several words need no quotes ------------------------------------------


def test_show_takes_a_name_of_several_words_unquoted(capsys: pytest.CaptureFixture[str]) -> None:
    status, unquoted, err = _run(capsys, "show", "Tower", "Hamlets")
    assert status == 0, err
    _, quoted, _ = _run(capsys, "show", "Tower Hamlets")
    assert unquoted == quoted and unquoted.startswith("Tower Hamlets (tower-hamlets)")
