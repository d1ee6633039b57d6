# ruff: noqa: F811 - pytest fixtures imported from exchange_fixtures are named as arguments
"""``cadre community exchange ...`` and the demo: balances as a JSON list of exactly
{organisation, balance, limit} or CSV with those columns; the other tables; writes with
clear refusals; the demo makes six organisations trade, one near its limit, and runs twice
safely."""

from __future__ import annotations

import csv
import io
import json
import random

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cadre.community.demo import exchange as demo
from cadre.community.models import ExchangeAccount, ExchangeBooking, ExchangeOffer
from cadre.community.selectors import exchange as sel
from cadre.community.services import exchange as services
from cadre.community.tests.exchange_fixtures import CLI, exchange_world  # noqa: F401
from cadre.core.actor import command_line_actor
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("community_exchange", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_balances_as_json_and_csv(exchange_world) -> None:
    w = exchange_world
    services.book_places(actor=CLI, offer_id=w.offer.pk, organisation=w.org_b, places=2)
    rows = json.loads(_run("balances", "--format", "json"))
    assert rows == [{"organisation": "Department A", "balance": 4, "limit": 20},
                    {"organisation": "Department B", "balance": -4, "limit": 20}]
    assert all(list(r) == ["organisation", "balance", "limit"] for r in rows)
    table = list(csv.reader(io.StringIO(_run("balances", "--format", "csv"))))
    assert table == [["organisation", "balance", "limit"], ["Department A", "4", "20"],
                     ["Department B", "-4", "20"]]


def test_the_dispatcher_knows_the_exchange_kind() -> None:
    from cadre.community.management.commands.community import Command

    assert "exchange" in Command().kinds()


def test_tables_and_writes(exchange_world) -> None:
    w = exchange_world
    assert "Booked 3 place(s) for 6 credits" in _run(
        "book", "--offer", str(w.offer.pk), "--organisation", "db", "--places", "3")
    offers = json.loads(_run("offers"))
    assert offers[0]["places_left"] == 7 and list(offers[0]) == list(sel.OFFER_COLUMNS)
    bookings = json.loads(_run("bookings", "--organisation", "DB"))
    assert bookings[0]["organisation"] == "Department B" and "booked_by" not in bookings[0]
    booking_id = str(bookings[0]["id"])
    assert "cancelled" in _run("cancel", "--booking", booking_id)
    statement = list(csv.DictReader(io.StringIO(
        _run("statement", "--organisation", "DB", "--format", "csv"))))
    assert [r["amount"] for r in statement] == ["-6", "6"]
    assert "is 5" in _run("set-limit", "--organisation", "DB", "--limit", "5")
    limits = json.loads(_run("limits"))
    assert {r["organisation"]: r["limit"] for r in limits}["Department B"] == 5
    assert "withdrawn; 0 booking(s)" in _run("withdraw", "--offer", str(w.offer.pk))


@pytest.mark.parametrize(("args", "message"), [
    (("statement", "--organisation", "NOPE"), "no organisation with the abbreviation"),
    (("book", "--offer", "x", "--organisation", "DB"), "--offer: give an id"),
    (("book", "--offer", "99999", "--organisation", "DB"), "no offer with id 99999"),
    (("cancel", "--booking", "99999"), "no booking with id 99999"),
    (("set-limit", "--organisation", "DB", "--limit", "-2"), "credit_limit"),
    (("book", "--offer", "OFFER", "--organisation", "DB", "--places", "11"), "left"),
    (("book", "--offer", "OFFER", "--organisation", "DA"), "its own offer"),
])
def test_clear_refusals(exchange_world, args: tuple, message: str) -> None:
    args = tuple(str(exchange_world.offer.pk) if a == "OFFER" else a for a in args)
    with pytest.raises(CommandError, match=message):
        _run(*args)


def test_over_the_limit_from_the_command_line(exchange_world) -> None:
    w = exchange_world
    _run("set-limit", "--organisation", "DB", "--limit", "1")
    with pytest.raises(CommandError, match="over its credit limit: offer sessions to earn"):
        _run("book", "--offer", str(w.offer.pk), "--organisation", "DB")


def test_the_demo_trades_and_runs_twice(db) -> None:
    for name, abbr in (("Department for Work and Pensions", "DWP"), ("HM Revenue and Customs",
                       "HMRC"), ("Government Digital Service", "GDS"),
                       ("Leeds City Council", "LCC"), ("West Yorkshire Police", "WYP"),
                       ("West Yorkshire Fire and Rescue Service", "WYFRS")):
        OrganisationFactory(name=name, abbreviation=abbr)
    lines = demo.load(actor=command_line_actor(), rng=random.Random(1))
    assert "8 offers, 14 bookings" in lines[0]
    assert ExchangeBooking.objects.filter(status="cancelled").count() == 1
    assert ExchangeBooking.objects.filter(status="refunded").count() == 1
    started = ExchangeOffer.objects.get(title=demo.PAST[0])
    assert started.bookings.filter(status="booked").count() == 1  # may still be refunded
    fire = ExchangeAccount.objects.get(organisation__abbreviation="WYFRS")
    assert fire.balance == -8 and fire.credit_limit == 10  # near its limit
    assert sel.ledger_totals() == {"balances": 0, "entries": 0}
    again = demo.load(actor=command_line_actor(), rng=random.Random(1))
    assert "already there" in again[0]
    assert ExchangeOffer.objects.count() == 8
