"""Communications API (issue 18 point 4), for the central team and administrators; the
same selectors and services as the pages.

- ``GET``/``POST /api/v1/community/stakeholders/``, ``GET``/``PATCH .../<id>/``;
- ``GET /api/v1/community/channels/``;
- ``GET``/``POST /api/v1/community/audiences/``, ``GET .../<id>/`` (the definition in
  words and how many are in it now);
- ``GET``/``POST /api/v1/community/messages/``, ``GET``/``PATCH .../<id>/`` (a PATCH makes
  a new version and puts the message back to draft; send ``expected_version``, the
  version you read, to be refused with 409 if someone changed it since);
- ``GET .../messages/<id>/versions/``;
- ``POST .../messages/<id>/transition/`` with ``action`` (submit, return_for_changes,
  assure, comment, send), ``version`` (to assure) and ``comment``. A step no longer
  possible (another request got there first, the message was changed) is a 409;
- ``GET .../messages/<id>/figures/``: delivery figures.
"""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.community.models import (
    MAX_AUDIENCE_ITEMS,
    MAX_BODY,
    MAX_COMMENT,
    MAX_NOTES,
    MAX_SUBJECT,
    MAX_TITLE,
    Audience,
    Channel,
    CommunityMessage,
    MessageVersion,
    Stakeholder,
    StakeholderKind,
)
from cadre.community.selectors import communications as sel
from cadre.community.services import communications as services
from cadre.core.actor import Actor
from cadre.core.api_errors import ConflictSerializer, ErrorSerializer
from cadre.core.api_kit import validated
from cadre.core.api_pagination import paginated_list, paginated_response
from cadre.organisations.models import OrganisationType

_NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such record")
_CONFLICT = OpenApiResponse(ConflictSerializer, description="The message changed first")


def _actor(request: Request) -> Actor:
    return Actor.for_user(request.user)


# ---------------------------------------------------------------------------- stakeholders


class CommunityStakeholderSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    contact_email = serializers.CharField(read_only=True,
                                          help_text="An email address; empty when none is kept.")

    class Meta:
        model = Stakeholder
        fields = ["id", "name", "kind", "kind_label", "contact_email", "notes"]


class CommunityStakeholderInput(serializers.Serializer):
    name = serializers.CharField(max_length=MAX_TITLE)
    kind = serializers.ChoiceField(choices=StakeholderKind.choices)
    contact_email = serializers.EmailField(max_length=254, required=False, allow_blank=True,
                                           default="")
    notes = serializers.CharField(max_length=MAX_NOTES, required=False, allow_blank=True,
                                  default="")


@paginated_list
@extend_schema(methods=["GET"], responses={200: CommunityStakeholderSerializer(many=True)})
@extend_schema(methods=["POST"], request=CommunityStakeholderInput,
               responses={201: CommunityStakeholderSerializer, 400: ErrorSerializer})
@api_view(["GET", "POST"])
def stakeholder_list(request: Request) -> Response:
    """The external stakeholders in the register; POST adds one."""
    if request.method == "POST":
        found = services.create_stakeholder(actor=_actor(request),
                                            **validated(CommunityStakeholderInput, request.data))
        return Response(CommunityStakeholderSerializer(found).data, status=status.HTTP_201_CREATED)
    return paginated_response(request, sel.stakeholders().order_by("id"),
                              CommunityStakeholderSerializer)


@extend_schema(methods=["GET"], responses={200: CommunityStakeholderSerializer, 404: _NOT_FOUND})
@extend_schema(methods=["PATCH"], request=CommunityStakeholderInput,
               responses={200: CommunityStakeholderSerializer, 400: ErrorSerializer,
                          404: _NOT_FOUND})
@api_view(["GET", "PATCH"])
def stakeholder_detail(request: Request, pk: int) -> Response:
    """One external stakeholder; PATCH changes the fields sent."""
    found = sel.stakeholders().filter(pk=pk).first()
    if found is None:
        raise Http404("No such stakeholder.")
    if request.method == "PATCH":
        found = services.update_stakeholder(
            actor=_actor(request), stakeholder_id=found.pk,
            **validated(CommunityStakeholderInput, request.data, partial=True))
    return Response(CommunityStakeholderSerializer(found).data)


class CommunityChannelSerializer(serializers.ModelSerializer):
    class Meta:
        model = Channel
        fields = ["id", "key", "name", "description", "sent_by_cadre"]


@paginated_list
@extend_schema(responses={200: CommunityChannelSerializer(many=True)})
@api_view(["GET"])
def channel_list(request: Request) -> Response:
    """The channels messages go out on (only email is sent by Cadre)."""
    return paginated_response(request, sel.channels().order_by("id"), CommunityChannelSerializer)


# ---------------------------------------------------------------------------- audiences


