"""Learning exchange API (issue 18 point 3): the same selectors and services as the pages.

- ``GET /api/v1/community/exchange/balances/``: every organisation's
  ``{organisation, balance, limit}`` (a list; the balances sum to zero);
- ``GET``/``POST .../exchange/offers/``; ``GET``/``PATCH .../exchange/offers/<id>/`` (ETag
  and If-Match); ``POST .../offers/<id>/withdraw/`` (gives every booking back);
- ``GET``/``POST .../exchange/offers/<id>/bookings/`` (book places for an organisation);
- ``GET .../exchange/bookings/`` (``?organisation=ABBR``), ``GET .../bookings/<id>/``,
  ``POST .../bookings/<id>/cancel/`` (before the session), ``.../refund/`` (after it);
- ``GET .../exchange/statement/?organisation=ABBR``: the organisation's entries;
- ``GET .../exchange/limits/``; ``GET``/``PATCH .../exchange/limits/<organisation id>/``
  (the central team).

Bookings name organisations, never people. A booking past the booker's credit limit is a
400 naming ``organisation`` ("... over its credit limit: offer sessions to earn credits");
no places left, a withdrawn offer, a started session or a booking already closed is a 409.
"""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.community import ledger
from cadre.community.models import (
    MAX_CREDITS_PER_PLACE,
    MAX_DURATION_MINUTES,
    MAX_MEMO,
    MAX_OFFER_DESCRIPTION,
    MAX_OFFER_LOCATION,
    MAX_OFFER_PLACES,
    MAX_OFFER_SKILLS,
    MAX_OFFER_TITLE,
    MIN_DURATION_MINUTES,
    ExchangeAccount,
    ExchangeBooking,
    ExchangeOffer,
)
from cadre.community.selectors import exchange as sel
from cadre.community.services import exchange as services
from cadre.core.actor import Actor
from cadre.core.api_concurrency import if_match, with_etag
from cadre.core.api_errors import ConflictSerializer, ErrorSerializer
from cadre.core.api_kit import validated
from cadre.core.api_pagination import paginated_list, paginated_response
from cadre.core.inputs import invalid
from cadre.organisations.models import Organisation

_NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such record")
_CONFLICT = OpenApiResponse(ConflictSerializer, description="No longer possible (409)")
_ORG = OpenApiParameter("organisation", str, description="An organisation's abbreviation.")


MAX_ABBREVIATION = Organisation._meta.get_field("abbreviation").max_length


def _organisation(value: str | None, *, required: bool = False) -> Organisation | None:
    raw = (value or "").strip()
    if not raw:
        if required:
            raise invalid("organisation", "Give an organisation's abbreviation.")
        return None
    if len(raw) > MAX_ABBREVIATION:
        raise invalid("organisation", f"An organisation's abbreviation has at most "
                                      f"{MAX_ABBREVIATION} characters.")
    # PostgreSQL refuses a NUL character in a query: no abbreviation holds one.
    found = None if "\x00" in raw else (
        Organisation.objects.filter(abbreviation__iexact=raw).first())
    if found is None:
        raise invalid("organisation", f"No organisation with the abbreviation "
                                      f"'{raw.replace(chr(0), '')[:40]}'.")
    return found


class ExchangeBalanceSerializer(serializers.Serializer):
    organisation = serializers.CharField()
    balance = serializers.IntegerField()
    limit = serializers.IntegerField()


@extend_schema(operation_id="community_exchange_balances",
               responses={200: ExchangeBalanceSerializer(many=True)})
@api_view(["GET"])
def balances(request: Request) -> Response:
    """Every organisation in the exchange: its balance and its credit limit."""
    return Response(ExchangeBalanceSerializer(sel.balance_rows(), many=True).data)


class ExchangeOfferSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.abbreviation")
    organisation_name = serializers.CharField(source="organisation.name")
    status = serializers.CharField(help_text="open or withdrawn")
    format = serializers.CharField(help_text="in_person, online or hybrid")

    class Meta:
        model = ExchangeOffer
        fields = ["id", "organisation", "organisation_name", "title", "description",
                  "skills", "starts_at", "duration_minutes", "format", "location", "places",
                  "places_left", "credits_per_place", "status", "withdrawn_at"]


