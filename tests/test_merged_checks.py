"""Users' rows are checked like bundled rows, on the merged record.

A user's row may add facts, but one that contradicts a bundled fact (a
revocation dated before the direction it revokes, a second revocation of a
direction the bundle already revokes, an episode overlapping a bundled one
under the same services) fails the load unless a correction names the bundled
record. The user's rows are made up (source "My notes"); the bundled facts
they meet are quoted from seeds/interventions/dfe.csv and seeds/delivery/:

- ``sandwell-direction-2014-07-22``: a statutory direction of 22 July 2014
  (GOV.UK page of the 2015 direction: "an earlier statutory direction issued
  to the council on 22 July 2014"), with no revocation recorded;
- ``sandwell-direction-2015`` (date not given), replaced by the revised
  direction ``sandwell-direction-2016-10-06`` (the GOV.UK page says the
  direction of 6 October 2016 replaces it);
- ``sandwell-improvement-notice``: an improvement notice, date not given;
- ``sandwell-sct``: Sandwell Children's Trust runs "children's social care"
  from 1 April 2018, open-ended (adm-sct-2018-04-launch).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import childservices as cs
from childservices import DatasetError, InterventionStatus
from childservices.data.checks import check_records, same_services
from childservices.model import as_date
from user_folder import user_folder

STEPS = "id,authority,kind,date,end,by,requires,outcome,replaces,source,locator\n"
EPISODES = "id,authority,model,provider,directed,scope,start,end,source,locator\n"
CORRECTIONS = "table,id,field,value,reason,source\n"


def _problems(root: Path) -> list[cs.Problem]:
    with pytest.raises(DatasetError) as raised:
        cs.load(extra=[root])
    return list(raised.value.problems)


# (a) an ending is not dated before what it ends ---------------------------------------


def test_a_revocation_dated_before_the_direction_fails_the_load(tmp_path: Path) -> None:
    root = user_folder(
        tmp_path,
        interventions=STEPS
        + "my-revocation,sandwell,direction_revoked,2010,,,,,sandwell-direction-2014-07-22,my-notes,\n",
    )
    problems = _problems(root)
    # (ending the 2014 direction in 2010 would also leave Sandwell's 2015 commissioner with
    # no direction in force: that consequence is reported too)
    (problem,) = [p for p in problems if p.record == "interventions my-revocation"]
    assert problem.file == f"{root / 'interventions' / 'mine.csv'}:2"
    assert problem.field == "date"
    assert "2010 is before 'sandwell-direction-2014-07-22' (2014-07-22), which it revokes" in (
        problem.message
    )
    # The bundled answer is untouched: a direction was in force on 1 August 2014.
    assert cs.load().under_intervention(on="2014-08-01")["sandwell"] is (
        InterventionStatus.STATUTORY_DIRECTION
    )


def test_a_revocation_after_the_direction_is_a_new_fact(tmp_path: Path) -> None:
    root = user_folder(
        tmp_path,
        interventions=STEPS
        + "my-revocation,sandwell,direction_revoked,2020-01-01,,,,,sandwell-direction-2014-07-22,my-notes,\n",
    )
    ds = cs.load(extra=[root])
    (direction,) = [
        d
        for d in ds.authority("sandwell").directions
        if d.issued.id == "sandwell-direction-2014-07-22"
    ]
    assert direction.revoked is not None and direction.revoked.id == "my-revocation"
    assert direction.in_force_on(as_date("2019-12-31")) and not direction.in_force_on(
        as_date("2020-01-01")
    )


def test_a_correction_naming_the_bundled_record_settles_it(tmp_path: Path) -> None:
    # Sandwell's March 2018 direction (the last on record): a user's revocation dated 2010
    # contradicts it, and a correction of its date, with the user's reason, settles it.
    root = user_folder(
        tmp_path,
        interventions=STEPS
        + "my-revocation,sandwell,direction_revoked,2010,,,,,sandwell-direction-2018-03,my-notes,\n",
        corrections=CORRECTIONS
        + "interventions,sandwell-direction-2018-03,date,2009-07,my notes date it 2009,my-notes\n",
    )
    with pytest.raises(DatasetError):
        cs.load(
            extra=[
                user_folder(
                    tmp_path / "uncorrected",
                    interventions=STEPS
                    + "my-revocation,sandwell,direction_revoked,2010,,,,,sandwell-direction-2018-03,my-notes,\n",
                )
            ]
        )
    ds = cs.load(extra=[root])
    step = next(
        s for s in ds.authority("sandwell").interventions if s.id == "sandwell-direction-2018-03"
    )
    assert str(step.date) == "2009-07"


# (b) what is ended is of the right kind ------------------------------------------------


@pytest.mark.parametrize(
    ("row", "says"),
    [
        (
            "my-lifting,sandwell,notice_lifted,2024,,,,,sandwell-direction-2014-07-22,my-notes,",
            "a notice_lifted step lifts a improvement_notice or ministerial_decision, "
            "but 'sandwell-direction-2014-07-22' is a statutory_direction",
        ),
        (
            "my-revocation,sandwell,direction_revoked,2024,,,,,sandwell-improvement-notice,my-notes,",
            "but 'sandwell-improvement-notice' is a improvement_notice",
        ),
        (
            "my-revision,sandwell,revised_direction,2024,,,,,sandwell-improvement-notice,my-notes,",
            "a revised_direction step revises a revised_direction or statutory_direction",
        ),
        (
            "my-revocation,sandwell,direction_revoked,2024,,,,,,my-notes,",
            "a direction_revoked step must name the step it ends",
        ),
    ],
)
def test_an_ending_of_the_wrong_kind_fails_the_load(tmp_path: Path, row: str, says: str) -> None:
    root = user_folder(tmp_path, interventions=STEPS + row + "\n")
    problems = _problems(root)
    assert any(says in p.message and p.field == "replaces" for p in problems), problems


# (c) no cycles; a step is ended once ---------------------------------------------------


def test_a_replaces_cycle_fails_the_load(tmp_path: Path) -> None:
    root = user_folder(
        tmp_path,
        interventions=STEPS
        + "my-a,sandwell,revised_direction,2024,,,,,my-b,my-notes,\n"
        + "my-b,sandwell,revised_direction,2024,,,,,my-a,my-notes,\n",
    )
    (problem,) = _problems(root)
    assert problem.message == "the replaces links go round in a cycle: my-a -> my-b -> my-a"
    assert problem.file == f"{root / 'interventions' / 'mine.csv'}:2"


def test_a_cycle_through_a_bundled_step_is_placed_at_the_correction(tmp_path: Path) -> None:
    root = user_folder(
        tmp_path,
        corrections=CORRECTIONS
        + "interventions,sandwell-direction-2015,replaces,sandwell-direction-2016-10-06,"
        "testing,my-notes\n",
    )
    (problem,) = _problems(root)
    assert (
        "sandwell-direction-2015 -> sandwell-direction-2016-10-06 -> sandwell-direction-2015"
        in (problem.message)
    )
    assert problem.file == f"{root / 'corrections' / 'mine.csv'}:2"


def test_a_second_ending_of_a_bundled_step_fails_the_load(tmp_path: Path) -> None:
    root = user_folder(
        tmp_path,
        interventions=STEPS
        + "my-revocation,sandwell,direction_revoked,2017,,,,,sandwell-direction-2015,my-notes,\n",
    )
    (problem,) = _problems(root)
    assert "'sandwell-direction-2015' is already revised, lifted or revoked by " in problem.message
    assert "'sandwell-direction-2016-10-06'" in problem.message


# (d) delivery episodes under the same services ----------------------------------------


@pytest.mark.parametrize(
    ("scope", "says"),
    [
        (
            "Children's Social Care",
            'scopes "children\'s social care" and "Children\'s Social Care" are the same',
        ),
        ("children\u2019s  social care", "are the same"),
        ("", "an empty scope covers every service"),
    ],
)
def test_an_episode_overlapping_under_the_same_services_fails(
    tmp_path: Path, scope: str, says: str
) -> None:
    root = user_folder(
        tmp_path,
        delivery=EPISODES + f'my-in-house,sandwell,in_house,,,"{scope}",2019-01-01,,my-notes,\n',
    )
    (problem,) = _problems(root)
    assert problem.file == f"{root / 'delivery' / 'mine.csv'}:2"
    assert "while 'sandwell-sct' (2018-04-01 to open) still runs the same services" in (
        problem.message
    )
    assert says in problem.message


def test_an_overlap_found_at_a_bundled_episode_says_how_to_correct_it(tmp_path: Path) -> None:
    root = user_folder(
        tmp_path,
        delivery=EPISODES + "my-in-house,sandwell,in_house,,,,2017-01-01,,my-notes,\n",
    )
    (problem,) = _problems(root)
    assert problem.record == "delivery sandwell-sct"
    assert "'my-in-house' (2017-01-01 to open)" in problem.message
    assert "sandwell-sct is in the bundled dataset" in problem.message
    assert "corrections/" in problem.message


def test_episodes_of_other_services_may_overlap(tmp_path: Path) -> None:
    root = user_folder(
        tmp_path,
        delivery=EPISODES + "my-education,sandwell,in_house,,,education,2019-01-01,,my-notes,\n",
    )
    assert cs.load(extra=[root]).records.delivery[-1].id == "my-education"


def test_same_services() -> None:
    assert same_services("Children's social care", "children\u2019s   SOCIAL care")
    assert same_services(None, "education") and same_services("education", None)
    assert not same_services("children's social care", "children's services")


def test_the_bundled_dataset_passes_every_check() -> None:
    assert check_records(cs.load().records) == []