class CommunityAudienceSerializer(serializers.ModelSerializer):
    organisations = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    role_families = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    grades = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    stakeholders = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    organisation_types = serializers.ListField(child=serializers.CharField())
    definition = serializers.SerializerMethodField()

    class Meta:
        model = Audience
        fields = ["id", "name", "description", "organisation_types", "organisations",
                  "role_families", "grades", "in_profession_only", "stakeholders",
                  "definition"]

    def get_definition(self, audience: Audience) -> str:
        return sel.describe(audience)


class CommunityAudienceDetailSerializer(CommunityAudienceSerializer):
    people = serializers.SerializerMethodField(help_text="People in the audience now.")
    external_stakeholders = serializers.SerializerMethodField(
        help_text="Named stakeholders with a contact email.")

    class Meta(CommunityAudienceSerializer.Meta):
        fields = [*CommunityAudienceSerializer.Meta.fields, "people", "external_stakeholders"]

    def get_people(self, audience: Audience) -> int:
        return sel.audience_people(audience).count()

    def get_external_stakeholders(self, audience: Audience) -> int:
        return sel.audience_stakeholders(audience).count()


def _ids() -> serializers.ListField:
    return serializers.ListField(child=serializers.IntegerField(min_value=1),
                                 max_length=MAX_AUDIENCE_ITEMS, required=False, default=list)


class CommunityAudienceInput(serializers.Serializer):
    name = serializers.CharField(max_length=MAX_TITLE)
    description = serializers.CharField(max_length=MAX_NOTES, required=False,
                                        allow_blank=True, default="")
    organisation_types = serializers.ListField(
        child=serializers.CharField(max_length=40), required=False, default=list,
        max_length=len(OrganisationType.choices),
        help_text="Organisation types (as /api/v1/organisations/ gives them): "
                  + ", ".join(OrganisationType.values) + ".")
    organisation_ids = _ids()
    role_family_ids = _ids()
    grade_ids = _ids()
    stakeholder_ids = _ids()
    in_profession_only = serializers.BooleanField(required=False, default=True)


@paginated_list
@extend_schema(methods=["GET"], responses={200: CommunityAudienceSerializer(many=True)})
@extend_schema(methods=["POST"], request=CommunityAudienceInput,
               responses={201: CommunityAudienceDetailSerializer, 400: ErrorSerializer})
@api_view(["GET", "POST"])
def audience_list(request: Request) -> Response:
    """The audiences (definitions); POST defines one."""
    if request.method == "POST":
        found = services.create_audience(actor=_actor(request),
                                         **validated(CommunityAudienceInput, request.data))
        return Response(CommunityAudienceDetailSerializer(found).data,
                        status=status.HTTP_201_CREATED)
    return paginated_response(request, sel.audiences().order_by("id"), CommunityAudienceSerializer)


@extend_schema(responses={200: CommunityAudienceDetailSerializer, 404: _NOT_FOUND})
@api_view(["GET"])
def audience_detail(request: Request, pk: int) -> Response:
    """One audience and how many are in it now."""
    found = sel.audiences().filter(pk=pk).first()
    if found is None:
        raise Http404("No such audience.")
    return Response(CommunityAudienceDetailSerializer(found).data)


# ---------------------------------------------------------------------------- messages


class CommunityMessageVersionSerializer(serializers.ModelSerializer):
    created_by = serializers.CharField(source="created_by.email", default=None)

    class Meta:
        model = MessageVersion
        fields = ["number", "subject", "body", "created_by", "created_at"]


class CommunityMessageSerializer(serializers.ModelSerializer):
    channel = serializers.CharField(source="channel.key")
    state_label = serializers.CharField(source="get_state_display")
    author = serializers.CharField(source="author.email", default=None)
    assured_by = serializers.CharField(source="assured_by.email", default=None, allow_null=True)
    assured_version = serializers.IntegerField(source="assured_version.number", default=None,
                                               allow_null=True)
    subject = serializers.SerializerMethodField()
    body = serializers.SerializerMethodField()

    class Meta:
        model = CommunityMessage
        fields = ["id", "title", "channel", "audience", "essential", "state", "state_label",
                  "version_number", "subject", "body", "author", "assured_version",
                  "assured_by", "assured_at", "sent_at"]

    def _latest(self, message: CommunityMessage) -> MessageVersion:
        return sel.latest_version(message)

    def get_subject(self, message: CommunityMessage) -> str:
        return self._latest(message).subject

    def get_body(self, message: CommunityMessage) -> str:
        return self._latest(message).body


class CommunityMessageInput(serializers.Serializer):
    title = serializers.CharField(max_length=MAX_TITLE)
    channel = serializers.SlugRelatedField(slug_field="key", queryset=Channel.objects.all(),
                                           help_text="A channel's key, e.g. email.")
    audience = serializers.PrimaryKeyRelatedField(queryset=Audience.objects.all())
    essential = serializers.BooleanField(required=False, default=False)
    subject = serializers.CharField(max_length=MAX_SUBJECT)
    body = serializers.CharField(max_length=MAX_BODY)