class ExchangeOfferInput(serializers.Serializer):
    organisation = serializers.CharField(max_length=50, help_text="The offering "
                                         "organisation's abbreviation (POST only).")
    title = serializers.CharField(max_length=MAX_OFFER_TITLE)
    description = serializers.CharField(max_length=MAX_OFFER_DESCRIPTION, required=False,
                                        allow_blank=True, default="")
    skills = serializers.CharField(max_length=MAX_OFFER_SKILLS, required=False,
                                   allow_blank=True, default="",
                                   help_text="Skills it builds, separated by commas.")
    starts_at = serializers.DateTimeField()
    duration_minutes = serializers.IntegerField(min_value=MIN_DURATION_MINUTES,
                                                max_value=MAX_DURATION_MINUTES)
    format = serializers.ChoiceField(choices=ExchangeOffer.Format.choices)
    location = serializers.CharField(max_length=MAX_OFFER_LOCATION, required=False,
                                     allow_blank=True, default="")
    places = serializers.IntegerField(min_value=1, max_value=MAX_OFFER_PLACES)
    credits_per_place = serializers.IntegerField(min_value=1,
                                                 max_value=MAX_CREDITS_PER_PLACE)


class ExchangeBookingSerializer(serializers.ModelSerializer):
    offer_title = serializers.CharField(source="offer.title")
    offered_by = serializers.CharField(source="offer.organisation.abbreviation")
    organisation = serializers.CharField(source="organisation.abbreviation")
    organisation_name = serializers.CharField(source="organisation.name")
    booked_at = serializers.DateTimeField(source="created_at")
    status = serializers.CharField(help_text="booked, cancelled or refunded")

    class Meta:
        model = ExchangeBooking
        fields = ["id", "offer", "offer_title", "offered_by", "organisation",
                  "organisation_name", "places", "credits", "status", "booked_at",
                  "closed_at"]


class ExchangeBookingInput(serializers.Serializer):
    organisation = serializers.CharField(max_length=50,
                                         help_text="The booking organisation's abbreviation.")
    places = serializers.IntegerField(min_value=1, max_value=MAX_OFFER_PLACES, default=1)


class ExchangeCloseInput(serializers.Serializer):
    memo = serializers.CharField(max_length=MAX_MEMO, required=False, allow_blank=True,
                                 default="", help_text="Why, e.g. the session did not run.")


def _offer(pk: int) -> ExchangeOffer:
    found = ExchangeOffer.objects.select_related("organisation").filter(pk=pk).first()
    if found is None:
        raise Http404("No such offer.")
    return found


def _booking(pk: int) -> ExchangeBooking:
    found = sel.bookings().filter(pk=pk).first()
    if found is None:
        raise Http404("No such booking.")
    return found


@paginated_list
@extend_schema(methods=["GET"], operation_id="community_exchange_offers",
               parameters=[_ORG, OpenApiParameter("withdrawn", bool, description=(
                   "Include withdrawn offers."))],
               responses={200: ExchangeOfferSerializer(many=True), 400: ErrorSerializer})
@extend_schema(methods=["POST"], operation_id="community_exchange_offer_create",
               request=ExchangeOfferInput,
               responses={201: ExchangeOfferSerializer, 400: ErrorSerializer, 403: ErrorSerializer})
@api_view(["GET", "POST"])
def offers(request: Request) -> Response:
    """Offers, soonest first (open ones unless ``?withdrawn=true``); POST offers a session
    for an organisation the caller trades for."""
    if request.method == "POST":
        data = dict(validated(ExchangeOfferInput, request.data))
        organisation = _organisation(data.pop("organisation"), required=True)
        offer = services.create_offer(actor=Actor.for_user(request.user),
                                      organisation=organisation, **data)
        return Response(ExchangeOfferSerializer(_offer(offer.pk)).data,
                        status=status.HTTP_201_CREATED)
    organisation = _organisation(request.query_params.get("organisation"))
    withdrawn = str(request.query_params.get("withdrawn", "")).lower() in ("true", "1", "yes")
    rows = sel.offers(organisation_id=getattr(organisation, "pk", None),
                      include_withdrawn=withdrawn)
    return paginated_response(request, rows, ExchangeOfferSerializer)


@extend_schema(methods=["GET"], operation_id="community_exchange_offer",
               responses={200: ExchangeOfferSerializer, 404: _NOT_FOUND})
@extend_schema(methods=["PATCH"], operation_id="community_exchange_offer_update",
               request=ExchangeOfferInput,
               responses={200: ExchangeOfferSerializer, 400: ErrorSerializer, 403: ErrorSerializer,
                          404: _NOT_FOUND, 409: _CONFLICT, 412: ErrorSerializer})
