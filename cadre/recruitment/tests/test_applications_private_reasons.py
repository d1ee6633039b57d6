# ruff: noqa: F811 - pytest fixtures imported from reserve_fixtures are named as arguments
"""Free-text reasons (a withdrawal, an answer to a reserve offer) stay out of the audit
trail, which can never be erased: the event says only that a reason was given and its
length; the text is in the history rows, which the retention purge blanks."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.audit.models import AuditEvent
from cadre.recruitment.models import (
    Application,
    Campaign,
    CampaignState,
    ReserveEntry,
    ReserveOffer,
)
from cadre.recruitment.services import applications as application_services
from cadre.recruitment.services import reserve as reserve_services
from cadre.recruitment.tests.reserve_fixtures import (
    CLI,
    applied,
    offered,
    on_reserve,
    world,  # noqa: F401
)

pytestmark = pytest.mark.django_db

SECRET = "Caring for my mother after her stroke"


def _quoted(text: str) -> list[AuditEvent]:
    return [e for e in AuditEvent.objects.all() if text[:20] in str(e.data) + e.summary]


def _transition_event(target) -> AuditEvent:  # noqa: ANN001
    return AuditEvent.objects.filter(action="transition", target_id=str(target.pk),
                                     target_type=target._meta.label).latest("pk")


def test_a_withdrawal_reason_is_kept_out_of_the_audit_trail(world) -> None:
    application = applied(world.source, name="Ann Lee", email="ann@example.com")
    Campaign.objects.filter(pk=world.source.pk).update(state=CampaignState.SIFT)
    application_services.withdraw(actor=CLI, application_id=application.pk, reason=SECRET)
    assert not _quoted(SECRET)
    event = _transition_event(application)
    assert event.data["to"] == "withdrawn" and event.data["reason"] == ""
    assert event.data["reason_given"] is True
    assert event.data["reason_length"] == len(SECRET)
    reasons = Application.history.filter(id=application.pk).values_list(
        "history_change_reason", flat=True)
    assert SECRET in reasons  # the history keeps it, for the purge to blank


def test_reserve_answers_and_withdrawals_keep_their_reasons_out(world) -> None:
    declined = offered(world)
    reserve_services.respond(actor=CLI, offer_id=declined.pk, answer="decline",
                             reason=SECRET)
    again = offered(world, ReserveEntry.objects.get(pk=declined.entry_id))
    reserve_services.withdraw_offer(actor=CLI, offer_id=again.pk, reason=SECRET + " (2)")
    reserve_services.withdraw_entry(actor=CLI, entry_id=declined.entry_id,
                                    reason=SECRET + " (3)")
    assert not _quoted(SECRET)
    assert _transition_event(declined).data["reason_given"] is True
    assert ReserveOffer.objects.get(pk=declined.pk).reason == SECRET


def test_the_purge_blanks_the_reasons_left_in_the_history(world) -> None:
    entry = on_reserve(world)
    offer = offered(world, entry)
    reserve_services.respond(actor=CLI, offer_id=offer.pk, answer="decline", reason=SECRET)
    reserve_services.withdraw_entry(actor=CLI, entry_id=entry.pk, reason=SECRET)
    Campaign.objects.filter(pk=world.source.pk).update(
        state=CampaignState.CLOSED, closed_on=dt.date(2024, 1, 31))
    application_services.purge_expired(actor=CLI, today=dt.date(2026, 1, 1))
    for model, pk in ((ReserveOffer, offer.pk), (ReserveEntry, entry.pk)):
        assert not [r for r in model.history.filter(id=pk).values_list(
            "history_change_reason", flat=True) if r and SECRET[:20] in r]
    assert SECRET not in ReserveOffer.objects.get(pk=offer.pk).reason
    assert not _quoted(SECRET)


def test_other_workflows_still_record_the_reason(world) -> None:
    """The default is unchanged: a campaign's cancelling reason stays in its event."""
    from cadre.recruitment.services import campaigns as campaign_services

    campaign_services.transition(actor=CLI, campaign_id=world.target.pk, to="cancelled",
                                 reason="The post was withdrawn")
    event = _transition_event(world.target)
    assert event.data["reason"] == "The post was withdrawn"
    assert "reason_given" not in event.data
