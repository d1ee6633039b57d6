# ruff: noqa: F811 - pytest fixtures imported from exchange_fixtures are named as arguments
"""Who may open each learning exchange page and endpoint. Balances, limits, offers,
bookings and statements are published to everyone signed in (the issue: balances are public
to members), and bookings name organisations, never people. Offering, booking, cancelling
and refunding are for learning leads and heads of profession in their own organisations
(403 elsewhere) and the central team; credit limits are set by the central team only."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from cadre.community.services import exchange as services
from cadre.community.tests.exchange_fixtures import CLI, exchange_world  # noqa: F401

pytestmark = pytest.mark.django_db

READ_PAGES = ("community:exchange", "community:exchange-bookings",
              "community:exchange-balances", "community:exchange-statement",
              "community:exchange-limits")
READ_API = ("api:community-exchange-balances", "api:community-exchange-offers",
            "api:community-exchange-bookings", "api:community-exchange-limits")


@pytest.fixture
def booked(exchange_world, make_account):  # noqa: ANN001, ANN201
    w = exchange_world
    booker = make_account("learning_lead", w.org_b)
    booking = services.book_places(actor=CLI, offer_id=w.offer.pk, organisation=w.org_b,
                                   places=2)
    return w, booking, booker


def _object_urls(w, booking) -> dict[str, tuple[str, str]]:  # noqa: ANN001
    """URL name -> (page or API url, kind)."""
    return {
        "community:exchange-offer": (reverse("community:exchange-offer", args=[w.offer.pk]),
                                     "read"),
        "api:community-exchange-offer": (reverse("api:community-exchange-offer",
                                                 args=[w.offer.pk]), "read"),
        "api:community-exchange-offer-bookings": (reverse(
            "api:community-exchange-offer-bookings", args=[w.offer.pk]), "read"),
        "api:community-exchange-booking": (reverse("api:community-exchange-booking",
                                                   args=[booking.pk]), "read"),
        "api:community-exchange-statement": (reverse("api:community-exchange-statement")
                                             + "?organisation=DB", "read"),
        "api:community-exchange-limit": (reverse("api:community-exchange-limit",
                                                 args=[w.org_b.pk]), "read"),
        "community:exchange-offer-add": (reverse("community:exchange-offer-add"), "trade"),
        "community:exchange-offer-edit": (reverse("community:exchange-offer-edit",
                                                  args=[w.offer.pk]), "trade"),
        "community:exchange-offer-withdraw": (reverse("community:exchange-offer-withdraw",
                                                      args=[w.offer.pk]), "trade"),
        "community:exchange-offer-book": (reverse("community:exchange-offer-book",
                                                  args=[w.offer.pk]), "trade"),
        "community:exchange-booking-cancel": (reverse("community:exchange-booking-cancel",
                                                      args=[booking.pk]), "trade"),
        "community:exchange-booking-refund": (reverse("community:exchange-booking-refund",
                                                      args=[booking.pk]), "trade"),
        "community:exchange-limit-edit": (reverse("community:exchange-limit-edit",
                                                  args=[w.org_b.pk]), "central"),
    }


def test_signed_out_sees_nothing(booked) -> None:  # noqa: ANN001
    w, booking, _ = booked
    urls = _object_urls(w, booking)
    for name in READ_PAGES:
        response = Client().get(reverse(name))
        assert response.status_code == 302 and "sign-in" in response["Location"], name
    for name, (url, _) in urls.items():
        client = APIClient() if name.startswith("api:") else Client()
        response = client.get(url)
        assert response.status_code in (302, 401, 403), name
    for name in READ_API:
        assert APIClient().get(reverse(name)).status_code in (401, 403), name
    for name in ("api:community-exchange-offer-withdraw",
                 "api:community-exchange-booking-cancel",
                 "api:community-exchange-booking-refund"):
        pk = w.offer.pk if "offer" in name else booking.pk
        assert APIClient().post(reverse(name, args=[pk])).status_code in (401, 403), name


@pytest.mark.parametrize("role", [None, "analyst", "programme_manager", "assessor"])
def test_every_signed_in_account_reads_but_does_not_trade(booked, make_account, web_client,
                                                          api_client, role) -> None:  # noqa: ANN001
    w, booking, booker = booked
    user = make_account(role, w.org_b if role == "assessor" else None)
    web, api = web_client(user), api_client(user)
    for name in READ_PAGES:
        response = web.get(reverse(name))
        assert response.status_code == 200, name
        assert booker.email.encode() not in response.content  # organisations, not people
    for name in READ_API:
        response = api.get(reverse(name))
        assert response.status_code == 200, name
        assert booker.email not in response.content.decode()
    for name, (url, kind) in _object_urls(w, booking).items():
        client = api if name.startswith("api:") else web
        response = client.get(url)
        assert response.status_code == (200 if kind == "read" else 403), name
        assert booker.email.encode() not in response.content
    assert api.post(reverse("api:community-exchange-offers"), {}, format="json"
                    ).status_code == 403
    assert api.patch(reverse("api:community-exchange-offer", args=[w.offer.pk]),
                     {"title": "x"}, format="json").status_code == 403
    assert api.post(reverse("api:community-exchange-offer-bookings", args=[w.offer.pk]),
                    {"organisation": "DB"}, format="json").status_code == 403
    for name, pk in (("api:community-exchange-offer-withdraw", w.offer.pk),
                     ("api:community-exchange-booking-cancel", booking.pk),
                     ("api:community-exchange-booking-refund", booking.pk)):
        assert api.post(reverse(name, args=[pk]), {}, format="json").status_code == 403, name
    assert api.patch(reverse("api:community-exchange-limit", args=[w.org_b.pk]),
                     {"limit": 999}, format="json").status_code == 403


@pytest.mark.parametrize("role", ["learning_lead", "head_of_profession"])
def test_traders_act_only_for_their_own_organisations(booked, make_account, web_client,
                                                      api_client, role) -> None:  # noqa: ANN001
    w, booking, _ = booked
    user = make_account(role, w.org_c)  # neither the offerer (A) nor the booker (B)
    web, api = web_client(user), api_client(user)
    assert web.get(reverse("community:exchange-offer-add")).status_code == 200
    assert web.get(reverse("community:exchange-offer-book", args=[w.offer.pk])
                   ).status_code == 200
    for name, pk in (("community:exchange-offer-edit", w.offer.pk),
                     ("community:exchange-offer-withdraw", w.offer.pk),
                     ("community:exchange-booking-cancel", booking.pk),
                     ("community:exchange-booking-refund", booking.pk)):
        assert web.get(reverse(name, args=[pk])).status_code == 403, name
        assert web.post(reverse(name, args=[pk]), {}).status_code == 403, name
    assert api.patch(reverse("api:community-exchange-offer", args=[w.offer.pk]),
                     {"title": "Taken over"}, format="json").status_code == 403
    assert api.post(reverse("api:community-exchange-offer-withdraw", args=[w.offer.pk])
                    ).status_code == 403
    assert api.post(reverse("api:community-exchange-booking-cancel", args=[booking.pk]),
                    {}, format="json").status_code == 403
    assert api.post(reverse("api:community-exchange-offer-bookings", args=[w.offer.pk]),
                    {"organisation": "DB"}, format="json").status_code == 403
    assert api.post(reverse("api:community-exchange-offers"), {
        "organisation": "DA", "title": "Not mine", "starts_at": "2099-01-01T10:00:00Z",
        "duration_minutes": 60, "format": "online", "places": 1, "credits_per_place": 1},
        format="json").status_code == 403
    assert web.get(reverse("community:exchange-limit-edit", args=[w.org_c.pk])
                   ).status_code == 403
    assert api.patch(reverse("api:community-exchange-limit", args=[w.org_c.pk]),
                     {"limit": 999}, format="json").status_code == 403
    # Its own organisation: books.
    response = api.post(reverse("api:community-exchange-offer-bookings", args=[w.offer.pk]),
                        {"organisation": "FC", "places": 1}, format="json")
    assert response.status_code == 201, response.content


def test_the_booker_cancels_and_the_central_team_sets_limits(booked, make_account, web_client,
                                                             api_client) -> None:  # noqa: ANN001
    w, booking, booker = booked
    assert web_client(booker).get(reverse("community:exchange-booking-cancel",
                                          args=[booking.pk])).status_code == 200
    assert web_client(booker).get(reverse("community:exchange-booking-refund",
                                          args=[booking.pk])).status_code == 403
    central = make_account("central_team")
    assert web_client(central).get(reverse("community:exchange-limit-edit",
                                           args=[w.org_b.pk])).status_code == 200
    response = api_client(central).patch(reverse("api:community-exchange-limit",
                                                 args=[w.org_b.pk]),
                                         {"limit": 40}, format="json")
    assert response.status_code == 200 and response.json()["limit"] == 40
