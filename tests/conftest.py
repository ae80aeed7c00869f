"""Shared test fixtures.

Tests that read ``../shared`` (Ofsted's reports, workbooks, snapshots) take
the ``shared_dir`` fixture. Without ``../shared`` they skip with a reason;
under CI (``CI=true``) a missing ``../shared`` is a failure instead.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TINY_SEEDS = Path(__file__).resolve().parent / "fixtures" / "tiny_seeds"
REPORT_TEXT_CACHE = Path(os.environ.get("CHILDSERVICES_TEST_CACHE", ROOT / ".cache")) / "report-text"
"""Text extracted from the shared report PDFs, keyed by each file's content: reading
them all takes minutes the first time and seconds after. Safe to delete."""

# The tests ask about the record as released: a developer's own update runs
# (``childservices update``) must not change their answers.
os.environ["CHILDSERVICES_DATA_DIR"] = tempfile.mkdtemp(prefix="childservices-test-data-")

settings.register_profile(
    "ci", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# The README's test command (profile "dev") tries 12 generated examples per property, so a
# newcomer's run takes under three minutes; CI (CI=true, profile "ci") tries 100.
settings.register_profile("dev", max_examples=12, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ``../shared`` folder beside the checkout."""
    if not (SHARED / "sources").is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"CI needs {SHARED} beside the checkout, and it is missing")
        pytest.skip(f"needs {SHARED} (Ofsted sources) beside the checkout; it is absent")
    return SHARED


@pytest.fixture(scope="session")
def report_text_cache() -> Path:
    """The folder that keeps text extracted from report PDFs between test runs."""
    return REPORT_TEXT_CACHE


@pytest.fixture(scope="session")
def tiny_seeds() -> Path:
    """A small made-up dataset in the seed format."""
    return TINY_SEEDS


@pytest.fixture(scope="session")
def html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built HTML: ``CHILDSERVICES_SITE_HTML`` if set, else a fresh build."""
    given = os.environ.get("CHILDSERVICES_SITE_HTML")
    if given:
        return Path(given).resolve()
    if importlib.util.find_spec("sphinx") is None or importlib.util.find_spec("furo") is None:
        reason = "building the site needs the docs extra: pip install -e '.[docs]'"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    out = tmp_path_factory.mktemp("html")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html"]
    subprocess.run([*command, str(ROOT / "docs"), str(out)], check=True, env=env)
    return out
