"""Delivery episodes whose end no source gives: certain up to ``known_until``, not known after.

The rule is in :mod:`childservices.rules.delivery`. The property tests run it
on generated records (the strategies of :mod:`childservices.strategies`); the
last tests read the bundled record, where Trafford's NHS partnership is the
case: Pennine Care NHS Foundation Trust's page of April 2016 (source
``adm-penninecare-2016-04-trafford``, paragraph 3) says the trust will, "until
March 2018", take lead responsibility for the day-to-day provision of
children's services, and no source gives the partnership's actual end.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import attrs
import pendulum
import pytest
from hypothesis import given, strategies as st

import childservices as cs
from childservices import strategies as st_cs
from childservices.errors import InvalidRecordError
from childservices.model import Citation, DeliveryEpisode, DeliveryModel, PartialDate
from childservices.rules.asof import in_force
from childservices.rules.delivery import DeliveryStatus, delivery_group, episode_status
from childservices.rules.ondate import delivery_on

# --- the rule on one episode -------------------------------------------------


@given(st_cs.delivery_episodes(), st_cs.days())
def test_episode_status_follows_the_rule(episode: DeliveryEpisode, day: datetime.date) -> None:
    found = episode_status(episode, day)
    plain = in_force(day, episode.start, episode.end)
    if plain is False:
        assert found is None
    elif plain is None:
        assert found is DeliveryStatus.DATES_UNCERTAIN
    elif episode.known_until is not None and day > episode.known_until.last_day():
        assert episode.end is None
        assert found is DeliveryStatus.NOT_KNOWN
    else:
        assert found is DeliveryStatus.CERTAIN


@given(st_cs.delivery_episodes())
def test_without_known_until_an_episode_is_never_not_known(episode: DeliveryEpisode) -> None:
    plain = attrs.evolve(episode, known_until=None)
    for day in (plain.start.first_day(), plain.start.last_day(), datetime.date(2040, 1, 1)):
        assert episode_status(plain, day) is not DeliveryStatus.NOT_KNOWN


def test_known_until_only_without_an_end_and_not_before_the_start() -> None:
    fields = {
        "id": "x-partnership",
        "authority": "x",
        "model": DeliveryModel.PARTNERSHIP,
        "provider": "p",
        "start": PartialDate(2016, 4, 1),
        "citations": (Citation(source="test"),),
    }
    with pytest.raises(InvalidRecordError, match="no source gives"):
        DeliveryEpisode(**fields, end=PartialDate(2019, 1, 1), known_until=PartialDate(2018, 3))
    with pytest.raises(InvalidRecordError, match="before start"):
        DeliveryEpisode(**fields, known_until=PartialDate(2015))
    month = DeliveryEpisode(**fields, known_until=PartialDate(2018, 3))
    # A month-precision known_until is certain through the month's last day.
    assert episode_status(month, datetime.date(2018, 3, 31)) is DeliveryStatus.CERTAIN
    assert episode_status(month, datetime.date(2018, 4, 1)) is DeliveryStatus.NOT_KNOWN


# --- carried through delivery_on, run_by, trusts_operating, panels ----------


@given(st_cs.datasets(), st.lists(st_cs.days(), min_size=1, max_size=4))
def test_delivery_on_is_certain_or_says_why_not(ds: cs.Dataset, days: list[datetime.date]) -> None:
    for day in days:
        for authority in ds.authorities():
            answer = delivery_on(authority, day)
            if answer is None:
                continue
            statuses = {e.id: episode_status(e, day) for e in authority.deliveries}
            certain = [i for i, s in statuses.items() if s is DeliveryStatus.CERTAIN]
            if answer.model is not None:
                assert answer.status is DeliveryStatus.CERTAIN
                assert (answer.episode is None) == (certain == [])
                continue
            # Not known: no episode is certainly in force, and the answer names one that
            # may be, with the reason.
            assert certain == []
            assert answer.episode is not None
            assert answer.provider is None
            assert answer.status is statuses[answer.episode.id]
            assert answer.status in (DeliveryStatus.DATES_UNCERTAIN, DeliveryStatus.NOT_KNOWN)
            if answer.status is DeliveryStatus.NOT_KNOWN:
                known = answer.episode.known_until
                assert answer.episode.end is None and known is not None
                assert day > known.last_day()


@given(st_cs.datasets(), st_cs.days(), st.sets(st.sampled_from(DeliveryModel), min_size=1))
def test_run_by_and_trusts_operating_keep_not_known_apart(
    ds: cs.Dataset, day: datetime.date, models: set[DeliveryModel]
) -> None:
    answers = ds.delivery_on(day)
    certain = {a.id for a in ds.run_by(models, on=day)}
    unknown = {a.id for a in ds.run_by(models, on=day, not_known=True)}
    assert certain.isdisjoint(unknown)
    assert certain == {a for a, d in answers.items() if d.model in models}
    assert unknown == {
        a
        for a, d in answers.items()
        if d.status is DeliveryStatus.NOT_KNOWN
        and d.episode is not None
        and d.episode.model in models
    }
    running = {p.id for p in ds.trusts_operating(on=day, models=models)}
    maybe = {p.id for p in ds.trusts_operating(on=day, models=models, not_known=True)}
    assert running == {answers[a].provider for a in certain} - {None}
    assert maybe == {answers[a].episode.provider for a in unknown if answers[a].episode} - {None}


@given(st_cs.datasets(), st.lists(st_cs.days(), min_size=1, max_size=4))
def test_panel_rows_carry_the_delivery_status(ds: cs.Dataset, days: list[datetime.date]) -> None:
    for row in ds.panel(days):
        answer = delivery_on(ds.authority(row.authority), row.day)
        assert answer is not None
        assert (row.delivery_model, row.delivery_status) == (answer.model, answer.status)


@given(st_cs.datasets(), st_cs.days(), st.integers(0, 3000))
def test_delivery_group_not_known_only_from_an_episode_past_known_until(
    ds: cs.Dataset, first: datetime.date, length: int
) -> None:
    start = cs.PartialDate.from_date(first).first_day()
    end = start + datetime.timedelta(days=length)
    window = (
        pendulum.Date(start.year, start.month, start.day),
        pendulum.Date(end.year, end.month, end.day),
    )
    for authority in ds.authorities():
        group = delivery_group(authority, *window)
        stripped = [attrs.evolve(e, known_until=None) for e in authority.deliveries]
        plain = delivery_group(_WithDeliveries(authority, stripped), *window)  # type: ignore[arg-type]
        if group == "not known":
            assert any(
                e.known_until is not None and e.known_until.last_day() < end
                for e in authority.deliveries
            )
        else:
            assert group in ("trust", "partnership", "in-house")
        if not any(e.known_until is not None for e in authority.deliveries):
            assert group == plain


class _WithDeliveries:
    """An authority's history with other delivery episodes (for delivery_group only)."""

    def __init__(self, history: object, deliveries: list[DeliveryEpisode]) -> None:
        self._history = history
        self.deliveries = tuple(deliveries)

    def __getattr__(self, name: str) -> object:
        return getattr(self._history, name)


