"""Money and staff of trusts, companies and returns in-house as typed, cited figures (issue 25,
item 7): checked against the seed document that states them, refused when malformed or
attached to the wrong record, and unchanged through JSON and seed rows."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given

import childservices as cs
from childservices import strategies as st_cs
from childservices.convert import structure, unstructure
from childservices.errors import DatasetError, InvalidRecordError
from childservices.model import (
    Citation,
    DeliveryFigure,
    FigureKind,
    FigurePeriod,
    FigureQualifier,
    FigureUnit,
    RecordSet,
)
from childservices.records.rows import table_rows

FEED = "004_bdf9a22eb4b3a7bb.txt"
"""Community Care's feed of articles tagged "children's trusts" (a seed document)."""

ARTICLES = {
    "adm-cc-2024-01-22-worcs-disband": "2024/01/22/childrens-trust-to-be-disbanded",
    "adm-cc-2024-09-24-dfe-alternative": "2024/09/24/dfe-seeking-more-cost-",
}
"""The record's sources that are articles of the feed, with a piece of each one's address."""

STATED = {
    "worcestershire-wcf-budget-2023-24": (r"budget is forecast to be £148\.4m this financial year", 148_400_000),
    "worcestershire-wcf-overspend-2022-23": (r"overspent by £7\.6m in 2022-23", 7_600_000),
    "worcestershire-wcf-overspend-2023-24": (r"forecast to do so by £28\.6m in 2023-24", 28_600_000),
    "bradford-bcft-overspend-2023-24": (r"overspent its budget by £42\.3m in its first year, 2023-24", 42_300_000),
}
"""Each figure the record cites to the feed: the words of the article that state it, and the
value in pounds those words give (read off the text, not the record)."""


def _articles(shared_dir: Path) -> dict[str, str]:
    """The feed's articles by the record's source id: each runs from its title line (which
    carries its address) to the next title line."""
    lines = (shared_dir / "seeds" / FEED).read_text(encoding="utf-8").splitlines()
    if not lines:
        pytest.fail(f"{FEED} is empty")
    starts = [i for i, line in enumerate(lines) if "https://www.communitycare.co.uk/20" in line
              and not line.startswith("https://")]
    found = {}
    for source, address in ARTICLES.items():
        (start,) = [i for i in starts if address in lines[i]]
        end = min([i for i in starts if i > start], default=len(lines))
        found[source] = "\n".join(lines[start:end])
    return found


def test_figures_cited_to_the_seed_document_match_its_words(shared_dir: Path) -> None:
    figures = {f.id: f for f in cs.load().records.delivery_figures}
    articles = _articles(shared_dir)
    cited_to_feed = {
        f.id for f in figures.values() if any(c.source in ARTICLES for c in f.citations)
    }
    assert cited_to_feed == set(STATED)
    for figure_id, (words, pounds) in STATED.items():
        figure = figures[figure_id]
        (source,) = {c.source for c in figure.citations}
        assert re.search(words, articles[source]), (figure_id, words)
        assert figure.value == pounds and figure.unit is FigureUnit.POUNDS


def test_a_years_figure_names_the_year_the_article_gives() -> None:
    figures = {f.id: f for f in cs.load().records.delivery_figures}
    # "2022-23" ends in 2023 and "2023-24" in 2024 (the measures' convention).
    assert figures["worcestershire-wcf-overspend-2022-23"].financial_year == 2023
    assert figures["bradford-bcft-overspend-2023-24"].financial_year == 2024


def test_every_figure_belongs_to_an_episode_or_return_of_its_own_authority() -> None:
    dataset = cs.load()
    records = dataset.records
    episodes = {e.id: e for e in records.delivery}
    returns = {e.id: e for e in records.insourcing}
    assert len(records.delivery_figures) >= 25
    for figure in records.delivery_figures:
        owner = episodes[figure.episode] if figure.episode else returns[str(figure.insourcing)]
        assert owner.authority == figure.authority and owner.provider == figure.provider
        assert figure in dataset.authority(figure.authority).delivery_figures


def test_every_kind_of_figure_the_issue_names_is_recorded() -> None:
    kinds = {f.kind for f in cs.load().records.delivery_figures}
    assert {
        FigureKind.STAFF_TRANSFERRED,
        FigureKind.SET_UP_GRANT,
        FigureKind.ANNUAL_BUDGET,
        FigureKind.CONTRACT_TERM,
    } <= kinds


