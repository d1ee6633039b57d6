"""Reserve list API: listing with names masked, adding, similar roles, offering, answering,
withdrawing and expiring, with bad input as 400s naming the field and a stale version as a
409."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cadre.recruitment.models import ApplicationState, ReserveEntry, ReserveOfferState
from cadre.recruitment.tests.reserve_fixtures import offered, on_reserve, world  # noqa: F401

pytestmark = pytest.mark.django_db


def test_add_list_and_read_an_entry(world, api_client):  # noqa: F811, ANN001
    client = api_client(world.hop_a)
    made = client.post(reverse("api:recruitment-reserve"), {"application": world.ext.pk},
                       format="json")
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["candidate"] == "Priya Raman" and body["name_shown"] is True
    assert body["state"] == "active" and body["offers"] == []
    listing = client.get(reverse("api:recruitment-reserve")).json()
    assert listing["count"] == 1 and listing["results"][0]["id"] == body["id"]
    masked = api_client(world.hop_b).get(reverse("api:recruitment-reserve")).json()
    assert masked["results"][0]["candidate"] == f"Reserve candidate R{body['id']}"


def test_refusals_name_the_field(world, api_client):  # noqa: F811, ANN001
    client = api_client(world.hop_a)
    response = client.post(reverse("api:recruitment-reserve"),
                           {"application": world.no_consent.pk}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "reserve_consent"
    bad = client.post(reverse("api:recruitment-reserve"), {"application": "x"}, format="json")
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "application"
    assert client.get(reverse("api:recruitment-reserve") + "?state=odd").status_code == 400
    assert api_client(world.hop_b).post(reverse("api:recruitment-reserve"),
                                        {"application": world.ext.pk},
                                        format="json").status_code == 403


def test_targets_offer_and_accept(world, api_client):  # noqa: F811, ANN001
    entry = on_reserve(world)
    client = api_client(world.hop_b)
    targets = client.get(reverse("api:recruitment-reserve-targets", args=[entry.pk])
                         + "?offerable=true").json()
    assert [t["key"] for t in targets] == [f"campaign:{world.target.pk}"]
    bad = client.post(reverse("api:recruitment-reserve-offers", args=[entry.pk]),
                      {"target": "somewhere"}, format="json")
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "target"
    stale = client.post(reverse("api:recruitment-reserve-offers", args=[entry.pk]),
                        {"target": targets[0]["key"], "version": 7}, format="json")
    assert stale.status_code == 409
    made = client.post(reverse("api:recruitment-reserve-offers", args=[entry.pk]),
                       {"target": targets[0]["key"], "note": "Welcome"}, format="json")
    assert made.status_code == 201, made.content
    offer = made.json()
    assert offer["state"] == "offered" and offer["organisation"] == "DB"
    second = api_client(world.hop_c).post(
        reverse("api:recruitment-reserve-offers", args=[entry.pk]),
        {"target": f"campaign:{world.target_c.pk}"}, format="json")
    assert second.status_code == 409
    answered = client.post(reverse("api:recruitment-reserve-respond", args=[offer["id"]]),
                           {"answer": "accept", "version": offer["version"]}, format="json")
    assert answered.status_code == 200, answered.content
    assert answered.json()["state"] == "accepted"
    placed = ReserveEntry.objects.get(pk=entry.pk).offers.get().placed_application
    assert placed.state == ApplicationState.APPOINTED and placed.from_reserve
    assert client.get(reverse("api:recruitment-reserve-offer", args=[offer["id"]])
                      ).json()["placed_application_id"] == placed.pk


def test_withdrawals_and_expiry(world, api_client):  # noqa: F811, ANN001
    offer = offered(world)
    b = api_client(world.hop_b)
    response = b.post(reverse("api:recruitment-reserve-offer-withdraw", args=[offer.pk]),
                      {"reason": "Filled"}, format="json")
    assert response.status_code == 200 and response.json()["state"] == "withdrawn"
    assert b.post(reverse("api:recruitment-reserve-respond", args=[offer.pk]),
                  {"answer": "accept"}, format="json").status_code == 409
    hub = api_client(world.hub)
    later = offer.entry.expires_on + dt.timedelta(days=1)
    expired = hub.post(reverse("api:recruitment-reserve-expire"),
                       {"today": later.isoformat()}, format="json")
    assert expired.status_code == 200 and expired.json()["expired"] == [offer.entry_id]
    assert hub.post(reverse("api:recruitment-reserve-withdraw", args=[offer.entry_id]),
                    {}, format="json").status_code == 409
    offer.refresh_from_db()
    assert offer.state == ReserveOfferState.WITHDRAWN


def test_the_candidate_withdraws_through_the_api(world, api_client):  # noqa: F811, ANN001
    entry = on_reserve(world, world.internal)
    response = api_client(world.staff).post(
        reverse("api:recruitment-reserve-withdraw", args=[entry.pk]),
        {"reason": "x" * 501}, format="json")
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "reason"
    done = api_client(world.staff).post(
        reverse("api:recruitment-reserve-withdraw", args=[entry.pk]), {}, format="json")
    assert done.status_code == 200 and done.json()["state"] == "withdrawn"
