"""Fuzz the report reader: parse_report_text on mutated report texts, read_report on bad files.

Only :class:`~childservices.ReportError` may escape, naming the report
(``where`` or the file's path); odd text fails fast.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from fuzzing import FAST_SECONDS, budget, documented, fast
from hypothesis import given, strategies as st

from childservices import ReportError
from childservices.reports import parse_report_text, read_report

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "reports"
TEXTS = {path.name: path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("*.txt"))}
SHARED_REPORTS = Path(__file__).resolve().parents[3] / "shared" / "sources" / "ofsted-reports"
WHERE = "fuzzed-report.pdf"


def parse(text: str) -> None:
    try:
        with fast():
            facts = parse_report_text(text, where=WHERE)
    except ReportError as exc:
        documented(exc, WHERE)
        return
    assert facts.framework is not None


# Found by this suite, now fixed: a 2013 looked-after-children report whose grade
# heading is in another case ("gRADE 3 (aDEQUATE)"), or has no "(word)" after
# "Grade N", let an AssertionError or a TypeError out of reports/parse/_lac.py's _lac_grade.
_LAC = TEXTS["lac_2013.txt"]


def test_lac_grade_heading_in_another_case() -> None:
    heading = "Grade 3 (Adequate)"
    assert heading in _LAC
    with pytest.raises(ReportError):
        parse_report_text(_LAC.replace(heading, heading.swapcase(), 1), where=WHERE)


def test_lac_grade_without_its_word() -> None:
    heading = "Grade 3 (Adequate)"
    with pytest.raises(ReportError):
        parse_report_text(_LAC.replace(heading, "Grade 3", 1), where=WHERE)


@st.composite
def mutated_text(draw: st.DrawFn) -> str:
    """A fixture report's text with spans cut, repeated, replaced or shuffled."""
    text = TEXTS[draw(st.sampled_from(sorted(TEXTS)))]
    for _ in range(draw(st.integers(1, 4))):
        if not text:
            break
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start, min(len(text), start + 400)))
        kind = draw(st.sampled_from(["cut", "repeat", "replace", "truncate", "case", "swap"]))
        if kind == "cut":
            text = text[:start] + text[end:]
        elif kind == "repeat":
            text = text[:end] + text[start:end] * draw(st.integers(1, 5)) + text[end:]
        elif kind == "replace":
            text = text[:start] + draw(st.text(max_size=30)) + text[end:]
        elif kind == "truncate":
            text = text[:start]
        elif kind == "case":
            text = text[:start] + text[start:end].swapcase() + text[end:]
        else:
            other = TEXTS[draw(st.sampled_from(sorted(TEXTS)))]
            text = text[:start] + other[start:end] + text[end:]
    return text


@budget(800)
@given(mutated_text())
def test_mutated_report_text(text: str) -> None:
    parse(text)


@budget(300)
@given(st.text(max_size=2000))
def test_random_text(text: str) -> None:
    parse(text)


@pytest.mark.parametrize(
    "text",
    [
        "Inspection dates: " * 50_000,
        "Grade 1 (outstanding) " * 50_000,
        "Inspection of children's services " + "a" * 1_000_000,
        "\f" * 100_000,
        "Requires improvement to be good " * 30_000,
        " " * 1_000_000 + "Inspection dates:",
    ],
)
def test_pathological_text_fails_fast(text: str) -> None:
    parse(text)


@st.composite
def bad_file(draw: st.DrawFn) -> bytes:
    return draw(
        st.one_of(
            st.binary(max_size=2000),
            st.binary(max_size=2000).map(lambda b: b"%PDF-1.4\n" + b),
            st.sampled_from(
                [
                    b"",
                    b"%PDF",
                    b"<!DOCTYPE html><html><body>Report</body></html>",
                    b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n%%EOF",
                    b"%PDF-1.4\ntrailer << /Root 1 0 R /Size 99999999999 >>\n%%EOF",
                ]
            ),
        )
    )


def read(
    data: bytes,
    name: str = "children's services inspection - 01 april 2019.pdf",
    seconds: float = FAST_SECONDS,
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        try:
            with fast(seconds):
                read_report(path)
        except Exception as exc:
            # Errors about the facts name the file; errors about the file name its path.
            documented(exc, path.name)
            assert isinstance(exc, ReportError)


@budget(60)
@given(bad_file())
def test_bad_report_files(data: bytes) -> None:
    pytest.importorskip("pypdf")
    read(data)


def _real_reports() -> list[Path]:
    if not SHARED_REPORTS.is_dir():
        return []
    return sorted(SHARED_REPORTS.glob("*/*.pdf"))[::40][:8]


@budget(15)
@given(st.data())
def test_damaged_real_reports(data: st.DataObject) -> None:
    pytest.importorskip("pypdf")
    reports = _real_reports()
    if not reports:
        pytest.skip(f"needs {SHARED_REPORTS}")
    report = data.draw(st.sampled_from(reports))
    content = report.read_bytes()
    kind = data.draw(st.sampled_from(["truncate", "flip"]))
    if kind == "truncate":
        content = content[: data.draw(st.integers(0, len(content)))]
    else:
        at = data.draw(st.integers(0, len(content) - 1))
        content = content[:at] + bytes([content[at] ^ 0xFF]) + content[at + 1 :]
    # pypdf's recovery of a damaged file is slow but bounded; allow it more time.
    read(content, report.name, seconds=3 * FAST_SECONDS)
