"""Learning exchange pages (issue 18 point 3): offers, booking, bookings, balances, an
organisation's statement, and credit limits. Balances, offers and bookings are published
to everyone signed in; bookings name organisations, never people. Offering, booking,
cancelling and refunding are for exchange traders in their own organisations (the
services check each organisation); credit limits are the central team's."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from cadre.community import ledger
from cadre.community.forms.exchange import (
    BookingForm,
    CloseBookingForm,
    CreditLimitForm,
    OfferForm,
    StatementFilter,
)
from cadre.community.models import ExchangeAccount, ExchangeBooking, ExchangeOffer
from cadre.community.selectors import exchange as sel
from cadre.community.services import exchange as services
from cadre.core.actor import Actor
from cadre.core.forms import add_validation_errors, querystring_without_page, status_for
from cadre.organisations.models import Organisation

PAGE_SIZE = 50


def _actor(request: HttpRequest) -> Actor:
    return Actor.for_user(request.user)


def _mine(request: HttpRequest):  # noqa: ANN202
    return sel.trading_organisations(request.user)


def offers(request: HttpRequest) -> HttpResponse:
    """The open offers, soonest first, with the organisations the account trades for."""
    rows = sel.offers()
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    mine = list(_mine(request)) if sel.trading_organisation_ids(request.user) != \
        frozenset() else []
    return render(request, "community/exchange/offers.html", {
        "page_obj": page, "mine": mine, "now": timezone.now(),
        "querystring": querystring_without_page(request.GET.dict())})


def offer(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(ExchangeOffer.objects.select_related("organisation"), pk=pk)
    started = item.starts_at <= timezone.now()
    manage = services.may_trade_for(request.user, item.organisation_id)
    ids = sel.trading_organisation_ids(request.user)
    rows = []
    for b in sel.bookings(offer_id=item.pk):
        mine = ids is None or b.organisation_id in ids
        is_open = b.status == ExchangeBooking.Status.BOOKED
        rows.append({"booking": b, "cancel": is_open and not started and (manage or mine),
                     "refund": is_open and started and manage})
    return render(request, "community/exchange/offer.html", {
        "offer": item, "rows": rows, "started": started,
        "actions": any(r["cancel"] or r["refund"] for r in rows),
        "may_manage": manage,
        "may_book": _mine(request).exclude(pk=item.organisation_id).exists()})


def offer_add(request: HttpRequest) -> HttpResponse:
    form = OfferForm(request.POST if request.method == "POST" else None,
                     organisations=_mine(request))
    if request.method == "POST" and form.is_valid():
        try:
            item = services.create_offer(actor=_actor(request),
                                         organisation=form.cleaned_data["organisation"],
                                         **form.values())
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Offer made: {item.title}.")
            return redirect("community:exchange-offer", pk=item.pk)
    return render(request, "community/exchange/offer_form.html",
                  {"form": form, "offer": None}, status=status_for(form))


def offer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(ExchangeOffer.objects.select_related("organisation"), pk=pk)
    if not services.may_trade_for(request.user, item.organisation_id):
        raise PermissionDenied(services.NOT_YOURS)
    form = OfferForm(request.POST if request.method == "POST" else None, editing=True,
                     initial=OfferForm.initial_for(item))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_offer(actor=_actor(request), offer_id=item.pk, **form.values())
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Offer changed: {item.title}.")
            return redirect("community:exchange-offer", pk=item.pk)
    return render(request, "community/exchange/offer_form.html",
                  {"form": form, "offer": item}, status=status_for(form))


def offer_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(ExchangeOffer.objects.select_related("organisation"), pk=pk)
    if not services.may_trade_for(request.user, item.organisation_id):
        raise PermissionDenied(services.NOT_YOURS)
    error = None
    if request.method == "POST":
        try:
            result = services.withdraw_offer(actor=_actor(request), offer_id=item.pk)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, f"Offer withdrawn; {result.reversed} booking"
                                      f"{'s' if result.reversed != 1 else ''} given back.")
            return redirect("community:exchange-offer", pk=item.pk)
    open_bookings = item.bookings.filter(status=ExchangeBooking.Status.BOOKED).count()
    return render(request, "community/exchange/offer_withdraw.html", {
        "offer": item, "open_bookings": open_bookings, "error": error},
        status=400 if error else 200)


def offer_book(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(ExchangeOffer.objects.select_related("organisation"), pk=pk)
    choices = _mine(request).exclude(pk=item.organisation_id)
    form = BookingForm(request.POST if request.method == "POST" else None,
                       organisations=choices)
    if request.method == "POST" and form.is_valid():
        try:
            booking = services.book_places(actor=_actor(request), offer_id=item.pk,
                                           organisation=form.cleaned_data["organisation"],
                                           places=form.cleaned_data["places"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"{booking.organisation.name} booked {booking.places} "
                                      f"place{'s' if booking.places != 1 else ''} for "
                                      f"{booking.credits} credits.")
            return redirect("community:exchange-offer", pk=item.pk)
    accounts = {a.organisation_id: a for a in ExchangeAccount.objects.filter(
        organisation__in=choices)}
    default = sel.default_credit_limit()
    spendable = []
    for org in choices:
        account = accounts.get(org.pk)
        balance, limit = (account.balance, account.credit_limit) if account else (0, default)
        spendable.append({"organisation": org, "balance": balance, "limit": limit,
                          "available": max(0, balance + limit)})
    return render(request, "community/exchange/offer_book.html", {
        "offer": item, "form": form, "spendable": spendable}, status=status_for(form))


def bookings(request: HttpRequest) -> HttpResponse:
    """Every booking (made by or for an organisation with ``?organisation=ABBR``)."""
    form = StatementFilter(request.GET)
    organisation = form.value("organisation")
    rows = sel.bookings(organisation_id=getattr(organisation, "pk", None))
    page = Paginator(rows, PAGE_SIZE).get_page(form.page_number())
    mine = sel.trading_organisation_ids(request.user)
    return render(request, "community/exchange/bookings.html", {
        "form": form, "page_obj": page, "organisation": organisation, "mine": mine,
        "now": timezone.now(),
        "querystring": querystring_without_page(request.GET.dict())},
        status=status_for(form))


def _close(request: HttpRequest, pk: int, *, refund: bool) -> HttpResponse:
    booking = get_object_or_404(ExchangeBooking.objects.select_related(
        "offer__organisation", "organisation"), pk=pk)
    allowed = services.may_trade_for(request.user, booking.offer.organisation_id) or (
        not refund and services.may_trade_for(request.user, booking.organisation_id))
    if not allowed:
        raise PermissionDenied(services.NOT_YOURS)
    form = CloseBookingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        call = services.refund_booking if refund else services.cancel_booking
        try:
            call(actor=_actor(request), booking_id=booking.pk,
                 memo=form.cleaned_data["memo"] or "")
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Booking {'refunded' if refund else 'cancelled'}: "
                                      f"{booking.credits} credits given back to "
                                      f"{booking.organisation.name}.")
            return redirect("community:exchange-offer", pk=booking.offer_id)
    return render(request, "community/exchange/booking_close.html", {
        "booking": booking, "form": form, "refund": refund}, status=status_for(form))


def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return _close(request, pk, refund=False)


def booking_refund(request: HttpRequest, pk: int) -> HttpResponse:
    return _close(request, pk, refund=True)


def balances(request: HttpRequest) -> HttpResponse:
    """Every organisation's balance and limit; they sum to zero."""
    return render(request, "community/exchange/balances.html", {
        "rows": sel.limit_rows(), "totals": sel.ledger_totals(),
        "default_limit": sel.default_credit_limit()})


