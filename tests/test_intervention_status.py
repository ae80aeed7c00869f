"""The three-valued status of a notice or direction on a day: in force, not in force, not known.

Property tests state the rule of :mod:`childservices.rules.intervention` as
conditions on generated histories; unit tests pin each way an answer
becomes "not known" on small made-up histories.
"""

from __future__ import annotations

import datetime

from hypothesis import given, strategies as st

from childservices import Grade, InterventionKind, InterventionStatus
from childservices.model import Citation, Inspection, Intervention, PartialDate
from childservices.model.inspection import Framework
from childservices.rules.intervention import (
    STALE_AFTER_YEARS,
    status_on,
    step_status_on,
    years_after,
)
from childservices.strategies import partial_dates

CITE = (Citation(source="s"),)
D = datetime.date
FORMAL = (
    InterventionKind.IMPROVEMENT_NOTICE,
    InterventionKind.STATUTORY_DIRECTION,
    InterventionKind.REVISED_DIRECTION,
)


def step(
    ident: str,
    kind: InterventionKind,
    date: str | None,
    *,
    replaces: str | None = None,
    end: str | None = None,
    ends_all: bool = False,
) -> Intervention:
    return Intervention(
        id=ident,
        authority="a",
        kind=kind,
        date=None if date is None else PartialDate.parse(date),
        end=None if end is None else PartialDate.parse(end),
        replaces=replaces,
        ends_all=ends_all,
        citations=CITE,
    )


def judged(published: str, overall: Grade) -> Inspection:
    return Inspection(
        id=f"a-sif-{published}",
        authority="a",
        framework=Framework.SIF,
        published=PartialDate.parse(published),
        overall=overall,
        citations=CITE,
    )


@st.composite
def histories(draw: st.DrawFn) -> tuple[list[Intervention], list[Inspection]]:
    """An authority's steps (notices, directions, their ends, 'continues') and judgements."""
    kinds = st.sampled_from(
        [
            *FORMAL,
            InterventionKind.NOTICE_LIFTED,
            InterventionKind.DIRECTION_REVOKED,
            InterventionKind.COMMISSIONER_APPOINTED,
            InterventionKind.CONTINUES,
        ]
    )
    steps: list[Intervention] = []
    for n in range(draw(st.integers(1, 6))):
        kind = draw(kinds)
        date = draw(st.none() | partial_dates(D(2010, 1, 1), D(2020, 12, 31)))
        earlier = [s.id for s in steps]
        replaces = draw(st.sampled_from(earlier)) if earlier and draw(st.booleans()) else None
        if kind is InterventionKind.CONTINUES and replaces is None:
            kind = InterventionKind.COMMISSIONER_APPOINTED
        steps.append(
            Intervention(
                id=f"s{n}",
                authority="a",
                kind=kind,
                date=date,
                replaces=replaces,
                ends_all=kind.ends_something and draw(st.booleans()),
                citations=CITE,
            )
        )
    inspections = [
        judged(f"{year}-06-30", grade)
        for year, grade in draw(
            st.lists(
                st.tuples(st.integers(2010, 2025), st.sampled_from(list(Grade))),
                max_size=3,
                unique_by=lambda t: t[0],
            )
        )
        if grade is not Grade.ADEQUATE
    ]
    return steps, inspections


days = st.dates(min_value=D(2009, 1, 1), max_value=D(2027, 12, 31))


def _enders(target: Intervention, steps: list[Intervention]) -> list[Intervention]:
    """What ends ``target``, as the module's rules say: a step replacing it, a later lifting
    of everything, and, for a notice, the next notice or direction."""
    supersede = (InterventionKind.IMPROVEMENT_NOTICE, InterventionKind.STATUTORY_DIRECTION)
    return [
        s
        for s in steps
        if s.kind is not InterventionKind.CONTINUES
        and s.date is not None
        and s.id != target.id
        and (
            s.replaces == target.id
            or (s.ends_all and target.date is not None and not s.date.certainly_before(target.date))
            or (
                target.kind is InterventionKind.IMPROVEMENT_NOTICE
                and s.kind in supersede
                and target.date is not None
                and s.date.certainly_after(target.date)
            )
        )
    ]


