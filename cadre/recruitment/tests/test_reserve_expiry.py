"""Reserve list entries end 12 months after the candidate was found appointable: the task
and the service expire them with the clock moved on, withdrawing an offer still out, and
the applications purge then erases the candidate's data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from freezegun import freeze_time

from cadre.core.actor import Actor
from cadre.core.workflow import TransitionConflict
from cadre.recruitment import tasks
from cadre.recruitment.models import (
    Campaign,
    CampaignState,
    ReserveEntryState,
    ReserveOfferState,
)
from cadre.recruitment.retention import add_months
from cadre.recruitment.services import applications as application_services
from cadre.recruitment.services import reserve as services
from cadre.recruitment.tests.reserve_fixtures import CLI, offered, on_reserve, world  # noqa: F401

pytestmark = pytest.mark.django_db


def test_an_entry_lasts_twelve_months_to_the_day(world):  # noqa: F811
    entry = on_reserve(world)
    assert entry.expires_on == add_months(entry.decided_on, 12)
    report = services.expire_entries(actor=CLI, today=entry.expires_on)
    assert report.expired == []
    entry.refresh_from_db()
    assert entry.state == ReserveEntryState.ACTIVE


def test_the_task_expires_entries_with_the_clock_moved(world):  # noqa: F811
    entry = on_reserve(world)
    waiting = offered(world, on_reserve(world, world.internal))
    later = entry.expires_on + dt.timedelta(days=1)
    with freeze_time(later.isoformat() + " 12:00:00"):
        result = tasks.expire_reserve_entries.call()
    assert sorted(result["expired"]) == sorted([entry.pk, waiting.entry_id])
    assert result["offers_withdrawn"] == [waiting.pk]
    entry.refresh_from_db()
    waiting.refresh_from_db()
    assert entry.state == ReserveEntryState.EXPIRED
    assert waiting.state == ReserveOfferState.WITHDRAWN
    assert "12 months" in waiting.reason
    with freeze_time(later.isoformat() + " 12:00:00"):
        assert tasks.expire_reserve_entries.call()["expired"] == []  # safe to run again
    with pytest.raises(TransitionConflict):
        services.make_offer(actor=CLI, entry_id=entry.pk, target=world.target, today=later)


def test_an_offer_cannot_be_accepted_after_the_entry_ends(world):  # noqa: F811
    offer = offered(world)
    after = offer.entry.expires_on + dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="no longer be accepted"):
        services.respond(actor=CLI, offer_id=offer.pk, answer="accept", today=after)
    offer.refresh_from_db()
    assert offer.state == ReserveOfferState.OFFERED


def test_only_the_hub_expires(world):  # noqa: F811
    with pytest.raises(PermissionDenied):
        services.expire_entries(actor=Actor.for_user(world.hop_a))
    assert services.expire_entries(actor=Actor.for_user(world.hub)).expired == []


def test_a_live_entry_keeps_the_candidate_data_until_it_expires(world):  # noqa: F811
    entry = on_reserve(world)
    Campaign.objects.filter(pk=world.source.pk).update(state=CampaignState.CLOSED,
                                                       closed_on=entry.decided_on,
                                                       retention_months=1)
    soon = add_months(entry.decided_on, 2)
    application_services.purge_expired(actor=CLI, today=soon)
    world.ext.candidate.refresh_from_db()
    assert world.ext.candidate.name == "Priya Raman"
    later = entry.expires_on + dt.timedelta(days=1)
    services.expire_entries(actor=CLI, today=later)
    application_services.purge_expired(actor=CLI, today=later)
    world.ext.candidate.refresh_from_db()
    assert world.ext.candidate.personal_data_deleted_at is not None
    assert world.ext.candidate.email == ""
