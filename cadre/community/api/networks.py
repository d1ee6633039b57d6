"""Communities and events API: the same selectors and services as the pages.

- ``GET``/``POST /api/v1/community/networks/``; ``GET``/``PATCH .../networks/{id}/``
  (ETag/If-Match); ``POST .../networks/{id}/close/``;
- ``GET .../networks/{id}/members/`` (names: members, leads, organisers; others 403),
  ``POST`` (join yourself with ``{}``, or a lead adds ``{"person": ...}``),
  ``DELETE .../networks/{id}/members/{person_id}/`` (leave, or a lead removes);
- ``POST .../networks/{id}/leads/`` (``{"person"}``, organisers),
  ``DELETE .../networks/{id}/leads/{person_id}/``;
- ``GET``/``POST /api/v1/community/events/`` (``community`` filter, ``when`` upcoming|past|all),
  ``GET``/``PATCH .../events/{id}/`` (ETag/If-Match), ``POST .../events/{id}/cancel/``;
- ``GET .../events/{id}/registrations/`` (leads), ``POST`` (register yourself: 201 with a
  place or a waiting-list place; 409 if already registered),
  ``DELETE .../events/{id}/registrations/{registration_id}/``;
- ``POST .../events/{id}/attendance/`` (``{"registration", "attendance"}``, leads);
- ``GET .../events/{id}/feedback/`` (summary, leads), ``POST`` (``{"rating", "comment"}``).

A conflict (already registered, already a member, already cancelled) is 409.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.community.models import (
    MAX_CAPACITY,
    MAX_CPD_HOURS,
    MAX_DESCRIPTION,
    MAX_FEEDBACK,
    Attendance,
    Community,
    CommunityEvent,
    EventFormat,
    Membership,
    Registration,
    Scope,
)
from cadre.community.selectors import networks as sel
from cadre.community.services import networks as services
from cadre.core.actor import Actor
from cadre.core.api_concurrency import if_match, with_etag
from cadre.core.api_errors import ConflictSerializer, ErrorSerializer
from cadre.core.api_kit import validated
from cadre.core.api_pagination import paginated_list, paginated_response
from cadre.core.inputs import parse_choice, parse_id

_NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such record")
_CONFLICT = OpenApiResponse(ConflictSerializer, description="No longer possible (409)")


def _conflict(exc: services.NetworkConflict) -> Response:
    return Response({"detail": exc.message,
                     "errors": [{"field": exc.field, "message": exc.message}],
                     "current_state": "conflict"}, status=status.HTTP_409_CONFLICT)


def _community(pk: int) -> Community:
    found = sel.community(pk)
    if found is None:
        raise Http404("No such community.")
    return found


def _event(pk: int) -> CommunityEvent:
    found = sel.event(pk)
    if found is None:
        raise Http404("No such event.")
    return found


class CommunitySerializer(serializers.ModelSerializer):
    role_family_name = serializers.SerializerMethodField()
    members = serializers.IntegerField(source="member_count", read_only=True)
    upcoming_events = serializers.IntegerField(source="upcoming_count", read_only=True)

    class Meta:
        model = Community
        fields = ["id", "name", "summary", "scope", "area", "role_family", "role_family_name",
                  "topic", "is_open", "closed_on", "members", "upcoming_events", "created_at"]

    def get_role_family_name(self, community: Community) -> str:
        return community.role_family.name if community.role_family_id else ""


class CommunityInput(serializers.Serializer):
    name = serializers.CharField(max_length=services.MAX_NAME)
    summary = serializers.CharField(max_length=MAX_DESCRIPTION, required=False,
                                    allow_blank=True, default="")
    scope = serializers.ChoiceField(choices=Scope.choices)
    area = serializers.CharField(max_length=services.MAX_AREA, required=False,
                                 allow_blank=True, default="")
    role_family = serializers.IntegerField(min_value=1, required=False, allow_null=True,
                                           default=None)
    topic = serializers.CharField(max_length=services.MAX_TOPIC, required=False,
                                  allow_blank=True, default="")
    is_open = serializers.BooleanField(required=False, default=True)


class MemberSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()
    organisation = serializers.CharField(source="person.organisation.name")

    class Meta:
        model = Membership
        fields = ["id", "person", "name", "organisation", "role", "joined_on"]

    def get_name(self, membership: Membership) -> str:
        return f"{membership.person.first_name} {membership.person.last_name}"


class PersonInput(serializers.Serializer):
    person = serializers.CharField(max_length=100, required=False, allow_blank=True,
                                   help_text="A person's id or ORGANISATION/STAFF_NUMBER; "
                                             "leave out to join yourself.")


class EventSerializer(serializers.ModelSerializer):
    community_name = serializers.CharField(source="community.name", read_only=True)
    places_taken = serializers.IntegerField(read_only=True)
    waiting = serializers.IntegerField(source="waiting_count", read_only=True)
    status = serializers.CharField(read_only=True, help_text="scheduled or cancelled")
    joining_link = serializers.CharField(read_only=True,
                                         help_text="The address to join online; empty for an "
                                                   "event in person only.")

    class Meta:
        model = CommunityEvent
        fields = ["id", "community", "community_name", "title", "description", "format",
                  "location", "joining_link", "starts_at", "ends_at", "capacity",
                  "places_taken", "waiting", "cpd_hours", "status", "uid", "sequence"]


class EventInput(serializers.Serializer):
    community = serializers.IntegerField(min_value=1)
    title = serializers.CharField(max_length=services.MAX_TITLE)
    description = serializers.CharField(max_length=MAX_DESCRIPTION, required=False,
                                        allow_blank=True, default="")
    format = serializers.ChoiceField(choices=EventFormat.choices)
    location = serializers.CharField(max_length=services.MAX_LOCATION, required=False,
                                     allow_blank=True, default="")
    joining_link = serializers.URLField(max_length=services.MAX_LINK, required=False,
                                        allow_blank=True, default="")
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    capacity = serializers.IntegerField(min_value=1, max_value=MAX_CAPACITY)
    cpd_hours = serializers.DecimalField(max_digits=4, decimal_places=1, min_value=0,
                                         max_value=MAX_CPD_HOURS)


class EventChange(EventInput):
    community = None  # type: ignore[assignment]


class CancelInput(serializers.Serializer):
    reason = serializers.CharField(max_length=services.MAX_REASON, required=False,
                                   allow_blank=True, default="")


REGISTRATION_STATUS_HELP = "registered (has a place), waiting or cancelled"


class RegistrationSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()
    organisation = serializers.CharField(source="person.organisation.name")
    status = serializers.CharField(read_only=True, help_text=REGISTRATION_STATUS_HELP)

    class Meta:
        model = Registration
        fields = ["id", "person", "name", "organisation", "status", "registered_at",
                  "attendance"]

    def get_name(self, registration: Registration) -> str:
        return f"{registration.person.first_name} {registration.person.last_name}"


class OwnRegistrationSerializer(serializers.ModelSerializer):
    waiting_position = serializers.SerializerMethodField()
    status = serializers.CharField(read_only=True, help_text=REGISTRATION_STATUS_HELP)

    class Meta:
        model = Registration
        fields = ["id", "event", "status", "registered_at", "waiting_position"]

    def get_waiting_position(self, registration: Registration) -> int | None:
        return sel.waiting_position(registration)


class AttendanceInput(serializers.Serializer):
    registration = serializers.IntegerField(min_value=1)
    attendance = serializers.ChoiceField(choices=Attendance.choices, allow_blank=True,
                                         help_text="attended, absent, or empty (not recorded)")


class FeedbackInput(serializers.Serializer):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(max_length=MAX_FEEDBACK, required=False, allow_blank=True,
                                    default="")


class FeedbackSummarySerializer(serializers.Serializer):
    suppressed = serializers.BooleanField(help_text="True below the threshold: no figures.")
    threshold = serializers.IntegerField()
    count = serializers.IntegerField(allow_null=True)
    mean = serializers.DecimalField(max_digits=3, decimal_places=1, allow_null=True)
    comments = serializers.ListField(child=serializers.CharField())


# -- communities -----------------------------------------------------------------------

@paginated_list
@extend_schema(methods=["GET"], responses=CommunitySerializer(many=True),
               parameters=[OpenApiParameter("q", OpenApiTypes.STR),
                           OpenApiParameter("closed", OpenApiTypes.BOOL)])
@extend_schema(methods=["POST"], request=CommunityInput,
               responses={201: CommunitySerializer, 400: ErrorSerializer, 403: ErrorSerializer})
@api_view(["GET", "POST"])
def network_list(request: Request) -> Response:
    if request.method == "POST":
        data = validated(CommunityInput, request.data)
        community = services.create_community(actor=Actor.for_user(request.user), **data)
        return Response(CommunitySerializer(sel.community(community.pk)).data,
                        status=status.HTTP_201_CREATED)
    closed = str(request.query_params.get("closed", "")).lower() in ("true", "1", "yes")
    qs = sel.communities(include_closed=closed,
                         search=str(request.query_params.get("q", ""))[:200].strip())
    return paginated_response(request, qs, CommunitySerializer)


@extend_schema(methods=["GET"], responses={200: CommunitySerializer, 404: _NOT_FOUND})
@extend_schema(methods=["PATCH"], request=CommunityInput,
               responses={200: CommunitySerializer, 400: ErrorSerializer, 403: ErrorSerializer,
                          404: _NOT_FOUND, 412: ErrorSerializer})
@api_view(["GET", "PATCH"])
def network_detail(request: Request, community_id: int) -> Response:
    community = _community(community_id)
    if request.method == "PATCH":
        data = validated(CommunityInput, request.data, partial=True)
        services.update_community(actor=Actor.for_user(request.user), community=community,
                                  if_match=if_match(request), **data)
        community = _community(community_id)
    return with_etag(Response(CommunitySerializer(community).data), community)


@extend_schema(request=None, responses={200: CommunitySerializer, 400: ErrorSerializer,
                                        403: ErrorSerializer, 404: _NOT_FOUND,
                                        409: _CONFLICT})
@api_view(["POST"])
def network_close(request: Request, community_id: int) -> Response:
    community = _community(community_id)
    try:
        services.close_community(actor=Actor.for_user(request.user), community=community)
    except services.NetworkConflict as exc:
        return _conflict(exc)
    return Response(CommunitySerializer(_community(community_id)).data)


@paginated_list
@extend_schema(methods=["GET"], responses={200: MemberSerializer(many=True),
                                           403: ErrorSerializer, 404: _NOT_FOUND})
@extend_schema(methods=["POST"], request=PersonInput,
               responses={201: MemberSerializer, 400: ErrorSerializer, 403: ErrorSerializer,
                          404: _NOT_FOUND, 409: _CONFLICT})
@api_view(["GET", "POST"])
def network_members(request: Request, community_id: int) -> Response:
    community = _community(community_id)
    if request.method == "POST":
        data = validated(PersonInput, request.data)
        actor = Actor.for_user(request.user)
        try:
            if data.get("person"):
                row = services.add_member(actor=actor, community=community,
                                          person=data["person"])
            else:
                row = services.join_community(actor=actor, community=community)
        except services.NetworkConflict as exc:
            return _conflict(exc)
        return Response(MemberSerializer(row).data, status=status.HTTP_201_CREATED)
    if not sel.may_see_members(request.user, community):
        raise PermissionDenied("Only members of this community see who its members are.")
    return paginated_response(request, sel.members(community), MemberSerializer)


@extend_schema(request=None, responses={204: None, 400: ErrorSerializer, 403: ErrorSerializer,
                                        404: _NOT_FOUND, 409: _CONFLICT})
@api_view(["DELETE"])
def network_member(request: Request, community_id: int, person_id: int) -> Response:
    community = _community(community_id)
    try:
        services.leave_community(actor=Actor.for_user(request.user), community=community,
                                 person=parse_id(person_id, field="person"))
    except services.NetworkConflict as exc:
        return _conflict(exc)
    return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(request=PersonInput, responses={201: MemberSerializer, 400: ErrorSerializer,
                                               403: ErrorSerializer, 404: _NOT_FOUND,
                                               409: _CONFLICT})
@api_view(["POST"])
def network_leads(request: Request, community_id: int) -> Response:
    community = _community(community_id)
    data = validated(PersonInput, request.data)
    try:
        row = services.set_lead(actor=Actor.for_user(request.user), community=community,
                                person=data.get("person") or "")
    except services.NetworkConflict as exc:
        return _conflict(exc)
    return Response(MemberSerializer(row).data, status=status.HTTP_201_CREATED)


@extend_schema(request=None, responses={204: None, 400: ErrorSerializer, 403: ErrorSerializer,
                                        404: _NOT_FOUND, 409: _CONFLICT})
@api_view(["DELETE"])
def network_lead(request: Request, community_id: int, person_id: int) -> Response:
    community = _community(community_id)
    try:
        services.set_lead(actor=Actor.for_user(request.user), community=community,
                          person=parse_id(person_id, field="person"), lead=False)
    except services.NetworkConflict as exc:
        return _conflict(exc)
    return Response(status=status.HTTP_204_NO_CONTENT)


# -- events ----------------------------------------------------------------------------

@paginated_list
@extend_schema(methods=["GET"], responses={200: EventSerializer(many=True),
                                           400: ErrorSerializer}, parameters=[
    OpenApiParameter("community", OpenApiTypes.INT),
    OpenApiParameter("when", OpenApiTypes.STR, enum=["upcoming", "past", "all"])])
@extend_schema(methods=["POST"], request=EventInput,
               responses={201: EventSerializer, 400: ErrorSerializer, 403: ErrorSerializer})
@api_view(["GET", "POST"])
def event_list(request: Request) -> Response:
    if request.method == "POST":
        data = validated(EventInput, request.data)
        community = data.pop("community")
        event = services.create_event(actor=Actor.for_user(request.user), community=community,
                                      **data)
        return Response(EventSerializer(sel.event(event.pk)).data,
                        status=status.HTTP_201_CREATED)
    params = request.query_params
    community = parse_id(params.get("community"), field="community", default=None)
    when = parse_choice(params.get("when"), field="when", choices=("upcoming", "past", "all"),
                        default="upcoming")
    upcoming: Any = {"upcoming": True, "past": False, "all": None}[when]
    return paginated_response(request, sel.events(community=community, upcoming=upcoming),
                              EventSerializer)


@extend_schema(methods=["GET"], responses={200: EventSerializer, 404: _NOT_FOUND})
@extend_schema(methods=["PATCH"], request=EventChange,
               responses={200: EventSerializer, 400: ErrorSerializer, 403: ErrorSerializer,
                          404: _NOT_FOUND, 409: _CONFLICT, 412: ErrorSerializer})
@api_view(["GET", "PATCH"])
def event_detail(request: Request, event_id: int) -> Response:
    event = _event(event_id)
    if request.method == "PATCH":
        data = validated(EventChange, request.data, partial=True)
        try:
            services.update_event(actor=Actor.for_user(request.user), event=event,
                                  if_match=if_match(request), **data)
        except services.NetworkConflict as exc:
            return _conflict(exc)
        event = _event(event_id)
    return with_etag(Response(EventSerializer(event).data), event)


@extend_schema(request=CancelInput, responses={200: EventSerializer, 400: ErrorSerializer,
                                               403: ErrorSerializer, 404: _NOT_FOUND,
                                               409: _CONFLICT})
@api_view(["POST"])
def event_cancel(request: Request, event_id: int) -> Response:
    event = _event(event_id)
    data = validated(CancelInput, request.data)
    try:
        services.cancel_event(actor=Actor.for_user(request.user), event=event, **data)
    except services.NetworkConflict as exc:
        return _conflict(exc)
    return Response(EventSerializer(_event(event_id)).data)


@paginated_list
@extend_schema(methods=["GET"], responses={200: RegistrationSerializer(many=True),
                                           403: ErrorSerializer, 404: _NOT_FOUND})
@extend_schema(methods=["POST"], request=None,
               responses={201: OwnRegistrationSerializer, 400: ErrorSerializer,
                          403: ErrorSerializer, 404: _NOT_FOUND, 409: _CONFLICT})
@api_view(["GET", "POST"])
def event_registrations(request: Request, event_id: int) -> Response:
    event = _event(event_id)
    if request.method == "POST":
        try:
            row = services.register(actor=Actor.for_user(request.user), event=event)
        except services.NetworkConflict as exc:
            return _conflict(exc)
        return Response(OwnRegistrationSerializer(row).data, status=status.HTTP_201_CREATED)
    if not sel.may_run(request.user, event.community):
        raise PermissionDenied(services.LEADS_ONLY)
    return paginated_response(request, sel.registrations(event), RegistrationSerializer)


@extend_schema(request=None, responses={204: None, 400: ErrorSerializer, 403: ErrorSerializer,
                                        404: _NOT_FOUND, 409: _CONFLICT})
@api_view(["DELETE"])
def event_registration(request: Request, event_id: int, registration_id: int) -> Response:
    event = _event(event_id)
    try:
        services.cancel_registration(actor=Actor.for_user(request.user), event=event,
                                     registration=parse_id(registration_id,
                                                           field="registration"))
    except services.NetworkConflict as exc:
        return _conflict(exc)
    return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(request=AttendanceInput,
               responses={200: RegistrationSerializer, 400: ErrorSerializer,
                          403: ErrorSerializer, 404: _NOT_FOUND})
@api_view(["POST"])
def event_attendance(request: Request, event_id: int) -> Response:
    event = _event(event_id)
    data = validated(AttendanceInput, request.data)
    row = services.record_attendance(actor=Actor.for_user(request.user), event=event,
                                     registration=data["registration"],
                                     attendance=data["attendance"])
    return Response(RegistrationSerializer(row).data)


@extend_schema(methods=["GET"], responses={200: FeedbackSummarySerializer,
                                           403: ErrorSerializer, 404: _NOT_FOUND})
@extend_schema(methods=["POST"], request=FeedbackInput,
               responses={201: OwnRegistrationSerializer, 400: ErrorSerializer,
                          403: ErrorSerializer, 404: _NOT_FOUND, 409: _CONFLICT})
@api_view(["GET", "POST"])
def event_feedback(request: Request, event_id: int) -> Response:
    event = _event(event_id)
    if request.method == "POST":
        data = validated(FeedbackInput, request.data)
        try:
            row = services.give_feedback(actor=Actor.for_user(request.user), event=event,
                                         rating=data["rating"], comment=data["comment"])
        except services.NetworkConflict as exc:
            return _conflict(exc)
        return Response(OwnRegistrationSerializer(row).data, status=status.HTTP_201_CREATED)
    if not sel.may_run(request.user, event.community):
        raise PermissionDenied(services.LEADS_ONLY)
    return Response(FeedbackSummarySerializer(sel.feedback_summary(event)).data)

