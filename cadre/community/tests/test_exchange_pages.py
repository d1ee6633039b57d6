# ruff: noqa: F811 - pytest fixtures imported from exchange_fixtures are named as arguments
"""The exchange pages: offering, booking (the over-limit message in the error summary),
cancelling, withdrawing, balances, statement and limits; bad input keeps what was typed
and names the field; the hub links to the exchange."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cadre.community.models import ExchangeBooking, ExchangeOffer
from cadre.community.services import exchange as services
from cadre.community.tests.exchange_fixtures import CLI, exchange_world  # noqa: F401

pytestmark = pytest.mark.django_db


def _offer_post(**overrides: str) -> dict:
    day = timezone.localdate() + dt.timedelta(days=10)
    data = {"organisation": "", "title": "Plain English", "description": "Two hours",
            "skills": "Writing", "day_0": str(day.day), "day_1": str(day.month),
            "day_2": str(day.year), "start_time": "09:30", "duration_minutes": "120",
            "format": "online", "location": "", "places": "6", "credits_per_place": "2"}
    data.update(overrides)
    return data


def test_a_lead_offers_a_session_for_their_organisation(exchange_world, make_account,
                                                        web_client) -> None:
    w = exchange_world
    web = web_client(make_account("learning_lead", w.org_b))
    page = web.get(reverse("community:exchange-offer-add"))
    assert page.status_code == 200
    assert b"Department B" in page.content and b"Department A" not in page.content
    assert b"---------" not in page.content
    response = web.post(reverse("community:exchange-offer-add"),
                        _offer_post(organisation=str(w.org_b.pk)))
    assert response.status_code == 302, response.content.decode()[:2000]
    offer = ExchangeOffer.objects.get(title="Plain English")
    assert offer.organisation == w.org_b
    assert timezone.localtime(offer.starts_at).strftime("%H:%M") == "09:30"


@pytest.mark.parametrize(("field", "value", "message"), [
    ("title", "x" * 201, b"200 characters or fewer"), ("start_time", "25:00", b"24-hour clock"),
    ("places", "0", b"Places offered"), ("credits_per_place", "101", b"Credits a place"),
    ("day_2", "2000", b"future"),
])
def test_bad_offers_keep_the_input_and_name_the_field(exchange_world, make_account,
                                                      web_client, field: str, value: str,
                                                      message: bytes) -> None:
    w = exchange_world
    web = web_client(make_account("learning_lead", w.org_b))
    response = web.post(reverse("community:exchange-offer-add"),
                        _offer_post(organisation=str(w.org_b.pk), **{field: value}))
    assert response.status_code == 400
    assert b"There is a problem" in response.content
    assert message in response.content
    assert b"Two hours" in response.content  # what was typed is kept


def test_booking_over_the_limit_says_what_to_do(exchange_world, make_account,
                                                web_client) -> None:
    w = exchange_world
    services.set_credit_limit(actor=CLI, organisation=w.org_b, credit_limit=2)
    web = web_client(make_account("learning_lead", w.org_b))
    url = reverse("community:exchange-offer-book", args=[w.offer.pk])
    page = web.get(url)
    assert b"may spend 2 credits" in page.content
    response = web.post(url, {"organisation": str(w.org_b.pk), "places": "3"})
    assert response.status_code == 400
    assert b"over its credit limit: offer sessions to earn credits" in response.content
    response = web.post(url, {"organisation": str(w.org_b.pk), "places": "1"})
    assert response.status_code == 302
    assert ExchangeBooking.objects.get().credits == 2


def test_full_offer_is_a_409_page(exchange_world, make_account, web_client) -> None:
    w = exchange_world
    services.set_credit_limit(actor=CLI, organisation=w.org_c, credit_limit=100)
    services.book_places(actor=CLI, offer_id=w.offer.pk, organisation=w.org_c, places=10)
    web = web_client(make_account("learning_lead", w.org_b))
    response = web.post(reverse("community:exchange-offer-book", args=[w.offer.pk]),
                        {"organisation": str(w.org_b.pk), "places": "1"})
    assert response.status_code == 409
    assert b"no places left" in response.content


def test_cancel_and_withdraw_pages(exchange_world, make_account, web_client) -> None:
    w = exchange_world
    booking = services.book_places(actor=CLI, offer_id=w.offer.pk, organisation=w.org_b)
    lead_b = web_client(make_account("learning_lead", w.org_b))
    response = lead_b.post(reverse("community:exchange-booking-cancel", args=[booking.pk]),
                           {"memo": "Clash"})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    services.book_places(actor=CLI, offer_id=w.offer.pk, organisation=w.org_c)
    lead_a = web_client(make_account("head_of_profession", w.org_a))
    page = lead_a.get(reverse("community:exchange-offer-withdraw", args=[w.offer.pk]))
    assert b"1 booking will be given back" in page.content
    assert lead_a.post(reverse("community:exchange-offer-withdraw", args=[w.offer.pk])
                       ).status_code == 302
    detail = lead_a.get(reverse("community:exchange-offer", args=[w.offer.pk]))
    assert b"This offer was withdrawn" in detail.content


def test_published_pages_show_balances_statement_and_limits(exchange_world, make_account,
                                                            web_client) -> None:
    w = exchange_world
    services.book_places(actor=CLI, offer_id=w.offer.pk, organisation=w.org_b, places=2)
    web = web_client(make_account(None))
    balances = web.get(reverse("community:exchange-balances")).content.decode()
    assert "Department A" in balances and "Department B" in balances
    assert "add up to 0, as they always do" in balances
    statement = web.get(reverse("community:exchange-statement"), {"organisation": "DB"})
    assert b"Statement of Department B" in statement.content
    assert b"Introduction to service design" in statement.content
    bad = web.get(reverse("community:exchange-statement"), {"organisation": "NOPE"})
    assert bad.status_code == 400 and b"There is a problem" in bad.content
    assert b"Department B" in web.get(reverse("community:exchange-limits")).content
    offers = web.get(reverse("community:exchange"))
    assert b"Introduction to service design" in offers.content
    bookings = web.get(reverse("community:exchange-bookings"))
    assert b"Department B" in bookings.content


def test_central_sets_a_limit_and_the_hub_links_the_exchange(exchange_world, make_account,
                                                             web_client) -> None:
    w = exchange_world
    central = web_client(make_account("central_team"))
    url = reverse("community:exchange-limit-edit", args=[w.org_b.pk])
    assert central.post(url, {"credit_limit": "-3"}).status_code == 400
    assert central.post(url, {"credit_limit": "35"}).status_code == 302
    assert b"35" in central.get(reverse("community:exchange-limits")).content
    hub = central.get(reverse("community:home")).content.decode()
    for name in ("community:exchange", "community:exchange-balances",
                 "community:exchange-offer-add"):
        assert reverse(name) in hub
    plain = web_client(make_account(None)).get(reverse("community:home")).content.decode()
    assert reverse("community:exchange-balances") in plain
    assert reverse("community:exchange-offer-add") not in plain


def test_the_offer_page_links_each_trader_to_what_they_may_do(exchange_world, make_account,
                                                              web_client) -> None:
    w = exchange_world
    booking = services.book_places(actor=CLI, offer_id=w.offer.pk, organisation=w.org_b)
    cancel = reverse("community:exchange-booking-cancel", args=[booking.pk]).encode()
    url = reverse("community:exchange-offer", args=[w.offer.pk])
    booker = web_client(make_account("learning_lead", w.org_b)).get(url).content
    assert cancel in booker and b"Change the offer" not in booker
    offerer = web_client(make_account("learning_lead", w.org_a)).get(url).content
    assert cancel in offerer and b"Change the offer" in offerer
    other = web_client(make_account("learning_lead", w.org_c)).get(url).content
    assert cancel not in other and b'id="book"' in other
    plain = web_client(make_account(None)).get(url).content
    assert cancel not in plain and b'id="book"' not in plain
