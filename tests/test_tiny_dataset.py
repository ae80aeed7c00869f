"""The user-facing API over a small made-up dataset loaded through the real seed path.

The facts in tests/fixtures/tiny_seeds are invented; the expected values
below are read off those fixture files, not off the code's output.
"""

import pytest

import childservices as cs
from childservices import DeliveryModel, Grade, UnknownAuthorityError


@pytest.fixture(scope="module")
def ds(tiny_seeds):  # type: ignore[no-untyped-def]
    return cs.load_seeds(tiny_seeds)


@pytest.mark.parametrize(
    "query",
    [
        "Exampleton",
        "exampleton",
        "350",
        "E08999009",
        "E08999001",
        "99001",
        "Exampleton City",
        "EXAMPLETON  city council",
    ],
)
def test_any_identifier_or_alias_finds_the_authority(ds, query) -> None:  # type: ignore[no-untyped-def]
    assert ds.authority(query).id == "exampleton"


def test_unknown_names_suggest_near_misses(ds) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnknownAuthorityError, match="did you mean 'Exampleton'"):
        ds.authority("Examplton")
    with pytest.raises(LookupError):
        ds.authority("Nowhere")


def test_unknown_names_suggest_by_prefix_and_word() -> None:
    # The bundled record has two Kingstons; a word they share, or the start of a name,
    # suggests them rather than nothing.
    real = cs.load()
    with pytest.raises(UnknownAuthorityError) as caught:
        real.authority("Kingston")
    assert "'Kingston upon Thames'" in str(caught.value)
    assert "'Kingston Upon Hull, City of'" in str(caught.value)
    with pytest.raises(UnknownAuthorityError, match="did you mean 'Sandwell'"):
        real.authority("Sandw")


def test_inspections_are_chronological_and_sources_merge(ds) -> None:  # type: ignore[no-untyped-def]
    inspections = ds.authority("exampleton").inspections
    assert [i.published.isoformat() for i in inspections] == [
        "2011-03-04",
        "2015-06-15",
        "2019-02-01",
    ]
    ilacs = inspections[-1]
    # The report row left kind empty; the sheet row gave it: one inspection, two sources.
    assert ilacs.kind is cs.InspectionKind.STANDARD
    assert [c.source for c in ilacs.citations] == ["test-doc", "test-doc-2"]


def test_rating_on(ds) -> None:  # type: ignore[no-untyped-def]
    exampleton = ds.authority("exampleton")
    assert (
        exampleton.rating_on("2015-06-14") is None
    )  # only a 2011 SLAC inspection, which gives no overall grade
    assert exampleton.rating_on("2015-06-15") is Grade.INADEQUATE
    assert exampleton.rating_on("2019-06-01") is Grade.REQUIRES_IMPROVEMENT
    assert exampleton.rating_on("2012-01-01", frameworks=cs.ALL_FRAMEWORKS) is cs.NOT_GIVEN


def test_rating_crosses_reorganisation(ds) -> None:  # type: ignore[no-untyped-def]
    north, south = ds.authority("North Testshire"), ds.authority("south-testshire")
    assert (
        north.rating_on("2020-01-01") is Grade.INADEQUATE
    )  # Testshire's, before North Testshire existed
    assert (
        north.rating_on("2022-01-01") is Grade.INADEQUATE
    )  # still Testshire's: no own inspection yet
    assert north.rating_on("2023-06-01") is Grade.GOOD
    assert south.rating_on("2024-01-01") is Grade.INADEQUATE
    assert ds.authority("testshire").rating_on("2022-01-01") is None  # abolished 2021-03-31
    assert [i.id for i in north.inspections_with_predecessors()] == [
        "testshire-ilacs-2019-07-01",
        "north-testshire-ilacs-2023-05-02",
    ]


