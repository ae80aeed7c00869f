"""The command line, run as a user runs it: a subprocess on the bundled dataset."""

import subprocess
import sys

import pytest


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "childservices", *args], capture_output=True, text=True, timeout=120
    )


def test_summary() -> None:
    result = _run("summary")
    assert result.returncode == 0, result.stderr
    assert "authorities:" in result.stdout and "inspections:" in result.stdout


def test_show_accepts_any_identifier() -> None:
    by_name, by_dfe = _run("show", "Sandwell"), _run("show", "333")
    assert by_name.returncode == 0, by_name.stderr
    assert by_name.stdout.startswith("Sandwell (sandwell)")
    assert by_dfe.stdout == by_name.stdout


def test_unknown_authority_is_one_line_and_non_zero() -> None:
    result = _run("show", "Sandwel")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "childservices: no authority matches 'Sandwel'; did you mean 'Sandwell'?"
    ]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [["--help"], ["show", "--help"]])
def test_help(args: list[str]) -> None:
    result = _run(*args)
    assert result.returncode == 0 and "usage:" in result.stdout