# --- the bundled record: Trafford --------------------------------------------


@pytest.fixture(scope="module")
def ds() -> cs.Dataset:
    return cs.load(updates=False)


def test_trafford_is_certain_before_april_2018_and_not_known_after(ds: cs.Dataset) -> None:
    trafford = ds.authority("Trafford")
    (episode,) = trafford.deliveries
    # The episode's start (1 April 2016, the agreement's signing) and its stated term
    # ("until March 2018"), from the Pennine Care page cited above.
    assert (str(episode.start), episode.end, str(episode.known_until)) == (
        "2016-04-01",
        None,
        "2018-03",
    )
    for day in ("2016-04-01", "2017-06-30", "2018-03-31"):
        answer = trafford.delivery_on(day)
        assert answer is not None
        assert (answer.model, answer.status, answer.provider) == (
            DeliveryModel.PARTNERSHIP,
            DeliveryStatus.CERTAIN,
            "pennine-care-trafford",
        ), day
    for day in ("2018-04-01", "2020-01-01", "2026-06-30"):
        answer = trafford.delivery_on(day)
        assert answer is not None
        assert (answer.model, answer.status, answer.provider) == (
            None,
            DeliveryStatus.NOT_KNOWN,
            None,
        ), day
        assert answer.episode is episode
    before = trafford.delivery_on("2016-03-31")
    assert before is not None and (before.model, before.by_default) == (
        DeliveryModel.IN_HOUSE,
        True,
    )


def test_trafford_counts_apart_in_run_by_trusts_and_panels(ds: cs.Dataset) -> None:
    partnership = [DeliveryModel.PARTNERSHIP]
    ids = lambda views: {v.id for v in views}  # noqa: E731
    assert "trafford" in ids(ds.run_by(partnership, on="2017-01-01"))
    assert "trafford" not in ids(ds.run_by(partnership, on="2019-01-01"))
    assert "trafford" in ids(ds.run_by(partnership, on="2019-01-01", not_known=True))
    assert "trafford" not in ids(ds.run_by([DeliveryModel.IN_HOUSE], on="2019-01-01"))
    maybe = ds.trusts_operating(on="2019-01-01", models=partnership, not_known=True)
    assert [p.id for p in maybe] == ["pennine-care-trafford"]
    running = ds.trusts_operating(on="2019-01-01", models=partnership)
    assert "pennine-care-trafford" not in {p.id for p in running}
    rows = {
        str(r.day): (r.delivery_model, r.delivery_status)
        for r in ds.panel(["2017-01-01", "2018-03-31", "2018-04-01", "2024-01-01"])
        if r.authority == "trafford"
    }
    assert rows == {
        "2017-01-01": (DeliveryModel.PARTNERSHIP, DeliveryStatus.CERTAIN),
        "2018-03-31": (DeliveryModel.PARTNERSHIP, DeliveryStatus.CERTAIN),
        "2018-04-01": (None, DeliveryStatus.NOT_KNOWN),
        "2024-01-01": (None, DeliveryStatus.NOT_KNOWN),
    }


def test_no_other_episode_of_the_record_is_not_known(ds: cs.Dataset) -> None:
    marked = sorted(e.id for a in ds.authorities() for e in a.deliveries if e.known_until)
    assert marked == ["trafford-pennine-care"]
    unknown = {
        a: d
        for a, d in ds.delivery_on("2026-06-30").items()
        if d.status is DeliveryStatus.NOT_KNOWN
    }
    assert list(unknown) == ["trafford"]


def test_seed_export_keeps_known_until(ds: cs.Dataset, tmp_path: Path) -> None:
    ds.to_csv(tmp_path)
    again = cs.load_seeds(tmp_path)
    (episode,) = again.authority("Trafford").deliveries
    assert str(episode.known_until) == "2018-03"
