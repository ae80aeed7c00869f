"""The last small items of issues 25, 26 and 27, each as a user met it."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from cli_run import run_cli

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def _seed_rows(table: str) -> list[dict[str, str]]:
    """Every row of a seed table's files, as the csv module reads them."""
    rows: list[dict[str, str]] = []
    for path in sorted((SEEDS / table).glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows += list(csv.DictReader(handle))
    return rows


# issue 25: `delivery` shows how far the sources show an open episode running ----------------


def test_delivery_shows_known_until_in_every_format(capsys: pytest.CaptureFixture[str]) -> None:
    known = [row for row in _seed_rows("delivery") if row["known_until"]]
    assert any(row["authority"] == "trafford" for row in known)  # known only to 2018-03
    for row in known:
        status, out, err = run_cli(capsys, "delivery", row["authority"], "--format", "csv")
        assert status == 0, err
        (listed,) = [r for r in csv.DictReader(io.StringIO(out)) if r["start"] == row["start"]]
        assert (listed["end"], listed["known_until"]) == ("", row["known_until"])
        status, out, err = run_cli(capsys, "delivery", row["authority"], "--format", "json")
        (item,) = [i for i in json.loads(out) if i["start"] == row["start"]]
        assert (item["end"], item["known_until"]) == (None, row["known_until"])
        status, out, err = run_cli(capsys, "delivery", row["authority"])
        header, *lines = out.splitlines()
        assert "known_until" in header.split()
        assert any(row["known_until"] in line.split() for line in lines)


# issue 26: read_report checks the authority it is told against the printed name ----------


@pytest.mark.parametrize(
    ("folder", "right", "wrong"),
    [
        ("80483_leicestershire", "leicestershire", "leicester"),
        ("80534_nottinghamshire", "nottinghamshire", "nottingham"),
        ("80460_derbyshire", "derbyshire", "derby"),
    ],
)
def test_read_report_refuses_a_report_under_another_authority(
    shared_dir: Path, report_text_cache: Path, folder: str, right: str, wrong: str
) -> None:
    pytest.importorskip("pypdf")
    from childservices.errors import ReportError
    from childservices.reports import read_report

    pdf = sorted((shared_dir / "sources" / "ofsted-reports" / folder).glob("*.pdf"))[-1]
    inspection = read_report(pdf, authority=right, cache=report_text_cache)
    assert inspection.authority == right
    # Failed before: the report was read as the other authority's inspection.
    with pytest.raises(ReportError, match=rf"not .*\({wrong}\): not read as its inspection"):
        read_report(pdf, authority=wrong, cache=report_text_cache)


# issue 27 (e): validate reports field and cross-record problems in one run -------------


def test_validate_reports_field_and_cross_record_problems_in_one_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    delivery: dict[str, dict[str, str]] = {}
    for row in _seed_rows("delivery"):
        delivery.setdefault(row["id"], row)  # the first row of a record gives its fields
    trust = delivery["sandwell-sct"]  # Sandwell's trust, open since 2018-04-01
    assert (trust["start"], trust["end"]) == ("2018-04-01", "")
    source = _seed_rows("sources")[0]["id"]
    authorities = {row["id"] for row in _seed_rows("authorities")}
    assert "barnet" in authorities and "barnett" not in authorities
    mine = tmp_path / "mine"
    (mine / "inspections").mkdir(parents=True)
    (mine / "delivery").mkdir()
    (mine / "inspections" / "mine.csv").write_text(
        "id,authority,framework,kind,start,end,published,overall,lead_inspector,source,locator\n"
        f"x-1,barnet,ilacs,standrd,2024-13-01,,2024-03-01,good,,{source},row 1\n"
        f"x-2,barnett,ilacs,standard,2024-01-01,,2024-03-01,good,,{source},row 2\n",
        encoding="utf-8",
    )
    # A row valid on its own that overlaps the bundled trust: a cross-record problem.
    (mine / "delivery" / "mine.csv").write_text(
        "id,authority,model,provider,directed,scope,start,end,known_until,source,locator,note\n"
        f"mine-sandwell,sandwell,council_company,{delivery['slough-scf']['provider']},no,"
        f"{trust['scope']},2020-01-01,,,{source},row 1,\n",
        encoding="utf-8",
    )
    status, out, err = run_cli(capsys, "validate", str(mine))
    assert status == 1
    lines = out.splitlines()
    assert any(": kind: 'standrd'" in line for line in lines), out
    assert any(": start: month 13" in line for line in lines), out
    assert any(line.endswith("(did you mean 'barnet'?)") for line in lines), out
    # Failed before: the overlap was reported only in a second run, after the rest was fixed.
    assert any("mine-sandwell: start:" in line and "'sandwell-sct'" in line for line in lines), out
    assert "4 problems found" in err


# issue 27 (f): the command line builds only the parser of the command it runs ------------


def test_a_command_imports_only_its_own_group() -> None:
    import subprocess
    import sys

    from childservices.cli.parser import GROUPS

    for argv, group in [
        (["ratings", "--on", "2024-03-31", "--format", "csv"], "on_a_day"),
        (["--extra", "nowhere", "show", "Sandwell"], "show"),  # a global option's value first
    ]:
        code = (
            "import io, sys\n"
            "from childservices.cli import main\n"
            f"main({argv!r}, out=io.StringIO())\n"
            "import json\n"
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith('childservices.cli.'))))\n"
            "print('shutil' in sys.modules)\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
        )
        modules, shutil = result.stdout.splitlines()[-2:]
        others = {f"childservices.cli.{g}" for g in GROUPS if g != group}
        # Failed before: the parser imported every group's module (and argparse, shutil).
        assert not others & set(json.loads(modules)), modules
        assert f"childservices.cli.{group}" in modules
        if group == "on_a_day":
            assert shutil == "False"


