"""API: the caller's own calendar feed. GET tells whether one is active, POST creates (or
replaces) it and returns its address once, DELETE revokes it."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.calendars import selectors, services
from cadre.calendars.models import CalendarFeed
from cadre.core.api_errors import ErrorSerializer


class FeedStatusSerializer(serializers.Serializer):
    active = serializers.BooleanField(help_text="Whether the account has a feed that works.")
    created_at = serializers.DateTimeField(allow_null=True)
    last_used_at = serializers.DateTimeField(
        allow_null=True, help_text="When a calendar last read the feed, noted at most once an "
                                   "hour.")


class FeedCreatedSerializer(FeedStatusSerializer):
    url = serializers.CharField(
        help_text="The feed's secret address. Shown only in this answer: Cadre keeps only a "
                  "hash of it.")


def _status(feed: CalendarFeed | None) -> dict:
    return {"active": feed is not None,
            "created_at": feed.created_at if feed else None,
            "last_used_at": feed.last_used_at if feed else None}


@extend_schema(methods=["GET"], responses=FeedStatusSerializer,
               summary="Whether the caller has an active calendar feed")
@extend_schema(methods=["POST"], request=None, responses={201: FeedCreatedSerializer},
               summary="Create the caller's calendar feed, replacing any active one")
@extend_schema(methods=["DELETE"], request=None,
               responses={204: OpenApiResponse(description="The feed is revoked."),
                          404: OpenApiResponse(ErrorSerializer,
                                               description="No active feed to revoke.")},
               summary="Revoke the caller's calendar feed")
@api_view(["GET", "POST", "DELETE"])
def calendar_feed(request: Request) -> Response:
    if request.method == "POST":
        feed, raw = services.create_feed(actor=request.user, user=request.user)
        return Response({**_status(feed), "url": services.feed_url(raw)},
                        status=status.HTTP_201_CREATED)
    if request.method == "DELETE":
        if services.revoke_feed(actor=request.user, user=request.user) is None:
            raise NotFound("You have no active calendar feed.")
        return Response(status=status.HTTP_204_NO_CONTENT)
    return Response(_status(selectors.active_feed(request.user)))