def _revised_by(target: Intervention, steps: list[Intervention]) -> list[Intervention]:
    """The directions ``target`` (a direction) replaced, followed back to the first."""
    directions = (InterventionKind.STATUTORY_DIRECTION, InterventionKind.REVISED_DIRECTION)
    found: list[Intervention] = []
    current = target
    while target.kind in directions and current.replaces is not None:
        earlier = [s for s in steps if s.id == current.replaces and s.kind in directions]
        if not earlier or earlier[0] in found or earlier[0] is target:
            break
        found.append(earlier[0])
        current = earlier[0]
    return found


def _through_undated(target: Intervention, steps: list[Intervention]) -> list[Intervention]:
    """What ends ``target`` through undated steps that replaced it: a step replaced by an
    undated step ended no later than that step did (and so on, through undated steps)."""
    found: list[Intervention] = []
    seen = {target.id}
    todo = [target]
    while todo:
        current = todo.pop()
        for later in steps:
            if later.replaces != current.id or later.kind is InterventionKind.CONTINUES:
                continue
            if later.id in seen or later.date is not None:
                continue
            seen.add(later.id)
            found += [e for e in _enders(later, steps) if e.id not in seen]
            todo.append(later)
    return found


def _all_enders(target: Intervention, steps: list[Intervention]) -> list[Intervention]:
    """What ends ``target``, and what ended a direction it revised (other than the revisions),
    directly or through undated steps that replaced them."""
    revised = _revised_by(target, steps)
    chain = {target.id, *(r.id for r in revised)}
    found = _enders(target, steps) + _through_undated(target, steps)
    found += [
        e
        for r in revised
        for e in (*_enders(r, steps), *_through_undated(r, steps))
        if e.id not in chain
    ]
    return found


@given(histories(), days)
def test_in_force_only_when_the_record_shows_it(
    history: tuple[list[Intervention], list[Inspection]], day: datetime.date
) -> None:
    steps, inspections = history
    for target in steps:
        state = step_status_on(target, steps, day, inspections)
        enders = _all_enders(target, steps)
        if state is True:
            assert target.date is not None and target.date.certainly_by(day)
            assert not any(e.date is not None and e.date.possibly_by(day) for e in enders)
            acts = [
                s.date.last_day()
                for s in steps
                if s.date is not None and not s.date.certainly_before(target.date)
            ]
            last_act = max(acts)
            assert day <= years_after(last_act, STALE_AFTER_YEARS)
            assert not any(
                last_act < i.published.last_day() <= day and i.overall.rank >= 2  # type: ignore[union-attr]
                for i in inspections
            )
        elif state is False:
            assert (
                target.date is None
                or not target.date.possibly_by(day)
                or any(e.date is not None and e.date.certainly_by(day) for e in enders)
            )


@given(histories(), days)
def test_the_status_never_claims_more_than_the_steps_show(
    history: tuple[list[Intervention], list[Inspection]], day: datetime.date
) -> None:
    steps, inspections = history
    states = [
        (s.kind, step_status_on(s, steps, day, inspections)) for s in steps if s.kind in FORMAL
    ]
    directions = [
        state for kind, state in states if kind is not InterventionKind.IMPROVEMENT_NOTICE
    ]
    notices = [state for kind, state in states if kind is InterventionKind.IMPROVEMENT_NOTICE]
    status = status_on(steps, day, inspections)
    if True in directions:
        assert status is InterventionStatus.STATUTORY_DIRECTION
    if status is InterventionStatus.STATUTORY_DIRECTION:
        # some direction was certainly issued by then
        assert any(
            s.kind is not InterventionKind.IMPROVEMENT_NOTICE
            and s.date is not None
            and s.date.certainly_by(day)
            for s in steps
            if s.kind in FORMAL
        )
    if status is InterventionStatus.IMPROVEMENT_NOTICE:
        assert True in notices and True not in directions
    if status is InterventionStatus.NOT_KNOWN:
        assert True not in directions + notices and None in directions + notices
    if status is InterventionStatus.NONE:
        assert set(directions + notices) <= {False}