@api_view(["GET", "PATCH"])
def offer(request: Request, pk: int) -> Response:
    """One offer; PATCH changes the fields sent (send the ETag in If-Match)."""
    item = _offer(pk)
    if request.method == "PATCH":
        data = dict(validated(ExchangeOfferInput, request.data, partial=True))
        sent = data.pop("organisation", None)
        if sent is not None and sent.strip().upper() != item.organisation.abbreviation.upper():
            raise invalid("organisation", "An offer's organisation cannot be changed.")
        services.update_offer(actor=Actor.for_user(request.user), offer_id=item.pk,
                              expected_version=if_match(request), **data)
        item = _offer(pk)
    return with_etag(Response(ExchangeOfferSerializer(item).data), item)



class ExchangeWithdrawnSerializer(serializers.Serializer):
    offer = ExchangeOfferSerializer()
    reversed_bookings = serializers.IntegerField()


@extend_schema(operation_id="community_exchange_offer_withdraw", request=None,
               responses={200: ExchangeWithdrawnSerializer, 400: ErrorSerializer,
                          403: ErrorSerializer, 404: _NOT_FOUND, 409: _CONFLICT})
@api_view(["POST"])
def offer_withdraw(request: Request, pk: int) -> Response:
    """Withdraw an offer: every open booking is given back in a new transaction."""
    item = _offer(pk)
    result = services.withdraw_offer(actor=Actor.for_user(request.user), offer_id=item.pk)
    return Response({"offer": ExchangeOfferSerializer(_offer(pk)).data,
                     "reversed_bookings": result.reversed})


@paginated_list
@extend_schema(methods=["GET"], operation_id="community_exchange_offer_bookings",
               responses={200: ExchangeBookingSerializer(many=True), 404: _NOT_FOUND})
@extend_schema(methods=["POST"], operation_id="community_exchange_offer_book",
               request=ExchangeBookingInput,
               responses={201: ExchangeBookingSerializer, 400: ErrorSerializer,
                          403: ErrorSerializer, 404: _NOT_FOUND, 409: _CONFLICT})
@api_view(["GET", "POST"])
def offer_bookings(request: Request, pk: int) -> Response:
    """The bookings on an offer; POST books places for an organisation the caller trades
    for (its account pays the places times the credits a place)."""
    item = _offer(pk)
    if request.method == "POST":
        data = validated(ExchangeBookingInput, request.data)
        organisation = _organisation(data["organisation"], required=True)
        booking = services.book_places(actor=Actor.for_user(request.user), offer_id=item.pk,
                                       organisation=organisation, places=data["places"])
        return Response(ExchangeBookingSerializer(_booking(booking.pk)).data,
                        status=status.HTTP_201_CREATED)
    return paginated_response(request, sel.bookings(offer_id=item.pk), ExchangeBookingSerializer)


@paginated_list
@extend_schema(operation_id="community_exchange_bookings", parameters=[_ORG],
               responses={200: ExchangeBookingSerializer(many=True), 400: ErrorSerializer})
@api_view(["GET"])
def bookings(request: Request) -> Response:
    """Every booking, newest first; ``?organisation=ABBR`` those made by or for it."""
    organisation = _organisation(request.query_params.get("organisation"))
    return paginated_response(request, sel.bookings(
        organisation_id=getattr(organisation, "pk", None)), ExchangeBookingSerializer)


@extend_schema(operation_id="community_exchange_booking",
               responses={200: ExchangeBookingSerializer, 404: _NOT_FOUND})
@api_view(["GET"])
def booking(request: Request, pk: int) -> Response:
    return Response(ExchangeBookingSerializer(_booking(pk)).data)


@extend_schema(operation_id="community_exchange_booking_cancel", request=ExchangeCloseInput,
               responses={200: ExchangeBookingSerializer, 400: ErrorSerializer,
                          403: ErrorSerializer, 404: _NOT_FOUND, 409: _CONFLICT})
@api_view(["POST"])
def booking_cancel(request: Request, pk: int) -> Response:
    """Cancel a booking before the session (the booker or the offerer)."""
    item = _booking(pk)
    services.cancel_booking(actor=Actor.for_user(request.user), booking_id=item.pk,
                            memo=validated(ExchangeCloseInput, request.data)["memo"])
    return Response(ExchangeBookingSerializer(_booking(pk)).data)