def statement(request: HttpRequest) -> HttpResponse:
    """An organisation's entries with the running balance (``?organisation=ABBR``)."""
    form = StatementFilter(request.GET)
    organisation = form.value("organisation")
    if organisation is None and not request.GET.get("organisation"):
        organisation = _mine(request).filter(exchange_account__isnull=False).first() \
            if sel.trading_organisation_ids(request.user) != frozenset() else None
    rows = sel.statement(organisation) if organisation else []
    account = ExchangeAccount.objects.filter(organisation=organisation).first() \
        if organisation else None
    return render(request, "community/exchange/statement.html", {
        "form": form, "organisation": organisation, "rows": rows, "account": account},
        status=status_for(form))


def limits(request: HttpRequest) -> HttpResponse:
    return render(request, "community/exchange/limits.html", {
        "rows": sel.limit_rows(), "default_limit": sel.default_credit_limit(),
        "max_limit": ledger.MAX_CREDIT_LIMIT})


def limit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Set an organisation's credit limit (``pk`` is the organisation's id)."""
    organisation = get_object_or_404(Organisation, pk=pk)
    account = ExchangeAccount.objects.filter(organisation=organisation).first()
    current = account.credit_limit if account else sel.default_credit_limit()
    form = CreditLimitForm(request.POST if request.method == "POST" else None,
                           initial={"credit_limit": current})
    if request.method == "POST" and form.is_valid():
        try:
            services.set_credit_limit(actor=_actor(request), organisation=organisation,
                                      credit_limit=form.cleaned_data["credit_limit"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Credit limit of {organisation.name} set to "
                                      f"{form.cleaned_data['credit_limit']}.")
            return redirect("community:exchange-limits")
    return render(request, "community/exchange/limit_form.html", {
        "form": form, "organisation": organisation, "account": account},
        status=status_for(form))
