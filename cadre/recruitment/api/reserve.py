"""Reserve list API (issue 21 point 5): the same selectors and services as the pages.

- ``GET``/``POST /api/v1/recruitment/reserve/`` (``?state=``): the entries the caller may
  see (names only where ``selectors.reserve.shows_name`` allows); POST ``{application}``
  puts a candidate on the list;
- ``GET .../reserve/<id>/``: one entry with its offers;
- ``GET .../reserve/<id>/targets/``: similar roles (``?offerable=true``: only those of
  organisations the caller recruits for);
- ``GET``/``POST .../reserve/<id>/offers/``: the entry's offers; POST ``{target, note,
  version}`` makes one (``target`` is ``campaign:ID`` or ``vacancy:ID``); a second offer while
  one is out, or a stale version, is a 409;
- ``POST .../reserve/<id>/withdraw/`` ``{reason, version}``: the candidate or the hub;
- ``GET .../reserve-offers/<id>/``; ``POST .../reserve-offers/<id>/respond/`` ``{answer:
  accept|decline, reason, version}``; ``POST .../reserve-offers/<id>/withdraw/``;
- ``POST .../reserve/expire/`` ``{today}``: the hub ends entries past their 12 months.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.core.actor import Actor
from cadre.core.api_errors import ConflictSerializer, ErrorSerializer
from cadre.core.api_kit import validated
from cadre.core.api_pagination import paginated_list, paginated_response
from cadre.core.inputs import invalid
from cadre.core.objects import get_visible_or_404
from cadre.recruitment.models import (
    MAX_OFFER_NOTE,
    MAX_RESERVE_REASON,
    ReserveEntry,
    ReserveEntryState,
    ReserveOffer,
)
from cadre.recruitment.selectors import reserve as sel
from cadre.recruitment.services import reserve as services

_NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such record, or not one "
                                                          "you can see")
_CONFLICT = OpenApiResponse(ConflictSerializer, description="Changed by someone else, or no "
                                                            "longer possible (409)")
_WRITES = {400: ErrorSerializer, 403: ErrorSerializer, 404: _NOT_FOUND, 409: _CONFLICT}


def _actor(request: Request) -> Actor:
    return Actor.for_user(request.user)


def _entry(request: Request, pk: Any) -> ReserveEntry:
    return get_visible_or_404(sel.visible_entries(request.user), pk,
                              message="No such reserve list entry, or not one you can see.")


def _offer(request: Request, pk: Any) -> ReserveOffer:
    return get_visible_or_404(sel.visible_offers(request.user), pk,
                              message="No such reserve list offer, or not one you can see.")


class ReserveOfferSerializer(serializers.ModelSerializer):
    entry_id = serializers.IntegerField(read_only=True)
    target = serializers.SerializerMethodField(help_text="campaign:ID or vacancy:ID")
    target_title = serializers.SerializerMethodField()
    organisation = serializers.SerializerMethodField(help_text="The target's organisation "
                                                               "(abbreviation).")
    placed_application_id = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = ReserveOffer
        fields = ["id", "entry_id", "target", "target_title", "organisation", "note", "state",
                  "offered_at", "responded_at", "reason", "placed_application_id", "version"]

    def get_target(self, obj: ReserveOffer) -> str:
        return (f"campaign:{obj.campaign_id}" if obj.campaign_id is not None
                else f"vacancy:{obj.vacancy_id}")

    def get_target_title(self, obj: ReserveOffer) -> str:
        return obj.target.title  # type: ignore[union-attr]

    def get_organisation(self, obj: ReserveOffer) -> str:
        return obj.target.organisation.abbreviation  # type: ignore[union-attr]


class ReserveEntrySerializer(serializers.ModelSerializer):
    candidate = serializers.SerializerMethodField(
        help_text="The candidate's name, or a reference (R and the entry's id) for those who "
                  "may not see it.")
    name_shown = serializers.SerializerMethodField()
    internal = serializers.BooleanField(source="application.internal")
    role = serializers.CharField(source="role_level.role.name")
    role_level = serializers.CharField(source="role_level.name")
    campaign_id = serializers.IntegerField(source="application.campaign_id")
    organisation = serializers.CharField(source="application.campaign.organisation"
                                                ".abbreviation")

    class Meta:
        model = ReserveEntry
        fields = ["id", "candidate", "name_shown", "internal", "role", "role_level_id",
                  "role_level", "campaign_id", "organisation", "decided_on", "expires_on",
                  "state", "version"]

    def get_candidate(self, obj: ReserveEntry) -> str:
        return sel.candidate_label(self.context["request"].user, obj)

    def get_name_shown(self, obj: ReserveEntry) -> bool:
        return sel.shows_name(self.context["request"].user, obj)


class ReserveEntryDetailSerializer(ReserveEntrySerializer):
    offers = serializers.SerializerMethodField()

    class Meta(ReserveEntrySerializer.Meta):
        fields = [*ReserveEntrySerializer.Meta.fields, "offers"]

    @extend_schema_field(ReserveOfferSerializer(many=True))
    def get_offers(self, obj: ReserveEntry) -> list[dict[str, Any]]:
        return ReserveOfferSerializer(sel.offers_of(obj), many=True).data


class ReserveTargetSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="campaign:ID or vacancy:ID, as an offer names it.")
    kind = serializers.CharField()
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    organisation = serializers.CharField()
    role_level = serializers.CharField()
    closing_date = serializers.DateField()
    steps = serializers.IntegerField(help_text="Steps of seniority from the entry's level.")


class ReserveAddInput(serializers.Serializer):
    application = serializers.IntegerField(min_value=1, help_text="The application's id.")


class ReserveOfferInput(serializers.Serializer):
    target = serializers.CharField(max_length=40, help_text="campaign:ID or vacancy:ID")
    note = serializers.CharField(max_length=MAX_OFFER_NOTE, required=False, allow_blank=True,
                                 default="")
    version = serializers.IntegerField(min_value=0, required=False, allow_null=True,
                                       help_text="The entry's version read; another stored "
                                                 "one is a 409.")


class ReserveRespondInput(serializers.Serializer):
    answer = serializers.CharField(max_length=20, help_text="accept or decline")
    reason = serializers.CharField(max_length=MAX_RESERVE_REASON, required=False,
                                   allow_blank=True, default="")
    version = serializers.IntegerField(min_value=0, required=False, allow_null=True)


class ReserveWithdrawInput(serializers.Serializer):
    reason = serializers.CharField(max_length=MAX_RESERVE_REASON, required=False,
                                   allow_blank=True, default="")
    version = serializers.IntegerField(min_value=0, required=False, allow_null=True)


class ReserveExpireInput(serializers.Serializer):
    today = serializers.DateField(required=False, allow_null=True,
                                  help_text="The day to expire on (default: today).")


class ReserveExpirySerializer(serializers.Serializer):
    today = serializers.DateField()
    expired = serializers.ListField(child=serializers.IntegerField())
    offers_withdrawn = serializers.ListField(child=serializers.IntegerField())
    stale_offers_withdrawn = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="Offers withdrawn because their campaign closed or was cancelled (or their "
                  "vacancy was filled or withdrawn); their entries are back on the list.")


def _detail(request: Request, entry: ReserveEntry) -> dict[str, Any]:
    return ReserveEntryDetailSerializer(_entry(request, entry.pk),
                                        context={"request": request}).data


@paginated_list
@extend_schema(methods=["GET"], operation_id="recruitment_reserve",
               parameters=[OpenApiParameter("state", str, enum=ReserveEntryState.values)],
               responses={200: ReserveEntrySerializer(many=True), 400: ErrorSerializer})
@extend_schema(methods=["POST"], operation_id="recruitment_reserve_add", request=ReserveAddInput,
               responses={201: ReserveEntryDetailSerializer, **_WRITES})
@api_view(["GET", "POST"])
def reserve_list(request: Request) -> Response:
    """Reserve list entries the caller may see; POST puts a candidate on the list."""
    if request.method == "POST":
        data = validated(ReserveAddInput, request.data)
        entry = services.add_to_reserve(actor=_actor(request),
                                        application_id=data["application"])
        return Response(_detail(request, entry), status=status.HTTP_201_CREATED)
    state = str(request.query_params.get("state") or "").strip()
    if state and state not in ReserveEntryState.values:
        raise invalid("state", f"Choose one of {', '.join(ReserveEntryState.values)}.")
    return paginated_response(request, sel.entries(request.user, state=state or None),
                              ReserveEntrySerializer)


@extend_schema(operation_id="recruitment_reserve_entry",
               responses={200: ReserveEntryDetailSerializer, 404: _NOT_FOUND})
@api_view(["GET"])
def entry_detail(request: Request, pk: int) -> Response:
    """One reserve list entry and its offers."""
    return Response(_detail(request, _entry(request, pk)))


@extend_schema(operation_id="recruitment_reserve_targets",
               parameters=[OpenApiParameter("offerable", bool, description="Only roles of "
                                            "organisations you recruit for.")],
               responses={200: ReserveTargetSerializer(many=True), 404: _NOT_FOUND})
@api_view(["GET"])
def entry_targets(request: Request, pk: int) -> Response:
    """Similar roles being recruited for: the same role family, at most one step of
    seniority away, in other organisations."""
    entry = _entry(request, pk)
    raw = str(request.query_params.get("offerable") or "").strip().lower()
    if raw not in ("", "true", "false", "1", "0", "yes", "no"):
        raise invalid("offerable", "Give true or false.")
    rows = sel.similar_targets(request.user, entry,
                               offerable_only=raw in ("true", "1", "yes"))
    return Response(ReserveTargetSerializer(rows, many=True).data)


@extend_schema(methods=["GET"], operation_id="recruitment_reserve_offers",
               responses={200: ReserveOfferSerializer(many=True), 404: _NOT_FOUND})
@extend_schema(methods=["POST"], operation_id="recruitment_reserve_offer_create",
               request=ReserveOfferInput, responses={201: ReserveOfferSerializer, **_WRITES})
@api_view(["GET", "POST"])
def entry_offers(request: Request, pk: int) -> Response:
    """The entry's offers; POST offers the candidate a role (one offer out at a time)."""
    entry = _entry(request, pk)
    if request.method == "POST":
        data = validated(ReserveOfferInput, request.data)
        offer = services.make_offer(actor=_actor(request), entry_id=entry.pk,
                                    target=data["target"], note=data["note"],
                                    version=data.get("version"))
        return Response(ReserveOfferSerializer(offer).data, status=status.HTTP_201_CREATED)
    return Response(ReserveOfferSerializer(sel.offers_of(entry), many=True).data)