@extend_schema(operation_id="community_exchange_booking_refund", request=ExchangeCloseInput,
               responses={200: ExchangeBookingSerializer, 400: ErrorSerializer,
                          403: ErrorSerializer, 404: _NOT_FOUND, 409: _CONFLICT})
@api_view(["POST"])
def booking_refund(request: Request, pk: int) -> Response:
    """Refund a booking after the session started, e.g. it did not happen (the offerer)."""
    item = _booking(pk)
    services.refund_booking(actor=Actor.for_user(request.user), booking_id=item.pk,
                            memo=validated(ExchangeCloseInput, request.data)["memo"])
    return Response(ExchangeBookingSerializer(_booking(pk)).data)


class ExchangeStatementEntrySerializer(serializers.Serializer):
    transaction_id = serializers.IntegerField()
    date = serializers.CharField()
    kind = serializers.CharField(help_text="booking, cancellation or refund")
    amount = serializers.IntegerField()
    balance_after = serializers.IntegerField()
    counterparty = serializers.CharField()
    offer = serializers.CharField()
    booking_id = serializers.IntegerField()


class ExchangeStatementSerializer(serializers.Serializer):
    organisation = serializers.CharField()
    balance = serializers.IntegerField()
    limit = serializers.IntegerField()
    entries = ExchangeStatementEntrySerializer(many=True)


@extend_schema(operation_id="community_exchange_statement",
               parameters=[OpenApiParameter("organisation", str, required=True,
                                            description="An organisation's abbreviation.")],
               responses={200: ExchangeStatementSerializer, 400: ErrorSerializer})
@api_view(["GET"])
def statement(request: Request) -> Response:
    """An organisation's entries, oldest first, with the balance after each."""
    organisation = _organisation(request.query_params.get("organisation"), required=True)
    account = ExchangeAccount.objects.filter(organisation=organisation).first()
    return Response({"organisation": organisation.name,
                     "balance": account.balance if account else 0,
                     "limit": account.credit_limit if account else sel.default_credit_limit(),
                     "entries": sel.statement(organisation)})


class ExchangeLimitSerializer(serializers.Serializer):
    organisation = serializers.CharField()
    organisation_id = serializers.IntegerField()
    limit = serializers.IntegerField()
    balance = serializers.IntegerField()
    available = serializers.IntegerField()
    over_limit = serializers.BooleanField()


class ExchangeLimitInput(serializers.Serializer):
    #: Named as it reads (``limit``); left out, the limit stays as it is.
    limit = serializers.IntegerField(min_value=0, max_value=ledger.MAX_CREDIT_LIMIT,
                                     required=False)


@extend_schema(operation_id="community_exchange_limits",
               responses={200: ExchangeLimitSerializer(many=True)})
@api_view(["GET"])
def limits(request: Request) -> Response:
    """Every organisation's credit limit, balance and what it may still spend."""
    return Response(ExchangeLimitSerializer(sel.limit_rows(), many=True).data)


def _limit_row(organisation: Organisation) -> dict:
    account = ExchangeAccount.objects.filter(organisation=organisation).first()
    limit = account.credit_limit if account else sel.default_credit_limit()
    balance = account.balance if account else 0
    return {"organisation": organisation.name, "organisation_id": organisation.pk,
            "limit": limit, "balance": balance, "available": max(0, balance + limit),
            "over_limit": balance < -limit}


@extend_schema(methods=["GET"], operation_id="community_exchange_limit",
               responses={200: ExchangeLimitSerializer, 404: _NOT_FOUND})
@extend_schema(methods=["PATCH"], operation_id="community_exchange_limit_update",
               request=ExchangeLimitInput,
               responses={200: ExchangeLimitSerializer, 400: ErrorSerializer, 403: ErrorSerializer,
                          404: _NOT_FOUND})
@api_view(["GET", "PATCH"])
def limit(request: Request, organisation_id: int) -> Response:
    """One organisation's credit limit; PATCH sets it (the central team)."""
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise Http404("No such organisation.")
    if request.method == "PATCH":
        data = validated(ExchangeLimitInput, request.data, partial=True)
        if "limit" in data:
            services.set_credit_limit(actor=Actor.for_user(request.user),
                                      organisation=organisation, credit_limit=data["limit"])
    return Response(ExchangeLimitSerializer(_limit_row(organisation)).data)


__all__ = ["balances", "booking", "booking_cancel", "booking_refund", "bookings", "limit",
           "limits", "offer", "offer_bookings", "offer_withdraw", "offers", "statement"]
