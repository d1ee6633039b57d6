# ruff: noqa: F811 - pytest fixtures imported from exchange_fixtures are named as arguments
"""The exchange API: balances as a list of {organisation, balance, limit}, offers with
ETag/If-Match, booking (400 over the limit naming ``organisation``, 409 when full),
cancelling, refunding, withdrawing, statements and limits; bad input names the field."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cadre.community.models import ExchangeOffer
from cadre.community.services import exchange as services
from cadre.community.tests.exchange_fixtures import CLI, exchange_world  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead_b(exchange_world, make_account, api_client):  # noqa: ANN001, ANN201
    return api_client(make_account("learning_lead", exchange_world.org_b))


@pytest.fixture
def lead_a(exchange_world, make_account, api_client):  # noqa: ANN001, ANN201
    return api_client(make_account("learning_lead", exchange_world.org_a))


def _book(client, offer_id: int, organisation: str = "DB", places: int = 1):  # noqa: ANN001, ANN202
    return client.post(reverse("api:community-exchange-offer-bookings", args=[offer_id]),
                       {"organisation": organisation, "places": places}, format="json")


def test_balances_are_a_list_of_exactly_three_keys(exchange_world, lead_b) -> None:
    assert _book(lead_b, exchange_world.offer.pk, places=3).status_code == 201
    rows = lead_b.get(reverse("api:community-exchange-balances")).json()
    assert rows == [{"organisation": "Department A", "balance": 6, "limit": 20},
                    {"organisation": "Department B", "balance": -6, "limit": 20}]
    assert sum(r["balance"] for r in rows) == 0


def test_booking_over_the_limit_is_a_clear_400(exchange_world, lead_b) -> None:
    services.set_credit_limit(actor=CLI, organisation=exchange_world.org_b, credit_limit=3)
    response = _book(lead_b, exchange_world.offer.pk, places=2)
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["field"] == "organisation"
    assert "over its credit limit: offer sessions to earn credits" in error["message"]


def test_booking_a_full_offer_is_a_409(exchange_world, lead_b, make_account, api_client) -> None:
    w = exchange_world
    lead_c = api_client(make_account("learning_lead", w.org_c))
    offer = services.create_offer(actor=CLI, organisation=w.org_a, title="Small",
                                  starts_at=timezone.now() + dt.timedelta(days=3),
                                  duration_minutes=60, format="online", places=1,
                                  credits_per_place=1)
    assert _book(lead_b, offer.pk).status_code == 201
    response = _book(lead_c, offer.pk, organisation="FC")
    assert response.status_code == 409
    assert "no places left" in response.json()["detail"]


def test_cancel_then_cancel_again_is_a_409(exchange_world, lead_b) -> None:
    booking = _book(lead_b, exchange_world.offer.pk).json()
    url = reverse("api:community-exchange-booking-cancel", args=[booking["id"]])
    first = lead_b.post(url, {"memo": "Not needed"}, format="json")
    assert first.status_code == 200 and first.json()["status"] == "cancelled"
    assert lead_b.post(url, {}, format="json").status_code == 409
    statement = lead_b.get(reverse("api:community-exchange-statement"),
                           {"organisation": "DB"}).json()
    assert [e["amount"] for e in statement["entries"]] == [-2, 2]
    assert [e["kind"] for e in statement["entries"]] == ["booking", "cancellation"]
    assert statement["balance"] == 0


def test_the_offerer_refunds_after_the_start(exchange_world, lead_a, lead_b) -> None:
    booking = _book(lead_b, exchange_world.offer.pk).json()
    ExchangeOffer.objects.filter(pk=exchange_world.offer.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=2))
    url = reverse("api:community-exchange-booking-refund", args=[booking["id"]])
    assert lead_b.post(url, {}, format="json").status_code == 403  # the booker may not
    response = lead_a.post(url, {"memo": "The trainer was ill"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "refunded"


def test_offers_with_etag_and_withdrawal(exchange_world, lead_a, lead_b) -> None:
    w = exchange_world
    created = lead_a.post(reverse("api:community-exchange-offers"), {
        "organisation": "DA", "title": "Writing for the web", "skills": "Content design",
        "starts_at": (timezone.now() + dt.timedelta(days=5)).isoformat(),
        "duration_minutes": 90, "format": "hybrid", "location": "Leeds", "places": 4,
        "credits_per_place": 3}, format="json")
    assert created.status_code == 201, created.content
    url = reverse("api:community-exchange-offer", args=[created.json()["id"]])
    read = lead_a.get(url)
    etag = read["ETag"]
    stale = lead_a.patch(url, {"title": "New"}, format="json", HTTP_IF_MATCH='"stale"')
    assert stale.status_code == 412
    changed = lead_a.patch(url, {"title": "Writing well for the web"}, format="json",
                           HTTP_IF_MATCH=etag)
    assert changed.status_code == 200 and changed.json()["title"] == "Writing well for the web"
    assert changed["ETag"] != etag
    assert _book(lead_b, created.json()["id"], places=2).status_code == 201
    withdrawn = lead_a.post(reverse("api:community-exchange-offer-withdraw",
                                    args=[created.json()["id"]]))
    assert withdrawn.status_code == 200
    assert withdrawn.json()["reversed_bookings"] == 1
    assert withdrawn.json()["offer"]["status"] == "withdrawn"
    listed = lead_a.get(reverse("api:community-exchange-offers")).json()["results"]
    assert [o["id"] for o in listed] == [w.offer.pk]
    assert lead_a.post(reverse("api:community-exchange-offer-withdraw",
                               args=[created.json()["id"]])).status_code == 409


@pytest.mark.parametrize(("field", "value"), [
    ("title", "x" * 201), ("places", 0), ("places", 501), ("credits_per_place", 101),
    ("duration_minutes", 5), ("format", "telepathy"), ("starts_at", "soon"),
    ("description", "x" * 5001), ("skills", "x" * 501), ("location", "x" * 201),
    ("organisation", "NOPE"),
])
def test_bad_offers_name_the_field(exchange_world, lead_a, field: str, value: object) -> None:
    body = {"organisation": "DA", "title": "Fine", "duration_minutes": 60, "format": "online",
            "starts_at": (timezone.now() + dt.timedelta(days=5)).isoformat(), "places": 2,
            "credits_per_place": 1, field: value}
    response = lead_a.post(reverse("api:community-exchange-offers"), body, format="json")
    assert response.status_code == 400, response.content
    assert field in [e["field"] for e in response.json()["errors"]]


def test_bad_queries_and_unknown_records(exchange_world, lead_b) -> None:
    assert lead_b.get(reverse("api:community-exchange-statement")).status_code == 400
    response = lead_b.get(reverse("api:community-exchange-bookings"), {"organisation": "ZZ"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "organisation"
    assert lead_b.get(reverse("api:community-exchange-offer", args=[99999])).status_code == 404
    assert lead_b.get(reverse("api:community-exchange-booking", args=[99999])
                      ).status_code == 404
    assert lead_b.get(reverse("api:community-exchange-limit", args=[99999])).status_code == 404
    assert _book(lead_b, exchange_world.offer.pk, places=0).status_code == 400
    assert _book(lead_b, exchange_world.offer.pk, places="x").status_code == 400


def test_limits(exchange_world, make_account, api_client) -> None:
    central = api_client(make_account("central_team"))
    url = reverse("api:community-exchange-limit", args=[exchange_world.org_b.pk])
    assert central.get(url).json() == {"organisation": "Department B",
                                       "organisation_id": exchange_world.org_b.pk,
                                       "limit": 20, "balance": 0, "available": 20,
                                       "over_limit": False}
    for bad in (-1, 10_001, "x"):
        response = central.patch(url, {"limit": bad}, format="json")
        assert response.status_code == 400
        assert response.json()["errors"][0]["field"] == "limit"
    assert central.patch(url, {"limit": 7}, format="json").json()["limit"] == 7
    rows = central.get(reverse("api:community-exchange-limits")).json()
    assert {r["organisation"]: r["limit"] for r in rows}["Department B"] == 7