def test_a_revision_known_only_to_the_month_keeps_the_direction_in_force() -> None:
    direction = step("d", InterventionKind.STATUTORY_DIRECTION, "2015-10-01")
    revised = step("r", InterventionKind.REVISED_DIRECTION, "2017-03", replaces="d")
    steps = [direction, revised]
    assert step_status_on(direction, steps, D(2017, 3, 15), ()) is None  # the step itself
    assert status_on(steps, D(2017, 3, 15)) is InterventionStatus.STATUTORY_DIRECTION


def test_a_later_better_judgement_makes_an_open_direction_not_known() -> None:
    direction = step("d", InterventionKind.STATUTORY_DIRECTION, "2015-03-10")
    later = [judged("2017-05-01", Grade.REQUIRES_IMPROVEMENT)]
    assert step_status_on(direction, [direction], D(2017, 4, 30), later) is True
    assert step_status_on(direction, [direction], D(2017, 5, 1), later) is None
    # An inadequate judgement says nothing about the direction ending.
    worse = [judged("2017-05-01", Grade.INADEQUATE)]
    assert step_status_on(direction, [direction], D(2017, 5, 1), worse) is True
    # A source saying it continued after the judgement makes it known again.
    continues = step("c", InterventionKind.CONTINUES, "2017-09-01", replaces="d")
    steps = [direction, continues]
    assert step_status_on(direction, steps, D(2017, 9, 1), later) is True


def test_years_without_an_act_make_it_not_known() -> None:
    notice = step("n", InterventionKind.IMPROVEMENT_NOTICE, "2016-02-01")
    assert step_status_on(notice, [notice], D(2019, 2, 1), ()) is True
    assert step_status_on(notice, [notice], D(2019, 2, 2), ()) is None
    assert status_on([notice], D(2019, 2, 2)) is InterventionStatus.NOT_KNOWN


def test_an_end_known_only_to_the_month_is_not_known_within_it() -> None:
    notice = step("n", InterventionKind.IMPROVEMENT_NOTICE, "2016-02-01")
    lifted = step("l", InterventionKind.NOTICE_LIFTED, "2017-06", replaces="n")
    steps = [notice, lifted]
    assert step_status_on(notice, steps, D(2017, 5, 31), ()) is True
    assert step_status_on(notice, steps, D(2017, 6, 15), ()) is None
    assert step_status_on(notice, steps, D(2017, 6, 30), ()) is False


def test_a_direction_supersedes_the_notice_before_it() -> None:
    # Hull's case: a notice (May 2019), a direction (March 2020) not said to replace it, the
    # direction replaced by a notice (August 2022), lifted (September 2023).
    notice = step("n1", InterventionKind.IMPROVEMENT_NOTICE, "2019-05")
    direction = step("d", InterventionKind.STATUTORY_DIRECTION, "2020-03")
    second = step("n2", InterventionKind.IMPROVEMENT_NOTICE, "2022-08-05", replaces="d")
    lifted = step("l", InterventionKind.NOTICE_LIFTED, "2023-09", replaces="n2")
    steps = [notice, direction, second, lifted]
    assert status_on(steps, D(2019, 12, 1)) is InterventionStatus.IMPROVEMENT_NOTICE
    assert status_on(steps, D(2021, 1, 1)) is InterventionStatus.STATUTORY_DIRECTION
    assert status_on(steps, D(2023, 1, 1)) is InterventionStatus.IMPROVEMENT_NOTICE
    assert status_on(steps, D(2024, 1, 1)) is InterventionStatus.NONE
    assert step_status_on(notice, steps, D(2024, 1, 1), ()) is False


