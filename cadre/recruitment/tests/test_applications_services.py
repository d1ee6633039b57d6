# ruff: noqa: F811 - pytest fixtures imported from applications_fixtures are named as arguments
"""Recording, applying, withdrawing and the one transition service of applications."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cadre.audit.models import AuditEvent
from cadre.core.actor import Actor
from cadre.core.workflow import TransitionConflict
from cadre.recruitment.models import Application, ApplicationState, CampaignState, Evidence
from cadre.recruitment.services import applications as services
from cadre.recruitment.tests.applications_fixtures import external, world  # noqa: F401

pytestmark = pytest.mark.django_db


def test_recruiter_records_an_external_application(world) -> None:  # noqa: ANN001
    application = services.record_application(
        actor=Actor.for_user(world.hop_a), campaign=world.campaign, name=" Priya Raman ",
        email="priya@example.com", evidence={world.sift.pk: "Led a team."},
        reserve_consent=True)
    assert application.state == ApplicationState.SUBMITTED
    assert not application.internal and application.version == 1
    assert application.candidate.name == "Priya Raman"
    assert application.reserve_consent_on == timezone.localdate()
    assert Evidence.objects.get(application=application).text == "Led a team."
    event = AuditEvent.objects.filter(action="record_created").latest("pk")
    assert "Priya" not in event.summary and "priya@" not in str(event.data)


def test_recording_checks_each_field(world) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as caught:
        services.record_application(actor=None, campaign=world.campaign, name="",
                                    email="not-an-email", phone="call me",
                                    evidence={world.sift.pk: "x" * 5001})
    errors = caught.value.message_dict
    assert set(errors) == {"name", "email", "phone", f"evidence_{world.sift.pk}"}
    assert "5,000 characters" in errors[f"evidence_{world.sift.pk}"][0]
    assert not Application.objects.exists()


def test_another_campaigns_criterion_is_refused(world) -> None:  # noqa: ANN001
    other = world.other.criteria.create(text="Other", order=1)
    with pytest.raises(ValidationError) as caught:
        services.record_application(actor=None, campaign=world.campaign, name="A",
                                    email="a@example.com", evidence={other.pk: "text"})
    assert "evidence" in caught.value.message_dict


def test_the_same_candidate_twice_is_refused(world) -> None:  # noqa: ANN001
    external(world)
    with pytest.raises(ValidationError, match="already has an application"):
        external(world, email="PRIYA@example.com")


def test_head_of_another_organisation_may_not_record(world) -> None:  # noqa: ANN001
    with pytest.raises(PermissionDenied):
        services.record_application(actor=Actor.for_user(world.hop_b), campaign=world.campaign,
                                    name="A", email="a@example.com")
    with pytest.raises(PermissionDenied):
        services.record_application(actor=Actor.for_user(world.staff), campaign=world.campaign,
                                    name="A", email="a@example.com")


def test_a_draft_campaign_takes_no_applications(world) -> None:  # noqa: ANN001
    world.campaign.state = CampaignState.DRAFT
    world.campaign.save()
    with pytest.raises(ValidationError, match="open or at sift"):
        external(world)


def test_an_internal_person_applies_until_the_closing_date(world) -> None:  # noqa: ANN001
    actor = Actor.for_user(world.staff)
    closing = world.campaign.closing_date
    with pytest.raises(ValidationError, match="closed for applications"):
        services.apply(actor=actor, campaign=world.campaign,
                       today=closing + dt.timedelta(days=1))
    application = services.apply(actor=actor, campaign=world.campaign, today=closing,
                                 evidence={world.sift.pk: "My evidence"})
    assert application.internal and application.candidate.person == world.people.a_staff1
    assert application.candidate.name == "" and application.candidate.email == ""
    with pytest.raises(ValidationError, match="already applied"):
        services.apply(actor=actor, campaign=world.campaign)


def test_applying_needs_a_person_and_an_open_campaign(world) -> None:  # noqa: ANN001
    with pytest.raises(PermissionDenied, match="person record"):
        services.apply(actor=Actor.for_user(world.nobody), campaign=world.campaign)
    with pytest.raises(PermissionDenied, match="only for yourself"):
        services.apply(actor=Actor.for_user(world.staff), campaign=world.campaign,
                       person=world.people.b_staff)
    world.campaign.state = CampaignState.SIFT
    world.campaign.save()
    with pytest.raises(ValidationError, match="not open"):
        services.apply(actor=Actor.for_user(world.staff), campaign=world.campaign)


def test_the_candidate_withdraws_their_own_and_no_one_elses(world) -> None:  # noqa: ANN001
    mine = services.apply(actor=Actor.for_user(world.staff), campaign=world.campaign)
    theirs = external(world)
    with pytest.raises(PermissionDenied):
        services.withdraw(actor=Actor.for_user(world.staff), application_id=theirs.pk)
    with pytest.raises(PermissionDenied):
        services.withdraw(actor=Actor.for_user(world.b_staff), application_id=mine.pk)
    done = services.withdraw(actor=Actor.for_user(world.staff), application_id=mine.pk,
                             version=1, reason="Taken another job")
    assert done.state == ApplicationState.WITHDRAWN and done.version == 2
    assert done.closed_at is not None
    event = AuditEvent.objects.filter(action="transition").latest("pk")
    assert event.data["from"] == "submitted" and event.data["to"] == "withdrawn"
    with pytest.raises(TransitionConflict):
        services.withdraw(actor=Actor.for_user(world.staff), application_id=mine.pk)
    # withdrawn: may apply again
    services.apply(actor=Actor.for_user(world.staff), campaign=world.campaign)


def test_sift_and_interview_steps_are_the_panels(world) -> None:  # noqa: ANN001
    application = external(world)
    hub = Actor.for_user(world.hub)
    with pytest.raises(PermissionDenied, match="chair"):
        services.transition(actor=hub, application_id=application.pk, to="sifted_in")
    moved = services.transition(actor=hub, application_id=application.pk, to="sifted_in",
                                authorised_by_panel=True, reason="Strong evidence")
    assert moved.state == "sifted_in" and moved.sifted_at is not None
    for to in ("interviewed", "appointable"):
        moved = services.transition(actor=hub, application_id=application.pk, to=to,
                                    authorised_by_panel=True)
    assert moved.state == "appointable" and moved.version == 4


def test_recruiters_offer_and_appoint(world) -> None:  # noqa: ANN001
    application = external(world)
    for to in ("sifted_in", "interviewed", "appointable"):
        services.transition(actor=None, application_id=application.pk, to=to)
    hop = Actor.for_user(world.hop_a)
    with pytest.raises(PermissionDenied):
        services.transition(actor=Actor.for_user(world.hop_b), application_id=application.pk,
                            to="offered")
    services.transition(actor=hop, application_id=application.pk, to="offered", version=4)
    done = services.transition(actor=hop, application_id=application.pk, to="appointed")
    assert done.state == "appointed" and done.closed_at is not None


def test_a_stale_version_or_an_impossible_step_is_a_conflict(world) -> None:  # noqa: ANN001
    application = external(world)
    with pytest.raises(TransitionConflict, match="changed since you read it"):
        services.transition(actor=None, application_id=application.pk, to="sifted_in",
                            version=7)
    with pytest.raises(TransitionConflict):
        services.transition(actor=None, application_id=application.pk, to="appointed")
    with pytest.raises(ValidationError):
        services.transition(actor=None, application_id=application.pk, to="hired")
    assert Application.objects.get(pk=application.pk).version == 1


def test_applications_of_a_closed_campaign_do_not_move(world) -> None:  # noqa: ANN001
    application = external(world)
    world.campaign.state = CampaignState.CANCELLED
    world.campaign.save()
    with pytest.raises(ValidationError, match="no longer change"):
        services.transition(actor=None, application_id=application.pk, to="withdrawn")


def test_reserve_consent_and_a_copy_from_the_reserve_list(world) -> None:  # noqa: ANN001
    application = external(world)
    with pytest.raises(ValidationError):
        services.create_from_reserve(actor=None, campaign=world.other, source=application)
    services.set_reserve_consent(actor=Actor.for_user(world.hop_a),
                                 application_id=application.pk, consent=True, version=1)
    with pytest.raises(PermissionDenied):
        services.create_from_reserve(actor=Actor.for_user(world.hop_b), campaign=world.other,
                                     source=application)
    copy = services.create_from_reserve(actor=Actor.for_user(world.hop_b),
                                        campaign=world.other, source=application,
                                        authorised_by_reserve=True)
    assert copy.state == "appointable" and copy.from_reserve
    assert copy.candidate_id != application.candidate_id
    assert copy.candidate.email == "priya@example.com"