def test_delivery_on(ds) -> None:  # type: ignore[no-untyped-def]
    exampleton = ds.authority("exampleton")
    assert exampleton.delivery_on("2015-01-01").model is DeliveryModel.IN_HOUSE
    assert exampleton.delivery_on("2015-01-01").by_default
    trust = exampleton.delivery_on("2017-01-01")
    assert trust.model is DeliveryModel.CHILDRENS_TRUST and trust.provider == "exampleton-trust"
    assert (
        exampleton.delivery_on("2022-10-15").model is None
    )  # October 2022: in the month of the return
    back = exampleton.delivery_on("2023-01-01")
    assert back.model is DeliveryModel.IN_HOUSE and not back.by_default
    assert ds.authority("testshire").delivery_on("2022-01-01") is None


def test_interventions_in_order(ds) -> None:  # type: ignore[no-untyped-def]
    ids = [i.id for i in ds.authority("exampleton").interventions]
    assert ids == [
        "exampleton-undated-commissioner",
        "exampleton-notice-2015",
        "exampleton-commissioner-2015",  # same day as the direction: by id
        "exampleton-direction",
        "exampleton-direction-revised",
        "exampleton-notice-lifted",
        "exampleton-direction-revoked",
    ]


def test_authorities_filters(ds) -> None:  # type: ignore[no-untyped-def]
    assert [a.id for a in ds.authorities(kind="unitary")] == ["north-testshire", "south-testshire"]
    assert [a.id for a in ds.authorities(active_on="2020-01-01")] == ["exampleton", "testshire"]
    assert [a.id for a in ds.authorities(region=cs.Region.NORTH_WEST)] == ["exampleton"]


def test_lifecycle_state(ds) -> None:  # type: ignore[no-untyped-def]
    lifecycle = ds.lifecycle("exampleton-trust")
    assert (
        lifecycle.state_on(cs.PartialDate(2016, 5, 1).earliest, "exampleton")
        is cs.LifecycleState.OPERATING
    )
    assert (
        lifecycle.state_on(cs.PartialDate(2023, 1, 1).earliest, "exampleton")
        is cs.LifecycleState.RETURNED
    )


def test_the_dataset_cannot_be_changed(ds) -> None:  # type: ignore[no-untyped-def]
    import attrs

    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        ds.records = None
    with pytest.raises(TypeError):
        ds.index.authorities["x"] = None
    assert isinstance(ds.authority("exampleton").inspections, tuple)


def test_directions_follow_revisions(ds) -> None:  # type: ignore[no-untyped-def]
    (direction,) = ds.authority("exampleton").directions
    assert isinstance(direction, cs.Direction)
    assert [s.id for s in direction.steps] == [
        "exampleton-direction",
        "exampleton-direction-revised",
        "exampleton-direction-revoked",
    ]
    assert direction.in_force_on(cs.PartialDate(2018, 1, 1).earliest)
    assert not direction.in_force_on(cs.PartialDate(2020, 1, 15).earliest)


def test_intervention_status_on(ds) -> None:  # type: ignore[no-untyped-def]
    exampleton = ds.authority("exampleton")
    status = cs.InterventionStatus
    assert exampleton.intervention_status_on("2015-06-30") is status.NONE
    # The notice is dated July 2015 only: within July the record cannot say whether it
    # had been issued yet.
    assert exampleton.intervention_status_on("2015-07-15") is status.NOT_KNOWN
    assert exampleton.intervention_status_on("2015-08-01") is status.IMPROVEMENT_NOTICE
    assert exampleton.intervention_status_on("2017-03-15") is status.STATUTORY_DIRECTION
    assert exampleton.intervention_status_on("2019-12-01") is status.STATUTORY_DIRECTION
    assert exampleton.intervention_status_on("2020-02-01") is status.NONE
    assert ds.under_intervention(on="2018-01-01") == {"exampleton": status.STATUTORY_DIRECTION}
    # The undated appointment is listed first but never placed in time.
    assert exampleton.interventions[0].id == "exampleton-undated-commissioner"


def test_trusts_operating(ds) -> None:  # type: ignore[no-untyped-def]
    assert [p.id for p in ds.trusts_operating(on="2017-01-01")] == ["exampleton-trust"]
    assert ds.trusts_operating(on="2023-01-01") == ()
    assert [a.id for a in ds.run_by(on="2017-01-01")] == ["exampleton"]
