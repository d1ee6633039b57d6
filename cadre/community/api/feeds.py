"""API: the caller's personal community calendar feed (GET whether one is active, POST to
create or replace it and get its address once, DELETE to revoke it), and a community's
feed address (GET, made when first needed; POST replaces it: leads and organisers)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.community.models import PersonalFeed
from cadre.community.selectors import feeds as sel
from cadre.community.services import feeds as services
from cadre.core.api_errors import ErrorSerializer
from cadre.people.models import Person
from cadre.people.selectors import own_person


class PersonalFeedSerializer(serializers.Serializer):
    active = serializers.BooleanField(help_text="Whether the person has a feed that works.")
    created_at = serializers.DateTimeField(allow_null=True)
    last_used_at = serializers.DateTimeField(
        allow_null=True, help_text="When a calendar last read the feed, noted at most once "
                                   "an hour.")


class PersonalFeedCreatedSerializer(PersonalFeedSerializer):
    url = serializers.CharField(
        help_text="The feed's secret address. Shown only in this answer: Cadre keeps only a "
                  "hash of it.")


class CommunityFeedSerializer(serializers.Serializer):
    community = serializers.IntegerField(help_text="The community's id.")
    name = serializers.CharField()
    url = serializers.CharField(help_text="The community feed's address (iCalendar).")
    may_replace = serializers.BooleanField(
        help_text="Whether the caller may replace the address (leads and organisers).")


def _status(feed: PersonalFeed | None) -> dict:
    return {"active": feed is not None,
            "created_at": feed.created_at if feed else None,
            "last_used_at": feed.last_used_at if feed else None}


def _person(request: Request) -> Person:
    person = own_person(request.user)
    if person is None:
        raise PermissionDenied("Your account is not linked to a person record.")
    return person


@extend_schema(methods=["GET"], responses=PersonalFeedSerializer,
               summary="Whether the caller has an active community calendar feed")
@extend_schema(methods=["POST"], request=None, responses={201: PersonalFeedCreatedSerializer},
               summary="Create the caller's community calendar feed, replacing any active one")
@extend_schema(methods=["DELETE"], request=None,
               responses={204: OpenApiResponse(description="The feed is revoked."),
                          404: OpenApiResponse(ErrorSerializer,
                                               description="No active feed to revoke.")},
               summary="Revoke the caller's community calendar feed")
@api_view(["GET", "POST", "DELETE"])
def personal_feed(request: Request) -> Response:
    person = _person(request)
    if request.method == "POST":
        feed, raw = services.create_personal_feed(actor=request.user, person=person)
        return Response({**_status(feed), "url": services.personal_feed_url(raw)},
                        status=status.HTTP_201_CREATED)
    if request.method == "DELETE":
        if services.revoke_personal_feed(actor=request.user, person=person) is None:
            raise NotFound("You have no active community calendar feed.")
        return Response(status=status.HTTP_204_NO_CONTENT)
    return Response(_status(sel.active_feed(person)))


@extend_schema(methods=["GET"], responses={200: CommunityFeedSerializer,
                                           404: ErrorSerializer},
               summary="A community's calendar feed address (made when first needed)")
@extend_schema(methods=["POST"], request=None,
               responses={200: CommunityFeedSerializer, 403: ErrorSerializer,
                          404: ErrorSerializer},
               summary="Replace a community's calendar feed address; the old one stops "
                       "working")
@api_view(["GET", "POST"])
def community_feed(request: Request, community_id: int) -> Response:
    community = sel.visible_community(request.user, community_id)
    if community is None:
        raise NotFound("No such community.")
    may_replace = sel.may_replace_key(request.user, community)
    if request.method == "POST":
        key = services.replace_community_key(actor=request.user, community_id=community.pk)
    else:
        key = services.ensure_community_key(actor=request.user, community_id=community.pk)
    return Response({"community": community.pk, "name": community.name,
                     "url": services.community_feed_url(key), "may_replace": may_replace})