def _figure(**changes: object) -> DeliveryFigure:
    fields: dict[str, object] = {
        "id": "f",
        "authority": "a",
        "provider": "p",
        "episode": "e",
        "kind": FigureKind.STAFF_TRANSFERRED,
        "value": 100,
        "unit": FigureUnit.PEOPLE,
        "citations": (Citation(source="s", locator=None),),
    }
    fields.update(changes)
    return DeliveryFigure(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"insourcing": "r"}, "exactly one of episode and insourcing"),
        ({"episode": None}, "exactly one of episode and insourcing"),
        ({"unit": FigureUnit.POUNDS}, "not counted in pounds"),
        ({"kind": FigureKind.SET_UP_GRANT}, "not counted in people"),
        ({"qualifier": FigureQualifier.RANGE}, "value_high"),
        ({"value_high": 200}, "value_high"),
        ({"qualifier": FigureQualifier.RANGE, "value_high": 50}, "below value"),
        ({"period": FigurePeriod.FINANCIAL_YEAR}, "financial_year"),
        ({"period": FigurePeriod.OVER_YEARS}, "span_years"),
        ({"value": -1}, "below 0"),
        ({"value": float("nan")}, "not a number"),
        ({"financial_year": 19}, "not a year"),
    ],
)
def test_a_malformed_figure_is_refused(changes: dict[str, object], words: str) -> None:
    with pytest.raises(InvalidRecordError, match=words):
        _figure(**changes)


def test_shown_says_the_value_as_the_source_qualifies_it() -> None:
    assert _figure(value=1500, qualifier=FigureQualifier.ABOUT).shown == "about 1,500 people"
    money = _figure(kind=FigureKind.STATED_SAVING, unit=FigureUnit.POUNDS, value=200_000,
                    value_high=300_000, qualifier=FigureQualifier.RANGE)
    assert money.shown == "GBP 200,000 to 300,000"
    assert _figure(unit=FigureUnit.FTE, value=942.01).shown == "942.01 fte"


HEADER = (
    "id,authority,provider,episode,insourcing,kind,value,value_high,unit,qualifier,period,"
    "financial_year,span_years,stated,source,locator"
)


@pytest.fixture
def seeds(tiny_seeds: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "seeds"
    shutil.copytree(tiny_seeds, copy)
    (copy / "delivery_figures").mkdir()
    return copy


def _write(seeds: Path, row: str) -> Path:
    path = seeds / "delivery_figures" / "test.csv"
    path.write_text(f"{HEADER}\n{row}\n", encoding="utf-8")
    return path


def test_the_tiny_seeds_take_a_good_figure(seeds: Path) -> None:
    _write(seeds, "ex-staff,exampleton,exampleton-trust,,exampleton-return,staff_transferred,"
                  "450,,people,stated,one_off,,,,test-doc,p1")
    (figure,) = cs.load_seeds(seeds).authority("Exampleton").delivery_figures
    assert figure.value == 450 and figure.insourcing == "exampleton-return"


def test_a_figure_naming_another_authoritys_episode_is_refused(seeds: Path) -> None:
    _write(seeds, "bad,testshire,exampleton-trust,exampleton-trust-episode,,staff_transferred,"
                  "450,,people,stated,one_off,,,,test-doc,p1")
    with pytest.raises(DatasetError) as raised:
        cs.load_seeds(seeds)
    text = "\n".join(str(p) for p in raised.value.problems)
    assert "delivery_figures/test.csv" in text and "bad" in text
    assert "'exampleton-trust-episode' concerns 'exampleton', not 'testshire'" in text


def test_a_figure_naming_no_episode_is_refused_naming_file_record_and_field(seeds: Path) -> None:
    _write(seeds, "bad,exampleton,exampleton-trust,no-such-episode,,staff_transferred,"
                  "450,,people,stated,one_off,,,,test-doc,p1")
    with pytest.raises(DatasetError) as raised:
        cs.load_seeds(seeds)
    text = "\n".join(str(p) for p in raised.value.problems)
    assert "delivery_figures/test.csv" in text and "bad" in text and "no-such-episode" in text


def test_a_money_figure_in_people_is_refused_naming_the_file(seeds: Path) -> None:
    _write(seeds, "bad,exampleton,exampleton-trust,,exampleton-return,set_up_grant,"
                  "450,,people,stated,one_off,,,,test-doc,p1")
    with pytest.raises(DatasetError) as raised:
        cs.load_seeds(seeds)
    text = "\n".join(str(p) for p in raised.value.problems)
    assert "delivery_figures/test.csv" in text and "not counted in people" in text


@given(st_cs.delivery_figures())
def test_a_figure_survives_json(figure: DeliveryFigure) -> None:
    assert structure(json.loads(json.dumps(unstructure(figure))), DeliveryFigure) == figure


@given(st_cs.delivery_figures())
def test_a_figure_survives_its_seed_rows(figure: DeliveryFigure) -> None:
    rows = table_rows(RecordSet(delivery_figures=(figure,)))["delivery_figures"]
    row = rows[0]
    plain = {k: (v or None) for k, v in row.items() if k not in ("source", "locator", "note")}
    plain["citations"] = [{"source": r["source"], "locator": r["locator"] or None} for r in rows]
    assert structure(plain, DeliveryFigure) == figure
