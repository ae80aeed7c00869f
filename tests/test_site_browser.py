"""The site in a real browser (issue 29): every authority's page and the national pages
opened in headless Chromium, served from the built HTML on 127.0.0.1.

Each page is checked for what a reader meets: no error in the browser's console and no
failed load, the sections it promises, no serious or critical accessibility violation
(axe-core, WCAG 2.2 AA and the levels below it), and no horizontal scroll at a phone's
width. The index's table is sorted and filtered by clicking and typing. Screenshots of a
sample of pages at a desktop's and a phone's width are written beside the HTML, in
``screenshots/`` of the build folder.

Needs the ``browser`` extra (Playwright, driving the system's Chromium, and axe-core as
packaged by ``axe-playwright-python``) and a Chromium (``CHILDSERVICES_CHROMIUM``, or
``chromium`` on the path; ``.ci/run`` installs Debian's). Without them the tests skip and
say why; under CI they fail. Slow: CI builds the docs first and points
``CHILDSERVICES_SITE_HTML`` at them.
"""

from __future__ import annotations

import concurrent.futures
import functools
import http.server
import importlib.util
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
SERIOUS = ("serious", "critical")
SCREENSHOTS = (
    "index",
    "authorities/index",
    "authorities/sandwell",
    "authorities/cumbria",
    "national/grades",
    "national/map",
)
# Sections every authority's page has, whatever the record holds for it (each says so
# when it has nothing to show).
AUTHORITY_SECTIONS = (
    "Names and codes",
    "Inspections",
    "Visits",
    "Interventions",
    "Who ran the services",
    "Statistical neighbours",
    "Official figures",
    "What the record does not know",
)
CHROMIUM_FLAGS = [
    # Root in a container has no sandbox; the rest keep Chromium off the (closed) network.
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _needs(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def chromium() -> str:
    """The Chromium to drive: ``CHILDSERVICES_CHROMIUM`` or the one on the path."""
    for module in ("playwright", "axe_playwright_python"):
        if importlib.util.find_spec(module) is None:
            _needs(
                f"the browser tests need the browser extra: pip install -e '.[browser]' ({module})"
            )
    found = os.environ.get("CHILDSERVICES_CHROMIUM") or shutil.which("chromium")
    if not found:
        _needs(
            "the browser tests need Chromium: apt-get install chromium (or set CHILDSERVICES_CHROMIUM)"
        )
    return str(found)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Say nothing per request."""


@pytest.fixture(scope="module")
def site(html: Path) -> Iterator[str]:
    """The built HTML served on 127.0.0.1 (a free port) for the length of the module."""
    handler = functools.partial(_Quiet, directory=str(html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _pages(html: Path) -> list[str]:
    """Every page of the site, as paths from the root without ``.html``."""
    authorities = sorted(p.stem for p in (html / "authorities").glob("*.html"))
    national = sorted(f"national/{p.stem}" for p in (html / "national").glob("*.html"))
    return ["index", *(f"authorities/{a}" for a in authorities), *national]


class _Visit:
    """What one page showed: its problems and its headings."""

    def __init__(self) -> None:
        self.console: list[str] = []
        self.failed: list[str] = []
        self.violations: list[str] = []
        self.title = ""
        self.headings: list[str] = []
        self.overflow = 0


def _visit_all(names: list[str], site: str, chromium: str, shots: Path) -> dict[str, _Visit]:
    """Open each page in one Chromium: checked at a desktop's width, then at a phone's."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    axe = Axe()
    found: dict[str, _Visit] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport=DESKTOP)
            current: list[_Visit] = []
            page.on("console", lambda m: m.type == "error" and current[-1].console.append(m.text))
            page.on("pageerror", lambda e: current[-1].console.append(str(e)))
            page.on("requestfailed", lambda r: current[-1].failed.append(r.url))
            page.on(
                "response",
                lambda r: r.status >= 400 and current[-1].failed.append(f"{r.status} {r.url}"),
            )
            for name in names:
                visit = _Visit()
                current.append(visit)
                found[name] = visit
                shot = shots / name.replace("/", "-")
                page.set_viewport_size(DESKTOP)
                page.goto(f"{site}{name}.html", wait_until="load")
                visit.title = page.locator("article h1").first.inner_text().strip()
                visit.headings = [h.strip() for h in page.locator("article h2").all_inner_texts()]
                result = axe.run(page, options=AXE_OPTIONS).response
                visit.violations = [
                    f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
                    for v in result["violations"]
                    if v["impact"] in SERIOUS
                ]
                if name in SCREENSHOTS:
                    page.screenshot(path=f"{shot}-desktop.png", full_page=True)
                page.set_viewport_size(PHONE)
                visit.overflow = page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth"
                )
                if name in SCREENSHOTS:
                    page.screenshot(path=f"{shot}-phone.png")
        finally:
            browser.close()
    return found


