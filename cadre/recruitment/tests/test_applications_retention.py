# ruff: noqa: F811 - pytest fixtures imported from applications_fixtures are named as arguments
"""Privacy: applicants' personal data are gone after the retention period. The clock is
moved by the ``today`` the service, the task and the command take; the data must be gone
from the records and from their history, and kept while the application is on a live
reserve-list entry."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from cadre.audit.models import AuditEvent
from cadre.core.actor import Actor
from cadre.recruitment import retention
from cadre.recruitment.models import (
    DELETED_CANDIDATE,
    Application,
    CampaignState,
    Candidate,
    Evidence,
)
from cadre.recruitment.services import applications as services
from cadre.recruitment.tests.applications_fixtures import external, world  # noqa: F401

pytestmark = pytest.mark.django_db

CLOSED = dt.date(2025, 3, 31)


def _close(campaign, on: dt.date = CLOSED, months: int = 12) -> None:  # noqa: ANN001
    campaign.state = CampaignState.CLOSED
    campaign.closed_on = on
    campaign.retention_months = months
    campaign.save()


@pytest.fixture
def applied(world):  # noqa: ANN001, ANN201
    outside = external(world)
    services.record_application(actor=None, campaign=world.campaign, name="Tom Okafor",
                                email="tom@example.com")
    inside = services.apply(actor=Actor.for_user(world.staff), campaign=world.campaign,
                            evidence={world.sift.pk: "Internal evidence"})
    # a change, so that the history holds more than one row of the candidate
    Candidate.objects.get(pk=outside.candidate_id).save()
    _close(world.campaign)
    world.outside, world.inside = outside, inside
    return world


def test_months_are_calendar_months() -> None:
    assert retention.add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert retention.add_months(dt.date(2024, 12, 15), 14) == dt.date(2026, 2, 15)
    assert retention.deletion_due_on(CLOSED, 12) == dt.date(2026, 4, 1)
    assert not retention.is_due(None, 1, dt.date(2100, 1, 1))


def test_nothing_is_deleted_within_the_retention_period(applied) -> None:  # noqa: ANN001
    report = services.purge_expired(actor=None, today=dt.date(2026, 3, 31))
    assert report.erased == 0
    assert Candidate.objects.filter(email="priya@example.com").exists()


def test_personal_data_are_gone_from_records_and_history(applied) -> None:  # noqa: ANN001
    report = services.purge_expired(actor=None, today=dt.date(2026, 4, 1))
    assert report.erased == 3 and report.kept == 0
    outside = Candidate.objects.get(pk=applied.outside.candidate_id)
    assert (outside.name, outside.email, outside.phone) == (DELETED_CANDIDATE, "", "")
    assert outside.personal_data_deleted_at is not None
    inside = Candidate.objects.get(pk=applied.inside.candidate_id)
    assert inside.person_id is None
    assert Application.objects.get(pk=applied.inside.pk).internal  # kept for the figures
    assert not Evidence.objects.exclude(text="").exists()
    history = Candidate.history.model.objects
    assert history.filter(id=applied.outside.candidate_id).count() >= 2
    assert not history.filter(email__contains="@").exists()
    assert not history.filter(phone__gt="").exists()
    assert not history.exclude(name__in=["", DELETED_CANDIDATE]).exists()
    assert not history.filter(person__isnull=False).exists()
    assert not Evidence.history.model.objects.exclude(text="").exists()
    # the other campaign (still open) keeps its data
    event = AuditEvent.objects.get(action="record_deleted", target_id=str(applied.campaign.pk))
    assert event.data["erased"] == 3 and event.data["evidence"] == 2
    assert "Priya" not in event.summary and "example.com" not in str(event.data)
    # a second run finds nothing more to do, and writes no event
    again = services.purge_expired(actor=None, today=dt.date(2026, 4, 2))
    assert again.erased == 0
    assert AuditEvent.objects.filter(action="record_deleted").count() == 1


def test_an_open_campaigns_candidates_are_kept(world) -> None:  # noqa: ANN001
    external(world, campaign=world.other, email="kept@example.com")
    services.purge_expired(actor=None, today=dt.date(2100, 1, 1))
    assert Candidate.objects.filter(email="kept@example.com").exists()


def test_a_candidate_on_a_live_reserve_entry_is_kept_until_it_expires(applied) -> None:  # noqa: ANN001
    from cadre.recruitment.models import ReserveEntry

    expires = dt.date(2026, 9, 30)
    ReserveEntry.objects.create(application=applied.outside,
                                role_level=applied.campaign.role_level,
                                decided_on=dt.date(2025, 9, 30), expires_on=expires)
    report = services.purge_expired(actor=None, today=dt.date(2026, 4, 1))
    assert report.erased == 2 and report.kept == 1
    assert Candidate.objects.get(pk=applied.outside.candidate_id).email == "priya@example.com"
    assert Evidence.objects.get(application=applied.outside).text
    later = services.purge_expired(actor=None, today=expires + dt.timedelta(days=1))
    assert later.erased == 1
    assert Candidate.objects.get(pk=applied.outside.candidate_id).email == ""
    assert not Candidate.history.model.objects.filter(email__contains="@").exists()


def test_an_ended_reserve_entry_keeps_nothing(applied) -> None:  # noqa: ANN001
    from cadre.recruitment.models import ReserveEntry

    ReserveEntry.objects.create(application=applied.outside, state="withdrawn",
                                role_level=applied.campaign.role_level,
                                decided_on=dt.date(2025, 9, 30), expires_on=dt.date(2026, 9, 30))
    assert services.purge_expired(actor=None, today=dt.date(2026, 4, 1)).erased == 3


def test_the_panels_feedback_is_erased_too(applied) -> None:  # noqa: ANN001
    from cadre.recruitment.models import Feedback

    feedback = Feedback.objects.create(application=applied.outside, text="Strong on delivery")
    feedback.text = "Strong on delivery, Priya"
    feedback.save()
    report = services.purge_expired(actor=None, today=dt.date(2026, 4, 1))
    assert report.campaigns[0]["panel_texts"] == 1
    assert Feedback.objects.get(pk=feedback.pk).text == ""
    assert not Feedback.history.model.objects.exclude(text="").exists()


def test_the_panels_scores_notes_reasons_and_conflicts_are_erased_too(applied) -> None:  # noqa: ANN001
    from django.utils import timezone

    from cadre.recruitment.models import (
        Assignment,
        DeclaredConflict,
        Moderation,
        PanelMember,
        Score,
        StageDecision,
    )

    w = applied
    seat = PanelMember.objects.create(campaign=w.campaign, person=w.people.b_head)
    assignment = Assignment.objects.create(application=w.outside, member=seat, stage="sift")
    Score.objects.create(assignment=assignment, criterion=w.sift, score=3,
                         comment="Priya knows the estate", submitted_at=timezone.now())
    moderation = Moderation.objects.create(application=w.outside, stage="sift",
                                           criterion=w.sift, agreed_score=3,
                                           note="Priya was clear")
    moderation.note = "Priya was clear and specific"
    moderation.save()
    StageDecision.objects.create(application=w.outside, stage="sift", outcome="sifted_in",
                                 reasons="Priya showed depth")
    DeclaredConflict.objects.create(member=seat, application=w.outside,
                                    reason="Worked with Priya Raman")
    kept = services.purge_expired(actor=None, today=dt.date(2026, 3, 31))
    assert kept.erased == 0 and Score.objects.filter(comment__contains="Priya").exists()

    services.purge_expired(actor=None, today=dt.date(2026, 4, 1))  # the clock moved on
    for model, field in ((Score, "comment"), (Moderation, "note"), (StageDecision, "reasons"),
                         (DeclaredConflict, "reason")):
        assert not model.objects.filter(**{f"{field}__contains": "Priya"}).exists(), model
        history = getattr(model, "history", None)
        if history is not None:
            assert not history.filter(**{f"{field}__contains": "Priya"}).exists(), model


def test_only_the_hub_purges(applied) -> None:  # noqa: ANN001
    with pytest.raises(PermissionDenied):
        services.purge_expired(actor=Actor.for_user(applied.hop_a), today=dt.date(2027, 1, 1))
    assert services.purge_expired(actor=Actor.for_user(applied.hub),
                                  today=dt.date(2027, 1, 1)).erased == 3


def test_the_task_purges(applied) -> None:  # noqa: ANN001
    from cadre.recruitment.tasks import delete_expired_applicant_data

    result = delete_expired_applicant_data.enqueue("2026-04-01")
    assert result.return_value["erased"] == 3
    assert not Candidate.objects.filter(email__contains="@").exists()


def test_the_command_purges_with_the_clock_moved(applied, keep_connection_open) -> None:  # noqa: ANN001
    out = io.StringIO()
    call_command("recruitment_applications", "purge", "--today", "2026-03-31", stdout=out)
    assert "0 candidate(s) erased" in out.getvalue()
    call_command("recruitment_applications", "purge", "--today", "2026-04-01", stdout=out)
    assert "3 candidate(s) erased" in out.getvalue()
    assert not Candidate.objects.filter(email__contains="@").exists()