@extend_schema(operation_id="recruitment_reserve_withdraw", request=ReserveWithdrawInput,
               responses={200: ReserveEntryDetailSerializer, **_WRITES})
@api_view(["POST"])
def entry_withdraw(request: Request, pk: int) -> Response:
    """The candidate (or the hub) takes the entry off the list."""
    entry = _entry(request, pk)
    data = validated(ReserveWithdrawInput, request.data)
    services.withdraw_entry(actor=_actor(request), entry_id=entry.pk, reason=data["reason"],
                            version=data.get("version"))
    return Response(_detail(request, entry))


@extend_schema(operation_id="recruitment_reserve_offer",
               responses={200: ReserveOfferSerializer, 404: _NOT_FOUND})
@api_view(["GET"])
def offer_detail(request: Request, pk: int) -> Response:
    """One offer."""
    return Response(ReserveOfferSerializer(_offer(request, pk)).data)


@extend_schema(operation_id="recruitment_reserve_respond", request=ReserveRespondInput,
               responses={200: ReserveOfferSerializer, **_WRITES})
@api_view(["POST"])
def offer_respond(request: Request, pk: int) -> Response:
    """The candidate's answer (accepting appoints them without a second assessment)."""
    offer = _offer(request, pk)
    data = validated(ReserveRespondInput, request.data)
    answered = services.respond(actor=_actor(request), offer_id=offer.pk,
                                answer=data["answer"], reason=data["reason"],
                                version=data.get("version"))
    return Response(ReserveOfferSerializer(answered).data)


@extend_schema(operation_id="recruitment_reserve_offer_withdraw",
               request=ReserveWithdrawInput,
               responses={200: ReserveOfferSerializer, **_WRITES})
@api_view(["POST"])
def offer_withdraw(request: Request, pk: int) -> Response:
    """The target's recruiters (or the hub) withdraw an offer still waiting."""
    offer = _offer(request, pk)
    data = validated(ReserveWithdrawInput, request.data)
    withdrawn = services.withdraw_offer(actor=_actor(request), offer_id=offer.pk,
                                        reason=data["reason"], version=data.get("version"))
    return Response(ReserveOfferSerializer(withdrawn).data)


@extend_schema(operation_id="recruitment_reserve_expire", request=ReserveExpireInput,
               responses={200: ReserveExpirySerializer, 400: ErrorSerializer,
                          403: ErrorSerializer})
@api_view(["POST"])
def expire(request: Request) -> Response:
    """End every entry past its 12 months (the hub)."""
    data = validated(ReserveExpireInput, request.data)
    report = services.expire_entries(actor=_actor(request), today=data.get("today"))
    return Response(ReserveExpirySerializer(report.as_dict()).data)
