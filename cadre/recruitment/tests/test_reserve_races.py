# ruff: noqa: F811 - pytest fixtures imported from reserve_fixtures are named as arguments
"""Races on PostgreSQL: two departments offering the same reserve entry at once (one offer,
a 409 for the other, through the API too), and an answer racing a withdrawal."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cadre.core.actor import Actor
from cadre.core.workflow import TransitionConflict
from cadre.recruitment.models import ReserveEntryState, ReserveOffer, ReserveOfferState
from cadre.recruitment.services import reserve as services
from cadre.recruitment.tests.reserve_fixtures import offered, on_reserve, world  # noqa: F401
from tests.races import needs_postgres, run_together

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def test_two_departments_offer_the_same_entry_at_once(world) -> None:
    entry = on_reserve(world)
    results = run_together([
        lambda: services.make_offer(actor=Actor.for_user(world.hop_b), entry_id=entry.pk,
                                    target=world.target, version=entry.version),
        lambda: services.make_offer(actor=Actor.for_user(world.hop_c), entry_id=entry.pk,
                                    target=world.target_c, version=entry.version),
    ])
    assert sum(isinstance(r, ReserveOffer) for r in results) == 1, results
    assert sum(isinstance(r, TransitionConflict) for r in results) == 1, results
    assert ReserveOffer.objects.filter(entry=entry).count() == 1
    entry.refresh_from_db()
    assert entry.state == ReserveEntryState.OFFERED and entry.version == 2


def test_two_departments_offer_through_the_api(world, api_client) -> None:
    entry = on_reserve(world)
    b, c = api_client(world.hop_b), api_client(world.hop_c)
    url = reverse("api:recruitment-reserve-offers", args=[entry.pk])
    results = run_together([
        lambda: b.post(url, {"target": f"campaign:{world.target.pk}"}, format="json"),
        lambda: c.post(url, {"target": f"campaign:{world.target_c.pk}"}, format="json"),
    ])
    codes = sorted(r.status_code for r in results)
    assert codes == [201, 409], [r.content for r in results]
    assert ReserveOffer.objects.filter(entry=entry).count() == 1


def test_an_answer_racing_a_withdrawal(world) -> None:
    offer = offered(world)
    results = run_together([
        lambda: services.respond(actor=Actor.for_user(world.hop_b), offer_id=offer.pk,
                                 answer="accept"),
        lambda: services.withdraw_offer(actor=Actor.for_user(world.hop_b), offer_id=offer.pk),
    ])
    assert sum(isinstance(r, ReserveOffer) for r in results) == 1, results
    assert sum(isinstance(r, TransitionConflict) for r in results) == 1, results
    offer.refresh_from_db()
    offer.entry.refresh_from_db()
    expected = {ReserveOfferState.ACCEPTED: ReserveEntryState.PLACED,
                ReserveOfferState.WITHDRAWN: ReserveEntryState.ACTIVE}
    assert offer.entry.state == expected[offer.state]
