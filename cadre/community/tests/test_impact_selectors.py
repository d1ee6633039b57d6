"""The impact selectors on a small world worked by hand (``impact_fixtures``)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from cadre.community.selectors import impact as sel
from cadre.community.tests.impact_fixtures import build_world

pytestmark = pytest.mark.django_db


def _row(result: sel.Impact, kind: str, outcome: str) -> sel.OutcomeRow:
    return next(r for r in result.rows if r.kind == kind and r.outcome == outcome)


def test_hand_worked_world() -> None:
    world = build_world()
    result = sel.impact(world.year)
    assert result.year == world.year
    assert result.comparison_date.isoformat() == f"{world.year}-03-01"
    assert result.participants["overall"] == 9
    assert result.participants["communities"] == 9
    assert result.participants["events"] == 5

    cap = _row(result, "overall", "capability")
    assert (cap.result.participants, cap.result.comparison) == (6, 8)
    assert cap.participants_left_out == 3
    assert cap.comparison_left_out == 4
    assert cap.result.participant_value == pytest.approx(1)
    assert cap.result.comparison_value == pytest.approx(0)
    assert cap.result.difference == pytest.approx(1)
    assert cap.result.low == pytest.approx(1) and cap.result.high == pytest.approx(1)
    assert cap.result.strata_dropped == 0  # stratum B people were left out first

    prog = _row(result, "overall", "progression")
    assert (prog.result.participants, prog.result.comparison) == (7, 8)
    assert prog.result.strata_dropped == 1 and prog.result.participants_dropped == 2
    assert prog.result.participant_value == pytest.approx(2 / 7)
    assert prog.result.comparison_value == pytest.approx(1 / 8)
    assert prog.result.low < prog.result.difference < prog.result.high

    events = _row(result, "events", "capability")
    assert (events.result.participants, events.result.comparison) == (5, 8)
    assert not events.result.suppressed
    events_prog = _row(result, "events", "progression")
    assert events_prog.result.participant_value == pytest.approx(0)


def test_small_groups_suppressed_with_true_labels() -> None:
    world = build_world()
    # Only four event-goers left: the events rows are suppressed.
    from cadre.community.models import Registration

    Registration.objects.filter(person=world.participants[0]).delete()
    result = sel.impact(world.year)
    row = _row(result, "events", "capability").shown()
    assert row["suppressed"] is True
    assert row["participants"] == "fewer than 5"
    assert row["difference"] is None and row["difference_display"] == ""
    assert result.participants_shown()["events"] == "fewer than 5"
    table = [r for r in result.table() if r["kind"] == "events"]
    assert all(r["difference"] is None and r["participants"] == "fewer than 5"
               for r in table)


def test_year_without_participation_is_empty() -> None:
    world = build_world()
    result = sel.impact(world.year - 5)
    assert result.comparison_date is None
    assert all(r.result.suppressed and r.result.participants == 0 for r in result.rows)
    assert result.years == [world.year, world.year - 1]


def test_default_year_is_the_newest_with_participation() -> None:
    world = build_world()
    assert sel.impact().year == world.year


@pytest.mark.parametrize("value", ["abc", "1999", "99999", "20x5"])
def test_bad_year_names_the_field(value: str) -> None:
    with pytest.raises(ValidationError) as exc:
        sel.check_year(value)
    assert "year" in exc.value.message_dict


def test_method_states_association_not_cause() -> None:
    text = " ".join(sel.METHOD)
    assert "association, not a cause" in text
    assert "caused" in text and "does not mean" in text
    for word in ("role family", "grade", "type of organisation", "left out", "95%",
                 "weighted", "fewer than 5"):
        assert word in text


def _mentoring(world, pairs: int) -> None:  # noqa: ANN001
    import datetime as dt

    from django.utils import timezone

    from cadre.community.models.mentoring import (
        MentoringMatch,
        MentoringMatchStatus,
        MentoringScheme,
        MentoringSignup,
    )

    y = world.year
    scheme = MentoringScheme.objects.create(name="Scheme", signup_opens=dt.date(y, 1, 1),
                                            signup_closes=dt.date(y, 1, 31))
    people = world.participants[:pairs * 2]
    for mentee, mentor in zip(people[::2], people[1::2], strict=True):
        MentoringMatch.objects.create(
            scheme=scheme, score=1, explanation="Test",
            mentee=MentoringSignup.objects.create(scheme=scheme, person=mentee, role="mentee"),
            mentor=MentoringSignup.objects.create(scheme=scheme, person=mentor, role="mentor"),
            status=MentoringMatchStatus.ACTIVE,
            started_at=timezone.make_aware(dt.datetime(y, 2, 15, 12)))


@pytest.mark.skipif(not sel.mentoring_counted(), reason="mentoring records not installed")
def test_mentoring_counts_mentors_and_mentees_from_their_first_start() -> None:
    world = build_world()
    _mentoring(world, 3)
    result = sel.impact(world.year)
    assert result.participants["mentoring"] == 6
    assert result.participants["overall"] == 9
    # Their first start is now 15 February (mentoring), before the community's 1 March:
    # the median start moves with them (6 of 9 participants).
    assert result.comparison_date.isoformat() == f"{world.year}-02-15"
    row = _row(result, "mentoring", "progression")
    assert row.result.participants == 6 and not row.result.suppressed


def test_works_without_the_mentoring_records(monkeypatch) -> None:  # noqa: ANN001
    world = build_world()
    monkeypatch.setattr(sel, "MentoringMatch", None)
    result = sel.impact(world.year)
    assert not result.mentoring_counted
    assert "mentoring" not in result.participants
    assert {r.kind for r in result.rows} == {"overall", "communities", "events"}
    assert _row(result, "overall", "capability").result.difference == pytest.approx(1)


def test_queries_do_not_grow_with_people(django_assert_max_num_queries) -> None:  # noqa: ANN001
    world = build_world()
    # Years with taking part (2 or 3); the participants' starts into a temporary table
    # (drop, create, insert, and drop after); one grouped query for the participants and
    # one for the comparison group, whatever the number of people.
    with django_assert_max_num_queries(9):
        sel.impact(world.year)
