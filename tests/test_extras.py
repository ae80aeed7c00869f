"""Without its optional packages the library says which extra to install, for each feature.

The package is installed, without extras, into a fresh virtual environment
(pip fetches attrs, cattrs and pendulum), and each optional feature is tried
there: every one raises :class:`childservices.MissingExtraError` naming the
extra, for an installed package and for a checkout. It also shows that the
installed package works without the repository: it loads the bundled record
and answers a question.
"""

from __future__ import annotations

import json
import subprocess
import venv
from pathlib import Path

import pytest

from childservices.extras import EXTRAS

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow

SCRIPT = r'''
import json, sys, tempfile
import childservices as cs
from childservices import plot
messages = {}
def attempt(name, call):
    try:
        call()
    except cs.MissingExtraError as exc:
        messages[name] = str(exc)
    except Exception as exc:
        messages[name] = f"UNEXPECTED {type(exc).__name__}: {exc}"
    else:
        messages[name] = "NO ERROR"
ds = cs.load()
messages["answer"] = ds.authority("Sandwell").rating_on("2019-06-01").value
attempt("reports", lambda: __import__("childservices.reports", fromlist=["read_report"]).read_report(sys.argv[1]))
attempt("pandas", lambda: ds.to_frames())
attempt("plot", lambda: plot.authority_timeline(ds.authority("Sandwell")))
path = tempfile.mktemp(suffix=".xlsx")
open(path, "wb").write(b"PK\x03\x04 not really a workbook")
from childservices.update import read_feed
attempt("update", lambda: read_feed(path))
ods = tempfile.mktemp(suffix=".ods")
attempt("ods", lambda: ds.in_year_table("2024-25").to_ods(ods))
import os
messages["ods_written"] = os.path.exists(ods)
print(json.dumps(messages))
'''


def test_each_optional_feature_names_its_extra(tmp_path: Path) -> None:
    environment = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(environment)
    python = environment / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert install.returncode == 0, install.stderr
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4 made up")
    run = subprocess.run(
        [str(python), "-c", SCRIPT, str(pdf)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,  # not the checkout: the installed package alone
    )
    assert run.returncode == 0, run.stderr
    messages = json.loads(run.stdout)
    assert messages.pop("answer") == "inadequate"  # Sandwell, June 2019 (SIF, January 2018)
    assert messages.pop("ods_written") is False  # nothing half-written without odfpy
    extras = {
        "reports": "pypdf",
        "pandas": "pandas",
        "plot": "matplotlib",
        "update": "openpyxl",
        "ods": "odf",  # the import name; the extra installs odfpy
    }
    for extra, package in extras.items():
        message = messages[extra]
        assert f"needs the optional package {package}" in message, message
        assert f"pip install 'childservices[{extra}]'" in message, message
        assert f"pip install '.[{extra}]'" in message, message
    assert set(messages) == set(extras)
    assert set(extras) == set(EXTRAS.values())  # every extra the library has is tried