def test_the_groups_table_names_every_command_of_the_full_parser(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from childservices.cli.parser import GROUPS, build_parser, command_word, group

    parser = build_parser()
    (commands,) = [a for a in parser._actions if a.dest == "command"]
    assert list(commands.choices) == [w for words in GROUPS.values() for w in words]
    for name in GROUPS:
        assert callable(group(name).add_commands)
    assert command_word(["--extra", "x", "--follow-links", "ratings", "--on", "today"]) == "ratings"
    assert command_word(["--extra=x", "time-to-good"]) == "time-to-good"
    assert command_word(["--help", "show"]) is None
    assert command_word(["shw"]) is None  # misspelt: the whole parser offers the choices
    status, _, err = run_cli(capsys, "shw", "Sandwell")
    assert status == 2 and "invalid choice: 'shw'" in err and "'show'" in err


# issue 27 (a): a timeline names the steps it leaves off for want of a date ---------------


def _undated_steps(authority: str) -> set[str]:
    """The ids of an authority's intervention steps that no seed row dates."""
    dates: dict[str, set[str]] = {}
    for row in _seed_rows("interventions"):
        if row["authority"] == authority:
            dates.setdefault(row["id"], set()).add(row["date"])
    return {ident for ident, found in dates.items() if found == {""}}


def test_the_timeline_names_the_undated_steps_it_leaves_off() -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import childservices as cs
    from childservices import plot

    undated = _undated_steps("sandwell")
    assert len(undated) == 3  # the three the analyst found missing
    figure = plot.authority_timeline(cs.load().authority("Sandwell"), until="2026-06-30")
    notes = [t for t in figure.texts if t.get_gid() == "undated"]
    # Failed before: the figure left them off without a word.
    assert len(notes) == 1
    text = notes[0].get_text().replace("\n", " ")
    assert text.startswith("Not drawn, no date in the sources:")
    assert set(re.findall(r"\(([a-z0-9-]+)\)", text)) == undated
    # An authority whose steps are all dated gets no note.
    dated = next(a for a in cs.load() if a.interventions and not _undated_steps(a.id))
    figure = plot.authority_timeline(dated, until="2026-06-30")
    assert not [t for t in figure.texts if t.get_gid() == "undated"]


# issue 27 (b): a delivery-model label never runs across two episodes ----------------------


def test_a_label_inside_a_bar_stays_within_one_episodes_solid_bar() -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    import childservices as cs
    from childservices import plot

    # The Isle of Wight: one provider over two episodes (directed from 2013-06, voluntary
    # from 2018-06), read from the seed rows.
    episodes = [r for r in _seed_rows("delivery") if r["authority"] == "isle-of-wight"]
    providers = {r["provider"] for r in episodes if r["model"] == "partnership"}
    assert len(providers) == 1 and len({r["id"] for r in episodes if r["provider"]}) == 2
    (provider,) = providers
    (name,) = [r["name"] for r in _seed_rows("providers") if r["id"] == provider]
    figure = plot.adm_timeline(cs.load(), until="2026-06-30")
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    (ax,) = figure.axes
    bars = [
        p.get_window_extent(renderer)
        for p in ax.patches
        if (p.get_gid() or "").startswith("episode ")  # the solid part of each episode
    ]
    for text in [t for t in ax.texts if t.get_text().strip()]:
        box = text.get_window_extent(renderer)
        middle = (box.y0 + box.y1) / 2
        for bar in bars:
            if bar.y0 <= middle <= bar.y1 and bar.x0 <= box.x0 + 0.5 < bar.x1:
                # Failed before: the Isle of Wight's label ran on over its second episode.
                assert box.x1 <= bar.x1 + 0.5, text.get_text()
    words = name.split()
    shown = [t.get_text().strip() for t in ax.texts if t.get_text().strip().startswith(words[0])]
    assert len(shown) == 1 and name.startswith(shown[0].rstrip("\u2026")), shown


# issue 27 (c, d): every figure has alt text and a caption; no page is absurdly tall ------

DOCS = ROOT / "docs"
_FIGURE = re.compile(
    r"^```\{figure\} (?P<path>\S+)\n(?P<options>(?::.*\n)*)\n(?P<caption>(?:(?!```).*\n)*)```", re.M
)


def _pages() -> list[Path]:
    return [p for p in sorted(DOCS.rglob("*.md")) if not {"_generated", "_build"} & set(p.parts)]


def test_every_figure_in_the_docs_has_alt_text_and_a_caption() -> None:
    figures = 0
    for page in _pages():
        text = page.read_text(encoding="utf-8")
        # Failed before: the figures were Markdown images, with no caption (Sunderland's had
        # no word about it at all).
        assert "![" not in text, f"{page}: a Markdown image; use a figure with :alt: and a caption"
        for found in _FIGURE.finditer(text):
            figures += 1
            options = dict(
                line[1:].split(": ", 1) for line in found["options"].splitlines() if ": " in line
            )
            assert options.get("alt", "").strip(), f"{page}: {found['path']} has no alt text"
            assert found["caption"].strip(), f"{page}: {found['path']} has no caption"
            name = Path(found["path"]).name
            if name.endswith("-timeline.png") and name != "adm-timeline.png":
                # An authority's timeline: the alt text names the steps it leaves off.
                authority = name.removesuffix("-timeline.png")
                named = set(re.findall(r"\(([a-z0-9-]+)\)", options["alt"]))
                assert named == _undated_steps(authority), (page, name)
    assert figures >= 10


def _expanded(page: Path, generated: Path) -> list[str]:
    """A page's lines with its includes in place (the generated ones from ``generated``)."""
    lines: list[str] = []
    for line in page.read_text(encoding="utf-8").splitlines():
        found = re.match(r"^```\{include\} (\S+)", line)
        if found is None:
            lines.append(line)
            continue
        target = (page.parent / found[1]).resolve()
        if (DOCS / "_generated").resolve() in target.parents:
            target = generated / target.relative_to((DOCS / "_generated").resolve())
        lines += _expanded(target, generated) if target.exists() else []
    return lines


def test_no_docs_page_shows_hundreds_of_table_rows(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(DOCS / "_ext"))
    try:
        import datadoc
    finally:
        sys.path.remove(str(DOCS / "_ext"))
    datadoc.generate(tmp_path)
    shown: dict[str, int] = {}
    for page in _pages():
        inside = False
        rows = 0
        for line in _expanded(page, tmp_path / "_generated"):
            inside = line.startswith("<details") or (inside and not line.startswith("</details>"))
            rows += line.startswith("|") and not inside
        shown[str(page.relative_to(DOCS))] = rows
    # Failed before: the dataset page showed 911 table rows (over 60,000 pixels).
    assert max(shown.values()) <= 200, sorted(shown.items(), key=lambda kv: -kv[1])[:3]


# issue 26: every guarantee on the reliability page names the test that holds it ----------


def test_every_reliability_guarantee_names_its_test() -> None:
    text = (DOCS / "explanation" / "reliability.md").read_text(encoding="utf-8")
    guarantees = re.findall(r"^- \*\*.*?(?=^- |^#|\Z)", text, flags=re.M | re.S)
    assert len(guarantees) >= 40
    for guarantee in guarantees:
        named = re.findall(r"`tests/([\w/]+\.py)::(test_\w+)`", guarantee)
        # Failed before: most guarantees named a file at most, many nothing at all.
        assert named, f"names no test: {guarantee[:80]!r}"
        for file, test in named:
            source = (ROOT / "tests" / file).read_text(encoding="utf-8")
            assert re.search(rf"^def {test}\(", source, flags=re.M), f"tests/{file}::{test}"
