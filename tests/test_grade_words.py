"""One parser for grade words, and its four callers answering exactly as before.

``fixtures/grade_words_before.json`` holds what the four parsers of grade words
(the update's feed, the snapshot and official-sheet import tools, the report
reader) answered before they were made one: every text each met in ../shared,
and every spelling, empty word and near miss its code named. Each caller must
still give the same answer, error messages included.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from childservices.errors import ArgumentValueError
from childservices.model import NOT_GIVEN, Framework, Grade
from childservices.model.grades import GRADE_WORDS, grade_from_text

ROOT = Path(__file__).resolve().parent.parent
BEFORE = json.loads((ROOT / "tests" / "fixtures" / "grade_words_before.json").read_text("utf-8"))


def _tool(name: str) -> ModuleType:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(ROOT / "tools"))


def _answer(call: Callable[[], Any]) -> list[Any]:
    try:
        value = call()
    except Exception as exc:
        # The fixture was recorded when the update's feed raised ValueError itself; it now
        # raises the library's InvalidRecordError, a ValueError, with the same message.
        name = type(exc).__name__
        return ["error", "ValueError" if name == "InvalidRecordError" else name, str(exc)]
    return ["ok", getattr(value, "value", value)]


# --- the one parser -----------------------------------------------------------------------


def test_every_spelling_in_any_case_with_spaces_around() -> None:
    for spelling, grade in GRADE_WORDS.items():
        for text in (spelling, spelling.upper(), f"  {spelling.capitalize()} "):
            assert grade_from_text(text, prose=True) is grade


def test_the_verb_of_a_sentence_only_in_prose() -> None:
    assert grade_from_text("require improvement", prose=True) is Grade.REQUIRES_IMPROVEMENT
    with pytest.raises(ArgumentValueError, match="'require improvement' is not a grade"):
        grade_from_text("require improvement")


def test_words_for_not_known_and_not_given() -> None:
    assert grade_from_text(" NaN ", unknown={"nan"}) is None
    assert grade_from_text("not_reported_post_reform", not_given={"not_reported_post_reform"}) is (
        NOT_GIVEN
    )


def test_a_grade_outside_the_sources_scale_is_refused() -> None:
    today = frozenset(Grade) - {Grade.ADEQUATE}
    with pytest.raises(ArgumentValueError, match="'Adequate' is not a grade"):
        grade_from_text("Adequate", scale=today)


def test_an_unknown_word_says_what_was_expected() -> None:
    with pytest.raises(ArgumentValueError) as caught:
        grade_from_text("satisfactory", unknown={"", "nan"}, not_given={"not_given"})
    assert str(caught.value) == (
        "'satisfactory' is not a grade: expected outstanding, good, requires improvement to be "
        "good, requires improvement, adequate, inadequate; '' or 'nan' for a grade not known; "
        "'not_given' for no judgement given"
    )
    assert isinstance(caught.value, ValueError)


# --- the four callers, as before ------------------------------------------------------------


def test_the_fixture_covers_what_the_sources_hold() -> None:
    seen = BEFORE["seen_in_sources"]
    assert set(seen["feed and snapshots"]) <= {row[0] for row in BEFORE["update"]}
    assert set(seen["feed and snapshots"]) <= {row[0] for row in BEFORE["snapshots"]}
    assert set(seen["official sheets"]) <= {row[0] for row in BEFORE["official"]}
    assert set(seen["reports"]) <= {row[0] for row in BEFORE["reports"]}


def test_the_update_reads_the_feed_as_before() -> None:
    from childservices.update.feed import _grade

    for text, expected in BEFORE["update"]:
        assert _answer(lambda text=text: _grade(text, "col")) == expected, text


def test_the_update_reads_the_feeds_overall_as_before() -> None:
    from childservices.update.feed import FEED_COLUMNS, _row

    def overall(text: str) -> Any:
        cells = dict.fromkeys(FEED_COLUMNS, "")
        cells |= {
            "urn": "80000",
            "publication_date": "01/01/2025",
            "inspection_link": "https://x/1",
            "overall_effectiveness_grade": text,
            "care_leavers_grade": "inspection_pre_dates_judgement",
        }
        return _row(cells, 2).overall

    for text, expected in BEFORE["update_overall"]:
        assert _answer(lambda text=text: overall(text)) == expected, text


def test_the_snapshot_tool_reads_grades_as_before() -> None:
    grade = _tool("import_snapshots").grade
    for text, expected in BEFORE["snapshots"]:
        assert _answer(lambda text=text: grade(text)) == expected, text


def test_the_official_tool_reads_grades_as_before() -> None:
    sheet_grade = _tool("import_official").sheet_grade
    for text, framework, expected in BEFORE["official"]:
        assert _answer(lambda t=text, f=framework: sheet_grade(t, f)) == expected, (text, framework)


def test_the_report_reader_reads_grades_as_before() -> None:
    from childservices.reports.parse._grades import grade

    for text, framework, expected in BEFORE["reports"]:
        found = _answer(lambda t=text, f=framework: grade(t, Framework(f), "W", "X"))
        assert found == expected, (text, framework)