class CommunityMessagePatch(CommunityMessageInput):
    expected_version = serializers.IntegerField(
        min_value=1, required=False,
        help_text="The version you read; a 409 if the message has moved on.")


def _message_values(data: dict) -> dict:
    values = dict(data)
    if "channel" in values:
        values["channel"] = values["channel"].pk
    if "audience" in values:
        values["audience"] = values["audience"].pk
    return values


def _message(pk: int) -> CommunityMessage:
    found = sel.messages().filter(pk=pk).first()
    if found is None:
        raise Http404("No such message.")
    return found


@paginated_list
@extend_schema(methods=["GET"], responses={200: CommunityMessageSerializer(many=True)})
@extend_schema(methods=["POST"], request=CommunityMessageInput,
               responses={201: CommunityMessageSerializer, 400: ErrorSerializer})
@api_view(["GET", "POST"])
def message_list(request: Request) -> Response:
    """Every message; POST drafts one (version 1)."""
    if request.method == "POST":
        found = services.create_message(
            actor=_actor(request),
            **_message_values(validated(CommunityMessageInput, request.data)))
        return Response(CommunityMessageSerializer(_message(found.pk)).data,
                        status=status.HTTP_201_CREATED)
    return paginated_response(request, sel.messages().order_by("id"), CommunityMessageSerializer)


@extend_schema(methods=["GET"], responses={200: CommunityMessageSerializer, 404: _NOT_FOUND})
@extend_schema(methods=["PATCH"], request=CommunityMessagePatch,
               responses={200: CommunityMessageSerializer, 400: ErrorSerializer, 404: _NOT_FOUND,
                          409: _CONFLICT})
@api_view(["GET", "PATCH"])
def message_detail(request: Request, pk: int) -> Response:
    """One message and its latest version; PATCH saves a new version (back to draft)."""
    found = _message(pk)
    if request.method == "PATCH":
        values = _message_values(validated(CommunityMessagePatch, request.data, partial=True))
        expected = values.pop("expected_version", None)
        services.revise_message(actor=_actor(request), message_id=found.pk,
                                expected_version=expected, **values)
        found = _message(pk)
    return Response(CommunityMessageSerializer(found).data)


@paginated_list
@extend_schema(responses={200: CommunityMessageVersionSerializer(many=True), 404: _NOT_FOUND})
@api_view(["GET"])
def message_versions(request: Request, pk: int) -> Response:
    """Every version of a message, newest first."""
    found = _message(pk)
    return paginated_response(request, found.versions.select_related("created_by")
                              .order_by("-number"), CommunityMessageVersionSerializer)


class CommunityMessageTransitionInput(serializers.Serializer):
    action = serializers.ChoiceField(choices=[(a, a) for a in services.ACTIONS])
    version = serializers.IntegerField(min_value=1, required=False,
                                       help_text="The version assured (for assure).")
    comment = serializers.CharField(max_length=MAX_COMMENT, required=False, allow_blank=True,
                                    default="")


@extend_schema(request=CommunityMessageTransitionInput,
               responses={200: CommunityMessageSerializer, 400: ErrorSerializer, 404: _NOT_FOUND,
                          409: _CONFLICT})
@api_view(["POST"])
def message_transition(request: Request, pk: int) -> Response:
    """Submit for assurance, return for changes, assure a version, comment, or send."""
    found = _message(pk)
    data = validated(CommunityMessageTransitionInput, request.data)
    services.transition_message(actor=_actor(request), message_id=found.pk, **data)
    return Response(CommunityMessageSerializer(_message(pk)).data)




class CommunityMessageFiguresSerializer(serializers.Serializer):
    message = serializers.IntegerField()
    state = serializers.CharField()
    recipients = serializers.IntegerField(help_text=sel.FIGURE_WORDS["recipients"])
    queued = serializers.IntegerField(help_text=sel.FIGURE_WORDS["queued"])
    sent = serializers.IntegerField(help_text=sel.FIGURE_WORDS["sent"])
    delivered = serializers.IntegerField(help_text=sel.FIGURE_WORDS["delivered"])
    failed = serializers.IntegerField(help_text=sel.FIGURE_WORDS["failed"])
    skipped_unsubscribed = serializers.IntegerField(
        help_text=sel.FIGURE_WORDS["skipped_unsubscribed"])


@extend_schema(responses={200: CommunityMessageFiguresSerializer, 404: _NOT_FOUND})
@api_view(["GET"])
def message_figures(request: Request, pk: int) -> Response:
    """Delivery figures of a message (all zero before it is sent)."""
    found = _message(pk)
    return Response({"message": found.pk, "state": found.state,
                     **sel.figures(found).as_dict()})


__all__ = ["audience_detail", "audience_list", "channel_list", "message_detail",
           "message_figures", "message_list", "message_transition", "message_versions",
           "stakeholder_detail", "stakeholder_list"]
