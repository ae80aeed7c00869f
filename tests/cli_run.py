"""Running the command line in the test's own process, as the CLI tests do."""

from __future__ import annotations

import io

import pytest

from childservices.cli import main


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line in this process: its exit status (a usage error's or --help's
    too), standard output and error. No traceback may reach standard error."""
    out = io.StringIO()
    try:
        status = main(list(argv), out=out)
    except SystemExit as exc:  # a usage error or --help
        status = int(exc.code or 0)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return status, out.getvalue() + captured.out, captured.err