@pytest.fixture(scope="module")
def visits(html: Path, site: str, chromium: str) -> dict[str, _Visit]:
    """Every page opened once, shared among two browsers at a time (each in its own thread,
    with its own Playwright: its API is not shared between threads)."""
    shots = html.parent / "screenshots"
    shots.mkdir(exist_ok=True)
    names = _pages(html)
    workers = max(1, min(2, os.cpu_count() or 1))
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        parts = pool.map(
            lambda share: _visit_all(share, site, chromium, shots),
            [names[i::workers] for i in range(workers)],
        )
        found: dict[str, _Visit] = {}
        for part in parts:
            found.update(part)
    return found


def test_every_authority_page_is_opened(visits: dict[str, _Visit], html: Path) -> None:
    from test_site_built import _authority_ids

    opened = {n.removeprefix("authorities/") for n in visits if n.startswith("authorities/")}
    assert opened - {"index"} == _authority_ids()


def test_no_console_error_and_no_failed_load(visits: dict[str, _Visit]) -> None:
    problems = {n: v.console + v.failed for n, v in visits.items() if v.console or v.failed}
    assert not problems


def test_no_serious_or_critical_accessibility_violation(visits: dict[str, _Visit]) -> None:
    problems = {n: v.violations for n, v in visits.items() if v.violations}
    assert not problems


def test_no_horizontal_scroll_at_a_phones_width(visits: dict[str, _Visit]) -> None:
    problems = {n: v.overflow for n, v in visits.items() if v.overflow > 0}
    assert not problems


def test_each_national_page_has_a_title(visits: dict[str, _Visit]) -> None:
    national = {n: v for n, v in visits.items() if n.startswith("national/")}
    assert {"national/index", "national/grades", "national/interventions"} <= set(national)
    assert all(v.title for v in national.values()), national


def test_each_authority_page_has_its_sections(visits: dict[str, _Visit]) -> None:
    for name, visit in visits.items():
        if not name.startswith("authorities/") or name == "authorities/index":
            continue
        missing = [
            s for s in AUTHORITY_SECTIONS if not any(h.startswith(s) for h in visit.headings)
        ]
        assert not missing, (name, missing)
        assert any(h.startswith("Rating on") for h in visit.headings), name


# Ofsted's grades from best to worst, then the answers that are not grades: the order
# a reader expects of the rating column.
GRADES = (
    "outstanding",
    "good",
    "requires improvement to be good",
    "inadequate",
    "no overall judgement",
    "none recorded",
    "did not exist",
)


def _grade_rank(cell: str) -> int:
    return next(i for i, grade in enumerate(GRADES) if cell.lower().startswith(grade))


def test_the_index_table_sorts_and_filters(site: str, chromium: str) -> None:
    """Click a header to sort by it, press it from the keyboard to reverse; sort by rating;
    type a name into the filter to leave its row alone."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport=DESKTOP)
            page.goto(f"{site}authorities/index.html", wait_until="load")
            table = page.locator("table.sortable").first
            rows = table.locator("tbody tr")
            total = rows.count()
            first_column = [
                r.strip() for r in table.locator("tbody tr > :first-child").all_inner_texts()
            ]
            assert len(first_column) == total > 150
            button = table.locator("thead button").first
            button.click()
            ascending = [
                r.strip() for r in table.locator("tbody tr > :first-child").all_inner_texts()
            ]
            assert ascending == sorted(first_column, key=str.casefold)
            assert table.locator("thead th").first.get_attribute("aria-sort") == "ascending"
            # Again from the keyboard: the header is a real button, reached and pressed.
            button.focus()
            assert page.evaluate("document.activeElement.tagName") == "BUTTON"
            page.keyboard.press("Enter")
            descending = [
                r.strip() for r in table.locator("tbody tr > :first-child").all_inner_texts()
            ]
            assert descending == list(reversed(ascending))
            assert table.locator("thead th").first.get_attribute("aria-sort") == "descending"
            rating = table.locator("thead th").nth(3)
            assert rating.inner_text().startswith("rating on")
            rating.locator("button").click()
            grades = [
                r.strip() for r in table.locator("tbody tr > :nth-child(4)").all_inner_texts()
            ]
            assert grades == sorted(grades, key=_grade_rank)
            assert grades[0] == "outstanding"
            page.get_by_role("searchbox").first.focus()
            page.keyboard.type("Sandwell")
            visible = [r for r in table.locator("tbody tr").all() if r.is_visible()]
            assert len(visible) == 1
            assert "Sandwell" in visible[0].inner_text()
        finally:
            browser.close()
