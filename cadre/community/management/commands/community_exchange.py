"""``cadre community exchange ACTION``: the learning exchange from the command line.

Reads (``--format json|csv``, JSON a list of objects, CSV with a header row):

- ``balances``: every organisation's ``{organisation, balance, limit}`` (exactly these
  keys; CSV with these columns);
- ``offers [--organisation ABBR] [--withdrawn]``; ``bookings [--organisation ABBR]``;
- ``statement --organisation ABBR``: the organisation's entries with the balance after each;
- ``limits``: each organisation's limit, balance and what it may still spend.

Writes (as the command line, audited): ``book --offer ID --organisation ABBR
[--places N]``, ``cancel --booking ID``, ``refund --booking ID [--memo TEXT]``,
``withdraw --offer ID``, ``set-limit --organisation ABBR --limit N``. A refusal (over the
credit limit, no places left, ...) is an error message and exit status 1.
"""

from __future__ import annotations

import csv
import json
from typing import Any

from django.core.management.base import CommandError

from cadre.community.models import ExchangeBooking, ExchangeOffer
from cadre.community.selectors import exchange as sel
from cadre.community.services import exchange as services
from cadre.core.commands import SubcommandCommand
from cadre.core.inputs import MAX_ID
from cadre.organisations.models import Organisation

LIMIT_COLUMNS = ("organisation", "limit", "balance", "available", "over_limit")


def _organisation(value: str | None) -> Organisation:
    text = str(value or "").strip()
    if not text:
        raise CommandError("--organisation: give an organisation's abbreviation.")
    found = Organisation.objects.filter(abbreviation__iexact=text[:50]).first()
    if found is None:
        raise CommandError(f"--organisation: no organisation with the abbreviation "
                           f"'{text[:40]}'.")
    return found


def _id(value: Any, option: str) -> int:
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_ID:
        raise CommandError(f"{option}: give an id (a whole number), not '{text[:40]}'.")
    return int(text)


class Command(SubcommandCommand):
    help = ("The learning exchange: balances, offers, bookings, statement, limits; book, "
            "cancel, refund, withdraw, set-limit.")

    def add_actions(self, actions: Any) -> None:
        def table(name: str, text: str) -> Any:
            parser = actions.add_parser(name, help=text)
            parser.add_argument("--format", choices=["json", "csv"], default="json")
            return parser

        table("balances", "Every organisation's balance and credit limit")
        offers = table("offers", "Sessions on offer")
        offers.add_argument("--organisation", help="Offered by (abbreviation)")
        offers.add_argument("--withdrawn", action="store_true", help="Include withdrawn ones")
        table("bookings", "Bookings").add_argument(
            "--organisation", help="Made by or for (abbreviation)")
        table("statement", "An organisation's entries").add_argument(
            "--organisation", required=True, help="The organisation's abbreviation")
        table("limits", "Credit limits")
        book = actions.add_parser("book", help="Book places on an offer")
        book.add_argument("--offer", required=True)
        book.add_argument("--organisation", required=True)
        book.add_argument("--places", default="1")
        for name, text in (("cancel", "Cancel a booking before the session"),
                           ("refund", "Refund a booking after the session's start")):
            parser = actions.add_parser(name, help=text)
            parser.add_argument("--booking", required=True)
            parser.add_argument("--memo", default="")
        actions.add_parser("withdraw", help="Withdraw an offer (gives its bookings back)"
                           ).add_argument("--offer", required=True)
        limit = actions.add_parser("set-limit", help="Set an organisation's credit limit")
        limit.add_argument("--organisation", required=True)
        limit.add_argument("--limit", required=True)

    def _write(self, rows: list[dict], columns: tuple[str, ...], fmt: str) -> None:
        rows = [{k: row.get(k) for k in columns} for row in rows]
        if fmt == "csv":
            writer = csv.DictWriter(self.stdout, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            for row in rows:
                writer.writerow({k: "" if v is None else v for k, v in row.items()})
        else:
            self.stdout.write(json.dumps(rows, indent=2, default=str))

    def handle_balances(self, options: dict, *, actor: Any) -> None:
        self._write(sel.balance_rows(), sel.BALANCE_COLUMNS, options["format"])

    def handle_offers(self, options: dict, *, actor: Any) -> None:
        org = _organisation(options["organisation"]) if options.get("organisation") else None
        rows = sel.offers(organisation_id=getattr(org, "pk", None),
                          include_withdrawn=bool(options["withdrawn"]))
        self._write([sel.offer_row(o) for o in rows], sel.OFFER_COLUMNS, options["format"])

    def handle_bookings(self, options: dict, *, actor: Any) -> None:
        org = _organisation(options["organisation"]) if options.get("organisation") else None
        rows = sel.bookings(organisation_id=getattr(org, "pk", None))
        self._write([sel.booking_row(b) for b in rows], sel.BOOKING_COLUMNS,
                    options["format"])

    def handle_statement(self, options: dict, *, actor: Any) -> None:
        self._write(sel.statement(_organisation(options["organisation"])),
                    sel.STATEMENT_COLUMNS, options["format"])

    def handle_limits(self, options: dict, *, actor: Any) -> None:
        self._write(sel.limit_rows(), LIMIT_COLUMNS, options["format"])

    def handle_book(self, options: dict, *, actor: Any) -> None:
        offer_id = _id(options["offer"], "--offer")
        if not ExchangeOffer.objects.filter(pk=offer_id).exists():
            raise CommandError(f"--offer: there is no offer with id {offer_id}.")
        booking = services.book_places(actor=actor, offer_id=offer_id,
                                       organisation=_organisation(options["organisation"]),
                                       places=options["places"])
        self.stdout.write(f"Booked {booking.places} place(s) for {booking.credits} credits "
                          f"(booking {booking.pk}).")

    def _booking(self, options: dict) -> int:
        booking_id = _id(options["booking"], "--booking")
        if not ExchangeBooking.objects.filter(pk=booking_id).exists():
            raise CommandError(f"--booking: there is no booking with id {booking_id}.")
        return booking_id

    def handle_cancel(self, options: dict, *, actor: Any) -> None:
        booking = services.cancel_booking(actor=actor, booking_id=self._booking(options),
                                          memo=options["memo"])
        self.stdout.write(f"Booking {booking.pk} cancelled; {booking.credits} credits given "
                          f"back.")

    def handle_refund(self, options: dict, *, actor: Any) -> None:
        booking = services.refund_booking(actor=actor, booking_id=self._booking(options),
                                          memo=options["memo"])
        self.stdout.write(f"Booking {booking.pk} refunded; {booking.credits} credits given "
                          f"back.")

    def handle_withdraw(self, options: dict, *, actor: Any) -> None:
        offer_id = _id(options["offer"], "--offer")
        if not ExchangeOffer.objects.filter(pk=offer_id).exists():
            raise CommandError(f"--offer: there is no offer with id {offer_id}.")
        result = services.withdraw_offer(actor=actor, offer_id=offer_id)
        self.stdout.write(f"Offer {offer_id} withdrawn; {result.reversed} booking(s) given "
                          f"back.")

    def handle_set_limit(self, options: dict, *, actor: Any) -> None:
        account = services.set_credit_limit(
            actor=actor, organisation=_organisation(options["organisation"]),
            credit_limit=options["limit"])
        self.stdout.write(f"Credit limit of {account.organisation.name} is "
                          f"{account.credit_limit}.")