def test_a_lifting_of_everything_ends_directions_it_does_not_name() -> None:
    # Doncaster's case: two 2013 directions, a later one, and a 2021 letter lifting them all.
    first = step("d1", InterventionKind.STATUTORY_DIRECTION, "2013-03")
    second = step("d2", InterventionKind.STATUTORY_DIRECTION, "2013-08")
    third = step("d3", InterventionKind.STATUTORY_DIRECTION, "2016-06-17")
    lifted = step("l", InterventionKind.DIRECTION_REVOKED, "2021-01", replaces="d3", ends_all=True)
    steps = [first, second, third, lifted]
    assert status_on(steps, D(2020, 12, 31)) is InterventionStatus.STATUTORY_DIRECTION
    assert status_on(steps, D(2021, 2, 1)) is InterventionStatus.NONE
    # Without ends_all the 2013 directions would still count (the complaint).
    unflagged = [
        first,
        second,
        third,
        step("l", InterventionKind.DIRECTION_REVOKED, "2021-01", replaces="d3"),
    ]
    assert status_on(unflagged, D(2021, 2, 1)) is InterventionStatus.STATUTORY_DIRECTION


def test_two_revisions_of_one_direction_each_count() -> None:
    # A fork in the record (found by the property test above): two revisions name the same
    # undated direction as replaced; only the later one is dated. Each is followed.
    first = step("d", InterventionKind.STATUTORY_DIRECTION, None)
    undated = step("r1", InterventionKind.STATUTORY_DIRECTION, None, replaces="d")
    dated = step("r2", InterventionKind.STATUTORY_DIRECTION, "2010", replaces="d")
    steps = [first, undated, dated]
    assert status_on(steps, D(2011, 1, 1)) is InterventionStatus.STATUTORY_DIRECTION
    # Within the year the revision is known to, it may not have been issued yet.
    assert status_on(steps, D(2010, 1, 1)) is InterventionStatus.NOT_KNOWN
    assert status_on(steps, D(2009, 12, 31)) is InterventionStatus.NONE


def test_a_revocation_of_the_first_direction_ends_its_revisions() -> None:
    # Also found by the property test: a lifting names the first direction, and a revision
    # of that direction is recorded in the same year. The revision ends with the lifting.
    first = step("d", InterventionKind.STATUTORY_DIRECTION, None)
    lifted = step("l", InterventionKind.DIRECTION_REVOKED, "2010", replaces="d")
    revision = step("r", InterventionKind.STATUTORY_DIRECTION, "2010", replaces="d")
    steps = [first, lifted, revision]
    assert step_status_on(revision, steps, D(2011, 1, 1), ()) is False
    assert status_on(steps, D(2011, 1, 1)) is InterventionStatus.NONE
    assert status_on(steps, D(2010, 6, 1)) is InterventionStatus.NOT_KNOWN


def test_a_step_replaced_by_an_undated_step_ends_when_that_step_is_replaced() -> None:
    # Found by Hypothesis: a direction of 2010, revised by an undated direction that a notice
    # of 2010 replaced. The first direction had ended by 2010 (its revision came before the
    # notice), so on 1 January 2011 only the notice is in force, step by step and in all.
    first = step("d", InterventionKind.STATUTORY_DIRECTION, "2010")
    revision = step("r", InterventionKind.STATUTORY_DIRECTION, None, replaces="d")
    notice = step("n", InterventionKind.IMPROVEMENT_NOTICE, "2010", replaces="r")
    steps = [first, revision, notice]
    day = datetime.date(2011, 1, 1)
    assert step_status_on(first, steps, day) is False
    assert step_status_on(notice, steps, day) is True
    assert status_on(steps, day) is InterventionStatus.IMPROVEMENT_NOTICE
