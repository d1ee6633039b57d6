"""Vacancies and managed moves: transitions, refusals (nothing written), matching from the
database, and the held-levels matrix."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cadre.assessments.models import SkillAssessment, Source
from cadre.assessments.selectors import held_levels_matrix
from cadre.audit.models import AuditEvent
from cadre.core.workflow import TransitionConflict
from cadre.mobility import selectors, services
from cadre.mobility.models import MobilityPreference, MoveRequest, Vacancy
from cadre.mobility.tests.mobility_setup import draft_vacancy, mob, open_vacancy  # noqa: F401
from cadre.people.models import Person

pytestmark = pytest.mark.django_db


def test_draft_prefills_the_role_levels_skills_as_essential(mob):  # noqa: F811
    vacancy = draft_vacancy(mob)
    rows = [(s.skill.name, s.level.ordinal, s.essential)
            for s in selectors.vacancy_skills(vacancy)]
    assert rows == [("Data modelling", 3, True), ("Programming", 2, True)]
    assert vacancy.state == Vacancy.State.DRAFT
    assert AuditEvent.objects.filter(target_id=str(vacancy.pk),
                                     action=AuditEvent.Action.RECORD_CREATED).exists()


def test_skills_can_be_edited(mob):  # noqa: F811
    vacancy = draft_vacancy(mob)
    services.set_vacancy_skills(actor=mob.a_hop, vacancy=vacancy, skills=[
        (mob.skills[0], mob.levels[3], True), (mob.skills[2], mob.levels[0], False)])
    assert [(s.skill.name, s.level.ordinal, s.essential)
            for s in selectors.vacancy_skills(vacancy)] == [
        ("Data modelling", 4, True), ("Testing", 1, False)]


@pytest.mark.parametrize("skills,message", [
    ([], "essential"),
    ("twice", "twice"),
    ("desirable-only", "essential"),
])
def test_bad_skills_are_refused_and_nothing_changes(mob, skills, message):  # noqa: F811
    vacancy = draft_vacancy(mob)
    if skills == "twice":
        skills = [(mob.skills[0], mob.levels[0], True), (mob.skills[0], mob.levels[1], True)]
    elif skills == "desirable-only":
        skills = [(mob.skills[0], mob.levels[0], False)]
    with pytest.raises(ValidationError, match=message):
        services.set_vacancy_skills(actor=mob.a_hop, vacancy=vacancy, skills=skills)
    assert vacancy.skills.count() == 2


def test_other_organisations_head_cannot_draft_or_change(mob):  # noqa: F811
    with pytest.raises(PermissionDenied):
        draft_vacancy(mob, organisation=mob.org_a) if False else services.create_vacancy(
            actor=mob.b_hop, organisation=mob.org_a, title="X", role_level=mob.role_level,
            grade=mob.g7, closing_date=dt.date.today())
    vacancy = draft_vacancy(mob)
    with pytest.raises(PermissionDenied):
        services.open_vacancy(actor=mob.b_hop, vacancy=vacancy)
    vacancy.refresh_from_db()
    assert vacancy.state == Vacancy.State.DRAFT
    assert Vacancy.objects.count() == 1


def test_create_refuses_a_blank_title_and_a_past_closing_date(mob):  # noqa: F811
    with pytest.raises(ValidationError) as exc:
        draft_vacancy(mob, title=" ", closing_date=dt.date.today() - dt.timedelta(days=1))
    assert set(exc.value.message_dict) == {"title", "closing_date"}
    assert Vacancy.objects.count() == 0


def test_vacancy_lifecycle_and_invalid_transitions(mob):  # noqa: F811
    vacancy = open_vacancy(mob)
    assert vacancy.state == Vacancy.State.OPEN and vacancy.opened_on == dt.date.today()
    with pytest.raises(TransitionConflict, match="no longer possible"):
        services.open_vacancy(actor=mob.a_hop, vacancy=vacancy)
    services.close_vacancy(actor=mob.a_hop, vacancy=vacancy)
    services.fill_vacancy(actor=mob.a_hop, vacancy=vacancy, person=mob.people.a_staff1)
    assert vacancy.state == Vacancy.State.FILLED
    with pytest.raises(TransitionConflict) as caught:
        services.withdraw_vacancy(actor=mob.a_hop, vacancy=vacancy)
    assert caught.value.current_state == Vacancy.State.FILLED
    with pytest.raises(ValidationError):
        services.update_vacancy(actor=mob.a_hop, vacancy=vacancy, title="New")


def test_going_external_waits_for_the_policy_and_needs_a_reason(mob):  # noqa: F811
    services.set_policy(actor=mob.central, internal_days=10)
    vacancy = open_vacancy(mob)
    with pytest.raises(ValidationError, match="10 days"):
        services.decide_external(actor=mob.a_hop, vacancy=vacancy, reason="No one suitable")
    later = dt.date.today() + dt.timedelta(days=10)
    with pytest.raises(ValidationError, match="reason"):
        services.decide_external(actor=mob.a_hop, vacancy=vacancy, reason=" ", today=later)
    vacancy.refresh_from_db()
    assert vacancy.external_decided_at is None
    services.decide_external(actor=mob.a_hop, vacancy=vacancy, reason="No one suitable",
                             today=later)
    vacancy.refresh_from_db()
    assert vacancy.external_reason == "No one suitable"
    assert vacancy.external_decided_by == mob.a_hop


def test_only_the_central_team_sets_the_policy(mob):  # noqa: F811
    with pytest.raises(PermissionDenied):
        services.set_policy(actor=mob.a_hop, internal_days=1)
    with pytest.raises(ValidationError):
        services.set_policy(actor=mob.central, internal_days=1000)
    assert services.current_policy().internal_days == 28


@pytest.mark.parametrize("by_skill,packed", [(False, True), (True, True), (True, False)])
def test_held_levels_matrix_uses_the_level_that_counts(mob, by_skill, packed,  # noqa: F811
                                                       monkeypatch):
    if by_skill:  # the path for many people: read by skill, filter with NumPy
        monkeypatch.setattr("cadre.assessments.selectors.PERSON_FILTER_LIMIT", 0)
    monkeypatch.setattr("cadre.assessments.selectors.PACK_ROWS", packed)
    p = mob.people
    # A later self-assessment does not beat the agreed level; a validated one does.
    SkillAssessment.objects.create(person=p.b_staff, skill=mob.skills[0], level=mob.levels[0],
                                   source=Source.SELF, assessed_on=dt.date.today())
    SkillAssessment.objects.create(person=p.b_staff, skill=mob.skills[1], level=mob.levels[3],
                                   source=Source.VALIDATED,
                                   assessed_on=dt.date.today() - dt.timedelta(days=5))
    ids, held = held_levels_matrix(Person.objects.filter(pk__in=[p.b_staff.pk, p.a_head.pk]),
                                   [mob.skills[1].pk, mob.skills[0].pk, mob.skills[2].pk])
    assert ids.tolist() == sorted([p.b_staff.pk, p.a_head.pk])
    row = ids.tolist().index(p.b_staff.pk)
    assert held[row].tolist() == [4, 3, 0]
    assert held[1 - row].tolist() == [0, 0, 0]


def test_match_ranks_only_people_who_opted_in_with_reasons(mob):  # noqa: F811
    vacancy = open_vacancy(mob)
    result = selectors.match(vacancy)
    assert [r["person"] for r in result.rows] == [mob.people.b_staff]
    row = result.rows[0]
    assert [m["skill"] for m in row["met"]] == ["Data modelling"]
    assert row["short"] == [{"skill": "Programming", "required": 2, "held": 1,
                             "essential": True, "short_by": 1}]
    # b_head meets every essential skill but has not opted in: counted, not named.
    assert selectors.not_opted_in_count(vacancy) == 1


def test_match_respects_grade_preferences(mob):  # noqa: F811
    vacancy = open_vacancy(mob)
    pref = MobilityPreference.objects.get(person=mob.people.b_staff)
    pref.grades.set([mob.g6])
    assert selectors.match(vacancy).rows == []
    pref.grades.set([mob.g6, mob.g7])
    assert len(selectors.match(vacancy).rows) == 1


def test_vacancies_for_a_person_follow_their_preference(mob):  # noqa: F811
    vacancy = open_vacancy(mob, hybrid=False, locations=[mob.london])
    staff = mob.people.b_staff
    assert selectors.vacancies_for(staff) == []
    MobilityPreference.objects.get(person=staff).locations.set([mob.london])
    assert selectors.vacancies_for(staff) == [vacancy]


def _move_to_logistics(mob):  # noqa: ANN001, ANN202, F811
    vacancy = open_vacancy(mob)
    move = services.propose_move(actor=mob.a_hop, person=mob.people.b_staff,
                                 receiving=mob.org_a, vacancy=vacancy)
    services.agree_receiving(actor=mob.a_hop, move=move)
    services.agree_releasing(actor=mob.b_hop, move=move)
    return vacancy, move


def test_a_managed_move_end_to_end(mob):  # noqa: F811
    vacancy, move = _move_to_logistics(mob)
    staff = mob.people.b_staff
    with pytest.raises(ValidationError, match="Still to do"):
        services.update_logistics(actor=mob.b_hop, move=move, clearance_transferred=True)
        services.complete_move(actor=mob.a_hop, move=move)
    services.update_logistics(actor=mob.b_hop, move=move, start_date=dt.date.today(),
                              clearance_transferred=True, pay_and_pension_agreed=True,
                              equipment_ready=True, access_ready=True)
    services.complete_move(actor=mob.a_hop, move=move, line_manager=mob.people.a_head)
    staff.refresh_from_db()
    vacancy.refresh_from_db()
    assert staff.organisation == mob.org_a and staff.line_manager == mob.people.a_head
    assert staff.unit is None
    assert move.state == MoveRequest.State.COMPLETED
    assert vacancy.state == Vacancy.State.FILLED and vacancy.filled_by == staff
    # History kept: earlier rows still show the old organisation; assessments stay.
    assert staff.history.filter(organisation_id=mob.org_b.pk).exists()
    assert SkillAssessment.objects.filter(person=staff).count() == 2
    rows = selectors.move_durations(mob.central)
    assert rows[0].moves == 1 and rows[0].median_days is not None


def test_move_transitions_in_order_only(mob):  # noqa: F811
    move = services.propose_move(actor=mob.b_hop, person=mob.people.b_staff,
                                 receiving=mob.org_a)
    with pytest.raises(TransitionConflict):  # the receiving organisation agrees first
        services.agree_releasing(actor=mob.b_hop, move=move)
    with pytest.raises(PermissionDenied):
        services.agree_receiving(actor=mob.b_hop, move=move)
    with pytest.raises(TransitionConflict):
        services.update_logistics(actor=mob.a_hop, move=move, equipment_ready=True)
    move.refresh_from_db()
    assert move.state == MoveRequest.State.PROPOSED and not move.equipment_ready
    with pytest.raises(ValidationError, match="already has a move"):
        services.propose_move(actor=mob.b_hop, person=mob.people.b_staff, receiving=mob.org_a)


def test_propose_refusals(mob):  # noqa: F811
    with pytest.raises(ValidationError, match="already works"):
        services.propose_move(actor=mob.b_hop, person=mob.people.b_staff, receiving=mob.org_b)
    outsider = draft_vacancy(mob)
    with pytest.raises(ValidationError, match="open or closed"):
        services.propose_move(actor=mob.a_hop, person=mob.people.b_staff, receiving=mob.org_a,
                              vacancy=outsider)
    assert MoveRequest.objects.count() == 0


def test_cancel_needs_a_reason(mob):  # noqa: F811
    move = services.propose_move(actor=mob.a_hop, person=mob.people.b_staff,
                                 receiving=mob.org_a)
    with pytest.raises(ValidationError, match="reason"):
        services.cancel_move(actor=mob.a_hop, move=move, reason="")
    services.cancel_move(actor=mob.b_hop, move=move, reason="Changed their mind")
    move.refresh_from_db()
    assert move.state == MoveRequest.State.CANCELLED and move.cancel_reason
    with pytest.raises(TransitionConflict):
        services.cancel_move(actor=mob.b_hop, move=move, reason="Again")


def test_completion_needs_a_free_staff_number(mob):  # noqa: F811
    _, move = _move_to_logistics(mob)
    services.update_logistics(actor=mob.a_hop, move=move, start_date=dt.date.today(),
                              clearance_transferred=True, pay_and_pension_agreed=True,
                              equipment_ready=True, access_ready=True)
    staff = mob.people.b_staff
    Person.objects.filter(pk=staff.pk).update(staff_number="A3")  # taken by a_staff1 in A
    move.person.refresh_from_db()
    with pytest.raises(ValidationError, match="taken"):
        services.complete_move(actor=mob.a_hop, move=move)
    with pytest.raises(ValidationError, match="receiving organisation"):
        services.complete_move(actor=mob.a_hop, move=move, staff_number="A99",
                               line_manager=mob.people.b_head)
    staff.refresh_from_db()
    assert staff.organisation == mob.org_b
    services.complete_move(actor=mob.a_hop, move=move, staff_number="A99")
    staff.refresh_from_db()
    assert staff.organisation == mob.org_a and staff.staff_number == "A99"


def test_matrix_is_empty_without_people_or_skills(mob):  # noqa: F811
    ids, held = held_levels_matrix(Person.objects.none(), [mob.skills[0].pk])
    assert ids.shape == (0,) and held.shape == (0, 1)
    _, held = held_levels_matrix(Person.objects.all(), [])
    assert held.shape[1] == 0 and np.all(held == 0)


def test_fast_candidate_rows_agree_with_the_queryset_rule(mob):  # noqa: F811
    vacancy = open_vacancy(mob)
    extra = [mob.people.a_staff2, mob.people.b_head, mob.people.a_other]
    for person in extra:
        MobilityPreference.objects.create(person=person, open_to_opportunities=True)
    MobilityPreference.objects.get(person=mob.people.b_head).grades.set([mob.g6])
    MobilityPreference.objects.get(person=mob.people.b_staff).role_families.set([mob.family])
    rows = selectors._candidates(vacancy)
    expected = sorted(selectors.candidate_pool(vacancy).values_list("pk", flat=True))
    assert rows[:, 0].tolist() == expected == [mob.people.b_staff.pk]
    assert rows[0, 1:].tolist() == [mob.leeds.pk, mob.g7.rank]


@pytest.mark.parametrize("packed", [True, False])
def test_held_levels_matrix_with_large_ids(mob, packed, monkeypatch):  # noqa: F811
    """Person ids near the packing limit (2**31) unpack to the right row on every database:
    the packed code needs 64-bit arithmetic in SQL."""
    from tests.factories import PersonFactory

    monkeypatch.setattr("cadre.assessments.selectors.PACK_ROWS", packed)
    big = PersonFactory(id=2 ** 31 - 7, organisation=mob.org_a)
    SkillAssessment.objects.create(person=big, skill=mob.skills[2], level=mob.levels[3],
                                   source=Source.MANAGER, assessed_on=dt.date.today())
    ids, held = held_levels_matrix(Person.objects.filter(pk__in=[big.pk, mob.people.b_staff.pk]),
                                   [mob.skills[0].pk, mob.skills[2].pk])
    assert ids.tolist() == [mob.people.b_staff.pk, big.pk]
    assert held.tolist() == [[3, 0], [0, 4]]


def test_held_levels_matrix_refuses_unsorted_ids(mob):  # noqa: F811
    with pytest.raises(ValueError, match="ascending"):
        held_levels_matrix(np.array([5, 3]), [mob.skills[0].pk])
