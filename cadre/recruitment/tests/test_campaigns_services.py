# ruff: noqa: F811 - pytest fixtures imported from campaigns_fixtures are named as arguments
"""Campaign services: who may start and change a campaign, what is checked (each problem
names its field), the assessment plan, the workflow, version checks and the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cadre.audit.models import AuditEvent
from cadre.core.workflow import TransitionConflict
from cadre.recruitment.models import Campaign, CampaignState, Criterion
from cadre.recruitment.services import campaigns as services
from cadre.recruitment.tests.campaigns_fixtures import (  # noqa: F401
    CLI,
    mob,
    new_campaign,
    opened,
    world,
)

pytestmark = pytest.mark.django_db


def _fields(exc: ValidationError) -> set[str]:
    return set(exc.message_dict)


# -- starting a campaign ---------------------------------------------------------------

def test_a_campaign_from_a_vacancy_gone_external_starts_from_the_vacancy(world) -> None:
    w = world
    campaign = services.create_campaign(actor=w.mob.a_hop, vacancy=w.vacancy.pk)
    assert campaign.state == CampaignState.DRAFT and campaign.version == 1
    assert (campaign.organisation, campaign.vacancy, campaign.title) == (
        w.org_a, w.vacancy, w.vacancy.title)
    assert (campaign.role_level, campaign.grade) == (w.vacancy.role_level, w.vacancy.grade)
    assert campaign.location == "Leeds (hybrid)"
    assert campaign.closing_date == w.vacancy.closing_date
    assert campaign.pay_min is None and campaign.retention_months == 12
    texts = list(campaign.criteria.values_list("text", flat=True))
    assert texts and all(" at " in t for t in texts)
    event = AuditEvent.objects.filter(action="record_created", target_id=str(campaign.pk),
                                      target_type__icontains="campaign").get()
    assert event.data["vacancy"] == w.vacancy.pk


def test_a_vacancy_not_gone_external_is_refused_naming_the_vacancy(world) -> None:
    from cadre.mobility.tests.mobility_setup import open_vacancy

    inside = open_vacancy(world.mob, title="Still inside")
    with pytest.raises(ValidationError) as caught:
        services.create_campaign(actor=CLI, vacancy=inside.pk)
    assert _fields(caught.value) == {"vacancy"}


def test_one_live_campaign_per_vacancy(world) -> None:
    first = services.create_campaign(actor=CLI, vacancy=world.vacancy)
    with pytest.raises(services.CampaignConflict):
        services.create_campaign(actor=CLI, vacancy=world.vacancy)
    services.transition(actor=CLI, campaign_id=first.pk, to="cancelled", reason="Wrong grade")
    again = services.create_campaign(actor=CLI, vacancy=world.vacancy)
    assert again.pk != first.pk


def test_a_new_senior_role_starts_with_the_role_levels_skills(world) -> None:
    campaign = new_campaign(world)
    assert campaign.vacancy is None
    assert sorted(c.skill.name for c in campaign.criteria.all()) == ["Data modelling",
                                                                    "Programming"]
    empty = new_campaign(world, seed_criteria=False, title="Another")
    assert not empty.criteria.exists()


def test_who_may_start_a_campaign(world) -> None:
    w = world
    assert new_campaign(w, actor=w.mob.a_hop).organisation == w.org_a
    assert new_campaign(w, actor=w.mob.central, organisation=w.org_b).organisation == w.org_b
    for who in (w.mob.b_hop, w.mob.analyst, w.mob.a_staff_user):
        with pytest.raises(PermissionDenied):
            new_campaign(w, actor=who)
    with pytest.raises(PermissionDenied):
        services.create_campaign(actor=w.mob.b_hop, vacancy=w.vacancy)


@pytest.mark.parametrize(("changes", "field"), [
    ({"title": ""}, "title"),
    ({"title": "x" * 201}, "title"),
    ({"location": "x" * 201}, "location"),
    ({"pay_min": "80000", "pay_max": "70000"}, "pay_max"),
    ({"pay_min": "70000.50"}, "pay_min"),
    ({"pay_min": "seventy"}, "pay_min"),
    ({"pay_max": 2_000_000}, "pay_max"),
    ({"pay_min": None}, "pay_min"),
    ({"retention_months": 0}, "retention_months"),
    ({"retention_months": 37}, "retention_months"),
    ({"closing_date": dt.date(2020, 1, 1)}, "closing_date"),
    ({"closing_date": "31/02/2030"}, "closing_date"),
    ({"grade": "NOPE"}, "grade"),
    ({"role_level": 999999}, "role_level"),
    ({"engagement": "forever"}, "engagement"),
    ({"organisation": "NOWHERE"}, "organisation"),
])
def test_bad_values_name_their_field_and_write_nothing(world, changes, field) -> None:
    before = Campaign.objects.count()
    with pytest.raises(ValidationError) as caught:
        new_campaign(world, **changes)
    assert field in _fields(caught.value), caught.value
    assert Campaign.objects.count() == before


def test_several_problems_are_reported_at_once(world) -> None:
    with pytest.raises(ValidationError) as caught:
        new_campaign(world, title="", location="", retention_months=99)
    assert {"title", "location", "retention_months"} <= _fields(caught.value)


def test_pay_is_read_as_whole_pounds(world) -> None:
    campaign = new_campaign(world, pay_min="£65,000", pay_max="72000")
    assert (campaign.pay_min, campaign.pay_max) == (65000, 72000)


# -- changing it -----------------------------------------------------------------------

def test_a_change_names_the_version_read(world) -> None:
    campaign = new_campaign(world)
    changed = services.update_campaign(actor=world.mob.a_hop, campaign=campaign.pk, version=1,
                                       title="Head of data architecture", pay_max=85000)
    assert (changed.title, changed.pay_max, changed.version) == (
        "Head of data architecture", 85000, 2)
    with pytest.raises(services.CampaignConflict) as caught:
        services.update_campaign(actor=world.mob.a_hop, campaign=campaign.pk, version=1,
                                 title="Lost")
    assert caught.value.current == 2
    campaign.refresh_from_db()
    assert campaign.title == "Head of data architecture"
    event = AuditEvent.objects.filter(action="record_updated",
                                      target_id=str(campaign.pk)).latest("pk")
    assert event.data["fields"] == ["title", "pay_max"]


def test_no_change_writes_nothing(world) -> None:
    campaign = new_campaign(world)
    services.update_campaign(actor=CLI, campaign=campaign.pk, version=None,
                             title=campaign.title)
    campaign.refresh_from_db()
    assert campaign.version == 1


def test_only_the_campaigns_organisation_changes_it(world) -> None:
    campaign = new_campaign(world)
    with pytest.raises(PermissionDenied):
        services.update_campaign(actor=world.mob.b_hop, campaign=campaign.pk, version=1,
                                 title="Mine now")
    with pytest.raises(ValidationError) as caught:
        services.update_campaign(actor=CLI, campaign=campaign.pk, version=1, state="open")
    assert _fields(caught.value) == {"state"}


def test_details_and_plan_are_fixed_after_the_sift_starts(world) -> None:
    campaign = opened(world)
    sifting = services.transition(actor=CLI, campaign_id=campaign.pk, to="sift")
    with pytest.raises(ValidationError) as caught:
        services.update_campaign(actor=CLI, campaign=sifting.pk, version=None, title="Late")
    assert _fields(caught.value) == {"state"}
    with pytest.raises(ValidationError):
        services.add_criterion(actor=CLI, campaign=sifting.pk, text="Late criterion")


def test_an_open_campaign_keeps_a_passed_closing_date_while_other_details_change(world) -> None:
    campaign = opened(world)
    Campaign.objects.filter(pk=campaign.pk).update(
        closing_date=timezone.localdate() - dt.timedelta(days=1))
    changed = services.update_campaign(actor=CLI, campaign=campaign.pk, version=None,
                                       location="York")
    assert changed.location == "York"


# -- the assessment plan ---------------------------------------------------------------

def test_criteria_are_added_changed_and_removed(world) -> None:
    campaign = new_campaign(world, seed_criteria=False)
    first = services.add_criterion(actor=world.mob.a_hop, campaign=campaign.pk,
                                   text="Designs data platforms", skill=world.skills[0].pk,
                                   stage="sift", method="application", version=1)
    second = services.add_criterion(actor=CLI, campaign=campaign, text="Leads a team",
                                    stage="interview", method="interview")
    assert (first.order, second.order) == (1, 2)
    changed = services.change_criterion(actor=CLI, criterion=second.pk, order=0 + 1,
                                        text="Leads teams")
    assert (changed.text, changed.order) == ("Leads teams", 1)
    services.remove_criterion(actor=CLI, criterion=first.pk)
    campaign.refresh_from_db()
    assert list(campaign.criteria.values_list("text", flat=True)) == ["Leads teams"]
    assert campaign.version == 5
    assert AuditEvent.objects.filter(action="record_deleted",
                                     target_id=str(campaign.pk)).exists()


@pytest.mark.parametrize(("values", "field"), [
    ({"text": ""}, "text"),
    ({"text": "x" * 301}, "text"),
    ({"text": "Fine", "stage": "sift", "method": "interview"}, "method"),
    ({"text": "Fine", "stage": "interview", "method": "application"}, "method"),
    ({"text": "Fine", "stage": "whenever"}, "stage"),
    ({"text": "Fine", "skill": 999999}, "skill"),
    ({"text": "Fine", "order": 0}, "order"),
])
def test_bad_criteria_name_their_field(world, values, field) -> None:
    campaign = new_campaign(world, seed_criteria=False)
    with pytest.raises(ValidationError) as caught:
        services.add_criterion(actor=CLI, campaign=campaign, **values)
    assert field in _fields(caught.value)
    assert not Criterion.objects.filter(campaign=campaign).exists()


def test_a_skill_of_another_framework_is_refused(world) -> None:
    from cadre.framework.models import Framework, Skill

    other = Skill.objects.create(framework=Framework.objects.create(name="Other", version="1"),
                                 name="Elsewhere")
    campaign = new_campaign(world, seed_criteria=False)
    with pytest.raises(ValidationError) as caught:
        services.add_criterion(actor=CLI, campaign=campaign, text="Fine", skill=other.pk)
    assert _fields(caught.value) == {"skill"}


def test_a_criterion_change_from_a_stale_version_is_a_conflict(world) -> None:
    campaign = new_campaign(world)
    criterion = campaign.criteria.first()
    services.update_campaign(actor=CLI, campaign=campaign.pk, version=1, title="Moved on")
    with pytest.raises(services.CampaignConflict):
        services.change_criterion(actor=CLI, criterion=criterion.pk, version=1, text="Stale")
    with pytest.raises(services.CampaignConflict):
        services.remove_criterion(actor=CLI, criterion=criterion.pk, version=1)
    with pytest.raises(PermissionDenied):
        services.remove_criterion(actor=world.mob.b_hop, criterion=criterion.pk)


# -- the workflow ----------------------------------------------------------------------

def test_the_whole_workflow_dates_each_step(world) -> None:
    campaign = opened(world, actor=world.mob.a_hop)
    assert campaign.state == "open" and campaign.opened_at is not None
    for to in ("sift", "interview", "decided", "closed"):
        campaign = services.transition(actor=world.mob.a_hop, campaign_id=campaign.pk, to=to,
                                       version=campaign.version)
        assert campaign.state == to
    assert campaign.sift_at and campaign.interview_at and campaign.decided_at
    assert campaign.closed_on == timezone.localdate()
    assert campaign.version == 7  # created, criterion added, five steps
    events = AuditEvent.objects.filter(action="transition", target_id=str(campaign.pk),
                                       target_type__icontains="campaign")
    assert [e.data["to"] for e in events.order_by("pk")] == [
        "open", "sift", "interview", "decided", "closed"]
    with pytest.raises(TransitionConflict):
        services.transition(actor=CLI, campaign_id=campaign.pk, to="cancelled",
                            reason="Too late")


def test_opening_needs_a_pay_range_a_future_closing_date_and_a_plan_for_both_stages(world
                                                                                  ) -> None:
    campaign = new_campaign(world, pay_min=None, pay_max=None, seed_criteria=False)
    Campaign.objects.filter(pk=campaign.pk).update(
        closing_date=timezone.localdate() - dt.timedelta(days=1))
    with pytest.raises(ValidationError) as caught:
        services.transition(actor=CLI, campaign_id=campaign.pk, to="open")
    assert _fields(caught.value) == {"pay_min", "closing_date", "criteria"}
    campaign.refresh_from_db()
    assert campaign.state == "draft" and campaign.version == 1


def test_a_stale_version_or_a_step_no_longer_possible_is_a_conflict(world) -> None:
    campaign = opened(world)
    with pytest.raises(TransitionConflict) as caught:
        services.transition(actor=CLI, campaign_id=campaign.pk, to="sift", version=1)
    assert caught.value.current_state == "open"
    with pytest.raises(TransitionConflict):
        services.transition(actor=CLI, campaign_id=campaign.pk, to="open")
    campaign.refresh_from_db()
    assert campaign.state == "open"


def test_cancelling_needs_a_reason_and_records_it(world) -> None:
    campaign = new_campaign(world)
    with pytest.raises(ValidationError) as caught:
        services.transition(actor=CLI, campaign_id=campaign.pk, to="cancelled")
    assert _fields(caught.value) == {"reason"}
    cancelled = services.transition(actor=CLI, campaign_id=campaign.pk, to="cancel",
                                    reason="The post was withdrawn")
    assert (cancelled.state, cancelled.cancel_reason) == ("cancelled", "The post was withdrawn")
    assert cancelled.closed_on == timezone.localdate()


def test_only_the_campaigns_organisation_moves_it(world) -> None:
    campaign = opened(world)
    for who in (world.mob.b_hop, world.mob.analyst):
        with pytest.raises(PermissionDenied):
            services.transition(actor=who, campaign_id=campaign.pk, to="sift")
    assert services.transition(actor=world.mob.central, campaign_id=campaign.pk,
                               to="sift").state == "sift"


def test_an_unknown_step_names_the_field(world) -> None:
    campaign = new_campaign(world)
    with pytest.raises(ValidationError) as caught:
        services.transition(actor=CLI, campaign_id=campaign.pk, to="hired")
    assert _fields(caught.value) == {"to"}
    with pytest.raises(ValidationError) as caught:
        services.transition(actor=CLI, campaign_id=campaign.pk, to="open", version="v1")
    assert _fields(caught.value) == {"version"}
