# ruff: noqa: F811 - pytest fixtures imported from reserve_fixtures are named as arguments
"""An offer still waiting for an answer whose campaign has since closed or been cancelled
(or whose vacancy was filled or withdrawn) shows so on the pages, and the expiry sweep
withdraws it and puts the candidate back on the list."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cadre.audit.models import AuditEvent
from cadre.mobility.models import Vacancy
from cadre.recruitment import tasks
from cadre.recruitment.models import (
    Campaign,
    CampaignState,
    ReserveEntryState,
    ReserveOffer,
    ReserveOfferState,
)
from cadre.recruitment.selectors import reserve as sel
from cadre.recruitment.services import reserve as services
from cadre.recruitment.tests.reserve_fixtures import CLI, offered, on_reserve, world  # noqa: F401

pytestmark = pytest.mark.django_db

STOPPED = "The campaign is no longer running"


def _stop(campaign: Campaign, state: str) -> None:
    Campaign.objects.filter(pk=campaign.pk).update(state=state)


@pytest.mark.parametrize("state", [CampaignState.CLOSED, CampaignState.CANCELLED])
def test_the_sweep_withdraws_an_offer_to_a_stopped_campaign(world, state) -> None:  # noqa: ANN001
    offer = offered(world)
    report = services.expire_entries(actor=CLI)
    assert report.stale_offers_withdrawn == []  # still running: left alone
    _stop(world.target, state)
    report = services.expire_entries(actor=CLI)
    assert report.stale_offers_withdrawn == [offer.pk] and report.expired == []
    offer.refresh_from_db()
    assert offer.state == ReserveOfferState.WITHDRAWN
    assert offer.reason == f"{STOPPED}."
    assert offer.entry.state == ReserveEntryState.ACTIVE
    event = AuditEvent.objects.filter(action="transition", target_id=str(offer.pk),
                                      target_type=offer._meta.label).latest("pk")
    assert event.data["target_stopped"] is True
    assert services.expire_entries(actor=CLI).stale_offers_withdrawn == []  # safe again
    again = offered(world, offer.entry, world.target_c)  # back on the list: offered again
    assert again.state == ReserveOfferState.OFFERED


def test_the_task_reports_the_stale_offers(world) -> None:
    offer = offered(world, on_reserve(world, world.internal), world.vacancy)
    Vacancy.objects.filter(pk=world.vacancy.pk).update(state=Vacancy.State.FILLED)
    assert sel.stopped_target(ReserveOffer.objects.get(pk=offer.pk)) == (
        "The vacancy is no longer open")
    result = tasks.expire_reserve_entries.call()
    assert result["stale_offers_withdrawn"] == [offer.pk]
    offer.refresh_from_db()
    assert offer.entry.state == ReserveEntryState.ACTIVE


def test_an_answered_offer_is_not_touched(world) -> None:
    offer = services.respond(actor=CLI, offer_id=offered(world).pk, answer="decline")
    _stop(world.target, CampaignState.CANCELLED)
    assert sel.stopped_target(offer) == ""
    assert services.expire_entries(actor=CLI).stale_offers_withdrawn == []
    offer.refresh_from_db()
    assert offer.state == ReserveOfferState.DECLINED


def test_the_pages_say_the_campaign_is_no_longer_running(world, web_client) -> None:  # noqa: ANN001
    offer = offered(world)
    hub = web_client(world.hub)
    pages = [reverse("recruitment:reserve-offer", args=[offer.pk]),
             reverse("recruitment:reserve-entry", args=[offer.entry_id]),
             reverse("recruitment:reserve-respond", args=[offer.pk])]
    for url in pages:
        assert "no longer running" not in hub.get(url).content.decode()
    _stop(world.target, CampaignState.CLOSED)
    for url in pages:
        page = hub.get(url)
        assert page.status_code == 200
        assert "no longer running" in page.content.decode()
    offer_page = hub.get(pages[0]).content.decode()
    assert 'id="offer-stopped"' in offer_page and "can no longer be accepted" in offer_page
